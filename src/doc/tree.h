/* tree.h: the document tree sitegen owns. markdown.c builds one per page
 * from cmark-gfm's tree (which stays private to it); every output (HTML
 * pages, PDF handouts, slide decks, the search index, check) is a walk
 * over this tree, as lowdown's renderers walk its lowdown_node. A page's
 * leading '# heading' is its title (sg_md.h1), not a node of the tree. */
#ifndef SG_TREE_H
#define SG_TREE_H

#include <stddef.h>
#include <string.h>

#include "diag.h"
#include "highlight/highlight.h"

struct sg_page;
struct sg_sample;
struct sg_shortcode;

enum sg_node_kind {
	/* blocks */
	SG_NODE_DOCUMENT,
	SG_NODE_PARAGRAPH,
	SG_NODE_HEADING,	/* u.heading */
	SG_NODE_BLOCKQUOTE,
	SG_NODE_ALERT,		/* u.alert: a GitHub [!NOTE] quote */
	SG_NODE_LIST,		/* u.list */
	SG_NODE_ITEM,		/* u.item */
	SG_NODE_CODE_BLOCK,	/* u.code; text is the code */
	SG_NODE_SAMPLE,		/* u.sample: a C sample, its result after the
				 * samples stage; text is the code as
				 * written, "@ " lines included */
	SG_NODE_HTML_BLOCK,	/* text: raw HTML, only where allowed
				 * (markdown.unsafe), else its ids as
				 * sanitised anchors (md_anchor.c), or
				 * NULL */
	SG_NODE_THEMATIC_BREAK,
	SG_NODE_TABLE,		/* u.table */
	SG_NODE_TABLE_ROW,	/* u.row */
	SG_NODE_TABLE_CELL,	/* u.cell */
	SG_NODE_SHORTCODE_BLOCK, /* u.shortcode: a shortcode alone on its
				 * line; children are its inner blocks */
	SG_NODE_FOOTNOTE_DEF,	/* u.footnote */
	/* inlines */
	SG_NODE_TEXT,		/* text */
	SG_NODE_SOFTBREAK,
	SG_NODE_LINEBREAK,
	SG_NODE_CODE,		/* text: inline code */
	SG_NODE_HTML_INLINE,	/* text: raw HTML, only where allowed
				 * (markdown.unsafe) or in an image's
				 * alt text, which shows it as text;
				 * else an anchor-only <a> sanitised
				 * (md_anchor.c), or NULL */
	SG_NODE_EMPH,
	SG_NODE_STRONG,
	SG_NODE_STRIKE,
	SG_NODE_LINK,		/* u.link; children are the link text */
	SG_NODE_IMAGE,		/* u.link; children are the alt text */
	SG_NODE_FOOTNOTE_REF,	/* u.footnote */
	SG_NODE_SHORTCODE,	/* u.shortcode: one inside a paragraph;
				 * children are its inner inlines */
	SG_NODE__COUNT
};

enum sg_alert_kind {
	SG_ALERT_NOTE,
	SG_ALERT_TIP,
	SG_ALERT_IMPORTANT,
	SG_ALERT_WARNING,
	SG_ALERT_CAUTION
};

enum sg_align {
	SG_ALIGN_NONE,
	SG_ALIGN_LEFT,
	SG_ALIGN_CENTER,
	SG_ALIGN_RIGHT
};

enum sg_link_kind {
	SG_LINK_EXTERNAL,	/* has a scheme or starts with "//" */
	SG_LINK_PAGE,		/* to a page of the site (.md), maybe #anchor */
	SG_LINK_ANCHOR,		/* "#x" on the same page; page is set too */
	SG_LINK_FILE,		/* to a file published from content/ */
	SG_LINK_SITE		/* a path from the site root, or unresolved */
};

