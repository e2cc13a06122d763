/* luanav.c: the contents list (nav.c) as Lua tables for templates:
 * site.nav, a list of entries {title, url, page, children, parent,
 * level}, and page.nav, the entry of a page the list names. */
#include <lua.h>

#include "templates/luamodel.h"
#include "site/nav.h"
#include "site.h"

/* Pushes a table for e (and its children), linking each page's table
 * (in the list at index pages) to its entry. */
static void
push_entry(lua_State *L, const struct sg_nav *e, int pages, int level)
{
	size_t	 i;
	int	 t;

	lua_createtable(L, 0, 6);
	t = lua_gettop(L);
	lua_pushstring(L, e->title);
	lua_setfield(L, t, "title");
	lua_pushinteger(L, level);
	lua_setfield(L, t, "level");
	if (e->page) {
		lua_pushstring(L, e->page->url);
		lua_setfield(L, t, "url");
		lua_rawgeti(L, pages, (lua_Integer)e->page->index + 1);
		lua_pushvalue(L, -1);
		lua_setfield(L, t, "page");
		lua_pushliteral(L, "nav");
		if (lua_rawget(L, -2) == LUA_TNIL) {
			lua_pushvalue(L, t);
			lua_setfield(L, -3, "nav");
		}
		lua_pop(L, 2);
	}
	lua_createtable(L, (int)e->nchildren, 0);
	for (i = 0; i < e->nchildren; i++) {
		push_entry(L, e->children[i], pages, level + 1);
		lua_pushvalue(L, t);
		lua_setfield(L, -2, "parent");
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	lua_setfield(L, t, "children");
}

void
sg_lua_nav(lua_State *L, const struct sg_site *site, int pages)
{
	if (site->nav == NULL)
		return;
	push_entry(L, site->nav, pages, 0);
	lua_getfield(L, -1, "children");
	lua_setfield(L, -3, "nav");
	lua_pop(L, 1);
}
