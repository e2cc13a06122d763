/* test_template.c: unit tests for the template compiler (template.h).
 * Each case compiles an etlua-syntax template, loads the generated Lua in
 * a fresh lua_State under the chunk name "@t.html", runs it and compares
 * the output, or the error message, exactly. The generated code must keep
 * every template line on the same Lua line. */
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

static size_t
count_lines(const char *s, size_t n)
{
	size_t	 i, k = 0;

	for (i = 0; i < n; i++)
		if (s[i] == '\n')
			k++;
	return k;
}

/* Compiles src[0..len), runs it with the environment made by the Lua
 * expression env (a table; globals stay reachable) and returns the
 * output or the Lua error message, prefixed "error: ". Checks that the
 * generated Lua has as many lines as the template. The caller frees. */
static size_t	 out_len;	/* length of run_n's last output */

static char *
run_n(const char *src, size_t len, const char *env)
{
	struct sg_tmpl_error	 err;
	lua_State		*L;
	char			*lua, *code, *out;
	const char		*s;

	out_len = 0;
	if (sg_tmpl_compile(src, len, &lua, &err) != 0)
		return xasprintf("compile: %d:%d: %s", err.line, err.col,
		    err.msg);
	if (count_lines(lua, strlen(lua)) != count_lines(src, len)) {
		printf("  generated Lua has %zu lines, template %zu:\n%s\n",
		    count_lines(lua, strlen(lua)), count_lines(src, len), lua);
		harness_case_failed = 1;
	}
	L = luaL_newstate();
	luaL_openlibs(L);
	if (luaL_loadbuffer(L, lua, strlen(lua), "@t.html") != LUA_OK)
		goto fail;
	/* the runtime's own */
	if (lua_pcall(L, sg_lua_template_args(L), 1, 0) != LUA_OK)
		goto fail;
	/* the table of whole-output calls, for the cases that use it */
	sg_lua_out_calls(L);
	lua_setglobal(L, "WHOLE");
	code = xasprintf("return setmetatable(%s, { __index = _G })",
	    env ? env : "{}");
	if (luaL_loadstring(L, code) != LUA_OK || lua_pcall(L, 0, 1, 0) !=
	    LUA_OK) {
		free(code);
		goto fail;
	}
	free(code);
	if (lua_pcall(L, 1, 2, 0) != LUA_OK)
		goto fail;
	/* the pieces and their number, joined as the runtime does */
	lua_pushcfunction(L, sg_lua_concat);
	lua_insert(L, -3);
	lua_pushliteral(L, "");
	lua_insert(L, -2);
	lua_pushinteger(L, 1);
	lua_insert(L, -2);
	if (lua_pcall(L, 4, 1, 0) != LUA_OK)
		goto fail;
	s = lua_tolstring(L, -1, &out_len);
	out = s ? xstrndup(s, out_len) : xstrdup("(not a string)");
	lua_close(L);
	free(lua);
	return out;
fail:
	s = lua_tostring(L, -1);
	out = xasprintf("error: %s", s ? s : "(no message)");
	out_len = strlen(out);
	lua_close(L);
	free(lua);
	return out;
}

static char *
run(const char *src, const char *env)
{
	return run_n(src, strlen(src), env);
}

#define CHECK_RUN(src, env, want) do {					\
	char	*r_ = run((src), (env));				\
									\
	CHECK_STR(r_, want);						\
	free(r_);							\
} while (0)

static void
test_plain(void)
{
	CHECK_RUN("", NULL, "");
	CHECK_RUN("Hello, world", NULL, "Hello, world");
	CHECK_RUN("line 1\nline 2\n\nline 4\n", NULL,
	    "line 1\nline 2\n\nline 4\n");
	CHECK_RUN("100% sure, a > b, <p>", NULL, "100% sure, a > b, <p>");
	CHECK_RUN("caf\xc3\xa9 \xe2\x9c\x93", NULL, "caf\xc3\xa9 \xe2\x9c\x93");
}

static void
test_escaped(void)
{
	CHECK_RUN("<p><%= title %></p>", "{ title = [[a<b & \"c\" 'd']] }",
	    "<p>a&lt;b &amp; &quot;c&quot; &#39;d&#39;</p>");
	CHECK_RUN("<%= n %>|<%= 1 + 2 %>|<%= missing %>|", "{ n = 7 }",
	    "7|3||");
	CHECK_RUN("<%=x%>", "{ x = 'y' }", "y");
	CHECK_RUN("a<%= ('<'):rep(3) %>b", NULL, "a&lt;&lt;&lt;b");
	/* integers written without luaL_tolstring, as Lua writes them */
	CHECK_RUN("<%= 0 %> <%= -42 %> <%= math.maxinteger %> "
	    "<%= math.mininteger %> <%= 2^53 %> <%= 10 // 3 %> <%= 7 / 2 %>",
	    NULL, "0 -42 9223372036854775807 -9223372036854775808 "
	    "9.007199254741e+15 3 3.5");
}

