/* parse.c: runs the Markdown stage over every page on --jobs threads of
 * this process, so each page's document tree (page->md.doc) is there for
 * every output that renders from it. cmark-gfm's one shared table of
 * inline special characters, the reason this stage once ran in worker
 * processes with results sent through pipes, is made safe to share in
 * markdown.c (with the numbers that chose threads over processes). */
#include <stdatomic.h>
#include <stddef.h>

#include "doc/parse.h"
#include "pool.h"
#include "site.h"
#include "doc/tree.h"

/* Bytes of trees kept from the Markdown stage to the render (about 1,300
 * pages of the benchmark's, 25 kB each): a site that small never parses
 * a page twice, a bigger one stays within its memory (at 10,000 pages
 * and --jobs 2, 40 MB of them and an arena a thread made 254 MB). */
#define KEEP_BYTES	(32 * 1024 * 1024)

struct parse_ctx {
	struct sg_site	*site;
	atomic_size_t	 kept;		/* bytes of trees kept so far */
};

static void
parse_one(void *arg, int worker, size_t i)
{
	struct parse_ctx	*c = arg;
	struct sg_page		*p = c->site->all[i];
	size_t			 size;

	(void)worker;
	if (p->skipped)
		return;
	sg_md_parse(c->site, p);
	/* what later stages need of a page is in its records; past the
	 * budget, the tree is made again when the page is rendered
	 * (sg_md_tree), so that ten thousand pages never hold ten
	 * thousand trees at once. Which pages keep theirs changes nothing
	 * in the output. */
	size = p->md.doc ? sg_doc_size(p->md.doc) : 0;
	if (atomic_fetch_add(&c->kept, size) + size > KEEP_BYTES)
		sg_md_drop_tree(&p->md);
}

/* Parses every page that is not left out into its page->md, on jobs
 * threads (1: on this one), keeping the records and the trees that fit in
 * KEEP_BYTES (the others are made again by sg_md_tree). Problems are
 * reported to site->diag as the pages' own. */
void
sg_parse_all(struct sg_site *site, int jobs)
{
	struct parse_ctx	 c;

	c.site = site;
	atomic_init(&c.kept, 0);
	sg_pool_run(jobs, site->nall, parse_one, &c);
}
