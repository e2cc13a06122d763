/* alias.h: a page's old URLs ('aliases:') published as redirects. */
#ifndef SG_ALIAS_H
#define SG_ALIAS_H

struct sg_site;
struct sg_output;

/* Reports every alias that claims the output of a page, a section, a tag
 * page, a file the templates write, or another alias, at the alias's
 * line. Returns 0 or -1. */
int	sg_alias_check(struct sg_site *site);

/* Writes the redirect page of every alias of every published page.
 * Returns 0, or -1 if a write failed (reported). */
int	sg_alias_write(const struct sg_site *site, struct sg_output *o);

#endif