static void
test_raw(void)
{
	CHECK_RUN("<div><%- html %></div>", "{ html = '<b>x</b> &amp;' }",
	    "<div><b>x</b> &amp;</div>");
	CHECK_RUN("[<%- nothing %>]", NULL, "[]");
	CHECK_RUN("<%- 1.5 %>", NULL, "1.5");
	CHECK_RUN("<%- -7 %>|<%- math.mininteger %>", NULL,
	    "-7|-9223372036854775808");
}

static void
test_loop(void)
{
	CHECK_RUN("<% for _, v in ipairs(list) do %><li><%= v %></li>"
	    "<% end %>", "{ list = { 'a', 'b<' } }",
	    "<li>a</li><li>b&lt;</li>");
	CHECK_RUN("<ul>\n"
	    "<% for i = 1, 3 do -%>\n"
	    "  <li><%= i %></li>\n"
	    "<% end -%>\n"
	    "</ul>\n", NULL,
	    "<ul>\n  <li>1</li>\n  <li>2</li>\n  <li>3</li>\n</ul>\n");
	CHECK_RUN("<% if flag then %>yes<% else %>no<% end %>",
	    "{ flag = false }", "no");
	CHECK_RUN("<% local t = {} for i = 1, 3 do t[#t + 1] = i * i end %>"
	    "<%= table.concat(t, ',') %>", NULL, "1,4,9");
}

static void
test_comment(void)
{
	CHECK_RUN("a<%# hidden %>b", NULL, "ab");
	CHECK_RUN("a<%# <%= x %> is not run %>b", NULL, "a is not run %>b");
	CHECK_RUN("1\n<%# a comment\nover\nthree lines %>\n4", NULL,
	    "1\n\n4");
	CHECK_RUN("<%# gone -%>\nnext", NULL, "next");
	/* a comment is not Lua: a quote, a bracket or "--" in it means
	 * nothing, and the first "%>" closes it */
	CHECK_RUN("<%# unbalanced \" %>x", NULL, "x");
	CHECK_RUN("<%# don't %>\n<%= v %>", "{ v = 1 }", "\n1");
	CHECK_RUN("<%# the page's title %>\n<h1><%= t %></h1>\n",
	    "{ t = 'T' }", "\n<h1>T</h1>\n");
	CHECK_RUN("<%# [[ %>[<%= v %>]", "{ v = 2 }", "[2]");
}

static void
test_trim(void)
{
	CHECK_RUN("<% if true then -%>\nyes\n<% end -%>\nend", NULL,
	    "yes\nend");
	CHECK_RUN("<%= x -%>\ny", "{ x = 'x' }", "xy");
	CHECK_RUN("<%- x -%>\ny", "{ x = '<' }", "<y");
	/* only one newline is eaten, and only right after the tag */
	CHECK_RUN("<% -%>\n\nz", NULL, "\nz");
	CHECK_RUN("<% -%> \nz", NULL, " \nz");
	/* without the dash the newline stays */
	CHECK_RUN("<% x = 1 %>\nz", NULL, "\nz");
	/* at the very end */
	CHECK_RUN("a<% -%>", NULL, "a");
}

static void
test_crlf(void)
{
	CHECK_RUN("a\r\nb\r\n", NULL, "a\r\nb\r\n");
	CHECK_RUN("a\r\n<% if true then -%>\r\nb\r\n<% end -%>\r\nc", NULL,
	    "a\r\nb\r\nc");
	CHECK_RUN("<% for i = 1, 2 do\r\n%><%= i %>\r\n<% end %>", NULL,
	    "1\r\n2\r\n");
	CHECK_RUN("x\r", NULL, "x\r");
}

