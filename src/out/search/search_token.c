/* search_token.c: words for the search index: UTF-8 decoding, case and
 * accent folding, Snowball stemming (libstemmer) with a cache, and the
 * string map the indexer uses.
 *
 * The folding is hand-written, on purpose: the browser must fold the
 * reader's query exactly as the index was folded, so the rule is a table
 * small enough to have its twin in the theme's search.js (Latin-1 and
 * Latin Extended-A, where nearly all accented letters of the languages
 * Snowball stems live). libunistring's u8_casefold and normalization
 * would fold more scripts, but JavaScript has no way to do the same
 * byte for byte, and a word folded two ways is a word never found. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libstemmer.h>

#include "out/search/search.h"
#include "out/search/search_int.h"
#include "util.h"

/* What U+00C0..U+017F fold to; "" for the two signs among them (×, ÷).
 * search.js holds the same table. */
static const char fold_latin[0x180 - 0xC0][3] = {
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i",
	"i", "i", "i", "d", "n", "o", "o", "o", "o", "o", "", "o", "u",
	"u", "u", "u", "y", "th", "ss", "a", "a", "a", "a", "a", "a", "ae",
	"c", "e", "e", "e", "e", "i", "i", "i", "i", "d", "n", "o", "o",
	"o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "y", "a",
	"a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c",
	"d", "d", "d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e",
	"e", "g", "g", "g", "g", "g", "g", "g", "g", "h", "h", "h", "h",
	"i", "i", "i", "i", "i", "i", "i", "i", "i", "i", "ij", "ij", "j",
	"j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l", "l", "l",
	"l", "n", "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o",
	"o", "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s",
	"s", "s", "s", "s", "s", "s", "t", "t", "t", "t", "t", "t", "u",
	"u", "u", "u", "u", "u", "u", "u", "u", "u", "u", "u", "w", "w",
	"y", "y", "y", "z", "z", "z", "z", "z", "z", "s"
};

/* Is c part of a word? Letters and digits of ASCII; beyond it anything
 * but Latin-1's signs, the punctuation and symbol blocks and emoji.
 * search.js has the same test. */
static int
word_char(unsigned long c)
{
	if (c < 0x80)
		return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		    (c >= 'A' && c <= 'Z');
	if (c < 0xC0 || c == 0xD7 || c == 0xF7)
		return 0;
	if ((c >= 0x2000 && c <= 0x2BFF) || (c >= 0x3000 && c <= 0x303F) ||
	    (c >= 0xFE00 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF0F) ||
	    c >= 0x1F000)
		return 0;
	return 1;
}

/* Is c of a script written without spaces between its words: Thai, Lao,
 * Myanmar, Khmer, kana and Han? No boundary between two of their words
 * can be found without a dictionary (and the browser's Intl.Segmenter
 * need not split as the build's ICU would), so a run of them is indexed,
 * and a query split, as overlapping pairs of characters, the way Lucene's
 * CJK bigrams do: 検索機能 as 検索, 索機, 機能. A character alone between
 * others is a word of one. search.js has the same test. */
int
sg_search_unspaced(unsigned long c)
{
	return (c >= 0x0E00 && c <= 0x0EFF) ||		/* Thai, Lao */
	    (c >= 0x1000 && c <= 0x109F) ||		/* Myanmar */
	    (c >= 0x1780 && c <= 0x17FF) ||		/* Khmer */
	    (c >= 0x3040 && c <= 0x30FF && c != 0x30FB) || /* kana, not ・ */
	    (c >= 0x31F0 && c <= 0x31FF) ||		/* small katakana */
	    (c >= 0x3400 && c <= 0x4DBF) ||		/* Han, extension A */
	    (c >= 0x4E00 && c <= 0x9FFF) ||		/* Han */
	    (c >= 0xF900 && c <= 0xFAFF) ||		/* Han, compatibility */
	    (c >= 0xFF66 && c <= 0xFF9F) ||		/* halfwidth katakana */
	    (c >= 0x20000 && c <= 0x3FFFF);		/* Han, extension B on */
}

