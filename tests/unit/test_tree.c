/* test_tree.c: pages of a small site parsed into document trees (tree.h),
 * checked node by node: kinds, locations in the author's file (through
 * front matter and includes), heading ids, links resolved to pages and
 * anchors, code tokens, samples with the results of the samples stage,
 * the HTML rendered from the tree, and trees packed and made again
 * (trees of every kind made by hand: test_pack.c). */
#include <stdlib.h>
#include <unistd.h>

#include "harness.h"
#include "sitefile.h"
#include "samples/samples.h"
#include "site.h"
#include "doc/pack.h"
#include "doc/shortcode.h"
#include "doc/tree.h"
#include "out/html.h"
#include "rmtree.h"
#include "tree_same.h"
#include "util.h"

static char		 root[] = "/tmp/sg-test-tree-XXXXXX";
static struct sg_options opt;
static struct sg_site	*site;

static const char page_a[] =
    "---\n"					/* 1 */
    "title: A\n"				/* 2 */
    "---\n"					/* 3 */
    "# The title\n"				/* 4 */
    "\n"					/* 5 */
    "Some *text* with [b](b.md#install), [here](#setup),\n" /* 6 */
    "[out](https://example.org/) and [img](../logo.png).[^n]\n" /* 7 */
    "\n"					/* 8 */
    "## Setup\n"				/* 9 */
    "\n"					/* 10 */
    "## Setup\n"				/* 11 */
    "\n"					/* 12 */
    "- [ ] todo\n"				/* 13 */
    "- [x] done\n"				/* 14 */
    "\n"					/* 15 */
    "| a | b |\n"				/* 16 */
    "|:--|--:|\n"				/* 17 */
    "| 1 | ~~2~~ |\n"				/* 18 */
    "\n"					/* 19 */
    "> [!WARNING]\n"				/* 20 */
    "> Careful.\n"				/* 21 */
    "\n"					/* 22 */
    "```sh\n"					/* 23 */
    "echo hi\n"					/* 24 */
    "```\n"					/* 25 */
    "\n"					/* 26 */
    "{{#include part.txt}}\n"			/* 27 */
    "\n"					/* 28 */
    "[^n]: A note.\n";				/* 29 */

static const char page_s[] =
    "# Samples\n"				/* 1 */
    "\n"					/* 2 */
    "```c\n"					/* 3 */
    "@ #include <stdio.h>\n"			/* 4 */
    "int main(void) { puts(\"hi\"); return 0; }\n" /* 5 */
    "```\n"					/* 6 */
    "\n"					/* 7 */
    "```output\n"				/* 8 */
    "hi\n"					/* 9 */
    "```\n"					/* 10 */
    "\n"					/* 11 */
    "```c compile_fail\n"			/* 12 */
    "int f(void) { return x; }\n"		/* 13 */
    "```\n";					/* 14 */

static void
setup(void)
{
	if (mkdtemp(root) == NULL)
		abort();
	sitefile_put(root, "site.yml",
	    "title: T\nbase_url: https://example.org/docs/\n"
	    "theme: \"\"\n");
	sitefile_put(root, "content/_index.md", "---\ntitle: Home\n---\nHome.\n");
	sitefile_put(root, "content/logo.png", "png");
	sitefile_put(root, "content/guide/a.md", page_a);
	sitefile_put(root, "content/guide/part.txt",
	    "Included *line*.\nSecond *one*.\n");
	sitefile_put(root, "content/guide/b.md", "# B\n\n## Install\n\nText.\n");
	sitefile_put(root, "content/s.md", page_s);
	opt.root = root;
	opt.jobs = 2;
	opt.quiet = 1;
	site = sg_site_new(&opt);
}

static const struct sg_node *
root_of(const char *rel)
{
	struct sg_page	*p = sg_content_find(site, rel);

	if (p == NULL || sg_md_tree(site, p) != 0 || p->md.doc == NULL)
		return NULL;
	return sg_doc_root(p->md.doc);
}

/* The n-th child (0-based) of node, or NULL. */
static const struct sg_node *
child(const struct sg_node *node, int n)
{
	const struct sg_node	*c = node ? node->first : NULL;

	while (c && n-- > 0)
		c = c->next;
	return c;
}

