/* watch.c: watches the sources of a site with inotify, for serve: the
 * folders of the site, every folder made in them later, and site.yml.
 * Editors that save by writing a new file and renaming it over the old
 * one are seen through the folder's events, not the file's. */
#include <sys/inotify.h>
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "path.h"
#include "util.h"
#include "serve/watch.h"

static const char *const watched[] = {
	"content", "templates", "themes", "static", "scss", "lua", "data",
	"i18n",
	NULL
};

#define MASK	(IN_CREATE | IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | \
		 IN_DELETE | IN_DELETE_SELF | IN_MOVE_SELF | IN_ATTRIB)

/* A file of content/ that an event named, judged once the burst of
 * events is over. */
struct change {
	char	*path;		/* under the site root */
	int	 created;	/* made during the burst */
};

struct sg_watch {
	int	  fd;		/* the inotify descriptor */
	char	 *root;		/* the site root */
	char	 *content;	/* its content/, as the watches name it */
	char	**dirs;		/* the folder of each watch descriptor */
	size_t	  ndirs;
	struct change *v;	/* files of content/ named in this burst */
	size_t	  nv;
	char	**pages;	/* the pages edited, under content/ */
	size_t	  npages;
};

static void
set_dir(struct sg_watch *w, int wd, const char *path)
{
	size_t	 i;

	if (wd < 0)
		return;
	if ((size_t)wd >= w->ndirs) {
		w->dirs = xrealloc(w->dirs, (wd + 1) * sizeof(*w->dirs));
		for (i = w->ndirs; i <= (size_t)wd; i++)
			w->dirs[i] = NULL;
		w->ndirs = wd + 1;
	}
	free(w->dirs[wd]);
	w->dirs[wd] = path ? xstrdup(path) : NULL;
}

/* Names an editor writes beside a file and nothing of the site reads. */
static int
ignored(const char *name)
{
	size_t	 n = strlen(name);

	return name[0] == '.' || name[0] == '#' || (n > 0 &&
	    name[n - 1] == '~') || !strcmp(name, "4913") || (n > 4 &&
	    (!strcmp(name + n - 4, ".swp") || !strcmp(name + n - 4, ".swx")));
}

/* Watches dir and every folder under it (symbolic links not followed). */
static void
add_tree(struct sg_watch *w, const char *dir)
{
	DIR		*d;
	struct dirent	*e;
	char		*sub;
	int		 wd;

	if ((wd = inotify_add_watch(w->fd, dir, MASK | IN_ONLYDIR |
	    IN_DONT_FOLLOW)) == -1)
		return;
	set_dir(w, wd, dir);
	if ((d = opendir(dir)) == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		if (ignored(e->d_name) || e->d_type != DT_DIR)
			continue;
		sub = sg_path_join(dir, e->d_name);
		add_tree(w, sub);
		free(sub);
	}
	closedir(d);
}

static void
add_all(struct sg_watch *w)
{
	char	*p;
	int	 wd, i;

	if ((wd = inotify_add_watch(w->fd, w->root, MASK | IN_ONLYDIR)) != -1)
		set_dir(w, wd, w->root);
	for (i = 0; watched[i]; i++) {
		p = sg_path_join(w->root, watched[i]);
		add_tree(w, p);
		free(p);
	}
}

struct sg_watch *
sg_watch_new(const char *root)
{
	struct sg_watch	*w = xcalloc(1, sizeof(*w));

	if ((w->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) == -1) {
		free(w);
		return NULL;
	}
	w->root = xstrdup(root);
	w->content = sg_path_join(root, "content");
	add_all(w);
	return w;
}

int
sg_watch_fd(const struct sg_watch *w)
{
	return w->fd;
}

/* Is dir content/ or a folder under it? */
static int
in_content(const struct sg_watch *w, const char *dir)
{
	size_t	 n = strlen(w->content);

	return !strncmp(dir, w->content, n) && (dir[n] == '\0' ||
	    dir[n] == '/');
}

/* Notes that an event named the file dir/name of content/. */
static void
note(struct sg_watch *w, const char *dir, const char *name, int created)
{
	char	*path = sg_path_join(dir, name);
	size_t	 i;

	for (i = 0; i < w->nv; i++)
		if (!strcmp(w->v[i].path, path)) {
			w->v[i].created |= created;
			free(path);
			return;
		}
	w->v = xrealloc(w->v, (w->nv + 1) * sizeof(*w->v));
	w->v[w->nv].path = path;
	w->v[w->nv++].created = created;
}

/* Once a burst is over: the pages written, each still there (saved in
 * place or replaced by another file; serve tells a new page from an
 * edited one), and SG_WATCH_PAGE; or SG_WATCH_OTHER when any other file
 * of content/ changed or a page went. A file made and removed within the
 * burst (an editor's temporary file) counts for nothing. */
