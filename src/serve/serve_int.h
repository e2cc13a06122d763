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
int		 sg_serve_rebuild(struct serve_ctx *, int, char *const *,
		    size_t);
char		*sg_serve_base_path(const struct sg_options *);

/* serve_gen.c */
struct sg_gen	*sg_gen_hold(struct sg_server *);
void		 sg_gen_release(struct sg_server *, struct sg_gen *);
void		 sg_gen_swap(struct sg_server *, struct sg_gen *);
void		 sg_gen_reap(struct sg_server *, int all);
void		 sg_serve_event(struct sg_server *, int, const char *);
char		*sg_serve_errors_json(const char *, size_t, int *);

extern const char sg_serve_reload_js[];

/* serve_incr.c */
struct sg_live;
#define SG_INCR_FAILED	(-1)	/* errors reported: keep the last output */
#define SG_INCR_FULL	(-2)	/* the edit needs a whole build */
int		 sg_incr_pages(struct sg_live *, char *const *, size_t,
		    const char *);
int		 sg_incr_after(struct sg_live *, const char *);

#endif
