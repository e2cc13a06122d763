/* rmtree.c: removes a folder and everything under it (rmtree.h).
 *
 * Each folder is listed once, with getdents64(2) on the descriptor that
 * was opened to go down into it: its files are removed as listed, its
 * subfolders are kept by name and entered one after the other. Going back
 * up uses the parent's descriptor, kept open for the first KEEP_FDS
 * levels, and ".." below them, so neither the stack nor the descriptor
 * limit bounds the depth.
 *
 * The walk it replaces read a folder again from its start each time it
 * came back up from one of its subfolders: a folder of n subfolders was
 * listed n times. At 10,000 pages (100 sections of 100 page folders, 378
 * MB on tmpfs) removing the old output took 0.58 s, which every build
 * over an existing output paid after its swap; rm -rf took 0.36 s. */
#include <sys/stat.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pool.h"
#include "rmtree.h"
#include "util.h"

#define KEEP_FDS	32	/* levels whose descriptor stays open */
#define RELISTS		8	/* times a folder that refills is listed */
#define SHARES		4	/* folders a worker gets, at least */

/* A folder on the way down: its descriptor (or -1 below KEEP_FDS), its
 * name in its parent, and the subfolders it still holds, names[next..n)
 * in the buffer names. */
struct level {
	int		 fd;
	char		*name;
	struct sg_buf	 names;
	size_t		 next;
	int		 relists;
};

/* unlinkat(dirfd, name, flags), making dirfd writable first if a sample
 * took that right off it. Returns 0 (also when name is gone), or -1 with
 * errno. */
static int
unlink_ours(int dirfd, const char *name, int flags)
{
	if (unlinkat(dirfd, name, flags) == 0 || errno == ENOENT)
		return 0;
	if (errno != EACCES)
		return -1;
	if (fchmod(dirfd, 0700) == -1) {
		errno = EACCES;
		return -1;
	}
	return unlinkat(dirfd, name, flags);
}

/* Removes the entry name of the folder dirfd if it is not a folder.
 * Returns 0 when it is gone, 1 when it is a folder, -1 when it stays. */
static int
rm_entry(int dirfd, const char *name)
{
	if (unlink_ours(dirfd, name, 0) == 0)
		return 0;
	return errno == EISDIR ? 1 : -1;
}

/* Lists the folder fd (from where its offset is: a new descriptor starts
 * at the top), removes what is not a folder and appends the names of its
 * subfolders to *dirs, each NUL-terminated. Returns 0, or -1 when
 * something stays or the folder cannot be read. */
static int
rm_files(int fd, struct sg_buf *dirs)
{
	char		 buf[32768];
	struct dirent64	*de;
	ssize_t		 n, off;
	int		 rc = 0, r;

	while ((n = getdents64(fd, buf, sizeof(buf))) > 0) {
		for (off = 0; off < n; off += de->d_reclen) {
			de = (struct dirent64 *)(void *)(buf + off);
			if (!strcmp(de->d_name, ".") ||
			    !strcmp(de->d_name, ".."))
				continue;
			if (de->d_type == DT_DIR)
				r = 1;
			else if ((r = rm_entry(fd, de->d_name)) == -1)
				rc = -1;
			if (r == 1)
				sg_buf_put(dirs, de->d_name,
				    strlen(de->d_name) + 1);
		}
	}
	return n == -1 ? -1 : rc;
}

/* Opens the subfolder name of dirfd to empty it, making it ours if a
 * sample took our rights off it. Returns the descriptor or -1. */
static int
open_sub(int dirfd, const char *name)
{
	int	 fd, flags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;

	fd = openat(dirfd, name, flags);
	if (fd == -1 && errno == EACCES && fchmodat(dirfd, name, 0700, 0) ==
	    0)
		fd = openat(dirfd, name, flags);
	return fd;
}

/* Pushes the folder name of the folder at the top of *v (at depth *n)
 * and lists it. Returns its descriptor, or -1. */
static int
down(struct level **v, size_t *n, size_t *cap, int fd, const char *name)
{
	struct level	*lv;
	int		 child;

	if ((child = open_sub(fd, name)) == -1)
		return -1;
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		*v = xrealloc(*v, *cap * sizeof(**v));
	}
	/* the parent's descriptor is kept near the top only */
	if (*n > KEEP_FDS) {
		close(fd);
		(*v)[*n - 1].fd = -1;
	}
	lv = &(*v)[(*n)++];
	memset(lv, 0, sizeof(*lv));
	lv->fd = child;
	lv->name = xstrdup(name);
	if (rm_files(child, &lv->names) == -1)
		return -1;
	return child;
}

/* Pops the top folder, now empty, and removes it from its parent.
 * Returns the parent's descriptor, or -1. */
