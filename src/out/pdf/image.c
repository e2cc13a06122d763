/* image.c: images in a PDF. PNG through cairo, JPEG decoded by gdk-pixbuf
 * (to check it and learn its size) and embedded as it is (cairo's mime
 * data), SVG through librsvg, drawn as vectors. */
#include <sys/stat.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <librsvg/rsvg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "out/pdf/pdf_int.h"

#define PX	0.75		/* a CSS pixel in points */

/* The largest images a handout takes. A PNG is decoded whole, four bytes
 * a pixel: a 1 MB file of 20,000 x 20,000 black pixels took 1.6 GB and
 * 7.7 s, and a few of them on as many workers would take the machine. 50
 * megapixels is more than a 48-megapixel phone's photo and about six
 * times an A4 page at 300 dots per inch. An SVG is read whole, once. */
#define MAX_PIXELS	50e6
#define MAX_SVG		(32 << 20)

static int
load_png(struct box *b, const char *path)
{
	cairo_surface_t	*s = cairo_image_surface_create_from_png(path);

	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(s);
		return -1;
	}
	b->image = s;
	b->img_w = cairo_image_surface_get_width(s) * PX;
	b->img_h = cairo_image_surface_get_height(s) * PX;
	return 0;
}

static int
load_jpeg(struct box *b, const char *path)
{
	GdkPixbuf	*pb = gdk_pixbuf_new_from_file(path, NULL);
	cairo_surface_t	*s;
	char		*data;
	size_t		 len;
	int		 w, h;

	if (pb == NULL)
		return -1;
	w = gdk_pixbuf_get_width(pb);
	h = gdk_pixbuf_get_height(pb);
	g_object_unref(pb);
	if ((data = sg_file_read(path, &len)) == NULL)
		return -1;
	/* the PDF gets the JPEG's own bytes; the pixels stay blank */
	s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	if (cairo_surface_set_mime_data(s, CAIRO_MIME_TYPE_JPEG,
	    (unsigned char *)data, len, free, data) != CAIRO_STATUS_SUCCESS) {
		free(data);
		cairo_surface_destroy(s);
		return -1;
	}
	b->image = s;
	b->img_w = w * PX;
	b->img_h = h * PX;
	return 0;
}

static int
load_svg(struct pdf *p, struct box *b, const char *path)
{
	RsvgHandle	*h;
	GInputStream	*stream;
	GFile		*base;
	gdouble		 w, hh;
	char		*text;
	size_t		 len;

	/* read once: for librsvg (relative references resolved from the
	 * file's place, as rsvg_handle_new_from_file does) and for the
	 * check of its fonts, by which text in other fonts than the
	 * pair's makes this job run alone */
	if ((text = sg_file_read(path, &len)) == NULL)
		return -1;
	stream = g_memory_input_stream_new_from_data(text, (gssize)len,
	    NULL);
	base = g_file_new_for_path(path);
	h = rsvg_handle_new_from_stream_sync(stream, base,
	    RSVG_HANDLE_FLAGS_NONE, NULL, NULL);
	g_object_unref(base);
	g_object_unref(stream);
	if (h != NULL && pdf_svg_other_fonts(p, text, len))
		pdf_alone(p);
	free(text);
	if (h == NULL)
		return -1;
	if (!rsvg_handle_get_intrinsic_size_in_pixels(h, &w, &hh)) {
		RsvgRectangle	 in, out;
		gboolean	 hw, hhh, hv;
		RsvgLength	 lw, lh;

		rsvg_handle_get_intrinsic_dimensions(h, &hw, &lw, &hhh, &lh,
		    &hv, &in);
		(void)out;
		if (hv) {
			w = in.width;
			hh = in.height;
		} else {
			/* no size and no viewBox: a browser's default */
			w = 300;
			hh = 150;
		}
	}
	if (!(w > 0 && hh > 0)) {
		g_object_unref(h);
		return -1;
	}
	b->svg = h;
	b->img_w = w * PX;
	b->img_h = hh * PX;
	return 0;
}

/* Loads the image at path into b (BOX_IMAGE); reports at loc and returns
 * -1 if it cannot be decoded. */
int
pdf_image_load(struct pdf *p, struct box *b, const char *path,
    const struct sg_loc *loc)
{
	const char	*dot = strrchr(path, '.');
	const char	*name = strrchr(path, '/') ? strrchr(path, '/') + 1 :
			    path;
	struct stat	 st;
	int		 rc, w, h, png, jpeg, svg;

	png = dot && !strcasecmp(dot, ".png");
	jpeg = dot && (!strcasecmp(dot, ".jpg") || !strcasecmp(dot, ".jpeg"));
	svg = dot && !strcasecmp(dot, ".svg");
	if ((png || jpeg) && gdk_pixbuf_get_file_info(path, &w, &h) != NULL &&
	    (double)w * h > MAX_PIXELS) {
		/* its header says so: nothing is decoded */
		sg_diag_error(p->diag, loc, "the image '%s' is %d x %d pixels "
		    "(%.0f megapixels); a handout takes images of up to %.0f "
		    "megapixels: scale it down", name, w, h, (double)w * h /
		    1e6, MAX_PIXELS / 1e6);
		p->errors++;
		return -1;
	}
	if (svg && stat(path, &st) == 0 && st.st_size > MAX_SVG) {
		sg_diag_error(p->diag, loc, "the image '%s' is %.0f MB; a "
		    "handout takes SVG files of up to %d MB", name,
		    (double)st.st_size / (1 << 20), MAX_SVG >> 20);
		p->errors++;
		return -1;
	}
	if (png)
		rc = load_png(b, path);
	else if (jpeg)
		rc = load_jpeg(b, path);
	else if (svg)
		rc = load_svg(p, b, path);
	else {
		sg_diag_error(p->diag, loc, "the image '%s' is not PNG, JPEG "
		    "or SVG, which handouts can show", name);
		p->errors++;
		return -1;
	}
	if (rc == -1) {
		sg_diag_error(p->diag, loc, "the image '%s' cannot be decoded "
		    "(is the file damaged, or named for another format?)",
		    name);
		p->errors++;
	}
	return rc;
}

void
pdf_image_draw(struct pdf *p, cairo_t *cr, const struct box *b, double x,
    double y)
{
	double		 s = b->h / b->img_h, w = b->img_w * s;
	RsvgRectangle	 vp;

	x += (b->w - w) / 2;
	cairo_save(cr);
	if (b->svg) {
		vp.x = x;
		vp.y = y;
		vp.width = w;
		vp.height = b->h;
		pdf_held_map_begin(p);
		rsvg_handle_render_document(b->svg, cr, &vp, NULL);
		pdf_held_map_end(p);
	} else if (b->image) {
		cairo_translate(cr, x, y);
		cairo_scale(cr, w / cairo_image_surface_get_width(b->image),
		    b->h / cairo_image_surface_get_height(b->image));
		cairo_set_source_surface(cr, b->image, 0, 0);
		cairo_paint(cr);
	}
	cairo_restore(cr);
}
