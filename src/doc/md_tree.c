/* md_tree.c: cmark-gfm's tree of a page to sitegen's (tree.h), in one
 * walk: heading ids, GitHub alerts, C samples with their output block,
 * code blocks with highlight tokens, links resolved (md_link.c), tables
 * with their alignment and footnotes (md_gfm.c), task items; and the
 * records the rest of the build reads (headings, ids, links, samples,
 * the title of a leading '# heading', the summary, the word count). */
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm/node.h>

#include "doc/md_int.h"
#include "doc/shortcode.h"
#include "path.h"
#include "samples/samples.h"
#include "site.h"

/* The literal of a node of a kind that has one (text, code, HTML, a code
 * block), and its length; "" and 0 for none. Read from the node as
 * cmark-gfm's node.h lays it out, where cmark_node_get_literal copies a
 * literal that points into the parser's buffer to a block of its own to
 * end it with a NUL, and its length was then a strlen away: the caller
 * copies it anyway. Not NUL-terminated. */
static const char *
literal(cmark_node *n, size_t *len)
{
	const cmark_chunk	*c;

	switch (n->type) {
	case CMARK_NODE_TEXT:
	case CMARK_NODE_CODE:
	case CMARK_NODE_HTML_INLINE:
	case CMARK_NODE_HTML_BLOCK:
		c = &n->as.literal;
		break;
	case CMARK_NODE_CODE_BLOCK:
		c = &n->as.code.literal;
		break;
	default:
		*len = 0;
		return "";
	}
	if (c->data == NULL || c->len <= 0) {
		*len = 0;
		return "";
	}
	*len = (size_t)c->len;
	return (const char *)c->data;
}

static const char *const alert_markers[] = {
	"[!NOTE]", "[!TIP]", "[!IMPORTANT]", "[!WARNING]", "[!CAUTION]", NULL
};

/* The author's line and column of a node: its own position, or the
 * nearest ancestor's for nodes cmark-gfm made without one. Inside
 * included text the column is 1. */
static void
locate(const struct md_conv *c, cmark_node *n, int *line, int *col)
{
	int	 l = 1;

	while (n && (l = n->start_line) == 0)
		n = n->parent;
	if (n == NULL)
		l = 1;
	*col = n ? n->start_column : 1;
	if (l >= 1 && l <= c->nlines) {
		*line = c->lines[l - 1];
		if (l > 1 && c->lines[l - 1] == c->lines[l - 2])
			*col = 1;
	} else
		*line = c->page ? c->page->body_line : l;
}

static struct sg_loc
node_loc(const struct md_conv *c, cmark_node *n)
{
	struct sg_loc	 loc;

	loc.file = c->file;
	locate(c, n, &loc.line, &loc.col);
	return loc;
}

/* The author's line of a node's end (its closing fence). */
static int
end_line(const struct md_conv *c, cmark_node *n)
{
	int	 line = cmark_node_get_end_line(n);

	return line >= 1 && line <= c->nlines ? c->lines[line - 1] :
	    node_loc(c, n).line;
}

static struct sg_node *
new_node(struct md_conv *c, enum sg_node_kind kind, cmark_node *n)
{
	int	 line, col;

	locate(c, n, &line, &col);
	return sg_node_new(c->doc, kind, line, col);
}

static void
set_text(struct md_conv *c, struct sg_node *s, const char *lit)
{
	if (lit == NULL)
		lit = "";
	s->len = strlen(lit);
	s->text = sg_doc_strndup(c->doc, lit, s->len);
}

/* s's text: n's literal (see literal()). */
static void
set_literal(struct md_conv *c, struct sg_node *s, cmark_node *n)
{
	const char	*lit = literal(n, &s->len);

	s->text = sg_doc_strndup(c->doc, lit, s->len);
}

/* ------------------------------------------------------------ headings */

/* Is id one of the page's already? */
static int
has_id(struct md_conv *c, const char *id)
{
	return sg_smap_get(&c->idset, id, 0, NULL) != NULL;
}

