/* diag.c: collects errors and warnings from all workers and prints them as
 * "file:line:col: error: message", sorted by place, at stage boundaries. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"

struct msg {
	char	*file;		/* owned copy, or NULL */
	int	 line, col;
	int	 error;		/* 1 error, 0 warning, -1 note */
	char	*rule;		/* owned: the check that found it, or NULL */
	char	*text;		/* owned */
	size_t	 seq;		/* arrival order, last sort key */
};

#define MAX_SHOWN	100	/* messages printed per file and flush */

/* The messages of one file: the MAX_SHOWN first in print order (a heap
 * with the last on top, so that which are shown does not depend on the
 * order workers found them) and how many more there were. */
struct fileq {
	char		*file;		/* owned; NULL for messages without one */
	struct msg	*heap;		/* max-heap by cmp, MAX_SHOWN slots */
	size_t		 len;
	size_t		 more_errors;	/* not kept: counted only */
	size_t		 more_warnings;
};

struct sg_diag {
	pthread_mutex_t	 lock;
	FILE		*fp;		/* where messages go */
	int		 color;		/* colour escapes on a terminal */
	struct fileq	*q;		/* open addressing by file, cap slots */
	size_t		 nq, capq;
	unsigned long long *seen;	/* hashes of every message (0: empty) */
	size_t		 nseen, capseen;
	size_t		 seq;
	int		 errors;	/* errors ever reported */
	int		 warnings;	/* warnings ever reported */
	FILE		*json;		/* or print JSON lines here */
};

struct sg_diag *
sg_diag_new(FILE *fp, int color)
{
	struct sg_diag	*d = xcalloc(1, sizeof(*d));

	pthread_mutex_init(&d->lock, NULL);
	d->fp = fp;
	d->color = color;
	return d;
}

static void
clear_queue(struct fileq *q)
{
	size_t	 i;

	for (i = 0; i < q->len; i++) {
		free(q->heap[i].file);
		free(q->heap[i].rule);
		free(q->heap[i].text);
	}
	q->len = 0;
	q->more_errors = q->more_warnings = 0;
}

void
sg_diag_free(struct sg_diag *d)
{
	size_t	 i;

	if (d == NULL)
		return;
	for (i = 0; i < d->capq; i++)
		if (d->q[i].heap) {
			clear_queue(&d->q[i]);
			free(d->q[i].heap);
			free(d->q[i].file);
		}
	free(d->q);
	free(d->seen);
	pthread_mutex_destroy(&d->lock);
	free(d);
}

static unsigned long long
hash_bytes(unsigned long long h, const void *p, size_t n)
{
	const unsigned char	*s = p;

	while (n-- > 0)
		h = (h ^ *s++) * 1099511628211ULL;
	return h;
}

static unsigned long long
hash_str(unsigned long long h, const char *s)
{
	return hash_bytes(h, s ? s : "", s ? strlen(s) + 1 : 0);
}

/* Was the same message already reported at the same place? Workers can
 * find one problem twice (a partial included by two pages, say). Else
 * remembers it. Constant time: a set of 64-bit hashes. */
static int
repeated(struct sg_diag *d, const struct sg_loc *loc, int error,
    const char *text)
{
	unsigned long long	 h = 14695981039346656037ULL, *old;
	size_t			 i, k, oldcap;
	int			 v[3];

	v[0] = error;
	v[1] = loc ? loc->line : 0;
	v[2] = loc ? loc->col : 0;
	h = hash_bytes(h, v, sizeof(v));
	h = hash_str(h, loc ? loc->file : NULL);
	h = hash_str(h, text);
	if (h == 0)
		h = 1;
	if (2 * (d->nseen + 1) > d->capseen) {
		old = d->seen;
		oldcap = d->capseen;
		d->capseen = oldcap ? oldcap * 2 : 1024;
		d->seen = xcalloc(d->capseen, sizeof(*d->seen));
		for (i = 0; i < oldcap; i++) {
			if (old[i] == 0)
				continue;
			for (k = old[i] & (d->capseen - 1); d->seen[k];
			    k = (k + 1) & (d->capseen - 1))
				;
			d->seen[k] = old[i];
		}
		free(old);
	}
	for (k = h & (d->capseen - 1); d->seen[k]; k = (k + 1) &
	    (d->capseen - 1))
		if (d->seen[k] == h)
			return 1;
	d->seen[k] = h;
	d->nseen++;
	return 0;
}

