/* luatax.h: the taxonomies of the site model as Lua tables. */
#ifndef SG_LUATAX_H
#define SG_LUATAX_H

#include <lua.h>

struct sg_site;
struct sg_page;

#define REG_TERMS	"sitegen.terms"
#define REG_TAXONOMIES	"sitegen.taxonomies"

void	sg_lua_taxonomies(lua_State *, const struct sg_site *, int, int);
void	sg_lua_page_taxonomies(lua_State *, const struct sg_site *,
	    const struct sg_page *);

#endif
