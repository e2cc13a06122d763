/* test_search_token.c: the search index's words: the tokenizer, case and
 * accent folding, the pairs of unspaced scripts, the stemmer and its
 * table of words, and JSON strings. The index itself is test_search.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "out/search/search.h"
#include "out/search/search_int.h"
#include "search_text.h"
#include "util.h"

/* The words of s, folded, joined by '|'. */
static char *
words(const char *s)
{
	struct sg_buf	 out = { NULL, 0, 0 }, w = { NULL, 0, 0 };
	size_t		 pos = 0;

	while (sg_search_token(s, strlen(s), &pos, &w)) {
		if (out.len)
			sg_buf_putc(&out, '|');
		sg_buf_put(&out, w.data, w.len);
	}
	sg_buf_free(&w);
	if (out.data == NULL)
		sg_buf_puts(&out, "");
	return sg_buf_detach(&out);
}

#define CHECK_WORDS(in, want) do {					\
	char *got_ = words(in);						\
	CHECK_STR(got_, want);						\
	free(got_);							\
} while (0)

static void
tokenizer_splits_words(void)
{
	CHECK_WORDS("Hello, world!", "hello|world");
	CHECK_WORDS("x86_64 and sg_node_new()", "x86|64|and|sg|node|new");
	CHECK_WORDS("a\xe2\x80\x94" "b \xe2\x80\x9cquoted\xe2\x80\x9d",
	    "a|b|quoted");
	CHECK_WORDS("", "");
	CHECK_WORDS("  ...  ", "");
	CHECK_WORDS("ONE\ttwo\nThree", "one|two|three");
}

static void
tokenizer_folds_case_and_accents(void)
{
	CHECK_WORDS("Caf\xc3\xa9 na\xc3\xafve \xc3\x89t\xc3\xa9",
	    "cafe|naive|ete");
	CHECK_WORDS("Stra\xc3\x9f" "e \xc3\x86sir \xc5\x92uvre",
	    "strasse|aesir|oeuvre");
	CHECK_WORDS("\xc5\x81\xc3\xb3" "d\xc5\xba \xc4\x8c" "esk\xc3\xbd",
	    "lodz|cesky");
	/* a decomposed accent: e and U+0301 */
	CHECK_WORDS("Cafe\xcc\x81", "cafe");
	/* × is a sign, not a letter */
	CHECK_WORDS("3\xc3\x97" "4", "3|4");
	/* beyond Latin, words are kept as written */
	CHECK_WORDS("\xd0\x9c\xd0\xb8\xd1\x80 \xe6\x97\xa5\xe6\x9c\xac",
	    "\xd0\x9c\xd0\xb8\xd1\x80|\xe6\x97\xa5\xe6\x9c\xac");
}

/* Scripts without spaces between words are indexed as overlapping pairs
 * of characters; a character alone is a word of one; such a character
 * ends a word of another script next to it. */
static void
tokenizer_pairs_unspaced_scripts(void)
{
	/* 検索機能 */
	CHECK_WORDS("\xe6\xa4\x9c\xe7\xb4\xa2\xe6\xa9\x9f\xe8\x83\xbd",
	    "\xe6\xa4\x9c\xe7\xb4\xa2|\xe7\xb4\xa2\xe6\xa9\x9f|"
	    "\xe6\xa9\x9f\xe8\x83\xbd");
	/* Lambda関数を使う: Latin, then pairs across Han and kana */
	CHECK_WORDS("Lambda\xe9\x96\xa2\xe6\x95\xb0\xe3\x82\x92",
	    "lambda|\xe9\x96\xa2\xe6\x95\xb0|\xe6\x95\xb0\xe3\x82\x92");
	/* 日 alone, then x, then 本 alone; punctuation 、 splits runs */
	CHECK_WORDS("\xe6\x97\xa5 x \xe6\x9c\xac\xe3\x80\x81\xe8\xaa\x9e",
	    "\xe6\x97\xa5|x|\xe6\x9c\xac|\xe8\xaa\x9e");
	/* Thai ภาษา, code point by code point */
	CHECK_WORDS("\xe0\xb8\xa0\xe0\xb8\xb2\xe0\xb8\xa9\xe0\xb8\xb2",
	    "\xe0\xb8\xa0\xe0\xb8\xb2|\xe0\xb8\xb2\xe0\xb8\xa9|"
	    "\xe0\xb8\xa9\xe0\xb8\xb2");
	/* Han past the BMP (U+20BB7) pairs like the rest */
	CHECK_WORDS("\xf0\xa0\xae\xb7\xe9\x87\x8e",
	    "\xf0\xa0\xae\xb7\xe9\x87\x8e");
	/* Korean is written with spaces: its words stay whole */
	CHECK_WORDS("\xed\x95\x9c\xea\xb5\xad\xec\x96\xb4 ok",
	    "\xed\x95\x9c\xea\xb5\xad\xec\x96\xb4|ok");
	/* a run cut by a bad byte */
	CHECK_WORDS("\xe6\x97\xa5\xff\xe6\x9c\xac", "\xe6\x97\xa5|\xe6\x9c\xac");
}