/* The queue of file (NULL allowed), made if need be. */
static struct fileq *
queue(struct sg_diag *d, const char *file)
{
	struct fileq	*old, *q;
	size_t		 i, k, oldcap;

	if (2 * (d->nq + 1) > d->capq) {
		old = d->q;
		oldcap = d->capq;
		d->capq = oldcap ? oldcap * 2 : 64;
		d->q = xcalloc(d->capq, sizeof(*d->q));
		for (i = 0; i < oldcap; i++) {
			if (old[i].heap == NULL)
				continue;
			for (k = hash_str(0, old[i].file) & (d->capq - 1);
			    d->q[k].heap; k = (k + 1) & (d->capq - 1))
				;
			d->q[k] = old[i];
		}
		free(old);
	}
	for (k = hash_str(0, file) & (d->capq - 1); d->q[k].heap;
	    k = (k + 1) & (d->capq - 1)) {
		q = &d->q[k];
		if (file == NULL ? q->file == NULL : q->file != NULL &&
		    !strcmp(q->file, file))
			return q;
	}
	q = &d->q[k];
	q->file = file ? xstrdup(file) : NULL;
	q->heap = xcalloc(MAX_SHOWN, sizeof(*q->heap));
	d->nq++;
	return q;
}

static int	cmp(const void *, const void *);

static void
swap_msg(struct msg *a, struct msg *b)
{
	struct msg	 t = *a;

	*a = *b;
	*b = t;
}

/* Restores the heap from slot i down. */
static void
sift_down(struct fileq *q, size_t i)
{
	size_t	 l, r, top;

	for (;;) {
		l = 2 * i + 1;
		r = l + 1;
		top = i;
		if (l < q->len && cmp(&q->heap[l], &q->heap[top]) > 0)
			top = l;
		if (r < q->len && cmp(&q->heap[r], &q->heap[top]) > 0)
			top = r;
		if (top == i)
			return;
		swap_msg(&q->heap[i], &q->heap[top]);
		i = top;
	}
}

/* Keeps m if it is among the first MAX_SHOWN of its file, else counts
 * it (or the one it pushes out). Takes ownership of m's strings. */
static void
keep(struct fileq *q, struct msg *m)
{
	struct msg	*out = m;
	size_t		 i;

	if (q->len < MAX_SHOWN) {
		i = q->len++;
		q->heap[i] = *m;
		while (i > 0 && cmp(&q->heap[(i - 1) / 2], &q->heap[i]) < 0) {
			swap_msg(&q->heap[(i - 1) / 2], &q->heap[i]);
			i = (i - 1) / 2;
		}
		return;
	}
	if (cmp(m, &q->heap[0]) < 0) {
		swap_msg(m, &q->heap[0]);
		sift_down(q, 0);
	}
	out = m;
	if (out->error > 0)
		q->more_errors++;
	else
		q->more_warnings++;
	free(out->file);
	free(out->rule);
	free(out->text);
}

static void
add(struct sg_diag *d, const struct sg_loc *loc, int error, const char *rule,
    const char *fmt, va_list ap)
{
	struct sg_buf	 b = { 0 };
	struct msg	 m;

	sg_buf_vprintf(&b, fmt, ap);
	pthread_mutex_lock(&d->lock);
	if (repeated(d, loc, error, b.data)) {
		pthread_mutex_unlock(&d->lock);
		sg_buf_free(&b);
		return;
	}
	m.file = loc && loc->file ? xstrdup(loc->file) : NULL;
	m.line = loc ? loc->line : 0;
	m.col = loc ? loc->col : 0;
	m.error = error;
	m.rule = rule ? xstrdup(rule) : NULL;
	m.text = sg_buf_detach(&b);
	m.seq = d->seq++;
	if (error > 0)
		d->errors++;
	else if (error == 0)
		d->warnings++;
	keep(queue(d, m.file), &m);
	pthread_mutex_unlock(&d->lock);
}

