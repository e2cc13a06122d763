/* luatax.c: the taxonomies as Lua tables, made once per worker state with
 * the rest of the model (luamodel.c): site.taxonomies, in site.yml's
 * order and by plural name, each with its terms and their pages; and
 * page.taxonomies, made when a template reads it. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>

#include "site.h"
#include "templates/luafreeze.h"
#include "templates/luatax.h"
#include "util.h"

static void
set_str(lua_State *L, const char *key, const char *val)
{
	lua_pushstring(L, val);
	lua_setfield(L, -2, key);
}

/* Sets field permalink of the table on top to url made absolute. */
static void
set_permalink(lua_State *L, const struct sg_site *site, const char *url)
{
	char	*link = sg_site_permalink(site, url);

	lua_pushstring(L, link);
	free(link);
	lua_setfield(L, -2, "permalink");
}

/* Pushes the proxy of a new term table for g, a term that is not a tag,
 * its pages from the list of proxies at index pages; and below it the
 * table itself. */
static void
push_term(lua_State *L, const struct sg_site *site, const struct sg_tag *g,
    int pages)
{
	size_t	 j;

	lua_createtable(L, 0, 7);
	set_str(L, "name", g->name);
	set_str(L, "slug", g->slug);
	set_str(L, "url", g->url);
	set_permalink(L, site, g->url);
	lua_createtable(L, (int)g->npages, 0);
	for (j = 0; j < g->npages; j++) {
		lua_rawgeti(L, pages, (lua_Integer)g->pages[j]->index + 1);
		lua_rawseti(L, -2, (lua_Integer)j + 1);
	}
	sg_lua_seal(L, -1);
	lua_setfield(L, -3, "pages");
	lua_pop(L, 1);
	sg_lua_seal(L, -1);
}

void
sg_lua_taxonomies(lua_State *L, const struct sg_site *site, int pages,
    int raw_tags, int tags)
{
	const struct sg_taxonomy	*t;
	const struct sg_tag		*g;
	size_t				 i, k;
	int				 terms, taxes, top, tax, list;

	luaL_checkstack(L, 12, "the taxonomies");
	lua_createtable(L, (int)site->nterms, 0);
	terms = lua_gettop(L);
	lua_createtable(L, (int)site->ntaxonomies, 0);
	taxes = lua_gettop(L);
	lua_createtable(L, (int)site->ntaxonomies, (int)site->ntaxonomies);
	top = lua_gettop(L);
	for (i = 0; i < site->ntaxonomies; i++) {
		t = site->taxonomies[i];
		lua_createtable(L, 0, 7);
		tax = lua_gettop(L);
		set_str(L, "name", t->plural);
		set_str(L, "singular", t->singular);
		set_str(L, "plural", t->plural);
		set_str(L, "url", t->url);
		set_permalink(L, site, t->url);
		sg_lua_seal(L, tax);				/* tax + 1 */
		lua_createtable(L, (int)t->nterms, 0);
		list = lua_gettop(L);
		for (k = 0; k < t->nterms; k++) {
			g = t->terms[k];
			if (t->terms == site->tags) {
				lua_rawgeti(L, raw_tags, (lua_Integer)k + 1);
				lua_rawgeti(L, tags, (lua_Integer)k + 1);
			} else
				push_term(L, site, g, pages);
			lua_pushinteger(L, (lua_Integer)g->npages);
			lua_setfield(L, -3, "count");
			lua_pushvalue(L, tax + 1);
			lua_setfield(L, -3, "taxonomy");
			lua_pushvalue(L, -1);
			lua_rawseti(L, terms, (lua_Integer)g->index + 1);
			lua_rawseti(L, list, (lua_Integer)k + 1);
			lua_pop(L, 1);				/* the term */
		}
		sg_lua_seal(L, list);
		lua_setfield(L, tax, "terms");
		lua_pop(L, 1);					/* list */
		lua_pushvalue(L, -1);
		lua_rawseti(L, taxes, (lua_Integer)i + 1);
		lua_pushvalue(L, -1);
		lua_setfield(L, top, t->plural);
		lua_rawseti(L, top, (lua_Integer)i + 1);
		lua_pop(L, 1);					/* tax */
	}
	lua_pushvalue(L, taxes);
	lua_setfield(L, LUA_REGISTRYINDEX, REG_TAXONOMIES);
	lua_pushvalue(L, terms);
	lua_setfield(L, LUA_REGISTRYINDEX, REG_TERMS);
	sg_lua_seal(L, top);
	lua_replace(L, terms);
	lua_settop(L, terms);
}

static int
cmp_term_index(const void *a, const void *b)
{
	const struct sg_tag	*x = *(const struct sg_tag *const *)a;
	const struct sg_tag	*y = *(const struct sg_tag *const *)b;

	return (x->index > y->index) - (x->index < y->index);
}

void
sg_lua_page_taxonomies(lua_State *L, const struct sg_site *site,
    const struct sg_page *p)
{
	const struct sg_taxonomy	*t;
	struct sg_tag			**mine;
	size_t				 i, k, n;

	/* from the page's own terms (looking for the page in every term's
	 * list made a term of every page quadratic), in each taxonomy's
	 * order: site->terms lists them by taxonomy and slug */
	mine = xcalloc(p->nterms + 1, sizeof(*mine));
	lua_createtable(L, 0, (int)site->ntaxonomies);
	for (i = 0; i < site->ntaxonomies; i++) {
		t = site->taxonomies[i];
		for (n = k = 0; k < p->nterms; k++)
			if (p->terms[k]->tax == t)
				mine[n++] = p->terms[k];
		qsort(mine, n, sizeof(*mine), cmp_term_index);
		lua_createtable(L, (int)n, 0);
		for (k = 0; k < n; k++) {
			lua_createtable(L, 0, 3);
			set_str(L, "name", mine[k]->name);
			set_str(L, "slug", mine[k]->slug);
			set_str(L, "url", mine[k]->url);
			lua_rawseti(L, -2, (lua_Integer)k + 1);
		}
		lua_setfield(L, -2, t->plural);
	}
	free(mine);
}
