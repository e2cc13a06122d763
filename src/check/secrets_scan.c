/* secrets_scan.c: the credential scanner's prefilter. It finds the
 * anchor bytes ('A', 'B', 'J', 'x', '_', '=', ':'), chosen because they
 * are rare in HTML and prose, 64 bytes at a time with AVX2 where the
 * processor has it, else sixteen with SSE2; passes those no rule can
 * report at (the '=' of most attributes); and has the rules of
 * secrets.c look around the others. */
#include <stdint.h>
#include <string.h>
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define SCAN_AVX2	1
#endif

#include "check/secrets.h"
#include "check/secrets_int.h"
#include "util.h"

#if defined(__SSE2__)
/* A bit for each of the sixteen bytes at p that is an anchor. */
static unsigned int
anchor_mask(const unsigned char *p)
{
	__m128i	 v = _mm_loadu_si128((const __m128i *)(const void *)p), m;

	m = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('A')),
	    _mm_cmpeq_epi8(v, _mm_set1_epi8('B')));
	m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8('J')));
	m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8('x')));
	m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8('_')));
	m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8('=')));
	m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8(':')));
	return (unsigned int)_mm_movemask_epi8(m);
}
#endif

/* Is s[i] the '=' of href="…" or class="…"? HTML's commonest
 * attributes, the bulk of the '=' of a page (565 of about 720 in a page
 * of the benchmark's), hold URLs and class names: no rule looks there.
 * (Compared as one run with the quote, which the compiler reads in one
 * or two loads.) */
static inline int
plain_attribute(const unsigned char *s, size_t i)
{
	return !memcmp(s + i - 6, " class=\"", 8) ||
	    !memcmp(s + i - 5, " href=\"", 7);
}

/* Can no rule report at anchor s[i] (not '=')? Each
 * rule's first test, where a look would call it only to return: 'A'
 * after a letter or digit or before no capital or '3' (AKIA…, AIza…,
 * A3T…), 'B' after no '-' (-----BEGIN), 'J' after no 'y' (eyJ), 'x'
 * before no 'o' (xox…). Most of these letters in a page are in words
 * (viewBox, example, Benchmark). The ':' of "://" is passed unless
 * "data" is before it or an 'h' (hooks) two bytes after. Needs s[i - 1]
 * (where i > 0) to s[i + 3]. Not inline: the '=' before it are the bulk
 * of the anchors. */
static int
passed_other(const unsigned char *s, size_t i)
{
	unsigned char	 a = i > 0 ? s[i - 1] : '\0', c = s[i + 1];

	switch (s[i]) {
	case ':':
		return c == '/' && s[i + 3] != 'h' && a != 'a';
	case 'A':
		return (a >= '0' && a <= '9') || ((a | 0x20) >= 'a' &&
		    (a | 0x20) <= 'z') || !((c >= 'A' && c <= 'Z') || c == '3');
	case 'B':
		return a != '-';
	case 'J':
		return a != 'y';
	case 'x':
		return c != 'o';
	}
	return 0;
}

/* Can the scan pass anchor s[i] without a look? Most anchors of a page
 * are the '=' of an attribute: of href or class (plain_attribute), or
 * one whose quoted value is shorter than any rule reports, such as
 * aria-hidden="true" or viewBox="0 0 24 24". For '=' and then a quote,
 * rule_assign starts the value just past the quote (no "=>", "==",
 * "=/" nor blanks to step over) and returns 0 for a value cut short;
 * this is that test, in a few vector operations where rule_assign read
 * byte by byte after a call. Entity quotes are left to sec_look(). The
 * other anchors are passed_other's. Needs s[i..i+18). */
static inline int
passed_within(const unsigned char *s, size_t i)
{
	unsigned char	 q = s[i + 1];

	if (s[i] == '=') {
		if (q == '"' && i >= 6 && plain_attribute(s, i))
			return 1;
		return (q == '"' || q == '\'' || q == '`') &&
		    sec_cut_short(s, i + 2, q);
	}
	return passed_other(s, i);
}

/* The same anywhere in s[0..len): in the last bytes, only href and
 * class are passed. */
