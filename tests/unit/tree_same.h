/* tree_same.h: are two document trees equal, node for node, every
 * field? For the unit tests of trees packed and made again (test_tree.c,
 * test_pack.c). */
#ifndef TREE_SAME_H
#define TREE_SAME_H

#include <string.h>

#include "doc/tree.h"

static int
same_str(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* Are the trees under a and b equal, node for node, every field? */
static int
same_tree(const struct sg_node *a, const struct sg_node *b)
{
	const struct sg_node	*x, *y;
	size_t			 i;
	int			 k;

	if (a->kind != b->kind || a->line != b->line || a->col != b->col ||
	    a->len != b->len || (a->text == NULL) != (b->text == NULL) ||
	    (a->text && memcmp(a->text, b->text, a->len) != 0))
		return 0;
	switch (a->kind) {
	case SG_NODE_HEADING:
		if (a->u.heading.level != b->u.heading.level ||
		    !same_str(a->u.heading.id, b->u.heading.id))
			return 0;
		break;
	case SG_NODE_ALERT:
		if (a->u.alert.kind != b->u.alert.kind)
			return 0;
		break;
	case SG_NODE_LIST:
		if (a->u.list.ordered != b->u.list.ordered ||
		    a->u.list.start != b->u.list.start ||
		    a->u.list.tight != b->u.list.tight ||
		    a->u.list.delim != b->u.list.delim)
			return 0;
		break;
	case SG_NODE_ITEM:
		if (a->u.item.task != b->u.item.task ||
		    a->u.item.checked != b->u.item.checked)
			return 0;
		break;
	case SG_NODE_CODE_BLOCK:
		if (!same_str(a->u.code.lang, b->u.code.lang) ||
		    !same_str(a->u.code.info, b->u.code.info) ||
		    a->u.code.ntokens != b->u.code.ntokens ||
		    (a->u.code.tokens == NULL) != (b->u.code.tokens == NULL))
			return 0;
		for (i = 0; i < a->u.code.ntokens; i++)
			if (a->u.code.tokens[i].kind !=
			    b->u.code.tokens[i].kind ||
			    a->u.code.tokens[i].off != b->u.code.tokens[i].off ||
			    a->u.code.tokens[i].len != b->u.code.tokens[i].len)
				return 0;
		break;
	case SG_NODE_SAMPLE:
		if (a->u.sample.sample != b->u.sample.sample)
			return 0;
		break;
	case SG_NODE_TABLE:
		if (a->u.table.ncols != b->u.table.ncols)
			return 0;
		for (k = 0; k < a->u.table.ncols; k++)
			if (a->u.table.align[k] != b->u.table.align[k])
				return 0;
		break;
	case SG_NODE_TABLE_ROW:
		if (a->u.row.header != b->u.row.header)
			return 0;
		break;
	case SG_NODE_TABLE_CELL:
		if (a->u.cell.align != b->u.cell.align)
			return 0;
		break;
	case SG_NODE_LINK:
	case SG_NODE_IMAGE:
		if (a->u.link.kind != b->u.link.kind ||
		    !same_str(a->u.link.url, b->u.link.url) ||
		    !same_str(a->u.link.title, b->u.link.title) ||
		    a->u.link.page != b->u.link.page ||
		    !same_str(a->u.link.anchor, b->u.link.anchor) ||
		    a->u.link.width != b->u.link.width ||
		    a->u.link.height != b->u.link.height)
			return 0;
		break;
	case SG_NODE_FOOTNOTE_DEF:
	case SG_NODE_FOOTNOTE_REF:
		if (!same_str(a->u.footnote.label, b->u.footnote.label) ||
		    a->u.footnote.index != b->u.footnote.index ||
		    a->u.footnote.ref != b->u.footnote.ref)
			return 0;
		break;
	case SG_NODE_SHORTCODE_BLOCK:
	case SG_NODE_SHORTCODE:
		if (a->u.shortcode.sc != b->u.shortcode.sc ||
		    a->u.shortcode.close != b->u.shortcode.close)
			return 0;
		break;
	default:
		break;
	}
	for (x = a->first, y = b->first; x && y; x = x->next, y = y->next)
		if (x->parent != a || y->parent != b || !same_tree(x, y))
			return 0;
	return x == NULL && y == NULL;
}

#endif
