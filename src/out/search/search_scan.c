/* search_scan.c: scanning the pages' text fast for the search index: the
 * bits that say where words are, which the tokenizer reads in place of
 * the bytes (sixteen bytes at a time with SSE2, 32 with AVX2 where the
 * processor has it, chosen at run time as text.c does), and JSON
 * strings. */
#include <stdint.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define SCAN_AVX2	1
#endif

#include "out/search/search_int.h"
#include "util.h"

#if defined(__SSE2__)
/* The bits of sixteen bytes x: *w for each ASCII letter or digit, and
 * the return value for each byte past ASCII. A letter is a byte that,
 * with 0x20 set, is within 'a'..'z', tested as a signed comparison after
 * moving 'a' to -128. */
static inline uint32_t
bits16(__m128i x, uint32_t *w)
{
	__m128i	 l, d;

	l = _mm_add_epi8(_mm_or_si128(x, _mm_set1_epi8(0x20)),
	    _mm_set1_epi8((char)(0x80 - 'a')));
	d = _mm_add_epi8(x, _mm_set1_epi8((char)(0x80 - '0')));
	*w = (uint32_t)_mm_movemask_epi8(_mm_or_si128(
	    _mm_cmplt_epi8(l, _mm_set1_epi8((char)(-128 + 26))),
	    _mm_cmplt_epi8(d, _mm_set1_epi8((char)(-128 + 10)))));
	return (uint32_t)_mm_movemask_epi8(x);
}
#endif

/* The bits of the 64 bytes at s into b[0] and b[1] (sg_search_bits). */
static void
bits64(const unsigned char *s, uint64_t *b)
{
	uint64_t	 w = 0, a = 0;
	unsigned	 k;
#if defined(__SSE2__)
	uint32_t	 wk, hk;

	for (k = 0; k < 4; k++) {
		hk = bits16(_mm_loadu_si128((const __m128i *)(const void *)
		    (s + 16 * k)), &wk);
		w |= (uint64_t)wk << 16 * k;
		a |= (uint64_t)(wk | hk) << 16 * k;
	}
#else
	unsigned char	 c;

	for (k = 0; k < 64; k++) {
		c = s[k] | 0x20;
		if ((c >= 'a' && c <= 'z') || (s[k] >= '0' && s[k] <= '9'))
			w |= 1ull << k;
		if (s[k] >= 0x80)
			a |= 1ull << k;
	}
	a |= w;
#endif
	b[0] = w;
	b[1] = a;
}

#if defined(SCAN_AVX2)
/* The bits of 32 bytes x: the return value for each ASCII letter or
 * digit, *h for each byte past ASCII (as bits16). */
__attribute__((target("avx2"))) static inline uint64_t
bits32(__m256i x, uint64_t *h)
{
	__m256i	 l, d;

	l = _mm256_add_epi8(_mm256_or_si256(x, _mm256_set1_epi8(0x20)),
	    _mm256_set1_epi8((char)(0x80 - 'a')));
	d = _mm256_add_epi8(x, _mm256_set1_epi8((char)(0x80 - '0')));
	*h = (uint32_t)_mm256_movemask_epi8(x);
	return (uint32_t)_mm256_movemask_epi8(_mm256_or_si256(
	    _mm256_cmpgt_epi8(_mm256_set1_epi8((char)(-128 + 26)), l),
	    _mm256_cmpgt_epi8(_mm256_set1_epi8((char)(-128 + 10)), d)));
}

/* The bits of the n blocks of 64 bytes at s, 32 bytes at a time. */
__attribute__((target("avx2"))) static void
bits_avx2(const unsigned char *s, size_t n, uint64_t *b)
{
	uint64_t	 w0, w1, h0, h1;
	size_t		 i;

	for (i = 0; i < n; i++, s += 64, b += 2) {
		w0 = bits32(_mm256_loadu_si256((const __m256i *)(const void *)
		    s), &h0);
		w1 = bits32(_mm256_loadu_si256((const __m256i *)(const void *)
		    (s + 32)), &h1);
		b[0] = w0 | w1 << 32;
		b[1] = (w0 | h0) | (w1 | h1) << 32;
	}
}
#endif

void
sg_search_bits(const char *s, size_t n, uint64_t *b)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i = 0;

