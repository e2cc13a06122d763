/* nav.c: a contents list as the site's navigation, as mdBook's
 * SUMMARY.md: the page site.yml names with 'nav:' holds nested lists of
 * links to pages, and their order and nesting become the sidebar, the
 * reading order (previous and next) and the breadcrumbs. Reads the
 * page's document tree; knows nothing of cmark-gfm. */
#include <stdlib.h>
#include <string.h>

#include "site/nav.h"
#include "site.h"
#include "doc/tree.h"

#define UNLISTED_SHOWN	5	/* names of unlisted pages in the warning */

static struct sg_nav *
new_entry(struct sg_nav *parent)
{
	struct sg_nav	*e = xcalloc(1, sizeof(*e));

	e->parent = parent;
	if (parent) {
		parent->children = xrealloc(parent->children,
		    (parent->nchildren + 1) * sizeof(*parent->children));
		parent->children[parent->nchildren++] = e;
	}
	return e;
}

/* The first link of an item's own paragraph (not of its sublists). */
static const struct sg_node *
item_link(const struct sg_node *item)
{
	const struct sg_node	*b, *k;

	for (b = item->first; b; b = b->next) {
		if (b->kind != SG_NODE_PARAGRAPH)
			continue;
		for (k = b->first; k; k = k->next)
			if (k->kind == SG_NODE_LINK)
				return k;
	}
	return NULL;
}

static void	 add_list(struct sg_site *, const struct sg_page *,
		    struct sg_nav *, const struct sg_node *);

/* Adds an item of the list: a link to a page, or a title alone over
 * entries of its own; anything else (a bullet of text, a link out of
 * the site) is left out. */
static void
add_item(struct sg_site *site, const struct sg_page *nav,
    struct sg_nav *parent, const struct sg_node *item)
{
	const struct sg_node	*link = item_link(item), *b;
	struct sg_nav		*e;
	struct sg_buf		 text = { 0 };
	struct sg_loc		 loc;

	e = new_entry(parent);
	e->line = item->line;
	if (link && link->u.link.kind == SG_LINK_PAGE && link->u.link.page) {
		e->page = link->u.link.page;
		sg_buf_put(&text, "", 0);
		sg_node_plain(link, &text);
	} else {
		if (link && link->u.link.kind == SG_LINK_SITE &&
		    site->config.links_warn) {
			/* reported as a warning by the link check: a contents
			 * list must still name pages that are there */
			loc.file = nav->src;
			loc.line = link->line;
			loc.col = link->col;
			sg_diag_error(site->diag, &loc, "the contents list "
			    "links to '%s', which is not a page of the site",
			    link->u.link.url);
		}
		for (b = item->first; b; b = b->next)
			if (b->kind == SG_NODE_PARAGRAPH) {
				sg_buf_put(&text, "", 0);
				sg_node_plain(b, &text);
				break;
			}
	}
	e->title = text.data ? sg_buf_detach(&text) : xstrdup("");
	for (b = item->first; b; b = b->next)
		if (b->kind == SG_NODE_LIST)
			add_list(site, nav, e, b);
	if (e->page == NULL && e->nchildren == 0) {
		parent->nchildren--;
		sg_nav_free(e);
	}
}

static void
add_list(struct sg_site *site, const struct sg_page *nav,
    struct sg_nav *parent, const struct sg_node *list)
{
	const struct sg_node	*k;

	for (k = list->first; k; k = k->next)
		if (k->kind == SG_NODE_ITEM)
			add_item(site, nav, parent, k);
}

/* Appends the pages of e and under it, depth first, to order, each
 * once (seen is by page index). */
static void
flatten(const struct sg_nav *e, struct sg_page **order, size_t *n,
    char *seen)
{
	size_t	 i;

	if (e->page && !seen[e->page->index]) {
		seen[e->page->index] = 1;
		order[(*n)++] = e->page;
	}
	for (i = 0; i < e->nchildren; i++)
		flatten(e->children[i], order, n, seen);
}

/* Puts site->pages in the order of the list (the home page first, the
 * pages it does not list last, in their own order), renumbers them and
 * links each listed page to its neighbours; warns once of the pages it
 * leaves out. */
static void
reorder(struct sg_site *site, const struct sg_page *nav)
{
	struct sg_page	**order, *home = site->home->page, *p;
	struct sg_buf	  names = { 0 };
	char		 *seen;
	size_t		  n = 0, listed, i, unlisted = 0;

	order = xcalloc(site->npages + 1, sizeof(*order));
	seen = xcalloc(site->npages + 1, 1);
	if (home) {
		seen[home->index] = 1;
		order[n++] = home;
	}
	flatten(site->nav, order, &n, seen);
	listed = n;
	for (i = 0; i < site->npages; i++) {
		p = site->pages[i];
		if (seen[i])
			continue;
		order[n++] = p;
		if (p == nav)
			continue;
		if (unlisted++ < UNLISTED_SHOWN)
			sg_buf_printf(&names, "%s%s", unlisted > 1 ? ", " : "",
			    p->rel);
	}
	if (unlisted > 0)
		sg_diag_warn(site->diag, &site->config.nav_loc, "%zu page%s "
		    "not in the contents list %s, so not in the sidebar: %s%s",
		    unlisted, unlisted == 1 ? " is" : "s are", nav->src,
		    names.data, unlisted > UNLISTED_SHOWN ? ", …" : "");
	sg_buf_free(&names);
	memcpy(site->pages, order, site->npages * sizeof(*order));
	for (i = 0; i < site->npages; i++) {
		p = site->pages[i];
		p->index = i;
		if (i < listed) {
			p->prev = i > 0 ? site->pages[i - 1] : NULL;
			p->next = i + 1 < listed ? site->pages[i + 1] : NULL;
		}
	}
	free(order);
	free(seen);
}

int
sg_nav_load(struct sg_site *site)
{
	struct sg_page		*nav;
	const struct sg_node	*b;
	int			 made;

	if (site->config.nav == NULL)
		return 0;
	nav = sg_content_find(site, site->config.nav);
	if (nav == NULL || nav->skipped) {
		sg_diag_error(site->diag, &site->config.nav_loc, "'nav' names "
		    "content/%s, which is not a page of the site (the contents "
		    "list is a Markdown file under content/)", site->config.nav);
		return -1;
	}
	made = nav->md.doc == NULL;
	if (sg_md_tree(site, nav) == -1)
		return -1;
	site->nav = new_entry(NULL);
	site->nav->title = xstrdup(nav->title ? nav->title : "");
	for (b = sg_doc_root(nav->md.doc)->first; b; b = b->next)
		if (b->kind == SG_NODE_LIST)
			add_list(site, nav, site->nav, b);
	if (made)	/* a tree kept for the render stays */
		sg_md_drop_tree(&nav->md);
	reorder(site, nav);
	return sg_diag_errors(site->diag) > 0 ? -1 : 0;
}

void
sg_nav_free(struct sg_nav *e)
{
	size_t	 i;

	if (e == NULL)
		return;
	for (i = 0; i < e->nchildren; i++)
		sg_nav_free(e->children[i]);
	free(e->children);
	free(e->title);
	free(e);
}
