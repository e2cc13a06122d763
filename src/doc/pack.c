/* pack.c: a document tree as one block of bytes and back (pack.h).
 *
 * Why: a page's tree is about three times its Markdown (the benchmark's
 * 7.9 kB pages make 25 kB of nodes), so a site of 10,000 pages could not
 * keep every tree from the Markdown stage to the render within its memory,
 * and parsed most pages a second time at the render (a seventh of the
 * build). Packed, a tree takes about what its Markdown took, and making it
 * again is a copy, not a parse: no cmark-gfm, no highlighting, no link
 * resolution.
 *
 * The layout: HEAD bytes, the arena the tree takes when made again (so
 * that it is allocated at once); then each node, in document order, is
 * its kind (one byte), line and column, its text, the payload of its
 * kind, then its children and an END byte. Numbers are unsigned LEB128;
 * a string is its length + 1, its bytes and a NUL, 0 for NULL: the tree
 * made again points into the block for its strings rather than copying
 * them (a copy each was a third of the cost of making it). A pointer (a
 * link's page, a sample, a shortcode) is its bytes, which is why a
 * packed tree never leaves the process. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "doc/pack.h"
#include "doc/tree.h"
#include "util.h"

#define END	0xff	/* after a node's children */
#define HEAD	4	/* bytes before the root: the arena it needs */
#define MAXNUM	10	/* bytes of a number at most (64 bits, 7 a byte) */

/* ---- writing ---- */

/* The state of one pack: the buffer, and the bytes of arena the tree
 * will take when unpacked, counted as sg_doc_alloc counts them so that
 * sg_doc_unpack can take them as one block (sg_doc_block). */
struct wr {
	struct sg_buf	*b;
	size_t		 need;
};

/* Room for n more bytes in b; returns where they go. The caller writes
 * through the pointer and sets b->len: a call to sg_buf_put for each
 * number and string was two thirds of the cost of packing. */
static unsigned char *
room(struct sg_buf *b, size_t n)
{
	if (b->cap - b->len <= n)
		sg_buf_grow(b, n);
	return (unsigned char *)b->data + b->len;
}

static void
done_at(struct sg_buf *b, const unsigned char *p)
{
	b->len = (size_t)(p - (const unsigned char *)b->data);
}

/* Writes n at p (unsigned LEB128); returns the byte after it. */
static unsigned char *
num_at(unsigned char *p, size_t n)
{
	for (; n >= 0x80; n >>= 7)
		*p++ = (unsigned char)(n | 0x80);
	*p++ = (unsigned char)n;
	return p;
}

/* Writes s[0..n) (NULL: none) at p, which has room for MAXNUM + n + 1
 * bytes; returns the byte after it. */
