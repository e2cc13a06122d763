/* render.h: rendering output files through the Lua templates. */
#ifndef SG_RENDER_H
#define SG_RENDER_H

#include <stddef.h>

struct sg_site;
struct sg_render;
struct sg_page;
struct sg_shortcode;

/* What one output file is made from. */
struct sg_job {
	int		 kind;
#define SG_JOB_PAGE	1	/* site->pages[index], not a section index */
#define SG_JOB_SECTION	2	/* site->sections[index] */
#define SG_JOB_TAG	3	/* site->tags[index] */
#define SG_JOB_SPECIAL	4	/* template name, with only site */
#define SG_JOB_DECK	5	/* site->pages[index] as a slide deck */
#define SG_JOB_TERM	6	/* site->terms[index] */
#define SG_JOB_TAXONOMY	7	/* site->taxonomies[index]: its list */
#define SG_JOB_FEED	8	/* site->sections[index]'s own atom.xml */
	size_t		 index;
	const char	*template;	/* the template to start from */
	const char	*out;		/* path in the output directory */
	const char	*src;		/* the file to blame for errors */
	int		 line;		/* and the line, for a missing template */
};

int	 sg_render_new(struct sg_site *, int, struct sg_render **);
int	 sg_render_has(const struct sg_render *, const char *);
/* Render job on worker w (0 .. jobs-1, one thread at a time each) into
 * *out, *len bytes: sg_render_run's is the caller's to free,
 * sg_render_borrow's stays the worker's until its next render. Return 0,
 * or -1 with *out NULL after reporting why. */
int	 sg_render_run(struct sg_render *, int, const struct sg_job *, char **,
	    size_t *);
int	 sg_render_borrow(struct sg_render *r, int w, const struct sg_job *job,
	    const char **out, size_t *len);
void	 sg_render_free(struct sg_render *);
int	 sg_render_shortcode(struct sg_render *, int, const struct sg_page *,
	    const struct sg_shortcode *, const char *, char **);
size_t	 sg_render_shortcodes(const struct sg_render *, char ***);
int	 sg_render_needs_inner(const struct sg_render *, const char *);
/* Tracking, for serve: what each render reads of other pages' texts,
 * each read noted as SG_READ(page index, what). */
#define SG_READ(i, what)	((size_t)(i) * 2 + (what))
#define SG_READ_SUMMARY		0	/* page.summary */
#define SG_READ_WORDS		1	/* page.word_count, page.reading_time */
void	 sg_render_track(struct sg_render *);
size_t	 sg_render_reads(const struct sg_render *, int, const size_t **);
void	 sg_render_forget(struct sg_render *);
const char *sg_render_lua_version(void);

#endif