/* The first node of kind under node, in document order, or NULL. */
static void
test_load(void)
{
	struct sg_md	*md;

	CHECK(sg_site_load(site) == 0);
	/* the Markdown stage keeps the records, and each tree packed */
	md = &sg_content_find(site, "guide/a.md")->md;
	CHECK(md->doc == NULL && md->packed != NULL && md->npacked > 0);
	CHECK(md->nheadings == 2);
	/* made again from the packed bytes, and dropped again */
	CHECK(root_of("guide/a.md") != NULL && md->doc != NULL);
	sg_md_drop_tree(md);
	CHECK(md->doc == NULL && md->packed != NULL);
	CHECK(root_of("guide/a.md") != NULL);
	CHECK(root_of("s.md") != NULL);
}

static void
test_kinds_and_locations(void)
{
	const struct sg_node	*r = root_of("guide/a.md"), *n;
	static const enum sg_node_kind want[] = {
		SG_NODE_PARAGRAPH, SG_NODE_HEADING, SG_NODE_HEADING,
		SG_NODE_LIST, SG_NODE_TABLE, SG_NODE_ALERT, SG_NODE_CODE_BLOCK,
		SG_NODE_PARAGRAPH, SG_NODE_FOOTNOTE_DEF
	};
	static const int lines[] = { 6, 9, 11, 13, 16, 20, 23, 27, 29 };
	size_t			 i;

	if (r == NULL)
		return;
	/* the leading '# The title' is the page's title, not in the body */
	CHECK_STR(sg_content_find(site, "guide/a.md")->md.h1, "The title");
	for (i = 0, n = r->first; i < sizeof(want) / sizeof(*want); i++,
	    n = n ? n->next : NULL) {
		CHECK(n != NULL && n->kind == want[i]);
		CHECK(n != NULL && n->line == lines[i]);
	}
	CHECK(n == NULL);
	n = child(r, 0);
	CHECK(child(n, 0)->kind == SG_NODE_TEXT);
	CHECK(child(n, 0)->line == 6 && child(n, 0)->col == 1);
	CHECK(child(n, 1)->kind == SG_NODE_EMPH);
	CHECK(child(n, 1)->col == 6);
	/* included text: the directive's line; past the first included
	 * line, column 1 */
	n = child(r, 7);
	CHECK(child(n, 1)->kind == SG_NODE_EMPH && child(n, 1)->line == 27);
	CHECK(child(n, 5)->kind == SG_NODE_EMPH && child(n, 5)->line == 27);
	CHECK(child(n, 5)->col == 1);
}

static void
test_headings(void)
{
	const struct sg_node	*r = root_of("guide/a.md");
	const struct sg_page	*p = sg_content_find(site, "guide/a.md");

	if (r == NULL)
		return;
	CHECK(child(r, 1)->u.heading.level == 2);
	CHECK_STR(child(r, 1)->u.heading.id, "setup");
	CHECK_STR(child(r, 2)->u.heading.id, "setup-1");
	CHECK(p->md.nheadings == 2);
	CHECK_STR(p->md.headings[1].id, "setup-1");
	CHECK_STR(p->md.headings[1].title, "Setup");
}

static void
test_links(void)
{
	const struct sg_node	*r = root_of("guide/a.md"), *l;

	if (r == NULL)
		return;
	l = sitefile_find(r, SG_NODE_LINK, 0);
	CHECK(l->u.link.kind == SG_LINK_PAGE);
	CHECK(l->u.link.page == sg_content_find(site, "guide/b.md"));
	CHECK_STR(l->u.link.anchor, "install");
	CHECK_STR(l->u.link.url, "/docs/guide/b/#install");
	CHECK(l->first && l->first->kind == SG_NODE_TEXT &&
	    l->first->len == 1 && l->first->text[0] == 'b');
	l = sitefile_find(r, SG_NODE_LINK, 1);
	CHECK(l->u.link.kind == SG_LINK_ANCHOR);
	CHECK(l->u.link.page == sg_content_find(site, "guide/a.md"));
	CHECK_STR(l->u.link.anchor, "setup");
	l = sitefile_find(r, SG_NODE_LINK, 2);
	CHECK(l->u.link.kind == SG_LINK_EXTERNAL);
	CHECK_STR(l->u.link.url, "https://example.org/");
	l = sitefile_find(r, SG_NODE_LINK, 3);
	CHECK(l->u.link.kind == SG_LINK_FILE);
	CHECK_STR(l->u.link.url, "/docs/logo.png");
	l = sitefile_find(r, SG_NODE_FOOTNOTE_REF, 0);
	CHECK(l && l->u.footnote.index == 1 && l->u.footnote.ref == 1);
	CHECK_STR(l ? l->u.footnote.label : NULL, "n");
	l = sitefile_find(r, SG_NODE_FOOTNOTE_DEF, 0);
	CHECK(l && l->u.footnote.index == 1 && l->u.footnote.ref == 1);
}

