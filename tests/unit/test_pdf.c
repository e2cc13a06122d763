/* test_pdf.c: the PDF layout engine on document trees built by hand: a
 * handout renders, the same input gives the same bytes, links inside the
 * handout become destinations, pagination keeps widows, orphans and
 * headings with what follows, and a table's header comes back on each
 * page it runs onto. SG_PDF_OUT=FILE keeps the PDF made by test_render. */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "out/handouts.h"
#include "out/pdf/pdf.h"
#include "out/pdf/pdf_int.h"
#include "samples/samples.h"
#include "site.h"
#include "doc/tree.h"

static struct sg_node *
add(struct sg_doc *d, struct sg_node *parent, enum sg_node_kind k,
    const char *text)
{
	struct sg_node	*n = sg_node_new(d, k, 3, 1);

	if (text) {
		n->text = sg_doc_strndup(d, text, strlen(text));
		n->len = strlen(text);
	}
	sg_node_append(parent, n);
	return n;
}

static struct sg_node *
para(struct sg_doc *d, struct sg_node *parent, const char *text)
{
	struct sg_node	*p = add(d, parent, SG_NODE_PARAGRAPH, NULL);

	add(d, p, SG_NODE_TEXT, text);
	return p;
}

static struct sg_node *
heading(struct sg_doc *d, struct sg_node *parent, int level, const char *id,
    const char *text)
{
	struct sg_node	*h = add(d, parent, SG_NODE_HEADING, NULL);

	h->u.heading.level = level;
	h->u.heading.id = id;
	add(d, h, SG_NODE_TEXT, text);
	return h;
}

static const char *const lorem = "Lambda functions run in containers "
    "that the platform starts, reuses and stops as it sees fit; a "
    "handler that keeps state between invocations must be ready to lose "
    "it at any time, and one that trusts its input must be ready for "
    "the day it is not what it expected.";

struct fixture {
	struct sg_site		 site;
	struct sg_options	 opt;
	struct sg_page		 pages[2], *pv[2];
	struct sg_sample	 sample;
	struct sg_handouts	 hs;
	struct sg_handout	 h;
	enum sg_align		 align[3];
};

/* Two pages: the first with every kind of block, the second short, with
 * a heading the first links to. */
