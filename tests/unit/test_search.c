/* test_search.c: the search index: weights, an index built from document
 * trees made by hand, what serve keeps and marks that wrap, excerpts. The
 * words it is made of are test_search_token.c. */
#include <dirent.h>
#include <math.h>
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
#include "search_text.h"
#include "util.h"


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

/* The weight as it was first written, with roundf: the merge rounds
 * inline and weighs each page's length once, to the same numbers. */
static unsigned
weight_roundf(float tf, int title, int heading, float len, float avg)
{
	float	 w = 0, q;

	if (tf > 0)
		w = tf * (1.2f + 1) / (tf + 1.2f * (1 - 0.75f + 0.75f *
		    (avg > 0 ? len / avg : 1)));
	w += (title ? 2.5f : 0) + (heading ? 0.8f : 0);
	q = roundf(w * 11.0f);
	return q < 1 ? 1 : q > 63 ? 63 : (unsigned)q;
}

static void
weights_round_as_roundf(void)
{
	float	 tf, len;
	int	 f, bad = 0;

	for (tf = 0; tf < 60; tf += 0.1f)
		for (len = 0; len < 3000; len += 7.3f)
			for (f = 0; f < 4; f++)
				if (sg_search_weight(tf, f & 1, f >> 1, len,
				    431.7f) != weight_roundf(tf, f & 1, f >> 1,
				    len, 431.7f) || sg_search_weight(tf, f & 1,
				    f >> 1, len, 0) != weight_roundf(tf, f & 1,
				    f >> 1, len, 0))
					bad++;
	CHECK(bad == 0);
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

/* A site of the n pages pg[0..n) (pages: room for n pointers), each with
 * an empty document, in English; its diagnostics go to stderr. */
static void
site_of(struct sg_site *site, struct sg_options *opt, struct sg_page *pg,
    struct sg_page **pages, size_t n)
{
	size_t	 i;

	memset(site, 0, sizeof(*site));
	memset(opt, 0, sizeof(*opt));
	memset(pg, 0, n * sizeof(*pg));
	site->opt = opt;
	site->diag = sg_diag_new(stderr, 0);
	site->config.language = (char *)"en";
	for (i = 0; i < n; i++) {
		pages[i] = &pg[i];
		pg[i].index = i;
		pg[i].md.doc = sg_doc_new();
	}
	site->pages = pages;
	site->npages = n;
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

	site_of(&site, &opt, pg, pages, 3);
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

	site_of(&site, &opt, pg, pages, 3);
	for (i = 0; i < 3; i++) {
		pg[i].title = (char *)"Retries";
		pg[i].url = (char *)"/";
		para(pg[i].md.doc, text[i]);
	}
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

	site_of(&site, &opt, &pg, pages, 1);
	pg.title = (char *)"T";
	pg.url = (char *)"/";
	for (i = 0; i < n; i++) {
		if (i > 0)
			heading(pg.md.doc, "h", "H");
		para(pg.md.doc, text[i]);
	}
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
	/* a word that ends right at byte 241, where the excerpt stops, then
	 * a space and more text (eights of plain bytes, to its end, and
	 * enough for the page's excerpts not to be cut shorter): the
	 * excerpt is cut there, at the space before it when there is one */
	for (k = 0; k < 2; k++) {
		text.len = 0;
		for (i = 0; i < 241; i++)
			sg_buf_putc(&text, k == 1 && i == 200 ? ' ' : 'a');
		sg_buf_putc(&text, ' ');
		for (i = 0; i < 153; i++)
			sg_buf_puts(&text, "morewor ");
		t[0] = text.data;
		got = excerpts_of(t, 1);
		want.len = 0;
		sg_buf_putc(&want, '"');
		for (i = 0; i < (k == 1 ? 200 : 240); i++)
			sg_buf_putc(&want, 'a');
		sg_buf_puts(&want, "\xe2\x80\xa6\"");
		CHECK_STR(got, want.data);
		free(got);
	}
	sg_buf_free(&text);
	sg_buf_free(&want);
	sg_buf_free(&plain);
}

int
main(void)
{
	TEST(weights_rank_fields);
	TEST(weights_round_as_roundf);
	TEST(index_from_trees);
	TEST(search_false_opts_out);
	TEST(index_keep_and_wrap);
	TEST(excerpts_collapse_space);
	HARNESS_EXIT();
}
