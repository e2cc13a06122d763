/* markdown.c: the only user of cmark-gfm. Parses a page with the GFM
 * extensions and walks the tree once: heading ids and the TOC, links to
 * .md files rewritten to page URLs, GitHub alerts as admonitions, the
 * summary and word count; then renders HTML. Includes are expanded before
 * parsing (include.c) with a map back to the author's lines. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "highlight.h"
#include "include.h"
#include "path.h"
#include "samples.h"
#include "site.h"

static const char *const extension_names[] = {
	"table", "strikethrough", "autolink", "tagfilter", "tasklist", NULL
};

static const struct {
	const char	*marker;	/* as written, upper case */
	const char	*class;
	const char	*title;
} alerts[] = {
	{ "[!NOTE]", "note", "Note" },
	{ "[!TIP]", "tip", "Tip" },
	{ "[!IMPORTANT]", "important", "Important" },
	{ "[!WARNING]", "warning", "Warning" },
	{ "[!CAUTION]", "caution", "Caution" },
	{ NULL, NULL, NULL }
};

/* The state of one page's walk. */
struct walk {
	const struct sg_site	*site;
	struct sg_page		*page;
	const int		*lines;		/* expanded line -> file line */
	int			 nlines;
	char			*dir;		/* the page's folder in content/ */
	struct sg_md		*md;
	size_t			 nid, idcap;
	size_t			 nhead, headcap;
	size_t			 nlink, linkcap;
};

static int
options(const struct sg_site *site)
{
	return CMARK_OPT_FOOTNOTES | CMARK_OPT_VALIDATE_UTF8 |
	    (site && site->config.unsafe ? CMARK_OPT_UNSAFE : 0);
}

/* cmark-gfm keeps the special characters of inline extensions ('~' for
 * strikethrough, ':' 'w' '@' for autolinks, '|' for tables) in one global
 * table: each parse adds them when its inline pass starts and clears them
 * when it ends, so one thread's parse ending turns another's
 * strikethrough and autolinks off half-way (github/cmark-gfm#176, still
 * open). The inline pass runs in cmark_parser_finish, so that call is
 * made under one lock; block parsing, our tree walk and HTML rendering
 * stay parallel. */
static pthread_mutex_t	 finish_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t	 init_control = PTHREAD_ONCE_INIT;

static void
init_once(void)
{
	cmark_gfm_core_extensions_ensure_registered();
}

static cmark_node *
finish(cmark_parser *p)
{
	cmark_node	*doc;

	pthread_mutex_lock(&finish_lock);
	doc = cmark_parser_finish(p);
	pthread_mutex_unlock(&finish_lock);
	return doc;
}

static cmark_parser *
new_parser(int opts)
{
	cmark_parser	*p;
	int		 i;

	pthread_once(&init_control, init_once);
	p = cmark_parser_new(opts);
	for (i = 0; extension_names[i]; i++)
		cmark_parser_attach_syntax_extension(p,
		    cmark_find_syntax_extension(extension_names[i]));
	return p;
}

/* The extensions list the HTML renderer needs (tables, tasklists). */
static char *
render(cmark_parser *p, cmark_node *doc, int opts)
{
	return cmark_render_html(doc, opts, cmark_parser_get_syntax_extensions(
	    p));
}

/* Makes sure cmark-gfm's extension registry is built before any worker
 * thread looks extensions up. */
void
sg_md_init(void)
{
	pthread_once(&init_control, init_once);
}

const char *
sg_md_version(void)
{
	return cmark_version_string();
}

/* Renders Markdown to HTML with the GFM extensions, for the template
 * helper markdown(). The caller frees the result. */
