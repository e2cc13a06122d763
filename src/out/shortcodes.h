/* shortcodes.h: the stage that runs shortcode templates (doc/shortcode.h). */
#ifndef SG_SHORTCODES_H
#define SG_SHORTCODES_H

struct sg_site;
struct sg_render;

void	sg_shortcodes_expand(struct sg_site *, struct sg_render *, int);

#endif
