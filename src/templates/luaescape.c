/* luaescape.c: escape(), the HTML escaping of templates (and the "_e" of
 * compiled templates), which also keeps what is not text in HTML or XML
 * out of the output. */
#include <pthread.h>
#include <stddef.h>

#include <lauxlib.h>
#include <lua.h>

#include "templates/luaescape.h"

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
	size_t		 len, i;
	unsigned int	 c;

	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2, c = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3, c = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4, c = s[0] & 0x07;
	else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3f);
	}
	if ((len == 3 && (c < 0x800 || (c >= 0xd800 && c <= 0xdfff))) ||
	    (len == 4 && (c < 0x10000 || c > 0x10ffff)))
		return 0;
	return len;
}

/* escape(v): v as text with & < > " ' escaped, and what is not text in
 * HTML or XML (invalid UTF-8, control characters) replaced by U+FFFD,
 * so that a file name read from disk cannot break a sitemap or feed;
 * nil is "". Also the "_e" of compiled templates. */
int
sg_lua_escape(lua_State *L)
{
	luaL_Buffer		 b;
	const unsigned char	*s;
	const char		*run;
	size_t			 len, i, k = 0;

	if (lua_isnoneornil(L, 1)) {
		lua_pushliteral(L, "");
		return 1;
	}
	pthread_once(&escape_once, escape_init);
	s = (const unsigned char *)luaL_tolstring(L, 1, &len);
	for (i = 0; i < len; i++)
		if (escape_class[s[i]] && (escape_class[s[i]] != 3 ||
		    (k = utf8_len(s + i, len - i)) == 0))
			break;
		else if (escape_class[s[i]] == 3)
			i += k - 1;
	if (i == len)
		return 1;
	luaL_buffinit(L, &b);
	for (run = (const char *)s, i = 0; i < len; i++) {
		if (escape_class[s[i]] == 0)
			continue;
		if (escape_class[s[i]] == 3 && (k = utf8_len(s + i,
		    len - i)) > 0) {
			i += k - 1;
			continue;
		}
		luaL_addlstring(&b, run, (size_t)((const char *)s + i - run));
		run = (const char *)s + i + 1;
		switch (s[i]) {
		case '&':
			luaL_addstring(&b, "&amp;");
			break;
		case '<':
			luaL_addstring(&b, "&lt;");
			break;
		case '>':
			luaL_addstring(&b, "&gt;");
			break;
		case '"':
			luaL_addstring(&b, "&quot;");
			break;
		case '\'':
			luaL_addstring(&b, "&#39;");
			break;
		default:
			luaL_addstring(&b, "\xef\xbf\xbd");
			break;
		}
	}
	luaL_addlstring(&b, run, (size_t)((const char *)s + len - run));
	luaL_pushresult(&b);
	return 1;
}
