/* test_luajoin.c: unit tests for the piece lists templates return and
 * their join (luaescape.h): slices, a page's borrowed HTML, joins of
 * thousands of pieces, the variables of an include (sg_lua_vars_of), and
 * escape() byte by byte.
 * The template compiler's cases are test_template.c. */
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

#include "harness.h"
#include "templates/luaescape.h"
#include "templates/luamodel.h"
#include "templates/template.h"
#include "util.h"

/* Joins the pieces t[1..n] of the table at the top by the runtime's
 * concat (a partial's output) and pushes the result, or the error;
 * returns lua_pcall's status. */
static int
push_concat(lua_State *L, lua_Integer n)
{
	lua_pushcfunction(L, sg_lua_concat);
	lua_pushvalue(L, -2);
	lua_pushliteral(L, "");
	lua_pushinteger(L, 1);
	lua_pushinteger(L, n);
	return lua_pcall(L, 4, 1, 0);
}


/* A slice is a piece like a string: a join copies the bytes it names
 * (mark_current's pieces); one out of its string's bounds is refused. */
static void
test_slices(void)
{
	lua_State	*L = luaL_newstate();
	struct sg_buf	 out = { NULL, 0, 0 };

	/* t = { slice("xxhello", 2, 5), "|", slice("xxhello", 0, 2) } */
	lua_createtable(L, 3, 0);
	lua_pushliteral(L, "xxhello");
	sg_lua_push_slice(L, -1, 2, 5);
	lua_rawseti(L, -3, 1);
	sg_lua_push_slice(L, -1, 0, 2);
	lua_rawseti(L, -3, 3);
	lua_pop(L, 1);
	lua_pushliteral(L, "|");
	lua_rawseti(L, -2, 2);
	CHECK(sg_lua_join(L, -1, 3, &out) == 0);
	CHECK_STR(out.data, "hello|xx");
	/* the same joined by the runtime's concat (a partial's output) */
	CHECK(push_concat(L, 3) == LUA_OK);
	CHECK_STR(lua_tostring(L, -1), "hello|xx");
	lua_pop(L, 1);
	lua_pushliteral(L, "abc");
	sg_lua_push_slice(L, -1, 2, 5);
	lua_rawseti(L, -3, 1);
	lua_pop(L, 1);
	out.len = 0;
	CHECK(sg_lua_join(L, -1, 3, &out) == -1);
	sg_buf_free(&out);
	lua_close(L);
}

/* A borrowed text (a page's content) is a piece like a string: _r
 * passes it as it is, a join copies its bytes from where they are, _s
 * copies it into a string for a template that reads it as one. */
static void
test_borrowed(void)
{
	static const char	 html[] = "<p>a &amp; b</p>";
	lua_State		*L = luaL_newstate();
	struct sg_buf		 out = { NULL, 0, 0 };
	int			 t;

	sg_lua_pieces_meta(L);
	lua_pop(L, 1);
	/* the chunk's functions: _e, _r, _t, _s, _c */
	t = lua_gettop(L) + 1;
	sg_lua_template_args(L);
	/* t = { "[", _r(text), "]" } */
	lua_createtable(L, 3, 0);
	lua_pushliteral(L, "[");
	lua_rawseti(L, -2, 1);
	lua_pushvalue(L, t + 1);
	sg_lua_push_text(L, html, sizeof(html) - 1);
	CHECK(lua_pcall(L, 1, 1, 0) == LUA_OK);
	CHECK(lua_type(L, -1) == LUA_TUSERDATA);
	lua_rawseti(L, -2, 2);
	lua_pushliteral(L, "]");
	lua_rawseti(L, -2, 3);
	CHECK(sg_lua_join(L, -1, 3, &out) == 0);
	CHECK_STR(out.data, "[<p>a &amp; b</p>]");
	/* and by the runtime's concat */
	CHECK(push_concat(L, 3) == LUA_OK);
	CHECK_STR(lua_tostring(L, -1), "[<p>a &amp; b</p>]");
	lua_pop(L, 2);
	/* _s(text) is a string of its bytes; _s of a string is itself */
	lua_pushvalue(L, t + 3);
	sg_lua_push_text(L, html, 5);
	CHECK(lua_pcall(L, 1, 1, 0) == LUA_OK);
	CHECK(lua_type(L, -1) == LUA_TSTRING);
	CHECK_STR(lua_tostring(L, -1), "<p>a ");
	lua_pop(L, 1);
	/* a full userdata of another kind is no text */
	lua_createtable(L, 1, 0);
	lua_newuserdatauv(L, sizeof(void *), 0);
	lua_rawseti(L, -2, 1);
	out.len = 0;
	CHECK(sg_lua_join(L, -1, 1, &out) == -1);
	sg_buf_free(&out);
	lua_close(L);
}

/* An output of more pieces than the join keeps on the stack (512), some
 * of them in nested piece lists, is joined whole and in order: with the
 * state's span store (sg_lua_pieces_meta makes it), as without. */