static void
test_close_in_strings(void)
{
	CHECK_RUN("<%- \"%>\" %>|", NULL, "%>|");
	CHECK_RUN("<%- '%>' %>|", NULL, "%>|");
	CHECK_RUN("<%- [[%>]] %>|", NULL, "%>|");
	CHECK_RUN("<%- [==[%>]]%>]=]%>]==] %>|", NULL, "%>]]%>]=]%>|");
	CHECK_RUN("<%- \"a\\\"%>\" %>|", NULL, "a\"%>|");
	CHECK_RUN("<%- 'a' .. '%>' .. 'b' %>|", NULL, "a%>b|");
	CHECK_RUN("<%- '\\'%>' %>|", NULL, "'%>|");
	CHECK_RUN("<%= \"%>\" %>", NULL, "%&gt;");
	/* in a long comment */
	CHECK_RUN("<% --[[ %> ]] x = 1 %><%= x %>", NULL, "1");
	CHECK_RUN("<% --[==[ %>\n]] %> ]==] y = 2 %>\n<%= y %>", NULL,
	    "\n2");
	/* "[" that opens no long bracket */
	CHECK_RUN("<%- t[1] %><%- t[ [[k]] ] %>", "{ t = { 'a', k = 'b' } }",
	    "ab");
}

static void
test_trailing_comment(void)
{
	CHECK_RUN("<%= x -- the x %>after", "{ x = 1 }", "1after");
	CHECK_RUN("<% local y = 2 -- set y %>[<%= y %>]", NULL, "[2]");
	CHECK_RUN("<% -- only a comment %>text", NULL, "text");
	CHECK_RUN("<%= x -- don't \"quote\" %>z", "{ x = 3 }", "3z");
	CHECK_RUN("<%- x -- raw -%>\nz", "{ x = 4 }", "4z");
	/* a comment that ends at a newline keeps the code after it */
	CHECK_RUN("<% local a = 5 -- five\nlocal b = 6 %><%= a + b %>", NULL,
	    "11");
	/* "--" inside a string is not a comment */
	CHECK_RUN("<%- \"a--b\" %>c", NULL, "a--bc");
}

static void
test_text_escapes(void)
{
	char	*r;

	CHECK_RUN("say \"hi\"", NULL, "say \"hi\"");
	CHECK_RUN("back\\slash \\n \\\\", NULL, "back\\slash \\n \\\\");
	CHECK_RUN("tab\there", NULL, "tab\there");
	CHECK_RUN("]] [[ ]=] ' \"", NULL, "]] [[ ]=] ' \"");
	CHECK_RUN("\x01" "23", NULL, "\x01" "23");
	CHECK_RUN("del\x7f" "9", NULL, "del\x7f" "9");
	CHECK_RUN("\x1b[0m", NULL, "\x1b[0m");
	CHECK_RUN("end\\", NULL, "end\\");
	CHECK_RUN("end\\\n", NULL, "end\\\n");
	/* a NUL byte, even in the text, is refused with its place */
	r = run_n("a\0b", 3, NULL);
	CHECK_STR(r, "compile: 1:2: a template may not hold a NUL byte");
	free(r);
	r = run_n("ab\n\0" "1<%= #'xy' %>", 4 + 13, NULL);
	CHECK_STR(r, "compile: 2:1: a template may not hold a NUL byte");
	free(r);
}

/* A NUL byte inside a tag (here in a Lua string, where Lua allows it)
 * must either be refused by the compiler or reach Lua: the generated
 * source is a C string, so a raw NUL in it cuts the chunk short. */
static void
test_nul_in_code(void)
{
	static const char	 src[] = "<%- \"a\0b\" %>|";
	char			*r = run_n(src, sizeof(src) - 1, NULL);

	if (strncmp(r, "compile: ", 9) != 0 && (out_len != 4 ||
	    memcmp(r, "a\0b|", 4) != 0)) {
		printf("  got \"%s\" (%zu bytes), want \"a\\0b|\" or a "
		    "compile error\n", r, out_len);
		harness_case_failed = 1;
	}
	free(r);
}

#define CHECK_ERR(src, l, c, m) do {					\
	struct sg_tmpl_error	 e_;					\
	char			*o_ = (char *)"untouched";		\
									\
	memset(&e_, 0, sizeof(e_));					\
	CHECK(sg_tmpl_compile((src), strlen(src), &o_, &e_) == -1);	\
	CHECK(e_.line == (l));						\
	CHECK(e_.col == (c));						\
	CHECK_STR(e_.msg, m);						\
	if (e_.line != (l) || e_.col != (c))				\
		printf("  got %d:%d\n", e_.line, e_.col);		\
} while (0)

