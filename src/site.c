/* site.c: the site's lifecycle. A struct sg_site is made once, filled by
 * the load stages (config, content, Markdown, resolve), read by every
 * later stage from any thread, and freed at once; a long-running server
 * keeps one and calls the per-page stages (sg_md_parse, sg_md_render,
 * sg_render_run) again for a page that changed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "out/assets.h"
#include "out/handouts.h"
#include "site/nav.h"
#include "doc/imgsize.h"
#include "doc/parse.h"
#include "check/secrets.h"
#include "site.h"

struct sg_site *
sg_site_new(const struct sg_options *opt)
{
	struct sg_site	*site = xcalloc(1, sizeof(*site));

	site->opt = opt;
	site->root = xstrdup(opt->root);
	site->diag = sg_diag_new(stderr, opt->color);
	site->imgsizes = sg_imgsize_new();
	sg_md_init();
	return site;
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

int
sg_page_is_deck(const struct sg_page *p)
{
	const struct sg_value	*v = p->fm ? sg_value_get(p->fm, "slides") :
				    NULL;

	return v && v->type == SG_BOOL && v->b;
}

char *
sg_site_permalink(const struct sg_site *site, const char *url)
{
	const char	*b = site->config.base_url, *p;

	if ((p = strstr(b, "://")) == NULL)
		return xstrdup(url);
	p = strchr(p + 3, '/');
	return xasprintf("%.*s%s", (int)(p ? p - b : (ptrdiff_t)strlen(b)), b,
	    url);
}

void
sg_lap_start(struct sg_lap *t)
{
	struct timespec	 ts;

	t->wall = sg_now();
	t->cpu = clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts) == 0 ?
	    (double)ts.tv_sec + (double)ts.tv_nsec / 1e9 : 0;
}

void
sg_site_lap(const struct sg_site *site, const char *stage, struct sg_lap *t)
{
	struct sg_lap	 n;

	sg_lap_start(&n);
	if (site->opt->verbose)
		fprintf(stderr, "sitegen: %-10s %7.1f ms %7.1f ms CPU %6ld MB\n",
		    stage, (n.wall - t->wall) * 1000, (n.cpu - t->cpu) * 1000,
		    rss_mb());
	*t = n;
}

/* Prints the messages so far (sorted) at a stage boundary; is there an
 * error among them? */
static int
stop(struct sg_site *site)
{
	sg_diag_flush(site->diag);
	return sg_diag_errors(site->diag) > 0;
}

int
sg_site_load(struct sg_site *site)
{
	struct sg_lap	 t;

	sg_lap_start(&t);
	sg_config_load(site);
	if (stop(site))
		return -1;
	if (site->secrets == NULL)
		site->secrets = sg_secrets_new(site);
	/* a page whose front matter is wrong is still parsed, so that its
	 * broken links are reported in the same run */
	sg_content_load(site);
	sg_site_lap(site, "load", &t);
	sg_parse_all(site, site->opt->jobs);
	sg_site_lap(site, "markdown", &t);
	if (stop(site))
		return -1;
	sg_content_resolve(site);
	sg_site_lap(site, "resolve", &t);
	if (stop(site))
		return -1;
	sg_nav_load(site);
	sg_md_check_links(site);
	sg_site_lap(site, "links", &t);
	return sg_diag_errors(site->diag) > 0 ? -1 : 0;
}

int
sg_site_reparse(struct sg_site *site, struct sg_page *page)
{
	int	 rc;

	if (page->text == NULL || page->skipped)
		return -1;
	sg_md_free(&page->md);
	rc = sg_md_parse(site, page);
	/* a title taken from the page's first '# heading' follows it */
	if ((page->fm == NULL || sg_value_get(page->fm, "title") == NULL ||
	    sg_value_get(page->fm, "title")->type == SG_NIL) && page->md.h1) {
		free(page->title);
		page->title = xstrdup(page->md.h1);
	}
	return rc;
}

void
sg_site_free(struct sg_site *site)
{
	if (site == NULL)
		return;
	sg_assets_free(site->assets);
	sg_handouts_free(site->handouts);
	sg_nav_free(site->nav);
	sg_imgsize_free(site->imgsizes);
	sg_content_free(site);
	sg_config_free(&site->config);
	sg_secrets_free(site->secrets);
	sg_diag_free(site->diag);
	free(site->root);
	free(site);
}