static void
put_utf8(struct sg_buf *b, unsigned long c)
{
	char	 u[4];

	if (c < 0x80) {
		sg_buf_putc(b, (char)c);
	} else if (c < 0x800) {
		u[0] = (char)(0xC0 | c >> 6);
		u[1] = (char)(0x80 | (c & 0x3F));
		sg_buf_put(b, u, 2);
	} else if (c < 0x10000) {
		u[0] = (char)(0xE0 | c >> 12);
		u[1] = (char)(0x80 | (c >> 6 & 0x3F));
		u[2] = (char)(0x80 | (c & 0x3F));
		sg_buf_put(b, u, 3);
	} else {
		u[0] = (char)(0xF0 | c >> 18);
		u[1] = (char)(0x80 | (c >> 12 & 0x3F));
		u[2] = (char)(0x80 | (c >> 6 & 0x3F));
		u[3] = (char)(0x80 | (c & 0x3F));
		sg_buf_put(b, u, 4);
	}
}

void
sg_search_fold(unsigned c, struct sg_buf *b)
{
	if (c >= 'A' && c <= 'Z')
		sg_buf_putc(b, (char)(c - 'A' + 'a'));
	else if (c < 0x80)
		sg_buf_putc(b, (char)c);
	else if (c >= 0xC0 && c < 0x180)
		sg_buf_puts(b, fold_latin[c - 0xC0]);
	else if (c >= 0x300 && c <= 0x36F)
		return;		/* a combining accent */
	else
		put_utf8(b, c);
}

/* ASCII's word characters (word_char) as a table, folded: 0 for none
 * (and for every byte past ASCII), else the character lowercased. */
static const unsigned char ascii_word[256] = {
	['0'] = '0', ['1'] = '1', ['2'] = '2', ['3'] = '3', ['4'] = '4',
	['5'] = '5', ['6'] = '6', ['7'] = '7', ['8'] = '8', ['9'] = '9',
	['a'] = 'a', ['b'] = 'b', ['c'] = 'c', ['d'] = 'd', ['e'] = 'e',
	['f'] = 'f', ['g'] = 'g', ['h'] = 'h', ['i'] = 'i', ['j'] = 'j',
	['k'] = 'k', ['l'] = 'l', ['m'] = 'm', ['n'] = 'n', ['o'] = 'o',
	['p'] = 'p', ['q'] = 'q', ['r'] = 'r', ['s'] = 's', ['t'] = 't',
	['u'] = 'u', ['v'] = 'v', ['w'] = 'w', ['x'] = 'x', ['y'] = 'y',
	['z'] = 'z',
	['A'] = 'a', ['B'] = 'b', ['C'] = 'c', ['D'] = 'd', ['E'] = 'e',
	['F'] = 'f', ['G'] = 'g', ['H'] = 'h', ['I'] = 'i', ['J'] = 'j',
	['K'] = 'k', ['L'] = 'l', ['M'] = 'm', ['N'] = 'n', ['O'] = 'o',
	['P'] = 'p', ['Q'] = 'q', ['R'] = 'r', ['S'] = 's', ['T'] = 't',
	['U'] = 'u', ['V'] = 'v', ['W'] = 'w', ['X'] = 'x', ['Y'] = 'y',
	['Z'] = 'z'
};

/* ---- eight bytes at a time ---- */

#define ONES	0x0101010101010101ull
#define HIGH	0x8080808080808080ull

/* The high bit of each byte of x (bytes below 0x80) that is k or more. */
#define AT_LEAST(x, k)	(((x) + (0x80 - (k)) * ONES) & HIGH)

/* Eight bytes v (sg_search_get8) lowercased, with *stop set to the high
 * bit of each byte that is not an ASCII word character (ascii_word). */
static inline uint64_t
fold8(uint64_t v, uint64_t *stop)
{
	uint64_t	 t = v & ~HIGH, l, alpha, digit;

	l = t | 0x20 * ONES;		/* A-Z as a-z */
	alpha = AT_LEAST(l, 'a') & ~AT_LEAST(l, 'z' + 1);
	digit = AT_LEAST(t, '0') & ~AT_LEAST(t, '9' + 1);
	*stop = ~((alpha | digit) & ~v) & HIGH;
	return v | alpha >> 2;		/* lower case: 0x20 set */
}

/* The bytes of v before the first that stop has (all when none). */
#define BEFORE(v, stop)	((v) & ((((stop) & -(stop)) >> 7) - 1))

