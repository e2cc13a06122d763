/* shortcode.c: shortcode calls in a page's Markdown, Hugo's syntax:
 * {{< name key="value" key2=value2 positional >}}, and the paired form
 * {{< name >}} inner Markdown {{< /name >}}. Before cmark-gfm parses the
 * page, each call (outside code spans and fenced code) becomes a mark
 * (md_int.h) that the parser keeps as text; sc_tree.c turns the marks
 * into nodes of the document tree. A call written with '/' '*' just
 * inside its braces (Hugo's way) is shown as written. */
#include <stdlib.h>
#include <string.h>

#include "doc/md_int.h"
#include "doc/shortcode.h"
#include "site.h"

#define MAX_CALLS	100000

/* ------------------------------------------------------------ scanning */

struct scan {
	struct md_conv	*c;
	const char	*t;		/* the text */
	size_t		 len;
	const int	*lines;		/* its line -> author's line */
	int		 nlines;
	size_t		 ln;		/* line of t being read, 0-based */
	size_t		 ls;		/* where that line starts in t */
	struct sg_buf	 out;
	int		*olines;	/* out's line -> author's line */
	size_t		 nol, olcap;
	size_t		*open;		/* calls not closed yet */
	size_t		 nopen, opencap;
};

static int
author_line(const struct scan *s, size_t ln)
{
	if (s->nlines == 0)
		return s->c->page ? s->c->page->body_line : 1;
	return s->lines[ln < (size_t)s->nlines ? ln : (size_t)s->nlines - 1];
}

static void
push_line(struct scan *s, size_t ln)
{
	if (s->nol == s->olcap) {
		s->olcap = s->olcap ? s->olcap * 2 : 64;
		s->olines = xrealloc(s->olines, s->olcap * sizeof(*s->olines));
	}
	s->olines[s->nol++] = author_line(s, ln);
}

/* The author's place of t[pos], pos at or after the current line. */
static struct sg_loc
loc_at(const struct scan *s, size_t pos)
{
	struct sg_loc	 loc;
	size_t		 ln = s->ln, ls = s->ls, i;

	for (i = ls; i < pos && i < s->len; i++)
		if (s->t[i] == '\n') {
			ln++;
			ls = i + 1;
		}
	loc.file = s->c->file;
	loc.line = author_line(s, ln);
	loc.col = (int)(pos - ls) + 1;
	/* inside included text, as md_tree.c's locate() */
	if (ln > 0 && ln < (size_t)s->nlines && s->lines[ln] == s->lines[ln - 1])
		loc.col = 1;
	return loc;
}

/* Copies t[from..to) to the output, following its newlines. */
static void
copy(struct scan *s, size_t from, size_t to)
{
	size_t	 i;

	sg_buf_put(&s->out, s->t + from, to - from);
	for (i = from; i < to; i++)
		if (s->t[i] == '\n') {
			s->ln++;
			s->ls = i + 1;
			push_line(s, s->ln);
		}
}

/* Moves past t[from..to) without copying it. */
static void
skip(struct scan *s, size_t from, size_t to)
{
	size_t	 i;

	for (i = from; i < to; i++)
		if (s->t[i] == '\n') {
			s->ln++;
			s->ls = i + 1;
		}
}

static void
error_at(struct scan *s, size_t pos, const char *msg, const char *name)
{
	struct sg_loc	 loc = loc_at(s, pos);

	if (name)
		sg_diag_error(s->c->site->diag, &loc, "%s '%s': %s",
		    "in the shortcode", name, msg);
	else
		sg_diag_error(s->c->site->diag, &loc, "%s", msg);
}

/* Is t[i] the start of a blank line's newline (the end of a
 * paragraph)? */
static int
blank_after(const struct scan *s, size_t i)
{
	if (s->t[i] != '\n')
		return 0;
	for (i++; i < s->len && (s->t[i] == ' ' || s->t[i] == '\t'); i++)
		;
	return i >= s->len || s->t[i] == '\n';
}

static size_t
skip_ws(const struct scan *s, size_t i)
{
	while (i < s->len && (s->t[i] == ' ' || s->t[i] == '\t' ||
	    (s->t[i] == '\n' && !blank_after(s, i))))
		i++;
	return i;
}

static int
at(const struct scan *s, size_t i, const char *lit)
{
	size_t	 n = strlen(lit);

	return i + n <= s->len && memcmp(s->t + i, lit, n) == 0;
}

/* Is ch one of set's characters? (strchr would also find a NUL byte, as
 * the end of set: a value would then stop at it without moving, for
 * ever.) */
static int
one_of(const char *set, char ch)
{
	return ch != '\0' && strchr(set, ch) != NULL;
}

static int
name_char(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	    (ch >= '0' && ch <= '9') || ch == '_' || ch == '-' || ch == '.';
}

