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

int	sg_build(const struct sg_options *);
int	sg_build_live(const struct sg_options *, struct sg_live **);
void	sg_live_note(struct sg_live *, const struct sg_render *, int, size_t);
void	sg_live_handouts(struct sg_live *, struct sg_output *);
void	sg_live_free(struct sg_live *);

#endif
