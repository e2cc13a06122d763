/* test_pack.c: document trees made by hand with a node of every kind and
 * every field set, packed (pack.h) and made again: the same tree, the
 * arena the packed header asks for, texts and numbers of every length of
 * their encoding. Trees of parsed pages packed: test_tree.c. */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "doc/pack.h"
#include "doc/tree.h"
#include "tree_same.h"
#include "util.h"


/* A node of kind under parent, at line:col, with text (NULL: none). */
static struct sg_node *
add(struct sg_doc *doc, struct sg_node *parent, enum sg_node_kind kind,
    int line, int col, const char *text, size_t len)
{
	struct sg_node	*n = sg_node_new(doc, kind, line, col);

	if (text) {
		n->text = sg_doc_strndup(doc, text, len);
		n->len = len;
	}
	sg_node_append(parent, n);
	return n;
}

/* A tree with a node of every kind and every field of each set, texts
 * whose lengths take one to four bytes of LEB128, numbers that do too,
 * and negative ones where a field may be. */
static struct sg_doc *
every_kind(char **big)
{
	static struct sg_token	 toks[] = {
		{ SG_TOK_KEYWORD, 0, 3 }, { SG_TOK_STRING, 200, 1000 },
		{ SG_TOK_COMMENT, 20000, 5 }
	};
	struct sg_doc	*doc = sg_doc_new();
	struct sg_node	*r = sg_doc_root(doc), *n, *t, *row;
	size_t		 bigsize = 3 * 1024 * 1024;
	int		 k;

	*big = xmalloc(bigsize);
	for (k = 0; k < (int)bigsize; k++)
		(*big)[k] = (char)('a' + k % 26);
	r->line = 3;
	r->col = 2;
	n = add(doc, r, SG_NODE_HEADING, 200, 1, NULL, 0);
	n->u.heading.level = 6;
	n->u.heading.id = "an-id";
	add(doc, n, SG_NODE_TEXT, 200, 3, *big, 127);
	add(doc, n, SG_NODE_CODE, 200, 130, *big, 128);
	n = add(doc, r, SG_NODE_ALERT, 16384, 70000, NULL, 0);
	n->u.alert.kind = SG_ALERT_CAUTION;
	n = add(doc, n, SG_NODE_PARAGRAPH, 16385, 1, NULL, 0);
	add(doc, n, SG_NODE_TEXT, 16385, 1, *big, 16383);
	add(doc, n, SG_NODE_SOFTBREAK, 16385, 9, NULL, 0);
	add(doc, n, SG_NODE_TEXT, 16386, 1, *big, 16384);
	add(doc, n, SG_NODE_LINEBREAK, 16386, 9, NULL, 0);
	add(doc, n, SG_NODE_TEXT, 16387, 1, *big, bigsize);
	add(doc, n, SG_NODE_TEXT, 16387, 2, "", 0);
	add(doc, n, SG_NODE_HTML_INLINE, 16387, 3, NULL, 0);
	add(doc, n, SG_NODE_HTML_INLINE, 16387, 4, "<a id=\"x\">", 10);
	t = add(doc, n, SG_NODE_EMPH, 1, 1, NULL, 0);
	t = add(doc, t, SG_NODE_STRONG, 1, 2, NULL, 0);
	t = add(doc, t, SG_NODE_STRIKE, 1, 3, NULL, 0);
	t = add(doc, t, SG_NODE_LINK, 1, 4, NULL, 0);
	t->u.link.kind = SG_LINK_PAGE;
	t->u.link.url = "/docs/b/#install";
	t->u.link.title = "";
	t->u.link.page = (struct sg_page *)(void *)big;	/* never read */
	t->u.link.anchor = "install";
	t->u.link.width = -1;
	t->u.link.height = 1 << 30;
	t = add(doc, t, SG_NODE_IMAGE, 1, 5, NULL, 0);
	t->u.link.kind = SG_LINK_FILE;
	t->u.link.url = "";
	t->u.link.width = 640;
	t->u.link.height = 480;
	add(doc, t, SG_NODE_TEXT, 1, 6, "alt", 3);
	t = add(doc, n, SG_NODE_FOOTNOTE_REF, 2, 1, NULL, 0);
	t->u.footnote.label = "n";
	t->u.footnote.index = 300;
	t->u.footnote.ref = 2;
	t = add(doc, n, SG_NODE_SHORTCODE, 2, 2, NULL, 0);
	t->u.shortcode.sc = (struct sg_shortcode *)(void *)&t;
	t->u.shortcode.close = 1;
	add(doc, t, SG_NODE_TEXT, 2, 3, "inner", 5);
	n = add(doc, r, SG_NODE_LIST, 4, 1, NULL, 0);
	n->u.list.ordered = 1;
	n->u.list.start = -2147483647 - 1;
	n->u.list.tight = 1;
	n->u.list.delim = ')';
	n = add(doc, n, SG_NODE_ITEM, 4, 1, NULL, 0);
	n->u.item.task = 1;
	n->u.item.checked = 1;
	n = add(doc, n, SG_NODE_BLOCKQUOTE, 4, 3, NULL, 0);
	n = add(doc, n, SG_NODE_CODE_BLOCK, 5, 1, *big, 30000);
	n->u.code.lang = "c";
	n->u.code.info = "c no_run";
	n->u.code.tokens = toks;
	n->u.code.ntokens = sizeof(toks) / sizeof(*toks);
	n = add(doc, r, SG_NODE_CODE_BLOCK, 6, 1, "x", 1);
	n->u.code.lang = "";
	n->u.code.info = NULL;
	n->u.code.tokens = toks;	/* known, and none */
	n = add(doc, r, SG_NODE_SAMPLE, 7, 1, "int x;", 6);
	n->u.sample.sample = (struct sg_sample *)(void *)&n;
	add(doc, r, SG_NODE_HTML_BLOCK, 8, 1, NULL, 0);
	add(doc, r, SG_NODE_HTML_BLOCK, 9, 1, "<!-- x -->", 10);
	add(doc, r, SG_NODE_THEMATIC_BREAK, 10, 1, NULL, 0);
	n = add(doc, r, SG_NODE_TABLE, 11, 1, NULL, 0);
	n->u.table.ncols = 200;
	n->u.table.align = sg_doc_alloc(doc, 201 * sizeof(*n->u.table.align));
	for (k = 0; k < 200; k++)
		n->u.table.align[k] = (enum sg_align)(k % 4);
	row = add(doc, n, SG_NODE_TABLE_ROW, 11, 1, NULL, 0);
	row->u.row.header = 1;
	t = add(doc, row, SG_NODE_TABLE_CELL, 11, 2, NULL, 0);
	t->u.cell.align = SG_ALIGN_RIGHT;
	add(doc, t, SG_NODE_TEXT, 11, 3, "a", 1);
	add(doc, n, SG_NODE_TABLE_ROW, 12, 1, NULL, 0);
	n = add(doc, r, SG_NODE_SHORTCODE_BLOCK, 13, 1, NULL, 0);
	n->u.shortcode.sc = (struct sg_shortcode *)(void *)&r;
	add(doc, n, SG_NODE_PARAGRAPH, 14, 1, NULL, 0);
	n = add(doc, r, SG_NODE_FOOTNOTE_DEF, 15, 1, NULL, 0);
	n->u.footnote.label = "n";
	n->u.footnote.index = 1;
	n->u.footnote.ref = 3;
	add(doc, r, SG_NODE_TABLE, 16, 1, NULL, 0);	/* no columns */
	return doc;
}

