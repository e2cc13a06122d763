/* table.c: a table into one box per row. Columns get their natural width
 * when the table fits, else a fair share of the width and what is left
 * given to the columns that want more; cells wrap within them. The header
 * row is kept with the first row and drawn again atop each page the
 * table runs onto. */
#include <stdlib.h>
#include <string.h>

#include "out/pdf/pdf_int.h"

#define CELL_PAD	4.0
#define MAX_COLS	64

static PangoAlignment
align_of(enum sg_align a)
{
	switch (a) {
	case SG_ALIGN_CENTER:
		return PANGO_ALIGN_CENTER;
	case SG_ALIGN_RIGHT:
		return PANGO_ALIGN_RIGHT;
	default:
		return PANGO_ALIGN_LEFT;
	}
}

/* Column widths for natural widths nat[0..n) within avail. */
static void
widths(const double *nat, double *out, int n, double avail)
{
	double	 sum = 0, share = avail / n, left, want = 0;
	int	 i;

	for (i = 0; i < n; i++)
		sum += nat[i];
	if (sum <= avail) {
		memcpy(out, nat, (size_t)n * sizeof(*out));
		return;
	}
	left = avail;
	for (i = 0; i < n; i++) {
		out[i] = nat[i] < share ? nat[i] : share;
		left -= out[i];
		if (nat[i] > out[i])
			want += nat[i] - out[i];
	}
	for (i = 0; i < n && want > 0; i++)
		if (nat[i] > out[i])
			out[i] += left * (nat[i] - out[i]) / want;
}

void
pdf_table(struct pdf *p, const struct sg_node *t, double x, double w)
{
	const struct sg_node	*row, *cell;
	struct box		*b, *head = NULL, *first = NULL;
	double			 nat[MAX_COLS], cw[MAX_COLS], cx, size;
	int			 ncols = t->u.table.ncols, i, wd;
	size_t			 first_i = p->nboxes, k;
	int			 r = 0;

	if (ncols < 1)
		return;
	if (ncols > MAX_COLS)
		ncols = MAX_COLS;
	size = p->body_size * 0.92;
	for (i = 0; i < ncols; i++)
		nat[i] = 2 * CELL_PAD + 12;
	/* lay out every cell unwrapped, for the natural widths */
	for (row = t->first; row; row = row->next) {
		if (row->kind != SG_NODE_TABLE_ROW)
			continue;
		b = pdf_box_new(p, BOX_ROW);
		b->x = x;
		b->w = w;
		b->before = r == 0 ? 10 : 0;
		b->header = row->u.row.header;
		b->cells = xcalloc((size_t)ncols, sizeof(*b->cells));
		b->cell_x = xcalloc((size_t)ncols, sizeof(double));
		b->cell_w = xcalloc((size_t)ncols, sizeof(double));
		b->ncells = ncols;
		for (i = 0, cell = row->first; i < ncols; i++) {
			if (cell && cell->kind == SG_NODE_TABLE_CELL) {
				pdf_inlines(p, cell, &b->cells[i], size,
				    b->header, 0, 0, NULL, NULL);
				cell = cell->next;
			} else
				pdf_plain(p, "", &b->cells[i], p->sans, size,
				    0, 0);
			pango_layout_get_size(b->cells[i].layout, &wd, NULL);
			if ((double)wd / PANGO_SCALE + 2 * CELL_PAD + 1 >
			    nat[i])
				nat[i] = (double)wd / PANGO_SCALE +
				    2 * CELL_PAD + 1;
		}
		if (b->header && head == NULL)
			head = b;
		if (first == NULL)
			first = b;
		r++;
	}
	widths(nat, cw, ncols, w);
	for (k = first_i; k < p->nboxes; k++) {
		b = p->boxes[k];
		cx = 0;
		b->h = 0;
		for (i = 0; i < ncols; i++) {
			b->cell_x[i] = cx;
			b->cell_w[i] = cw[i];
			cx += cw[i];
			pango_layout_set_width(b->cells[i].layout, (int)((cw[i] -
			    2 * CELL_PAD) * PANGO_SCALE));
			pango_layout_set_wrap(b->cells[i].layout,
			    PANGO_WRAP_WORD_CHAR);
			pango_layout_set_alignment(b->cells[i].layout,
			    align_of(i < t->u.table.ncols && t->u.table.align ?
			    t->u.table.align[i] : SG_ALIGN_NONE));
			pdf_text_remeasure(p, &b->cells[i]);
			if (b->cells[i].top[b->cells[i].nlines] > b->h)
				b->h = b->cells[i].top[b->cells[i].nlines];
		}
		b->h += 2 * CELL_PAD;
		b->w = cx;
		if (b != head)
			b->head = head;
		else
			b->keep_next = 1;
	}
}
