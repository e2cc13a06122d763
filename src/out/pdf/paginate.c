/* paginate.c: boxes onto pages of a given height. A text or code box
 * breaks between lines, leaving at least two at the foot of a page and
 * two at the head of the next (orphans and widows); a heading goes to the
 * next page rather than end one; a table row never breaks, and a table
 * that runs onto a new page gets its header row again. */
#include <stdlib.h>
#include <string.h>

#include "out/pdf/pdf_int.h"

#define MIN_LINES	2

static int
breakable(const struct box *b)
{
	return (b->kind == BOX_TEXT || b->kind == BOX_CODE) &&
	    b->text.nlines > 1;
}

/* The height of lines [from, to) of b, or of the whole box. */
static double
part(const struct box *b, int from, int to)
{
	if (!breakable(b))
		return b->h;
	return b->text.top[to] - b->text.top[from] + 2 * b->pad;
}

/* What must follow a keep-with-next box on its page. */
static double
next_min(struct box **v, size_t n, size_t i)
{
	const struct box	*b;

	if (i >= n || v[i]->kind == BOX_BREAK)
		return 0;
	b = v[i];
	if (!breakable(b))
		return b->before + b->h;
	return b->before + part(b, 0, b->text.nlines < MIN_LINES ?
	    b->text.nlines : MIN_LINES);
}

static void
put(struct page *pg, struct box *b, int from, int to, double y, double gap)
{
	struct frag	*f;

	if (pg->len == pg->cap) {
		pg->cap = pg->cap ? pg->cap * 2 : 32;
		pg->v = xrealloc(pg->v, pg->cap * sizeof(*pg->v));
	}
	f = &pg->v[pg->len++];
	f->box = b;
	f->from = from;
	f->to = to;
	f->y = y;
	f->gap = gap;
}

static struct page *
new_page(struct pages *ps, int chapter)
{
	struct page	*pg;

	ps->v = xrealloc(ps->v, (ps->len + 1) * sizeof(*ps->v));
	pg = &ps->v[ps->len++];
	memset(pg, 0, sizeof(*pg));
	pg->chapter = chapter;
	return pg;
}

/* The most lines of b from from on that fit in room, widows and orphans
 * kept; from itself when none may go here. */
static int
fit_lines(const struct box *b, int from, double room)
{
	int	 n = b->text.nlines, k = from;

	while (k < n && part(b, from, k + 1) <= room)
		k++;
	if (k == n)
		return k;
	if (n - k < MIN_LINES)
		k = n - MIN_LINES;
	if (k - from < MIN_LINES && !(from == 0 && n <= MIN_LINES))
		return from;
	return k;
}

/* Places boxes v[0..n) on pages height points tall into ps. */
void
pdf_paginate(struct pdf *p, struct box **v, size_t n, struct pages *ps)
{
	struct page	*pg = NULL;
	struct box	*b;
	double		 y = 0, gap, need, H = p->height;
	int		 chapter = -1, from, k;
	size_t		 i;

	memset(ps, 0, sizeof(*ps));
	for (i = 0; i < n; i++) {
		b = v[i];
		if (b->kind == BOX_BREAK) {
			chapter = b->chapter;
			pg = NULL;
			continue;
		}
		if (pg == NULL) {
			pg = new_page(ps, chapter);
			y = 0;
		}
		gap = pg->len ? b->before : 0;
		need = breakable(b) ? part(b, 0, b->text.nlines <= MIN_LINES ?
		    b->text.nlines : MIN_LINES) : b->h;
		if (b->keep_next)
			need = b->h + next_min(v, n, i + 1);
		if (pg->len && y + gap + need > H) {
			pg = new_page(ps, chapter);
			y = 0;
			gap = 0;
		}
		if (pg->len == 0 && b->kind == BOX_ROW && b->head &&
		    i > 0 && v[i - 1]->kind == BOX_ROW) {
			put(pg, b->head, 0, 0, 0, 0);
			y = b->head->h;
		}
		if (!breakable(b) || y + gap + b->h <= H) {
			put(pg, b, 0, breakable(b) ? b->text.nlines : 0,
			    y + gap, gap);
			y += gap + b->h;
			continue;
		}
		for (from = 0; from < b->text.nlines; from = k) {
			k = fit_lines(b, from, H - y - gap);
			if (k == from && pg->len == 0)
				k = from + 1;	/* a line taller than a page */
			if (k > from) {
				put(pg, b, from, k, y + gap, gap);
				y += gap + part(b, from, k);
			}
			if (k < b->text.nlines) {
				pg = new_page(ps, chapter);
				y = 0;
				gap = 0;
			}
		}
	}
}

void
pdf_pages_free(struct pages *ps)
{
	size_t	 i;

	for (i = 0; i < ps->len; i++)
		free(ps->v[i].v);
	free(ps->v);
	memset(ps, 0, sizeof(*ps));
}
