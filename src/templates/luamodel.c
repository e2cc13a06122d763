/* luamodel.c: the site model as plain Lua tables, made once per worker
 * state, and the helpers templates call (escape, url, asset, date,
 * slugify, markdown; json is in the runtime). */
#include <dirent.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>

#include "out/assets.h"
#include "out/handouts.h"
#include "templates/luaescape.h"
#include "templates/luafreeze.h"
#include "templates/luamodel.h"
#include "templates/luatoc.h"
#include "templates/luatax.h"
#include "path.h"
#include "templates/render.h"
#include "site.h"
#include "site/i18n.h"

#define REG_PAGES	"sitegen.pages"
#define REG_SECTIONS	"sitegen.sections"
#define REG_TAGS	"sitegen.tags"
#define WORDS_A_MINUTE	200

static const struct sg_site *
site_of(lua_State *L)
{
	return lua_touserdata(L, lua_upvalueindex(1));
}

/* lua_pushstring for a string made at run time: lua_pushstring first
 * compares s with the two strings it last made from the same address (a
 * cache for literals), which a field's value misses, after two strcmp on
 * cold memory. */
static void
push_str(lua_State *L, const char *s)
{
	lua_pushlstring(L, s, strlen(s));
}

static void
set_str(lua_State *L, const char *key, const char *val)
{
	if (val == NULL)
		return;
	push_str(L, val);
	lua_setfield(L, -2, key);
}

/* Pushes n, as an integer when it is a whole number one can hold. */
static void
push_num(lua_State *L, double n)
{
	if (n == floor(n) && fabs(n) < 9e15)
		lua_pushinteger(L, (lua_Integer)n);
	else
		lua_pushnumber(L, n);
}

static void
set_num(lua_State *L, const char *key, double n)
{
	push_num(L, n);
	lua_setfield(L, -2, key);
}

/* Pushes a value tree as Lua values. */
static void
push_value(lua_State *L, const struct sg_value *v)
{
	size_t	 i;

	luaL_checkstack(L, 4, "value nested too deep");
	switch (v ? v->type : SG_NIL) {
	case SG_NIL:
		lua_pushnil(L);
		break;
	case SG_BOOL:
		lua_pushboolean(L, v->b);
		break;
	case SG_NUM:
		push_num(L, v->num);
		break;
	case SG_STR:
		if (v->str)
			push_str(L, v->str);
		else
			lua_pushnil(L);
		break;
	case SG_LIST:
		lua_createtable(L, (int)v->len, 0);
		for (i = 0; i < v->len; i++) {
			push_value(L, v->items[i]);
			lua_rawseti(L, -2, (lua_Integer)i + 1);
		}
		break;
	case SG_MAP:
		/* lua_rawset: a fresh table has no metatable, and a key
		 * that is not a literal only misses the string cache that
		 * lua_setfield looks in first */
		lua_createtable(L, 0, (int)v->len);
		for (i = 0; i < v->len; i++) {
			push_str(L, v->keys[i]);
			push_value(L, v->items[i]);
			lua_rawset(L, -3);
		}
		break;
	}
}

/* The texts of the language, key by key (site/i18n.h): a text as it is
 * written, texts by count as a table of forms, a list as a list of texts.
 * Templates read them with i18n() (runtime.lua). */
static void
push_i18n(lua_State *L, const struct sg_site *site)
{
	const struct sg_i18n	*t = site->config.i18n;
	const struct sg_value	*v;
	const char		*key, *text;
	size_t			 i, k, n = sg_i18n_len(t);

	lua_createtable(L, 0, (int)n);
	for (i = 0; i < n; i++) {
		key = sg_i18n_key(t, i, &v);
		if (v->type == SG_MAP || v->type == SG_LIST) {
			lua_createtable(L, 0, (int)v->len);
			for (k = 0; k < v->len; k++) {
				text = sg_value_text(v->items[k]);
				push_str(L, text ? text : "");
				if (v->type == SG_MAP)
					lua_setfield(L, -2, v->keys[k]);
				else
					lua_rawseti(L, -2, (lua_Integer)k + 1);
			}
		} else
			push_str(L, sg_value_text(v) ? sg_value_text(v) : "");
		lua_setfield(L, -2, key);
	}
}

