/* luamodel.h: the site model and the helpers as Lua values. */
#ifndef SG_LUAMODEL_H
#define SG_LUAMODEL_H

#include <stddef.h>

#include <lua.h>

struct sg_site;

void	sg_lua_helpers(lua_State *, const struct sg_site *, lua_CFunction);
void	sg_lua_model(lua_State *, const struct sg_site *);
void	sg_lua_model_proxies(lua_State *);
void	sg_lua_vars(lua_State *, const struct sg_site *, int, size_t);
void	sg_lua_site_helpers(lua_State *, const struct sg_site *);
void	sg_lua_nav(lua_State *, const struct sg_site *, int);

#endif
