/* module.h: the graphics module's entry points. Everything in out/pdf/
 * is built into a shared object of its own, sitegen-gfx.so, with cairo,
 * pango, librsvg, gdk-pixbuf and fontconfig: a build loads it (out/gfx.c)
 * only when it makes a PDF or measures an image, as those libraries and
 * the thirty more they bring cost every run of sitegen 15 ms to map and
 * relocate (33 ms against 18 ms for an empty program linked with all and
 * with the rest). Each entry point does what the function of the same
 * name without the x does (out/pdf/pdf.h, out/gfx.h), and is called only
 * through those. The module calls back into sitegen's own functions (the
 * program exports them, -rdynamic), so it must come from the same build:
 * sgx_abi is checked before anything else is called. */
#ifndef SG_PDF_MODULE_H
#define SG_PDF_MODULE_H

#include <stddef.h>

#include "util.h"

struct sg_site;
struct sg_diag;
struct sg_handouts;
struct sg_handout;
struct sg_deck;

/* The build the module comes from: SG_GFX_ABI, set by src/Makefile from
 * sitegen's version and the bytes of its headers (the layout of every
 * struct the two share). */
extern const char sgx_abi[];

int		 sgx_pdf_handout(const struct sg_site *site,
		    const struct sg_handouts *hs, const struct sg_handout *h,
		    struct sg_diag *diag, struct sg_buf *out);
int		 sgx_pdf_check_fonts(const struct sg_handouts *hs,
		    struct sg_diag *diag);
int		 sgx_pdf_deck(const struct sg_site *site, struct sg_deck *d,
		    int notes, struct sg_diag *diag, struct sg_buf *out);
const char	*sgx_pdf_version(void);
int		 sgx_raster_size(int fd, struct sg_buf *b, int *w, int *h);
int		 sgx_svg_size(const char *data, size_t len, int *w, int *h);

#endif
