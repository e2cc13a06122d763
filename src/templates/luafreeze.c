/* luafreeze.c: freeze(), the read-only proxies of the site model and of
 * what once() keeps (see luafreeze.h). */
#include <lauxlib.h>
#include <lua.h>

#include "templates/luafreeze.h"

#define MAX_DEPTH	10000	/* Lua itself stops a little past 100,000 */

/* The upvalues of freeze: the tables the runtime keeps and the
 * metamethods of every proxy. */
#define HIDDEN		lua_upvalueindex(1)	/* proxy -> table */
#define PROXY_OF	lua_upvalueindex(2)	/* table -> proxy */
#define REFUSE		lua_upvalueindex(3)
#define LENGTH		lua_upvalueindex(4)
#define ITERATE		lua_upvalueindex(5)

/* Replaces the value on top with its frozen form. */
static void
freeze_top(lua_State *L, int depth)
{
	int	 t = lua_gettop(L), p = t + 1;

	if (lua_type(L, t) != LUA_TTABLE)
		return;
	lua_pushvalue(L, t);
	if (lua_rawget(L, HIDDEN) != LUA_TNIL) {	/* a proxy already */
		lua_pop(L, 1);
		return;
	}
	lua_pop(L, 1);
	lua_pushvalue(L, t);
	if (lua_rawget(L, PROXY_OF) != LUA_TNIL) {	/* frozen before */
		lua_replace(L, t);
		return;
	}
	lua_pop(L, 1);
	if (depth > MAX_DEPTH) {
		lua_pushfstring(L, "a table nested more than %d deep cannot "
		    "be made read-only", MAX_DEPTH);
		lua_error(L);
	}
	luaL_checkstack(L, 8, "freezing a table");
	lua_newtable(L);				/* p */
	lua_pushvalue(L, t);
	lua_pushvalue(L, p);
	lua_rawset(L, PROXY_OF);
	lua_pushvalue(L, p);
	lua_pushvalue(L, t);
	lua_rawset(L, HIDDEN);
	/* its table values, frozen in place: setting a field that is
	 * there already is allowed while lua_next walks the table. Most
	 * are frozen before (a list of pages, a page's section, prev and
	 * next): their proxy is looked up here, without a call, and is
	 * not looked for among the proxies first (a table frozen before is
	 * not one) */
	lua_pushnil(L);
	while (lua_next(L, t) != 0) {
		if (lua_type(L, -1) != LUA_TTABLE) {
			lua_pop(L, 1);
			continue;
		}
		lua_pushvalue(L, -1);
		if (lua_rawget(L, PROXY_OF) == LUA_TNIL) {
			lua_pop(L, 1);
			freeze_top(L, depth + 1);
		} else
			lua_remove(L, -2);		/* the table */
		lua_pushvalue(L, -2);			/* the key */
		lua_insert(L, -2);
		lua_rawset(L, t);
	}
	lua_createtable(L, 0, 5);
	lua_pushvalue(L, t);
	lua_setfield(L, -2, "__index");
	lua_pushvalue(L, REFUSE);
	lua_setfield(L, -2, "__newindex");
	lua_pushvalue(L, LENGTH);
	lua_setfield(L, -2, "__len");
	lua_pushvalue(L, ITERATE);
	lua_setfield(L, -2, "__pairs");
	lua_pushliteral(L, "read-only");
	lua_setfield(L, -2, "__metatable");
	lua_setmetatable(L, p);
	lua_replace(L, t);
}

static int
l_freeze(lua_State *L)
{
	lua_settop(L, 1);
	freeze_top(L, 0);
	return 1;
}

int
sg_lua_freezer(lua_State *L)
{
	int	 i;

	luaL_checktype(L, 1, LUA_TTABLE);
	luaL_checktype(L, 2, LUA_TTABLE);
	for (i = 3; i <= 5; i++)
		luaL_checktype(L, i, LUA_TFUNCTION);
	lua_settop(L, 5);
	lua_pushcclosure(L, l_freeze, 5);
	return 1;
}
