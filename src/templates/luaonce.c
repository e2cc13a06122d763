/* luaonce.c: what once() computes, shared by the workers of a render.
 *
 * once(key, fn) is for what is the same on every page (the navigation, a
 * section's sidebar, the header): each worker computed it, so that a
 * site of 100 sections had each section's sidebar made by every worker,
 * a cost that grows with the workers and not with the pages (at 1,000
 * pages on two workers, 28 million instructions made twice, a tenth of
 * the time lost to the second worker). A worker that computed a text
 * keeps it here; another that needs it takes a copy. Values that are not
 * text (tables, kept frozen in each worker's state) are still computed
 * by each. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>

#include "smap.h"
#include "templates/luaonce.h"
#include "util.h"

struct text {
	char	*key;
	char	*s;
	size_t	 len;
};

struct sg_once_store {
	pthread_mutex_t	 lock;
	struct sg_smap	 map;		/* key -> index in v */
	struct text	*v;
	size_t		 n, cap;
	size_t		 bytes;		/* of texts kept, to SG_ONCE_STORE_MAX */
};

struct sg_once_store *
sg_once_store_new(void)
{
	struct sg_once_store	*st = xcalloc(1, sizeof(*st));

	pthread_mutex_init(&st->lock, NULL);
	return st;
}

void
sg_once_store_free(struct sg_once_store *st)
{
	size_t	 i;

	if (st == NULL)
		return;
	for (i = 0; i < st->n; i++) {
		free(st->v[i].key);
		free(st->v[i].s);
	}
	free(st->v);
	sg_smap_free(&st->map);
	pthread_mutex_destroy(&st->lock);
	free(st);
}

/* get(key): the kept text, or nil. The copy is made outside the lock: a
 * kept text is never changed or freed while states read the store (the
 * list of them may move: what is read of it is read under the lock). */
static int
l_get(lua_State *L)
{
	struct sg_once_store	*st = lua_touserdata(L, lua_upvalueindex(1));
	const char		*key, *s = NULL;
	size_t			*i, len = 0;

	lua_pushnil(L);
	if (lua_type(L, 1) != LUA_TSTRING)
		return 1;
	key = lua_tostring(L, 1);
	if (strlen(key) != lua_rawlen(L, 1))
		return 1;		/* a NUL in it: not a C string */
	pthread_mutex_lock(&st->lock);
	if ((i = sg_smap_get(&st->map, key, 0, NULL)) != NULL) {
		s = st->v[*i].s;
		len = st->v[*i].len;
	}
	pthread_mutex_unlock(&st->lock);
	if (s != NULL)
		lua_pushlstring(L, s, len);
	return 1;
}

/* put(key, text): keeps text for key, unless one is kept already or the
 * store holds SG_ONCE_STORE_MAX bytes with it (a theme whose keys name the
 * page made the store hold every page's text a second time, outside the
 * workers' limits). */
static int
l_put(lua_State *L)
{
	struct sg_once_store	*st = lua_touserdata(L, lua_upvalueindex(1));
	const char		*key, *s;
	size_t			 len, *i;
	int			 added;
	struct text		 t;

	if (lua_type(L, 1) != LUA_TSTRING || lua_type(L, 2) != LUA_TSTRING)
		return 0;
	key = lua_tostring(L, 1);
	if (strlen(key) != lua_rawlen(L, 1))
		return 0;		/* a NUL in it: not a C string */
	s = lua_tolstring(L, 2, &len);
	t.key = xstrdup(key);
	t.s = xmalloc(len + 1);
	memcpy(t.s, s, len + 1);
	t.len = len;
	pthread_mutex_lock(&st->lock);
	if (len <= SG_ONCE_STORE_MAX - st->bytes &&
	    sg_smap_get(&st->map, t.key, 0, NULL) == NULL) {
		st->bytes += len;
		if (st->n == st->cap) {
			st->cap = st->cap ? st->cap * 2 : 64;
			st->v = xrealloc(st->v, st->cap * sizeof(*st->v));
		}
		st->v[st->n] = t;
		i = sg_smap_get(&st->map, t.key, 1, &added);
		*i = st->n++;
		t.key = t.s = NULL;	/* kept */
	}
	pthread_mutex_unlock(&st->lock);
	free(t.key);
	free(t.s);
	return 0;
}

void
sg_lua_once_store(lua_State *L, struct sg_once_store *st)
{
	if (st == NULL) {
		lua_pushnil(L);
		lua_pushnil(L);
		return;
	}
	lua_pushlightuserdata(L, st);
	lua_pushcclosure(L, l_get, 1);
	lua_pushlightuserdata(L, st);
	lua_pushcclosure(L, l_put, 1);
}
