/* search.c: the search index as a renderer over the document tree. Each
 * page is tokenized into its terms on a render worker (sg_search_page);
 * search_write.c merges them in page order and writes the shards. The
 * format is described in search.h. */
#include <stdlib.h>
#include <string.h>

#include "output.h"
#include "samples/samples.h"
#include "out/search/search.h"
#include "out/search/search_int.h"
#include "site.h"
#include "doc/tree.h"

#define MAX_WORD	48	/* longer "words" are hashes and noise */
#define SNIPPET		240	/* bytes of text kept under each heading */
#define SNIPPET_MIN	100	/* and at least this many, however short
				 * the page */

enum field {
	F_TITLE,
	F_HEADING,
	F_BODY,
	F_CODE
};

/* What adding one occurrence in a field adds to a term's frequency and
 * to its section's share (which decides where a result links to). */
static const float field_tf[] = { 1.0f, 1.0f, 1.0f, 0.3f };
static const float field_sec[] = { 2.0f, 3.0f, 1.0f, 0.3f };

/* A term of the page being tokenized. */
struct term {
	size_t			 stem;		/* its number */
	float			 tf;
	unsigned		 sec;		/* where it weighs most */
	unsigned		 cur_sec;	/* the section being counted */
	float			 cur, best;	/* its weight there, and sec's */
	unsigned char		 title, heading;
};

/* The state of one page while it is tokenized. */
struct pstate {
	struct sg_search_doc	*pg;
	struct term		*t;		/* its terms */
	size_t			 nt;
	struct sg_stemmer	*st;
	struct sg_term_slots	*slots;		/* stem number → index in t */
	size_t			 cap;
	unsigned		 sec;		/* current section */
	int			 keep;		/* note each page's words */
	struct sg_buf		 heads;		/* JSON of "h" */
	struct sg_buf		*snips;		/* each section's text */
	size_t			 nsnips, capsnips;
	struct sg_buf		 snip;		/* the current section's text */
	size_t			 capw;
	int			 cut;		/* snip is full */
	size_t			 text;		/* bytes of prose on the page */
	/* the inline run being gathered (run_add): its one text while it
	 * has one, else a copy of its texts in run */
	const char		*run_s;
	size_t			 run_len;
	struct sg_buf		 run;
};

struct sg_search *
sg_search_new(const struct sg_site *site, int jobs)
{
	struct sg_search	*s;
	const struct sg_value	*v;
	const struct sg_page	*p;
	size_t			 i, n = 0;
	int			 bad = 0;

	if (jobs < 1)
		jobs = 1;
	s = xcalloc(1, sizeof(*s));
	s->site = site;
	s->jobs = jobs;
	s->id = xcalloc(site->npages ? site->npages : 1, sizeof(*s->id));
	for (i = 0; i < site->npages; i++) {
		p = site->pages[i];
		v = p->fm ? sg_value_get(p->fm, "search") : NULL;
		if (v && v->type != SG_BOOL && v->type != SG_NIL) {
			sg_diag_error(site->diag, &v->loc, "front matter "
			    "'search' must be true or false, not a %s",
			    sg_value_type_name(v->type));
			bad = 1;
			continue;
		}
		if (p->draft || (v && v->type == SG_BOOL && !v->b))
			continue;
		s->id[i] = ++n;
	}
	if (n == 0 || bad) {
		free(s->id);
		free(s);
		return NULL;
	}
	s->npages = n;
	s->pages = xcalloc(n, sizeof(*s->pages));
	s->stemmers = xcalloc((size_t)jobs, sizeof(*s->stemmers));
	s->slots = xcalloc((size_t)jobs, sizeof(*s->slots));
	for (i = 0; i < (size_t)jobs; i++)
		s->stemmers[i] = sg_stemmer_new(site->config.language);
	s->stems = sg_stemmer_stems(s->stemmers[0]);
	return s;
}

/* The term of the stem of number id on this page, made on first use. */
static struct term *
term_get(struct pstate *ps, size_t id)
{
	struct sg_term_slots	*ts = ps->slots;
	struct term		*t;
	size_t			 cap;

	if (id >= ts->cap) {
		cap = ts->cap ? ts->cap : 1024;
		while (cap <= id)
			cap *= 2;
		ts->term = xrealloc(ts->term, cap * sizeof(*ts->term));
		ts->mark = xrealloc(ts->mark, cap * sizeof(*ts->mark));
		memset(ts->mark + ts->cap, 0, (cap - ts->cap) *
		    sizeof(*ts->mark));
		ts->cap = cap;
	}
	if (ts->mark[id] == ts->page)
		return &ps->t[ts->term[id]];
	if (ps->nt == ps->cap) {
		ps->cap = ps->cap ? ps->cap * 2 : 64;
		ps->t = xrealloc(ps->t, ps->cap * sizeof(*ps->t));
	}
	ts->mark[id] = ts->page;
	ts->term[id] = ps->nt;
	t = &ps->t[ps->nt++];
	memset(t, 0, sizeof(*t));
	t->stem = id;
	t->cur_sec = (unsigned)-1;
	return t;
}

