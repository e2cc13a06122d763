/* search.h: the search index, a renderer over the document tree. Each
 * page is tokenized on its own (on the render workers), then one merge in
 * page order writes the index, so that it is the same for any --jobs.
 *
 * The index is split as Pagefind splits its own, so that a query loads
 * only what it needs (all plain JSON, under search/ in the output):
 *
 *   search/index.json   the entry: {"version":1,"pages":N,"group":8,
 *                       "language":"en","stemmed":true,"shards":["ab",…]}
 *   search/s/KEY.json   a word shard: the terms whose words start with KEY
 *                       (2 characters, more where a shard would be big),
 *                       {"stem":["POSTINGS","word",…],…}: the words listed
 *                       are the folded words of the pages that stem to it,
 *                       where they differ from the stem ("~s" is the stem
 *                       and "s")
 *   search/p/G.json     the pages G * group to G * group + group - 1, a
 *                       list of {"t":title,"u":url,"h":[[id,heading],…],
 *                       "x":[text,…]}; h[0] is the page's top (id ""), and
 *                       x[i] the start of the text under h[i], for excerpts
 *
 * POSTINGS is a string over the 64 characters 0-9 A-Z a-z - _ (values 0 to
 * 63), one posting per page holding the term: the page id as a difference
 * from the previous posting's, then the index of the section (heading)
 * where the term weighs most, both as numbers of 5-bit digits, least
 * significant first, where a digit of 32 and more says another follows;
 * then the weight, one character: BM25's term part (k1 1.2, b 0.75, code
 * and sample output counting 0.3) plus 2.5 for a title and 0.8 for a
 * heading match, times 11. The browser multiplies it with the term's IDF
 * (from the number of postings) and sums over the words of the query. */
#ifndef SG_SEARCH_H
#define SG_SEARCH_H

#include <stddef.h>

#include "util.h"

struct sg_site;
struct sg_page;
struct sg_output;
struct sg_search;
struct sg_stemmer;

/* The sizes of what sg_search_write wrote. */
struct sg_search_stats {
	size_t	 pages;		/* pages indexed */
	size_t	 terms;		/* distinct terms (stems) */
	size_t	 files;		/* files written */
	size_t	 bytes;		/* their total size */
	size_t	 entry;		/* bytes of search/index.json */
	size_t	 shards;	/* shard files */
	size_t	 shard_max;	/* bytes of the largest one */
};

/* A search index for site, to be filled by up to jobs workers. Reports
 * a 'search' front matter key that is not a boolean. Returns NULL when
 * the site has no page to index. The caller frees it with
 * sg_search_free(). */
struct sg_search *sg_search_new(const struct sg_site *site, int jobs);

/* Tokenizes page p, on worker (0..jobs-1). Pages may be indexed at the
 * same time on different workers; each page at most once. Pages that
 * are drafts, opt out or are not in the index are skipped. */
void		 sg_search_page(struct sg_search *s, int worker,
		    const struct sg_page *p);

/* Merges what the pages gave, in page order, and writes the entry and
 * shard files to out. Fills st when not NULL. Returns 0, or -1 when a
 * write failed (reported by out). */
int		 sg_search_write(struct sg_search *s, struct sg_output *out,
		    struct sg_search_stats *st);

/* For serve: sg_search_keep, before any page is indexed, keeps each
 * page's part apart; sg_search_forget then drops what page p gave, so
 * that it can be indexed again (sg_search_page) and the index written
 * again as a build of the edited site would write it. */
void		 sg_search_keep(struct sg_search *s);
void		 sg_search_forget(struct sg_search *s, const struct sg_page *p);

/* Frees s; NULL does nothing. */
void		 sg_search_free(struct sg_search *s);

/* search_token.c: the tokenizer, shared with the unit tests */

/* Finds the next word of s[*pos..len) and appends it, folded (lower case,
 * accents off), to word after clearing it. Returns 1 with *pos past the
 * word, or 0 at the end. Words are runs of letters and digits; invalid
 * UTF-8 separates words. In a script written without spaces (Han, kana,
 * Thai …) each pair of neighbouring characters is a word, and *pos moves
 * past the first of the two only. */
int		 sg_search_token(const char *s, size_t len, size_t *pos,
		    struct sg_buf *word);

/* Is c of a script written without spaces between its words (Han, kana,
 * Thai, Lao, Khmer, Myanmar), whose runs the tokenizer splits into pairs
 * of characters? */
int		 sg_search_unspaced(unsigned long c);

/* Appends the folded form of the character c (a Unicode code point) to
 * b: ASCII and Latin-1 and Latin Extended-A letters lower case without
 * accents ("É" → "e", "ß" → "ss"), combining accents dropped, anything
 * else as it is. */
void		 sg_search_fold(unsigned c, struct sg_buf *b);

/* A stemmer for a site language ("en", "en-GB", "english", "fr"), with a
 * cache of the words it has seen. For a language Snowball has no stemmer
 * for, every word is its own stem. Not to be shared between threads. The
 * caller frees it with sg_stemmer_free(). */
struct sg_stemmer *sg_stemmer_new(const char *lang);

/* Does st really stem (Snowball knows its language)? */
int		 sg_stemmer_stems(const struct sg_stemmer *st);

/* The stem of the folded word w (NUL-terminated), interned: the pointer
 * lives as long as st, and the same word gives the same pointer. *word
 * is set to st's interned copy of w. */
const char	*sg_stemmer_stem(struct sg_stemmer *st, const char *w,
		    const char **word);

/* Frees st and every string it interned; NULL does nothing. */
void		 sg_stemmer_free(struct sg_stemmer *st);

#endif
