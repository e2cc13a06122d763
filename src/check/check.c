/* check.c: the lints of sitegen check. Heading levels and titles come
 * from the model (page->md.headings); reachability is measured on the
 * pages as rendered, since the theme's templates make the navigation:
 * every href of every HTML page is an edge, and a page that no path of
 * edges from the home page reaches is reported. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "check/check.h"
#include "path.h"
#include "site.h"

struct node {
	const char	*out;		/* output path, borrowed from the site */
	struct sg_page	*page;		/* the page rendered there, or NULL */
	size_t		*to;		/* nodes it links to */
	size_t		 nto;
	int		 seen;
};

struct sg_check {
	const struct sg_site	*site;
	struct node		*v;	/* sorted by out */
	size_t			 len;
	pthread_mutex_t		 lock;	/* guards the edges */
};

static int
cmp_node(const void *a, const void *b)
{
	return strcmp(((const struct node *)a)->out,
	    ((const struct node *)b)->out);
}

static void
add_node(struct sg_check *c, const char *out, struct sg_page *p)
{
	c->v = xrealloc(c->v, (c->len + 1) * sizeof(*c->v));
	memset(&c->v[c->len], 0, sizeof(c->v[c->len]));
	c->v[c->len].out = out;
	c->v[c->len].page = p;
	c->len++;
}

struct sg_check *
sg_check_new(const struct sg_site *site)
{
	struct sg_check	*c = xcalloc(1, sizeof(*c));
	size_t		 i;

	c->site = site;
	pthread_mutex_init(&c->lock, NULL);
	for (i = 0; i < site->npages; i++)
		if (site->pages[i]->owner == NULL)
			add_node(c, site->pages[i]->out, site->pages[i]);
	for (i = 0; i < site->nsections; i++)
		add_node(c, site->sections[i]->out, site->sections[i]->page);
	for (i = 0; i < site->ntags; i++)
		add_node(c, site->tags[i]->out, NULL);
	sg_sort(c->v, c->len, sizeof(*c->v), cmp_node);
	return c;
}

void
sg_check_free(struct sg_check *c)
{
	size_t	 i;

	if (c == NULL)
		return;
	for (i = 0; i < c->len; i++)
		free(c->v[i].to);
	free(c->v);
	pthread_mutex_destroy(&c->lock);
	free(c);
}

static struct node *
find(const struct sg_check *c, const char *out)
{
	struct node	 key;

	memset(&key, 0, sizeof(key));
	key.out = out;
	return c->len ? bsearch(&key, c->v, c->len, sizeof(*c->v),
	    cmp_node) : NULL;
}

/* The output path an href of the page at from leads to, or NULL when it
 * leaves the site. The caller frees. */
static char *
resolve(const struct sg_site *site, const char *from, const char *href,
    size_t n)
{
	const char	*base = site->config.base_url, *bp;
	char		*u, *dir, *joined, *rel, *out;
	size_t		 k;

	u = xstrndup(href, n);
	u[strcspn(u, "#?")] = '\0';
	if (strstr(u, "://") || sg_starts_with(u, "//")) {
		/* absolute: only under base_url */
		if (!strstr(base, "://") || !sg_starts_with(u, base)) {
			free(u);
			return NULL;
		}
		joined = xstrdup(u + strlen(base));
	} else if (u[0] == '/') {
		bp = site->config.base_path;
		joined = sg_starts_with(u, bp) ? xstrdup(u + strlen(bp)) :
		    NULL;
	} else if (u[0] == '\0' || strchr(u, ':')) {
		joined = NULL;	/* the page itself, mailto:, … */
	} else {
		dir = sg_path_dir(from);
		joined = sg_path_join(dir, u);
		free(dir);
	}
	free(u);
	if (joined == NULL)
		return NULL;
	k = strlen(joined);
	rel = k && joined[k - 1] != '/' ? sg_path_normalize(joined) : NULL;
	if (rel == NULL) {
		/* a folder: its index.html */
		out = xasprintf("%sindex.html", joined);
		rel = sg_path_normalize(out);
		free(out);
	} else if (strchr(sg_path_base(rel), '.') == NULL) {
		out = xasprintf("%s/index.html", rel);
		free(rel);
		rel = out;
	}
	free(joined);
	return rel;
}

void
sg_check_html(struct sg_check *c, const char *out, const char *html,
    size_t len)
{
	struct node	*from, *to;
	const char	*s = html, *e = html + len, *q, *end;
	char		*rel;
	size_t		*v = NULL, n = 0;

	if (c == NULL || (from = find(c, out)) == NULL)
		return;
	while ((q = memmem(s, (size_t)(e - s), "href=\"", 6)) != NULL) {
		q += 6;
		if ((end = memchr(q, '"', (size_t)(e - q))) == NULL)
			break;
		s = end + 1;
		rel = resolve(c->site, out, q, (size_t)(end - q));
		if (rel && (to = find(c, rel)) != NULL && to != from) {
			v = xrealloc(v, (n + 1) * sizeof(*v));
			v[n++] = (size_t)(to - c->v);
		}
		free(rel);
	}
	pthread_mutex_lock(&c->lock);
	free(from->to);
	from->to = v;
	from->nto = n;
	pthread_mutex_unlock(&c->lock);
}

