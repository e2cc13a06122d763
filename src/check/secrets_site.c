/* secrets_site.c: the credential scan of a build. The sources (pages with
 * their front matter, the other files of content/, included files) are
 * scanned first; then every output file as it is written, from the render
 * workers. A finding in the output whose value is also in a source is the
 * source's: it is reported there, once. Values listed under secrets.allow
 * in site.yml, and lines marked sitegen:allow-secret, are allowed. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "path.h"
#include "pool.h"
#include "check/secrets.h"
#include "site.h"

struct allow {
	char		*value;		/* owned */
	size_t		 len;
	struct sg_loc	 loc;		/* its line in site.yml */
	atomic_int	 used;		/* seen in something scanned */
};

struct finding {
	char			*file;		/* owned */
	int			 line, col;
	enum sg_secret_rule	 rule;
	char			*value;		/* owned copy */
	size_t			 len;
	int			 allowed;
	int			 shown;		/* reported (within MAX_SHOWN) */
};

#define MAX_SHOWN	10	/* findings reported per file, at most */

/* A file with more findings than are shown. */
struct more {
	char		*file;		/* owned */
	int		 line, col;	/* the first not shown */
	int		 n;
};

struct sg_secrets {
	struct sg_diag	*diag;
	int		 verbose;
	struct allow	*allow;
	size_t		 nallow;
	pthread_mutex_t	 lock;		/* guards v while sources are scanned */
	struct finding	*v;		/* findings in sources, by value */
	size_t		 len, cap;
	struct more	*more;		/* findings in sources not shown */
	size_t		 nmore;
	atomic_llong	 usec;		/* CPU time spent scanning, all threads */
	atomic_llong	 bytes;		/* bytes scanned */
	char		**inc;		/* files pages include from outside
					 * content/ (sg_secrets_scan_page),
					 * under lock */
	size_t		 ninc;
};

struct sg_secrets *
sg_secrets_new(struct sg_site *site)
{
	struct sg_secrets	*sec = xcalloc(1, sizeof(*sec));
	const struct sg_value	*conf, *list, *v;
	size_t			 i;

	sec->diag = site->diag;
	sec->verbose = site->opt->verbose;
	pthread_mutex_init(&sec->lock, NULL);
	conf = site->config.root ? sg_value_get(site->config.root,
	    "secrets") : NULL;
	if (conf == NULL || conf->type == SG_NIL)
		return sec;
	if (conf->type != SG_MAP) {
		sg_diag_error(site->diag, &conf->loc, "'secrets' must be a "
		    "map (secrets: allow: [values]), not a %s",
		    sg_value_type_name(conf->type));
		return sec;
	}
	for (i = 0; i < conf->len; i++)
		if (strcmp(conf->keys[i], "allow") != 0)
			sg_diag_warn(site->diag, &conf->items[i]->loc, "unknown "
			    "key 'secrets.%s' (sitegen knows secrets.allow)",
			    conf->keys[i]);
	if ((list = sg_value_get(conf, "allow")) == NULL ||
	    list->type == SG_NIL)
		return sec;
	if (list->type != SG_LIST) {
		sg_diag_error(site->diag, &list->loc, "'secrets.allow' must be "
		    "a list of values, not a %s",
		    sg_value_type_name(list->type));
		return sec;
	}
	sec->allow = xcalloc(list->len + 1, sizeof(*sec->allow));
	for (i = 0; i < list->len; i++) {
		v = list->items[i];
		if (v->type != SG_STR || v->str == NULL || *v->str == '\0') {
			sg_diag_error(site->diag, &v->loc, "an entry of "
			    "'secrets.allow' must be a string (the exact value "
			    "to allow)");
			continue;
		}
		sec->allow[sec->nallow].value = xstrdup(v->str);
		sec->allow[sec->nallow].len = strlen(v->str);
		sec->allow[sec->nallow].loc = v->loc;
		atomic_init(&sec->allow[sec->nallow].used, 0);
		sec->nallow++;
	}
	return sec;
}

void
sg_secrets_free(struct sg_secrets *sec)
{
	size_t	 i;

	if (sec == NULL)
		return;
	for (i = 0; i < sec->nallow; i++)
		free(sec->allow[i].value);
	free(sec->allow);
	for (i = 0; i < sec->len; i++) {
		free(sec->v[i].file);
		free(sec->v[i].value);
	}
	free(sec->v);
	for (i = 0; i < sec->nmore; i++)
		free(sec->more[i].file);
	free(sec->more);
	for (i = 0; i < sec->ninc; i++)
		free(sec->inc[i]);
	free(sec->inc);
	pthread_mutex_destroy(&sec->lock);
	free(sec);
}

