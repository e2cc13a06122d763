/* sc_tree.c: the marks that stand for shortcode calls (shortcode.c) in
 * a page's document tree become shortcode nodes: a paragraph of one mark
 * a block, a mark among text an inline, each opening node given what
 * lies between it and its closing tag. Also what the records of calls
 * are made of and freed with, and their text for outputs without HTML. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "doc/md_int.h"
#include "doc/shortcode.h"
#include "site.h"

void
sg_sc_free(struct sg_shortcode *sc)
{
	size_t	 i;

	if (sc == NULL)
		return;
	for (i = 0; i < sc->nargs; i++) {
		free(sc->args[i].key);
		free(sc->args[i].value);
	}
	free(sc->args);
	free(sc->name);
	free(sc->inner);
	free(sc->html);
	free(sc);
}

/* The length of a mark at s (MD_SC_MARK, digits, MD_SC_END or
 * MD_SC_CLOSE), or 0; sets *index and *close. */
static size_t
mark_at(const char *s, size_t n, size_t *index, int *close)
{
	size_t	 i = 3, v = 0;

	if (n < 7 || memcmp(s, MD_SC_MARK, 3) != 0)
		return 0;
	while (i < n && s[i] >= '0' && s[i] <= '9' && i < 12)
		v = v * 10 + (size_t)(s[i++] - '0');
	if (i == 3 || n - i < 3)
		return 0;
	if (memcmp(s + i, MD_SC_END, 3) == 0)
		*close = 0;
	else if (memcmp(s + i, MD_SC_CLOSE, 3) == 0)
		*close = 1;
	else
		return 0;
	*index = v;
	return i + 3;
}

void
sg_sc_strip(char *s)
{
	const char	*m = strchr(s, MD_SC_MARK[0]);
	size_t		 n, i, k, len, ix;
	int		 close;

	/* most texts hold no mark: one scan for its first byte, where a
	 * look for a mark at each byte was 16 M instructions at 2,000
	 * pages, for every heading and summary */
	if (m == NULL)
		return;
	n = strlen(s);
	for (i = k = (size_t)(m - s); i < n;) {
		if ((len = mark_at(s + i, n - i, &ix, &close)) > 0) {
			i += len;
			continue;
		}
		s[k++] = s[i++];
	}
	s[k] = '\0';
}

/* --------------------------------------------------------------- the tree */

static void
unlink_node(struct sg_node *n)
{
	if (n->prev)
		n->prev->next = n->next;
	else if (n->parent)
		n->parent->first = n->next;
	if (n->next)
		n->next->prev = n->prev;
	else if (n->parent)
		n->parent->last = n->prev;
	n->parent = n->prev = n->next = NULL;
}

static void
insert_before(struct sg_node *ref, struct sg_node *n)
{
	n->parent = ref->parent;
	n->next = ref;
	n->prev = ref->prev;
	if (ref->prev)
		ref->prev->next = n;
	else if (ref->parent)
		ref->parent->first = n;
	ref->prev = n;
}

/* Splits the text node t at its marks into text and shortcode nodes. */
static void
split(struct md_conv *c, struct sg_node *t, struct sg_shortcode **v,
    size_t nv)
{
	struct sg_node	*n;
	size_t		 i = 0, start = 0, len, ix;
	int		 close;

	while (i < t->len) {
		len = mark_at(t->text + i, t->len - i, &ix, &close);
		if (len == 0 || ix >= nv) {
			i++;
			continue;
		}
		if (i > start) {
			n = sg_node_new(c->doc, SG_NODE_TEXT, t->line, t->col);
			n->text = t->text + start;
			n->len = i - start;
			insert_before(t, n);
		}
		n = sg_node_new(c->doc, SG_NODE_SHORTCODE, close ?
		    v[ix]->close_loc.line : v[ix]->loc.line, close ?
		    v[ix]->close_loc.col : v[ix]->loc.col);
		n->u.shortcode.sc = v[ix];
		n->u.shortcode.close = close;
		insert_before(t, n);
		i += len;
		start = i;
	}
	if (start == 0)
		return;
	if (start < t->len) {
		t->text += start;
		t->len -= start;
	} else
		unlink_node(t);
}

/* Is n the only thing in its paragraph, but for spaces? */
static int
alone(const struct sg_node *n)
{
	const struct sg_node	*k;
	size_t			 i;

	if (n->parent == NULL || n->parent->kind != SG_NODE_PARAGRAPH)
		return 0;
	for (k = n->parent->first; k; k = k->next) {
		if (k == n)
			continue;
		if (k->kind != SG_NODE_TEXT)
			return 0;
		for (i = 0; i < k->len; i++)
			if (k->text[i] != ' ' && k->text[i] != '\t')
				return 0;
	}
	return 1;
}