/* Notes, with keep, that word (stem) is on the page. */
static void
note_word(struct pstate *ps, const char *word, const char *stem)
{
	if (ps->pg->nwords == ps->capw) {
		ps->capw = ps->capw ? ps->capw * 2 : 32;
		ps->pg->words = xrealloc(ps->pg->words, ps->capw * 2 *
		    sizeof(*ps->pg->words));
	}
	ps->pg->words[2 * ps->pg->nwords] = word;
	ps->pg->words[2 * ps->pg->nwords++ + 1] = stem;
}

/* Counts an occurrence of each of the n words e[id[0]], e[id[1]] … in
 * field f. A word's term on this page is kept on the word itself (its
 * mark), so that a word seen before on the page costs no lookup; the
 * first time, it is found through the stem's number, which the page's
 * other words with that stem share. Inlined for each field, with the
 * page's length in a register, this is 25 instructions a word where a
 * call with the field's tests and loads from memory was 40 (the sums
 * are the same, added in the same order). */
static inline __attribute__((always_inline)) void
add_words(struct pstate *ps, struct sg_stem_word *e, const size_t *id,
    size_t n, enum field f)
{
	struct sg_stem_word	*w;
	struct term		*t;
	unsigned		 page = ps->slots->page, sec = ps->sec;
	float			 len = ps->pg->len;
	size_t			 i;

	for (i = 0; i < n; i++) {
		w = &e[id[i]];
		if (w->mark == page)
			t = &ps->t[w->term];
		else {
			t = term_get(ps, w->id);
			w->mark = page;
			w->term = (size_t)(t - ps->t);
			if (ps->keep && w->word != w->stem)
				note_word(ps, w->word, w->stem);
		}
		if (f == F_TITLE)
			t->title = 1;
		else if (f == F_HEADING)
			t->heading = 1;
		t->tf += field_tf[f];
		len += field_tf[f];
		if (t->cur_sec != sec) {
			t->cur_sec = sec;
			t->cur = 0;
		}
		t->cur += field_sec[f];
		if (t->cur > t->best) {
			t->best = t->cur;
			t->sec = sec;
		}
	}
	ps->pg->len = len;
}

/* The page's terms, made small for the merge. */
static void
keep_terms(struct pstate *ps)
{
	struct sg_search_doc	*pg = ps->pg;
	size_t			 i;

	pg->v = xmalloc((ps->nt ? ps->nt : 1) * sizeof(*pg->v));
	pg->n = ps->nt;
	for (i = 0; i < ps->nt; i++) {
		pg->v[i].stem = (uint32_t)ps->t[i].stem;
		pg->v[i].tf = ps->t[i].tf;
		pg->v[i].sec = ps->t[i].sec > 65535 ? 65535 :
		    (uint16_t)ps->t[i].sec;
		pg->v[i].title = ps->t[i].title;
		pg->v[i].heading = ps->t[i].heading;
	}
}

static void
add_text(struct pstate *ps, const char *text, size_t len, enum field f)
{
	struct sg_stem_word	*e;
	const size_t		*id;
	size_t			 n;

	e = sg_stemmer_words(ps->st, text, len, MAX_WORD, &id, &n);
	switch (f) {
	case F_TITLE:
		add_words(ps, e, id, n, F_TITLE);
		break;
	case F_HEADING:
		add_words(ps, e, id, n, F_HEADING);
		break;
	case F_BODY:
		add_words(ps, e, id, n, F_BODY);
		break;
	case F_CODE:
		add_words(ps, e, id, n, F_CODE);
		break;
	}
}

/* Adds the text of an inline node to the run of them being gathered: a
 * word that inline markup splits is one word, as the reader sees it
 * (日本<em>語</em>, **Lambda**s, `malloc`s). A run of one text, the
 * common case, is not copied. */
static void
run_add(struct pstate *ps, const char *text, size_t len)
{
	if (ps->run_s == NULL && ps->run.len == 0) {
		ps->run_s = text;
		ps->run_len = len;
		return;
	}
	if (ps->run_s) {
		sg_buf_put(&ps->run, ps->run_s, ps->run_len);
		ps->run_s = NULL;
	}
	sg_buf_put(&ps->run, text, len);
}

