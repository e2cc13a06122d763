/* build.c: the build as a flat list of stages, read top to bottom: config,
 * content, Markdown, resolve, links, assets, templates, render and write,
 * swap. A stage runs to its end to report every error it can find; the
 * build stops at the first stage boundary with errors. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "out/alias.h"
#include "out/assets.h"
#include "build.h"
#include "check/check.h"
#include "out/handouts.h"
#include "output.h"
#include "path.h"
#include "out/pdf/pdf.h"
#include "pool.h"
#include "templates/render.h"
#include "samples/samples.h"
#include "check/secrets.h"
#include "out/search/search.h"
#include "site.h"
#include "out/shortcodes.h"
#include "out/slides.h"

struct render_ctx {
	struct sg_site		*site;
	struct sg_render	*render;
	struct sg_output	*out;
	struct sg_job		*jobs;
	struct sg_check		*check;		/* check: the links, or NULL */
	struct sg_search	*search;
	struct sg_live		*live;		/* serve: what to keep, or NULL */
	size_t			 njobs;
	size_t			 first;		/* the job the render starts at */
};

/* Frees what a page's tree is made from (its text, its packed tree) once
 * the page is written and no output needs the tree again. */
static void
drop_source(struct sg_page *p)
{
	free(p->text);
	p->text = NULL;
	free(p->md.packed);
	p->md.packed = NULL;
	p->md.npacked = 0;
}

static void
render_one(void *arg, int worker, size_t i)
{
	struct render_ctx	*c = arg;
	const struct sg_job	*job;
	struct sg_md		*md = NULL;
	struct sg_page		*p = NULL;
	const char		*html;
	size_t			 len;

	/* the i-th job taken is the one past the pages' (see write_stage) */
	i = (i + c->first) % c->njobs;
	job = &c->jobs[i];

	/* a page's HTML is read by its own render only (the model copies
	 * that of section pages, made before): it is made from the tree
	 * here, and the tree and the HTML go once the page is written */
	if (job->kind == SG_JOB_PAGE) {
		p = c->site->pages[job->index];
		md = &p->md;
		sg_md_tree(c->site, p);
		sg_md_render(c->site, md);
	}
	if (sg_render_borrow(c->render, worker, job, &html, &len) == 0) {
		sg_check_html(c->check, job->out, html, len);
		sg_out_write(c->out, job->out, html, len);
	}
	if (c->live)
		sg_live_note(c->live, c->render, worker, i);
	if (md) {
		sg_search_page(c->search, worker, p);
		free(md->html);
		md->html = NULL;
		sg_md_drop_tree(md);
		if (c->live == NULL)
			drop_source(p);
	}
}

/* The line of a page's 'template:', or 1: where a missing template is
 * blamed. */
static int
template_line(const struct sg_page *p)
{
	const struct sg_value	*v = p && p->fm ? sg_value_get(p->fm,
				    "template") : NULL;

	return v ? v->loc.line : p ? 1 : 0;
}

static void
add_job(struct sg_job **v, size_t *n, int kind, size_t index,
    const char *template, const char *out, const char *src, int line)
{
	struct sg_job	*j;

	/* the list doubles when full (its lengths are 0 and the powers
	 * of two): one realloc a job copied it over and over at 10,000 */
	if ((*n & (*n - 1)) == 0)
		*v = xrealloc(*v, (*n ? 2 * *n : 1) * sizeof(**v));
	j = &(*v)[(*n)++];
	j->kind = kind;
	j->index = index;
	j->template = template;
	j->out = out;
	j->src = src;
	j->line = line;
}

/* Every output file a template makes: pages, sections (the home page is
 * index.html), tags, the site-wide files the theme has templates for,
 * and the sections' own feeds. */
static size_t
list_jobs(const struct sg_site *site, const struct sg_render *r,
    struct sg_job **jobs)
{
	static const char *const special[] = {
		"404.html", "sitemap.xml", "atom.xml", "robots.txt", NULL
	};
	const struct sg_page	*p;
	const struct sg_section	*s;
	size_t			 n = 0, i;