/* Appends the run of ASCII word characters at u[i..len) to word,
 * lowercased, and returns where it ends. Eight bytes are tested, folded
 * and stored at once (the bytes past the run as zeros): a byte at a
 * time, with a table lookup, a store and two bound tests each, this was
 * most of the tokenizer's 190 instructions a word. The word's buffer
 * keeps room for a store of eight bytes and 16 more. */
static size_t
ascii_run(const unsigned char *u, size_t len, size_t i, struct sg_buf *word)
{
	uint64_t	 v, stop;
	size_t		 n = word->len, k;
	char		*d = word->data;

	for (;;) {
		if (word->cap - n < 8 + 16 + 1) {
			word->len = n;
			sg_buf_grow(word, 8 + 16);
			d = word->data;
		}
		v = fold8(sg_search_load8(u, len, i), &stop);
		k = 8;
		if (stop != 0)
			k = (size_t)__builtin_ctzll(stop) >> 3;
		sg_search_put8(d + n, BEFORE(v, stop));
		n += k;
		i += k;
		if (k < 8)
			break;
	}
	word->len = n;
	return i;
}

/* Is the character that ends right at u[at] (if any) one of unspaced()? */
static int
unspaced_before(const unsigned char *u, size_t at)
{
	size_t	 j = at, k;
	long	 c;

	while (j > 0 && at - j < 4) {
		j--;
		if ((u[j] & 0xC0) != 0x80)
			break;
	}
	k = j;
	c = j < at ? sg_utf8_next(u, at, &k) : -1;
	return c >= 0 && k == at && sg_search_unspaced((unsigned long)c);
}

/* The word at u[at], an unspaced() character that ends at next: it and
 * the next character, if that is unspaced() too; else itself, unless the
 * one before it made a pair with it (then the word stays empty). Returns
 * where the next word starts: next. */
static size_t
pair_at(const unsigned char *u, size_t len, size_t at, size_t next,
    struct sg_buf *word)
{
	size_t	 end = next;
	long	 c;

	word->len = 0;
	c = next < len ? sg_utf8_next(u, len, &end) : -1;
	if (c >= 0 && sg_search_unspaced((unsigned long)c))
		sg_buf_put(word, (const char *)u + at, end - at);
	else if (!unspaced_before(u, at))
		sg_buf_put(word, (const char *)u + at, next - at);
	return next;
}

/* The characters of one word from s[i], a word character or a character
 * past ASCII, folded into word (which may stay empty: a run of combining
 * accents only, or one character that is no word's). Returns where the
 * word ends. The word is followed by 16 zero bytes, which make the key
 * sg_stemmer_word reads whole. */
static size_t
word_at(const unsigned char *u, size_t len, size_t i, struct sg_buf *word)
{
	size_t		 start = i, at, next;
	long		 cp;

	word->len = 0;
	for (;;) {
		i = ascii_run(u, len, i, word);
		if (i >= len || u[i] < 0x80)
			break;
		at = next = i;
		cp = sg_utf8_next(u, len, &next);
		i = next;
		if (cp >= 0 && sg_search_unspaced((unsigned long)cp)) {
			/* it ends the word before it, or makes a pair */
			if (at > start)
				i = at;
			else
				i = pair_at(u, len, at, i, word);
			break;
		}
		if (cp < 0 || !word_char((unsigned long)cp)) {
			/* the bad byte ends the word (skipped); another
			 * character too (left for the next word), but one
			 * where the word would start */
			if (cp >= 0 && at > start)
				i = at;
			break;
		}
		sg_search_fold((unsigned)cp, word);
	}
	if (word->cap - word->len < 16 + 1)
		sg_buf_grow(word, 16);
	sg_search_put8(word->data + word->len, 0);
	sg_search_put8(word->data + word->len + 8, 0);
	return i;
}

/* Where the next word starts at u[i..len): the next ASCII word character
 * or character past ASCII, or len. */
static inline size_t
to_word(const unsigned char *u, size_t len, size_t i)
{
	while (i < len && u[i] < 0x80 && !ascii_word[u[i]])
		i++;
	return i;
}

