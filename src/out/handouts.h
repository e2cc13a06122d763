/* handouts.h: which pages each PDF handout holds, from site.yml's
 * handouts: and pdf: keys (one handout of the whole site without them).
 * The layout itself is pdf/'s; this part knows nothing of cairo. */
#ifndef SG_HANDOUTS_H
#define SG_HANDOUTS_H

#include <stddef.h>

#include "diag.h"
#include "util.h"

struct sg_site;
struct sg_page;

struct sg_handout {
	char		 *name;		/* "guide": the file is NAME.pdf */
	char		 *title;
	char		 *subtitle;	/* or NULL */
	char		 *out;		/* "handouts/guide.pdf" */
	char		 *url;		/* with base_url's path */
	struct sg_page	**pages;	/* its chapters, in order, borrowed */
	size_t		  npages;
	struct sg_loc	  loc;		/* its entry in site.yml */
};

struct sg_handouts {
	struct sg_handout *v;
	size_t		   len;
	double		   width, height; /* the paper, in points */
	char		  *font;	/* pdf.font: text family */
	char		  *mono;	/* pdf.mono: code family */
	struct sg_loc	   font_loc, mono_loc; /* where they were named */
	struct sg_buf	  *bufs;	/* the PDFs while they are made */
	struct sg_page	 **pages;	/* every page of any handout, once */
	size_t		   npages;
};

/* Reads the handouts of site (after sg_content_resolve) into a new
 * struct the caller frees with sg_handouts_free(); every problem is
 * reported at its site.yml line. Returns NULL on error. */
struct sg_handouts *sg_handouts_load(struct sg_site *site);

/* Lists in hs->pages every page that some handout holds, once each. */
void		 sg_handouts_pages(struct sg_handouts *hs);

/* Does handout h hold page p? */
int		 sg_handout_has(const struct sg_handout *h,
		    const struct sg_page *p);

void		 sg_handouts_free(struct sg_handouts *hs);

#endif
