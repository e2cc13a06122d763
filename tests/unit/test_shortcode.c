/* test_shortcode.c: shortcode calls in a page, as the document tree holds
 * them: a call alone on its line is a block, one in a paragraph inline;
 * a paired call holds what its tags enclose; arguments of every kind;
 * the author's lines and columns kept for what follows; no call in code;
 * a tree made again points at the same records; the text of a call; a
 * NUL byte in a call. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "sitefile.h"
#include "doc/shortcode.h"
#include "doc/tree.h"
#include "site.h"
#include "rmtree.h"
#include "util.h"

static char		 root[] = "/tmp/sg-test-shortcode-XXXXXX";
static struct sg_options opt;
static struct sg_site	*site;

static const char page[] =
    "---\n"						/* 1 */
    "title: P\n"					/* 2 */
    "---\n"						/* 3 */
    "{{< fig src=\"a \\\"b\\\".png\" w=640 `raw x` />}}\n" /* 4 */
    "Text {{< b >}}bold{{< /b >}} and `{{< no >}}`.\n"	/* 5 */
    "\n"						/* 6 */
    "  {{< box kind=note >}}\n"				/* 7 */
    "Inner [link](q.md).\n"				/* 8 */
    "\n"						/* 9 */
    "- item\n"						/* 10 */
    "{{< /box >}}\n"					/* 11 */
    "After [q](q.md) {{< x >}}\n";			/* 12 */

static struct sg_page *p;

static void
test_records(void)
{
	struct sg_shortcode	*sc;

	CHECK(sg_site_load(site) == 0);
	p = sg_content_find(site, "p.md");
	CHECK(p != NULL && p->md.nshortcodes == 4);
	if (p == NULL || p->md.nshortcodes != 4)
		return;
	sc = p->md.shortcodes[0];
	CHECK_STR(sc->name, "fig");
	CHECK(sc->loc.line == 4 && sc->loc.col == 1);
	CHECK(sc->selfclosed && !sc->closed && sc->block && sc->nargs == 3);
	CHECK_STR(sc->args[0].key, "src");
	CHECK_STR(sc->args[0].value, "a \"b\".png");
	CHECK_STR(sc->args[1].key, "w");
	CHECK_STR(sc->args[1].value, "640");
	CHECK(sc->args[2].key == NULL);
	CHECK_STR(sc->args[2].value, "raw x");
	sc = p->md.shortcodes[1];
	CHECK_STR(sc->name, "b");
	CHECK(sc->loc.line == 5 && sc->loc.col == 6 && sc->closed);
	CHECK_STR(sc->inner, "bold");
	CHECK(!sc->block);
	sc = p->md.shortcodes[2];
	CHECK_STR(sc->name, "box");
	CHECK(sc->loc.line == 7 && sc->loc.col == 3 && sc->closed);
	CHECK(sc->close_loc.line == 11);
	CHECK_STR(sc->inner, "Inner [link](q.md).\n\n- item\n");
	CHECK(sc->block);
	CHECK_STR(p->md.shortcodes[3]->name, "x");
	CHECK(p->md.shortcodes[3]->loc.line == 12);
	/* the link after the calls keeps its line */
	CHECK(p->md.nlinks == 0);
	CHECK_STR(p->md.summary, "Text bold and {{< no >}}.");
}

