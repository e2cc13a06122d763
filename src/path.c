/* path.c: joining and normalising site paths, and making slugs and heading
 * ids. Pure functions: no file system access. */
#include <sys/stat.h>

#include <ctype.h>
#include <locale.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "path.h"
#include "util.h"

char *
sg_path_join(const char *a, const char *b)
{
	size_t	 n = strlen(a), m, slash;
	char	*p;

	if (n == 0 || strcmp(a, ".") == 0)
		return xstrdup(b);
	if (*b == '\0')
		return xstrdup(a);
	/* copied, not printed: every link of every page is joined here,
	 * and xasprintf took half a percent of a build's instructions */
	m = strlen(b);
	slash = a[n - 1] != '/';
	p = xmalloc(n + slash + m + 1);
	memcpy(p, a, n);
	p[n] = '/';
	memcpy(p + n + slash, b, m + 1);
	return p;
}

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

char *
sg_path_dir(const char *p)
{
	const char	*s = strrchr(p, '/');

	return s ? xstrndup(p, (size_t)(s - p)) : xstrdup("");
}

const char *
sg_path_base(const char *p)
{
	const char	*s = strrchr(p, '/');

	return s ? s + 1 : p;
}

char *
sg_path_url(const char *p)
{
	static const char	 hex[] = "0123456789ABCDEF";
	struct sg_buf		 b = { 0 };
	const unsigned char	*s;

	for (s = (const unsigned char *)p; *s; s++) {
		if (isalnum(*s) && *s < 0x80)
			sg_buf_putc(&b, (char)*s);
		else if (strchr("-._~/", *s))
			sg_buf_putc(&b, (char)*s);
		else {
			sg_buf_putc(&b, '%');
			sg_buf_putc(&b, hex[*s >> 4]);
			sg_buf_putc(&b, hex[*s & 15]);
		}
	}
	return sg_buf_detach(&b);
}

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

static locale_t	 utf8_locale;
static pthread_once_t	 utf8_once = PTHREAD_ONCE_INIT;

static void
utf8_init(void)
{
	utf8_locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
}

/* Decodes one UTF-8 character from s (len bytes left). Returns its
 * length, or 0 for an invalid sequence. */
static size_t
utf8_decode(const unsigned char *s, size_t len, unsigned int *cp)
{
	size_t		 n, i;
	unsigned int	 c;

	if (s[0] < 0xc2 || s[0] > 0xf4)
		return 0;
	n = s[0] < 0xe0 ? 2 : s[0] < 0xf0 ? 3 : 4;
	if (len < n)
		return 0;
	c = s[0] & (0x7f >> n);
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 ||
	    c > 0x10ffff)) || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

static void
utf8_encode(struct sg_buf *b, unsigned int c)
{
	if (c < 0x80)
		sg_buf_putc(b, (char)c);
	else if (c < 0x800) {
		sg_buf_putc(b, (char)(0xc0 | (c >> 6)));
		sg_buf_putc(b, (char)(0x80 | (c & 0x3f)));
	} else if (c < 0x10000) {
		sg_buf_putc(b, (char)(0xe0 | (c >> 12)));
		sg_buf_putc(b, (char)(0x80 | ((c >> 6) & 0x3f)));
		sg_buf_putc(b, (char)(0x80 | (c & 0x3f)));
	} else {
		sg_buf_putc(b, (char)(0xf0 | (c >> 18)));
		sg_buf_putc(b, (char)(0x80 | ((c >> 12) & 0x3f)));
		sg_buf_putc(b, (char)(0x80 | ((c >> 6) & 0x3f)));
		sg_buf_putc(b, (char)(0x80 | (c & 0x3f)));
	}
}

char *
sg_heading_id(const char *s)
{
	struct sg_buf		 b = { 0 };
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 len = strlen(s), n;
	unsigned int		 c;

	pthread_once(&utf8_once, utf8_init);
	while (len > 0) {
		if (*p < 0x80) {
			if (isalnum(*p) || *p == '-' || *p == '_')
				sg_buf_putc(&b, (char)tolower(*p));
			else if (*p == ' ')
				sg_buf_putc(&b, '-');
			p++, len--;
			continue;
		}
		if ((n = utf8_decode(p, len, &c)) == 0) {
			p++, len--;
			continue;
		}
		if (utf8_locale == (locale_t)0)
			utf8_encode(&b, c);
		else if (iswalnum_l((wint_t)c, utf8_locale))
			utf8_encode(&b, (unsigned int)towlower_l((wint_t)c,
			    utf8_locale));
		p += n, len -= n;
	}
	if (b.len == 0)
		sg_buf_puts(&b, "section");
	return sg_buf_detach_fit(&b);
}

int
sg_path_file_inside(const char *dir, const char *path)
{
	struct stat	 st;
	char		*rdir = realpath(dir, NULL), *real = realpath(path, NULL);
	size_t		 n = rdir ? strlen(rdir) : 0;
	int		 ok;

	ok = rdir && real && !strncmp(real, rdir, n) && real[n] == '/' &&
	    !strstr(real + n, "/.") && stat(real, &st) == 0 &&
	    S_ISREG(st.st_mode);
	free(rdir);
	free(real);
	return ok;
}
