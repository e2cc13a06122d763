/* luaalloc.h: the memory of one worker's Lua state. A render makes and
 * drops thousands of small objects (tables, closures, strings of a few
 * dozen bytes), and the collector frees them by the thousand; taken from
 * and given back to lists of their own size, they cost a few instructions
 * each instead of a trip through malloc. */
#ifndef SG_LUAALLOC_H
#define SG_LUAALLOC_H

#include <stddef.h>
#include <string.h>

#define SG_LUA_POOL_SMALL	256	/* bytes: blocks up to this are pooled */
#define SG_LUA_POOL_GRAIN	16

struct sg_lua_pool_chunk;

/* Zeroed, a pool is empty and ready. */
struct sg_lua_pool {
	void			*free[SG_LUA_POOL_SMALL / SG_LUA_POOL_GRAIN];
	struct sg_lua_pool_chunk *chunks;	/* newest first */
	char			*cur;		/* unused room of the newest */
	size_t			 left;
};

/* The cases sg_lua_pool_alloc does not do in line (below). */
void	*sg_lua_pool_slow(struct sg_lua_pool *pool, void *ptr, size_t osize,
	    size_t nsize);

/* A lua_Alloc over pool (the same contract: ptr of osize bytes, or NULL,
 * made nsize bytes; nsize 0 frees it and returns NULL). Blocks over
 * SG_LUA_POOL_SMALL go to malloc. Returns NULL when out of memory, never
 * when a block shrinks. One thread at a time. In line: a small block
 * freed, or made from its list (most of a render's calls, which cost
 * half again as much through two calls). */
static inline void *
sg_lua_pool_alloc(struct sg_lua_pool *pool, void *ptr, size_t osize,
    size_t nsize)
{
	void	**list, *b;

	if (ptr != NULL && nsize == 0 && osize - 1 < SG_LUA_POOL_SMALL) {
		list = &pool->free[(osize - 1) / SG_LUA_POOL_GRAIN];
		memcpy(ptr, list, sizeof(void *));
		*list = ptr;
		return NULL;
	}
	if (ptr == NULL && nsize - 1 < SG_LUA_POOL_SMALL) {
		list = &pool->free[(nsize - 1) / SG_LUA_POOL_GRAIN];
		if ((b = *list) != NULL) {
			memcpy(list, b, sizeof(void *));
			return b;
		}
	}
	return sg_lua_pool_slow(pool, ptr, osize, nsize);
}

/* Frees all the pool holds and empties it: call once the state that used
 * it is closed (lua_close), whose blocks are all in it then. */
void	 sg_lua_pool_release(struct sg_lua_pool *pool);

#endif
