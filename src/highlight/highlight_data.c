/* highlight_data.c: scanners for configuration data: YAML, INI and TOML.
 * Hand-written, as highlight.c explains. */
#include <string.h>

#include "highlight/highlight_int.h"

#define NEST_MAX	64	/* nested toml [ { whose kind we remember */

static const char *const yaml_constants[] = {
	"FALSE", "False", "NO", "NULL", "No", "Null", "OFF", "ON", "Off", "On",
	"TRUE", "True", "YES", "Yes", "false", "no", "null", "off", "on",
	"true", "yes", "~",
};

static const struct hl_words yamlcon = HL_WORDS(yaml_constants);

struct yaml {
	struct hl	*h;
	size_t		 end;
	size_t		 flow;		/* open [ and { */
	int		 block;		/* in a | or > block scalar */
	size_t		 block_indent;	/* its lines are indented more */
};

/* Whether w[0..n) reads as a YAML number: 12, -3.5e2, 0x1F, 0o17, .inf */
static int
yaml_number(const char *w, size_t n)
{
	size_t	 i = 0, digits = 0;
	int	 oct;

	if (n > 0 && (w[0] == '+' || w[0] == '-'))
		i++;
	if (n - i == 4 && w[i] == '.') {
		w += i + 1;
		return memcmp(w, "inf", 3) == 0 || memcmp(w, "Inf", 3) == 0 ||
		    memcmp(w, "INF", 3) == 0 || memcmp(w, "nan", 3) == 0 ||
		    memcmp(w, "NaN", 3) == 0 || memcmp(w, "NAN", 3) == 0;
	}
	if (n - i > 2 && w[i] == '0' && (w[i + 1] == 'x' || w[i + 1] == 'o')) {
		oct = w[i + 1] == 'o';
		for (i += 2; i < n; i++)
			if (oct ? !(w[i] >= '0' && w[i] <= '7') :
			    !hl_isxdigit((unsigned char)w[i]))
				return 0;
		return 1;
	}
	for (; i < n && (hl_isdigit((unsigned char)w[i]) || w[i] == '_'); i++)
		digits++;
	if (i < n && w[i] == '.')
		for (i++; i < n && hl_isdigit((unsigned char)w[i]); i++)
			digits++;
	if (digits == 0)
		return 0;
	if (i < n && (w[i] == 'e' || w[i] == 'E')) {
		i++;
		if (i < n && (w[i] == '+' || w[i] == '-'))
			i++;
		if (i == n)
			return 0;
		while (i < n && hl_isdigit((unsigned char)w[i]))
			i++;
	}
	return i == n;
}

/* Whether s[j] ends a key: ':' then a blank, the line's end, or in flow a
 * flow indicator. */
static int
key_colon(const struct yaml *st, size_t j)
{
	const char	*s = st->h->s;

	if (j >= st->end || s[j] != ':')
		return 0;
	return j + 1 >= st->end || hl_isspace((unsigned char)s[j + 1]) ||
	    (st->flow && s[j + 1] != '\0' && strchr(",[]{}", s[j + 1]) != NULL);
}

/* A quoted scalar at i: a key if a colon follows, else a string. Returns
 * its end, which may be on a later line. */
static size_t
yaml_quoted(struct yaml *st, size_t i)
{
	const char	*s = st->h->s;
	size_t		 j, k;

	if (s[i] == '"')
		j = hl_quoted(st->h, i, st->end, 1, 1);
	else {
		for (j = i + 1; j < st->end; j++)
			if (s[j] == '\'') {
				if (j + 1 < st->end && s[j + 1] == '\'')
					j++;
				else
					break;
			}
		j = j < st->end ? j + 1 : st->end;
	}
	k = hl_blank(st->h, j, st->end);
	hl_emit(st->h, key_colon(st, k) ? SG_TOK_ATTR : SG_TOK_STRING, i, j);
	return j;
}

/* A plain scalar at i on the line that ends at e: a key, a constant, a
 * number or text. Returns where to go on. */
static size_t
yaml_plain(struct yaml *st, size_t i, size_t e)
{
	const char	*s = st->h->s;
	size_t		 j, t;
	enum sg_tok	 kind = SG_TOK_TEXT;

	for (j = i; j < e; j++) {
		if (key_colon(st, j) || (s[j] == '#' && j > i &&
		    hl_isblank((unsigned char)s[j - 1])) ||
		    (st->flow && s[j] != '\0' && strchr(",[]{}", s[j]) != NULL))
			break;
	}
	for (t = j; t > i && hl_isblank((unsigned char)s[t - 1]); t--)
		;
	if (key_colon(st, j)) {
		hl_emit(st->h, SG_TOK_ATTR, i, t);
		hl_emit(st->h, SG_TOK_PUNCT, j, j + 1);
		return j + 1;
	}
	if (hl_word_in(&yamlcon, s + i, t - i))
		kind = SG_TOK_CONSTANT;
	else if (yaml_number(s + i, t - i))
		kind = SG_TOK_NUMBER;
	hl_emit(st->h, kind, i, t);
	return t > i ? t : i + 1;
}

