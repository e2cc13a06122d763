/* highlight_clike.c: scanners for the languages with C's lexical shape, C
 * and JavaScript/TypeScript, and for JSON. Hand-written, as highlight.c
 * explains. */
#include <string.h>

#include "highlight/highlight_int.h"

#define TMPL_MAX	32	/* nested ${ } in template literals we follow */

static const char *const c_keywords[] = {
	"_Alignas", "_Alignof", "_Atomic", "_Generic", "_Noreturn",
	"_Static_assert", "_Thread_local", "__asm__", "__attribute__",
	"__extension__", "__inline__", "__restrict", "__typeof__",
	"alignas", "alignof", "asm", "auto", "break", "case", "const",
	"constexpr", "continue", "default", "do", "else", "enum", "extern",
	"for", "goto", "if", "inline", "register", "restrict", "return",
	"sizeof", "static", "static_assert", "struct", "switch",
	"thread_local", "typedef", "typeof", "typeof_unqual", "union",
	"volatile", "while",
};

static const char *const c_types[] = {
	"DIR", "FILE", "_BitInt", "_Bool", "_Complex", "_Decimal128",
	"_Decimal32", "_Decimal64", "_Imaginary", "bool", "char", "double",
	"fd_set", "float", "int", "jmp_buf", "long", "short", "signed",
	"unsigned", "va_list", "void",
};

static const char *const c_constants[] = {
	"EOF", "EXIT_FAILURE", "EXIT_SUCCESS", "NULL", "false", "nullptr",
	"true",
};

static const char *const js_keywords[] = {
	"as", "async", "await", "break", "case", "catch", "class", "const",
	"continue", "debugger", "default", "delete", "do", "else", "export",
	"extends", "finally", "for", "from", "function", "if", "import", "in",
	"instanceof", "let", "new", "of", "return", "static", "super",
	"switch", "this", "throw", "try", "typeof", "var", "void", "while",
	"with", "yield",
};

static const char *const js_constants[] = {
	"Infinity", "NaN", "false", "null", "true", "undefined",
};

static const char *const ts_keywords[] = {
	"abstract", "declare", "enum", "implements", "infer", "interface",
	"is", "keyof", "namespace", "override", "private", "protected",
	"public", "readonly", "satisfies", "type",
};

static const char *const ts_types[] = {
	"any", "bigint", "boolean", "never", "number", "object", "string",
	"symbol", "unknown",
};

/* Contextual keywords: a name when a '(' follows (a method "of"). */
static const char *const js_soft[] = {
	"as", "declare", "from", "infer", "is", "keyof", "namespace", "of",
	"override", "readonly", "satisfies", "type",
};

/* Keywords after which an identifier names a type. */
static const char *const type_intro[] = {
	"class", "enum", "extends", "implements", "instanceof", "interface",
	"new", "struct", "type", "union",
};

/* JavaScript keywords after which a '/' starts a regex, not a division. */
static const char *const js_before_expr[] = {
	"await", "case", "delete", "do", "else", "in", "instanceof", "new",
	"of", "return", "throw", "typeof", "void", "yield",
};

static const struct hl_words ckw = HL_WORDS(c_keywords);
static const struct hl_words cty = HL_WORDS(c_types);
static const struct hl_words ccon = HL_WORDS(c_constants);
static const struct hl_words jskw = HL_WORDS(js_keywords);
static const struct hl_words jscon = HL_WORDS(js_constants);
static const struct hl_words tskw = HL_WORDS(ts_keywords);
static const struct hl_words tsty = HL_WORDS(ts_types);
static const struct hl_words jssoft = HL_WORDS(js_soft);
static const struct hl_words tyintro = HL_WORDS(type_intro);
static const struct hl_words jsexpr = HL_WORDS(js_before_expr);

struct clike {
	struct hl	*h;
	size_t		 end;		/* scan up to here */
	int		 c;		/* HL_C is set */
	int		 js;		/* HL_JS is set */
	int		 bol;		/* only blanks since the line began */
	int		 want_type;	/* after struct, class, new … */
	int		 member;	/* after '.': a property, no keyword */
	int		 re_ok;		/* js: a '/' here opens a regex */
	size_t		 no_re;		/* js: no regex before this offset */
	size_t		 braces;	/* js: open '{' */
	size_t		 tmpl[TMPL_MAX]; /* js: braces when each ${ opened */
	int		 ntmpl;		/* js: open ${ */
};

