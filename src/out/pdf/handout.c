/* handout.c: one handout PDF. Lays out every chapter (a page of the
 * site), paginates, lays out the table of contents (whose length does
 * not depend on the numbers in it), then draws: cover, contents, the
 * chapters with a running header and "page N of M", bookmarks nested as
 * the headings are. */
#include <stdlib.h>
#include <string.h>

#include "out/handouts.h"
#include "out/pdf/module.h"
#include "out/pdf/pdf.h"
#include "out/pdf/pdf_int.h"
#include "site/i18n.h"

/* The title of the contents page, in the site's language. */
static const char *
contents_title(const struct pdf *p)
{
	return sg_i18n_text(p->site->config.i18n, "contents", -1, "Contents");
}

static cairo_status_t
write_buf(void *closure, const unsigned char *data, unsigned int len)
{
	sg_buf_put(closure, (const char *)data, len);
	return CAIRO_STATUS_SUCCESS;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The first block of root if it is a level-1 heading (the title then
 * stands for it), else NULL. */
static const struct sg_node *
first_h1(const struct sg_node *root)
{
	const struct sg_node	*c = root ? root->first : NULL;

	return c && c->kind == SG_NODE_HEADING && c->u.heading.level == 1 ?
	    c : NULL;
}

static void
chapter(struct pdf *p, size_t k)
{
	const struct sg_page	*page = p->h->pages[k];
	const struct sg_node	*root = page->md.doc ?
				    sg_doc_root(page->md.doc) : NULL;
	struct box		*b;

	p->page = page;
	b = pdf_box_new(p, BOX_BREAK);
	b->chapter = (int)k;
	b = pdf_box_new(p, BOX_TEXT);
	b->w = p->width;
	pdf_plain(p, page->title ? page->title : page->rel, &b->text,
	    p->sans, 21, 1, b->w);
	b->h = b->text.top[b->text.nlines] + 6;
	b->keep_next = 1;
	b->dest = pdf_dest_name(p, page, NULL);
	b->level = 1;
	b->title = xstrdup(page->title ? page->title : page->rel);
	p->skip = first_h1(root);
	if (root)
		pdf_layout_doc(p, root, 0, p->width);
	p->skip = NULL;
}

static void
collect_dests(struct pdf *p)
{
	size_t	 i;

	for (i = 0; i < p->nboxes; i++) {
		if (p->boxes[i]->dest || p->boxes[i]->dest2)
			p->dests = xrealloc(p->dests, (p->ndests + 2) *
			    sizeof(*p->dests));
		if (p->boxes[i]->dest)
			p->dests[p->ndests++] = p->boxes[i]->dest;
		if (p->boxes[i]->dest2)
			p->dests[p->ndests++] = p->boxes[i]->dest2;
	}
	qsort(p->dests, p->ndests, sizeof(*p->dests), cmp_str);
}

/* The table of contents: a title, then the chapters and their second
 * level headings, each a link; numbers are drawn beside them later. */
static void
toc(struct pdf *p, size_t nbody, struct box ***out, size_t *nout)
{
	struct box	*b, *t;
	size_t		 i, first = p->nboxes;
	double		 indent;

	b = pdf_box_new(p, BOX_TEXT);
	b->w = p->width;
	pdf_plain(p, contents_title(p), &b->text, p->sans, 21, 1, b->w);
	b->h = b->text.top[b->text.nlines] + 8;
	for (i = 0; i < nbody; i++) {
		t = p->boxes[i];
		if (t->level < 1 || t->level > 2 || t->dest == NULL)
			continue;
		indent = t->level == 1 ? 0 : 16;
		b = pdf_box_new(p, BOX_TEXT);
		b->x = indent;
		b->w = p->width - indent - 36;
		b->before = t->level == 1 ? 8 : 2;
		pdf_plain(p, t->title ? t->title : "", &b->text, p->sans,
		    t->level == 1 ? p->body_size + 0.5 : p->body_size,
		    t->level == 1, b->w);
		b->h = b->text.top[b->text.nlines];
		b->text.links = xcalloc(1, sizeof(*b->text.links));
		b->text.nlinks = 1;
		b->text.links[0].end = (int)strlen(pango_layout_get_text(
		    b->text.layout));
		b->text.links[0].dest = xstrdup(t->dest);
		b->toc_of = t;
	}
	*out = p->boxes + first;
	*nout = p->nboxes - first;
}

/* Draws s centred with its top at y; returns its height. */
static double
center(struct pdf *p, cairo_t *cr, const char *s, double size, int bold,
    double y, struct rgb c)
{
	struct text	 t;
	double		 h;

	memset(&t, 0, sizeof(t));
	pdf_plain(p, s, &t, p->sans, size, bold, p->width);
	pango_layout_set_alignment(t.layout, PANGO_ALIGN_CENTER);
	pdf_set_rgb(cr, c);
	cairo_move_to(cr, p->margin_x, y);
	pango_cairo_show_layout(cr, t.layout);
	h = t.top[t.nlines];
	pdf_text_free(&t);
	return h;
}

static void
cover(struct pdf *p, cairo_t *cr)
{
	const struct sg_i18n	*t = p->site->config.i18n;
	const char		*d = p->site->build_date;
	char			 date[128];
	struct tm		 tm;
	double			 h;
	int			 y, m, dd;

	pdf_set_rgb(cr, p->pal.accent);
	cairo_rectangle(cr, p->margin_x, p->page_h * 0.3 - 24, p->width, 3);
	cairo_fill(cr);
	h = center(p, cr, p->h->title, 30, 1, p->page_h * 0.3, p->pal.text);
	if (p->h->subtitle)
		center(p, cr, p->h->subtitle, 14, 0, p->page_h * 0.3 + h + 18,
		    p->pal.text2);
	if (p->site->config.title && strcmp(p->site->config.title,
	    p->h->title))
		center(p, cr, p->site->config.title, 13, 1, p->page_h * 0.72,
		    p->pal.text);
	/* the date as the site's pages show it (i18n.h's "date_format") */
	if (d && sscanf(d, "%d-%d-%d", &y, &m, &dd) == 3 && m >= 1 &&
	    m <= 12) {
		memset(&tm, 0, sizeof(tm));
		tm.tm_year = y - 1900;
		tm.tm_mon = m - 1;
		tm.tm_mday = dd;
		timegm(&tm);
		if (sg_i18n_strftime(t, date, sizeof(date), sg_i18n_text(t,
		    "date_format", -1, "%-d %B %Y"), &tm) > 0)
			center(p, cr, date, 11, 0, p->page_h * 0.72 + 22,
			    p->pal.text2);
	}
}

/* The running header (the chapter, the handout) and the footer. */
static void
furniture(struct pdf *p, cairo_t *cr, const char *head, int n, int total)
{
	struct text	 t;
	char		*foot;
	double		 y = p->margin_top - 22;

	memset(&t, 0, sizeof(t));
	pdf_plain(p, head, &t, p->sans, 8.5, 0, p->width * 0.6);
	pango_layout_set_ellipsize(t.layout, PANGO_ELLIPSIZE_END);
	pdf_set_rgb(cr, p->pal.text2);
	cairo_move_to(cr, p->margin_x, y);
	pango_cairo_show_layout(cr, t.layout);
	pdf_text_free(&t);
	pdf_plain(p, p->h->title, &t, p->sans, 8.5, 0, p->width * 0.38);
	pango_layout_set_alignment(t.layout, PANGO_ALIGN_RIGHT);
	pango_layout_set_ellipsize(t.layout, PANGO_ELLIPSIZE_END);
	cairo_move_to(cr, p->margin_x + p->width * 0.62, y);
	pango_cairo_show_layout(cr, t.layout);
	pdf_text_free(&t);
	pdf_set_rgb(cr, p->pal.line);
	cairo_rectangle(cr, p->margin_x, p->margin_top - 8, p->width, 0.6);
	cairo_fill(cr);
	foot = sg_i18n_format(p->site->config.i18n, "page_of",
	    "page {n} of {total}", (size_t)n, (size_t)total);
	pdf_plain(p, foot, &t, p->sans, 8.5, 0, p->width);
	free(foot);
	pango_layout_set_alignment(t.layout, PANGO_ALIGN_CENTER);
	pdf_set_rgb(cr, p->pal.text2);
	cairo_move_to(cr, p->margin_x, p->page_h - p->margin_bottom + 18);
	pango_cairo_show_layout(cr, t.layout);
	pdf_text_free(&t);
}

static void
toc_number(struct pdf *p, cairo_t *cr, const struct frag *f, int first)
{
	struct text	 t;
	char		 n[32];

	memset(&t, 0, sizeof(t));
	snprintf(n, sizeof(n), "%d", f->box->toc_of->pageno + first - 1);
	pdf_plain(p, n, &t, p->sans, p->body_size, f->box->toc_of->level == 1,
	    36);
	pango_layout_set_alignment(t.layout, PANGO_ALIGN_RIGHT);
	pdf_set_rgb(cr, p->pal.text);
	cairo_move_to(cr, p->margin_x + p->width - 36, p->margin_top + f->y +
	    f->box->text.base[0] - t.base[0]);
	pango_cairo_show_layout(cr, t.layout);
	pdf_text_free(&t);
}

/* Bookmarks: chapters at the top, each heading under the nearest one
 * above it of a lower level. */
static void
outline(struct pdf *p, cairo_surface_t *s, size_t nbody)
{
	int		 ids[8] = { CAIRO_PDF_OUTLINE_ROOT }, lv, k, parent;
	struct sg_buf	 a = { NULL, 0, 0 }, t = { NULL, 0, 0 };
	size_t		 i;
	struct box	*b;

	for (k = 1; k < 8; k++)
		ids[k] = -1;
	for (i = 0; i < nbody; i++) {
		b = p->boxes[i];
		if (b->level < 1 || b->dest == NULL)
			continue;
		lv = b->level > 6 ? 6 : b->level;
		parent = CAIRO_PDF_OUTLINE_ROOT;
		for (k = lv - 1; k >= 1; k--)
			if (ids[k] != -1) {
				parent = ids[k];
				break;
			}
		a.len = 0;
		t.len = 0;
		sg_buf_puts(&a, "dest=");
		pdf_quote(&a, b->dest);
		pdf_valid_utf8(&t, b->title, strlen(b->title));
		ids[lv] = cairo_pdf_surface_add_outline(s, parent, t.data,
		    a.data, lv == 1 ? CAIRO_PDF_OUTLINE_FLAG_OPEN : 0);
		for (k = lv + 1; k < 8; k++)
			ids[k] = -1;
	}
	sg_buf_free(&a);
	sg_buf_free(&t);
}

static void
metadata(struct pdf *p, cairo_surface_t *s)
{
	const struct sg_value	*author = sg_value_get(p->site->config.root,
				    "author");

	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE,
	    p->h->title);
	if (author && sg_value_text(author))
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR,
		    sg_value_text(author));
	if (p->h->subtitle)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_SUBJECT,
		    p->h->subtitle);
	pdf_set_origin(s, p->site->build_date);
}

