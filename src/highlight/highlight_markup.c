/* highlight_markup.c: scanners for HTML and XML (tags, attributes,
 * comments, entities; an HTML <script> as JavaScript) and for diffs.
 * Hand-written, as highlight.c explains. */
#include <string.h>

#include "highlight/highlight_int.h"

/* The index past the first p[0..n) in s[i..end), or end. */
static size_t
past(const struct hl *h, size_t i, size_t end, const char *p, size_t n)
{
	const char	*m;

	if (i >= end)
		return end;
	m = memmem(h->s + i, end - i, p, n);
	return m == NULL ? end : (size_t)(m - h->s) + n;
}

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Whether s[i..end) starts with the lower-case word w, ignoring case. */
static int
at_nocase(const struct hl *h, size_t i, size_t end, const char *w)
{
	size_t	 n = strlen(w), k;

	if (end - i < n)
		return 0;
	for (k = 0; k < n; k++)
		if (lower((unsigned char)h->s[i + k]) != w[k])
			return 0;
	return 1;
}

static int
name_char(unsigned char c)
{
	return hl_isalnum(c) || c == ':' || c == '_' || c == '.' || c == '-' ||
	    c >= 0x80;
}

/* A tag at s[i] == '<': its name, attributes and values. Returns where it
 * ends; *script is set for an HTML <script> opening tag. */
static size_t
tag(struct hl *h, size_t i, size_t end, int *script)
{
	const char	*s = h->s;
	unsigned char	 c;
	size_t		 j = i + 1, name;
	int		 closing = 0;

	*script = 0;
	if (s[j] == '/') {
		closing = 1;
		j++;
	}
	hl_emit(h, SG_TOK_PUNCT, i, j);
	for (name = j; j < end && name_char((unsigned char)s[j]); j++)
		;
	hl_emit(h, SG_TOK_TAG, name, j);
	*script = !closing && !(h->flags & HL_XML) && j - name == 6 &&
	    at_nocase(h, name, j, "script");
	for (i = j; i < end; i = j) {
		c = (unsigned char)s[i];
		j = i + 1;
		if (hl_isspace(c))
			continue;
		if (c == '<')
			break;
		if (c == '>' || (c == '/' && i + 1 < end && s[i + 1] == '>')) {
			if (c == '/') {
				j++;
				*script = 0;
			}
			hl_emit(h, SG_TOK_PUNCT, i, j);
			return j;
		}
		if (c == '=') {
			hl_emit(h, SG_TOK_PUNCT, i, j);
			while (j < end && hl_isspace((unsigned char)s[j]))
				j++;
			if (j < end && (s[j] == '"' || s[j] == '\'')) {
				i = j;
				j = hl_quoted(h, i, end, 0, 1);
			} else {
				for (i = j; j < end &&
				    !hl_isspace((unsigned char)s[j]) &&
				    s[j] != '>' && s[j] != '<'; j++)
					;
			}
			hl_emit(h, SG_TOK_STRING, i, j);
			continue;
		}
		if (c == '"' || c == '\'') {
			j = hl_quoted(h, i, end, 0, 1);
			hl_emit(h, SG_TOK_STRING, i, j);
			continue;
		}
		if (c == '/')
			continue;
		for (; j < end && !hl_isspace((unsigned char)s[j]) &&
		    (s[j] == '\0' || strchr("\"'=<>/", s[j]) == NULL); j++)
			;
		hl_emit(h, SG_TOK_ATTR, i, j);
	}
	*script = 0;
	return i;
}

/* Where the script that starts at i ends: at its </script, or end. */
static size_t
script_end(const struct hl *h, size_t i, size_t end)
{
	const char	*m;

	while (i < end && (m = memchr(h->s + i, '<', end - i)) != NULL) {
		i = (size_t)(m - h->s);
		if (at_nocase(h, i, end, "</script"))
			return i;
		i++;
	}
	return end;
}

void
hl_scan_markup(struct hl *h, size_t i, size_t end)
{
	const char	*s = h->s;
	unsigned char	 d;
	size_t		 j;
	unsigned	 flags;
	int		 script;

	while (i < end) {
		if (s[i] == '&') {
			j = i + 1;
			if (j < end && s[j] == '#')
				j++;
			while (j < end && j - i < 32 &&
			    hl_isalnum((unsigned char)s[j]))
				j++;
			if (j < end && s[j] == ';' && j > i + 1) {
				hl_emit(h, SG_TOK_CONSTANT, i, j + 1);
				i = j + 1;
			} else
				i++;
			continue;
		}
		if (s[i] != '<') {
			i++;
			continue;
		}
		d = i + 1 < end ? (unsigned char)s[i + 1] : 0;
		if (hl_at(h, i, end, "<!--", 4)) {
			j = past(h, i + 4, end, "-->", 3);
			hl_emit(h, SG_TOK_COMMENT, i, j);
		} else if (hl_at(h, i, end, "<![CDATA[", 9)) {
			j = past(h, i + 9, end, "]]>", 3);
			hl_emit(h, SG_TOK_STRING, i, j);
		} else if (d == '!' || d == '?') {
			j = d == '?' ? past(h, i + 2, end, "?>", 2) :
			    past(h, i + 2, end, ">", 1);
			hl_emit(h, SG_TOK_PREPROC, i, j);
		} else if (hl_isalpha(d) || (d == '/' && i + 2 < end &&
		    hl_isalpha((unsigned char)s[i + 2]))) {
			j = tag(h, i, end, &script);
			if (script) {
				i = j;
				j = script_end(h, i, end);
				flags = h->flags;
				h->flags = HL_JS;
				hl_scan_clike(h, i, j);
				h->flags = flags;
			}
		} else
			j = i + 1;
		i = j;
	}
}

