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
#define POSTING_MAX	12		/* bytes of a posting's JSON: page
					 * (7), section (4), weight */

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
	struct posting	 *p;		/* in merge's post */
	size_t		  np;
	struct sg_buf	  json;		/* "stem":[...] */
};

#define NO_TERM		UINT32_MAX	/* a stem no page has */

/* A word under which a term is found, for the shard split. */
struct key {
	const char	*word;
	size_t		 term;		/* index in the sorted terms */
};

/* A shard file to write: keys k[0..n) under key[0..keylen). */
struct shard {
	const struct key *k;
	size_t		  n;
	const char	 *key;
	size_t		  keylen;
	size_t		  bytes;	/* its file's */
	int		  failed;
};

struct merge {
	struct sg_search *s;
	struct term	*t;		/* sorted by stem */
	size_t		 nt;
	struct posting	*post;		/* every term's, term after term */
	float		 avg;		/* words on a page, on average */
	size_t		 nchunks;	/* of pages, merged apart */
	/* the stems of all workers, worker 0's first: worker w's stem of
	 * number i is the (base[w] + i)-th of nflat */
	size_t		*base;
	size_t		 nflat;
	uint32_t	*cnt;		/* chunk c's postings of stem f at
					 * c * nflat + f */
	uint32_t	*term;		/* stem f's term, or NO_TERM */
	size_t		*next;		/* chunk c's next place for term i
					 * at c * nt + i (both freed once the
					 * postings are placed) */
	struct key	*k;
	size_t		 nk;
	struct sg_buf	 shards;	/* JSON list of the shard keys */
	size_t		 nshards;
	struct shard	*sh;		/* the shards to write */
	size_t		 nsh, capsh;
	struct sg_output *out;
	struct sg_search_stats *st;
	int		 failed;
};

/* BM25's length part of a page of len words (avg on average). */
static inline float
page_norm(float len, float avg)
{
	return K1 * (1 - B + B * (avg > 0 ? len / avg : 1));
}

/* sg_search_weight on a page of page_norm() norm. The rounding is
 * roundf's (halves away from zero) done inline: a call of roundf was a
 * fifth of the weight's instructions. */
static inline unsigned
weigh(float tf, int title, int heading, float norm)
{
	float		 w = 0, q;
	unsigned	 i;

	if (tf > 0)
		w = tf * (K1 + 1) / (tf + norm);
	w += (title ? TITLE_BOOST : 0) + (heading ? HEADING_BOOST : 0);
	q = w * SCALE;
	if (!(q >= 0.5f))
		return 1;
	if (q >= 63.5f)
		return 63;
	/* q - i is exact: both have the exponent of q or less */
	i = (unsigned)q;
	return i + (q - (float)i >= 0.5f);
}

/* The weight of a term on a page, one character's worth (1..63). */
unsigned
sg_search_weight(float tf, int title, int heading, float len, float avg)
{
	return weigh(tf, title, heading, page_norm(len, avg));
}

/* A term to sort: its stem's first eight bytes as a number that orders
 * as strcmp does, and its index. */
struct skey {
	uint64_t	 k;
	const char	*stem;
	size_t		 i;
};

static inline int
skey_less(const struct skey *a, const struct skey *b)
{
	return a->k != b->k ? a->k < b->k : strcmp(a->stem, b->stem) < 0;
}

/* Sorts v[0..n) by stem (all different), tmp having room for n / 2 + 1:
 * a merge sort whose comparisons look at eight bytes at once and are not
 * calls, a third of the instructions of qsort calling strcmp. */
static void
sort_skeys(struct skey *v, struct skey *tmp, size_t n)
{
	struct skey	 x;
	size_t		 h = n / 2, i, j, k;

	if (n <= 12) {
		for (i = 1; i < n; i++) {
			x = v[i];
			for (j = i; j > 0 && skey_less(&x, &v[j - 1]); j--)
				v[j] = v[j - 1];
			v[j] = x;
		}
		return;
	}
	sort_skeys(v, tmp, h);
	sort_skeys(v + h, tmp, n - h);
	if (!skey_less(&v[h], &v[h - 1]))
		return;
	memcpy(tmp, v, h * sizeof(*v));
	for (i = 0, j = h, k = 0; i < h; k++)
		if (j < n && skey_less(&v[j], &tmp[i]))
			v[k] = v[j++];
		else
			v[k] = tmp[i++];
}