#if defined(SCAN_AVX2)
	if (n > 0 && sg_avx2()) {
		bits_avx2(u, n, b);
		return;
	}
#endif
	for (; i < n; i++)
		bits64(u + 64 * i, b + 2 * i);
}

#define ONES	0x0101010101010101ull
#define HIGH	0x8080808080808080ull

/* The high bit of each byte of v below 0x21 (white space and control
 * characters), and in *sp of each space. Exact for each byte: no carry
 * crosses from one byte to the next. */
static inline uint64_t
low8(uint64_t v, uint64_t *sp)
{
	uint64_t	 x = v ^ 0x20 * ONES;

	*sp = ~((x & ~HIGH) + 0x7F * ONES) & ~x & HIGH;
	return ~((v & ~HIGH) + 0x5F * ONES) & ~v & HIGH;
}

size_t
sg_search_plain(char *d, const unsigned char *u, size_t len, size_t room,
    int space)
{
	uint64_t	 v, low, sp, prev = space ? 0x80 : 0;
	size_t		 i = 0;
#if defined(__SSE2__)
	__m128i		 x;
	uint32_t	 l, s, p = space ? 1 : 0;

	for (; len - i >= 16 && room - i >= 16; i += 16) {
		x = _mm_loadu_si128((const __m128i *)(const void *)(u + i));
		l = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(x,
		    _mm_set1_epi8(0x20)), x));
		s = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(x,
		    _mm_set1_epi8(' ')));
		if ((l & ~s) != 0 || (s & (s << 1 | p)) != 0)
			break;
		_mm_storeu_si128((__m128i *)(void *)(d + i), x);
		p = s >> 15;
	}
	prev = (uint64_t)p << 7;
#endif
	for (; len - i >= 8 && room - i >= 8; i += 8) {
		v = sg_search_get8(u + i);
		low = low8(v, &sp);
		if ((low & ~sp) != 0 || (sp & (sp << 8 | prev)) != 0)
			break;
		sg_search_put8(d + i, v);
		prev = sp >> 56;
	}
	return i;
}

/* 1 for the bytes a JSON string holds as they are: printable ASCII but
 * the quote, the backslash and "<" (kept out, so that the text can sit in
 * a <script>). */
static const unsigned char json_plain[256] = {
	[0x20] = 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1
};

/* Where the run of json_plain bytes from u[i] ends, before n: sixteen
 * bytes tested at once with SSE2 (a signed comparison finds the bytes
 * below 0x20 and those past ASCII together), where a table lookup a byte
 * made JSON strings a fiftieth of the index's instructions. */
static inline size_t
plain_end(const unsigned char *u, size_t n, size_t i)
{
#if defined(__SSE2__)
	__m128i		 x;
	uint32_t	 m;

	for (; n - i >= 16; i += 16) {
		x = _mm_loadu_si128((const __m128i *)(const void *)(u + i));
		m = (uint32_t)_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(
		    _mm_cmplt_epi8(x, _mm_set1_epi8(0x20)),
		    _mm_cmpeq_epi8(x, _mm_set1_epi8('"'))), _mm_or_si128(
		    _mm_cmpeq_epi8(x, _mm_set1_epi8('\\')),
		    _mm_cmpeq_epi8(x, _mm_set1_epi8('<')))));
		if (m != 0)
			return i + (size_t)__builtin_ctz(m);
	}
#endif
	while (i < n && json_plain[u[i]])
		i++;
	return i;
}

void
sg_search_json_str(struct sg_buf *b, const char *s, size_t n)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i = 0, at;
	long			 c;

	sg_buf_putc(b, '"');
	while (i < n) {
		/* a run of bytes as they are, at once */
		at = i;
		i = plain_end(u, n, i);
		if (i > at)
			sg_buf_put(b, s + at, i - at);
		if (i >= n)
			break;
		if (u[i] >= 0x80) {
			at = i;
			if ((c = sg_utf8_next(u, n, &i)) < 0)
				sg_buf_puts(b, "\\ufffd");
			else
				sg_buf_put(b, s + at, i - at);
			continue;
		}
		if (u[i] == '"' || u[i] == '\\') {
			sg_buf_putc(b, '\\');
			sg_buf_putc(b, (char)u[i]);
		} else
			sg_buf_printf(b, "\\u%04x", u[i]);
		i++;
	}
	sg_buf_putc(b, '"');
}
