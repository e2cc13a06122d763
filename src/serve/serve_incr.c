/* serve_incr.c: after an edit of a page's text, renders again only what
 * that edit changes, from the build serve keeps in memory (struct
 * sg_live): the page itself, and the output files whose renders read its
 * summary, word count or reading time when those changed; then the
 * handouts that hold it and the search index. Anything that moves a page
 * or changes what other pages show or link to (its front matter, title,
 * headings and anchors, links, linked files) needs a whole build, which
 * the caller runs when told so. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "build.h"
#include "out/handouts.h"
#include "output.h"
#include "path.h"
#include "pool.h"
#include "rmtree.h"
#include "samples/samples.h"
#include "check/secrets.h"
#include "out/search/search.h"
#include "out/shortcodes.h"
#include "serve/serve_int.h"
#include "site.h"
#include "out/slides.h"
#include "templates/render.h"

/* What other output files may show of a page, kept from before an edit
 * to compare with after. */
struct shape {
	char	*title;
	char	*h1;
	char	*summary;
	size_t	 words;
	char	*marks;		/* headings, ids, links and linked files */
};

static void
shape_of(const struct sg_page *p, struct shape *s)
{
	struct sg_buf	 b = { NULL, 0, 0 };
	size_t		 i;

	s->title = xstrdup(p->title ? p->title : "");
	s->h1 = xstrdup(p->md.h1 ? p->md.h1 : "");
	s->summary = xstrdup(p->md.summary ? p->md.summary : "");
	s->words = p->md.words;
	for (i = 0; i < p->md.nheadings; i++)
		sg_buf_printf(&b, "h%d %s %s\n", p->md.headings[i].level,
		    p->md.headings[i].id, p->md.headings[i].title);
	for (i = 0; i < p->md.nids; i++)
		sg_buf_printf(&b, "id %s\n", p->md.ids[i]);
	for (i = 0; i < p->md.nlinks; i++)
		sg_buf_printf(&b, "link %s#%s\n", p->md.links[i].target ?
		    p->md.links[i].target->rel : "?", p->md.links[i].anchor ?
		    p->md.links[i].anchor : "");
	for (i = 0; i < p->md.nuses; i++)
		sg_buf_printf(&b, "uses %s\n", p->md.uses[i]);
	sg_buf_putc(&b, '\0');
	s->marks = sg_buf_detach(&b);
}

static void
shape_free(struct shape *s)
{
	free(s->title);
	free(s->h1);
	free(s->summary);
	free(s->marks);
}

/* Is p a page whose edit this file can handle alone? Not a section's
 * own page (every worker's model holds its HTML), a slide deck, a draft
 * or a page left out. Notes in l whether a handout holds it. */
static int
plain_page(struct sg_live *l, const struct sg_page *p)
{
	const struct sg_site	*site = l->site;
	const struct sg_handouts *hs = site->handouts;
	size_t			 i;

	if (p == NULL || p->skipped || p->draft || p->owner != NULL ||
	    p->index >= site->npages || site->pages[p->index] != p)
		return 0;
	for (i = 0; l->decks && i < l->decks->len; i++)
		if (l->decks->v[i].page == p)
			return 0;
	for (i = 0; hs && i < hs->npages; i++)
		if (hs->pages[i] == p)
			l->handouts = 1;
	return 1;
}

struct incr_ctx {
	struct sg_live	*l;
	size_t		*which;		/* jobs to render, indices in l->jobs */
	char		**html;		/* their output */
	size_t		*len;
	struct sg_page	**edited;
	size_t		 nedited;
};

static void
render_one(void *arg, int worker, size_t k)
{
	struct incr_ctx		*c = arg;
	struct sg_live		*l = c->l;
	const struct sg_job	*job = &l->jobs[c->which[k]];
	struct sg_page		*p = NULL;
	size_t			 i;

	if (job->kind == SG_JOB_PAGE) {
		p = l->site->pages[job->index];
		sg_md_tree(l->site, p);
		sg_md_render(l->site, &p->md);
	}
	if (sg_render_run(l->render, worker, job, &c->html[k], &c->len[k]) !=
	    0) {
		free(c->html[k]);
		c->html[k] = NULL;
	}
	sg_live_note(l, l->render, worker, c->which[k]);
	if (p == NULL)
		return;
	for (i = 0; i < c->nedited; i++)
		if (c->edited[i] == p) {
			sg_search_forget(l->search, p);
			sg_search_page(l->search, worker, p);
		}
	free(p->md.html);
	p->md.html = NULL;
	sg_md_drop_tree(&p->md);
}

static void
no_hit(void *arg, const struct sg_secret_hit *hit)
{
	(void)arg;
	(void)hit;
}

/* Reads the page's file again and parses it. Returns 0; 1 when its
 * front matter changed or it cannot be read (a whole build says why). */
