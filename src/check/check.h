/* check.h: the lints of sitegen check, beyond what every build reports:
 * skipped heading levels, duplicate page titles, and pages that neither
 * the navigation nor any link reaches from the home page. */
#ifndef SG_CHECK_H
#define SG_CHECK_H

#include <stddef.h>

struct sg_site;
struct sg_check;

/* A graph of the site's HTML outputs, to fill with sg_check_html while
 * the pages are rendered. Freed with sg_check_free. */
struct sg_check	*sg_check_new(const struct sg_site *site);

/* Warns of headings that skip a level (## then ####) and of pages that
 * share a title. Call while the pages' texts are still loaded, for the
 * headings' lines. */
void		 sg_check_pages(struct sg_site *site);

/* Records the links of the HTML page written to out. Safe from several
 * threads. */
void		 sg_check_html(struct sg_check *c, const char *out,
		    const char *html, size_t len);

/* Warns of every page no chain of links from the home page reaches. */
void		 sg_check_reach(struct sg_check *c, struct sg_site *site);

/* Frees c; NULL does nothing. */
void		 sg_check_free(struct sg_check *c);

#endif
