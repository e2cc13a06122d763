/* luatoc.h: a page's table of contents as templates see it, and
 * toc_list(), the helper that makes its list (luatoc.c). */
#ifndef SG_LUATOC_H
#define SG_LUATOC_H

#include <lua.h>

struct sg_page;
struct sg_site;

/* Pushes the metatable of tocs, made on the first call in L (site must
 * outlive L), for the runtime to tell a toc: its next() and rawlen() see
 * one as the list it stands for. */
void	sg_lua_toc_meta(lua_State *L, const struct sg_site *site);

/* Pushes page p's table of contents as templates see it: a list of
 * tables {level, id, title}, its headings of levels 2 to the site's
 * toc_depth (none when the page turns its TOC off), each made when it is
 * first read. Its length, indexing, ipairs and pairs are a list's; a raw
 * lua_next or lua_rawlen sees only the entries read so far. site and p
 * must outlive it. */
void	sg_lua_push_toc(lua_State *L, const struct sg_site *site,
	    const struct sg_page *p);

/* toc_list(entries), the helper (a C closure whose upvalue 1 is the site,
 * or NULL): the <ul> of a table of contents, an item of class
 * toc-depth-D for each entry, D its level below the highest, linking to
 * #id with title as its text, both escaped as escape() does. A page's
 * own toc none of whose entries was read is made from its headings. */
int	sg_lua_toc_list(lua_State *L);

#endif