/* A heading id not yet used on the page, base, else base-1, base-2 …,
 * already in the page's map of ids (its key: the caller adds it to the
 * page's ids). The suffixes below the one that the last use of base took
 * are all taken (ids are only added), so the search goes on from there:
 * a page of 2,000 headings "Example" took each 2,000 tries at the last.
 * A new base goes in with the lookup that finds it new (it took two). */
static char *
unique_id(struct md_conv *c, const char *text)
{
	char	*base = sg_heading_id(text), *id;
	size_t	*next, n;
	int	 added;

	next = sg_smap_get(&c->idset, base, 1, &added);
	if (added)
		return base;
	for (n = *next ? *next : 1;; n++) {
		id = xasprintf("%s-%zu", base, n);
		if (!has_id(c, id))
			break;
		free(id);
	}
	/* the slot may have moved if the map grew: looked up again */
	*sg_smap_get(&c->idset, base, 0, NULL) = n + 1;
	free(base);
	sg_smap_get(&c->idset, id, 1, NULL);
	return id;
}

/* Adds id (taken; in the map already) to the page's ids. */
static void
add_id(struct md_conv *c, char *id)
{
	if (c->nid == c->idcap) {
		c->idcap = c->idcap ? c->idcap * 2 : 16;
		c->md->ids = xrealloc(c->md->ids, c->idcap *
		    sizeof(*c->md->ids));
	}
	c->md->ids[c->nid++] = id;
}

/* Appends the plain text under n (text and code spans) to b. */
static void
plain_text(cmark_node *n, struct sg_buf *b)
{
	cmark_node	*k;
	const char	*lit;
	size_t		 len;

	for (k = n->first_child; k; k = k->next) {
		switch (k->type) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			lit = literal(k, &len);
			sg_buf_put(b, lit, len);
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			sg_buf_putc(b, ' ');
			break;
		default:
			plain_text(k, b);
			break;
		}
	}
}

/* A heading gets an id unique on the page, noted with its plain text
 * for the TOC and the anchor checks. Its text is made in c->text, kept
 * from one heading to the next, and copied out at its size; the record's
 * id is the one in md->ids (a copy of each, and a buffer grown and
 * copied to fit, were 400 instructions a heading). */
static void
heading(struct md_conv *c, cmark_node *h, struct sg_node *s)
{
	struct sg_buf		*text = &c->text;
	struct sg_heading	*hd;
	char			*id;

	text->len = 0;
	sg_buf_put(text, "", 0);
	plain_text(h, text);
	sg_sc_strip(text->data);
	text->len = strlen(text->data);
	while (text->len > 0 && text->data[text->len - 1] == ' ')
		text->data[--text->len] = '\0';
	id = unique_id(c, text->data);
	s->u.heading.level = h->as.heading.level;
	s->u.heading.id = sg_doc_strndup(c->doc, id, strlen(id));
	add_id(c, id);
	if (c->nhead == c->headcap) {
		c->headcap = c->headcap ? c->headcap * 2 : 16;
		c->md->headings = xrealloc(c->md->headings, c->headcap *
		    sizeof(*c->md->headings));
	}
	hd = &c->md->headings[c->nhead++];
	hd->level = s->u.heading.level;
	hd->id = id;
	hd->title = xstrndup(text->data, text->len);
	if (c->md->h1 == NULL && hd->level == 1)
		c->md->h1 = xstrndup(text->data, text->len);
}

/* -------------------------------------------------------------- alerts */

/* Is the block quote q a GitHub alert ("[!NOTE]" alone on its first
 * line)? Returns the kind, or -1. */
