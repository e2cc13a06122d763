/* md_int.h: what the files of the Markdown stage share (markdown.c, the
 * cmark-gfm parse; md_tree.c, cmark-gfm's tree to ours; md_gfm.c, the
 * extensions' nodes; md_link.c, link resolution). Not for other modules:
 * cmark-gfm stays behind these. */
#ifndef SG_MD_INT_H
#define SG_MD_INT_H

#include <stddef.h>

#include "diag.h"
#include "highlight/highlight.h"
#include "smap.h"
#include "doc/tree.h"
#include "util.h"

struct sg_site;
struct sg_page;
struct sg_md;

#define MD_EXT_TYPES	8

/* The state of turning one page's cmark-gfm tree into ours. */
struct md_conv {
	const struct sg_site	*site;
	struct sg_page		*page;		/* NULL for markdown() text */
	struct sg_md		*md;		/* where records go */
	struct sg_doc		*doc;		/* the tree being built */
	const int		*lines;		/* expanded line -> file line */
	int			 nlines;
	const char		*file;		/* for locations */
	char			*dir;		/* the page's folder in content/ */
	int			 quiet;		/* markdown() text: report nothing,
						 * keep a leading h1, no samples */
	size_t			 nid, idcap;
	struct sg_smap		 idset;		/* md->ids, to look them up;
						 * a base id's value: the
						 * suffix its next use tries */
	size_t			 nhead, headcap;
	size_t			 nlink, linkcap;
	struct sg_tokens	 toks;		/* reused for each code block */
	struct sg_buf		 text;		/* reused for each heading */
	struct sg_md		*from;		/* a tree made again: its samples
						 * are this page's, not new */
	size_t			 nsample;	/* of from's taken so far */
	const char		*line_at;	/* where file_line() found */
	int			 line_no;	/* this line of the page's text */
	int			*refs;		/* uses of each footnote so far */
	int			 nrefs;
	int			 ndefs;		/* footnote definitions so far */
	int			 ext_type[MD_EXT_TYPES]; /* cmark-gfm's types of */
	int			 ext_kind[MD_EXT_TYPES]; /* extension nodes seen,
						 * and our kind for each */
	int			 next;
	struct sg_page		*link_target;	/* the page a link went to
						 * last (md_link.c) */
};

/* md_tree.c: builds conv->doc from cmark_doc (a cmark_node *, passed as
 * void * so that this header needs no cmark-gfm), and fills conv->md's
 * headings, ids, links, samples, h1, summary and words. */
void	md_tree_build(struct md_conv *conv, void *cmark_doc);

/* md_gfm.c, for the extensions' nodes (void * a cmark_node *): our kind
 * for one of an extension's type (strikethrough, a table, a row, a cell),
 * or -1; a table's columns and their alignment into s; a cell's
 * alignment, from its column in its table (s is in the tree); a footnote
 * reference's index, use and label, and a note's, from the first
 * reference to it (the tree up to s is built). */
int	md_gfm_kind(void *cmark_node);
void	md_gfm_table(struct md_conv *conv, void *cmark_table,
	    struct sg_node *s);
void	md_gfm_cell(void *cmark_cell, struct sg_node *s);
void	md_gfm_footnote_ref(struct md_conv *conv, void *cmark_ref,
	    struct sg_node *s);
void	md_gfm_footnote_def(struct md_conv *conv, struct sg_node *s);

/* md_link.c: resolves a link or image destination url as written into
 * n->u.link (kind, url, page, anchor), noting links with an anchor in
 * conv->md and reporting broken ones at loc unless conv->quiet. */
void	md_link_resolve(struct md_conv *conv, const char *url,
	    const struct sg_loc *loc, struct sg_node *n);

/* md_anchor.c: notes the ids the raw HTML lit of s defines (<a name>,
 * <a id>, id="" on any tag) among the page's and sets s->text: lit as
 * written where raw HTML is allowed or keep is set (an image's alt
 * text), else only its anchors sanitised to <a id="x"></a> (every id of
 * a block, anchor-only <a> tags inline; a </a> closing one is kept as
 * ""), else NULL: dropped. */
void	md_anchor_html(struct md_conv *conv, struct sg_node *s,
	    const char *lit, int keep);

/* md_mem.c: the allocator cmark-gfm's parse of a page runs on. A stack
 * of blocks kept by each thread; md_mem_begin notes where it stands in
 * *mark and returns the cmark_mem (as void *, so that this header needs
 * no cmark-gfm) for cmark_parser_new_with_mem; md_mem_end gives back
 * everything allocated since, once the parser is freed; its tree need
 * not be, everything in it came from this memory.
 * Calls pair up like parentheses on one thread (a parse inside a parse,
 * for markdown() text, is fine). */
struct md_mem_mark {
	void	*block;
	size_t	 used;
};

void	*md_mem_begin(struct md_mem_mark *mark);
void	 md_mem_end(const struct md_mem_mark *mark);

/* The mark that stands for shortcode call N (its index in the page's
 * records) in the text cmark-gfm parses: MD_SC_MARK, N in decimal, then
 * MD_SC_END for the call or MD_SC_CLOSE for its closing tag; characters
 * of Unicode's private use area, which cmark-gfm keeps as text. */
#define MD_SC_MARK	"\xee\x80\x80"
#define MD_SC_END	"\xee\x80\x81"
#define MD_SC_CLOSE	"\xee\x80\x82"

/* shortcode.c: replaces each shortcode call in text[0..*len) (outside
 * code spans and fenced code) with a mark cmark-gfm keeps as text, one
 * alone on its line with a paragraph of its own, and notes the calls in
 * conv->md; *text and *lines (the map to the author's lines) are
 * replaced. Reports malformed calls. Does nothing for markdown() text. */
void	md_sc_extract(struct md_conv *conv, char **text, size_t *len,
	    int **lines, int *nlines);

/* sc_tree.c: turns the marks in conv->doc into shortcode nodes (a
 * paragraph of one mark into a block), each holding what lies between
 * its two tags. */
void	md_sc_tree(struct md_conv *conv);

#endif
