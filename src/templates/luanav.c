/* luanav.c: the contents list (nav.c) as Lua tables for templates:
 * site.nav, a list of entries {title, url, page, children, parent,
 * level}, and page.nav, the entry of a page the list names. Each entry
 * is sealed as it is made (luafreeze.h). */
#include <lauxlib.h>
#include <lua.h>

#include "templates/luafreeze.h"
#include "templates/luamodel.h"
#include "site/nav.h"
#include "site.h"

/* Pushes the proxy of a table for e (and its children), whose parent's
 * proxy is at index parent (0: none), linking each page's table (in the
 * list at index raw_pages; their proxies at pages) to its entry. */
static void
push_entry(lua_State *L, const struct sg_nav *e, int pages, int raw_pages,
    int level, int parent)
{
	size_t	 i;
	int	 t, proxy;

	luaL_checkstack(L, 8, "the contents list");
	lua_createtable(L, 0, 6);
	t = lua_gettop(L);
	sg_lua_seal(L, t);
	proxy = t + 1;
	lua_pushstring(L, e->title);
	lua_setfield(L, t, "title");
	lua_pushinteger(L, level);
	lua_setfield(L, t, "level");
	if (e->page) {
		lua_pushstring(L, e->page->url);
		lua_setfield(L, t, "url");
		lua_rawgeti(L, pages, (lua_Integer)e->page->index + 1);
		lua_setfield(L, t, "page");
		lua_rawgeti(L, raw_pages, (lua_Integer)e->page->index + 1);
		lua_pushliteral(L, "nav");
		if (lua_rawget(L, -2) == LUA_TNIL) {
			lua_pushvalue(L, proxy);
			lua_setfield(L, -3, "nav");
		}
		lua_pop(L, 2);
	}
	lua_createtable(L, (int)e->nchildren, 0);
	for (i = 0; i < e->nchildren; i++) {
		push_entry(L, e->children[i], pages, raw_pages, level + 1,
		    proxy);
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	sg_lua_seal(L, -1);
	lua_setfield(L, t, "children");
	lua_pop(L, 1);
	if (parent) {
		lua_pushvalue(L, parent);
		lua_setfield(L, t, "parent");
	}
	lua_remove(L, t);
}

void
sg_lua_nav(lua_State *L, const struct sg_site *site, int pages,
    int raw_pages)
{
	if (site->nav == NULL)
		return;
	push_entry(L, site->nav, pages, raw_pages, 0, 0);
	lua_getfield(L, -1, "children");
	lua_setfield(L, -3, "nav");
	lua_pop(L, 1);
}
