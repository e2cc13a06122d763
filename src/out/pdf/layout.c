/* layout.c: a page's blocks into boxes. One walk in document order (no
 * recursion, so nesting depth costs nothing), with a stack of the lists,
 * items, quotes and alerts we are in: each gives the boxes inside it
 * their indent, a bullet, a bar or a tint. */
#include <stdlib.h>
#include <string.h>

#include "doc/shortcode.h"
#include "path.h"
#include "samples/samples.h"
#include "out/pdf/pdf_int.h"
#include "site/i18n.h"

#define MAX_CTX		32	/* deeper nesting is laid out flat */
#define MIN_WIDTH	120.0	/* no indent narrows a box below this */
#define INDENT		18.0	/* a list level */
#define QUOTE_IN	12.0	/* a quote's or an alert's text from its bar */
#define CHUNK		(16 * 1024)	/* bytes of code in one box at most */

struct ctx {
	enum sg_node_kind	 kind;
	double			 x, w;
	int			 counter;	/* LIST: the next number */
	int			 decor;		/* QUOTE, ALERT: its slot */
	int			 nboxes;	/* boxes made inside it */
	int			 tight;		/* LIST: a tight one */
};

struct lay {
	struct pdf		*p;
	struct ctx		 ctx[MAX_CTX];
	int			 depth;
	int			 overflow;	/* nested past MAX_CTX */
	PangoLayout		*marker;	/* an item's, for its first box */
	double			 marker_x;
	int			 tight;		/* in a tight list */
	struct decor		 decor[MAX_DECOR];
	int			 ndecor;
	char			*pending_dest;	/* for the next box */
	double			 extra;		/* more space above the next box */
	double			 x0, w0;	/* the box to fill */
	const struct sg_node	**notes;	/* footnote definitions */
	size_t			 nnotes;
};

struct box *
pdf_box_new(struct pdf *p, enum box_kind kind)
{
	struct box	*b = xcalloc(1, sizeof(*b));

	b->kind = kind;
	if (p->nboxes == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 256;
		p->boxes = xrealloc(p->boxes, p->cap * sizeof(*p->boxes));
	}
	p->boxes[p->nboxes++] = b;
	return b;
}

void
pdf_box_free(struct box *b)
{
	int	 i;

	if (b == NULL)
		return;
	pdf_text_free(&b->text);
	for (i = 0; i < b->ncells; i++)
		pdf_text_free(&b->cells[i]);
	free(b->cells);
	free(b->cell_x);
	free(b->cell_w);
	if (b->marker)
		g_object_unref(b->marker);
	if (b->image)
		cairo_surface_destroy(b->image);
	if (b->svg)
		g_object_unref(b->svg);
	free(b->dest);
	free(b->dest2);
	free(b->title);
	free(b);
}

static double
cur_x(const struct lay *l)
{
	return l->depth ? l->ctx[l->depth - 1].x : l->x0;
}

static double
cur_w(const struct lay *l)
{
	return l->depth ? l->ctx[l->depth - 1].w : l->w0;
}

/* A box at the current place, with the bullet and the tints it gets. */
static struct box *
add(struct lay *l, enum box_kind kind, double before)
{
	struct box	*b = pdf_box_new(l->p, kind);
	int		 i;

	b->x = cur_x(l);
	b->w = cur_w(l);
	b->before = before + l->extra;
	l->extra = 0;
	/* room for the padding of a quote or alert that opens here */
	for (i = 0; i < l->ndecor; i++)
		if (l->decor[i].first) {
			b->before += 6;
			break;
		}
	if (l->marker) {
		b->marker = l->marker;
		b->marker_x = l->marker_x;
		l->marker = NULL;
	}
	if (l->pending_dest) {
		b->dest2 = l->pending_dest;
		l->pending_dest = NULL;
	}
	memcpy(b->decor, l->decor, sizeof(b->decor));
	b->ndecor = l->ndecor;
	for (i = 0; i < l->ndecor; i++)
		l->decor[i].first = 0;
	for (i = 0; i < l->depth; i++)
		l->ctx[i].nboxes++;
	return b;
}

