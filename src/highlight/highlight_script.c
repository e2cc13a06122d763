/* highlight_script.c: scanners for Python and Lua. Hand-written, as
 * highlight.c explains. Approximations: the expressions inside Python
 * f-strings stay part of the string. */
#include <string.h>

#include "highlight/highlight_int.h"

static const char *const py_keywords[] = {
	"and", "as", "assert", "async", "await", "break", "class", "continue",
	"def", "del", "elif", "else", "except", "finally", "for", "from",
	"global", "if", "import", "in", "is", "lambda", "nonlocal", "not",
	"or", "pass", "raise", "return", "try", "while", "with", "yield",
};

/* Soft keywords: keywords only when they begin a statement. */
static const char *const py_soft[] = {
	"case", "match", "type",
};

static const char *const py_constants[] = {
	"Ellipsis", "False", "None", "NotImplemented", "True",
};

static const char *const py_types[] = {
	"bool", "bytearray", "bytes", "complex", "dict", "float", "frozenset",
	"int", "list", "memoryview", "object", "range", "set", "slice", "str",
	"tuple", "type",
};

static const char *const lua_keywords[] = {
	"and", "break", "do", "else", "elseif", "end", "for", "function",
	"goto", "if", "in", "local", "not", "or", "repeat", "return", "then",
	"until", "while",
};

static const char *const lua_constants[] = {
	"false", "nil", "true",
};

static const struct hl_words pykw = HL_WORDS(py_keywords);
static const struct hl_words pysoft = HL_WORDS(py_soft);
static const struct hl_words pycon = HL_WORDS(py_constants);
static const struct hl_words pyty = HL_WORDS(py_types);
static const struct hl_words luakw = HL_WORDS(lua_keywords);
static const struct hl_words luacon = HL_WORDS(lua_constants);

/* Whether w[0..n) has the shape of a class name: a capital, then a small
 * letter somewhere (Path, ValueError; not MAX_SIZE). */
static int
cap_word(const char *w, size_t n)
{
	size_t	 i;

	if (n < 2 || !(w[0] >= 'A' && w[0] <= 'Z'))
		return 0;
	for (i = 1; i < n; i++)
		if (w[i] >= 'a' && w[i] <= 'z')
			return 1;
	return 0;
}

/* The end of a Python string whose quote is at s[q]: a triple-quoted one
 * may span lines, a single-quoted one ends at an unescaped newline. */
static size_t
py_string(const struct hl *h, size_t q, size_t end)
{
	const char	*s = h->s;
	char		 c = s[q];
	size_t		 i;

	if (!(q + 2 < end && s[q + 1] == c && s[q + 2] == c))
		return hl_quoted(h, q, end, 1, 0);
	for (i = q + 3; i < end; i++) {
		if (s[i] == '\\')
			i++;
		else if (s[i] == c && i + 2 < end && s[i + 1] == c &&
		    s[i + 2] == c)
			return i + 3;
	}
	return end;
}

/* Whether w[0..n) is a string prefix: r, b, u, f, t, rb, br, fr, rf … */
static int
py_prefix(const char *w, size_t n)
{
	size_t	 i;

	if (n > 2)
		return 0;
	for (i = 0; i < n; i++)
		if (w[i] == '\0' || strchr("rRbBuUfFtT", w[i]) == NULL)
			return 0;
	return 1;
}

void
hl_scan_python(struct hl *h, size_t i, size_t end)
{
	const char	*s = h->s;
	unsigned char	 c;
	size_t		 j, k, n;
	int		 bol = 1, member = 0, def = 0, cls = 0, was_bol;
	enum sg_tok	 kind;

	while (i < end) {
		c = (unsigned char)s[i];
		if (c == '\n' || hl_isblank(c) || c == '\\') {
			bol |= c == '\n';
			i++;
			continue;
		}
		was_bol = bol;
		bol = 0;
		j = i + 1;
		kind = SG_TOK_TEXT;
		if (c == '#') {
			j = hl_eol(h, i, end);
			kind = SG_TOK_COMMENT;
		} else if (c == '"' || c == '\'') {
			j = py_string(h, i, end);
			kind = SG_TOK_STRING;
		} else if (hl_isdigit(c) || (c == '.' && i + 1 < end &&
		    hl_isdigit((unsigned char)s[i + 1]))) {
			j = hl_number(h, i, end);
			kind = SG_TOK_NUMBER;
		} else if (c == '@' && was_bol) {
			for (j = i + 1; j < end && (s[j] == '.' ||
			    hl_isident((unsigned char)s[j])); j++)
				;
			kind = SG_TOK_PREPROC;
		} else if (hl_isidstart(c)) {
			j = hl_ident(h, i, end);
			n = j - i;
			k = hl_blank(h, j, end);
			if (j < end && (s[j] == '"' || s[j] == '\'') &&
			    py_prefix(s + i, n)) {
				j = py_string(h, j, end);
				kind = SG_TOK_STRING;
			} else if (member) {
				if (k < end && s[k] == '(')
					kind = SG_TOK_FUNCTION;
			}
			else if (def)
				kind = SG_TOK_FUNCTION;
			else if (cls)
				kind = SG_TOK_TYPE;
			else if (hl_word_in(&pykw, s + i, n) || (was_bol &&
			    hl_word_in(&pysoft, s + i, n) && k < end &&
			    (hl_isident((unsigned char)s[k]) || s[k] == '"' ||
			    s[k] == '\'' || s[k] == '(' || s[k] == '[' ||
			    s[k] == '{' || s[k] == '-') && k > j))
				kind = SG_TOK_KEYWORD;
			else if (hl_word_in(&pycon, s + i, n))
				kind = SG_TOK_CONSTANT;
			else if (hl_word_in(&pyty, s + i, n))
				kind = SG_TOK_TYPE;
			else if (k < end && s[k] == '(')
				kind = SG_TOK_FUNCTION;
			else if (cap_word(s + i, n))
				kind = SG_TOK_TYPE;
			def = kind == SG_TOK_KEYWORD && n == 3 &&
			    memcmp(s + i, "def", 3) == 0;
			cls = kind == SG_TOK_KEYWORD && n == 5 &&
			    memcmp(s + i, "class", 5) == 0;
			member = 0;
			hl_emit(h, kind, i, j);
			i = j;
			continue;
		} else if ((c != '\0' && strchr("+-*/%=<>!&|^~@", c) != NULL) ||
		    (c == ':' && i + 1 < end && s[i + 1] == '=')) {
			j = c == ':' ? i + 2 : i + 1;
			kind = SG_TOK_OPERATOR;
		} else if (c != '\0' && strchr("()[]{},.;:", c) != NULL)
			kind = SG_TOK_PUNCT;
		member = c == '.';
		def = cls = 0;
		hl_emit(h, kind, i, j);
		i = j;
	}
}

