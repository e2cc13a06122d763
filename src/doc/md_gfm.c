/* md_gfm.c: the nodes of cmark-gfm's GitHub extensions that md_tree.c
 * makes ours with more than their kind: the names of the extensions'
 * node types, tables with their columns' alignment, and footnotes with
 * the labels and uses cmark-gfm gives them. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "doc/md_int.h"
#include "util.h"

/* See md_int.h. */
int
md_gfm_kind(void *cmark_node)
{
	const char	*ext = cmark_node_get_type_string(cmark_node);

	if (!strcmp(ext, "strikethrough"))
		return SG_NODE_STRIKE;
	if (!strcmp(ext, "table"))
		return SG_NODE_TABLE;
	if (!strcmp(ext, "table_header") || !strcmp(ext, "table_row"))
		return SG_NODE_TABLE_ROW;
	if (!strcmp(ext, "table_cell"))
		return SG_NODE_TABLE_CELL;
	return -1;
}

/* -------------------------------------------------------------- tables */

static enum sg_align
align_of(uint8_t a)
{
	switch (a) {
	case 'l':
		return SG_ALIGN_LEFT;
	case 'c':
		return SG_ALIGN_CENTER;
	case 'r':
		return SG_ALIGN_RIGHT;
	default:
		return SG_ALIGN_NONE;
	}
}

void
md_gfm_table(struct md_conv *c, void *cmark_table, struct sg_node *s)
{
	cmark_node	*n = cmark_table;
	uint8_t		*a = cmark_gfm_extensions_get_table_alignments(n);
	int		 i, ncols = cmark_gfm_extensions_get_table_columns(n);

	s->u.table.ncols = ncols;
	s->u.table.align = sg_doc_alloc(c->doc, (size_t)(ncols + 1) *
	    sizeof(*s->u.table.align));
	for (i = 0; i < ncols; i++)
		s->u.table.align[i] = a ? align_of(a[i]) : SG_ALIGN_NONE;
}

void
md_gfm_cell(void *cmark_cell, struct sg_node *s)
{
	const struct sg_node	*tab = s->parent ? s->parent->parent : NULL;
	cmark_node		*n = cmark_cell, *k;
	int			 col = 0;

	for (k = cmark_node_previous(n); k; k = cmark_node_previous(k))
		col++;
	if (tab && tab->kind == SG_NODE_TABLE && col < tab->u.table.ncols)
		s->u.cell.align = tab->u.table.align[col];
}

/* ----------------------------------------------------------- footnotes */

/* A footnote's index (its place among the notes, in order of first
 * use) is what cmark-gfm puts in a reference's literal; the label is
 * that of the note, as cmark-gfm writes it in the HTML ids. See
 * md_int.h. */
void
md_gfm_footnote_ref(struct md_conv *c, void *cmark_ref, struct sg_node *s)
{
	cmark_node	*n = cmark_ref;
	const char	*lit = cmark_node_get_literal(n);
	char		*html, *p, *e;
	int		 ix = lit ? atoi(lit) : 0;

	if (ix < 1)
		ix = 1;
	if (ix > c->nrefs) {
		c->refs = xrealloc(c->refs, (size_t)ix * sizeof(*c->refs));
		memset(c->refs + c->nrefs, 0, (size_t)(ix - c->nrefs) *
		    sizeof(*c->refs));
		c->nrefs = ix;
	}
	s->u.footnote.index = ix;
	s->u.footnote.ref = ++c->refs[ix - 1];
	/* the label is not in cmark-gfm's API but in its HTML of the
	 * reference: <sup …><a href="#fn-LABEL" … */
	html = cmark_render_html_with_mem(n, 0, NULL,
	    cmark_get_default_mem_allocator());	/* the parse's is md_mem.c's */
	if ((p = strstr(html, "href=\"#fn-")) != NULL &&
	    (e = strchr(p + 10, '"')) != NULL)
		s->u.footnote.label = sg_doc_strndup(c->doc, p + 10,
		    (size_t)(e - p - 10));
	else
		s->u.footnote.label = "";
	free(html);
}

/* A note's index and label, from the first reference to it (a note
 * nobody refers to is dropped by cmark-gfm, and notes come last). See
 * md_int.h. */
void
md_gfm_footnote_def(struct md_conv *c, struct sg_node *s)
{
	struct sg_walk		 w;
	const struct sg_node	*n;
	int			 entering, ix = ++c->ndefs;

	s->u.footnote.index = ix;
	s->u.footnote.ref = ix <= c->nrefs ? c->refs[ix - 1] : 0;
	s->u.footnote.label = "";
	sg_walk_init(&w, sg_doc_root(c->doc));
	while (sg_walk_next(&w, &n, &entering))
		if (n->kind == SG_NODE_FOOTNOTE_REF &&
		    n->u.footnote.index == ix) {
			s->u.footnote.label = n->u.footnote.label;
			break;
		}
}