static void
tokenizer_survives_bad_utf8(void)
{
	CHECK_WORDS("ab\xff" "cd", "ab|cd");
	CHECK_WORDS("\xc0\x80x\xed\xa0\x80y\xe2\x82", "x|y");
	CHECK_WORDS("\xcc\x81\xcc\x81 a", "a");
}

static void
stemmer_english(void)
{
	struct sg_stemmer	*st = sg_stemmer_new("en");
	const char		*w1, *w2, *a, *b;

	CHECK(sg_stemmer_stems(st));
	a = sg_stemmer_stem(st, "idempotent", &w1);
	b = sg_stemmer_stem(st, "idempotency", &w2);
	CHECK_STR(a, "idempot");
	CHECK_STR(a, b);
	CHECK_STR(w1, "idempotent");
	CHECK_STR(w2, "idempotency");
	CHECK(sg_stemmer_stem(st, "idempotent", &w2) == a && w2 == w1);
	CHECK_STR(sg_stemmer_stem(st, "retries", &w1),
	    sg_stemmer_stem(st, "retry", &w2));
	CHECK_STR(sg_stemmer_stem(st, "wallet", &w1), "wallet");
	CHECK(sg_stemmer_stem(st, "wallet", &w1) == w1);
	sg_stemmer_free(st);
	st = sg_stemmer_new("en-GB");
	CHECK(sg_stemmer_stems(st));
	CHECK_STR(sg_stemmer_stem(st, "running", &w1), "run");
	sg_stemmer_free(st);
}

/* Thousands of words, short ones kept in the table's slots and long ones
 * not, each found again as the same interned word, stem and number after
 * the table has grown several times. */
static void
stemmer_many_words(void)
{
	struct sg_stemmer	*st = sg_stemmer_new("en");
	static const char	*w1[3000], *s1[3000];
	static size_t		 id1[3000];
	const char		*w, *s;
	char			 buf[64];
	size_t			 i, id;
	int			 same = 1, ids = 1;

	for (i = 0; i < 3000; i++) {
		snprintf(buf, sizeof(buf), i % 2 ? "w%zu" :
		    "a-rather-long-word-number-%zu", i);
		s1[i] = sg_stemmer_stem_id(st, buf, strlen(buf), &w1[i],
		    &id1[i]);
	}
	for (i = 0; i < 3000; i++) {
		snprintf(buf, sizeof(buf), i % 2 ? "w%zu" :
		    "a-rather-long-word-number-%zu", i);
		s = sg_stemmer_stem_id(st, buf, strlen(buf), &w, &id);
		if (s != s1[i] || w != w1[i] || strcmp(w, buf) != 0)
			same = 0;
		if (id != id1[i] || (i > 0 && id1[i] == id1[i - 1]))
			ids = 0;
	}
	CHECK(same);
	CHECK(ids);
	CHECK(sg_stemmer_count(st) == 3000);
	/* two words, one stem: one number */
	sg_stemmer_stem_id(st, "retries", 7, &w, &id);
	sg_stemmer_stem_id(st, "retry", 5, &w, &i);
	CHECK(id == i);
	sg_stemmer_free(st);
}

