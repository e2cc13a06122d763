/* luaalloc.c: a pool of small blocks for a Lua state (luaalloc.h). Each
 * size class (16 bytes apart, up to SG_LUA_POOL_SMALL) keeps the blocks
 * freed in it in a list threaded through them; new ones are cut from 64 kB
 * chunks, which go back to malloc only when the state is closed. Lua tells
 * the allocator the size of every block it frees or resizes, so a block
 * needs no header. */
#include <stdlib.h>
#include <string.h>

#include "templates/luaalloc.h"

#define CHUNK	(64 * 1024)

struct sg_lua_pool_chunk {
	struct sg_lua_pool_chunk *next;
	max_align_t		 data[];
};

/* The class of a block of n bytes (1 .. SG_LUA_POOL_SMALL). */
static size_t
class_of(size_t n)
{
	return (n + SG_LUA_POOL_GRAIN - 1) / SG_LUA_POOL_GRAIN - 1;
}

static void *
get(struct sg_lua_pool *pool, size_t n)
{
	struct sg_lua_pool_chunk	*c;
	size_t				 k, size;
	void				*b;

	if (n > SG_LUA_POOL_SMALL)
		return malloc(n);
	k = class_of(n);
	if ((b = pool->free[k]) != NULL) {
		memcpy(&pool->free[k], b, sizeof(void *));
		return b;
	}
	size = (k + 1) * SG_LUA_POOL_GRAIN;
	if (pool->left < size) {
		if ((c = malloc(sizeof(*c) + CHUNK)) == NULL)
			return NULL;
		c->next = pool->chunks;
		pool->chunks = c;
		pool->cur = (char *)c->data;
		pool->left = CHUNK;
	}
	b = pool->cur;
	pool->cur += size;
	pool->left -= size;
	return b;
}

static void
put(struct sg_lua_pool *pool, void *b, size_t n)
{
	size_t	 k;

	if (b == NULL)
		return;
	if (n > SG_LUA_POOL_SMALL) {
		free(b);
		return;
	}
	k = class_of(n);
	memcpy(b, &pool->free[k], sizeof(void *));
	pool->free[k] = b;
}

void *
sg_lua_pool_slow(struct sg_lua_pool *pool, void *ptr, size_t osize,
    size_t nsize)
{
	void	*b;

	if (ptr == NULL)
		osize = 0;	/* then it tells the type of object */
	if (nsize == 0) {
		put(pool, ptr, osize);
		return NULL;
	}
	if (ptr == NULL)
		return get(pool, nsize);
	if (osize > SG_LUA_POOL_SMALL && nsize > SG_LUA_POOL_SMALL)
		return realloc(ptr, nsize);
	if (osize <= SG_LUA_POOL_SMALL && nsize <= SG_LUA_POOL_SMALL &&
	    class_of(osize) == class_of(nsize))
		return ptr;
	if ((b = get(pool, nsize)) == NULL)
		/* a block too big for what it holds still holds it (Lua
		 * counts on a shrink that cannot fail); lost, not misused,
		 * when it goes back into a list of a smaller size */
		return nsize <= osize ? ptr : NULL;
	memcpy(b, ptr, osize < nsize ? osize : nsize);
	put(pool, ptr, osize);
	return b;
}

void
sg_lua_pool_release(struct sg_lua_pool *pool)
{
	struct sg_lua_pool_chunk	*c, *next;

	for (c = pool->chunks; c; c = next) {
		next = c->next;
		free(c);
	}
	memset(pool, 0, sizeof(*pool));
}
