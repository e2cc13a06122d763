/* highlight_shell.c: scanners for the shell (bash) and console sessions.
 * Hand-written, as highlight.c explains.
 *
 * The shell scanner follows command position (the first word of a command
 * is its name), case patterns, [[ ]] and (( )), and heredocs. Known
 * approximations: of several heredocs started on one line only the first
 * is followed; "$(…)" inside double quotes stays part of the string; in a
 * console session a heredoc's body is not followed past the command line. */
#include <string.h>

#include "highlight/highlight_int.h"

#define PAREN_MAX	64	/* nested ( we remember the kind of */

static const char *const sh_keywords[] = {
	"case", "coproc", "do", "done", "elif", "else", "esac", "fi", "for",
	"function", "if", "in", "select", "then", "time", "until", "while",
};

/* Commands that run the command after them. */
static const char *const sh_prefixes[] = {
	"builtin", "command", "doas", "env", "exec", "nice", "nohup", "sudo",
	"xargs",
};

/* Commands whose arguments are assignments. */
static const char *const sh_decls[] = {
	"declare", "export", "local", "readonly", "typeset",
};

static const struct hl_words shkw = HL_WORDS(sh_keywords);
static const struct hl_words shpre = HL_WORDS(sh_prefixes);
static const struct hl_words shdecl = HL_WORDS(sh_decls);

enum { KW_NONE, KW_NAME, KW_WORD, KW_IN };	/* for NAME in, case WORD in */
/* What a '(' opened: ( … ), $( … ), a=( … ); P_CMD: cmd was set. */
enum { P_SUB, P_CMDSUB, P_ARRAY, P_CMD = 4 };

struct sh {
	struct hl	*h;
	size_t		 end;
	int		 cmd;		/* the next word is a command name */
	int		 prefix;	/* the command runs another: sudo */
	int		 decl;		/* the command was export, local … */
	int		 inword;	/* in a word, after its first part */
	int		 assign;	/* after NAME=: ( opens an array */
	int		 redir;		/* the next word is a redirection's
					 * target */
	int		 kw;		/* KW_*: after for, select or case */
	int		 kw_case;	/* kw came from case */
	int		 fn;		/* the next word names a function */
	size_t		 cases;		/* open case … esac */
	int		 pattern;	/* in a case pattern, before its ')' */
	int		 cond;		/* inside [[ ]] */
	size_t		 arith;		/* inside (( )): 1 + open ( */
	int		 arith_sub;	/* the (( was $(( */
	int		 arith_cmd;	/* cmd outside $(( )) */
	int		 bquote;	/* inside `…` */
	int		 bquote_cmd;	/* cmd outside `…` */
	char		 paren[PAREN_MAX]; /* P_* of each open (, plus
					 * P_CMD if cmd was set outside */
	size_t		 nparen;	/* open (, all counted */
	int		 hd;		/* a heredoc starts on the next line */
	size_t		 hd_off;	/* its delimiter in the source */
	size_t		 hd_len;
	int		 hd_strip;	/* <<-: leading tabs ignored */
};

static int
is(const char *w, size_t n, const char *word)
{
	return strlen(word) == n && memcmp(w, word, n) == 0;
}

static int
is_name(const char *w, size_t n)
{
	size_t	 i;

	if (n == 0 || !(hl_isalpha((unsigned char)w[0]) || w[0] == '_'))
		return 0;
	for (i = 1; i < n; i++)
		if (!(hl_isalnum((unsigned char)w[i]) || w[i] == '_'))
			return 0;
	return 1;
}

static int
is_digits(const char *w, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (!hl_isdigit((unsigned char)w[i]))
			return 0;
	return n > 0;
}

/* The length of "NAME=", "NAME+=" or "NAME[…]=" at the start of w, or 0;
 * *name gets the length of NAME. */
static size_t
assignment(const char *w, size_t n, size_t *name)
{
	size_t	 i;

	for (i = 0; i < n && (hl_isalnum((unsigned char)w[i]) || w[i] == '_');
	    i++)
		;
	if (i == 0 || hl_isdigit((unsigned char)w[0]))
		return 0;
	*name = i;
	if (i < n && w[i] == '[') {
		while (i < n && w[i] != ']')
			i++;
		if (i == n)
			return 0;
		i++;
	}
	if (i < n && w[i] == '+')
		i++;
	return i < n && w[i] == '=' ? i + 1 : 0;
}

