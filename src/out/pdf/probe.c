/* probe.c: the size of an image file for its <img> attributes
 * (doc/imgsize.c finds the file, sniffs its type and keeps the sizes):
 * raster formats through gdk-pixbuf, reading no more than their header,
 * SVG through librsvg. In the graphics module (module.h) for those two
 * libraries, and home of the module's build stamp. */
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <librsvg/rsvg.h>

#include <limits.h>

#include "doc/imgsize.h"
#include "out/pdf/module.h"

#define RASTER_MAX	(4 * 1024 * 1024)	/* bytes read to find a size */

const char sgx_gfx_abi[] = SG_MODULE_ABI;

struct seen {
	int	 w, h;
};

/* As gdk_pixbuf_get_file_info(): the size is all we want, so the
 * loader is told to decode nothing. */
static void
size_prepared(GdkPixbufLoader *loader, int w, int h, gpointer data)
{
	struct seen	*s = data;

	s->w = w;
	s->h = h;
	gdk_pixbuf_loader_set_size(loader, 0, 0);
}

/* The size from a raster image's header: b holds what was read so far,
 * more is read from fd as the loader needs it. */
int
sgx_raster_size(int fd, struct sg_buf *b, int *w, int *h)
{
	GdkPixbufLoader	*loader = gdk_pixbuf_loader_new();
	struct seen	 s = { 0, 0 };
	size_t		 fed = 0, before;
	int		 rc = SG_IMGSIZE_UNKNOWN;

	g_signal_connect(loader, "size-prepared", G_CALLBACK(size_prepared),
	    &s);
	for (;;) {
		if (b->len > fed && !gdk_pixbuf_loader_write(loader,
		    (const guchar *)b->data + fed, b->len - fed, NULL))
			break;
		fed = b->len;
		if (s.w > 0 || b->len >= RASTER_MAX)
			break;
		before = b->len;
		if (sg_imgsize_read(fd, b, b->len + 16384 < RASTER_MAX ?
		    b->len + 16384 : RASTER_MAX) == -1 || b->len == before)
			break;
	}
	gdk_pixbuf_loader_close(loader, NULL);
	g_object_unref(loader);
	if (s.w > 0 && s.h > 0) {
		*w = s.w;
		*h = s.h;
		rc = SG_IMGSIZE_OK;
	}
	return rc;
}

/* Is u a unit librsvg and a browser turn into the same pixels? (em, ex
 * and percentages depend on where the image is shown.) */
static int
absolute(RsvgUnit u)
{
	return u == RSVG_UNIT_PX || u == RSVG_UNIT_IN || u == RSVG_UNIT_CM ||
	    u == RSVG_UNIT_MM || u == RSVG_UNIT_PT || u == RSVG_UNIT_PC;
}

/* Has the root no such attribute? librsvg (2.46 on) says it has one,
 * of 100%, when it has not. */
static int
unset(gboolean has, RsvgLength l)
{
	return !has || (l.unit == RSVG_UNIT_PERCENT && l.length == 1.0);
}

/* The size of an SVG: its width and height in absolute units, else, with
 * neither, its viewBox's (what a browser shows such an image at). None
 * with relative units (em, %), only one of the two, or no viewBox. */
int
sgx_svg_size(const char *data, size_t len, int *w, int *h)
{
	RsvgHandle	*rh;
	RsvgLength	 lw, lh;
	RsvgRectangle	 vb;
	gboolean	 has_w, has_h, has_vb;
	gdouble		 dw = 0, dh = 0;

	rh = rsvg_handle_new_from_data((const guint8 *)data, len, NULL);
	if (rh == NULL)
		return SG_IMGSIZE_UNKNOWN;
	rsvg_handle_set_dpi(rh, 96);	/* CSS's inch, as a browser counts */
	rsvg_handle_get_intrinsic_dimensions(rh, &has_w, &lw, &has_h, &lh,
	    &has_vb, &vb);
	if (has_w && has_h && absolute(lw.unit) && absolute(lh.unit)) {
		if (!rsvg_handle_get_intrinsic_size_in_pixels(rh, &dw, &dh))
			dw = dh = 0;
	} else if (unset(has_w, lw) && unset(has_h, lh) && has_vb) {
		dw = vb.width;
		dh = vb.height;
	}
	g_object_unref(rh);
	if (!(dw >= 0.5 && dh >= 0.5 && dw < INT_MAX && dh < INT_MAX))
		return SG_IMGSIZE_UNKNOWN;
	*w = (int)(dw + 0.5);
	*h = (int)(dh + 0.5);
	return SG_IMGSIZE_OK;
}
