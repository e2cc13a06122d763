local M = {}

function M.shout(s)
	return s .. "!"
end

return M
