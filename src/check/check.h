/* check.h: the lints of sitegen check, beyond what every build reports:
 * skipped heading levels, duplicate page titles, and pages that neither
 * the navigation nor any link reaches from the home page. */
#ifndef SG_CHECK_H
#define SG_CHECK_H

#include <stddef.h>

struct sg_site;
struct sg_check;

struct sg_check	*sg_check_new(const struct sg_site *);
void		 sg_check_pages(struct sg_site *);
void		 sg_check_html(struct sg_check *, const char *, const char *,
		    size_t);
void		 sg_check_reach(struct sg_check *, struct sg_site *);
void		 sg_check_free(struct sg_check *);

#endif
