/* text.c: scanning text fast, for what every page's text passes
 * through: HTML escaping (sg_buf_put_html), UTF-8 (sg_utf8_next,
 * sg_utf8_valid), word counts (sg_count_words) and memmem for long texts
 * (sg_find). Sixteen bytes at a time with SSE2, 32 with AVX2 where the
 * processor has it (chosen at run time: the build does not assume it;
 * sg_avx2). util.h declares them. */
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define FIND_AVX2	1
#endif

#include "util.h"

int
sg_avx2(void)
{
	static atomic_int	 known = -1;
	int			 v;

	v = atomic_load_explicit(&known, memory_order_relaxed);
	if (v >= 0)
		return v;
#if defined(FIND_AVX2)
	v = __builtin_cpu_supports("avx2") &&
	    getenv("SITEGEN_NO_AVX2") == NULL;
#else
	v = 0;
#endif
	atomic_store_explicit(&known, v, memory_order_relaxed);
	return v;
}

#if defined(__SSE2__)
/* A vector of the bytes of s[0..n), 4 <= n < 16, loaded without reading
 * past them: lanes 0..h-1 hold s[0..h) and lanes h..2h-1 s[n-h..n),
 * overlapping, h being 8 or 4; the lanes past 2h are zero. */
static inline __m128i
load_short(const char *s, size_t n)
{
	uint32_t	 a, z;

	if (n >= 8)
		return _mm_unpacklo_epi64(_mm_loadl_epi64((const __m128i *)
		    (const void *)s), _mm_loadl_epi64((const __m128i *)
		    (const void *)(s + n - 8)));
	memcpy(&a, s, 4);
	memcpy(&z, s + n - 4, 4);
	return _mm_unpacklo_epi32(_mm_cvtsi32_si128((int)a),
	    _mm_cvtsi32_si128((int)z));
}

/* A movemask m of load_short's vector of s[0..n) as a bit for each
 * byte of s. */
static inline unsigned int
short_bits(unsigned int m, size_t n)
{
	unsigned int	 h = n >= 8 ? 8 : 4, half = (1u << h) - 1;

	return (m & half) | ((m >> h) & half) << (n - h);
}

/* A bit for each byte of v that sg_buf_put_html escapes. */
static inline unsigned int
html_bits(__m128i v)
{
	__m128i	 m;

	m = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('&')),
	    _mm_cmpeq_epi8(v, _mm_set1_epi8('<')));
	m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8('>')));
	m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8('"')));
	return (unsigned int)_mm_movemask_epi8(m);
}
#endif

#if defined(__SSE2__)
/* The first byte of s[i..n) that bits (a movemask of sixteen bytes)
 * marks: sixteen bytes at a time, then the rest in one step, where the
 * tail went a byte at a time (two thirds of the cost, texts and tokens
 * being short): the last sixteen bytes, less those already seen, or a
 * short text's. Returns 1 with the byte's place (n: none) in *at, or 0
 * with *at where fewer than four bytes are left to the caller. Inlined,
 * so that bits is too. */
static inline __attribute__((always_inline)) int
first_marked(const char *s, size_t i, size_t n,
    unsigned int (*bits)(__m128i), size_t *at)
{
	unsigned int	 mask;

	for (; n - i >= 16; i += 16)
		if ((mask = bits(_mm_loadu_si128((const __m128i *)
		    (const void *)(s + i)))) != 0) {
			*at = i + (size_t)__builtin_ctz(mask);
			return 1;
		}
	*at = i;
	if (i == n)
		return 1;
	if (n >= 16)
		mask = bits(_mm_loadu_si128((const __m128i *)
		    (const void *)(s + n - 16))) >> (16 - (n - i));
	else if (n - i >= 4)
		mask = short_bits(bits(load_short(s + i, n - i)), n - i);
	else
		return 0;
	*at = mask ? i + (size_t)__builtin_ctz(mask) : n;
	return 1;
}
#endif

/* The next byte of s[i..n) that sg_buf_put_html escapes, or n: sixteen
 * bytes at a time (a byte at a time, this was a thirtieth of a build's
 * instructions, a page's text being mostly runs of bytes that stay as
 * they are). */
static size_t
html_special(const char *s, size_t i, size_t n)
{
#if defined(__SSE2__)
	if (first_marked(s, i, n, html_bits, &i))
		return i;
#endif
	for (; i < n; i++)
		if (s[i] == '&' || s[i] == '<' || s[i] == '>' || s[i] == '"')
			break;
	return i;
}

