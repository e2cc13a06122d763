/* slides.h: slide decks. A page with "slides: true" is a deck in Marp's
 * syntax; slides.c splits its tree into slides, notes and directives,
 * writes the HTML of its slides for templates/slides.html, and has pdf/
 * lay out the PDF deck and the notes. */
#ifndef SG_SLIDES_H
#define SG_SLIDES_H

#include <stddef.h>

#include "util.h"

struct sg_site;
struct sg_page;
struct sg_node;
struct sg_output;

struct sg_slide {
	struct sg_node	*root;		/* a document node holding the
					 * slide's blocks (in the page's doc) */
	int		 line, col;	/* where the slide starts */
	char		*title;		/* its first heading, or NULL */
	char		*notes;		/* speaker notes (plain text), or NULL */
	char		*klass;		/* class directive, or NULL */
	char		*header;	/* header and footer text, or NULL */
	char		*footer;
	int		 paginate;	/* show the slide number */
	double		 fit;		/* the scale that makes it fit, <= 1 */
};

struct sg_deck {
	struct sg_page	*page;		/* borrowed */
	char		*name;		/* the page's slug, or its file name */
	char		*out_pdf;	/* "slides/NAME.pdf" */
	char		*out_notes;	/* "slides/NAME-notes.pdf" */
	char		*out_html;	/* "slides/NAME/index.html" */
	struct sg_slide	*v;
	size_t		 len;
	int		 wide;		/* 16:9, else 4:3 */
	double		 width, height;	/* the PDF page, in points */
	char		*html;		/* the slides, for the template */
	struct sg_buf	 pdf, notes;	/* the PDFs once made */
	struct sg_node	**blocks;	/* the page's blocks, to put back */
	size_t		 nblocks;
	char		*drop;		/* per block: a note or directive */
};

struct sg_decks {
	struct sg_deck	*v;
	size_t		 len;
};

/* Finds the decks of site (after the samples stage) and splits each into
 * slides; every mistake is reported at its file:line:col. The caller
 * frees the result with sg_decks_free(). Returns NULL if there is none. */
struct sg_decks	*sg_slides_load(struct sg_site *site);

/* Makes each deck's slides HTML (set as page->slides_html for the
 * template), its PDF and its notes PDF, a deck a worker; warns at a
 * slide that has to shrink below 70 % to fit. Then puts each page's tree
 * back without its notes, for the page's own render. */
void		 sg_slides_make(struct sg_site *site, struct sg_decks *d);

/* Writes the PDFs of every deck into out, or when out is NULL straight
 * into outdir (each file replaced whole). Returns 0 or -1 (reported). */
int		 sg_slides_write(struct sg_site *site, struct sg_decks *d,
		    struct sg_output *out, const char *outdir);

/* Writes data to outdir/rel through a temporary file; reports a failure.
 * Returns 0 or -1. */
int		 sg_slides_put(struct sg_site *site, const char *outdir,
		    const char *rel, const char *data, size_t len);

void		 sg_decks_free(struct sg_decks *d);

#endif
