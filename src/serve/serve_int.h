/* serve_int.h: what the parts of serve share: the served generation of
 * the output and the events sent to the pages. */
#ifndef SG_SERVE_INT_H
#define SG_SERVE_INT_H

#include <pthread.h>
#include <stddef.h>

#include "site.h"

/* One build's output, served until a newer build replaces it. */
struct sg_gen {
	int		 fd;		/* the folder, open */
	char		*path;
	int		 refs;		/* requests opening a file in it */
	struct sg_gen	*next;		/* replaced ones, to remove */
};

#define SG_EV_RELOAD	1	/* a new build: reload the page */
#define SG_EV_STYLE	2	/* only the style sheet changed */
#define SG_EV_ERRORS	3	/* the build failed: show data */

struct sg_server {
	pthread_mutex_t	 lock;
	pthread_cond_t	 cond;		/* signalled on a new event, on stop */
	struct sg_gen	*cur;		/* the generation served */
	struct sg_gen	*old;		/* replaced, removed once unused */
	char		*base;		/* base path: "/" or "/guide/" */
	unsigned long	 seq;		/* number of the last event */
	int		 kind;		/* its SG_EV_* */
	char		*data;		/* its JSON */
	int		 failing;	/* the last build failed */
	int		 stopping;
};

/* What the watch loop keeps between builds. */
struct serve_ctx {
	struct sg_server	*s;
	struct sg_options	 opt;	/* the build's, out into staging */
	char			*staging;
	unsigned		 ngen;
	struct sg_live		*live;	/* the last good build, or NULL */
};

/* serve_build.c: builds again after an edit of kind SG_WATCH_* (0: the
 * first build), of the pages named when only pages changed. Returns 0,
 * or -1 when the build failed (reported, and sent to the pages). */
int		 sg_serve_rebuild(struct serve_ctx *x, int what,
		    char *const *pages, size_t npages);

/* The base path of the site's base_url ("/" if it cannot be read). */
char		*sg_serve_base_path(const struct sg_options *opt);

/* serve_gen.c */
struct sg_gen	*sg_gen_hold(struct sg_server *s);

/* Lets go of g (NULL does nothing). */
void		 sg_gen_release(struct sg_server *s, struct sg_gen *g);

/* Serves g from now on (owned); the one before is removed once unused. */
void		 sg_gen_swap(struct sg_server *s, struct sg_gen *g);

/* Removes the replaced generations no request holds; all: every one,
 * the current one too (the server is stopped). */
void		 sg_gen_reap(struct sg_server *s, int all);

/* Announces an event of kind SG_EV_* with data (JSON, copied) to every
 * page listening. */
void		 sg_serve_event(struct sg_server *s, int kind,
	    const char *data);

/* The errors among the diagnostics text[0..len) as a JSON object
 * {"errors":[{"file","line","col","message"}]}, at most 50; *count is
 * set to how many. The caller frees the result. */
char		*sg_serve_errors_json(const char *text, size_t len, int *count);

extern const char sg_serve_reload_js[];

/* serve_incr.c */
struct sg_live;
#define SG_INCR_FAILED	(-1)	/* errors reported: keep the last output */
#define SG_INCR_FULL	(-2)	/* the edit needs a whole build */
int		 sg_incr_pages(struct sg_live *l, char *const *rels, size_t n,
		    const char *outdir);

/* After sg_incr_pages, what no page shows and takes longer, into
 * outdir: the handouts that hold an edited page, each file replaced
 * whole; the search index, made whole beside outdir, then moved in file
 * by file, and the files it no longer has removed. Returns 0, or -1
 * (reported). */
int		 sg_incr_after(struct sg_live *l, const char *outdir);

#endif