/* The bytes that go into an href as they are: cmark-gfm's houdini
 * href-safe bytes, the letters, digits and !#$%()*+,-./:;=?@_~. */
static const unsigned char href_safe[256] = {
	/*	 0  1  2  3  4  5  6  7  8  9  a  b  c  d  e  f */
	/* 0 */	 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	/* 1 */	 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	/* 2 */	 0, 1, 0, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1,
	/* 3 */	 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0, 1,
	/* 4 */	 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	/* 5 */	 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1,
	/* 6 */	 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	/* 7 */	 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 0,
	/* 8 to f: none */
};

#if defined(__SSE2__)
/* A bit for each byte of v that is not href-safe: below '!' or past
 * 0x7f (negative as signed bytes), " & ' < > [ \ ] ^ ` { | } and DEL.
 * A range [lo, lo+k) is one compare: the bytes moved to start at -128. */
static inline unsigned int
href_bits(__m128i v)
{
#define IN_RANGE(lo, k)	_mm_cmplt_epi8(_mm_add_epi8(v,			\
	    _mm_set1_epi8((char)(0x80 - (lo)))), _mm_set1_epi8((char)(0x80 + (k))))
	__m128i	 m;

	m = _mm_or_si128(_mm_cmplt_epi8(v, _mm_set1_epi8('!')),
	    _mm_cmpeq_epi8(v, _mm_set1_epi8('"')));
	m = _mm_or_si128(m, IN_RANGE('&', 2));
	m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8('<')));
	m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8('>')));
	m = _mm_or_si128(m, IN_RANGE('[', 4));
	m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8('`')));
	m = _mm_or_si128(m, IN_RANGE('{', 3));
	m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7f)));
#undef IN_RANGE
	return (unsigned int)_mm_movemask_epi8(m);
}
#endif

/* Sixteen bytes at a time and the rest in one step, as html_special: a
 * link's URL is tens of bytes, and a table lookup a byte was most of the
 * cost of its render. */
size_t
sg_href_span(const char *s, size_t n)
{
	size_t		 i = 0;

#if defined(__SSE2__)
	if (first_marked(s, 0, n, href_bits, &i))
		return i;
#endif
	for (; i < n && href_safe[(unsigned char)s[i]]; i++)
		;
	return i;
}

#if defined(__SSE2__)
/* A bit for each byte of v that is not printable ASCII (below ' ', DEL
 * and past it, which are negative as signed bytes) or is one of
 * & < > " '. */
static inline unsigned int
plain_bits(__m128i v)
{
	__m128i	 m;

	m = _mm_or_si128(_mm_cmplt_epi8(v, _mm_set1_epi8(' ')),
	    _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7f)));
	m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8('&')));
	m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8('\'')));
	m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8('"')));
	m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8('<')));
	m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8('>')));
	return (unsigned int)_mm_movemask_epi8(m);
}
#endif

size_t
sg_plain_span(const char *s, size_t n)
{
	size_t	 i = 0;

#if defined(__SSE2__)
	if (first_marked(s, 0, n, plain_bits, &i))
		return i;
#endif
	for (; i < n && (unsigned char)s[i] >= ' ' &&
	    (unsigned char)s[i] < 0x7f && s[i] != '&' && s[i] != '\'' &&
	    s[i] != '"' && s[i] != '<' && s[i] != '>'; i++)
		;
	return i;
}

#if defined(FIND_AVX2)
/* html_special 32 bytes at a time where the processor has AVX2, for
 * n >= 32: a page's paragraphs are hundreds of bytes long. */
__attribute__((target("avx2"))) static size_t
html_special_avx2(const char *s, size_t i, size_t n)
{
	__m256i		 a;
	uint32_t	 mask;

#define HTML_BITS32(p)	(a = _mm256_loadu_si256((const __m256i *)	\
	    (const void *)(p)), (uint32_t)_mm256_movemask_epi8(		\
	    _mm256_or_si256(_mm256_or_si256(				\
	    _mm256_cmpeq_epi8(a, _mm256_set1_epi8('&')),		\
	    _mm256_cmpeq_epi8(a, _mm256_set1_epi8('<'))),		\
	    _mm256_or_si256(_mm256_cmpeq_epi8(a, _mm256_set1_epi8('>')),	\
	    _mm256_cmpeq_epi8(a, _mm256_set1_epi8('"'))))))
	for (; n - i >= 32; i += 32)
		if ((mask = HTML_BITS32(s + i)) != 0)
			return i + (size_t)__builtin_ctz(mask);
	/* the last 32 bytes, less those already seen */
	if (i == n)
		return n;
	mask = HTML_BITS32(s + n - 32) >> (32 - (n - i));