/* ---- the site model ---------------------------------------------------- */

/* site.handouts: a list of {name, title, subtitle, url, pages, paths},
 * pages in the handout's order, paths a set of their paths (so a
 * template asks h.paths[page.path]). */
static void
push_handouts(lua_State *L, const struct sg_site *site, int pages)
{
	const struct sg_handout	*h;
	size_t			 i, k, n = site->handouts ?
				    site->handouts->len : 0;

	lua_createtable(L, (int)n, 0);
	for (i = 0; i < n; i++) {
		h = &site->handouts->v[i];
		lua_createtable(L, 0, 6);
		set_str(L, "name", h->name);
		set_str(L, "title", h->title);
		set_str(L, "subtitle", h->subtitle ? h->subtitle : "");
		set_str(L, "url", h->url);
		lua_createtable(L, (int)h->npages, 0);
		lua_createtable(L, 0, (int)h->npages);
		for (k = 0; k < h->npages; k++) {
			lua_rawgeti(L, pages, (lua_Integer)h->pages[k]->index +
			    1);
			lua_rawseti(L, -3, (lua_Integer)k + 1);
			lua_pushboolean(L, 1);
			lua_setfield(L, -2, h->pages[k]->rel);
		}
		lua_setfield(L, -3, "paths");
		lua_setfield(L, -2, "pages");
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
}

/* The key under which a page table keeps its index in site->pages (a
 * light userdata: no template can write it). */
static const char page_key;

/* The key under which the registry keeps the worker's struct
 * sg_lua_track, when its renders are tracked. */
static const char track_key;

/* Notes that the render under way read what page i says of its text:
 * its summary (what SG_READ_SUMMARY) or its length (SG_READ_WORDS). */
static void
track(lua_State *L, size_t i)
{
	struct sg_lua_track	*t;

	lua_rawgetp(L, LUA_REGISTRYINDEX, &track_key);
	t = lua_touserdata(L, -1);
	lua_pop(L, 1);
	if (t == NULL || (t->n > 0 && t->v[t->n - 1] == i))
		return;
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->v = xrealloc(t->v, t->cap * sizeof(*t->v));
	}
	t->v[t->n++] = i;
}

/* __index of page tables: the fields that only the page being rendered
 * (or a rare template) reads are made when read, fresh each time, instead
 * of for every page in every worker's model: toc, params, tags,
 * permalink; and the fields that change with the text of a page without
 * changing its place or its anchors (summary, word_count, reading_time),
 * whose reads serve tracks to know what to render again after an edit.
 * Upvalue 1 is the site. */
