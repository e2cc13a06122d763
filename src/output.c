/* output.c: every output file is written into a staging directory beside
 * the output directory; only a build without errors swaps it into place
 * (one rename(2) with RENAME_EXCHANGE), so a failed build leaves the
 * previous output exactly as it was. The output directory is replaced
 * only when sitegen made it (it holds the stamp file), when it is empty,
 * or with --force; never when it holds the site or its sources. Staging
 * directories are locked while in use, so the next build removes those a
 * killed one left; SIGINT and SIGTERM remove the stage (signals.h). */
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "output.h"
#include "path.h"
#include "pool.h"
#include "rmtree.h"
#include "signals.h"
#include "check/secrets.h"

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE	(1 << 1)
#endif

#define STAMP_TEXT	"sitegen made this folder and replaces all of it on " \
			"each build.\n"
#define STAGE_MARK	".sitegen-"	/* "public.sitegen-XXXXXX" */

struct sg_output {
	char		*out;		/* the output directory */
	char		*stage;		/* the staging directory */
	char		*old;		/* stage.old: the two-rename swap */
	int		 dfd;		/* the stage, open and locked, or -1 */
	int		 cleanup;	/* its slot in the cleanup list, or -1 */
	int		 dry;		/* check only: write nothing */
	int		 inplace;	/* write into out itself, no stage */
	struct sg_diag	*diag;
	struct sg_secrets *scan;	/* credential scan of every file, or NULL */
	char		*root;		/* the site root, to name copied sources */
	int		 jobs;		/* threads that remove the old output */
};

/* ---- what may be replaced --------------------------------------------- */

/* The real path out would have: realpath of it, or of its folder with its
 * name added when it does not exist yet. NULL if neither resolves. */
static char *
resolve(const char *out)
{
	char	*dir, *rdir, *r;

	if ((r = realpath(out, NULL)) != NULL)
		return r;
	dir = sg_path_dir(out);
	rdir = realpath(*dir ? dir : ".", NULL);
	r = rdir ? xasprintf("%s%s%s", rdir, strcmp(rdir, "/") ? "/" : "",
	    sg_path_base(out)) : NULL;
	free(dir);
	free(rdir);
	return r;
}

/* Is a the folder b or one of its parents? */
static int
holds(const char *a, const char *b)
{
	size_t	 n = strlen(a);

	return strcmp(a, "/") == 0 || (strncmp(a, b, n) == 0 &&
	    (b[n] == '/' || b[n] == '\0'));
}

/* Reports an output that is, holds, or lies inside the site root or one
 * of its source folders. Returns -1 then, else 0. */
static int
check_sources(const char *out, const char *real, const char *root,
    struct sg_diag *diag)
{
	static const char *const sources[] = {
		"content", "templates", "themes", "lua", "static", "data", "i18n",
		".git", ".sitegen", NULL
	};
	struct sg_loc	 loc = { NULL, 0, 0 };
	char		*path, *src;
	int		 i, rc = 0;

	if ((src = realpath(root, NULL)) != NULL && holds(real, src)) {
		sg_diag_error(diag, &loc, "the output '%s' holds the site "
		    "itself: choose a folder of its own (--out public)", out);
		rc = -1;
	}
	free(src);
	for (i = 0; rc == 0 && sources[i]; i++) {
		path = sg_path_join(root, sources[i]);
		src = realpath(path, NULL);
		free(path);
		if (src && (holds(real, src) || holds(src, real))) {
			sg_diag_error(diag, &loc, "the output '%s' is or lies "
			    "inside the site's %s/ folder, which sitegen would "
			    "delete: choose a folder of its own (--out public)",
			    out, sources[i]);
			rc = -1;
		}
		free(src);
	}
	return rc;
}

