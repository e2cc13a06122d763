/* luahelpers.c: the functions templates call (url, asset, date, i18n,
 * slugify, markdown, mark_current; toc_list is luatoc.c's), each a C
 * closure over the site; the site model they read is luamodel.c's. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <lauxlib.h>
#include <lua.h>

#include "out/assets.h"
#include "templates/luaescape.h"
#include "templates/luamodel.h"
#include "templates/luatoc.h"
#include "path.h"
#include "templates/render.h"
#include "site.h"
#include "site/i18n.h"

static const struct sg_site *
site_of(lua_State *L)
{
	return lua_touserdata(L, lua_upvalueindex(1));
}

/* url(path): a path in the site, with base_url's path in front. */
static int
l_url(lua_State *L)
{
	const struct sg_site	*site = site_of(L);
	const char		*p = luaL_optstring(L, 1, "");

	if (strstr(p, "://") || sg_starts_with(p, "//") ||
	    sg_starts_with(p, site->config.base_path))
		lua_pushstring(L, p);
	else
		lua_pushfstring(L, "%s%s", site->config.base_path,
		    p + (*p == '/'));
	return 1;
}

/* asset(path): the published URL of a static file or compiled style
 * sheet, fingerprinted. */
static int
l_asset(lua_State *L)
{
	const struct sg_site	*site = site_of(L);
	const char		*p = luaL_checkstring(L, 1), *u;

	if ((u = sg_assets_url(site->assets, p + (*p == '/'))) == NULL)
		return luaL_error(L, "asset('%s'): no such file in static/, "
		    "the theme's static/ or a compiled scss/ file", p);
	lua_pushstring(L, u);
	return 1;
}

/* date(d, format): d ("YYYY-MM-DD…") formatted with strftime's format
 * (default "%Y-%m-%d"), %B the month's name in the site's language
 * (i18n.h); "rfc3339" gives 2024-05-31T00:00:00Z, or a page.datetime as
 * it is. */
static int
l_date(lua_State *L)
{
	const struct sg_site	*site = site_of(L);
	const char	*d = luaL_optstring(L, 1, ""), *fmt;
	struct tm	 tm;
	char		 buf[256];

	fmt = luaL_optstring(L, 2, "%Y-%m-%d");
	if (strlen(d) < 10 || sscanf(d, "%4d-%2d-%2d", &tm.tm_year,
	    &tm.tm_mon, &tm.tm_mday) != 3) {
		if (*d == '\0') {
			lua_pushliteral(L, "");
			return 1;
		}
		return luaL_error(L, "date('%s'): not a date like 2024-05-31",
		    d);
	}
	if (!strcmp(fmt, "rfc3339") && d[10] == 'T' && ((strlen(d) == 20 &&
	    d[19] == 'Z') || (strlen(d) == 25 && (d[19] == '+' ||
	    d[19] == '-')))) {
		lua_pushstring(L, d);
		return 1;
	}
	if (!strcmp(fmt, "rfc3339")) {
		lua_pushfstring(L, "%sT00:00:00Z", lua_pushlstring(L, d, 10));
		return 1;
	}
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = 0;
	tm.tm_wday = tm.tm_yday = 0;
	timegm(&tm);		/* fills in the weekday and day of year */
	if (sg_i18n_strftime(site->config.i18n, buf, sizeof(buf), fmt,
	    &tm) == 0 && *fmt)
		return luaL_error(L, "date: format '%s' gives nothing", fmt);
	lua_pushstring(L, buf);
	return 1;
}

/* i18n(key [, vars]): the text of key in the site's language (i18n.h).
 * vars is a count, or a table of values: its count (or, to leave
 * "{count}" as it is, its form) chooses the form of a text by count, and
 * each "{name}" in the text becomes vars[name] (a string or a number); a
 * name vars does not have stays as it is, for the template to put markup
 * there, or a script a number. A key that no file has is an error
 * at the template's line. */
