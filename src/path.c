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

/* Written straight into a block of the input's size, which the result
 * never passes (each '/' it has is one of the input's), with the marks
 * on the stack for a path of up to 124 bytes: through a growing buffer
 * and a malloc'd array of marks, this was 500 instructions for each
 * link of a page. */
char *
sg_path_normalize(const char *p)
{
	char	*out = xmalloc(strlen(p) + 1);

	if (sg_path_normalize_in(out, p) == NULL) {
		free(out);
		return NULL;
	}
	return out;
}

char *
sg_path_normalize_in(char *out, const char *p)
{
	size_t		 small[64], *marks = small, nmarks = 0, n, len = 0;
	const char	*s = p, *e;
	int		 trail;

	n = strlen(p);
	trail = n > 0 && p[n - 1] == '/';
	if (n / 2 + 2 > sizeof(small) / sizeof(small[0]))
		marks = xmalloc((n / 2 + 2) * sizeof(*marks));
	if (*p == '/')
		out[len++] = '/';
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
				if (marks != small)
					free(marks);
				return NULL;
			}
			len = marks[--nmarks];
		} else {
			marks[nmarks++] = len;
			if (len > 0 && out[len - 1] != '/')
				out[len++] = '/';
			memmove(out + len, s, (size_t)(e - s));
			len += (size_t)(e - s);
		}
		s = e;
	}
	if (marks != small)
		free(marks);
	if (trail && len > 0 && out[len - 1] != '/')
		out[len++] = '/';
	out[len] = '\0';
	return out;
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
/* What a heading id makes of each ASCII byte, by isalnum and tolower
 * once here rather than for each byte of each heading: the byte
 * lowered, '-' for a space, 0 for one that is dropped. */
static char		 id_ascii[0x80];

static void
utf8_init(void)
{
	int	 c;

	utf8_locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
	for (c = 1; c < 0x80; c++)
		if (isalnum(c) || c == '-' || c == '_')
			id_ascii[c] = (char)tolower(c);
		else if (c == ' ')
			id_ascii[c] = '-';
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

/* Writes c as UTF-8 at d; returns the bytes written (1 to 4). */
static size_t
utf8_encode(char *d, unsigned int c)
{
	if (c < 0x80) {
		d[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		d[0] = (char)(0xc0 | (c >> 6));
		d[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		d[0] = (char)(0xe0 | (c >> 12));
		d[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		d[2] = (char)(0x80 | (c & 0x3f));
		return 3;
	}
	d[0] = (char)(0xf0 | (c >> 18));
	d[1] = (char)(0x80 | ((c >> 12) & 0x3f));
	d[2] = (char)(0x80 | ((c >> 6) & 0x3f));
	d[3] = (char)(0x80 | (c & 0x3f));
	return 4;
}

/* The id of s[0..len) written to d, which has room for 2 * len bytes
 * (an ASCII byte gives one at most, a character of two to four bytes
 * four at most); returns its length. */
static size_t
make_id(const unsigned char *p, size_t len, char *d)
{
	size_t		 n, k = 0;
	unsigned int	 c;

	while (len > 0) {
		if (*p < 0x80) {
			if ((d[k] = id_ascii[*p]) != '\0')
				k++;
			p++, len--;
			continue;
		}
		if ((n = utf8_decode(p, len, &c)) == 0) {
			p++, len--;
			continue;
		}
		if (utf8_locale == (locale_t)0)
			k += utf8_encode(d + k, c);
		else if (iswalnum_l((wint_t)c, utf8_locale))
			k += utf8_encode(d + k, (unsigned int)towlower_l(
			    (wint_t)c, utf8_locale));
		p += n, len -= n;
	}
	return k;
}

/* Made on the stack and copied out at its size where the heading is
 * short, as nearly all are: a byte at a time through isalnum, tolower
 * and a growing buffer, then copied to fit, this was 700 instructions
 * a heading. */
char *
sg_heading_id(const char *s)
{
	char	 small[256], *d = small, *id;
	size_t	 len = strlen(s), n;

	pthread_once(&utf8_once, utf8_init);
	if (len > sizeof(small) / 2)
		d = xmalloc(2 * len);
	if ((n = make_id((const unsigned char *)s, len, d)) == 0)
		id = xstrdup("section");
	else
		id = xstrndup(d, n);
	if (d != small)
		free(d);
	return id;
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
