/* build.c: the build as a flat list of stages, read top to bottom: config,
 * content, Markdown, resolve, links, assets, templates, render and write,
 * swap. A stage runs to its end to report every error it can find; the
 * build stops at the first stage boundary with errors. */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "alias.h"
#include "assets.h"
#include "build.h"
#include "check.h"
#include "output.h"
#include "path.h"
#include "pool.h"
#include "render.h"
#include "samples.h"
#include "secrets.h"
#include "site.h"

struct render_ctx {
	struct sg_site		*site;
	struct sg_render	*render;
	struct sg_output	*out;
	struct sg_job		*jobs;
	struct sg_check		*check;		/* check: the links, or NULL */
};

static void
render_one(void *arg, int worker, size_t i)
{
	struct render_ctx	*c = arg;
	const struct sg_job	*job = &c->jobs[i];
	char			*html;
	size_t			 len;

	struct sg_md		*md = NULL;
	struct sg_page		*p = NULL;

	/* a page's HTML is read by its own render only (the model copies
	 * that of section pages, made before): it is made from the tree
	 * here, and the tree and the HTML go once the page is written */
	if (job->kind == SG_JOB_PAGE) {
		p = c->site->pages[job->index];
		md = &p->md;
		sg_md_tree(c->site, p);
		sg_md_render(c->site, md);
	}
	if (sg_render_run(c->render, worker, job, &html, &len) == 0) {
		sg_check_html(c->check, job->out, html, len);
		sg_out_write(c->out, job->out, html, len);
	}
	free(html);
	if (md) {
		free(md->html);
		md->html = NULL;
		sg_md_drop_tree(md);
		free(p->text);
		p->text = NULL;
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
stop(struct sg_site *site)
{
	sg_diag_flush(site->diag);
	return sg_diag_errors(site->diag) > 0;
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


/* Builds the site described by opt. Returns the exit status: 0, or 1
 * when the site has errors (all reported; the output is untouched). */
int
sg_build(const struct sg_options *opt)
{
	struct sg_site		*site;
	struct sg_render	*render = NULL;
	struct sg_output	*out = NULL;
	struct render_ctx	 ctx;
	struct sg_job		*jobs = NULL;
	struct sg_samples	 samples = { NULL, 0 };
	struct sg_samples_opts	 sopt;
	struct sg_secrets	*secrets = NULL;
	struct sg_page		*p;
	char			*outdir;
	size_t			 njobs = 0, i;
	double			 t0 = sg_now(), t = t0;
	int			 rc = 1, failed;

	site = sg_site_new(opt);
	memset(&ctx, 0, sizeof(ctx));
	if (opt->json)
		sg_diag_set_json(site->diag, stdout);
	outdir = opt->out ? xstrdup(opt->out) : sg_path_join(opt->root,
	    "public");

	/* config, content, Markdown, resolve, anchors */
	sg_site_load(site);
	t = sg_now();
	secrets = sg_secrets_new(site);
	if (!opt->samples_only && sg_diag_errors(site->diag) == 0) {
		sg_assets_build(site, &site->assets);
		sg_render_new(site, opt->jobs, &render);
	}
	if (stop(site))
		goto out;

	/* the samples: compiled and run only once everything cheaper has
	 * been checked */
	sg_samples_collect(site, &samples);
	sopt.jobs = opt->jobs;
	sopt.bless = opt->bless;
	sopt.export_dir = opt->export_dir;
	sopt.progress = !opt->quiet && isatty(STDERR_FILENO);
	sg_site_lap(site, "templates", &t);
	failed = sg_samples_run(site, &samples, &sopt);
	sg_site_lap(site, "samples", &t);
	if (opt->samples_only) {
		stop(site);
		printf("%zu passed, %d failed\n", samples.len - (size_t)failed,
		    failed);
		rc = failed > 0 || sg_diag_errors(site->diag) > 0;
		goto out;
	}
	if (stop(site))
		goto out;
	/* the credential scan of the sources, reported with the output's */
	sg_secrets_scan_sources(secrets, site, opt->jobs);
	sg_site_lap(site, "secrets", &t);
	if (opt->dry_run)
		sg_check_pages(site);
	/* the HTML of section pages, which every worker's model holds; the
	 * other pages' sources stay until each is rendered */
	for (i = 0; i < site->nall; i++) {
		p = site->all[i];
		if (p->owner != NULL && !p->skipped) {
			sg_md_tree(site, p);
			sg_md_render(site, &p->md);
			sg_md_drop_tree(&p->md);
		}
		if (p->owner != NULL || p->skipped) {
			free(p->text);
			p->text = NULL;
		}
	}

	if ((out = sg_out_open(outdir, opt->root, opt->dry_run,
	    site->diag)) == NULL || stop(site))
		goto out;
	sg_out_scan(out, secrets);
	njobs = list_jobs(site, render, &jobs);
	ctx.site = site;
	ctx.render = render;
	ctx.out = out;
	ctx.jobs = jobs;
	ctx.check = opt->dry_run ? sg_check_new(site) : NULL;
	sg_pool_run(opt->jobs, njobs, render_one, &ctx);
	sg_site_lap(site, "render", &t);
	sg_assets_write(site, site->assets, out);
	sg_alias_write(site, out);
	sg_site_lap(site, "assets", &t);
	sg_secrets_report(secrets);
	sg_check_reach(ctx.check, site);
	if (stop(site))
		goto out;
	if (sg_out_commit(out) == -1) {
		out = NULL;
		stop(site);
		goto out;
	}
	sg_site_lap(site, "swap", &t);
	out = NULL;
	if (!opt->quiet && opt->dry_run)
		checked(site);
	else if (!opt->quiet)
		fprintf(stderr, "sitegen: %zu pages, %zu sections, %zu tags "
		    "written to %s in %.0f ms\n", site->npages, site->nsections,
		    site->ntags, outdir, (sg_now() - t0) * 1000);
	rc = 0;
out:
	sg_diag_flush(site->diag);
	if (rc != 0 && !opt->quiet && opt->dry_run && !opt->samples_only)
		checked(site);
	else if (rc != 0 && !opt->quiet)
		fprintf(stderr, "sitegen: %d error%s; %s left as it was\n",
		    sg_diag_errors(site->diag), sg_diag_errors(site->diag) == 1 ?
		    "" : "s", outdir);
	sg_out_discard(out);
	sg_samples_free(&samples);
	sg_secrets_free(secrets);
	sg_check_free(ctx.check);
	free(jobs);
	sg_render_free(render);
	sg_site_free(site);
	free(outdir);
	return rc;
}