static int
l_i18n(lua_State *L)
{
	const struct sg_site	*site = site_of(L);
	const struct sg_value	*v;
	const char		*key = luaL_checkstring(L, 1), *text, *open,
				*close;
	lua_Integer		 n = 0;
	luaL_Buffer		 b;
	int			 vars = 0, counted = 0, t;

	if (lua_istable(L, 2)) {
		vars = 2;
		if ((counted = lua_getfield(L, 2, "count") != LUA_TNIL ||
		    lua_getfield(L, 2, "form") != LUA_TNIL))
			n = luaL_checkinteger(L, -1);
		lua_settop(L, 2);
	} else if (!lua_isnoneornil(L, 2)) {
		n = luaL_checkinteger(L, 2);
		counted = 1;
	}
	/* without a place: the message handler puts the template's line
	 * in front (the caller may be runtime.lua's i18n) */
	if ((v = sg_i18n_get(site->config.i18n, key)) == NULL) {
		lua_pushfstring(L, "i18n('%s'): no such text in %s", key,
		    sg_i18n_where(site->config.i18n));
		return lua_error(L);
	}
	/* a count below 0 takes the form "other" */
	if ((text = sg_i18n_form(v, !counted ? -1 : n < 0 ? 2 :
	    (long)n)) == NULL)
		text = "";
	if ((!counted && !vars) || strchr(text, '{') == NULL) {
		lua_pushstring(L, text);
		return 1;
	}
	lua_settop(L, 2);
	luaL_buffinit(L, &b);
	while ((open = strchr(text, '{')) != NULL &&
	    (close = strchr(open + 1, '}')) != NULL) {
		luaL_addlstring(&b, text, (size_t)(close + 1 - text));
		lua_pushlstring(L, open + 1, (size_t)(close - open - 1));
		if (vars)
			t = lua_gettable(L, vars);
		else if (!strcmp(lua_tostring(L, -1), "count")) {
			lua_pop(L, 1);
			t = LUA_TNUMBER;
			lua_pushinteger(L, n);
		} else
			t = LUA_TNIL;
		if (t == LUA_TSTRING || t == LUA_TNUMBER) {
			/* the name's value in place of "{name}" */
			luaL_buffsub(&b, (int)(close + 1 - open));
			luaL_tolstring(L, -1, NULL);
			lua_remove(L, -2);
			luaL_addvalue(&b);
		} else
			lua_pop(L, 1);
		text = close + 1;
	}
	luaL_addstring(&b, text);
	luaL_pushresult(&b);
	return 1;
}

static int
l_slugify(lua_State *L)
{
	char	*s = sg_slugify(luaL_checkstring(L, 1));

	lua_pushstring(L, s);
	free(s);
	return 1;
}

/* markdown(text): text rendered as Markdown the way a page is (heading
 * ids, highlighting, links from the root of content/). */
static int
l_markdown(lua_State *L)
{
	const struct sg_site	*site = site_of(L);
	size_t			 len;
	const char		*s = luaL_optlstring(L, 1, "", &len);
	char			*html = sg_md_to_html(site, s, len);

	lua_pushstring(L, html);
	free(html);
	return 1;
}

/* luaL_checklstring(L, i, len) for fn, with its message when called from
 * C (_c), where Lua cannot name the function: the argument's number is
 * i - skip (the values passed before the arguments). */
static const char *
check_str(lua_State *L, int i, int skip, const char *fn, size_t *len)
{
	int	 t = lua_type(L, i);

	if (t != LUA_TSTRING && t != LUA_TNUMBER)
		luaL_error(L, "bad argument #%d to '%s' (string expected, got "
		    "%s)", i - skip, fn, t == LUA_TNONE ? "no value" :
		    luaL_typename(L, i));
	return lua_tolstring(L, i, len);
}

/* ---- mark_current ---- */

/* The links of one navigation, by URL: where each href="…" is in it,
 * made when the same string comes a second time in a row (the sidebar,
 * made once by once() and passed for every page). A page then finds
 * its own links with a binary search, where reading the whole sidebar
 * for them took about 2% of a build at 10,000 pages. */
struct href {
	const char	*url;		/* in the string, after href=" */
	uint32_t	 len;		/* up to the next quote */
	uint32_t	 at;		/* where href=" starts */
};

struct href_index {
	const char	*html;		/* the string: the user value keeps it */
	size_t		 len, n;
	struct href	 v[];
};

/* The registry's keys: the index (a full userdata), and the string
 * last passed without one (a light userdata: only compared). */
static const char	 index_key, last_key;