static int
alert_kind(cmark_node *q)
{
	cmark_node	*para, *text, *next;
	const char	*lit;
	size_t		 i, n;

	para = cmark_node_first_child(q);
	if (para == NULL || cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH)
		return -1;
	text = cmark_node_first_child(para);
	if (text == NULL || cmark_node_get_type(text) != CMARK_NODE_TEXT ||
	    (lit = cmark_node_get_literal(text)) == NULL)
		return -1;
	for (i = 0; alert_markers[i]; i++) {
		n = strlen(alert_markers[i]);
		if (strncasecmp(lit, alert_markers[i], n) == 0 &&
		    lit[n + strspn(lit + n, " \t")] == '\0')
			break;
	}
	if (alert_markers[i] == NULL)
		return -1;
	next = cmark_node_next(text);
	if (next && cmark_node_get_type(next) != CMARK_NODE_SOFTBREAK &&
	    cmark_node_get_type(next) != CMARK_NODE_LINEBREAK)
		return -1;
	return (int)i;
}

/* ---------------------------------------------------------- code blocks */

/* Is the code block n fenced (not indented)? cmark-gfm's getter stores
 * through all three pointers: none may be NULL. */
static int
fenced(cmark_node *n)
{
	int	 len = 0, off = 0;
	char	 ch = 0;

	return cmark_node_get_fenced(n, &len, &off, &ch);
}

/* The first word of a fence's info string ("c" of "c no_run"), in
 * buf; "" for none. */
static const char *
info_lang(cmark_node *n, char *buf, size_t size)
{
	const char	*info = cmark_node_get_fence_info(n);
	size_t		 len;

	if (info == NULL)
		info = "";
	len = strcspn(info, " \t");
	if (len >= size)
		len = size - 1;
	memcpy(buf, info, len);
	buf[len] = '\0';
	return buf;
}

/* Is n a fenced block whose language is lang? */
static int
fenced_in(cmark_node *n, const char *lang)
{
	char	 buf[16];

	return n && cmark_node_get_type(n) == CMARK_NODE_CODE_BLOCK &&
	    fenced(n) && !strcmp(info_lang(n, buf, sizeof(buf)), lang);
}

/* Line `line` (1-based) of the page's file as written, without its
 * newline, or NULL past its end; the caller frees. Samples come in the
 * order of their lines: the search goes on from the line the last one
 * found, where it went from the top each time (300,000 memchr calls
 * for the 6,000 samples of 2,000 pages). */
static char *
file_line(struct md_conv *c, int line)
{
	const struct sg_page	*page = c->page;
	const char		*t = page->text, *e = t + page->len, *nl;
	int			 i = 1;

	if (c->line_at != NULL && c->line_no <= line) {
		t = c->line_at;
		i = c->line_no;
	}
	for (; i < line && t < e; i++) {
		if ((nl = memchr(t, '\n', (size_t)(e - t))) == NULL)
			return NULL;
		t = nl + 1;
	}
	if (line < 1 || (t == e && i > 1))
		return NULL;
	c->line_at = t;
	c->line_no = i;
	if ((nl = memchr(t, '\n', (size_t)(e - t))) == NULL)
		nl = e;
	return xstrndup(t, (size_t)(nl - t));
}

/* A fenced c block is a sample, noted with the output block right after
 * it, which it takes (the page shows the real output). Returns that
 * output block, or NULL. */