static void
stemmer_other_languages(void)
{
	struct sg_stemmer	*st = sg_stemmer_new("fr");
	const char		*w;

	CHECK(sg_stemmer_stems(st));
	CHECK_STR(sg_stemmer_stem(st, "continuellement", &w), "continuel");
	sg_stemmer_free(st);
	/* no stemmer: every word is its own stem */
	st = sg_stemmer_new("tlh");
	CHECK(!sg_stemmer_stems(st));
	CHECK_STR(sg_stemmer_stem(st, "idempotency", &w), "idempotency");
	sg_stemmer_free(st);
	st = sg_stemmer_new("");
	CHECK(!sg_stemmer_stems(st));
	sg_stemmer_free(st);
	sg_stemmer_free(NULL);
}

/* Words of every length up to 300, plain and after a folded letter, come
 * back whole and lowered, followed by the 16 zero bytes sg_stemmer_word
 * reads as their key, however the word buffer had to grow on the way. */
static void
tokenizer_long_words(void)
{
	static const char	 zeros[16];
	struct sg_buf		 in = { NULL, 0, 0 }, w = { NULL, 0, 0 };
	size_t			 n, k, pos;
	int			 ok = 1;

	for (n = 1; n <= 300 && ok; n++) {
		in.len = 0;
		for (k = 0; k < n; k++)
			sg_buf_putc(&in, k % 2 ? 'b' : 'A');
		sg_buf_puts(&in, " \xc3\x89");	/* É, folded to e */
		for (k = 0; k < n; k++)
			sg_buf_putc(&in, 'X');
		pos = 0;
		ok &= sg_search_token(in.data, in.len, &pos, &w) == 1 &&
		    w.len == n && strspn(w.data, "ab") == n &&
		    w.data[0] == 'a' && w.cap >= n + 17 &&
		    memcmp(w.data + n, zeros, 16) == 0;
		ok &= sg_search_token(in.data, in.len, &pos, &w) == 1 &&
		    w.len == n + 1 && w.data[0] == 'e' &&
		    strspn(w.data + 1, "x") == n && w.cap >= n + 18 &&
		    memcmp(w.data + n + 1, zeros, 16) == 0;
		ok &= sg_search_token(in.data, in.len, &pos, &w) == 0;
	}
	CHECK(ok);
	sg_buf_free(&in);
	sg_buf_free(&w);
}

/* sg_stemmer_words finds the words sg_search_token finds, but those over
 * the length given, and each is the stemmer's entry of that word: its
 * fast path for short ASCII words (found from the text's bits, a key
 * made in registers up to the end of the text) agrees with the tokenizer
 * and sg_stemmer_word on every word, at every distance from the end of
 * the text, and texts longer than 64 bytes have words across the bits'
 * blocks. */
static void
stemmer_words_finds_the_tokens(void)
{
	struct sg_stemmer	*st = sg_stemmer_new("en");
	struct sg_stem_word	*e;
	struct sg_buf		 text = { NULL, 0, 0 }, w = { NULL, 0, 0 };
	unsigned long		 x = 1;
	const char		*word, *want[256];
	const size_t		*ids;
	size_t			 t, len, pos, n, k, id, count, got;
	int			 ok = 1;

	for (t = 0; t < 3000 && ok; t++) {
		random_text(&text, &x);
		if (t % 3 == 0) {
			/* three texts in one, up to 64 bytes and more */
			random_text(&w, &x);
			sg_buf_put(&text, w.data, w.len);
			random_text(&w, &x);
			sg_buf_put(&text, w.data, w.len);
		}
		for (len = 0; len <= text.len; len++) {
			/* every prefix, so that each word ends the text */
			n = 0;
			pos = 0;
			while (sg_search_token(text.data, len, &pos, &w))
				if (w.len <= 48 && n < 256)
					sg_stemmer_stem_id(st, w.data, w.len,
					    &want[n++], &id);
			count = sg_stemmer_count(st);
			e = sg_stemmer_words(st, text.data, len, 48, &ids,
			    &got);
			ok &= got == n && sg_stemmer_count(st) == count;
			for (k = 0; k < got && k < n; k++)
				ok &= e[ids[k]].word == want[k] &&
				    e[ids[k]].stem == sg_stemmer_stem(st,
				    e[ids[k]].word, &word) &&
				    word == e[ids[k]].word;
		}
	}
	CHECK(ok);
	/* a maximum below the key's length passes short words over too */
	e = sg_stemmer_words(st, "abcdefgh abc abcdefghi", 22, 3, &ids, &got);
	CHECK(got == 1 && strcmp(e[ids[0]].word, "abc") == 0);
	sg_buf_free(&text);
	sg_buf_free(&w);
	sg_stemmer_free(st);
}

