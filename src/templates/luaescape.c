/* luaescape.c: escape(), the HTML escaping of templates (and the "_e" of
 * compiled templates), which also keeps what is not text in HTML or XML
 * out of the output. The other functions compiled templates call are
 * luapieces.c's. */
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>

#include "templates/luaescape.h"
#include "util.h"

/* 1: one of & < > " ' (escaped); 2: a control character XML and HTML
 * do not allow; 3: the first byte of a UTF-8 sequence (checked). */
static unsigned char	 escape_class[256];
static pthread_once_t	 escape_once = PTHREAD_ONCE_INIT;

static void
escape_init(void)
{
	int	 c;

	for (c = 0; c < 0x20; c++)
		if (c != '\t' && c != '\n' && c != '\r')
			escape_class[c] = 2;
	escape_class[0x7f] = 2;
	for (c = 0x80; c < 0x100; c++)
		escape_class[c] = 3;
	escape_class['&'] = escape_class['<'] = escape_class['>'] = 1;
	escape_class['"'] = escape_class['\''] = 1;
}

/* The length of the valid UTF-8 sequence at s[0..n), or 0. */
static size_t
utf8_len(const unsigned char *s, size_t n)
{
	size_t	 i = 0;

	return sg_utf8_next(s, n, &i) < 0 ? 0 : i;
}

/* Pushes integer v as text, as Lua writes it (LUA_INTEGER_FMT), without
 * luaL_tolstring's look for a __tostring and its trip through snprintf:
 * a thousand instructions a number (the TOC's levels, reading times). */
void
sg_lua_push_integer(lua_State *L, lua_Integer v)
{
	char		 buf[24], *p = buf + sizeof(buf);
	lua_Unsigned	 u = v < 0 ? 0 - (lua_Unsigned)v : (lua_Unsigned)v;

	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u > 0);
	if (v < 0)
		*--p = '-';
	lua_pushlstring(L, p, (size_t)(buf + sizeof(buf) - p));
}

/* Is s[0..len) as escape() leaves it? */
static int
is_clean(const unsigned char *s, size_t len)
{
	size_t	 i, k = 0;

	/* most are plain ASCII: sixteen bytes at a time, to the first
	 * byte that needs a closer look */
	if ((i = sg_plain_span((const char *)s, len)) == len)
		return 1;
	pthread_once(&escape_once, escape_init);
	for (; i < len; i++)
		if (escape_class[s[i]] && (escape_class[s[i]] != 3 ||
		    (k = utf8_len(s + i, len - i)) == 0))
			return 0;
		else if (escape_class[s[i]] == 3)
			i += k - 1;
	return 1;
}

void
sg_lua_add_escaped(luaL_Buffer *b, const char *text, size_t len)
{
	const unsigned char	*s = (const unsigned char *)text;
	const char		*run;
	size_t			 i, k;

	pthread_once(&escape_once, escape_init);
	i = sg_plain_span(text, len);
	for (run = text; i < len; i++) {
		if (escape_class[s[i]] == 0)
			continue;
		if (escape_class[s[i]] == 3 && (k = utf8_len(s + i,
		    len - i)) > 0) {
			i += k - 1;
			continue;
		}
		luaL_addlstring(b, run, (size_t)(text + i - run));
		run = text + i + 1;
		switch (s[i]) {
		case '&':
			luaL_addstring(b, "&amp;");
			break;
		case '<':
			luaL_addstring(b, "&lt;");
			break;
		case '>':
			luaL_addstring(b, "&gt;");
			break;
		case '"':
			luaL_addstring(b, "&quot;");
			break;
		case '\'':
			luaL_addstring(b, "&#39;");
			break;
		default:
			luaL_addstring(b, "\xef\xbf\xbd");
			break;
		}
	}
	luaL_addlstring(b, run, (size_t)(text + len - run));
}

/* escape(v): v as text with & < > " ' escaped, and what is not text in
 * HTML or XML (invalid UTF-8, control characters) replaced by U+FFFD,
 * so that a file name read from disk cannot break a sitemap or feed;
 * nil is "". Also the "_e" of compiled templates. */
int
sg_lua_escape(lua_State *L)
{
	sg_lua_push_escaped(L, 1);
	return 1;
}

void
sg_lua_push_escaped(lua_State *L, int idx)
{
	luaL_Buffer		 b;
	const unsigned char	*s;
	size_t			 len;
	int			 t, made = 0;

	/* a string is itself (luaL_tolstring would look for a __tostring
	 * first, a third of the call's time); the type is asked once, as
	 * each call into Lua's API costs as much as a few bytes' checks */
	if ((t = lua_type(L, idx)) == LUA_TSTRING)
		s = (const unsigned char *)lua_tolstring(L, idx, &len);
	else if (t == LUA_TNONE || t == LUA_TNIL) {
		lua_pushliteral(L, "");
		return;
	} else if (t == LUA_TNUMBER && lua_isinteger(L, idx)) {
		sg_lua_push_integer(L, lua_tointeger(L, idx));	/* digits: as is */
		return;
	} else {
		s = (const unsigned char *)luaL_tolstring(L, idx, &len);
		made = 1;
	}
	if (is_clean(s, len)) {
		if (!made)
			lua_pushvalue(L, idx);	/* else on top already */
		return;
	}
	luaL_buffinit(L, &b);
	sg_lua_add_escaped(&b, (const char *)s, len);
	luaL_pushresult(&b);
	if (made)
		lua_remove(L, -2);	/* the text luaL_tolstring made */
}

const char *
sg_lua_escaped_at(lua_State *L, int idx, size_t *len)
{
	const char	*s;

	idx = lua_absindex(L, idx);
	if (lua_type(L, idx) == LUA_TSTRING) {
		s = lua_tolstring(L, idx, len);
		if (is_clean((const unsigned char *)s, *len))
			return s;
	}
	sg_lua_push_escaped(L, idx);
	lua_replace(L, idx);
	return lua_tolstring(L, idx, len);
}