/* One buffer being scanned. */
struct scan {
	struct sg_secrets	*sec;
	const char		*file;		/* for messages */
	const char		*data;
	size_t			 len;
	int			 output;	/* an output file, not a source */
	int			 made;		/* an output file made by the build */
	size_t			 pos;		/* line counting: offset, */
	int			 line;		/* its line */
	size_t			 bol;		/* and where that line begins */
	size_t			 eol;		/* the end of the last hit's line */
	int			 marked;	/* that line has the marker */
	int			 reported;	/* findings not allowed */
	int			 more_line, more_col;	/* the first not shown */
};

static int
allowed_value(struct sg_secrets *sec, const char *v, size_t n)
{
	size_t	 i;

	for (i = 0; i < sec->nallow; i++)
		if (sec->allow[i].len == n && !memcmp(sec->allow[i].value, v,
		    n)) {
			atomic_store_explicit(&sec->allow[i].used, 1,
			    memory_order_relaxed);
			return 1;
		}
	return 0;
}

static int
cmp_value(const char *a, size_t alen, const char *b, size_t blen)
{
	int	 c = memcmp(a, b, alen < blen ? alen : blen);

	return c ? c : alen < blen ? -1 : alen > blen;
}

static int
cmp_finding(const void *x, const void *y)
{
	const struct finding	*a = x, *b = y;
	int			 c = cmp_value(a->value, a->len, b->value, b->len);

	if (c)
		return c;
	if ((c = strcmp(a->file, b->file)) != 0)
		return c;
	return a->line != b->line ? (a->line < b->line ? -1 : 1) :
	    (a->col > b->col) - (a->col < b->col);
}

/* Is v[0..n) the value of a finding in a source? (After the sources
 * were scanned and sorted; read-only, so any thread may ask.) */
static int
in_sources(const struct sg_secrets *sec, const char *v, size_t n)
{
	size_t	 lo = 0, hi = sec->len, mid;
	int	 c;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		c = cmp_value(v, n, sec->v[mid].value, sec->v[mid].len);
		if (c == 0)
			return 1;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return 0;
}

/* What a message shows of a finding: the value masked, or for a private
 * key its header line, which is no secret. The caller frees. */
static char *
shown(enum sg_secret_rule rule, const char *v, size_t n)
{
	const char	*nl;

	if (rule == SG_SECRET_PRIVATE_KEY) {
		nl = memchr(v, '\n', n);
		return xstrndup(v, nl ? (size_t)(nl - v) : n);
	}
	return sg_secrets_mask(v, n);
}

static void
report(struct sg_diag *d, const struct sg_loc *loc, enum sg_secret_rule rule,
    const char *v, size_t n, int made)
{
	char	*m = shown(rule, v, n);

	sg_diag_rule(d, loc, 1, sg_secrets_rule_name(rule), "%s %s looks like "
	    "a credential%s: remove it, or allow it in site.yml (secrets: "
	    "allow:) or with " SG_SECRET_MARKER " on its line",
	    sg_secrets_rule_name(rule), m, made ? " (in the output only: a "
	    "template or a sample's output makes it)" : "");
	free(m);
}

static void
on_hit(void *arg, const struct sg_secret_hit *h)
{
	struct scan		*sc = arg;
	struct sg_secrets	*sec = sc->sec;
	struct finding		*f;
	struct sg_loc		 loc;
	const char		*v = sc->data + h->off, *nl;
	int			 allowed, col;

	for (; sc->pos < h->off; sc->pos++)
		if (sc->data[sc->pos] == '\n') {
			sc->line++;
			sc->bol = sc->pos + 1;
		}
	col = (int)(h->off - sc->bol) + 1;
	if (h->off >= sc->eol) {
		/* a new line: where it ends, and is it marked? */
		nl = memchr(v, '\n', sc->len - h->off);
		sc->eol = nl ? (size_t)(nl - sc->data) : sc->len;
		sc->marked = memmem(sc->data + sc->bol, sc->eol - sc->bol,
		    SG_SECRET_MARKER, strlen(SG_SECRET_MARKER)) != NULL;
	}
	allowed = sc->marked || allowed_value(sec, v, h->len);
	/* a value the sources hold was judged there */
	if (sc->output && (allowed || in_sources(sec, v, h->len)))
		return;
	if (!allowed && ++sc->reported == MAX_SHOWN + 1) {
		sc->more_line = sc->line;
		sc->more_col = col;
	}
	if (sc->output) {
		if (sc->reported > MAX_SHOWN)
			return;
		loc.file = sc->file;
		loc.line = sc->line;
		loc.col = col;
		report(sec->diag, &loc, h->rule, v, h->len, sc->made);
		return;
	}
	pthread_mutex_lock(&sec->lock);
	if (sec->len == sec->cap) {
		sec->cap = sec->cap ? sec->cap * 2 : 16;
		sec->v = xrealloc(sec->v, sec->cap * sizeof(*sec->v));
	}
	f = &sec->v[sec->len++];
	f->file = xstrdup(sc->file);
	f->line = sc->line;
	f->col = col;
	f->rule = h->rule;
	f->value = xstrndup(v, h->len);
	f->len = h->len;
	f->allowed = allowed;
	f->shown = !allowed && sc->reported <= MAX_SHOWN;
	pthread_mutex_unlock(&sec->lock);
}