/* Punctuation and operator bytes, as switches: a strchr for each byte
 * that is neither space nor identifier was 0.5 M instructions at 2,000
 * pages. */
static int
is_punct(unsigned char c)
{
	switch (c) {
	case '(': case ')': case '{': case '}': case '[': case ']':
	case ';': case ',': case '.':
		return 1;
	default:
		return 0;
	}
}

static int
is_operator(unsigned char c)
{
	switch (c) {
	case '+': case '-': case '*': case '/': case '%': case '=': case '<':
	case '>': case '!': case '&': case '|': case '^': case '~': case '?':
	case ':': case '#':
		return 1;
	default:
		return 0;
	}
}

/* The end of a // comment at i: the newline, or in C past backslash
 * newlines. */
static size_t
line_comment(const struct clike *st, size_t i)
{
	const char	*s = st->h->s;
	size_t		 e;

	for (;;) {
		e = hl_eol(st->h, i, st->end);
		if (!st->c || e == st->end || e == i)
			return e;
		if (s[e - 1] == '\\' ||
		    (s[e - 1] == '\r' && e - 1 > i && s[e - 2] == '\\'))
			i = e + 1;
		else
			return e;
	}
}

/* The end of a slash-star comment at i: past its close, or the end. */
static size_t
block_comment(const struct clike *st, size_t i)
{
	const char	*s = st->h->s;

	for (i += 2; i + 1 < st->end; i++)
		if (s[i] == '*' && s[i + 1] == '/')
			return i + 2;
	return st->end;
}

/* A C preprocessor directive at s[i] == '#': "#" and its name, and the
 * <header> of an #include. Returns where to go on. */
static size_t
directive(struct clike *st, size_t i)
{
	static const char *const incl[] = {
		"embed", "import", "include", "include_next",
	};
	static const struct hl_words inclw = HL_WORDS(incl);
	const char	*s = st->h->s;
	size_t		 j, k, e = st->end;

	k = hl_blank(st->h, i + 1, e);
	j = hl_ident(st->h, k, e);
	hl_emit(st->h, SG_TOK_PREPROC, i, j);
	if (!hl_word_in(&inclw, s + k, j - k))
		return j;
	k = hl_blank(st->h, j, e);
	if (k == e || s[k] != '<')
		return j;
	for (j = k + 1; j < e && s[j] != '\n' && s[j] != '>'; j++)
		;
	if (j == e || s[j] != '>')
		return k;
	hl_emit(st->h, SG_TOK_STRING, k, j + 1);
	return j + 1;
}

/* Scans a template literal's text from i (start is its backquote or the
 * '}' of a substitution) to its closing backquote or the next "${" (then
 * *open is set, if open_ok, else "${" stays text). Returns where it
 * stopped. */
static size_t
tmpl_text(struct clike *st, size_t start, size_t i, int open_ok, int *open)
{
	const char	*s = st->h->s;

	*open = 0;
	for (; i < st->end; i++) {
		if (s[i] == '\\') {
			if (++i >= st->end)
				break;
		} else if (s[i] == '`') {
			hl_emit(st->h, SG_TOK_STRING, start, i + 1);
			return i + 1;
		} else if (s[i] == '$' && open_ok && i + 1 < st->end &&
		    s[i + 1] == '{') {
			hl_emit(st->h, SG_TOK_STRING, start, i);
			hl_emit(st->h, SG_TOK_PUNCT, i, i + 2);
			*open = 1;
			return i + 2;
		}
	}
	hl_emit(st->h, SG_TOK_STRING, start, st->end);
	return st->end;
}

/* Continues a template literal at i; records a substitution it opens. */
static size_t
tmpl(struct clike *st, size_t start, size_t i)
{
	int	 open;

	i = tmpl_text(st, start, i, st->ntmpl < TMPL_MAX, &open);
	if (open)
		st->tmpl[st->ntmpl++] = st->braces;
	st->re_ok = open;
	return i;
}

/* The end of a regex literal at s[i] == '/', flags included, or 0 if the
 * line holds none. */
static size_t
regex_end(const struct clike *st, size_t i)
{
	const char	*s = st->h->s;
	int		 cls = 0;

	for (i++; i < st->end && s[i] != '\n'; i++) {
		if (s[i] == '\\') {
			if (++i >= st->end || s[i] == '\n')
				return 0;
		} else if (s[i] == '[')
			cls = 1;
		else if (s[i] == ']')
			cls = 0;
		else if (s[i] == '/' && !cls) {
			i++;
			while (i < st->end && hl_isalpha((unsigned char)s[i]))
				i++;
			return i;
		}
	}
	return 0;
}