static void
build(struct fixture *f)
{
	struct sg_doc	*d;
	struct sg_node	*root, *n, *l, *it, *t, *r, *c, *q;
	int		 i, k;
	char		 buf[64];

	memset(f, 0, sizeof(*f));
	f->site.opt = &f->opt;
	f->site.root = (char *)".";
	f->site.config.title = (char *)"Test site";
	f->site.config.base_url = (char *)"https://example.org/guide/";
	f->site.config.base_path = (char *)"/guide/";
	f->site.config.theme = (char *)"";
	f->site.build_date = (char *)"2026-11-28";
	for (i = 0; i < 2; i++) {
		f->pages[i].index = (size_t)i;
		f->pages[i].src = (char *)(i ? "content/b.md" : "content/a.md");
		f->pages[i].rel = f->pages[i].src + 8;
		f->pages[i].title = (char *)(i ? "Second chapter" :
		    "First chapter");
		f->pages[i].url = (char *)(i ? "/guide/b/" : "/guide/a/");
		f->pv[i] = &f->pages[i];
	}

	d = sg_doc_new();
	root = sg_doc_root(d);
	heading(d, root, 1, "first-chapter", "First chapter");
	n = para(d, root, "Some ");
	add(d, add(d, n, SG_NODE_EMPH, NULL), SG_NODE_TEXT, "emphasis");
	add(d, n, SG_NODE_TEXT, ", ");
	add(d, n, SG_NODE_CODE, "inline_code()");
	add(d, n, SG_NODE_TEXT, ", a ");
	l = add(d, n, SG_NODE_LINK, NULL);
	l->u.link.kind = SG_LINK_EXTERNAL;
	l->u.link.url = "https://aws.amazon.com/lambda/";
	add(d, l, SG_NODE_TEXT, "web link");
	add(d, n, SG_NODE_TEXT, " and a ");
	l = add(d, n, SG_NODE_LINK, NULL);
	l->u.link.kind = SG_LINK_PAGE;
	l->u.link.url = "/guide/b/#later";
	l->u.link.page = &f->pages[1];
	l->u.link.anchor = "later";
	add(d, l, SG_NODE_TEXT, "link to the second chapter");
	add(d, n, SG_NODE_TEXT, ".");
	r = add(d, n, SG_NODE_FOOTNOTE_REF, NULL);
	r->u.footnote.index = 1;
	heading(d, root, 2, "lists", "Lists");
	l = add(d, root, SG_NODE_LIST, NULL);
	l->u.list.tight = 1;
	for (i = 0; i < 3; i++) {
		it = add(d, l, SG_NODE_ITEM, NULL);
		para(d, it, i == 1 ? lorem : "A bullet point");
		if (i == 1) {
			n = add(d, it, SG_NODE_LIST, NULL);
			n->u.list.ordered = 1;
			n->u.list.start = 1;
			n->u.list.delim = '.';
			n->u.list.tight = 1;
			para(d, add(d, n, SG_NODE_ITEM, NULL), "Numbered one");
			para(d, add(d, n, SG_NODE_ITEM, NULL), "Numbered two");
		}
	}
	q = add(d, root, SG_NODE_ALERT, NULL);
	q->u.alert.kind = SG_ALERT_WARNING;
	para(d, q, lorem);
	q = add(d, root, SG_NODE_BLOCKQUOTE, NULL);
	para(d, q, "A quotation, set off by a bar.");
	heading(d, root, 2, "code", "Code");
	n = add(d, root, SG_NODE_CODE_BLOCK, "#!/bin/sh\n# deploy\n"
	    "for f in *.zip; do\n\taws lambda update-function-code "
	    "--zip-file \"fileb://$f\"\ndone\n");
	n->u.code.lang = "bash";
	f->sample.code = (char *)"#include <stdio.h>\nint\nmain(void)\n{\n"
	    "\tputs(\"hello, handout\");\n\treturn 0;\n}\n";
	f->sample.shown = f->sample.code;
	f->sample.shown_output = (char *)"hello, handout\n";
	f->sample.shown_output_len = strlen(f->sample.shown_output);
	n = add(d, root, SG_NODE_SAMPLE, NULL);
	n->u.sample.sample = &f->sample;
	heading(d, root, 2, "table", "A long table");
	t = add(d, root, SG_NODE_TABLE, NULL);
	t->u.table.ncols = 3;
	f->align[0] = SG_ALIGN_LEFT;
	f->align[1] = SG_ALIGN_CENTER;
	f->align[2] = SG_ALIGN_RIGHT;
	t->u.table.align = f->align;
	for (i = 0; i < 80; i++) {
		r = add(d, t, SG_NODE_TABLE_ROW, NULL);
		r->u.row.header = i == 0;
		for (k = 0; k < 3; k++) {
			c = add(d, r, SG_NODE_TABLE_CELL, NULL);
			c->u.cell.align = f->align[k];
			snprintf(buf, sizeof(buf), i == 0 ? "Column %d" :
			    "row %d cell %d", i == 0 ? k : i, k);
			add(d, c, SG_NODE_TEXT, buf);
		}
	}
	add(d, root, SG_NODE_THEMATIC_BREAK, NULL);
	for (i = 0; i < 12; i++)
		para(d, root, lorem);
	n = add(d, root, SG_NODE_FOOTNOTE_DEF, NULL);
	n->u.footnote.index = 1;
	para(d, n, "The footnote's text.");
	f->pages[0].md.doc = d;

	d = sg_doc_new();
	root = sg_doc_root(d);
	para(d, root, "The second chapter has no heading of its own.");
	heading(d, root, 2, "later", "Later");
	para(d, root, "Linked from the first.");
	f->pages[1].md.doc = d;

	f->hs.width = 595.28;
	f->hs.height = 841.89;
	f->hs.font = (char *)"DejaVu Sans";
	f->hs.mono = (char *)"DejaVu Sans Mono";
	f->h.name = (char *)"test";
	f->h.title = (char *)"Test handout";
	f->h.subtitle = (char *)"Made by hand";
	f->h.pages = f->pv;
	f->h.npages = 2;
}

