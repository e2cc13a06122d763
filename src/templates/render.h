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

/* Finds and compiles the templates of site/templates/ and the theme's.
 * Returns 0, or -1 after reporting errors; *out is set either way and
 * freed with sg_render_free. */
int	 sg_render_new(struct sg_site *site, int jobs, struct sg_render **out);

/* Is there a template called name? */
int	 sg_render_has(const struct sg_render *r, const char *name);
/* Reports every template that one of the n jobs starts from and that r
 * does not have: once a name, at the first job that needs it, with the
 * number of jobs that do. Returns the number of names reported. */
int	 sg_render_check_jobs(const struct sg_render *r,
	    const struct sg_job *jobs, size_t n);
/* Render job on worker w (0 .. jobs-1, one thread at a time each) into
 * *out, *len bytes: sg_render_run's is the caller's to free,
 * sg_render_borrow's stays the worker's until its next render. Return 0,
 * or -1 with *out NULL after reporting why. */
int	 sg_render_run(struct sg_render *r, int w, const struct sg_job *job,
	    char **out, size_t *len);
int	 sg_render_borrow(struct sg_render *r, int w, const struct sg_job *job,
	    const char **out, size_t *len);
/* Frees r, its templates and every worker's Lua state; NULL is fine. */
void	 sg_render_free(struct sg_render *r);

/* Runs shortcodes/NAME.html for the call sc on page p, on worker w: its
 * variables are the page's (page, section, site, toc), args (positional
 * ones at 1, 2, …, the others by name), and for a paired call inner
 * (its Markdown made HTML) and inner_source. Sets *out (the caller
 * frees). Returns 0, or -1 after reporting at the call, with the
 * template's line. */
int	 sg_render_shortcode(struct sg_render *r, int w,
	    const struct sg_page *p, const struct sg_shortcode *sc,
	    const char *inner, char **out);

/* The names of the shortcodes there are (templates/shortcodes/NAME.html,
 * the site's and the theme's), sorted, into *names (borrowed from r; the
 * caller frees the array). Returns how many. */
size_t	 sg_render_shortcodes(const struct sg_render *r, char ***names);

/* Does the template of shortcode name mention 'inner' (so that a call
 * must be closed, as Hugo's .Inner)? */
int	 sg_render_needs_inner(const struct sg_render *r, const char *name);
/* Tracking, for serve: what each render reads of other pages' texts,
 * each read noted as SG_READ(page index, what). */
#define SG_READ(i, what)	((size_t)(i) * 2 + (what))
#define SG_READ_SUMMARY		0	/* page.summary */
#define SG_READ_WORDS		1	/* page.word_count, page.reading_time */
void	 sg_render_track(struct sg_render *r);

/* The pages (indices in site->pages) the last render on worker w read
 * the summary, word_count or reading_time of, through once() included;
 * *pages is valid until the next render on w. Returns how many. */
size_t	 sg_render_reads(const struct sg_render *r, int w,
	    const size_t **pages);

/* Forgets what once() kept in every worker's state: the pages it was
 * made from may have changed. */
void	 sg_render_forget(struct sg_render *r);
/* Lua's version, a static string, for --version. */
const char *sg_render_lua_version(void);

#endif