static int
js_ident(unsigned char c)
{
	return hl_isident(c) || c == '$';
}

/* An identifier or keyword at i. Returns where it ends. */
static size_t
word(struct clike *st, size_t i, int want_type, int member)
{
	const char	*s = st->h->s, *w = s + i;
	size_t		 j = i, n, k;
	enum sg_tok	 kind = SG_TOK_TEXT;

	while (j < st->end && (st->js ? js_ident((unsigned char)s[j]) :
	    hl_isident((unsigned char)s[j])))
		j++;
	n = j - i;
	st->re_ok = 0;
	if (st->c && j < st->end && (s[j] == '"' || s[j] == '\'') &&
	    ((n == 1 && (*w == 'L' || *w == 'u' || *w == 'U')) ||
	    (n == 2 && w[0] == 'u' && w[1] == '8'))) {
		/* a prefixed string: L"…", u8"…" */
		j = hl_quoted(st->h, j, st->end, 1, 0);
		hl_emit(st->h, SG_TOK_STRING, i, j);
		return j;
	}
	if (member)
		;
	else if (want_type)
		kind = SG_TOK_TYPE;
	else if (st->c ? hl_word_in(&ckw, w, n) : (hl_word_in(&jskw, w, n) ||
	    ((st->h->flags & HL_TS) && hl_word_in(&tskw, w, n)))) {
		kind = SG_TOK_KEYWORD;
		st->want_type = hl_word_in(&tyintro, w, n);
		st->re_ok = st->js && hl_word_in(&jsexpr, w, n);
	} else if (hl_word_in(st->c ? &ccon : &jscon, w, n))
		kind = SG_TOK_CONSTANT;
	else if (st->c ? (hl_word_in(&cty, w, n) ||
	    (n > 2 && w[n - 2] == '_' && w[n - 1] == 't')) :
	    ((st->h->flags & HL_TS) && hl_word_in(&tsty, w, n)))
		kind = SG_TOK_TYPE;
	k = hl_blank(st->h, j, st->end);
	if (kind == SG_TOK_KEYWORD && st->js && k < st->end && s[k] == '(' &&
	    hl_word_in(&jssoft, w, n)) {
		kind = SG_TOK_TEXT;
		st->want_type = 0;
	}
	if (kind == SG_TOK_TEXT) {
		if (k < st->end && s[k] == '(')
			kind = SG_TOK_FUNCTION;
		else if (st->js && !member && *w >= 'A' && *w <= 'Z') {
			for (k = 1; k < n && !(w[k] >= 'a' && w[k] <= 'z'); k++)
				;
			if (k < n)
				kind = SG_TOK_TYPE;
		}
	}
	hl_emit(st->h, kind, i, j);
	return j;
}

/* One token that is not blank, a comment, or a word. */
static size_t
other(struct clike *st, size_t i)
{
	struct hl	*h = st->h;
	const char	*s = h->s;
	unsigned char	 c = (unsigned char)s[i];
	size_t		 j;

	if (c == '"' || c == '\'') {
		j = hl_quoted(h, i, st->end, 1, 0);
		hl_emit(h, SG_TOK_STRING, i, j);
		st->re_ok = 0;
		return j;
	}
	if (c == '`' && st->js)
		return tmpl(st, i, i + 1);
	if (hl_isdigit(c) || (c == '.' && i + 1 < st->end &&
	    hl_isdigit((unsigned char)s[i + 1]))) {
		j = hl_number(h, i, st->end);
		hl_emit(h, SG_TOK_NUMBER, i, j);
		st->re_ok = 0;
		return j;
	}
	if (c == '/' && st->js && st->re_ok && i >= st->no_re) {
		if ((j = regex_end(st, i)) != 0) {
			hl_emit(h, SG_TOK_STRING, i, j);
			st->re_ok = 0;
			return j;
		}
		/* Once a line has an unclosed one, no more on it. */
		st->no_re = hl_eol(h, i, st->end);
	}
	if (c == '}' && st->ntmpl > 0 &&
	    st->braces == st->tmpl[st->ntmpl - 1]) {
		st->ntmpl--;
		hl_emit(h, SG_TOK_PUNCT, i, i + 1);
		return tmpl(st, i + 1, i + 1);
	}
	if (c == '{')
		st->braces++;
	else if (c == '}' && st->braces > 0)
		st->braces--;
	st->re_ok = 1;
	if (is_punct(c)) {
		hl_emit(h, SG_TOK_PUNCT, i, i + 1);
		st->re_ok = c != ')' && c != ']';
		st->member = c == '.';
	} else if (is_operator(c))
		hl_emit(h, SG_TOK_OPERATOR, i, i + 1);
	return i + 1;
}

