/* imgsize.h: the pixel size of image files under content/, measured once
 * each (gdk-pixbuf, librsvg) for the <img> width and height. */
#ifndef SG_IMGSIZE_H
#define SG_IMGSIZE_H

struct sg_site;
struct sg_imgsizes;

/* A new empty cache, for site->imgsizes; freed with sg_imgsize_free()
 * (NULL does nothing). */
struct sg_imgsizes *sg_imgsize_new(void);
void		 sg_imgsize_free(struct sg_imgsizes *c);

/*
 * The size of content/<rel> (rel normalised, relative to content/), in
 * CSS pixels: measured the first time, from the cache after that; safe
 * to call from several threads. The file is opened as includes are (not
 * through a link out of content/, regular files only) and only its
 * header is read (SVG: the whole file, up to 8 MiB). Sets *w and *h
 * (0 unless SG_IMGSIZE_OK) and returns one of:
 */
int		 sg_imgsize_get(const struct sg_site *site, const char *rel,
		    int *w, int *h);
#define SG_IMGSIZE_OK		0	/* *w and *h are set */
#define SG_IMGSIZE_UNKNOWN	1	/* an image (or unreadable), size
					 * not known: no attributes */
#define SG_IMGSIZE_NOT_IMAGE	2	/* no image format at all */

/* Reads from fd, where it is, into b until b holds max bytes or the file
 * ends. Returns 0, or -1 with errno. (The raster probe of the graphics
 * module reads a header with it, as far as the decoder asks.) */
struct sg_buf;
int		 sg_imgsize_read(int fd, struct sg_buf *b, size_t max);

#endif