/* Draws the pages of ps, the first numbered first, of total. */
static void
draw_pages(struct pdf *p, cairo_t *cr, const struct pages *ps, int first,
    int total, int is_toc, int body_first)
{
	const struct page	*pg;
	const char		*head;
	size_t			 i, k;

	for (i = 0; i < ps->len; i++) {
		pg = &ps->v[i];
		head = is_toc ? contents_title(p) : pg->chapter >= 0 &&
		    (size_t)pg->chapter < p->h->npages ?
		    p->h->pages[pg->chapter]->title : "";
		furniture(p, cr, head ? head : "", first + (int)i, total);
		for (k = 0; k < pg->len; k++) {
			pdf_draw_frag(p, cr, &pg->v[k], p->margin_x,
			    p->margin_top);
			if (is_toc && pg->v[k].box->toc_of)
				toc_number(p, cr, &pg->v[k], body_first);
		}
		cairo_show_page(cr);
	}
}

static void
number(struct pages *ps)
{
	size_t	 i, k;

	for (i = 0; i < ps->len; i++)
		for (k = 0; k < ps->v[i].len; k++)
			if (ps->v[i].v[k].from == 0 &&
			    ps->v[i].v[k].box->pageno == 0)
				ps->v[i].v[k].box->pageno = (int)i + 1;
}