static cmark_node *
sample(struct md_conv *c, cmark_node *n, struct sg_node *s)
{
	struct sg_sample	*smp;
	struct sg_md		*md = c->md;
	cmark_node		*next = cmark_node_next(n);
	const char		*lit;
	size_t			 len;

	if (!fenced_in(next, "output"))
		next = NULL;
	if (c->from) {
		/* the tree of a page parsed before: its sample, as noted */
		smp = c->nsample < c->from->nsamples ?
		    c->from->samples[c->nsample] : NULL;
		c->nsample++;
		s->u.sample.sample = smp;
		set_literal(c, s, n);
		return next;
	}
	smp = xcalloc(1, sizeof(*smp));
	smp->page = c->page;
	smp->index = md->nsamples;
	smp->info = xstrdup(cmark_node_get_fence_info(n));
	lit = literal(n, &len);
	smp->code = xstrndup(lit, len);
	smp->loc = node_loc(c, n);
	smp->fence = file_line(c, smp->loc.line);
	smp->code_line = smp->loc.line + 1;
	smp->end_line = end_line(c, n);
	if (next) {
		lit = literal(next, &len);
		smp->expected = xstrndup(lit, len);
		smp->out_line = node_loc(c, next).line;
		smp->out_end_line = end_line(c, next);
	}
	md->samples = xrealloc(md->samples, (md->nsamples + 1) *
	    sizeof(*md->samples));
	md->samples[md->nsamples++] = smp;
	s->u.sample.sample = smp;
	s->len = strlen(smp->code);
	s->text = sg_doc_strndup(c->doc, smp->code, s->len);
	return next;
}

/* A code block: its language (canonical if the highlighter knows it),
 * info string and, in a known language, its highlight tokens. */
static void
code_block(struct md_conv *c, cmark_node *n, struct sg_node *s)
{
	const char	*info = cmark_node_get_fence_info(n), *canon;
	char		 buf[64];

	set_literal(c, s, n);
	info_lang(n, buf, sizeof(buf));
	if (info == NULL)
		info = "";
	s->u.code.info = sg_doc_strndup(c->doc, info, strlen(info));
	if ((canon = sg_hl_lang(buf)) == NULL) {
		s->u.code.lang = s->u.code.info;
		if (strlen(buf) < sizeof(buf) - 1)
			s->u.code.lang = sg_doc_strndup(c->doc, buf,
			    strlen(buf));
		else	/* longer than buf: the whole first word */
			s->u.code.lang = sg_doc_strndup(c->doc, info,
			    strcspn(info, " \t"));
		return;
	}
	s->u.code.lang = canon;
	sg_hl_tokenize(canon, s->text, s->len, &c->toks);
	s->u.code.ntokens = c->toks.len;
	if (c->toks.len > 0) {
		s->u.code.tokens = sg_doc_alloc(c->doc, c->toks.len *
		    sizeof(*c->toks.v));
		memcpy(s->u.code.tokens, c->toks.v, c->toks.len *
		    sizeof(*c->toks.v));
	}
}

/* --------------------------------------------------------------- inlines */

static void
link(struct md_conv *c, cmark_node *n, struct sg_node *s)
{
	struct sg_loc	 loc = node_loc(c, n);
	const char	*title = cmark_node_get_title(n);

	if (s->kind == SG_NODE_IMAGE && cmark_node_first_child(n) == NULL &&
	    !c->quiet)
		sg_diag_warn(c->site->diag, &loc, "image '%s' has no alt "
		    "text: describe it between the brackets, ![like this](…)",
		    cmark_node_get_url(n));
	md_link_resolve(c, cmark_node_get_url(n), &loc, s);
	if (title && *title)
		s->u.link.title = sg_doc_strndup(c->doc, title,
		    strlen(title));
}

/* ------------------------------------------------------------ the walk */

/* Our kind for a cmark-gfm node, or -1 for one to leave out. The types
 * of the extensions' nodes are numbers cmark-gfm gives out when they are
 * registered, known by their names only: each is looked up by name once
 * a page, then found among those seen (a table's cells took five strcmp
 * each). */
