/* include.c: expands {{#include path}}, {{#include path:anchor}} and
 * {{#include path:from:to}} in a page's Markdown, as mdBook does, keeping a
 * map from each expanded line back to the author's line. A path is
 * relative to the page and may not leave content/, name a dotfile or go
 * through a link out of content/; only regular files are read. */
#include <sys/stat.h>
#include <sys/syscall.h>

#include <linux/openat2.h>

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "doc/include.h"
#include "path.h"
#include "site.h"

#define DIRECTIVE	"{{#include "

struct lines {
	int	*v;		/* expanded line -> file line */
	int	 len, cap;
};

static void
add_line(struct lines *l, int line)
{
	if (l->len == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 256;
		l->v = xrealloc(l->v, (size_t)l->cap * sizeof(*l->v));
	}
	l->v[l->len++] = line;
}

/* Appends s[0..n) to out, mapping every line it starts to *line; with
 * advance set, each newline moves *line on (the author's own text), else
 * all lines map to one (included text). The lines are counted first,
 * then their numbers written in one loop: a memchr and an append for
 * each line were 7,000 instructions for a page of 6 kB. */
static void
emit(struct sg_buf *out, struct lines *l, const char *s, size_t n, int *line,
    int advance, int *at_bol)
{
	size_t	 nl, add, k;
	int	 first, *v;

	sg_buf_put(out, s, n);
	if (n == 0)
		return;
	/* a line starts here if the last text ended one, and after each
	 * newline but a last one */
	nl = sg_count_byte(s, n, '\n');
	add = (*at_bol ? 1 : 0) + nl - (s[n - 1] == '\n' ? 1 : 0);
	if (add > (size_t)(l->cap - l->len)) {
		while (add > (size_t)(l->cap - l->len))
			l->cap = l->cap ? l->cap * 2 : 256;
		l->v = xrealloc(l->v, (size_t)l->cap * sizeof(*l->v));
	}
	v = l->v + l->len;
	first = *line + (*at_bol || !advance ? 0 : 1);
	for (k = 0; k < add; k++)
		v[k] = advance ? first + (int)k : first;
	l->len += (int)add;
	if (advance)
		*line += (int)nl;
	*at_bol = s[n - 1] == '\n';
}

static int
is_anchor_line(const char *s, size_t n)
{
	return memmem(s, n, "ANCHOR:", 7) != NULL ||
	    memmem(s, n, "ANCHOR_END:", 11) != NULL;
}

/* Does line s[0..n) mark anchor name with marker ("ANCHOR:" or
 * "ANCHOR_END:")? */
static int
marks(const char *s, size_t n, const char *marker, const char *name)
{
	const char	*p = memmem(s, n, marker, strlen(marker)), *e = s + n;
	size_t		 k = strlen(name);

	if (p == NULL)
		return 0;
	p += strlen(marker);
	while (p < e && (*p == ' ' || *p == '\t'))
		p++;
	if ((size_t)(e - p) < k || memcmp(p, name, k) != 0)
		return 0;
	p += k;
	return p == e || *p == ' ' || *p == '\t' || *p == '\r' ||
	    *p == '\n' || *p == '*';
}

int
sg_include_region(const char *text, size_t len, const char *sel, char **out)
{
	struct sg_buf	 b = { 0 };
	const char	*s = text, *e, *end = text + len, *colon;
	char		*stop;
	long		 from = 1, to = LONG_MAX, no = 0;
	int		 inside, found = 0, range;

	range = *sel == '\0' || (*sel >= '0' && *sel <= '9') || *sel == ':';
	if (range && *sel) {
		colon = strchr(sel, ':');
		if (sel[0] != ':')
			from = strtol(sel, &stop, 10);
		else
			stop = (char *)(uintptr_t)sel;
		if (colon == NULL) {
			if (*stop != '\0')
				return -1;
			to = from;
		} else {
			if (stop != colon)
				return -1;
			if (colon[1]) {
				to = strtol(colon + 1, &stop, 10);
				if (*stop != '\0')
					return -1;
			}
		}
		if (from < 1 || to < from)
			return -1;
	}
	inside = range;
	for (; s < end; s = e) {
		e = memchr(s, '\n', (size_t)(end - s));
		e = e ? e + 1 : end;
		no++;
		if (range) {
			if (no >= from && no <= to && !is_anchor_line(s,
			    (size_t)(e - s)))
				sg_buf_put(&b, s, (size_t)(e - s));
			continue;
		}
		if (!inside && marks(s, (size_t)(e - s), "ANCHOR:", sel)) {
			inside = found = 1;
			continue;
		}
		if (inside && marks(s, (size_t)(e - s), "ANCHOR_END:", sel)) {
			inside = 0;
			continue;
		}
		if (inside && !is_anchor_line(s, (size_t)(e - s)))
			sg_buf_put(&b, s, (size_t)(e - s));
	}
	if (!range && !found) {
		sg_buf_free(&b);
		return -1;
	}
	if (b.len > 0 && b.data[b.len - 1] == '\n')
		b.data[--b.len] = '\0';
	*out = sg_buf_detach(&b);
	return 0;
}