char *
sg_md_to_html(const char *text, size_t len, int unsafe)
{
	int		 opts = CMARK_OPT_FOOTNOTES | CMARK_OPT_VALIDATE_UTF8 |
			    (unsafe ? CMARK_OPT_UNSAFE : 0);
	cmark_parser	*p = new_parser(opts);
	cmark_node	*doc;
	char		*html, *out;

	cmark_parser_feed(p, text, len);
	doc = finish(p);
	html = render(p, doc, opts);
	out = xstrdup(html);
	free(html);
	cmark_node_free(doc);
	cmark_parser_free(p);
	return out;
}

/* The author's location of a node. */
static struct sg_loc
node_loc(const struct walk *w, cmark_node *n)
{
	struct sg_loc	 loc;
	int		 line;

	while (n && cmark_node_get_start_line(n) == 0)
		n = cmark_node_parent(n);
	line = n ? cmark_node_get_start_line(n) : 1;
	loc.file = w->page->src;
	loc.line = line >= 1 && line <= w->nlines ? w->lines[line - 1] :
	    w->page->body_line;
	loc.col = n ? cmark_node_get_start_column(n) : 1;
	if (line >= 1 && line <= w->nlines && line > 1 &&
	    w->lines[line - 1] == w->lines[line - 2])
		loc.col = 1;	/* inside included text */
	return loc;
}

/* Appends the plain text under n (text and code spans) to b. */
static void
plain_text(cmark_node *n, struct sg_buf *b)
{
	cmark_node	*c;
	const char	*lit;

	for (c = cmark_node_first_child(n); c; c = cmark_node_next(c)) {
		switch (cmark_node_get_type(c)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			if ((lit = cmark_node_get_literal(c)) != NULL)
				sg_buf_puts(b, lit);
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			sg_buf_putc(b, ' ');
			break;
		default:
			plain_text(c, b);
			break;
		}
	}
}

static int
has_id(const struct walk *w, const char *id)
{
	size_t	 i;

	for (i = 0; i < w->nid; i++)
		if (!strcmp(w->md->ids[i], id))
			return 1;
	return 0;
}

static void
add_id(struct walk *w, char *id)
{
	if (w->nid == w->idcap) {
		w->idcap = w->idcap ? w->idcap * 2 : 16;
		w->md->ids = xrealloc(w->md->ids, w->idcap *
		    sizeof(*w->md->ids));
	}
	w->md->ids[w->nid++] = id;
}

/* A heading id not yet used on the page: base, else base-1, base-2, … */
static char *
unique_id(struct walk *w, const char *text)
{
	char	*base = sg_heading_id(text), *id;
	int	 n;

	if (!has_id(w, base))
		return base;
	for (n = 1;; n++) {
		id = xasprintf("%s-%d", base, n);
		if (!has_id(w, id))
			break;
		free(id);
	}
	free(base);
	return id;
}

/* Replaces a heading by a custom block holding its HTML with the id and
 * a link to itself (cmark cannot put attributes on a heading). */
static void
heading(struct walk *w, cmark_node *h, int opts)
{
	struct sg_buf		 text = { 0 }, tag = { 0 };
	struct sg_heading	*hd;
	cmark_node		*cb;
	char			*id, *html, *close;
	int			 level = cmark_node_get_heading_level(h);

	plain_text(h, &text);
	id = unique_id(w, text.data ? text.data : "");
	add_id(w, xstrdup(id));
	if (w->nhead == w->headcap) {
		w->headcap = w->headcap ? w->headcap * 2 : 16;
		w->md->headings = xrealloc(w->md->headings, w->headcap *
		    sizeof(*w->md->headings));
	}
	hd = &w->md->headings[w->nhead++];
	hd->level = level;
	hd->id = id;
	hd->title = sg_buf_detach(&text);
	/* "<hN>inline HTML</hN>\n" */
	html = cmark_render_html(h, opts, NULL);
	close = strstr(html, "</h");
	sg_buf_printf(&tag, "<h%d id=\"%s\">%.*s <a class=\"anchor\" "
	    "href=\"#%s\" aria-label=\"Link to the section “", level, id,
	    close ? (int)(close - html - 4) : 0, html + 4, id);
	sg_buf_put_html(&tag, hd->title, strlen(hd->title));
	sg_buf_printf(&tag, "”\">#</a></h%d>\n", level);
	free(html);
	cb = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK);
	cmark_node_set_on_enter(cb, tag.data);
	cmark_node_set_on_exit(cb, "");
	sg_buf_free(&tag);
	cmark_node_replace(h, cb);
	cmark_node_free(h);
}

