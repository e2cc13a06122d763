/* luafreeze.h: the read-only view templates get of the tables every
 * render of a worker shares: the site model, the libraries, helper
 * tables and what once() keeps (lua/sitegen/runtime.lua).
 *
 * Each such table is seen through its proxy: an empty table whose
 * metatable reads from it (__index is the table), refuses writes at the
 * template line that tried (__newindex), gives its length and its pairs
 * (__len, __pairs) and hides itself (__metatable = "read-only"). Every
 * table reached through a proxy is a proxy. */
#ifndef SG_LUAFREEZE_H
#define SG_LUAFREEZE_H

#include <lua.h>

/*
 * Pushes a proxy of the table at index t, which stays where it is: the
 * C side that made the table keeps writing it (a page's links to other
 * pages' proxies, say) while templates only read it. Each table must be
 * sealed once, and whoever seals it must put only proxies (or values
 * that are not tables) in it: that is what lets the model (luamodel.c)
 * make its 10,000 proxies at 10,000 pages as it makes its tables, where
 * freezing the whole model afterwards walked every field of every table
 * to put proxies in place of the links between them (106 million
 * instructions a worker state, half of making it).
 */
void	sg_lua_seal(lua_State *L, int t);

/*
 * Pushes freeze(v), which returns v itself unless it is a table. For a
 * table that is not a proxy, it returns its proxy, with its own table
 * values frozen in place first; a table it froze before gives the same
 * proxy. For what is not made by the C side (the site table's own
 * fields, the libraries, helpers, once()'s values). A table nested more
 * than 10,000 deep is an error.
 */
void	sg_lua_push_freeze(lua_State *L);

/* Pushes unwrap(v): the table behind v if v is a proxy, else v; for
 * next, rawget and rawlen, which see through proxies. */
void	sg_lua_push_unwrap(lua_State *L);

#endif
