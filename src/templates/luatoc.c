/* luatoc.c: a page's table of contents as templates see it (toc,
 * page.toc), and toc_list(), the helper that makes its list (luatoc.h).
 *
 * A page's toc is a table that makes its entries when they are read:
 * made for every page, as a list of tables, it was 18,000 instructions a
 * page, 1.5% of a build, for a theme that only asks its length and hands
 * it to toc_list(), which then read it back through the Lua API. Its
 * metatable gives its length (__len), its entries on the first read of
 * one (__index, which keeps them all in the table: the same entry on
 * each read, and one a template changes stays changed) and pairs()
 * (__pairs). Which page a toc belongs to, and its count, are kept in
 * weak tables of the registry, not in the toc: pairs() sees nothing but
 * its entries, and the runtime's next() and rawlen() see it as the list
 * it stands for. */
#include <stdint.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>

#include "site.h"
#include "templates/luaescape.h"
#include "templates/luatoc.h"

/* The registry keys of the metatable of tocs and of the weak table that
 * maps each toc to its page's index. */
static const char	 meta_key;
static const char	 page_of_key;
static const char	 count_of_key;	/* toc -> its count, once asked */

/* The parts of an item of toc_list's list around its depth, id and
 * title. */
#define TOC_OPEN	"<ul>\n"
#define TOC_ITEM	"<li class=\"toc-depth-"
#define TOC_HREF	"\"><a href=\"#"
#define TOC_TEXT	"\">"
#define TOC_END		"</a></li>\n"
#define TOC_CLOSE	"</ul>\n"
#define LIT(s)		(sizeof(s) - 1)
#define TOC_MAX		100000
#define TOC_LEVEL_MAX	1000

static const struct sg_site *
site_of(lua_State *L)
{
	return lua_touserdata(L, lua_upvalueindex(1));
}

/* Is heading h in a page's table of contents? */
static int
in_toc(const struct sg_site *site, const struct sg_heading *h)
{
	return h->level >= 2 && h->level <= site->config.toc_depth;
}

/* The number of entries of p's table of contents: its headings in_toc,
 * none when the page turns its TOC off. */
static lua_Integer
toc_len(const struct sg_site *site, const struct sg_page *p)
{
	lua_Integer	 n = 0;
	size_t		 i;

	for (i = 0; p->toc && i < p->md.nheadings; i++)
		n += in_toc(site, &p->md.headings[i]);
	return n;
}

/* The page of the toc at idx, or NULL if it is not a toc. */
static const struct sg_page *
page_of(lua_State *L, const struct sg_site *site, int idx)
{
	lua_Integer	 i;
	int		 isnum;

	idx = lua_absindex(L, idx);
	lua_rawgetp(L, LUA_REGISTRYINDEX, &page_of_key);
	if (lua_type(L, -1) != LUA_TTABLE) {
		lua_pop(L, 1);
		return NULL;
	}
	lua_pushvalue(L, idx);
	lua_rawget(L, -2);
	i = lua_tointegerx(L, -1, &isnum);
	lua_pop(L, 2);
	if (!isnum || i < 0 || (size_t)i >= site->npages)
		return NULL;
	return site->pages[i];
}

/* Pushes a new table {level, id, title} for heading h. */
static void
push_entry(lua_State *L, const struct sg_heading *h)
{
	lua_createtable(L, 0, 3);
	lua_pushinteger(L, h->level);
	lua_setfield(L, -2, "level");
	if (h->id) {
		lua_pushstring(L, h->id);
		lua_setfield(L, -2, "id");
	}
	if (h->title) {
		lua_pushstring(L, h->title);
		lua_setfield(L, -2, "title");
	}
}

/* Makes every entry of the toc at index 1 (page p's) that it does not
 * hold yet (a template may have set one in its place), all at once on
 * the first read of one, so that reading them all is linear in the
 * headings (one at a time, each found from the first heading, a page of
 * 30,000 took seconds); then forgets its page: from there on the toc is
 * a plain list, whose entries a template removes for good. */
static void
make_entries(lua_State *L, const struct sg_site *site, const struct sg_page *p)
{
	const struct sg_heading	*h;
	lua_Integer		 k = 0;
	size_t			 i;

	for (i = 0; p->toc && i < p->md.nheadings; i++) {
		h = &p->md.headings[i];
		if (!in_toc(site, h))
			continue;
		if (lua_rawgeti(L, 1, ++k) == LUA_TNIL) {
			push_entry(L, h);
			lua_rawseti(L, 1, k);
		}
		lua_pop(L, 1);
	}
	lua_rawgetp(L, LUA_REGISTRYINDEX, &page_of_key);
	lua_pushvalue(L, 1);
	lua_pushnil(L);
	lua_rawset(L, -3);
	lua_pop(L, 1);
}