/* The level of a Lua long bracket [==[ at s[i] == '[', or -1. *after gets
 * the index past it. */
static long
lua_long_open(const struct hl *h, size_t i, size_t end, size_t *after)
{
	const char	*s = h->s;
	size_t		 j;

	for (j = i + 1; j < end && s[j] == '='; j++)
		;
	if (j >= end || s[j] != '[')
		return -1;
	*after = j + 1;
	return (long)(j - i - 1);
}

/* The end of a long bracket of the given level, after its ]==], or end. */
static size_t
lua_long_close(const struct hl *h, size_t i, size_t end, long level)
{
	const char	*s = h->s;
	size_t		 k;
	long		 n;

	for (; i < end; i++) {
		if (s[i] != ']')
			continue;
		for (k = i + 1, n = 0; k < end && s[k] == '=' && n < level; k++)
			n++;
		if (n == level && k < end && s[k] == ']')
			return k + 1;
	}
	return end;
}

void
hl_scan_lua(struct hl *h, size_t i, size_t end)
{
	const char	*s = h->s;
	unsigned char	 c;
	size_t		 j, k, n, after;
	long		 level;
	int		 member = 0;
	enum sg_tok	 kind;

	if (hl_at(h, i, end, "#!", 2)) {
		j = hl_eol(h, i, end);
		hl_emit(h, SG_TOK_COMMENT, i, j);
		i = j;
	}
	while (i < end) {
		c = (unsigned char)s[i];
		if (hl_isspace(c)) {
			i++;
			continue;
		}
		j = i + 1;
		kind = SG_TOK_TEXT;
		if (c == '-' && i + 1 < end && s[i + 1] == '-') {
			kind = SG_TOK_COMMENT;
			if (i + 2 < end && s[i + 2] == '[' &&
			    (level = lua_long_open(h, i + 2, end, &after)) >= 0)
				j = lua_long_close(h, after, end, level);
			else
				j = hl_eol(h, i, end);
		} else if (c == '[' &&
		    (level = lua_long_open(h, i, end, &after)) >= 0) {
			j = lua_long_close(h, after, end, level);
			kind = SG_TOK_STRING;
		} else if (c == '"' || c == '\'') {
			j = hl_quoted(h, i, end, 1, 0);
			kind = SG_TOK_STRING;
		} else if (hl_isdigit(c) || (c == '.' && i + 1 < end &&
		    hl_isdigit((unsigned char)s[i + 1]))) {
			j = hl_number(h, i, end);
			kind = SG_TOK_NUMBER;
		} else if (hl_isidstart(c)) {
			j = hl_ident(h, i, end);
			n = j - i;
			k = hl_blank(h, j, end);
			if (!member && hl_word_in(&luakw, s + i, n))
				kind = SG_TOK_KEYWORD;
			else if (!member && hl_word_in(&luacon, s + i, n))
				kind = SG_TOK_CONSTANT;
			else if (k < end && (s[k] == '(' || s[k] == '"' ||
			    s[k] == '\'' || (k == j && s[k] == '{')))
				kind = SG_TOK_FUNCTION;
			member = 0;
			hl_emit(h, kind, i, j);
			i = j;
			continue;
		} else if (c == '.') {
			for (j = i; j < end && s[j] == '.'; j++)
				;
			kind = j - i == 2 ? SG_TOK_OPERATOR : SG_TOK_PUNCT;
		} else if (c != '\0' && strchr("+-*/%^#&~|<>=", c) != NULL)
			kind = SG_TOK_OPERATOR;
		else if (c != '\0' && strchr("(){}[];:,", c) != NULL)
			kind = SG_TOK_PUNCT;
		member = (c == '.' && j == i + 1) || c == ':';
		hl_emit(h, kind, i, j);
		i = j;
	}
}
