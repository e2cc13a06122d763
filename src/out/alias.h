/* alias.h: a page's old URLs ('aliases:') published as redirects. */
#ifndef SG_ALIAS_H
#define SG_ALIAS_H

struct sg_site;
struct sg_output;

int	sg_alias_check(struct sg_site *);
int	sg_alias_write(const struct sg_site *, struct sg_output *);

#endif