/* Sets the state for a word starting here, w[0..n) if it is a bare run of
 * word characters, else w is NULL; returns the word's kind. */
static enum sg_tok
word_start(struct sh *st, const char *w, size_t n)
{
	int	 is_var;

	st->inword = 1;
	if (st->redir) {
		st->redir = 0;
		return w != NULL && (is_digits(w, n) || (n == 1 && *w == '-')) ?
		    SG_TOK_NUMBER : SG_TOK_TEXT;
	}
	if (st->pattern) {
		if (w == NULL || !is(w, n, "esac"))
			return SG_TOK_TEXT;
		st->pattern = 0;
		if (st->cases > 0)
			st->cases--;
		st->cmd = 0;
		return SG_TOK_KEYWORD;
	}
	if (st->kw == KW_NAME || st->kw == KW_WORD) {
		is_var = st->kw == KW_NAME && w != NULL;
		st->kw = KW_IN;
		return is_var ? SG_TOK_VARIABLE : SG_TOK_TEXT;
	}
	if (st->kw == KW_IN) {
		st->kw = KW_NONE;
		if (w != NULL && is(w, n, "in")) {
			st->pattern = st->kw_case;
			return SG_TOK_KEYWORD;
		}
	}
	if (st->fn) {
		st->fn = 0;
		return SG_TOK_FUNCTION;
	}
	if (w != NULL && n == 1 && (*w == '{' || *w == '}')) {
		st->cmd = *w == '{';
		return SG_TOK_PUNCT;
	}
	if (w != NULL && (is(w, n, "[[") || is(w, n, "]]"))) {
		st->cond = *w == '[';
		st->cmd = 0;
		return SG_TOK_PUNCT;
	}
	if (!st->cmd || st->cond || st->arith) {
		if (w == NULL)
			return SG_TOK_TEXT;
		if (n > 1 && w[0] == '-')
			return SG_TOK_ATTR;
		if (st->decl && is_name(w, n))
			return SG_TOK_VARIABLE;
		return is_digits(w, n) ? SG_TOK_NUMBER : SG_TOK_TEXT;
	}
	if (w == NULL) {
		st->cmd = st->prefix = 0;
		return SG_TOK_TEXT;
	}
	if (n == 1 && *w == '!')
		return SG_TOK_OPERATOR;
	if (st->prefix && n > 1 && w[0] == '-')
		return SG_TOK_ATTR;
	if (is_digits(w, n) && w + n < st->h->s + st->end &&
	    (w[n] == '<' || w[n] == '>'))
		return SG_TOK_NUMBER;
	if (hl_word_in(&shkw, w, n)) {
		if (is(w, n, "case")) {
			st->kw = KW_WORD;
			st->kw_case = 1;
			st->cases++;
			st->cmd = 0;
		} else if (is(w, n, "for") || is(w, n, "select")) {
			st->kw = KW_NAME;
			st->kw_case = 0;
			st->cmd = 0;
		} else if (is(w, n, "function")) {
			st->fn = 1;
			st->cmd = 0;
		} else if (is(w, n, "done") || is(w, n, "fi"))
			st->cmd = 0;
		else if (is(w, n, "esac")) {
			st->cmd = 0;
			st->pattern = 0;
			if (st->cases > 0)
				st->cases--;
		}
		return SG_TOK_KEYWORD;
	}
	st->prefix = hl_word_in(&shpre, w, n);
	st->decl = hl_word_in(&shdecl, w, n);
	st->cmd = st->prefix;
	return SG_TOK_FUNCTION;
}

/* The end of a variable reference at s[i] == '$', or i if none: $NAME,
 * ${…} (nested, on one line), $1, $@ and the other specials. */
static size_t
var_end(const struct sh *st, size_t i)
{
	const char	*s = st->h->s;
	size_t		 j = i + 1, depth;

	if (j >= st->end)
		return i;
	if (s[j] == '{') {
		/* an unclosed one stops at the line's end */
		for (depth = 1, j++; j < st->end && s[j] != '\n'; j++) {
			if (s[j] == '{')
				depth++;
			else if (s[j] == '}' && --depth == 0)
				return j + 1;
		}
		return j;
	}
	if (hl_isalpha((unsigned char)s[j]) || s[j] == '_') {
		while (j < st->end && (hl_isalnum((unsigned char)s[j]) ||
		    s[j] == '_'))
			j++;
		return j;
	}
	if (s[j] != '\0' && strchr("0123456789@*#?$!-", s[j]) != NULL)
		return j + 1;
	return i;
}

