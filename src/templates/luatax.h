/* luatax.h: the taxonomies of the site model as Lua tables. */
#ifndef SG_LUATAX_H
#define SG_LUATAX_H

#include <lua.h>

struct sg_site;
struct sg_page;

#define REG_TERMS	"sitegen.terms"
#define REG_TAXONOMIES	"sitegen.taxonomies"

/*
 * Pushes site.taxonomies: a list of {name, singular, plural, url,
 * permalink, terms}, each also under its plural name; a term is {name,
 * slug, url, permalink, pages, count, taxonomy} (a tag's is the table of
 * site.tags, which it sets count and taxonomy of). pages and tags are
 * the stack indices of the lists of the proxies of page and tag tables,
 * raw_tags of the list of the tag tables themselves. Every table is
 * sealed (luafreeze.h): what is pushed is a proxy. Keeps the lists of
 * the proxies of terms and taxonomies in the registry for sg_lua_vars.
 */
void	sg_lua_taxonomies(lua_State *L, const struct sg_site *site, int pages,
	    int raw_tags, int tags);

/* Pushes page.taxonomies: for each taxonomy, by plural name, the list of
 * the page's terms as {name, slug, url}. */
void	sg_lua_page_taxonomies(lua_State *L, const struct sg_site *site,
	    const struct sg_page *p);

#endif
