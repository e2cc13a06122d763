/* luafreeze.c: read-only proxies of the site model and of what once()
 * keeps (see luafreeze.h). The metamethods are light C functions, which
 * pushing allocates nothing for, and the proxy's table is its
 * metatable's __index: no table maps a proxy to its table. */
#include <lauxlib.h>
#include <lua.h>

#include "templates/luafreeze.h"

#define MAX_DEPTH	10000	/* Lua itself stops a little past 100,000 */
#define PROXY_OF	lua_upvalueindex(1)	/* freeze's: table -> proxy */

/* __newindex: the error, at the template line that tried. */
static int
l_refuse(lua_State *L)
{
	lua_settop(L, 2);
	luaL_where(L, 1);
	lua_pushliteral(L, "the site model is read-only: cannot set '");
	luaL_tolstring(L, 2, NULL);
	lua_pushliteral(L, "' (copy what you need into a table of your own)");
	lua_concat(L, 4);
	return lua_error(L);
}

/* Pushes the table behind the proxy at idx and returns 1; pushes nothing
 * and returns 0 when the value at idx is not a proxy. */
static int
table_of(lua_State *L, int idx)
{
	if (!lua_getmetatable(L, idx))
		return 0;
	lua_pushliteral(L, "__newindex");
	if (lua_rawget(L, -2) != LUA_TFUNCTION ||
	    lua_tocfunction(L, -1) != l_refuse) {
		lua_pop(L, 2);
		return 0;
	}
	lua_pop(L, 1);
	lua_pushliteral(L, "__index");
	lua_rawget(L, -2);
	lua_remove(L, -2);
	return 1;
}

/* __len: the length of the proxy's table. */
static int
l_length(lua_State *L)
{
	if (!table_of(L, 1))
		return luaL_error(L, "not a read-only table");
	lua_len(L, -1);
	return 1;
}

/* next(t, k), for the pairs of a proxy's table. */
static int
l_next(lua_State *L)
{
	luaL_checktype(L, 1, LUA_TTABLE);
	lua_settop(L, 2);
	if (lua_next(L, 1))
		return 2;
	lua_pushnil(L);
	return 1;
}

/* __pairs: next, the proxy's table, nil. */
static int
l_iterate(lua_State *L)
{
	lua_pushcfunction(L, l_next);
	if (!table_of(L, 1))
		return luaL_error(L, "not a read-only table");
	lua_pushnil(L);
	return 3;
}

/* Gives the table at index p the proxy's metatable, for the table at
 * index t. */
static void
set_meta(lua_State *L, int p, int t)
{
	lua_createtable(L, 0, 5);
	lua_pushvalue(L, t);
	lua_setfield(L, -2, "__index");
	lua_pushcfunction(L, l_refuse);
	lua_setfield(L, -2, "__newindex");
	lua_pushcfunction(L, l_length);
	lua_setfield(L, -2, "__len");
	lua_pushcfunction(L, l_iterate);
	lua_setfield(L, -2, "__pairs");
	lua_pushliteral(L, "read-only");
	lua_setfield(L, -2, "__metatable");
	lua_setmetatable(L, p);
}

void
sg_lua_seal(lua_State *L, int t)
{
	t = lua_absindex(L, t);
	luaL_checkstack(L, 4, "sealing a table");
	lua_createtable(L, 0, 0);
	set_meta(L, lua_gettop(L), t);
}

/* Is the value at idx a proxy? */
static int
is_proxy(lua_State *L, int idx)
{
	if (!table_of(L, idx))
		return 0;
	lua_pop(L, 1);
	return 1;
}

/* Replaces the value on top with its frozen form. */
static void
freeze_top(lua_State *L, int depth)
{
	int	 t = lua_gettop(L), p = t + 1;

	if (lua_type(L, t) != LUA_TTABLE || is_proxy(L, t))
		return;
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
	/* its table values, frozen in place: setting a field that is
	 * there already is allowed while lua_next walks the table. Many
	 * were frozen before, or are proxies the model made (a list of
	 * pages): their proxy is looked up here, without a call */
	lua_pushnil(L);
	while (lua_next(L, t) != 0) {
		if (lua_type(L, -1) != LUA_TTABLE || is_proxy(L, -1)) {
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
	set_meta(L, p, t);
	lua_replace(L, t);
}

static int
l_freeze(lua_State *L)
{
	lua_settop(L, 1);
	freeze_top(L, 0);
	return 1;
}

void
sg_lua_push_freeze(lua_State *L)
{
	lua_newtable(L);
	lua_pushcclosure(L, l_freeze, 1);
}

static int
l_unwrap(lua_State *L)
{
	lua_settop(L, 1);
	table_of(L, 1);
	return 1;
}

void
sg_lua_push_unwrap(lua_State *L)
{
	lua_pushcfunction(L, l_unwrap);
}