static int
l_page_index(lua_State *L)
{
	const struct sg_site	*site = site_of(L);
	const struct sg_page	*p;
	const char		*k;
	lua_Integer		 i;
	char			*link;
	size_t			 t;

	/* most reads that come here are of a field the page does not
	 * have (date, nav): turned away on their first letter, before the
	 * page's index is looked up and the names compared */
	if (lua_type(L, 2) != LUA_TSTRING)
		return 0;
	k = lua_tostring(L, 2);
	if (k[0] == '\0' || strchr("tpswr", k[0]) == NULL)
		return 0;
	lua_pushlightuserdata(L, (void *)&page_key);
	lua_rawget(L, 1);
	i = lua_tointeger(L, -1);
	if (i < 0 || (size_t)i >= site->npages)
		return 0;
	p = site->pages[i];
	if (!strcmp(k, "toc")) {
		sg_lua_push_toc(L, site, p);
	} else if (!strcmp(k, "params")) {
		if (p->fm)
			push_value(L, p->fm);
		else
			lua_newtable(L);
	} else if (!strcmp(k, "tags")) {
		lua_createtable(L, (int)p->ntags, 0);
		for (t = 0; t < p->ntags; t++) {
			lua_createtable(L, 0, 3);
			set_str(L, "name", p->tags[t]->name);
			set_str(L, "slug", p->tags[t]->slug);
			set_str(L, "url", p->tags[t]->url);
			lua_rawseti(L, -2, (lua_Integer)t + 1);
		}
	} else if (!strcmp(k, "taxonomies")) {
		sg_lua_page_taxonomies(L, site, p);
	} else if (!strcmp(k, "summary")) {
		track(L, SG_READ(i, SG_READ_SUMMARY));
		push_str(L, *p->description ? p->description :
		    p->md.summary ? p->md.summary : "");
	} else if (!strcmp(k, "word_count")) {
		track(L, SG_READ(i, SG_READ_WORDS));
		lua_pushinteger(L, (lua_Integer)p->md.words);
	} else if (!strcmp(k, "reading_time")) {
		track(L, SG_READ(i, SG_READ_WORDS));
		lua_pushinteger(L, (lua_Integer)((p->md.words +
		    WORDS_A_MINUTE - 1) / WORDS_A_MINUTE));
	} else if (!strcmp(k, "permalink")) {
		link = sg_site_permalink(site, p->url);
		lua_pushstring(L, link);
		free(link);
	} else
		return 0;
	return 1;
}

/* The keys of a page's own fields, pushed once for all pages (keys on):
 * each set by lua_rawset, where lua_setfield looked its key up in the
 * API's string cache (two strcmp) for every field of every page. */
enum { K_TITLE, K_DESCRIPTION, K_URL, K_PATH, K_DATE, K_DATETIME, K_WEIGHT,
	K_DRAFT, K_IS_SECTION, K_SLIDES, K_N };
static const char *const page_keys[K_N] = { "title", "description", "url",
	"path", "date", "datetime", "weight", "draft", "is_section", "slides" };

/* Sets the field of key k (page_keys, pushed from index keys on) of the
 * table on top to the string s, unless s is NULL. */
static void
put_str(lua_State *L, int keys, int k, const char *s)
{
	if (s == NULL)
		return;
	lua_pushvalue(L, keys + k);
	push_str(L, s);
	lua_rawset(L, -3);
}

/* The same with the boolean b. */
static void
put_bool(lua_State *L, int keys, int k, int b)
{
	lua_pushvalue(L, keys + k);
	lua_pushboolean(L, b);
	lua_rawset(L, -3);
}

/* Fills the table on top with the page's own fields (links to other
 * tables are set afterwards; the lazy ones come from l_page_index
 * through the metatable at index meta; page_keys are at index keys). */
static void
fill_page(lua_State *L, const struct sg_page *p, int meta, int keys)
{
	put_str(L, keys, K_TITLE, p->title);
	put_str(L, keys, K_DESCRIPTION, p->description);
	put_str(L, keys, K_URL, p->url);
	put_str(L, keys, K_PATH, p->rel);
	put_str(L, keys, K_DATE, p->date);
	put_str(L, keys, K_DATETIME, p->datetime);
	if (p->has_weight) {
		lua_pushvalue(L, keys + K_WEIGHT);
		push_num(L, p->weight);
		lua_rawset(L, -3);
	}
	put_bool(L, keys, K_DRAFT, p->draft);
	put_bool(L, keys, K_IS_SECTION, p->owner != NULL);
	/* a deck's page shows links to its slides (partials/decks.html):
	 * asked of every page, through params it made the front matter's
	 * table on each */
	put_bool(L, keys, K_SLIDES, sg_page_is_deck(p));
	lua_pushlightuserdata(L, (void *)&page_key);
	lua_pushinteger(L, (lua_Integer)p->index);
	lua_rawset(L, -3);
	lua_pushvalue(L, meta);
	lua_setmetatable(L, -2);
}

/* Sets field key of the table at t to element i+1 of the list at index
 * list. */
