/* alias.c: the old URLs of moved pages ('aliases: [/old/path/]' in front
 * matter), each published as a small HTML page that sends the reader on
 * to the page: a meta refresh, a canonical link, and a plain link for
 * whoever has refresh turned off. No script, so a strict CSP holds. */
#include <stdlib.h>
#include <string.h>

#include "out/alias.h"
#include "output.h"
#include "site.h"

/* One output path and who claims it, for the clash check. */
struct claim {
	const char		*out;
	const struct sg_page	*page;	/* the page, or the alias's page */
	const struct sg_alias	*alias;	/* NULL for the page itself */
};

static int
cmp_claim(const void *a, const void *b)
{
	const struct claim	*x = a, *y = b;
	int			 c = strcmp(x->out, y->out);

	if (c)
		return c;
	/* pages before aliases, then in the order of the site */
	if ((x->alias == NULL) != (y->alias == NULL))
		return x->alias == NULL ? -1 : 1;
	if (x->page->index != y->page->index)
		return x->page->index < y->page->index ? -1 : 1;
	return x->alias && y->alias ? (x->alias < y->alias ? -1 : 1) : 0;
}

static const char *
what(const struct claim *c)
{
	return c->alias ? "an alias of" : "the URL of";
}

int
sg_alias_check(struct sg_site *site)
{
	static const char *const special[] = {
		"404.html", "sitemap.xml", "atom.xml", "robots.txt", NULL
	};
	struct claim		*v;
	const struct sg_page	*p;
	size_t			 n = 0, cap, i, k;
	int			 bad = 0;

	cap = site->npages;
	for (i = 0; i < site->npages; i++)
		cap += site->pages[i]->naliases;
	if (cap == site->npages)
		return 0;
	v = xcalloc(cap + 1, sizeof(*v));
	for (i = 0; i < site->npages; i++) {
		p = site->pages[i];
		v[n].out = p->out;
		v[n++].page = p;
		for (k = 0; k < p->naliases; k++) {
			v[n].out = p->aliases[k].out;
			v[n].page = p;
			v[n++].alias = &p->aliases[k];
		}
	}
	sg_sort(v, n, sizeof(*v), cmp_claim);
	for (i = 1; i < n; i++) {
		if (strcmp(v[i - 1].out, v[i].out) != 0 || v[i].alias == NULL)
			continue;
		sg_diag_error(site->diag, &v[i].alias->loc, "alias '%s' is "
		    "already %s %s: a redirect cannot take the place of a "
		    "page or another redirect", v[i].alias->path, what(&v[i - 1]),
		    v[i - 1].page->src);
		bad++;
	}
	for (i = 0; i < n; i++) {
		if (v[i].alias == NULL)
			continue;
		for (k = 0; k < site->ntags; k++)
			if (!strcmp(v[i].out, site->tags[k]->out))
				break;
		if (k < site->ntags) {
			sg_diag_error(site->diag, &v[i].alias->loc, "alias "
			    "'%s' is the URL of the page of tag '%s'",
			    v[i].alias->path, site->tags[k]->name);
			bad++;
			continue;
		}
		for (k = 0; special[k]; k++)
			if (!strcmp(v[i].out, special[k])) {
				sg_diag_error(site->diag, &v[i].alias->loc,
				    "alias '%s' is the site's own %s",
				    v[i].alias->path, special[k]);
				bad++;
			}
	}
	free(v);
	return bad ? -1 : 0;
}

static void
put_escaped(struct sg_buf *b, const char *s)
{
	sg_buf_put_html(b, s, strlen(s));
}

int
sg_alias_write(const struct sg_site *site, struct sg_output *o)
{
	const struct sg_page	*p;
	struct sg_buf		 b = { 0 };
	char			*canon;
	size_t			 i, k;
	int			 rc = 0;

	for (i = 0; i < site->npages; i++) {
		p = site->pages[i];
		if (p->naliases == 0)
			continue;
		canon = sg_site_permalink(site, p->url);
		for (k = 0; k < p->naliases; k++) {
			b.len = 0;
			sg_buf_puts(&b, "<!DOCTYPE html>\n<html lang=\"");
			put_escaped(&b, site->config.language);
			sg_buf_puts(&b, "\">\n<head>\n<meta charset=\"utf-8"
			    "\">\n<meta http-equiv=\"Content-Security-Policy\" "
			    "content=\"default-src 'none'\">\n<title>");
			put_escaped(&b, p->title);
			sg_buf_puts(&b, "</title>\n<link rel=\"canonical\" "
			    "href=\"");
			put_escaped(&b, canon);
			sg_buf_puts(&b, "\">\n<meta name=\"robots\" "
			    "content=\"noindex\">\n<meta http-equiv=\"refresh\" "
			    "content=\"0; url=");
			put_escaped(&b, p->url);
			sg_buf_puts(&b, "\">\n</head>\n<body>\n<p>This page "
			    "has moved to <a href=\"");
			put_escaped(&b, p->url);
			sg_buf_puts(&b, "\">");
			put_escaped(&b, p->title);
			sg_buf_puts(&b, "</a>.</p>\n</body>\n</html>\n");
			if (sg_out_write(o, p->aliases[k].out, b.data,
			    b.len) == -1)
				rc = -1;
		}
		free(canon);
	}
	sg_buf_free(&b);
	return rc;
}