#undef HTML_BITS32
	return mask ? i + (size_t)__builtin_ctz(mask) : n;
}
#endif

/* Appends s[0..n) escaped for HTML text and attribute values: & < > ". */
void
sg_buf_put_html(struct sg_buf *b, const char *s, size_t n)
{
	size_t		 i, run = 0;
	const char	*ent;

#if defined(FIND_AVX2)
	if (n >= 32 && sg_avx2()) {
		for (i = 0; (i = html_special_avx2(s, i, n)) < n; i++) {
			ent = s[i] == '&' ? "&amp;" : s[i] == '<' ? "&lt;" :
			    s[i] == '>' ? "&gt;" : "&quot;";
			sg_buf_put(b, s + run, i - run);
			sg_buf_puts(b, ent);
			run = i + 1;
		}
		sg_buf_put(b, s + run, n - run);
		return;
	}
#endif
	for (i = 0; (i = html_special(s, i, n)) < n; i++) {
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
		default:
			ent = "&quot;";
			break;
		}
		sg_buf_put(b, s + run, i - run);
		sg_buf_puts(b, ent);
		run = i + 1;
	}
	sg_buf_put(b, s + run, n - run);
}

long
sg_utf8_next(const unsigned char *s, size_t len, size_t *i)
{
	unsigned	 c = s[*i], n, k;
	unsigned long	 cp, min;

	if (c < 0x80) {
		(*i)++;
		return c;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		n = 1;
		cp = c & 0x1F;
		min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 2;
		cp = c & 0x0F;
		min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 3;
		cp = c & 0x07;
		min = 0x10000;
	} else {
		(*i)++;
		return -1;
	}
	if (len - *i <= n) {
		(*i)++;
		return -1;
	}
	for (k = 1; k <= n; k++) {
		if ((s[*i + k] & 0xC0) != 0x80) {
			(*i)++;
			return -1;
		}
		cp = cp << 6 | (s[*i + k] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
		(*i)++;
		return -1;
	}
	*i += n + 1;
	return (long)cp;
}

#if defined(FIND_AVX2)
/* Where the first byte past ASCII of u[i..len) is, 32 bytes at a time
 * (AVX2), or the last place from which 32 bytes are left. */
__attribute__((target("avx2"))) static size_t
ascii_avx2(const unsigned char *u, size_t i, size_t len)
{
	uint32_t	 m;

	for (; len - i >= 32; i += 32)
		if ((m = (uint32_t)_mm256_movemask_epi8(_mm256_loadu_si256(
		    (const __m256i *)(const void *)(u + i)))) != 0)
			return i + (size_t)__builtin_ctz(m);
	return i;
}
#endif

int
sg_utf8_valid(const char *s, size_t len)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i = 0;

#if defined(FIND_AVX2)
	/* a page is mostly ASCII: its runs passed 32 bytes at a time */
	if (len >= 32 && sg_avx2())
		while (len - i >= 32) {
			if ((i = ascii_avx2(u, i, len)) >= len ||
			    len - i < 32)
				break;
			if (sg_utf8_next(u, len, &i) < 0)
				return 0;
		}
#endif
	while (i < len) {
#if defined(__SSE2__)
		if (len - i >= 16 && _mm_movemask_epi8(_mm_loadu_si128(
		    (const __m128i *)(const void *)(u + i))) == 0) {
			i += 16;
			continue;
		}
#endif
		if (sg_utf8_next(u, len, &i) < 0)
			return 0;
	}
	return 1;
}

int
sg_text_check(const char *s, size_t len, int *nul, int *line, int *col)
{
	const char	*z = memchr(s, '\0', len), *bad = z, *p;
	size_t		 n = z ? (size_t)(z - s) : len, i = 0, at;

	if (!sg_utf8_valid(s, n))
		while (i < n) {
			at = i;
			if (sg_utf8_next((const unsigned char *)s, n, &i) < 0) {
				bad = s + at;
				break;
			}
		}
	if (bad == NULL)
		return 0;
	*nul = *bad == '\0';
	*line = *col = 1;
	for (p = s; p < bad; p++) {
		if (*p == '\n') {
			++*line;
			*col = 1;
		} else
			++*col;
	}
	return -1;
}

static int
word_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

#if defined(__SSE2__)
/* The bits set in x, a 16-bit mask. __builtin_popcount is a call into
 * libgcc where the target has no POPCNT instruction (plain x86-64), which
 * perf showed in every build's top fifty; these shifts are inlined. */
