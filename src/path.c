/* path.c: joining and normalising site paths, and making slugs and heading
 * ids. Pure functions: no file system access. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "path.h"
#include "util.h"

/* Joins a and b with one '/'; an empty or "." a gives b. The caller frees. */
char *
sg_path_join(const char *a, const char *b)
{
	size_t	 n = strlen(a);

	if (n == 0 || strcmp(a, ".") == 0)
		return xstrdup(b);
	if (*b == '\0')
		return xstrdup(a);
	return xasprintf("%s%s%s", a, a[n - 1] == '/' ? "" : "/", b);
}

/* Removes "." and empty components and folds "dir/.." in p. A leading '/'
 * and a trailing '/' are kept. Returns a new string, or NULL when the path
 * climbs above its start (a relative "../x", or "/.."): such a path would
 * leave the tree it is relative to. */
char *
sg_path_normalize(const char *p)
{
	struct sg_buf	 b = { 0 };
	const char	*s = p, *e;
	size_t		*marks = NULL, nmarks = 0, n;
	int		 abs = *p == '/', trail;

	n = strlen(p);
	trail = n > 0 && p[n - 1] == '/';
	if (abs)
		sg_buf_putc(&b, '/');
	marks = xmalloc((n / 2 + 2) * sizeof(*marks));
	while (*s) {
		while (*s == '/')
			s++;
		if (*s == '\0')
			break;
		e = strchr(s, '/');
		if (e == NULL)
			e = s + strlen(s);
		if (e - s == 1 && s[0] == '.') {
			/* skip */
		} else if (e - s == 2 && s[0] == '.' && s[1] == '.') {
			if (nmarks == 0) {
				free(marks);
				sg_buf_free(&b);
				return NULL;
			}
			b.len = marks[--nmarks];
			b.data[b.len] = '\0';
		} else {
			marks[nmarks++] = b.len;
			if (b.len > 0 && b.data[b.len - 1] != '/')
				sg_buf_putc(&b, '/');
			sg_buf_put(&b, s, (size_t)(e - s));
		}
		s = e;
	}
	free(marks);
	if (trail && b.len > 0 && b.data[b.len - 1] != '/')
		sg_buf_putc(&b, '/');
	return sg_buf_detach(&b);
}

/* The directory part of p ("a/b" for "a/b/c.md", "" for "c.md"). */
char *
sg_path_dir(const char *p)
{
	const char	*s = strrchr(p, '/');

	return s ? xstrndup(p, (size_t)(s - p)) : xstrdup("");
}

/* The last component of p, borrowed from p. */
const char *
sg_path_base(const char *p)
{
	const char	*s = strrchr(p, '/');

	return s ? s + 1 : p;
}

/* A URL slug for s: ASCII letters lowered, letters, digits and any
 * non-ASCII bytes kept, apostrophes dropped, every other run of characters
 * one '-', no '-' at either end. An empty result becomes "_". The caller frees. */
char *
sg_slugify(const char *s)
{
	struct sg_buf		 b = { 0 };
	const unsigned char	*p;
	int			 dash = 0;

	for (p = (const unsigned char *)s; *p; p++) {
		if (isalnum(*p) || *p >= 0x80) {
			if (dash && b.len > 0)
				sg_buf_putc(&b, '-');
			dash = 0;
			sg_buf_putc(&b, (char)tolower(*p));
		} else if (*p != '\'')
			dash = 1;
	}
	if (b.len == 0)
		sg_buf_putc(&b, '_');
	return sg_buf_detach(&b);
}

/* A heading id as GitHub makes it: lowercase, letters, digits, '-', '_'
 * and non-ASCII bytes kept, each space a '-', all else dropped. Never
 * empty ("section" stands in). The caller frees. */
char *
sg_heading_id(const char *s)
{
	struct sg_buf		 b = { 0 };
	const unsigned char	*p;

	for (p = (const unsigned char *)s; *p; p++) {
		if (isalnum(*p) || *p == '-' || *p == '_' || *p >= 0x80)
			sg_buf_putc(&b, (char)tolower(*p));
		else if (*p == ' ')
			sg_buf_putc(&b, '-');
	}
	if (b.len == 0)
		sg_buf_puts(&b, "section");
	return sg_buf_detach(&b);
}
