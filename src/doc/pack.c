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
 * The layout: each node, in document order, is its kind (one byte), line
 * and column, its text, the payload of its kind, then its children and an
 * END byte. Numbers are unsigned LEB128; a string is its length + 1 and
 * its bytes, 0 for NULL; a pointer (a link's page, a sample, a shortcode)
 * is its bytes, which is why a packed tree never leaves the process. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "doc/pack.h"
#include "doc/tree.h"
#include "util.h"

#define END	0xff	/* after a node's children */

/* ---- writing ---- */

static void
put_num(struct sg_buf *b, size_t n)
{
	char	 v[10];
	size_t	 i = 0;

	do {
		v[i] = (char)(n & 0x7f);
		n >>= 7;
		if (n)
			v[i] = (char)(v[i] | 0x80);
		i++;
	} while (n);
	sg_buf_put(b, v, i);
}

/* A signed int (a list's start may be anything cmark-gfm took). */
static void
put_int(struct sg_buf *b, long long n)
{
	put_num(b, n < 0 ? ((size_t)(-(n + 1)) << 1) | 1 : (size_t)n << 1);
}

static void
put_mem(struct sg_buf *b, const char *s, size_t n)
{
	if (s == NULL) {
		put_num(b, 0);
		return;
	}
	put_num(b, n + 1);
	sg_buf_put(b, s, n);
}

static void
put_str(struct sg_buf *b, const char *s)
{
	put_mem(b, s, s ? strlen(s) : 0);
}

static void
put_ptr(struct sg_buf *b, const void *p)
{
	sg_buf_put(b, (const char *)&p, sizeof(p));
}

static void
put_payload(struct sg_buf *b, const struct sg_node *n)
{
	size_t	 i, end = 0;
	int	 k;

	switch (n->kind) {
	case SG_NODE_HEADING:
		put_num(b, (size_t)n->u.heading.level);
		put_str(b, n->u.heading.id);
		break;
	case SG_NODE_ALERT:
		put_num(b, n->u.alert.kind);
		break;
	case SG_NODE_LIST:
		put_num(b, (size_t)n->u.list.ordered);
		put_int(b, n->u.list.start);
		put_num(b, (size_t)n->u.list.tight);
		put_num(b, (unsigned char)n->u.list.delim);
		break;
	case SG_NODE_ITEM:
		put_num(b, (size_t)(n->u.item.task | n->u.item.checked << 1));
		break;
	case SG_NODE_CODE_BLOCK:
		put_str(b, n->u.code.lang);
		put_str(b, n->u.code.info);
		put_num(b, n->u.code.tokens ? n->u.code.ntokens + 1 : 0);
		/* tokens cover the text in order: each is its kind, the gap
		 * before it (none so far) and its length */
		for (i = 0; n->u.code.tokens && i < n->u.code.ntokens; i++) {
			put_num(b, n->u.code.tokens[i].kind);
			put_num(b, n->u.code.tokens[i].off - end);
			put_num(b, n->u.code.tokens[i].len);
			end = n->u.code.tokens[i].off + n->u.code.tokens[i].len;
		}
		break;
	case SG_NODE_SAMPLE:
		put_ptr(b, n->u.sample.sample);
		break;
	case SG_NODE_TABLE:
		put_num(b, (size_t)n->u.table.ncols);
		for (k = 0; k < n->u.table.ncols; k++)
			put_num(b, n->u.table.align[k]);
		break;
	case SG_NODE_TABLE_ROW:
		put_num(b, (size_t)n->u.row.header);
		break;
	case SG_NODE_TABLE_CELL:
		put_num(b, n->u.cell.align);
		break;
	case SG_NODE_LINK:
	case SG_NODE_IMAGE:
		put_num(b, n->u.link.kind);
		put_str(b, n->u.link.url);
		put_str(b, n->u.link.title);
		put_ptr(b, n->u.link.page);
		put_str(b, n->u.link.anchor);
		put_num(b, (size_t)n->u.link.width);
		put_num(b, (size_t)n->u.link.height);
		break;
	case SG_NODE_FOOTNOTE_DEF:
	case SG_NODE_FOOTNOTE_REF:
		put_str(b, n->u.footnote.label);
		put_num(b, (size_t)n->u.footnote.index);
		put_num(b, (size_t)n->u.footnote.ref);
		break;
	case SG_NODE_SHORTCODE_BLOCK:
	case SG_NODE_SHORTCODE:
		put_ptr(b, n->u.shortcode.sc);
		put_num(b, (size_t)n->u.shortcode.close);
		break;
	default:
		break;
	}
}

unsigned char *
sg_doc_pack(const struct sg_doc *doc, struct sg_buf *scratch, size_t *len)
{
	struct sg_buf		 own = { 0 }, *b = scratch ? scratch : &own;
	const struct sg_node	*root = sg_doc_root(doc), *n = root;
	unsigned char		*out;

	b->len = 0;

	/* depth first without recursion: a node, its children, END */
	for (;;) {
		sg_buf_putc(b, (char)n->kind);
		put_num(b, (size_t)n->line);
		put_num(b, (size_t)n->col);
		put_mem(b, n->text, n->len);
		put_payload(b, n);
		if (n->first) {
			n = n->first;
			continue;
		}
		for (;;) {
			sg_buf_putc(b, (char)END);
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
	*len = b->len;
	out = xmalloc(b->len ? b->len : 1);
	memcpy(out, b->data, b->len);
	sg_buf_free(&own);
	return out;
}

/* ---- reading ---- */

struct rd {
	const unsigned char	*p, *e;
	struct sg_doc		*doc;
	int			 bad;
};

static size_t
get_num(struct rd *r)
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

static int
get_int(struct rd *r)
{
	size_t	 n = get_num(r);

	return n & 1 ? (int)-(long long)(n >> 1) - 1 : (int)(n >> 1);
}

/* A string's copy in the doc's arena, NUL after it; *len its bytes. */
static const char *
get_mem(struct rd *r, size_t *len)
{
	size_t		 n = get_num(r);
	const char	*s;

	*len = 0;
	if (n == 0 || r->bad)
		return NULL;
	if (n - 1 > (size_t)(r->e - r->p)) {
		r->bad = 1;
		return NULL;
	}
	s = sg_doc_strndup(r->doc, (const char *)r->p, n - 1);
	r->p += n - 1;
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
	n->u.code.tokens = sg_doc_alloc(r->doc, count ? count *
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
		n->u.table.align = sg_doc_alloc(r->doc, (v + 1) *
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
	struct rd	 r = { v, v + len, sg_doc_new(), 0 };
	struct sg_node	*parent = NULL, *n;
	int		 kind, line, col, done = 0;

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
			n = sg_node_new(r.doc, (enum sg_node_kind)kind, line,
			    col);
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