int
sg_search_token(const char *s, size_t len, size_t *pos, struct sg_buf *word)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i = *pos;

	for (;;) {
		i = to_word(u, len, i);
		if (i >= len) {
			*pos = i;
			word->len = 0;
			if (word->data)
				word->data[0] = '\0';
			return 0;
		}
		i = word_at(u, len, i, word);
		if (word->len > 0) {
			*pos = i;
			return 1;
		}
	}
}

/* ---- stemming ---- */

#define ARENA	(64 * 1024)

struct arena {
	struct arena	*next;
	size_t		 used;
	char		 data[ARENA];
};

/* A slot of the stemmer's table of words: open addressing on the word's
 * hash. The word's first KEY bytes are kept in the slot as two numbers
 * (zeros after the word), so that finding a word again (the same few
 * hundred words, over and over) compares two numbers and reads no other
 * memory; only a longer word's tail is compared where it is interned. No
 * word holds a zero byte: the key of a shorter word is the whole word,
 * and a slot whose key[0] is 0 is free. */
#define KEY	16

struct wslot {
	uint64_t	 key[2];	/* sg_search_get8 of the word's first
					 * bytes */
	uint32_t	 len;
	uint32_t	 ent;		/* the word's index in ent */
};

struct sg_stemmer {
	struct sb_stemmer	*sb;		/* NULL: no stemming */
	struct wslot		*wv;		/* the words seen, by hash */
	size_t			 wcap;		/* a power of two */
	struct sg_stem_word	*ent;		/* the words, in first-seen
						 * order */
	size_t			 nent, capent;
	struct sg_smap		 stems;		/* stem → its number */
	const char		**stemv;	/* number → stem */
	size_t			 capstem;
	struct arena		*arena;
	struct sg_buf		 word;		/* a word being made */
	/* sg_stemmer_words' room, for a text of up to captext - 80 bytes:
	 * its copy, its bits (sg_search_bits) and its words */
	unsigned char		*text;
	size_t			 captext;
	uint64_t		*bits;
	size_t			*id;
};

static char *
intern(struct sg_stemmer *st, const char *s, size_t n)
{
	struct arena	*a = st->arena;
	char		*p;

	if (n + 1 > ARENA)
		n = ARENA - 1;	/* words are cut far shorter than this */
	if (a == NULL || ARENA - a->used < n + 1) {
		a = xmalloc(sizeof(*a));
		a->used = 0;
		a->next = st->arena;
		st->arena = a;
	}
	p = a->data + a->used;
	memcpy(p, s, n);
	p[n] = '\0';
	a->used += n + 1;
	return p;
}

struct sg_stemmer *
sg_stemmer_new(const char *lang)
{
	struct sg_stemmer	*st = xcalloc(1, sizeof(*st));
	char			 name[32];
	size_t			 i;

	/* "en-GB" and "pt_BR" name the stemmer of their language */
	for (i = 0; lang && lang[i] && lang[i] != '-' && lang[i] != '_' &&
	    i + 1 < sizeof(name); i++)
		name[i] = (char)(lang[i] >= 'A' && lang[i] <= 'Z' ?
		    lang[i] - 'A' + 'a' : lang[i]);
	name[i] = '\0';
	/* "porter" is Snowball's old English one; the site says "en" */
	if (i > 0 && strcmp(name, "porter") != 0)
		st->sb = sb_stemmer_new(name, "UTF_8");
	st->wcap = 1024;
	st->wv = xcalloc(st->wcap, sizeof(*st->wv));
	return st;
}

int
sg_stemmer_stems(const struct sg_stemmer *st)
{
	return st->sb != NULL;
}

const char *
sg_stemmer_stem(struct sg_stemmer *st, const char *w, const char **word)
{
	size_t	 id;

	return sg_stemmer_stem_id(st, w, strlen(w), word, &id);
}

#define MIX1	0x9E3779B97F4A7C15ull
#define MIX2	0xC2B2AE3D27D4EB4Full

/* The hash of a word from its key: a multiply for each eight bytes,
 * where FNV-1a took one for each byte. */
static inline uint32_t
key_hash(uint64_t k0, uint64_t k1)
{
	return (uint32_t)((k0 * MIX1 ^ k1 * MIX2) >> 32);
}

/* The hash of the word w[0..n) of key k0 and k1: key_hash, and the bytes
 * past the key of a longer word. */
