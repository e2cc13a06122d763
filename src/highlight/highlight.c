/* highlight.c: syntax highlighting of code to token spans: the language
 * table, token emission, the helpers the scanners share, HTML output.
 *
 * Hand-written: Debian packages no C library that returns tokens rather
 * than formatted text and is light enough to run on every code block of
 * every page. source-highlight is C++ on Boost.Regex and writes formatted
 * output, GNU highlight is a program rather than a library, and of
 * tree-sitter only the runtime is packaged, none of the grammars. Each
 * language family is a small state machine in its own file, linear in the
 * input and never reading past its end. */
#include <stdlib.h>
#include <string.h>

#include "highlight/highlight.h"
#include "highlight/highlight_int.h"
#include "util.h"

struct lang {
	const char	*name;		/* canonical name */
	void		(*scan)(struct hl *, size_t, size_t); /* NULL: text */
	unsigned	 flags;		/* HL_* */
};

/* Canonical languages, in alphabetical order. */
static const struct lang langs[] = {
	{ "bash",	hl_scan_sh,	0 },
	{ "c",		hl_scan_clike,	HL_C },
	{ "console",	hl_scan_console, 0 },
	{ "diff",	hl_scan_diff,	0 },
	{ "html",	hl_scan_markup,	0 },
	{ "ini",	hl_scan_ini,	0 },
	{ "javascript",	hl_scan_clike,	HL_JS },
	{ "json",	hl_scan_json,	0 },
	{ "lua",	hl_scan_lua,	0 },
	{ "make",	hl_scan_make,	0 },
	{ "python",	hl_scan_python,	0 },
	{ "text",	NULL,		0 },
	{ "toml",	hl_scan_ini,	HL_TOML },
	{ "typescript",	hl_scan_clike,	HL_JS | HL_TS },
	{ "xml",	hl_scan_markup,	HL_XML },
	{ "yaml",	hl_scan_yaml,	0 },
};

enum {
	L_BASH, L_C, L_CONSOLE, L_DIFF, L_HTML, L_INI, L_JS, L_JSON, L_LUA,
	L_MAKE, L_PYTHON, L_TEXT, L_TOML, L_TS, L_XML, L_YAML
};

struct alias {
	const char	*name;		/* lower case */
	int		 lang;		/* index in langs[] */
};

/* Every accepted name, canonical ones included, sorted for bsearch. */
static const struct alias aliases[] = {
	{ "atom",		L_XML },
	{ "bash",		L_BASH },
	{ "c",			L_C },
	{ "cfg",		L_INI },
	{ "cjs",		L_JS },
	{ "console",		L_CONSOLE },
	{ "diff",		L_DIFF },
	{ "dosini",		L_INI },
	{ "h",			L_C },
	{ "htm",		L_HTML },
	{ "html",		L_HTML },
	{ "ini",		L_INI },
	{ "javascript",		L_JS },
	{ "js",			L_JS },
	{ "json",		L_JSON },
	{ "jsonc",		L_JSON },
	{ "jsx",		L_JS },
	{ "lua",		L_LUA },
	{ "make",		L_MAKE },
	{ "makefile",		L_MAKE },
	{ "mjs",		L_JS },
	{ "mk",			L_MAKE },
	{ "none",		L_TEXT },
	{ "output",		L_TEXT },
	{ "patch",		L_DIFF },
	{ "plain",		L_TEXT },
	{ "plaintext",		L_TEXT },
	{ "py",			L_PYTHON },
	{ "py3",		L_PYTHON },
	{ "python",		L_PYTHON },
	{ "python3",		L_PYTHON },
	{ "rss",		L_XML },
	{ "sh",			L_BASH },
	{ "sh-session",		L_CONSOLE },
	{ "shell",		L_BASH },
	{ "shell-session",	L_CONSOLE },
	{ "svg",		L_XML },
	{ "text",		L_TEXT },
	{ "toml",		L_TOML },
	{ "ts",			L_TS },
	{ "tsx",		L_TS },
	{ "txt",		L_TEXT },
	{ "typescript",		L_TS },
	{ "xhtml",		L_HTML },
	{ "xml",		L_XML },
	{ "xsl",		L_XML },
	{ "yaml",		L_YAML },
	{ "yml",		L_YAML },
	{ "zsh",		L_BASH },
};

