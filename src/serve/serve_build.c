/* serve_build.c: the builds serve runs. The first build, and any edit
 * that needs one, builds the whole site into a new generation and keeps
 * it in memory (struct sg_live); an edit of pages' texts renders again
 * only what it changes, into the generation served (serve_incr.c). The
 * diagnostics are caught to be shown in the browser too. */
#include <sys/mman.h>
#include <sys/stat.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "build.h"
#include "path.h"
#include "serve/serve_int.h"
#include "serve/watch.h"
#include "site.h"
#include "rmtree.h"
#include "util.h"

/* Diagnostics written to stderr, caught in memory. */
struct caught {
	int	 saved;		/* the real stderr, or -1 */
	int	 mem;		/* where stderr goes meanwhile, or -1 */
};

static void
catch_start(struct caught *c)
{
	fflush(stderr);
	c->saved = -1;
	if ((c->mem = memfd_create("sitegen-diag", MFD_CLOEXEC)) == -1)
		return;
	if ((c->saved = dup(STDERR_FILENO)) == -1) {
		close(c->mem);
		c->mem = -1;
		return;
	}
	dup2(c->mem, STDERR_FILENO);
}

/* Puts stderr back, prints what was caught, and sets *text (the caller
 * frees it; NULL when nothing) and *len to it. */
static void
catch_end(struct caught *c, char **text, size_t *len)
{
	struct stat	 st;
	ssize_t		 n;

	*text = NULL;
	*len = 0;
	fflush(stderr);
	if (c->mem == -1)
		return;
	dup2(c->saved, STDERR_FILENO);
	close(c->saved);
	if (fstat(c->mem, &st) == 0 && st.st_size > 0) {
		*text = xmalloc((size_t)st.st_size + 1);
		n = pread(c->mem, *text, (size_t)st.st_size, 0);
		*len = n > 0 ? (size_t)n : 0;
		(*text)[*len] = '\0';
		fwrite(*text, 1, *len, stderr);
	}
	close(c->mem);
}

/* Keeps serving the last good build and shows the errors of this one. */
static void
failed(struct serve_ctx *x, const char *text, size_t len)
{
	char	*json;
	int	 n;

	json = sg_serve_errors_json(text ? text : "", len, &n);
	sg_serve_event(x->s, SG_EV_ERRORS, json);
	fprintf(stderr, "sitegen: the build failed (%d error%s); %s\n", n,
	    n == 1 ? "" : "s", x->s->cur ? "still serving the last good build"
	    : "serving nothing until it is fixed");
	free(json);
}

/* Builds the whole site into a new generation, serves it and keeps it
 * in memory, or keeps the last good one and sends the errors. what:
 * SG_WATCH_* of the edit, 0 for the first build. */
/* An edit made again in place failed: the kept site goes (the next edit
 * builds it whole) and the error page shows text, which is freed. */
static int
give_up(struct serve_ctx *x, char *text, size_t len)
{
	sg_live_free(x->live);
	x->live = NULL;
	failed(x, text, len);
	free(text);
	return -1;
}

static int
build_all(struct serve_ctx *x, int what)
{
	struct sg_gen	*g;
	double		 t0 = sg_now();
	struct caught	 c;
	char		*path, *text, data[64];
	size_t		 len;
	int		 rc, fd, style;

	sg_live_free(x->live);
	x->live = NULL;
	path = xasprintf("%s/%u", x->staging, ++x->ngen);
	x->opt.out = path;
	catch_start(&c);
	rc = sg_build_live(&x->opt, &x->live);
	catch_end(&c, &text, &len);
	if (rc == 0 && (fd = open(path, O_RDONLY | O_DIRECTORY |
	    O_CLOEXEC)) != -1) {
		g = xcalloc(1, sizeof(*g));
		g->fd = fd;
		g->path = path;
		pthread_mutex_lock(&x->s->lock);
		style = what == SG_WATCH_STYLE && !x->s->failing;
		pthread_mutex_unlock(&x->s->lock);
		sg_gen_swap(x->s, g);
		snprintf(data, sizeof(data), "{\"build\":%u}", x->ngen);
		sg_serve_event(x->s, style ? SG_EV_STYLE : SG_EV_RELOAD, data);
		if (what)
			fprintf(stderr, "sitegen: rebuilt in %.0f ms%s\n",
			    (sg_now() - t0) * 1000, style ?
			    " (style sheet)" : "");
		free(text);
		return 0;
	}
	sg_live_free(x->live);
	x->live = NULL;
	sg_rm_tree(path);
	free(path);
	failed(x, text, len);
	free(text);
	return -1;
}

int
sg_serve_rebuild(struct serve_ctx *x, int what, char *const *pages,
    size_t npages)
{
	struct caught	 c;
	double		 t0 = sg_now();
	const char	*dir;
	char		*text, data[64];
	size_t		 len;
	int		 n;

	if (what != SG_WATCH_PAGE || npages == 0 || x->live == NULL ||
	    x->s->cur == NULL)
		return build_all(x, what);
	/* only this thread changes which generation is served */
	dir = x->s->cur->path;
	catch_start(&c);
	n = sg_incr_pages(x->live, pages, npages, dir);
	catch_end(&c, &text, &len);
	if (n == SG_INCR_FULL) {
		free(text);
		return build_all(x, what);
	}
	if (n == SG_INCR_FAILED)
		return give_up(x, text, len);
	free(text);
	snprintf(data, sizeof(data), "{\"build\":%u,\"files\":%d}", x->ngen,
	    n);
	sg_serve_event(x->s, SG_EV_RELOAD, data);
	fprintf(stderr, "sitegen: rendered %d file%s again in %.1f ms\n", n,
	    n == 1 ? "" : "s", (sg_now() - t0) * 1000);
	/* the handouts and the search index, which no page shows, after
	 * the pages */
	catch_start(&c);
	n = sg_incr_after(x->live, dir);
	catch_end(&c, &text, &len);
	if (n != 0)
		return give_up(x, text, len);
	free(text);
	return 0;
}

char *
sg_serve_base_path(const struct sg_options *opt)
{
	struct sg_options	 quiet = *opt;
	struct sg_site		*site;
	char			*base;
	int			 saved, null;

	/* the build reports any problem of site.yml: not twice */
	fflush(stderr);
	saved = dup(STDERR_FILENO);
	if ((null = open("/dev/null", O_WRONLY | O_CLOEXEC)) != -1) {
		dup2(null, STDERR_FILENO);
		close(null);
	}
	site = sg_site_new(&quiet);
	sg_config_load(site);
	base = xstrdup(site->config.base_path ? site->config.base_path : "/");
	sg_site_free(site);
	fflush(stderr);
	if (saved != -1) {
		dup2(saved, STDERR_FILENO);
		close(saved);
	}
	return base;
}