static void
test_blocks(void)
{
	const struct sg_node	*r = root_of("guide/a.md"), *n, *c;
	size_t			 i, covered = 0;

	if (r == NULL)
		return;
	n = child(r, 3);
	CHECK(n->u.list.tight && !n->u.list.ordered);
	CHECK(child(n, 0)->u.item.task && !child(n, 0)->u.item.checked);
	CHECK(child(n, 1)->u.item.task && child(n, 1)->u.item.checked);
	n = child(r, 4);
	CHECK(n->u.table.ncols == 2);
	CHECK(n->u.table.align[0] == SG_ALIGN_LEFT);
	CHECK(n->u.table.align[1] == SG_ALIGN_RIGHT);
	CHECK(child(n, 0)->u.row.header && !child(n, 1)->u.row.header);
	c = child(child(n, 1), 1);
	CHECK(c->kind == SG_NODE_TABLE_CELL && c->u.cell.align ==
	    SG_ALIGN_RIGHT);
	CHECK(child(c, 0)->kind == SG_NODE_STRIKE);
	n = child(r, 5);
	CHECK(n->u.alert.kind == SG_ALERT_WARNING);
	/* the marker is gone: the alert holds "Careful." only */
	CHECK(child(n, 0)->kind == SG_NODE_PARAGRAPH);
	CHECK(child(child(n, 0), 0)->len == 8);
	n = child(r, 6);
	CHECK_STR(n->u.code.lang, "bash");
	CHECK_STR(n->u.code.info, "sh");
	CHECK(n->len == 8 && !strncmp(n->text, "echo hi\n", 8));
	CHECK(n->u.code.ntokens > 0);
	for (i = 0; i < n->u.code.ntokens; i++) {
		CHECK(n->u.code.tokens[i].off == covered);
		covered += n->u.code.tokens[i].len;
	}
	CHECK(covered == n->len);
	CHECK(n->u.code.tokens[0].kind == SG_TOK_FUNCTION);
}

static void
test_samples(void)
{
	const struct sg_node	*r = root_of("s.md"), *n;
	struct sg_samples	 all = { NULL, 0 };
	struct sg_samples_opts	 so;
	const struct sg_sample	*s;

	if (r == NULL)
		return;
	n = child(r, 0);
	CHECK(n->kind == SG_NODE_SAMPLE && n->line == 3);
	/* the output block goes with the sample */
	CHECK(child(r, 1)->kind == SG_NODE_SAMPLE);
	CHECK(child(r, 2) == NULL);
	s = n->u.sample.sample;
	CHECK(s == sg_content_find(site, "s.md")->md.samples[0]);
	/* each fence line as written, the second found from the first */
	CHECK_STR(s->fence, "```c");
	CHECK_STR(sg_content_find(site, "s.md")->md.samples[1]->fence,
	    "```c compile_fail");
	CHECK_STR(s->expected, "hi\n");
	CHECK(s->out_line == 8);
	CHECK(s->shown == NULL);
	memset(&so, 0, sizeof(so));
	so.jobs = 1;
	sg_samples_collect(site, &all);
	CHECK(sg_samples_run(site, &all, &so) == 0);
	CHECK_STR(s->shown, "int main(void) { puts(\"hi\"); return 0; }\n");
	CHECK(s->shown_output && s->shown_output_len == 3 &&
	    !memcmp(s->shown_output, "hi\n", 3));
	CHECK(!s->output_is_diag);
	s = child(r, 1)->u.sample.sample;
	CHECK(s->output_is_diag && s->shown_output &&
	    strstr(s->shown_output, "error") != NULL);
	sg_samples_free(&all);
}

