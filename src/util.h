/* util.h: allocation, growable buffers and small string helpers shared by
 * every module. Out-of-memory aborts here and nowhere else (cmark's policy). */
#ifndef SG_UTIL_H
#define SG_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#if defined(__GNUC__)
#define SG_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define SG_PRINTF(a, b)
#endif

/* malloc, calloc, realloc and strdup that never return NULL: out of
 * memory, the process aborts with a message. The caller frees what they
 * return. xstrndup copies at most n bytes of s and ends the copy with a
 * NUL; xasprintf returns the formatted string, allocated to its size. */
void	*xmalloc(size_t n);
void	*xcalloc(size_t n, size_t size);
void	*xrealloc(void *p, size_t n);
char	*xstrdup(const char *s);
char	*xstrndup(const char *s, size_t n);
char	*xasprintf(const char *fmt, ...) SG_PRINTF(1, 2);

/* A growable byte buffer, always NUL-terminated once anything was added. */
struct sg_buf {
	char	*data;		/* owned; NULL until the first append */
	size_t	 len;		/* bytes used, without the NUL */
	size_t	 cap;		/* bytes allocated */
};

/* A zeroed struct sg_buf is an empty buffer. sg_buf_grow makes room for
 * extra more bytes and the NUL; the others append (s[0..n), the string
 * s, the byte c, formatted text, or s[0..n) escaped for HTML text and
 * attribute values: & < > "), growing the buffer as needed. None of them
 * keeps a pointer to s. */
void	 sg_buf_grow(struct sg_buf *b, size_t extra);
void	 sg_buf_put(struct sg_buf *b, const char *s, size_t n);
static inline void sg_buf_puts(struct sg_buf *b, const char *s);
static inline void sg_buf_putc(struct sg_buf *b, char c);
void	 sg_buf_printf(struct sg_buf *b, const char *fmt, ...)
	    SG_PRINTF(2, 3);
void	 sg_buf_vprintf(struct sg_buf *b, const char *fmt, va_list ap);
void	 sg_buf_put_html(struct sg_buf *b, const char *s, size_t n);

/* sg_buf_put_html above and those below up to sg_plain_span are
 * text.c's: text scanned sixteen or 32 bytes at a time. */

/* Whether the AVX2 paths of the scanners may run: the processor has AVX2
 * and the environment does not set SITEGEN_NO_AVX2 (the tests set it to
 * run the SSE2 paths that other processors take). Safe from any thread. */
int		 sg_avx2(void);

/* The first place of needle[0..nlen) in hay[0..hlen), or NULL: memmem,
 * made for long texts. */
const char *sg_find(const char *hay, size_t hlen, const char *needle,
	    size_t nlen);

/* Decodes the UTF-8 character at s[*i..len) (RFC 3629: no overlong
 * forms, no surrogates, nothing past U+10FFFF) and moves *i past it; an
 * invalid byte gives -1 and moves *i by one. */
long	 sg_utf8_next(const unsigned char *s, size_t len, size_t *i);

/* Is s[0..len) valid UTF-8 as RFC 3629 has it (no overlong forms, no
 * surrogates, nothing past U+10FFFF)? NUL bytes count as valid. Runs of
 * ASCII are passed sixteen bytes at a time. */
int	 sg_utf8_valid(const char *s, size_t len);

/* Is s[0..len) UTF-8 text: valid UTF-8 (sg_utf8_valid) with no NUL byte?
 * Returns 0; or -1 with the line and column (from 1, in bytes) of the
 * first byte that is not in *line and *col, and *nul set when that byte
 * is a NUL (else it is not UTF-8). */
int	 sg_text_check(const char *s, size_t len, int *nul, int *line,
	    int *col);

/* The words of s[0..len): runs of bytes other than space, tab and
 * newline. */
size_t	 sg_count_words(const char *s, size_t len);

/* How many bytes of s[0..len) are c. */
size_t	 sg_count_byte(const char *s, size_t len, char c);

/* The bytes at the start of s[0..n) that go into an href as they are
 * (sg_html_put_href): ASCII letters, digits and !#$%()*+,-./:;=?@_~. */
size_t	 sg_href_span(const char *s, size_t n);

/* The bytes at the start of s[0..n) that HTML text and attributes take
 * as they are: printable ASCII other than & < > " '. */