/* Each kind's class, and the tag that opens its span: one table, made
 * by SPAN from the class's name (none for TEXT, which has no span). */
#define SPAN(cls)	{ cls, "<span class=\"" cls "\">", \
			    sizeof("<span class=\"" cls "\">") - 1 }
static const struct span {
	const char	*cls;
	const char	*open;
	size_t		 n;		/* bytes of open */
} spans[SG_TOK__COUNT] = {
	[SG_TOK_TEXT] = { NULL, "", 0 },
	[SG_TOK_KEYWORD] = SPAN("tok-kw"),
	[SG_TOK_TYPE] = SPAN("tok-ty"),
	[SG_TOK_STRING] = SPAN("tok-str"),
	[SG_TOK_NUMBER] = SPAN("tok-num"),
	[SG_TOK_COMMENT] = SPAN("tok-com"),
	[SG_TOK_PREPROC] = SPAN("tok-pp"),
	[SG_TOK_FUNCTION] = SPAN("tok-fn"),
	[SG_TOK_OPERATOR] = SPAN("tok-op"),
	[SG_TOK_PUNCT] = SPAN("tok-pu"),
	[SG_TOK_ATTR] = SPAN("tok-at"),
	[SG_TOK_TAG] = SPAN("tok-tag"),
	[SG_TOK_VARIABLE] = SPAN("tok-var"),
	[SG_TOK_CONSTANT] = SPAN("tok-con"),
	[SG_TOK_INSERTED] = SPAN("tok-ins"),
	[SG_TOK_DELETED] = SPAN("tok-del"),
	[SG_TOK_HEADING] = SPAN("tok-hd"),
};
#undef SPAN

static int
cmp_alias(const void *key, const void *elem)
{
	const struct alias	*a = elem;

	return strcmp(key, a->name);
}

static const struct lang *
find_lang(const char *name)
{
	const struct alias	*a;
	char			 low[32];
	size_t			 i;

	if (name == NULL)
		return NULL;
	for (i = 0; name[i] != '\0'; i++) {
		if (i + 1 >= sizeof(low))
			return NULL;
		low[i] = (name[i] >= 'A' && name[i] <= 'Z') ?
		    (char)(name[i] - 'A' + 'a') : name[i];
	}
	low[i] = '\0';
	a = bsearch(low, aliases, sizeof(aliases) / sizeof(aliases[0]),
	    sizeof(aliases[0]), cmp_alias);
	return a == NULL ? NULL : &langs[a->lang];
}

const char *
sg_hl_lang(const char *name)
{
	const struct lang	*l = find_lang(name);

	return l == NULL ? NULL : l->name;
}

const char *
sg_hl_class(enum sg_tok kind)
{
	if ((unsigned)kind >= SG_TOK__COUNT)
		return NULL;
	return spans[kind].cls;
}

/* Appends a token of s[from..to), merging it into the last one when that
 * has the same kind; from is always where the last token ended. Inline
 * in hl_emit, which every scanner calls for every token. */
static inline void
push(struct sg_tokens *out, enum sg_tok kind, size_t from, size_t to)
{
	struct sg_token	*t;

	if (out->len > 0 && out->v[out->len - 1].kind == kind) {
		out->v[out->len - 1].len += to - from;
		return;
	}
	if (out->len == out->cap) {
		out->cap = out->cap ? out->cap * 2 : 64;
		out->v = xrealloc(out->v, out->cap * sizeof(out->v[0]));
	}
	t = &out->v[out->len++];
	t->kind = kind;
	t->off = from;
	t->len = to - from;
}

