/* luaonce.h: what once() computes, shared by the workers of a render
 * (luaonce.c). */
#ifndef SG_LUAONCE_H
#define SG_LUAONCE_H

#include <lua.h>

struct sg_once_store;

/* The most bytes of text a store keeps: what comes past them is not kept,
 * and each worker makes it for itself. */
#define SG_ONCE_STORE_MAX	((size_t)64 << 20)

/* A new, empty store; the caller frees it with sg_once_store_free, after
 * every state that reads it is closed. */
struct sg_once_store	*sg_once_store_new(void);
void			 sg_once_store_free(struct sg_once_store *st);

/* Pushes the two functions the runtime's once() calls, get(key), the
 * string some worker's once(key, fn) gave, or nil, and put(key, text),
 * which keeps text for key unless a text is kept for it already: both C
 * closures over st, safe from any thread. Keys and texts that are not
 * strings are neither looked for nor kept. With st NULL, two nils: no
 * sharing. */
void	sg_lua_once_store(lua_State *L, struct sg_once_store *st);

#endif