/* Turns a block quote that opens with "[!NOTE]" (or TIP, IMPORTANT,
 * WARNING, CAUTION) on a line of its own into an admonition. */
static void
alert(cmark_node *q)
{
	cmark_node	*para, *text, *next, *cb, *c;
	const char	*lit;
	char		*tag;
	size_t		 i, n;

	para = cmark_node_first_child(q);
	if (para == NULL || cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH)
		return;
	text = cmark_node_first_child(para);
	if (text == NULL || cmark_node_get_type(text) != CMARK_NODE_TEXT ||
	    (lit = cmark_node_get_literal(text)) == NULL)
		return;
	for (i = 0; alerts[i].marker; i++) {
		n = strlen(alerts[i].marker);
		if (strncasecmp(lit, alerts[i].marker, n) == 0 &&
		    lit[n + strspn(lit + n, " \t")] == '\0')
			break;
	}
	if (alerts[i].marker == NULL)
		return;
	next = cmark_node_next(text);
	if (next && cmark_node_get_type(next) != CMARK_NODE_SOFTBREAK &&
	    cmark_node_get_type(next) != CMARK_NODE_LINEBREAK)
		return;
	cmark_node_free(text);
	if (next)
		cmark_node_free(next);
	if (cmark_node_first_child(para) == NULL)
		cmark_node_free(para);
	cb = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK);
	tag = xasprintf("<div class=\"admonition %s\">\n<p class=\"admonition-"
	    "title\">%s</p>\n", alerts[i].class, alerts[i].title);
	cmark_node_set_on_enter(cb, tag);
	free(tag);
	cmark_node_set_on_exit(cb, "</div>\n");
	while ((c = cmark_node_first_child(q)) != NULL) {
		cmark_node_unlink(c);
		cmark_node_append_child(cb, c);
	}
	cmark_node_replace(q, cb);
	cmark_node_free(q);
}

/* Is the code block n fenced (not indented)? cmark-gfm's getter stores
 * through all three pointers: none may be NULL. */
static int
fenced(cmark_node *n)
{
	int	 len = 0, off = 0;
	char	 c = 0;

	return cmark_node_get_fenced(n, &len, &off, &c);
}

/* The first word of a fence's info string ("c" of "c no_run"). */
static char *
info_lang(cmark_node *n)
{
	const char	*info = cmark_node_get_fence_info(n);
	size_t		 len;

	if (info == NULL)
		return xstrdup("");
	len = strcspn(info, " \t");
	return xstrndup(info, len);
}

/* The author's line of a node's end (its closing fence). */
static int
end_line(const struct walk *w, cmark_node *n)
{
	int	 line = cmark_node_get_end_line(n);

	return line >= 1 && line <= w->nlines ? w->lines[line - 1] :
	    node_loc(w, n).line;
}

/* A fenced c block becomes a sample: it is noted with the output block
 * right after it (which goes: the page shows the real output) and left
 * as a placeholder that samples.c fills. */