void
sg_diag_error(struct sg_diag *d, const struct sg_loc *loc, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	add(d, loc, 1, NULL, fmt, ap);
	va_end(ap);
}

void
sg_diag_warn(struct sg_diag *d, const struct sg_loc *loc, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	add(d, loc, 0, NULL, fmt, ap);
	va_end(ap);
}

void
sg_diag_note(struct sg_diag *d, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	add(d, NULL, -1, NULL, fmt, ap);
	va_end(ap);
}

void
sg_diag_rule(struct sg_diag *d, const struct sg_loc *loc, int error,
    const char *rule, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	add(d, loc, error ? 1 : 0, rule, fmt, ap);
	va_end(ap);
}

int
sg_diag_errors(const struct sg_diag *d)
{
	return d->errors;
}

int
sg_diag_warnings(const struct sg_diag *d)
{
	return d->warnings;
}

void
sg_diag_set_json(struct sg_diag *d, FILE *fp)
{
	d->json = fp;
}

static void
json_str(FILE *fp, const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;

	if (s == NULL) {
		fputs("null", fp);
		return;
	}
	putc('"', fp);
	for (; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(fp, "\\%c", *p);
		else if (*p == '\n')
			fputs("\\n", fp);
		else if (*p == '\t')
			fputs("\\t", fp);
		else if (*p < 0x20 || *p == 0x7f)
			fprintf(fp, "\\u%04x", *p);
		else
			putc(*p, fp);
	}
	putc('"', fp);
}

/* {"file":…,"line":…,"col":…,"severity":…,"rule":…,"message":…} */
static void
print_json(FILE *fp, const struct msg *m)
{
	fputs("{\"file\":", fp);
	json_str(fp, m->file);
	fprintf(fp, ",\"line\":%d,\"col\":%d,\"severity\":\"%s\",\"rule\":",
	    m->line, m->file && m->line > 0 ? (m->col > 0 ? m->col : 1) : 0,
	    m->error > 0 ? "error" : "warning");
	json_str(fp, m->rule ? m->rule : "build");
	fputs(",\"message\":", fp);
	json_str(fp, m->text);
	fputs("}\n", fp);
}

static int
cmp_queue(const void *a, const void *b)
{
	const struct fileq	*x = *(struct fileq *const *)a;
	const struct fileq	*y = *(struct fileq *const *)b;

	if ((x->file == NULL) != (y->file == NULL))
		return x->file == NULL ? -1 : 1;
	return x->file ? strcmp(x->file, y->file) : 0;
}

