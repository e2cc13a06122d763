/* search_write.c: the merge of the pages' terms, in page order, into
 * postings, and the shard and entry files of the search index (the
 * format is in search.h). */
#include <math.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "output.h"
#include "pool.h"
#include "out/search/search.h"
#include "out/search/search_int.h"
#include "site.h"

#define K1		1.2f
#define B		0.75f
#define TITLE_BOOST	2.5f
#define HEADING_BOOST	0.8f
#define SCALE		11.0f
#define SHARD_MAX	(40 * 1024)	/* a shard bigger than this splits */
#define KEY_MAX		4		/* characters of the longest key */
#define WORDS_MAX	16		/* words listed for a stem */

static const char digits[] =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

struct posting {
	uint32_t	 page;
	uint32_t	 sec;
	unsigned char	 w;
};

struct term {
	const char	 *stem;
	const char	**words;
	size_t		  nwords, capw;
	struct posting	 *p;
	size_t		  np, cap;
	struct sg_buf	  json;		/* "stem":[...] */
};

/* A word under which a term is found, for the shard split. */
struct key {
	const char	*word;
	size_t		 term;		/* index in the sorted terms */
};

struct merge {
	struct term	*t;
	size_t		 nt;
	struct key	*k;
	size_t		 nk;
	struct sg_buf	 shards;	/* JSON list of the shard keys */
	size_t		 nshards;
	struct sg_output *out;
	struct sg_search_stats *st;
	int		 failed;
};

/* The weight of a term on a page, one character's worth (1..63). */
unsigned
sg_search_weight(float tf, int title, int heading, float len, float avg)
{
	float	 w = 0, q;

	if (tf > 0)
		w = tf * (K1 + 1) / (tf + K1 * (1 - B + B * (avg > 0 ?
		    len / avg : 1)));
	w += (title ? TITLE_BOOST : 0) + (heading ? HEADING_BOOST : 0);
	q = roundf(w * SCALE);
	return q < 1 ? 1 : q > 63 ? 63 : (unsigned)q;
}

static void
put_num(struct sg_buf *b, uint32_t v)
{
	while (v >= 32) {
		sg_buf_putc(b, digits[32 + (v & 31)]);
		v >>= 5;
	}
	sg_buf_putc(b, digits[v]);
}