size_t	 sg_plain_span(const char *s, size_t n);

/* Hands the buffer's bytes to the caller, who frees them; never NULL. */
char	*sg_buf_detach(struct sg_buf *b);
/* The same, shrunk to the text and its NUL: for a string kept as long as
 * the site (a heading's id and title, a page's summary), where the
 * doubling's spare room would be kept with it. */
char	*sg_buf_detach_fit(struct sg_buf *b);
/* Frees b's bytes and leaves b empty; b itself is the caller's. */
void	 sg_buf_free(struct sg_buf *b);

/* Reads the file at path whole. Only a regular file is read: anything
 * else (a FIFO, a device, a folder) fails with EINVAL, never blocks.
 * Returns a NUL-terminated buffer the caller frees, with its length in
 * *len, or NULL with errno set. */
char	*sg_file_read(const char *path, size_t *len);

/* The same, but a path that is a symbolic link fails (ELOOP): for what
 * sitegen wrote itself, which a link put in its place must not replace. */
char	*sg_file_read_own(const char *path, size_t *len);

/* Makes the folder dir and those above it that are missing. Returns 0,
 * or -1 with errno if one could not be made. */
int	 sg_mkdirs(const char *dir);

/* Writes data[0..len) to path, replacing it. Returns 0, or -1 with errno. */
int	 sg_file_write(const char *path, const char *data, size_t len);
/* Sets *dir to ROOT/.sitegen/SUB, where a cache keeps its files, and
 * makes the two folders if they are missing. Returns 0, or -1 when either
 * is not a plain folder of the site: a symbolic link (a repository can
 * hold one) would lead the cache's writes and removals out of it; the
 * caller then keeps nothing. The caller frees *dir either way. */
int	 sg_cache_dir(const char *root, const char *sub, char **dir);
/* Replaces path with data[0..len) atomically (a temporary file renamed
 * over it; fsync'd first if durable). Returns 0, or -1 with errno set. */
int	 sg_file_replace(const char *path, const char *data, size_t len,
	    int durable);

/* qsort that accepts an empty (possibly NULL) array, which qsort may not
 * be given. */
void	 sg_sort(void *base, size_t n, size_t size,
	    int (*cmp)(const void *a, const void *b));
/* A flat encoding of numbers and strings, for results sent between
 * processes: sg_buf_put_num/str write, struct sg_rd reads back. */
struct sg_rd {
	const char	*p;		/* next byte */
	const char	*e;		/* end */
	int		 bad;		/* ran past the end or found nonsense */
};

/* sg_buf_put_num appends n; sg_buf_put_str appends s (NULL allowed).
 * sg_rd_num reads a number back (0, and r->bad set, past the end);
 * sg_rd_str a string, as a new copy the caller frees, or NULL (for a
 * NULL written, or bad data, which sets r->bad). */
void	 sg_buf_put_num(struct sg_buf *b, long long n);
void	 sg_buf_put_str(struct sg_buf *b, const char *s);
long long sg_rd_num(struct sg_rd *r);
char	*sg_rd_str(struct sg_rd *r);

/* Seconds on the monotonic clock, for measuring how long things take. */
double	 sg_now(void);
/* Does s start with prefix? (sg_ends_with: end with suffix?) */
int	 sg_starts_with(const char *s, const char *prefix);
/* Removes the folders in base that processes killed before they could
 * clean up left: named prefix + PID + "-XXXXXX" after a process that no
 * longer runs, and ours (or, with sandbox_too and when we are root, the
 * sandbox user's). */
void	 sg_tmp_sweep(const char *base, const char *prefix, int sandbox_too);
/* The value of hexadecimal digit c, or -1. */
int	 sg_hex_digit(int c);
int	 sg_ends_with(const char *s, const char *suffix);

/* The two appends called for every byte or tag of a page (the HTML,
 * the search index's text, the highlighter's spans), inline: a call
 * each was 1% of a build's instructions, and a literal's strlen is
 * counted when compiling. */
static inline void
sg_buf_puts(struct sg_buf *b, const char *s)
{
	sg_buf_put(b, s, strlen(s));
}

static inline void
sg_buf_putc(struct sg_buf *b, char c)
{
	if (b->len + 2 > b->cap)
		sg_buf_grow(b, 1);
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
}

#endif