static int
cmp_href(const void *a, const void *b)
{
	const struct href	*x = a, *y = b;
	int			 c;

	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	if ((c = memcmp(x->url, y->url, x->len)) != 0)
		return c;
	return x->at < y->at ? -1 : x->at > y->at;
}

/* Makes the index of html (at stack index hidx), kept in the registry;
 * returns it, or NULL if html is too long to index. */
static struct href_index *
index_make(lua_State *L, int hidx, const char *html, size_t len)
{
	static const char	 tag[] = "href=\"";
	struct href_index	*x;
	const char		*s, *e = html + len, *q;
	size_t			 n = 0, cap;

	if (len > UINT32_MAX)
		return NULL;
	for (s = html; (s = sg_find(s, (size_t)(e - s), tag, 6)) != NULL;
	    s += 6)
		n++;
	cap = n;
	x = lua_newuserdatauv(L, sizeof(*x) + cap * sizeof(x->v[0]), 1);
	x->html = html;
	x->len = len;
	x->n = 0;
	for (s = html; x->n < cap && (s = sg_find(s, (size_t)(e - s), tag,
	    6)) != NULL; s += 6) {
		/* one without its closing quote is no link to mark */
		if ((q = memchr(s + 6, '"', (size_t)(e - s - 6))) == NULL)
			break;
		x->v[x->n].url = s + 6;
		x->v[x->n].len = (uint32_t)(q - s - 6);
		x->v[x->n++].at = (uint32_t)(s - html);
	}
	sg_sort(x->v, x->n, sizeof(x->v[0]), cmp_href);
	lua_pushvalue(L, hidx);
	lua_setiuservalue(L, -2, 1);
	lua_rawsetp(L, LUA_REGISTRYINDEX, &index_key);
	return x;
}

/* The index of html (at stack index hidx) if it has one, or has been
 * passed the last time too; else NULL (and html is noted as the last). */
static struct href_index *
index_of(lua_State *L, int hidx, const char *html, size_t len)
{
	struct href_index	*x;
	const void		*last;

	lua_rawgetp(L, LUA_REGISTRYINDEX, &index_key);
	x = lua_touserdata(L, -1);
	lua_pop(L, 1);
	if (x != NULL && x->html == html && x->len == len)
		return x;
	lua_rawgetp(L, LUA_REGISTRYINDEX, &last_key);
	last = lua_touserdata(L, -1);
	lua_pop(L, 1);
	if (last == html)
		return index_make(L, hidx, html, len);
	lua_pushlightuserdata(L, (void *)(uintptr_t)html);
	lua_rawsetp(L, LUA_REGISTRYINDEX, &last_key);
	return NULL;
}

/* Where the links to url end in x's string (after the closing quote),
 * into *hits (grown as it goes); returns how many. The same as finding
 * href="url" again and again from the end of the last. */
