/* luamodel.h: the site model and the helpers as Lua values. */
#ifndef SG_LUAMODEL_H
#define SG_LUAMODEL_H

#include <stddef.h>

#include <lua.h>

struct sg_site;

/* What one render read of other pages' texts, in the order read (the
 * same twice in a row noted once): SG_READ(page index, what), render.h. */
struct sg_lua_track {
	size_t	*v;
	size_t	 n, cap;
};

void	sg_lua_helpers(lua_State *, const struct sg_site *, lua_CFunction);
void	sg_lua_model(lua_State *, const struct sg_site *);
void	sg_lua_model_proxies(lua_State *);
void	sg_lua_vars(lua_State *, const struct sg_site *, int, size_t);
void	sg_lua_site_helpers(lua_State *, const struct sg_site *);
void	sg_lua_nav(lua_State *, const struct sg_site *, int);
void	sg_lua_track(lua_State *, struct sg_lua_track *);

#endif
