/* template.c: compiles etlua-syntax templates to Lua source. The code is
 * laid out so that every template line is the same line of the generated
 * Lua: text keeps its newlines as backslash-newline escapes, code is copied as
 * written, so Lua's own "file:line:" messages name the template line, at
 * load and at run time alike.
 *
 * The chunk, called with (escape, tostring-or-empty, a table with room
 * for n pieces, a piece list as a string, the call of a tag that is one
 * call: luaescape.h), returns the template function, which takes the
 * environment the template sees (_ENV) and returns the output as its
 * pieces and their number (_o, _n), which the runtime joins: an
 * include's or a layout's into a string, the whole page's straight into
 * the C side's buffer (render.c). Given a table of pieces and their
 * number too, it appends its own to them there and returns that table
 * and the new number: the runtime's include does so for a tag whose
 * whole output is the include, which then makes no table of its own.
 * The chunk's sixth value, _w, is the table of whole-output calls, the
 * first argument of such an include. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "templates/template.h"
#include "util.h"

/* The output table is made with room for _h pieces: at first those the
 * template appends outside loops (presize), then the most a call of it
 * in this state has ended with, up to MARK. A loop's pieces past the
 * table's room each went to its hash part, and the table was rebuilt
 * as it filled: the TOC list's 48 pieces a page were 4% of a build's
 * instructions. _m: the table is the call's own, not a caller's. */
#define HEAD1	"local _e,_r,_t,_s,_c,_w=...;local _h="
#define HEAD2	" return function(_ENV,_o,_n) local _m " \
		"if _o==nil then _o,_n,_m=_t(_h),0,1 end "
#define HEAD	HEAD1 SIZE HEAD2
/* A template that reads its content as a string gets one (the runtime
 * may hand a layout a piece list: lua/sitegen/runtime.lua) */
#define STRING	"content=_s(content) "
#define SIZE	"      "		/* filled in by sg_tmpl_compile */
#define MARK	"4096"
#define TAIL	" if _m and _n>_h then _h=_n<" MARK " and _n or " MARK " end" \
		" return _o,_n end"
#define APPEND	"_n=_n+1 _o[_n]="
/* A byte of a Lua name */
#define IDENT(c) ((c) == '_' || ((c) >= 'a' && (c) <= 'z') || \
	((c) >= 'A' && (c) <= 'Z') || ((c) >= '0' && (c) <= '9'))

/* Skips a Lua long bracket "[==[ … ]==]" opening at s. Returns the end,
 * or NULL if s opens none or it is not closed before e. */
static const char *
long_bracket(const char *s, const char *e)
{
	const char	*p = s + 1;
	size_t		 level = 0;

	while (p < e && *p == '=')
		p++, level++;
	if (p >= e || *p != '[')
		return NULL;
	for (p++; p < e; p++) {
		if (*p == ']' && (size_t)(e - p) > level + 1) {
			const char	*q = p + 1;
			size_t		 k = 0;

			while (k < level && q[k] == '=')
				k++;
			if (k == level && q[k] == ']')
				return q + k + 1;
		}
	}
	return e;
}

/* Skips the Lua short string opening with the quote at s: returns where
 * it ends, past its closing quote, setting *closed; when it is not closed
 * on its line, the end of the line (or e), *closed 0. */
static const char *
skip_quoted(const char *s, const char *e, int *closed)
{
	const char	*p = s + 1;

	while (p < e && *p != *s && *p != '\n') {
		if (*p == '\\' && p + 1 < e)
			p++;
		p++;
	}
	*closed = p < e && *p == *s;
	return *closed ? p + 1 : p;
}

/* Finds the "%>" that closes a tag whose code starts at s, skipping Lua
 * strings and comments. Sets *comment to where a trailing "--" line
 * comment starts (or NULL), so it can be cut off: left in, it would
 * swallow the rest of the generated line. Returns NULL if not closed. */