static unsigned char *
mem_at(unsigned char *p, const char *s, size_t n)
{
	if (s == NULL) {
		*p++ = 0;
		return p;
	}
	p = num_at(p, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p + n + 1;
}

static void
put_num(struct wr *w, size_t n)
{
	done_at(w->b, num_at(room(w->b, MAXNUM), n));
}

/* A signed int (a list's start may be anything cmark-gfm took). */
static void
put_int(struct wr *w, long long n)
{
	put_num(w, n < 0 ? ((size_t)(-(n + 1)) << 1) | 1 : (size_t)n << 1);
}

static void
put_str(struct wr *w, const char *s)
{
	size_t	 n = s ? strlen(s) : 0;

	done_at(w->b, mem_at(room(w->b, MAXNUM + n + 1), s, n));
}

static void
put_ptr(struct wr *w, const void *p)
{
	unsigned char	*at = room(w->b, sizeof(p));

	memcpy(at, &p, sizeof(p));
	done_at(w->b, at + sizeof(p));
}

static void
put_tokens(struct wr *w, const struct sg_node *n)
{
	const struct sg_token	*t = n->u.code.tokens;
	unsigned char		*p;
	size_t			 i, end = 0;

	put_num(w, t ? n->u.code.ntokens + 1 : 0);
	if (t == NULL)
		return;
	w->need += SG_DOC_ROUND(n->u.code.ntokens ? n->u.code.ntokens *
	    sizeof(*t) : 1);
	/* tokens cover the text in order: each is its kind, the gap
	 * before it (none so far) and its length */
	for (i = 0; i < n->u.code.ntokens; i++) {
		p = room(w->b, 3 * MAXNUM);
		p = num_at(p, t[i].kind);
		p = num_at(p, t[i].off - end);
		p = num_at(p, t[i].len);
		done_at(w->b, p);
		end = t[i].off + t[i].len;
	}
}

static void
put_payload(struct wr *w, const struct sg_node *n)
{
	int	 k;

	switch (n->kind) {
	case SG_NODE_HEADING:
		put_num(w, (size_t)n->u.heading.level);
		put_str(w, n->u.heading.id);
		break;
	case SG_NODE_ALERT:
		put_num(w, n->u.alert.kind);
		break;
	case SG_NODE_LIST:
		put_num(w, (size_t)n->u.list.ordered);
		put_int(w, n->u.list.start);
		put_num(w, (size_t)n->u.list.tight);
		put_num(w, (unsigned char)n->u.list.delim);
		break;
	case SG_NODE_ITEM:
		put_num(w, (size_t)(n->u.item.task | n->u.item.checked << 1));
		break;
	case SG_NODE_CODE_BLOCK:
		put_str(w, n->u.code.lang);
		put_str(w, n->u.code.info);
		put_tokens(w, n);
		break;
	case SG_NODE_SAMPLE:
		put_ptr(w, n->u.sample.sample);
		break;
	case SG_NODE_TABLE:
		put_num(w, (size_t)n->u.table.ncols);
		for (k = 0; k < n->u.table.ncols; k++)
			put_num(w, n->u.table.align[k]);
		w->need += SG_DOC_ROUND(((size_t)n->u.table.ncols + 1) *
		    sizeof(*n->u.table.align));
		break;
	case SG_NODE_TABLE_ROW:
		put_num(w, (size_t)n->u.row.header);
		break;
	case SG_NODE_TABLE_CELL:
		put_num(w, n->u.cell.align);
		break;
	case SG_NODE_LINK:
	case SG_NODE_IMAGE:
		put_num(w, n->u.link.kind);
		put_str(w, n->u.link.url);
		put_str(w, n->u.link.title);
		put_ptr(w, n->u.link.page);
		put_str(w, n->u.link.anchor);
		put_num(w, (size_t)n->u.link.width);
		put_num(w, (size_t)n->u.link.height);
		break;
	case SG_NODE_FOOTNOTE_DEF:
	case SG_NODE_FOOTNOTE_REF:
		put_str(w, n->u.footnote.label);
		put_num(w, (size_t)n->u.footnote.index);
		put_num(w, (size_t)n->u.footnote.ref);
		break;
	case SG_NODE_SHORTCODE_BLOCK:
	case SG_NODE_SHORTCODE:
		put_ptr(w, n->u.shortcode.sc);
		put_num(w, (size_t)n->u.shortcode.close);
		break;
	default:
		break;
	}
}

/* A node's kind, line, column and text, in one stretch of room. */
static void
put_head(struct wr *w, const struct sg_node *n)
{
	unsigned char	*p = room(w->b, 2 + 3 * MAXNUM + n->len);

	*p++ = (unsigned char)n->kind;
	p = num_at(p, (size_t)n->line);
	p = num_at(p, (size_t)n->col);
	done_at(w->b, mem_at(p, n->text, n->len));
}

unsigned char *
sg_doc_pack(const struct sg_doc *doc, struct sg_buf *scratch, size_t *len)
{
	struct sg_buf		 own = { 0 };
	struct wr		 w = { scratch ? scratch : &own, 0 };
	const struct sg_node	*root = sg_doc_root(doc), *n = root;
	unsigned char		*out, *p;
	size_t			 k, need;

	w.b->len = 0;
	room(w.b, HEAD);
	w.b->len = HEAD;

	/* depth first without recursion: a node, its children, END */
	for (;;) {
		put_head(&w, n);
		put_payload(&w, n);
		if (n != root)
			w.need += SG_DOC_ROUND(sizeof(*n));
		if (n->first) {
			n = n->first;
			continue;
		}
		for (;;) {
			sg_buf_putc(w.b, (char)END);
			if (n == root)
				goto done;
			if (n->next) {
				n = n->next;
				break;
			}
			n = n->parent;
		}
	}
done:
	/* the arena's bytes first, little-endian, as much as fits */
	need = w.need < 0xffffffff ? w.need : 0xffffffff;
	p = (unsigned char *)w.b->data;
	for (k = 0; k < HEAD; k++)
		p[k] = (unsigned char)(need >> (8 * k));
	*len = w.b->len;
	out = xmalloc(w.b->len);
	memcpy(out, w.b->data, w.b->len);
	sg_buf_free(&own);
	return out;
}

/* ---- reading ---- */

struct rd {
	const unsigned char	*p, *e;
	struct sg_doc		*doc;
	char			*at;	/* the block nodes and strings are */
	size_t			 left;	/* carved from, and its bytes left */
	int			 bad;
};

/* size bytes for the tree, not zeroed: carved from the block the header
 * asked for, or (a damaged header's) from the doc's arena. */
static void *
carve(struct rd *r, size_t size)
{
	char	*p = r->at;

	size = SG_DOC_ROUND(size);
	if (r->left < size)
		return sg_doc_block(r->doc, size);
	r->at += size;
	r->left -= size;
	return p;
}

static size_t
get_long(struct rd *r)
{
	size_t	 n = 0;
	int	 shift = 0;

	while (r->p < r->e && shift < 64) {
		n |= (size_t)(*r->p & 0x7f) << shift;
		if ((*r->p++ & 0x80) == 0)
			return n;
		shift += 7;
	}
	r->bad = 1;
	return 0;
}

/* A number; most (kinds, columns, lengths of words) take one byte. */
static inline size_t
get_num(struct rd *r)
{
	if (r->p < r->e && *r->p < 0x80)
		return *r->p++;
	return get_long(r);
}

static int
get_int(struct rd *r)
{
	size_t	 n = get_num(r);

	return n & 1 ? (int)-(long long)(n >> 1) - 1 : (int)(n >> 1);
}

/* A string, where it is in the block (its NUL after it); *len its
 * bytes. */
static const char *
get_mem(struct rd *r, size_t *len)
{
	size_t		 n = get_num(r);
	const char	*s = (const char *)r->p;

	*len = 0;
	if (n == 0 || r->bad)
		return NULL;
	if (n > (size_t)(r->e - r->p) || r->p[n - 1] != '\0') {
		r->bad = 1;
		return NULL;
	}
	r->p += n;
	*len = n - 1;
	return s;
}

static const char *
get_str(struct rd *r)
{
	size_t	 n;

	return get_mem(r, &n);
}

static void *
get_ptr(struct rd *r)
{
	void	*p = NULL;

	if ((size_t)(r->e - r->p) < sizeof(p)) {
		r->bad = 1;
		return NULL;
	}
	memcpy(&p, r->p, sizeof(p));
	r->p += sizeof(p);
	return p;
}

static void
get_tokens(struct rd *r, struct sg_node *n)
{
	size_t	 i, count = get_num(r), end = 0;

	if (count == 0 || r->bad)
		return;
	count--;
	/* each token takes three bytes at least */
	if (count > (size_t)(r->e - r->p) / 3) {
		r->bad = 1;
		return;
	}
	n->u.code.ntokens = count;
	n->u.code.tokens = carve(r, count ? count *
	    sizeof(*n->u.code.tokens) : 1);
	for (i = 0; i < count; i++) {
		n->u.code.tokens[i].kind = (enum sg_tok)get_num(r);
		n->u.code.tokens[i].off = end + get_num(r);
		n->u.code.tokens[i].len = get_num(r);
		end = n->u.code.tokens[i].off + n->u.code.tokens[i].len;
	}
}

static void
get_payload(struct rd *r, struct sg_node *n)
{
	size_t	 v;
	int	 k;

	switch (n->kind) {
	case SG_NODE_HEADING:
		n->u.heading.level = (int)get_num(r);
		n->u.heading.id = get_str(r);
		break;
	case SG_NODE_ALERT:
		n->u.alert.kind = (enum sg_alert_kind)get_num(r);
		break;
	case SG_NODE_LIST:
		n->u.list.ordered = (int)get_num(r);
		n->u.list.start = get_int(r);
		n->u.list.tight = (int)get_num(r);
		n->u.list.delim = (char)get_num(r);
		break;
	case SG_NODE_ITEM:
		v = get_num(r);
		n->u.item.task = (int)(v & 1);
		n->u.item.checked = (int)(v >> 1 & 1);
		break;
	case SG_NODE_CODE_BLOCK:
		n->u.code.lang = get_str(r);
		n->u.code.info = get_str(r);
		get_tokens(r, n);
		break;
	case SG_NODE_SAMPLE:
		n->u.sample.sample = get_ptr(r);
		break;
	case SG_NODE_TABLE:
		v = get_num(r);
		if (v > (size_t)(r->e - r->p)) {
			r->bad = 1;
			break;
		}
		n->u.table.ncols = (int)v;
		/* one more, zeroed, as md_tree.c makes it */
		n->u.table.align = carve(r, (v + 1) *
		    sizeof(*n->u.table.align));
		memset(n->u.table.align, 0, (v + 1) *
		    sizeof(*n->u.table.align));
		for (k = 0; k < n->u.table.ncols; k++)
			n->u.table.align[k] = (enum sg_align)get_num(r);
		break;
	case SG_NODE_TABLE_ROW:
		n->u.row.header = (int)get_num(r);
		break;
	case SG_NODE_TABLE_CELL:
		n->u.cell.align = (enum sg_align)get_num(r);
		break;
	case SG_NODE_LINK:
	case SG_NODE_IMAGE:
		n->u.link.kind = (enum sg_link_kind)get_num(r);
		n->u.link.url = get_str(r);
		n->u.link.title = get_str(r);
		n->u.link.page = get_ptr(r);
		n->u.link.anchor = get_str(r);
		n->u.link.width = (int)get_num(r);
		n->u.link.height = (int)get_num(r);
		break;
	case SG_NODE_FOOTNOTE_DEF:
	case SG_NODE_FOOTNOTE_REF:
		n->u.footnote.label = get_str(r);
		n->u.footnote.index = (int)get_num(r);
		n->u.footnote.ref = (int)get_num(r);
		break;
	case SG_NODE_SHORTCODE_BLOCK:
	case SG_NODE_SHORTCODE:
		n->u.shortcode.sc = get_ptr(r);
		n->u.shortcode.close = (int)get_num(r);
		break;
	default:
		break;
	}
}

struct sg_doc *
sg_doc_unpack(const unsigned char *v, size_t len)
{
	struct rd	 r = { v, v + len, sg_doc_new(), NULL, 0, 0 };
	struct sg_node	*parent = NULL, *n;
	size_t		 need = 0, k;
	int		 kind, line, col, done = 0;

	if (len < HEAD)
		r.bad = 1;
	else {
		for (k = 0; k < HEAD; k++)
			need |= (size_t)v[k] << (8 * k);
		r.p += HEAD;
		/* no more than a tree of len bytes can take, whatever a
		 * damaged block says (a node of 5 bytes takes 128) */
		if (need / 32 > len)
			need = 32 * len;
		if (need > 0) {
			r.at = sg_doc_block(r.doc, need);
			r.left = need;
		}
	}
	while (!done && r.p < r.e && !r.bad) {
		kind = *r.p++;
		if (kind == END) {
			if (parent == NULL)
				r.bad = 1;
			else if ((parent = parent->parent) == NULL)
				done = 1;	/* the root's END */
			continue;
		}
		line = (int)get_num(&r);
		col = (int)get_num(&r);
		if (kind >= SG_NODE__COUNT ||
		    (parent == NULL) != (kind == SG_NODE_DOCUMENT)) {
			r.bad = 1;
			break;
		}
		if (parent == NULL) {
			n = sg_doc_root(r.doc);
			n->line = line;
			n->col = col;
		} else {
			n = carve(&r, sizeof(*n));
			sg_node_init(n, (enum sg_node_kind)kind, line, col);
			sg_node_append(parent, n);
		}
		n->text = get_mem(&r, &n->len);
		get_payload(&r, n);
		parent = n;
	}
	if (r.bad || !done || r.p != r.e) {
		sg_doc_free(r.doc);
		return NULL;
	}
	return r.doc;
}
