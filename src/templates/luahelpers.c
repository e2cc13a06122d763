/* luahelpers.c: the functions templates call (url, asset, date, slugify,
 * markdown, mark_current), each a C closure over the site; the site
 * model they read is luamodel.c's. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <lauxlib.h>
#include <lua.h>

#include "out/assets.h"
#include "templates/luaescape.h"
#include "templates/luamodel.h"
#include "path.h"
#include "templates/render.h"
#include "site.h"

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
 * (default "%Y-%m-%d"); "rfc3339" gives 2024-05-31T00:00:00Z, or a
 * page.datetime as it is. */
static int
l_date(lua_State *L)
{
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
	if (strftime(buf, sizeof(buf), fmt, &tm) == 0 && *fmt)
		return luaL_error(L, "date: format '%s' gives nothing", fmt);
	lua_pushstring(L, buf);
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
 * C (_c), where Lua cannot name the function. */
static const char *
check_str(lua_State *L, int i, const char *fn, size_t *len)
{
	int	 t = lua_type(L, i);

	if (t != LUA_TSTRING && t != LUA_TNUMBER)
		luaL_error(L, "bad argument #%d to '%s' (string expected, got "
		    "%s)", i, fn, t == LUA_TNONE ? "no value" :
		    luaL_typename(L, i));
	return lua_tolstring(L, i, len);
}

/* mark_current(html, url): html with aria-current="page" added to every
 * link whose href is exactly url, so one navigation rendered with once()
 * can mark the page it is on. As a tag's whole output (a third argument,
 * sg_lua_out_calls) it returns a piece list of slices of html and the
 * attribute: the sidebar, about half of each page at 10,000, was copied
 * twice for each page (into a buffer, then into a string), 4% of the
 * build's time. */
static int
l_mark_current(lua_State *L)
{
	static const char	 attr[] = " aria-current=\"page\"";
	size_t			 len, ulen, nlen, n = 0, k, total, at;
	const char		*html, *url, *s, *e;
	const char		**hits = NULL;
	luaL_Buffer		 b;
	char			*needle, *p;
	int			 whole = 0;

	if (lua_gettop(L) > 0 && sg_lua_out_call_is(L, 1)) {
		lua_remove(L, 1);
		whole = 1;
	}
	html = check_str(L, 1, "mark_current", &len);
	url = check_str(L, 2, "mark_current", &ulen);

	needle = xasprintf("href=\"%s\"", url);
	nlen = strlen(needle);
	/* where the links are first, then the result made at its size
	 * (grown by doubling, the sidebar was copied twice over a page) */
	for (s = html, e = html + len; (s = sg_find(s, (size_t)(e - s),
	    needle, nlen)) != NULL; s += nlen) {
		if ((n & (n - 1)) == 0)
			hits = xrealloc(hits, (n ? n * 2 : 1) * sizeof(*hits));
		hits[n++] = s + nlen;
	}
	free(needle);
	if (n == 0) {
		lua_settop(L, 1);	/* no link to mark: html itself */
		return 1;
	}
	if (whole) {
		lua_settop(L, 1);
		lua_createtable(L, 2, 0);		/* {t, 2n + 1} */
		lua_createtable(L, (int)(2 * n + 1), 0);
		for (s = html, k = 0, at = 1; k <= n; k++) {
			sg_lua_push_slice(L, 1, (size_t)(s - html),
			    (size_t)((k < n ? hits[k] : e) - s));
			lua_rawseti(L, -2, (lua_Integer)at++);
			if (k == n)
				break;
			lua_pushlstring(L, attr, sizeof(attr) - 1);
			lua_rawseti(L, -2, (lua_Integer)at++);
			s = hits[k];
		}
		free(hits);
		lua_rawseti(L, -2, 1);
		lua_pushinteger(L, (lua_Integer)(2 * n + 1));
		lua_rawseti(L, -2, 2);
		sg_lua_pieces_meta(L);
		lua_setmetatable(L, -2);
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
		{ "slugify", l_slugify },
		{ "markdown", l_markdown },
		{ "mark_current", l_mark_current },
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

