/* pdf.h: PDF output laid out in process with cairo and pango, from the
 * document tree. The only part of sitegen that includes cairo or pango;
 * this header shows none of their types. */
#ifndef SG_PDF_H
#define SG_PDF_H

#include <stddef.h>

#include "out/handouts.h"
#include "util.h"

struct sg_site;
struct sg_diag;

/*
 * Lays out handout h of site and appends the PDF to out. Every problem
 * the author can fix (a font that cannot be found, an image that cannot
 * be decoded) is reported to diag at its file and line. Same input, same
 * bytes: the dates come from the site. Returns 0, or -1 with errors
 * reported (out then holds nothing useful). Safe to call from several
 * threads at once, each with its own diag.
 */
int		 sg_pdf_handout(const struct sg_site *site,
		    const struct sg_handouts *hs, const struct sg_handout *h,
		    struct sg_diag *diag, struct sg_buf *out);

/* Checks that the handouts' fonts exist (fontconfig finds the families
 * named); reports those it cannot find at their site.yml line. Returns
 * the number of errors. */
int		 sg_pdf_check_fonts(const struct sg_handouts *hs,
		    struct sg_diag *diag);

/*
 * Lays out deck d (slides.h) and appends its PDF to out: one page per
 * slide at the deck's size, each slide scaled down to fit when its
 * content is too tall (setting each slide's fit), a bookmark per slide
 * title; with notes, a portrait page per slide with its speaker notes
 * under it. Returns 0, or -1 with errors reported to diag.
 */
struct sg_deck;
int		 sg_pdf_deck(const struct sg_site *site, struct sg_deck *d,
		    int notes, struct sg_diag *diag, struct sg_buf *out);

/* "cairo 1.16.0, pango 1.50.12", a static string. */
const char	*sg_pdf_version(void);

#endif