/* Ends the run: at a break, a block, an image or anything that is not
 * text. Its words are counted as prose. */
static void
run_end(struct pstate *ps)
{
	if (ps->run_s)
		add_text(ps, ps->run_s, ps->run_len, F_BODY);
	else if (ps->run.len)
		add_text(ps, ps->run.data, ps->run.len, F_BODY);
	ps->run_s = NULL;
	ps->run.len = 0;
}

/* Cuts b to at most max bytes (plus an ellipsis), at a space where one is
 * in the second half, else at a character. */
static void
cut(struct sg_buf *b, size_t max)
{
	size_t	 keep = max;

	if (b->len <= max)
		return;
	while (keep > 0 && ((unsigned char)b->data[keep] & 0xC0) == 0x80)
		keep--;
	while (keep > max / 2 && b->data[keep] != ' ')
		keep--;
	if (keep <= max / 2)
		for (keep = max; keep > 0 && ((unsigned char)b->data[keep] &
		    0xC0) == 0x80; keep--)
			;
	while (keep > 0 && b->data[keep - 1] == ' ')
		keep--;
	b->len = keep;
	b->data[keep] = '\0';
	sg_buf_puts(b, "\xe2\x80\xa6");
}

/* White space, which an excerpt collapses to one space. */
static const unsigned char snip_white[256] = {
	[' '] = 1, ['\n'] = 1, ['\t'] = 1, ['\r'] = 1
};

/* The high bit of the first byte of v (sg_search_get8) that is white
 * space, or 0. Bytes below 0x21 are found at once; the rare one that is
 * not white (a control character) is passed over. */
static uint64_t
white8(uint64_t v)
{
	uint64_t	 c, low;

	c = ~((v & ~0x8080808080808080ull) + 0x5F5F5F5F5F5F5F5Full) & ~v &
	    0x8080808080808080ull;
	for (; c != 0; c ^= low) {
		low = c & -c;
		if (snip_white[v >> (__builtin_ctzll(low) & ~7) & 0xFF])
			return low;
	}
	return 0;
}

/* Appends text to the current section's excerpt source, spaces
 * collapsed, up to SNIPPET bytes (the word that passes it is cut to one
 * byte past, then cut() shortens the whole at a word). The excerpt never
 * holds more than SNIPPET + 2 bytes before it is cut, so its room is made
 * once (and eight bytes more). Runs of bytes whose only white space is
 * single spaces are copied as they are (sg_search_plain), where a word
 * at a time (a test for its end in each eight bytes, a store of them)
 * was 75 instructions a word; the rest go a word or a space at a time. */
static void
snip_more(struct pstate *ps, const char *text, size_t len)
{
	struct sg_buf		*b = &ps->snip;
	const unsigned char	*u = (const unsigned char *)text;
	size_t			 i = 0, j, n, end;
	uint64_t		 v, w;
	char			*d;

	if (b->len < SNIPPET + 8)
		sg_buf_grow(b, SNIPPET + 8 - b->len);
	d = b->data;
	n = b->len;
	while (i < len) {
		/* plain bytes, each within SNIPPET (n is one more after the
		 * space that follows a word cut there) */
		if (n + 8 <= SNIPPET + 1) {
			j = sg_search_plain(d + n, u + i, len - i, SNIPPET + 1 -
			    n, n == 0 || d[n - 1] == ' ');
			i += j;
			n += j;
		}
		if (i >= len)
			break;
		if (snip_white[u[i]]) {
			if (n > 0 && d[n - 1] != ' ')
				d[n++] = ' ';
			i++;
			continue;
		}
		if (n > SNIPPET) {
			b->len = n;
			d[n] = '\0';
			cut(b, SNIPPET);
			ps->cut = 1;
			return;
		}
		/* the word, to one byte past SNIPPET at most (the eight
		 * bytes stored from before that end fit in the room) */
		end = len - i < SNIPPET + 1 - n ? len : i + SNIPPET + 1 - n;
		for (j = i;; j += 8) {
			v = sg_search_load8(u, len, j);
			sg_search_put8(d + n + (j - i), v);
			if ((w = white8(v)) != 0) {
				j += (size_t)__builtin_ctzll(w) >> 3;
				break;
			}
			if (j + 8 >= end) {
				j += 8;
				break;
			}
		}
		if (j > end)
			j = end;
		n += j - i;
		i = j;
	}
	b->len = n;
	d[n] = '\0';
}