static const char *
find_close(const char *s, const char *e, const char **comment)
{
	const char	*p = s, *q;
	int		 closed;

	*comment = NULL;
	while (p < e) {
		if (p + 1 < e && p[0] == '%' && p[1] == '>')
			return p;
		if (*p == '"' || *p == '\'') {
			p = skip_quoted(p, e, &closed);
			continue;
		}
		if (*p == '[' && (q = long_bracket(p, e)) != NULL) {
			p = q;
			continue;
		}
		if (p + 1 < e && p[0] == '-' && p[1] == '-') {
			if (p + 2 < e && p[2] == '[' &&
			    (q = long_bracket(p + 2, e)) != NULL) {
				p = q;
				continue;
			}
			*comment = p;
			while (p < e && *p != '\n') {
				if (p + 1 < e && p[0] == '%' && p[1] == '>')
					return p;
				p++;
			}
			*comment = NULL;
			continue;
		}
		p++;
	}
	return NULL;
}

/* The functions whose call, as a tag's whole output, may hand back a
 * piece list instead of a string (luaescape.h, sg_lua_out_calls). */
static const char *const whole_calls[] = { "include", "mark_current", NULL };

/* Is code[0..n) one call "name(args)" of a function of whole_calls, and
 * nothing else (white space aside)? Returns where the name ends (the
 * caller writes "_n=_c(_o,_n,name, args)"), setting *open and *close to its
 * parentheses; NULL when it is not. Strings and long brackets inside are
 * skipped as find_close does; a comment inside leaves the tag as it is. */
static const char *
whole_call(const char *code, size_t n, const char **open, const char **close)
{
	const char	*p = code, *e = code + n, *q, *name_end = NULL;
	size_t		 k, len;
	int		 depth = 0, closed;

	while (p < e && strchr(" \t\r\n", *p))
		p++;
	while (e > p && strchr(" \t\r\n", e[-1]))
		e--;
	for (k = 0; whole_calls[k] && name_end == NULL; k++) {
		len = strlen(whole_calls[k]);
		if ((size_t)(e - p) > len && !memcmp(p, whole_calls[k], len))
			name_end = p + len;
	}
	if (name_end == NULL)
		return NULL;
	for (q = name_end; q < e && strchr(" \t\r\n", *q); q++)
		;
	if (q >= e || *q != '(' || e[-1] != ')')
		return NULL;
	*open = q;
	for (; q < e; q++) {
		if (*q == '"' || *q == '\'') {
			p = skip_quoted(q, e, &closed);
			if (!closed)
				return NULL;
			q = p - 1;
		} else if (*q == '[' && (p = long_bracket(q, e)) != NULL)
			q = p - 1;
		else if (*q == '-' && q + 1 < e && q[1] == '-')
			return NULL;
		else if (*q == '(')
			depth++;
		else if (*q == ')' && --depth == 0)
			break;
	}
	/* the parenthesis that closes the call is the last character */
	if (q != e - 1)
		return NULL;
	*close = q;
	return name_end;
}

/* Does every use of include in the template's code call it ("include("),
 * never name it otherwise (a local, a parameter, an assignment, a
 * function of that name, a value passed on), and does no code reach
 * variables by _ENV? Then include there is the runtime's own, which
 * every environment of a template that names it holds: a tag that is one
 * call of it calls it with the pieces (_w,_o,_n first), without _c.
 * Strings and comments are not skipped: a word there only makes the
 * answer safe, not wrong. */
static int
include_called_only(const char *src, size_t len)
{
	const char	*s = src, *e = src + len, *open, *code, *close, *p, *q;
	const char	*cut;

	while (s < e && (open = memmem(s, (size_t)(e - s), "<%", 2))) {
		code = open + 2;
		if (code < e && *code == '#') {
			if ((close = memmem(code, (size_t)(e - code), "%>",
			    2)) == NULL)
				return 0;
			s = close + 2;
			continue;
		}
		if ((close = find_close(code, e, &cut)) == NULL)
			return 0;
		s = close + 2;
		if (memmem(code, (size_t)(close - code), "_ENV", 4) != NULL)
			return 0;
		for (p = code; (p = memmem(p, (size_t)(close - p), "include",
		    7)) != NULL; p += 7) {
			if ((p > code && (IDENT(p[-1]) || p[-1] == '.' ||
			    p[-1] == ':')) || (p + 7 < close && IDENT(p[7])))
				continue;	/* a field, or another word */
			for (q = p + 7; q < close && strchr(" \t\r\n", *q); q++)
				;
			if (q >= close || *q != '(')
				return 0;
			for (q = p; q > code && strchr(" \t\r\n", q[-1]); q--)
				;
			if (q - code >= 8 && memcmp(q - 8, "function", 8) == 0)
				return 0;
		}
	}
	return 1;
}