/* sg_search_bits marks each byte as a test of it would: letters and
 * digits, and those and the bytes past ASCII, over every number of
 * blocks and alignment. */
static void
search_bits_mark_the_bytes(void)
{
	unsigned char	 in[5 * 64 + 8];
	uint64_t	 b[2 * 5];
	unsigned long	 x = 7;
	size_t		 n, i, off, r;
	int		 ok = 1, word, start;

	for (r = 0; r < 400 && ok; r++) {
		for (i = 0; i < sizeof(in); i++) {
			x = x * 1103515245 + 12345;
			/* ASCII mostly, each byte now and then */
			in[i] = (unsigned char)(x >> 16 & (r % 3 ? 0x7f :
			    0xff));
		}
		n = r % 6;
		off = r % 8;
		memset(b, 0xAA, sizeof(b));
		sg_search_bits((const char *)in + off, n, b);
		for (i = 0; i < 64 * n; i++) {
			word = (in[off + i] >= '0' && in[off + i] <= '9') ||
			    ((in[off + i] | 0x20) >= 'a' &&
			    (in[off + i] | 0x20) <= 'z');
			start = word || in[off + i] >= 0x80;
			ok &= (int)(b[2 * (i / 64)] >> i % 64 & 1) == word &&
			    (int)(b[2 * (i / 64) + 1] >> i % 64 & 1) == start;
		}
	}
	CHECK(ok);
}

/* sg_search_plain copies the longest plain start of a text, whole
 * eights of its bytes: no white space but single spaces, none at the
 * start after a space, within the room given. */
static void
search_plain_copies_plain_runs(void)
{
	static const char	 pick[] = "ab  \t\n\r\x01\xc3\xa9xyz.";
	unsigned char		 in[100];
	char			 out[100];
	unsigned long		 x = 3;
	size_t			 r, i, len, room, plain, got;
	int			 ok = 1, space;

	for (r = 0; r < 20000 && ok; r++) {
		x = x * 1103515245 + 12345;
		len = (x >> 16) % sizeof(in);
		x = x * 1103515245 + 12345;
		room = (x >> 16) % 120;
		space = (x >> 24) & 1;
		for (i = 0; i < len; i++) {
			x = x * 1103515245 + 12345;
			/* mostly letters, now and then anything */
			in[i] = (x >> 16) % 5 ? (unsigned char)pick[(x >> 20) %
			    (sizeof(pick) - 1)] : 'q';
		}
		for (plain = 0; plain < len && plain < room; plain++)
			if ((in[plain] < 0x21 && in[plain] != ' ') ||
			    (in[plain] == ' ' && (plain > 0 ?
			    in[plain - 1] == ' ' : space)))
				break;
		got = sg_search_plain(out, in, len, room, space);
		ok &= got == plain / 8 * 8 && memcmp(out, in, got) == 0;
	}
	CHECK(ok);
}

/* The j letters a and b of the bits of i, NUL-terminated, into b. */
static void
tail(char *b, size_t i, size_t j)
{
	size_t	 k;

	for (k = 0; k < j; k++)
		b[k] = i >> k & 1 ? 'b' : 'a';
	b[j] = '\0';
}

/* Words alike in their first 16 bytes (the key kept in the table's
 * slots) and of 15, 16 and 17 bytes are told apart by their length and
 * the rest, before and after the table has grown. */