/* snip_add's test that the excerpt is not full yet, inlined: most texts
 * come after it is. */
static inline void
snip_add(struct pstate *ps, const char *text, size_t len)
{
	ps->text += len;
	if (!ps->cut && len > 0)
		snip_more(ps, text, len);
}

static void
snip_space(struct pstate *ps)
{
	snip_add(ps, " ", 1);
	ps->text--;
}

/* Ends the current section: its excerpt source into the list. */
static void
section_end(struct pstate *ps)
{
	struct sg_buf	*b = &ps->snip;

	while (b->len > 0 && b->data[b->len - 1] == ' ')
		b->data[--b->len] = '\0';
	if (b->data == NULL)
		sg_buf_puts(b, "");
	if (ps->nsnips == ps->capsnips) {
		ps->capsnips = ps->capsnips ? ps->capsnips * 2 : 16;
		ps->snips = xrealloc(ps->snips, ps->capsnips *
		    sizeof(*ps->snips));
	}
	ps->snips[ps->nsnips++] = *b;
	memset(b, 0, sizeof(*b));
	ps->cut = 0;
}

/* The excerpt sources as the JSON list "x", together at most a sixth of
 * the page's text (but SNIPPET_MIN a section), so that the index stays
 * small beside the site. */
static void
snips_json(struct pstate *ps, struct sg_buf *out)
{
	size_t	 i, total = 0, budget = ps->text / 6, each;

	for (i = 0; i < ps->nsnips; i++)
		total += ps->snips[i].len;
	each = ps->nsnips ? budget / ps->nsnips : 0;
	if (each < SNIPPET_MIN)
		each = SNIPPET_MIN;
	sg_buf_putc(out, '[');
	for (i = 0; i < ps->nsnips; i++) {
		if (total > budget)
			cut(&ps->snips[i], each);
		if (i > 0)
			sg_buf_putc(out, ',');
		sg_search_json_str(out, ps->snips[i].data, ps->snips[i].len);
	}
	sg_buf_putc(out, ']');
}

static void
heading(struct pstate *ps, const struct sg_node *n)
{
	struct sg_buf	 t = { NULL, 0, 0 };
	const char	*id = n->u.heading.id ? n->u.heading.id : "";

	section_end(ps);
	ps->sec++;
	sg_node_plain(n, &t);
	sg_buf_putc(&ps->heads, ',');
	sg_buf_putc(&ps->heads, '[');
	sg_search_json_str(&ps->heads, id, strlen(id));
	sg_buf_putc(&ps->heads, ',');
	sg_search_json_str(&ps->heads, t.data ? t.data : "", t.len);
	sg_buf_putc(&ps->heads, ']');
	if (t.data)
		add_text(ps, t.data, t.len, F_HEADING);
	sg_buf_free(&t);
}

static void
sample(struct pstate *ps, const struct sg_sample *sm)
{
	const char	*code;

	if (sm == NULL)
		return;
	code = sm->shown ? sm->shown : sm->code;
	if (code)
		add_text(ps, code, strlen(code), F_CODE);
	if (sm->shown_output)
		add_text(ps, sm->shown_output, strlen(sm->shown_output),
		    F_CODE);
	else if (sm->expected)
		add_text(ps, sm->expected, strlen(sm->expected), F_CODE);
}

/* Tokenizes the document tree of a page in document order: a heading
 * starts a section; prose counts fully, code less; raw HTML not at all. */
static void
walk(struct pstate *ps, const struct sg_node *root)
{
	struct sg_walk		 w;
	const struct sg_node	*n, *skip = NULL;
	int			 entering;

	sg_walk_init(&w, root);
	while (sg_walk_next(&w, &n, &entering)) {
		if (skip) {
			if (n == skip && !entering)
				skip = NULL;
			continue;
		}
		if (!entering) {
			/* an image's alt text is not the text around it */
			if (n->kind == SG_NODE_IMAGE)
				run_end(ps);
			continue;
		}
		/* emphasis, strong, strike and links go on with the run */
		if (n->kind != SG_NODE_TEXT && n->kind != SG_NODE_CODE &&
		    n->kind != SG_NODE_EMPH && n->kind != SG_NODE_STRONG &&
		    n->kind != SG_NODE_STRIKE && n->kind != SG_NODE_LINK)
			run_end(ps);
		if (n != root && sg_node_is_block(n->kind))
			snip_space(ps);
		switch (n->kind) {
		case SG_NODE_HEADING:
			heading(ps, n);
			skip = n;
			break;
		case SG_NODE_TEXT:
		case SG_NODE_CODE:
			run_add(ps, n->text, n->len);
			snip_add(ps, n->text, n->len);
			break;
		case SG_NODE_SOFTBREAK:
		case SG_NODE_LINEBREAK:
			snip_space(ps);
			break;
		case SG_NODE_CODE_BLOCK:
			if (n->text)
				add_text(ps, n->text, n->len, F_CODE);
			break;
		case SG_NODE_SAMPLE:
			sample(ps, n->u.sample.sample);
			break;
		default:
			break;
		}
	}
	run_end(ps);
}

