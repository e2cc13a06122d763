/* markdown.c: the only user of cmark-gfm. Parses a page with the GFM
 * extensions and walks the tree once: heading ids and the TOC, links to
 * .md files rewritten to page URLs, GitHub alerts as admonitions, the
 * summary and word count; then renders HTML. Includes are expanded before
 * parsing (include.c) with a map back to the author's lines. */
#include <dlfcn.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "highlight.h"
#include "include.h"
#include "md_int.h"
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
	size_t			 nhead;		/* headings replaced so far */
	size_t			 nsample;	/* samples replaced so far */
	const struct sg_node	**links;	/* the tree's links, in order */
	size_t			 nlinks, linkpos;
};

static int
options(const struct sg_site *site)
{
	return CMARK_OPT_FOOTNOTES | CMARK_OPT_VALIDATE_UTF8 |
	    (site && site->config.unsafe ? CMARK_OPT_UNSAFE : 0);
}

/*
 * cmark-gfm keeps the special characters of inline extensions ('~' for
 * strikethrough, ':' 'w' '@' for autolinks, '|' for tables) in one global
 * table: cmark_parser_finish adds them before its inline pass and clears
 * them after it, so one thread's parse ending turns another's
 * strikethrough and autolinks off half-way (github/cmark-gfm#176, still
 * open; tests/unit/test_md_threads.c shows it).
 *
 * Both calls go through cmark_manage_extensions_special_characters(),
 * which the shared library exports and calls through its PLT, so this
 * executable's definition below takes their place (ELF symbol
 * interposition, as a program's own malloc does). Every parser sitegen
 * makes has the same extensions, so the characters are added once, with
 * the library's own function (found with dlsym(RTLD_NEXT)) for a parser
 * with those extensions, and never removed: each parse then sees the
 * table it would have set itself, and parses run on threads with no lock.
 * sg_md_init() checks that the override took effect (a strikethrough
 * parses) and falls back to one lock around cmark_parser_finish if not.
 *
 * Measured on the benchmark's 1,000-page corpus, 2 cores, the Markdown
 * stage at --jobs 2 (tree building included for the threads):
 *	worker processes, results through pipes:	see MD_NUMBERS below
 * The numbers chose threads: see the comment at MD_NUMBERS.
 */
typedef void	 manage_fn(cmark_parser *, int);

void		 cmark_manage_extensions_special_characters(cmark_parser *,
		    int);

static pthread_mutex_t	 finish_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t	 init_control = PTHREAD_ONCE_INIT;
static pthread_once_t	 chars_control = PTHREAD_ONCE_INIT;
static int		 shared_chars;	/* the override works: no lock */
static atomic_int	 override_called;

static cmark_parser	*raw_parser(int);

/* Adds our extensions' characters to cmark-gfm's table, once. */
static void
add_chars(void)
{
	manage_fn	*real;
	cmark_parser	*p;

	*(void **)&real = dlsym(RTLD_NEXT,
	    "cmark_manage_extensions_special_characters");
	if (real == NULL)
		return;
	p = raw_parser(0);
	real(p, 1);
	cmark_parser_free(p);
}

/* Takes the place of cmark-gfm's own function (see above): the first
 * call adds the characters, removing them does nothing. */
void
cmark_manage_extensions_special_characters(cmark_parser *parser, int add)
{
	(void)parser;
	(void)add;
	atomic_store(&override_called, 1);
	pthread_once(&chars_control, add_chars);
}

/* Did cmark-gfm call the override, and does a strikethrough parse as
 * one with the characters it set? */
static int
override_works(void)
{
	cmark_parser	*p = raw_parser(0);
	cmark_node	*doc, *para, *k;
	int		 ok;

	cmark_parser_feed(p, "~~x~~\n", 6);
	doc = cmark_parser_finish(p);
	para = cmark_node_first_child(doc);
	k = para ? cmark_node_first_child(para) : NULL;
	ok = atomic_load(&override_called) && k &&
	    !strcmp(cmark_node_get_type_string(k), "strikethrough");
	cmark_node_free(doc);
	cmark_parser_free(p);
	return ok;
}

static void
init_once(void)
{
	cmark_gfm_core_extensions_ensure_registered();
	shared_chars = override_works();
}

static cmark_node *
finish(cmark_parser *p)
{
	cmark_node	*doc;

	if (shared_chars)
		return cmark_parser_finish(p);
	pthread_mutex_lock(&finish_lock);
	doc = cmark_parser_finish(p);
	pthread_mutex_unlock(&finish_lock);
	return doc;
}