static int
judge(struct sg_watch *w)
{
	struct stat	 st;
	size_t		 i, n, skip = strlen(w->content) + 1;
	int		 what = 0, there;

	for (i = 0; i < w->nv; i++) {
		n = strlen(w->v[i].path);
		there = lstat(w->v[i].path, &st) == 0;
		if (!there && w->v[i].created)
			continue;
		if (there && S_ISREG(st.st_mode) &&
		    n > 3 && !strcmp(w->v[i].path + n - 3, ".md")) {
			w->pages = xrealloc(w->pages, (w->npages + 1) *
			    sizeof(*w->pages));
			w->pages[w->npages++] = xstrdup(w->v[i].path + skip);
			what |= SG_WATCH_PAGE;
		} else
			what |= SG_WATCH_OTHER;
	}
	return what;
}

static void
forget(struct sg_watch *w)
{
	size_t	 i;

	for (i = 0; i < w->nv; i++)
		free(w->v[i].path);
	free(w->v);
	w->v = NULL;
	w->nv = 0;
	for (i = 0; i < w->npages; i++)
		free(w->pages[i]);
	free(w->pages);
	w->pages = NULL;
	w->npages = 0;
}

size_t
sg_watch_pages(const struct sg_watch *w, char *const **pages)
{
	*pages = w->pages;
	return w->npages;
}

/* What one event says changed: SG_WATCH_* bits, 0 for nothing of the
 * site. Watches the folders it makes. */
static int
event(struct sg_watch *w, const struct inotify_event *ev)
{
	const char	*dir = ev->wd >= 0 && (size_t)ev->wd < w->ndirs ?
			    w->dirs[ev->wd] : NULL;
	const char	*name = ev->len ? ev->name : "";
	char		*path;
	size_t		 n = strlen(name);
	int		 top, i;

	if (ev->mask & IN_Q_OVERFLOW) {
		add_all(w);
		return SG_WATCH_OTHER;
	}
	if (dir == NULL)
		return 0;
	if (ev->mask & IN_IGNORED) {
		set_dir(w, ev->wd, NULL);
		return 0;
	}
	if (ev->mask & (IN_DELETE_SELF | IN_MOVE_SELF))
		return SG_WATCH_OTHER;
	if (*name == '\0' || ignored(name))
		return 0;
	top = !strcmp(dir, w->root);
	if (top) {
		if (!strcmp(name, "site.yml"))
			return SG_WATCH_OTHER;
		for (i = 0; watched[i]; i++)
			if (!strcmp(name, watched[i]))
				break;
		if (watched[i] == NULL)
			return 0;
	}
	if ((ev->mask & (IN_CREATE | IN_MOVED_TO)) && (ev->mask & IN_ISDIR)) {
		path = sg_path_join(dir, name);
		add_tree(w, path);
		free(path);
	}
	if ((ev->mask & IN_ISDIR) == 0 && n > 5 &&
	    (!strcmp(name + n - 5, ".scss") || !strcmp(name + n - 5, ".sass")))
		return (ev->mask & IN_CREATE) ? 0 : SG_WATCH_STYLE;
	if ((ev->mask & IN_ISDIR) == 0 && in_content(w, dir)) {
		note(w, dir, name, ev->mask & IN_CREATE);
		return SG_WATCH_PAGE;
	}
	/* a new file is written next: its IN_CLOSE_WRITE says when */
	if ((ev->mask & IN_CREATE) && (ev->mask & IN_ISDIR) == 0)
		return 0;
	return SG_WATCH_OTHER;
}

int
sg_watch_read(struct sg_watch *w, int debounce_ms)
{
	char				 buf[16384]
					    __attribute__((aligned(8)));
	const struct inotify_event	*ev;
	struct pollfd			 pfd;
	ssize_t				 n;
	size_t				 off;
	int				 what = 0;

	forget(w);
	pfd.fd = w->fd;
	pfd.events = POLLIN;
	for (;;) {
		while ((n = read(w->fd, buf, sizeof(buf))) > 0)
			for (off = 0; off < (size_t)n; off += sizeof(*ev) +
			    ev->len) {
				ev = (const struct inotify_event *)(buf + off);
				what |= event(w, ev);
			}
		if (n == -1 && errno != EAGAIN && errno != EINTR)
			break;
		if (what == 0 || poll(&pfd, 1, debounce_ms) <= 0)
			break;
	}
	if (what & SG_WATCH_PAGE)
		what = (what & ~SG_WATCH_PAGE) | judge(w);
	return what;
}

void
sg_watch_free(struct sg_watch *w)
{
	size_t	 i;

	if (w == NULL)
		return;
	close(w->fd);
	forget(w);
	for (i = 0; i < w->ndirs; i++)
		free(w->dirs[i]);
	free(w->dirs);
	free(w->root);
	free(w->content);
	free(w);
}