static int
kind_of(struct md_conv *c, cmark_node *n)
{
	cmark_node_type	 type = cmark_node_get_type(n);
	int		 i;

	switch (type) {
	case CMARK_NODE_DOCUMENT:	return SG_NODE_DOCUMENT;
	case CMARK_NODE_BLOCK_QUOTE:	return SG_NODE_BLOCKQUOTE;
	case CMARK_NODE_LIST:		return SG_NODE_LIST;
	case CMARK_NODE_ITEM:		return SG_NODE_ITEM;
	case CMARK_NODE_CODE_BLOCK:	return SG_NODE_CODE_BLOCK;
	case CMARK_NODE_HTML_BLOCK:	return SG_NODE_HTML_BLOCK;
	case CMARK_NODE_PARAGRAPH:	return SG_NODE_PARAGRAPH;
	case CMARK_NODE_HEADING:	return SG_NODE_HEADING;
	case CMARK_NODE_THEMATIC_BREAK:	return SG_NODE_THEMATIC_BREAK;
	case CMARK_NODE_FOOTNOTE_DEFINITION: return SG_NODE_FOOTNOTE_DEF;
	case CMARK_NODE_TEXT:		return SG_NODE_TEXT;
	case CMARK_NODE_SOFTBREAK:	return SG_NODE_SOFTBREAK;
	case CMARK_NODE_LINEBREAK:	return SG_NODE_LINEBREAK;
	case CMARK_NODE_CODE:		return SG_NODE_CODE;
	case CMARK_NODE_HTML_INLINE:	return SG_NODE_HTML_INLINE;
	case CMARK_NODE_EMPH:		return SG_NODE_EMPH;
	case CMARK_NODE_STRONG:		return SG_NODE_STRONG;
	case CMARK_NODE_LINK:		return SG_NODE_LINK;
	case CMARK_NODE_IMAGE:		return SG_NODE_IMAGE;
	case CMARK_NODE_FOOTNOTE_REFERENCE: return SG_NODE_FOOTNOTE_REF;
	default:
		break;
	}
	for (i = 0; i < c->next; i++)
		if (c->ext_type[i] == (int)type)
			return c->ext_kind[i];
	if (c->next == MD_EXT_TYPES)
		return md_gfm_kind(n);
	c->ext_type[c->next] = (int)type;
	return c->ext_kind[c->next++] = md_gfm_kind(n);
}

static int
in_image(const struct sg_node *s)
{
	for (; s; s = s->parent)
		if (s->kind == SG_NODE_IMAGE)
			return 1;
	return 0;
}

/* Is the page a slide deck (slides: true)? Is s an HTML comment block of
 * one? Its text is kept whatever markdown.unsafe says: slides.c reads
 * the speaker notes and directives from it, and the HTML renderer still
 * leaves it out of the page unless raw HTML is allowed. */
static int
is_deck(const struct md_conv *c)
{
	return c->page && sg_page_is_deck(c->page);
}

static int
deck_comment(const struct md_conv *c, const struct sg_node *s,
    const char *lit)
{
	if (s->kind != SG_NODE_HTML_BLOCK || lit == NULL ||
	    strncmp(lit, "<!--", 4) != 0)
		return 0;
	return is_deck(c);
}

/* Fills the payload of s, made for the cmark-gfm node n. Returns a node
 * to leave out of the tree (an alert's marker, a sample's output
 * block), or NULL. */