static inline unsigned int
bits16(unsigned int x)
{
	x = x - ((x >> 1) & 0x5555);
	x = (x & 0x3333) + ((x >> 2) & 0x3333);
	x = (x + (x >> 4)) & 0x0f0f;
	return (x + (x >> 8)) & 0x1f;
}
#endif

#if defined(__SSE2__)
/* A bit for each byte of v that is a space, tab or newline. */
static inline unsigned int
space_bits(__m128i v)
{
	return (unsigned int)_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(
	    _mm_cmpeq_epi8(v, _mm_set1_epi8(' ')),
	    _mm_cmpeq_epi8(v, _mm_set1_epi8('\t'))),
	    _mm_cmpeq_epi8(v, _mm_set1_epi8('\n'))));
}
#endif

#if defined(FIND_AVX2)
/* sg_count_words 32 bytes at a time where the processor has AVX2 (and
 * so POPCNT), for len >= 32: the text is 0.5 instructions a byte where
 * sixteen bytes at a time were 1.3, and most of the words are in
 * paragraphs hundreds of bytes long. */
__attribute__((target("avx2,popcnt"))) static inline uint32_t
word_bits_avx2(const char *s)
{
	__m256i	 a = _mm256_loadu_si256((const __m256i *)(const void *)s);

	return ~(uint32_t)_mm256_movemask_epi8(_mm256_or_si256(
	    _mm256_or_si256(_mm256_cmpeq_epi8(a, _mm256_set1_epi8(' ')),
	    _mm256_cmpeq_epi8(a, _mm256_set1_epi8('\t'))),
	    _mm256_cmpeq_epi8(a, _mm256_set1_epi8('\n'))));
}

__attribute__((target("avx2,popcnt"))) static size_t
words_avx2(const char *s, size_t len)
{
	uint32_t	 word, in = 0;
	size_t		 i, n = 0;

	for (i = 0; len - i >= 32; i += 32) {
		/* a bit for each byte of a word, then for each that begins
		 * one: its left neighbour (the last load's last byte for
		 * the first) is not of a word */
		word = word_bits_avx2(s + i);
		n += (size_t)__builtin_popcount(word & ~(word << 1 | in));
		in = word >> 31;
	}
	/* the last 32 bytes, of which those before i were counted: the
	 * starts after i, which have the byte before them in the load */
	if (i < len) {
		word = word_bits_avx2(s + len - 32);
		n += (size_t)__builtin_popcount((word & ~(word << 1)) >>
		    (32 - (len - i)));
	}
	return n;
}
#endif

size_t
sg_count_words(const char *s, size_t len)
{
	size_t		 i = 0, n = 0;
	int		 in = 0;
#if defined(__SSE2__)
	unsigned int	 word;
#endif

#if defined(FIND_AVX2)
	if (len >= 32 && sg_avx2())
		return words_avx2(s, len);
#endif
#if defined(__SSE2__)
	for (; len - i >= 16; i += 16) {
		/* a bit for each byte of a word, then for each that begins
		 * one: its left neighbour (the last chunk's last byte for
		 * the first) is not of a word */
		word = ~space_bits(_mm_loadu_si128((const __m128i *)
		    (const void *)(s + i))) & 0xffff;
		n += bits16(word & ~(word << 1 | (unsigned int)in));
		in = (word >> 15) & 1;
	}
	/* the rest in one step: the last sixteen bytes, whose starts after
	 * i have the byte before them in the same load; or a short text's,
	 * in two overlapping loads */
	if (i == len)
		return n;
	if (len >= 16) {
		word = ~space_bits(_mm_loadu_si128((const __m128i *)
		    (const void *)(s + len - 16))) & 0xffff;
		return n + bits16((word & ~(word << 1)) >> (16 - (len - i)));
	}
	if (len >= 4) {
		word = ~short_bits(space_bits(load_short(s, len)), len) &
		    ((1u << len) - 1);
		return bits16(word & ~(word << 1));
	}
#endif
	for (; i < len; i++) {
		if (word_space(s[i]))
			in = 0;
		else if (!in) {
			in = 1;
			n++;
		}
	}
	return n;
}

#if defined(FIND_AVX2)
/* sg_count_byte 32 bytes at a time where the processor has AVX2 (and so
 * POPCNT), for len >= 32. */
