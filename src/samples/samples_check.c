/* samples_check.c: judges what a program did against what its sample
 * asks (compiles or not, exit status, no signal, no sanitizer report, no
 * timeout, the output of its output block, shown as a unified diff),
 * rewrites output blocks for --bless, and makes the HTML a sample shows.
 * The line diff is hand-written: a few dozen lines of LCS, where a
 * library (or running diff) would be more than the job needs. */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "highlight/highlight.h"
#include "path.h"
#include "samples/samples_int.h"
#include "site.h"

#define CONTEXT		3	/* lines of context around a change */
#define MAX_DIFF_LINES	80	/* lines of diff shown */
#define MAX_LCS_CELLS	(4u << 20)
#define TAIL_LINES	12	/* lines of stderr shown */

struct lines {
	const char	**s;	/* line starts, borrowed */
	size_t		 *n;	/* lengths, without the newline */
	size_t		  len;
};

static void
split_lines(const char *t, size_t len, struct lines *l)
{
	const char	*e = t + len, *nl;

	memset(l, 0, sizeof(*l));
	while (t < e) {
		nl = memchr(t, '\n', (size_t)(e - t));
		l->s = xrealloc(l->s, (l->len + 1) * sizeof(*l->s));
		l->n = xrealloc(l->n, (l->len + 1) * sizeof(*l->n));
		l->s[l->len] = t;
		l->n[l->len++] = nl ? (size_t)(nl - t) : (size_t)(e - t);
		t = nl ? nl + 1 : e;
	}
}

static void
free_lines(struct lines *l)
{
	free(l->s);
	free(l->n);
}

static int
same(const struct lines *a, size_t i, const struct lines *b, size_t j)
{
	return a->n[i] == b->n[j] && !memcmp(a->s[i], b->s[j], a->n[i]);
}

/* The edit script from a to b: ' ' keep, '-' drop, '+' add, NUL-ended.
 * A longest common subsequence of the lines that differ, or when that
 * would take too much memory, all of a's removed and all of b's added. */
static char *
edits(const struct lines *a, const struct lines *b)
{
	struct sg_buf	 o = { 0 };
	uint32_t	*t = NULL;
	size_t		 pre = 0, suf = 0, ma, mb, i, j, w;

	while (pre < a->len && pre < b->len && same(a, pre, b, pre))
		pre++;
	while (suf < a->len - pre && suf < b->len - pre &&
	    same(a, a->len - 1 - suf, b, b->len - 1 - suf))
		suf++;
	ma = a->len - pre - suf;
	mb = b->len - pre - suf;
	for (i = 0; i < pre; i++)
		sg_buf_putc(&o, ' ');
	w = mb + 1;
	if (ma > 0 && mb > 0 && (ma + 1) * w <= MAX_LCS_CELLS) {
		t = xcalloc((ma + 1) * w, sizeof(*t));
		for (i = ma; i-- > 0;)
			for (j = mb; j-- > 0;)
				t[i * w + j] = same(a, pre + i, b, pre + j) ?
				    t[(i + 1) * w + j + 1] + 1 :
				    t[(i + 1) * w + j] > t[i * w + j + 1] ?
				    t[(i + 1) * w + j] : t[i * w + j + 1];
		for (i = j = 0; i < ma || j < mb;) {
			if (i < ma && j < mb && same(a, pre + i, b, pre + j)) {
				sg_buf_putc(&o, ' ');
				i++, j++;
			} else if (j == mb || (i < ma && t[(i + 1) * w + j] >=
			    t[i * w + j + 1])) {
				sg_buf_putc(&o, '-');
				i++;
			} else {
				sg_buf_putc(&o, '+');
				j++;
			}
		}
		free(t);
	} else {
		for (i = 0; i < ma; i++)
			sg_buf_putc(&o, '-');
		for (j = 0; j < mb; j++)
			sg_buf_putc(&o, '+');
	}
	for (i = 0; i < suf; i++)
		sg_buf_putc(&o, ' ');
	return sg_buf_detach(&o);
}

/* Appends the unified diff of a (expected) and b (actual) to out. */
static void
unified(const char *a, size_t alen, const char *b, size_t blen,
    struct sg_buf *out)
{
	struct lines	 la, lb;
	char		*ops;
	size_t		 n, h0, h1, k, last, ai = 0, bi = 0, na, nb, i;
	size_t		 shown = 0, skipped = 0;