static int
up(struct level *v, size_t *n)
{
	struct level	*lv = &v[*n - 1], *parent = &v[*n - 2];
	int		 fd;

	if (parent->fd == -1) {
		parent->fd = openat(lv->fd, "..", O_RDONLY | O_DIRECTORY |
		    O_CLOEXEC);
	}
	close(lv->fd);
	lv->fd = -1;
	if ((fd = parent->fd) == -1)
		return -1;
	if (unlink_ours(fd, lv->name, AT_REMOVEDIR) == -1) {
		/* it filled again while it was emptied: once more */
		if (errno != ENOTEMPTY || ++lv->relists > RELISTS ||
		    (lv->fd = open_sub(fd, lv->name)) == -1)
			return -1;
		sg_buf_free(&lv->names);
		lv->next = 0;
		return rm_files(lv->fd, &lv->names) == -1 ? -1 : lv->fd;
	}
	free(lv->name);
	sg_buf_free(&lv->names);
	(*n)--;
	return fd;
}

/* The next subfolder that lv holds, or NULL. */
static const char *
next_dir(struct level *lv)
{
	const char	*name;

	if (lv->next >= lv->names.len)
		return NULL;
	name = lv->names.data + lv->next;
	lv->next += strlen(name) + 1;
	return name;
}

int
sg_rm_tree(const char *path)
{
	struct level	*v = NULL;
	const char	*name;
	size_t		 n = 0, cap = 0, i;
	int		 fd, rc = 0, relists = 0;

	if (unlinkat(AT_FDCWD, path, 0) == 0 || errno == ENOENT)
		return 0;
	fchmodat(AT_FDCWD, path, 0700, 0);
again:
	if ((fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC)) == -1)
		return -1;
	v = xcalloc(1, sizeof(*v));
	cap = n = 1;
	v[0].fd = fd;
	if (rm_files(fd, &v[0].names) == -1)
		rc = -1;
	while (rc == 0) {
		if ((name = next_dir(&v[n - 1])) != NULL)
			fd = down(&v, &n, &cap, fd, name);
		else if (n > 1)
			fd = up(v, &n);
		else
			break;
		if (fd == -1)
			rc = -1;
	}
	for (i = 0; i < n; i++) {
		if (v[i].fd != -1)
			close(v[i].fd);
		free(v[i].name);
		sg_buf_free(&v[i].names);
	}
	free(v);
	if (rc == 0 && rmdir(path) == -1) {
		if (errno == ENOTEMPTY && ++relists <= RELISTS) {
			v = NULL;
			goto again;
		}
		rc = -1;
	}
	return rc;
}

/* The folders sg_rm_tree_jobs hands out: NUL-separated paths. */
struct shares {
	struct sg_buf	 paths;
	const char	**v;
	size_t		 n;
};

/* A worker's share: what stays is left to the last, serial pass, which
 * reports it. */
static void
rm_share(void *arg, int worker, size_t i)
{
	struct shares	*sh = arg;

	(void)worker;
	sg_rm_tree(sh->v[i]);
}

/* Removes the files of the folder path, and appends the paths of its
 * subfolders to *paths. Returns 0 or -1. */
static int
split(const char *path, struct sg_buf *paths)
{
	struct sg_buf	 names = { 0 };
	const char	*name;
	size_t		 off;
	int		 fd, rc;

	if ((fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC)) == -1)
		return -1;
	rc = rm_files(fd, &names);
	close(fd);
	for (off = 0; off < names.len; off += strlen(name) + 1) {
		name = names.data + off;
		sg_buf_printf(paths, "%s/%s", path, name);
		sg_buf_putc(paths, '\0');
	}
	sg_buf_free(&names);
	return rc;
}

int
sg_rm_tree_jobs(const char *path, int jobs)
{
	struct shares	 sh;
	struct sg_buf	 top = { 0 };
	const char	*p;
	size_t		 off, n = 0;

	if (jobs < 2)
		return sg_rm_tree(path);
	memset(&sh, 0, sizeof(sh));
	/* the subfolders of path, or theirs when they are too few; a
	 * folder that cannot be split is left to the last pass */
	if (split(path, &top) == -1) {
		sg_buf_free(&top);
		return sg_rm_tree(path);
	}
	for (off = 0; off < top.len; off += strlen(top.data + off) + 1)
		n++;
	if (n < (size_t)jobs * SHARES) {
		for (off = 0; off < top.len; off += strlen(p) + 1)
			split(p = top.data + off, &sh.paths);
	} else {
		sh.paths = top;
		memset(&top, 0, sizeof(top));
	}
	for (off = 0; off < sh.paths.len; off += strlen(sh.paths.data + off) +
	    1)
		sh.n++;
	sh.v = xcalloc(sh.n + 1, sizeof(*sh.v));
	for (off = 0, n = 0; n < sh.n; off += strlen(sh.v[n++]) + 1)
		sh.v[n] = sh.paths.data + off;
	sg_pool_run(jobs, sh.n, rm_share, &sh);
	free(sh.v);
	sg_buf_free(&sh.paths);
	sg_buf_free(&top);
	/* what is left: the emptied folders, and anything that stayed */
	return sg_rm_tree(path);
}