static cmark_node *
payload(struct md_conv *c, cmark_node *n, struct sg_node *s, int *alert)
{
	cmark_node	*skip = NULL;

	switch (s->kind) {
	case SG_NODE_HEADING:
		heading(c, n, s);
		break;
	case SG_NODE_BLOCKQUOTE:
		if ((*alert = alert_kind(n)) >= 0) {
			/* its marker is left out, but counts as a word */
			c->md->words++;
			s->kind = SG_NODE_ALERT;
			s->u.alert.kind = (enum sg_alert_kind)*alert;
		}
		break;
	case SG_NODE_LIST:
		s->u.list.ordered = cmark_node_get_list_type(n) ==
		    CMARK_ORDERED_LIST;
		s->u.list.start = cmark_node_get_list_start(n);
		s->u.list.tight = cmark_node_get_list_tight(n);
		s->u.list.delim = cmark_node_get_list_delim(n) ==
		    CMARK_PAREN_DELIM ? ')' : '.';
		break;
	case SG_NODE_ITEM:
		if (!strcmp(cmark_node_get_type_string(n), "tasklist")) {
			s->u.item.task = 1;
			s->u.item.checked =
			    cmark_gfm_extensions_get_tasklist_item_checked(n);
		}
		break;
	case SG_NODE_CODE_BLOCK:
		if (!c->quiet && fenced_in(n, "c")) {
			s->kind = SG_NODE_SAMPLE;
			skip = sample(c, n, s);
		} else
			code_block(c, n, s);
		break;
	case SG_NODE_HTML_BLOCK:
	case SG_NODE_HTML_INLINE:
		/* raw HTML is kept only where markdown.unsafe allows it, and
		 * in an image's alt text, which shows it as text; its
		 * anchors count (md_anchor.c); a deck keeps its comments,
		 * the speaker notes, which slides.c takes out */
		if (deck_comment(c, s, cmark_node_get_literal(n)))
			set_text(c, s, cmark_node_get_literal(n));
		else
			md_anchor_html(c, s, cmark_node_get_literal(n),
			    in_image(s));
		break;
	case SG_NODE_TEXT:
	case SG_NODE_CODE:
		set_literal(c, s, n);
		c->md->words += sg_count_words(s->text, s->len);
		break;
	case SG_NODE_LINK:
	case SG_NODE_IMAGE:
		link(c, n, s);
		break;
	case SG_NODE_TABLE:
		md_gfm_table(c, n, s);
		break;
	case SG_NODE_TABLE_ROW:
		s->u.row.header =
		    cmark_gfm_extensions_get_table_row_is_header(n);
		break;
	case SG_NODE_TABLE_CELL:
		md_gfm_cell(n, s);
		break;
	case SG_NODE_FOOTNOTE_REF:
		md_gfm_footnote_ref(c, n, s);
		break;
	case SG_NODE_FOOTNOTE_DEF:
		md_gfm_footnote_def(c, s);
		break;
	default:
		break;
	}
	return skip;
}

/* Leaves out an alert's "[!NOTE]" text and the line break after it, and
 * the paragraph they were in if nothing else is. */
static void
skip_marker(cmark_node *q, cmark_node **skip)
{
	cmark_node	*para = cmark_node_first_child(q);
	cmark_node	*text = cmark_node_first_child(para);
	cmark_node	*next = cmark_node_next(text);

	if (next == NULL || cmark_node_next(next) == NULL)
		skip[0] = para;
	else {
		skip[0] = text;
		skip[1] = next;
	}
}

static void
summary(struct md_conv *c, cmark_node *n)
{
	struct sg_buf	 b = { 0 };

	sg_buf_put(&b, "", 0);
	plain_text(n, &b);
	sg_sc_strip(b.data);
	if (b.data[strspn(b.data, " \t")] == '\0') {
		/* a shortcode alone: the next paragraph's text */
		sg_buf_free(&b);
		return;
	}
	c->md->summary = sg_buf_detach_fit(&b);
}

/* Is n of the kinds cmark-gfm's iterator.c calls leaves (no exit
 * event, children not seen, whatever they are)? */
static int
is_leaf(cmark_node *n)
{
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_HTML_BLOCK:
	case CMARK_NODE_THEMATIC_BREAK:
	case CMARK_NODE_CODE_BLOCK:
	case CMARK_NODE_TEXT:
	case CMARK_NODE_SOFTBREAK:
	case CMARK_NODE_LINEBREAK:
	case CMARK_NODE_CODE:
	case CMARK_NODE_HTML_INLINE:
		return 1;
	default:
		return 0;
	}
}

/* Is n raw HTML alone (a comment, an <a name> line), which may come
 * before the heading that titles a page? */