	split_lines(a, alen, &la);
	split_lines(b, blen, &lb);
	ops = edits(&la, &lb);
	n = strlen(ops);
	sg_buf_puts(out, "--- expected\n+++ actual");
	for (k = 0; k < n;) {
		if (ops[k] == ' ') {
			ai++, bi++, k++;
			continue;
		}
		/* a hunk: CONTEXT lines before the first change, on to the
		 * last change not followed by more than 2 * CONTEXT unchanged
		 * lines, and CONTEXT lines after it */
		h0 = k >= CONTEXT ? k - CONTEXT : 0;
		ai -= k - h0;
		bi -= k - h0;
		for (last = k, i = k + 1; i < n; i++)
			if (ops[i] != ' ') {
				if (i - last - 1 > 2 * CONTEXT)
					break;
				last = i;
			}
		h1 = last + 1 + CONTEXT < n ? last + 1 + CONTEXT : n;
		for (na = nb = 0, i = h0; i < h1; i++) {
			na += ops[i] != '+';
			nb += ops[i] != '-';
		}
		if (shown < MAX_DIFF_LINES)
			sg_buf_printf(out, "\n@@ -%zu,%zu +%zu,%zu @@",
			    na ? ai + 1 : ai, na, nb ? bi + 1 : bi, nb);
		for (i = h0; i < h1; i++) {
			if (shown++ < MAX_DIFF_LINES) {
				sg_buf_putc(out, '\n');
				sg_buf_putc(out, ops[i]);
				if (ops[i] == '+')
					sg_buf_put(out, lb.s[bi], lb.n[bi]);
				else
					sg_buf_put(out, la.s[ai], la.n[ai]);
			} else
				skipped++;
			ai += ops[i] != '+';
			bi += ops[i] != '-';
		}
		k = h1;
	}
	if (skipped)
		sg_buf_printf(out, "\n... (%zu more lines of diff)", skipped);
	free(ops);
	free_lines(&la);
	free_lines(&lb);
}

/* The output a program printed, ending in a newline unless empty, as an
 * output block holds it. The caller frees. */
static char *
printed(const struct result *r, size_t *len)
{
	char	*s;

	if (r->out_len == 0 || r->out[r->out_len - 1] == '\n') {
		*len = r->out_len;
		s = xmalloc(r->out_len + 1);
		memcpy(s, r->out, r->out_len);
		s[r->out_len] = '\0';
		return s;
	}
	*len = r->out_len + 1;
	s = xmalloc(r->out_len + 2);
	memcpy(s, r->out, r->out_len);
	s[r->out_len] = '\n';
	s[r->out_len + 1] = '\0';
	return s;
}

/* The last TAIL_LINES lines of s, each indented, for a message. */
static void
tail(struct sg_buf *b, const char *s, size_t len)
{
	const char	*e = s + len, *p = e;
	size_t		 n = 0;

	while (len > 0 && e > s && (e[-1] == '\n' || e[-1] == ' '))
		e--;
	if (e == s)
		return;
	for (p = e; p > s && n < TAIL_LINES; p--)
		if (p[-1] == '\n' && ++n == TAIL_LINES)
			break;
	sg_buf_printf(b, "\n%s", p > s ? "(...)\n" : "");
	sg_buf_put(b, p, (size_t)(e - p));
}

/* The lines of a sanitizer report that say what went wrong without
 * addresses or process ids; NULL if stderr holds no report. */
static char *
sanitizer(const char *err, size_t len)
{
	struct sg_buf	 b = { 0 };
	struct lines	 l;
	size_t		 i;

	if (!memmem(err, len, "AddressSanitizer", 16) &&
	    !memmem(err, len, "LeakSanitizer", 13) &&
	    !memmem(err, len, "runtime error:", 14))
		return NULL;
	split_lines(err, len, &l);
	for (i = 0; i < l.len; i++)
		if (memmem(l.s[i], l.n[i], "runtime error:", 14) ||
		    (l.n[i] > 9 && !memcmp(l.s[i], "SUMMARY: ", 9))) {
			sg_buf_putc(&b, '\n');
			sg_buf_put(&b, l.s[i], l.n[i]);
		}
	free_lines(&l);
	if (b.len == 0)
		sg_buf_puts(&b, "\n(see the report with 'sitegen samples')");
	return sg_buf_detach(&b);
}