static void
unbuild(struct fixture *f)
{
	sg_doc_free(f->pages[0].md.doc);
	sg_doc_free(f->pages[1].md.doc);
}

static int
count(const struct sg_buf *b, const char *s)
{
	const char	*p = b->data, *e = b->data + b->len;
	size_t		 n = strlen(s);
	int		 c = 0;

	for (; p && p + n <= e; p++)
		if (memcmp(p, s, n) == 0)
			c++;
	return c;
}

static void
test_render(void)
{
	struct fixture	 f;
	struct sg_diag	*diag = sg_diag_new(stderr, 0);
	struct sg_buf	 a = { NULL, 0, 0 }, b = { NULL, 0, 0 };
	const char	*keep = getenv("SG_PDF_OUT");

	build(&f);
	CHECK(sg_pdf_handout(&f.site, &f.hs, &f.h, diag, &a) == 0);
	CHECK(sg_pdf_handout(&f.site, &f.hs, &f.h, diag, &b) == 0);
	CHECK(sg_diag_errors(diag) == 0);
	CHECK(a.len > 1000 && memcmp(a.data, "%PDF-", 5) == 0);
	CHECK(a.len == b.len && memcmp(a.data, b.data, a.len) == 0);
	/* the link to the second chapter's heading is a named destination,
	 * the web link a URI, and there is an outline */
	CHECK(count(&a, "p1/later") >= 2);
	CHECK(count(&a, "https://aws.amazon.com/lambda/") == 1);
	CHECK(count(&a, "/Outlines") >= 1);
	CHECK(count(&a, "/CreationDate (20261128000000Z)") == 1);
	if (keep)
		sg_file_write(keep, a.data, a.len);
	sg_buf_free(&a);
	sg_buf_free(&b);
	sg_diag_free(diag);
	unbuild(&f);
}

/* ---- pagination, on boxes made by hand -------------------------------- */

/* A text box of n lines, each 10 points tall. */
static struct box *
lines_box(int n, double before)
{
	struct box	*b = xcalloc(1, sizeof(*b));
	int		 i;

	b->kind = BOX_TEXT;
	b->before = before;
	b->text.nlines = n;
	b->text.top = xcalloc((size_t)n + 1, sizeof(double));
	for (i = 0; i <= n; i++)
		b->text.top[i] = 10.0 * i;
	b->h = 10.0 * n;
	return b;
}

static struct box *
solid(enum box_kind kind, double h)
{
	struct box	*b = xcalloc(1, sizeof(*b));

	b->kind = kind;
	b->h = h;
	return b;
}

static void
free_boxes(struct box **v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		free(v[i]->text.top);
		free(v[i]);
	}
}

/* Paginates v into pages 100 points tall. */
static void
paginate(struct box **v, size_t n, struct pages *ps)
{
	struct pdf	 p;

	memset(&p, 0, sizeof(p));
	p.height = 100;
	pdf_paginate(&p, v, n, ps);
}

/* A paragraph that runs over: two lines at least go over with it
 * (widows), and the page keeps as many as fit. */