/* The tokens of a line from i to its end e, the line indented by indent.
 * Returns e, or the end of a quoted scalar that went on past it. */
static size_t
yaml_line(struct yaml *st, size_t i, size_t e, size_t indent)
{
	const char	*s = st->h->s;
	unsigned char	 c, d;
	size_t		 j;

	while (i < e) {
		c = (unsigned char)s[i];
		d = i + 1 < e ? (unsigned char)s[i + 1] : ' ';
		j = i + 1;
		if (hl_isblank(c)) {
			i++;
			continue;
		}
		if (c == '#' &&
		    (i == 0 || hl_isspace((unsigned char)s[i - 1]))) {
			hl_emit(st->h, SG_TOK_COMMENT, i, e);
			return e;
		}
		if ((c == '-' && !st->flow && hl_isblank(d)) ||
		    ((c == '?' || c == ':') && hl_isblank(d)) ||
		    c == '[' || c == '{' || c == ']' || c == '}' ||
		    (c == ',' && st->flow)) {
			if (c == '[' || c == '{')
				st->flow++;
			else if ((c == ']' || c == '}') && st->flow > 0)
				st->flow--;
			hl_emit(st->h, SG_TOK_PUNCT, i, j);
		} else if ((c == '&' || c == '*' || c == '!') &&
		    !hl_isblank(d)) {
			for (; j < e && !hl_isblank((unsigned char)s[j]) &&
			    !(st->flow && strchr(",[]{}", s[j]) != NULL &&
			    s[j] != '\0'); j++)
				;
			hl_emit(st->h, c == '!' ? SG_TOK_TYPE : SG_TOK_VARIABLE,
			    i, j);
		} else if ((c == '|' || c == '>') && !st->flow) {
			while (j < e && (s[j] == '-' || s[j] == '+' ||
			    hl_isdigit((unsigned char)s[j])))
				j++;
			hl_emit(st->h, SG_TOK_PUNCT, i, j);
			st->block = 1;
			st->block_indent = indent;
		} else if (c == '"' || c == '\'') {
			j = yaml_quoted(st, i);
			if (j > e)
				return j;
		} else
			j = yaml_plain(st, i, e);
		i = j;
	}
	return e;
}

void
hl_scan_yaml(struct hl *h, size_t i, size_t end)
{
	struct yaml	 st;
	const char	*s = h->s;
	size_t		 e, j, indent = 0;
	int		 mid = 0;

	memset(&st, 0, sizeof(st));
	st.h = h;
	st.end = end;
	while (i < end) {
		e = hl_eol(h, i, end);
		if (!mid) {
			for (j = i; j < e && s[j] == ' '; j++)
				;
			if (st.block && (j == e || s[j] == '\r' ||
			    (size_t)(j - i) > st.block_indent)) {
				hl_emit(h, SG_TOK_STRING, j, e);
				i = e + 1;
				continue;
			}
			st.block = 0;
			indent = j - i;
			if (j == i && st.flow == 0 &&
			    (hl_at(h, i, e, "---", 3) ||
			    hl_at(h, i, e, "...", 3)) && (i + 3 == e ||
			    hl_isspace((unsigned char)s[i + 3]))) {
				hl_emit(h, SG_TOK_PUNCT, i, i + 3);
				j = i + 3;
			} else if (j == i && st.flow == 0 && i < e &&
			    s[i] == '%') {
				hl_emit(h, SG_TOK_PREPROC, i, e);
				j = e;
			}
			i = j;
		}
		j = yaml_line(&st, i, e, indent);
		mid = j > e;
		i = mid ? j : e < end ? e + 1 : end;
	}
}

/* INI: [sections], key = value or key: value, ; and # comments. */
static void
ini_line(struct hl *h, size_t i, size_t e)
{
	const char	*s = h->s;
	size_t		 j, k, v, t;
	enum sg_tok	 kind = SG_TOK_TEXT;

	i = hl_blank(h, i, e);
	if (i == e)
		return;
	if (s[i] == ';' || s[i] == '#') {
		hl_emit(h, SG_TOK_COMMENT, i, e);
		return;
	}
	if (s[i] == '[') {
		for (j = i; j < e && s[j] != ']'; j++)
			;
		while (j < e && s[j] == ']')
			j++;
		hl_emit(h, SG_TOK_HEADING, i, j);
		k = hl_blank(h, j, e);
		if (k < e && (s[k] == ';' || s[k] == '#'))
			hl_emit(h, SG_TOK_COMMENT, k, e);
		return;
	}
	for (j = i; j < e && s[j] != '=' && s[j] != ':'; j++)
		;
	if (j == e)
		return;
	for (k = j; k > i && hl_isblank((unsigned char)s[k - 1]); k--)
		;
	hl_emit(h, SG_TOK_ATTR, i, k);
	hl_emit(h, SG_TOK_OPERATOR, j, j + 1);
	v = hl_blank(h, j + 1, e);
	for (k = v; k < e && !((s[k] == ';' || s[k] == '#') && k > v &&
	    hl_isblank((unsigned char)s[k - 1])); k++)
		;
	for (t = k; t > v && hl_isblank((unsigned char)s[t - 1]); t--)
		;
	if (t - v >= 2 && (s[v] == '"' || s[v] == '\'') && s[t - 1] == s[v])
		kind = SG_TOK_STRING;
	else if (yaml_number(s + v, t - v))
		kind = SG_TOK_NUMBER;
	else if (hl_word_in(&yamlcon, s + v, t - v))
		kind = SG_TOK_CONSTANT;
	hl_emit(h, kind, v, t);
	hl_emit(h, SG_TOK_COMMENT, k, e);
}

