/* samples.c: the samples stage. Collects the C samples markdown.c found,
 * makes programs of them (a sample, or the name= parts of one on a page),
 * compiles and runs them in parallel through the sandbox unless the cache
 * has their result, checks what they did, and makes the HTML that
 * replaces each sample's placeholder in its page. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "path.h"
#include "pool.h"
#include "samples/samples_int.h"
#include "site.h"

struct apply_ctx {
	struct sg_site		*site;
	struct sg_samples	*ss;
};

/* Applies its page's samples mode to sample i (a worker of
 * sg_pool_run): each sample is its own, the site is read only and
 * diagnostics are sorted when printed. */
static void
apply_one(void *arg, int worker, size_t i)
{
	struct apply_ctx	*c = arg;

	(void)worker;
	sg_samples_apply_mode(c->site, c->ss->v[i]);
}

void
sg_samples_collect(struct sg_site *site, struct sg_samples *out)
{
	const struct sg_page	*p;
	struct apply_ctx	 c = { site, out };
	size_t			 i, j, n = 0;

	for (i = 0; i < site->npages; i++)
		n += site->pages[i]->md.nsamples;
	out->v = n ? xcalloc(n, sizeof(*out->v)) : NULL;
	out->len = 0;
	for (i = 0; i < site->npages; i++) {
		p = site->pages[i];
		for (j = 0; j < p->md.nsamples; j++)
			out->v[out->len++] = p->md.samples[j];
	}
	sg_pool_run(site->opt->jobs, out->len, apply_one, &c);
}

void
sg_samples_free(struct sg_samples *s)
{
	if (s == NULL)
		return;
	free(s->v);
	s->v = NULL;
	s->len = 0;
}

void
sg_sample_free(struct sg_sample *s)
{
	if (s == NULL)
		return;
	free(s->info);
	free(s->fence);
	free(s->code);
	free(s->expected);
	free(s->shown);
	free(s->shown_output);
	sx_folders_free(s->inc_dirs);
	sx_folders_free(s->src_dirs);
	free(s);
}

/* One more program is done: redraws the progress line, if there is one. */
void
sx_progress(struct samples_ctx *c)
{
	size_t	 done = atomic_fetch_add(&c->done, 1) + 1;

	if (!c->opts->progress)
		return;
	pthread_mutex_lock(&c->lock);
	fprintf(stderr, "\rsamples %zu/%zu", done, c->total);
	fflush(stderr);
	pthread_mutex_unlock(&c->lock);
}

/* Moves the string *from into *to unless *to is set; a different value
 * there is a conflict. Returns 0, or -1 on a conflict. */
static int
take(char **to, char **from)
{
	if (*from == NULL)
		return 0;
	if (*to == NULL) {
		*to = *from;
		*from = NULL;
		return 0;
	}
	return strcmp(*to, *from) ? -1 : 0;
}

static void
take_strv(struct strv *to, struct strv *from)
{
	if (to->len == 0 && from->len > 0) {
		*to = *from;
		from->v = NULL;
		from->len = 0;
	}
}

/* Merges the attributes b of a later part of a named program into a, the
 * program's. Returns 0, or -1 after reporting a conflict. */
static int
merge(struct samples_ctx *c, const struct sg_sample *part,
    const struct sg_sample *first, struct attrs *a, struct attrs *b)
{
	const char	*what = NULL;

	a->ignore |= b->ignore;
	a->no_run |= b->no_run;
	a->compile_fail |= b->compile_fail;
	if (b->has_exit && a->has_exit && a->exit_code != b->exit_code)
		what = "exit=";
	else if (b->has_exit) {
		a->exit_code = b->exit_code;
		a->has_exit = 1;
	}
	if (b->stdin_data && a->stdin_data && (a->stdin_len != b->stdin_len ||
	    memcmp(a->stdin_data, b->stdin_data, a->stdin_len)))
		what = "stdin=";
	else if (b->stdin_data && a->stdin_data == NULL) {
		a->stdin_len = b->stdin_len;
		take(&a->stdin_data, &b->stdin_data);
	}
	if (b->args_text && take(&a->args_text, &b->args_text) == -1)
		what = "args=";
	else
		take_strv(&a->args, &b->args);
	a->has_args |= b->has_args;
	if (b->cflags_text && take(&a->cflags_text, &b->cflags_text) == -1)
		what = "cflags=";
	else
		take_strv(&a->cflags, &b->cflags);
	if (b->ldflags_text && take(&a->ldflags_text, &b->ldflags_text) == -1)
		what = "ldflags=";
	else
		take_strv(&a->ldflags, &b->ldflags);
	if (what == NULL)
		return 0;
	sg_diag_error(c->site->diag, &part->loc, "%s differs from the one "
	    "at line %d: the parts of program '%s' are one program, give it "
	    "once", what, first->loc.line, a->name);
	return -1;
}

