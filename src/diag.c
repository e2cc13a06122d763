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

struct sg_diag {
	pthread_mutex_t	 lock;
	FILE		*fp;		/* where messages go */
	int		 color;		/* colour escapes on a terminal */
	struct msg	*v;		/* pending messages */
	size_t		 len, cap;
	size_t		 seq;
	int		 errors;	/* errors ever reported */
	int		 warnings;	/* warnings ever reported */
	FILE		*json;		/* or print JSON lines here */
};

/* Makes a collector that prints to fp, with colour if color is set. */
struct sg_diag *
sg_diag_new(FILE *fp, int color)
{
	struct sg_diag	*d = xcalloc(1, sizeof(*d));

	pthread_mutex_init(&d->lock, NULL);
	d->fp = fp;
	d->color = color;
	return d;
}

void
sg_diag_free(struct sg_diag *d)
{
	size_t	 i;

	if (d == NULL)
		return;
	for (i = 0; i < d->len; i++) {
		free(d->v[i].file);
		free(d->v[i].rule);
		free(d->v[i].text);
	}
	free(d->v);
	pthread_mutex_destroy(&d->lock);
	free(d);
}

/* Was the same message already reported at the same place? Workers can
 * find one problem twice (a partial included by two pages, say). */
static int
repeated(const struct sg_diag *d, const struct sg_loc *loc, int error,
    const char *text)
{
	const char	*file = loc ? loc->file : NULL;
	size_t		 i;

	for (i = 0; i < d->len; i++)
		if (d->v[i].error == error && d->v[i].line == (loc ?
		    loc->line : 0) && d->v[i].col == (loc ? loc->col : 0) &&
		    !strcmp(d->v[i].text, text) && (file == NULL ?
		    d->v[i].file == NULL : d->v[i].file != NULL &&
		    !strcmp(d->v[i].file, file)))
			return 1;
	return 0;
}

static void
add(struct sg_diag *d, const struct sg_loc *loc, int error, const char *rule,
    const char *fmt, va_list ap)
{
	struct sg_buf	 b = { 0 };
	struct msg	*m;

	sg_buf_vprintf(&b, fmt, ap);
	pthread_mutex_lock(&d->lock);
	if (repeated(d, loc, error, b.data)) {
		pthread_mutex_unlock(&d->lock);
		sg_buf_free(&b);
		return;
	}
	if (d->len == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 16;
		d->v = xrealloc(d->v, d->cap * sizeof(*d->v));
	}
	m = &d->v[d->len++];
	m->file = loc && loc->file ? xstrdup(loc->file) : NULL;
	m->line = loc ? loc->line : 0;
	m->col = loc ? loc->col : 0;
	m->error = error;
	m->rule = rule ? xstrdup(rule) : NULL;
	m->text = sg_buf_detach(&b);
	m->seq = d->seq++;
	if (error > 0)
		d->errors++;
	else if (error == 0)
		d->warnings++;
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

/* A line of information without a place (progress, summaries). */
void
sg_diag_note(struct sg_diag *d, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	add(d, NULL, -1, NULL, fmt, ap);
	va_end(ap);
}

/* An error (error set) or a warning found by the check named rule
 * ("aws-access-key-id", "heading-level", …), which --format json shows. */
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

/* The number of warnings ever reported. */
int
sg_diag_warnings(const struct sg_diag *d)
{
	return d->warnings;
}

/* From now on, print errors and warnings to fp as JSON, one object a
 * line (notes still go to the text stream). */
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
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Prints the pending messages sorted by file, line and column (so the
 * output does not depend on which worker found what first), and forgets
 * them. */
void
sg_diag_flush(struct sg_diag *d)
{
	const char	*word, *on = "", *off = "";
	struct msg	*m;
	size_t		 i;

	pthread_mutex_lock(&d->lock);
	sg_sort(d->v, d->len, sizeof(*d->v), cmp);
	for (i = 0; i < d->len; i++) {
		m = &d->v[i];
		word = m->error > 0 ? "error" : m->error == 0 ? "warning" :
		    NULL;
		if (d->json && word) {
			print_json(d->json, m);
			continue;
		}
		if (d->color && word)
			on = m->error > 0 ? "\033[1;31m" : "\033[1;35m",
			off = "\033[0m";
		if (word == NULL)
			fprintf(d->fp, "%s\n", m->text);
		else if (m->file && m->line > 0)
			fprintf(d->fp, "%s:%d:%d: %s%s:%s %s\n", m->file,
			    m->line, m->col > 0 ? m->col : 1, on, word, off,
			    m->text);
		else if (m->file)
			fprintf(d->fp, "%s: %s%s:%s %s\n", m->file, on, word,
			    off, m->text);
		else
			fprintf(d->fp, "sitegen: %s%s:%s %s\n", on, word, off,
			    m->text);
	}
	for (i = 0; i < d->len; i++) {
		free(d->v[i].file);
		free(d->v[i].rule);
		free(d->v[i].text);
	}
	d->len = 0;
	if (d->json)
		fflush(d->json);
	fflush(d->fp);
	pthread_mutex_unlock(&d->lock);
}

/* Moves the pending messages into b (for a worker process to send them
 * to its parent). */
void
sg_diag_export(struct sg_diag *d, struct sg_buf *b)
{
	size_t	 i;

	pthread_mutex_lock(&d->lock);
	sg_buf_put_num(b, (long long)d->len);
	for (i = 0; i < d->len; i++) {
		sg_buf_put_str(b, d->v[i].file);
		sg_buf_put_num(b, d->v[i].line);
		sg_buf_put_num(b, d->v[i].col);
		sg_buf_put_num(b, d->v[i].error);
		sg_buf_put_str(b, d->v[i].rule);
		sg_buf_put_str(b, d->v[i].text);
		free(d->v[i].file);
		free(d->v[i].rule);
		free(d->v[i].text);
	}
	d->len = 0;
	pthread_mutex_unlock(&d->lock);
}

/* Adds messages exported by sg_diag_export. Returns 0, or -1 if the data
 * is bad. */
int
sg_diag_import(struct sg_diag *d, struct sg_rd *r)
{
	struct sg_loc	 loc;
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
		if (!r->bad && text) {
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
