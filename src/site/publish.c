/* publish.c: which files of content/ are published. Those that serve
 * only as sample sources or include targets (C sources and headers,
 * anything under content/samples/) stay out unless a page links to
 * them; every other file is published. */
#include <string.h>

#include "site.h"

/* Is rel a source only? See site.h. */
int
sg_content_source_only(const char *rel)
{
	return sg_starts_with(rel, "samples/") || sg_ends_with(rel, ".c") ||
	    sg_ends_with(rel, ".h");
}

int
sg_content_publishes(const struct sg_site *site, const char *rel)
{
	const struct sg_page	*p;
	size_t			 i, k;

	if (!sg_content_source_only(rel))
		return 1;
	for (i = 0; i < site->npages; i++) {
		p = site->pages[i];
		for (k = 0; k < p->md.nuses; k++)
			if (!strcmp(p->md.uses[k], rel))
				return 1;
	}
	return 0;
}
