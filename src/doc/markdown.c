/* markdown.c: the only user of cmark-gfm's parser. Parses a page with the
 * GFM extensions (includes expanded first, include.c, with a map back to
 * the author's lines) and hands cmark-gfm's tree to md_tree.c, which
 * builds the page's document tree; the HTML is rendered from that tree
 * by html.c. Also the anchor check over all pages. */
#include <dlfcn.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "out/html.h"
#include "doc/include.h"
#include "doc/md_int.h"
#include "doc/pack.h"
#include "doc/shortcode.h"
#include "path.h"
#include "samples/samples.h"
#include "site.h"

static const char *const extension_names[] = {
	"table", "strikethrough", "autolink", "tagfilter", "tasklist", NULL
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
 * Threads or processes, by measurement (1,000 benchmark pages, 2 cores):
 * cmark_parser_finish, the inline pass, is 22% of the Markdown stage's
 * time (perf), so one lock around it caps --jobs 2 at 1.64x (Amdahl);
 * with the override nothing is serialised. Processes have their own
 * table, but must send every page's tree back through a pipe (before
 * the tree, the HTML and the records went that way: encoded, copied
 * twice, decoded) and cannot run inside a threaded server. The
 * override keeps the parse in one process. Wall time of the stage, minimum
 * of 13 rounds on a machine shared with other work (load 10 to 20, so
 * medians scatter by 3x): processes 170 ms at --jobs 1, 124 ms at 2;
 * threads with the lock 222 and 98 ms; threads with the override 129
 * and 130 ms. The numbers do not separate them beyond that noise; the
 * structure does: threads with the override.
 */
typedef void	 manage_fn(cmark_parser *, int);

void		 cmark_manage_extensions_special_characters(cmark_parser *,
		    int);

static pthread_mutex_t	 finish_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t	 init_control = PTHREAD_ONCE_INIT;
static pthread_once_t	 chars_control = PTHREAD_ONCE_INIT;
static int		 shared_chars;	/* the override works: no lock */
static atomic_int	 override_called;

static cmark_parser	*raw_parser(int, cmark_mem *);

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
	p = raw_parser(0, cmark_get_default_mem_allocator());
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
	cmark_parser	*p = raw_parser(0, cmark_get_default_mem_allocator());
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

/* A parser with sitegen's extensions (the registry must be built) whose
 * nodes come from mem. */
static cmark_parser *
raw_parser(int opts, cmark_mem *mem)
{
	cmark_parser	*p;
	int		 i;

	p = cmark_parser_new_with_mem(opts, mem);
	for (i = 0; extension_names[i]; i++)
		cmark_parser_attach_syntax_extension(p,
		    cmark_find_syntax_extension(extension_names[i]));
	return p;
}