struct sg_node {
	enum sg_node_kind	 kind;
	int			 line;		/* in the author's file, 1-based */
	int			 col;		/* 1-based; 1 inside included text */
	struct sg_node		*parent;
	struct sg_node		*first, *last;	/* children */
	struct sg_node		*prev, *next;	/* siblings */
	const char		*text;		/* literal (see the kinds), or
						 * NULL; in the doc's arena */
	size_t			 len;		/* bytes of text */
	union {
		struct {
			int		 level;	/* 1..6 */
			const char	*id;	/* unique on the page */
		} heading;
		struct {
			enum sg_alert_kind kind;
		} alert;
		struct {
			int		 ordered;
			int		 start;	/* first number if ordered */
			int		 tight;
			char		 delim;	/* '.' or ')' */
		} list;
		struct {
			int		 task;	/* a task list item */
			int		 checked;
		} item;
		struct {
			const char	*lang;	/* canonical (sg_hl_lang) or as
						 * written; "" for none */
			const char	*info;	/* the whole info string */
			struct sg_token	*tokens; /* highlight spans over text,
						 * or NULL when not known */
			size_t		 ntokens;
		} code;
		struct {
			struct sg_sample *sample; /* owned by the page's
						 * sg_md samples */
		} sample;
		struct {
			int		 ncols;
			enum sg_align	*align;	/* ncols of them */
		} table;
		struct {
			int		 header;	/* the header row */
		} row;
		struct {
			enum sg_align	 align;
		} cell;
		struct {
			enum sg_link_kind kind;
			const char	*url;	/* as the HTML writes it: a page
						 * link is the page's URL with
						 * base_url's path and #anchor */
			const char	*title;	/* or NULL */
			struct sg_page	*page;	/* PAGE and ANCHOR: the target */
			const char	*anchor; /* without '#', or NULL */
			int		 width;	/* IMAGE of a file: its size in
						 * pixels, or 0 */
			int		 height;
		} link;
		struct {
			const char	*label;	/* as written, escaped for a URL
						 * as in the HTML ids (fn-LABEL) */
			int		 index;	/* 1-based order of first use */
			int		 ref;	/* REF: which use of that note
						 * this is, 1-based; DEF: how
						 * many uses it has */
		} footnote;
		struct {
			struct sg_shortcode *sc; /* owned by the page's
						 * sg_md shortcodes */
			int		 close;	/* while the tree is built:
						 * the closing {{< /name >}} */
		} shortcode;
	} u;
};

/* A page's tree and the arena its nodes and strings live in. */
struct sg_doc;

/* The root node (SG_NODE_DOCUMENT); borrowed from doc. */
struct sg_node	*sg_doc_root(const struct sg_doc *doc);

/* Memory for nodes and strings that lives as long as doc; never NULL.
 * sg_doc_alloc's is zeroed; sg_doc_strndup copies s[0..n) with a NUL
 * after it. Each takes SG_DOC_ROUND(size) bytes of the arena. */
void		*sg_doc_alloc(struct sg_doc *doc, size_t size);
char		*sg_doc_strndup(struct sg_doc *doc, const char *s, size_t n);
#define SG_DOC_ROUND(size)	(((size) + 15) & ~(size_t)15)


/* A new empty document (root only), for builders and tests. The caller
 * frees it with sg_doc_free(). */
struct sg_doc	*sg_doc_new(void);

/* A new node of kind, not yet in the tree, zeroed but for its kind and
 * location. */
struct sg_node	*sg_node_new(struct sg_doc *doc, enum sg_node_kind kind,
		    int line, int col);

/* The same in memory the caller has (of doc's, sg_doc_block). */
static inline void sg_node_init(struct sg_node *n, enum sg_node_kind kind,
		    int line, int col);

/* size bytes of doc's arena, not zeroed, in one block: for a caller
 * that carves its nodes and strings from it (pack.c), each at an
 * offset rounded with SG_DOC_ROUND. */
void		*sg_doc_block(struct sg_doc *doc, size_t size);

/* Appends child as the last child of parent. */
static inline void sg_node_append(struct sg_node *parent,
		    struct sg_node *child);

/* The bytes the document's arena holds (nodes, strings, tokens). */
size_t		 sg_doc_size(const struct sg_doc *doc);