static void
sample(struct walk *w, cmark_node *n)
{
	struct sg_sample	*s = xcalloc(1, sizeof(*s));
	struct sg_md		*md = w->md;
	cmark_node		*next = cmark_node_next(n), *ph;
	const char		*lit = cmark_node_get_literal(n);
	char			*lang, tag[64];

	s->page = w->page;
	s->index = md->nsamples;
	s->info = xstrdup(cmark_node_get_fence_info(n));
	s->code = xstrdup(lit ? lit : "");
	s->loc = node_loc(w, n);
	s->code_line = s->loc.line + 1;
	s->end_line = end_line(w, n);
	if (next && cmark_node_get_type(next) == CMARK_NODE_CODE_BLOCK &&
	    fenced(next)) {
		lang = info_lang(next);
		if (!strcmp(lang, "output")) {
			lit = cmark_node_get_literal(next);
			s->expected = xstrdup(lit ? lit : "");
			s->out_line = node_loc(w, next).line;
			s->out_end_line = end_line(w, next);
			cmark_node_free(next);
		}
		free(lang);
	}
	md->samples = xrealloc(md->samples, (md->nsamples + 1) *
	    sizeof(*md->samples));
	md->samples[md->nsamples++] = s;
	ph = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK);
	snprintf(tag, sizeof(tag), SG_SAMPLE_MARK "%zu\"></sg-sample>\n",
	    s->index);
	cmark_node_set_on_enter(ph, tag);
	cmark_node_set_on_exit(ph, "");
	cmark_node_replace(n, ph);
	cmark_node_free(n);
}

/* Any other fenced block in a language the highlighter knows is rendered
 * highlighted; others are left to cmark. */
static void
code_block(struct walk *w, cmark_node *n)
{
	struct sg_buf	 b = { 0 };
	const char	*lit = cmark_node_get_literal(n), *canon;
	cmark_node	*cb;
	char		*lang = info_lang(n);

	if (!strcmp(lang, "c") && fenced(n)) {
		free(lang);
		sample(w, n);
		return;
	}
	if ((canon = sg_hl_lang(lang)) == NULL || lit == NULL) {
		free(lang);
		return;
	}
	sg_buf_printf(&b, "<pre data-lang=\"%s\"><code class=\"language-%s\">",
	    canon, canon);
	sg_hl_html(canon, lit, strlen(lit), &b);
	sg_buf_puts(&b, "</code></pre>\n");
	cb = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK);
	cmark_node_set_on_enter(cb, b.data);
	cmark_node_set_on_exit(cb, "");
	cmark_node_replace(n, cb);
	cmark_node_free(n);
	sg_buf_free(&b);
	free(lang);
}

static int
has_scheme(const char *u)
{
	const char	*p = u;

	if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
		return 0;
	while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
	    (*p >= '0' && *p <= '9') || *p == '+' || *p == '-' || *p == '.')
		p++;
	return *p == ':';
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes %XX escapes in a link path. The caller frees. */
static char *
unescape(const char *s, size_t n)
{
	struct sg_buf	 b = { 0 };
	size_t		 i;
	int		 hi, lo;

	for (i = 0; i < n; i++) {
		if (s[i] == '%' && i + 2 < n && (hi = hexval(s[i + 1])) >= 0 &&
		    (lo = hexval(s[i + 2])) >= 0) {
			sg_buf_putc(&b, (char)(hi * 16 + lo));
			i += 2;
		} else
			sg_buf_putc(&b, s[i]);
	}
	return sg_buf_detach(&b);
}

static void
add_link(struct walk *w, struct sg_page *target, const char *anchor,
    const struct sg_loc *loc)
{
	struct sg_link	*l;

	if (w->nlink == w->linkcap) {
		w->linkcap = w->linkcap ? w->linkcap * 2 : 8;
		w->md->links = xrealloc(w->md->links, w->linkcap *
		    sizeof(*w->md->links));
	}
	l = &w->md->links[w->nlink++];
	l->target = target;
	l->anchor = xstrdup(anchor);
	l->loc = *loc;
}

static int
file_exists(const struct sg_site *site, const char *rel)
{
	size_t	 lo = 0, hi = site->nfiles, mid;
	int	 c;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if ((c = strcmp(rel, site->files[mid])) == 0)
			return 1;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return 0;
}

/* Rewrites one link or image destination: a relative link to a .md file
 * becomes the page's URL (an error if there is no such page), a relative
 * link to another file of content/ its published URL, a path from the
 * site root gains base_url's path. #anchors are kept for the check. */