__attribute__((target("avx2,popcnt"))) static size_t
count_byte_avx2(const char *s, size_t len, char c)
{
	const __m256i	 v = _mm256_set1_epi8(c);
	uint32_t	 m;
	size_t		 i, n = 0;

	for (i = 0; len - i >= 32; i += 32) {
		m = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(
		    _mm256_loadu_si256((const __m256i *)(const void *)(s + i)),
		    v));
		n += (size_t)__builtin_popcount(m);
	}
	/* the last 32 bytes, less those already counted */
	if (i < len) {
		m = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(
		    _mm256_loadu_si256((const __m256i *)(const void *)
		    (s + len - 32)), v));
		n += (size_t)__builtin_popcount(m >> (32 - (len - i)));
	}
	return n;
}
#endif

size_t
sg_count_byte(const char *s, size_t len, char c)
{
	size_t		 i = 0, n = 0;
#if defined(__SSE2__)
	__m128i		 v = _mm_set1_epi8(c);
#endif

#if defined(FIND_AVX2)
	if (len >= 32 && sg_avx2())
		return count_byte_avx2(s, len, c);
#endif
#if defined(__SSE2__)
	for (; len - i >= 16; i += 16)
		n += bits16((unsigned int)_mm_movemask_epi8(_mm_cmpeq_epi8(
		    _mm_loadu_si128((const __m128i *)(const void *)(s + i)),
		    v)));
#endif
	for (; i < len; i++)
		n += s[i] == c;
	return n;
}

#if defined(FIND_AVX2)
/* sg_find's search 32 places at a time, where the processor has AVX2.
 * Returns the needle's place, or NULL with *at set to where the search
 * stopped (fewer than nlen + 31 bytes before hlen). */
__attribute__((target("avx2"))) static const char *
find_avx2(const char *hay, size_t hlen, const char *needle, size_t nlen,
    size_t *at)
{
	const __m256i	 first = _mm256_set1_epi8(needle[0]);
	const __m256i	 last = _mm256_set1_epi8(needle[nlen - 1]);
	__m256i		 a, z;
	uint32_t	 mask;
	size_t		 i, k;

	for (i = 0; hlen - i >= nlen - 1 + 32; i += 32) {
		a = _mm256_loadu_si256((const __m256i *)(const void *)
		    (hay + i));
		z = _mm256_loadu_si256((const __m256i *)(const void *)
		    (hay + i + nlen - 1));
		mask = (uint32_t)_mm256_movemask_epi8(_mm256_and_si256(
		    _mm256_cmpeq_epi8(a, first), _mm256_cmpeq_epi8(z, last)));
		while (mask != 0) {
			k = i + (size_t)__builtin_ctz(mask);
			if (memcmp(hay + k + 1, needle + 1, nlen - 2) == 0)
				return hay + k;
			mask &= mask - 1;
		}
	}
	*at = i;
	return NULL;
}
#endif

/* memmem for a needle of two bytes or more in a long text, such as a
 * link in the sidebar of every page (glibc's took a fiftieth of a build's
 * instructions there): sixteen places at a time (32 with AVX2) whose
 * first and last bytes are the needle's, and only those compared whole. */
const char *
sg_find(const char *hay, size_t hlen, const char *needle, size_t nlen)
{
	size_t		 i = 0, k;
#if defined(__SSE2__)
	__m128i		 first, last, a, z;
	unsigned int	 mask;
#endif
#if defined(FIND_AVX2)
	const char	*p;
#endif

	if (nlen == 0)
		return hay;
	if (nlen > hlen)
		return NULL;
#if defined(FIND_AVX2)
	if (nlen >= 2 && sg_avx2() &&
	    (p = find_avx2(hay, hlen, needle, nlen, &i)) != NULL)
		return p;
#endif
#if defined(__SSE2__)
	if (nlen >= 2) {
		first = _mm_set1_epi8(needle[0]);
		last = _mm_set1_epi8(needle[nlen - 1]);
		for (; hlen - i >= nlen - 1 + 16; i += 16) {
			a = _mm_loadu_si128((const __m128i *)(const void *)
			    (hay + i));
			z = _mm_loadu_si128((const __m128i *)(const void *)
			    (hay + i + nlen - 1));
			mask = (unsigned int)_mm_movemask_epi8(_mm_and_si128(
			    _mm_cmpeq_epi8(a, first), _mm_cmpeq_epi8(z, last)));
			while (mask != 0) {
				k = i + (size_t)__builtin_ctz(mask);
				if (memcmp(hay + k + 1, needle + 1, nlen - 2) == 0)
					return hay + k;
				mask &= mask - 1;
			}
		}
	}
#endif
	for (; hlen - i >= nlen; i++)
		if (hay[i] == needle[0] && memcmp(hay + i, needle, nlen) == 0)
			return hay + i;
	return NULL;
}
