/* highlight_make.c: the makefile scanner: directives, assignments, rules
 * and their targets, recipes as small shell commands, $(variables).
 * Hand-written, as highlight.c explains. */
#include <string.h>

#include "highlight/highlight_int.h"

static const char *const mk_directives[] = {
	"-include", "define", "else", "endef", "endif", "export", "ifdef",
	"ifeq", "ifndef", "ifneq", "include", "override", "private",
	"sinclude", "undefine", "unexport", "vpath",
};

/* Directives that may stand before an assignment or another directive. */
static const char *const mk_modifiers[] = {
	"export", "override", "private", "unexport",
};

/* Shell keywords seen in recipes. */
static const char *const mk_shell[] = {
	"case", "do", "done", "elif", "else", "esac", "fi", "for", "if", "in",
	"then", "until", "while",
};

static const struct hl_words mkdir_w = HL_WORDS(mk_directives);
static const struct hl_words mkmod_w = HL_WORDS(mk_modifiers);
static const struct hl_words mksh_w = HL_WORDS(mk_shell);

/* The end of the logical line at i: the first newline no backslash
 * escapes, or end. */
static size_t
logical_eol(const struct hl *h, size_t i, size_t end)
{
	size_t	 e;

	for (;;) {
		e = hl_eol(h, i, end);
		if (e == end || e == i || (h->s[e - 1] != '\\' &&
		    !(h->s[e - 1] == '\r' && e - 1 > i && h->s[e - 2] == '\\')))
			return e;
		i = e + 1;
	}
}

/* The end of a reference at s[i] == '$': $(…) and ${…} with what they
 * nest, or $x; i + 1 for a lone '$' at the end. */
static size_t
var_end(const struct hl *h, size_t i, size_t e)
{
	const char	*s = h->s;
	size_t		 j, depth;

	if (i + 1 >= e)
		return i + 1;
	if (s[i + 1] != '(' && s[i + 1] != '{')
		return i + 2;
	for (depth = 1, j = i + 2; j < e; j++) {
		if (s[j] == '(' || s[j] == '{')
			depth++;
		else if ((s[j] == ')' || s[j] == '}') && --depth == 0)
			return j + 1;
	}
	return e;
}

/* A '$' at i: a variable, or "$$" (text; in a recipe $$NAME is a shell
 * variable). */
static size_t
dollar(struct hl *h, size_t i, size_t e, int recipe)
{
	const char	*s = h->s;
	size_t		 j;

	if (i + 1 < e && s[i + 1] == '$') {
		j = i + 2;
		if (recipe)
			while (j < e && (hl_isalnum((unsigned char)s[j]) ||
			    s[j] == '_'))
				j++;
		hl_emit(h, j > i + 2 ? SG_TOK_VARIABLE : SG_TOK_TEXT, i, j);
		return j;
	}
	j = var_end(h, i, e);
	if (j > i + 1 && !hl_isspace((unsigned char)s[i + 1]))
		hl_emit(h, SG_TOK_VARIABLE, i, j);
	return j;
}

/* A value: text with variables, up to a comment. */
static void
value(struct hl *h, size_t i, size_t e)
{
	const char	*s = h->s;

	while (i < e) {
		if (s[i] == '\\')
			i += 2;
		else if (s[i] == '#') {
			hl_emit(h, SG_TOK_COMMENT, i, e);
			return;
		} else if (s[i] == '$')
			i = dollar(h, i, e, 0);
		else
			i++;
	}
}

/* A recipe line's command, after its tab: the first word of each command
 * is its name. */