void
hl_emit(struct hl *h, enum sg_tok kind, size_t from, size_t to)
{
	if (to > h->len)
		to = h->len;
	if (from < h->done)
		from = h->done;
	if (from >= to)
		return;
	if (from > h->done)
		push(h->out, SG_TOK_TEXT, h->done, from);
	push(h->out, kind, from, to);
	h->done = to;
}

int
sg_hl_tokenize(const char *lang, const char *src, size_t len,
    struct sg_tokens *out)
{
	const struct lang	*l = NULL;
	struct hl		 h;
	int			 rc = 0;

	out->len = 0;
	if (lang != NULL && lang[0] != '\0' &&
	    (l = find_lang(lang)) == NULL)
		rc = -1;
	h.s = src;
	h.len = len;
	h.out = out;
	h.done = 0;
	h.flags = l == NULL ? 0 : l->flags;
	if (l != NULL && l->scan != NULL && len > 0)
		l->scan(&h, 0, len);
	hl_emit(&h, SG_TOK_TEXT, h.done, len);
	return rc;
}

void
sg_hl_tokens_free(struct sg_tokens *toks)
{
	if (toks == NULL)
		return;
	free(toks->v);
	toks->v = NULL;
	toks->len = toks->cap = 0;
}

/* What put_short does with a byte: copies it, escapes it, or (a newline
 * in a span) leaves the token to the general way. */
enum { COPY, ESCAPE, NEWLINE };
static const unsigned char byte_kind[256] = {
	['&'] = ESCAPE, ['<'] = ESCAPE, ['>'] = ESCAPE, ['"'] = ESCAPE,
	['\n'] = NEWLINE,
};

#define SHORT	16	/* bytes of a token put_short takes */

/* Appends a short token (p[0..n), n <= SHORT) as sg_hl_html_tokens does,
 * its span's tag o, its bytes escaped, the closing tag, straight into the
 * buffer's spare room: most tokens are a few bytes, for which the four
 * appends and the escaping's call were 300 instructions each. Returns 0,
 * having appended nothing, where the room for the longest outcome is not
 * there (so the buffer grows only as the appends would grow it) or a
 * span's token holds a newline. */
static int
put_short(struct sg_buf *b, const struct span *o, const char *p, size_t n)
{
	char		*d;
	const char	*ent;
	size_t		 i, k;

	if (n > SHORT || b->cap - b->len <= o->n + 6 * n + 7)
		return 0;
	d = b->data + b->len;
	memcpy(d, o->open, o->n);
	d += o->n;
	for (i = 0; i < n; i++)
		switch (byte_kind[(unsigned char)p[i]]) {
		case COPY:
			*d++ = p[i];
			break;
		case NEWLINE:
			if (o->n > 0) {
				b->data[b->len] = '\0';
				return 0;
			}
			*d++ = p[i];
			break;
		default:
			ent = p[i] == '&' ? "&amp;" : p[i] == '<' ? "&lt;" :
			    p[i] == '>' ? "&gt;" : "&quot;";
			k = strlen(ent);
			memcpy(d, ent, k);
			d += k;
			break;
		}
	if (o->n > 0) {
		memcpy(d, "</span>", 7);
		d += 7;
	}
	*d = '\0';
	b->len = (size_t)(d - b->data);
	return 1;
}

void
sg_hl_html_tokens(const char *src, const struct sg_token *tokens,
    size_t ntokens, struct sg_buf *buf)
{
	const struct sg_token	*t;
	const struct span	*o;
	const char		*p, *e, *nl;
	size_t			 i;

	for (i = 0; i < ntokens; i++) {
		t = &tokens[i];
		p = src + t->off;
		e = p + t->len;
		o = (unsigned)t->kind < SG_TOK__COUNT ? &spans[t->kind] :
		    &spans[SG_TOK_TEXT];
		if (put_short(buf, o, p, t->len))
			continue;
		if (o->n == 0) {
			sg_buf_put_html(buf, p, t->len);
			continue;
		}
		while (p < e) {
			nl = memchr(p, '\n', (size_t)(e - p));
			if (nl == NULL)
				nl = e;
			if (nl > p) {
				sg_buf_put(buf, o->open, o->n);
				sg_buf_put_html(buf, p, (size_t)(nl - p));
				sg_buf_puts(buf, "</span>");
			}
			if (nl < e) {
				sg_buf_putc(buf, '\n');
				nl++;
			}
			p = nl;
		}
	}
}