/* Sorts the terms by stem; at[i] becomes where the i-th went. */
static void
sort_terms(struct merge *m, size_t *at)
{
	struct skey	*v = xmalloc((m->nt + 1) * sizeof(*v));
	struct skey	*tmp = xmalloc((m->nt / 2 + 1) * sizeof(*tmp));
	struct term	*t = xmalloc((m->nt + 1) * sizeof(*t));
	const unsigned char *u;
	size_t		 i, j;

	for (i = 0; i < m->nt; i++) {
		u = (const unsigned char *)m->t[i].stem;
		v[i].k = 0;
		for (j = 0; j < 8 && u[j] != '\0'; j++)
			v[i].k |= (uint64_t)u[j] << (56 - 8 * j);
		v[i].stem = m->t[i].stem;
		v[i].i = i;
	}
	sort_skeys(v, tmp, m->nt);
	for (i = 0; i < m->nt; i++) {
		t[i] = m->t[v[i].i];
		at[v[i].i] = i;
	}
	free(m->t);
	m->t = t;
	free(v);
	free(tmp);
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
words(struct sg_search *s, struct merge *m)
{
	const struct sg_stem_word *e;
	struct sg_smap	 dict = { NULL, 0, 0 };
	size_t		*slot, i, j, n;
	uint32_t	 t;

	if (s->keep) {
		for (i = 0; i < m->nt; i++)
			*sg_smap_get(&dict, m->t[i].stem, 1, NULL) = i;
		for (i = 0; i < s->npages; i++)
			for (j = 0; j < s->pages[i].nwords; j++)
				if ((slot = sg_smap_get(&dict,
				    s->pages[i].words[2 * j + 1], 0,
				    NULL)) != NULL)
					add_word(&m->t[*slot],
					    s->pages[i].words[2 * j]);
		sg_smap_free(&dict);
		return;
	}
	for (i = 0; i < (size_t)s->jobs; i++) {
		e = sg_stemmer_entries(s->stemmers[i], &n);
		for (j = 0; j < n; j++)
			if (e[j].word != e[j].stem && (t = m->term[m->base[i] +
			    e[j].id]) != NO_TERM)
				add_word(&m->t[t], e[j].word);
	}
}

/* The pages of chunk c of the merge. */
static void
chunk_pages(const struct merge *m, size_t c, size_t *from, size_t *to)
{
	*from = c * m->s->npages / m->nchunks;
	*to = (c + 1) * m->s->npages / m->nchunks;
}

/* Counts how many of chunk c's postings each stem of each worker has: a
 * worker of sg_pool_run in collect. */
static void
count_chunk(void *arg, int worker, size_t c)
{
	struct merge		*m = arg;
	const struct sg_search_doc *d;
	uint32_t		*cnt = m->cnt + c * m->nflat, *w;
	size_t			 i, j, from, to;

	(void)worker;
	chunk_pages(m, c, &from, &to);
	for (i = from; i < to; i++) {
		d = &m->s->pages[i];
		w = cnt + m->base[d->worker];
		for (j = 0; j < d->n; j++)
			w[d->v[j].stem]++;
	}
}

/* Puts chunk c's postings in their places, weighed: a worker of
 * sg_pool_run in collect. Each term's postings of the chunk follow those
 * of the chunks before, in page order. */
static void
place_chunk(void *arg, int worker, size_t c)
{
	struct merge		*m = arg;
	const struct sg_search_doc *d;
	const struct sg_search_rec *r;
	const uint32_t		*term;
	size_t			*next = m->next + c * m->nt, i, j, from, to;
	struct posting		*p;
	float			 norm;

	(void)worker;
	chunk_pages(m, c, &from, &to);
	for (i = from; i < to; i++) {
		d = &m->s->pages[i];
		term = m->term + m->base[d->worker];
		norm = page_norm(d->len, m->avg);
		for (j = 0; j < d->n; j++) {
			r = &d->v[j];
			p = &m->post[next[term[r->stem]]++];
			p->page = (uint32_t)i;
			p->sec = r->sec;
			p->w = (unsigned char)weigh(r->tf, r->title,
			    r->heading, norm);
		}
	}
}

/* The terms: one for each stem some page has, the same stem of two
 * workers one term; sorted, and each worker's stem numbers mapped to
 * them (NO_TERM for a stem no page has now). */
static void
make_terms(struct sg_search *s, struct merge *m)
{
	struct sg_smap	 dict = { NULL, 0, 0 };
	const char	*stem;
	size_t		*slot, *at, c, f, i, w, n;
	uint32_t	 sum;
	int		 added;

	m->t = xmalloc((m->nflat ? m->nflat : 1) * sizeof(*m->t));
	for (w = 0; w < (size_t)s->jobs; w++) {
		n = sg_stemmer_nstems(s->stemmers[w]);
		for (i = 0; i < n; i++) {
			f = m->base[w] + i;
			for (c = sum = 0; c < m->nchunks; c++)
				sum += m->cnt[c * m->nflat + f];
			m->term[f] = NO_TERM;
			if (sum == 0)
				continue;
			stem = sg_stemmer_stem_of(s->stemmers[w], i);
			/* one worker's stems are all different */
			if (s->jobs > 1) {
				slot = sg_smap_get(&dict, stem, 1, &added);
				if (!added) {
					m->term[f] = (uint32_t)*slot;
					continue;
				}
				*slot = m->nt;
			}
			memset(&m->t[m->nt], 0, sizeof(*m->t));
			m->t[m->nt].stem = stem;
			m->term[f] = (uint32_t)m->nt++;
		}
	}
	sg_smap_free(&dict);
	at = xmalloc((m->nt ? m->nt : 1) * sizeof(*at));
	sort_terms(m, at);
	for (f = 0; f < m->nflat; f++)
		if (m->term[f] != NO_TERM)
			m->term[f] = (uint32_t)at[m->term[f]];
	free(at);
}

/* Every page's terms into postings, each term's in page order. The
 * postings of a stem are counted and placed a chunk of pages at a time
 * on the pool; in between, each chunk learns where its postings of each
 * term go. */
static void
collect(struct sg_search *s, struct merge *m)
{
	size_t		 c, f, i, w, off, start, npost = 0, *next;
	double		 total = 0;
	uint32_t	 t;

	for (i = 0; i < s->npages; i++) {
		total += s->pages[i].len;
		npost += s->pages[i].n;
	}
	m->s = s;
	m->avg = (float)(total / (double)s->npages);
	m->nchunks = s->jobs == 1 ? 1 : 4 * (size_t)s->jobs;
	if (m->nchunks > s->npages)
		m->nchunks = s->npages;
	m->base = xmalloc(((size_t)s->jobs + 1) * sizeof(*m->base));
	for (w = 0, m->nflat = 0; w < (size_t)s->jobs; w++) {
		m->base[w] = m->nflat;
		m->nflat += sg_stemmer_nstems(s->stemmers[w]);
	}
	m->base[w] = m->nflat;
	m->cnt = xcalloc(m->nchunks * m->nflat + 1, sizeof(*m->cnt));
	m->term = xmalloc((m->nflat + 1) * sizeof(*m->term));
	sg_pool_run(s->jobs, m->nchunks, count_chunk, m);
	make_terms(s, m);
	/* each chunk's first place for each term */
	m->next = next = xcalloc(m->nchunks * m->nt + 1, sizeof(*next));
	for (c = 0; c < m->nchunks; c++)
		for (f = 0; f < m->nflat; f++)
			if ((t = m->term[f]) != NO_TERM)
				next[c * m->nt + t] += m->cnt[c * m->nflat + f];
	m->post = xmalloc((npost ? npost : 1) * sizeof(*m->post));
	for (i = 0, off = 0; i < m->nt; i++) {
		m->t[i].p = m->post + off;
		start = off;
		for (c = 0; c < m->nchunks; c++) {
			f = next[c * m->nt + i];
			next[c * m->nt + i] = off;
			off += f;
		}
		m->t[i].np = off - start;
	}
	sg_pool_run(s->jobs, m->nchunks, place_chunk, m);
	free(m->cnt);
	free(next);
	words(s, m);
}

/* A word of a stem as JSON: "~ing" for the stem followed by "ing" ('~'
 * is in no word), else the whole word. tmp is the caller's room. */
static void
put_word(struct sg_buf *b, const char *stem, const char *w,
    struct sg_buf *tmp)
{
	size_t		 n = strlen(stem);

	if (strncmp(w, stem, n) != 0) {
		sg_search_json_str(b, w, strlen(w));
		return;
	}
	tmp->len = 0;
	sg_buf_putc(tmp, '~');
	sg_buf_puts(tmp, w + n);
	sg_search_json_str(b, tmp->data, tmp->len);
}

/* The postings p[0..n) as a JSON string's bytes (search.h), at d, which
 * has room for POSTING_MAX bytes each; returns the end. */
static char *
put_postings(char *d, const struct posting *p, size_t n)
{
	uint32_t	 prev = 0, v;
	size_t		 j;

	for (j = 0; j < n; j++) {
		for (v = p[j].page - prev; v >= 32; v >>= 5)
			*d++ = digits[32 + (v & 31)];
		*d++ = digits[v];
		for (v = p[j].sec; v >= 32; v >>= 5)
			*d++ = digits[32 + (v & 31)];
		*d++ = digits[v];
		*d++ = digits[p[j].w];
		prev = p[j].page;
	}
	return d;
}

/* Term t's JSON member, and its words sorted, each once, at most
 * WORDS_MAX. */
static void
encode_term(struct term *t, struct sg_buf *tmp)
{
	struct sg_buf	*b = &t->json;
	size_t		 j, k;

	sg_search_json_str(b, t->stem, strlen(t->stem));
	sg_buf_grow(b, 4 + t->np * POSTING_MAX);
	memcpy(b->data + b->len, ":[\"", 3);
	b->len = (size_t)(put_postings(b->data + b->len + 3, t->p, t->np) -
	    b->data);
	b->data[b->len] = '\0';
	sg_buf_putc(b, '"');
	sg_sort(t->words, t->nwords, sizeof(*t->words), cmp_str);
	for (j = k = 0; j < t->nwords && k < WORDS_MAX; j++)
		if (k == 0 || strcmp(t->words[j], t->words[k - 1]))
			t->words[k++] = t->words[j];
	t->nwords = k;
	for (j = 0; j < t->nwords; j++) {
		sg_buf_putc(b, ',');
		put_word(b, t->stem, t->words[j], tmp);
	}
	sg_buf_putc(b, ']');
}

/* Encodes chunk c of the terms: a worker of sg_pool_run in encode. */
static void
encode_chunk(void *arg, int worker, size_t c)
{
	struct merge	*m = arg;
	struct sg_buf	 tmp = { NULL, 0, 0 };
	size_t		 i;

	(void)worker;
	for (i = c * m->nt / m->nchunks; i < (c + 1) * m->nt / m->nchunks;
	    i++)
		encode_term(&m->t[i], &tmp);
	sg_buf_free(&tmp);
}

/* Each term's JSON member (on the pool, a chunk of terms at a time),
 * and the words it is found under, sorted: the stems are in order
 * already, so only the other words are sorted, then merged with them. */
static void
encode(struct merge *m)
{
	const struct term *t;
	struct key	*w, stem;
	size_t		 i, j, nw = 0;

	m->nchunks = m->s->jobs == 1 ? 1 : 8 * (size_t)m->s->jobs;
	if (m->nchunks > m->nt)
		m->nchunks = m->nt;
	sg_pool_run(m->s->jobs, m->nchunks, encode_chunk, m);
	for (i = 0; i < m->nt; i++)
		nw += m->t[i].nwords;
	w = xmalloc((nw ? nw : 1) * sizeof(*w));
	for (i = nw = 0; i < m->nt; i++) {
		t = &m->t[i];
		for (j = 0; j < t->nwords; j++) {
			w[nw].word = t->words[j];
			w[nw++].term = i;
		}
	}
	sg_sort(w, nw, sizeof(*w), cmp_key);
	m->k = xmalloc((m->nt + nw ? m->nt + nw : 1) * sizeof(*m->k));
	for (i = j = 0; i < m->nt; i++) {
		stem.word = m->t[i].stem;
		stem.term = i;
		while (j < nw && cmp_key(&w[j], &stem) < 0)
			m->k[m->nk++] = w[j++];
		m->k[m->nk++] = stem;
	}
	while (j < nw)
		m->k[m->nk++] = w[j++];
	free(w);
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

/* Writes shard i, the terms of its keys (sorted, one term may come
 * several times) as one JSON object: a worker of sg_pool_run in
 * sg_search_write. */
static void
write_shard(void *arg, int worker, size_t i)
{
	struct merge	*m = arg;
	struct shard	*sh = &m->sh[i];
	struct sg_buf	 b = { NULL, 0, 0 };
	size_t		*terms, nterms = 0, j;
	char		*path;

	(void)worker;
	terms = xmalloc(sh->n * sizeof(*terms));
	for (j = 0; j < sh->n; j++)
		terms[nterms++] = sh->k[j].term;
	sg_sort(terms, nterms, sizeof(*terms), sg_search_cmp_size);
	sg_buf_putc(&b, '{');
	for (j = 0; j < nterms; j++) {
		if (j > 0 && terms[j] == terms[j - 1])
			continue;
		if (b.len > 1)
			sg_buf_putc(&b, ',');
		sg_buf_put(&b, m->t[terms[j]].json.data,
		    m->t[terms[j]].json.len);
	}
	sg_buf_puts(&b, "}\n");
	path = shard_path(sh->key, sh->keylen);
	sh->failed = sg_out_write(m->out, path, b.data, b.len) == -1;
	sh->bytes = b.len;
	free(path);
	free(terms);
	sg_buf_free(&b);
}

/* Adds the keys k[0..n) as the shard named key[0..keylen) to those to
 * write. */
static void
add_shard(struct merge *m, const struct key *k, size_t n, const char *key,
    size_t keylen)
{
	struct shard	*sh;

	if (m->nsh == m->capsh) {
		m->capsh = m->capsh ? m->capsh * 2 : 64;
		m->sh = xrealloc(m->sh, m->capsh * sizeof(*m->sh));
	}
	sh = &m->sh[m->nsh++];
	memset(sh, 0, sizeof(*sh));
	sh->k = k;
	sh->n = n;
	sh->key = key;
	sh->keylen = keylen;
}

/* Writes the shards on the pool, then lists them in order. */
static void
write_shards(struct sg_search *s, struct merge *m)
{
	size_t	 i;

	sg_pool_run(s->jobs, m->nsh, write_shard, m);
	for (i = 0; i < m->nsh; i++) {
		if (m->sh[i].failed)
			m->failed = 1;
		if (m->nshards++ > 0)
			sg_buf_putc(&m->shards, ',');
		sg_search_json_str(&m->shards, m->sh[i].key, m->sh[i].keylen);
		m->st->files++;
		m->st->shards++;
		m->st->bytes += m->sh[i].bytes;
		if (m->sh[i].bytes > m->st->shard_max)
			m->st->shard_max = m->sh[i].bytes;
	}
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
 * more (add_shard). */
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
			add_shard(m, k + i, j - i, k[i].word, pl);
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
	write_shards(s, &m);
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
		sg_buf_free(&m.t[i].json);
	}
	free(m.t);
	free(m.post);
	free(m.base);
	free(m.term);
	free(m.k);
	free(m.sh);
	sg_buf_free(&m.shards);
	sg_buf_free(&b);
	return m.failed ? -1 : 0;
}
