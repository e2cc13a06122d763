/* inline.c: a block's inlines (text, emphasis, code, links, footnote
 * references) as one PangoLayout with attributes, and where its links
 * go: a named destination when the page is in the handout, the site's
 * absolute URL otherwise. */
#include <stdlib.h>
#include <string.h>

#include "doc/shortcode.h"
#include "out/handouts.h"
#include "out/pdf/pdf_int.h"

char *
pdf_dest_name(struct pdf *p, const struct sg_page *page, const char *anchor)
{
	(void)p;
	if (anchor && *anchor)
		return xasprintf("p%zu/%s", page->index, anchor);
	return xasprintf("p%zu", page->index);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
pdf_dest_known(const struct pdf *p, const char *name)
{
	return bsearch(&name, p->dests, p->ndests, sizeof(char *),
	    cmp_str) != NULL;
}

/* A site URL made absolute with base_url's scheme and host, when it has
 * them; the caller frees it. */
static char *
absolute(const struct pdf *p, const char *url)
{
	if (url[0] != '/' || url[1] == '/')
		return xstrdup(url);
	return sg_site_permalink(p->site, url);
}

static void
link_target(struct pdf *p, const struct sg_node *n, struct link *lk)
{
	const struct sg_page	*to = n->u.link.page;
	const char		*url = n->u.link.url ? n->u.link.url : "";

	switch (n->u.link.kind) {
	case SG_LINK_PAGE:
	case SG_LINK_ANCHOR:
		if (to && sg_handout_has(p->h, to)) {
			lk->dest = pdf_dest_name(p, to, n->u.link.anchor);
			return;
		}
		lk->uri = absolute(p, url);
		return;
	case SG_LINK_EXTERNAL:
		lk->uri = xstrdup(url);
		return;
	default:
		lk->uri = absolute(p, url);
		return;
	}
}

static void
attr(PangoAttrList *al, PangoAttribute *a, size_t start, size_t end)
{
	a->start_index = (guint)start;
	a->end_index = (guint)end;
	pango_attr_list_insert(al, a);
}

static PangoAttribute *
colour(struct rgb c, int bg)
{
	guint16	 r = (guint16)(c.r * 65535), g = (guint16)(c.g * 65535),
		 b = (guint16)(c.b * 65535);

	return bg ? pango_attr_background_new(r, g, b) :
	    pango_attr_foreground_new(r, g, b);
}

#define CHUNK	(16 * 1024)

/* Appends the text of what the template of shortcode n made. */
static void
sc_text(struct sg_buf *buf, const struct sg_node *n)
{
	struct sg_buf	 t = { NULL, 0, 0 };

	sg_sc_text(n->u.shortcode.sc, &t);
	if (t.len > 0)
		pdf_valid_utf8(buf, t.data, t.len);
	sg_buf_free(&t);
}

/* Where each open inline started, by depth. */
#define MAX_OPEN	64

/* Where to end a piece of text that starts at s: a space near CHUNK
 * bytes on, else a character boundary. */
static size_t
cut(const struct sg_buf *b, size_t s)
{
	size_t	 e = s + CHUNK, i;

	if (e >= b->len)
		return b->len;
	for (i = e; i > e - CHUNK / 8; i--)
		if (b->data[i] == ' ')
			return i + 1;
	while (e > s + 1 && ((unsigned char)b->data[e] & 0xc0) == 0x80)
		e--;
	return e;
}

/* Lays out a long text as several layouts of at most about CHUNK bytes
 * (pango's line breaking slows down past that): the first into t, the
 * others into *more, attributes and links shifted to each. */
static void
split(struct pdf *p, struct text *t, const struct sg_buf *buf,
    PangoAttrList *al, struct text **more, size_t *nmore)
{
	struct link	*links = t->links, *lk;
	size_t		 nlinks = t->nlinks, s, e, k;
	struct text	*dst;
	PangoAttrList	*part;
	PangoLayout	*proto = t->layout;

	t->links = NULL;
	t->nlinks = 0;
	*more = NULL;
	*nmore = 0;
	for (s = 0; s < buf->len; s = e) {
		e = cut(buf, s);
		if (s == 0)
			dst = t;
		else {
			*more = xrealloc(*more, (*nmore + 1) * sizeof(**more));
			dst = &(*more)[(*nmore)++];
			memset(dst, 0, sizeof(*dst));
			dst->layout = pango_layout_copy(proto);
		}
		pango_layout_set_text(dst->layout, buf->data + s, (int)(e - s));
		part = pango_attr_list_copy(al);
		if (s > 0)
			pango_attr_list_update(part, 0, (int)s, 0);
		pango_layout_set_attributes(dst->layout, part);
		pango_attr_list_unref(part);
		for (k = 0; k < nlinks; k++) {
			if ((size_t)links[k].end <= s ||
			    (size_t)links[k].start >= e)
				continue;
			dst->links = xrealloc(dst->links, (dst->nlinks + 1) *
			    sizeof(*dst->links));
			lk = &dst->links[dst->nlinks++];
			lk->start = (size_t)links[k].start > s ?
			    links[k].start - (int)s : 0;
			lk->end = (size_t)links[k].end < e ?
			    links[k].end - (int)s : (int)(e - s);
			lk->dest = links[k].dest ? xstrdup(links[k].dest) : NULL;
			lk->uri = links[k].uri ? xstrdup(links[k].uri) : NULL;
		}
		pdf_text_measure(p, dst);
	}
	for (k = 0; k < nlinks; k++) {
		free(links[k].dest);
		free(links[k].uri);
	}
	free(links);
}

/* Adds a link over bytes [start, end) of t's text; returns it, cleared. */
static struct link *
new_link(struct text *t, size_t start, size_t end)
{
	struct link	*lk;

	t->links = xrealloc(t->links, (t->nlinks + 1) * sizeof(*t->links));
	lk = &t->links[t->nlinks++];
	memset(lk, 0, sizeof(*lk));
	lk->start = (int)start;
	lk->end = (int)end;
	return lk;
}

/* Puts inline c of a text of size points into buf and al: its text when
 * it is a leaf, its style over [start, buf->len) when it closes. */
static void
put(struct pdf *p, const struct sg_node *c, struct text *t,
    PangoAttrList *al, struct sg_buf *buf, size_t start, double size)
{
	struct link	*lk;
	char		 num[32];

	switch (c->kind) {
	case SG_NODE_TEXT:
		pdf_valid_utf8(buf, c->text, c->len);
		break;
	case SG_NODE_SOFTBREAK:
		sg_buf_putc(buf, ' ');
		break;
	case SG_NODE_LINEBREAK:
		sg_buf_puts(buf, "\xE2\x80\xA8");
		break;
	case SG_NODE_CODE:
		pdf_valid_utf8(buf, c->text, c->len);
		attr(al, pango_attr_family_new(p->hs->mono), start,
		    buf->len);
		attr(al, pango_attr_size_new((int)(size * 0.88 *
		    PANGO_SCALE)), start, buf->len);
		attr(al, colour(p->pal.bg_inline, 1), start, buf->len);
		break;
	case SG_NODE_EMPH:
		attr(al, pango_attr_style_new(PANGO_STYLE_ITALIC),
		    start, buf->len);
		break;
	case SG_NODE_STRONG:
		attr(al, pango_attr_weight_new(PANGO_WEIGHT_BOLD),
		    start, buf->len);
		break;
	case SG_NODE_STRIKE:
		attr(al, pango_attr_strikethrough_new(TRUE), start,
		    buf->len);
		break;
	case SG_NODE_SHORTCODE:
		if (c->first == NULL)
			sc_text(buf, c);
		break;
	case SG_NODE_IMAGE:
		sg_buf_puts(buf, "]");
		attr(al, pango_attr_style_new(PANGO_STYLE_ITALIC),
		    start, buf->len);
		break;
	case SG_NODE_LINK:
		if (start == buf->len)
			break;
		attr(al, colour(p->pal.accent, 0), start, buf->len);
		attr(al, pango_attr_underline_new(
		    PANGO_UNDERLINE_SINGLE), start, buf->len);
		lk = new_link(t, start, buf->len);
		link_target(p, c, lk);
		break;
	case SG_NODE_FOOTNOTE_REF:
		snprintf(num, sizeof(num), "%d", c->u.footnote.index);
		sg_buf_puts(buf, num);
		attr(al, pango_attr_rise_new((int)(size * 0.35 *
		    PANGO_SCALE)), start, buf->len);
		attr(al, pango_attr_size_new((int)(size * 0.7 *
		    PANGO_SCALE)), start, buf->len);
		attr(al, colour(p->pal.accent, 0), start, buf->len);
		lk = new_link(t, start, buf->len);
		lk->dest = xasprintf("p%zu/fn:%d", p->page ?
		    p->page->index : 0, c->u.footnote.index);
		break;
	default:
		break;
	}
}

/*
 * Lays out the inlines of block n into t: size in points, bold for
 * headings, wrapped at width, spacing points between lines. With more
 * set, a text longer than CHUNK bytes is split: t holds its start, *more (nmore of them, which the
 * caller frees) the rest.
 */
void
pdf_inlines(struct pdf *p, const struct sg_node *n, struct text *t,
    double size, int bold, double width, double spacing, struct text **more,
    size_t *nmore)
{
	struct sg_walk		 w;
	const struct sg_node	*c;
	struct sg_buf		 buf = { NULL, 0, 0 };
	PangoAttrList		*al = pango_attr_list_new();
	size_t			 open[MAX_OPEN], start, k;
	int			 entering, depth = 0;

	t->layout = pdf_layout_new(p, p->sans, size, width);
	pango_layout_set_spacing(t->layout, (int)(spacing * PANGO_SCALE));
	if (bold) {
		PangoFontDescription *fd = pango_font_description_copy(
		    pango_layout_get_font_description(t->layout));
		pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
		pango_layout_set_font_description(t->layout, fd);
		pango_font_description_free(fd);
	}
	/* a shortcode that encloses nothing: the text its template made */
	if (n->kind == SG_NODE_SHORTCODE_BLOCK && n->first == NULL)
		sc_text(&buf, n);
	sg_walk_init(&w, n);
	while (sg_walk_next(&w, &c, &entering)) {
		if (c == n)
			continue;
		if (entering && !sg_node_is_leaf(c->kind)) {
			if (depth < MAX_OPEN)
				open[depth] = buf.len;
			depth++;
			if (c->kind == SG_NODE_IMAGE)
				sg_buf_puts(&buf, "[");
			continue;
		}
		if (!entering) {
			depth--;
			start = depth < MAX_OPEN ? open[depth] : buf.len;
		} else
			start = buf.len;
		put(p, c, t, al, &buf, start, size);
	}
	if (buf.len > MAX_TEXT) {
		pdf_too_long(p, n, buf.len);
		buf.len = MAX_TEXT;
		while (buf.len > 0 && ((unsigned char)buf.data[buf.len] &
		    0xc0) == 0x80)
			buf.len--;
		for (k = 0; k < t->nlinks; k++) {
			if ((size_t)t->links[k].end > buf.len)
				t->links[k].end = (int)buf.len;
			if ((size_t)t->links[k].start > buf.len)
				t->links[k].start = (int)buf.len;
		}
	}
	if (more == NULL || buf.len <= CHUNK) {
		pango_layout_set_text(t->layout, buf.data ? buf.data : "",
		    (int)buf.len);
		pango_layout_set_attributes(t->layout, al);
		pdf_text_measure(p, t);
	} else
		split(p, t, &buf, al, more, nmore);
	pango_attr_list_unref(al);
	sg_buf_free(&buf);
}

void
pdf_too_long(struct pdf *p, const struct sg_node *n, size_t len)
{
	struct sg_loc	 loc;

	loc.file = p->page ? p->page->src : NULL;
	loc.line = n->line;
	loc.col = n->col;
	sg_diag_warn(p->diag, &loc, "this block is %zu kB long: the handout "
	    "shows its first %d kB (split it to show it all)", len / 1024,
	    MAX_TEXT / 1024);
}

void
pdf_plain(struct pdf *p, const char *s, struct text *t,
    const PangoFontDescription *font, double size, int bold, double width)
{
	struct sg_buf		 buf = { NULL, 0, 0 };
	PangoFontDescription	*fd;

	t->layout = pdf_layout_new(p, font, size, width);
	if (bold) {
		fd = pango_font_description_copy(
		    pango_layout_get_font_description(t->layout));
		pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
		pango_layout_set_font_description(t->layout, fd);
		pango_font_description_free(fd);
	}
	pdf_valid_utf8(&buf, s, strlen(s));
	pango_layout_set_text(t->layout, buf.data ? buf.data : "",
	    (int)buf.len);
	sg_buf_free(&buf);
	pdf_text_measure(p, t);
}