static void
set_link(lua_State *L, int t, const char *key, int list, size_t i)
{
	lua_rawgeti(L, list, (lua_Integer)i + 1);
	lua_setfield(L, t, key);
}

/* Sets field key of the table at t to element i+1 of the registry list
 * reg, or leaves it nil when ok is false. */
static void
link_to(lua_State *L, int t, const char *key, const char *reg, size_t i,
    int ok)
{
	if (!ok)
		return;
	lua_getfield(L, LUA_REGISTRYINDEX, reg);
	lua_rawgeti(L, -1, (lua_Integer)i + 1);
	lua_setfield(L, t, key);
	lua_pop(L, 1);
}

/* The key under which a section table keeps its index in
 * site->sections. */
static const char section_key;

/* __index of section tables: content, the HTML of the section's own
 * page, read when it is read: a state is made before section pages are
 * rendered (and a copy in every state of every section's HTML would be
 * memory for nothing). Upvalue 1 is the site. */
static int
l_section_index(lua_State *L)
{
	const struct sg_site	*site = site_of(L);
	const struct sg_section	*s;
	const char		*k = lua_tostring(L, 2);
	lua_Integer		 i;

	lua_pushlightuserdata(L, (void *)&section_key);
	lua_rawget(L, 1);
	i = lua_tointeger(L, -1);
	if (k == NULL || i < 0 || (size_t)i >= site->nsections ||
	    strcmp(k, "content") != 0)
		return 0;
	s = site->sections[i];
	push_str(L, s->page && s->page->md.html ? s->page->md.html : "");
	return 1;
}

/* Where the model's lists are on the stack while it is made: of each
 * table, the table itself, which the C side writes (raw_), and its proxy
 * (luafreeze.h), which templates read and the links between tables hold.
 * The lists of proxies are kept in the registry for sg_lua_vars. */
struct lists {
	int	raw_pages, pages;
	int	raw_sections, sections;
	int	raw_tags, tags;
};

/* Seals the table on top, appends it to the list at index raw and its
 * proxy to the list at index proxies as element i+1, and pops it. */
static void
append(lua_State *L, int raw, int proxies, size_t i)
{
	sg_lua_seal(L, -1);
	lua_rawseti(L, proxies, (lua_Integer)i + 1);
	lua_rawseti(L, raw, (lua_Integer)i + 1);
}

/* Sets field key of the table at t to a proxy of the list on top (which
 * holds proxies), and pops the list. */
static void
set_sealed(lua_State *L, int t, const char *key)
{
	sg_lua_seal(L, -1);
	lua_setfield(L, t, key);
	lua_pop(L, 1);
}

/* Pushes the tables of the sections and of the tags, raw and proxies, and
 * notes where in *l (their links to pages and to each other come after:
 * link_lists). */