static uint32_t
word_hash(uint64_t k0, uint64_t k1, const char *w, size_t n)
{
	uint64_t	 x = k0 * MIX1 ^ k1 * MIX2, c;
	size_t		 i;

	for (i = KEY; i < n; i += 8) {
		c = 0;
		memcpy(&c, w + i, n - i < 8 ? n - i : 8);
		x = (x ^ x >> 32 ^ c) * MIX2;
	}
	return (uint32_t)(x >> 32);
}

/* The slot of the word w[0..n) (key k0 and k1, hash h) in st's table, or
 * the free slot where it goes. */
static inline struct wslot *
word_slot(const struct sg_stemmer *st, const char *w, size_t n, uint64_t k0,
    uint64_t k1, uint32_t h)
{
	struct wslot	*v = st->wv;
	size_t		 j, m = st->wcap - 1;

	for (j = h & m; v[j].key[0] != 0; j = (j + 1) & m)
		if (v[j].key[0] == k0 && v[j].key[1] == k1 && (n < KEY ||
		    (v[j].len == n && memcmp(st->ent[v[j].ent].word + KEY,
		    w + KEY, n - KEY) == 0)))
			break;
	return &v[j];
}

/* Adds entry e (its word of n bytes, key k0 and k1, hash h) to the table
 * of words, which grows to stay at most half full: a lookup then probes
 * 1.2 slots on average, where three quarters full took 1.6. */
static void
word_add(struct sg_stemmer *st, size_t e, size_t n, uint64_t k0, uint64_t k1,
    uint32_t h)
{
	struct wslot	*old = st->wv, *slot;
	size_t		 oldcap = st->wcap, i, j, m;

	if ((st->nent + 1) * 2 > st->wcap) {
		st->wcap *= 2;
		st->wv = xcalloc(st->wcap, sizeof(*st->wv));
		m = st->wcap - 1;
		/* the words are all different: each to the first free slot */
		for (i = 0; i < oldcap; i++) {
			if (old[i].key[0] == 0)
				continue;
			for (j = word_hash(old[i].key[0], old[i].key[1],
			    st->ent[old[i].ent].word, old[i].len) & m;
			    st->wv[j].key[0] != 0; j = (j + 1) & m)
				;
			st->wv[j] = old[i];
		}
		free(old);
	}
	slot = word_slot(st, st->ent[e].word, n, k0, k1, h);
	slot->key[0] = k0;
	slot->key[1] = k1;
	slot->len = (uint32_t)n;
	slot->ent = (uint32_t)e;
}

/* A word not seen before, w[0..n) of key k0 and k1 and hash h: interned,
 * stemmed, numbered and added. */
static struct sg_stem_word *
word_new(struct sg_stemmer *st, const char *w, size_t n, uint64_t k0,
    uint64_t k1, uint32_t h)
{
	const sb_symbol		*r;
	struct sg_stem_word	*e;
	size_t			*slot, k;
	const char		*iw, *is;
	int			 added;

	iw = intern(st, w, n);
	is = iw;
	if (st->sb && (r = sb_stemmer_stem(st->sb, (const sb_symbol *)w,
	    (int)n)) != NULL) {
		k = (size_t)sb_stemmer_length(st->sb);
		if (k != n || memcmp(r, w, n) != 0)
			is = intern(st, (const char *)r, k);
	}
	if (st->nent == st->capent) {
		st->capent = st->capent ? st->capent * 2 : 256;
		st->ent = xrealloc(st->ent, st->capent * sizeof(*st->ent));
	}
	e = &st->ent[st->nent];
	memset(e, 0, sizeof(*e));
	e->word = iw;
	e->stem = is;
	/* the stem's number: the same for each word that gives it (the
	 * pointer stays the word's own when it is its own stem) */
	slot = sg_smap_get(&st->stems, is, 1, &added);
	if (added) {
		*slot = st->stems.len - 1;
		if (*slot == st->capstem) {
			st->capstem = st->capstem ? st->capstem * 2 : 256;
			st->stemv = xrealloc(st->stemv, st->capstem *
			    sizeof(*st->stemv));
		}
		st->stemv[*slot] = is;
	}
	e->id = *slot;
	/* (a word intern() cut short is looked up again each time; the
	 * empty word has no key) */
	if (n > 0 && n < ARENA && st->nent < UINT32_MAX)
		word_add(st, st->nent, n, k0, k1, h);
	st->nent++;
	return e;
}