/* A decimal number at s[*i], at most 12 digits counted; moves *i past
 * it. Returns -1 if there is no digit. */
static long long
number(const struct hl *h, size_t *i, size_t e)
{
	long long	 n = 0;
	size_t		 start = *i;

	for (; *i < e && hl_isdigit((unsigned char)h->s[*i]); (*i)++)
		if (*i - start < 12)
			n = n * 10 + (h->s[*i] - '0');
	return *i > start ? n : -1;
}

/* A hunk header "@@ -a[,b] +c[,d] @@": *old and *new get b and d. */
static int
hunk(const struct hl *h, size_t i, size_t e, long long *old, long long *new)
{
	const char	*s = h->s;

	i += 2;
	if (i >= e || s[i] != ' ' || ++i >= e || s[i++] != '-' ||
	    number(h, &i, e) < 0)
		return 0;
	*old = 1;
	if (i < e && s[i] == ',' && (++i, (*old = number(h, &i, e)) < 0))
		return 0;
	if (i + 1 >= e || s[i] != ' ' || s[i + 1] != '+')
		return 0;
	i += 2;
	if (number(h, &i, e) < 0)
		return 0;
	*new = 1;
	if (i < e && s[i] == ',' && (++i, (*new = number(h, &i, e)) < 0))
		return 0;
	return hl_at(h, i, e, " @@", 3);
}

/* A normal diff's command line: 12,14c12 and the like. */
static int
normal_cmd(const struct hl *h, size_t i, size_t e)
{
	const char	*s = h->s;

	if (number(h, &i, e) < 0)
		return 0;
	if (i < e && s[i] == ',' && (++i, number(h, &i, e) < 0))
		return 0;
	if (i >= e || (s[i] != 'a' && s[i] != 'c' && s[i] != 'd'))
		return 0;
	i++;
	if (number(h, &i, e) < 0)
		return 0;
	if (i < e && s[i] == ',' && (++i, number(h, &i, e) < 0))
		return 0;
	return i == e || (s[i] == '\r' && i + 1 == e);
}

void
hl_scan_diff(struct hl *h, size_t i, size_t end)
{
	static const char *const meta[] = {
		"Binary files ", "Only in ", "copy from ", "copy to ",
		"deleted file mode ", "index ", "new file mode ", "new mode ",
		"old mode ", "rename from ", "rename to ", "similarity index ",
	};
	const char	*s = h->s;
	size_t		 e, k, m;
	long long	 old = 0, new = 0;
	enum sg_tok	 kind;
	char		 c;

	for (; i < end; i = e < end ? e + 1 : end) {
		e = hl_eol(h, i, end);
		c = i < e ? s[i] : '\0';
		kind = SG_TOK_TEXT;
		if (old > 0 || new > 0) {
			if (c == '+' && new > 0) {
				new--;
				kind = SG_TOK_INSERTED;
			} else if (c == '-' && old > 0) {
				old--;
				kind = SG_TOK_DELETED;
			} else if (c == ' ' || c == '\0' || c == '\r') {
				old -= old > 0;
				new -= new > 0;
			} else if (c == '\\')
				kind = SG_TOK_COMMENT;
			else
				old = new = 0;
			if (old > 0 || new > 0 || kind != SG_TOK_TEXT ||
			    c == ' ' || c == '\0' || c == '\r') {
				hl_emit(h, kind, i, e);
				continue;
			}
		}
		if (hl_at(h, i, e, "@@", 2)) {
			k = past(h, i + 2, e, "@@", 2);
			hl_emit(h, SG_TOK_HEADING, i, k);
			if (!hunk(h, i, e, &old, &new))
				old = new = 0;
			continue;
		}
		if (e - i == 3 && hl_at(h, i, e, "---", 3))
			kind = SG_TOK_PUNCT;	/* a normal diff's separator */
		else if (hl_at(h, i, e, "diff ", 5) ||
		    hl_at(h, i, e, "--- ", 4) || hl_at(h, i, e, "+++ ", 4) ||
		    hl_at(h, i, e, "*** ", 4))
			kind = SG_TOK_HEADING;
		else if (c == '+' || c == '>')
			kind = SG_TOK_INSERTED;
		else if (c == '-' || c == '<')
			kind = SG_TOK_DELETED;
		else if (c == '\\')
			kind = SG_TOK_COMMENT;
		else if (normal_cmd(h, i, e))
			kind = SG_TOK_HEADING;
		else
			for (m = 0; m < sizeof(meta) / sizeof(meta[0]); m++)
				if (hl_at(h, i, e, meta[m], strlen(meta[m])))
					kind = SG_TOK_COMMENT;
		hl_emit(h, kind, i, e);
	}
}