/* A TOML string at i: basic or literal, single- or multi-line. */
static size_t
toml_string(const struct hl *h, size_t i, size_t end)
{
	const char	*s = h->s;
	char		 q = s[i];
	size_t		 j, r;

	if (!(i + 2 < end && s[i + 1] == q && s[i + 2] == q))
		return hl_quoted(h, i, end, q == '"', 0);
	for (j = i + 3; j < end; j++) {
		if (s[j] == '\\' && q == '"')
			j++;
		else if (s[j] == q && j + 2 < end && s[j + 1] == q &&
		    s[j + 2] == q) {
			/* up to two more quotes belong to the content */
			for (r = 3; r < 5 && j + r < end && s[j + r] == q; r++)
				;
			return j + r;
		}
	}
	return end;
}

/* TOML: tables, keys (bare, quoted, dotted), typed values, arrays and
 * inline tables that nest. */
static void
toml(struct hl *h, size_t i, size_t end)
{
	const char	*s = h->s;
	unsigned char	 c;
	size_t		 j;
	char		 nest[NEST_MAX];
	size_t		 depth = 0;
	int		 key = 1, bol = 1, was_bol;
	enum sg_tok	 kind;

	while (i < end) {
		c = (unsigned char)s[i];
		if (c == '\n') {
			bol = 1;
			key |= depth == 0;
			i++;
			continue;
		}
		if (hl_isblank(c)) {
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
		} else if (c == '[' && was_bol && depth == 0) {
			for (j = i; j < end && s[j] != ']' && s[j] != '\n'; j++)
				;
			while (j < end && s[j] == ']')
				j++;
			kind = SG_TOK_HEADING;
		} else if (c == '"' || c == '\'') {
			j = toml_string(h, i, end);
			kind = key ? SG_TOK_ATTR : SG_TOK_STRING;
		} else if (key && (hl_isalnum(c) || c == '_' || c == '-' ||
		    c == '.' || c == '=')) {
			if (c == '.')
				kind = SG_TOK_PUNCT;
			else if (c == '=') {
				kind = SG_TOK_OPERATOR;
				key = 0;
			} else {
				while (j < end &&
				    (hl_isalnum((unsigned char)s[j]) ||
				    s[j] == '_' || s[j] == '-'))
					j++;
				kind = SG_TOK_ATTR;
			}
		} else if (c == '[' || c == '{') {
			if (depth < NEST_MAX)
				nest[depth] = (char)c;
			depth++;
			key = c == '{';
			kind = SG_TOK_PUNCT;
		} else if (c == ']' || c == '}' || c == ',') {
			if (c != ',' && depth > 0)
				depth--;
			key = c == ',' && depth > 0 && depth <= NEST_MAX &&
			    nest[depth - 1] == '{';
			kind = SG_TOK_PUNCT;
		} else if (hl_isalnum(c) || c == '+' || c == '-') {
			for (; j < end && (hl_isalnum((unsigned char)s[j]) ||
			    (s[j] != '\0' && strchr("_:.+-", s[j]) != NULL));
			    j++)
				;
			if ((j - i == 4 && memcmp(s + i, "true", 4) == 0) ||
			    (j - i == 5 && memcmp(s + i, "false", 5) == 0))
				kind = SG_TOK_CONSTANT;
			else if (hl_isdigit(c) || hl_at(h, i, j, "inf", 3) ||
			    hl_at(h, i, j, "nan", 3) || (j > i + 1 &&
			    (hl_isdigit((unsigned char)s[i + 1]) ||
			    s[i + 1] == 'i' || s[i + 1] == 'n')))
				kind = SG_TOK_NUMBER;
		}
		hl_emit(h, kind, i, j);
		i = j;
	}
}

void
hl_scan_ini(struct hl *h, size_t i, size_t end)
{
	size_t	 e;

	if (h->flags & HL_TOML) {
		toml(h, i, end);
		return;
	}
	while (i < end) {
		e = hl_eol(h, i, end);
		ini_line(h, i, e);
		i = e < end ? e + 1 : end;
	}
}
