/* test_freeze.c: the read-only proxies of luafreeze.h. A sealed table
 * reads as itself (through its own metatable too), refuses writes at the
 * line that tried, gives its length and pairs, and stays writable from
 * C; freeze() makes proxies of the tables it reaches, keeps the proxies
 * the C side made, gives one proxy a table however often it is reached
 * (cycles too), and stops at a nesting too deep; unwrap() sees through
 * a proxy. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

#include "harness.h"
#include "luarun.h"
#include "templates/luafreeze.h"

/* A state with freeze and unwrap as globals, and sealed, a proxy of the
 * table raw: {title = "T", n = 3, 10, 20, 30, link = <a sealed table
 * {x = 1}>}, whose own metatable makes a field "lazy". */
static lua_State *
state(void)
{
	lua_State	*L = luaL_newstate();

	luaL_openlibs(L);
	sg_lua_push_freeze(L);
	lua_setglobal(L, "freeze");
	sg_lua_push_unwrap(L);
	lua_setglobal(L, "unwrap");
	(void)luaL_dostring(L, "raw = setmetatable({ title = 'T', n = 3, "
	    "10, 20, 30 }, { __index = function(_, k) if k == 'lazy' then "
	    "return 'made' end end }); inner = { x = 1 }");
	lua_getglobal(L, "inner");
	sg_lua_seal(L, -1);
	lua_setglobal(L, "link");
	lua_getglobal(L, "raw");
	lua_getglobal(L, "link");
	lua_setfield(L, -2, "link");
	sg_lua_seal(L, -1);
	lua_setglobal(L, "sealed");
	lua_settop(L, 0);
	return L;
}

static void
test_sealed_reads(void)
{
	lua_State	*L = state();

	CHECK_LUA(L, "return sealed.title", "T");
	CHECK_LUA(L, "return sealed.lazy", "made");
	CHECK_LUA(L, "return sealed.link.x", "1");
	CHECK_LUA(L, "return #sealed", "3");
	CHECK_LUA(L, "local s = 0 for _, v in ipairs(sealed) do s = s + v "
	    "end return s", "60");
	CHECK_LUA(L, "local n = 0 for k in pairs(sealed) do n = n + 1 end "
	    "return n", "6");
	CHECK_LUA(L, "return getmetatable(sealed)", "read-only");
	CHECK_LUA(L, "return rawget(sealed, 'title')", "nil");
	CHECK_LUA(L, "return rawget(unwrap(sealed), 'title')", "T");
	CHECK_LUA(L, "return unwrap(raw) == raw and unwrap(5) == 5", "true");
	lua_close(L);
}

static void
test_sealed_refuses(void)
{
	lua_State	*L = state();

	CHECK_LUA(L, "\n\nsealed.title = 'x'", "error: t:3: the site model "
	    "is read-only: cannot set 'title' (copy what you need into a "
	    "table of your own)");
	CHECK_LUA(L, "sealed.link.y = 2", "error: t:1: the site model is "
	    "read-only: cannot set 'y' (copy what you need into a table of "
	    "your own)");
	CHECK_LUA(L, "table.insert(sealed, 4)", "error: the site model is "
	    "read-only: cannot set '4' (copy what you need into a table of "
	    "your own)");
	CHECK_LUA(L, "return sealed.title", "T");
	/* the C side that sealed it still writes it */
	CHECK_LUA(L, "raw.title = 'U' return sealed.title", "U");
	lua_close(L);
}

static void
test_freeze(void)
{
	lua_State	*L = state();

	CHECK_LUA(L, "local t = { a = { b = {} }, list = { 1, 2 } } "
	    "local f = freeze(t) "
	    "local ok = pcall(function() f.a.b.c = 1 end) "
	    "local ok2 = pcall(function() f.list[3] = 1 end) "
	    "return tostring(ok) .. tostring(ok2) .. #f.list", "falsefalse2");
	CHECK_LUA(L, "return freeze(5) == 5 and freeze('s') == 's'", "true");
	/* one proxy a table, however often reached, and cycles */
	CHECK_LUA(L, "local a = {} local t = { x = a, y = a } t.self = t "
	    "local f = freeze(t) "
	    "return f.x == f.y and f.self == f and freeze(t) == f", "true");
	/* a proxy, the C side's or freeze's, stays itself */
	CHECK_LUA(L, "local f = freeze({ s = sealed }) "
	    "return f.s == sealed and freeze(sealed) == sealed and "
	    "freeze(f) == f", "true");
	lua_close(L);
}

static void
test_freeze_deep(void)
{
	lua_State	*L = state();

	CHECK_LUA(L, "local t = {} local c = t for i = 1, 10002 do "
	    "c.n = {} c = c.n end return select(2, pcall(freeze, t))",
	    "a table nested more than 10000 deep cannot be made read-only");
	CHECK_LUA(L, "local t = {} local c = t for i = 1, 9000 do "
	    "c.n = {} c = c.n end local f = freeze(t) "
	    "return pcall(function() f.n.n.n.x = 1 end)", "false");
	lua_close(L);
}

int
main(void)
{
	TEST(test_sealed_reads);
	TEST(test_sealed_refuses);
	TEST(test_freeze);
	TEST(test_freeze_deep);
	HARNESS_EXIT();
}
