/* util.h: allocation, growable buffers and small string helpers shared by
 * every module. Out-of-memory aborts here and nowhere else (cmark's policy). */
#ifndef SG_UTIL_H
#define SG_UTIL_H

#include <stdarg.h>
#include <stddef.h>

#if defined(__GNUC__)
#define SG_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define SG_PRINTF(a, b)
#endif

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
char	*xasprintf(const char *, ...) SG_PRINTF(1, 2);

/* A growable byte buffer, always NUL-terminated once anything was added. */
struct sg_buf {
	char	*data;		/* owned; NULL until the first append */
	size_t	 len;		/* bytes used, without the NUL */
	size_t	 cap;		/* bytes allocated */
};

void	 sg_buf_grow(struct sg_buf *, size_t);
void	 sg_buf_put(struct sg_buf *, const char *, size_t);
void	 sg_buf_puts(struct sg_buf *, const char *);
void	 sg_buf_putc(struct sg_buf *, char);
void	 sg_buf_printf(struct sg_buf *, const char *, ...) SG_PRINTF(2, 3);
void	 sg_buf_vprintf(struct sg_buf *, const char *, va_list);
void	 sg_buf_put_html(struct sg_buf *, const char *, size_t);

/* The first place of needle[0..nlen) in hay[0..hlen), or NULL: memmem,
 * made for long texts. */
const char *sg_find(const char *hay, size_t hlen, const char *needle,
	    size_t nlen);
char	*sg_buf_detach(struct sg_buf *);
void	 sg_buf_free(struct sg_buf *);

char	*sg_file_read(const char *, size_t *);
/* sg_file_read refusing a symbolic link (util.c) */
char	*sg_file_read_own(const char *, size_t *);
int	 sg_mkdirs(const char *);
int	 sg_rm_tree(const char *);
int	 sg_file_write(const char *, const char *, size_t);
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
void	 sg_sort(void *, size_t, size_t, int (*)(const void *, const void *));
/* A flat encoding of numbers and strings, for results sent between
 * processes: sg_buf_put_num/str write, struct sg_rd reads back. */
struct sg_rd {
	const char	*p;		/* next byte */
	const char	*e;		/* end */
	int		 bad;		/* ran past the end or found nonsense */
};

void	 sg_buf_put_num(struct sg_buf *, long long);
void	 sg_buf_put_str(struct sg_buf *, const char *);
long long sg_rd_num(struct sg_rd *);
char	*sg_rd_str(struct sg_rd *);

double	 sg_now(void);
int	 sg_starts_with(const char *, const char *);
/* Removes the folders in base that processes killed before they could
 * clean up left: named prefix + PID + "-XXXXXX" after a process that no
 * longer runs, and ours (or, with sandbox_too and when we are root, the
 * sandbox user's). */
void	 sg_tmp_sweep(const char *base, const char *prefix, int sandbox_too);
/* The value of hexadecimal digit c, or -1. */
int	 sg_hex_digit(int c);
int	 sg_ends_with(const char *, const char *);

#endif