static void
recipe(struct hl *h, size_t i, size_t e)
{
	const char	*s = h->s;
	unsigned char	 c;
	size_t		 j;
	int		 cmd = 1, inword = 0, first, is_cmd;
	enum sg_tok	 kind;

	for (j = i; j < e && (s[j] == '@' || s[j] == '-' || s[j] == '+'); j++)
		;
	hl_emit(h, SG_TOK_OPERATOR, i, j);
	for (i = j; i < e; i = j) {
		c = (unsigned char)s[i];
		j = i + 1;
		if (hl_isspace(c) ||
		    (c == '\\' && i + 1 < e && s[i + 1] == '\n')) {
			inword = 0;
			j = c == '\\' ? i + 2 : i + 1;
			continue;
		}
		if (c == '#' && !inword) {
			j = hl_eol(h, i, e);
			hl_emit(h, SG_TOK_COMMENT, i, j);
			continue;
		}
		if (c != '\0' && strchr(";|&<>()", c) != NULL) {
			if (i + 1 < e && s[i + 1] == c && c != '(' && c != ')')
				j = i + 2;
			hl_emit(h, c == '(' || c == ')' ? SG_TOK_PUNCT :
			    SG_TOK_OPERATOR, i, j);
			inword = 0;
			if (c != '<' && c != '>')
				cmd = c != ')';
			continue;
		}
		first = !inword;
		is_cmd = first && cmd;
		inword = 1;
		if (first)
			cmd = 0;
		if (c == '$') {
			j = dollar(h, i, e, 1);
			continue;
		}
		if (c == '\'' || c == '"') {
			j = hl_quoted(h, i, e, c == '"', 1);
			hl_emit(h, SG_TOK_STRING, i, j);
			continue;
		}
		for (j = i; j < e && !hl_isspace((unsigned char)s[j]) &&
		    (s[j] == '\0' || strchr("$'\";|&<>()", s[j]) == NULL); j++)
			if (s[j] == '\\' && j + 1 < e && s[j + 1] != '\n')
				j++;
		if (j > e)
			j = e;
		if (j == i)
			j = i + 1;
		kind = SG_TOK_TEXT;
		if (is_cmd && hl_word_in(&mksh_w, s + i, j - i)) {
			kind = SG_TOK_KEYWORD;
			/* for NAME, case WORD: no command follows */
			cmd = s[i] != 'f' && s[i] != 'c';
		} else if (is_cmd)
			kind = SG_TOK_FUNCTION;
		else if (first && j - i == 2 && s[i] == 'i' && s[i + 1] == 'n')
			kind = SG_TOK_KEYWORD;
		else if (first && s[i] == '-' && j - i > 1)
			kind = SG_TOK_ATTR;
		hl_emit(h, kind, i, j);
	}
}

/* Targets before a rule's colon: names (.PHONY and the like are
 * keywords) and variables. */
static void
targets(struct hl *h, size_t i, size_t e)
{
	const char	*s = h->s;
	size_t		 j;

	while (i < e) {
		if (hl_isspace((unsigned char)s[i]) || s[i] == '\\') {
			i++;
			continue;
		}
		if (s[i] == '$') {
			i = dollar(h, i, e, 0);
			continue;
		}
		for (j = i; j < e && !hl_isspace((unsigned char)s[j]) &&
		    s[j] != '$' && s[j] != '\\'; j++)
			;
		hl_emit(h, s[i] == '.' && j > i + 1 && s[i + 1] >= 'A' &&
		    s[i + 1] <= 'Z' ? SG_TOK_KEYWORD : SG_TOK_FUNCTION, i, j);
		i = j;
	}
}

/* Where a line's assignment operator or rule colon is, outside $(…) and
 * before a comment: *op gets its start, the return value its end; 0 if
 * none. *rule is set for a colon. */
static size_t
find_op(const struct hl *h, size_t i, size_t e, size_t *op, int *rule)
{
	const char	*s = h->s;
	size_t		 j, k;

	for (j = i; j < e; j++) {
		if (s[j] == '$' && j + 1 < e && (s[j + 1] == '(' ||
		    s[j + 1] == '{'))
			j = var_end(h, j, e) - 1;
		else if (s[j] == '\\')
			j++;
		else if (s[j] == '#' || s[j] == ';')
			return 0;
		else if (s[j] == '=') {
			for (k = j; k > i && (s[k - 1] == ':' ||
			    s[k - 1] == '?' || s[k - 1] == '+' ||
			    s[k - 1] == '!'); k--)
				;
			*op = k;
			*rule = 0;
			return j + 1;
		} else if (s[j] == ':') {
			for (k = j; k < e && s[k] == ':'; k++)
				;
			if (k < e && s[k] == '=') {
				j = k - 1;
				continue;
			}
			*op = j;
			*rule = 1;
			return k;
		}
	}
	return 0;
}

