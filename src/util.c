/* util.c: allocation that aborts on exhaustion, growable buffers. */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <time.h>

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
	struct sg_buf	 b = { 0 };
	va_list		 ap;

	va_start(ap, fmt);
	sg_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	return sg_buf_detach(&b);
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
	sg_buf_grow(b, n);
	if (n > 0)
		memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
sg_buf_puts(struct sg_buf *b, const char *s)
{
	sg_buf_put(b, s, strlen(s));
}

void
sg_buf_putc(struct sg_buf *b, char c)
{
	sg_buf_put(b, &c, 1);
}

void
sg_buf_vprintf(struct sg_buf *b, const char *fmt, va_list ap)
{
	va_list	 cp;
	int	 n;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return;
	sg_buf_grow(b, (size_t)n);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
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

/* Appends s[0..n) escaped for HTML text and attribute values: & < > ". */
void
sg_buf_put_html(struct sg_buf *b, const char *s, size_t n)
{
	size_t		 i, run = 0;
	const char	*ent;

	for (i = 0; i < n; i++) {
		switch (s[i]) {
		case '&':
			ent = "&amp;";
			break;
		case '<':
			ent = "&lt;";
			break;
		case '>':
			ent = "&gt;";
			break;
		case '"':
			ent = "&quot;";
			break;
		default:
			continue;
		}
		sg_buf_put(b, s + run, i - run);
		sg_buf_puts(b, ent);
		run = i + 1;
	}
	sg_buf_put(b, s + run, n - run);
}

/* Hands the buffer's bytes to the caller, who frees them; never NULL. */
char *
sg_buf_detach(struct sg_buf *b)
{
	char	*p = b->data ? b->data : xstrdup("");

	b->data = NULL;
	b->len = b->cap = 0;
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

/* Reads the file at path whole. Returns a NUL-terminated buffer the caller
 * frees, with its length in *len, or NULL with errno set. */
char *
sg_file_read(const char *path, size_t *len)
{
	struct sg_buf	 b = { 0 };
	char		 chunk[65536];
	size_t		 n;
	FILE		*fp;
	int		 err;

	if ((fp = fopen(path, "rb")) == NULL)
		return NULL;
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		sg_buf_put(&b, chunk, n);
	if (ferror(fp)) {
		err = errno ? errno : EIO;
		fclose(fp);
		sg_buf_free(&b);
		errno = err;
		return NULL;
	}
	fclose(fp);
	*len = b.len;
	return sg_buf_detach(&b);
}

/* Writes data[0..len) to path, replacing it. Returns 0, or -1 with errno. */
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

/* qsort that accepts an empty (possibly NULL) array, which qsort may not
 * be given. */
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

/* Seconds on the monotonic clock, for measuring how long things take. */
double
sg_now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Makes the folder dir and those above it that are missing. Returns 0,
 * or -1 with errno if one could not be made. */
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

static int
rm_at(int dirfd, const char *name, int depth)
{
	struct dirent	*de;
	DIR		*d;
	int		 fd, rc = 0;

	if (unlinkat(dirfd, name, 0) == 0 || errno == ENOENT)
		return 0;
	if (depth > 256)
		return -1;
	/* a directory: empty it first (a sample may have made it
	 * unreadable: make it ours again) */
	fchmodat(dirfd, name, 0700, 0);
	fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	if (fd == -1)
		return -1;
	if ((d = fdopendir(fd)) == NULL) {
		close(fd);
		return -1;
	}
	while ((de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			rc |= rm_at(fd, de->d_name, depth + 1);
	closedir(d);
	if (unlinkat(dirfd, name, AT_REMOVEDIR) == -1)
		rc = -1;
	return rc;
}

/* Removes path and everything under it, following no symbolic link.
 * Returns 0, or -1 if something stayed. */
int
sg_rm_tree(const char *path)
{
	return rm_at(AT_FDCWD, path, 0);
}
