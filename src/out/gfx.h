/* gfx.h: image sizes through the graphics module (out/pdf/module.h),
 * which out/gfx.c loads on first use, as it does for the PDF functions
 * of out/pdf/pdf.h. */
#ifndef SG_GFX_H
#define SG_GFX_H

#include <stddef.h>

#include "util.h"

/* The size of the raster image whose first bytes b holds, reading more
 * of fd (from where it is) as the decoder asks, into b. Sets *w and *h
 * and returns SG_IMGSIZE_OK, or returns SG_IMGSIZE_UNKNOWN (doc/imgsize.h),
 * also when the module cannot be loaded. */
int	 sg_gfx_raster_size(int fd, struct sg_buf *b, int *w, int *h);

/* The size of the SVG image data[0..len): its width and height in
 * absolute units, else, with neither, its viewBox's. Returns as
 * sg_gfx_raster_size does. */
int	 sg_gfx_svg_size(const char *data, size_t len, int *w, int *h);

#endif