static const char *
signame(int sig)
{
	static const struct { int n; const char *name; } names[] = {
		{ SIGHUP, "SIGHUP" }, { SIGINT, "SIGINT" },
		{ SIGQUIT, "SIGQUIT" }, { SIGILL, "SIGILL" },
		{ SIGTRAP, "SIGTRAP" }, { SIGABRT, "SIGABRT" },
		{ SIGBUS, "SIGBUS" }, { SIGFPE, "SIGFPE" },
		{ SIGKILL, "SIGKILL" }, { SIGSEGV, "SIGSEGV" },
		{ SIGPIPE, "SIGPIPE" }, { SIGALRM, "SIGALRM" },
		{ SIGTERM, "SIGTERM" }, { SIGXCPU, "SIGXCPU" },
		{ SIGXFSZ, "SIGXFSZ" }, { SIGSYS, "SIGSYS" },
	};
	size_t	 i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].n == sig)
			return names[i].name;
	return NULL;
}

/* "the sample" or "program 'name'", for messages. */
static const char *
what(const struct prog *p, char *buf, size_t size)
{
	if (p->a.name)
		snprintf(buf, size, "program '%s'", p->a.name);
	else
		snprintf(buf, size, "the sample");
	return buf;
}

static void
trim_nl(struct sg_buf *b)
{
	while (b->len > 0 && b->data[b->len - 1] == '\n')
		b->data[--b->len] = '\0';
}

/* Checks what program p did against what it asks, reporting a failure at
 * its fence (the first part's for compiling, the last part's for running).
 * Sets p->compile_ok, p->run_ok and p->failed; a difference in output is
 * left for sx_report_output(), after --bless had its chance. */
void
sx_check_prog(struct samples_ctx *c, struct prog *p)
{
	const struct result	*r = &p->res;
	struct sg_diag		*d = c->site->diag;
	const struct sg_loc	*cl, *rl;
	struct sg_buf		 b = { 0 };
	char			 w[160], *san = NULL, *out = NULL;
	size_t			 len;
	int			 want = p->a.has_exit ? p->a.exit_code : 0;

	if (p->bad) {
		p->failed = 1;
		return;
	}
	if (p->a.ignore)
		return;
	cl = &p->parts[0]->loc;
	rl = &p->last->loc;
	what(p, w, sizeof(w));
	if (!p->have || (r->start_failed && !r->ran) || r->cstatus == -1) {
		sg_buf_puts(&b, r->diag ? r->diag : "no result");
		trim_nl(&b);
		sg_diag_error(d, cl, "%s could not be compiled: %s", w,
		    b.data);
		goto fail;
	}
	if (p->a.compile_fail) {
		if (r->cstatus == 0) {
			sg_diag_error(d, cl, "%s is marked compile_fail, but "
			    "it compiles: make it fail to compile, or drop "
			    "compile_fail", w);
			goto fail;
		}
		p->compile_ok = 1;
		goto out;
	}
	if (r->cstatus != 0) {
		sg_buf_puts(&b, r->diag);
		trim_nl(&b);
		sg_diag_error(d, cl, "%s does not compile:\n%s\n(a fragment, "
		    "not a program? mark it ```c ignore, or set 'samples: "
		    "show' in the front matter of the page or of its "
		    "section's _index.md)", w, b.data);
		goto fail;
	}
	p->compile_ok = 1;
	if (!p->run) {
		p->run_ok = 1;
		goto out;
	}
	if (r->start_failed) {
		sg_diag_error(d, rl, "%s could not be run: %s", w, r->err);
		goto fail;
	}
	if (r->timed_out) {
		sg_diag_error(d, rl, "%s ran longer than %g s and was stopped "
		    "(samples.timeout in site.yml sets the limit)", w,
		    c->site->config.timeout);
		goto fail;
	}
	if (r->memory_exceeded) {
		sg_diag_error(d, rl, "%s used more than %zu MiB of memory and "
		    "was stopped (samples.memory in site.yml sets the limit)",
		    w, c->memory >> 20);
		goto fail;
	}
	if ((san = sanitizer(r->err, r->err_len)) != NULL) {
		sg_diag_error(d, rl, "%s has a sanitizer report:%s", w, san);
		goto fail;
	}
	if (r->signal) {
		tail(&b, r->err, r->err_len);
		if (signame(r->signal))
			sg_diag_error(d, rl, "%s was killed by %s%s", w,
			    signame(r->signal), b.data ? b.data : "");
		else
			sg_diag_error(d, rl, "%s was killed by signal %d%s", w,
			    r->signal, b.data ? b.data : "");
		goto fail;
	}
	if (r->status != want) {
		tail(&b, r->err, r->err_len);
		sg_diag_error(d, rl, "%s exited with status %d, not %d%s%s", w,
		    r->status, want, p->a.has_exit ? "" : " (set exit=N if "
		    "that is what it should do)", b.data ? b.data : "");
		goto fail;
	}
	if (r->out_trunc) {
		sg_diag_error(d, rl, "%s printed more than %.0f bytes, and its "
		    "output was cut (samples.max_output in site.yml sets the "
		    "limit)", w, c->site->config.max_output);
		goto fail;
	}
	p->run_ok = 1;
	out = printed(r, &len);
	if (p->last->expected == NULL)
		p->differs = c->opts->bless == SG_BLESS_ALL && len > 0;
	else
		p->differs = strlen(p->last->expected) != len ||
		    memcmp(p->last->expected, out, len) != 0;
	goto out;
fail:
	p->failed = 1;
out:
	sg_buf_free(&b);
	free(san);
	free(out);
}

