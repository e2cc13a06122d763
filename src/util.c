/* util.c: allocation that aborts on exhaustion, growable buffers. */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <time.h>

#include "path.h"
#include "rmtree.h"
#include "util.h"

static void
oom(void)
{
	fputs("sitegen: out of memory\n", stderr);
	abort();
}

void *
xmalloc(size_t n)
{
	void	*p = malloc(n ? n : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void	*p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	void	*q = realloc(p, n ? n : 1);

	if (q == NULL)
		oom();
	return q;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char	*p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	char		 small[256], *p;
	va_list		 ap;
	int		 n;

	/* the result is allocated to size (many are kept for the build):
	 * formatted on the stack first, and again only when it is longer */
	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		return xstrdup("");
	if ((size_t)n < sizeof(small))
		return xstrndup(small, (size_t)n);
	p = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void
sg_buf_grow(struct sg_buf *b, size_t extra)
{
	size_t	 want = b->len + extra + 1;

	if (want <= b->cap)
		return;
	if (b->cap == 0)
		b->cap = 64;
	while (b->cap < want)
		b->cap *= 2;
	b->data = xrealloc(b->data, b->cap);
}

void
sg_buf_put(struct sg_buf *b, const char *s, size_t n)
{
	/* the room is most often there: the call to grow only when it is
	 * not (cap is 0 or more than len) */
	if (b->cap - b->len <= n)
		sg_buf_grow(b, n);
	if (n > 0)
		memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
sg_buf_vprintf(struct sg_buf *b, const char *fmt, va_list ap)
{
	va_list	 cp;
	int	 n;

	/* formatted once into the room there is (made 128 bytes at least),
	 * and again only when that was too little: measuring first would
	 * format everything twice */
	sg_buf_grow(b, 128);
	va_copy(cp, ap);
	n = vsnprintf(b->data + b->len, b->cap - b->len, fmt, cp);
	va_end(cp);
	if (n < 0) {
		b->data[b->len] = '\0';
		return;
	}
	if ((size_t)n >= b->cap - b->len) {
		sg_buf_grow(b, (size_t)n);
		vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	}
	b->len += (size_t)n;
}

void
sg_buf_printf(struct sg_buf *b, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	sg_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

char *
sg_buf_detach(struct sg_buf *b)
{
	char	*p = b->data ? b->data : xstrdup("");

	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}

/* A copy, not a realloc: a realloc to a smaller size may keep the block
 * as it is (mimalloc's does when the new size is at least half the old),
 * and a buffer that grew by doubling is always more than half full. */
char *
sg_buf_detach_fit(struct sg_buf *b)
{
	char	*p;

	if (b->data == NULL || b->cap == b->len + 1)
		return sg_buf_detach(b);
	p = xmalloc(b->len + 1);
	memcpy(p, b->data, b->len + 1);
	sg_buf_free(b);
	return p;
}

void
sg_buf_free(struct sg_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

int
sg_starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

int
sg_ends_with(const char *s, const char *suffix)
{
	size_t	 n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* sg_file_read's work; flags are added to open's. A regular file is
 * read as it was at the fstat: into a buffer of that size, in one read as
 * a rule, with no read that waits for the end (10,000 system calls fewer
 * at 10,000 pages, and no copy or shrinking of a growing buffer). A file
 * that says it holds nothing, as some kernel files do, is read to its
 * end. */
static char *
read_whole(const char *path, int flags, size_t *len)
{
	struct stat	 st;
	ssize_t		 n;
	size_t		 size, cap, got = 0;
	char		*data;
	int		 fd, err;

	fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC | flags);
	if (fd == -1)
		return NULL;
	if (fstat(fd, &st) == -1)
		err = errno;
	else if (!S_ISREG(st.st_mode))
		err = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
	else
		err = 0;
	if (err != 0) {
		close(fd);
		errno = err;
		return NULL;
	}
	size = (size_t)st.st_size;
	cap = size + 1;
	data = xmalloc(cap);
	while (size == 0 || got < size) {
		if (got + 1 == cap) {
			cap = cap < 65536 ? 65536 : cap * 2;
			data = xrealloc(data, cap);
		}
		n = read(fd, data + got, cap - 1 - got);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			err = errno;
			close(fd);
			free(data);
			errno = err;
			return NULL;
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	data[got] = '\0';
	*len = got;
	return data;
}

char *
sg_file_read(const char *path, size_t *len)
{
	return read_whole(path, 0, len);
}

char *
sg_file_read_own(const char *path, size_t *len)
{
	return read_whole(path, O_NOFOLLOW, len);
}

int
sg_file_write(const char *path, const char *data, size_t len)
{
	FILE	*fp;
	int	 err;

	if ((fp = fopen(path, "wb")) == NULL)
		return -1;
	if (fwrite(data, 1, len, fp) != len) {
		err = errno ? errno : EIO;
		fclose(fp);
		errno = err;
		return -1;
	}
	return fclose(fp) == 0 ? 0 : -1;
}

void
sg_sort(void *base, size_t n, size_t size, int (*cmp)(const void *,
    const void *))
{
	if (n > 1)
		qsort(base, n, size, cmp);
}

/* Appends n as 8 bytes in host order (both ends are this process and
 * its children). */
void
sg_buf_put_num(struct sg_buf *b, long long n)
{
	sg_buf_put(b, (const char *)&n, sizeof(n));
}

/* Appends s (NULL allowed) as a length, -1 for NULL, and its bytes. */
void
sg_buf_put_str(struct sg_buf *b, const char *s)
{
	size_t	 n = s ? strlen(s) : 0;

	sg_buf_put_num(b, s ? (long long)n : -1);
	if (s)
		sg_buf_put(b, s, n);
}

long long
sg_rd_num(struct sg_rd *r)
{
	long long	 n;

	if (r->bad || (size_t)(r->e - r->p) < sizeof(n)) {
		r->bad = 1;
		return 0;
	}
	memcpy(&n, r->p, sizeof(n));
	r->p += sizeof(n);
	return n;
}

/* Reads a string written by sg_buf_put_str: a new copy the caller frees,
 * or NULL (also when the data is bad, which sets r->bad). */
char *
sg_rd_str(struct sg_rd *r)
{
	long long	 n = sg_rd_num(r);
	char		*s;

	if (r->bad || n < 0)
		return NULL;
	if ((long long)(r->e - r->p) < n) {
		r->bad = 1;
		return NULL;
	}
	s = xstrndup(r->p, (size_t)n);
	r->p += n;
	return s;
}

double
sg_now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int
sg_mkdirs(const char *dir)
{
	char	*p, *s;
	int	 rc = 0;

	/* the usual case, a new folder in one that exists: one call */
	if (mkdir(dir, 0755) == 0 || errno == EEXIST)
		return 0;
	if (errno != ENOENT)
		return -1;
	p = xstrdup(dir);
	for (s = strchr(p + 1, '/'); s && rc == 0; s = strchr(s + 1, '/')) {
		*s = '\0';
		if (mkdir(p, 0755) == -1 && errno != EEXIST)
			rc = -1;
		*s = '/';
	}
	if (rc == 0 && mkdir(p, 0755) == -1 && errno != EEXIST)
		rc = -1;
	free(p);
	return rc;
}

int
sg_hex_digit(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Is name PREFIX + PID + "-XXXXXX", of a process other than us that no
 * longer runs? */
static int
stale(const char *name, const char *prefix)
{
	char	*end;
	long	 pid;

	if (strncmp(name, prefix, strlen(prefix)) != 0)
		return 0;
	pid = strtol(name + strlen(prefix), &end, 10);
	if (pid <= 0 || end == name + strlen(prefix) || *end != '-' ||
	    strlen(end + 1) != 6 || pid == (long)getpid())
		return 0;
	return kill((pid_t)pid, 0) == -1 && errno == ESRCH;
}

void
sg_tmp_sweep(const char *base, const char *prefix, int sandbox_too)
{
	struct dirent	*de;
	struct stat	 st;
	DIR		*d;
	char		*path;

	if ((d = opendir(base)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (!stale(de->d_name, prefix) || fstatat(dirfd(d),
		    de->d_name, &st, AT_SYMLINK_NOFOLLOW) == -1 ||
		    !S_ISDIR(st.st_mode) || (st.st_uid != geteuid() &&
		    !(sandbox_too && geteuid() == 0 && st.st_uid == 65534)))
			continue;
		path = xasprintf("%s/%s", base, de->d_name);
		sg_rm_tree(path);
		free(path);
	}
	closedir(d);
}

/* Replaces path with data[0..len): written to a temporary file in the
 * same directory (flushed to disk first if durable), then renamed over
 * it, so a reader sees the old file or the new one, never a part. Keeps
 * the old file's mode. Returns 0, or -1 with errno set. */
int
sg_file_replace(const char *path, const char *data, size_t len, int durable)
{
	struct stat	 st;
	char		*dir = sg_path_dir(path), *tmp;
	ssize_t		 n;
	int		 fd, saved;

	tmp = xasprintf("%s%s.sitegen-XXXXXX", dir, *dir ? "/" : "");
	free(dir);
	if ((fd = mkstemp(tmp)) == -1)
		goto fail;
	fchmod(fd, stat(path, &st) == 0 ? st.st_mode & 07777 : 0644);
	while (len > 0) {
		if ((n = write(fd, data, len)) == -1) {
			if (errno == EINTR)
				continue;
			goto fail_fd;
		}
		data += n;
		len -= (size_t)n;
	}
	if (durable && fsync(fd) == -1)
		goto fail_fd;
	if (close(fd) == -1) {
		fd = -1;
		goto fail_fd;
	}
	if (rename(tmp, path) == -1) {
		fd = -1;
		goto fail_fd;
	}
	free(tmp);
	return 0;
fail_fd:
	saved = errno;
	if (fd != -1)
		close(fd);
	unlink(tmp);
	errno = saved;
fail:
	saved = errno;
	free(tmp);
	errno = saved;
	return -1;
}

/* Makes dir (mode 0755) unless it is there; -1 when it is something
 * other than a folder, a symbolic link included, or cannot be made. */
static int
plain_dir(const char *dir)
{
	struct stat	 st;

	if (lstat(dir, &st) == 0)
		return S_ISDIR(st.st_mode) ? 0 : -1;
	return errno == ENOENT && mkdir(dir, 0755) == 0 ? 0 : -1;
}

int
sg_cache_dir(const char *root, const char *sub, char **dir)
{
	char	*top = xasprintf("%s/.sitegen", root);
	int	 rc;

	*dir = xasprintf("%s/%s", top, sub);
	rc = plain_dir(top) == 0 && plain_dir(*dir) == 0 ? 0 : -1;
	free(top);
	return rc;
}