static int
raw_only(cmark_node *n)
{
	cmark_node	*k;
	const char	*lit;

	if (cmark_node_get_type(n) == CMARK_NODE_HTML_BLOCK)
		return 1;
	if (cmark_node_get_type(n) != CMARK_NODE_PARAGRAPH)
		return 0;
	for (k = cmark_node_first_child(n); k; k = cmark_node_next(k))
		switch (cmark_node_get_type(k)) {
		case CMARK_NODE_HTML_INLINE:
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			break;
		case CMARK_NODE_TEXT:
			lit = cmark_node_get_literal(k);
			if (lit && lit[strspn(lit, " \t")] != '\0')
				return 0;
			break;
		default:
			return 0;
		}
	return 1;
}

/* The node after n and everything in it, in document order, or NULL at
 * the end of doc; *cur (ours for n's parent) goes up with each of n's
 * ancestors left. A walk of its own rather than cmark-gfm's iterator:
 * two calls a node for the events, where this takes one or two cheaper
 * ones (10.5 M instructions at 2,000 pages). */
static cmark_node *
after(cmark_node *doc, cmark_node *n, struct sg_node **cur)
{
	cmark_node	*next;

	while ((next = cmark_node_next(n)) == NULL) {
		if ((n = cmark_node_parent(n)) == doc || n == NULL)
			return NULL;
		*cur = (*cur)->parent;
	}
	return next;
}

/* Builds conv->doc from cmark_doc; see md_int.h. */
void
md_tree_build(struct md_conv *c, void *cmark_doc)
{
	cmark_node	*doc = cmark_doc, *n, *first, *down, *skip[3] = { 0 };
	struct sg_node	*root = sg_doc_root(c->doc), *cur = root, *s;
	struct sg_buf	 b = { 0 };
	int		 kind, alert, i;

	/* a leading '# heading' is the page's title, not part of its body */
	first = cmark_node_first_child(doc);
	while (first && raw_only(first))
		first = cmark_node_next(first);
	if (!c->quiet && first && cmark_node_get_type(first) ==
	    CMARK_NODE_HEADING && cmark_node_get_heading_level(first) == 1) {
		sg_buf_put(&b, "", 0);
		plain_text(first, &b);
		sg_sc_strip(b.data);
		c->md->h1 = sg_buf_detach(&b);
		/* but a deck's is its first slide's */
		if (!is_deck(c))
			skip[2] = first;
	}
	for (n = cmark_node_first_child(doc); n != NULL; ) {
		for (i = 0; i < 3 && n != skip[i]; i++)
			;
		if (i < 3 || (kind = kind_of(c, n)) < 0) {
			/* left out with everything in it */
			if (i < 3)
				skip[i] = NULL;
			n = after(doc, n, &cur);
			continue;
		}
		s = new_node(c, (enum sg_node_kind)kind, n);
		alert = -1;
		sg_node_append(cur, s);
		if ((first = payload(c, n, s, &alert)) != NULL)
			skip[0] = first;
		if (alert >= 0)
			skip_marker(n, skip);
		if (s->kind == SG_NODE_PARAGRAPH && cur == root &&
		    c->md->summary == NULL && !raw_only(n))
			summary(c, n);
		/* the kinds cmark-gfm's iterator calls leaves are not entered,
		 * whatever their children */
		if (!is_leaf(n) && (down = cmark_node_first_child(n)) != NULL) {
			cur = s;
			n = down;
		} else
			n = after(doc, n, &cur);
	}
	/* kept as long as the site: the lists grew by doubling, their
	 * spare room goes (2.7 MB at 10,000 pages) */
	if (c->nhead + 1 < c->headcap) {
		c->headcap = c->nhead + 1;
		c->md->headings = xrealloc(c->md->headings, c->headcap *
		    sizeof(*c->md->headings));
	}
	if (c->nid + 1 < c->idcap) {
		c->idcap = c->nid + 1;
		c->md->ids = xrealloc(c->md->ids, c->idcap *
		    sizeof(*c->md->ids));
	}
	c->md->nheadings = c->nhead;
	c->md->nlinks = c->nlink;
	c->md->nids = c->nid;
	sg_smap_free(&c->idset);
	sg_buf_free(&c->text);
}