void
hl_scan_clike(struct hl *h, size_t i, size_t end)
{
	struct clike	 st;
	const char	*s = h->s;
	unsigned char	 c;
	size_t		 j;
	int		 want_type, member;

	memset(&st, 0, sizeof(st));
	st.h = h;
	st.end = end;
	st.c = (h->flags & HL_C) != 0;
	st.js = (h->flags & HL_JS) != 0;
	st.bol = 1;
	st.re_ok = 1;
	if (st.js && hl_at(h, i, end, "#!", 2)) {
		j = hl_eol(h, i, end);
		hl_emit(h, SG_TOK_COMMENT, i, j);
		i = j;
	}
	while (i < end) {
		c = (unsigned char)s[i];
		if (c == '\n') {
			st.bol = 1;
			i++;
			continue;
		}
		if (hl_isblank(c) || (c == '\\' && st.c)) {
			i++;
			continue;
		}
		if (c == '/' && i + 1 < end && (s[i + 1] == '/' ||
		    s[i + 1] == '*')) {
			j = s[i + 1] == '/' ? line_comment(&st, i) :
			    block_comment(&st, i);
			hl_emit(h, SG_TOK_COMMENT, i, j);
			i = j;
			continue;
		}
		want_type = st.want_type;
		member = st.member;
		st.want_type = st.member = 0;
		if (c == '#' && st.c && st.bol)
			i = directive(&st, i);
		else if (hl_isidstart(c) || (c == '$' && st.js))
			i = word(&st, i, want_type, member);
		else
			i = other(&st, i);
		st.bol = 0;
	}
}

void
hl_scan_json(struct hl *h, size_t i, size_t end)
{
	const char	*s = h->s;
	unsigned char	 c;
	size_t		 j, k;
	enum sg_tok	 kind;

	while (i < end) {
		c = (unsigned char)s[i];
		j = i + 1;
		kind = SG_TOK_TEXT;
		if (c == '/' && i + 1 < end && s[i + 1] == '/') {
			j = hl_eol(h, i, end);
			kind = SG_TOK_COMMENT;
		} else if (c == '/' && i + 1 < end && s[i + 1] == '*') {
			for (j = i + 2; j + 1 < end &&
			    !(s[j] == '*' && s[j + 1] == '/'); j++)
				;
			j = j + 1 < end ? j + 2 : end;
			kind = SG_TOK_COMMENT;
		} else if (c == '"' || c == '\'' || hl_isidstart(c)) {
			if (hl_isidstart(c))
				j = hl_ident(h, i, end);
			else
				j = hl_quoted(h, i, end, 1, 0);
			for (k = j; k < end && hl_isspace((unsigned char)s[k]);
			    k++)
				;
			if (k < end && s[k] == ':')
				kind = SG_TOK_ATTR;
			else if (!hl_isidstart(c))
				kind = SG_TOK_STRING;
			else if ((j - i == 4 && (hl_at(h, i, j, "true", 4) ||
			    hl_at(h, i, j, "null", 4))) ||
			    (j - i == 5 && hl_at(h, i, j, "false", 5)))
				kind = SG_TOK_CONSTANT;
		} else if (hl_isdigit(c) || (c == '-' && i + 1 < end &&
		    hl_isdigit((unsigned char)s[i + 1]))) {
			for (j = i + 1; j < end &&
			    (hl_isalnum((unsigned char)s[j]) || s[j] == '.' ||
			    ((s[j] == '+' || s[j] == '-') &&
			    (s[j - 1] == 'e' || s[j - 1] == 'E'))); j++)
				;
			kind = SG_TOK_NUMBER;
		} else if (c == '{' || c == '}' || c == '[' || c == ']' ||
		    c == ',' || c == ':')
			kind = SG_TOK_PUNCT;
		hl_emit(h, kind, i, j);
		i = j;
	}
}
