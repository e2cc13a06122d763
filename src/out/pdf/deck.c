/* deck.c: a slide deck as a PDF, with the handouts' layout and drawing.
 * Each slide is laid out as a handout page of a narrow virtual width,
 * then drawn zoomed to the slide's size; a slide whose content is taller
 * than the slide is drawn smaller (shrink-to-fit), the measure the build
 * warns on. The notes PDF puts each slide, smaller, above its notes. */
#include <stdlib.h>
#include <string.h>

#include "out/slides.h"
#include "out/pdf/module.h"
#include "out/pdf/pdf.h"
#include "out/pdf/pdf_int.h"
#include "site/i18n.h"

#define ZOOM	1.35	/* a 10 pt handout line becomes 13.5 pt */
#define MARGIN	36	/* around the content of a slide, in points */

static cairo_status_t
write_buf(void *closure, const unsigned char *data, unsigned int len)
{
	sg_buf_put(closure, (const char *)data, len);
	return CAIRO_STATUS_SUCCESS;
}

/* Lays out slide sl into p->boxes and one page of frags; returns the
 * height of its content, in layout points. */
static double
layout(struct pdf *p, const struct sg_slide *sl, struct pages *ps)
{
	const struct frag	*f;
	const struct box	*b;
	double			 h = 0, bottom;
	size_t			 i;
	double			 room = p->height;

	/* one page as tall as it needs: the slide is scaled, never split */
	pdf_layout_doc(p, sl->root, 0, p->width);
	p->height = 1e9;
	pdf_paginate(p, p->boxes, p->nboxes, ps);
	p->height = room;
	for (i = 0; ps->len > 0 && i < ps->v[0].len; i++) {
		f = &ps->v[0].v[i];
		b = f->box;
		bottom = f->y + ((b->kind == BOX_TEXT || b->kind == BOX_CODE) &&
		    b->text.nlines > 1 ? b->text.top[f->to ? f->to :
		    b->text.nlines] - b->text.top[f->from] + 2 * b->pad : b->h);
		if (bottom > h)
			h = bottom;
	}
	return h;
}

static void
clear(struct pdf *p, struct pages *ps)
{
	size_t	 i;

	pdf_pages_free(ps);
	for (i = 0; i < p->nboxes; i++)
		pdf_box_free(p->boxes[i]);
	p->nboxes = 0;
}

static void
small_text(struct pdf *p, cairo_t *cr, const char *s, double x, double y,
    double w, PangoAlignment align)
{
	struct text	 t;

	memset(&t, 0, sizeof(t));
	pdf_plain(p, s, &t, p->sans, 9, 0, w);
	pango_layout_set_alignment(t.layout, align);
	pango_layout_set_ellipsize(t.layout, PANGO_ELLIPSIZE_END);
	pdf_set_rgb(cr, p->pal.text2);
	cairo_move_to(cr, x, y);
	pango_cairo_show_layout(cr, t.layout);
	pdf_text_free(&t);
}

/* Draws slide i of d at the current origin, d->width by d->height; with
 * measure, sets the slide's fit (the notes PDF, made at the same time on
 * another thread, only reads the deck). */
static void
draw_slide(struct pdf *p, cairo_t *cr, struct sg_deck *d, size_t i,
    int measure)
{
	struct sg_slide	*sl = &d->v[i];
	struct pages	 ps;
	double		 h, fit, top;
	char		 num[32];
	size_t		 k;

	memset(&ps, 0, sizeof(ps));
	h = layout(p, sl, &ps);
	fit = h > p->height ? p->height / h : 1;
	if (measure)
		sl->fit = fit;
	cairo_save(cr);
	cairo_rectangle(cr, 0, 0, d->width, d->height);
	cairo_clip(cr);
	top = MARGIN;
	if (sl->klass && strstr(sl->klass, "lead"))
		top += (p->height - h * fit) * ZOOM / 2;
	cairo_translate(cr, MARGIN, top);
	cairo_scale(cr, ZOOM * fit, ZOOM * fit);
	for (k = 0; ps.len > 0 && k < ps.v[0].len; k++)
		pdf_draw_frag(p, cr, &ps.v[0].v[k], 0, 0);
	cairo_restore(cr);
	clear(p, &ps);
	if (sl->header)
		small_text(p, cr, sl->header, MARGIN, 12, d->width - 2 * MARGIN,
		    PANGO_ALIGN_LEFT);
	if (sl->footer)
		small_text(p, cr, sl->footer, MARGIN, d->height - 24,
		    d->width * 0.7, PANGO_ALIGN_LEFT);
	if (sl->paginate) {
		snprintf(num, sizeof(num), "%zu", i + 1);
		small_text(p, cr, num, d->width - MARGIN - 60, d->height - 24,
		    60, PANGO_ALIGN_RIGHT);
	}
}