static int
reload(struct sg_site *site, struct sg_page *p)
{
	char	*path, *text;
	size_t	 len;

	path = sg_path_join(site->root, p->src);
	text = sg_file_read(path, &len);
	free(path);
	if (text == NULL || p->text == NULL || len < p->body_off ||
	    memcmp(text, p->text, p->body_off) != 0 ||
	    memchr(text, '\0', len) != NULL) {
		free(text);
		return 1;
	}
	free(p->text);
	p->text = text;
	p->len = len;
	sg_site_reparse(site, p);
	return 0;
}

/* Adds job i to the list once. */
static void
add(size_t **v, size_t *n, size_t i)
{
	size_t	 k;

	for (k = 0; k < *n; k++)
		if ((*v)[k] == i)
			return;
	*v = xrealloc(*v, (*n + 1) * sizeof(**v));
	(*v)[(*n)++] = i;
}

/* The jobs to render again after page p changed: its own, and those
 * that read its summary (when it changed) or its length (likewise). */
static void
jobs_of(const struct sg_live *l, const struct sg_page *p, int summary,
    int words, size_t **v, size_t *n)
{
	size_t	 i, k, r;

	for (i = 0; i < l->njobs; i++) {
		if (l->jobs[i].kind == SG_JOB_PAGE && l->jobs[i].index ==
		    p->index) {
			add(v, n, i);
			continue;
		}
		for (k = 0; k < l->nreads[i]; k++) {
			r = l->reads[i][k];
			if ((summary && r == SG_READ(p->index,
			    SG_READ_SUMMARY)) || (words && r ==
			    SG_READ(p->index, SG_READ_WORDS))) {
				add(v, n, i);
				break;
			}
		}
	}
}

/* Runs the samples of the edited pages (their cache applies). */
static void
run_samples(struct sg_site *site, struct sg_page **v, size_t n, int jobs)
{
	struct sg_samples	 ss = { NULL, 0 };
	struct sg_samples_opts	 so;
	size_t			 i, k, total = 0;

	for (i = 0; i < n; i++)
		total += v[i]->md.nsamples;
	if (total == 0)
		return;
	ss.v = xcalloc(total, sizeof(*ss.v));
	for (i = 0; i < n; i++)
		for (k = 0; k < v[i]->md.nsamples; k++) {
			sg_samples_apply_mode(site, v[i]->md.samples[k]);
			ss.v[ss.len++] = v[i]->md.samples[k];
		}
	memset(&so, 0, sizeof(so));
	so.jobs = jobs;
	sg_samples_run(site, &ss, &so);
	sg_samples_free(&ss);
}

/* Renders again what the edit of the pages rels[0..n) (paths under
 * content/) changes, into the served folder outdir, each file replaced
 * whole. Returns the number of files written (0 or more); SG_INCR_FULL
 * when the edit needs a whole build (nothing was written, but l may have
 * changed: the caller builds anew and frees l); SG_INCR_FAILED when it
 * reported errors (nothing was written; the caller frees l). */
int
sg_incr_pages(struct sg_live *l, char *const *rels, size_t n,
    const char *outdir)
{
	struct sg_site		*site = l->site;
	struct incr_ctx		 c;
	struct shape		*before = xcalloc(n + 1, sizeof(*before)), now;
	struct sg_output	*out = NULL;
	size_t			 i, nwhich = 0;
	int			 errors = sg_diag_errors(site->diag);
	int			 rc = SG_INCR_FULL, summary, words;

	memset(&c, 0, sizeof(c));
	c.l = l;
	l->handouts = 0;
	c.edited = xcalloc(n + 1, sizeof(*c.edited));
	for (i = 0; i < n; i++) {
		c.edited[i] = sg_content_find(site, rels[i]);
		if (!plain_page(l, c.edited[i]))
			goto out;
		shape_of(c.edited[i], &before[i]);
		c.nedited++;
	}
	for (i = 0; i < n; i++) {
		if (reload(site, c.edited[i]) != 0)
			goto out;
		shape_of(c.edited[i], &now);
		summary = strcmp(now.summary, before[i].summary) != 0;
		words = now.words != before[i].words;
		if (strcmp(now.title, before[i].title) ||
		    strcmp(now.h1, before[i].h1) ||
		    strcmp(now.marks, before[i].marks)) {
			shape_free(&now);
			goto out;
		}
		shape_free(&now);
		jobs_of(l, c.edited[i], summary, words, &c.which, &nwhich);
	}
	if (sg_diag_errors(site->diag) > errors)
		goto failed;
	run_samples(site, c.edited, n, site->opt->jobs);
	sg_shortcodes_expand_pages(site, l->render, c.edited, n,
	    site->opt->jobs);
	if (sg_diag_errors(site->diag) > errors)
		goto failed;

	/* what once() kept may show what changed */
	sg_render_forget(l->render);
	c.html = xcalloc(nwhich + 1, sizeof(*c.html));
	c.len = xcalloc(nwhich + 1, sizeof(*c.len));
	sg_pool_run(site->opt->jobs, nwhich, render_one, &c);
	if (sg_diag_errors(site->diag) > errors)
		goto failed;
	/* anything like a credential: a whole build scans and reports it,
	 * with the site's allowed examples */
	for (i = 0; i < n; i++)
		if (sg_secrets_find(c.edited[i]->text, c.edited[i]->len,
		    no_hit, NULL) > 0)
			goto out;
	for (i = 0; i < nwhich; i++)
		if (c.html[i] && sg_secrets_find(c.html[i], c.len[i], no_hit,
		    NULL) > 0)
			goto out;
	if ((out = sg_out_open(outdir, site->root, SG_OUT_INPLACE, 1,
	    site->diag)) == NULL)
		goto failed;
	for (i = 0; i < nwhich; i++)
		sg_out_write(out, l->jobs[c.which[i]].out, c.html[i],
		    c.len[i]);
	sg_out_commit(out);
	if (sg_diag_errors(site->diag) > errors)
		goto failed;
	rc = (int)nwhich;
	goto out;
failed:
	sg_diag_flush(site->diag);
	rc = SG_INCR_FAILED;
out:
	for (i = 0; i < c.nedited; i++)
		shape_free(&before[i]);
	free(before);
	for (i = 0; c.html && i < nwhich; i++)
		free(c.html[i]);
	free(c.html);
	free(c.len);
	free(c.which);
	free(c.edited);
	return rc;
}

