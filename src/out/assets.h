/* assets.h: static files and style sheets. */
#ifndef SG_ASSETS_H
#define SG_ASSETS_H

struct sg_site;
struct sg_assets;
struct sg_output;

int		 sg_assets_build(struct sg_site *, struct sg_assets **);
const char	*sg_assets_url(const struct sg_assets *, const char *);
int		 sg_assets_write(struct sg_site *, const struct sg_assets *,
		    struct sg_output *);
void		 sg_assets_free(struct sg_assets *);
const char	*sg_assets_sass_version(void);

#endif
