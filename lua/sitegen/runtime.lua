-- runtime.lua: sitegen's template runtime, embedded in the binary. It is
-- run once in each worker's Lua state, after the C side has put the
-- compiled templates, the helpers and the site model in place, and
-- returns the function the C side calls to render one output file.
--
-- Templates run in an environment that can read the site and call the
-- helpers, and nothing else: no io, os, require, load or debug.

local templates, helpers, site, forbidden, dirs, site_helpers,
    linedefined, deps, concat, pieces_meta, uses, whole, freeze, unwrap,
    c_vars_of, template_args, toc_meta, shared_get, shared_put = ...

local setmetatable, error, type, pairs = setmetatable, error, type, pairs
local tostring, next, rawget, rawlen = tostring, next, rawget, rawlen

local MAX_DEPTH = 32		-- layouts and includes nested deeper are a loop

-- The compiled templates (template.c): each chunk is called once with
-- the C side's functions (luaescape.h). A tag whose whole output is one
-- call of include, in a template whose code only ever calls include,
-- calls it as include(whole, o, n, ...): it appends the partial's pieces
-- to the caller's o[1..n] and returns their new number. Any other such
-- tag (mark_current, a template's own include) goes through the C side's
-- _c, which calls mark_current the same way.
for name, chunk in pairs(templates) do
	templates[name] = chunk(template_args())
end
local _, raw = template_args()		-- _r: a value as a piece

-- Read-only tables: what every render of a worker shares (the site
-- model, the libraries, helper tables, what once() keeps) must not be
-- changed by one render, or the output would depend on which worker
-- rendered what before (--jobs). Each such table is seen through an empty
-- proxy whose metatable reads from it and refuses writes, at the template
-- line that tried; the links between tables are to proxies. The C side
-- makes them (luafreeze.h): the model's as it makes the model, the rest
-- with freeze(v), v's proxy if it is a table (its table values frozen in
-- place first), else v; unwrap(v) is the table behind a proxy, else v.

-- The environment every template sees underneath its own variables.
local base = {}
for _, name in ipairs({ "assert", "error", "ipairs", "pairs", "pcall",
    "rawequal", "select", "tonumber", "tostring", "type", "xpcall" }) do
	base[name] = _G[name]
end
-- xpcall's handler would run where the error was raised, and an error
-- from the budget hook is raised inside the hook, where hooks are off: a
-- handler that loops would never be stopped. Here the handler runs once
-- the call has unwound, under the budget like any other code.
local pcall, pack, unpack = pcall, table.pack, table.unpack
base.xpcall = function(f, handler, ...)
	local r = pack(pcall(f, ...))
	if r[1] then return unpack(r, 1, r.n) end
	local _, v = pcall(handler, r[2])
	return false, v
end
-- next, rawget and rawlen see through frozen tables, and next and
-- rawlen see a page's toc, whose entries are made as they are read
-- (luatoc.c), as the list it stands for
local getmetatable = getmetatable
base.next = function(t, k)
	if getmetatable(t) == toc_meta then
		k = (k or 0) + 1
		local v = t[k]
		if v == nil then return nil end
		return k, v
	end
	return next(unwrap(t), k)
end
base.rawget = function(t, k) return rawget(unwrap(t), k) end
base.rawlen = function(t)
	if getmetatable(t) == toc_meta then return #t end
	return rawlen(unwrap(t))
end
local function copy(t)
	local c = {}
	for k, v in pairs(t) do c[k] = v end
	return c
end
base.string = copy(string)
base.string.dump = nil
base.table = copy(table)
base.math = copy(math)
base.math.random, base.math.randomseed = nil, nil	-- output must be reproducible
base.utf8 = copy(utf8)
local texts = site.i18n		-- as read: freeze() puts a proxy in its place
base.site = freeze(site)
for _, lib in ipairs({ "string", "table", "math", "utf8" }) do
	base[lib] = freeze(base[lib])