static void
test_unclosed(void)
{
	CHECK_ERR("<%", 1, 1, "'<%' is never closed by '%>'");
	CHECK_ERR("abc<% x = 1", 1, 4, "'<%' is never closed by '%>'");
	CHECK_ERR("a\nbc <%= x", 2, 4, "'<%=' is never closed by '%>'");
	CHECK_ERR("a\n\n\t<%- x\n\n", 3, 2, "'<%-' is never closed by '%>'");
	CHECK_ERR("<%= 1 %>\n<%# x", 2, 1, "'<%#' is never closed by '%>'");
	CHECK_ERR("ok <%= 1 %> <%= 2 %\n>", 1, 13,
	    "'<%=' is never closed by '%>'");
	/* the only "%>" is inside a string or a long bracket */
	CHECK_ERR("x\n<%= [[ %>", 2, 1, "'<%=' is never closed by '%>'");
	CHECK_ERR("x\n  <% s = '%>' ", 2, 3, "'<%' is never closed by '%>'");
	CHECK_ERR("<%= --[[ %>\n", 1, 1, "'<%=' is never closed by '%>'");
}

/* Runtime errors name the template line: the text and code before the
 * failing tag span lines in every way the compiler handles. */
static void
test_runtime_line(void)
{
	CHECK_RUN("<% error('one') %>\n", NULL, "error: t.html:1: one");
	CHECK_RUN("<h1>Title</h1>\n"
	    "<p>two <% local a = 1\n"
	    "local b = 2 %> three</p>\n"
	    "<% error(\"x\") %>\n"
	    "five\n", NULL, "error: t.html:4: x");
	CHECK_RUN("1\n<%# comment\n\n%>\n<% if true then -%>\n"
	    "<%= nil .. 'x' %>\n<% end %>", NULL,
	    "error: t.html:6: attempt to concatenate a nil value");
	CHECK_RUN("a\r\nb\r\n<%- [[\nlong\nstring]] -%>\r\n"
	    "<% error('crlf') %>", NULL, "error: t.html:6: crlf");
	CHECK_RUN("<%= \"%>\" %>\n<%= 'a\\\nb' -- c %>\n<%= t.x %>", NULL,
	    "error: t.html:4: attempt to index a nil value (global 't')");
	CHECK_RUN("<% for i = 1, 2 do %>\n"
	    "  <%= i %>\n"
	    "  <% if i == 2 then error('two') end %>\n"
	    "<% end %>\n", NULL, "error: t.html:3: two");
}

static void
test_syntax_line(void)
{
	char	*r;

	CHECK_RUN("one\ntwo\n<% if x then %>\nfour\n<% x = = 1 end %>\n",
	    NULL, "error: t.html:5: unexpected symbol near '='");
	CHECK_RUN("text\n\n<%= 1 + %>\n", NULL,
	    "error: t.html:3: unexpected symbol near ')'");
	CHECK_RUN("a\n<%# x\ny %>\n<% local = 1 %>", NULL,
	    "error: t.html:4: <name> expected near '='");
	/* a block left open is found at the end of the template; what
	 * Lua says it closes depends on the generated wrapper, so only the
	 * place and the start of the message are checked */
	r = run("<% for i = 1, 2 do %>\n\n", NULL);
	CHECK(r != NULL && strncmp(r, "error: t.html:3: 'end' expected",
	    31) == 0);
	if (r != NULL && strncmp(r, "error: t.html:3: 'end' expected", 31))
		printf("  got \"%s\"\n", r);
	free(r);
}

/* The generated Lua has exactly as many lines as the template (run_n
 * checks it on every case; these are the tricky shapes). */
static void
test_line_count(void)
{
	static const char *const cases[] = {
		"",
		"\n",
		"no newline",
		"a\nb\nc\n",
		"<% x = 1 %>\n<% y = 2\n\nz = 3 %>\n",
		"<%= 1\n+\n2 %>\n",
		"<%# one\ntwo\nthree %>\n",
		"<% -%>\n<% -%>\r\n<%= 1 -%>\n\n",
		"<%- [[\n\n]] %>\n",
		"<% --[[\n\n]] %>\n",
		"<% s = 'a\\\nb' %>\n",
		"<% x = 1 -- c\n%>\n",
		"<%= x -- c %>\n\n",
		"a\r\nb\r\n",
		"\n\n\n<%= 1 %>",
		NULL
	};
	struct sg_tmpl_error	 err;
	char			*lua;
	size_t			 i;

	for (i = 0; cases[i]; i++) {
		if (sg_tmpl_compile(cases[i], strlen(cases[i]), &lua,
		    &err) != 0) {
			printf("  case %zu does not compile\n", i);
			harness_case_failed = 1;
			continue;
		}
		if (count_lines(lua, strlen(lua)) != count_lines(cases[i],
		    strlen(cases[i]))) {
			printf("  case %zu: %zu lines, want %zu\n", i,
			    count_lines(lua, strlen(lua)),
			    count_lines(cases[i], strlen(cases[i])));
			harness_case_failed = 1;
		}
		free(lua);
	}
}

