/* feeds.c: which sections get their own Atom feed, SECTION/atom.xml,
 * beside the site's: every section but the home page's, when the site
 * has an absolute base_url (as the site's feed needs), unless site.yml
 * says feeds.sections: false or the section's page says feed: false. */
#include <stdlib.h>
#include <string.h>

#include "site.h"
#include "util.h"

/* Does the section's own page, or a parent's, say feed: false? */
static int
turned_off(const struct sg_section *s)
{
	const struct sg_value	*v;

	for (; s != NULL; s = s->parent)
		if (s->page && s->page->fm && (v = sg_value_get(s->page->fm,
		    "feed")) != NULL && v->type == SG_BOOL)
			return !v->b;
	return 0;
}

void
sg_feeds_plan(struct sg_site *site)
{
	const struct sg_value	*m, *v;
	struct sg_section	*s;
	size_t			 i;
	int			 on = 1;

	if ((m = sg_value_get(site->config.root, "feeds")) != NULL &&
	    m->type == SG_MAP && (v = sg_value_get(m, "sections")) != NULL &&
	    v->type == SG_BOOL)
		on = v->b;
	if (site->config.base_url == NULL ||
	    strstr(site->config.base_url, "://") == NULL)
		on = 0;
	for (i = 0; i < site->nsections; i++) {
		s = site->sections[i];
		free(s->feed);
		s->feed = NULL;
		if (on && s != site->home && *s->dir != '\0' && !turned_off(s))
			s->feed = xasprintf("%s/atom.xml", s->dir);
	}
}
