/* parse.c: runs the Markdown stage over every page on --jobs threads of
 * this process, so each page's document tree (page->md.doc) is there for
 * every output that renders from it. cmark-gfm's one shared table of
 * inline special characters, the reason this stage once ran in worker
 * processes with results sent through pipes, is made safe to share in
 * markdown.c (with the numbers that chose threads over processes). */
#include <stdatomic.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

#include "check/secrets.h"
#include "doc/pack.h"
#include "doc/parse.h"
#include "pool.h"
#include "site.h"
#include "doc/tree.h"
#include "util.h"

/* Every tree is packed once its page is parsed (pack.c: about 7 kB a
 * page of the benchmark's, where its nodes take 25 kB) and made again
 * from that when the page is rendered, so that a build never holds its
 * pages' trees at once. The first 8 MB of trees were once kept whole, to
 * spare them the packing and its undoing (43,000 instructions a page):
 * on the development machine, where each MB of a build's peak costs
 * about 2 ms of CPU in page faults, keeping them cost more than it saved.
 * Packing all of them took 1,000 pages from 45 to 40 MB at the peak and
 * from 0.133 to 0.123 s on two workers (means of six rounds side by
 * side), and changed nothing measurable at 10,000 pages (0.86 s either
 * way, 4 to 6 MB less). */

struct parse_ctx {
	struct sg_site	*site;
	atomic_size_t	 packed;	/* bytes of the packed trees */
	atomic_size_t	 unpacked;	/* their trees' bytes */
	atomic_size_t	 npacked;	/* how many were */
	struct sg_buf	*scratch;	/* a packing buffer for each worker */
};

static void
parse_one(void *arg, int worker, size_t i)
{
	struct parse_ctx	*c = arg;
	struct sg_page		*p = c->site->all[i];
	unsigned char		*packed;
	size_t			 size, npacked;

	if (p->skipped)
		return;
	sg_md_parse(c->site, p);
	/* the text is scanned for credentials now, while it is here */
	sg_secrets_scan_page(c->site->secrets, p);
	/* what later stages need of a page is in its records; its tree is
	 * packed and made again from that when the page is rendered
	 * (sg_md_tree). Packed or whole, the output is the same. */
	if (p->md.doc == NULL)
		return;
	size = sg_doc_size(p->md.doc);
	/* packed in the worker's buffer and copied out at its size: a
	 * buffer grown by doubling for each tree was 8 reallocs a page,
	 * and, kept, up to twice the bytes (a realloc to less keeps
	 * mimalloc's block) */
	packed = sg_doc_pack(p->md.doc, &c->scratch[worker], &npacked);
	sg_md_drop_tree(&p->md);
	p->md.packed = packed;
	p->md.npacked = npacked;
	atomic_fetch_add(&c->packed, npacked);
	atomic_fetch_add(&c->unpacked, size);
	atomic_fetch_add(&c->npacked, 1);
	/* made from the packed tree from now on, the page needs its text
	 * no more in a build that renders it once (serve parses an edited
	 * page again, check reads the lines, --bless rewrites them): 58 MB
	 * at 10,000 pages */
	if (c->site->drop_texts) {
		free(p->text);
		p->text = NULL;
	}
}

/* Parses every page that is not left out into its page->md, on jobs
 * threads (1: on this one), keeping the records and each tree packed (made
 * again by sg_md_tree). Problems are reported to site->diag as the pages'
 * own. */
void
sg_parse_all(struct sg_site *site, int jobs)
{
	struct parse_ctx	 c;
	int			 k;

	if (jobs < 1)
		jobs = 1;
	c.site = site;
	c.scratch = xcalloc((size_t)jobs, sizeof(*c.scratch));
	atomic_init(&c.packed, 0);
	atomic_init(&c.unpacked, 0);
	atomic_init(&c.npacked, 0);
	sg_pool_run(jobs, site->nall, parse_one, &c);
	for (k = 0; k < jobs; k++)
		sg_buf_free(&c.scratch[k]);
	free(c.scratch);
	if (site->opt->verbose && atomic_load(&c.npacked))
		fprintf(stderr, "sitegen: markdown: %zu trees packed, %.1f MB "
		    "(%.1f MB of them before)\n", atomic_load(&c.npacked),
		    atomic_load(&c.packed) / 1048576.,
		    atomic_load(&c.unpacked) / 1048576.);
}
