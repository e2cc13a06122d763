/* luarun.h: running a piece of Lua in a unit test's state and checking
 * what it returns (test_once.c, test_freeze.c). */
#ifndef SG_LUARUN_H
#define SG_LUARUN_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>

/* Runs code in L as the chunk "t" (errors read "t:LINE: ..."); returns
 * its first result as a string ("nil" for none), or "error: " and the
 * error. Empties L's stack. The caller frees. */
static char *
lua_run(lua_State *L, const char *code)
{
	const char	*s;
	char		*out;

	if (luaL_loadbuffer(L, code, strlen(code), "=t") != LUA_OK ||
	    lua_pcall(L, 0, 1, 0) != LUA_OK) {
		s = lua_tostring(L, -1);
		out = malloc(strlen(s) + 8);
		sprintf(out, "error: %s", s);
	} else
		out = strdup(lua_isnil(L, -1) ? "nil" :
		    luaL_tolstring(L, -1, NULL));
	lua_settop(L, 0);
	return out;
}

/* A case: what code returns in L is want. */
#define CHECK_LUA(L, code, want) do {					\
	char	*r_ = lua_run((L), (code));				\
									\
	CHECK_STR(r_, want);						\
	free(r_);							\
} while (0)

#endif