/* Where a lint about page p is reported: its title in the front matter,
 * else its first line. */
static struct sg_loc
page_loc(const struct sg_page *p)
{
	const struct sg_value	*t = p->fm ? sg_value_get(p->fm, "title") :
				    NULL;
	struct sg_loc		 loc;

	if (t)
		return t->loc;
	loc.file = p->src;
	loc.line = 1;
	loc.col = 1;
	return loc;
}

void
sg_check_reach(struct sg_check *c, struct sg_site *site)
{
	struct node	*home, *x;
	struct sg_loc	 loc;
	size_t		*stack, top = 0, i;

	if (c == NULL || (home = find(c, site->home->out)) == NULL)
		return;
	stack = xcalloc(c->len + 1, sizeof(*stack));
	home->seen = 1;
	stack[top++] = (size_t)(home - c->v);
	while (top > 0) {
		x = &c->v[stack[--top]];
		for (i = 0; i < x->nto; i++)
			if (!c->v[x->to[i]].seen) {
				c->v[x->to[i]].seen = 1;
				stack[top++] = x->to[i];
			}
	}
	free(stack);
	for (i = 0; i < c->len; i++) {
		if (c->v[i].seen || c->v[i].page == NULL)
			continue;
		loc = page_loc(c->v[i].page);
		sg_diag_rule(site->diag, &loc, 0, "unreachable", "no link "
		    "reaches this page from the home page (%s), through the "
		    "navigation or any page: link to it, or leave it out",
		    site->home->page ? site->home->page->src : "index.html");
	}
}

static int
cmp_title(const void *a, const void *b)
{
	const struct sg_page	*x = *(struct sg_page *const *)a;
	const struct sg_page	*y = *(struct sg_page *const *)b;
	int			 c = strcmp(x->title, y->title);

	return c ? c : (x->index > y->index) - (x->index < y->index);
}

/* The line of the heading the page's k-th ATX heading ("## Title") is,
 * matched in order outside fenced code; 0 if the text does not show it
 * (a Setext heading, an included one). */
static int
heading_line(const struct sg_page *p, const struct sg_heading *h,
    size_t *from)
{
	const char	*s, *e, *end, *t;
	size_t		 i, level, tlen = strlen(h->title);
	int		 line = p->body_line, fence = 0;

	if (p->text == NULL)
		return 0;
	end = p->text + p->len;
	for (s = p->text + p->body_off; s < end; s = e + 1, line++) {
		e = memchr(s, '\n', (size_t)(end - s));
		if (e == NULL)
			e = end;
		for (i = 0; i < 3 && s + i < e && s[i] == ' '; i++)
			;
		if (e - (s + i) >= 3 && (!strncmp(s + i, "```", 3) ||
		    !strncmp(s + i, "~~~", 3)))
			fence = !fence;
		if (fence || (size_t)(s - p->text) < *from)
			continue;
		for (level = 0; s + i + level < e && s[i + level] == '#';
		    level++)
			;
		if (level != (size_t)h->level || s + i + level >= e ||
		    s[i + level] != ' ')
			continue;
		t = s + i + level + 1;
		if ((size_t)(e - t) >= tlen && !strncmp(t, h->title, tlen)) {
			*from = (size_t)(e - p->text);
			return line;
		}
	}
	return 0;
}

void
sg_check_pages(struct sg_site *site)
{
	struct sg_page	**v, *p;
	struct sg_loc	  loc;
	size_t		  i, k, from;
	int		  prev;

	for (i = 0; i < site->npages; i++) {
		p = site->pages[i];
		prev = 1;	/* the page's title is its h1 */
		from = 0;
		for (k = 0; k < p->md.nheadings; k++) {
			loc.file = p->src;
			loc.line = heading_line(p, &p->md.headings[k], &from);
			loc.col = 1;
			if (p->md.headings[k].level > prev + 1)
				sg_diag_rule(site->diag, &loc, 0,
				    "heading-level", "heading '%s' skips a "
				    "level: h%d after h%d (use h%d, or add the "
				    "level between)", p->md.headings[k].title,
				    p->md.headings[k].level, prev, prev + 1);
			prev = p->md.headings[k].level;
		}
	}
	v = xcalloc(site->npages + 1, sizeof(*v));
	memcpy(v, site->pages, site->npages * sizeof(*v));
	sg_sort(v, site->npages, sizeof(*v), cmp_title);
	for (i = 1; i < site->npages; i++) {
		if (strcmp(v[i]->title, v[i - 1]->title) != 0 ||
		    *v[i]->title == '\0')
			continue;
		for (k = i - 1; k > 0 && !strcmp(v[k - 1]->title,
		    v[i]->title); k--)
			;
		loc = page_loc(v[i]);
		sg_diag_rule(site->diag, &loc, 0, "duplicate-title", "the "
		    "title '%s' is also that of %s: give each page its own, "
		    "as tabs, search results and the navigation show it",
		    v[i]->title, v[k]->src);
	}
	free(v);
}