/* Appends text as a Lua string literal whose newlines stay newlines of
 * the generated source. */
static void
put_text(struct sg_buf *b, const char *s, size_t n)
{
	size_t	 i;

	if (n == 0)
		return;
	sg_buf_puts(b, APPEND "\"");
	for (i = 0; i < n; i++) {
		switch (s[i]) {
		case '\n':
			sg_buf_puts(b, "\\\n");
			break;
		case '"':
			sg_buf_puts(b, "\\\"");
			break;
		case '\\':
			sg_buf_puts(b, "\\\\");
			break;
		case '\r':
			sg_buf_puts(b, "\\r");
			break;
		default:
			if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
				sg_buf_printf(b, "\\%03d", (unsigned char)s[i]);
			else
				sg_buf_putc(b, s[i]);
		}
	}
	sg_buf_puts(b, "\" ");
}

static void
put_newlines(struct sg_buf *b, const char *s, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (s[i] == '\n')
			sg_buf_putc(b, '\n');
}

static void
where(const char *start, const char *p, struct sg_tmpl_error *err)
{
	const char	*s;

	err->line = 1;
	err->col = 1;
	for (s = start; s < p; s++) {
		if (*s == '\n') {
			err->line++;
			err->col = 1;
		} else
			err->col++;
	}
}

/* Writes into HEAD's SIZE the number of pieces the template appends
 * where it has no loop, for _t to make the output table that size at
 * once on the template's first call: grown from empty, a page's tables
 * were rebuilt a few hundred times per page (luaH_resize, 5% of a
 * build's instructions). */
static void
presize(struct sg_buf *b)
{
	const char	*p = b->data, *e = b->data + b->len;
	size_t		 n = 0, at = strlen(HEAD1);
	char		 num[sizeof(SIZE)];

	while ((p = memmem(p, (size_t)(e - p), APPEND, strlen(APPEND))))
		p += strlen(APPEND), n++;
	snprintf(num, sizeof(num), "%*zu", (int)strlen(SIZE),
	    n > 999999 ? (size_t)999999 : n);
	memcpy(b->data + at, num, strlen(SIZE));
}

/* Does code[0..n) name the identifier word, or reach variables by _ENV?
 * A field ("page.content", not "..content") is not the variable.
 * Strings and comments are not skipped: a word there only makes the
 * answer safe, not wrong. */
static int
names(const char *code, size_t n, const char *word)
{
	const size_t	 wl = strlen(word);
	const char	*p = code, *e = code + n;

	if (memmem(code, n, "_ENV", 4) != NULL)
		return 1;
	while ((p = memmem(p, (size_t)(e - p), word, wl)) != NULL) {
		if ((p == code || !IDENT(p[-1])) &&
		    (p + wl == e || !IDENT(p[wl])) &&
		    !(p > code && p[-1] == '.' && (p - 1 == code ||
		    p[-2] != '.')))
			return 1;
		p += wl;
	}
	return 0;
}

/* The variables a template is given to read, not to set: the page's,
 * the site's and the helpers'. A read of one goes down the chain of
 * environments (a partial's variables, its caller's, ..., the helpers),
 * a metatable lookup for each step: two hundred reads a page in the
 * default theme. One read more than once is read once, into a local of
 * the same name, when the call starts (hoist). */
static const char *const hoistable[] = {
	"page", "section", "site", "toc", "tag", "term", "taxonomy", "i18n",
	"url", "asset", "date", "escape", "once", "include", NULL
};


/* Is the name ending at p (code[..e)) set there: "name =", "name, b =",
 * "function name", "local name"? A string or comment that only looks so
 * makes the answer safe, not wrong. */
static int
set_at(const char *code, const char *start, const char *p, const char *e)
{
	const char	*q = start;

	while (q > code && strchr(" \t\r\n", q[-1]))
		q--;
	if ((q - code >= 8 && memcmp(q - 8, "function", 8) == 0) ||
	    (q - code >= 5 && memcmp(q - 5, "local", 5) == 0))
		return 1;
	for (;;) {
		while (p < e && strchr(" \t\r\n", *p))
			p++;
		if (p < e && *p == '=')
			return p + 1 >= e || p[1] != '=';
		if (p >= e || *p != ',')
			return 0;
		/* a list of names: "a, b.c, d =" sets them */
		for (p++; p < e && strchr(" \t\r\n", *p); p++)
			;
		if (p >= e || !IDENT(*p))
			return 0;
		while (p < e && (IDENT(*p) || *p == '.'))
			p++;
	}
}

