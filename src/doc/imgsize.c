/* imgsize.c: the width and height of an image file under content/, for
 * the width and height attributes of its <img> (no layout shift while
 * the page loads). Raster images through gdk-pixbuf, reading no more
 * than their header; SVG through librsvg; both in the graphics module
 * (out/pdf/probe.c, loaded by out/gfx.c). Each file is measured once and
 * kept in a cache the parse and render threads share. */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "doc/imgsize.h"
#include "doc/include.h"
#include "out/gfx.h"
#include "path.h"
#include "site.h"

#define SVG_MAX		(8 * 1024 * 1024)	/* bytes of SVG parsed */
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

int
sg_imgsize_read(int fd, struct sg_buf *b, size_t max)
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
	if (sg_imgsize_read(fd, &b, SNIFF) == 0)
		switch (sniff(rel, (const unsigned char *)b.data, b.len)) {
		case 1:
			rc = sg_gfx_raster_size(fd, &b, w, h);
			break;
		case 2:
			if (sg_imgsize_read(fd, &b, SVG_MAX + 1) == 0 &&
			    b.len <= SVG_MAX)
				rc = sg_gfx_svg_size(b.data, b.len, w, h);
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