static void
link(struct walk *w, cmark_node *n)
{
	const struct sg_site	*site = w->site;
	const char		*url = cmark_node_get_url(n), *hash, *q;
	struct sg_page		*target;
	struct sg_loc		 loc;
	char			*path, *joined, *rel, *out = NULL;
	size_t			 plen;

	if (url == NULL || *url == '\0' || has_scheme(url) ||
	    sg_starts_with(url, "//"))
		return;
	loc = node_loc(w, n);
	if (url[0] == '#') {
		if (url[1])
			add_link(w, w->page, url + 1, &loc);
		return;
	}
	if (url[0] == '/') {
		if (strcmp(site->config.base_path, "/") != 0 &&
		    !sg_starts_with(url, site->config.base_path)) {
			out = xasprintf("%s%s", site->config.base_path,
			    url + 1);
			cmark_node_set_url(n, out);
			free(out);
		}
		return;
	}
	hash = strchr(url, '#');
	q = strchr(url, '?');
	plen = hash ? (size_t)(hash - url) : strlen(url);
	if (q && (size_t)(q - url) < plen)
		plen = (size_t)(q - url);
	path = unescape(url, plen);
	joined = sg_path_join(w->dir, path);
	rel = sg_path_normalize(joined);
	if (sg_ends_with(path, ".md")) {
		target = rel ? sg_content_find(site, rel) : NULL;
		if (rel == NULL)
			sg_diag_error(site->diag, &loc, "link to '%s', which "
			    "is outside content/", path);
		else if (target == NULL)
			sg_diag_error(site->diag, &loc, "link to a missing "
			    "page '%s' (there is no content/%s)", path, rel);
		else if (target->skipped)
			sg_diag_error(site->diag, &loc, "link to '%s', a draft "
			    "left out of this build (build with --drafts, or "
			    "link elsewhere)", path);
		else {
			if (hash && hash[1])
				add_link(w, target, hash + 1, &loc);
			out = xasprintf("%s%s", target->url, hash ? hash : "");
			cmark_node_set_url(n, out);	/* frees url */
		}
	} else if (rel && *rel && file_exists(site, rel)) {
		out = xasprintf("%s%s%s", site->config.base_path, rel,
		    url + plen);
		cmark_node_set_url(n, out);
	}
	free(out);
	free(path);
	free(joined);
	free(rel);
}

static size_t
count_words(const char *s)
{
	size_t	 n = 0;
	int	 in = 0;

	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n') {
			in = 0;
		} else if (!in) {
			in = 1;
			n++;
		}
	}
	return n;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Wraps a table in a box that scrolls sideways on a narrow screen,
 * so the table itself stays a table for screen readers. */
static void
scroll_box(cmark_node *table)
{
	cmark_node	*cb = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK);

	cmark_node_set_on_enter(cb, "<div class=\"table-scroll\">\n");
	cmark_node_set_on_exit(cb, "</div>\n");
	cmark_node_insert_before(table, cb);
	cmark_node_unlink(table);
	cmark_node_append_child(cb, table);
}

/* Is the code block todo[i] the output block of the c block before it,
 * which sample() takes? */
static int
taken(cmark_node **todo, size_t i)
{
	cmark_node	*prev = cmark_node_previous(todo[i]);
	char		*a, *b;
	int		 yes;

	if (i == 0 || prev != todo[i - 1] || cmark_node_get_type(prev) !=
	    CMARK_NODE_CODE_BLOCK)
		return 0;
	a = info_lang(prev);
	b = info_lang(todo[i]);
	yes = !strcmp(a, "c") && !strcmp(b, "output") &&
	    fenced(prev) && fenced(todo[i]);
	free(a);
	free(b);
	return yes;
}

/* Walks the tree, collecting nodes to change first: changing the tree
 * under a live iterator is not allowed. */