static int
cmp_term(const void *a, const void *b)
{
	return strcmp(((const struct term *)a)->stem,
	    ((const struct term *)b)->stem);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int
cmp_key(const void *a, const void *b)
{
	const struct key	*x = a, *y = b;
	int			 c = strcmp(x->word, y->word);

	return c ? c : x->term < y->term ? -1 : x->term > y->term;
}

static void
add_word(struct term *t, const char *w)
{
	if (t->nwords == t->capw) {
		t->capw = t->capw ? t->capw * 2 : 4;
		t->words = xrealloc(t->words, t->capw * sizeof(*t->words));
	}
	t->words[t->nwords++] = w;
}

/* The words each term was made from, as the stemmers of every worker
 * saw them (the same set however the pages were shared out). */
static void
words(struct sg_search *s, struct merge *m, struct sg_smap *dict)
{
	const char	*w, *stem;
	size_t		*slot, i, j;

	for (i = 0; s->keep && i < s->npages; i++)
		for (j = 0; j < s->pages[i].nwords; j++)
			if ((slot = sg_smap_get(dict, s->pages[i].words[2 * j +
			    1], 0, NULL)) != NULL)
				add_word(&m->t[*slot], s->pages[i].words[2 * j]);
	for (i = 0; !s->keep && i < (size_t)s->jobs; i++)
		for (j = 0; j < sg_stemmer_count(s->stemmers[i]); j++) {
			sg_stemmer_entry(s->stemmers[i], j, &w, &stem);
			if (w != stem && (slot = sg_smap_get(dict, stem, 0,
			    NULL)) != NULL)
				add_word(&m->t[*slot], w);
		}
}

/* Every page's terms into postings, in page order. */
static void
collect(struct sg_search *s, struct merge *m)
{
	struct sg_smap		 dict = { NULL, 0, 0 };
	struct sg_search_doc	*d;
	struct sg_search_rec	*r;
	struct term		*t;
	struct posting		*p;
	size_t			*slot, cap = 0, i, j;
	double			 total = 0;
	float			 avg;
	int			 added;

	for (i = 0; i < s->npages; i++)
		total += s->pages[i].len;
	avg = (float)(total / (double)s->npages);
	for (i = 0; i < s->npages; i++) {
		d = &s->pages[i];
		for (j = 0; j < d->n; j++) {
			r = &d->v[j];
			slot = sg_smap_get(&dict, r->stem, 1, &added);
			if (added) {
				if (m->nt == cap) {
					cap = cap ? cap * 2 : 1024;
					m->t = xrealloc(m->t, cap *
					    sizeof(*m->t));
				}
				memset(&m->t[m->nt], 0, sizeof(*m->t));
				m->t[m->nt].stem = r->stem;
				*slot = m->nt++;
			}
			t = &m->t[*slot];
			if (t->np == t->cap) {
				t->cap = t->cap ? t->cap * 2 : 4;
				t->p = xrealloc(t->p, t->cap * sizeof(*t->p));
			}
			p = &t->p[t->np++];
			p->page = (uint32_t)i;
			p->sec = r->sec;
			p->w = (unsigned char)sg_search_weight(r->tf,
			    r->title, r->heading, d->len, avg);
		}
	}
	words(s, m, &dict);
	sg_smap_free(&dict);
	sg_sort(m->t, m->nt, sizeof(*m->t), cmp_term);
}

/* A word of a stem as JSON: "~ing" for the stem followed by "ing" ('~'
 * is in no word), else the whole word. */
static void
put_word(struct sg_buf *b, const char *stem, const char *w)
{
	struct sg_buf	 t = { NULL, 0, 0 };
	size_t		 n = strlen(stem);

	if (strncmp(w, stem, n) != 0) {
		sg_search_json_str(b, w, strlen(w));
		return;
	}
	sg_buf_putc(&t, '~');
	sg_buf_puts(&t, w + n);
	sg_search_json_str(b, t.data, t.len);
	sg_buf_free(&t);
}

/* Each term's JSON member, and the words it is found under. */
static void
encode(struct merge *m)
{
	struct term	*t;
	size_t		 i, j, k, capk = 0;
	uint32_t	 prev;

	for (i = 0; i < m->nt; i++) {
		t = &m->t[i];
		sg_search_json_str(&t->json, t->stem, strlen(t->stem));
		sg_buf_puts(&t->json, ":[\"");
		prev = 0;
		for (j = 0; j < t->np; j++) {
			put_num(&t->json, t->p[j].page - prev);
			put_num(&t->json, t->p[j].sec);
			sg_buf_putc(&t->json, digits[t->p[j].w]);
			prev = t->p[j].page;
		}
		sg_buf_putc(&t->json, '"');
		/* sorted, each once, at most WORDS_MAX */
		sg_sort(t->words, t->nwords, sizeof(*t->words), cmp_str);
		for (j = k = 0; j < t->nwords && k < WORDS_MAX; j++)
			if (k == 0 || strcmp(t->words[j], t->words[k - 1]))
				t->words[k++] = t->words[j];
		t->nwords = k;
		for (j = 0; j < t->nwords; j++) {
			sg_buf_putc(&t->json, ',');
			put_word(&t->json, t->stem, t->words[j]);
		}
		sg_buf_putc(&t->json, ']');
		if (m->nk + t->nwords + 1 > capk) {
			capk = (m->nk + t->nwords + 1) * 2;
			m->k = xrealloc(m->k, capk * sizeof(*m->k));
		}
		m->k[m->nk].word = t->stem;
		m->k[m->nk++].term = i;
		for (j = 0; j < t->nwords; j++) {
			m->k[m->nk].word = t->words[j];
			m->k[m->nk++].term = i;
		}
	}
	sg_sort(m->k, m->nk, sizeof(*m->k), cmp_key);
}

/* Bytes of the first n characters of w (all of it if shorter). */
static size_t
prefix_len(const char *w, size_t n)
{
	size_t	 i = 0, len = strlen(w);

	while (i < len && n > 0) {
		i++;
		while (i < len && ((unsigned char)w[i] & 0xC0) == 0x80)
			i++;
		n--;
	}
	return i;
}

/* The file name of a shard key: letters and digits as they are, any
 * other byte as _ and two hex digits. search.js names them the same. */
static char *
shard_path(const char *key, size_t n)
{
	struct sg_buf	 b = { NULL, 0, 0 };
	unsigned char	 c;
	size_t		 i;

	sg_buf_puts(&b, "search/s/");
	for (i = 0; i < n; i++) {
		c = (unsigned char)key[i];
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			sg_buf_putc(&b, (char)c);
		else
			sg_buf_printf(&b, "_%02x", c);
	}
	sg_buf_puts(&b, ".json");
	return sg_buf_detach(&b);
}

/* Writes the keys k[0..n) (sorted, one term may come several times) as
 * the shard named key[0..keylen). */
static void
write_shard(struct merge *m, const struct key *k, size_t n, const char *key,
    size_t keylen)
{
	struct sg_buf	 b = { NULL, 0, 0 };
	size_t		*terms = xmalloc(n * sizeof(*terms)), nterms = 0, i;
	char		*path;

	for (i = 0; i < n; i++)
		terms[nterms++] = k[i].term;
	sg_sort(terms, nterms, sizeof(*terms), sg_search_cmp_size);
	sg_buf_putc(&b, '{');
	for (i = 0; i < nterms; i++) {
		if (i > 0 && terms[i] == terms[i - 1])
			continue;
		if (b.len > 1)
			sg_buf_putc(&b, ',');
		sg_buf_put(&b, m->t[terms[i]].json.data,
		    m->t[terms[i]].json.len);
	}
	sg_buf_puts(&b, "}\n");
	path = shard_path(key, keylen);
	if (sg_out_write(m->out, path, b.data, b.len) == -1)
		m->failed = 1;
	if (m->nshards++ > 0)
		sg_buf_putc(&m->shards, ',');
	sg_search_json_str(&m->shards, key, keylen);
	m->st->files++;
	m->st->shards++;
	m->st->bytes += b.len;
	if (b.len > m->st->shard_max)
		m->st->shard_max = b.len;
	free(path);
	free(terms);
	sg_buf_free(&b);
}

/* How many characters key a shard of words starting as w does, at
 * first: two letters; one character of a script whose words are pairs of
 * characters (Han, kana, Thai …), or every pair would be a shard: 2,500
 * pairs of 50 characters were 2,500 files. */
static size_t
first_depth(const char *w)
{
	size_t	 i = 0;
	long	 c = sg_utf8_next((const unsigned char *)w, strlen(w), &i);

	return c >= 0 && sg_search_unspaced((unsigned long)c) ? 1 : 2;
}

/* Splits the sorted keys k[0..n) into shards by their first depth
 * characters (0: first_depth() of each), and any shard too big by one
 * more. */
static void
shards(struct merge *m, const struct key *k, size_t n, size_t depth)
{
	size_t	 i = 0, j, d, pl, size, same;

	while (i < n) {
		d = depth ? depth : first_depth(k[i].word);
		pl = prefix_len(k[i].word, d);
		size = 0;
		same = 1;
		for (j = i; j < n && prefix_len(k[j].word, d) == pl &&
		    strncmp(k[j].word, k[i].word, pl) == 0; j++) {
			size += m->t[k[j].term].json.len + 1;
			if (strlen(k[j].word) > pl)
				same = 0;
		}
		if (size > SHARD_MAX && d < KEY_MAX && !same)
			shards(m, k + i, j - i, d + 1);
		else
			write_shard(m, k + i, j - i, k[i].word, pl);
		i = j;
	}
}

struct frags {
	struct sg_search	*s;
	struct merge		*m;
	size_t			*bytes;		/* each group's file */
	atomic_int		 failed;
};

/* Writes group g's file: a worker of sg_pool_run in write_fragments. */
static void
write_group(void *arg, int worker, size_t g)
{
	struct frags	*f = arg;
	struct sg_search *s = f->s;
	struct sg_buf	 b = { NULL, 0, 0 };
	size_t		 i;
	char		*path;

	(void)worker;
	sg_buf_putc(&b, '[');
	for (i = g * SG_SEARCH_GROUP; i < s->npages &&
	    i < (g + 1) * SG_SEARCH_GROUP; i++) {
		if (i > g * SG_SEARCH_GROUP)
			sg_buf_puts(&b, ",\n");
		sg_buf_put(&b, s->pages[i].frag, s->pages[i].frag_len);
	}
	sg_buf_puts(&b, "]\n");
	path = xasprintf("search/p/%zu.json", g);
	if (sg_out_write(f->m->out, path, b.data, b.len) == -1)
		atomic_store(&f->failed, 1);
	f->bytes[g] = b.len;
	free(path);
	sg_buf_free(&b);
}

/* The pages' fragments, SG_SEARCH_GROUP a file: search/p/N.json holds
 * pages N * SG_SEARCH_GROUP and on, as a JSON list. Fewer files make a
 * faster build; a query still loads only the groups of its results. The
 * files are written on every worker (at 10,000 pages, 1,250 of them). */
static void
write_fragments(struct sg_search *s, struct merge *m)
{
	struct frags	 f;
	size_t		 g, n = (s->npages + SG_SEARCH_GROUP - 1) /
			    SG_SEARCH_GROUP;

	f.s = s;
	f.m = m;
	f.bytes = xcalloc(n + 1, sizeof(*f.bytes));
	atomic_init(&f.failed, 0);
	sg_pool_run(s->jobs, n, write_group, &f);
	for (g = 0; g < n; g++) {
		m->st->files++;
		m->st->bytes += f.bytes[g];
	}
	if (atomic_load(&f.failed))
		m->failed = 1;
	free(f.bytes);
}

int
sg_search_cmp_size(const void *a, const void *b)
{
	size_t	 x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

int
sg_search_write(struct sg_search *s, struct sg_output *out,
    struct sg_search_stats *st)
{
	struct sg_search_stats	 local;
	struct merge		 m;
	struct sg_buf		 b = { NULL, 0, 0 };
	size_t			 i;

	if (st == NULL)
		st = &local;
	memset(st, 0, sizeof(*st));
	memset(&m, 0, sizeof(m));
	m.out = out;
	m.st = st;
	/* a page no render reached (there should be none) */
	for (i = 0; i < s->site->npages; i++)
		if (s->id[i] && !s->pages[s->id[i] - 1].done)
			sg_search_page(s, 0, s->site->pages[i]);
	collect(s, &m);
	encode(&m);
	shards(&m, m.k, m.nk, 0);
	sg_buf_printf(&b, "{\"version\":1,\"pages\":%zu,\"group\":%d,"
	    "\"language\":", s->npages, SG_SEARCH_GROUP);
	sg_search_json_str(&b, s->site->config.language ?
	    s->site->config.language : "", s->site->config.language ?
	    strlen(s->site->config.language) : 0);
	sg_buf_printf(&b, ",\"stemmed\":%s,\"shards\":[%s]}\n", s->stems ?
	    "true" : "false", m.shards.data ? m.shards.data : "");
	if (sg_out_write(out, "search/index.json", b.data, b.len) == -1)
		m.failed = 1;
	st->pages = s->npages;
	st->terms = m.nt;
	st->entry = b.len;
	st->files++;
	st->bytes += b.len;
	write_fragments(s, &m);
	for (i = 0; i < m.nt; i++) {
		free(m.t[i].words);
		free(m.t[i].p);
		sg_buf_free(&m.t[i].json);
	}
	free(m.t);
	free(m.k);
	sg_buf_free(&m.shards);
	sg_buf_free(&b);
	return m.failed ? -1 : 0;
}
