/* pdf_int.h: what the parts of pdf/ share. Layout turns blocks into
 * boxes (a paragraph, a code block, a table row …), each breakable
 * between its lines or not at all; pagination places them on pages;
 * drawing paints the placed pieces. The same steps serve any page size
 * and any box to fill (handouts now, slides later). */
#ifndef SG_PDF_INT_H
#define SG_PDF_INT_H

#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "diag.h"
#include "out/handouts.h"
#include "highlight/highlight.h"
#include "site.h"
#include "doc/tree.h"

/* The longest paragraph or code block a handout shows, in bytes: past
 * that, pango's layout takes seconds and the page runs to hundreds. */
#define MAX_TEXT	(256 * 1024)

struct rgb {
	double	 r, g, b;
};

/* The theme's colours (its _palette.scss, light scheme). */
struct palette {
	struct rgb	 text, text2, accent, line, line_strong;
	struct rgb	 bg_code, bg_output, bg_inline, bg_head, bg_stripe;
	struct rgb	 code_text;
	struct rgb	 tok[SG_TOK__COUNT];
	struct rgb	 alert[5], alert_bg[5];	/* by enum sg_alert_kind */
};

/* Where a link goes: a named destination in this PDF, or a URI. */
struct link {
	int		 start, end;	/* byte range in the layout's text */
	char		*dest;		/* or NULL */
	char		*uri;		/* or NULL */
};

/* A PangoLayout with the links in its text and its line metrics. */
struct text {
	PangoLayout	*layout;
	struct link	*links;
	size_t		 nlinks;
	int		 nlines;
	double		*top;		/* nlines + 1: each line's top, then
					 * the bottom of the last */
	double		*base;		/* nlines: each line's baseline */
};

enum box_kind {
	BOX_TEXT,	/* a paragraph, heading, list item text: by lines */
	BOX_CODE,	/* code or a sample's output: by lines, on a tint */
	BOX_RULE,	/* a thematic break */
	BOX_IMAGE,
	BOX_ROW,	/* a table row, whole */
	BOX_BREAK	/* a new page (a chapter starts) */
};

/* A tint or a bar behind a box, from an enclosing quote or alert. */
struct decor {
	double		 x, w;		/* from the content box's left */
	struct rgb	 bar;		/* the bar at the left */
	struct rgb	 bg;
	int		 has_bg;
	int		 first, last;	/* the box opens or closes the block */
};

#define MAX_DECOR	4

struct box {
	enum box_kind	 kind;
	double		 x, w;		/* from the content box's left */
	double		 before;	/* space above, dropped at a page top */
	double		 h;		/* its height */
	double		 pad;		/* BOX_CODE: inner padding */
	int		 keep_next;	/* a heading: never last on a page */
	struct text	 text;		/* TEXT, CODE */
	struct rgb	 bg;		/* CODE: its tint */
	PangoLayout	*marker;	/* a list item's bullet, or NULL */
	double		 marker_x;
	char		*dest;		/* named destination at its top */
	char		*dest2;		/* and another, or NULL */
	/* a heading for the outline and the table of contents */
	int		 level;		/* 0 none, 1 a chapter, 2.. */
	char		*title;
	/* BOX_ROW */
	struct text	*cells;
	double		*cell_x, *cell_w;
	int		 ncells;
	int		 header;	/* the header row */
	struct box	*head;		/* the table's header row, to repeat */
	/* BOX_IMAGE */
	cairo_surface_t	*image;
	void		*svg;		/* RsvgHandle */
	double		 img_w, img_h;	/* its natural size */
	/* BOX_BREAK */
	int		 chapter;	/* index of the chapter it opens */
	int		 pageno;	/* the page its top is on, from 1 */
	struct box	*toc_of;	/* a table of contents entry: for it */
	struct decor	 decor[MAX_DECOR];
	int		 ndecor;
};

/* A piece of a box on a page: lines [from, to) of a TEXT or CODE box,
 * the whole of any other. */
struct frag {
	struct box	*box;
	int		 from, to;
	double		 y;		/* its top, from the content box's top */
	double		 gap;		/* the space kept above it */
};

struct page {
	struct frag	*v;
	size_t		 len, cap;
	int		 chapter;	/* for the running header, -1 none */
};

struct pages {
	struct page	*v;
	size_t		 len;
};

/* The state of one PDF. */
struct pdf {
	const struct sg_site	*site;
	const struct sg_handouts *hs;
	const struct sg_handout	*h;
	struct sg_diag		*diag;
	PangoFontMap		*fontmap;
	PangoContext		*pc;
	PangoFontDescription	*sans, *mono;
	struct palette		 pal;
	double			 page_w, page_h;
	double			 margin_x, margin_top, margin_bottom;
	double			 width, height;	/* the content box */
	double			 body_size, code_size;
	struct box		**boxes;
	size_t			 nboxes, cap;
	char			**dests;	/* every destination, sorted */
	size_t			 ndests;
	int			 chapter;	/* the page being laid out */
	const struct sg_page	*page;
	const struct sg_node	*skip;		/* a heading the title replaces */
	int			 errors;
};

/* fonts.c */
int		 pdf_fonts_open(struct pdf *);
void		 pdf_fonts_close(struct pdf *);
void		 pdf_palette(struct pdf *);
PangoLayout	*pdf_layout_new(struct pdf *, const PangoFontDescription *,
		    double size, double width);
void		 pdf_text_measure(struct text *);
void		 pdf_text_remeasure(struct text *);
void		 pdf_text_free(struct text *);
void		 pdf_valid_utf8(struct sg_buf *, const char *, size_t);

/* inline.c */
void		 pdf_inlines(struct pdf *, const struct sg_node *, struct text *,
		    double size, int bold, double width, double spacing,
		    struct text **more, size_t *nmore);
void		 pdf_plain(struct pdf *, const char *, struct text *,
		    const PangoFontDescription *, double, int, double);
void		 pdf_too_long(struct pdf *, const struct sg_node *, size_t);
char		*pdf_dest_name(struct pdf *, const struct sg_page *,
		    const char *);
int		 pdf_dest_known(const struct pdf *, const char *);

/* layout.c */
struct box	*pdf_box_new(struct pdf *, enum box_kind);
void		 pdf_layout_doc(struct pdf *, const struct sg_node *,
		    double x, double w);
void		 pdf_box_free(struct box *);

/* table.c */
void		 pdf_table(struct pdf *, const struct sg_node *, double x,
		    double w);

/* image.c */
int		 pdf_image_load(struct pdf *, struct box *, const char *path,
		    const struct sg_loc *);
void		 pdf_image_draw(cairo_t *, const struct box *, double, double);

/* paginate.c */
void		 pdf_paginate(struct pdf *, struct box **, size_t,
		    struct pages *);
void		 pdf_pages_free(struct pages *);

/* draw.c */
void		 pdf_draw_frag(struct pdf *, cairo_t *, const struct frag *,
		    double x0, double y0);
void		 pdf_set_rgb(cairo_t *, struct rgb);
void		 pdf_set_origin(cairo_surface_t *, const char *);
void		 pdf_quote(struct sg_buf *, const char *);
void		 pdf_tag_link(cairo_t *, const struct link *, double x,
		    double y, double w, double h);

#endif