void
sx_report_output(struct samples_ctx *c, struct prog *p)
{
	struct sg_buf	 b = { 0 };
	char		 w[160], *out;
	size_t		 len;

	if (!p->differs || p->blessed || p->last->expected == NULL)
		return;
	out = printed(&p->res, &len);
	unified(p->last->expected, strlen(p->last->expected), out, len, &b);
	sg_diag_error(c->site->diag, &p->last->loc, "the output of %s differs "
	    "from its output block at line %d (run 'sitegen samples --bless' "
	    "to accept it):\n%s", what(p, w, sizeof(w)), p->last->out_line,
	    b.data);
	p->failed = 1;
	sg_buf_free(&b);
	free(out);
}

void
sx_make_shown(struct samples_ctx *c, struct prog *p)
{
	struct sg_sample	*s;
	const char		*code;
	size_t			 i;

	(void)c;
	for (i = 0; i < p->nparts; i++) {
		s = p->parts[i];
		code = p->shown && p->shown[i] ? p->shown[i] : s->code;
		free(s->shown);
		s->shown = xstrdup(code);
		free(s->shown_output);
		s->shown_output = NULL;
		s->shown_output_len = 0;
		s->output_is_diag = 0;
		if (s != p->last || !p->have)
			continue;
		if (p->a.compile_fail && p->res.cstatus > 0 && p->res.diag &&
		    *p->res.diag) {
			s->shown_output = sg_ends_with(p->res.diag, "\n") ?
			    xstrdup(p->res.diag) : xasprintf("%s\n",
			    p->res.diag);
			s->shown_output_len = strlen(s->shown_output);
			s->output_is_diag = 1;
		} else if (p->res.ran && p->res.out_len > 0)
			s->shown_output = printed(&p->res,
			    &s->shown_output_len);
	}
}

/* ------------------------------------------------------------------ bless */

/* What goes before each line of a block whose fence is on line l: the
 * blockquote markers and indentation of the fence line, with any list
 * marker turned into spaces. Sets *fence to where the fence starts. */
static char *
block_prefix(const struct lines *l, int line, size_t *fence)
{
	const char	*s = l->s[line - 1];
	size_t		 n = l->n[line - 1], i;
	char		*p;

	for (i = 0; i < n; i++)
		if (i + 3 <= n && (!memcmp(s + i, "```", 3) ||
		    !memcmp(s + i, "~~~", 3)))
			break;
	*fence = i;
	p = xstrndup(s, i < n ? i : 0);
	for (i = 0; p[i]; i++)
		if (p[i] != '>' && p[i] != ' ' && p[i] != '\t')
			p[i] = ' ';
	return p;
}

/* Appends text[0..len), each line behind prefix (right-trimmed on empty
 * lines). */