static void
walk_tree(struct walk *w, cmark_node *doc)
{
	cmark_iter	*it;
	cmark_event_type ev;
	cmark_node	*n, **todo = NULL, *first, **tables = NULL;
	struct sg_buf	 b = { 0 };
	char		*skip;
	size_t		 ntables = 0;
	const char	*lit;
	size_t		 ntodo = 0, cap = 0, i;

	first = cmark_node_first_child(doc);
	if (first && cmark_node_get_type(first) == CMARK_NODE_HEADING &&
	    cmark_node_get_heading_level(first) == 1) {
		plain_text(first, &b);
		w->md->h1 = sg_buf_detach(&b);
		cmark_node_free(first);
	}
	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		if (ev != CMARK_EVENT_ENTER)
			continue;
		n = cmark_iter_get_node(it);
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_HEADING:
		case CMARK_NODE_BLOCK_QUOTE:
		case CMARK_NODE_CODE_BLOCK:
			if (ntodo == cap) {
				cap = cap ? cap * 2 : 16;
				todo = xrealloc(todo, cap * sizeof(*todo));
			}
			todo[ntodo++] = n;
			break;
		case CMARK_NODE_IMAGE:
			if (cmark_node_first_child(n) == NULL) {
				struct sg_loc	 loc = node_loc(w, n);

				sg_diag_warn(w->site->diag, &loc, "image '%s' "
				    "has no alt text: describe it between the "
				    "brackets, ![like this](…)",
				    cmark_node_get_url(n));
			}
			link(w, n);
			break;
		case CMARK_NODE_LINK:
			link(w, n);
			break;
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			if ((lit = cmark_node_get_literal(n)) != NULL)
				w->md->words += count_words(lit);
			break;
		case CMARK_NODE_PARAGRAPH:
			if (w->md->summary == NULL &&
			    cmark_node_parent(n) == doc) {
				plain_text(n, &b);
				w->md->summary = sg_buf_detach(&b);
			}
			break;
		default:
			if (strcmp(cmark_node_get_type_string(n), "table"))
				break;
			tables = xrealloc(tables, (ntables + 1) *
			    sizeof(*tables));
			tables[ntables++] = n;
			break;
		}
	}
	cmark_iter_free(it);
	for (i = 0; i < ntodo; i++) {
		if (cmark_node_get_type(todo[i]) == CMARK_NODE_HEADING) {
			if (w->md->h1 == NULL &&
			    cmark_node_get_heading_level(todo[i]) == 1) {
				plain_text(todo[i], &b);
				w->md->h1 = sg_buf_detach(&b);
			}
			heading(w, todo[i], options(w->site));
		}
	}
	/* code blocks in order, so samples are numbered as they appear; an
	 * output block that the sample before it takes (and frees) is
	 * marked first and skipped */
	skip = xcalloc(ntodo + 1, 1);
	for (i = 0; i < ntodo; i++)
		skip[i] = cmark_node_get_type(todo[i]) !=
		    CMARK_NODE_CODE_BLOCK || taken(todo, i);
	for (i = 0; i < ntodo; i++)
		if (!skip[i])
			code_block(w, todo[i]);
	free(skip);
	/* innermost quotes last in document order: handle in reverse so a
	 * quote is changed before the one holding it */
	for (i = ntodo; i-- > 0;)
		if (cmark_node_get_type(todo[i]) == CMARK_NODE_BLOCK_QUOTE)
			alert(todo[i]);
	for (i = 0; i < ntables; i++)
		scroll_box(tables[i]);
	free(tables);
	free(todo);
}

/* The last touches cmark has no option for: images load lazily, and the
 * footnotes get a heading for screen readers. Returns a new string. */