/* A double-quoted string at i, with its variables. */
static size_t
dquote(struct sh *st, size_t i)
{
	const char	*s = st->h->s;
	size_t		 start = i, j;

	for (i++; i < st->end; i++) {
		if (s[i] == '"') {
			i++;
			break;
		}
		if (s[i] == '\\') {
			if (++i >= st->end)
				break;
		} else if (s[i] == '$' && (j = var_end(st, i)) > i) {
			hl_emit(st->h, SG_TOK_STRING, start, i);
			hl_emit(st->h, SG_TOK_VARIABLE, i, j);
			start = j;
			i = j - 1;
		}
	}
	if (i > st->end)
		i = st->end;
	hl_emit(st->h, SG_TOK_STRING, start, i);
	return i;
}

static void
open_paren(struct sh *st, int kind)
{
	if (st->nparen < PAREN_MAX)
		st->paren[st->nparen] = (char)(kind | (st->cmd ? P_CMD : 0));
	st->nparen++;
	st->inword = 0;
	st->cmd = kind != P_ARRAY;
}

/* A '$' at i: a variable, $'…', $( or $((. */
static size_t
dollar(struct sh *st, size_t i)
{
	const char	*s = st->h->s;
	size_t		 j;

	if (!st->inword)
		(void)word_start(st, NULL, 0);
	if (i + 1 < st->end && s[i + 1] == '\'') {
		j = hl_quoted(st->h, i + 1, st->end, 1, 1);
		hl_emit(st->h, SG_TOK_STRING, i, j);
		return j;
	}
	if (hl_at(st->h, i, st->end, "$((", 3) && !st->arith) {
		hl_emit(st->h, SG_TOK_PUNCT, i, i + 3);
		st->arith = 1;
		st->arith_sub = 1;
		st->arith_cmd = st->cmd;
		return i + 3;
	}
	if (i + 1 < st->end && s[i + 1] == '(') {
		hl_emit(st->h, SG_TOK_PUNCT, i, i + 2);
		open_paren(st, P_CMDSUB);
		return i + 2;
	}
	j = var_end(st, i);
	if (j == i)
		return i + 1;
	hl_emit(st->h, SG_TOK_VARIABLE, i, j);
	return j;
}

/* A heredoc's operator and delimiter at s[i] == s[i + 1] == '<'. */
static size_t
heredoc_op(struct sh *st, size_t i)
{
	const char	*s = st->h->s;
	size_t		 j = i + 2, k, d, dn;
	int		 strip = 0;

	if (j < st->end && s[j] == '-') {
		strip = 1;
		j++;
	}
	hl_emit(st->h, SG_TOK_OPERATOR, i, j);
	k = hl_blank(st->h, j, st->end);
	if (k < st->end && (s[k] == '\'' || s[k] == '"')) {
		d = k + 1;
		j = hl_quoted(st->h, k, st->end, 0, 0);
		dn = j > d && s[j - 1] == s[k] ? j - 1 - d : 0;
	} else {
		d = k < st->end && s[k] == '\\' ? k + 1 : k;
		for (j = d; j < st->end && !hl_isspace((unsigned char)s[j]) &&
		    strchr(";&|<>()`'\"", s[j]) == NULL; j++)
			;
		dn = j - d;
	}
	if (dn == 0)
		return k;
	hl_emit(st->h, SG_TOK_STRING, k, j);
	if (!st->hd) {
		st->hd = 1;
		st->hd_off = d;
		st->hd_len = dn;
		st->hd_strip = strip;
	}
	return j;
}

/* A heredoc's body after the newline at i, through its delimiter line.
 * Returns the newline that ends that line, or the end. */
static size_t
heredoc_body(struct sh *st, size_t i)
{
	const char	*s = st->h->s;
	size_t		 b = i + 1, c, e, le;

	st->hd = 0;
	while (b < st->end) {
		e = hl_eol(st->h, b, st->end);
		c = b;
		while (st->hd_strip && c < e && s[c] == '\t')
			c++;
		le = e > c && s[e - 1] == '\r' ? e - 1 : e;
		if (le - c == st->hd_len &&
		    memcmp(s + c, s + st->hd_off, st->hd_len) == 0) {
			hl_emit(st->h, SG_TOK_STRING, i + 1, e);
			return e;
		}
		b = e + 1;
	}
	hl_emit(st->h, SG_TOK_STRING, i + 1, st->end);
	return st->end;
}