/* The fragment file of a page: title, URL, headings and excerpts. */
static void
fragment(struct pstate *ps, const struct sg_page *p, struct sg_buf *out)
{
	const char	*title = p->title ? p->title : "";

	sg_buf_puts(out, "{\"t\":");
	sg_search_json_str(out, title, strlen(title));
	sg_buf_puts(out, ",\"u\":");
	sg_search_json_str(out, p->url ? p->url : "", p->url ?
	    strlen(p->url) : 0);
	sg_buf_puts(out, ",\"h\":[[\"\",");
	sg_search_json_str(out, title, strlen(title));
	sg_buf_putc(out, ']');
	if (ps->heads.data)
		sg_buf_put(out, ps->heads.data, ps->heads.len);
	sg_buf_puts(out, "],\"x\":");
	snips_json(ps, out);
	sg_buf_putc(out, '}');
}

/* Indexes p into its slot, on worker. */
static void
index_page(struct sg_search *s, int worker, const struct sg_page *p)
{
	struct pstate	 ps;
	struct sg_buf	 frag = { NULL, 0, 0 };
	size_t		 id = s->id[p->index] - 1, i;

	memset(&ps, 0, sizeof(ps));
	ps.pg = &s->pages[id];
	ps.pg->worker = worker;
	ps.st = s->stemmers[worker];
	ps.slots = &s->slots[worker];
	/* a new mark for this page's terms; when the marks wrap, the old
	 * ones go */
	if (++ps.slots->page == 0) {
		memset(ps.slots->mark, 0, ps.slots->cap *
		    sizeof(*ps.slots->mark));
		sg_stemmer_unmark(ps.st);
		ps.slots->page = 1;
	}
	ps.keep = s->keep;
	if (p->title)
		add_text(&ps, p->title, strlen(p->title), F_TITLE);
	if (p->md.doc)
		walk(&ps, sg_doc_root(p->md.doc));
	section_end(&ps);
	fragment(&ps, p, &frag);
	keep_terms(&ps);
	free(ps.t);
	ps.pg->done = 1;
	ps.pg->frag_len = frag.len;
	ps.pg->frag = sg_buf_detach(&frag);
	sg_buf_free(&ps.heads);
	for (i = 0; i < ps.nsnips; i++)
		sg_buf_free(&ps.snips[i]);
	free(ps.snips);
	sg_buf_free(&ps.snip);
	sg_buf_free(&ps.run);
}

void
sg_search_page(struct sg_search *s, int worker, const struct sg_page *p)
{
	if (s == NULL || p == NULL || p->index >= s->site->npages ||
	    s->site->pages[p->index] != p || s->id[p->index] == 0)
		return;
	if (worker < 0 || worker >= s->jobs)
		worker = 0;
	if (s->pages[s->id[p->index] - 1].done)
		return;
	index_page(s, worker, p);
}

/* Keeps what each page gave apart, so that pages can be indexed again
 * (sg_search_forget); call before any page is indexed. */
void
sg_search_keep(struct sg_search *s)
{
	if (s)
		s->keep = 1;
}

/* Forgets what p gave, for it to be indexed again after an edit. */
void
sg_search_forget(struct sg_search *s, const struct sg_page *p)
{
	struct sg_search_doc	*d;

	if (s == NULL || p->index >= s->site->npages || s->id[p->index] == 0)
		return;
	d = &s->pages[s->id[p->index] - 1];
	free(d->v);
	free(d->frag);
	free(d->words);
	memset(d, 0, sizeof(*d));
}

void
sg_search_free(struct sg_search *s)
{
	size_t	 i;

	if (s == NULL)
		return;
	for (i = 0; i < s->npages; i++) {
		free(s->pages[i].v);
		free(s->pages[i].frag);
		free(s->pages[i].words);
	}
	free(s->pages);
	for (i = 0; i < (size_t)s->jobs; i++) {
		sg_stemmer_free(s->stemmers[i]);
		free(s->slots[i].term);
		free(s->slots[i].mark);
	}
	free(s->slots);
	free(s->stemmers);
	free(s->id);
	free(s);
}