/* The shortcode nodes under root, in document order, into *v. */
static size_t
collect(const struct sg_node *root, enum sg_node_kind kind,
    struct sg_node ***v)
{
	struct sg_walk		 w;
	const struct sg_node	*n;
	size_t			 len = 0;
	int			 entering;

	*v = NULL;
	sg_walk_init(&w, root);
	while (sg_walk_next(&w, &n, &entering))
		if (entering && n->kind == kind &&
		    (kind != SG_NODE_TEXT || memmem(n->text, n->len, MD_SC_MARK, 3))) {
			*v = xrealloc(*v, (len + 1) * sizeof(**v));
			(*v)[len++] = (struct sg_node *)(uintptr_t)n;
		}
	return len;
}

/* Gives the opening node of close's call what lies between them; an
 * opening tag that is not among close's earlier siblings is reported. */
static void
pair(struct md_conv *c, struct sg_node *close)
{
	struct sg_shortcode	*sc = close->u.shortcode.sc;
	struct sg_node		*o, *k;

	for (o = close->prev; o; o = o->prev)
		if ((o->kind == SG_NODE_SHORTCODE || o->kind ==
		    SG_NODE_SHORTCODE_BLOCK) && o->u.shortcode.sc == sc)
			break;
	if (o == NULL) {
		if (c->from == NULL)
			sg_diag_error(c->site->diag, &sc->loc, "the "
			    "shortcode '%s' opened here is closed at line %d "
			    "in another block: put both tags alone on their "
			    "lines, or both in one paragraph", sc->name,
			    sc->close_loc.line);
		unlink_node(close);
		return;
	}
	while ((k = o->next) != close) {
		unlink_node(k);
		sg_node_append(o, k);
	}
	unlink_node(close);
}

void
md_sc_tree(struct md_conv *c)
{
	struct sg_shortcode	**v;
	struct sg_node		**nodes, *n, *para;
	size_t			 nv, len, i;

	v = c->from ? c->from->shortcodes : c->md->shortcodes;
	nv = c->from ? c->from->nshortcodes : c->md->nshortcodes;
	if (c->md->nshortcodes == 0 || nv < c->md->nshortcodes)
		return;
	len = collect(sg_doc_root(c->doc), SG_NODE_TEXT, &nodes);
	for (i = 0; i < len; i++)
		split(c, nodes[i], v, c->md->nshortcodes);
	free(nodes);
	len = collect(sg_doc_root(c->doc), SG_NODE_SHORTCODE, &nodes);
	for (i = 0; i < len; i++) {
		n = nodes[i];
		if (!alone(n))
			continue;
		para = n->parent;
		unlink_node(n);
		insert_before(para, n);
		unlink_node(para);
		n->kind = SG_NODE_SHORTCODE_BLOCK;
		if (!n->u.shortcode.close)
			n->u.shortcode.sc->block = 1;
	}
	for (i = 0; i < len; i++)
		if (nodes[i]->u.shortcode.close)
			pair(c, nodes[i]);
	free(nodes);
}

/* ------------------------------------------------------------ its text */

void
sg_sc_text(const struct sg_shortcode *sc, struct sg_buf *b)
{
	static const char *const ents[][2] = {
		{ "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" },
		{ "&quot;", "\"" }, { "&#39;", "'" }, { "&nbsp;", " " },
	};
	const char	*s = sc->html;
	size_t		 k;
	int		 space = 0;

	for (; s && *s; s++) {
		if (*s == '<') {
			while (*s && *s != '>')
				s++;
			if (*s == '\0')
				break;
			space = 1;
			continue;
		}
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
			space = 1;
			continue;
		}
		if (space && b->len > 0 && b->data[b->len - 1] != ' ')
			sg_buf_putc(b, ' ');
		space = 0;
		for (k = 0; *s == '&' && k < sizeof(ents) / sizeof(ents[0]);
		    k++)
			if (!strncmp(s, ents[k][0], strlen(ents[k][0])))
				break;
		if (*s == '&' && k < sizeof(ents) / sizeof(ents[0])) {
			sg_buf_puts(b, ents[k][1]);
			s += strlen(ents[k][0]) - 1;
		} else
			sg_buf_putc(b, *s);
	}
}
