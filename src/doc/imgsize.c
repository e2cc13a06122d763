/* imgsize.c: the width and height of an image file under content/, for
 * the width and height attributes of its <img> (no layout shift while
 * the page loads). Raster images through gdk-pixbuf, reading no more
 * than their header; SVG through librsvg. Each file is measured once and
 * kept in a cache the parse and render threads share. */
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <librsvg/rsvg.h>

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "doc/imgsize.h"
#include "doc/include.h"
#include "path.h"
#include "site.h"

#define SVG_MAX		(8 * 1024 * 1024)	/* bytes of SVG parsed */
#define RASTER_MAX	(4 * 1024 * 1024)	/* bytes read to find a size */
#define SNIFF		512			/* bytes looked at for a type */

struct entry {
	char	*rel;
	int	 w, h;
	int	 rc;		/* SG_IMGSIZE_* */
};

struct sg_imgsizes {
	pthread_mutex_t	 lock;
	struct entry	*v;		/* sorted by rel */
	size_t		 len, cap;
};

struct sg_imgsizes *
sg_imgsize_new(void)
{
	struct sg_imgsizes	*c = xcalloc(1, sizeof(*c));

	pthread_mutex_init(&c->lock, NULL);
	return c;
}

void
sg_imgsize_free(struct sg_imgsizes *c)
{
	size_t	 i;

	if (c == NULL)
		return;
	for (i = 0; i < c->len; i++)
		free(c->v[i].rel);
	free(c->v);
	pthread_mutex_destroy(&c->lock);
	free(c);
}

/* Reads up to max bytes of fd into b, from where it is. */
static int
read_some(int fd, struct sg_buf *b, size_t max)
{
	char	 chunk[16384];
	ssize_t	 n;

	while (b->len < max) {
		n = read(fd, chunk, sizeof(chunk) < max - b->len ?
		    sizeof(chunk) : max - b->len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			return -1;
		if (n == 0)
			break;
		sg_buf_put(b, chunk, (size_t)n);
	}
	return 0;
}

/* What the first bytes say the file is: 1 a raster format a browser
 * shows, 2 SVG, 0 none of those. */
static int
sniff(const char *rel, const unsigned char *s, size_t n)
{
	static const struct {
		size_t		 at;
		const char	*magic;
		size_t		 len;
	} raster[] = {
		{ 0, "\x89PNG\r\n\x1a\n", 8 },
		{ 0, "\xff\xd8\xff", 3 },
		{ 0, "GIF87a", 6 },
		{ 0, "GIF89a", 6 },
		{ 8, "WEBP", 4 },		/* after RIFF and a size */
		{ 4, "ftypavif", 8 },
		{ 0, "BM", 2 },
		{ 0, "\0\0\1\0", 4 },		/* ICO */
		{ 0, "II*\0", 4 },		/* TIFF */
		{ 0, "MM\0*", 4 },
	};
	size_t	 i;

	for (i = 0; i < sizeof(raster) / sizeof(raster[0]); i++)
		if (n >= raster[i].at + raster[i].len && !memcmp(s +
		    raster[i].at, raster[i].magic, raster[i].len))
			return 1;
	if (sg_ends_with(rel, ".svgz") && n >= 2 && s[0] == 0x1f &&
	    s[1] == 0x8b)
		return 2;
	if (memmem(s, n, "<svg", 4) != NULL)
		return 2;
	/* an .svg whose <svg> comes after a long comment or doctype */
	for (i = 0; i < n && strchr(" \t\r\n", s[i]) != NULL; i++)
		;
	if (sg_ends_with(rel, ".svg") && i < n && s[i] == '<')
		return 2;
	return 0;
}

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
static int
raster_size(int fd, struct sg_buf *b, int *w, int *h)
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
		if (read_some(fd, b, b->len + 16384 < RASTER_MAX ?
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
static int
svg_size(int fd, struct sg_buf *b, int *w, int *h)
{
	RsvgHandle	*rh;
	RsvgLength	 lw, lh;
	RsvgRectangle	 vb;
	gboolean	 has_w, has_h, has_vb;
	gdouble		 dw = 0, dh = 0;

	if (read_some(fd, b, SVG_MAX + 1) == -1 || b->len > SVG_MAX)
		return SG_IMGSIZE_UNKNOWN;
	rh = rsvg_handle_new_from_data((const guint8 *)b->data, b->len, NULL);
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

static int
measure(const struct sg_site *site, const char *rel, int *w, int *h)
{
	struct sg_buf	 b = { 0 };
	const char	*why;
	off_t		 size;
	int		 fd, rc = SG_IMGSIZE_UNKNOWN, err;

	/* a FIFO, a link out of content/, a dotfile: left alone */
	if ((fd = sg_include_open(site, rel, &size, &err, &why)) == -1)
		return SG_IMGSIZE_UNKNOWN;
	if (read_some(fd, &b, SNIFF) == 0)
		switch (sniff(rel, (const unsigned char *)b.data, b.len)) {
		case 1:
			rc = raster_size(fd, &b, w, h);
			break;
		case 2:
			rc = svg_size(fd, &b, w, h);
			break;
		default:
			rc = SG_IMGSIZE_NOT_IMAGE;
			break;
		}
	close(fd);
	sg_buf_free(&b);
	return rc;
}

int
sg_imgsize_get(const struct sg_site *site, const char *rel, int *w, int *h)
{
	struct sg_imgsizes	*c = site->imgsizes;
	struct entry		*e;
	size_t			 lo = 0, hi, mid;
	int			 cmp;

	*w = *h = 0;
	if (c == NULL)
		return SG_IMGSIZE_UNKNOWN;
	pthread_mutex_lock(&c->lock);
	hi = c->len;
	while (lo < hi) {
		mid = (lo + hi) / 2;
		if ((cmp = strcmp(rel, c->v[mid].rel)) == 0) {
			lo = mid;
			goto found;
		}
		if (cmp < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	if (c->len == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 16;
		c->v = xrealloc(c->v, c->cap * sizeof(*c->v));
	}
	memmove(&c->v[lo + 1], &c->v[lo], (c->len - lo) * sizeof(*c->v));
	c->len++;
	e = &c->v[lo];
	e->rel = xstrdup(rel);
	e->w = e->h = 0;
	e->rc = measure(site, rel, &e->w, &e->h);
found:
	e = &c->v[lo];
	*w = e->w;
	*h = e->h;
	cmp = e->rc;
	pthread_mutex_unlock(&c->lock);
	return cmp;
}
