/* parse.c: runs the Markdown stage over every page on --jobs threads of
 * this process, so each page's document tree (page->md.doc) is there for
 * every output that renders from it. cmark-gfm's one shared table of
 * inline special characters, the reason this stage once ran in worker
 * processes, is made safe to share in markdown.c (with the numbers that
 * chose threads over processes). */
#include <stddef.h>

#include "parse.h"
#include "pool.h"
#include "site.h"

static void
parse_one(void *arg, int worker, size_t i)
{
	struct sg_site	*site = arg;

	(void)worker;
	if (site->all[i]->skipped)
		return;
	sg_md_parse(site, site->all[i]);
	/* what later stages need of a page is in its records; the tree is
	 * made again when the page is rendered (sg_md_tree), so that ten
	 * thousand pages never hold ten thousand trees at once */
	sg_md_drop_tree(&site->all[i]->md);
}

/* Parses every page that is not left out into its page->md, on jobs
 * threads (1: on this one), keeping the records and dropping the trees.
 * Problems are reported to site->diag as the pages' own. */
void
sg_parse_all(struct sg_site *site, int jobs)
{
	sg_pool_run(jobs, site->nall, parse_one, site);
}
