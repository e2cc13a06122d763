/* parse.h: the Markdown stage over all pages, in parallel. */
#ifndef SG_PARSE_H
#define SG_PARSE_H

struct sg_site;

/* Parses every page of site that is not left out (site->all) into its
 * page->md on jobs threads (1: on the calling one): its records, and its
 * tree packed (page->md.packed, owned by the page; sg_md_tree makes the
 * tree again). Problems go to site->diag, not yet flushed. */
void	sg_parse_all(struct sg_site *site, int jobs);

#endif
