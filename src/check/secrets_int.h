/* secrets_int.h: what secrets.c (the rules) and secrets_scan.c (the
 * prefilter that finds where they look) share; private to them. */
#ifndef SG_SECRETS_INT_H
#define SG_SECRETS_INT_H

#include <stddef.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "check/secrets.h"

#define MIN_GENERIC	12	/* shortest generic value reported */

/* Bytes at which some rule can start looking ('A', 'B', 'J', 'x', '_',
 * '=', ':'): 1 there, 0 elsewhere. */
extern const unsigned char sec_anchors[256];

/* The rules at anchor s[i] of s[0..len): calls fn(arg, …) for a
 * finding, counted in *n. Returns where the scan goes on: past the
 * finding, or at i + 1. */
size_t	 sec_look(const unsigned char *s, size_t len, size_t i,
	    sg_secret_fn *fn, void *arg, size_t *n);

/* Does a value in quotes q ('"', '\'', '`', or '&' for an HTML-escaped
 * quote) starting at s[j] end before MIN_GENERIC bytes, at q or at
 * another byte no quoted value holds (a control or space, '<', DEL)?
 * Reads sixteen bytes at once: the caller makes sure s[j..j+16) is
 * there. Inline, as the scan asks it for most '=' of a page. */
static inline int
sec_cut_short(const unsigned char *s, size_t j, unsigned char q)
{
#if defined(__SSE2__)
	__m128i	 v = _mm_loadu_si128((const __m128i *)(const void *)(s + j)),
		 m;

	m = _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(' ')), v);
	m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8('<')));
	m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F)));
	m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8((char)q)));
	return (_mm_movemask_epi8(m) & ((1u << MIN_GENERIC) - 1)) != 0;
#else
	size_t	 k;

	for (k = j; k < j + MIN_GENERIC; k++)
		if (s[k] <= ' ' || s[k] == '<' || s[k] == 0x7F || s[k] == q)
			return 1;
	return 0;
#endif
}

_Static_assert(MIN_GENERIC <= 16, "sec_cut_short reads sixteen bytes");

#endif