/* The arena a tree takes, as sg_doc_alloc counts it: what a packed
 * tree's first four bytes must say for its unpacking to take one block
 * (pack.c). Its strings take none: they stay in the packed block. */
static size_t
arena_of(const struct sg_node *top)
{
	struct sg_walk		 w;
	const struct sg_node	*n;
	size_t			 need = 0;
	int			 entering;

	sg_walk_init(&w, top);
	while (sg_walk_next(&w, &n, &entering)) {
		if (!entering)
			continue;
		if (n != top)
			need += SG_DOC_ROUND(sizeof(*n));
		if (n->kind == SG_NODE_CODE_BLOCK && n->u.code.tokens)
			need += SG_DOC_ROUND(n->u.code.ntokens ?
			    n->u.code.ntokens * sizeof(*n->u.code.tokens) : 1);
		else if (n->kind == SG_NODE_TABLE)
			need += SG_DOC_ROUND((size_t)(n->u.table.ncols + 1) *
			    sizeof(*n->u.table.align));
	}
	return need;
}

/* Is every text of the tree under top followed by a NUL? */
static int
texts_end(const struct sg_node *top)
{
	struct sg_walk		 w;
	const struct sg_node	*n;
	int			 entering;

	sg_walk_init(&w, top);
	while (sg_walk_next(&w, &n, &entering))
		if (n->text && n->text[n->len] != '\0')
			return 0;
	return 1;
}