/* An operator or parenthesis at i. */
static size_t
op(struct sh *st, size_t i)
{
	const char	*s = st->h->s;
	size_t		 n = 1, e = st->end;
	unsigned char	 c = (unsigned char)s[i];
	int		 kind;

	st->inword = 0;
	if (c == '(') {
		if (st->arith) {
			st->arith++;
		} else if ((st->cmd || st->kw == KW_NAME) && !st->pattern &&
		    !st->cond && i + 1 < e && s[i + 1] == '(') {
			st->arith = 1;
			st->arith_sub = 0;
			st->kw = KW_NONE;
			n = 2;
		} else if (!st->pattern && !st->cond)
			open_paren(st, st->assign ? P_ARRAY : P_SUB);
		hl_emit(st->h, SG_TOK_PUNCT, i, i + n);
		return i + n;
	}
	if (c == ')') {
		if (st->arith > 1)
			st->arith--;
		else if (st->arith && i + 1 < e && s[i + 1] == ')') {
			n = 2;
			st->arith = 0;
			st->inword = st->arith_sub;
			st->cmd = st->arith_sub && st->arith_cmd;
		} else if (st->pattern) {
			st->pattern = 0;
			st->cmd = 1;
		} else if (st->nparen > 0) {
			st->nparen--;
			kind = st->nparen < PAREN_MAX ?
			    st->paren[st->nparen] : P_SUB;
			st->inword = (kind & ~P_CMD) == P_CMDSUB;
			st->cmd = (kind & ~P_CMD) != P_SUB &&
			    (kind & P_CMD) != 0;
		}
		hl_emit(st->h, SG_TOK_PUNCT, i, i + n);
		return i + n;
	}
	st->kw = KW_NONE;
	st->decl = 0;
	if (st->arith || (st->cond && c != ';')) {
		hl_emit(st->h, SG_TOK_OPERATOR, i, i + 1);
		return i + 1;
	}
	if (c == '<' && i + 1 < e && s[i + 1] == '<' &&
	    !(i + 2 < e && s[i + 2] == '<'))
		return heredoc_op(st, i);
	if (c == '<' || c == '>' ||
	    (c == '&' && i + 1 < e && s[i + 1] == '>')) {
		while (i + n < e && n < 3 && s[i + n] != '\0' &&
		    strchr("<>&|", s[i + n]) != NULL)
			n++;
		if (i + n < e && s[i + n] == '(') {
			/* process substitution <( … ) */
			hl_emit(st->h, SG_TOK_OPERATOR, i, i + n);
			hl_emit(st->h, SG_TOK_PUNCT, i + n, i + n + 1);
			open_paren(st, P_CMDSUB);
			return i + n + 1;
		}
		st->redir = 1;
	} else if (c == ';') {
		while (i + n < e && n < 3 &&
		    (s[i + n] == ';' || s[i + n] == '&'))
			n++;
		if (n > 1 && st->cases > 0)
			st->pattern = 1;
		st->cmd = 1;
	} else if (c == '|' && st->pattern) {
		;
	} else {
		/* | || && |& & */
		if (i + 1 < e &&
		    (s[i + 1] == c || (c == '|' && s[i + 1] == '&')))
			n = 2;
		st->cmd = 1;
	}
	st->prefix = 0;
	hl_emit(st->h, SG_TOK_OPERATOR, i, i + n);
	return i + n;
}

/* A run of word characters at i, or an assignment NAME=. */
static size_t
run(struct sh *st, size_t i)
{
	const char	*s = st->h->s, *w = s + i, *eq;
	size_t		 j, a, name;
	enum sg_tok	 kind;

	for (j = i; j < st->end; j++) {
		if (hl_isspace((unsigned char)s[j]) || (s[j] != '\0' &&
		    strchr(";&|<>()`'\"$", s[j]) != NULL))
			break;
		if (s[j] == '\\') {
			if (j + 1 < st->end && s[j + 1] == '\n')
				break;
			j++;
		}
	}
	if (j > st->end)
		j = st->end;
	if (j == i)
		j = i + 1;
	if (st->inword) {
		hl_emit(st->h, SG_TOK_TEXT, i, j);
		return j;
	}
	if ((st->cmd || st->decl) && !st->pattern && !st->kw && !st->fn &&
	    !st->redir && !st->cond && !st->arith &&
	    (a = assignment(w, j - i, &name)) != 0) {
		hl_emit(st->h, SG_TOK_VARIABLE, i, i + name);
		hl_emit(st->h, SG_TOK_OPERATOR, i + a - 1 -
		    (s[i + a - 2] == '+'), i + a);
		st->inword = 1;
		st->assign = 1;
		return i + a;
	}
	kind = word_start(st, w, j - i);
	if (kind == SG_TOK_ATTR && (eq = memchr(w, '=', j - i)) != NULL)
		j = (size_t)(eq - s);	/* --flag=value: the value is text */
	hl_emit(st->h, kind, i, j);
	return j;
}