	*jobs = NULL;
	for (i = 0; i < site->npages; i++) {
		p = site->pages[i];
		if (p->owner == NULL)
			add_job(jobs, &n, SG_JOB_PAGE, i, p->template ?
			    p->template : "page.html", p->out, p->src,
			    template_line(p));
	}
	for (i = 0; i < site->nsections; i++) {
		s = site->sections[i];
		add_job(jobs, &n, SG_JOB_SECTION, i, s->page &&
		    s->page->template ? s->page->template : s == site->home ?
		    "index.html" : "section.html", s->out, s->page ?
		    s->page->src : "content", template_line(s->page));
	}
	if (sg_render_has(r, "tag.html"))
		for (i = 0; i < site->ntags; i++)
			add_job(jobs, &n, SG_JOB_TAG, i, "tag.html",
			    site->tags[i]->out, "content", 0);
	/* the terms of each taxonomy (tags with tag.html have theirs) and
	 * the list of each taxonomy, empty or not */
	for (i = 0; i < site->nterms && sg_render_has(r, "term.html"); i++)
		if (strcmp(site->terms[i]->tax->plural, "tags") != 0 ||
		    !sg_render_has(r, "tag.html"))
			add_job(jobs, &n, SG_JOB_TERM, i, "term.html",
			    site->terms[i]->out, "content", 0);
	for (i = 0; i < site->ntaxonomies && sg_render_has(r,
	    "taxonomy.html"); i++)
		add_job(jobs, &n, SG_JOB_TAXONOMY, i, "taxonomy.html",
		    site->taxonomies[i]->out, "site.yml",
		    site->taxonomies[i]->loc.line);
	for (i = 0; special[i]; i++)
		if (sg_render_has(r, special[i]) && (i < 1 || i > 2 ||
		    sg_feeds_ok(site, special[i])))
			add_job(jobs, &n, SG_JOB_SPECIAL, 0, special[i],
			    special[i], NULL, 0);
	for (i = 0; i < site->nsections && sg_render_has(r, "atom.xml"); i++)
		if ((s = site->sections[i])->feed != NULL)
			add_job(jobs, &n, SG_JOB_FEED, i, "atom.xml", s->feed,
			    s->page ? s->page->src : "content", 0);
	return n;
}

static int
cmp_job_out(const void *a, const void *b)
{
	return strcmp((*(const struct sg_job *const *)a)->out,
	    (*(const struct sg_job *const *)b)->out);
}

/* Where an output clash is blamed: a page's 'slug:' line, or its file. */
static void
blame(const struct sg_site *site, const struct sg_job *j, struct sg_loc *loc)
{
	const struct sg_page	*p = NULL;
	const struct sg_value	*v;

	loc->file = j->src ? j->src : "content";
	loc->line = loc->col = 0;
	if (j->kind == SG_JOB_PAGE)
		p = site->pages[j->index];
	else if (j->kind == SG_JOB_SECTION)
		p = site->sections[j->index]->page;
	if (p && p->fm && (v = sg_value_get(p->fm, "slug")) != NULL)
		*loc = v->loc;
	else if (p)
		loc->line = loc->col = 1;
}

