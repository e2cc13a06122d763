/* assets.h: static files and style sheets. */
#ifndef SG_ASSETS_H
#define SG_ASSETS_H

struct sg_site;
struct sg_assets;
struct sg_output;

/* Compiles the style sheets and lists the static files (the site's
 * static/ over the theme's, then the files of content/). Sets *out,
 * freed with sg_assets_free. Returns 0, or -1 after reporting errors. */
int		 sg_assets_build(struct sg_site *site, struct sg_assets **out);

/* The URL of asset name ("css/main.css"), or NULL if there is none. */
const char	*sg_assets_url(const struct sg_assets *a, const char *name);

/* Writes every asset into the output. Returns 0 or -1 (reported). */
int		 sg_assets_write(struct sg_site *site,
		    const struct sg_assets *a, struct sg_output *o);
/* Frees a and the compiled files it holds; NULL is fine. */
void		 sg_assets_free(struct sg_assets *a);
/* "libsass VERSION", or "no Sass module: WHY", for --version: loads the
 * module (out/sass/sass.h). A static string. */
const char	*sg_assets_sass_version(void);

#endif