struct parse_ctx {
	struct samples_ctx	*c;
	const struct sg_samples	*ss;
	struct attrs		*a;
	char			*bad;
	size_t			*first;	/* each sample's program's first part */
	size_t			*prog;	/* a first part's program's number */
};

/* Parses sample i's attributes: a worker of sg_pool_run in make_progs. */
static void
parse_one(void *arg, int worker, size_t i)
{
	struct parse_ctx	*pc = arg;

	(void)worker;
	pc->bad[i] = sx_attrs_parse(pc->c, pc->ss->v[i], &pc->a[i]) == -1;
}

/* Makes the program whose first part is sample i, if it is one: a worker
 * of sg_pool_run in make_progs (its parts are its own, on its page). */
static void
make_one(void *arg, int worker, size_t i)
{
	struct parse_ctx	*pc = arg;
	struct samples_ctx	*c = pc->c;
	const struct sg_samples	*ss = pc->ss;
	struct prog		*p;
	size_t			 j, n = 1;

	(void)worker;
	if (pc->first[i] != i)
		return;
	p = xcalloc(1, sizeof(*p));
	c->progs[pc->prog[i]] = p;
	p->a = pc->a[i];
	memset(&pc->a[i], 0, sizeof(pc->a[i]));
	for (j = i + 1; p->a.name && j < ss->len &&
	    ss->v[j]->page == ss->v[i]->page; j++)
		n += pc->first[j] == i;
	p->parts = xcalloc(n, sizeof(*p->parts));
	for (j = i; p->nparts < n; j++) {
		if (pc->first[j] != i)
			continue;
		if (j > i && merge(c, ss->v[j], ss->v[i], &p->a,
		    &pc->a[j]) == -1)
			p->bad = 1;
		sx_attrs_free(&pc->a[j]);
		p->bad |= pc->bad[j];
		p->parts[p->nparts++] = ss->v[j];
		c->part_of[j] = p;
	}
	p->last = p->parts[p->nparts - 1];
	for (j = 0; j + 1 < p->nparts; j++) {
		if (p->parts[j]->out_line == 0)
			continue;
		sg_diag_error(c->site->diag, &p->parts[j]->loc, "the "
		    "output block of program '%s' goes after its last "
		    "part, at line %d", p->a.name, p->last->end_line);
		p->bad = 1;
	}
}

/* Assembles program i: a worker of sg_pool_run. */
static void
assemble_one(void *arg, int worker, size_t i)
{
	struct samples_ctx	*c = arg;
	struct prog		*p = c->progs[i];

	(void)worker;
	if (!p->bad && sx_prog_assemble(c, p) == -1)
		p->bad = 1;
	p->run = p->link && !p->a.ignore && !p->a.no_run && !p->a.compile_fail;
	/* a program never compiled nor exported needs its source no more
	 * (at 30,000 ignored samples, 10 MB less at the build's peak) */
	if (p->bad || p->a.ignore) {
		free(p->src);
		free(p->plain);
		p->src = p->plain = NULL;
	}
}

/* Makes the programs from the samples: each sample, or all name= parts
 * of one name on a page, in the order of their first part. Which sample
 * is whose is found here, the programs are made side by side (one by
 * one, 12 ms of a 10,000-page build's 30,000 samples). */