static void
test_html(void)
{
	struct sg_page	*p = sg_content_find(site, "guide/a.md");
	struct sg_page	*s = sg_content_find(site, "s.md");

	sg_md_render(site, &p->md);
	CHECK(strstr(p->md.html, "<h2 id=\"setup-1\">Setup <a class=\"anchor\" "
	    "href=\"#setup-1\"") != NULL);
	CHECK(strstr(p->md.html, "<a href=\"/docs/guide/b/#install\">b</a>") !=
	    NULL);
	CHECK(strstr(p->md.html, "<th align=\"left\">a</th>") != NULL);
	CHECK(strstr(p->md.html, "<div class=\"admonition warning\">") != NULL);
	CHECK(strstr(p->md.html, "<pre data-lang=\"bash\"><code class=\""
	    "language-bash\"><span class=\"tok-fn\">echo</span>") != NULL);
	CHECK(strstr(p->md.html, "<sup class=\"footnote-ref\"><a href=\"#fn-n\""
	    " id=\"fnref-n\" data-footnote-ref>1</a></sup>") != NULL);
	sg_md_render(site, &s->md);
	CHECK(strstr(s->md.html, "<pre class=\"sample-output\"><code>hi\n"
	    "</code></pre>") != NULL);
	CHECK(strstr(s->md.html, "sample-diagnostic") != NULL);
	CHECK(strstr(s->md.html, "@ #include") == NULL);
	/* the tree can go while the records stay, and come back the same,
	 * with the same samples */
	sg_md_drop_tree(&p->md);
	CHECK(p->md.doc == NULL && p->md.nheadings == 2);
	sg_md_drop_tree(&s->md);
	CHECK(root_of("s.md") && child(root_of("s.md"), 0)->u.sample.sample ==
	    s->md.samples[0]);
	CHECK(s->md.nsamples == 2);
}

/* A tree packed (doc/pack.h) comes back node for node, and a page whose
 * Markdown stage packed its tree renders the same HTML from it; packed in
 * a buffer that other trees, larger ones too, were packed in before, it
 * is the same bytes; a block cut short or damaged is refused, not read
 * past its end. */
static void
test_pack(void)
{
	static const char *const rels[] = { "guide/a.md", "s.md", "guide/b.md" };
	struct sg_page	*p;
	struct sg_doc	*back;
	struct sg_buf	 scratch = { 0 };
	unsigned char	*v, *w;
	char		*html;
	size_t		 i, len, wlen, cut;

	for (i = 0; i < sizeof(rels) / sizeof(*rels); i++)
		if (root_of(rels[i]) != NULL)
			free(sg_doc_pack(sg_content_find(site, rels[i])->md.doc,
			    &scratch, &len));
	for (i = 0; i < sizeof(rels) / sizeof(*rels); i++) {
		p = sg_content_find(site, rels[i]);
		CHECK(root_of(rels[i]) != NULL);
		if (root_of(rels[i]) == NULL)
			break;
		v = sg_doc_pack(p->md.doc, NULL, &len);
		w = sg_doc_pack(p->md.doc, &scratch, &wlen);
		CHECK(wlen == len && memcmp(w, v, len) == 0);
		free(w);
		back = sg_doc_unpack(v, len);
		CHECK(back != NULL);
		CHECK(back && same_tree(sg_doc_root(p->md.doc),
		    sg_doc_root(back)));
		sg_doc_free(back);
		for (cut = 0; cut < len; cut++)
			CHECK(sg_doc_unpack(v, cut) == NULL);
		/* one more byte past the root's end is not a tree either */
		v = xrealloc(v, len + 1);
		v[len] = 0;
		CHECK(sg_doc_unpack(v, len + 1) == NULL);
		/* the page's tree made from the packed one */
		sg_md_render(site, &p->md);
		html = xstrdup(p->md.html);
		sg_md_drop_tree(&p->md);
		free(p->md.packed);	/* the Markdown stage's */
		p->md.packed = v;
		p->md.npacked = len;
		CHECK(root_of(rels[i]) != NULL);
		sg_md_render(site, &p->md);
		CHECK_STR(p->md.html, html);
		free(html);
	}
	/* a kind that is none, and a document below the root */
	v = xmalloc(3);
	memcpy(v, "\x40\x01\x01", 3);
	CHECK(sg_doc_unpack(v, 3) == NULL);
	v[0] = SG_NODE_DOCUMENT;
	CHECK(sg_doc_unpack(v, 3) == NULL);	/* no text, no END */
	free(v);
	sg_buf_free(&scratch);
}

/* The marks of shortcodes leave headings' and summaries' text: none,
 * one first, one last, and a byte that only starts like one. */
