/* module.h: the graphics module's entry points. Everything in out/pdf/
 * is built into a module of its own (../../module.h), sitegen-gfx.so,
 * with cairo, pango, librsvg, gdk-pixbuf and fontconfig, which a build
 * loads (out/gfx.c) only when it makes a PDF or measures an image. Each
 * entry point does what the function of the same name without the x does
 * (out/pdf/pdf.h, out/gfx.h), and is called only through those. */
#ifndef SG_PDF_MODULE_H
#define SG_PDF_MODULE_H

#include <stddef.h>

#include "util.h"

struct sg_site;
struct sg_diag;
struct sg_handouts;
struct sg_handout;
struct sg_deck;

/* The build the module comes from: SG_MODULE_ABI (module.h). */
extern const char sgx_gfx_abi[];

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
