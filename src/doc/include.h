/* include.h: {{#include path:anchor}} expansion before Markdown parsing. */
#ifndef SG_INCLUDE_H
#define SG_INCLUDE_H

#include <sys/types.h>

#include <stddef.h>

struct sg_site;
struct sg_page;

int	sg_include_expand(const struct sg_site *, const struct sg_page *,
	    char **, size_t *, int **, int *);
int	sg_include_region(const char *, size_t, const char *, char **);
int	sg_include_open(const struct sg_site *, const char *, off_t *, int *,
	    const char **);
int	sg_include_read(const struct sg_site *, const char *, char **,
	    size_t *, const char **);
#define SG_INCLUDE_ERRNO	1	/* cannot be read (why: strerror) */
#define SG_INCLUDE_DENIED	2	/* outside content/, hidden, not a file */
int	sg_include_hidden(const char *);

#endif