struct sg_stem_word *
sg_stemmer_word(struct sg_stemmer *st, const char *w, size_t n)
{
	struct wslot	*ws;
	uint64_t	 k0, k1;
	uint32_t	 h;

	k0 = sg_search_get8(w);
	k1 = sg_search_get8(w + 8);
	h = word_hash(k0, k1, w, n);
	if (n > 0 && (ws = word_slot(st, w, n, k0, k1, h))->key[0] != 0)
		return &st->ent[ws->ent];
	return word_new(st, w, n, k0, k1, h);
}

/* The next word of s[*pos..len) through word_at and the word's buffer,
 * as sg_stemmer_words finds it: its entry, NULL at the end. */
static struct sg_stem_word *
next_word(struct sg_stemmer *st, const char *s, size_t len, size_t *pos,
    size_t max)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i = *pos;

	for (;;) {
		i = to_word(u, len, i);
		if (i >= len) {
			*pos = i;
			return NULL;
		}
		i = word_at(u, len, i, &st->word);
		if (st->word.len > 0 && st->word.len <= max) {
			*pos = i;
			return sg_stemmer_word(st, st->word.data,
			    st->word.len);
		}
	}
}

/* The entry of the new word of key k0 and k1 (n bytes, hash h). */
static size_t __attribute__((noinline))
short_new(struct sg_stemmer *st, size_t n, uint64_t k0, uint64_t k1,
    uint32_t h)
{
	struct sg_buf	*word = &st->word;

	word->len = 0;
	sg_buf_grow(word, KEY);
	sg_search_put8(word->data, k0);
	sg_search_put8(word->data + 8, k1);
	word->len = n;
	word_new(st, word->data, n, k0, k1, h);
	return st->nent - 1;
}

/* The key of the ASCII word of n bytes (0 < n < KEY) at w, which can be
 * read for 16 bytes: the word is all letters and digits, which 0x20 sets
 * in lower case (digits have it), then zeros. */
static inline void
short_key(const unsigned char *w, size_t n, uint64_t *k0, uint64_t *k1)
{
	uint64_t	 v0 = sg_search_get8(w) | 0x20 * ONES;

	if (n < 8) {
		*k0 = v0 & ~(~0ull << 8 * n);
		*k1 = 0;
	} else {
		*k0 = v0;
		*k1 = (sg_search_get8(w + 8) | 0x20 * ONES) &
		    ~(~0ull << 8 * (n - 8));
	}
}

/* The entry number of the word of key k0 and k1 (n bytes), added when
 * st has not seen it. */
static inline size_t
short_entry(struct sg_stemmer *st, size_t n, uint64_t k0, uint64_t k1)
{
	const struct wslot	*v = st->wv;
	size_t			 j, m = st->wcap - 1;
	uint32_t		 h = key_hash(k0, k1);

	for (j = h & m; v[j].key[0] != 0; j = (j + 1) & m)
		if (v[j].key[0] == k0 && v[j].key[1] == k1)
			return v[j].ent;
	return short_new(st, n, k0, k1, h);
}

/* The words of a text are found from its bits (sg_search_bits), 64 bytes
 * at a time: where the next word starts is the lowest bit of a number,
 * and the length of its letters and digits the count of ones above it.
 * A word of them shorter than KEY and ended by ASCII has its key made
 * from its bytes with one OR, and is looked up without a call; the rest
 * (a character past ASCII in it or right after it, a longer word) go
 * through next_word. Where each word was tokenized, folded and looked up
 * through a call of its own with all its registers saved, this is 90
 * instructions a word (its text's copy and bits included) of 130. */