/* __len of a toc: once its entries are made, its own length, as a
 * list's; before, the page's count (kept: a template that asks it in a
 * loop does not count the headings each time) and the entries a
 * template added after them (toc[#toc + 1] = v, table.insert). */
static int
l_len(lua_State *L)
{
	const struct sg_site	*site = site_of(L);
	const struct sg_page	*p;
	lua_Integer		 n;

	lua_settop(L, 1);
	if ((p = page_of(L, site, 1)) == NULL) {
		lua_pushinteger(L, (lua_Integer)lua_rawlen(L, 1));
		return 1;
	}
	lua_rawgetp(L, LUA_REGISTRYINDEX, &count_of_key);	/* 2 */
	lua_pushvalue(L, 1);
	if (lua_rawget(L, 2) == LUA_TNUMBER)
		n = lua_tointeger(L, -1);
	else {
		n = toc_len(site, p);
		lua_pushvalue(L, 1);
		lua_pushinteger(L, n);
		lua_rawset(L, 2);
	}
	while (lua_rawgeti(L, 1, n + 1) != LUA_TNIL) {
		lua_pop(L, 1);
		n++;
	}
	lua_pushinteger(L, n);
	return 1;
}

/* __index of a toc whose entries are not made: entry k, after making
 * them all (later reads find them in the toc, without a call). */
static int
l_index(lua_State *L)
{
	const struct sg_site	*site = site_of(L);
	const struct sg_page	*p;
	lua_Integer		 k;
	int			 isnum;

	k = lua_tointegerx(L, 2, &isnum);
	if (!isnum || k < 1 || (p = page_of(L, site, 1)) == NULL)
		return 0;
	make_entries(L, site, p);
	lua_rawgeti(L, 1, k);
	return 1;
}

/* The iterator of pairs(toc): as ipairs, entry after entry up to the
 * first nil. */
static int
l_next(lua_State *L)
{
	lua_Integer	 k = luaL_checkinteger(L, 2) + 1;

	lua_pushinteger(L, k);
	return lua_geti(L, 1, k) == LUA_TNIL ? 1 : 2;
}

/* __pairs of a toc. */
static int
l_pairs(lua_State *L)
{
	lua_pushcfunction(L, l_next);
	lua_pushvalue(L, 1);
	lua_pushinteger(L, 0);
	return 3;
}

void
sg_lua_toc_meta(lua_State *L, const struct sg_site *site)
{
	if (lua_rawgetp(L, LUA_REGISTRYINDEX, &meta_key) == LUA_TTABLE)
		return;
	lua_pop(L, 1);
	lua_createtable(L, 0, 3);
	lua_pushlightuserdata(L, (void *)(uintptr_t)site);
	lua_pushcclosure(L, l_len, 1);
	lua_setfield(L, -2, "__len");
	lua_pushlightuserdata(L, (void *)(uintptr_t)site);
	lua_pushcclosure(L, l_index, 1);
	lua_setfield(L, -2, "__index");
	lua_pushcfunction(L, l_pairs);
	lua_setfield(L, -2, "__pairs");
	lua_pushvalue(L, -1);
	lua_rawsetp(L, LUA_REGISTRYINDEX, &meta_key);
	/* the pages and counts of tocs, weak by key: gone with their
	 * tocs */
	lua_createtable(L, 0, 1);
	lua_pushliteral(L, "k");
	lua_setfield(L, -2, "__mode");
	lua_createtable(L, 0, 0);
	lua_pushvalue(L, -2);
	lua_setmetatable(L, -2);
	lua_rawsetp(L, LUA_REGISTRYINDEX, &page_of_key);
	lua_createtable(L, 0, 0);
	lua_pushvalue(L, -2);
	lua_setmetatable(L, -2);
	lua_rawsetp(L, LUA_REGISTRYINDEX, &count_of_key);
	lua_pop(L, 1);
}

void
sg_lua_push_toc(lua_State *L, const struct sg_site *site,
    const struct sg_page *p)
{
	lua_createtable(L, 0, 0);
	sg_lua_toc_meta(L, site);
	lua_setmetatable(L, -2);
	lua_rawgetp(L, LUA_REGISTRYINDEX, &page_of_key);
	lua_pushvalue(L, -2);
	lua_pushinteger(L, (lua_Integer)p->index);
	lua_rawset(L, -3);
	lua_pop(L, 1);
}

/* Adds the item of an entry depth levels below the list's highest, with
 * its id and title as they are or (escape) as escape() gives them. */