static void
make_progs(struct samples_ctx *c, const struct sg_samples *ss)
{
	struct parse_ctx pc;
	size_t		 i, j;

	pc.c = c;
	pc.ss = ss;
	pc.a = xcalloc(ss->len, sizeof(*pc.a));
	pc.bad = xcalloc(ss->len, 1);
	pc.first = xcalloc(ss->len, sizeof(*pc.first));
	pc.prog = xcalloc(ss->len, sizeof(*pc.prog));
	/* each sample's attributes on their own, side by side (at 30,000
	 * samples, 30 ms on one thread) */
	sg_pool_run(c->opts->jobs, ss->len, parse_one, &pc);
	for (i = 0; i < ss->len; i++)
		pc.first[i] = SIZE_MAX;
	for (i = 0; i < ss->len; i++) {
		if (pc.first[i] != SIZE_MAX)
			continue;
		pc.first[i] = i;
		pc.prog[i] = c->nprogs++;
		/* the parts of a program are on its page, and a page's
		 * samples are side by side in ss (sg_samples_collect): the
		 * search ends with the page (it went on to the last sample
		 * of the site, 0.45 s at 10,000 pages of 3 named parts) */
		for (j = i + 1; pc.a[i].name && j < ss->len &&
		    ss->v[j]->page == ss->v[i]->page; j++)
			if (pc.first[j] == SIZE_MAX && pc.a[j].name &&
			    strcmp(pc.a[j].name, pc.a[i].name) == 0)
				pc.first[j] = i;
	}
	c->progs = xcalloc(c->nprogs + 1, sizeof(*c->progs));
	sg_pool_run(c->opts->jobs, ss->len, make_one, &pc);
	free(pc.a);
	free(pc.bad);
	free(pc.first);
	free(pc.prog);
}

/* Splits samples.cflags and samples.ldflags. Returns 0, or -1. */
static int
site_flags(struct samples_ctx *c)
{
	const struct sg_value	*m = sg_value_get(c->site->config.root,
				    "samples"), *v;
	struct sg_loc		 loc = { "site.yml", 0, 0 };
	int			 rc = 0;

	if (sx_shell_split(c->site->config.cflags, &c->cflags) == -1) {
		if (m && (v = sg_value_get(m, "cflags")) != NULL)
			loc = v->loc;
		sg_diag_error(c->site->diag, &loc, "samples.cflags: a quote is "
		    "not closed or a backslash ends it");
		rc = -1;
	}
	if (sx_shell_split(c->site->config.ldflags, &c->ldflags) == -1) {
		if (m && (v = sg_value_get(m, "ldflags")) != NULL)
			loc = v->loc;
		sg_diag_error(c->site->diag, &loc, "samples.ldflags: a quote "
		    "is not closed or a backslash ends it");
		rc = -1;
	}
	return rc;
}

static int
cmp_ckey(const void *a, const void *b)
{
	const struct prog	*x = *(struct prog *const *)a;
	const struct prog	*y = *(struct prog *const *)b;
	int			 d = memcmp(x->ckey, y->ckey, SG_KEY_LEN);

	/* then by position, which makes the order total */
	return d ? d : x->parts[0]->page->index != y->parts[0]->page->index ?
	    (x->parts[0]->page->index < y->parts[0]->page->index ? -1 : 1) :
	    x->parts[0]->index < y->parts[0]->index ? -1 :
	    x->parts[0]->index > y->parts[0]->index;
}

struct groups {
	struct samples_ctx	*c;
	struct prog		**v;	/* sorted by compile key */
	size_t			*start;	/* group i is v[start[i]..start[i+1]) */
};

static void
group_one(void *arg, int worker, size_t i)
{
	struct groups	*g = arg;

	(void)worker;
	sx_exec_group(g->c, g->v + g->start[i], g->start[i + 1] -
	    g->start[i]);
}

/* Compiles and runs what the cache does not hold, one job per distinct
 * source and flags, over the workers. */
static void
work(struct samples_ctx *c)
{
	struct groups	 g;
	size_t		 n = 0, ngroups = 0, i;

	g.c = c;
	g.v = xcalloc(c->nprogs + 1, sizeof(*g.v));
	g.start = xcalloc(c->nprogs + 1, sizeof(*g.start));
	for (i = 0; i < c->nprogs; i++)
		if (!c->progs[i]->bad && !c->progs[i]->a.ignore)
			g.v[n++] = c->progs[i];
	sg_sort(g.v, n, sizeof(*g.v), cmp_ckey);
	for (i = 0; i < n; i++)
		if (i == 0 || memcmp(g.v[i]->ckey, g.v[i - 1]->ckey,
		    SG_KEY_LEN) != 0)
			g.start[ngroups++] = i;
	g.start[ngroups] = n;
	sg_pool_run(c->opts->jobs, ngroups, group_one, &g);
	free(g.v);
	free(g.start);
}

