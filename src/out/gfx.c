/* gfx.c: loads the graphics module (out/pdf/module.h, through module.h)
 * the first time a PDF is made or an image measured, and calls it. A
 * build with neither never maps cairo, pango, librsvg and what they
 * bring. A module that is missing or of another build makes each use an
 * error that says why (an image: no size), not a crash. The unit tests
 * and the fuzzers link the module's objects in: then its functions are
 * called as they are (the weak references below are set). */
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "doc/imgsize.h"
#include "module.h"
#include "out/gfx.h"
#include "out/pdf/module.h"
#include "out/pdf/pdf.h"

#pragma weak sgx_pdf_handout
#pragma weak sgx_pdf_check_fonts
#pragma weak sgx_pdf_deck
#pragma weak sgx_pdf_version
#pragma weak sgx_raster_size
#pragma weak sgx_svg_size

static struct {
	int		(*handout)(const struct sg_site *,
			    const struct sg_handouts *,
			    const struct sg_handout *, struct sg_diag *,
			    struct sg_buf *);
	int		(*check_fonts)(const struct sg_handouts *,
			    struct sg_diag *);
	int		(*deck)(const struct sg_site *, struct sg_deck *, int,
			    struct sg_diag *, struct sg_buf *);
	const char	*(*version)(void);
	int		(*raster_size)(int, struct sg_buf *, int *, int *);
	int		(*svg_size)(const char *, size_t, int *, int *);
} gfx;
static pthread_once_t	 once = PTHREAD_ONCE_INIT;
static char		 why[PATH_MAX + 256];	/* when gfx is not set */

static void
load(void)
{
	const struct sg_module_fn fns[] = {
		{ "sgx_pdf_handout", &gfx.handout },
		{ "sgx_pdf_check_fonts", &gfx.check_fonts },
		{ "sgx_pdf_deck", &gfx.deck },
		{ "sgx_raster_size", &gfx.raster_size },
		{ "sgx_svg_size", &gfx.svg_size },
		{ "sgx_pdf_version", &gfx.version },
		{ NULL, NULL }
	};

	if (sgx_pdf_version != NULL) {
		gfx.handout = sgx_pdf_handout;
		gfx.check_fonts = sgx_pdf_check_fonts;
		gfx.deck = sgx_pdf_deck;
		gfx.version = sgx_pdf_version;
		gfx.raster_size = sgx_raster_size;
		gfx.svg_size = sgx_svg_size;
		return;
	}
	sg_module_load("sitegen-gfx.so", "sgx_gfx_abi", fns, why,
	    sizeof(why));
}

/* Is the module there? Reports why not to diag when it is not. */
static int
ready(struct sg_diag *diag, const char *what)
{
	struct sg_loc	 loc = { "site.yml", 0, 0 };

	pthread_once(&once, load);
	if (gfx.version != NULL)
		return 1;
	if (diag)
		sg_diag_error(diag, &loc, "%s needs sitegen's graphics module, "
		    "which cannot be loaded: %s", what, why);
	return 0;
}

int
sg_pdf_handout(const struct sg_site *site, const struct sg_handouts *hs,
    const struct sg_handout *h, struct sg_diag *diag, struct sg_buf *out)
{
	if (!ready(diag, "a handout"))
		return -1;
	return gfx.handout(site, hs, h, diag, out);
}

int
sg_pdf_check_fonts(const struct sg_handouts *hs, struct sg_diag *diag)
{
	if (!ready(diag, "a handout"))
		return 1;
	return gfx.check_fonts(hs, diag);
}

int
sg_pdf_deck(const struct sg_site *site, struct sg_deck *d, int notes,
    struct sg_diag *diag, struct sg_buf *out)
{
	if (!ready(diag, "a slide deck's PDF"))
		return -1;
	return gfx.deck(site, d, notes, diag, out);
}

const char *
sg_pdf_version(void)
{
	static char	 v[sizeof(why) + 64];

	if (ready(NULL, NULL))
		return gfx.version();
	snprintf(v, sizeof(v), "no graphics module: %s", why);
	return v;
}

int
sg_gfx_raster_size(int fd, struct sg_buf *b, int *w, int *h)
{
	if (!ready(NULL, NULL))
		return SG_IMGSIZE_UNKNOWN;
	return gfx.raster_size(fd, b, w, h);
}

int
sg_gfx_svg_size(const char *data, size_t len, int *w, int *h)
{
	if (!ready(NULL, NULL))
		return SG_IMGSIZE_UNKNOWN;
	return gfx.svg_size(data, len, w, h);
}