static int
cmp(const void *a, const void *b)
{
	const struct msg	*x = a, *y = b;
	int			 c;

	if ((x->file == NULL) != (y->file == NULL))
		return x->file == NULL ? -1 : 1;
	if (x->file && (c = strcmp(x->file, y->file)) != 0)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	if ((c = strcmp(x->text, y->text)) != 0)
		return c;
	if (x->error != y->error)
		return x->error > y->error ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void
print_msg(struct sg_diag *d, const struct msg *m)
{
	const char	*word, *on = "", *off = "";

	word = m->error > 0 ? "error" : m->error == 0 ? "warning" : NULL;
	if (d->json && word) {
		print_json(d->json, m);
		return;
	}
	if (d->color && word)
		on = m->error > 0 ? "\033[1;31m" : "\033[1;35m",
		off = "\033[0m";
	if (word == NULL)
		fprintf(d->fp, "%s\n", m->text);
	else if (m->file && m->line > 0)
		fprintf(d->fp, "%s:%d:%d: %s%s:%s %s\n", m->file, m->line,
		    m->col > 0 ? m->col : 1, on, word, off, m->text);
	else if (m->file)
		fprintf(d->fp, "%s: %s%s:%s %s\n", m->file, on, word, off,
		    m->text);
	else
		fprintf(d->fp, "sitegen: %s%s:%s %s\n", on, word, off, m->text);
}

/* The queues with messages, sorted by file. The caller frees the list. */
static struct fileq **
pending(struct sg_diag *d, size_t *n)
{
	struct fileq	**v = xcalloc(d->nq + 1, sizeof(*v));
	size_t		  i;

	*n = 0;
	for (i = 0; i < d->capq; i++)
		if (d->q[i].heap && (d->q[i].len > 0 ||
		    d->q[i].more_errors + d->q[i].more_warnings > 0))
			v[(*n)++] = &d->q[i];
	sg_sort(v, *n, sizeof(*v), cmp_queue);
	return v;
}

void
sg_diag_flush(struct sg_diag *d)
{
	struct fileq	**v, *q;
	size_t		  n, i, k;

	pthread_mutex_lock(&d->lock);
	v = pending(d, &n);
	for (i = 0; i < n; i++) {
		q = v[i];
		sg_sort(q->heap, q->len, sizeof(*q->heap), cmp);
		for (k = 0; k < q->len; k++)
			print_msg(d, &q->heap[k]);
		if (q->more_errors + q->more_warnings > 0)
			fprintf(d->fp, "%s: note: %zu more error%s and %zu "
			    "more warning%s here are not shown (the first %d "
			    "are)\n", q->file ? q->file : "sitegen",
			    q->more_errors, q->more_errors == 1 ? "" : "s",
			    q->more_warnings, q->more_warnings == 1 ? "" : "s",
			    MAX_SHOWN);
		clear_queue(q);
	}
	free(v);
	if (d->json)
		fflush(d->json);
	fflush(d->fp);
	pthread_mutex_unlock(&d->lock);
}

void
sg_diag_export(struct sg_diag *d, struct sg_buf *b)
{
	struct fileq	**v, *q;
	struct msg	 *m;
	size_t		  n, i, k, total = 0;

	pthread_mutex_lock(&d->lock);
	v = pending(d, &n);
	for (i = 0; i < n; i++)
		total += v[i]->len + (v[i]->more_errors +
		    v[i]->more_warnings > 0);
	sg_buf_put_num(b, (long long)total);
	for (i = 0; i < n; i++) {
		q = v[i];
		for (k = 0; k < q->len; k++) {
			m = &q->heap[k];
			sg_buf_put_str(b, m->file);
			sg_buf_put_num(b, m->line);
			sg_buf_put_num(b, m->col);
			sg_buf_put_num(b, m->error);
			sg_buf_put_str(b, m->rule);
			sg_buf_put_str(b, m->text);
		}
		if (q->more_errors + q->more_warnings > 0) {
			/* kind 2: the counts, in line and col */
			sg_buf_put_str(b, q->file);
			sg_buf_put_num(b, (long long)q->more_errors);
			sg_buf_put_num(b, (long long)q->more_warnings);
			sg_buf_put_num(b, 2);
			sg_buf_put_str(b, NULL);
			sg_buf_put_str(b, "");
		}
		clear_queue(q);
	}
	free(v);
	pthread_mutex_unlock(&d->lock);
}

int
sg_diag_import(struct sg_diag *d, struct sg_rd *r)
{
	struct sg_loc	 loc;
	struct fileq	*q;
	long long	 n = sg_rd_num(r), i;
	char		*file, *rule, *text;
	int		 kind;

	for (i = 0; i < n && !r->bad; i++) {
		file = sg_rd_str(r);
		loc.file = file;
		loc.line = (int)sg_rd_num(r);
		loc.col = (int)sg_rd_num(r);
		kind = (int)sg_rd_num(r);
		rule = sg_rd_str(r);
		text = sg_rd_str(r);
		if (!r->bad && text && kind == 2) {
			pthread_mutex_lock(&d->lock);
			q = queue(d, file);
			q->more_errors += (size_t)loc.line;
			q->more_warnings += (size_t)loc.col;
			d->errors += loc.line;
			d->warnings += loc.col;
			pthread_mutex_unlock(&d->lock);
		} else if (!r->bad && text) {
			if (kind >= 0)
				sg_diag_rule(d, &loc, kind > 0, rule, "%s",
				    text);
			else
				sg_diag_note(d, "%s", text);
		}
		free(file);
		free(rule);
		free(text);
	}
	return r->bad ? -1 : 0;
}