static void
test_strip(void)
{
	static const struct {
		const char	*in, *out;
	} cases[] = {
		{ "", "" },
		{ "no mark at all", "no mark at all" },
		{ "\xee\x80\x80" "0\xee\x80\x81" "after", "after" },
		{ "before\xee\x80\x80" "12\xee\x80\x82", "before" },
		{ "a\xee\x80\x80" "1\xee\x80\x81" "b\xee\x80\x80" "1\xee\x80\x82"
		    "c", "abc" },
		{ "caf\xc3\xa9 \xee\x80\x80x \xee\x80", "caf\xc3\xa9 \xee\x80\x80x "
		    "\xee\x80" },
	};
	char	*s;
	size_t	 i;

	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		s = xstrdup(cases[i].in);
		sg_sc_strip(s);
		CHECK_STR(s, cases[i].out);
		free(s);
	}
}

/* A link's destination goes out with the bytes cmark-gfm's houdini
 * keeps as they are, "&" and "'" as entities and the others %XX; the
 * schemes cmark-gfm drops are dropped whatever their case, a data:
 * image is kept, and a link that only starts with one of their letters
 * is not touched. */
static void
test_hrefs(void)
{
	static const char	 keep[] = "!#$%()*+,-./:;=?@_~";
	static const struct {
		const char	*md, *html;
	} links[] = {
		{ "[a](JavaScript:alert(1))", "<a href=\"\">a</a>" },
		{ "[a](vbscript:x)", "<a href=\"\">a</a>" },
		{ "[a](FILE:///etc/passwd)", "<a href=\"\">a</a>" },
		{ "[a](data:text/html,x)", "<a href=\"\">a</a>" },
		{ "![a](data:image/png;base64,AA)", "<img loading=\"lazy\" "
		    "decoding=\"async\" src=\"data:image/png;base64,AA\" "
		    "alt=\"a\" />" },
		{ "[a](https://x.org/d?q=1&r='2'#f)", "<a href=\"https://x.org/"
		    "d?q=1&amp;r=&#x27;2&#x27;#f\">a</a>" },
		{ "[a](<ftp://x y/\xc3\xa9>)", "<a href=\"ftp://x%20y/%C3%A9\">"
		    "a</a>" },
		{ "[a](dir/javascript:x)", "<a href=\"dir/javascript:x\">"
		    "a</a>" },
	};
	struct sg_buf	 b = { 0 }, want = { 0 };
	char		 all[255], *html;
	int		 c;
	size_t		 i;

	for (c = 1; c < 256; c++) {
		all[c - 1] = (char)c;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || strchr(keep, c) != NULL)
			sg_buf_putc(&want, (char)c);
		else if (c == '&')
			sg_buf_puts(&want, "&amp;");
		else if (c == '\'')
			sg_buf_puts(&want, "&#x27;");
		else
			sg_buf_printf(&want, "%%%02X", c);
	}
	sg_buf_put(&b, "", 0);
	sg_html_put_href(&b, all, sizeof(all));
	CHECK_STR(b.data, want.data);
	sg_buf_free(&b);
	sg_buf_free(&want);
	for (i = 0; i < sizeof(links) / sizeof(*links); i++) {
		html = sg_md_to_html(site, links[i].md, strlen(links[i].md));
		if (strstr(html, links[i].html) == NULL)
			printf("  %s gave %s", links[i].md, html);
		CHECK(strstr(html, links[i].html) != NULL);
		free(html);
	}
}

/* Links in a row to the same page, to others and back, to a missing one
 * and to paths longer than md_link.c makes on the stack resolve as each
 * would alone (md_link.c keeps the last page found). */