/* Does the relative path p have a component that starts with '.' (a
 * dotfile or a dot folder, "." and ".." included)? */
int
sg_include_hidden(const char *p)
{
	const char	*s;

	for (s = p; *s; s++)
		if (*s == '.' && (s == p || s[-1] == '/'))
			return 1;
	return 0;
}

/* Opens content/<rel> for reading, resolving it beneath content/ only
 * (openat2 with RESOLVE_BENEATH where the kernel has it: no race between
 * the check and the open). Returns a descriptor, or -1 with errno (EXDEV:
 * the path leaves content/). */
static int
open_beneath(const char *root, const char *rel, const char *real_content)
{
	struct open_how	 how;
	char		*dir, *full, *real;
	int		 dfd, fd, err;

	dir = sg_path_join(root, "content");
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(dir);
	if (dfd == -1)
		return -1;
	memset(&how, 0, sizeof(how));
	how.flags = O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC;
	how.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS;
	fd = (int)syscall(SYS_openat2, dfd, rel, &how, sizeof(how));
	err = errno;
	if (fd == -1 && (err == ENOSYS || err == EPERM)) {
		/* an older kernel (or a filter that forbids openat2) */
		full = sg_path_join(root, "content");
		dir = sg_path_join(full, rel);
		free(full);
		real = realpath(dir, NULL);
		free(dir);
		if (real == NULL)
			fd = -1, err = errno;
		else if (!sg_starts_with(real, real_content) ||
		    real[strlen(real_content)] != '/')
			fd = -1, err = EXDEV;
		else {
			fd = open(real, O_RDONLY | O_NONBLOCK | O_NOCTTY |
			    O_NOFOLLOW | O_CLOEXEC);
			err = errno;
		}
		free(real);
	}
	close(dfd);
	errno = err;
	return fd;
}

int
sg_include_open(const struct sg_site *site, const char *rel, off_t *size,
    int *rc, const char **why)
{
	struct stat	 st;
	char		*dir, *real_content, *full, *real;
	int		 fd = -1;

	*rc = SG_INCLUDE_ERRNO;
	*why = "";
	if (*rel == '\0' || *rel == '/' || sg_include_hidden(rel)) {
		*why = "it names a dotfile or a dot folder, which are never "
		    "read";
		*rc = SG_INCLUDE_DENIED;
		return -1;
	}
	dir = sg_path_join(site->root, "content");
	real_content = realpath(dir, NULL);
	free(dir);
	if (real_content == NULL) {
		*why = strerror(errno);
		return -1;
	}
	/* where a link leads: not to a dotfile inside content/ either */
	full = xasprintf("%s/%s", real_content, rel);
	real = realpath(full, NULL);
	free(full);
	if (real && sg_starts_with(real, real_content) &&
	    real[strlen(real_content)] == '/' &&
	    sg_include_hidden(real + strlen(real_content) + 1)) {
		*why = "it leads to a dotfile or a dot folder, which are never "
		    "read";
		*rc = SG_INCLUDE_DENIED;
		goto out;
	}
	if ((fd = open_beneath(site->root, rel, real_content)) == -1) {
		if (errno == EXDEV || errno == ELOOP) {
			*why = "it leads out of content/ through a symbolic "
			    "link";
			*rc = SG_INCLUDE_DENIED;
		} else
			*why = strerror(errno);
		goto out;
	}
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		*why = "it is not a regular file (a folder, a FIFO, a socket or "
		    "a device): only regular files are read";
		close(fd);
		fd = -1;
		*rc = SG_INCLUDE_DENIED;
		goto out;
	}
	*size = st.st_size;
	*rc = 0;
out:
	free(real);
	free(real_content);
	return fd;
}

int
sg_include_read(const struct sg_site *site, const char *rel, char **text,
    size_t *len, const char **why)
{
	struct sg_buf	 b = { 0 };
	char		 chunk[65536];
	ssize_t		 n;
	off_t		 size;
	int		 fd, rc;

	*text = NULL;
	*len = 0;
	if ((fd = sg_include_open(site, rel, &size, &rc, why)) == -1)
		return rc;
	while ((n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			*why = strerror(errno);
			close(fd);
			sg_buf_free(&b);
			return SG_INCLUDE_ERRNO;
		}
		sg_buf_put(&b, chunk, (size_t)n);
	}
	close(fd);
	if (b.data == NULL)
		sg_buf_puts(&b, "");
	*len = b.len;
	*text = sg_buf_detach(&b);
	return 0;
}