/* Is the directory out empty or marked by sitegen as its own? */
static int
replaceable(const char *out)
{
	struct dirent	*de;
	struct stat	 st;
	char		*stamp;
	DIR		*d;
	int		 empty = 1, ok;

	stamp = sg_path_join(out, SG_OUT_STAMP);
	ok = lstat(stamp, &st) == 0 && S_ISREG(st.st_mode);
	free(stamp);
	if (ok)
		return 1;
	if ((d = opendir(out)) == NULL)
		return 0;
	while (empty && (de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			empty = 0;
	closedir(d);
	return empty;
}

/* Appends the names of the subfolders of the folder fd to *dirs, each
 * NUL-terminated: one getdents64 listing, whose entry types say which are
 * folders (a stat, not following links, only where the file system does
 * not say). Returns their number. */
static size_t
sub_dirs(int fd, struct sg_buf *dirs)
{
	char		 buf[8192];
	struct dirent64	*de;
	struct stat	 st;
	ssize_t		 n, off;
	size_t		 count = 0;

	while ((n = getdents64(fd, buf, sizeof(buf))) > 0)
		for (off = 0; off < n; off += de->d_reclen) {
			de = (struct dirent64 *)(void *)(buf + off);
			if (!strcmp(de->d_name, ".") ||
			    !strcmp(de->d_name, "..") ||
			    !(de->d_type == DT_DIR || (de->d_type ==
			    DT_UNKNOWN && fstatat(fd, de->d_name, &st,
			    AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode))))
				continue;
			sg_buf_put(dirs, de->d_name, strlen(de->d_name) + 1);
			count++;
		}
	return count;
}

/* Opens the folder dirfd/name if this user may empty it. Returns its
 * descriptor; -1 when it is not there to check (gone, a file or a link,
 * which its folder's rights cover); -2 when it may not be emptied. */
static int
open_removable(int dirfd, const char *name)
{
	int	 fd;

	if (faccessat(dirfd, name, W_OK | X_OK | R_OK, AT_EACCESS) == -1)
		return errno == ENOENT ? -1 : -2;
	fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	if (fd == -1)
		return errno == ENOTDIR || errno == ELOOP || errno == ENOENT ?
		    -1 : -2;
	return fd;
}

/* A folder on the way down in unremovable(): its descriptor (-1 while
 * a folder below KEEP_FDS levels is open), its subfolders (names[off..))
 * and the length of the shown path up to it. */
struct unrm_level {
	int		 fd;
	struct sg_buf	 names;
	size_t		 off;
	size_t		 shown;
};

#define KEEP_FDS	32	/* levels whose descriptor stays open */

/* Finds a folder under dirfd/name (depth first) that this user could not
 * empty, so that the old output could not be removed after the swap.
 * Each folder is one faccessat, one open and its listing (sub_dirs): at
 * 10,000 pages, 10,130 folders, that is 85 ms, where a stat of each, the
 * check and a DIR stream took 140. As in rmtree.c, each folder is listed
 * once on the way down, descriptors stay open for the top KEEP_FDS
 * levels and ".." leads back up below them: neither the stack nor the
 * descriptor limit bounds the depth (a walk that stopped at 256 levels
 * found a folder it could not empty deeper down only after the swap).
 * Returns its path (the caller frees) or NULL. */
static char *
unremovable(int dirfd, const char *name, const char *shown)
{
	struct unrm_level	*v = NULL, *lv;
	struct sg_buf		 path = { NULL, 0, 0 };
	size_t			 n = 0, cap = 0;
	char			*bad = NULL, *sub;
	int			 fd, up;

	if ((fd = open_removable(dirfd, name)) == -1)
		return NULL;
	if (fd == -2)
		return xstrdup(shown);
	sg_buf_puts(&path, shown);
	for (;;) {
		/* fd: the folder just entered, at the end of path */
		if (n == cap) {
			cap = cap ? 2 * cap : 16;
			v = xrealloc(v, cap * sizeof(*v));
		}
		lv = &v[n++];
		memset(lv, 0, sizeof(*lv));
		lv->fd = fd;
		lv->shown = path.len;
		sub_dirs(fd, &lv->names);
		if (n > KEEP_FDS + 1 && v[n - 2].fd >= 0) {
			close(v[n - 2].fd);
			v[n - 2].fd = -1;
		}
		/* the next subfolder to enter, going up as each is done */
		for (fd = -1; n > 0 && fd == -1 && bad == NULL; ) {
			lv = &v[n - 1];
			if (lv->off >= lv->names.len) {
				up = n > 1 && v[n - 2].fd == -1 ? openat(lv->fd,
				    "..", O_RDONLY | O_DIRECTORY | O_CLOEXEC) :
				    -1;
				close(lv->fd);
				sg_buf_free(&lv->names);
				if (--n > 0 && v[n - 1].fd == -1 &&
				    (v[n - 1].fd = up) == -1)
					break;	/* lost on the way up */
				continue;
			}
			sub = lv->names.data + lv->off;
			lv->off += strlen(sub) + 1;
			path.len = lv->shown;
			sg_buf_putc(&path, '/');
			sg_buf_puts(&path, sub);
			if ((fd = open_removable(lv->fd, sub)) == -2)
				bad = xstrdup(path.data);
		}
		if (fd < 0 || bad != NULL)
			break;
	}
	while (n > 0) {
		lv = &v[--n];
		if (lv->fd >= 0)
			close(lv->fd);
		sg_buf_free(&lv->names);
	}
	if (fd >= 0)
		close(fd);
	free(v);
	sg_buf_free(&path);
	return bad;
}

/* The subfolders of out, checked on the build's threads. */
struct unrm_ctx {
	const char	*out;
	int		 fd;		/* out, open */
	const char	**names;
	char		**bad;		/* each one's finding, or NULL */
};

static void
unremovable_one(void *arg, int worker, size_t i)
{
	struct unrm_ctx	*c = arg;
	char		*shown = xasprintf("%s/%s", c->out, c->names[i]);

	(void)worker;
	c->bad[i] = unremovable(c->fd, c->names[i], shown);
	free(shown);
}

/* unremovable() of out, its subfolders shared out among jobs threads;
 * of several findings, the first in out's listing. */
static char *
unremovable_jobs(const char *out, int jobs)
{
	struct unrm_ctx	 c = { out, -1, NULL, NULL };
	struct sg_buf	 dirs = { NULL, 0, 0 };
	char		*bad = NULL;
	size_t		 n, i, off;

	if (jobs < 2)
		return unremovable(AT_FDCWD, out, out);
	if ((c.fd = open_removable(AT_FDCWD, out)) == -1)
		return NULL;
	if (c.fd == -2)
		return xstrdup(out);
	n = sub_dirs(c.fd, &dirs);
	c.names = xcalloc(n ? n : 1, sizeof(*c.names));
	c.bad = xcalloc(n ? n : 1, sizeof(*c.bad));
	for (i = off = 0; i < n; i++, off += strlen(dirs.data + off) + 1)
		c.names[i] = dirs.data + off;
	sg_pool_run(jobs, n, unremovable_one, &c);
	for (i = 0; i < n; i++)
		if (bad == NULL)
			bad = c.bad[i];
		else
			free(c.bad[i]);
	free(c.bad);
	free(c.names);
	sg_buf_free(&dirs);
	close(c.fd);
	return bad;
}

/* Removes the staging folders that builds of out killed before their end
 * left beside it: "out.sitegen-XXXXXX" (and ".old") folders of this user
 * that no running build holds locked. */
static void
remove_stale(const char *out)
{
	struct dirent	*de;
	struct stat	 st;
	const char	*base = sg_path_base(out), *rest;
	char		*dir = sg_path_dir(out), *path;
	size_t		 n = strlen(base);
	DIR		*d;
	int		 fd;

	if ((d = opendir(*dir ? dir : ".")) == NULL) {
		free(dir);
		return;
	}
	while ((de = readdir(d)) != NULL) {
		rest = de->d_name + n;
		if (strncmp(de->d_name, base, n) != 0 ||
		    !sg_starts_with(rest, STAGE_MARK))
			continue;
		rest += strlen(STAGE_MARK);
		if (strlen(rest) != 6 && !(strlen(rest) == 10 &&
		    !strcmp(rest + 6, ".old")))
			continue;
		path = sg_path_join(dir, de->d_name);
		fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
		    O_CLOEXEC);
		if (fd != -1 && fstat(fd, &st) == 0 && st.st_uid == geteuid() &&
		    flock(fd, LOCK_EX | LOCK_NB) == 0)
			sg_rm_tree(path);
		if (fd != -1)
			close(fd);
		free(path);
	}
	closedir(d);
	free(dir);
}

/* Refuses what must not be replaced: a link, a file, the site or its
 * sources, a folder sitegen did not make (unless force), one this user
 * cannot remove. Returns 0 or -1 (reported). */
static int
check_out(const char *out, const char *root, int force, int jobs,
    struct sg_diag *diag)
{
	struct sg_loc	 loc = { NULL, 0, 0 };
	struct stat	 st;
	char		*real, *bad;
	int		 exists, rc = 0;

	exists = lstat(out, &st) == 0;
	if (exists && S_ISLNK(st.st_mode)) {
		sg_diag_error(diag, &loc, "the output '%s' is a symbolic "
		    "link: sitegen puts a new folder in the output's place and "
		    "will not replace a link or what it points to; give the "
		    "folder itself as --out", out);
		return -1;
	}
	if (exists && !S_ISDIR(st.st_mode)) {
		sg_diag_error(diag, &loc, "the output '%s' exists and is not "
		    "a directory", out);
		return -1;
	}
	if ((real = resolve(out)) != NULL)
		rc = check_sources(out, real, root, diag);
	free(real);
	if (rc == -1 || !exists)
		return rc;
	if (!force && !replaceable(out)) {
		sg_diag_error(diag, &loc, "the output '%s' is not empty and "
		    "sitegen did not make it (it has no %s file): a build "
		    "replaces the whole folder, so it would delete what is "
		    "there; remove it, choose another --out, or give --force to "
		    "replace it anyway", out, SG_OUT_STAMP);
		return -1;
	}
	if ((bad = unremovable_jobs(out, jobs)) != NULL) {
		sg_diag_error(diag, &loc, "cannot replace the output '%s': "
		    "this user cannot remove the folder %s (%s); remove the "
		    "old output as its owner, or choose another --out", out,
		    bad, strerror(EACCES));
		free(bad);
		return -1;
	}
	return 0;
}

/* ---- the staging directory --------------------------------------------- */

static void
remove_stage(void *arg)
{
	struct sg_output	*o = arg;
	int			 i;

	/* writers still running may add a file between the passes */
	for (i = 0; i < 100; i++) {
		if (sg_rm_tree(o->stage) == 0 && sg_rm_tree(o->old) == 0)
			break;
		usleep(10000);
	}
}

struct sg_output *
sg_out_open(const char *out, const char *root, int flags, int jobs,
    struct sg_diag *diag)
{
	struct sg_output	*o = xcalloc(1, sizeof(*o));
	struct sg_loc		 loc = { NULL, 0, 0 };
	int			 fd;

	o->out = xstrdup(out);
	o->root = xstrdup(root);
	o->dry = flags & SG_OUT_DRY;
	o->diag = diag;
	o->dfd = o->cleanup = -1;
	o->jobs = jobs > 1 ? jobs : 1;
	if (o->dry)
		return o;
	if (flags & SG_OUT_INPLACE) {
		o->inplace = 1;
		if ((o->dfd = open(out, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
		    O_CLOEXEC)) == -1) {
			sg_diag_error(diag, &loc, "cannot open '%s': %s", out,
			    strerror(errno));
			goto fail;
		}
		return o;
	}
	if (check_out(out, root, flags & SG_OUT_FORCE, o->jobs, diag) == -1)
		goto fail;
	remove_stale(out);
	o->stage = xasprintf("%s%sXXXXXX", out, STAGE_MARK);
	if (mkdtemp(o->stage) == NULL) {
		sg_diag_error(diag, &loc, "cannot make a staging folder beside "
		    "'%s': %s", out, strerror(errno));
		free(o->stage);
		o->stage = NULL;
		goto fail;
	}
	o->old = xasprintf("%s.old", o->stage);
	o->cleanup = sg_cleanup_push(remove_stage, o);
	chmod(o->stage, 0755);
	o->dfd = open(o->stage, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	if (o->dfd == -1 || flock(o->dfd, LOCK_EX | LOCK_NB) == -1 ||
	    (fd = openat(o->dfd, SG_OUT_STAMP, O_WRONLY | O_CREAT | O_EXCL |
	    O_CLOEXEC, 0644)) == -1) {
		sg_diag_error(diag, &loc, "cannot set up the staging folder "
		    "'%s': %s", o->stage, strerror(errno));
		goto fail;
	}
	if (write(fd, STAMP_TEXT, sizeof(STAMP_TEXT) - 1) !=
	    sizeof(STAMP_TEXT) - 1) {
		close(fd);
		sg_diag_error(diag, &loc, "cannot write in the staging folder "
		    "'%s'", o->stage);
		goto fail;
	}
	close(fd);
	return o;
fail:
	sg_out_discard(o);
	return NULL;
}

void
sg_out_scan(struct sg_output *o, struct sg_secrets *scan)
{
	o->scan = scan;
}

/* Makes folder p (relative to dfd) and those above it that are missing;
 * p is put back as it was. Returns 0 or -1 with errno. */
static int
mkdir_p(int dfd, char *p)
{
	char	*s;
	int	 rc;

	if (mkdirat(dfd, p, 0755) == 0 || errno == EEXIST)
		return 0;
	if (errno != ENOENT || (s = strrchr(p, '/')) == NULL)
		return -1;
	*s = '\0';
	rc = mkdir_p(dfd, p);
	*s = '/';
	if (rc == 0 && mkdirat(dfd, p, 0755) == -1 && errno != EEXIST)
		rc = -1;
	return rc;
}

/* Makes the folders of rel (a normalised relative path to a file) under
 * the stage: its own folder first, which is one call when the folder
 * above it is there (a page's, most often), instead of one for each
 * folder on the way. Returns 0 or -1 with errno. */
static int
mkdirs_at(int dfd, const char *rel)
{
	char	*p, *s;
	int	 rc;

	if ((s = strrchr(rel, '/')) == NULL)
		return 0;
	p = xstrndup(rel, (size_t)(s - rel));
	rc = mkdir_p(dfd, p);
	free(p);
	return rc;
}

/* Writes one file of the stage, relative to its descriptor: once the
 * stage is removed (an interrupted build), nothing can bring it back.
 *
 * Each file and folder written costs the file system one new inode, and
 * that can be most of a build: ext4 without a journal (the development
 * machine's) skips, one at a time, every inode freed in the last minute
 * or more (the kernel's recently_deleted() check), so a build that comes
 * after the removal of an old output pays, for each file it makes, a walk
 * over those. tests/bench/files.c, which only makes sitegen's output
 * folders and files, took 2.5 of the 4.3 seconds sitegen took for 1,000
 * pages there. So the render workers write each page as soon as it is
 * rendered (no serial write stage: the kernel's work overlaps the other
 * worker's CPU work), with no fsync and one write(2) a file; handing the
 * two workers pages of different folders (so that they never wait for
 * the same parent's lock) measured no faster.
 *
 * inplace: into a folder being read, so as a dotfile beside it, renamed
 * over it once whole: a reader sees the old file or the new one. */
static int
write_at(int dfd, const char *rel, const char *data, size_t len,
    int inplace)
{
	static atomic_uint	 seq;
	ssize_t			 n;
	const char		*base;
	char			*tmp = NULL;
	int			 fd, err;

	if (mkdirs_at(dfd, rel) == -1)
		return -1;
	if (inplace) {
		base = strrchr(rel, '/');
		tmp = xasprintf("%.*s.sitegen-new-%ld-%u", base ?
		    (int)(base - rel + 1) : 0, rel, (long)getpid(),
		    atomic_fetch_add(&seq, 1));
		fd = openat(dfd, tmp, O_WRONLY | O_CREAT | O_EXCL |
		    O_NOFOLLOW | O_CLOEXEC, 0644);
	} else
		fd = openat(dfd, rel, O_WRONLY | O_CREAT | O_TRUNC |
		    O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd == -1) {
		free(tmp);
		return -1;
	}
	while (len > 0) {
		if ((n = write(fd, data, len)) == -1) {
			if (errno == EINTR)
				continue;
			err = errno;
			close(fd);
			if (tmp)
				unlinkat(dfd, tmp, 0);
			free(tmp);
			errno = err;
			return -1;
		}
		data += n;
		len -= (size_t)n;
	}
	if (close(fd) == -1 || (tmp && renameat(dfd, tmp, dfd, rel) == -1)) {
		err = errno;
		if (tmp)
			unlinkat(dfd, tmp, 0);
		free(tmp);
		errno = err;
		return -1;
	}
	free(tmp);
	return 0;
}

static int	write_file(struct sg_output *, const char *, const char *,
		    const char *, size_t);

/* Writes data[0..len) as rel in the output. Safe from several threads.
 * Returns 0, or -1 after reporting the error. */
int
sg_out_write(struct sg_output *o, const char *rel, const char *data,
    size_t len)
{
	return write_file(o, rel, NULL, data, len);
}

/* The same; src names the source data is a copy of, for messages. */
static int
write_file(struct sg_output *o, const char *rel, const char *src,
    const char *data, size_t len)
{
	struct sg_loc	 loc = { NULL, 0, 0 };
	char		*norm;
	int		 rc = 0;

	if (o->scan && sg_secrets_scan_output(o->scan, rel, src, data,
	    len) > 0)
		return -1;
	if (o->dry)
		return 0;
	if (sg_stopping())
		return -1;
	norm = sg_path_normalize(rel);
	if (norm == NULL || *norm == '\0' || *norm == '/' ||
	    norm[strlen(norm) - 1] == '/' || !strcmp(norm, SG_OUT_STAMP)) {
		sg_diag_error(o->diag, &loc, "refusing to write '%s' outside "
		    "the output", rel);
		free(norm);
		return -1;
	}
	if (write_at(o->dfd, norm, data, len, o->inplace) == -1) {
		sg_diag_error(o->diag, &loc, "cannot write %s/%s: %s", o->out,
		    rel, strerror(errno));
		rc = -1;
	}
	free(norm);
	return rc;
}

int
sg_out_copy(struct sg_output *o, const char *rel, const char *src)
{
	struct sg_loc	 loc = { NULL, 0, 0 };
	const char	*name = src;
	char		*data;
	size_t		 len, n = strlen(o->root);
	int		 rc;

	if ((data = sg_file_read(src, &len)) == NULL) {
		sg_diag_error(o->diag, &loc, "cannot read %s: %s", src,
		    strerror(errno));
		return -1;
	}
	if (!strncmp(src, o->root, n) && src[n] == '/')
		name = src + n + 1;
	rc = write_file(o, rel, name, data, len);
	free(data);
	return rc;
}

/* Swaps the stage into place. Returns 1 when the old output is now at
 * o->stage or o->old, 0 when there was none, -1 (errno) when nothing
 * moved. */
static int
swap(struct sg_output *o)
{
	struct stat	 st;

	if (lstat(o->out, &st) == -1)
		return rename(o->stage, o->out) == 0 ? 0 : -1;
	if (renameat2(AT_FDCWD, o->stage, AT_FDCWD, o->out,
	    RENAME_EXCHANGE) == 0)
		return 1;
	/* a file system without the exchange: two renames */
	if (rename(o->out, o->old) == -1)
		return -1;
	if (rename(o->stage, o->out) == -1) {
		rename(o->old, o->out);
		return -1;
	}
	return 1;
}

int
sg_out_commit(struct sg_output *o)
{
	struct sg_loc	 loc = { NULL, 0, 0 };
	int		 rc;

	if (o->dry || o->inplace) {
		sg_out_discard(o);
		return 0;
	}
	/* a signal now waits until the output is whole again */
	sg_cleanup_hold();
	rc = swap(o);
	sg_cleanup_release();
	if (rc == -1) {
		sg_diag_error(o->diag, &loc, "cannot put the new output in "
		    "place of '%s': %s", o->out, strerror(errno));
		sg_out_discard(o);
		return -1;
	}
	/* the old output, 378 MB in 21,700 files and folders at 10,000
	 * pages on tmpfs: 0.19 s on one thread, 0.09-0.13 s on two */
	if (rc == 1 && (sg_rm_tree_jobs(o->stage, o->jobs) == -1 ||
	    sg_rm_tree_jobs(o->old, o->jobs) == -1)) {
		sg_diag_error(o->diag, &loc, "the new output is in '%s', but "
		    "the old one could not be removed: remove what is left in "
		    "%s", o->out, access(o->old, F_OK) == 0 ? o->old :
		    o->stage);
		free(o->stage);
		o->stage = NULL;
		sg_out_discard(o);
		return 1;
	}
	sg_out_discard(o);
	return 0;
}

void
sg_out_discard(struct sg_output *o)
{
	if (o == NULL)
		return;
	if (o->stage)
		sg_rm_tree(o->stage);
	sg_cleanup_pop(o->cleanup);
	if (o->dfd != -1)
		close(o->dfd);
	free(o->stage);
	free(o->old);
	free(o->out);
	free(o->root);
	free(o);
}