static void
test_link_targets(void)
{
	static const struct {
		const char	*md, *html;
	} links[] = {
		{ "[1](guide/b.md)", "<a href=\"/docs/guide/b/\">1</a>" },
		{ "[2](guide/a.md#x)", "<a href=\"/docs/guide/a/#x\">2</a>" },
		{ "[3](guide/b.md#install)",
		    "<a href=\"/docs/guide/b/#install\">3</a>" },
		{ "[4](missing.md)", "<a href=\"missing.md\">4</a>" },
		{ "[5](guide/b.md)", "<a href=\"/docs/guide/b/\">5</a>" },
		{ "[6](guide/../guide/./b.md?q=1#y)",
		    "<a href=\"/docs/guide/b/#y\">6</a>" },
		{ "[7](guide%2Fb.md)", "<a href=\"/docs/guide/b/\">7</a>" },
		{ "[8](../b.md)", "<a href=\"../b.md\">8</a>" },
		{ "[9](logo.png?v=2#f)",
		    "<a href=\"/docs/logo.png?v=2#f\">9</a>" },
		{ "[10](/abs)", "<a href=\"/docs/abs\">10</a>" },
		{ "[11](//cdn.org/x)", "<a href=\"//cdn.org/x\">11</a>" },
		{ "[12](guide/b.md%00.md)",
		    "<a href=\"/docs/guide/b/\">12</a>" },
		{ "[13](guide/a.md)", "<a href=\"/docs/guide/a/\">13</a>" },
	};
	struct sg_buf	 b = { 0 }, want = { 0 };
	char		*html;
	size_t		 i;
	int		 k;

	for (i = 0; i < sizeof(links) / sizeof(*links); i++)
		sg_buf_printf(&b, "%s\n", links[i].md);
	/* past the stack: 600 bytes of "./" before the page's path */
	sg_buf_puts(&b, "[long](");
	for (k = 0; k < 300; k++)
		sg_buf_puts(&b, "./");
	sg_buf_puts(&b, "guide/b.md#install)\n");
	html = sg_md_to_html(site, b.data, b.len);
	for (i = 0; i < sizeof(links) / sizeof(*links); i++) {
		if (strstr(html, links[i].html) == NULL)
			printf("  %s: no %s in %s", links[i].md,
			    links[i].html, html);
		CHECK(strstr(html, links[i].html) != NULL);
	}
	CHECK(strstr(html, "<a href=\"/docs/guide/b/#install\">long</a>") !=
	    NULL);
	free(html);
	sg_buf_free(&b);
	sg_buf_free(&want);
}

/* The tree keeps cmark-gfm's nesting when a walk climbs many levels at
 * once (out of a quote in a list in a list to the next paragraph), when
 * a left-out node is the last of its parent (an alert's marker), and
 * with the extensions' kinds seen again (a second table and strike). */
static void
test_walk(void)
{
	static const char text[] =
	    "- a\n  - b\n    > c *d*\n\ne\n\n"
	    "> [!NOTE]\n\n"
	    "| x | y |\n|---|:-:|\n| ~~1~~ | 2 |\n\n"
	    "| z |\n|--:|\n| ~~3~~ |\n";
	static const char want[] =
	    "<ul>\n<li>a\n<ul>\n<li>b\n<blockquote>\n<p>c <em>d</em></p>\n"
	    "</blockquote>\n</li>\n</ul>\n</li>\n</ul>\n<p>e</p>\n"
	    "<div class=\"admonition note\">\n<p class=\"admonition-title\">"
	    "Note</p>\n</div>\n"
	    "<div class=\"table-scroll\">\n<table>\n<thead>\n<tr>\n<th>x</th>\n"
	    "<th align=\"center\">y</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n"
	    "<td><del>1</del></td>\n<td align=\"center\">2</td>\n</tr>\n"
	    "</tbody>\n</table>\n</div>\n"
	    "<div class=\"table-scroll\">\n<table>\n<thead>\n<tr>\n"
	    "<th align=\"right\">z</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n"
	    "<td align=\"right\"><del>3</del></td>\n</tr>\n</tbody>\n"
	    "</table>\n</div>\n";
	char	*html = sg_md_to_html(site, text, sizeof(text) - 1);

	CHECK_STR(html, want);
	free(html);
}

static void
test_markdown_helper(void)
{
	char	*html = sg_md_to_html(site, "# Hi\n\n[b](guide/b.md)\n", 22);

	CHECK(strstr(html, "<h1 id=\"hi\">Hi <a class=\"anchor\"") != NULL);
	CHECK(strstr(html, "<a href=\"/docs/guide/b/\">b</a>") != NULL);
	free(html);
}

/* Headings of one name take the first suffix no id of the page holds,
 * whether a heading or an anchor in raw HTML took the others, in document
 * order; the search for the next one starts past the last taken, which
 * must not skip a free one. */
