/* html.c: the HTML renderer, one walk over a page's document tree. The
 * markup of the CommonMark and GFM constructs is the one cmark-gfm's own
 * renderer writes (escaping, tables, task lists, footnotes), so pages are
 * byte for byte what they were when cmark-gfm rendered them; sitegen's
 * own constructs (heading anchors, admonitions, highlighted code, C
 * samples with their real output) are written here too. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "highlight/highlight.h"
#include "out/html.h"
#include "samples/samples.h"
#include "doc/tree.h"
#include "doc/shortcode.h"
#include "site/i18n.h"
#include "util.h"

static const char *const alert_class[] = {
	"note", "tip", "important", "warning", "caution"
};
#define ANCHOR_LABEL	"Link to the section \xe2\x80\x9c{title}\xe2\x80\x9d"

/* The state of one render. */
struct html {
	struct sg_buf		*out;
	int			 flags;
	const struct sg_i18n	*i18n;		/* the texts, or NULL */
	const char		*anchor;	/* its anchor_label, once read */
	const struct sg_node	*plain;		/* inside this image: alt text */
	int			 notes;		/* footnote definitions so far */
	int			 backref_done;	/* the last one has its backref */
	int			 in_header;	/* in a table's header row */
	int			 in_body;	/* a <tbody> is open */
	struct sg_tokens	 toks;		/* a sample's, the storage kept
						 * from one to the next */
};

/* Safe bytes in runs (sg_href_span, sixteen at a time), each other
 * byte escaped. */
void
sg_html_put_href(struct sg_buf *b, const char *s, size_t n)
{
	static const char	 hex[] = "0123456789ABCDEF";
	size_t			 k;
	unsigned char		 c;
	char			 esc[3];

	for (;;) {
		k = sg_href_span(s, n);
		sg_buf_put(b, s, k);
		if (k == n)
			return;
		c = (unsigned char)s[k];
		if (c == '&')
			sg_buf_puts(b, "&amp;");
		else if (c == '\'')
			sg_buf_puts(b, "&#x27;");
		else {
			esc[0] = '%';
			esc[1] = hex[c >> 4];
			esc[2] = hex[c & 15];
			sg_buf_put(b, esc, 3);
		}
		s += k + 1;
		n -= k + 1;
	}
}

/* A newline unless the output is empty or ends in one (cmark's cr). */
static void
cr(struct html *h)
{
	if (h->out->len > 0 && h->out->data[h->out->len - 1] != '\n')
		sg_buf_putc(h->out, '\n');
}

static void
esc(struct html *h, const char *s, size_t n)
{
	sg_buf_put_html(h->out, s, n);
}

/* cmark-gfm leaves out the destination of javascript:, vbscript:, file:
 * and data: links (but for data: images) unless raw HTML is allowed. */
static int
dangerous(const char *u)
{
	static const char *const bad[] = {
		"javascript:", "vbscript:", "file:", "data:", NULL
	};
	static const char *const images[] = {
		"data:image/png", "data:image/gif", "data:image/jpeg",
		"data:image/webp", NULL
	};
	int	 i;

	/* every one of them starts with one of these four letters; most
	 * links with none (eight strncasecmp each, a fifth of the cost of
	 * a link) */
	switch (*u | 0x20) {
	case 'd':
	case 'f':
	case 'j':
	case 'v':
		break;
	default:
		return 0;
	}
	for (i = 0; images[i]; i++)
		if (strncasecmp(u, images[i], strlen(images[i])) == 0)
			return 0;
	for (i = 0; bad[i]; i++)
		if (strncasecmp(u, bad[i], strlen(bad[i])) == 0)
			return 1;
	return 0;
}

/* The tagfilter extension: is s (at a '<') one of the tags GFM does not
 * let through even as raw HTML? */