/* An assignment, a rule, or text with variables at s[i..e). */
static void
statement(struct hl *h, size_t i, size_t e, int rule_ok)
{
	const char	*s = h->s;
	size_t		 op, k, j;
	int		 rule;

	if ((j = find_op(h, i, e, &op, &rule)) == 0 || (rule && !rule_ok)) {
		value(h, i, e);
		return;
	}
	if (!rule) {
		i = hl_blank(h, i, op);
		for (k = op; k > i && hl_isblank((unsigned char)s[k - 1]); k--)
			;
		hl_emit(h, SG_TOK_VARIABLE, i, k);
		hl_emit(h, SG_TOK_OPERATOR, op, j);
		value(h, j, e);
		return;
	}
	targets(h, i, op);
	hl_emit(h, SG_TOK_OPERATOR, op, j);
	for (k = j; k < e && s[k] != ';' && s[k] != '#' && s[k] != '='; k++)
		if (s[k] == '$')
			k = var_end(h, k, e) - 1;
	if (k < e && s[k] == '=') {
		/* a target-specific variable */
		statement(h, j, e, 0);
		return;
	}
	value(h, j, k);
	if (k < e && s[k] == ';') {
		hl_emit(h, SG_TOK_OPERATOR, k, k + 1);
		recipe(h, hl_blank(h, k + 1, e), e);
	} else
		value(h, k, e);
}

/* One logical line s[ls..e). *define is set inside define … endef. */
static void
line(struct hl *h, size_t ls, size_t e, int *define)
{
	const char	*s = h->s;
	size_t		 i, j;

	if (ls < e && s[ls] == '\t' && !*define) {
		recipe(h, ls + 1, e);
		return;
	}
	i = hl_blank(h, ls, e);
	if (i < e && s[i] == '#') {
		hl_emit(h, SG_TOK_COMMENT, i, e);
		return;
	}
	for (;;) {
		for (j = i; j < e && (hl_isalpha((unsigned char)s[j]) ||
		    s[j] == '-'); j++)
			;
		if (j < e && !hl_isspace((unsigned char)s[j]) && s[j] != '(')
			break;
		if (*define) {
			if (j - i == 5 && memcmp(s + i, "endef", 5) == 0) {
				hl_emit(h, SG_TOK_KEYWORD, i, j);
				*define = 0;
				i = j;
			}
			value(h, i, e);
			return;
		}
		if (!hl_word_in(&mkdir_w, s + i, j - i))
			break;
		hl_emit(h, SG_TOK_KEYWORD, i, j);
		if (j - i == 6 && memcmp(s + i, "define", 6) == 0) {
			*define = 1;
			i = hl_blank(h, j, e);
			for (j = i; j < e && !hl_isspace((unsigned char)s[j]);
			    j++)
				;
			hl_emit(h, SG_TOK_VARIABLE, i, j);
			value(h, j, e);
			return;
		}
		if (!hl_word_in(&mkmod_w, s + i, j - i)) {
			value(h, j, e);
			return;
		}
		i = hl_blank(h, j, e);
	}
	if (*define)
		value(h, i, e);
	else
		statement(h, i, e, 1);
}

void
hl_scan_make(struct hl *h, size_t i, size_t end)
{
	size_t	 e;
	int	 define = 0;

	while (i < end) {
		e = logical_eol(h, i, end);
		line(h, i, e, &define);
		i = e < end ? e + 1 : end;
	}
}