static void
test_many_pieces(void)
{
	lua_State	*L;
	struct sg_buf	 out = { NULL, 0, 0 }, want = { NULL, 0, 0 };
	lua_Integer	 i, k, n = 3000;
	int		 store;

	for (store = 0; store < 2; store++) {
		L = luaL_newstate();
		sg_buf_free(&want);
		if (store) {
			sg_lua_pieces_meta(L);
			lua_pop(L, 1);
		}
		lua_createtable(L, (int)n, 0);
		for (i = 1; i <= n; i++) {
			if (i % 1000 == 0 && store) {
				/* a piece list {t, 700} in the middle */
				lua_createtable(L, 2, 0);
				lua_createtable(L, 700, 0);
				for (k = 1; k <= 700; k++) {
					lua_pushfstring(L, "<%I.%I>", i, k);
					sg_buf_puts(&want, lua_tostring(L, -1));
					lua_rawseti(L, -2, k);
				}
				lua_rawseti(L, -2, 1);
				lua_pushinteger(L, 700);
				lua_rawseti(L, -2, 2);
				sg_lua_pieces_meta(L);
				lua_setmetatable(L, -2);
			} else {
				lua_pushfstring(L, "%I,", i);
				sg_buf_puts(&want, lua_tostring(L, -1));
			}
			lua_rawseti(L, -2, i);
		}
		out.len = 0;
		CHECK(sg_lua_join(L, -1, n, &out) == 0);
		CHECK(out.len == want.len && memcmp(out.data, want.data,
		    want.len) == 0);
		CHECK(push_concat(L, n) == LUA_OK);
		CHECK(lua_rawlen(L, -1) == want.len && memcmp(lua_tostring(L,
		    -1), want.data, want.len) == 0);
		lua_close(L);
	}
	sg_buf_free(&out);
	sg_buf_free(&want);
}

/* vars_of(more, meta): more's fields, meta as metatable; without meta,
 * layout and include false too; nothing for a table with a __pairs,
 * which the runtime copies itself. */
static void
test_vars_of(void)
{
	lua_State	*L = luaL_newstate();

	luaL_openlibs(L);
	lua_pushcfunction(L, sg_lua_vars_of);
	lua_setglobal(L, "vars_of");
	CHECK(luaL_dostring(L,
	    "local m = { __index = { x = 'up' } }\n"
	    "local v = vars_of({ a = 1, b = 'two', [3] = true }, m)\n"
	    "assert(getmetatable(v) == m and v.x == 'up')\n"
	    "assert(rawget(v, 'layout') == nil and v.include == nil)\n"
	    "assert(v.a == 1 and v.b == 'two' and v[3] == true)\n"
	    "local n = 0 for _ in pairs(v) do n = n + 1 end\n"
	    "assert(n == 3)\n"
	    "local u = vars_of({ a = 1 }, nil)\n"
	    "assert(u.layout == false and u.include == false and u.a == 1)\n"
	    "local w = vars_of(nil, nil)\n"
	    "assert(getmetatable(w) == nil and w.layout == false)\n"
	    "assert(next(w, next(w, next(w))) == nil)\n"
	    "local p = setmetatable({}, { __pairs = function() end })\n"
	    "assert(vars_of(p, m) == nil)\n") == LUA_OK);
	if (lua_gettop(L) > 0 && lua_isstring(L, -1))
		printf("  %s\n", lua_tostring(L, -1));
	lua_close(L);
}

/* escape(s) the plain way: & < > " ' as entities, a control character
 * (other than tab, newline and carriage return), DEL and each byte that
 * does not start a valid UTF-8 character as U+FFFD. */
static char *
escape_slow(const unsigned char *s, size_t n)
{
	struct sg_buf	 b = { NULL, 0, 0 };
	size_t		 i = 0, j;
	unsigned char	 c;

	sg_buf_puts(&b, "");
	while (i < n) {
		c = s[i];
		j = i;
		if (strchr("&<>\"'", c) != NULL && c != '\0') {
			sg_buf_puts(&b, c == '&' ? "&amp;" : c == '<' ? "&lt;" :
			    c == '>' ? "&gt;" : c == '"' ? "&quot;" : "&#39;");
			i++;
		} else if ((c < 0x20 && c != '\t' && c != '\n' &&
		    c != '\r') || c == 0x7f || (c >= 0x80 &&
		    sg_utf8_next(s, n, &j) < 0)) {
			sg_buf_puts(&b, "\xef\xbf\xbd");
			i++;
		} else if (c >= 0x80) {
			sg_buf_put(&b, (const char *)s + i, j - i);
			i = j;
		} else
			sg_buf_putc(&b, (char)s[i++]);
	}
	return sg_buf_detach(&b);
}

/* escape() gives what escape_slow does, for every byte value at every
 * place of texts up to 40 bytes (plain ones, and ones with a two-byte
 * and a four-byte character): where sixteen plain bytes at a time end
 * and the close look starts. */
static void
test_escape_bytes(void)
{
	static const char *const fills[] = { "abc XYZ-09", "\xc3\xa9t\xc3\xa9",
	    "x\xf0\x9f\x99\x82y" };
	lua_State	*L = luaL_newstate();
	unsigned char	 s[41];
	size_t		 n, i, at, f, len;
	const char	*got;
	char		*want;
	int		 c;

	for (f = 0; f < sizeof(fills) / sizeof(fills[0]); f++)
		for (n = 1; n <= 40; n++)
			for (at = 0; at < n; at++)
				for (c = 0; c < 256; c++) {
					for (i = 0; i < n; i++)
						s[i] = (unsigned char)fills[f][i %
						    strlen(fills[f])];
					s[at] = (unsigned char)c;
					lua_pushcfunction(L, sg_lua_escape);
					lua_pushlstring(L, (const char *)s, n);
					CHECK(lua_pcall(L, 1, 1, 0) == LUA_OK);
					got = lua_tolstring(L, -1, &len);
					want = escape_slow(s, n);
					if (got == NULL || len != strlen(want) ||
					    memcmp(got, want, len) != 0) {
						printf("  fill %zu, length %zu, "
						    "byte %d at %zu\n", f, n, c,
						    at);
						harness_case_failed = 1;
						free(want);
						lua_close(L);
						return;
					}
					free(want);
					lua_pop(L, 1);
				}
	lua_close(L);
}

int
main(void)
{
	TEST(test_slices);
	TEST(test_borrowed);
	TEST(test_many_pieces);
	TEST(test_vars_of);
	TEST(test_escape_bytes);
	HARNESS_EXIT();
}