static void
prefixed(struct sg_buf *b, const char *prefix, const char *text, size_t len)
{
	struct lines	 l;
	size_t		 i, k = strlen(prefix);

	while (k > 0 && (prefix[k - 1] == ' ' || prefix[k - 1] == '\t'))
		k--;
	split_lines(text, len, &l);
	for (i = 0; i < l.len; i++) {
		sg_buf_put(b, prefix, l.n[i] ? strlen(prefix) : k);
		sg_buf_put(b, l.s[i], l.n[i]);
		sg_buf_putc(b, '\n');
	}
	free_lines(&l);
}

/* The longest run of c at the start of a line of text (after blanks). */
static size_t
longest_run(const char *text, size_t len, char c)
{
	struct lines	 l;
	size_t		 i, j, k, best = 0;

	split_lines(text, len, &l);
	for (i = 0; i < l.len; i++) {
		for (j = 0; j < l.n[i] && (l.s[i][j] == ' ' ||
		    l.s[i][j] == '\t'); j++)
			;
		for (k = j; k < l.n[i] && l.s[i][k] == c; k++)
			;
		if (k - j > best)
			best = k - j;
	}
	free_lines(&l);
	return best;
}

/* A change to a page's file: lines from..to (1-based) replaced by text,
 * or with to == from - 1, text inserted before line from. */
struct edit {
	int	 from, to;
	char	*text;
};

static int
cmp_edit(const void *a, const void *b)
{
	const struct edit	*x = a, *y = b;

	return x->from != y->from ? (x->from < y->from ? -1 : 1) : 0;
}

/* Does line (1-based) of l hold a fence whose info string starts with
 * word? A guard against writing to the wrong place. */
static int
fence_at(const struct lines *l, int line, const char *word)
{
	const char	*s, *e;
	size_t		 at, n = strlen(word);
	char		*prefix, fc;

	if (line < 1 || line > (int)l->len)
		return 0;
	prefix = block_prefix(l, line, &at);
	free(prefix);
	s = l->s[line - 1] + at;
	e = l->s[line - 1] + l->n[line - 1];
	if (s >= e || (*s != '`' && *s != '~'))
		return 0;
	for (fc = *s; s < e && *s == fc; s++)
		;
	while (s < e && (*s == ' ' || *s == '\t'))
		s++;
	return (size_t)(e - s) >= n && !memcmp(s, word, n) &&
	    ((size_t)(e - s) == n || s[n] == ' ' || s[n] == '\t' ||
	    s[n] == '\r');
}

/* The edit that gives program p's sample an output block holding out.
 * Returns 0, or -1 if the file does not hold the sample where the page
 * was parsed from (it changed since). */
static int
bless_edit(const struct lines *l, const struct prog *p, const char *out,
    size_t len, struct edit *e)
{
	const struct sg_sample	*s = p->last;
	struct sg_buf		 b = { 0 };
	const char		*f;
	char			*prefix, fc;
	size_t			 at, n, need, k;
	int			 closed;

	if (!fence_at(l, s->loc.line, "c") || (s->out_line > 0 &&
	    !fence_at(l, s->out_line, "output")))
		return -1;
	if (s->out_line > 0) {
		prefix = block_prefix(l, s->out_line, &at);
		f = l->s[s->out_line - 1] + at;
		fc = *f;
		for (n = 0; at + n < l->n[s->out_line - 1] && f[n] == fc; n++)
			;
		need = longest_run(out, len, fc);
		closed = s->out_end_line > s->out_line &&
		    s->out_end_line <= (int)l->len &&
		    longest_run(l->s[s->out_end_line - 1],
		    l->n[s->out_end_line - 1], fc) >= n;
		if (closed && need < n) {
			/* the fences stay */
			prefixed(&b, prefix, out, len);
			e->from = s->out_line + 1;
			e->to = s->out_end_line - 1;
		} else {
			k = need >= n ? need + 1 : n;
			sg_buf_puts(&b, prefix);
			for (n = 0; n < k; n++)
				sg_buf_putc(&b, fc);
			sg_buf_puts(&b, "output\n");
			prefixed(&b, prefix, out, len);
			sg_buf_puts(&b, prefix);
			for (n = 0; n < k; n++)
				sg_buf_putc(&b, fc);
			sg_buf_putc(&b, '\n');
			e->from = s->out_line;
			e->to = s->out_end_line;
		}
	} else {
		prefix = block_prefix(l, s->loc.line, &at);
		need = longest_run(out, len, '`');
		k = need >= 3 ? need + 1 : 3;
		for (n = strlen(prefix); n > 0 && (prefix[n - 1] == ' ' ||
		    prefix[n - 1] == '\t'); n--)
			;
		sg_buf_put(&b, prefix, n);
		sg_buf_putc(&b, '\n');
		sg_buf_puts(&b, prefix);
		for (n = 0; n < k; n++)
			sg_buf_putc(&b, '`');
		sg_buf_puts(&b, "output\n");
		prefixed(&b, prefix, out, len);
		sg_buf_puts(&b, prefix);
		for (n = 0; n < k; n++)
			sg_buf_putc(&b, '`');
		sg_buf_putc(&b, '\n');
		e->from = s->end_line + 1;
		e->to = s->end_line;
	}
	e->text = sg_buf_detach(&b);
	free(prefix);
	return 0;
}