static int
filtered_tag(const char *s, size_t n)
{
	static const char *const tags[] = {
		"title", "textarea", "style", "xmp", "iframe", "noembed",
		"noframes", "script", "plaintext", NULL
	};
	const char	*t;
	size_t		 i, k;

	for (k = 0; tags[k]; k++) {
		t = tags[k];
		if (n < 3 || s[0] != '<')
			continue;
		i = s[1] == '/' ? 2 : 1;
		for (; i < n && *t; i++, t++)
			if ((s[i] | 0x20) != *t || !((s[i] >= 'a' &&
			    s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z')))
				break;
		if (*t != '\0' || i == n)
			continue;
		if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' ||
		    s[i] == '\v' || s[i] == '\f' || s[i] == '\r' ||
		    s[i] == '>')
			return 1;
		if (s[i] == '/' && i + 1 < n && s[i + 1] == '>')
			return 1;
	}
	return 0;
}

/* Raw HTML, each '<' of a filtered tag written as "&lt;". */
static void
raw_html(struct html *h, const char *s, size_t n)
{
	const char	*m;

	while (n > 0 && (m = memchr(s, '<', n)) != NULL) {
		sg_buf_put(h->out, s, (size_t)(m - s));
		n -= (size_t)(m - s);
		s = m;
		sg_buf_puts(h->out, filtered_tag(s, n) ? "&lt;" : "<");
		s++;
		n--;
	}
	sg_buf_put(h->out, s, n);
}

static void
raw(struct html *h, const struct sg_node *n, int filter)
{
	if (n->text == NULL)
		sg_buf_puts(h->out, "<!-- raw HTML omitted -->");
	else if (!(h->flags & SG_HTML_UNSAFE))
		/* raw HTML off: what the tree kept is safe (md_anchor.c) */
		sg_buf_put(h->out, n->text, n->len);
	else if (filter)
		raw_html(h, n->text, n->len);
	else
		sg_buf_put(h->out, n->text, n->len);
}

/* Is n inside a heading? Their inlines were once rendered apart, with
 * no tagfilter, and still are. */
static int
in_heading(const struct sg_node *n)
{
	for (; n; n = n->parent)
		if (n->kind == SG_NODE_HEADING)
			return 1;
	return 0;
}

/* Inline raw HTML: the tagfilter looks at its start only. */
static void
raw_inline(struct html *h, const struct sg_node *n)
{
	if (!(h->flags & SG_HTML_UNSAFE) || n->text == NULL || in_heading(n) ||
	    !filtered_tag(n->text, n->len))
		raw(h, n, 0);
	else {
		sg_buf_puts(h->out, "&lt;");
		sg_buf_put(h->out, n->text + 1, n->len - 1);
	}
}

/* ------------------------------------------------------------- blocks */

/* A heading's level, 1 to 6, as its digit. */
static char
level_digit(int level)
{
	return (char)('0' + (level < 1 ? 1 : level > 6 ? 6 : level));
}

static void
heading(struct html *h, const struct sg_node *n, int entering)
{
	struct sg_buf	 title = { 0 };
	const char	*label, *at;

	/* put piece by piece: printf, for the headings and code blocks of
	 * each page, took 1.2% of a build's instructions */
	if (entering) {
		cr(h);
		sg_buf_puts(h->out, "<h");
		sg_buf_putc(h->out, level_digit(n->u.heading.level));
		sg_buf_puts(h->out, " id=\"");
		sg_buf_puts(h->out, n->u.heading.id);
		sg_buf_puts(h->out, "\">");
		return;
	}
	sg_buf_puts(h->out, " <a class=\"anchor\" href=\"#");
	sg_buf_puts(h->out, n->u.heading.id);
	sg_buf_puts(h->out, "\" aria-label=\"");
	if (h->anchor == NULL)
		h->anchor = sg_i18n_text(h->i18n, "anchor_label", -1,
		    ANCHOR_LABEL);
	label = h->anchor;
	/* the label's text, and the heading's where it says {title} */
	sg_buf_put(&title, "", 0);
	sg_node_plain(n, &title);
	while ((at = strstr(label, "{title}")) != NULL) {
		esc(h, label, (size_t)(at - label));
		esc(h, title.data, title.len);
		label = at + 7;
	}
	esc(h, label, strlen(label));
	sg_buf_free(&title);
	sg_buf_puts(h->out, "\">#</a></h");
	sg_buf_putc(h->out, level_digit(n->u.heading.level));
	sg_buf_puts(h->out, ">\n");
}

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' ||
	    c == '\f' || c == '\r';
}

static void
code_block(struct html *h, const struct sg_node *n)
{
	const char	*lang = n->u.code.lang, *info = n->u.code.info;
	size_t		 first;

	cr(h);
	if (lang && *lang && sg_hl_lang(lang) != NULL &&
	    !strcmp(sg_hl_lang(lang), lang)) {
		/* a language the highlighter knows, by its canonical name */
		sg_buf_puts(h->out, "<pre data-lang=\"");
		sg_buf_puts(h->out, lang);
		sg_buf_puts(h->out, "\"><code class=\"language-");
		sg_buf_puts(h->out, lang);
		sg_buf_puts(h->out, "\">");
		sg_hl_html_tokens(n->text, n->u.code.tokens,
		    n->u.code.ntokens, h->out);
		sg_buf_puts(h->out, "</code></pre>\n");
		return;
	}
	if (info == NULL || *info == '\0')
		sg_buf_puts(h->out, "<pre><code>");
	else {
		for (first = 0; info[first] && !is_space(info[first]); first++)
			;
		sg_buf_puts(h->out, "<pre><code class=\"language-");
		esc(h, info, first);
		sg_buf_puts(h->out, "\">");
	}
	esc(h, n->text ? n->text : "", n->len);
	sg_buf_puts(h->out, "</code></pre>\n");
}

/* A C sample: its code as shown, highlighted, and under the last part of
 * a program the output it really printed, or the compiler's message. */
static void
sample(struct html *h, const struct sg_node *n)
{
	const struct sg_sample	*s = n->u.sample.sample;
	const char		*code = s && s->shown ? s->shown : n->text;

	cr(h);
	sg_buf_puts(h->out, "<div class=\"sample\"><pre data-lang=\"c\">"
	    "<code class=\"language-c\">");
	if (code == NULL)
		code = "";
	/* sg_hl_html, but in storage kept for the page's next sample:
	 * a malloc and a free a sample were 1.5 M instructions at 2,000
	 * pages */
	sg_hl_tokenize("c", code, strlen(code), &h->toks);
	sg_hl_html_tokens(code, h->toks.v, h->toks.len, h->out);
	sg_buf_puts(h->out, "</code></pre>\n");
	if (s && s->shown_output) {
		sg_buf_puts(h->out, s->output_is_diag ? "<pre class=\""
		    "sample-output sample-diagnostic\"><code>" : "<pre "
		    "class=\"sample-output\"><code>");
		esc(h, s->shown_output, s->shown_output_len);
		sg_buf_puts(h->out, "</code></pre>\n");
	}
	sg_buf_puts(h->out, "</div>\n");
}

static void
list(struct html *h, const struct sg_node *n, int entering)
{
	if (!entering)
		sg_buf_puts(h->out, n->u.list.ordered ? "</ol>\n" : "</ul>\n");
	else {
		cr(h);
		if (!n->u.list.ordered)
			sg_buf_puts(h->out, "<ul>\n");
		else if (n->u.list.start == 1)
			sg_buf_puts(h->out, "<ol>\n");
		else
			sg_buf_printf(h->out, "<ol start=\"%d\">\n",
			    n->u.list.start);
	}
}

static void
item(struct html *h, const struct sg_node *n, int entering)
{
	if (!entering) {
		sg_buf_puts(h->out, "</li>\n");
		return;
	}
	cr(h);
	sg_buf_puts(h->out, "<li>");
	if (n->u.item.task)
		sg_buf_puts(h->out, n->u.item.checked ? "<input type=\""
		    "checkbox\" checked=\"\" disabled=\"\" /> " : "<input "
		    "type=\"checkbox\" disabled=\"\" /> ");
}

static void
alert(struct html *h, const struct sg_node *n, int entering)
{
	int		 k = (int)n->u.alert.kind;
	const char	*t;

	cr(h);
	if (entering) {
		t = sg_i18n_alert(h->i18n, k);
		sg_buf_printf(h->out, "<div class=\"admonition %s\">\n"
		    "<p class=\"admonition-title\">", alert_class[k]);
		esc(h, t, strlen(t));
		sg_buf_puts(h->out, "</p>\n");
	} else
		sg_buf_puts(h->out, "</div>\n");
}

/* -------------------------------------------------------------- tables */

static void
table(struct html *h, int entering)
{
	if (entering) {
		cr(h);
		sg_buf_puts(h->out, "<div class=\"table-scroll\">\n<table>");
		h->in_body = 0;
		return;
	}
	if (h->in_body) {
		cr(h);
		sg_buf_puts(h->out, "</tbody>");
		cr(h);
	}
	h->in_body = 0;
	cr(h);
	sg_buf_puts(h->out, "</table>");
	cr(h);
	sg_buf_puts(h->out, "</div>\n");
}

static void
row(struct html *h, const struct sg_node *n, int entering)
{
	if (entering) {
		cr(h);
		if (n->u.row.header) {
			h->in_header = 1;
			sg_buf_puts(h->out, "<thead>");
			cr(h);
		} else if (!h->in_body) {
			sg_buf_puts(h->out, "<tbody>");
			cr(h);
			h->in_body = 1;
		}
		sg_buf_puts(h->out, "<tr>");
		return;
	}
	cr(h);
	sg_buf_puts(h->out, "</tr>");
	if (n->u.row.header) {
		cr(h);
		sg_buf_puts(h->out, "</thead>");
		h->in_header = 0;
	}
}

static void
cell(struct html *h, const struct sg_node *n, int entering)
{
	static const char *const align[] = {
		NULL, "left", "center", "right"
	};

	if (!entering) {
		sg_buf_puts(h->out, h->in_header ? "</th>" : "</td>");
		return;
	}
	cr(h);
	sg_buf_puts(h->out, h->in_header ? "<th" : "<td");
	if (align[n->u.cell.align])
		sg_buf_printf(h->out, " align=\"%s\"", align[n->u.cell.align]);
	sg_buf_putc(h->out, '>');
}

/* ----------------------------------------------------------- footnotes */

/* The links back from a note to each use of it. */
static void
backrefs(struct html *h, const struct sg_node *def)
{
	const char	*label = def->u.footnote.label, *back;
	int		 i;

	if (h->backref_done)
		return;
	h->backref_done = 1;
	back = sg_i18n_text(h->i18n, "footnote_back", -1, "Back to content");
	sg_buf_printf(h->out, "<a href=\"#fnref-%s\" class=\"footnote-backref"
	    "\" data-footnote-backref aria-label=\"", label);
	esc(h, back, strlen(back));
	sg_buf_puts(h->out, "\">\xe2\x86\xa9</a>");
	for (i = 2; i <= def->u.footnote.ref; i++) {
		sg_buf_printf(h->out, " <a href=\"#fnref-%s-%d\" class=\""
		    "footnote-backref\" data-footnote-backref aria-label=\"",
		    label, i);
		esc(h, back, strlen(back));
		sg_buf_printf(h->out, "\">\xe2\x86\xa9<sup class=\""
		    "footnote-ref\">%d</sup></a>", i);
	}
}

static void
footnote_def(struct html *h, const struct sg_node *n, int entering)
{
	const char	*t;

	if (entering) {
		if (h->notes++ == 0) {
			t = sg_i18n_text(h->i18n, "footnotes", -1,
			    "Footnotes");
			sg_buf_puts(h->out, "<section class=\"footnotes\" "
			    "data-footnotes>\n<h2 class=\"visually-hidden\">");
			esc(h, t, strlen(t));
			sg_buf_puts(h->out, "</h2>\n<ol>\n");
		}
		h->backref_done = 0;
		sg_buf_printf(h->out, "<li id=\"fn-%s\">\n",
		    n->u.footnote.label);
		return;
	}
	if (!h->backref_done) {
		backrefs(h, n);
		sg_buf_putc(h->out, '\n');
	}
	sg_buf_puts(h->out, "</li>\n");
}

static void
footnote_ref(struct html *h, const struct sg_node *n)
{
	sg_buf_printf(h->out, "<sup class=\"footnote-ref\"><a href=\"#fn-%s\" "
	    "id=\"fnref-%s", n->u.footnote.label, n->u.footnote.label);
	if (n->u.footnote.ref > 1)
		sg_buf_printf(h->out, "-%d", n->u.footnote.ref);
	sg_buf_printf(h->out, "\" data-footnote-ref>%d</a></sup>",
	    n->u.footnote.index);
}

/* ------------------------------------------------------------- inlines */

static int
tight(const struct sg_node *para)
{
	const struct sg_node	*gp = para->parent ? para->parent->parent :
				    NULL;

	return gp && gp->kind == SG_NODE_LIST && gp->u.list.tight;
}

static void
paragraph(struct html *h, const struct sg_node *n, int entering)
{
	if (tight(n))
		return;
	if (entering) {
		cr(h);
		sg_buf_puts(h->out, "<p>");
		return;
	}
	if (n->parent && n->parent->kind == SG_NODE_FOOTNOTE_DEF &&
	    n->next == NULL) {
		sg_buf_putc(h->out, ' ');
		backrefs(h, n->parent);
	}
	sg_buf_puts(h->out, "</p>\n");
}

static void
link(struct html *h, const struct sg_node *n, int entering)
{
	const char	*url = n->u.link.url ? n->u.link.url : "";

	if (n->kind == SG_NODE_LINK && !entering) {
		sg_buf_puts(h->out, "</a>");
		return;
	}
	if (n->kind == SG_NODE_IMAGE && !entering) {
		if (n->u.link.title) {
			sg_buf_puts(h->out, "\" title=\"");
			esc(h, n->u.link.title, strlen(n->u.link.title));
		}
		sg_buf_putc(h->out, '"');
		if (n->u.link.width > 0 && n->u.link.height > 0)
			sg_buf_printf(h->out, " width=\"%d\" height=\"%d\"",
			    n->u.link.width, n->u.link.height);
		sg_buf_puts(h->out, " />");
		return;
	}
	sg_buf_puts(h->out, n->kind == SG_NODE_LINK ? "<a href=\"" :
	    "<img loading=\"lazy\" decoding=\"async\" src=\"");
	if ((h->flags & SG_HTML_UNSAFE) || !dangerous(url))
		sg_html_put_href(h->out, url, strlen(url));
	if (n->kind == SG_NODE_IMAGE) {
		sg_buf_puts(h->out, "\" alt=\"");
		h->plain = n;
		return;
	}
	if (n->u.link.title) {
		sg_buf_puts(h->out, "\" title=\"");
		esc(h, n->u.link.title, strlen(n->u.link.title));
	}
	sg_buf_puts(h->out, "\">");
}

/* Inside an image: its alt text, plain. */
static void
alt_text(struct html *h, const struct sg_node *n)
{
	switch (n->kind) {
	case SG_NODE_TEXT:
	case SG_NODE_CODE:
	case SG_NODE_HTML_INLINE:
		if (n->text)
			esc(h, n->text, n->len);
		break;
	case SG_NODE_SOFTBREAK:
	case SG_NODE_LINEBREAK:
		sg_buf_putc(h->out, ' ');
		break;
	default:
		break;
	}
}

/* ---------------------------------------------------------------- walk */

static void
node(struct html *h, const struct sg_node *n, int entering)
{
	switch (n->kind) {
	case SG_NODE_DOCUMENT:
		break;
	case SG_NODE_PARAGRAPH:
		paragraph(h, n, entering);
		break;
	case SG_NODE_HEADING:
		heading(h, n, entering);
		break;
	case SG_NODE_BLOCKQUOTE:
		cr(h);
		sg_buf_puts(h->out, entering ? "<blockquote>\n" :
		    "</blockquote>\n");
		break;
	case SG_NODE_ALERT:
		alert(h, n, entering);
		break;
	case SG_NODE_LIST:
		list(h, n, entering);
		break;
	case SG_NODE_ITEM:
		item(h, n, entering);
		break;
	case SG_NODE_CODE_BLOCK:
		code_block(h, n);
		break;
	case SG_NODE_SAMPLE:
		sample(h, n);
		break;
	case SG_NODE_HTML_BLOCK:
		cr(h);
		raw(h, n, 1);
		cr(h);
		break;
	case SG_NODE_THEMATIC_BREAK:
		cr(h);
		sg_buf_puts(h->out, "<hr />\n");
		break;
	case SG_NODE_TABLE:
		table(h, entering);
		break;
	case SG_NODE_TABLE_ROW:
		row(h, n, entering);
		break;
	case SG_NODE_TABLE_CELL:
		cell(h, n, entering);
		break;
	case SG_NODE_FOOTNOTE_DEF:
		footnote_def(h, n, entering);
		break;
	case SG_NODE_TEXT:
		esc(h, n->text, n->len);
		break;
	case SG_NODE_SOFTBREAK:
		sg_buf_putc(h->out, '\n');
		break;
	case SG_NODE_LINEBREAK:
		sg_buf_puts(h->out, "<br />\n");
		break;
	case SG_NODE_CODE:
		sg_buf_puts(h->out, "<code>");
		esc(h, n->text, n->len);
		sg_buf_puts(h->out, "</code>");
		break;
	case SG_NODE_HTML_INLINE:
		raw_inline(h, n);
		break;
	case SG_NODE_EMPH:
		sg_buf_puts(h->out, entering ? "<em>" : "</em>");
		break;
	case SG_NODE_STRONG:
		sg_buf_puts(h->out, entering ? "<strong>" : "</strong>");
		break;
	case SG_NODE_STRIKE:
		sg_buf_puts(h->out, entering ? "<del>" : "</del>");
		break;
	case SG_NODE_LINK:
	case SG_NODE_IMAGE:
		link(h, n, entering);
		break;
	case SG_NODE_FOOTNOTE_REF:
		footnote_ref(h, n);
		break;
	default:
		break;
	}
}

void
sg_html_render(const struct sg_node *root, int flags,
    const struct sg_i18n *i18n, struct sg_buf *out)
{
	struct html		 h;
	struct sg_walk		 w;
	const struct sg_node	*n, *skip = NULL;
	int			 entering;

	memset(&h, 0, sizeof(h));
	h.out = out;
	h.flags = flags;
	h.i18n = i18n;
	sg_buf_put(out, "", 0);
	sg_walk_init(&w, root);
	while (sg_walk_next(&w, &n, &entering)) {
		if (h.plain == n)
			h.plain = NULL;
		if (h.plain) {
			if (entering)
				alt_text(&h, n);
			continue;
		}
		if (skip) {
			skip = n == skip && !entering ? NULL : skip;
			continue;
		}
		/* a shortcode is what its template made, which holds its
		 * inner part; before that (or never made), its inner part */
		if (entering && n != root && (n->kind == SG_NODE_SHORTCODE ||
		    n->kind == SG_NODE_SHORTCODE_BLOCK) &&
		    n->u.shortcode.sc->html) {
			if (n->kind == SG_NODE_SHORTCODE_BLOCK)
				cr(&h);
			sg_buf_puts(out, n->u.shortcode.sc->html);
			if (n->kind == SG_NODE_SHORTCODE_BLOCK)
				cr(&h);
			skip = n;
			continue;
		}
		node(&h, n, entering);
	}
	if (h.notes > 0)
		sg_buf_puts(out, "</ol>\n</section>\n");
	sg_hl_tokens_free(&h.toks);
}