/* Appends to *v the files under dir/rel, as paths relative to dir. */
static void
list_files(const char *dir, const char *rel, char ***v, size_t *n)
{
	struct dirent	*e;
	DIR		*d;
	char		*path = sg_path_join(dir, rel), *sub;

	if ((d = opendir(path)) == NULL) {
		free(path);
		return;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		sub = sg_path_join(rel, e->d_name);
		if (e->d_type == DT_DIR)
			list_files(dir, sub, v, n);
		else if (e->d_type == DT_REG) {
			*v = xrealloc(*v, (*n + 1) * sizeof(**v));
			(*v)[(*n)++] = sub;
			continue;
		}
		free(sub);
	}
	closedir(d);
	free(path);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Moves the files of from/search/ over those of to/search/, each one
 * replaced whole, then removes those of to/search/ that from had not. */
static void
move_search(const char *from, const char *to)
{
	char	**nv = NULL, **ov = NULL, *src, *dst, *dir;
	size_t	  nn = 0, on = 0, i;

	list_files(from, "search", &nv, &nn);
	sg_sort(nv, nn, sizeof(*nv), cmp_str);
	for (i = 0; i < nn; i++) {
		src = sg_path_join(from, nv[i]);
		dst = sg_path_join(to, nv[i]);
		dir = sg_path_dir(dst);
		sg_mkdirs(dir);
		rename(src, dst);
		free(dir);
		free(src);
		free(dst);
	}
	list_files(to, "search", &ov, &on);
	for (i = 0; i < on; i++) {
		if (bsearch(&ov[i], nv, nn, sizeof(*nv), cmp_str) == NULL) {
			dst = sg_path_join(to, ov[i]);
			unlink(dst);
			free(dst);
		}
		free(ov[i]);
	}
	for (i = 0; i < nn; i++)
		free(nv[i]);
	free(nv);
	free(ov);
}

int
sg_incr_after(struct sg_live *l, const char *outdir)
{
	struct sg_output	*out;
	char			*next;
	int			 rc = -1, errors = sg_diag_errors(l->site->diag);

	if (l->handouts) {
		l->handouts = 0;
		if ((out = sg_out_open(outdir, l->site->root,
		    SG_OUT_INPLACE, 1, l->site->diag)) == NULL)
			return -1;
		sg_live_handouts(l, out);
		sg_out_commit(out);
		sg_diag_flush(l->site->diag);
		if (sg_diag_errors(l->site->diag) > errors)
			return -1;
	}
	if (l->search == NULL)
		return 0;
	next = xasprintf("%s.search", outdir);
	sg_rm_tree(next);
	if ((out = sg_out_open(next, l->site->root, 0, 1, l->site->diag)) !=
	    NULL) {
		rc = sg_search_write(l->search, out, NULL);
		if (sg_out_commit(out) != 0)
			rc = -1;
	}
	if (rc == 0)
		move_search(next, outdir);
	if (sg_diag_errors(l->site->diag) > errors)
		rc = -1;
	sg_rm_tree(next);
	free(next);
	sg_diag_flush(l->site->diag);
	return rc;
}