/* A notes page: the slide, framed, then its title and notes. */
static void
notes_page(struct pdf *p, cairo_t *cr, struct sg_deck *d, size_t i,
    double pw)
{
	const struct sg_slide	*sl = &d->v[i];
	struct text		 t;
	double			 s = (pw - 100) / d->width, y;
	char			*head, *of;

	cairo_save(cr);
	cairo_translate(cr, 50, 50);
	cairo_scale(cr, s, s);
	draw_slide(p, cr, d, i, 0);
	cairo_restore(cr);
	pdf_set_rgb(cr, p->pal.line_strong);
	cairo_set_line_width(cr, 0.8);
	cairo_rectangle(cr, 50, 50, d->width * s, d->height * s);
	cairo_stroke(cr);
	y = 50 + d->height * s + 24;
	memset(&t, 0, sizeof(t));
	of = sg_i18n_format(p->site->config.i18n, "slide_of",
	    "Slide {n} of {total}", i + 1, d->len);
	head = xasprintf("%s%s%s", of, sl->title ? ": " : "", sl->title ?
	    sl->title : "");
	free(of);
	pdf_plain(p, head, &t, p->sans, 11, 1, pw - 100);
	free(head);
	pdf_set_rgb(cr, p->pal.text);
	cairo_move_to(cr, 50, y);
	pango_cairo_show_layout(cr, t.layout);
	y += t.top[t.nlines] + 10;
	pdf_text_free(&t);
	pdf_plain(p, sl->notes ? sl->notes : sg_i18n_text(p->site->config.i18n,
	    "slide_no_notes", -1, "(no notes)"), &t, p->sans, 11, 0,
	    pw - 100);
	cairo_move_to(cr, 50, y);
	pango_cairo_show_layout(cr, t.layout);
	pdf_text_free(&t);
}

static void
outline(cairo_surface_t *s, const struct sg_deck *d,
    const struct sg_i18n *i18n)
{
	struct sg_buf	 a = { NULL, 0, 0 }, t = { NULL, 0, 0 };
	const char	*label;
	char		*n;
	size_t		 i;

	for (i = 0; i < d->len; i++) {
		a.len = t.len = 0;
		sg_buf_printf(&a, "page=%zu", i + 1);
		/* a slide without a title is "Slide N" */
		n = NULL;
		if ((label = d->v[i].title) == NULL)
			label = n = sg_i18n_format(i18n, "slide",
			    "Slide {n}", i + 1, d->len);
		pdf_valid_utf8(&t, label, strlen(label));
		free(n);
		cairo_pdf_surface_add_outline(s, CAIRO_PDF_OUTLINE_ROOT, t.data,
		    a.data, 0);
	}
	sg_buf_free(&a);
	sg_buf_free(&t);
}

static void
metadata(const struct pdf *p, cairo_surface_t *s, const struct sg_deck *d,
    int notes)
{
	char		*title;

	title = xasprintf("%s%s", d->page->title ? d->page->title : d->name,
	    notes ? " (speaker notes)" : "");
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, title);
	free(title);
	pdf_set_origin(s, p->site->build_date);
}

int
sgx_pdf_deck(const struct sg_site *site, struct sg_deck *d, int notes,
    struct sg_diag *diag, struct sg_buf *out)
{
	static const struct sg_handout	 none;
	struct sg_handouts		 fallback;
	struct pdf			 p;
	cairo_surface_t			*s;
	cairo_t				*cr;
	double				 pw, ph;
	size_t				 i;
	int				 rc = -1;
	struct sg_loc			 loc;

	memset(&p, 0, sizeof(p));
	memset(&fallback, 0, sizeof(fallback));
	fallback.font = (char *)"DejaVu Sans";
	fallback.mono = (char *)"DejaVu Sans Mono";
	p.site = site;
	p.hs = site->handouts ? site->handouts : &fallback;
	p.h = &none;
	p.diag = diag;
	p.page = d->page;
	p.page_w = d->width;
	p.page_h = d->height;
	p.width = (d->width - 2 * MARGIN) / ZOOM;
	p.height = (d->height - 2 * MARGIN) / ZOOM;
	p.body_size = 10;
	p.code_size = 8.4;
	pdf_fonts_open(&p);
	pdf_palette(&p);
	pw = notes ? 595.28 : d->width;
	ph = notes ? 841.89 : d->height;
	s = cairo_pdf_surface_create_for_stream(write_buf, out, pw, ph);
	metadata(&p, s, d, notes);
	cr = cairo_create(s);
	cairo_tag_begin(cr, "Document", NULL);
	for (i = 0; i < d->len; i++) {
		if (notes)
			notes_page(&p, cr, d, i, pw);
		else
			draw_slide(&p, cr, d, i, 1);
		cairo_show_page(cr);
	}
	cairo_tag_end(cr, "Document");
	if (!notes)
		outline(s, d, p.site->config.i18n);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		loc.file = d->page->src;
		loc.line = 1;
		loc.col = 1;
		sg_diag_error(diag, &loc, "deck '%s': cairo could not write the "
		    "PDF: %s", d->name, cairo_status_to_string(
		    cairo_surface_status(s)));
	} else
		rc = p.errors ? -1 : 0;
	cairo_surface_destroy(s);
	free(p.boxes);
	pdf_fonts_close(&p);
	return rc;
}
