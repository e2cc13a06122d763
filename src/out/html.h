/* html.h: the HTML renderer over the document tree (tree.h). */
#ifndef SG_HTML_H
#define SG_HTML_H

#include <stddef.h>

struct sg_buf;
struct sg_i18n;
struct sg_node;

#define SG_HTML_UNSAFE	0x1	/* write raw HTML (markdown.unsafe); else
				 * it is left out, as cmark-gfm does */

/*
 * Appends the HTML of the tree under root (a document, or any block) to
 * out: the markup cmark-gfm's HTML renderer writes (its escaping of text
 * and link destinations, its table, task list and footnote markup), plus
 * sitegen's own: heading ids with a link to themselves, alerts as
 * admonitions, tables in a scrolling box, highlighted code blocks, C
 * samples with what the samples stage showed (struct sg_sample's shown
 * fields), lazy images and a footnotes heading. The words it adds
 * (alert titles, the labels of anchors and footnotes) come from i18n
 * (site/i18n.h), borrowed; NULL gives English. Reads the tree only, so
 * several threads may render different trees, or the same one, at once.
 */
void	sg_html_render(const struct sg_node *root, int flags,
	    const struct sg_i18n *i18n, struct sg_buf *out);

/*
 * Appends s[0..len) to out escaped for an href or src attribute, as
 * cmark-gfm does: bytes outside its safe set as %XX, '&' as "&amp;",
 * '\'' as "&#x27;".
 */
void	sg_html_put_href(struct sg_buf *out, const char *s, size_t len);

#endif