static void
lists(lua_State *L, const struct sg_site *site, struct lists *l)
{
	const struct sg_section	*s;
	const struct sg_tag	*g;
	char			*link;
	size_t			 i;
	int			 meta;

	lua_createtable(L, (int)site->nsections, 0);
	l->raw_sections = lua_gettop(L);
	lua_createtable(L, (int)site->nsections, 0);
	l->sections = lua_gettop(L);
	lua_createtable(L, 0, 1);			/* sections' metatable */
	meta = lua_gettop(L);
	lua_pushlightuserdata(L, (void *)(uintptr_t)site);
	lua_pushcclosure(L, l_section_index, 1);
	lua_setfield(L, meta, "__index");
	for (i = 0; i < site->nsections; i++) {
		s = site->sections[i];
		lua_createtable(L, 0, 12);
		set_str(L, "title", s->title);
		set_str(L, "description", s->page ? s->page->description : "");
		set_str(L, "url", s->url);
		link = sg_site_permalink(site, s->url);
		set_str(L, "permalink", link);
		free(link);
		set_str(L, "path", s->dir);
		if (s->feed != NULL) {
			link = xasprintf("%satom.xml", s->url);
			set_str(L, "feed", link);
			free(link);
		}
		if (s->weight < 1e299)
			set_num(L, "weight", s->weight);
		lua_pushlightuserdata(L, (void *)&section_key);
		lua_pushinteger(L, (lua_Integer)i);
		lua_rawset(L, -3);
		lua_pushvalue(L, meta);
		lua_setmetatable(L, -2);
		append(L, l->raw_sections, l->sections, i);
	}
	lua_pop(L, 1);					/* meta */
	lua_pushvalue(L, l->sections);
	lua_setfield(L, LUA_REGISTRYINDEX, REG_SECTIONS);
	lua_createtable(L, (int)site->ntags, 0);
	l->raw_tags = lua_gettop(L);
	lua_createtable(L, (int)site->ntags, 0);
	l->tags = lua_gettop(L);
	for (i = 0; i < site->ntags; i++) {
		g = site->tags[i];
		lua_createtable(L, 0, 4);
		set_str(L, "name", g->name);
		set_str(L, "slug", g->slug);
		set_str(L, "url", g->url);
		link = sg_site_permalink(site, g->url);
		set_str(L, "permalink", link);
		free(link);
		append(L, l->raw_tags, l->tags, i);
	}
	lua_pushvalue(L, l->tags);
	lua_setfield(L, LUA_REGISTRYINDEX, REG_TAGS);
}

/* Pushes a new list of the n tables of elems (pages or sections, each
 * found by its index in the list of proxies at index list). */
#define PUSH_LIST(L, list, n, elems) do {				\
	size_t	 k_;							\
									\
	lua_createtable((L), (int)(n), 0);				\
	for (k_ = 0; k_ < (n); k_++) {					\
		lua_rawgeti((L), (list), (lua_Integer)			\
		    (elems)[k_]->index + 1);				\
		lua_rawseti((L), -2, (lua_Integer)k_ + 1);		\
	}								\
} while (0)

/* Links the tables of pages, sections and tags to each other: a page's
 * section, prev and next; a section's page, parent, pages and sections;
 * a tag's pages. */
static void
link_lists(lua_State *L, const struct sg_site *site, const struct lists *l)
{
	const struct sg_page	*p;
	const struct sg_section	*s;
	const struct sg_tag	*g;
	size_t			 i;
	int			 t;

	for (i = 0; i < site->npages; i++) {
		p = site->pages[i];
		lua_rawgeti(L, l->raw_pages, (lua_Integer)i + 1);
		t = lua_gettop(L);
		set_link(L, t, "section", l->sections, p->section->index);
		if (p->prev)
			set_link(L, t, "prev", l->pages, p->prev->index);
		if (p->next)
			set_link(L, t, "next", l->pages, p->next->index);
		lua_pop(L, 1);
	}
	for (i = 0; i < site->nsections; i++) {
		s = site->sections[i];
		lua_rawgeti(L, l->raw_sections, (lua_Integer)i + 1);
		t = lua_gettop(L);
		if (s->page)
			set_link(L, t, "page", l->pages, s->page->index);
		if (s->parent)
			set_link(L, t, "parent", l->sections,
			    s->parent->index);
		PUSH_LIST(L, l->pages, s->npages, s->pages);
		set_sealed(L, t, "pages");
		PUSH_LIST(L, l->sections, s->nsections, s->sections);
		set_sealed(L, t, "sections");
		lua_pop(L, 1);
	}
	for (i = 0; i < site->ntags; i++) {
		g = site->tags[i];
		lua_rawgeti(L, l->raw_tags, (lua_Integer)i + 1);
		PUSH_LIST(L, l->pages, g->npages, g->pages);
		set_sealed(L, lua_gettop(L) - 1, "pages");
		lua_pop(L, 1);
	}
}