/* Every kind of node, with every field, long texts and big numbers,
 * comes back from its packed tree node for node; the block says the
 * arena the tree takes; a block whose count is damaged (none, or far
 * too much) still comes back whole; a tree nested 10,000 deep too, and
 * a tree of the root alone. */
static void
test_pack_kinds(void)
{
	struct sg_doc	*doc, *back, *empty;
	struct sg_node	*n;
	struct sg_buf	 scratch = { 0 };
	unsigned char	*v;
	char		*big;
	size_t		 len, need;
	int		 k;

	doc = every_kind(&big);
	v = sg_doc_pack(doc, &scratch, &len);
	CHECK(len > 3 * 1024 * 1024 + 60000);
	need = arena_of(sg_doc_root(doc));
	CHECK(len > 4 && (v[0] | v[1] << 8 | v[2] << 16 |
	    (size_t)v[3] << 24) == need);
	back = sg_doc_unpack(v, len);
	CHECK(back && same_tree(sg_doc_root(doc), sg_doc_root(back)));
	CHECK(back && texts_end(sg_doc_root(back)));
	/* made in one block of need bytes besides an empty document's */
	empty = sg_doc_new();
	CHECK(back && sg_doc_size(back) <= sg_doc_size(empty) + need + 64);
	sg_doc_free(empty);
	sg_doc_free(back);
	for (k = 0; k < 2; k++) {
		memset(v, k ? 0xff : 0, 4);
		back = sg_doc_unpack(v, len);
		CHECK(back && same_tree(sg_doc_root(doc), sg_doc_root(back)));
		CHECK(back && texts_end(sg_doc_root(back)));
		sg_doc_free(back);
	}
	free(v);
	sg_doc_free(doc);
	free(big);

	doc = sg_doc_new();
	for (n = sg_doc_root(doc), k = 0; k < 10000; k++)
		n = add(doc, n, k % 2 ? SG_NODE_ITEM : SG_NODE_BLOCKQUOTE, k + 1,
		    k % 300 + 1, NULL, 0);
	add(doc, n, SG_NODE_TEXT, 1, 1, "deep", 4);
	v = sg_doc_pack(doc, &scratch, &len);
	back = sg_doc_unpack(v, len);
	CHECK(back && same_tree(sg_doc_root(doc), sg_doc_root(back)));
	sg_doc_free(back);
	free(v);
	sg_doc_free(doc);

	doc = sg_doc_new();
	v = sg_doc_pack(doc, &scratch, &len);
	CHECK(len == 4 + 5 && v[0] == 0);
	back = sg_doc_unpack(v, len);
	CHECK(back && same_tree(sg_doc_root(doc), sg_doc_root(back)));
	sg_doc_free(back);
	free(v);
	sg_doc_free(doc);
	sg_buf_free(&scratch);
}

/* A tree made again points into the packed block for its strings; a
 * string whose NUL is not there (a damaged block) is no tree. */
static void
test_strings_in_block(void)
{
	struct sg_doc	*doc = sg_doc_new(), *back;
	struct sg_node	*t;
	unsigned char	*v, *at;
	size_t		 len;

	t = add(doc, sg_doc_root(doc), SG_NODE_PARAGRAPH, 1, 1, NULL, 0);
	add(doc, t, SG_NODE_TEXT, 1, 1, "words", 5);
	v = sg_doc_pack(doc, NULL, &len);
	back = sg_doc_unpack(v, len);
	CHECK(back && same_tree(sg_doc_root(doc), sg_doc_root(back)));
	t = back ? sg_doc_root(back)->first->first : NULL;
	CHECK(t && (const unsigned char *)t->text > v &&
	    (const unsigned char *)t->text + t->len < v + len &&
	    t->text[t->len] == '\0');
	sg_doc_free(back);
	at = memmem(v, len, "words", 5);
	CHECK(at && at[5] == '\0');
	if (at) {
		at[5] = 'x';
		CHECK(sg_doc_unpack(v, len) == NULL);
	}
	free(v);
	sg_doc_free(doc);
}

int
main(void)
{
	TEST(test_pack_kinds);
	TEST(test_strings_in_block);
	HARNESS_EXIT();
}
