/* test_search.c: the search index's tokenizer, folding, stemming and
 * weights, and an index built from document trees made by hand. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "output.h"
#include "out/search/search.h"
#include "out/search/search_int.h"
#include "site.h"
#include "doc/tree.h"
#include "rmtree.h"
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

static void
weights_rank_fields(void)
{
	unsigned	 body = sg_search_weight(1, 0, 0, 100, 100);
	unsigned	 code = sg_search_weight(0.3f, 0, 0, 100, 100);
	unsigned	 head = sg_search_weight(1, 0, 1, 100, 100);
	unsigned	 title = sg_search_weight(1, 1, 0, 100, 100);

	CHECK(code < body);
	CHECK(body < head);
	CHECK(head < title);
	/* more occurrences weigh more, but saturate */
	CHECK(sg_search_weight(3, 0, 0, 100, 100) > body);
	CHECK(sg_search_weight(50, 0, 0, 100, 100) < head + title);
	/* the same count on a longer page weighs less */
	CHECK(sg_search_weight(2, 0, 0, 400, 100) <
	    sg_search_weight(2, 0, 0, 50, 100));
	/* and every weight fits one character */
	CHECK(sg_search_weight(1000, 1, 1, 1, 100) <= 63);
	CHECK(sg_search_weight(0, 0, 0, 100, 100) >= 1);
}

/* ---- an index from trees made by hand ---- */

static struct sg_node *
add(struct sg_doc *d, struct sg_node *parent, enum sg_node_kind k,
    const char *text)
{
	struct sg_node	*n = sg_node_new(d, k, 1, 1);

	if (text) {
		n->text = sg_doc_strndup(d, text, strlen(text));
		n->len = strlen(text);
	}
	sg_node_append(parent, n);
	return n;
}

static void
heading(struct sg_doc *d, const char *id, const char *text)
{
	struct sg_node	*h = add(d, sg_doc_root(d), SG_NODE_HEADING, NULL);

	h->u.heading.level = 2;
	h->u.heading.id = sg_doc_strndup(d, id, strlen(id));
	add(d, h, SG_NODE_TEXT, text);
}

static void
para(struct sg_doc *d, const char *text)
{
	add(d, add(d, sg_doc_root(d), SG_NODE_PARAGRAPH, NULL),
	    SG_NODE_TEXT, text);
}

/* One posting decoded from a shard: page, section, weight. */
struct post {
	unsigned	 page, sec, w;
};