static void
stemmer_words_sharing_a_key(void)
{
	static const char	*alike[] = {
		"abcdefghijklmno", "abcdefghijklmnop", "abcdefghijklmnopq",
		"abcdefghijklmnopr", "abcdefghijklmnopqrstuvwxyz0123x",
		"abcdefghijklmnopqrstuvwxyz0123y", "abcdefghijklmnopqrstuvwxyz01"
	};
	struct sg_stemmer	*st = sg_stemmer_new("");
	const char		*w[7], *again;
	char			 buf[32];
	size_t			 i, j;
	int			 same = 1;

	for (i = 0; i < 7; i++) {
		sg_stemmer_stem(st, alike[i], &w[i]);
		CHECK_STR(w[i], alike[i]);
		for (j = 0; j < i; j++)
			CHECK(w[i] != w[j]);
	}
	CHECK(sg_stemmer_count(st) == 7);
	for (i = 0; i < 5000; i++) {
		snprintf(buf, sizeof(buf), "word%zu", i);
		sg_stemmer_stem(st, buf, &again);
	}
	for (i = 0; i < 7; i++) {
		sg_stemmer_stem(st, alike[i], &again);
		same &= again == w[i];
	}
	CHECK(same);
	CHECK(sg_stemmer_count(st) == 5007);
	/* the empty word has no key: a new entry each time, as before */
	sg_stemmer_stem(st, "", &again);
	CHECK_STR(again, "");
	CHECK(sg_stemmer_count(st) == 5008);
	sg_stemmer_free(st);
	/* 4094 words of one key, each the start of many others (added
	 * first, so that a shorter word's lookup meets longer ones) */
	st = sg_stemmer_new("");
	memcpy(buf, "abcdefghijklmnop", 16);
	for (j = 11; j >= 1; j--)
		for (i = 0; i < (size_t)1 << j; i++) {
			tail(buf + 16, i, j);
			sg_stemmer_stem(st, buf, &again);
			same &= strcmp(again, buf) == 0;
		}
	CHECK(same);
	CHECK(sg_stemmer_count(st) == 4094);
	sg_stemmer_free(st);
}

/* A JSON string: quotes, backslashes, "<" and control characters
 * escaped, valid UTF-8 as it is, invalid as U+FFFD. */
static void
json_strings(void)
{
	static const char	 in[] = "a\"b\\c<d>\x01\x1f\x7f "
	    "\xc3\xa9\xff\xe2\x82 z";
	struct sg_buf		 b = { NULL, 0, 0 }, t = { NULL, 0, 0 };
	struct sg_buf		 want = { NULL, 0, 0 };
	size_t			 i, j, k;
	int			 ok = 1;

	sg_search_json_str(&b, in, sizeof(in) - 1);
	CHECK_STR(b.data, "\"a\\\"b\\\\c\\u003cd>\\u0001\\u001f\x7f "
	    "\xc3\xa9\\ufffd\\ufffd\\ufffd z\"");
	b.len = 0;
	sg_search_json_str(&b, "", 0);
	CHECK_STR(b.data, "\"\"");
	/* the same after and before runs of plain bytes of every length,
	 * which are tested sixteen at a time */
	for (i = 0; i < 40 && ok; i++)
		for (k = 0; k < 40 && ok; k++) {
			t.len = 0;
			want.len = 0;
			sg_buf_putc(&want, '"');
			for (j = 0; j < i; j++) {
				sg_buf_putc(&t, 'x');
				sg_buf_putc(&want, 'x');
			}
			sg_buf_put(&t, in, sizeof(in) - 1);
			sg_buf_puts(&want, "a\\\"b\\\\c\\u003cd>\\u0001"
			    "\\u001f\x7f \xc3\xa9\\ufffd\\ufffd\\ufffd z");
			for (j = 0; j < k; j++) {
				sg_buf_putc(&t, j % 2 ? 'y' : ' ');
				sg_buf_putc(&want, j % 2 ? 'y' : ' ');
			}
			sg_buf_putc(&want, '"');
			b.len = 0;
			sg_search_json_str(&b, t.data, t.len);
			ok &= strcmp(b.data, want.data) == 0;
		}
	CHECK(ok);
	sg_buf_free(&b);
	sg_buf_free(&t);
	sg_buf_free(&want);
}

int
main(void)
{
	TEST(tokenizer_splits_words);
	TEST(tokenizer_folds_case_and_accents);
	TEST(tokenizer_pairs_unspaced_scripts);
	TEST(tokenizer_survives_bad_utf8);
	TEST(tokenizer_long_words);
	TEST(stemmer_words_finds_the_tokens);
	TEST(search_bits_mark_the_bytes);
	TEST(search_plain_copies_plain_runs);
	TEST(stemmer_words_sharing_a_key);
	TEST(json_strings);
	TEST(stemmer_english);
	TEST(stemmer_many_words);
	TEST(stemmer_other_languages);
	HARNESS_EXIT();
}
