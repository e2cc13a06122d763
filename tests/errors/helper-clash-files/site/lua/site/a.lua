return {
	shout = function(s) return s:upper() end,
}