/* A parser for a page, on mem (md_mem.c). */
static cmark_parser *
new_parser(int opts, cmark_mem *mem)
{
	pthread_once(&init_control, init_once);
	return raw_parser(opts, mem);
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

/* Parses text[0..len) into conv->doc (made here) and conv->md's records;
 * conv's other fields are set by the caller. */
static void
parse(struct md_conv *conv, const char *text, size_t len, int opts)
{
	struct md_mem_mark	 mark;
	cmark_parser		*p;
	cmark_node		*doc;

	/* cmark-gfm's check of each line for UTF-8 (CMARK_OPT_VALIDATE_UTF8,
	 * which puts U+FFFD for what is not) goes a byte at a time, 2% of a
	 * build; it is asked for only when the text needs it */
	if (sg_utf8_valid(text, len))
		opts &= ~CMARK_OPT_VALIDATE_UTF8;
	p = new_parser(opts, md_mem_begin(&mark));
	cmark_parser_feed(p, text, len);
	doc = finish(p);
	conv->doc = conv->md->doc = sg_doc_new();
	md_tree_build(conv, doc);
	md_sc_tree(conv);
	/* no cmark_node_free(doc): every node and string of cmark-gfm's
	 * tree, an extension's data too, came from mem and goes with it
	 * at md_mem_end (the walk that freed them one by one was 31 M
	 * instructions at 2,000 pages) */
	cmark_parser_free(p);
	md_mem_end(&mark);
	free(conv->refs);
	sg_hl_tokens_free(&conv->toks);
}

/* Markdown text for the template helper markdown(): parsed and rendered
 * as a page is (heading ids, highlighting, links from the root of
 * content/), reporting nothing. site may be NULL (no link rewriting, no
 * raw HTML). The caller frees the result. */
char *
sg_md_to_html(const struct sg_site *site, const char *text, size_t len)
{
	struct md_conv	 c;
	struct sg_md	 md;
	char		*html;

	memset(&c, 0, sizeof(c));
	memset(&md, 0, sizeof(md));
	c.site = site;
	c.md = &md;
	c.quiet = 1;
	c.file = "(markdown)";
	c.dir = xstrdup("");
	parse(&c, text, len, options(site));
	sg_md_render(site, &md);
	html = md.html;
	md.html = NULL;
	sg_md_free(&md);
	free(c.dir);
	return html;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sets up c to make page's tree into md from the expanded text[0..len)
 * whose lines map to the author's by lines[0..nlines): the shortcode
 * calls are taken out of the text first, which updates all four. */
static void
conv_start(struct md_conv *c, const struct sg_site *site,
    struct sg_page *page, struct sg_md *md, char **text, size_t *len,
    int **lines, int *nlines)
{
	memset(c, 0, sizeof(*c));
	c->site = site;
	c->page = page;
	c->md = md;
	c->lines = *lines;
	c->nlines = *nlines;
	c->file = page->src;
	c->dir = sg_path_dir(page->rel);
	md_sc_extract(c, text, len, lines, nlines);
	c->lines = *lines;
	c->nlines = *nlines;
}

/* Parses a page's Markdown (after expanding includes) into page->md: its
 * document tree (md->doc), headings with unique ids, links to check, the
 * samples, the title found in a leading '# heading', the summary and the
 * word count. Reports problems at the author's lines. Safe to call for
 * different pages from several threads. Returns 0, or -1 if it reported
 * an error. */
int
sg_md_parse(const struct sg_site *site, struct sg_page *page)
{
	struct md_conv	 c;
	struct sg_md	*md = &page->md;
	char		*text;
	size_t		 len;
	int		*lines, nlines, rc;

	rc = sg_include_expand(site, page, &text, &len, &lines, &nlines);
	conv_start(&c, site, page, md, &text, &len, &lines, &nlines);
	parse(&c, text, len, options(site));
	sg_sort(md->ids, md->nids, sizeof(*md->ids), cmp_str);
	free(c.dir);
	free(text);
	free(lines);
	return rc;
}

/* Makes page->md.doc again (see site.h), silently: what it would report
 * was reported when the page was first parsed. */
int
sg_md_tree(const struct sg_site *site, struct sg_page *page)
{
	struct md_conv	 c;
	struct sg_site	 quiet = *site;
	struct sg_md	 scratch;
	char		*text;
	size_t		 len;
	int		*lines, nlines;

	if (page->md.doc)
		return 0;
	if (page->md.packed &&
	    (page->md.doc = sg_doc_unpack(page->md.packed,
	    page->md.npacked)) != NULL)
		return 0;
	if (page->text == NULL || page->skipped)
		return -1;
	quiet.diag = sg_diag_new(stderr, 0);
	memset(&scratch, 0, sizeof(scratch));
	sg_include_expand(&quiet, page, &text, &len, &lines, &nlines);
	conv_start(&c, &quiet, page, &scratch, &text, &len, &lines, &nlines);
	c.from = &page->md;
	parse(&c, text, len, options(site));
	page->md.doc = scratch.doc;
	scratch.doc = NULL;
	sg_md_free(&scratch);
	sg_diag_free(quiet.diag);
	free(c.dir);
	free(text);
	free(lines);
	return 0;
}

/* Renders md->doc to HTML into md->html (replacing it), with the site's
 * options; a page without a tree gets "". */
void
sg_md_render(const struct sg_site *site, struct sg_md *md)
{
	struct sg_buf	 b = { 0 };

	free(md->html);
	sg_buf_put(&b, "", 0);
	if (md->doc)
		sg_html_render(sg_doc_root(md->doc), site &&
		    site->config.unsafe ? SG_HTML_UNSAFE : 0, site ?
		    site->config.i18n : NULL, &b);
	md->html = sg_buf_detach(&b);
}

/* Frees md->doc, the tree, once no output needs it any more; the other
 * records (md->html and md->packed too) stay. */
void
sg_md_drop_tree(struct sg_md *md)
{
	sg_doc_free(md->doc);
	md->doc = NULL;
}

void
sg_md_free(struct sg_md *md)
{
	size_t	 i;

	free(md->html);
	/* a heading's id is one of md->ids */
	for (i = 0; i < md->nheadings; i++)
		free(md->headings[i].title);
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
	for (i = 0; i < md->nshortcodes; i++)
		sg_sc_free(md->shortcodes[i]);
	free(md->shortcodes);
	for (i = 0; i < md->nuses; i++)
		free(md->uses[i]);
	free(md->uses);
	free(md->h1);
	free(md->summary);
	sg_doc_free(md->doc);
	free(md->packed);
	memset(md, 0, sizeof(*md));
}

static int
has_anchor(const struct sg_page *p, const char *id)
{
	return p->md.nids > 0 && bsearch(&id, p->md.ids, p->md.nids,
	    sizeof(*p->md.ids), cmp_str) != NULL;
}

int
sg_md_check_links(struct sg_site *site)
{
	const struct sg_link	*l;
	size_t			 i, k;
	int			 bad = 0, warned = 0;

	for (i = 0; i < site->npages; i++)
		for (k = 0; k < site->pages[i]->md.nlinks; k++) {
			l = &site->pages[i]->md.links[k];
			if (l->target == NULL) {
				warned++;
				continue;
			}
			if (has_anchor(l->target, l->anchor))
				continue;
			bad++;
			if (!site->config.links_warn) {
				sg_diag_error(site->diag, &l->loc, "link to a "
				    "missing anchor '#%s': %s has no heading "
				    "or HTML anchor with that id", l->anchor,
				    l->target->src);
				continue;
			}
			sg_diag_warn(site->diag, &l->loc, "link to a missing "
			    "anchor '#%s': %s has no heading or HTML anchor "
			    "with that id", l->anchor, l->target->src);
			warned++;
		}
	if (warned > 0) {
		sg_diag_flush(site->diag);
		sg_diag_note(site->diag, "sitegen: %d broken internal link%s "
		    "reported as warning%s (links.internal: warn in site.yml)",
		    warned, warned == 1 ? "" : "s", warned == 1 ? "" : "s");
	}
	return bad;
}