/* A value at t[*i]: "quoted" (with \" \\ \n \t), `raw`, or bare (up to
 * a space or the tag's end). Returns it (the caller frees), or NULL
 * after reporting. */
static char *
value(struct scan *s, size_t *i, const char *name)
{
	struct sg_buf	 b = { 0 };
	size_t		 p = *i, start;
	char		 q;

	sg_buf_put(&b, "", 0);
	if (p < s->len && (s->t[p] == '"' || s->t[p] == '`')) {
		q = s->t[p++];
		for (; p < s->len && s->t[p] != q; p++) {
			if (s->t[p] == '\n' && q == '"')
				break;
			if (q == '"' && s->t[p] == '\\' && p + 1 < s->len &&
			    s->t[p + 1] != '\n') {
				p++;
				sg_buf_putc(&b, s->t[p] == 'n' ? '\n' :
				    s->t[p] == 't' ? '\t' : s->t[p]);
				continue;
			}
			sg_buf_putc(&b, s->t[p]);
		}
		if (p >= s->len || s->t[p] != q) {
			error_at(s, *i, q == '"' ? "this string has no "
			    "closing '\"' on its line" : "this `string` has "
			    "no closing '`'", name);
			sg_buf_free(&b);
			return NULL;
		}
		*i = p + 1;
		return sg_buf_detach(&b);
	}
	start = p;
	while (p < s->len && !one_of(" \t\n\"`=", s->t[p]) &&
	    !at(s, p, ">}}") && !at(s, p, "/>}}"))
		p++;
	if (p < s->len && (s->t[p] == '"' || s->t[p] == '`' ||
	    s->t[p] == '=')) {
		error_at(s, p, s->t[p] == '=' ? "unexpected '=' in a value: "
		    "quote a value that holds one" : "unexpected quote "
		    "inside a value: quote the whole value", name);
		sg_buf_free(&b);
		return NULL;
	}
	sg_buf_put(&b, s->t + start, p - start);
	*i = p;
	return sg_buf_detach(&b);
}

static void
add_arg(struct sg_shortcode *sc, char *key, char *val)
{
	sc->args = xrealloc(sc->args, (sc->nargs + 1) * sizeof(*sc->args));
	sc->args[sc->nargs].key = key;
	sc->args[sc->nargs++].value = val;
}

/* The arguments of sc from t[*i] up to its ">}}" or "/>}}", after which
 * *i is set. Returns 0, or -1 after reporting. */
static int
args(struct scan *s, size_t *i, struct sg_shortcode *sc)
{
	size_t	 p = *i, k;
	char	*key, *val;

	for (;;) {
		p = skip_ws(s, p);
		if (at(s, p, ">}}") || at(s, p, "/>}}")) {
			sc->selfclosed = s->t[p] == '/';
			*i = p + (sc->selfclosed ? 4 : 3);
			return 0;
		}
		if (p >= s->len || s->t[p] == '\n') {
			sg_diag_error(s->c->site->diag, &sc->loc, "in the "
			    "shortcode '%s': no '>}}' ends this call before "
			    "the end of its paragraph", sc->name);
			return -1;
		}
		if (s->t[p] == '=') {
			error_at(s, p, "an '=' with no argument name before "
			    "it", sc->name);
			return -1;
		}
		k = p;
		if (s->t[p] != '"' && s->t[p] != '`') {
			while (k < s->len && name_char(s->t[k]))
				k++;
			if (k > p && k < s->len && s->t[k] == '=') {
				key = xstrndup(s->t + p, k - p);
				p = k + 1;
				if (p >= s->len || one_of(" \t\n", s->t[p]) ||
				    at(s, p, ">}}")) {
					error_at(s, p, "this argument has "
					    "no value after its '='", sc->name);
					free(key);
					return -1;
				}
				if ((val = value(s, &p, sc->name)) == NULL) {
					free(key);
					return -1;
				}
				add_arg(sc, key, val);
				continue;
			}
		}
		if ((val = value(s, &p, sc->name)) == NULL)
			return -1;
		add_arg(sc, NULL, val);
	}
}

/* Reads the call at t[*i] ("{{<"). A closing tag sets *closing and
 * fills only sc->name. Returns 0 with *i past it, or -1 after
 * reporting. */
