/* fuzz_template.c: libFuzzer harness for the template compiler
 * (sg_tmpl_compile). For every input it checks that the compiler either
 * gives Lua with exactly as many lines as the template, which Lua then
 * loads or rejects without crashing, or an error placed inside the
 * template. An input without tags must come out of the template verbatim
 * (that part runs the generated code: text alone cannot loop). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

#include "templates/luaescape.h"
#include "templates/template.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static lua_State	*L;

static size_t
count_lines(const char *s, size_t n)
{
	size_t	 i, k = 0;

	for (i = 0; i < n; i++)
		if (s[i] == '\n')
			k++;
	return k;
}

/* Runs the loaded chunk on top of the stack as the runtime does: called
 * with the values sg_lua_template_args gives, it returns the template
 * function, which returns the output's pieces and their number; returns
 * them joined. */
static const char *
run(size_t *len)
{
	if (lua_pcall(L, sg_lua_template_args(L), 1, 0) != LUA_OK)
		abort();
	lua_newtable(L);
	if (lua_pcall(L, 1, 2, 0) != LUA_OK || !lua_istable(L, -2) ||
	    !lua_isinteger(L, -1))
		abort();
	lua_getglobal(L, "table");
	lua_getfield(L, -1, "concat");
	lua_remove(L, -2);
	lua_pushvalue(L, -3);
	lua_pushliteral(L, "");
	lua_pushinteger(L, 1);
	lua_pushvalue(L, -5);
	if (lua_pcall(L, 4, 1, 0) != LUA_OK)
		abort();
	return lua_tolstring(L, -1, len);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char		*src = (const char *)data, *out;
	struct sg_tmpl_error	 err;
	char			*lua;
	size_t			 n, len;
	int			 loaded;

	if (L == NULL) {
		L = luaL_newstate();
		luaL_openlibs(L);
	}
	if (sg_tmpl_compile(src, size, &lua, &err) != 0) {
		/* the error is at a "<%" of the template */
		if (err.line < 1 || (size_t)err.line > count_lines(src,
		    size) + 1 || err.col < 1 || strlen(err.msg) == 0)
			abort();
		return 0;
	}
	/* a template holding a NUL byte is refused by the compiler */
	if (memchr(src, '\0', size) != NULL)
		abort();
	n = strlen(lua);
	if (count_lines(lua, n) != count_lines(src, size))
		abort();
	loaded = luaL_loadbuffer(L, lua, n, "@fuzz.html") == LUA_OK;
	if (memmem(src, size, "<%", 2) == NULL) {
		if (!loaded)
			abort();	/* text alone always loads */
		out = run(&len);
		if (out == NULL || len != size || memcmp(out, src, size) != 0)
			abort();
	}
	lua_settop(L, 0);
	free(lua);
	return 0;
}
