/* shortcodes.h: the stage that runs shortcode templates (doc/shortcode.h). */
#ifndef SG_SHORTCODES_H
#define SG_SHORTCODES_H

struct sg_site;
struct sg_render;

struct sg_page;

/* Runs the shortcode templates of every published page's calls
 * (site, render, jobs workers), keeping each call's HTML in the page's
 * shortcodes; errors are reported at the calls. */
void	sg_shortcodes_expand(struct sg_site *site, struct sg_render *render,
	    int jobs);
/* The same for the pages v[0..n) only. */
void	sg_shortcodes_expand_pages(struct sg_site *site,
	    struct sg_render *render, struct sg_page *const *v, size_t n,
	    int jobs);

#endif