/* A warning that a block is too long for a handout, which shows only
 * its first MAX_TEXT bytes. */
static void
too_long(struct lay *l, const struct sg_node *n, size_t len)
{
	pdf_too_long(l->p, n, len);
}

static double
space(const struct lay *l, double normal)
{
	return l->tight ? normal / 3 : normal;
}

static void
heading(struct lay *l, const struct sg_node *n)
{
	static const double sizes[] = { 17, 15, 12.5, 11, 10.5, 10 };
	static const double befores[] = { 16, 16, 12, 10, 8, 8 };
	struct pdf	*p = l->p;
	int		 lv = n->u.heading.level;
	struct box	*b;
	struct sg_buf	 t = { NULL, 0, 0 };

	if (n == p->skip) {
		if (n->u.heading.id && p->page && p->nboxes > 0 &&
		    p->boxes[p->nboxes - 1]->dest2 == NULL)
			p->boxes[p->nboxes - 1]->dest2 = pdf_dest_name(p,
			    p->page, n->u.heading.id);
		return;
	}
	if (lv < 1 || lv > 6)
		lv = 6;
	b = add(l, BOX_TEXT, befores[lv - 1]);
	pdf_inlines(p, n, &b->text, sizes[lv - 1], 1, b->w, 0, NULL, NULL);
	b->h = b->text.top[b->text.nlines] - b->text.top[0];
	b->keep_next = 1;
	if (n->u.heading.id && p->page)
		b->dest = pdf_dest_name(p, p->page, n->u.heading.id);
	b->level = lv < 2 ? 2 : lv;
	sg_node_plain(n, &t);
	b->title = sg_buf_detach(&t);
	if (b->title == NULL)
		b->title = xstrdup("");
}

static void
paragraph_text(struct lay *l, const struct sg_node *n)
{
	struct box	*b = add(l, BOX_TEXT, space(l, 7));
	struct text	*more = NULL;
	size_t		 nmore = 0, i;

	pdf_inlines(l->p, n, &b->text, l->p->body_size, 0, b->w, 2, &more,
	    &nmore);
	for (i = 0;; i++) {
		b->h = b->text.top[b->text.nlines] - b->text.top[0];
		if (i == nmore)
			break;
		/* the next piece of a long paragraph, right below */
		b = add(l, BOX_TEXT, 0);
		b->text = more[i];
	}
	free(more);
}

