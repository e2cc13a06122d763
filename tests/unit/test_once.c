/* test_once.c: the store of what once() made, shared by the workers of a
 * render (luaonce.h): a text kept is the one every state gets, the first
 * kept for a key stays, what is not a text is not kept, the store is
 * bounded, and states on four threads at once all get the same. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

#include "harness.h"
#include "luarun.h"
#include "templates/luaonce.h"

/* A state with get and put of st as globals. */
static lua_State *
state(struct sg_once_store *st)
{
	lua_State	*L = luaL_newstate();

	luaL_openlibs(L);
	sg_lua_once_store(L, st);
	lua_setglobal(L, "put");
	lua_setglobal(L, "get");
	return L;
}

static void
test_kept(void)
{
	struct sg_once_store	*st = sg_once_store_new();
	lua_State		*a = state(st), *b = state(st);

	CHECK_LUA(a, "return get('nav')", "nil");
	CHECK_LUA(a, "put('nav', '<nav>a</nav>') return get('nav')",
	    "<nav>a</nav>");
	/* another state gets it; a second put does not replace it */
	CHECK_LUA(b, "return get('nav')", "<nav>a</nav>");
	CHECK_LUA(b, "put('nav', 'other') return get('nav')", "<nav>a</nav>");
	/* texts with NULs are kept whole; keys with one, and what is not a
	 * string, are not kept */
	CHECK_LUA(a, "put('z', 'a\\0b') return #get('z')", "3");
	CHECK_LUA(a, "put('k\\0', 'v') return tostring(get('k\\0'))", "nil");
	CHECK_LUA(a, "put('t', {}) put(7, 'x') put('n', 7) "
	    "return tostring(get('t')) .. tostring(get(7)) .. "
	    "tostring(get('n'))", "nilnilnil");
	lua_close(a);
	lua_close(b);
	sg_once_store_free(st);
}

/* The store keeps at most SG_ONCE_STORE_MAX bytes: past them, a text is
 * left to each worker (a theme whose once() keys name the page made it
 * hold every page's text a second time, outside the workers' limits). */
static void
test_bounded(void)
{
	struct sg_once_store	*st = sg_once_store_new();
	lua_State		*L = state(st);
	char			 code[300];

	snprintf(code, sizeof(code),
	    "local kept, each = 0, 1024 * 1024\n"
	    "for i = 1, %d do\n"
	    "  put('k' .. i, ('x'):rep(each))\n"
	    "  if get('k' .. i) then kept = kept + each end\n"
	    "end\n"
	    "return tostring(kept <= %zu and kept >= %zu - each and "
	    "get('k1') ~= nil)",
	    (int)(SG_ONCE_STORE_MAX / (1024 * 1024) * 2), SG_ONCE_STORE_MAX,
	    SG_ONCE_STORE_MAX);
	CHECK_LUA(L, code, "true");
	lua_close(L);
	sg_once_store_free(st);
}

struct worker {
	struct sg_once_store	*st;
	int			 id, bad;
};

/* Puts and gets 2,000 keys in an order of its own; each key's text is
 * the same whoever puts it, so every get must give it. */
static void *
work(void *arg)
{
	struct worker	*w = arg;
	lua_State	*L = state(w->st);
	char		 code[400];

	snprintf(code, sizeof(code),
	    "local bad = 0\n"
	    "for i = 1, 2000 do\n"
	    "  local k = 'key' .. ((i * %d) %% 2000)\n"
	    "  if get(k) == nil then put(k, k:rep(20)) end\n"
	    "  if get(k) ~= k:rep(20) then bad = bad + 1 end\n"
	    "end\n"
	    "return tostring(bad)", 7 + 2 * w->id);
	if (luaL_dostring(L, code) != LUA_OK ||
	    strcmp(lua_tostring(L, -1), "0") != 0)
		w->bad = 1;
	lua_close(L);
	return NULL;
}

static void
test_threads(void)
{
	struct sg_once_store	*st = sg_once_store_new();
	struct worker		 w[4];
	pthread_t		 t[4];
	int			 k;

	for (k = 0; k < 4; k++) {
		w[k].st = st;
		w[k].id = k;
		w[k].bad = 0;
		CHECK(pthread_create(&t[k], NULL, work, &w[k]) == 0);
	}
	for (k = 0; k < 4; k++) {
		pthread_join(t[k], NULL);
		CHECK(w[k].bad == 0);
	}
	sg_once_store_free(st);
}

int
main(void)
{
	TEST(test_kept);
	TEST(test_bounded);
	TEST(test_threads);
	HARNESS_EXIT();
}