static unsigned
val(char c)
{
	static const char d[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz-_";

	return (unsigned)(strchr(d, c) - d);
}

static unsigned
num(const char **p)
{
	unsigned	 v = 0, shift = 0, c;

	while ((c = val(*(*p)++)) >= 32) {
		v |= (c - 32) << shift;
		shift += 5;
	}
	return v | c << shift;
}

/* The postings of stem in the shard file at path, into p (at most 8). */
static size_t
postings(const char *path, const char *stem, struct post *p)
{
	char		*text, *key, *s;
	const char	*q;
	size_t		 n = 0, len;
	unsigned	 page = 0;

	if ((text = sg_file_read(path, &len)) == NULL)
		return 0;
	key = xasprintf("\"%s\":[\"", stem);
	if ((s = strstr(text, key)) != NULL) {
		q = s + strlen(key);
		while (*q != '"' && n < 8) {
			page += num(&q);
			p[n].page = page;
			p[n].sec = num(&q);
			p[n].w = val(*q++);
			n++;
		}
	}
	free(key);
	free(text);
	return n;
}

static void
index_from_trees(void)
{
	struct sg_site		 site;
	struct sg_options	 opt;
	struct sg_page		 pg[3], *pages[3];
	struct sg_output	*out;
	struct sg_search	*s;
	struct sg_search_stats	 st;
	struct post		 p[8];
	char			 dir[] = "/tmp/test_search_XXXXXX", *o, *f;
	size_t			 i, len;

	memset(&site, 0, sizeof(site));
	memset(&opt, 0, sizeof(opt));
	memset(pg, 0, sizeof(pg));
	site.opt = &opt;
	site.diag = sg_diag_new(stderr, 0);
	site.config.language = (char *)"en";
	for (i = 0; i < 3; i++) {
		pages[i] = &pg[i];
		pg[i].index = i;
		pg[i].md.doc = sg_doc_new();
	}
	site.pages = pages;
	site.npages = 3;
	pg[0].title = (char *)"Retries";
	pg[0].url = (char *)"/retries/";
	para(pg[0].md.doc, "A retry of a handler that is not idempotent "
	    "charges twice.");
	pg[1].title = (char *)"Denial of wallet";
	pg[1].url = (char *)"/security/dow/";
	para(pg[1].md.doc, "Scaling costs money.");
	heading(pg[1].md.doc, "denial-of-wallet", "Denial of wallet");
	para(pg[1].md.doc, "An attacker who cannot stop you can bill you.");
	heading(pg[1].md.doc, "idempotency", "Idempotency");
	para(pg[1].md.doc, "Run it twice, pay once.");
	add(pg[1].md.doc, sg_doc_root(pg[1].md.doc), SG_NODE_CODE_BLOCK,
	    "int wallet;");
	pg[2].title = (char *)"A draft about wallets";
	pg[2].url = (char *)"/draft/";
	pg[2].draft = 1;
	para(pg[2].md.doc, "Wallet wallet wallet.");

	s = sg_search_new(&site, 2);
	CHECK(s != NULL);
	if (s == NULL || mkdtemp(dir) == NULL)
		return;
	o = xasprintf("%s/out", dir);
	out = sg_out_open(o, dir, 0, 1, site.diag);
	/* in any order, on any worker */
	sg_search_page(s, 1, &pg[1]);
	sg_search_page(s, 0, &pg[0]);
	sg_search_page(s, 0, &pg[2]);
	CHECK(sg_search_write(s, out, &st) == 0);
	CHECK(sg_out_commit(out) == 0);
	CHECK(st.pages == 2);	/* no draft */

	f = xasprintf("%s/search/s/id.json", o);
	/* "idempotent" and "idempotency" are one term, on both pages */
	CHECK(postings(f, "idempot", p) == 2);
	CHECK(p[0].page == 0 && p[0].sec == 0);
	CHECK(p[1].page == 1 && p[1].sec == 2);	/* under its heading */
	CHECK(p[1].w > p[0].w);			/* a heading match */
	{
		/* the words it was made from, as suffixes of the stem */
		char	*shard = sg_file_read(f, &len);

		CHECK(shard && strstr(shard, "\",\"~ency\",\"~ent\"]"));
		free(shard);
	}
	free(f);
	f = xasprintf("%s/search/s/wa.json", o);
	CHECK(postings(f, "wallet", p) == 1);	/* not the draft's */
	CHECK(p[0].page == 1 && p[0].sec == 1);
	free(f);
	f = xasprintf("%s/search/p/0.json", o);
	{
		char	*frag = sg_file_read(f, &len);

		CHECK(frag && strstr(frag, "\"u\":\"/security/dow/\""));
		CHECK(frag && strstr(frag, "[\"denial-of-wallet\","
		    "\"Denial of wallet\"]"));
		CHECK(frag && strstr(frag, "\"An attacker who cannot stop "
		    "you can bill you.\""));
		free(frag);
	}
	free(f);
	f = xasprintf("%s/search/index.json", o);
	{
		char	*entry = sg_file_read(f, &len);

		CHECK(entry && strstr(entry, "\"pages\":2,"));
		CHECK(entry && strstr(entry, "\"stemmed\":true"));
		CHECK(entry && strstr(entry, "\"id\""));
		free(entry);
	}
	free(f);
	sg_rm_tree(dir);
	free(o);
	sg_search_free(s);
	for (i = 0; i < 3; i++)
		sg_doc_free(pg[i].md.doc);
	sg_diag_free(site.diag);
}

static void
search_false_opts_out(void)
{
	struct sg_site		 site;
	struct sg_options	 opt;
	struct sg_page		 pg, *pages[1];
	struct sg_value		*fm;
	struct sg_loc		 loc = { "x.md", 2, 1 };
	FILE			*null = fopen("/dev/null", "w");

	memset(&site, 0, sizeof(site));
	memset(&opt, 0, sizeof(opt));
	memset(&pg, 0, sizeof(pg));
	site.opt = &opt;
	site.diag = sg_diag_new(null, 0);
	site.config.language = (char *)"en";
	pages[0] = &pg;
	site.pages = pages;
	site.npages = 1;
	fm = sg_value_new(SG_MAP, &loc);
	sg_value_set(fm, "search", sg_value_new(SG_BOOL, &loc));
	pg.fm = fm;
	/* the only page opts out: nothing to index */
	CHECK(sg_search_new(&site, 1) == NULL);
	CHECK(sg_diag_errors(site.diag) == 0);
	sg_value_free(fm);
	/* search: "no" is a mistake, reported */
	fm = sg_value_new(SG_MAP, &loc);
	sg_value_set(fm, "search", sg_value_str("no", &loc));
	pg.fm = fm;
	CHECK(sg_search_new(&site, 1) == NULL);
	CHECK(sg_diag_errors(site.diag) == 1);
	sg_value_free(fm);
	sg_diag_free(site.diag);
	fclose(null);
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

/* A text of pieces chosen by x (a linear congruential generator's state,
 * moved on): words either side of 8 and 16 bytes and of the 48 the
 * indexer keeps, ASCII that goes on past it, folded letters, combining
 * accents, unspaced scripts, bad bytes, and separators or none. */
static void
random_text(struct sg_buf *b, unsigned long *x)
{
	static const char	*piece[] = {
		"a", "Ab", "wallet", "Lambda", "abcdefgh", "ABCDEFGHI",
		"idempotency", "abcdefghijklmno", "abcdefghijklmnop",
		"abcdefghijklmnopq", "x86", "2024", "\xc3\xa9t\xc3\xa9",
		"e\xcc\x81", "\xcc\x81", "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e",
		"\xe3\x83\xbb", "\xff", "\xe2\x80\x94", "\xc3\x97", "\t",
		"0123456789012345678901234567890123456789012345678",
		"012345678901234567890123456789012345678901234567",
		" ", " ", " ", ". ", "\n", "_", "-"
	};
	size_t			 i, n;

	b->len = 0;
	n = (*x >> 16) % 24;
	for (i = 0; i < n; i++) {
		*x = *x * 1103515245 + 12345;
		sg_buf_puts(b, piece[(*x >> 16) % (sizeof(piece) /
		    sizeof(*piece))]);
	}
	*x = *x * 1103515245 + 12345;
}

/* sg_stemmer_next finds the words sg_search_token finds, but those over
 * the length given, and each is the stemmer's entry of that word: its
 * fast path for short ASCII words (a key made in registers, eight or
 * sixteen bytes at a time, up to the end of the text) agrees with the
 * tokenizer and sg_stemmer_word on every word, at every distance from
 * the end of the text. */
static void
stemmer_next_finds_the_tokens(void)
{
	struct sg_stemmer	*st = sg_stemmer_new("en");
	struct sg_stem_word	*e;
	struct sg_buf		 text = { NULL, 0, 0 }, w = { NULL, 0, 0 };
	struct sg_buf		 w2 = { NULL, 0, 0 };
	unsigned long		 x = 1;
	const char		*word, *want[64];
	size_t			 t, len, pos, n, k, id, count;
	int			 ok = 1;

	for (t = 0; t < 3000 && ok; t++) {
		random_text(&text, &x);
		for (len = 0; len <= text.len; len++) {
			/* every prefix, so that each word ends the text */
			n = 0;
			pos = 0;
			while (sg_search_token(text.data, len, &pos, &w))
				if (w.len <= 48 && n < 64)
					sg_stemmer_stem_id(st, w.data, w.len,
					    &want[n++], &id);
			count = sg_stemmer_count(st);
			pos = 0;
			k = 0;
			while ((e = sg_stemmer_next(st, text.data, len, &pos,
			    &w2, 48)) != NULL) {
				ok &= k < n && e->word == want[k] &&
				    e->stem == sg_stemmer_stem(st, e->word,
				    &word) && word == e->word;
				k++;
			}
			ok &= k == n && pos == len &&
			    sg_stemmer_count(st) == count;
		}
	}
	CHECK(ok);
	/* a maximum below the key's length passes short words over too */
	pos = 0;
	e = sg_stemmer_next(st, "abcdefgh abc abcdefghi", 22, &pos, &w2, 3);
	CHECK(e && strcmp(e->word, "abc") == 0);
	CHECK(sg_stemmer_next(st, "abcdefgh abc abcdefghi", 22, &pos, &w2,
	    3) == NULL);
	sg_buf_free(&text);
	sg_buf_free(&w);
	sg_buf_free(&w2);
	sg_stemmer_free(st);
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

static int
cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The shard files of dir/search/s, each name and text in turn. */
static char *
shards(const char *dir)
{
	struct sg_buf	 b = { NULL, 0, 0 };
	char		*d = xasprintf("%s/search/s", dir), *f, *text;
	char		*names[256];
	struct dirent	*de;
	DIR		*dp;
	size_t		 i, n = 0, len;

	if ((dp = opendir(d)) != NULL) {
		while ((de = readdir(dp)) != NULL && n < 256)
			if (de->d_name[0] != '.')
				names[n++] = xstrdup(de->d_name);
		closedir(dp);
	}
	qsort(names, n, sizeof(*names), cmp_name);
	for (i = 0; i < n; i++) {
		f = xasprintf("%s/%s", d, names[i]);
		text = sg_file_read(f, &len);
		sg_buf_printf(&b, "%s\n%s\n", names[i], text ? text : "");
		free(text);
		free(f);
		free(names[i]);
	}
	free(d);
	sg_buf_puts(&b, "");
	return sg_buf_detach(&b);
}

/* The shards of an index of three pages on one worker: made for serve
 * (keep), or with the worker's page marks about to wrap before the last
 * page, when every mark must be cleared (the words' own too, or a word
 * would take a term of a page indexed before). */
static char *
index_of(int keep, int wrap)
{
	static const char	*text[3] = {
		"Retry the handler; retries of a retried handler charge "
		    "twice.",
		"The wallet pays: wallets, handlers and retries.",
		"A handler retries into a wallet, twice."
	};
	struct sg_site		 site;
	struct sg_options	 opt;
	struct sg_page		 pg[3], *pages[3];
	struct sg_output	*out;
	struct sg_search	*s;
	char			 dir[] = "/tmp/test_search_XXXXXX", *o, *r;
	size_t			 i;

	memset(&site, 0, sizeof(site));
	memset(&opt, 0, sizeof(opt));
	memset(pg, 0, sizeof(pg));
	site.opt = &opt;
	site.diag = sg_diag_new(stderr, 0);
	site.config.language = (char *)"en";
	for (i = 0; i < 3; i++) {
		pages[i] = &pg[i];
		pg[i].index = i;
		pg[i].title = (char *)"Retries";
		pg[i].url = (char *)"/";
		pg[i].md.doc = sg_doc_new();
		para(pg[i].md.doc, text[i]);
	}
	site.pages = pages;
	site.npages = 3;
	s = sg_search_new(&site, 1);
	if (s == NULL || mkdtemp(dir) == NULL)
		return xstrdup("");
	if (keep)
		sg_search_keep(s);
	sg_search_page(s, 0, &pg[0]);
	sg_search_page(s, 0, &pg[1]);
	if (wrap)
		s->slots[0].page = (unsigned)-1;
	sg_search_page(s, 0, &pg[2]);
	o = xasprintf("%s/out", dir);
	out = sg_out_open(o, dir, 0, 1, site.diag);
	sg_search_write(s, out, NULL);
	sg_out_commit(out);
	r = shards(o);
	sg_rm_tree(dir);
	free(o);
	sg_search_free(s);
	for (i = 0; i < 3; i++)
		sg_doc_free(pg[i].md.doc);
	sg_diag_free(site.diag);
	return r;
}

/* An index is the same made for serve, which notes each page's words as
 * the page first has them, and after the page marks wrapped. */
static void
index_keep_and_wrap(void)
{
	char	*plain = index_of(0, 0), *keep = index_of(1, 0);
	char	*wrap = index_of(0, 1), *both = index_of(1, 1);

	CHECK(strstr(plain, "\"retri\":[") != NULL);
	CHECK(strstr(plain, "\"~ed\"") != NULL);
	CHECK_STR(keep, plain);
	CHECK_STR(wrap, plain);
	CHECK_STR(both, plain);
	free(plain);
	free(keep);
	free(wrap);
	free(both);
}

/* The "x" of the fragment of one page of the paragraphs text[0..n) (a
 * heading between each two), as sg_search_write wrote it. */
static char *
excerpts_of(const char **text, size_t n)
{
	struct sg_site		 site;
	struct sg_options	 opt;
	struct sg_page		 pg, *pages[1];
	struct sg_output	*out;
	struct sg_search	*s;
	char			 dir[] = "/tmp/test_search_XXXXXX", *o, *f;
	char			*frag, *x, *r = NULL;
	size_t			 i, len;

	memset(&site, 0, sizeof(site));
	memset(&opt, 0, sizeof(opt));
	memset(&pg, 0, sizeof(pg));
	site.opt = &opt;
	site.diag = sg_diag_new(stderr, 0);
	site.config.language = (char *)"en";
	pages[0] = &pg;
	pg.title = (char *)"T";
	pg.url = (char *)"/";
	pg.md.doc = sg_doc_new();
	for (i = 0; i < n; i++) {
		if (i > 0)
			heading(pg.md.doc, "h", "H");
		para(pg.md.doc, text[i]);
	}
	site.pages = pages;
	site.npages = 1;
	s = sg_search_new(&site, 1);
	if (s != NULL && mkdtemp(dir) != NULL) {
		sg_search_page(s, 0, &pg);
		o = xasprintf("%s/out", dir);
		out = sg_out_open(o, dir, 0, 1, site.diag);
		sg_search_write(s, out, NULL);
		sg_out_commit(out);
		f = xasprintf("%s/search/p/0.json", o);
		frag = sg_file_read(f, &len);
		if (frag && (x = strstr(frag, "\"x\":[")) != NULL) {
			r = xstrdup(x + 5);
			if ((x = strstr(r, "]}")) != NULL)
				*x = '\0';
		}
		free(frag);
		free(f);
		sg_rm_tree(dir);
		free(o);
	}
	sg_search_free(s);
	sg_doc_free(pg.md.doc);
	sg_diag_free(site.diag);
	return r ? r : xstrdup("");
}

/* Excerpts collapse white space (space, tab, newline, carriage return,
 * not other control characters) to one space, eight bytes at a time or
 * not, and a section's is cut near 240 bytes at a space. */
static void
excerpts_collapse_space(void)
{
	struct sg_buf	 text = { NULL, 0, 0 }, want = { NULL, 0, 0 };
	struct sg_buf	 plain = { NULL, 0, 0 };
	unsigned long	 x = 7;
	const char	*t[2];
	char		*got;
	size_t		 i, k;
	int		 ok = 1;

	for (i = 0; i < 400 && ok; i++) {
		random_text(&text, &x);
		if (i % 3 == 0)
			sg_buf_puts(&text, "\x01\x0b z\x1f\x0c  \r\n\t.");
		/* the text with white space collapsed, none at the ends */
		plain.len = 0;
		for (k = 0; k < text.len; k++) {
			if (!strchr(" \t\n\r", text.data[k]))
				sg_buf_putc(&plain, text.data[k]);
			else if (plain.len > 0 &&
			    plain.data[plain.len - 1] != ' ')
				sg_buf_putc(&plain, ' ');
		}
		while (plain.len > 0 && plain.data[plain.len - 1] == ' ')
			plain.len--;
		if (plain.len > 100 || plain.len == 0)
			continue;
		want.len = 0;
		sg_search_json_str(&want, plain.data, plain.len);
		t[0] = text.data;
		got = excerpts_of(t, 1);
		ok &= strcmp(got, want.data) == 0;
		if (!ok)
			printf("  got %s, want %s\n", got, want.data);
		free(got);
	}
	CHECK(ok);
	/* 40 words of 7 letters, then a long section: the first is cut
	 * at the space before byte 240 */
	text.len = 0;
	for (k = 0; k < 40; k++)
		sg_buf_puts(&text, "abcdefg ");
	plain.len = 0;
	for (k = 0; k < 1000; k++)
		sg_buf_puts(&plain, "filler ");
	t[0] = text.data;
	t[1] = plain.data;
	got = excerpts_of(t, 2);
	want.len = 0;
	sg_buf_putc(&want, '"');
	for (k = 0; k < 29; k++)
		sg_buf_puts(&want, "abcdefg ");
	sg_buf_puts(&want, "abcdefg\xe2\x80\xa6\",");
	CHECK(strncmp(got, want.data, want.len) == 0);
	free(got);
	sg_buf_free(&text);
	sg_buf_free(&want);
	sg_buf_free(&plain);
}

/* A JSON string: quotes, backslashes, "<" and control characters
 * escaped, valid UTF-8 as it is, invalid as U+FFFD. */
static void
json_strings(void)
{
	static const char	 in[] = "a\"b\\c<d>\x01\x1f\x7f "
	    "\xc3\xa9\xff\xe2\x82 z";
	struct sg_buf		 b = { NULL, 0, 0 };

	sg_search_json_str(&b, in, sizeof(in) - 1);
	CHECK_STR(b.data, "\"a\\\"b\\\\c\\u003cd>\\u0001\\u001f\x7f "
	    "\xc3\xa9\\ufffd\\ufffd\\ufffd z\"");
	b.len = 0;
	sg_search_json_str(&b, "", 0);
	CHECK_STR(b.data, "\"\"");
	sg_buf_free(&b);
}

int
main(void)
{
	TEST(tokenizer_splits_words);
	TEST(tokenizer_folds_case_and_accents);
	TEST(tokenizer_pairs_unspaced_scripts);
	TEST(tokenizer_survives_bad_utf8);
	TEST(tokenizer_long_words);
	TEST(stemmer_next_finds_the_tokens);
	TEST(stemmer_words_sharing_a_key);
	TEST(json_strings);
	TEST(stemmer_english);
	TEST(stemmer_many_words);
	TEST(stemmer_other_languages);
	TEST(weights_rank_fields);
	TEST(index_from_trees);
	TEST(search_false_opts_out);
	TEST(index_keep_and_wrap);
	TEST(excerpts_collapse_space);
	HARNESS_EXIT();
}