end
for name, fn in pairs(helpers) do base[name] = fn end

-- i18n(key [, vars]): a text with nothing to fill in straight from a
-- table of them (plain); texts by count, a {name} to fill in and a key no
-- file has go to the C helper (luahelpers.c), which reports the last at
-- the template's line. Calling the C helper for every text made the
-- default theme's words a fiftieth of a page's render.
local plain, c_i18n = {}, helpers.i18n
for k, v in pairs(texts) do
	if type(v) == "string" and not v:find("{", 1, true) then plain[k] = v end
end
base.i18n = function(key, vars)
	if vars == nil then
		local v = plain[key]
		if v then return v end
	end
	return c_i18n(key, vars)
end

-- json(v): v as JSON, object keys sorted so output is reproducible.
local function json(v, depth)
	depth = depth or 0
	if depth > 64 then error("json: value nested too deep (or a cycle)", 0) end
	local t = type(v)
	if v == nil then return "null"
	elseif t == "boolean" then return tostring(v)
	elseif t == "number" then
		if v ~= v or v == math.huge or v == -math.huge then return "null" end
		if math.type(v) == "integer" then return string.format("%d", v) end
		return string.format("%.17g", v)
	elseif t == "string" then
		return '"' .. v:gsub('[%c"\\<>&\127]', function(c)
			if c == '"' then return '\\"' elseif c == "\\" then return "\\\\"
			elseif c == "\n" then return "\\n" end
			return string.format("\\u%04x", c:byte())
		end) .. '"'
	elseif t == "table" then
		local out = {}
		if #v > 0 then
			for i = 1, #v do out[i] = json(v[i], depth + 1) end
			return "[" .. table.concat(out, ",") .. "]"
		end
		local keys = {}
		for k in pairs(v) do
			if type(k) == "string" then keys[#keys + 1] = k end
		end
		if #keys == 0 then return "[]" end
		table.sort(keys)
		for i, k in ipairs(keys) do
			out[i] = json(k) .. ":" .. json(v[k], depth + 1)
		end
		return "{" .. table.concat(out, ",") .. "}"
	end
	error("json: cannot encode a " .. t, 0)
end
base.json = function(v) return json(v) end

local base_meta = { __index = function(_, name)
	if forbidden[name] then
		error("'" .. name .. "' is not available in templates: a " ..
		    "template can read the site and nothing else", 2)
	end
	return nil
end }
setmetatable(base, base_meta)

-- This site's own helpers (lua/site/*.lua), each returning a table of
-- functions, run in the same sandbox as templates. Templates call them by
-- name, like the built-in helpers; a helper may not take the name of a
-- built-in, of a template variable or of another file's helper.
local variables = { page = true, section = true, content = true,
    toc = true, tag = true, layout = true, include = true, once = true }
-- Their code is the site's: the collector, stopped while the C side made
-- the model and this file froze it, runs again before any of it.
collectgarbage("restart")
local defined_in = {}
local names = {}
for name in pairs(site_helpers) do names[#names + 1] = name end
table.sort(names)
for _, name in ipairs(names) do
	local file = "lua/site/" .. name
	local chunk, err = load(site_helpers[name], "@" .. file, "t", base)
	if chunk == nil then error(err, 0) end
	local fns = chunk()
	if type(fns) ~= "table" then
		error(file .. ": must return a table of helper functions " ..
		    "(return { name = function(...) ... end })", 0)
	end
	local keys = {}
	for k in pairs(fns) do
		if type(k) ~= "string" then
			error(file .. ": must return a table of helpers by " ..
			    "name (return { name = function(...) ... end })", 0)
		end
		keys[#keys + 1] = k
	end
	table.sort(keys)
	for _, k in ipairs(keys) do
		local line = linedefined(fns[k])
		local where = file .. (line and line > 0 and ":" .. line or "")
		if defined_in[k] then
			error(where .. ": helper '" .. k .. "' is also defined " ..
			    "in " .. defined_in[k] .. ": give one another name", 0)
		elseif rawget(base, k) ~= nil or variables[k] then
			error(where .. ": helper '" .. k .. "' has the name of " ..
			    "sitegen's own '" .. k .. "', which templates " ..
			    "rely on: give it another name", 0)
		end
		defined_in[k] = file
		base[k] = freeze(fns[k])
	end
end

local render

-- The variables an include passes, in a table made with room for the
-- two that environment adds (grown key by key, it was made three times).
local function vars_of(more, meta)
	local v = c_vars_of(more, meta)
	if v then return v end
	-- a table with a __pairs (a frozen one): through pairs
	v = meta and {} or { layout = false, include = false }
	for k, x in pairs(more) do v[k] = x end
	return setmetatable(v, meta)
end

-- What each template uses (template.h's SG_TMPL_*): 2, layout; 4,
-- include. A template that names neither (most partials) is not given
-- them: two closures a call fewer.
local USES_LAYOUT, USES_INCLUDE = 2, 4

-- Makes the environment for one template call: vars on top of the
-- caller's environment (or the base), with layout and include bound to
-- this call, where the template uses them. The call's state (its depth,
-- the layout it asks for) is kept in the environment's metatable, one
-- table fewer a call.
local function environment(vars, parent, state, used)
	local env = setmetatable(vars or {}, state)
	state.__index = parent or base
	if used & USES_LAYOUT ~= 0 then
		env.layout = function(name)
			if type(name) ~= "string" then
				error("layout expects a template name", 2)
			end
			state.layout = name
		end
	end
	if used & USES_INCLUDE ~= 0 then
		local function include(name, more, a3, a4, a5)
			-- "<%- include(...) -%>" calls it as include(whole,
			-- o, n, name, more): the partial's pieces then go
			-- straight to the caller's, o[n + 1] on, and it
			-- returns their new number
			local o, at
			if name == whole then
				o, at, name, more = more, a3, a4, a5
			end
			-- (a name templates has is a string: type() is a
			-- call, and the name is rarely anything else)
			local fn, used = templates[name], uses[name]
			if fn == nil and type(name) ~= "string" then
				error("include expects a template name", 2)
			end
			if more ~= nil and type(more) ~= "table" then
				error("include expects a table of variables", 2)
			end
			local depth = state.depth + 1
			local out, n
			if fn and used and used & USES_LAYOUT == 0 and
			    depth <= MAX_DEPTH then
				-- a partial that cannot ask for a layout (most):
				-- called here, in the environment render would
				-- make, without render's loop and call (they
				-- and environment's call were a fifth of the
				-- cost of including an empty partial)
				local vars
				if used & USES_INCLUDE == 0 then
					-- it reads nothing of its call's state
					-- but env: one metatable serves every
					-- such include of this call
					local kid = state.kid
					if kid == nil then
						kid = { __index = env }
						state.kid = kid
					end
					vars = vars_of(more, kid)
				else
					vars = environment(vars_of(more), env,
					    { __index = env, depth = depth,
					    kid = nil }, used)
				end
				if o == nil then
					out, n = fn(vars)
					if type(out) ~= "table" then
						return out
					end
					return concat(out, "", 1, n)
				end
				-- its pieces appended to the caller's: no
				-- table of its own, no piece list to join
				out, n = fn(vars, o, at)
				if out == o then return n end
				-- it ended early with return v: v is its
				-- output (what it appended is left past at,
				-- to be written over)
				if type(out) ~= "table" then
					o[at + 1] = raw(out)
					return at + 1
				end
			elseif o == nil then
				return render(name, vars_of(more), env, depth)
			else
				out, n = render(name, vars_of(more), env, depth,
				    true)
			end
			-- the output of a partial with a layout: one piece
			-- (a piece list, unless it is one or no piece)
			if n == 0 then return at end
			o[at + 1] = n == 1 and raw(out[1]) or
			    setmetatable({ out, n }, pieces_meta)
			return at + 1
		end
		-- (not in whole, one key fewer to make and collect for
		-- each environment: a tag that is one call of include
		-- calls it with whole itself, or, in a template that
		-- names include otherwise, calls it through _c as a
		-- function that returns its output, template.c)
		env.include = include
	end
	return env
end

-- Renders template name with vars; follows the layouts it asks for, each
-- getting the output so far as content (a piece list: see below). A
-- template returns its output as pieces (template.c); they are joined here, but those of the
-- last layout of a whole page, with pieces, which the C side joins
-- straight into its buffer (a copy of the page, and a string of its size
-- for the collector, less).
render = function(name, vars, parent, depth, pieces)
	local out, n
	repeat
		if depth > MAX_DEPTH then
			error("templates nested more than " .. MAX_DEPTH ..
			    " deep: does a layout or include use itself?", 0)
		end
		local fn = templates[name]
		if fn == nil then
			error("no template '" .. tostring(name) .. "' in " ..
			    dirs, 0)
		end
		local state = { __index = false, depth = depth, layout = nil,
		    kid = nil }
		out, n = fn(environment(vars, parent, state, uses[name] or 7))
		name = state.layout
		if type(out) ~= "table" then
			-- a template that ended early with return v: v is its
			-- output (a page's one piece: a number as text, nil
			-- none, which the C side reports)
			if pieces and not name then
				out, n = { type(out) == "number" and
				    tostring(out) or out }, 1
			end
		elseif name then
			-- the pieces go to the layout as they are, a piece
			-- list, for the join to copy once, instead of being
			-- joined into a string of the page's size that is
			-- copied again; "<%- content -%>" outputs it, and a
			-- template that reads content any other way turns it
			-- into a string first (template.c)
			out = setmetatable({ out, n }, pieces_meta)
		elseif not pieces then
			out = concat(out, "", 1, n)
		end
		if name then
			-- made at its size in one call (copy() grew it key
			-- by key, four times for a page's six)
			vars = c_vars_of(vars) or copy(vars)
			vars.content = out
			vars.layout, vars.include = nil, nil
			depth = depth + 1
		end
	until name == nil
	if pieces then return out, n end
	return out
end

-- once(key, fn): fn's result, computed on the first call with this key in
-- this worker and reused after: for what is the same on every page (the
-- navigation, say). The result must not depend on the page: workers
-- each compute it once, and all must get the same. When serve tracks
-- which pages a render reads (deps), a render that reuses a value is
-- said to read what computing it read.
-- A text one worker made is kept for the others (luaonce.c), which take
-- it instead of making it again: shared_get and shared_put, nil where
-- renders note what they read.
local cache, read = {}, {}
base.once = function(key, fn)
	local v = cache[key]
	if v == nil then
		local mark = deps and deps.mark()
		v = shared_get and shared_get(key)
		if v == nil then
			v = freeze(fn())
			if shared_put and type(v) == "string" then
				shared_put(key, v)
			end
		end
		cache[key] = v
		if deps then read[key] = deps.since(mark) end
	elseif deps then
		deps.add(read[key])
	end
	return v
end

-- from here on a helper's global variables are shared by every render of
-- a worker: they may not change
base_meta.__newindex = function(_, k)
	error("cannot set the global '" .. tostring(k) .. "' in a helper: " ..
	    "what one render changes would show in others (use a local)", 2)
end

-- Called by the C side for each output file (with pieces, the page's
-- pieces and their number; without, the page as a string); and the
-- function that forgets what once() kept, for serve to call before it
-- renders pages again after an edit.
return function(name, vars, pieces)
	return render(name, vars, nil, 1, pieces)
end, function()
	cache, read = {}, {}
end
