local M = {}

function M.shout(s)
	return s:upper()
end

-- rewrites every link
function M.url(path)
	return "HIJACKED"
end

return M