/* "…and N more" for a file with more findings than are shown. */
static void
report_more(struct sg_diag *d, const char *file, int line, int col, int n)
{
	struct sg_loc	 loc;

	loc.file = file;
	loc.line = line;
	loc.col = col;
	sg_diag_rule(d, &loc, 1, "secrets", "%d more credential%s from "
	    "here to the end of this file, not shown one by one", n, n == 1 ?
	    "" : "s");
}

/* The CPU time of the calling thread, in microseconds. */
static long long
cpu_usec(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* Scans one buffer; marks the allowed values it holds as used. */
static int
scan(struct sg_secrets *sec, const char *file, const char *data, size_t len,
    int output, int made)
{
	struct scan	 sc;
	long long	 t;
	size_t		 i;

	/* the CPU time is a system call: taken for --verbose's report only */
	t = sec->verbose ? cpu_usec() : 0;
	memset(&sc, 0, sizeof(sc));
	sc.sec = sec;
	sc.file = file;
	sc.data = data;
	sc.len = len;
	sc.output = output;
	sc.made = made;
	sc.line = 1;
	sg_secrets_find(data, len, on_hit, &sc);
	if (sc.reported > MAX_SHOWN && output)
		report_more(sec->diag, file, sc.more_line, sc.more_col,
		    sc.reported - MAX_SHOWN);
	else if (sc.reported > MAX_SHOWN) {
		pthread_mutex_lock(&sec->lock);
		sec->more = xrealloc(sec->more, (sec->nmore + 1) *
		    sizeof(*sec->more));
		sec->more[sec->nmore].file = xstrdup(file);
		sec->more[sec->nmore].line = sc.more_line;
		sec->more[sec->nmore].col = sc.more_col;
		sec->more[sec->nmore].n = sc.reported - MAX_SHOWN;
		sec->nmore++;
		pthread_mutex_unlock(&sec->lock);
	}
	for (i = 0; i < sec->nallow; i++)
		if (!atomic_load_explicit(&sec->allow[i].used,
		    memory_order_relaxed) && memmem(data, len,
		    sec->allow[i].value, sec->allow[i].len) != NULL)
			atomic_store_explicit(&sec->allow[i].used, 1,
			    memory_order_relaxed);
	if (sec->verbose)
		atomic_fetch_add(&sec->usec, cpu_usec() - t);
	atomic_fetch_add(&sec->bytes, (long long)len);
	return sc.reported;
}

int
sg_secrets_scan_output(struct sg_secrets *sec, const char *rel,
    const char *blame, const char *data, size_t len)
{
	if (sec == NULL)
		return 0;
	return scan(sec, blame ? blame : rel, data, len, 1, blame == NULL);
}

/* The sources of a build: a page's text, or a file read from disk. */
struct source {
	const char	*file;		/* relative to the root */
	const char	*text;		/* or NULL: read file */
	size_t		 len;
};

struct sources {
	struct sg_secrets	*sec;
	const char		*root;
	struct source		*v;
	size_t			 len;
};

static void
scan_one(void *arg, int worker, size_t i)
{
	struct sources	*ss = arg;
	struct source	*s = &ss->v[i];
	char		*path, *data;
	size_t		 len;

	(void)worker;
	if (s->text) {
		scan(ss->sec, s->file, s->text, s->len, 0, 0);
		return;
	}
	path = sg_path_join(ss->root, s->file);
	if ((data = sg_file_read(path, &len)) != NULL)
		scan(ss->sec, s->file, data, len, 0, 0);
	free(path);
	free(data);
}

/* Adds a source; from index from on, only if it is not there yet (pages
 * and files of content/ are unique, included files may repeat). */
static void
add_source(struct sources *ss, size_t from, char *file, const char *text,
    size_t len)
{
	size_t	 i;

	for (i = from; i < ss->len; i++)
		if (!strcmp(ss->v[i].file, file)) {
			free(file);
			return;
		}
	if ((ss->len & (ss->len - 1)) == 0)
		ss->v = xrealloc(ss->v, (ss->len ? ss->len * 2 : 1) *
		    sizeof(*ss->v));
	ss->v[ss->len].file = file;
	ss->v[ss->len].text = text;
	ss->v[ss->len].len = len;
	ss->len++;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Notes in sec the files page p's {{#include}} directives name outside
 * content/ (those inside are scanned as files of content/). */
static void
note_includes(struct sg_secrets *sec, const struct sg_page *p)
{
	const char	*s = p->text, *e = p->text + p->len, *d, *end;
	char		*arg, *dir, *joined, *rel;
	size_t		 n;

	dir = sg_path_dir(p->src);
	while ((d = sg_find(s, (size_t)(e - s), "{{#include ", 11)) != NULL) {
		d += 11;
		for (end = d; end < e && *end != ':' && *end != '}' &&
		    *end != '\n'; end++)
			;
		s = end;
		while (d < end && *d == ' ')
			d++;
		for (n = (size_t)(end - d); n > 0 && d[n - 1] == ' '; n--)
			;
		if (n == 0 || *d == '/')
			continue;
		arg = xstrndup(d, n);
		joined = sg_path_join(dir, arg);
		rel = sg_path_normalize(joined);
		if (rel && *rel && !sg_starts_with(rel, "content/")) {
			pthread_mutex_lock(&sec->lock);
			if ((sec->ninc & (sec->ninc - 1)) == 0)
				sec->inc = xrealloc(sec->inc, (sec->ninc ?
				    sec->ninc * 2 : 1) * sizeof(*sec->inc));
			sec->inc[sec->ninc++] = rel;
			pthread_mutex_unlock(&sec->lock);
		} else
			free(rel);
		free(joined);
		free(arg);
	}
	free(dir);
}

void
sg_secrets_scan_page(struct sg_secrets *sec, const struct sg_page *p)
{
	if (sec == NULL || p->text == NULL)
		return;
	scan(sec, p->src, p->text, p->len, 0, 0);
	note_includes(sec, p);
}

void
sg_secrets_scan_sources(struct sg_secrets *sec, struct sg_site *site,
    int jobs)
{
	struct sources	 ss;
	size_t		 i, from;

	memset(&ss, 0, sizeof(ss));
	ss.sec = sec;
	ss.root = site->root;
	for (i = 0; i < site->nfiles; i++)
		add_source(&ss, ss.len, xasprintf("content/%s",
		    site->files[i]), NULL, 0);
	/* noted by the threads in any order: sorted, the same each time */
	sg_sort(sec->inc, sec->ninc, sizeof(*sec->inc), cmp_str);
	from = ss.len;
	for (i = 0; i < sec->ninc; i++)
		add_source(&ss, from, xstrdup(sec->inc[i]), NULL, 0);
	sg_pool_run(jobs, ss.len, scan_one, &ss);
	sg_sort(sec->v, sec->len, sizeof(*sec->v), cmp_finding);
	for (i = 0; i < ss.len; i++)
		free((char *)(uintptr_t)ss.v[i].file);
	free(ss.v);
}

void
sg_secrets_report(struct sg_secrets *sec)
{
	struct sg_loc	 loc;
	char		*m;
	size_t		 i;

	if (sec == NULL)
		return;
	for (i = 0; i < sec->nmore; i++)
		report_more(sec->diag, sec->more[i].file, sec->more[i].line,
		    sec->more[i].col, sec->more[i].n);
	for (i = 0; i < sec->len; i++) {
		if (!sec->v[i].shown)
			continue;
		loc.file = sec->v[i].file;
		loc.line = sec->v[i].line;
		loc.col = sec->v[i].col;
		report(sec->diag, &loc, sec->v[i].rule, sec->v[i].value,
		    sec->v[i].len, 0);
	}
	for (i = 0; i < sec->nallow; i++) {
		if (atomic_load(&sec->allow[i].used))
			continue;
		m = sg_secrets_mask(sec->allow[i].value, sec->allow[i].len);
		sg_diag_rule(sec->diag, &sec->allow[i].loc, 0, "secrets-allow",
		    "the allowed value %s appears nowhere in the site: remove "
		    "it from secrets.allow", m);
		free(m);
	}
	if (sec->verbose)
		fprintf(stderr, "sitegen: secrets    %7.1f ms of CPU time "
		    "(all threads), %lld MB scanned\n",
		    (double)atomic_load(&sec->usec) / 1000,
		    atomic_load(&sec->bytes) / (1024 * 1024));
}
