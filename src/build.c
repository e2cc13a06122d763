/* build.c: the build as a flat list of stages, read top to bottom: config,
 * content, Markdown, resolve, links, assets, templates, render and write,
 * swap. A stage runs to its end to report every error it can find; the
 * build stops at the first stage boundary with errors. */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "assets.h"
#include "build.h"
#include "output.h"
#include "parse.h"
#include "path.h"
#include "pool.h"
#include "render.h"
#include "samples.h"
#include "site.h"

struct render_ctx {
	struct sg_site		*site;
	struct sg_render	*render;
	struct sg_output	*out;
	struct sg_job		*jobs;
};

static void
render_one(void *arg, int worker, size_t i)
{
	struct render_ctx	*c = arg;
	const struct sg_job	*job = &c->jobs[i];
	char			*html;
	size_t			 len;

	if (sg_render_run(c->render, worker, job, &html, &len) == 0)
		sg_out_write(c->out, job->out, html, len);
	free(html);
	/* a page's HTML is read by its own render only (the model copies
	 * that of section pages), so it can go now */
	if (job->kind == SG_JOB_PAGE) {
		free(c->site->pages[job->index]->md.html);
		c->site->pages[job->index]->md.html = NULL;
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

	*v = xrealloc(*v, (*n + 1) * sizeof(**v));
	j = &(*v)[(*n)++];
	j->kind = kind;
	j->index = index;
	j->template = template;
	j->out = out;
	j->src = src;
	j->line = line;
}

/* Every output file a template makes: pages, sections (the home page is
 * index.html), tags, and the site-wide files the theme has templates
 * for. */
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
	for (i = 0; special[i]; i++)
		if (sg_render_has(r, special[i]))
			add_job(jobs, &n, SG_JOB_SPECIAL, 0, special[i],
			    special[i], NULL, 0);
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

/* The resident memory of this process now, in MB (0 if unknown). */
static long
rss_mb(void)
{
	char	 line[256];
	long	 kb = 0;
	FILE	*fp = fopen("/proc/self/status", "r");

	while (fp && fgets(line, sizeof(line), fp))
		if (sscanf(line, "VmRSS: %ld kB", &kb) == 1)
			break;
	if (fp)
		fclose(fp);
	return kb / 1024;
}

/* With --verbose, says how long the stage that just ended took, and how
 * much memory the process holds after it. */
static void
lap(const struct sg_site *site, const char *stage, double *t)
{
	double	 n = sg_now();

	if (site->opt->verbose)
		fprintf(stderr, "sitegen: %-10s %7.1f ms %6ld MB\n", stage,
		    (n - *t) * 1000, rss_mb());
	*t = n;
}

static int
stop(struct sg_site *site)
{
	sg_diag_flush(site->diag);
	return sg_diag_errors(site->diag) > 0;
}

/* Builds the site described by opt. Returns the exit status: 0, or 1
 * when the site has errors (all reported; the output is untouched). */
int
sg_build(const struct sg_options *opt)
{
	struct sg_site		 site;
	struct sg_render	*render = NULL;
	struct sg_output	*out = NULL;
	struct render_ctx	 ctx;
	struct sg_job		*jobs = NULL;
	struct sg_samples	 samples = { NULL, 0 };
	struct sg_samples_opts	 sopt;
	struct sg_page		*p;
	char			*outdir, *html;
	size_t			 njobs = 0, i;
	double			 t0 = sg_now(), t = t0;
	int			 rc = 1, failed, committed = -1;

	memset(&site, 0, sizeof(site));
	site.opt = opt;
	site.root = xstrdup(opt->root);
	site.diag = sg_diag_new(stderr, opt->color);
	outdir = opt->out ? xstrdup(opt->out) : sg_path_join(opt->root,
	    "public");
	sg_md_init();

	sg_config_load(&site);
	if (stop(&site))
		goto out;
	/* a page whose front matter is wrong is still parsed, so that its
	 * broken links are reported in the same run */
	sg_content_load(&site);
	lap(&site, "load", &t);
	sg_parse_all(&site, opt->jobs);
	lap(&site, "markdown", &t);
	if (stop(&site))
		goto out;
	sg_content_resolve(&site);
	if (stop(&site))
		goto out;
	sg_md_check_links(&site);
	if (!opt->samples_only) {
		sg_assets_build(&site, &site.assets);
		if (sg_render_new(&site, opt->jobs, &render) == 0) {
			njobs = list_jobs(&site, render, &jobs);
			check_outputs(&site, jobs, njobs);
		}
	}
	if (stop(&site))
		goto out;

	/* the samples: compiled and run only once everything cheaper has
	 * been checked */
	sg_samples_collect(&site, &samples);
	sopt.jobs = opt->jobs;
	sopt.bless = opt->bless;
	sopt.export_dir = opt->export_dir;
	sopt.progress = !opt->quiet && isatty(STDERR_FILENO);
	lap(&site, "templates", &t);
	failed = sg_samples_run(&site, &samples, &sopt);
	lap(&site, "samples", &t);
	if (opt->samples_only) {
		stop(&site);
		printf("%zu passed, %d failed\n", samples.len - (size_t)failed,
		    failed);
		rc = failed > 0 || sg_diag_errors(site.diag) > 0;
		goto out;
	}
	if (stop(&site))
		goto out;
	for (i = 0; i < site.npages; i++) {
		p = site.pages[i];
		if (p->md.nsamples == 0)
			continue;
		html = sg_samples_fill(p->md.html, &samples, p);
		free(p->md.html);
		p->md.html = html;
	}
	/* the sources are not needed past here */
	for (i = 0; i < site.nall; i++) {
		free(site.all[i]->text);
		site.all[i]->text = NULL;
		site.all[i]->len = site.all[i]->body_off = 0;
	}

	if ((out = sg_out_open(outdir, opt->root, (opt->dry_run ? SG_OUT_DRY :
	    0) | (opt->force ? SG_OUT_FORCE : 0), site.diag)) == NULL ||
	    stop(&site))
		goto out;
	ctx.site = &site;
	ctx.render = render;
	ctx.out = out;
	ctx.jobs = jobs;
	sg_pool_run(opt->jobs, njobs, render_one, &ctx);
	lap(&site, "render", &t);
	sg_assets_write(&site, site.assets, out);
	lap(&site, "assets", &t);
	if (stop(&site))
		goto out;
	if ((committed = sg_out_commit(out)) != 0) {
		out = NULL;
		stop(&site);
		goto out;
	}
	lap(&site, "swap", &t);
	out = NULL;
	if (!opt->quiet)
		fprintf(stderr, "sitegen: %zu pages, %zu sections, %zu tags "
		    "%s %s in %.0f ms\n", site.npages, site.nsections,
		    site.ntags, opt->dry_run ? "checked, for" : "written to",
		    outdir, (sg_now() - t0) * 1000);
	rc = 0;
out:
	sg_diag_flush(site.diag);
	if (rc != 0 && committed != 1 && !opt->quiet)
		fprintf(stderr, "sitegen: %d error%s; %s left as it was\n",
		    sg_diag_errors(site.diag), sg_diag_errors(site.diag) == 1 ?
		    "" : "s", outdir);
	sg_out_discard(out);
	sg_samples_free(&samples);
	free(jobs);
	sg_render_free(render);
	sg_assets_free(site.assets);
	sg_content_free(&site);
	sg_config_free(&site.config);
	sg_diag_free(site.diag);
	free(site.root);
	free(outdir);
	return rc;
}