/* The output table is made with room for the pieces a template appends
 * outside loops: text, <%= and <%- each count one. */
static void
test_presize(void)
{
	static const struct {
		const char	*src;
		const char	*want;
	} cases[] = {
		{ "", "_h=     0" },
		{ "text", "_h=     1" },
		{ "a<%= x %>b<%- y %>", "_h=     4" },
		{ "<% for i = 1, 3 do %><%= i %><% end %>", "_h=     1" },
		{ "<%# a comment %>", "_h=     0" },
	};
	struct sg_tmpl_error	 err;
	char			*lua;
	size_t			 i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		lua = NULL;
		if (sg_tmpl_compile(cases[i].src, strlen(cases[i].src), &lua,
		    &err) != 0 || strstr(lua, cases[i].want) == NULL) {
			printf("  case %zu: want %s in:\n%s\n", i,
			    cases[i].want, lua ? lua : "(no code)");
			harness_case_failed = 1;
		}
		free(lua);
	}
	CHECK_RUN("<% for i = 1, 40 do %><%= i %>,<% end %>", NULL,
	    "1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,"
	    "25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,");
}

/* The mark _h of the template function made from src, after calls of it
 * with n = each of ns (and, with own 0, each given a caller's table):
 * the room its next output table is made with. Returns -1 on an error. */
static lua_Integer
mark_after(const char *src, const lua_Integer *ns, size_t count, int own)
{
	struct sg_tmpl_error	 err;
	lua_State		*L = luaL_newstate();
	lua_Integer		 mark = -1;
	const char		*name;
	char			*lua = NULL;
	size_t			 i;
	int			 k;

	luaL_openlibs(L);
	if (sg_tmpl_compile(src, strlen(src), &lua, &err) != 0 ||
	    luaL_loadbuffer(L, lua, strlen(lua), "@t.html") != LUA_OK ||
	    lua_pcall(L, sg_lua_template_args(L), 1, 0) != LUA_OK)
		goto done;
	for (i = 0; i < count; i++) {
		lua_pushvalue(L, -1);
		lua_createtable(L, 0, 1);
		lua_pushinteger(L, ns[i]);
		lua_setfield(L, -2, "n");
		if (!own) {
			lua_newtable(L);
			lua_pushinteger(L, 0);
		}
		if (lua_pcall(L, own ? 1 : 3, 0, 0) != LUA_OK)
			goto done;
	}
	for (k = 1; (name = lua_getupvalue(L, -1, k)) != NULL; k++) {
		if (strcmp(name, "_h") == 0)
			mark = lua_tointeger(L, -1);
		lua_pop(L, 1);
	}
done:
	lua_close(L);
	free(lua);
	return mark;
}

/* A template whose loop appended more pieces than its table had room
 * for makes its next table with room for as many as its calls appended
 * at most, up to 4096; a call that appends to a caller's table changes
 * nothing. The output is the same. */
static void
test_mark(void)
{
	static const char *const src =
	    "<% for i = 1, n do %><%= i %>,<% end %>";
	static const lua_Integer grow[] = { 3, 40, 10 }, huge[] = { 9000 };

	CHECK(mark_after(src, NULL, 0, 1) == 2);	/* presize's */
	CHECK(mark_after(src, grow, 3, 1) == 80);
	CHECK(mark_after(src, huge, 1, 1) == 4096);
	CHECK(mark_after(src, grow, 3, 0) == 2);
	CHECK_RUN("<% for i = 1, 3 do %><%= i %><% end %>", NULL, "123");
}

/* A model variable or helper read more than once is read once, into a
 * local, when the call starts; one the template sets, or reads once, or
 * a template that names _ENV, is read where it is. */
