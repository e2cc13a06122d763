/* build.h: the commands that build: build and check; and what serve
 * keeps of a build to render again only what an edit changes. */
#ifndef SG_BUILD_H
#define SG_BUILD_H

#include <stddef.h>

struct sg_options;
struct sg_output;
struct sg_render;

/* A build kept in memory: the loaded site (page texts included), its
 * template states, its search index and slide decks, every output file
 * a template made (jobs, in the order rendered) and, for each, the pages
 * whose summary, word_count or reading_time its render read. */
struct sg_live {
	struct sg_site		*site;
	struct sg_render	*render;
	struct sg_search	*search;	/* or NULL */
	struct sg_decks		*decks;		/* or NULL */
	struct sg_job		*jobs;
	size_t			 njobs;
	size_t			**reads;	/* per job: page indices */
	size_t			*nreads;
	int			 handouts;	/* an edited page is in a
						 * handout: make them again */
};

/* Builds the site described by opt. Returns the exit status: 0, or 1
 * when the site has errors (all reported; the output is untouched). */
int	sg_build(const struct sg_options *opt);

/* The same, for serve: after a build that succeeded, *live holds the
 * loaded site, its templates and what each output file read, to render
 * again what an edit changes (serve_incr.c); NULL otherwise. The caller
 * frees it with sg_live_free; opt must outlive it. */
int	sg_build_live(const struct sg_options *opt, struct sg_live **live);

/* Notes which pages job i of l->jobs read the text-dependent fields of
 * in its last render on worker. */
void	sg_live_note(struct sg_live *l, const struct sg_render *r, int worker,
	    size_t i);

/* Makes the handout PDFs again from the pages as they are now, and
 * writes them into out (serve, after an edit of a page they hold). */
void	sg_live_handouts(struct sg_live *l, struct sg_output *out);
/* Frees l and the site, templates and records it holds; NULL is fine. */
void	sg_live_free(struct sg_live *l);

#endif
