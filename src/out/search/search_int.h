/* search_int.h: what the search index's own files share: the terms of
 * each page, a map from strings to numbers, JSON strings. */
#ifndef SG_SEARCH_INT_H
#define SG_SEARCH_INT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "smap.h"
#include "util.h"

struct sg_site;
struct sg_stemmer;

#define SG_SEARCH_GROUP	8	/* page fragments in one file */

/* A term (stem) of one page, kept until the merge: small, since there is
 * one for every distinct word of every page. */
struct sg_search_rec {
	float		 tf;		/* occurrences, code counting 0.3 */
	uint32_t	 stem;		/* the stem's number in the stemmer
					 * of the page's worker
					 * (sg_stemmer_stem_of), which also
					 * knows the words that gave it */
	uint16_t	 sec;		/* the section where it weighs most */
	unsigned char	 title;		/* in the page title */
	unsigned char	 heading;	/* in a heading */
};

/* What one page gave. */
struct sg_search_doc {
	struct sg_search_rec *v;	/* its terms, in first-seen order */
	size_t		 n;
	float		 len;		/* words, code counting 0.3 */
	int		 worker;	/* whose stemmer numbered its stems */
	char		*frag;		/* its fragment (JSON), owned */
	size_t		 frag_len;
	int		 done;
	const char	**words;	/* with keep: word, stem, word, stem…
					 * of each word that is not its own
					 * stem, each once */
	size_t		 nwords;	/* pairs */
};

struct sg_search {
	const struct sg_site *site;
	int		  jobs;
	size_t		 *id;		/* site page index → search id + 1,
					 * 0 for a page left out */
	struct sg_search_doc *pages;	/* by search id */
	size_t		  npages;
	struct sg_stemmer **stemmers;	/* one a worker */
	struct sg_term_slots *slots;	/* one a worker */
	int		  stems;	/* the language has a stemmer */
	int		  keep;		/* pages are indexed again (serve):
					 * the words are each page's, not
					 * all the stemmers ever saw */
};

/* A worker's index from a stem's number (sg_stemmer_stem_id) to the term
 * of the page it is tokenizing: an entry is that page's only when its
 * mark is the page's, so nothing is cleared between pages. */
struct sg_term_slots {
	size_t		*term;		/* by stem number */
	unsigned	*mark;
	size_t		 cap;
	unsigned	 page;		/* the current page's mark, from 1 */
};

/* The eight bytes at p as a number whose lowest byte is p[0], so that
 * the first byte of a kind is the lowest bit set (the tokenizer and the
 * excerpts look at eight bytes at a time). */
static inline uint64_t
sg_search_get8(const void *p)
{
	uint64_t	 v;

	memcpy(&v, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	v = __builtin_bswap64(v);
#endif
	return v;
}

/* Stores v at p as sg_search_get8 reads it. */
static inline void
sg_search_put8(void *p, uint64_t v)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	v = __builtin_bswap64(v);
#endif
	memcpy(p, &v, 8);
}

/* sg_search_get8 of u[i..len), zeros past len (i <= len). */
static inline uint64_t
sg_search_load8(const unsigned char *u, size_t len, size_t i)
{
	uint64_t	 v = 0;
	size_t		 k;

	if (len - i >= 8)
		return sg_search_get8(u + i);
	for (k = 0; i + k < len; k++)
		v |= (uint64_t)u[i + k] << 8 * k;
	return v;
}

/* search_scan.c */

/* Appends s[0..n) to b as a JSON string, quotes included; bytes that are
 * not UTF-8 become U+FFFD. */
void	 sg_search_json_str(struct sg_buf *b, const char *s, size_t n);

/* Where the words of the n blocks of 64 bytes at s are, as bits: for
 * the i-th, b[2i] has bit k set when byte 64i + k is an ASCII letter or
 * digit, and b[2i + 1] when it is that or a byte past ASCII (where a
 * word may start). */
void	 sg_search_bits(const char *s, size_t n, uint64_t *b);

/* Copies to d the bytes of u[0..len) an excerpt keeps as they are, up to
 * room bytes, in runs of eight or sixteen: those whose only white space
 * is single spaces, the first not right after a space when space says
 * that d follows one (or starts the excerpt). Returns how many it
 * copied, a multiple of eight. */
size_t	 sg_search_plain(char *d, const unsigned char *u, size_t len,
	    size_t room, int space);

/* The one-character weight (1..63) of a term on a page: BM25's term part
 * for tf occurrences on a page of len words (avg on average), plus the
 * title and heading boosts, scaled (search.h). */
unsigned sg_search_weight(float tf, int title, int heading, float len,
	    float avg);

/* A word a stemmer has seen, with what the indexer of the stemmer's
 * worker keeps on it. */
struct sg_stem_word {
	const char	*word;		/* interned, NUL-terminated */
	const char	*stem;		/* interned; word itself when it is its
					 * own stem */
	size_t		 id;		/* the stem's number: 0, 1, … for each
					 * distinct stem, the same for every
					 * word with that stem */
	unsigned	 mark;		/* the indexer's: term is the word's
					 * term on the page of this mark (an
					 * sg_term_slots page); 0 for none */
	size_t		 term;		/* the indexer's: the term's index in
					 * that page's terms */
};

/* The entry of the folded word w[0..n) in st, stemmed and added when st
 * has not seen it. w is followed by zeros to its 16th byte at least (16
 * zero bytes follow the words sg_search_token leaves). The pointer lives
 * until st's next call. */
struct sg_stem_word *sg_stemmer_word(struct sg_stemmer *st, const char *w,
	    size_t n);

/* The words of s[0..len) that sg_search_token finds, but those longer
 * than max bytes, as st's entries (sg_stemmer_word): the i-th is the
 * returned array's (*id)[i]-th, for i below *n. Both arrays are st's and
 * live until st's next call. */
struct sg_stem_word *sg_stemmer_words(struct sg_stemmer *st, const char *s,
	    size_t len, size_t max, const size_t **id, size_t *n);

/* sg_stemmer_stem for the folded word w[0..n), which also sets *id to
 * the stem's number (struct sg_stem_word). */
const char *sg_stemmer_stem_id(struct sg_stemmer *st, const char *w,
	    size_t n, const char **word, size_t *id);

/* Sets the mark of every word st has seen to 0: the indexer's marks
 * have wrapped. */
void	 sg_stemmer_unmark(struct sg_stemmer *st);

/* The number of words st has stemmed, and the i-th of them with its
 * stem (the same pointer when the word is its own stem). */
size_t	 sg_stemmer_count(const struct sg_stemmer *st);
void	 sg_stemmer_entry(const struct sg_stemmer *st, size_t i,
	    const char **word, const char **stem);

/* The entries of every word st has seen, *n of them, in first-seen
 * order (sg_stemmer_count): st's, until its next call. */
const struct sg_stem_word *sg_stemmer_entries(const struct sg_stemmer *st,
	    size_t *n);

/* The number of distinct stems st has made, and the stem of number id
 * (below that), interned by st. */
size_t	 sg_stemmer_nstems(const struct sg_stemmer *st);
const char *sg_stemmer_stem_of(const struct sg_stemmer *st, size_t id);

/* qsort's comparison of two size_t. */
int	 sg_search_cmp_size(const void *a, const void *b);

#endif