int
sg_hl_html(const char *lang, const char *src, size_t len, struct sg_buf *buf)
{
	struct sg_tokens	 toks = { 0 };
	int			 rc;

	rc = sg_hl_tokenize(lang, src, len, &toks);
	sg_hl_html_tokens(src, toks.v, toks.len, buf);
	sg_hl_tokens_free(&toks);
	return rc;
}

/* Shared scanner helpers. */

/* A binary search of its own, with the comparison inline: bsearch's
 * call of a comparison for each probe was most of the cost of a lookup,
 * and every identifier of a code block is looked up in two to four
 * tables. It probes as glibc's bsearch does, and compares as its
 * comparison did: s[0..n) against a NUL-terminated word, s's NUL bytes
 * being bytes like any other. */
int
hl_word_in(const struct hl_words *t, const char *s, size_t n)
{
	size_t		 lo = 0, hi = t->n, mid, i;
	const char	*w;
	int		 d;

	if (n == 0 || n > 32)
		return 0;
	while (lo < hi) {
		mid = (lo + hi) / 2;
		w = t->v[mid];
		for (i = 0; i < n && w[i] != '\0' && s[i] == w[i]; i++)
			;
		if (i == n)
			d = w[i] == '\0' ? 0 : -1;
		else if (w[i] == '\0')
			d = 1;
		else
			d = (unsigned char)s[i] - (unsigned char)w[i];
		if (d == 0)
			return 1;
		if (d < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return 0;
}

size_t
hl_eol(const struct hl *h, size_t i, size_t end)
{
	const char	*nl;

	if (i >= end)
		return end;
	nl = memchr(h->s + i, '\n', end - i);
	return nl == NULL ? end : (size_t)(nl - h->s);
}

size_t
hl_blank(const struct hl *h, size_t i, size_t end)
{
	while (i < end && (h->s[i] == ' ' || h->s[i] == '\t'))
		i++;
	return i;
}

size_t
hl_ident(const struct hl *h, size_t i, size_t end)
{
	while (i < end && hl_isident((unsigned char)h->s[i]))
		i++;
	return i;
}

size_t
hl_quoted(const struct hl *h, size_t i, size_t end, int esc, int nl)
{
	char	 q = h->s[i];

	for (i++; i < end; i++) {
		if (h->s[i] == q)
			return i + 1;
		if (h->s[i] == '\\' && esc) {
			if (++i >= end)
				return end;
		} else if (h->s[i] == '\n' && !nl)
			return i;
	}
	return end;
}

size_t
hl_number(const struct hl *h, size_t i, size_t end)
{
	const char	*s = h->s;
	unsigned char	 c;
	int		 hex = 0, dot = 0;

	if (s[i] == '0' && i + 1 < end &&
	    (s[i + 1] == 'x' || s[i + 1] == 'X')) {
		hex = 1;
		i += 2;
	}
	while (i < end) {
		c = (unsigned char)s[i];
		if (hl_isalnum(c) || c == '_') {
			i++;
			if (i < end && (s[i] == '+' || s[i] == '-') &&
			    (((c == 'e' || c == 'E') && !hex) ||
			    c == 'p' || c == 'P'))
				i++;
		} else if (c == '.' && !dot &&
		    !(i + 1 < end && s[i + 1] == '.')) {
			dot = 1;
			i++;
		} else if (c == '\'' && i + 1 < end &&
		    hl_isxdigit((unsigned char)s[i + 1]) &&
		    hl_isxdigit((unsigned char)s[i - 1]))
			i++;
		else
			break;
	}
	return i;
}

int
hl_at(const struct hl *h, size_t i, size_t end, const char *p, size_t n)
{
	return i <= end && end - i >= n && memcmp(h->s + i, p, n) == 0;
}