static char *
finish_html(const char *html)
{
	static const char	 img[] = "<img src=\"";
	static const char	 notes[] = "<section class=\"footnotes\" "
				    "data-footnotes>\n";
	struct sg_buf		 b = { 0 };
	const char		*s = html, *a, *f;

	sg_buf_grow(&b, strlen(html) + 64);
	for (;;) {
		a = strstr(s, img);
		f = strstr(s, notes);
		if (a == NULL && f == NULL)
			break;
		if (a != NULL && (f == NULL || a < f)) {
			sg_buf_put(&b, s, (size_t)(a - s));
			sg_buf_puts(&b, "<img loading=\"lazy\" decoding=\"async\" "
			    "src=\"");
			s = a + sizeof(img) - 1;
		} else {
			sg_buf_put(&b, s, (size_t)(f - s) + sizeof(notes) - 1);
			sg_buf_puts(&b, "<h2 class=\"visually-hidden\">Footnotes"
			    "</h2>\n");
			s = f + sizeof(notes) - 1;
		}
	}
	sg_buf_puts(&b, s);
	return sg_buf_detach(&b);
}

/* Parses a page's Markdown (after expanding includes) into page->md: the
 * HTML, headings with unique ids, links to check, the title found in a
 * leading '# heading', the summary and the word count. Reports problems
 * at the author's lines. Safe to call for different pages from several
 * threads. Returns 0, or -1 if it reported an error. */
int
sg_md_parse(const struct sg_site *site, struct sg_page *page)
{
	struct walk	 w;
	struct sg_md	*md = &page->md;
	cmark_parser	*p;
	cmark_node	*doc;
	char		*text, *html;
	size_t		 len;
	int		*lines, nlines, opts = options(site), rc;

	memset(&w, 0, sizeof(w));
	w.site = site;
	w.page = page;
	w.md = md;
	w.dir = sg_path_dir(page->rel);
	rc = sg_include_expand(site, page, &text, &len, &lines, &nlines);
	w.lines = lines;
	w.nlines = nlines;
	p = new_parser(opts);
	cmark_parser_feed(p, text, len);
	doc = finish(p);
	walk_tree(&w, doc);
	html = render(p, doc, opts);
	md->html = finish_html(html);
	free(html);
	md->nheadings = w.nhead;
	md->nlinks = w.nlink;
	md->nids = w.nid;
	sg_sort(md->ids, md->nids, sizeof(*md->ids), cmp_str);
	cmark_node_free(doc);
	cmark_parser_free(p);
	free(text);
	free(lines);
	free(w.dir);
	return rc;
}

void
sg_md_free(struct sg_md *md)
{
	size_t	 i;

	free(md->html);
	for (i = 0; i < md->nheadings; i++) {
		free(md->headings[i].id);
		free(md->headings[i].title);
	}
	free(md->headings);
	for (i = 0; i < md->nids; i++)
		free(md->ids[i]);
	free(md->ids);
	for (i = 0; i < md->nlinks; i++)
		free(md->links[i].anchor);
	free(md->links);
	for (i = 0; i < md->nsamples; i++)
		sg_sample_free(md->samples[i]);
	free(md->samples);
	free(md->h1);
	free(md->summary);
	memset(md, 0, sizeof(*md));
}

static int
has_anchor(const struct sg_page *p, const char *id)
{
	return p->md.nids > 0 && bsearch(&id, p->md.ids, p->md.nids,
	    sizeof(*p->md.ids), cmp_str) != NULL;
}

/* Checks every #anchor of every link against the ids of the page it
 * points to. Returns the number of broken ones, each reported. */
int
sg_md_check_links(struct sg_site *site)
{
	const struct sg_link	*l;
	size_t			 i, k;
	int			 bad = 0;

	for (i = 0; i < site->npages; i++)
		for (k = 0; k < site->pages[i]->md.nlinks; k++) {
			l = &site->pages[i]->md.links[k];
			if (has_anchor(l->target, l->anchor))
				continue;
			sg_diag_error(site->diag, &l->loc, "link to a missing "
			    "anchor '#%s': %s has no heading with that id",
			    l->anchor, l->target->src);
			bad++;
		}
	return bad;
}