void
sg_lua_model(lua_State *L, const struct sg_site *site)
{
	struct lists		 l;
	size_t			 i;
	int			 meta, keys, top;

	lua_createtable(L, (int)site->npages, 0);
	l.raw_pages = lua_gettop(L);
	lua_createtable(L, (int)site->npages, 0);
	l.pages = lua_gettop(L);
	lua_createtable(L, 0, 1);			/* pages' metatable */
	meta = lua_gettop(L);
	lua_pushlightuserdata(L, (void *)(uintptr_t)site);
	lua_pushcclosure(L, l_page_index, 1);
	lua_setfield(L, meta, "__index");
	keys = lua_gettop(L) + 1;
	luaL_checkstack(L, K_N + 8, "the site model");
	for (i = 0; i < K_N; i++)
		lua_pushstring(L, page_keys[i]);
	for (i = 0; i < site->npages; i++) {
		lua_createtable(L, 0, 16);
		fill_page(L, site->pages[i], meta, keys);
		append(L, l.raw_pages, l.pages, i);
	}
	lua_settop(L, meta - 1);			/* keys, meta */
	lua_pushvalue(L, l.pages);
	lua_setfield(L, LUA_REGISTRYINDEX, REG_PAGES);
	lists(L, site, &l);
	link_lists(L, site, &l);

	/* the site itself: the runtime's freeze() makes its proxy, and
	 * those of what it holds that is not sealed here */
	lua_createtable(L, 0, 12);
	top = lua_gettop(L);
	set_str(L, "title", site->config.title);
	set_str(L, "description", site->config.description);
	set_str(L, "base_url", site->config.base_url);
	set_str(L, "language", site->config.language);
	push_value(L, site->config.root);
	lua_setfield(L, top, "params");
	if (site->config.data)
		push_value(L, site->config.data);
	else
		lua_newtable(L);
	lua_setfield(L, top, "data");
	lua_pushvalue(L, l.pages);
	set_sealed(L, top, "pages");
	lua_pushvalue(L, l.tags);
	set_sealed(L, top, "tags");
	sg_lua_taxonomies(L, site, l.pages, l.raw_tags, l.tags);
	lua_setfield(L, top, "taxonomies");
	lua_rawgeti(L, l.sections, (lua_Integer)site->home->index + 1);
	lua_setfield(L, top, "home");
	lua_rawgeti(L, l.raw_sections, (lua_Integer)site->home->index + 1);
	lua_getfield(L, -1, "sections");
	lua_setfield(L, top, "sections");
	lua_pop(L, 1);
	push_handouts(L, site, l.pages);
	lua_setfield(L, top, "handouts");
	lua_createtable(L, 0, 2);
	set_str(L, "version", SG_VERSION);
	set_str(L, "date", site->build_date);
	lua_setfield(L, top, "build");
	push_i18n(L, site);
	lua_setfield(L, top, "i18n");
	sg_lua_nav(L, site, l.pages, l.raw_pages);	/* site.nav, page.nav */
	lua_replace(L, l.raw_pages);
	lua_settop(L, l.raw_pages);
}

void
sg_lua_vars(lua_State *L, const struct sg_site *site, int kind, size_t i)
{
	const struct sg_page	*p = NULL;
	const struct sg_section	*s = NULL;
	const char		*html;

	lua_createtable(L, 0, 6);
	switch (kind) {
	case SG_JOB_PAGE:
	case SG_JOB_DECK:
		p = site->pages[i];
		s = p->section;
		break;
	case SG_JOB_SECTION:
		s = site->sections[i];
		p = s->page;
		break;
	case SG_JOB_FEED:
		s = site->sections[i];
		break;
	case SG_JOB_TAG:
		link_to(L, lua_gettop(L), "tag", REG_TAGS, i, 1);
		break;
	case SG_JOB_TERM:
		link_to(L, lua_gettop(L), "term", REG_TERMS, i, 1);
		link_to(L, lua_gettop(L), "taxonomy", REG_TAXONOMIES,
		    site->terms[i]->tax->index, 1);
		break;
	case SG_JOB_TAXONOMY:
		link_to(L, lua_gettop(L), "taxonomy", REG_TAXONOMIES, i, 1);
		break;
	default:
		break;
	}
	if (p) {
		link_to(L, lua_gettop(L), "page", REG_PAGES, p->index, 1);
		html = kind == SG_JOB_DECK ? p->slides_html : p->md.html;
		if (html == NULL)
			html = "";
		sg_lua_push_text(L, html, strlen(html));
		lua_setfield(L, -2, "content");
		/* page.toc, made here as l_page_index makes it, without the
		 * trip through the page's proxy and __index */
		sg_lua_push_toc(L, site, p);
		lua_setfield(L, -2, "toc");
	} else {
		lua_pushliteral(L, "");
		lua_setfield(L, -2, "content");
		lua_newtable(L);
		lua_setfield(L, -2, "toc");
	}
	if (s)
		link_to(L, lua_gettop(L), "section", REG_SECTIONS, s->index, 1);
}