static void
test_heading_ids(void)
{
	static const char text[] =
	    "## A\n\n<a id=\"a-2\"></a>\n\n## A\n\n## A\n\n## A\n\n"
	    "<a id=\"a-6\"></a>\n\n## A\n\n## A\n\n## A 1\n\n## A\n\n";
	static const char *const want[] = { "<h2 id=\"a\">",
	    "<a id=\"a-2\"></a>", "<h2 id=\"a-1\">", "<h2 id=\"a-3\">",
	    "<h2 id=\"a-4\">", "<a id=\"a-6\"></a>", "<h2 id=\"a-5\">",
	    "<h2 id=\"a-7\">", "<h2 id=\"a-1-1\">", "<h2 id=\"a-8\">" };
	char		*html = sg_md_to_html(site, text, sizeof(text) - 1);
	const char	*at = html;
	size_t		 i;

	for (i = 0; i < sizeof(want) / sizeof(*want) && at; i++) {
		if ((at = strstr(at, want[i])) == NULL)
			printf("  no %s in order in:\n%s\n", want[i], html);
		else
			at += strlen(want[i]);
	}
	CHECK(at != NULL);
	free(html);
}

/* Text that is not UTF-8 gets U+FFFD for each bad sequence, as
 * cmark-gfm's own check gives it, whether it is alone in the text or after
 * a run of ASCII; valid text comes through as it is (it is parsed without
 * that check). */
static void
test_invalid_utf8(void)
{
	static const char	 bad[] = "a\xff b\xed\xa0\x80 c\xc3";
	static const char	 good[] = "\xc3\xa9t\xc3\xa9 \xf0\x9f\x98\x80";
	struct sg_buf		 b = { 0 };
	char			*html;

	html = sg_md_to_html(site, bad, sizeof(bad) - 1);
	CHECK(strcmp(html, "<p>a\xef\xbf\xbd b\xef\xbf\xbd c\xef\xbf\xbd</p>\n")
	    == 0);
	free(html);
	sg_buf_puts(&b, "0123456789abcdef0123456789abcdef ");
	sg_buf_puts(&b, bad);
	html = sg_md_to_html(site, b.data, b.len);
	CHECK(strstr(html, "a\xef\xbf\xbd b\xef\xbf\xbd c\xef\xbf\xbd</p>") != NULL);
	free(html);
	html = sg_md_to_html(site, good, sizeof(good) - 1);
	CHECK(strcmp(html, "<p>\xc3\xa9t\xc3\xa9 \xf0\x9f\x98\x80</p>\n") == 0);
	free(html);
	sg_buf_free(&b);
}

/* A parse bigger than md_mem.c's blocks (one paragraph longer than a
 * block, many small nodes, a footnote, whose label comes from cmark-gfm's
 * own HTML), twice in a row on one thread: the second parse starts from
 * what the first gave back. */
static void
test_big_parse(void)
{
	struct sg_buf	 b = { 0 };
	char		*html;
	int		 i, round;

	sg_buf_puts(&b, "first");
	for (i = 0; i < 20000; i++)
		sg_buf_puts(&b, " word");
	sg_buf_puts(&b, " last[^n]\n\n");
	for (i = 0; i < 3000; i++)
		sg_buf_printf(&b, "- item *%d* `c%d`\n", i, i);
	sg_buf_puts(&b, "\n[^n]: the note\n");
	for (round = 0; round < 2; round++) {
		html = sg_md_to_html(site, b.data, b.len);
		CHECK(strncmp(html, "<p>first word word", 18) == 0);
		CHECK(strstr(html, "word last<sup") != NULL);
		CHECK(strstr(html, "<li>item <em>2999</em> <code>c2999</code>"
		    "</li>") != NULL);
		CHECK(strstr(html, "href=\"#fn-n\"") != NULL);
		CHECK(strstr(html, "the note") != NULL);
		free(html);
	}
	sg_buf_free(&b);
}

int
main(void)
{
	setup();
	TEST(test_load);
	TEST(test_kinds_and_locations);
	TEST(test_headings);
	TEST(test_links);
	TEST(test_blocks);
	TEST(test_samples);
	TEST(test_html);
	TEST(test_pack);
	TEST(test_strip);
	TEST(test_hrefs);
	TEST(test_link_targets);
	TEST(test_walk);
	TEST(test_markdown_helper);
	TEST(test_heading_ids);
	TEST(test_invalid_utf8);
	TEST(test_big_parse);
	sg_site_free(site);
	if (sg_rm_tree(root) != 0)
		harness_failed++;
	HARNESS_EXIT();
}