/* Counts into n[] the reads of each hoistable name in code[0..len),
 * and marks (with SIZE_MAX) a name the code sets. */
static void
count_reads(const char *code, size_t len, size_t *n)
{
	const char	*e = code + len, *p;
	size_t		 i, wl;

	for (i = 0; hoistable[i]; i++) {
		wl = strlen(hoistable[i]);
		for (p = code; n[i] != SIZE_MAX && (p = memmem(p,
		    (size_t)(e - p), hoistable[i], wl)) != NULL; p += wl) {
			if ((p > code && IDENT(p[-1])) || (p + wl < e &&
			    IDENT(p[wl])) || (p > code && (p[-1] == ':' ||
			    (p[-1] == '.' && (p - 1 == code || p[-2] != '.')))))
				continue;
			if (set_at(code, p, p + wl, e))
				n[i] = SIZE_MAX;
			else
				n[i]++;
		}
	}
}

/* Writes "local a,b=a,b " for the hoistable names the code of src reads
 * more than once and never sets, if no code names _ENV. */
static void
put_hoisted(struct sg_buf *b, const char *src, size_t len)
{
	const char	*s = src, *e = src + len, *open, *code, *close, *cut;
	size_t		 n[sizeof(hoistable) / sizeof(hoistable[0])] = { 0 };
	size_t		 i;
	int		 k;

	while (s < e && (open = memmem(s, (size_t)(e - s), "<%", 2))) {
		code = open + 2;
		if (code < e && *code == '#') {
			if ((close = memmem(code, (size_t)(e - code), "%>",
			    2)) == NULL)
				return;
			s = close + 2;
			continue;
		}
		if ((close = find_close(code, e, &cut)) == NULL ||
		    memmem(code, (size_t)(close - code), "_ENV", 4) != NULL)
			return;
		count_reads(code, (size_t)(close - code), n);
		s = close + 2;
	}
	for (k = 0; k < 2; k++) {
		sg_buf_puts(b, k ? "=" : "local ");
		for (i = 0; hoistable[i]; i++)
			if (n[i] >= 2 && n[i] != SIZE_MAX)
				sg_buf_printf(b, "%s%s", b->data[b->len - 1] ==
				    (k ? '=' : ' ') ? "" : ",", hoistable[i]);
	}
	/* none: the "local =" just written goes */
	if (b->data[b->len - 1] == '=')
		b->len -= strlen("local =");
	else
		sg_buf_putc(b, ' ');
	b->data[b->len] = '\0';
}

unsigned
sg_tmpl_uses(const char *src, size_t len)
{
	const char	*s = src, *e = src + len, *open, *code, *close, *cut;
	const char	*a, *b;
	unsigned	 uses = 0;
	char		 kind;

	while (s < e && (open = memmem(s, (size_t)(e - s), "<%", 2))) {
		code = open + 2;
		kind = code < e && (*code == '=' || *code == '-' ||
		    *code == '#') ? *code++ : ' ';
		if (kind == '#') {
			if ((close = memmem(code, (size_t)(e - code), "%>",
			    2)) == NULL)
				return SG_TMPL_ALL;
			s = close + 2;
			continue;
		}
		if ((close = find_close(code, e, &cut)) == NULL)
			return SG_TMPL_ALL;
		s = close + 2;
		if (names(code, (size_t)(close - code), "layout"))
			uses |= SG_TMPL_LAYOUT;
		if (names(code, (size_t)(close - code), "include"))
			uses |= SG_TMPL_INCLUDE;
		/* <%- content -%>: the variable output whole, as it is */
		for (a = code; a < close && strchr(" \t\r\n", *a); a++)
			;
		for (b = close; b > a && strchr(" \t\r\n-", b[-1]); b--)
			;
		if (kind == '-' && b - a == 7 && memcmp(a, "content", 7) == 0)
			continue;
		if (names(code, (size_t)(close - code), "content"))
			uses |= SG_TMPL_CONTENT;
	}
	return uses;
}