static int
call(struct scan *s, size_t *i, struct sg_shortcode *sc, int *closing)
{
	size_t	 p = skip_ws(s, *i + 3), start;

	*closing = 0;
	sc->loc = loc_at(s, *i);
	if (p < s->len && s->t[p] == '/') {
		*closing = 1;
		p = skip_ws(s, p + 1);
	}
	start = p;
	while (p < s->len && name_char(s->t[p]))
		p++;
	if (p == start) {
		error_at(s, p, "a shortcode call needs a name: {{< name "
		    "args >}} (write {{</" "* … *" "/>}} to show the "
		    "braces as text)", NULL);
		return -1;
	}
	sc->name = xstrndup(s->t + start, p - start);
	if (*closing) {
		p = skip_ws(s, p);
		if (!at(s, p, ">}}")) {
			error_at(s, p, "a closing tag takes no arguments: "
			    "write {{< /name >}}", sc->name);
			return -1;
		}
		*i = p + 3;
		return 0;
	}
	if (p < s->len && !one_of(" \t\n", s->t[p]) && !at(s, p, ">}}") &&
	    !at(s, p, "/>}}")) {
		error_at(s, p, "unexpected character after the name",
		    sc->name);
		return -1;
	}
	if (args(s, &p, sc) == -1)
		return -1;
	*i = p;
	return 0;
}

static void
put_mark(struct scan *s, size_t index, int close)
{
	sg_buf_printf(&s->out, MD_SC_MARK "%zu%s", index, close ? MD_SC_CLOSE :
	    MD_SC_END);
}

/* A closing tag: pairs it with the last open call of its name, whose
 * inner Markdown is what lies between, t[opener's end..from). */
static int
close_call(struct scan *s, struct sg_shortcode *tag, size_t from,
    size_t *index)
{
	struct sg_md		*md = s->c->md;
	struct sg_shortcode	*sc;
	size_t			 k;

	for (k = s->nopen; k > 0; k--) {
		sc = md->shortcodes[s->open[k - 1]];
		if (!strcmp(sc->name, tag->name))
			break;
	}
	if (k == 0) {
		sg_diag_error(s->c->site->diag, &tag->loc, "'{{< /%s >}}' "
		    "closes no shortcode: no '{{< %s >}}' is open before it",
		    tag->name, tag->name);
		return -1;
	}
	*index = s->open[k - 1];
	sc->closed = 1;
	sc->close_loc = tag->loc;
	sc->inner = xstrndup(s->t + sc->inner_at, from > sc->inner_at ?
	    from - sc->inner_at : 0);
	s->nopen = k - 1;
	return 0;
}

/* Reads the call at t[*i] and writes its mark. A call alone on its line
 * (after the line's own indent and '>' quotes, prefix) is written as a
 * paragraph of its own between blank lines; *i is then past the line.
 * Returns 0, or -1 if it is not a call (copied as text, reported). */
static int
shortcode(struct scan *s, size_t *i, size_t prefix, int block)
{
	struct sg_md		*md = s->c->md;
	struct sg_shortcode	*sc = xcalloc(1, sizeof(*sc));
	size_t			 p = *i, e, index, pl = prefix;
	int			 closing;

	if (call(s, &p, sc, &closing) == -1 || (!closing &&
	    md->nshortcodes >= MAX_CALLS)) {
		sg_sc_free(sc);
		return -1;
	}
	e = p;
	while (e < s->len && (s->t[e] == ' ' || s->t[e] == '\t'))
		e++;
	block = block && (e >= s->len || s->t[e] == '\n');
	if (closing) {
		if (close_call(s, sc, block ? s->ls : *i, &index) == -1) {
			sg_sc_free(sc);
			skip(s, *i, p);
			*i = p;
			return 0;
		}
		sg_sc_free(sc);
	} else {
		sc->block = block;
		index = md->nshortcodes;
		md->shortcodes = xrealloc(md->shortcodes, (index + 1) *
		    sizeof(*md->shortcodes));
		md->shortcodes[md->nshortcodes++] = sc;
		if (!sc->selfclosed) {
			if (s->nopen == s->opencap) {
				s->opencap = s->opencap ? s->opencap * 2 : 8;
				s->open = xrealloc(s->open, s->opencap *
				    sizeof(*s->open));
			}
			s->open[s->nopen++] = index;
		}
	}
	if (!block) {
		put_mark(s, index, closing);
		skip(s, *i, p);
		*i = p;
		if (!closing)
			sc->inner_at = p;
		return 0;
	}
	/* prefix is already written; its quotes go on the blank lines */
	while (pl > 0 && (s->t[s->ls + pl - 1] == ' ' ||
	    s->t[s->ls + pl - 1] == '\t'))
		pl--;
	sg_buf_putc(&s->out, '\n');
	push_line(s, s->ln);
	sg_buf_put(&s->out, s->t + s->ls, prefix);
	put_mark(s, index, closing);
	sg_buf_putc(&s->out, '\n');
	push_line(s, s->ln);
	sg_buf_put(&s->out, s->t + s->ls, pl);
	skip(s, *i, e);
	*i = e;
	if (e < s->len) {
		/* the line's own newline */
		copy(s, e, e + 1);
		*i = e + 1;
	}
	if (!closing)
		sc->inner_at = *i;
	return 0;
}