static size_t
index_hits(const struct href_index *x, const char *url, size_t ulen,
    const char ***hits)
{
	struct href	 key = { url, (uint32_t)ulen, 0 };
	size_t		 lo = 0, hi = x->n, mid, n = 0, end = 0;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (cmp_href(&x->v[mid], &key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < x->n && x->v[lo].len == ulen && memcmp(x->v[lo].url,
	    url, ulen) == 0; lo++) {
		if (x->v[lo].at < end)
			continue;	/* inside the last one found */
		end = x->v[lo].at + 6 + ulen + 1;
		if ((n & (n - 1)) == 0)
			*hits = xrealloc(*hits, (n ? n * 2 : 1) *
			    sizeof(**hits));
		(*hits)[n++] = x->html + end;
	}
	return n;
}

/* Appends to the pieces o[1..*n] (o at index oidx) the html at index
 * hidx, in slices, with the attribute after each of its n hits. */
static void
append_marked(lua_State *L, int oidx, lua_Integer *at, int hidx,
    const char *html, size_t len, const char **hits, size_t n)
{
	static const char	 attr[] = " aria-current=\"page\"";
	const char		*s = html;
	size_t			 k;

	for (k = 0; k <= n; k++) {
		sg_lua_push_slice(L, hidx, (size_t)(s - html),
		    (size_t)((k < n ? hits[k] : html + len) - s));
		lua_rawseti(L, oidx, ++*at);
		if (k == n)
			break;
		lua_pushlstring(L, attr, sizeof(attr) - 1);
		lua_rawseti(L, oidx, ++*at);
		s = hits[k];
	}
}

/* mark_current(html, url): html with aria-current="page" added to every
 * link whose href is exactly url, so one navigation rendered with once()
 * can mark the page it is on. As a tag's whole output (called with the
 * table of whole-output calls and the tag's pieces and their number
 * first, sg_lua_out_calls) it appends html to the pieces as slices of it
 * and the attribute and returns their new number: the sidebar, about
 * half of each page at 10,000, was copied twice for each page (into a
 * buffer, then into a string), 4% of the build's time. */
static int
l_mark_current(lua_State *L)
{
	static const char	 attr[] = " aria-current=\"page\"";
	size_t			 len, ulen, nlen, n = 0, k, total;
	const char		*html, *url, *s, *e;
	const char		**hits = NULL;
	struct href_index	*x;
	luaL_Buffer		 b;
	lua_Integer		 at = 0;
	char			*needle, *p;
	int			 a = 1;		/* html's index */

	if (lua_gettop(L) > 0 && sg_lua_out_call_is(L, 1)) {
		luaL_checktype(L, 2, LUA_TTABLE);
		at = luaL_checkinteger(L, 3);
		a = 4;
	}
	html = check_str(L, a, a - 1, "mark_current", &len);
	url = check_str(L, a + 1, a - 1, "mark_current", &ulen);
	e = html + len;

	/* a URL with a quote (or a NUL) in it is looked for the long way */
	if (memchr(url, '"', ulen) == NULL && strlen(url) == ulen &&
	    (x = index_of(L, a, html, len)) != NULL)
		n = index_hits(x, url, ulen, &hits);
	else {
		needle = xasprintf("href=\"%s\"", url);
		nlen = strlen(needle);
		/* where the links are first, then the result made at its
		 * size (grown by doubling, the sidebar was copied twice
		 * over a page) */
		for (s = html; (s = sg_find(s, (size_t)(e - s), needle,
		    nlen)) != NULL; s += nlen) {
			if ((n & (n - 1)) == 0)
				hits = xrealloc(hits, (n ? n * 2 : 1) *
				    sizeof(*hits));
			hits[n++] = s + nlen;
		}
		free(needle);
	}
	if (a > 1) {
		/* no link to mark: html itself, one piece */
		if (n == 0) {
			lua_pushvalue(L, a);
			lua_rawseti(L, 2, ++at);
		} else
			append_marked(L, 2, &at, a, html, len, hits, n);
		free(hits);
		lua_pushinteger(L, at);
		return 1;
	}
	if (n == 0) {
		lua_settop(L, 1);	/* no link to mark: html itself */
		return 1;
	}
	total = len + n * (sizeof(attr) - 1);
	p = luaL_buffinitsize(L, &b, total);
	for (s = html, k = 0; k < n; s = hits[k++]) {
		memcpy(p, s, (size_t)(hits[k] - s));
		p += hits[k] - s;
		memcpy(p, attr, sizeof(attr) - 1);
		p += sizeof(attr) - 1;
	}
	memcpy(p, s, (size_t)(e - s));
	free(hits);
	luaL_pushresultsize(&b, total);
	return 1;
}

void
sg_lua_helpers(lua_State *L, const struct sg_site *site, lua_CFunction escape)
{
	static const luaL_Reg	 fns[] = {
		{ "url", l_url },
		{ "asset", l_asset },
		{ "date", l_date },
		{ "i18n", l_i18n },
		{ "slugify", l_slugify },
		{ "markdown", l_markdown },
		{ "mark_current", l_mark_current },
		{ "toc_list", sg_lua_toc_list },
		{ NULL, NULL }
	};

	lua_newtable(L);
	lua_pushlightuserdata(L, (void *)(uintptr_t)site);
	luaL_setfuncs(L, fns, 1);
	lua_pushcfunction(L, escape);
	lua_setfield(L, -2, "escape");
	/* mark_current(html, url) may return pieces as a whole output */
	sg_lua_out_calls(L);
	lua_getfield(L, -2, "mark_current");
	lua_pushboolean(L, 1);
	lua_rawset(L, -3);
	lua_pop(L, 1);
}