/* Rewrites the output blocks of the programs v[0..n) on one page that
 * ran well but printed something else (or have none). Returns the number
 * of blocks written; 0 if the file could not be. */
static int
bless_page(struct samples_ctx *c, struct prog **v, size_t n)
{
	const struct sg_page	*page = v[0]->last->page;
	struct edit		*e = xcalloc(n, sizeof(*e));
	struct sg_buf		 b = { 0 };
	struct lines		 l;
	char			*out, *path;
	size_t			 i, ne = 0, len, k;
	int			 line, ok = 1;

	split_lines(page->text, page->len, &l);
	for (i = 0; i < n; i++) {
		if (!v[i]->differs)
			continue;
		out = printed(&v[i]->res, &len);
		if (bless_edit(&l, v[i], out, len, &e[ne]) == -1) {
			sg_diag_error(c->site->diag, &v[i]->last->loc,
			    "--bless cannot find this sample's fences at these "
			    "lines of %s: the file was left as it is",
			    page->src);
			ok = 0;
		} else
			ne++;
		free(out);
	}
	sg_sort(e, ne, sizeof(*e), cmp_edit);
	for (k = 0; k < ne; k++)
		if (e[k].from < 1 || e[k].to > (int)l.len ||
		    (k > 0 && e[k].from <= e[k - 1].to))
			ok = 0;
	for (line = 1, k = 0; ok && line <= (int)l.len + 1; line++) {
		while (k < ne && e[k].from == line) {
			if (b.len > 0 && b.data[b.len - 1] != '\n')
				sg_buf_putc(&b, '\n');
			sg_buf_puts(&b, e[k].text);
			line = e[k].to + 1;
			k++;
		}
		if (line <= (int)l.len) {
			sg_buf_put(&b, l.s[line - 1], l.n[line - 1]);
			if (l.s[line - 1] + l.n[line - 1] < page->text +
			    page->len)
				sg_buf_putc(&b, '\n');
		}
	}
	path = sg_path_join(c->site->root, page->src);
	if (ok && sg_file_replace(path, b.data ? b.data : "", b.len, 1) == -1)
		ok = 0;
	if (ok) {
		printf("sitegen: updated %s: %zu output block%s\n", page->src,
		    ne, ne == 1 ? "" : "s");
		for (i = 0; i < n; i++)
			if (v[i]->differs)
				v[i]->blessed = 1;
	}
	free(path);
	for (i = 0; i < ne; i++)
		free(e[i].text);
	free(e);
	sg_buf_free(&b);
	free_lines(&l);
	return ok ? (int)ne : 0;
}

void
sx_bless(struct samples_ctx *c)
{
	struct prog	*p;
	size_t		 i, j, k;
	int		 blocked, wanted;

	for (i = 0; i < c->nprogs; i = j) {
		blocked = wanted = 0;
		for (j = i; j < c->nprogs && c->progs[j]->last->page ==
		    c->progs[i]->last->page; j++) {
			p = c->progs[j];
			blocked |= p->bad || (!p->a.ignore && !p->compile_ok);
			wanted |= p->differs;
		}
		if (wanted && !blocked)
			bless_page(c, c->progs + i, j - i);
		for (k = i; k < j; k++)
			if (c->progs[k]->last->expected == NULL)
				c->progs[k]->differs = 0;
	}
}
