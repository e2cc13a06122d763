/* samples_fs.c: the only way the samples stage opens a file that a
 * sample, a compiler or an author could have replaced with something
 * else: beneath a folder's descriptor, following no symbolic link on the
 * way, opening nothing but a regular file, never blocking, with a size
 * cap. Also copies the shared headers into a sample's own folder. */
#include <errno.h>
#include <fcntl.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <linux/openat2.h>

#include "samples/samples_int.h"
#include "util.h"

#define COPY_DEPTH	8	/* folders below the one copied */

int
sx_open_regular(int dirfd, const char *rel, struct stat *st)
{
	struct open_how	 how;
	int		 fd, flags = O_RDONLY | O_NOFOLLOW | O_NONBLOCK |
			    O_NOCTTY | O_CLOEXEC;

	memset(&how, 0, sizeof(how));
	how.flags = (unsigned long long)flags;
	how.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS |
	    RESOLVE_NO_MAGICLINKS;
	fd = (int)syscall(SYS_openat2, dirfd, rel, &how, sizeof(how));
	if (fd == -1 && errno == ENOSYS) {
		if (rel[0] == '/' || !strcmp(rel, "..") ||
		    !strncmp(rel, "../", 3) || strstr(rel, "/../")) {
			errno = EXDEV;
			return -1;
		}
		fd = openat(dirfd, rel, flags);
	}
	if (fd == -1)
		return -1;
	if (fstat(fd, st) == -1 || !S_ISREG(st->st_mode)) {
		close(fd);
		errno = ENXIO;
		return -1;
	}
	/* reads must block from here on */
	fcntl(fd, F_SETFL, 0);
	return fd;
}

const char *
sx_regular_why(int e)
{
	switch (e) {
	case ELOOP:
		return "it is a symbolic link, or is reached through one";
	case ENXIO:
		return "it is not a regular file (a FIFO, a device, a socket "
		    "or a folder)";
	case EXDEV:
		return "it is outside its folder";
	case EFBIG:
		return "it is too large";
	default:
		return strerror(e);
	}
}

char *
sx_read_regular(int dirfd, const char *rel, size_t max, size_t *len)
{
	struct sg_buf	 b = { 0 };
	struct stat	 st;
	char		 chunk[65536];
	ssize_t		 n;
	int		 fd, e;

	if ((fd = sx_open_regular(dirfd, rel, &st)) == -1)
		return NULL;
	if ((size_t)st.st_size > max) {
		close(fd);
		errno = EFBIG;
		return NULL;
	}
	sg_buf_put(&b, "", 0);
	while ((n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1 || b.len + (size_t)n > max) {
			e = n == -1 ? errno : EFBIG;
			close(fd);
			sg_buf_free(&b);
			errno = e;
			return NULL;
		}
		sg_buf_put(&b, chunk, (size_t)n);
	}
	close(fd);
	*len = b.len;
	return sg_buf_detach(&b);
}

int
sx_copy_regular(int from_dir, const char *rel, int to_dir, unsigned int mode,
    size_t max)
{
	struct stat	 st;
	char		 chunk[65536];
	ssize_t		 n, w;
	size_t		 total = 0, off;
	int		 in, out, e = 0;

	if ((in = sx_open_regular(from_dir, rel, &st)) == -1)
		return -1;
	if ((out = openat(to_dir, rel, O_WRONLY | O_CREAT | O_EXCL |
	    O_NOFOLLOW | O_CLOEXEC, mode)) == -1) {
		e = errno;
		close(in);
		errno = e;
		return -1;
	}
	while (e == 0 && (n = read(in, chunk, sizeof(chunk))) != 0) {
		if (n == -1) {
			if (errno != EINTR)
				e = errno;
			continue;
		}
		if ((total += (size_t)n) > max) {
			e = EFBIG;
			break;
		}
		for (off = 0; e == 0 && off < (size_t)n; off += (size_t)w)
			if ((w = write(out, chunk + off, (size_t)n - off)) ==
			    -1) {
				e = errno == EINTR ? 0 : errno;
				w = 0;
			}
	}
	close(in);
	if (close(out) == -1 && e == 0)
		e = errno;
	if (e != 0) {
		unlinkat(to_dir, rel, 0);
		errno = e;
		return -1;
	}
	return 0;
}

/* Is name a source file a sample may include? */
static int
source_name(const char *name)
{
	static const char *const ext[] = { ".h", ".c", ".inc", ".def", NULL };
	int	 i;

	if (name[0] == '.')
		return 0;
	for (i = 0; ext[i]; i++)
		if (sg_ends_with(name, ext[i]))
			return 1;
	return 0;
}

/* Copies the C sources and headers under the folder from (a descriptor
 * this borrows) into the folder to, at most *files files and *bytes
 * bytes, counting them down; symbolic links, dotfiles and other kinds
 * of file are left out. */
static void
copy_tree(int from, int to, int depth, size_t *files, size_t *bytes)
{
	struct dirent	*de;
	struct stat	 st;
	DIR		*d;
	int		 fd, sub, subto;

	if (depth > COPY_DEPTH || (fd = dup(from)) == -1)
		return;
	if ((d = fdopendir(fd)) == NULL) {
		close(fd);
		return;
	}
	while ((de = readdir(d)) != NULL && *files > 0) {
		if (de->d_name[0] == '.' ||
		    fstatat(from, de->d_name, &st, AT_SYMLINK_NOFOLLOW) == -1)
			continue;
		if (S_ISREG(st.st_mode) && source_name(de->d_name) &&
		    (size_t)st.st_size <= *bytes) {
			if (sx_copy_regular(from, de->d_name, to, 0644,
			    *bytes) == 0) {
				*bytes -= (size_t)st.st_size;
				(*files)--;
			}
		} else if (S_ISDIR(st.st_mode)) {
			sub = openat(from, de->d_name, O_RDONLY | O_DIRECTORY |
			    O_NOFOLLOW | O_CLOEXEC);
			if (sub == -1)
				continue;
			if (mkdirat(to, de->d_name, 0755) == 0 &&
			    (subto = openat(to, de->d_name, O_RDONLY |
			    O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)) != -1) {
				copy_tree(sub, subto, depth + 1, files, bytes);
				close(subto);
			}
			close(sub);
		}
	}
	closedir(d);
}

int
sx_copy_sources(const char *src, const char *dir, const char *rel)
{
	size_t	 files = SX_COPY_FILES, bytes = SX_COPY_BYTES;
	char	*p = xstrdup(rel), *s;
	int	 from, to, next, e = 0;

	if ((from = open(src, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1) {
		free(p);
		return -1;
	}
	to = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	for (s = p; to != -1 && s != NULL && *s; ) {
		char	*slash = strchr(s, '/');

		if (slash)
			*slash = '\0';
		if ((mkdirat(to, s, 0755) == -1 && errno != EEXIST) ||
		    (next = openat(to, s, O_RDONLY | O_DIRECTORY |
		    O_NOFOLLOW | O_CLOEXEC)) == -1) {
			e = errno;
			close(to);
			to = -1;
			break;
		}
		close(to);
		to = next;
		s = slash ? slash + 1 : NULL;
	}
	if (to == -1) {
		if (e == 0)
			e = errno;
	} else {
		copy_tree(from, to, 0, &files, &bytes);
		close(to);
	}
	close(from);
	free(p);
	errno = e;
	return e ? -1 : 0;
}
