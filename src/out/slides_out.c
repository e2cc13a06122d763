/* slides_out.c: a deck's outputs. The HTML of its slides (each a
 * <section> with its notes in an <aside>, which templates/slides.html
 * wraps), its PDF and notes PDF from pdf/, and the page's tree put back
 * without its notes once they are made. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "out/html.h"
#include "output.h"
#include "path.h"
#include "out/pdf/pdf.h"
#include "pool.h"
#include "site.h"
#include "out/slides.h"
#include "doc/tree.h"
#include "site/i18n.h"

/* Below this scale a slide is too full to read: the build says so. */
#define MIN_FIT	0.70

static void
put_text(struct sg_buf *b, const char *cls, const char *s)
{
	if (s == NULL)
		return;
	sg_buf_printf(b, "<div class=\"%s\">", cls);
	sg_buf_put_html(b, s, strlen(s));
	sg_buf_puts(b, "</div>\n");
}

/* Notes as paragraphs, split at blank lines. */
static void
put_notes(struct sg_buf *b, const char *s)
{
	const char	*e;

	sg_buf_puts(b, "<aside class=\"slide-notes\">");
	while (s && *s) {
		e = strstr(s, "\n\n");
		if (e == NULL)
			e = s + strlen(s);
		sg_buf_puts(b, "<p>");
		sg_buf_put_html(b, s, (size_t)(e - s));
		sg_buf_puts(b, "</p>");
		s = e;
		while (*s == '\n')
			s++;
	}
	sg_buf_puts(b, "</aside>\n");
}

static void
slide_html(const struct sg_site *site, const struct sg_deck *d, size_t i,
    struct sg_buf *b)
{
	const struct sg_slide	*sl = &d->v[i];
	char			*label;

	sg_buf_printf(b, "<section class=\"slide%s", sl->klass ? " " : "");
	if (sl->klass)
		sg_buf_put_html(b, sl->klass, strlen(sl->klass));
	label = sg_i18n_format(site->config.i18n, "slide_of",
	    "Slide {n} of {total}", i + 1, d->len);
	sg_buf_printf(b, "\" data-n=\"%zu\" data-line=\"%d\" aria-label=\"",
	    i + 1, sl->line);
	sg_buf_put_html(b, label, strlen(label));
	sg_buf_puts(b, "\">\n<div class=\"slide-body prose\">\n");
	free(label);
	sg_html_render(sl->root, site->config.unsafe ? SG_HTML_UNSAFE : 0,
	    site->config.i18n, b);
	sg_buf_puts(b, "</div>\n");
	put_text(b, "slide-header", sl->header);
	put_text(b, "slide-footer", sl->footer);
	if (sl->paginate)
		sg_buf_printf(b, "<div class=\"slide-number\">%zu</div>\n",
		    i + 1);
	put_notes(b, sl->notes);
	sg_buf_puts(b, "</section>\n");
}

/* Job k of a deck: 2 * deck for its PDF then its HTML (which warns at
 * the slides the PDF had to shrink), 2 * deck + 1 for its notes PDF. */
static void
make_one(void *arg, int worker, size_t k)
{
	struct sg_site	*site = arg;
	struct sg_deck	*d = &site->decks->v[k / 2];
	struct sg_buf	 b = { NULL, 0, 0 };
	struct sg_loc	 loc;
	size_t		 i;

	(void)worker;
	if (k % 2 == 1) {
		sg_pdf_deck(site, d, 1, site->diag, &d->notes);
		return;
	}
	if (sg_pdf_deck(site, d, 0, site->diag, &d->pdf) == -1)
		return;
	for (i = 0; i < d->len; i++) {
		slide_html(site, d, i, &b);
		if (d->v[i].fit >= MIN_FIT)
			continue;
		loc.file = d->page->src;
		loc.line = d->v[i].line;
		loc.col = d->v[i].col;
		sg_diag_warn(site->diag, &loc, "slide %zu is too full: it is "
		    "shrunk to %.0f %% to fit; split it or cut it down", i + 1,
		    d->v[i].fit * 100);
	}
	sg_buf_put(&b, "", 0);
	d->html = sg_buf_detach(&b);
	d->page->slides_html = d->html;
}

/* Puts the page's blocks back under its root, without the notes and
 * directives, for the page's own render. */
static void
restore(struct sg_deck *d)
{
	struct sg_node	*root = sg_doc_root(d->page->md.doc), *prev = NULL;
	size_t		 i;

	root->first = root->last = NULL;
	for (i = 0; i < d->nblocks; i++) {
		if (d->drop[i])
			continue;
		d->blocks[i]->parent = root;
		d->blocks[i]->prev = prev;
		d->blocks[i]->next = NULL;
		if (prev)
			prev->next = d->blocks[i];
		else
			root->first = d->blocks[i];
		prev = d->blocks[i];
	}
	root->last = prev;
}

void
sg_slides_make(struct sg_site *site, struct sg_decks *ds)
{
	size_t	 i;

	if (ds == NULL)
		return;
	site->decks = ds;
	sg_pool_run(site->opt->jobs, 2 * ds->len, make_one, site);
	for (i = 0; i < ds->len; i++)
		restore(&ds->v[i]);
}

int
sg_slides_put(struct sg_site *site, const char *outdir, const char *rel,
    const char *data, size_t len)
{
	struct sg_loc	 loc = { NULL, 0, 0 };
	char		*path, *dir, *tmp;
	int		 rc = 0;

	path = sg_path_join(outdir, rel);
	dir = sg_path_dir(path);
	sg_mkdirs(dir);
	tmp = xasprintf("%s.tmp", path);
	if (sg_file_write(tmp, data, len) == -1 || rename(tmp, path) == -1) {
		sg_diag_error(site->diag, &loc, "cannot write %s: %s", path,
		    strerror(errno));
		rc = -1;
	}
	free(tmp);
	free(dir);
	free(path);
	return rc;
}

int
sg_slides_write(struct sg_site *site, struct sg_decks *ds,
    struct sg_output *out, const char *outdir)
{
	const struct sg_deck	*d;
	size_t			 i;
	int			 rc = 0;

	for (i = 0; ds && i < ds->len; i++) {
		d = &ds->v[i];
		if (out) {
			sg_out_write(out, d->out_pdf, d->pdf.data, d->pdf.len);
			sg_out_write(out, d->out_notes, d->notes.data,
			    d->notes.len);
			continue;
		}
		if (sg_slides_put(site, outdir, d->out_pdf, d->pdf.data,
		    d->pdf.len) == -1 || sg_slides_put(site, outdir,
		    d->out_notes, d->notes.data, d->notes.len) == -1)
			rc = -1;
	}
	return rc;
}

void
sg_decks_free(struct sg_decks *ds)
{
	struct sg_deck	*d;
	size_t		 i, k;

	if (ds == NULL)
		return;
	for (i = 0; i < ds->len; i++) {
		d = &ds->v[i];
		for (k = 0; k < d->len; k++) {
			free(d->v[k].title);
			free(d->v[k].notes);
			free(d->v[k].klass);
			free(d->v[k].header);
			free(d->v[k].footer);
		}
		free(d->v);
		free(d->name);
		free(d->out_html);
		free(d->out_pdf);
		free(d->out_notes);
		free(d->html);
		sg_buf_free(&d->pdf);
		sg_buf_free(&d->notes);
		free(d->blocks);
		free(d->drop);
	}
	free(ds->v);
	free(ds);
}