static void
test_tree(void)
{
	const struct sg_node	*r, *n, *box;

	sg_md_drop_tree(&p->md);
	CHECK(sg_md_tree(site, p) == 0 && p->md.doc != NULL);
	r = sg_doc_root(p->md.doc);
	/* alone on its line, though no blank line parts it from line 5 */
	n = r->first;
	CHECK(n && n->kind == SG_NODE_SHORTCODE_BLOCK && n->first == NULL &&
	    n->u.shortcode.sc == p->md.shortcodes[0] && n->line == 4);
	CHECK(n && n->next && n->next->kind == SG_NODE_PARAGRAPH &&
	    n->next->line == 5);
	n = sitefile_find(r, SG_NODE_SHORTCODE, 0);
	CHECK(n && n->u.shortcode.sc == p->md.shortcodes[1]);
	CHECK(n && n->first && n->first->kind == SG_NODE_TEXT &&
	    n->first->len == 4 && !strncmp(n->first->text, "bold", 4));
	CHECK(sitefile_find(r, SG_NODE_CODE, 0) != NULL);
	CHECK_STR(sitefile_find(r, SG_NODE_CODE, 0)->text, "{{< no >}}");
	box = sitefile_find(r, SG_NODE_SHORTCODE_BLOCK, 1);
	CHECK(box && box->parent == r && box->line == 7 && box->col == 3);
	CHECK(box && box->first && box->first->kind == SG_NODE_PARAGRAPH &&
	    box->first->line == 8);
	CHECK(box && box->last && box->last->kind == SG_NODE_LIST &&
	    box->last->line == 10);
	n = sitefile_find(r, SG_NODE_LINK, 1);
	CHECK(n && n->line == 12 && n->col == 7 && n->parent->parent == r);
	n = sitefile_find(r, SG_NODE_SHORTCODE, 1);
	CHECK(n && n->u.shortcode.sc == p->md.shortcodes[3] &&
	    n->line == 12 && n->col == 17);
	CHECK(sitefile_find(r, SG_NODE_SHORTCODE_BLOCK, 2) == NULL);
	CHECK(sitefile_find(r, SG_NODE_SHORTCODE, 2) == NULL);
}

static void
test_text(void)
{
	struct sg_shortcode	 sc;
	struct sg_buf		 b = { 0 };
	char			 s[] = "a\xee\x80\x80" "12\xee\x80\x81" "b"
				    "\xee\x80\x80" "3\xee\x80\x82";

	memset(&sc, 0, sizeof(sc));
	sc.html = (char *)(uintptr_t)"<figure>\n<img src=\"x\">\n"
	    "<figcaption>Tom &amp; Jerry&#39;s</figcaption></figure>\n";
	sg_buf_put(&b, "", 0);
	sg_sc_text(&sc, &b);
	CHECK_STR(b.data, "Tom & Jerry's");
	sg_buf_free(&b);
	sg_sc_strip(s);
	CHECK_STR(s, "ab");
}

/* A NUL byte after a call's name, in a page parsed as it is (the loader
 * refuses such files, a fuzzer's page is not loaded): strchr once took it
 * for a space, and the arguments grew by empty values for ever. */
static void
test_nul(void)
{
	static const char	 t[] = "{{<2\0.{\n";
	struct sg_page		 pg;
	size_t			 errors = sg_diag_errors(site->diag);

	memset(&pg, 0, sizeof(pg));
	pg.src = (char *)(uintptr_t)"content/nul.md";
	pg.rel = (char *)(uintptr_t)"nul.md";
	pg.url = (char *)(uintptr_t)"/nul/";
	pg.text = xmalloc(sizeof(t));
	memcpy(pg.text, t, sizeof(t));
	pg.len = sizeof(t) - 1;
	pg.body_line = 1;
	(void)sg_md_parse(site, &pg);
	CHECK((size_t)sg_diag_errors(site->diag) > errors);
	CHECK(pg.md.nshortcodes == 0);
	sg_md_free(&pg.md);
	free(pg.text);
}

int
main(void)
{
	if (mkdtemp(root) == NULL)
		abort();
	sitefile_put(root, "site.yml", "title: T\ntheme: \"\"\n");
	sitefile_put(root, "content/_index.md", "# Home\n");
	sitefile_put(root, "content/q.md", "# Q\n");
	sitefile_put(root, "content/p.md", page);
	opt.root = root;
	opt.jobs = 2;
	opt.quiet = 1;
	site = sg_site_new(&opt);
	TEST(test_records);
	if (p)
		TEST(test_tree);
	TEST(test_text);
	TEST(test_nul);
	sg_site_free(site);
	if (sg_rm_tree(root) != 0)
		harness_failed++;
	HARNESS_EXIT();
}
