/* draw.c: the placed pieces of boxes onto a cairo context. Text is drawn
 * line by line (pango_cairo_show_layout_line), never a clipped whole
 * layout, so a paragraph split across pages leaves no hidden copy of its
 * other lines in the PDF. Links and destinations are cairo tags. */
#include <stdlib.h>
#include <string.h>

#include "out/pdf/pdf_int.h"

void
pdf_set_rgb(cairo_t *cr, struct rgb c)
{
	cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

void
pdf_set_origin(cairo_surface_t *s, const char *date)
{
	char	*d;

	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR,
	    "sitegen " SG_VERSION);
	d = xasprintf("%.10sT00:00:00Z", date && strlen(date) >= 10 ? date :
	    "1970-01-01");
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, d);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, d);
	free(d);
}

void
pdf_quote(struct sg_buf *b, const char *s)
{
	sg_buf_putc(b, '\'');
	for (; *s; s++) {
		if (*s == '\'' || *s == '\\')
			sg_buf_putc(b, '\\');
		sg_buf_putc(b, *s);
	}
	sg_buf_putc(b, '\'');
}

void
pdf_tag_link(cairo_t *cr, const struct link *lk, double x, double y,
    double w, double h)
{
	struct sg_buf	 a = { NULL, 0, 0 };

	if (w <= 0 || h <= 0 || (lk->dest == NULL && (lk->uri == NULL ||
	    !*lk->uri)))
		return;
	sg_buf_printf(&a, "rect=[%.2f %.2f %.2f %.2f] ", x, y, w, h);
	if (lk->dest) {
		sg_buf_puts(&a, "dest=");
		pdf_quote(&a, lk->dest);
	} else {
		sg_buf_puts(&a, "uri=");
		pdf_quote(&a, lk->uri);
	}
	cairo_tag_begin(cr, CAIRO_TAG_LINK, a.data);
	cairo_tag_end(cr, CAIRO_TAG_LINK);
	sg_buf_free(&a);
}

/* The destination name, or the chapter's when the anchor is not in the
 * PDF (an id that is not a heading's); the caller frees it. */
static struct link
resolve(const struct pdf *p, const struct link *lk)
{
	struct link	 r = *lk;
	const char	*slash;

	r.dest = NULL;
	if (lk->dest == NULL)
		return r;
	if (pdf_dest_known(p, lk->dest))
		r.dest = xstrdup(lk->dest);
	else if ((slash = strchr(lk->dest, '/')) != NULL)
		r.dest = xstrndup(lk->dest, (size_t)(slash - lk->dest));
	else
		r.dest = xstrdup(lk->dest);
	return r;
}

/* Draws lines [from, to) of t with the top of line from at x, y, and
 * tags its links. */
