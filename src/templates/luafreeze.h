/* luafreeze.h: the read-only view templates get of the tables every
 * render of a worker shares (lua/sitegen/runtime.lua). */
#ifndef SG_LUAFREEZE_H
#define SG_LUAFREEZE_H

#include <lua.h>

/* freezer(hidden, proxy_of, refuse, length, iterate): returns freeze(v),
 * which returns v itself unless it is a table; for a table, its proxy:
 * an empty table whose metatable reads from it (__index), refuses writes
 * (__newindex = refuse), gives its length and its pairs (length(p),
 * iterate(p)) and hides itself (__metatable = "read-only"). The table's
 * own table values are frozen in place first, so that every table
 * reached through a proxy is a proxy. A table frozen before gives the
 * same proxy (proxy_of[table]); a proxy is itself (hidden[proxy] is its
 * table). The runtime freezes the site model of each worker, 10,000 page
 * tables at 10,000 pages: written in Lua, a pairs() loop and a type()
 * call for every field took 246 million instructions a worker, 70% of
 * making the worker's state. A table nested more than 10,000 deep is an
 * error. */
int	sg_lua_freezer(lua_State *L);

#endif