static void
test_hoist(void)
{
	static const struct {
		const char	*src;
		const char	*want;		/* what is read at the start */
	} cases[] = {
		{ "<%= page.title %><%= page.url %><%= site.title %>",
		    "local page=page " },
		{ "<%= site.a %><%= url(site.b) %><%= url('x') %>",
		    "local site,url=site,url " },
		{ "<%= page == site %><%= page .. site %>",
		    "local page,site=page,site " },
		{ "<% page = {} %><%= page %><%= page %>", "" },
		{ "<% a, site = 1, 2 %><%= site %><%= site %>", "" },
		{ "<% function url() end %><%= url() %><%= url() %>", "" },
		{ "<% local toc = 1 %><%= toc %><%= toc %>", "" },
		{ "<%= _ENV.page %><%= page %><%= page %>", "" },
		{ "<%= x.page %><%= y:page() %><%= page %>", "" },
	};
	struct sg_tmpl_error	 err;
	const char		*at;
	char			*lua;
	size_t			 i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		lua = NULL;
		if (sg_tmpl_compile(cases[i].src, strlen(cases[i].src), &lua,
		    &err) != 0 || (at = strstr(lua, "0,1 end ")) == NULL ||
		    (*cases[i].want ? strncmp(at + 8, cases[i].want,
		    strlen(cases[i].want)) != 0 : strncmp(at + 8, "local ",
		    6) == 0)) {
			printf("  case %zu: %s\n", i, lua ? lua : "(no code)");
			harness_case_failed = 1;
		}
		free(lua);
	}
	CHECK_RUN("<%= page.a %>,<%= page.b %>", "{ page = { a = 1, b = 2 } }",
	    "1,2");
	CHECK_RUN("<% page = { a = 3 } %><%= page.a %><%= page.a %>",
	    "{ page = { a = 1 } }", "33");
	CHECK_RUN("<% a, page = 1, 'p' %><%= page %><%= page %>", NULL, "pp");
	CHECK_RUN("<% for _, page in ipairs({ 'x', 'y' }) do %><%= page %>"
	    "<% end %><%= page %>", "{ page = 'z' }", "xyz");
}

/* Which templates read their content as a string (and so start by
 * turning a piece list into one): every use but "<%- content -%>" whole,
 * erring on the side of yes. */
static void
test_uses(void)
{
	static const struct {
		const char	*src;
		int		 want;
	} cases[] = {
		{ "<%- content -%>", 0 },
		{ "<%- content %>", 0 },
		{ "<%-content-%>", 0 },
		{ "<%-\n  content\n-%>", 0 },
		{ "text with content in it", 0 },
		{ "<%# content %>", 0 },
		{ "<%- section.content -%><%= page.content %>", 0 },
		{ "<%= content %>", 1 },
		{ "<% if content ~= \"\" then %>x<% end %>", 1 },
		{ "<%- content:upper() -%>", 1 },
		{ "<%- \"a\"..content -%>", 1 },
		{ "<%- include(\"p\", { content = content }) -%>", 1 },
		{ "<% local c = _ENV.content %>", 1 },
		{ "<% local c = rawget(_ENV, 'x') %>", 1 },
		{ "<%- contents -%><%= my_content %>", 0 },
		{ "<%- content", 1 },
	};
	static const struct {
		const char	*src;
		unsigned	 want;
	} calls[] = {
		{ "<% layout \"base.html\" -%>x", SG_TMPL_LAYOUT },
		{ "<%- include(\"p.html\") -%>", SG_TMPL_INCLUDE },
		{ "<%- once(\"k\", function() return include(\"p\") end) -%>",
		    SG_TMPL_INCLUDE },
		{ "<%= page.layout %><%= site.include %>", 0 },
		{ "text: layout, include, content", 0 },
		{ "<%# include layout %>", 0 },
		{ "<% local f = _ENV %>", SG_TMPL_ALL },
		{ "<% x = \"include\" %>", SG_TMPL_INCLUDE },
		{ "<%= included %><%= my_layout %>", 0 },
	};
	size_t	 i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		if ((int)(sg_tmpl_uses(cases[i].src, strlen(cases[i].src)) &
		    SG_TMPL_CONTENT) != cases[i].want) {
			printf("  case %zu (%s): want %d\n", i, cases[i].src,
			    cases[i].want);
			harness_case_failed = 1;
		}
	for (i = 0; i < sizeof(calls) / sizeof(calls[0]); i++)
		if (sg_tmpl_uses(calls[i].src, strlen(calls[i].src)) !=
		    calls[i].want) {
			printf("  call case %zu (%s): want %u\n", i,
			    calls[i].src, calls[i].want);
			harness_case_failed = 1;
		}
	/* such a template gets a string, whatever it is handed */
	CHECK_RUN("<%= #content %>:<%= content %>", "{ content = 'ab<' }",
	    "3:ab&lt;");
}