static void
add_item(luaL_Buffer *b, unsigned depth, const char *id, size_t idlen,
    const char *title, size_t titlelen, int escape)
{
	char	 d[4];
	int	 k = 0;

	luaL_addlstring(b, TOC_ITEM, LIT(TOC_ITEM));
	do {
		d[3 - k++] = (char)('0' + depth % 10);
		depth /= 10;
	} while (depth > 0 && k < 4);
	luaL_addlstring(b, d + 4 - k, (size_t)k);
	luaL_addlstring(b, TOC_HREF, LIT(TOC_HREF));
	if (escape)
		sg_lua_add_escaped(b, id, idlen);
	else
		luaL_addlstring(b, id, idlen);
	luaL_addlstring(b, TOC_TEXT, LIT(TOC_TEXT));
	if (escape)
		sg_lua_add_escaped(b, title, titlelen);
	else
		luaL_addlstring(b, title, titlelen);
	luaL_addlstring(b, TOC_END, LIT(TOC_END));
}

/* toc_list of a page's own toc, none of whose entries has been read: made
 * from its headings, with no entry made. */
static int
list_of_page(lua_State *L, const struct sg_site *site, const struct sg_page *p)
{
	const struct sg_heading	*h;
	luaL_Buffer		 b;
	int			 top = 0, first = 1;
	size_t			 i;

	for (i = 0; p->toc && i < p->md.nheadings; i++) {
		h = &p->md.headings[i];
		if (in_toc(site, h) && (first || h->level < top))
			top = h->level, first = 0;
	}
	luaL_buffinit(L, &b);
	luaL_addlstring(&b, TOC_OPEN, LIT(TOC_OPEN));
	for (i = 0; p->toc && i < p->md.nheadings; i++) {
		h = &p->md.headings[i];
		if (in_toc(site, h))
			add_item(&b, (unsigned)(h->level - top), h->id ? h->id :
			    "", h->id ? strlen(h->id) : 0, h->title ? h->title :
			    "", h->title ? strlen(h->title) : 0, 1);
	}
	luaL_addlstring(&b, TOC_CLOSE, LIT(TOC_CLOSE));
	luaL_pushresult(&b);
	return 1;
}

/* toc_list(entries): the list of a table of contents, as the default
 * theme's partials/toc-list.html shows it: "<ul>", then for each entry
 * {level, id, title} an item of class toc-depth-D (D: its level less the
 * highest of the list's) linking to #id with title as its text, both as
 * escape() gives them, then "</ul>". In the template, each heading took
 * about 4,000 instructions (seven pieces, three escapes, four reads of
 * a field), a page's list 3% of a build. A page's own toc none of whose
 * entries has been read is made from the page's headings; any other
 * list through the Lua API, each entry's table, level, escaped id and
 * escaped title on the stack (2 + 4 * i on) until the list is made. */
int
sg_lua_toc_list(lua_State *L)
{
	const struct sg_site	*site = site_of(L);
	const struct sg_page	*p;
	luaL_Buffer		 b;
	lua_Integer		 n, i, level, top = 0;
	const char		*id, *title;
	size_t			 idlen, titlelen;
	int			 isnum, at;

	luaL_checktype(L, 1, LUA_TTABLE);
	lua_settop(L, 1);
	lua_pushnil(L);
	if (lua_next(L, 1) == 0 && site && (p = page_of(L, site, 1)) != NULL)
		return list_of_page(L, site, p);
	lua_settop(L, 1);
	n = luaL_len(L, 1);
	if (n < 0 || n > TOC_MAX)
		return luaL_error(L, "toc_list: a list of %I entries (at most "
		    "%d)", n, TOC_MAX);
	luaL_checkstack(L, (int)n * 4 + 4, "toc_list");
	for (i = 0; i < n; i++) {
		if (lua_geti(L, 1, i + 1) != LUA_TTABLE)
			return luaL_error(L, "toc_list: entry %I is not a "
			    "table {level, id, title}", i + 1);
		at = lua_gettop(L);
		lua_getfield(L, at, "level");
		level = lua_tointegerx(L, -1, &isnum);
		if (!isnum || level < 0 || level > TOC_LEVEL_MAX)
			return luaL_error(L, "toc_list: entry %I has no level "
			    "(a whole number from 0 to %d)", i + 1,
			    TOC_LEVEL_MAX);
		if (i == 0 || level < top)
			top = level;
		lua_getfield(L, at, "id");
		sg_lua_escaped_at(L, -1, &idlen);
		lua_getfield(L, at, "title");
		sg_lua_escaped_at(L, -1, &titlelen);
	}
	luaL_buffinit(L, &b);
	luaL_addlstring(&b, TOC_OPEN, LIT(TOC_OPEN));
	for (i = 0; i < n; i++) {
		at = 2 + 4 * (int)i;
		id = lua_tolstring(L, at + 2, &idlen);
		title = lua_tolstring(L, at + 3, &titlelen);
		add_item(&b, (unsigned)(lua_tointeger(L, at + 1) - top), id,
		    idlen, title, titlelen, 0);
	}
	luaL_addlstring(&b, TOC_CLOSE, LIT(TOC_CLOSE));
	luaL_pushresult(&b);
	return 1;
}