void
sg_lua_site_helpers(lua_State *L, const struct sg_site *site)
{
	struct dirent	**list = NULL;
	char		 *dir, *path, *text;
	size_t		  len;
	int		  n, i;

	lua_newtable(L);
	dir = sg_path_join(site->root, "lua/site");
	n = scandir(dir, &list, NULL, alphasort);
	for (i = 0; i < n; i++) {
		if (list[i]->d_name[0] != '.' &&
		    sg_ends_with(list[i]->d_name, ".lua")) {
			path = xasprintf("%s/%s", dir, list[i]->d_name);
			if ((text = sg_file_read(path, &len)) != NULL) {
				lua_pushlstring(L, text, len);
				lua_setfield(L, -2, list[i]->d_name);
				free(text);
			}
			free(path);
		}
		free(list[i]);
	}
	free(list);
	free(dir);
}

/* ---- tracking what a render reads of other pages -------------------- */

static struct sg_lua_track *
track_of(lua_State *L)
{
	struct sg_lua_track	*t;

	lua_rawgetp(L, LUA_REGISTRYINDEX, &track_key);
	t = lua_touserdata(L, -1);
	lua_pop(L, 1);
	return t;
}

/* deps.mark(): how many pages the render has noted so far. */
static int
l_deps_mark(lua_State *L)
{
	struct sg_lua_track	*t = track_of(L);

	lua_pushinteger(L, t ? (lua_Integer)t->n : 0);
	return 1;
}

/* deps.since(m): a list of the pages noted since mark m. */
static int
l_deps_since(lua_State *L)
{
	struct sg_lua_track	*t = track_of(L);
	lua_Integer		 m = luaL_checkinteger(L, 1), k;

	lua_newtable(L);
	for (k = m; t && k >= 0 && (size_t)k < t->n; k++) {
		lua_pushinteger(L, (lua_Integer)t->v[k]);
		lua_rawseti(L, -2, k - m + 1);
	}
	return 1;
}

/* deps.add(list): notes the pages of a list deps.since made, for a
 * render that reuses what an earlier one made (once()). */
static int
l_deps_add(lua_State *L)
{
	lua_Integer	 k, n;

	luaL_checktype(L, 1, LUA_TTABLE);
	n = (lua_Integer)lua_rawlen(L, 1);
	for (k = 1; k <= n; k++) {
		lua_rawgeti(L, 1, k);
		track(L, (size_t)lua_tointeger(L, -1));
		lua_pop(L, 1);
	}
	return 0;
}

void
sg_lua_track(lua_State *L, struct sg_lua_track *t)
{
	static const luaL_Reg	 fns[] = {
		{ "mark", l_deps_mark },
		{ "since", l_deps_since },
		{ "add", l_deps_add },
		{ NULL, NULL }
	};

	lua_pushlightuserdata(L, t);
	lua_rawsetp(L, LUA_REGISTRYINDEX, &track_key);
	if (t == NULL)
		lua_pushnil(L);
	else
		luaL_newlib(L, fns);
}