/* A tag whose whole output is one call of include or mark_current is
 * compiled to _n=_c(_o,_n,name, args), which calls a function of the
 * table of whole-output calls with that table and the pieces first (it
 * appends to them itself and returns their number); any other tag, or
 * any other function, is called as written. In a template whose code
 * only ever calls include, such a tag calls include with them itself:
 * _n=include(_w,_o,_n, args). */
static void
test_whole_calls(void)
{
	static const struct {
		const char	*src;
		int		 whole;
	} shapes[] = {
		{ "<%- include(\"p\") -%>", 1 },
		{ "<%-include(\"p\", { a = \")\" })-%>", 1 },
		{ "<%- include (\n\"p\"\n) -%>", 1 },
		{ "<%- include() -%>", 1 },
		{ "<%- mark_current(x, \"(\") %>", 1 },
		{ "<%- include(\"p\") .. \"x\" -%>", 0 },
		{ "<%- include(\"a\")(\"b\") -%>", 0 },
		{ "<%- include \"p\" -%>", 0 },
		{ "<%= include(\"p\") %>", 0 },
		{ "<% include(\"p\") %>", 0 },
		{ "<%- included(\"p\") -%>", 0 },
		{ "<%- include_p(\"p\") -%>", 0 },
		{ "<%- f(include(\"p\")) -%>", 0 },
		{ "<%- include(\"p\" --[[ ) ]]) -%>", 0 },
		{ "<% local include = f %><%- include(\"p\") -%>", 1 },
		{ "<% function include(x) end %><%- include(\"p\") -%>", 1 },
	};
	static const struct {
		const char	*src;
		int		 direct;
	} direct[] = {
		{ "<%- include(\"p\") -%><%= include ( \"q\" ) %>", 1 },
		{ "<%- include(\"p\") -%><% x.include = 1 %>", 1 },
		{ "<% local include = f %><%- include(\"p\") -%>", 0 },
		{ "<% local function include() end %><%- include() -%>", 0 },
		{ "<% f(include) %><%- include(\"p\") -%>", 0 },
		{ "<%- include(\"p\") -%><% g = _ENV %>", 0 },
		{ "<%- mark_current(x, y) -%>", 0 },
	};
	struct sg_tmpl_error	 err;
	char			*lua;
	size_t			 i;
	int			 got;

	for (i = 0; i < sizeof(shapes) / sizeof(shapes[0]); i++) {
		if (sg_tmpl_compile(shapes[i].src, strlen(shapes[i].src), &lua,
		    &err) != 0) {
			printf("  shape %zu (%s): %s\n", i, shapes[i].src,
			    err.msg);
			harness_case_failed = 1;
			continue;
		}
		got = strstr(lua, "_c(") != NULL ||
		    strstr(lua, "include(_w,_o,_n") != NULL;
		if (got != shapes[i].whole) {
			printf("  shape %zu (%s): want %s, got:\n%s\n", i,
			    shapes[i].src, shapes[i].whole ? "_c" : "no _c",
			    lua);
			harness_case_failed = 1;
		}
		free(lua);
	}
	/* include is called with the pieces itself only where the
	 * template's code does nothing with it but call it */
	for (i = 0; i < sizeof(direct) / sizeof(direct[0]); i++) {
		if (sg_tmpl_compile(direct[i].src, strlen(direct[i].src), &lua,
		    &err) != 0)
			continue;
		got = strstr(lua, "include(_w,_o,_n") != NULL;
		if (got != direct[i].direct) {
			printf("  direct %zu (%s): got:\n%s\n", i,
			    direct[i].src, lua);
			harness_case_failed = 1;
		}
		free(lua);
	}
#define INC	"{ include = (function() local function g(...) " \
		"return select('#', ...) .. ':' .. tostring((...)) end " \
		"local function f(...) local a = ... " \
		"if a ~= WHOLE then return g(...) end " \
		"local _, o, n = ... o[n + 1] = '+' .. g(select(4, ...)) " \
		"return n + 1 end " \
		"WHOLE[f] = true return f end)() }"
	/* the function gets the table first, and the arguments as given */
	CHECK_RUN("<%- include(\"p\") -%>", INC, "+1:p");
	CHECK_RUN("<%- include() -%>", INC, "+0:nil");
	CHECK_RUN("<%- include(\"p\", nil, 3) -%>", INC, "+3:p");
	CHECK_RUN("a\n<%- include(\n\"p\"\n) -%>\nb", INC, "a\n+1:pb");
	CHECK_RUN("<%= include(\"p\") %>|<%- include(\"p\") .. \"\" -%>", INC,
	    "1:p|1:p");
	/* a function not in the table (a template's own include, in a
	 * template that names include otherwise than by calling it) is
	 * called as written */
	CHECK_RUN("<% local f = include %><%- include(\"p\", 2) -%>",
	    "{ include = function(a, b) return a .. b end }", "p2");
	CHECK_RUN("<% local f = include %><%- include(\"p\") -%>", INC,
	    "+1:p");
	CHECK_RUN("<% local include = function(a) return a .. '!' end %>"
	    "<%- include(\"p\") -%>", NULL, "p!");
	/* an error in the arguments is the template's, at its line */
	CHECK_RUN("\n<%- include(nil .. 1) -%>", INC,
	    "error: t.html:2: attempt to concatenate a nil value");
#undef INC
}

