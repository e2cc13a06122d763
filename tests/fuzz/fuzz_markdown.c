/* fuzz_markdown.c: libFuzzer harness for the Markdown stage of one page,
 * sg_md_parse: include expansion ({{#include}} with anchors and ranges),
 * the cmark-gfm parse, heading ids, link rewriting, alerts, summary and
 * HTML. The input is the body of content/page.md in a minimal site made
 * once in a temporary directory: a config, that page, a second page to
 * link to and a file to include. It checks the record the stage returns:
 * HTML present, heading ids unique and listed among the page's ids. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "doc/pack.h"
#include "doc/tree.h"
#include "out/html.h"
#include "site.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct sg_site	 site;
static struct sg_page	 page, other;
static struct sg_page	*all[2];
static char		*files[2];
static FILE		*devnull;
static char		 root[] = "/tmp/sg-fuzz-md-XXXXXX";

static void
cleanup(void)
{
	static const char *const names[] = {
		"content/inc.c", "content/other.md", "content/img.png",
		"content", ""
	};
	char	*path;
	size_t	 i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		path = xasprintf("%s/%s", root, names[i]);
		remove(path);
		free(path);
	}
}

static void
put(const char *dir, const char *rel, const char *text)
{
	char	*path = xasprintf("%s/%s", dir, rel);
	FILE	*fp = fopen(path, "w");

	if (fp == NULL)
		abort();
	fputs(text, fp);
	fclose(fp);
	free(path);
}

/* The site: root/content/{page.md,other.md,inc.c,img.png}, base path "/",
 * raw HTML dropped. Pages are sorted by rel, as sg_content_find wants. */
static void
setup(void)
{
	char	*content;

	if (mkdtemp(root) == NULL)
		abort();
	atexit(cleanup);
	content = xasprintf("%s/content", root);
	if (mkdir(content, 0755) == -1)
		abort();
	put(content, "inc.c", "int a;\n// ANCHOR: x\nint b;\n"
	    "// ANCHOR: y\nint c;\n// ANCHOR_END: y\n// ANCHOR_END: x\n");
	put(content, "other.md", "# Other\n\n## Part\n");
	put(content, "img.png", "png");
	free(content);
	devnull = fopen("/dev/null", "w");
	site.root = root;
	site.config.title = (char *)"Fuzz";
	site.config.base_url = (char *)"http://localhost/";
	site.config.base_path = (char *)"/";
	site.config.toc_depth = 3;
	other.src = (char *)"content/other.md";
	other.rel = (char *)"other.md";
	other.url = (char *)"/other/";
	page.src = (char *)"content/page.md";
	page.rel = (char *)"page.md";
	page.url = (char *)"/page/";
	page.body_line = 1;
	page.toc = 1;
	all[0] = &other;
	all[1] = &page;
	site.all = all;
	site.nall = 2;
	site.pages = all;
	site.npages = 2;
	files[0] = (char *)"img.png";
	files[1] = (char *)"inc.c";
	site.files = files;
	site.nfiles = 2;
	sg_md_init();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sg_md	*md = &page.md;
	struct sg_buf	 b = { 0 };
	struct sg_doc	*again;
	unsigned char	*packed;
	size_t		 i, k, npacked;

	if (devnull == NULL)
		setup();
	site.diag = sg_diag_new(devnull, 0);
	page.text = xstrndup((const char *)data, size);
	page.len = size;
	page.body_off = 0;
	(void)sg_md_parse(&site, &page);
	/* the page's HTML is rendered from its tree; the tree packed and
	 * unpacked (as a build keeps most pages between the stages) renders
	 * the same bytes */
	sg_md_render(&site, md);
	if (md->html == NULL)
		abort();
	if (md->doc != NULL) {
		packed = sg_doc_pack(md->doc, NULL, &npacked);
		again = sg_doc_unpack(packed, npacked);
		sg_buf_put(&b, "", 0);
		sg_html_render(sg_doc_root(again), 0, NULL, &b);
		if (strcmp(b.data, md->html) != 0)
			abort();
		sg_buf_free(&b);
		sg_doc_free(again);
		free(packed);
	}
	for (i = 0; i < md->nheadings; i++) {
		if (md->headings[i].id == NULL || *md->headings[i].id == '\0' ||
		    md->headings[i].level < 1 || md->headings[i].level > 6)
			abort();
		for (k = 0; k < i; k++)
			if (!strcmp(md->headings[i].id, md->headings[k].id))
				abort();
	}
	for (i = 1; i < md->nids; i++)
		if (strcmp(md->ids[i - 1], md->ids[i]) >= 0)
			abort();	/* sorted and unique */
	for (i = 0; i < md->nlinks; i++)
		if (md->links[i].target == NULL || md->links[i].anchor == NULL)
			abort();
	sg_md_free(md);
	free(page.text);
	/* messages go nowhere; freeing drops them unprinted */
	sg_diag_free(site.diag);
	return 0;
}
