/* nav.h: the contents list as the navigation (nav.c). */
#ifndef SG_NAV_H
#define SG_NAV_H

#include <stddef.h>

struct sg_site;
struct sg_page;

/* One entry of the contents list: a page, or a title over entries. */
struct sg_nav {
	char		 *title;	/* the link's text, or the item's */
	struct sg_page	 *page;		/* the page linked to, or NULL */
	int		  line;		/* of the item in the list's file */
	struct sg_nav	 *parent;	/* NULL for the root */
	struct sg_nav	**children;	/* in the list's order */
	size_t		  nchildren;
};

/* Reads the contents list site.yml names into site->nav and orders the
 * site's pages by it; does nothing without 'nav:'. Returns 0, or -1
 * after reporting an error. */
int	sg_nav_load(struct sg_site *site);

/* Frees e and everything under it; NULL does nothing. */
void	sg_nav_free(struct sg_nav *e);

#endif