/* Reads what one directive names. arg is "path" or "path:selector".
 * Returns the text (the caller frees), or NULL after an error. */
static char *
include_one(const struct sg_site *site, const struct sg_page *page,
    const char *arg, const struct sg_loc *loc)
{
	char		*path, *sel, *dir, *joined, *rel = NULL;
	char		*text = NULL, *out = NULL;
	const char	*why;
	size_t		 len;

	path = xstrdup(arg);
	if ((sel = strchr(path, ':')) != NULL)
		*sel++ = '\0';
	else
		sel = (char *)(uintptr_t)"";
	dir = sg_path_dir(page->src);
	joined = sg_path_join(dir, path);
	rel = sg_path_normalize(joined);
	if (rel == NULL || *path == '/' || *path == '\0' ||
	    !sg_starts_with(rel, "content/")) {
		sg_diag_error(site->diag, loc, "include '%s' leaves content/: "
		    "an include path is relative to the page and stays inside "
		    "content/", path);
		goto out;
	}
	if (sg_include_read(site, rel + strlen("content/"), &text, &len,
	    &why) != 0) {
		sg_diag_error(site->diag, loc, "cannot include '%s': %s", path,
		    why);
		goto out;
	}
	if (sg_include_region(text, len, sel, &out) == -1)
		sg_diag_error(site->diag, loc, "cannot include '%s:%s': %s",
		    path, sel, *sel >= '0' && *sel <= '9' ? "not a line range "
		    "(use N, N:M, N: or :M)" : "no such anchor (mark it with "
		    "ANCHOR: name and ANCHOR_END: name)");
out:
	free(path);
	free(dir);
	free(joined);
	free(rel);
	free(text);
	return out;
}

int
sg_include_expand(const struct sg_site *site, const struct sg_page *page,
    char **text, size_t *len, int **lines, int *nlines)
{
	struct sg_buf	 out = { 0 };
	struct lines	 l = { NULL, 0, 0 };
	struct sg_loc	 loc;
	const char	*s = page->text + page->body_off;
	const char	*end = page->text + page->len, *d, *close, *nl;
	const char	*bol = s, *eol = NULL, *next_close = NULL;
	char		*arg, *inc;
	size_t		 k;
	int		 line = page->body_line, at_bol = 1, rc = 0;

	while (s < end) {
		d = sg_find(s, (size_t)(end - s), DIRECTIVE, strlen(DIRECTIVE));
		if (d == NULL) {
			emit(&out, &l, s, (size_t)(end - s), &line, 1, &at_bol);
			break;
		}
		if (d > s && d[-1] == '\\') {
			if ((nl = memrchr(s, '\n', (size_t)(d - s))) != NULL)
				bol = nl + 1;
			emit(&out, &l, s, (size_t)(d - 1 - s), &line, 1, &at_bol);
			emit(&out, &l, d, strlen(DIRECTIVE), &line, 1, &at_bol);
			s = d + strlen(DIRECTIVE);
			continue;
		}
		emit(&out, &l, s, (size_t)(d - s), &line, 1, &at_bol);
		/* the line's start, and its '}}', looked for only in what
		 * was not searched yet: linear in the page however many
		 * directives it has */
		if ((nl = memrchr(s, '\n', (size_t)(d - s))) != NULL)
			bol = nl + 1;
		if (eol == NULL || eol < d)
			eol = memchr(d, '\n', (size_t)(end - d));
		if (eol == NULL)
			eol = end;
		if (next_close == NULL || next_close < d)
			next_close = memmem(d, (size_t)(end - d), "}}", 2);
		if (next_close == NULL)
			next_close = end;
		close = next_close < eol ? next_close : NULL;
		loc.file = page->src;
		loc.line = line;
		loc.col = 1 + (int)(d - bol);
		if (close == NULL) {
			sg_diag_error(site->diag, &loc, "'{{#include' is not "
			    "closed by '}}' on the same line");
			rc = -1;
			emit(&out, &l, d, strlen(DIRECTIVE), &line, 1, &at_bol);
			s = d + strlen(DIRECTIVE);
			continue;
		}
		arg = xstrndup(d + strlen(DIRECTIVE), (size_t)(close - d) -
		    strlen(DIRECTIVE));
		for (k = strlen(arg); k > 0 && arg[k - 1] == ' '; k--)
			arg[k - 1] = '\0';
		inc = include_one(site, page, arg + strspn(arg, " "), &loc);
		if (inc == NULL)
			rc = -1;
		else {
			emit(&out, &l, inc, strlen(inc), &line, 0, &at_bol);
			free(inc);
		}
		free(arg);
		s = close + 2;
	}
	if (out.data == NULL)
		sg_buf_puts(&out, "");
	add_line(&l, line);	/* a last line without a newline */
	*len = out.len;
	*text = sg_buf_detach(&out);
	*lines = l.v;
	*nlines = l.len;
	return rc;
}