static void
test_widows(void)
{
	struct box	*v[2];
	struct pages	 ps;

	v[0] = lines_box(1, 0);		/* 10 points */
	v[1] = lines_box(10, 0);	/* 9 lines fit after it, 1 would not */
	paginate(v, 2, &ps);
	CHECK(ps.len == 2);
	CHECK(ps.len == 2 && ps.v[0].len == 2 && ps.v[0].v[1].from == 0 &&
	    ps.v[0].v[1].to == 8);
	CHECK(ps.len == 2 && ps.v[1].len == 1 && ps.v[1].v[0].from == 8 &&
	    ps.v[1].v[0].to == 10 && ps.v[1].v[0].y == 0);
	pdf_pages_free(&ps);
	free_boxes(v, 2);
}

/* Only one line of a paragraph would fit: it starts on the next page
 * (no orphan). */
static void
test_orphans(void)
{
	struct box	*v[2];
	struct pages	 ps;

	v[0] = lines_box(9, 0);
	v[1] = lines_box(5, 0);
	paginate(v, 2, &ps);
	CHECK(ps.len == 2);
	CHECK(ps.len == 2 && ps.v[0].len == 1 && ps.v[1].len == 1 &&
	    ps.v[1].v[0].box == v[1] && ps.v[1].v[0].from == 0 &&
	    ps.v[1].v[0].to == 5);
	pdf_pages_free(&ps);
	free_boxes(v, 2);
}

/* A heading with room for itself but not for two lines of what follows
 * goes to the next page with it. */
static void
test_keep_with_next(void)
{
	struct box	*v[3];
	struct pages	 ps;

	v[0] = lines_box(7, 0);		/* 70 */
	v[1] = lines_box(1, 0);		/* a heading at 70..80 */
	v[1]->keep_next = 1;
	v[2] = lines_box(6, 0);		/* 2 lines would end at 100: fits */
	paginate(v, 3, &ps);
	CHECK(ps.len == 2 && ps.v[0].len == 3);
	pdf_pages_free(&ps);
	v[2]->before = 5;		/* now they would end at 105 */
	paginate(v, 3, &ps);
	CHECK(ps.len == 2 && ps.v[0].len == 1 && ps.v[1].v[0].box == v[1] &&
	    ps.v[1].v[1].box == v[2] && ps.v[1].v[1].to == 6);
	pdf_pages_free(&ps);
	free_boxes(v, 3);
}

/* A table that runs onto the next page starts it with its header row;
 * a row is never split. */
static void
test_table_header(void)
{
	struct box	*v[8];
	struct pages	 ps;
	size_t		 i;

	v[0] = solid(BOX_ROW, 16);
	v[0]->header = 1;
	v[0]->keep_next = 1;
	for (i = 1; i < 8; i++) {
		v[i] = solid(BOX_ROW, 20);
		v[i]->head = v[0];
	}
	paginate(v, 8, &ps);
	/* 16 + 4 x 20 = 96 on the first page */
	CHECK(ps.len == 2 && ps.v[0].len == 5);
	CHECK(ps.len == 2 && ps.v[1].len == 4 && ps.v[1].v[0].box == v[0] &&
	    ps.v[1].v[1].box == v[5] && ps.v[1].v[1].y == 16);
	pdf_pages_free(&ps);
	free_boxes(v, 8);
}

/* A chapter starts a page; a box taller than a page still goes in. */
static void
test_breaks(void)
{
	struct box	*v[4];
	struct pages	 ps;

	v[0] = lines_box(2, 0);
	v[1] = solid(BOX_BREAK, 0);
	v[1]->chapter = 1;
	v[2] = lines_box(2, 0);
	v[3] = solid(BOX_IMAGE, 150);
	paginate(v, 4, &ps);
	CHECK(ps.len == 3 && ps.v[0].chapter == -1 && ps.v[1].chapter == 1 &&
	    ps.v[1].len == 1 && ps.v[2].len == 1 && ps.v[2].v[0].box == v[3]);
	pdf_pages_free(&ps);
	free_boxes(v, 4);
}

int
main(void)
{
	TEST(test_render);
	TEST(test_widows);
	TEST(test_orphans);
	TEST(test_keep_with_next);
	TEST(test_table_header);
	TEST(test_breaks);
	HARNESS_EXIT();
}