static void
lines(const struct pdf *p, cairo_t *cr, const struct text *t, int from,
    int to, double x, double y)
{
	PangoLayoutIter	*it = pango_layout_get_iter(t->layout);
	PangoLayoutLine	*line;
	PangoRectangle	 log;
	struct link	 lk;
	double		 top = t->top[from], ly;
	int		 i = 0, s, e, x0, x1;
	size_t		 k;

	do {
		if (i < from)
			continue;
		if (i >= to)
			break;
		line = pango_layout_iter_get_line_readonly(it);
		pango_layout_iter_get_line_extents(it, NULL, &log);
		ly = y + t->top[i] - top;
		cairo_move_to(cr, x + (double)log.x / PANGO_SCALE,
		    y + t->base[i] - top);
		pango_cairo_show_layout_line(cr, line);
		for (k = 0; k < t->nlinks; k++) {
			s = t->links[k].start > line->start_index ?
			    t->links[k].start : line->start_index;
			e = t->links[k].end < line->start_index + line->length ?
			    t->links[k].end : line->start_index + line->length;
			if (s >= e)
				continue;
			pango_layout_line_index_to_x(line, s, 0, &x0);
			pango_layout_line_index_to_x(line, e, 0, &x1);
			if (e == line->start_index + line->length &&
			    x1 <= x0)
				x1 = log.width;
			lk = resolve(p, &t->links[k]);
			pdf_tag_link(cr, &lk, x + (double)(log.x + (x0 < x1 ?
			    x0 : x1)) / PANGO_SCALE, ly,
			    (double)abs(x1 - x0) / PANGO_SCALE,
			    t->top[i + 1] - t->top[i]);
			free(lk.dest);
		}
	} while (++i, pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
}

static void
dest(cairo_t *cr, const char *name, double x, double y)
{
	struct sg_buf	 a = { NULL, 0, 0 };

	if (name == NULL)
		return;
	sg_buf_puts(&a, "name=");
	pdf_quote(&a, name);
	sg_buf_printf(&a, " x=%.2f y=%.2f", x, y);
	cairo_tag_begin(cr, CAIRO_TAG_DEST, a.data);
	cairo_tag_end(cr, CAIRO_TAG_DEST);
	sg_buf_free(&a);
}

static int
whole_end(const struct frag *f)
{
	const struct box	*b = f->box;

	return !((b->kind == BOX_TEXT || b->kind == BOX_CODE) &&
	    b->text.nlines > 1) || f->to == b->text.nlines;
}

static double
frag_height(const struct frag *f)
{
	const struct box	*b = f->box;

	if ((b->kind == BOX_TEXT || b->kind == BOX_CODE) &&
	    b->text.nlines > 1)
		return b->text.top[f->to] - b->text.top[f->from] + 2 * b->pad;
	return b->h;
}

static void
decor(cairo_t *cr, const struct frag *f, double x0, double y0)
{
	const struct box	*b = f->box;
	const struct decor	*d;
	double			 top, bot, h = frag_height(f);
	int			 i;

	for (i = 0; i < b->ndecor; i++) {
		d = &b->decor[i];
		top = y0 + f->y - (d->first && f->from == 0 ? 6 : f->gap);
		bot = y0 + f->y + h + (d->last && whole_end(f) ? 6 : 0);
		if (d->has_bg) {
			pdf_set_rgb(cr, d->bg);
			cairo_rectangle(cr, x0 + d->x, top, d->w, bot - top);
			cairo_fill(cr);
		}
		pdf_set_rgb(cr, d->bar);
		cairo_rectangle(cr, x0 + d->x, top, 3, bot - top);
		cairo_fill(cr);
	}
}

static void
row(const struct pdf *p, cairo_t *cr, const struct box *b, double x,
    double y)
{
	int	 i;

	if (b->header) {
		pdf_set_rgb(cr, p->pal.bg_head);
		cairo_rectangle(cr, x, y, b->w, b->h);
		cairo_fill(cr);
	}
	for (i = 0; i < b->ncells; i++) {
		pdf_set_rgb(cr, p->pal.text);
		lines(p, cr, &b->cells[i], 0, b->cells[i].nlines,
		    x + b->cell_x[i] + 4, y + 4);
	}
	pdf_set_rgb(cr, b->header ? p->pal.line_strong : p->pal.line);
	cairo_rectangle(cr, x, y + b->h - (b->header ? 1 : 0.6), b->w,
	    b->header ? 1 : 0.6);
	cairo_fill(cr);
}

/* Draws f with the content box's top left corner at x0, y0. */
void
pdf_draw_frag(struct pdf *p, cairo_t *cr, const struct frag *f, double x0,
    double y0)
{
	const struct box	*b = f->box;
	double			 x = x0 + b->x, y = y0 + f->y;
	PangoLayoutLine		*ml;
	int			 to = f->to;

	decor(cr, f, x0, y0);
	if (f->from == 0) {
		dest(cr, b->dest, x, y);
		dest(cr, b->dest2, x, y);
	}
	switch (b->kind) {
	case BOX_TEXT:
		if (to == 0)
			to = b->text.nlines;
		pdf_set_rgb(cr, p->pal.text);
		lines(p, cr, &b->text, f->from, to, x, y);
		if (b->marker && f->from == 0 && b->text.nlines > 0) {
			ml = pango_layout_get_line_readonly(b->marker, 0);
			cairo_move_to(cr, x + b->marker_x, y + b->text.base[0] -
			    b->text.top[0]);
			pango_cairo_show_layout_line(cr, ml);
		}
		break;
	case BOX_CODE:
		if (to == 0)
			to = b->text.nlines;
		pdf_set_rgb(cr, b->bg);
		cairo_rectangle(cr, x, y, b->w, frag_height(f));
		cairo_fill(cr);
		pdf_set_rgb(cr, p->pal.code_text);
		lines(p, cr, &b->text, f->from, to, x + 8, y + b->pad);
		if (b->marker && f->from == 0) {
			ml = pango_layout_get_line_readonly(b->marker, 0);
			cairo_move_to(cr, x + b->marker_x, y + b->pad + 8);
			pango_cairo_show_layout_line(cr, ml);
		}
		break;
	case BOX_RULE:
		if (b->h > 0) {
			pdf_set_rgb(cr, p->pal.line_strong);
			cairo_rectangle(cr, x, y + b->h / 2, b->w, 0.8);
			cairo_fill(cr);
		}
		break;
	case BOX_IMAGE:
		pdf_image_draw(p, cr, b, x, y);
		break;
	case BOX_ROW:
		row(p, cr, b, x, y);
		break;
	case BOX_BREAK:
		break;
	}
}
