/* shortcodes.c: the shortcodes stage. Runs the template of each
 * shortcode call of each page (innermost first, so that a call's inner
 * HTML holds those it encloses) and keeps what it made in the call's
 * record, which every later render of the page's tree writes. */
#include <stdlib.h>
#include <string.h>

#include "doc/shortcode.h"
#include "doc/tree.h"
#include "out/html.h"
#include "out/shortcodes.h"
#include "pool.h"
#include "site.h"
#include "suggest.h"
#include "templates/render.h"

struct ctx {
	struct sg_site		*site;
	struct sg_render	*render;
	struct sg_page		**pages;	/* those with calls */
	size_t			 npages;
	char			**names;	/* the shortcodes there are */
	size_t			 nnames;
};

/* Is there a template for sc? Reports it when not, with the closest
 * name and the list of those there are. */
static int
known(struct ctx *c, const struct sg_shortcode *sc)
{
	struct sg_buf	 list = { 0 };
	const char	*near;
	char		**bare;
	size_t		 i;

	for (i = 0; i < c->nnames; i++)
		if (strlen(c->names[i]) == 11 + strlen(sc->name) + 5 &&
		    !strncmp(c->names[i] + 11, sc->name, strlen(sc->name)))
			return 1;
	bare = xcalloc(c->nnames + 1, sizeof(*bare));
	sg_buf_put(&list, "", 0);
	for (i = 0; i < c->nnames; i++) {
		bare[i] = xstrndup(c->names[i] + 11, strlen(c->names[i]) - 16);
		sg_buf_printf(&list, "%s%s", i ? ", " : "", bare[i]);
	}
	near = sg_suggest(sc->name, (const char *const *)bare, c->nnames);
	if (near)
		sg_diag_error(c->site->diag, &sc->loc, "unknown shortcode "
		    "'%s'; did you mean '%s'? (there are: %s)", sc->name, near,
		    list.data);
	else
		sg_diag_error(c->site->diag, &sc->loc, "unknown shortcode "
		    "'%s': no shortcodes/%s.html in templates/ or the theme's "
		    "(there are: %s)", sc->name, sc->name, c->nnames ?
		    list.data : "none");
	for (i = 0; i < c->nnames; i++)
		free(bare[i]);
	free(bare);
	sg_buf_free(&list);
	return 0;
}

/* Runs the template of the call sc, whose node n (NULL for a call that
 * encloses nothing) holds its inner part, made HTML first. */
static void
expand(struct ctx *c, int worker, const struct sg_page *p,
    struct sg_shortcode *sc, const struct sg_node *n)
{
	struct sg_buf		 inner = { 0 };
	char			*html;
	size_t			 len;

	if (!known(c, sc))
		return;
	if (!sc->closed && !sc->selfclosed &&
	    sg_render_needs_inner(c->render, sc->name)) {
		sg_diag_error(c->site->diag, &sc->loc, "the shortcode '%s' "
		    "is not closed: its template uses 'inner', so end what "
		    "it encloses with {{< /%s >}} (or write {{< %s … />}})",
		    sc->name, sc->name, sc->name);
		return;
	}
	if (sc->closed && n)
		sg_html_render(n, c->site->config.unsafe ? SG_HTML_UNSAFE : 0,
		    c->site->config.i18n, &inner);
	if (sg_render_shortcode(c->render, worker, p, sc, inner.data,
	    &html) == 0) {
		/* inside a paragraph, the template file's last newline
		 * would show as a space */
		len = strlen(html);
		while (!sc->block && len > 0 && html[len - 1] == '\n')
			html[--len] = '\0';
		sc->html = html;
	}
	sg_buf_free(&inner);
}

static void
page_one(void *arg, int worker, size_t i)
{
	struct ctx		*c = arg;
	struct sg_page		*p = c->pages[i];
	struct sg_walk		 w;
	const struct sg_node	*n;
	size_t			 k;
	int			 entering, made = p->md.doc == NULL;

	/* calls that enclose nothing need no tree (which may have to be
	 * made again) */
	for (k = 0; k < p->md.nshortcodes && !p->md.shortcodes[k]->closed;
	    k++)
		;
	if (k == p->md.nshortcodes) {
		for (k = 0; k < p->md.nshortcodes; k++)
			expand(c, worker, p, p->md.shortcodes[k], NULL);
		return;
	}
	if (sg_md_tree(c->site, p) == -1 || p->md.doc == NULL)
		return;
	/* on exit: the calls inside a call are made before it */
	sg_walk_init(&w, sg_doc_root(p->md.doc));
	while (sg_walk_next(&w, &n, &entering))
		if (!entering && (n->kind == SG_NODE_SHORTCODE ||
		    n->kind == SG_NODE_SHORTCODE_BLOCK))
			expand(c, worker, p, n->u.shortcode.sc, n);
	if (made)
		sg_md_drop_tree(&p->md);
}

/* Expands the shortcode calls of the pages v[0..n) that have some, on
 * jobs workers. */
static void
expand_pages(struct sg_site *site, struct sg_render *render,
    struct sg_page *const *v, size_t n, int jobs)
{
	struct ctx	 c;
	size_t		 i;

	memset(&c, 0, sizeof(c));
	c.site = site;
	c.render = render;
	c.pages = xcalloc(n + 1, sizeof(*c.pages));
	for (i = 0; i < n; i++)
		if (v[i]->md.nshortcodes > 0 && !v[i]->skipped)
			c.pages[c.npages++] = v[i];
	if (c.npages > 0) {
		c.nnames = sg_render_shortcodes(render, &c.names);
		sg_pool_run(jobs, c.npages, page_one, &c);
	}
	free(c.names);
	free(c.pages);
}

/* Expands the shortcode calls of every page that is published, on jobs
 * workers. Errors are reported at the calls; the caller stops at the
 * stage's end. */
void
sg_shortcodes_expand(struct sg_site *site, struct sg_render *render,
    int jobs)
{
	expand_pages(site, render, site->pages, site->npages, jobs);
}

/* The same for the pages v[0..n) only (serve, after they were parsed
 * again). */
void
sg_shortcodes_expand_pages(struct sg_site *site, struct sg_render *render,
    struct sg_page *const *v, size_t n, int jobs)
{
	expand_pages(site, render, v, n, jobs);
}