int
sgx_pdf_handout(const struct sg_site *site, const struct sg_handouts *hs,
    const struct sg_handout *h, struct sg_diag *diag, struct sg_buf *out)
{
	struct pdf		 p;
	struct pages		 body, contents;
	struct box		**tocv;
	cairo_surface_t		*s;
	cairo_t			*cr;
	size_t			 i, nbody, ntoc;
	int			 total, rc = -1;

	memset(&p, 0, sizeof(p));
	memset(&body, 0, sizeof(body));
	memset(&contents, 0, sizeof(contents));
	p.site = site;
	p.hs = hs;
	p.h = h;
	p.diag = diag;
	p.page_w = hs->width;
	p.page_h = hs->height;
	p.margin_x = 62;
	p.margin_top = 68;
	p.margin_bottom = 62;
	p.width = p.page_w - 2 * p.margin_x;
	p.height = p.page_h - p.margin_top - p.margin_bottom;
	p.body_size = 10;
	p.code_size = 8.4;
	pdf_fonts_open(&p);
	pdf_palette(&p);

	/* pass 1: layout and pagination of the chapters, then of the
	 * contents, whose length does not depend on the numbers in it */
	for (i = 0; i < h->npages; i++)
		chapter(&p, i);
	if (p.errors)
		goto out;
	nbody = p.nboxes;
	collect_dests(&p);
	pdf_paginate(&p, p.boxes, nbody, &body);
	number(&body);
	toc(&p, nbody, &tocv, &ntoc);
	pdf_paginate(&p, tocv, ntoc, &contents);
	total = 1 + (int)contents.len + (int)body.len;

	/* pass 2: drawing */
	s = cairo_pdf_surface_create_for_stream(write_buf, out, p.page_w,
	    p.page_h);
	metadata(&p, s);
	cr = cairo_create(s);
	/* cairo 1.16 writes a damaged PDF with URI links and no structure
	 * root */
	cairo_tag_begin(cr, "Document", NULL);
	cover(&p, cr);
	cairo_show_page(cr);
	draw_pages(&p, cr, &contents, 2, total, 1, 2 + (int)contents.len);
	draw_pages(&p, cr, &body, 2 + (int)contents.len, total, 0, 0);
	cairo_tag_end(cr, "Document");
	outline(&p, s, nbody);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		struct sg_loc loc = { "site.yml", h->loc.line, h->loc.col };

		sg_diag_error(diag, &loc, "handout '%s': cairo could not write "
		    "the PDF: %s", h->name, cairo_status_to_string(
		    cairo_surface_status(s)));
	} else
		rc = 0;
	cairo_surface_destroy(s);
out:
	pdf_pages_free(&body);
	pdf_pages_free(&contents);
	for (i = 0; i < p.nboxes; i++)
		pdf_box_free(p.boxes[i]);
	free(p.boxes);
	free(p.dests);
	pdf_fonts_close(&p);
	return rc;
}