int
sg_tmpl_compile(const char *src, size_t len, char **out,
    struct sg_tmpl_error *err)
{
	struct sg_buf	 b = { 0 };
	const char	*s = src, *e = src + len, *open, *code, *close, *cut;
	const char	*code_end, *name_end, *paren, *last, *q;
	char		 kind;
	int		 direct;

	if ((open = memchr(src, '\0', len)) != NULL) {
		where(src, open, err);
		snprintf(err->msg, sizeof(err->msg), "a template may not hold "
		    "a NUL byte");
		return -1;
	}
	direct = include_called_only(src, len);
	sg_buf_puts(&b, HEAD);
	put_hoisted(&b, src, len);
	if (sg_tmpl_uses(src, len) & SG_TMPL_CONTENT)
		sg_buf_puts(&b, STRING);
	while (s < e) {
		open = memmem(s, (size_t)(e - s), "<%", 2);
		if (open == NULL) {
			put_text(&b, s, (size_t)(e - s));
			break;
		}
		put_text(&b, s, (size_t)(open - s));
		code = open + 2;
		kind = code < e && (*code == '=' || *code == '-' ||
		    *code == '#') ? *code++ : ' ';
		/* a comment is not Lua: its first %> ends it */
		if (kind == '#') {
			close = memmem(code, (size_t)(e - code), "%>", 2);
			cut = NULL;
		} else
			close = find_close(code, e, &cut);
		if (close == NULL) {
			where(src, open, err);
			snprintf(err->msg, sizeof(err->msg), "'<%%%s' is never "
			    "closed by '%%>'", kind == ' ' ? "" :
			    (char[]){ kind, '\0' });
			sg_buf_free(&b);
			return -1;
		}
		code_end = close;
		if (close > code && close[-1] == '-')
			code_end = close - 1;
		if (cut != NULL && cut < code_end)
			code_end = cut;
		switch (kind) {
		case '#':
			put_newlines(&b, code, (size_t)(close - code));
			break;
		case '=':
		case '-':
			if (kind == '-' && (name_end = whole_call(code,
			    (size_t)(code_end - code), &paren, &last))) {
				/* "name(args)" as "_n=_c(_o,_n,name, args)",
				 * each newline where it was: _c appends the
				 * output and returns the new number; the
				 * runtime's include, as
				 * "_n=include(_w,_o,_n, args)" */
				if (direct && name_end - code >= 7 &&
				    memcmp(name_end - 7, "include", 7) == 0) {
					sg_buf_puts(&b, "_n=");
					sg_buf_put(&b, code, (size_t)(name_end -
					    code));
					put_newlines(&b, name_end, (size_t)(
					    paren - name_end));
					sg_buf_puts(&b, "(_w,_o,_n");
				} else {
					sg_buf_puts(&b, "_n=_c(_o,_n,");
					sg_buf_put(&b, code, (size_t)(name_end -
					    code));
					put_newlines(&b, name_end, (size_t)(
					    paren - name_end));
				}
				for (q = paren + 1; q < last && strchr(
				    " \t\r\n", *q); q++)
					;
				if (q < last)
					sg_buf_putc(&b, ',');
				sg_buf_put(&b, paren + 1, (size_t)(code_end -
				    paren - 1));
				sg_buf_puts(&b, " ");
			} else {
				sg_buf_printf(&b, APPEND "%s(", kind == '=' ?
				    "_e" : "_r");
				sg_buf_put(&b, code, (size_t)(code_end -
				    code));
				sg_buf_puts(&b, ") ");
			}
			put_newlines(&b, code_end, (size_t)(close - code_end));
			break;
		default:
			sg_buf_put(&b, code, (size_t)(code_end - code));
			sg_buf_puts(&b, " ");
			put_newlines(&b, code_end, (size_t)(close - code_end));
			break;
		}
		s = close + 2;
		if (close > code && close[-1] == '-') {
			if (s < e && *s == '\n')
				s++, sg_buf_putc(&b, '\n');
			else if (s + 1 < e && s[0] == '\r' && s[1] == '\n')
				s += 2, sg_buf_putc(&b, '\n');
		}
	}
	sg_buf_puts(&b, TAIL);
	presize(&b);
	*out = sg_buf_detach(&b);
	return 0;
}
