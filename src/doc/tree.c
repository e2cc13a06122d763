/* tree.c: the document tree's storage (one arena per page, freed at once),
 * building, walking and plain text. Knows nothing of cmark-gfm. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "doc/tree.h"
#include "util.h"

#define CHUNK	(4 * 1024)

/* One block of the arena; data follows the header. */
struct chunk {
	struct chunk	*next;
	size_t		 used;
	size_t		 size;
	max_align_t	 data[];	/* size bytes */
};

struct sg_doc {
	struct chunk	*chunks;	/* newest first */
	struct sg_node	*root;
};

static const char *const kind_names[SG_NODE__COUNT] = {
	"document", "paragraph", "heading", "blockquote", "alert", "list",
	"item", "code_block", "sample", "html_block", "thematic_break",
	"table", "table_row", "table_cell", "shortcode_block", "footnote_def",
	"text", "softbreak", "linebreak", "code", "html_inline", "emph",
	"strong", "strike", "link", "image", "footnote_ref", "shortcode"
};

/* A new chunk of at least size bytes for doc; a big one goes behind the
 * current chunk, which keeps its free space. */
static struct chunk *
grow(struct sg_doc *doc, size_t size)
{
	struct chunk	*c;
	size_t		 want = size > CHUNK / 4 ? size : CHUNK;

	c = xmalloc(sizeof(*c) + want);
	c->size = want;
	c->used = 0;
	if (size > CHUNK / 4 && doc->chunks) {
		c->next = doc->chunks->next;
		doc->chunks->next = c;
	} else {
		c->next = doc->chunks;
		doc->chunks = c;
	}
	return c;
}

/* size bytes of doc's arena, not zeroed: for what its caller fills whole
 * (a node, a copied string), which zeroing first would only write twice. */
static void *
take(struct sg_doc *doc, size_t size)
{
	struct chunk	*c = doc->chunks;
	char		*p;

	size = SG_DOC_ROUND(size);
	if (c == NULL || c->size - c->used < size)
		c = grow(doc, size);
	p = (char *)c->data + c->used;
	c->used += size;
	return p;
}

void *
sg_doc_alloc(struct sg_doc *doc, size_t size)
{
	void	*p = take(doc, size);

	memset(p, 0, SG_DOC_ROUND(size));
	return p;
}

char *
sg_doc_strndup(struct sg_doc *doc, const char *s, size_t n)
{
	char	*p = take(doc, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void *
sg_doc_block(struct sg_doc *doc, size_t size)
{
	return take(doc, size);
}

struct sg_doc *
sg_doc_new(void)
{
	struct sg_doc	*doc = xcalloc(1, sizeof(*doc));

	doc->root = sg_node_new(doc, SG_NODE_DOCUMENT, 1, 1);
	return doc;
}

struct sg_node *
sg_doc_root(const struct sg_doc *doc)
{
	return doc->root;
}

size_t
sg_doc_size(const struct sg_doc *doc)
{
	const struct chunk	*c;
	size_t			 n = sizeof(*doc);

	for (c = doc->chunks; c; c = c->next)
		n += sizeof(*c) + c->size;
	return n;
}

void
sg_doc_free(struct sg_doc *doc)
{
	struct chunk	*c, *next;

	if (doc == NULL)
		return;
	for (c = doc->chunks; c; c = next) {
		next = c->next;
		free(c);
	}
	free(doc);
}

struct sg_node *
sg_node_new(struct sg_doc *doc, enum sg_node_kind kind, int line, int col)
{
	struct sg_node	*n = take(doc, sizeof(*n));

	sg_node_init(n, kind, line, col);
	return n;
}

const char *
sg_node_kind_name(enum sg_node_kind kind)
{
	return (unsigned)kind < SG_NODE__COUNT ? kind_names[kind] : "?";
}

int
sg_node_is_block(enum sg_node_kind kind)
{
	return kind <= SG_NODE_FOOTNOTE_DEF;
}

void
sg_node_plain(const struct sg_node *n, struct sg_buf *buf)
{
	const struct sg_node	*c;

	for (c = n->first; c; c = c->next) {
		switch (c->kind) {
		case SG_NODE_TEXT:
		case SG_NODE_CODE:
			sg_buf_put(buf, c->text, c->len);
			break;
		case SG_NODE_SOFTBREAK:
		case SG_NODE_LINEBREAK:
			sg_buf_putc(buf, ' ');
			break;
		case SG_NODE_FOOTNOTE_REF:
		case SG_NODE_HTML_INLINE:
			break;
		default:
			sg_node_plain(c, buf);
			break;
		}
	}
}