void
hl_scan_sh(struct hl *h, size_t i, size_t end)
{
	struct sh	 st;
	const char	*s = h->s;
	unsigned char	 c;
	size_t		 j;

	memset(&st, 0, sizeof(st));
	st.h = h;
	st.end = end;
	st.cmd = 1;
	while (i < end) {
		c = (unsigned char)s[i];
		if (c == '\n') {
			st.inword = st.assign = st.redir = st.fn = 0;
			st.prefix = st.decl = 0;
			st.cmd = !st.pattern;
			st.kw = KW_NONE;
			i = st.hd ? heredoc_body(&st, i) : i + 1;
		} else if (hl_isblank(c) || (c == '\\' && i + 1 < end &&
		    s[i + 1] == '\n')) {
			st.inword = st.assign = 0;
			i += c == '\\' ? 2 : 1;
		} else if (c == '#' && !st.inword) {
			j = hl_eol(h, i, end);
			hl_emit(h, SG_TOK_COMMENT, i, j);
			i = j;
		} else if (c == '\'' || c == '"') {
			if (!st.inword)
				(void)word_start(&st, NULL, 0);
			if (c == '"')
				i = dquote(&st, i);
			else {
				j = hl_quoted(h, i, end, 0, 1);
				hl_emit(h, SG_TOK_STRING, i, j);
				i = j;
			}
		} else if (c == '$')
			i = dollar(&st, i);
		else if (c == '`') {
			if (!st.bquote && !st.inword)
				(void)word_start(&st, NULL, 0);
			if (!st.bquote)
				st.bquote_cmd = st.cmd;
			st.bquote = !st.bquote;
			st.cmd = st.bquote || st.bquote_cmd;
			st.inword = !st.bquote;
			hl_emit(h, SG_TOK_PUNCT, i, i + 1);
			i++;
		} else if (c != '\0' && strchr(";&|<>()", c) != NULL)
			i = op(&st, i);
		else
			i = run(&st, i);
	}
}

/* The end of a console prompt at the start of the line s[i..e): "$",
 * "#" or "%" alone or after user@host:dir or [user@host dir], then a
 * space or the line's end. 0 if the line is output. */
static size_t
prompt(const struct hl *h, size_t i, size_t e)
{
	const char	*s = h->s;
	size_t		 j = i;
	int		 host = 0;

	if (j < e && s[j] == '[') {
		while (j < e && s[j] != ']')
			j++;
		if (j == e)
			return 0;
		j++;
		host = 1;
	} else {
		for (; j < e && j - i < 128 && (hl_isalnum((unsigned char)s[j])
		    || (s[j] != '\0' && strchr("_@.:~/-", s[j]) != NULL)); j++)
			host |= s[j] == '@' || s[j] == ':' || s[j] == '~';
	}
	if (j > i && !host)
		return 0;
	if (j == e || (s[j] != '$' && s[j] != '#' && s[j] != '%'))
		return 0;
	j++;
	if (j < e && s[j] != ' ')
		return 0;
	return j;
}

void
hl_scan_console(struct hl *h, size_t i, size_t end)
{
	const char	*s = h->s;
	size_t		 e, p;

	while (i < end) {
		e = hl_eol(h, i, end);
		if ((p = prompt(h, i, e)) != 0) {
			hl_emit(h, SG_TOK_PUNCT, i, p);
			while (e < end && e > p && (s[e - 1] == '\\' ||
			    (s[e - 1] == '\r' && e - 2 >= p &&
			    s[e - 2] == '\\')))
				e = hl_eol(h, e + 1, end);
			hl_scan_sh(h, p, e);
		}
		i = e < end ? e + 1 : end;
	}
}