/* What mark_current(html, url) gives, the plain way: each href="url",
 * found again from the end of the last, gets the attribute. */
static char *
marked(const char *html, const char *url)
{
	struct sg_buf	 b = { NULL, 0, 0 };
	char		*needle = xasprintf("href=\"%s\"", url);
	const char	*s = html, *f;
	size_t		 n = strlen(needle);

	while ((f = strstr(s, needle)) != NULL) {
		sg_buf_put(&b, s, (size_t)(f - s) + n);
		sg_buf_puts(&b, " aria-current=\"page\"");
		s = f + n;
	}
	sg_buf_puts(&b, s);
	free(needle);
	return sg_buf_detach(&b);
}

/* mark_current indexes a navigation passed twice in a row and finds the
 * links of each later page in the index: the same output as looking,
 * for the first page and the later ones, for every URL (one linked
 * twice, one not at all, one inside another link's, with a quote, an
 * empty one), with strings changing between the calls. */
static void
test_mark_current(void)
{
	static const char *const navs[] = {
		"<a href=\"/a/\">A</a><a href=\"/b/\">B</a><a href=\"/a/\">A"
		    "</a><a href=\"\">E</a><a href=\"/q\"x/\">Q</a>",
		/* href="x href=" then x href="", x inside the first */
		"<a href=\"x href=\"x href=\"\">1</a><a href=\"x href=\">2</a>"
		    "<a href=\"/a/\">A</a> href=\"/b/",
		"no links at all"
	};
	static const char *const urls[] = { "/a/", "/b/", "", "/q\"x/",
	    "x href=", "x href=\"x href=", "/c/", "/a" };
	lua_State	*L = luaL_newstate();
	const char	*got;
	char		*want;
	size_t		 v, u, round;

	sg_lua_helpers(L, NULL, sg_lua_escape);
	for (v = 0; v < sizeof(navs) / sizeof(navs[0]); v++) {
		/* one string, as once() keeps it (a long string pushed again
		 * would be another) */
		lua_pushstring(L, navs[v]);
		for (round = 0; round < 3; round++)
			for (u = 0; u < sizeof(urls) / sizeof(urls[0]); u++) {
				lua_getfield(L, -2, "mark_current");
				lua_pushvalue(L, -2);
				lua_pushstring(L, urls[u]);
				CHECK(lua_pcall(L, 2, 1, 0) == LUA_OK);
				got = lua_tostring(L, -1);
				want = marked(navs[v], urls[u]);
				if (got == NULL || strcmp(got, want) != 0) {
					printf("  nav %zu, url '%s', round %zu: "
					    "got %s\n", v, urls[u], round,
					    got ? got : "(nil)");
					harness_case_failed = 1;
				}
				free(want);
				lua_pop(L, 1);
			}
		lua_pop(L, 1);
	}
	lua_close(L);
}

int
main(void)
{
	TEST(test_plain);
	TEST(test_escaped);
	TEST(test_raw);
	TEST(test_loop);
	TEST(test_comment);
	TEST(test_trim);
	TEST(test_crlf);
	TEST(test_close_in_strings);
	TEST(test_trailing_comment);
	TEST(test_text_escapes);
	TEST(test_nul_in_code);
	TEST(test_unclosed);
	TEST(test_runtime_line);
	TEST(test_syntax_line);
	TEST(test_line_count);
	TEST(test_presize);
	TEST(test_mark);
	TEST(test_hoist);
	TEST(test_uses);
	TEST(test_whole_calls);
	TEST(test_mark_current);
	HARNESS_EXIT();
}