static const struct sg_job *
find_out(const struct sg_job **v, size_t n, const char *out)
{
	size_t	 lo = 0, hi = n, mid;
	int	 c;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if ((c = strcmp(out, v[mid]->out)) == 0)
			return v[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* Two output files must not clash: the same path twice (a page's slug
 * 'sitemap.xml/..' is not one, but 'index.html' as a slug makes
 * index.html a folder), or one file where another needs a folder.
 * Reported at the page's slug. Returns the number of clashes. */
static int
check_outputs(struct sg_site *site, const struct sg_job *jobs, size_t n)
{
	const struct sg_job	**v = xcalloc(n + 1, sizeof(*v)), *other;
	struct sg_loc		  loc;
	char			 *dir, *slash;
	size_t			  i;
	int			  bad = 0;

	for (i = 0; i < n; i++)
		v[i] = &jobs[i];
	sg_sort(v, n, sizeof(*v), cmp_job_out);
	for (i = 0; i < n; i++) {
		other = i > 0 && !strcmp(v[i - 1]->out, v[i]->out) ?
		    v[i - 1] : NULL;
		dir = xstrdup(v[i]->out);
		while (other == NULL && (slash = strrchr(dir, '/')) != NULL) {
			*slash = '\0';
			other = find_out(v, n, dir);
		}
		if (other) {
			blame(site, v[i], &loc);
			sg_diag_error(site->diag, &loc, "this page's output "
			    "file %s clashes with %s, made from %s: choose "
			    "another 'slug'", v[i]->out, other->out,
			    other->src ? other->src : other->template);
			bad++;
		}
		free(dir);
	}
	free(v);
	return bad;
}

static void
tree_one(void *arg, int worker, size_t i)
{
	struct sg_site	*site = arg;

	(void)worker;
	sg_md_tree(site, site->handouts->pages[i]);
}

static void
pdf_one(void *arg, int worker, size_t i)
{
	struct sg_site	*site = arg;

	(void)worker;
	sg_pdf_handout(site, site->handouts, &site->handouts->v[i],
	    site->diag, &site->handouts->bufs[i]);
}

/* The handout PDFs, one a worker, into site->handouts->bufs, from the
 * trees of their pages (made again for them, then dropped), so while the
 * pages' sources are still loaded. */
static void
make_handouts(struct sg_site *site)
{
	struct sg_handouts	*hs = site->handouts;
	size_t			 i;
	char			*made;

	if (hs == NULL || hs->len == 0)
		return;
	sg_handouts_pages(hs);
	/* the trees the Markdown stage kept stay for the render; those made
	 * here go once the handouts are laid out */
	made = xcalloc(hs->npages ? hs->npages : 1, sizeof(*made));
	for (i = 0; i < hs->npages; i++)
		made[i] = hs->pages[i]->md.doc == NULL;
	sg_pool_run(site->opt->jobs, hs->npages, tree_one, site);
	hs->bufs = xcalloc(hs->len, sizeof(struct sg_buf));
	sg_pool_run(site->opt->jobs, hs->len, pdf_one, site);
	for (i = 0; i < hs->npages; i++)
		if (made[i])
			sg_md_drop_tree(&hs->pages[i]->md);
	free(made);
}

/* Writes the handouts made into out, or with out NULL (sitegen pdf)
 * straight into outdir/handouts/, each file replaced whole. */
static void
write_handouts(struct sg_site *site, struct sg_output *out,
    const char *outdir)
{
	struct sg_handouts	*hs = site->handouts;
	struct sg_loc		 loc = { NULL, 0, 0 };
	char			*path, *tmp;
	size_t			 i;

	for (i = 0; hs && hs->bufs && i < hs->len; i++) {
		if (out) {
			sg_out_write(out, hs->v[i].out, hs->bufs[i].data,
			    hs->bufs[i].len);
			continue;
		}
		path = sg_path_join(outdir, hs->v[i].out);
		tmp = sg_path_dir(path);
		sg_mkdirs(tmp);
		free(tmp);
		tmp = xasprintf("%s.tmp", path);
		if (sg_file_write(tmp, hs->bufs[i].data, hs->bufs[i].len) ==
		    -1 || rename(tmp, path) == -1)
			sg_diag_error(site->diag, &loc, "cannot write %s: %s",
			    path, strerror(errno));
		free(tmp);
		free(path);
	}
}

static int
stop(struct sg_site *site)
{
	sg_diag_flush(site->diag);
	return sg_diag_errors(site->diag) > 0;
}

/* Adds a render of templates/slides.html for each deck to the n jobs
 * in *v; returns the new count. */
static size_t
deck_jobs(const struct sg_decks *ds, struct sg_job **v, size_t n)
{
	size_t	 i;

	for (i = 0; ds && i < ds->len; i++)
		add_job(v, &n, SG_JOB_DECK, ds->v[i].page->index,
		    "slides.html", ds->v[i].out_html, ds->v[i].page->src, 1);
	return n;
}

/* sitegen slides: each deck's HTML and PDFs straight into outdir. */
static int
decks_only(struct sg_site *site, struct sg_render *render,
    struct sg_decks *ds, const char *outdir, double t0)
{
	struct sg_job	*jobs = NULL;
	size_t		 n, i, len;
	char		*html;

	n = deck_jobs(ds, &jobs, 0);
	for (i = 0; i < n; i++)
		if (sg_render_run(render, 0, &jobs[i], &html, &len) == 0) {
			sg_slides_put(site, outdir, jobs[i].out, html, len);
			free(html);
		}
	free(jobs);
	if (sg_diag_errors(site->diag) == 0)
		sg_slides_write(site, ds, NULL, outdir);
	if (stop(site))
		return 1;
	if (!site->opt->quiet)
		fprintf(stderr, "sitegen: %zu deck%s written to %s/slides in "
		    "%.0f ms\n", n, n == 1 ? "" : "s", outdir,
		    (sg_now() - t0) * 1000);
	return 0;
}

/* The closing line of sitegen check: what was checked, what was found. */
static void
checked(const struct sg_site *site)
{
	int	 e = sg_diag_errors(site->diag), w = sg_diag_warnings(site->diag);

	fprintf(stderr, "sitegen: checked %zu page%s, %zu section%s (links, "
	    "anchors, samples, credentials, headings, titles, reachability):"
	    " ", site->npages, site->npages == 1 ? "" : "s", site->nsections,
	    site->nsections == 1 ? "" : "s");
	if (e == 0 && w == 0)
		fprintf(stderr, "no problems\n");
	else
		fprintf(stderr, "%d error%s, %d warning%s\n", e, e == 1 ? "" :
		    "s", w, w == 1 ? "" : "s");
}

void
sg_live_note(struct sg_live *l, const struct sg_render *r, int worker,
    size_t i)
{
	const size_t	*v;
	size_t		 n = sg_render_reads(r, worker, &v);

	free(l->reads[i]);
	l->reads[i] = n ? xmalloc(n * sizeof(*v)) : NULL;
	if (n)
		memcpy(l->reads[i], v, n * sizeof(*v));
	l->nreads[i] = n;
}

void
sg_live_free(struct sg_live *l)
{
	size_t	 i;

	if (l == NULL)
		return;
	for (i = 0; i < l->njobs; i++)
		free(l->reads[i]);
	free(l->reads);
	free(l->nreads);
	free(l->jobs);
	sg_search_free(l->search);
	sg_render_free(l->render);
	sg_decks_free(l->decks);
	sg_site_free(l->site);
	free(l);
}

void
sg_live_handouts(struct sg_live *l, struct sg_output *out)
{
	struct sg_handouts	*hs = l->site->handouts;
	size_t			 i;

	if (hs == NULL || hs->len == 0)
		return;
	for (i = 0; hs->bufs && i < hs->len; i++)
		sg_buf_free(&hs->bufs[i]);
	free(hs->bufs);
	hs->bufs = NULL;
	make_handouts(l->site);
	if (sg_diag_errors(l->site->diag) == 0)
		write_handouts(l->site, out, NULL);
}

static int	build(const struct sg_options *, struct sg_live **);

int
sg_build(const struct sg_options *opt)
{
	return build(opt, NULL);
}

int
sg_build_live(const struct sg_options *opt, struct sg_live **live)
{
	*live = xcalloc(1, sizeof(**live));
	return build(opt, live);
}

/* One build's state, handed from stage to stage. */
struct run {
	const struct sg_options	*opt;
	struct sg_live		**live;		/* serve: where to keep it */
	struct sg_site		*site;
	struct sg_render	*render;
	struct sg_output	*out;
	struct render_ctx	 ctx;
	struct sg_job		*jobs;
	size_t			 njobs;
	struct sg_samples	 samples;
	struct sg_secrets	*secrets;
	struct sg_search	*search;
	struct sg_decks		*decks;
	char			*outdir;
	double			 t0;
	struct sg_lap		 t;
	int			 committed;	/* sg_out_commit's, or -1 */
};

/* The credential scan of the sources, first of the checks: the pages
 * were scanned as they were parsed; the other files of content/ and what
 * pages include from elsewhere now. */
static void
scan_sources(struct run *r)
{
	if (r->secrets == NULL)
		return;
	sg_secrets_scan_sources(r->secrets, r->site, r->opt->jobs);
	sg_site_lap(r->site, "secrets", &r->t);
}

/* Config, content, Markdown, links and anchors; the assets and the
 * templates, and the output files they will make. Returns nonzero to
 * stop. */
static int
load_stage(struct run *r)
{
	const struct sg_options	*opt = r->opt;
	struct sg_site		*site = r->site;

	/* a page's text goes once its tree is packed, unless serve parses
	 * it again, check reads its lines or --bless rewrites them */
	site->drop_texts = r->live == NULL && !opt->dry_run &&
	    !opt->samples_only;
	sg_site_load(site);
	sg_feeds_plan(site);
	sg_lap_start(&r->t);
	r->secrets = site->secrets;
	if (!opt->samples_only && sg_diag_errors(site->diag) == 0)
		scan_sources(r);
	if (sg_diag_errors(site->diag) == 0 && (site->handouts =
	    sg_handouts_load(site)) && site->handouts->len)
		sg_pdf_check_fonts(site->handouts, site->diag);
	if (!opt->samples_only && !opt->pdf_only &&
	    sg_diag_errors(site->diag) == 0) {
		sg_assets_build(site, &site->assets);
		/* two output files in one place are found before any work */
		if (sg_render_new(site, opt->jobs, &r->render) == 0) {
			if (r->live)
				sg_render_track(r->render);
			sg_shortcodes_expand(site, r->render, opt->jobs);
			r->njobs = list_jobs(site, r->render, &r->jobs);
			check_outputs(site, r->jobs, r->njobs);
			sg_render_check_jobs(r->render, r->jobs, r->njobs);
			free(r->jobs);
			r->jobs = NULL;
			r->njobs = 0;
		}
		r->search = sg_search_new(site, opt->jobs);
		if (r->live)
			sg_search_keep(r->search);
	}
	return stop(site);
}

/* The samples, compiled and run only once everything cheaper has been
 * checked. Returns nonzero to stop, with *rc set for `sitegen samples`. */
static int
samples_stage(struct run *r, int *rc)
{
	const struct sg_options	*opt = r->opt;
	struct sg_samples_opts	 sopt;
	int			 failed;

	sg_samples_collect(r->site, &r->samples);
	/* a section's samples: setting that is wrong stops here, before
	 * any compiler starts */
	if (stop(r->site))
		return 1;
	memset(&sopt, 0, sizeof(sopt));
	sopt.jobs = opt->jobs;
	sopt.bless = opt->bless;
	sopt.export_dir = opt->export_dir;
	sopt.progress = !opt->quiet && isatty(STDERR_FILENO);
	sg_site_lap(r->site, "templates", &r->t);
	failed = sg_samples_run(r->site, &r->samples, &sopt);
	sg_site_lap(r->site, "samples", &r->t);
	if (opt->samples_only) {
		stop(r->site);
		printf("%zu passed, %d failed\n", r->samples.len -
		    (size_t)failed, failed);
		*rc = failed > 0 || sg_diag_errors(r->site->diag) > 0;
		return 1;
	}
	return stop(r->site);
}

/* The checks of sitegen check, the handouts and the decks. Returns
 * nonzero to stop, with *rc set when `sitegen pdf` or `sitegen slides` is
 * done. */
static int
documents_stage(struct run *r, int *rc)
{
	const struct sg_options	*opt = r->opt;
	struct sg_site		*site = r->site;

	if (opt->dry_run)
		sg_check_pages(site);
	if (!opt->slides_only)
		make_handouts(site);
	sg_site_lap(site, "pdf", &r->t);
	if (stop(site))
		return 1;
	if (opt->pdf_only) {
		write_handouts(site, NULL, r->outdir);
		if (stop(site))
			return 1;
		if (!opt->quiet)
			fprintf(stderr, "sitegen: %zu handout%s written to "
			    "%s/handouts in %.0f ms\n", site->handouts->len,
			    site->handouts->len == 1 ? "" : "s", r->outdir,
			    (sg_now() - r->t0) * 1000);
		*rc = 0;
		return 1;
	}
	/* the decks, from their pages' trees made again and kept, without
	 * the notes, for the pages' own render */
	if ((r->decks = sg_slides_load(site)) != NULL && !stop(site)) {
		sg_slides_make(site, r->decks);
		sg_site_lap(site, "slides", &r->t);
	}
	if (stop(site))
		return 1;
	if (opt->slides_only) {
		*rc = decks_only(site, r->render, r->decks, r->outdir, r->t0);
		return 1;
	}
	return 0;
}

/* Section page i of site->all (a worker of sg_pool_run): its HTML, which
 * every worker's model holds, and its entry in the search index. */
static void
section_page(void *arg, int worker, size_t i)
{
	struct run	*r = arg;
	struct sg_page	*p = r->site->all[i];

	if (p->owner != NULL && !p->skipped) {
		sg_md_tree(r->site, p);
		sg_md_render(r->site, &p->md);
		sg_search_page(r->search, worker, p);
		sg_md_drop_tree(&p->md);
	}
	if ((p->owner != NULL || p->skipped) && r->live == NULL)
		drop_source(p);
}

/* The HTML of section pages, made before any page is rendered, on every
 * worker (one after the other, they were a tenth of the time --jobs 2
 * took to render 1,000 pages); the other pages' sources stay until each
 * is rendered. */
static void
section_pages(struct run *r)
{
	sg_pool_run(r->opt->jobs, r->site->nall, section_page, r);
}

/* Renders and writes every output file into the stage, then swaps it in.
 * Returns nonzero to stop. */
static int
write_stage(struct run *r)
{
	const struct sg_options	*opt = r->opt;
	struct sg_site		*site = r->site;
	struct sg_search_stats	 sst;

	if ((r->out = sg_out_open(r->outdir, opt->root, (opt->dry_run ?
	    SG_OUT_DRY : 0) | (opt->force ? SG_OUT_FORCE : 0), opt->jobs,
	    site->diag)) == NULL || stop(site))
		return 1;
	sg_out_scan(r->out, r->secrets);
	r->njobs = list_jobs(site, r->render, &r->jobs);
	r->njobs = deck_jobs(r->decks, &r->jobs, r->njobs);
	r->ctx.site = site;
	r->ctx.render = r->render;
	r->ctx.out = r->out;
	r->ctx.jobs = r->jobs;
	/* the lists (tags, terms, the sitemap: a 10,000-page site's
	 * largest renders, 5 to 23 ms each) are taken first, the pages
	 * after them: last, they left one worker rendering them while the
	 * other waited, 10-30 ms of the render at 10,000 pages on two */
	r->ctx.njobs = r->njobs;
	for (r->ctx.first = 0; r->ctx.first < r->njobs &&
	    r->jobs[r->ctx.first].kind == SG_JOB_PAGE; r->ctx.first++)
		;
	r->ctx.check = opt->dry_run ? sg_check_new(site) : NULL;
	r->ctx.search = r->search;
	if (r->live) {
		r->ctx.live = *r->live;
		r->ctx.live->reads = xcalloc(r->njobs + 1, sizeof(size_t *));
		r->ctx.live->nreads = xcalloc(r->njobs + 1, sizeof(size_t));
		r->ctx.live->njobs = r->njobs;
	}
	sg_pool_run(opt->jobs, r->njobs, render_one, &r->ctx);
	sg_site_lap(site, "render", &r->t);
	if (r->search && sg_search_write(r->search, r->out, &sst) == 0 &&
	    opt->verbose)
		fprintf(stderr, "sitegen: search: %zu pages, %zu terms, %zu "
		    "files, %zu bytes (entry %zu, %zu shards, largest %zu)\n",
		    sst.pages, sst.terms, sst.files, sst.bytes, sst.entry,
		    sst.shards, sst.shard_max);
	sg_site_lap(site, "search", &r->t);
	write_handouts(site, r->out, r->outdir);
	sg_slides_write(site, r->decks, r->out, r->outdir);
	sg_assets_write(site, site->assets, r->out);
	sg_alias_write(site, r->out);
	sg_site_lap(site, "assets", &r->t);
	sg_secrets_report(r->secrets);
	sg_check_reach(r->ctx.check, site);
	if (stop(site))
		return 1;
	r->committed = sg_out_commit(r->out);
	r->out = NULL;
	if (r->committed != 0) {
		stop(site);
		return 1;
	}
	sg_site_lap(site, "swap", &r->t);
	return 0;
}

/* serve keeps the site, its templates and its index for the edits to
 * come: moved into *r->live. */
static void
keep_live(struct run *r)
{
	struct sg_live	*l = *r->live;

	l->site = r->site;
	l->render = r->render;
	l->search = r->search;
	l->decks = r->decks;
	l->jobs = r->jobs;
	r->site = NULL;
	r->render = NULL;
	r->search = NULL;
	r->decks = NULL;
	r->jobs = NULL;
	r->live = NULL;
}

static int
build(const struct sg_options *opt, struct sg_live **live)
{
	struct run	 r;
	int		 rc = 1;

	memset(&r, 0, sizeof(r));
	r.opt = opt;
	r.live = live;
	r.committed = -1;
	sg_lap_start(&r.t);
	r.t0 = r.t.wall;
	r.site = sg_site_new(opt);
	if (opt->json)
		sg_diag_set_json(r.site->diag, stdout);
	r.outdir = opt->out ? xstrdup(opt->out) : sg_path_join(opt->root,
	    "public");

	if (load_stage(&r) || samples_stage(&r, &rc) ||
	    documents_stage(&r, &rc))
		goto out;
	section_pages(&r);
	if (write_stage(&r))
		goto out;
	if (!opt->quiet && opt->dry_run)
		checked(r.site);
	else if (!opt->quiet)
		fprintf(stderr, "sitegen: %zu pages, %zu sections, %zu tags "
		    "written to %s in %.0f ms\n", r.site->npages,
		    r.site->nsections, r.site->ntags, r.outdir,
		    (sg_now() - r.t0) * 1000);
	rc = 0;
	if (r.live)
		keep_live(&r);
out:
	if (r.site != NULL) {
		sg_diag_flush(r.site->diag);
		if (rc != 0 && !opt->quiet && opt->dry_run &&
		    !opt->samples_only)
			checked(r.site);
		else if (rc != 0 && r.committed != 1 && !opt->quiet)
			fprintf(stderr, "sitegen: %d error%s; %s left as it "
			    "was\n", sg_diag_errors(r.site->diag),
			    sg_diag_errors(r.site->diag) == 1 ? "" : "s",
			    r.outdir);
	}
	if (r.live) {
		sg_live_free(*r.live);
		*r.live = NULL;
	}
	sg_out_discard(r.out);
	/* at 10,000 pages, freeing every page, record and Lua state one by
	 * one took 110 ms, on one thread, after the output was in place */
	if (opt->exits && r.live == NULL)
		return rc;
	sg_samples_free(&r.samples);
	sg_check_free(r.ctx.check);
	free(r.jobs);
	sg_search_free(r.search);
	sg_render_free(r.render);
	sg_decks_free(r.decks);
	sg_site_free(r.site);
	free(r.outdir);
	return rc;
}
