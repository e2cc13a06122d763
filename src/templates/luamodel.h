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

/* Pushes the table of helpers; escape is the C escaper templates share. */
void	sg_lua_helpers(lua_State *L, const struct sg_site *site,
	    lua_CFunction escape);

/* Pushes the site table and keeps the lists of pages, sections and tags
 * in the registry for sg_lua_vars. Made once per worker state: pages
 * carry no HTML (section.content is read when it is read). Every table
 * the model holds is sealed as it is made (luafreeze.h), and the links
 * between them are to proxies; the site table itself is left for the
 * runtime's freeze(), with its own fields that are not sealed (params,
 * data, handouts, build, i18n). */
void	sg_lua_model(lua_State *L, const struct sg_site *site);

/* Pushes the variables of one render: page, section, content and toc
 * for a page or section, tag for a tag page, section alone for a
 * section's feed, nothing more for others. */
void	sg_lua_vars(lua_State *L, const struct sg_site *site, int kind,
	    size_t i);

/* Pushes a table of this site's own helper sources, lua/site/NAME.lua
 * keyed by file name, for the runtime to load in the sandbox. */
void	sg_lua_site_helpers(lua_State *L, const struct sg_site *site);

/* Sets site.nav in the site table on top of the stack (and page.nav of
 * the pages it names: pages and raw_pages are the indices of the lists of
 * their proxies and of the tables themselves); nothing without a contents
 * list. The entries are sealed (luafreeze.h). */
void	sg_lua_nav(lua_State *L, const struct sg_site *site, int pages,
	    int raw_pages);

/* Notes in t (NULL: nowhere) which pages' summary, word_count and
 * reading_time the renders of L read; pushes the deps table the runtime
 * hands to once() (nil without t). t must outlive L. */
void	sg_lua_track(lua_State *L, struct sg_lua_track *t);

#endif