static int
blank(const char *s, size_t n)
{
	size_t	 i;

	for (i = 0; s && i < n; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return 0;
	return 1;
}

/* The image a paragraph holds alone, or NULL. */
static const struct sg_node *
lone_image(const struct sg_node *n)
{
	const struct sg_node	*c, *img = NULL;

	for (c = n->first; c; c = c->next) {
		if (c->kind == SG_NODE_IMAGE && img == NULL)
			img = c;
		else if (c->kind == SG_NODE_SOFTBREAK || (c->kind ==
		    SG_NODE_TEXT && blank(c->text, c->len)))
			continue;
		else
			return NULL;
	}
	return img;
}

/* The file an image's URL names under content/ or static/, or NULL;
 * the caller frees it. Only a file the site publishes: one the walk of
 * content/ took, or one of static/ as its copy takes it (no link out of
 * it, no FIFO): a link to a picture elsewhere on the machine went into
 * the PDF, and a FIFO was waited on forever. */
static char *
image_path(const struct pdf *p, const struct sg_node *img)
{
	const char	*url = img->u.link.url, *base = p->site->config.base_path;
	char		*path, *rel, *dir;
	size_t		 n;

	if (url == NULL || img->u.link.kind == SG_LINK_EXTERNAL)
		return NULL;
	if (sg_starts_with(url, base))
		url += strlen(base);
	while (*url == '/')
		url++;
	n = strcspn(url, "?#");
	rel = xstrndup(url, n);
	if (strstr(rel, "..")) {
		free(rel);
		return NULL;
	}
	if (sg_content_has_file(p->site, rel)) {
		path = xasprintf("%s/content/%s", p->site->root, rel);
		free(rel);
		return path;
	}
	dir = sg_path_join(p->site->root, "static");
	path = xasprintf("%s/%s", dir, rel);
	free(rel);
	if (!sg_path_file_inside(dir, path)) {
		free(path);
		path = NULL;
	}
	free(dir);
	return path;
}

static void
paragraph(struct lay *l, const struct sg_node *n)
{
	const struct sg_node	*img = lone_image(n);
	struct sg_loc		 loc;
	struct box		*b;
	char			*path;
	double			 s;

	if (img == NULL || (path = image_path(l->p, img)) == NULL) {
		paragraph_text(l, n);
		return;
	}
	b = add(l, BOX_IMAGE, space(l, 8));
	loc.file = l->p->page ? l->p->page->src : NULL;
	loc.line = img->line;
	loc.col = img->col;
	if (pdf_image_load(l->p, b, path, &loc) == -1) {
		free(path);
		b->kind = BOX_RULE;
		b->h = 0;
		return;
	}
	free(path);
	s = 1;
	if (b->img_w * s > b->w)
		s = b->w / b->img_w;
	if (b->img_h * s > l->p->height * 0.6)
		s = l->p->height * 0.6 / b->img_h;
	b->h = b->img_h * s;
}

/* Tabs every four columns, as the site's code blocks (tab-size: 4). */
static void
tab_stops(struct pdf *p, PangoLayout *l)
{
	PangoTabArray	*tabs;
	PangoLayout	*m = pdf_layout_new(p, p->mono, p->code_size, 0);
	int		 w;

	pango_layout_set_text(m, "    ", 4);
	pdf_layout_fonts(p, m);
	pango_layout_get_size(m, &w, NULL);
	g_object_unref(m);
	tabs = pango_tab_array_new_with_positions(1, FALSE, PANGO_TAB_LEFT,
	    w);
	pango_layout_set_tabs(l, tabs);
	pango_tab_array_free(tabs);
}

/* One box of code: s[0..len), tokens tok (offsets from s minus off). */
static void
code_piece(struct lay *l, const char *s, size_t len, const struct sg_token *tok,
    size_t ntok, size_t off, struct rgb bg, double before)
{
	struct pdf	*p = l->p;
	struct box	*b = add(l, BOX_CODE, before);
	PangoAttrList	*al = pango_attr_list_new();
	PangoAttribute	*a;
	struct rgb	 c;
	size_t		 i, from, to;

	b->pad = 6;
	b->bg = bg;
	b->text.layout = pdf_layout_new(p, p->mono, p->code_size,
	    b->w - 2 * 8);
	pango_layout_set_wrap(b->text.layout, PANGO_WRAP_CHAR);
	tab_stops(p, b->text.layout);
	pango_layout_set_spacing(b->text.layout, (int)(1.5 * PANGO_SCALE));
	pango_layout_set_text(b->text.layout, s, (int)len);
	/* a wrapped line of code gets no hyphen */
	pango_attr_list_insert(al, pango_attr_insert_hyphens_new(FALSE));
	for (i = 0; tok && i < ntok; i++) {
		if (tok[i].kind == SG_TOK_TEXT || tok[i].kind >= SG_TOK__COUNT ||
		    tok[i].off + tok[i].len <= off || tok[i].off >= off + len)
			continue;
		from = tok[i].off > off ? tok[i].off - off : 0;
		to = tok[i].off + tok[i].len - off < len ? tok[i].off +
		    tok[i].len - off : len;
		c = p->pal.tok[tok[i].kind];
		a = pango_attr_foreground_new((guint16)(c.r * 65535),
		    (guint16)(c.g * 65535), (guint16)(c.b * 65535));
		a->start_index = (guint)from;
		a->end_index = (guint)to;
		pango_attr_list_insert(al, a);
		if (tok[i].kind == SG_TOK_COMMENT) {
			a = pango_attr_style_new(PANGO_STYLE_ITALIC);
			a->start_index = (guint)from;
			a->end_index = (guint)to;
			pango_attr_list_insert(al, a);
		}
	}
	pango_layout_set_attributes(b->text.layout, al);
	pango_attr_list_unref(al);
	pdf_text_measure(p, &b->text);
	b->h = b->text.top[b->text.nlines] - b->text.top[0] + 2 * b->pad;
}

/* Where to end a piece of code that starts at s: after the last newline
 * within CHUNK bytes, else at a character boundary. */
static size_t
code_cut(const char *code, size_t len, size_t s)
{
	size_t	 e = s + CHUNK;

	if (e >= len)
		return len;
	while (e > s + 1 && code[e - 1] != '\n')
		e--;
	if (e > s + 1)
		return e;
	e = s + CHUNK;
	while (e > s + 1 && ((unsigned char)code[e] & 0xc0) == 0x80)
		e--;
	return e;
}

/* Code highlighted with tokens tok (or tokenized here as lang), in
 * pieces of at most CHUNK bytes (cut between lines), as one block. */
static void
code_box(struct lay *l, const struct sg_node *n, const char *lang,
    const char *code, size_t len, const struct sg_token *tok, size_t ntok,
    struct rgb bg, double before)
{
	struct sg_tokens own = { NULL, 0, 0 };
	struct sg_buf	 buf = { NULL, 0, 0 };
	size_t		 s, e;

	while (len > 0 && code[len - 1] == '\n')
		len--;
	if (len > MAX_TEXT) {
		too_long(l, n, len);
		len = MAX_TEXT;
		tok = NULL;
	}
	if (!g_utf8_validate(code, (gssize)len, NULL)) {
		pdf_valid_utf8(&buf, code, len);
		code = buf.data ? buf.data : "";
		len = buf.len;
		tok = NULL;
		lang = NULL;
	}
	if (tok == NULL && lang && *lang) {
		sg_hl_tokenize(lang, code, len, &own);
		tok = own.v;
		ntok = own.len;
	}
	for (s = 0; s == 0 || s < len; s = e) {
		e = code_cut(code, len, s);
		code_piece(l, code + s, e > s && code[e - 1] == '\n' ? e - s - 1 :
		    e - s, tok, ntok, s, bg, s == 0 ? before : 0);
		if (e == 0)
			break;
	}
	sg_hl_tokens_free(&own);
	sg_buf_free(&buf);
}

static void
sample(struct lay *l, const struct sg_node *n)
{
	const struct sg_sample	*s = n->u.sample.sample;
	const char		*code = s && s->shown ? s->shown :
				    s && s->code ? s->code : "";

	code_box(l, n, "c", code, strlen(code), NULL, 0, l->p->pal.bg_code,
	    space(l, 8));
	if (s && s->shown_output && s->shown_output_len > 0)
		code_box(l, n, NULL, s->shown_output, s->shown_output_len,
		    NULL, 0, l->p->pal.bg_output, 0);
}

static void
rule(struct lay *l)
{
	struct box	*b = add(l, BOX_RULE, 10);

	b->h = 10;
}

/* Enters a list, an item, a quote or an alert. */
static void
push(struct lay *l, const struct sg_node *n)
{
	struct pdf	*p = l->p;
	struct ctx	*c;
	struct decor	*d;
	struct box	*b;
	double		 x = cur_x(l), w = cur_w(l), in = 0;
	char		 mark[32];
	int		 k;

	if (l->depth == MAX_CTX) {
		l->overflow++;
		return;
	}
	c = &l->ctx[l->depth];
	memset(c, 0, sizeof(*c));
	c->kind = n->kind;
	c->decor = -1;
	switch (n->kind) {
	case SG_NODE_LIST:
		c->counter = n->u.list.start;
		c->tight = l->tight = n->u.list.tight;
		if (l->depth == 0)
			l->extra = 4;
		break;
	case SG_NODE_ITEM:
		in = INDENT;
		if (n->u.item.task)
			snprintf(mark, sizeof(mark), "%s", n->u.item.checked ?
			    "\xE2\x98\x91" : "\xE2\x98\x90");
		else if (l->depth > 0 && l->ctx[l->depth - 1].kind ==
		    SG_NODE_LIST && n->parent && n->parent->u.list.ordered)
			snprintf(mark, sizeof(mark), "%d%c",
			    l->ctx[l->depth - 1].counter++,
			    n->parent->u.list.delim ? n->parent->u.list.delim :
			    '.');
		else
			snprintf(mark, sizeof(mark), "\xE2\x80\xA2");
		if (l->marker)
			g_object_unref(l->marker);
		l->marker = pdf_layout_new(p, p->sans, p->body_size, 0);
		pango_layout_set_text(l->marker, mark, -1);
		pdf_layout_fonts(p, l->marker);
		{
			int mw;

			pango_layout_get_size(l->marker, &mw, NULL);
			l->marker_x = -(double)mw / PANGO_SCALE - 5;
		}
		break;
	case SG_NODE_BLOCKQUOTE:
	case SG_NODE_ALERT:
		in = QUOTE_IN;
		if (l->ndecor == MAX_DECOR)
			break;
		k = c->decor = l->ndecor++;
		d = &l->decor[k];
		memset(d, 0, sizeof(*d));
		d->x = x;
		d->w = w;
		d->first = 1;
		d->bar = p->pal.line_strong;
		if (n->kind == SG_NODE_ALERT && n->u.alert.kind <= 4) {
			d->bar = p->pal.alert[n->u.alert.kind];
			d->bg = p->pal.alert_bg[n->u.alert.kind];
			d->has_bg = 1;
		}
		break;
	default:
		break;
	}
	if (w - in >= MIN_WIDTH) {
		x += in;
		w -= in;
		if (n->kind == SG_NODE_ALERT)
			w -= 8;
	}
	c->x = x;
	c->w = w;
	l->depth++;
	if (n->kind == SG_NODE_ALERT && n->u.alert.kind <= 4) {
		b = add(l, BOX_TEXT, 10);
		pdf_plain(p, sg_i18n_alert(p->site->config.i18n,
		    (int)n->u.alert.kind), &b->text, p->sans,
		    p->body_size, 1, b->w);
		b->h = b->text.top[b->text.nlines];
		b->keep_next = 1;
	}
}

static void
pop(struct lay *l)
{
	struct pdf	*p = l->p;
	struct ctx	*c;
	int		 i;

	if (l->overflow > 0) {
		l->overflow--;
		return;
	}
	if (l->depth == 0)
		return;
	c = &l->ctx[--l->depth];
	if (c->decor >= 0) {
		if (c->nboxes > 0 && p->nboxes > 0)
			p->boxes[p->nboxes - 1]->decor[c->decor].last = 1;
		l->ndecor = c->decor;
		l->extra = 8;	/* below its padding */
	}
	if (c->kind == SG_NODE_LIST && l->depth == 0)
		l->extra = 4;
	if (c->kind == SG_NODE_ITEM && l->marker) {
		g_object_unref(l->marker);
		l->marker = NULL;
	}
	l->tight = 0;
	for (i = l->depth - 1; i >= 0; i--)
		if (l->ctx[i].kind == SG_NODE_LIST) {
			l->tight = l->ctx[i].tight;
			break;
		}
}

/* Makes the walk go on after n, without its children. */
static void
skip(struct sg_walk *w, const struct sg_node *n)
{
	w->cur = n;
	w->entering = 0;
}

static void
note(struct lay *l, const struct sg_node *n)
{
	l->notes = xrealloc(l->notes, (l->nnotes + 1) * sizeof(*l->notes));
	l->notes[l->nnotes++] = n;
}

static void walk(struct lay *, const struct sg_node *);

/* The footnotes of the page, at its end, numbered as they were used. */
static void
notes(struct lay *l)
{
	struct pdf	*p = l->p;
	struct box	*b;
	char		 mark[32];
	size_t		 i;
	int		 mw;

	if (l->nnotes == 0)
		return;
	b = add(l, BOX_RULE, 14);
	b->h = 6;
	b->w = l->w0 / 3;
	for (i = 0; i < l->nnotes; i++) {
		snprintf(mark, sizeof(mark), "%d.",
		    l->notes[i]->u.footnote.index);
		l->marker = pdf_layout_new(p, p->sans, p->body_size, 0);
		pango_layout_set_text(l->marker, mark, -1);
		pdf_layout_fonts(p, l->marker);
		pango_layout_get_size(l->marker, &mw, NULL);
		l->marker_x = -(double)mw / PANGO_SCALE - 5;
		l->ctx[0].kind = SG_NODE_ITEM;
		l->ctx[0].x = l->x0 + INDENT;
		l->ctx[0].w = l->w0 - INDENT;
		l->ctx[0].decor = -1;
		l->depth = 1;
		l->tight = 1;
		free(l->pending_dest);
		l->pending_dest = p->page ? xasprintf("p%zu/fn:%d",
		    p->page->index, l->notes[i]->u.footnote.index) : NULL;
		walk(l, l->notes[i]);
		l->depth = 0;
		if (l->marker) {
			g_object_unref(l->marker);
			l->marker = NULL;
		}
	}
}

/* Lays out the blocks under root. */
static void
walk(struct lay *l, const struct sg_node *root)
{
	struct sg_walk		 w;
	const struct sg_node	*n;
	int			 entering;

	sg_walk_init(&w, root);
	while (sg_walk_next(&w, &n, &entering)) {
		if (n == root)
			continue;
		if (!entering) {
			switch (n->kind) {
			case SG_NODE_LIST:
			case SG_NODE_ITEM:
			case SG_NODE_BLOCKQUOTE:
			case SG_NODE_ALERT:
				pop(l);
				break;
			default:
				break;
			}
			continue;
		}
		switch (n->kind) {
		case SG_NODE_LIST:
		case SG_NODE_ITEM:
		case SG_NODE_BLOCKQUOTE:
		case SG_NODE_ALERT:
			push(l, n);
			break;
		case SG_NODE_PARAGRAPH:
			paragraph(l, n);
			skip(&w, n);
			break;
		case SG_NODE_SHORTCODE_BLOCK:
			/* its inner blocks, else the text its template made */
			if (n->first == NULL) {
				if (n->u.shortcode.sc->html)
					paragraph_text(l, n);
				skip(&w, n);
			}
			break;
		case SG_NODE_HEADING:
			heading(l, n);
			skip(&w, n);
			break;
		case SG_NODE_CODE_BLOCK:
			code_box(l, n, n->u.code.lang, n->text ? n->text : "",
			    n->len, n->u.code.tokens, n->u.code.ntokens,
			    l->p->pal.bg_code, space(l, 8));
			break;
		case SG_NODE_SAMPLE:
			sample(l, n);
			break;
		case SG_NODE_THEMATIC_BREAK:
			rule(l);
			break;
		case SG_NODE_TABLE:
			pdf_table(l->p, n, cur_x(l), cur_w(l));
			skip(&w, n);
			break;
		case SG_NODE_FOOTNOTE_DEF:
			if (root->kind == SG_NODE_DOCUMENT) {
				note(l, n);
				skip(&w, n);
			}
			break;
		default:
			if (!sg_node_is_block(n->kind))
				skip(&w, n);
			break;
		}
	}
}

void
pdf_layout_doc(struct pdf *p, const struct sg_node *root, double x,
    double w)
{
	struct lay	 l;

	memset(&l, 0, sizeof(l));
	l.p = p;
	l.x0 = x;
	l.w0 = w;
	walk(&l, root);
	while (l.depth > 0)
		pop(&l);
	notes(&l);
	if (l.marker)
		g_object_unref(l.marker);
	free(l.pending_dest);
	free(l.notes);
}