static inline int
passed(const unsigned char *s, size_t len, size_t i)
{
	if (len - i >= 2 + 16)
		return passed_within(s, i);
	return s[i] == '=' && len - i >= 2 && s[i + 1] == '"' && i >= 6 &&
	    plain_attribute(s, i);
}


#if defined(SCAN_AVX2)
/* The anchors by their low nibble, for a table lookup (vpshufb) of
 * each byte: all but one have a low nibble of their own ('A' 0x41,
 * 'B' 0x42, 'x' 0x78, '=' 0x3D, '_' 0x5F, 'J' 0x4A), so that a byte is
 * one of them when it equals the table's byte at its low nibble; ':'
 * (0x3A, the nibble of 'J') is compared on its own. Every other place
 * holds a byte whose low nibble is not its index (0xFF at 0, 0
 * elsewhere), and a byte past ASCII looks up 0 (vpshufb's rule for an
 * index with its top bit set), so neither is ever equal. Four
 * operations classify 32 bytes, where seven comparisons and six ORs
 * classified sixteen: the prefilter was a twentieth of a build's
 * instructions, every output byte passing through it. */
__attribute__((target("avx2"))) static inline uint32_t
anchors_avx2(const unsigned char *p)
{
	const __m256i	 by_nibble = _mm256_setr_epi8((char)0xFF, 'A', 'B',
	    0, 0, 0, 0, 0, 'x', 0, 'J', 0, 0, '=', 0, '_', (char)0xFF, 'A',
	    'B', 0, 0, 0, 0, 0, 'x', 0, 'J', 0, 0, '=', 0, '_');
	__m256i		 v, m;

	v = _mm256_loadu_si256((const __m256i *)(const void *)p);
	m = _mm256_or_si256(_mm256_cmpeq_epi8(v,
	    _mm256_shuffle_epi8(by_nibble, v)), _mm256_cmpeq_epi8(v,
	    _mm256_set1_epi8(':')));
	return (uint32_t)_mm256_movemask_epi8(m);
}

/* Scans s[0..len) 64 bytes at a time, as sg_secrets_find does, while
 * passed_within may read 18 bytes past them; returns where it stopped
 * (fewer than 82 bytes before len). After a look, the anchors it went
 * past are dropped from the mask, so that no anchor is tested twice. */
__attribute__((target("avx2"))) static size_t
scan_avx2(const unsigned char *s, size_t len, sg_secret_fn *fn, void *arg,
    size_t *n)
{
	size_t		 base = 0, i = 0, at;
	uint64_t	 mask;

	while (len - base >= 64 + 18) {
		mask = anchors_avx2(s + base) |
		    (uint64_t)anchors_avx2(s + base + 32) << 32;
		while (mask != 0) {
			at = base + (size_t)__builtin_ctzll(mask);
			mask &= mask - 1;
			if (passed_within(s, at))
				continue;
			i = sec_look(s, len, at, fn, arg, n);
			mask = i - base >= 64 ? 0 : mask & (~(uint64_t)0 <<
			    (i - base));
		}
		base = i > base + 64 ? i : base + 64;
	}
	return base;
}
#endif

size_t
sg_secrets_find(const char *buf, size_t len, sg_secret_fn *fn, void *arg)
{
	const unsigned char	*s = (const unsigned char *)buf;
	size_t			 i = 0, n = 0, at;
#if defined(__SSE2__)
	size_t			 base;
	unsigned int		 mask;

#if defined(SCAN_AVX2)
	if (sg_avx2())
		i = scan_avx2(s, len, fn, arg, &n);
#endif
	/* sixteen bytes at a time; each anchor among them in turn */
	while (len - i >= 16) {
		base = i;
		mask = anchor_mask(s + base);
		while (mask != 0) {
			at = base + (size_t)__builtin_ctz(mask);
			mask &= mask - 1;
			if (at >= i && !passed(s, len, at))
				i = sec_look(s, len, at, fn, arg, &n);
		}
		if (i < base + 16)
			i = base + 16;
	}
#endif
	for (at = i; at < len; at++)
		if (sec_anchors[s[at]] && at >= i && !passed(s, len, at))
			i = sec_look(s, len, at, fn, arg, &n);
	return n;
}
