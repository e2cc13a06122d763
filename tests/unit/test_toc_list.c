/* test_toc_list.c: toc_list(entries), the helper that makes the list of a
 * table of contents, against the loop partials/toc-list.html ran before
 * it (written here in Lua, escape() for each value), and its errors. */
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

#include "harness.h"
#include "templates/luaescape.h"
#include "templates/luamodel.h"
#include "util.h"

/* The loop of the theme's toc-list.html, and lists to give both: levels
 * 1 to 6 in any order, ids and titles that need escaping (the five
 * characters, a control character, invalid UTF-8), nil, numbers, empty
 * strings; as plain tables and as read-only proxies (a __index and a
 * __len, as freeze() makes them). Returns the number of lists whose
 * outputs differ and the first of them. */
static const char	 compare[] =
"local toc_list, escape = ...\n"
"local function loop(toc)\n"
"  local n, top = #toc, toc[1].level\n"
"  for i = 2, n do local l = toc[i].level; if l < top then top = l end end\n"
"  local o = { '<ul>\\n' }\n"
"  for i = 1, n do local h = toc[i]\n"
"    o[#o + 1] = '<li class=\"toc-depth-' .. escape(h.level - top) ..\n"
"      '\"><a href=\"#' .. escape(h.id) .. '\">' .. escape(h.title) ..\n"
"      '</a></li>\\n'\n"
"  end\n"
"  o[#o + 1] = '</ul>\\n'\n"
"  return table.concat(o)\n"
"end\n"
"local texts = { 'intro', 'a-b_c', 'Tom & Jerry', '<script>', 'say \"hi\"',\n"
"  \"it's\", 'caf\\195\\169', 'bad \\255 byte', 'bell \\7', '', 42, nil,\n"
"  'x > y', string.rep('long ', 40) }\n"
"local function proxy(t)\n"
"  return setmetatable({}, { __index = t, __len = function() return #t end,\n"
"    __newindex = function() error('read-only') end })\n"
"end\n"
"math.randomseed(7)\n"
"local bad, first = 0, nil\n"
"for round = 1, 400 do\n"
"  local toc = {}\n"
"  for i = 1, math.random(1, 12) do\n"
"    local h = { level = math.random(1, 6), id = texts[math.random(1, 14)],\n"
"      title = texts[math.random(1, 14)] }\n"
"    toc[i] = round % 2 == 0 and proxy(h) or h\n"
"  end\n"
"  if round % 3 == 0 then toc = proxy(toc) end\n"
"  local want, got = loop(toc), toc_list(toc)\n"
"  if got ~= want then\n"
"    bad = bad + 1\n"
"    first = first or ('got ' .. got .. '\\nwant ' .. want)\n"
"  end\n"
"end\n"
"return bad, first\n";

/* Calls the helper through the table sg_lua_helpers makes, with the Lua
 * expression args as its arguments; returns its result or its error
 * message prefixed "error: " (the call's chunk is "t"). The caller
 * frees. */
static char *
call(const char *args)
{
	lua_State	*L = luaL_newstate();
	char		*code, *out;
	const char	*s;

	luaL_openlibs(L);
	sg_lua_helpers(L, NULL, sg_lua_escape);
	lua_getfield(L, -1, "toc_list");
	lua_setglobal(L, "toc_list");
	code = xasprintf("return toc_list(%s)", args);
	if (luaL_loadbuffer(L, code, strlen(code), "=t") != LUA_OK ||
	    lua_pcall(L, 0, 1, 0) != LUA_OK) {
		s = lua_tostring(L, -1);
		out = xasprintf("error: %s", s ? s : "?");
	} else
		out = xstrdup(lua_tostring(L, -1) ? lua_tostring(L, -1) :
		    "(not a string)");
	free(code);
	lua_close(L);
	return out;
}

#define CHECK_CALL(args, want) do {					\
	char	*r_ = call(args);					\
									\
	CHECK_STR(r_, want);						\
	free(r_);							\
} while (0)

/* The same list as the theme's loop made, for 400 lists. */
static void
test_as_the_loop(void)
{
	lua_State	*L = luaL_newstate();

	luaL_openlibs(L);
	sg_lua_helpers(L, NULL, sg_lua_escape);
	CHECK(luaL_loadstring(L, compare) == LUA_OK);
	lua_getfield(L, -2, "toc_list");
	lua_getfield(L, -3, "escape");
	if (lua_pcall(L, 2, 2, 0) != LUA_OK) {
		printf("  %s\n", lua_tostring(L, -1));
		harness_case_failed = 1;
	} else {
		CHECK(lua_tointeger(L, -2) == 0);
		if (lua_isstring(L, -1))
			printf("  %s\n", lua_tostring(L, -1));
	}
	lua_close(L);
}

/* A list of two at levels 3 and 2, escaped; none; one. */
static void
test_cases(void)
{
	CHECK_CALL("{ { level = 3, id = 'a&b', title = '<x>' },"
	    " { level = 2, id = 'c', title = \"it's\" } }",
	    "<ul>\n"
	    "<li class=\"toc-depth-1\"><a href=\"#a&amp;b\">&lt;x&gt;</a></li>\n"
	    "<li class=\"toc-depth-0\"><a href=\"#c\">it&#39;s</a></li>\n"
	    "</ul>\n");
	CHECK_CALL("{}", "<ul>\n</ul>\n");
	CHECK_CALL("{ { level = 1000, title = 7 } }",
	    "<ul>\n<li class=\"toc-depth-0\"><a href=\"#\">7</a></li>\n"
	    "</ul>\n");
	CHECK_CALL("{ { level = 2.0, id = 'i', title = 't' },"
	    " { level = 1000, id = 'j', title = 'u' } }",
	    "<ul>\n<li class=\"toc-depth-0\"><a href=\"#i\">t</a></li>\n"
	    "<li class=\"toc-depth-998\"><a href=\"#j\">u</a></li>\n</ul>\n");
}

/* What is not a list of entries with a level is an error that says so. */
static void
test_errors(void)
{
	CHECK_CALL("nil", "error: t:1: bad argument #1 to 'toc_list' (table "
	    "expected, got nil)");
	CHECK_CALL("{ { level = 2 }, 5 }", "error: t:1: toc_list: entry 2 is not "
	    "a table {level, id, title}");
	CHECK_CALL("{ { id = 'a' } }", "error: t:1: toc_list: entry 1 has no "
	    "level (a whole number from 0 to 1000)");
	CHECK_CALL("{ { level = 2.5 } }", "error: t:1: toc_list: entry 1 has no "
	    "level (a whole number from 0 to 1000)");
	CHECK_CALL("{ { level = 1001 } }", "error: t:1: toc_list: entry 1 has no "
	    "level (a whole number from 0 to 1000)");
	CHECK_CALL("setmetatable({}, { __len = function() return 200000 end })",
	    "error: t:1: toc_list: a list of 200000 entries (at most 100000)");
	CHECK_CALL("{ { level = 1, title = setmetatable({}, { __tostring = "
	    "function() error('no text') end }) } }",
	    "error: t:1: no text");
}

int
main(void)
{
	TEST(test_as_the_loop);
	TEST(test_cases);
	TEST(test_errors);
	HARNESS_EXIT();
}
