/* parse.h: the Markdown stage over all pages, in parallel. */
#ifndef SG_PARSE_H
#define SG_PARSE_H

struct sg_site;

void	sg_parse_all(struct sg_site *, int);

#endif