/* A parser with sitegen's extensions (the registry must be built). */
static cmark_parser *
raw_parser(int opts)
{
	cmark_parser	*p;
	int		 i;

	p = cmark_parser_new(opts);
	for (i = 0; extension_names[i]; i++)
		cmark_parser_attach_syntax_extension(p,
		    cmark_find_syntax_extension(extension_names[i]));
	return p;
}

static cmark_parser *
new_parser(int opts)
{
	pthread_once(&init_control, init_once);
	return raw_parser(opts);
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

/* Replaces a heading by a custom block holding its HTML with the id and
 * a link to itself (cmark cannot put attributes on a heading). */
static void
heading(struct walk *w, cmark_node *h, int opts)
{
	struct sg_buf		 tag = { 0 };
	struct sg_heading	*hd = &w->md->headings[w->nhead++];
	cmark_node		*cb;
	char			*id = hd->id, *html, *close;
	int			 level = cmark_node_get_heading_level(h);

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

/* A fenced c block becomes a sample: it is noted with the output block
 * right after it (which goes: the page shows the real output) and left
 * as a placeholder that samples.c fills. */
static void
sample(struct walk *w, cmark_node *n)
{
	cmark_node		*next = cmark_node_next(n), *ph;
	char			*lang, tag[64];

	if (next && cmark_node_get_type(next) == CMARK_NODE_CODE_BLOCK &&
	    fenced(next)) {
		lang = info_lang(next);
		if (!strcmp(lang, "output"))
			cmark_node_free(next);
		free(lang);
	}
	ph = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK);
	snprintf(tag, sizeof(tag), SG_SAMPLE_MARK "%zu\"></sg-sample>\n",
	    w->nsample++);
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
	char		*skip;
	size_t		 ntables = 0;
	size_t		 ntodo = 0, cap = 0, i;

	first = cmark_node_first_child(doc);
	if (first && cmark_node_get_type(first) == CMARK_NODE_HEADING &&
	    cmark_node_get_heading_level(first) == 1)
		cmark_node_free(first);
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
		case CMARK_NODE_LINK:
			if (w->linkpos < w->nlinks)
				cmark_node_set_url(n,
				    w->links[w->linkpos++]->u.link.url);
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
		if (cmark_node_get_type(todo[i]) == CMARK_NODE_HEADING)
			heading(w, todo[i], options(w->site));
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

/* The tree's links and images in document order, for the HTML of
 * cmark-gfm's tree. */
static void
tree_links(struct walk *w, const struct sg_doc *doc)
{
	struct sg_walk		 it;
	const struct sg_node	*n;
	int			 entering;
	size_t			 cap = 0;

	sg_walk_init(&it, sg_doc_root(doc));
	while (sg_walk_next(&it, &n, &entering)) {
		if (!entering || (n->kind != SG_NODE_LINK &&
		    n->kind != SG_NODE_IMAGE))
			continue;
		if (w->nlinks == cap) {
			cap = cap ? cap * 2 : 16;
			w->links = xrealloc(w->links, cap * sizeof(*w->links));
		}
		w->links[w->nlinks++] = n;
	}
}

/* Parses a page's Markdown (after expanding includes) into page->md: its
 * document tree (md->doc), the HTML, headings with unique ids, links to
 * check, the title found in a leading '# heading', the summary and the
 * word count. Reports problems at the author's lines. Safe to call for
 * different pages from several threads. Returns 0, or -1 if it reported
 * an error. */
int
sg_md_parse(const struct sg_site *site, struct sg_page *page)
{
	struct md_conv	 c;
	struct walk	 w;
	struct sg_md	*md = &page->md;
	cmark_parser	*p;
	cmark_node	*doc;
	char		*text, *html;
	size_t		 len;
	int		*lines, nlines, opts = options(site), rc;

	rc = sg_include_expand(site, page, &text, &len, &lines, &nlines);
	p = new_parser(opts);
	cmark_parser_feed(p, text, len);
	doc = finish(p);
	memset(&c, 0, sizeof(c));
	c.site = site;
	c.page = page;
	c.md = md;
	c.doc = md->doc = sg_doc_new();
	c.lines = lines;
	c.nlines = nlines;
	c.file = page->src;
	c.dir = sg_path_dir(page->rel);
	md_tree_build(&c, doc);
	sg_sort(md->ids, md->nids, sizeof(*md->ids), cmp_str);
	memset(&w, 0, sizeof(w));
	w.site = site;
	w.page = page;
	w.md = md;
	tree_links(&w, md->doc);
	walk_tree(&w, doc);
	html = render(p, doc, opts);
	md->html = finish_html(html);
	free(html);
	cmark_node_free(doc);
	cmark_parser_free(p);
	free(w.links);
	free(c.dir);
	free(c.refs);
	sg_hl_tokens_free(&c.toks);
	free(text);
	free(lines);
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
	sg_doc_free(md->doc);
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
