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

#define FNV_BASIS	2166136261u
#define FNV_PRIME	16777619u

static uint32_t
hash_n(const char *s, size_t n)
{
	uint32_t	 h = FNV_BASIS;
	size_t		 i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * FNV_PRIME;
	return h;
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
 * word ends; sets *h to its hash (hash_n), made as ASCII is copied. */
static size_t
word_at(const unsigned char *u, size_t len, size_t i, struct sg_buf *word,
    uint32_t *h)
{
	size_t		 start = i, at, next, n = 0, stop;
	uint32_t	 x = FNV_BASIS;
	int		 ascii = 1;
	unsigned char	 c;
	char		*d;
	long		 cp;

	word->len = 0;
	sg_buf_grow(word, 16);
	for (;;) {
		/* a run of ASCII word characters, lowercased and hashed as
		 * it is copied, in one pass (a call a character, then a
		 * pass to find the run's end, one to copy it and one to hash
		 * it made the tokenizer a fifteenth of a build's
		 * instructions) */
		d = word->data;
		n = word->len;
		for (;;) {
			/* as far as the room there is (a NUL's left), so
			 * that the loop tests no capacity */
			stop = word->cap - n - 1 < len - i ? i + word->cap -
			    n - 1 : len;
			while (i < stop && (c = ascii_word[u[i]]) != 0) {
				d[n++] = (char)c;
				x = (x ^ c) * FNV_PRIME;
				i++;
			}
			if (i < stop || i >= len || ascii_word[u[i]] == 0)
				break;
			word->len = n;
			sg_buf_grow(word, 16);
			d = word->data;
		}
		word->len = n;
		if (i >= len || u[i] < 0x80)
			break;
		/* through a copy: i's address, given away here, kept it in
		 * memory in the loop above, reloaded after each byte stored
		 * (a store through char * may change anything), 14
		 * instructions a character */
		at = next = i;
		cp = sg_utf8_next(u, len, &next);
		i = next;
		if (cp >= 0 && sg_search_unspaced((unsigned long)cp)) {
			/* it ends the word before it, or makes a pair */
			if (at > start)
				i = at;
			else {
				i = pair_at(u, len, at, i, word);
				ascii = 0;
			}
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
		ascii = 0;
	}
	word->data[word->len] = '\0';
	*h = ascii ? x : hash_n(word->data, word->len);
	return i;
}

int
sg_search_token_h(const char *s, size_t len, size_t *pos, struct sg_buf *word,
    uint32_t *hash)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i = *pos;

	for (;;) {
		/* to the next word character, or character past ASCII */
		while (i < len && u[i] < 0x80 && !ascii_word[u[i]])
			i++;
		if (i >= len) {
			*pos = i;
			word->len = 0;
			if (word->data)
				word->data[0] = '\0';
			return 0;
		}
		i = word_at(u, len, i, word, hash);
		if (word->len > 0) {
			*pos = i;
			return 1;
		}
	}
}

int
sg_search_token(const char *s, size_t len, size_t *pos, struct sg_buf *word)
{
	uint32_t	 h;

	return sg_search_token_h(s, len, pos, word, &h);
}

/* ---- stemming ---- */

#define ARENA	(64 * 1024)

struct arena {
	struct arena	*next;
	size_t		 used;
	char		 data[ARENA];
};

/* A slot of the stemmer's table of words: open addressing on the word's
 * FNV-1a hash. A word of up to WORD_INLINE bytes is kept in the slot
 * itself, so that finding it again (the same few hundred words, over and
 * over: the lookups and their strcmp were 4% of a build) reads no other
 * memory. */
#define WORD_INLINE	20

struct wslot {
	uint32_t	 hash;
	uint32_t	 len;		/* 0: a free slot (no word is empty) */
	uint32_t	 ent;		/* the word's index in ent */
	char		 text[WORD_INLINE]; /* the word, when it fits */
};

struct sg_stemmer {
	struct sb_stemmer	*sb;		/* NULL: no stemming */
	struct wslot		*wv;		/* the words seen, by hash */
	size_t			 wcap;		/* a power of two, or 0 */
	struct {
		const char	*word;
		const char	*stem;
		size_t		 id;		/* the stem's number */
	}			*ent;
	size_t			 nent, capent;
	struct sg_smap		 stems;		/* stem → its number */
	struct arena		*arena;
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

/* The slot of word w[0..n) (hash h) in st's table, or the free slot where
 * it goes. */
static struct wslot *
word_slot(const struct sg_stemmer *st, const char *w, size_t n, uint32_t h)
{
	struct wslot	*v = st->wv;
	size_t		 j;

	for (j = h & (st->wcap - 1); v[j].len != 0; j = (j + 1) &
	    (st->wcap - 1))
		if (v[j].hash == h && v[j].len == n && memcmp(n <=
		    WORD_INLINE ? v[j].text : st->ent[v[j].ent].word, w,
		    n) == 0)
			break;
	return &v[j];
}

/* Adds entry e (its word of n bytes, hash h) to the table of words. */
static void
word_add(struct sg_stemmer *st, size_t e, size_t n, uint32_t h)
{
	struct wslot	*old = st->wv, *slot;
	size_t		 oldcap = st->wcap, i;

	if ((st->nent + 1) * 4 > st->wcap * 3) {
		st->wcap = st->wcap ? st->wcap * 2 : 1024;
		st->wv = xcalloc(st->wcap, sizeof(*st->wv));
		for (i = 0; i < oldcap; i++)
			if (old[i].len != 0) {
				slot = word_slot(st, old[i].len <= WORD_INLINE ?
				    old[i].text : st->ent[old[i].ent].word,
				    old[i].len, old[i].hash);
				*slot = old[i];
			}
		free(old);
	}
	slot = word_slot(st, st->ent[e].word, n, h);
	slot->hash = h;
	slot->len = (uint32_t)n;
	slot->ent = (uint32_t)e;
	if (n <= WORD_INLINE)
		memcpy(slot->text, st->ent[e].word, n);
}

const char *
sg_stemmer_stem_id(struct sg_stemmer *st, const char *w, size_t n,
    const char **word, size_t *id)
{
	return sg_stemmer_stem_hid(st, w, n, hash_n(w, n), word, id);
}

const char *
sg_stemmer_stem_hid(struct sg_stemmer *st, const char *w, size_t n,
    uint32_t h, const char **word, size_t *id)
{
	const sb_symbol	*r;
	struct wslot	*ws;
	size_t		*slot, k;
	const char	*iw, *is;
	int		 added;

	if (st->wcap > 0 && n > 0 && (ws = word_slot(st, w, n, h))->len) {
		*word = st->ent[ws->ent].word;
		*id = st->ent[ws->ent].id;
		return st->ent[ws->ent].stem;
	}
	iw = intern(st, w, n);
	is = iw;
	if (st->sb && (r = sb_stemmer_stem(st->sb, (const sb_symbol *)w,
	    (int)n)) != NULL) {
		k = (size_t)sb_stemmer_length(st->sb);
		if (k != n || memcmp(r, w, n) != 0)
			is = intern(st, (const char *)r, k);
	}
	/* the stem's number: the same for each word that gives it (the
	 * pointer stays the word's own when it is its own stem) */
	slot = sg_smap_get(&st->stems, is, 1, &added);
	if (added)
		*slot = st->stems.len - 1;
	*id = *slot;
	if (st->nent == st->capent) {
		st->capent = st->capent ? st->capent * 2 : 256;
		st->ent = xrealloc(st->ent, st->capent * sizeof(*st->ent));
	}
	st->ent[st->nent].word = iw;
	st->ent[st->nent].stem = is;
	st->ent[st->nent].id = *id;
	/* (a word intern() cut short is looked up again each time) */
	if (n > 0 && n < ARENA && st->nent < UINT32_MAX)
		word_add(st, st->nent, n, h);
	st->nent++;
	*word = iw;
	return is;
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
	sg_smap_free(&st->stems);
	free(st->ent);
	free(st);
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

void
sg_search_json_str(struct sg_buf *b, const char *s, size_t n)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i = 0, at;
	long			 c;

	sg_buf_putc(b, '"');
	while (i < n) {
		/* a run of bytes as they are, at once */
		for (at = i; i < n && json_plain[u[i]]; i++)
			;
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
