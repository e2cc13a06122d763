/* shortcode.h: shortcode calls in Markdown ({{< name args >}}, Hugo's
 * syntax), found before cmark-gfm parses the page and kept as nodes of
 * the document tree; their templates run in the shortcodes stage. */
#ifndef SG_SHORTCODE_H
#define SG_SHORTCODE_H

#include <stddef.h>

#include "diag.h"

/* One argument: key="value", key=value, or a positional value. */
struct sg_sc_arg {
	char		*key;		/* NULL for a positional argument */
	char		*value;
};

/* One call of a shortcode on a page. */
struct sg_shortcode {
	char		*name;		/* "figure" */
	struct sg_sc_arg *args;		/* in the order written */
	size_t		 nargs;
	struct sg_loc	 loc;		/* its "{{<" in the author's file */
	struct sg_loc	 close_loc;	/* its closing tag's, if closed */
	int		 closed;	/* a {{< /name >}} pairs with it */
	int		 selfclosed;	/* written {{< name />}}: no inner */
	int		 block;		/* alone on its line: a block */
	char		*inner;		/* the Markdown between the two
					 * tags, as written, or NULL */
	char		*html;		/* what its template made (the
					 * shortcodes stage), or NULL */
	size_t		 inner_at;	/* while scanning: where it starts */
};

/* Frees a call and what it holds; NULL does nothing. */
void	sg_sc_free(struct sg_shortcode *sc);

/* Removes the marks that stand for shortcodes from the NUL-terminated
 * string s, in place (text for headings, summaries, ids). */
void	sg_sc_strip(char *s);

/* Appends the text of what sc's template made (its HTML without tags,
 * the common entities decoded, spaces collapsed) to b: what outputs that
 * cannot show HTML (the PDFs) show of a call that encloses nothing. */
void	sg_sc_text(const struct sg_shortcode *sc, struct sg_buf *b);

#endif