/* The length of the fence that opens at t[i] (after the line's
 * prefix), or 0; *ch is its character. */
static size_t
fence(const struct scan *s, size_t i, char *ch)
{
	size_t	 n = 0;

	if (i >= s->len || (s->t[i] != '`' && s->t[i] != '~'))
		return 0;
	*ch = s->t[i];
	while (i + n < s->len && s->t[i + n] == *ch)
		n++;
	return n >= 3 ? n : 0;
}

/* Where the code span whose backtick run of n starts at t[i] ends, or
 * 0 if none closes it in its paragraph. */
static size_t
code_span(const struct scan *s, size_t i, size_t n)
{
	size_t	 p = i + n, k;

	while (p < s->len) {
		if (blank_after(s, p))
			return 0;
		if (s->t[p] != '`') {
			p++;
			continue;
		}
		for (k = 0; p + k < s->len && s->t[p + k] == '`'; k++)
			;
		if (k == n)
			return p + k;
		p += k;
	}
	return 0;
}

/* The line at t[s->ls]: copies a fenced code line, or reads a call
 * alone on it. Returns 1 if the line is done, 0 to read it as text; sets
 * *i to where to go on. */
static int
line_start(struct scan *s, size_t *i, char *fch, size_t *flen)
{
	size_t	 p = s->ls, e, n = 0;
	char	 ch = 0;

	while (p < s->len && (s->t[p] == ' ' || s->t[p] == '\t' ||
	    s->t[p] == '>'))
		p++;
	e = p;
	while (e < s->len && s->t[e] != '\n')
		e++;
	if (*flen > 0 || (n = fence(s, p, &ch)) > 0) {
		if (*flen == 0) {
			*fch = ch;
			*flen = n;
		} else if ((n = fence(s, p, &ch)) >= *flen && ch == *fch &&
		    p + n + strspn(s->t + p + n, " \t") >= e)
			*flen = 0;
		copy(s, s->ls, e < s->len ? e + 1 : e);
		*i = e < s->len ? e + 1 : e;
		return 1;
	}
	if (at(s, p, "{{<") && !at(s, p, "{{</*")) {
		copy(s, s->ls, p);
		*i = p;
		if (shortcode(s, i, p - s->ls, 1) == 0)
			return 1;
		copy(s, p, p + 3);
		*i = p + 3;
		return 1;
	}
	return 0;
}

/* Where lit is found in t from i on, or 0. */
static size_t
find(const struct scan *s, size_t i, const char *lit)
{
	const char	*p = sg_find(s->t + i, s->len - i, lit, strlen(lit));

	return p ? (size_t)(p - s->t) : 0;
}

void
md_sc_extract(struct md_conv *c, char **text, size_t *len, int **lines,
    int *nlines)
{
	struct scan	 s;
	size_t		 i = 0, n, e, flen = 0;
	char		 fch = 0;
	int		 bol = 1;

	if (c->quiet || sg_find(*text, *len, "{{<", 3) == NULL)
		return;
	memset(&s, 0, sizeof(s));
	s.c = c;
	s.t = *text;
	s.len = *len;
	s.lines = *lines;
	s.nlines = *nlines;
	sg_buf_put(&s.out, "", 0);
	push_line(&s, 0);
	while (i < s.len) {
		if (bol) {
			bol = 0;
			s.ls = i;
			if (line_start(&s, &i, &fch, &flen)) {
				bol = i == 0 || s.t[i - 1] == '\n';
				continue;
			}
		}
		if (s.t[i] == '\n') {
			copy(&s, i, i + 1);
			i++;
			bol = 1;
		} else if (s.t[i] == '`') {
			for (n = 0; i + n < s.len && s.t[i + n] == '`'; n++)
				;
			e = code_span(&s, i, n);
			copy(&s, i, e ? e : i + n);
			i = e ? e : i + n;
		} else if (at(&s, i, "{{</*") && (e = find(&s, i,
		    "*/>}}")) > 0) {
			/* shown as written, without the comment marks */
			sg_buf_puts(&s.out, "{{<");
			copy(&s, i + 5, e);
			sg_buf_puts(&s.out, ">}}");
			i = e + 5;
		} else if (at(&s, i, "{{<")) {
			if (shortcode(&s, &i, 0, 0) == -1) {
				copy(&s, i, i + 3);
				i += 3;
			}
		} else {
			/* up to what may start something */
			for (e = i + 1; e < s.len && s.t[e] != '\n' &&
			    s.t[e] != '`' && s.t[e] != '{'; e++)
				;
			copy(&s, i, e);
			i = e;
		}
	}
	free(*text);
	free(*lines);
	*len = s.out.len;
	*text = sg_buf_detach(&s.out);
	*lines = s.olines;
	*nlines = (int)s.nol;
	free(s.open);
}