struct sg_stem_word *
sg_stemmer_words(struct sg_stemmer *st, const char *s, size_t len,
    size_t max, const size_t **id, size_t *count)
{
	struct sg_stem_word	*e;
	unsigned char		*u;
	uint64_t		*b, sm, wm, nx, k0, k1;
	size_t			 nb = len / 64 + 1, p = 0, k = 0, blk, at, pos;
	size_t			 n, lim, *ids;

	if (len + 64 + 16 > st->captext) {
		/* (each word takes a byte at least) */
		st->captext = len + 64 + 16 + 256;
		free(st->text);
		free(st->bits);
		free(st->id);
		st->text = xmalloc(st->captext);
		st->bits = xmalloc(2 * (st->captext / 64 + 1) *
		    sizeof(*st->bits));
		st->id = xmalloc(st->captext * sizeof(*st->id));
	}
	/* a copy, with zeros after it to the end of its last 64 bytes and
	 * 16 more, for the keys of words at its end: a copy costs less
	 * than a test of each word for it */
	u = st->text;
	memcpy(u, s, len);
	memset(u + len, 0, 64 + 16);
	b = st->bits;
	ids = st->id;
	sg_search_bits((const char *)u, nb, b);
	lim = max < KEY - 1 ? max : KEY - 1;
	while ((blk = p >> 6) < nb) {
		sm = b[2 * blk + 1] & ~0ull << (p & 63);
		wm = b[2 * blk];
		p = (blk + 1) << 6;
		while (sm != 0) {
			at = (size_t)__builtin_ctzll(sm);
			pos = blk << 6 | at;
			/* its letters and digits (none: it starts past
			 * ASCII), and is the byte after them past ASCII? (a
			 * word that goes on into the next 64 bytes has them:
			 * the byte at len is in the bits) */
			nx = ~(wm >> at);
			n = nx ? (size_t)__builtin_ctzll(nx) : 64;
			if (at + n < 64) {
				if (n - 1 >= lim || (sm >> (at + n) & 1))
					goto slow;
				/* on past the byte that ended it, which is
				 * no word's */
				sm &= ~0ull << (at + n) << 1;
			} else {
				nx = ~b[2 * blk + 2];
				n += nx ? (size_t)__builtin_ctzll(nx) : 64;
				if (n > lim || (b[2 * blk + 3] >> (at + n - 64) &
				    1))
					goto slow;
				sm = 0;
				p = pos + n + 1;
			}
			short_key(u + pos, n, &k0, &k1);
			ids[k++] = short_entry(st, n, k0, k1);
		}
		continue;
slow:
		p = pos;
		if ((e = next_word(st, s, len, &p, max)) == NULL)
			break;
		ids[k++] = (size_t)(e - st->ent);
	}
	*id = ids;
	*count = k;
	return st->ent;
}

const char *
sg_stemmer_stem_id(struct sg_stemmer *st, const char *w, size_t n,
    const char **word, size_t *id)
{
	struct sg_stem_word	*e;
	char			 key[KEY];

	/* a short word with the zeros after it that the key needs */
	if (n < KEY) {
		memset(key, 0, sizeof(key));
		memcpy(key, w, n);
		w = key;
	}
	e = sg_stemmer_word(st, w, n);
	*word = e->word;
	*id = e->id;
	return e->stem;
}

void
sg_stemmer_unmark(struct sg_stemmer *st)
{
	size_t	 i;

	for (i = 0; i < st->nent; i++)
		st->ent[i].mark = 0;
}

size_t
sg_stemmer_count(const struct sg_stemmer *st)
{
	return st->nent;
}

void
sg_stemmer_entry(const struct sg_stemmer *st, size_t i, const char **word,
    const char **stem)
{
	*word = st->ent[i].word;
	*stem = st->ent[i].stem;
}

const struct sg_stem_word *
sg_stemmer_entries(const struct sg_stemmer *st, size_t *n)
{
	*n = st->nent;
	return st->ent;
}

size_t
sg_stemmer_nstems(const struct sg_stemmer *st)
{
	return st->stems.len;
}

const char *
sg_stemmer_stem_of(const struct sg_stemmer *st, size_t id)
{
	return st->stemv[id];
}

void
sg_stemmer_free(struct sg_stemmer *st)
{
	struct arena	*a, *next;

	if (st == NULL)
		return;
	if (st->sb)
		sb_stemmer_delete(st->sb);
	for (a = st->arena; a; a = next) {
		next = a->next;
		free(a);
	}
	free(st->wv);
	free(st->text);
	free(st->bits);
	free(st->id);
	sg_buf_free(&st->word);
	sg_smap_free(&st->stems);
	free(st->stemv);
	free(st->ent);
	free(st);
}
