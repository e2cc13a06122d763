local M = {}

local widths = { narrow = 40 }
M.wide = widths.wide * 2

return M