/* The end of program i, after every program ran (workers of sg_pool_run:
 * a program touches only itself and its own parts, and diagnostics are
 * sorted when printed). In page order on one core, these took 17 ms of
 * a 10,000-page build's 30,000 samples. */
static void
check_one(void *arg, int worker, size_t i)
{
	struct samples_ctx	*c = arg;

	(void)worker;
	sx_check_prog(c, c->progs[i]);
}

static void
show_one(void *arg, int worker, size_t i)
{
	struct samples_ctx	*c = arg;

	(void)worker;
	sx_report_output(c, c->progs[i]);
	sx_make_shown(c, c->progs[i]);
}

static void
free_one(void *arg, int worker, size_t i)
{
	struct samples_ctx	*c = arg;

	(void)worker;
	sx_prog_free(c->progs[i]);
}

int
sg_samples_run(struct sg_site *site, struct sg_samples *ss,
    const struct sg_samples_opts *opts)
{
	struct samples_ctx	 c;
	struct prog		*p;
	size_t			 i, cached = 0, compiled = 0;
	int			 failed = 0, ready = 0, limits_ok;

	if (ss->len == 0)
		return 0;
	memset(&c, 0, sizeof(c));
	c.site = site;
	c.opts = opts;
	pthread_mutex_init(&c.lock, NULL);
	atomic_init(&c.ncompiles, 0);
	atomic_init(&c.nruns, 0);
	atomic_init(&c.done, 0);
	if ((c.root_real = realpath(site->root, NULL)) == NULL)
		c.root_real = xstrdup(site->root);
	c.cache_dir = sg_path_join(c.root_real, ".sitegen/samples");
	c.part_of = xcalloc(ss->len, sizeof(*c.part_of));
	limits_ok = sx_limits_setup(&c) == 0;
	make_progs(&c, ss);
	sg_pool_run(opts->jobs, c.nprogs, assemble_one, &c);
	for (i = 0; i < c.nprogs; i++)
		if (!c.progs[i]->bad && !c.progs[i]->a.ignore)
			compiled++;
	if (compiled > 0)
		ready = limits_ok && site_flags(&c) == 0 &&
		    sx_exec_setup(&c) == 0;
	for (i = 0; i < c.nprogs; i++) {
		p = c.progs[i];
		if (p->bad || p->a.ignore)
			continue;
		if (!ready) {
			p->bad = 1;
			continue;
		}
		sx_cache_keys(&c, p);
		if (sx_cache_get(&c, p)) {
			p->have = p->cached = 1;
			cached++;
		}
		c.total++;
	}
	atomic_store(&c.done, cached);
	if (opts->progress && c.total > cached) {
		fprintf(stderr, "\rsamples %zu/%zu", cached, c.total);
		fflush(stderr);
	}
	if (ready)
		work(&c);
	if (opts->progress && c.total > cached) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
	}
	sg_pool_run(opts->jobs, c.nprogs, check_one, &c);
	if (opts->bless)
		sx_bless(&c);
	sg_pool_run(opts->jobs, c.nprogs, show_one, &c);
	for (i = 0; i < c.nprogs; i++)
		if (c.progs[i]->failed)
			failed += (int)c.progs[i]->nparts;
	if (opts->export_dir)
		sx_export_all(&c);
	if (site->opt->verbose)
		fprintf(stderr, "sitegen: samples: %zu programs, %zu compiles, "
		    "%zu runs, %zu from the cache\n", c.nprogs,
		    atomic_load(&c.ncompiles), atomic_load(&c.nruns), cached);

	sx_tmp_fini();
	sg_pool_run(opts->jobs, c.nprogs, free_one, &c);
	free(c.progs);
	free(c.part_of);
	sx_strv_free(&c.cflags);
	sx_strv_free(&c.ldflags);
	free(c.root_real);
	free(c.incdir);
	free(c.cc);
	free(c.ccver);
	free(c.ccdir);
	free(c.cache_dir);
	free(c.tmpbase);
	free(c.tmpreal);
	pthread_mutex_destroy(&c.lock);
	return failed;
}
