/* pdf_int.h: what the parts of pdf/ share. Layout turns blocks into
 * boxes (a paragraph, a code block, a table row …), each breakable
 * between its lines or not at all; pagination places them on pages;
 * drawing paints the placed pieces. The same steps serve any page size
 * and any box to fill (handouts now, slides later). */
#ifndef SG_PDF_INT_H
#define SG_PDF_INT_H

#include <cairo.h>
#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>
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
	struct held_faces	*held;		/* the pair's (faces.c) */
	const FcCharSet		*covered;	/* what all the pair's fonts
						 * have (faces.c keeps it) */
	unsigned char		 ascii[128];	/* 1: needs no other font */
	int			 alone;		/* no other job runs */
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
	int			 boxes_told;	/* a character no font has
						 * was reported (faces.c) */
};

/* fonts.c */
int		 pdf_fonts_open(struct pdf *p);
/* Frees what pdf_fonts_open made. */
void		 pdf_fonts_close(struct pdf *p);
/* The family fontconfig draws for name (a family or a generic name such
 * as sans-serif), into out[0..size); 0 if it finds none. */
int		 pdf_match_family(const char *name, char *out, size_t size);
/* Does fontconfig have family, rather than a fallback for it? */
int		 pdf_have_family(const char *family);
/* A new font map at 72 dpi and a context on it with hinting and
 * glyph-position rounding off, as a PDF wants; the caller unrefs both. */
void		 pdf_context_new(const struct sg_site *site,
		    PangoFontMap **fontmap, PangoContext **pc);

/* faces.c */
/* For pdf_fonts_open, once p's font map and descriptions are made:
 * starts p's job (shared with others, or alone: see pdf_alone) and sets
 * p->held, p->covered and p->ascii. */
void		 pdf_faces_open(struct pdf *p);
/* Ends p's job: for pdf_fonts_close, once p's fonts are freed. */
void		 pdf_faces_close(struct pdf *p);

/* Makes sure that the fonts pango falls back on for l's text, where the
 * pair of fonts lacks a character, are made by one thread at a time and
 * kept (faces.c). Call it once l's text and attributes are set,
 * before anything measures or draws l; pdf_text_measure does. */
void		 pdf_layout_fonts(struct pdf *p, PangoLayout *l);

/* Makes p's job the only one under way, now and, for every later job,
 * for the rest of the process: for a job that uses fonts beyond its
 * pair's (faces.c). Waits for the jobs under way to end. */
void		 pdf_alone(struct pdf *p);

/* Does the SVG image svg[0..len) draw text in fonts other than p's
 * pair, or characters the pair lacks? (Text it may draw counts.) */
int		 pdf_svg_other_fonts(struct pdf *p, const char *svg,
		    size_t len);

/* Between these two calls, under a lock of faces.c, this thread's
 * default pango font map (which librsvg draws an SVG's text with) is the
 * held one of p's pair: the fonts an image takes are made one at a time
 * and kept, as the layouts' fallbacks are. */
void		 pdf_held_map_begin(struct pdf *p);
void		 pdf_held_map_end(struct pdf *p);

/* The theme's colours: the site's copy of its _palette.scss, else the
 * default theme's built into sitegen; these values stand in for any it
 * does not name. */
void		 pdf_palette(struct pdf *p);
PangoLayout	*pdf_layout_new(struct pdf *p, const PangoFontDescription *font,
		    double size, double width);

/* Fills in the line metrics of t's layout. */
void		 pdf_text_measure(struct pdf *p, struct text *t);

/* Measures t again, after its width or spacing changed. */
void		 pdf_text_remeasure(struct pdf *p, struct text *t);
/* Frees what t holds (its Pango layout, links and line positions), not
 * t. */
void		 pdf_text_free(struct text *t);

/* Appends s[0..n) to buf as valid UTF-8 without NULs: each bad byte
 * becomes U+FFFD, as a browser shows it. */
void		 pdf_valid_utf8(struct sg_buf *buf, const char *s, size_t n);

/* inline.c */
void		 pdf_inlines(struct pdf *p, const struct sg_node *n,
		    struct text *t, double size, int bold, double width,
		    double spacing, struct text **more, size_t *nmore);

/* Lays out plain text s into t. */
void		 pdf_plain(struct pdf *p, const char *s, struct text *t,
		    const PangoFontDescription *font, double size, int bold,
		    double width);

/* Warns that block n, len bytes long, is cut to its first MAX_TEXT
 * bytes in the handout. */
void		 pdf_too_long(struct pdf *p, const struct sg_node *n,
	    size_t len);

/* The destination of page (a chapter) or of an anchor on it; the caller
 * frees it. */
char		*pdf_dest_name(struct pdf *p, const struct sg_page *page,
		    const char *anchor);
/* Is name one of the document's destinations (p->dests)? */
int		 pdf_dest_known(const struct pdf *p, const char *name);

/* layout.c */
struct box	*pdf_box_new(struct pdf *p, enum box_kind kind);

/* Lays out a page's document tree (its blocks; the caller adds the
 * chapter title) at x, w of the content box. */
void		 pdf_layout_doc(struct pdf *p, const struct sg_node *root,
		    double x, double w);
/* Frees the box b and all it holds. */
void		 pdf_box_free(struct box *b);

/* table.c */
void		 pdf_table(struct pdf *p, const struct sg_node *t, double x,
		    double w);

/* image.c */
int		 pdf_image_load(struct pdf *p, struct box *b, const char *path,
		    const struct sg_loc *loc);

/* Draws b's image scaled into w x h at x, y. */
void		 pdf_image_draw(struct pdf *p, cairo_t *cr, const struct box *b,
		    double x, double y);

/* paginate.c */
void		 pdf_paginate(struct pdf *p, struct box **v, size_t n,
		    struct pages *ps);
/* Frees what ps holds, not ps. */
void		 pdf_pages_free(struct pages *ps);

/* draw.c */
void		 pdf_draw_frag(struct pdf *p, cairo_t *cr, const struct frag *f,
		    double x0, double y0);
/* Makes c cairo's source colour in cr. */
void		 pdf_set_rgb(cairo_t *cr, struct rgb c);

/* Sets the metadata every PDF of sitegen has: the creator, and the date
 * of creation and change from the site's date (YYYY-MM-DD…), never the
 * clock (cairo's default): same input, same bytes; no date gives the
 * Unix epoch. */
void		 pdf_set_origin(cairo_surface_t *s, const char *date);

/* Appends s single-quoted as a cairo tag attribute wants it. */
void		 pdf_quote(struct sg_buf *b, const char *s);

/* A link over the rectangle x, y, w, h. */
void		 pdf_tag_link(cairo_t *cr, const struct link *lk, double x,
		    double y, double w, double h);

#endif