/* Frees the document, every node and string in it; NULL does nothing. */
void		 sg_doc_free(struct sg_doc *doc);

/* The name of a kind ("paragraph", "heading", …), for dumps and tests. */
const char	*sg_node_kind_name(enum sg_node_kind kind);

/* Is kind a block (paragraph, list, …) rather than an inline? */
int		 sg_node_is_block(enum sg_node_kind kind);

/* Appends the plain text of n's inlines (what a reader sees, without
 * markup) to buf. */
void		 sg_node_plain(const struct sg_node *n, struct sg_buf *buf);

/* A walk over a tree in document order, as cmark's iterator: each node
 * is seen on entry, and a node that can have children again on exit. */
struct sg_walk {
	const struct sg_node	*root;
	const struct sg_node	*cur;
	int			 entering;
};

/* Starts w at root (NULL: an empty walk); w borrows the tree, which
 * must not change during the walk. */
static inline void sg_walk_init(struct sg_walk *w,
		    const struct sg_node *root);
/* Is kind one that holds no children, which a walk sees once (no exit
 * event)? */
static inline int sg_node_is_leaf(enum sg_node_kind kind);

/* Moves to the next event; returns 0 when the walk is over, else 1 with
 * *n the node and *entering 1 on entry, 0 on exit. */
static inline int sg_walk_next(struct sg_walk *w, const struct sg_node **n,
		    int *entering);

/* Inline: a tree is made of these two, node by node, and a call each
 * cost as much as their stores. */
static inline void
sg_node_init(struct sg_node *n, enum sg_node_kind kind, int line, int col)
{
	/* field by field: a memset of the whole node becomes a "rep stos"
	 * of 15 steps, this a dozen plain stores */
	n->kind = kind;
	n->line = line;
	n->col = col;
	n->parent = n->first = n->last = n->prev = n->next = NULL;
	n->text = NULL;
	n->len = 0;
	memset(&n->u, 0, sizeof(n->u));
}

static inline void
sg_node_append(struct sg_node *parent, struct sg_node *child)
{
	child->parent = parent;
	child->next = NULL;
	child->prev = parent->last;
	if (parent->last)
		parent->last->next = child;
	else
		parent->first = child;
	parent->last = child;
}

/* The walk is inline too: every output walks every node of every page,
 * the HTML alone half a million events at 2,000 pages, and a call for
 * each cost as much as the step. */
static inline void
sg_walk_init(struct sg_walk *w, const struct sg_node *root)
{
	w->root = root;
	w->cur = NULL;
	w->entering = 0;
}

static inline int
sg_node_is_leaf(enum sg_node_kind kind)
{
	switch (kind) {
	case SG_NODE_CODE_BLOCK:
	case SG_NODE_SAMPLE:
	case SG_NODE_HTML_BLOCK:
	case SG_NODE_THEMATIC_BREAK:
	case SG_NODE_TEXT:
	case SG_NODE_SOFTBREAK:
	case SG_NODE_LINEBREAK:
	case SG_NODE_CODE:
	case SG_NODE_HTML_INLINE:
	case SG_NODE_FOOTNOTE_REF:
		return 1;
	default:
		return 0;
	}
}

static inline int
sg_walk_next(struct sg_walk *w, const struct sg_node **n, int *entering)
{
	const struct sg_node	*c = w->cur;

	if (c == NULL) {
		if (w->root == NULL)
			return 0;
		c = w->root;
		w->entering = 1;
	} else if (w->entering && !sg_node_is_leaf(c->kind)) {
		if (c->first) {
			c = c->first;
			w->entering = 1;
		} else
			w->entering = 0;
	} else if (c == w->root) {
		w->root = NULL;
		return 0;
	} else if (c->next) {
		c = c->next;
		w->entering = 1;
	} else {
		c = c->parent;
		w->entering = 0;
	}
	w->cur = c;
	*n = c;
	*entering = w->entering;
	return 1;
}

#endif
