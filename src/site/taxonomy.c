/* taxonomy.c: taxonomies, as Hugo's: 'taxonomies:' in site.yml maps a
 * singular name to a plural one (tag: tags, category: categories by
 * default). The plural is the front matter key that lists a page's terms
 * and the URL of the taxonomy's list page (/categories/); each term gets
 * a page of its own (/categories/SLUG/). Tags keep their own code
 * (content.c, site->tags): their taxonomy borrows them. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "path.h"
#include "site.h"
#include "smap.h"

static const char *const defaults[][2] = {
	{ "tag", "tags" },
	{ "category", "categories" },
};

static void
add(struct sg_site *site, const char *singular, const char *plural,
    const struct sg_loc *loc)
{
	struct sg_taxonomy	*t = xcalloc(1, sizeof(*t));
	char			*enc = sg_path_url(plural);

	t->singular = xstrdup(singular);
	t->plural = xstrdup(plural);
	t->url = xasprintf("%s%s/", site->config.base_path, enc);
	t->out = xasprintf("%s/index.html", plural);
	t->loc = *loc;
	t->index = site->ntaxonomies;
	free(enc);
	site->taxonomies = xrealloc(site->taxonomies, (site->ntaxonomies + 1) *
	    sizeof(*site->taxonomies));
	site->taxonomies[site->ntaxonomies++] = t;
}

/* Is name fit for a URL and a front matter key (letters, digits, '-',
 * '_')? */
static int
plain_name(const char *name)
{
	const char	*s;

	if (*name == '\0')
		return 0;
	for (s = name; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || *s == '-' || *s == '_'))
			return 0;
	return 1;
}

void
sg_taxonomy_config(struct sg_site *site)
{
	const struct sg_value	*v, *e;
	struct sg_loc		 none = { "site.yml", 0, 0 }, loc;
	size_t			 i, k;

	v = site->config.root ? sg_value_get(site->config.root,
	    "taxonomies") : NULL;
	if (v == NULL || v->type == SG_NIL) {
		for (i = 0; i < sizeof(defaults) / sizeof(defaults[0]); i++)
			add(site, defaults[i][0], defaults[i][1], &none);
		return;
	}
	if (v->type != SG_MAP)
		return;		/* config.c reported its type */
	for (i = 0; i < v->len; i++) {
		e = v->items[i];
		loc = v->key_locs ? v->key_locs[i] : e->loc;
		if (e->type != SG_STR || !plain_name(e->str) ||
		    !plain_name(v->keys[i])) {
			sg_diag_error(site->diag, e->type == SG_STR ? &e->loc :
			    &loc, "taxonomies: each entry is 'singular: "
			    "plural', two plain names (letters, digits, '-', "
			    "'_') such as 'category: categories'");
			continue;
		}
		for (k = 0; k < site->ntaxonomies; k++)
			if (!strcmp(site->taxonomies[k]->plural, e->str))
				break;
		if (k < site->ntaxonomies) {
			sg_diag_error(site->diag, &e->loc, "taxonomies: "
			    "'%s' is the plural of two taxonomies", e->str);
			continue;
		}
		add(site, v->keys[i], e->str, &e->loc);
	}
}

int
sg_taxonomy_has(const struct sg_site *site, const char *plural)
{
	size_t	 i;

	for (i = 0; i < site->ntaxonomies; i++)
		if (!strcmp(site->taxonomies[i]->plural, plural))
			return 1;
	return 0;
}

static int
cmp_terms(const void *a, const void *b)
{
	return strcmp((*(struct sg_tag *const *)a)->slug,
	    (*(struct sg_tag *const *)b)->slug);
}

/* Adds page p to the term v of taxonomy t, made if new; slugs maps the
 * slug of each of t's terms to its place in t->terms (looked for in the
 * list, a site of 1,000 terms went through 500 of them for each term a
 * page names). */
static void
add_term(struct sg_site *site, struct sg_taxonomy *t, struct sg_smap *slugs,
    struct sg_page *p, const struct sg_value *v)
{
	struct sg_tag	*g = NULL;
	char		*slug, *enc;
	size_t		*at;

	if ((v->type != SG_STR && v->type != SG_NUM) || v->str == NULL) {
		sg_diag_error(site->diag, &v->loc, "a term of '%s' must be a "
		    "string, not a %s", t->plural,
		    sg_value_type_name(v->type));
		return;
	}
	if (v->str[strspn(v->str, " \t")] == '\0') {
		sg_diag_error(site->diag, &v->loc, "an empty %s: give it a "
		    "name or remove it", t->singular);
		return;
	}
	slug = sg_slugify(v->str);
	if (*slug == '\0') {
		sg_diag_error(site->diag, &v->loc, "the term '%s' of '%s' "
		    "has nothing to make a URL from: give it letters or "
		    "digits", v->str, t->plural);
		free(slug);
		return;
	}
	if ((at = sg_smap_get(slugs, slug, 0, NULL)) != NULL)
		g = t->terms[*at];
	/* two names, one page: say so rather than merge them (names that
	 * differ only in case are one term) */
	if (g && strcasecmp(g->name, v->str) != 0) {
		sg_diag_error(site->diag, &v->loc, "the %s '%s' and '%s' "
		    "both make the page %s/%s/: spell them the same, or "
		    "rename one", t->plural, v->str, g->name, t->plural, slug);
		free(slug);
		return;
	}
	if (g == NULL) {
		g = xcalloc(1, sizeof(*g));
		g->name = xstrdup(v->str);
		g->slug = slug;
		enc = sg_path_url(slug);
		g->url = xasprintf("%s%s/", t->url, enc);
		free(enc);
		g->out = xasprintf("%s/%s/index.html", t->plural, slug);
		g->tax = t;
		t->terms = xrealloc(t->terms, (t->nterms + 1) *
		    sizeof(*t->terms));
		t->terms[t->nterms++] = g;
		*sg_smap_get(slugs, g->slug, 1, NULL) = t->nterms - 1;
	} else
		free(slug);
	/* the pages come in site->pages order, so a page that names a
	 * term twice is its last one; the list doubles when it fills up
	 * (its lengths are 0 and the powers of two) */
	if (g->npages > 0 && g->pages[g->npages - 1] == p)
		return;
	if ((g->npages & (g->npages - 1)) == 0)
		g->pages = xrealloc(g->pages, (g->npages ? 2 * g->npages : 1) *
		    sizeof(*g->pages));
	g->pages[g->npages++] = p;
	p->terms = xrealloc(p->terms, (p->nterms + 1) * sizeof(*p->terms));
	p->terms[p->nterms++] = g;
	if (!strcmp(t->plural, "tags")) {	/* also page.tags */
		p->tags = xrealloc(p->tags, (p->ntags + 1) * sizeof(*p->tags));
		p->tags[p->ntags++] = g;
	}
}

void
sg_taxonomy_resolve(struct sg_site *site)
{
	struct sg_taxonomy	*t;
	const struct sg_value	*v;
	struct sg_smap		 slugs;
	size_t			 i, k, j, n = 0;

	for (i = 0; i < site->ntaxonomies; i++) {
		t = site->taxonomies[i];
		memset(&slugs, 0, sizeof(slugs));
		for (k = 0; k < site->npages; k++) {
			if (site->pages[k]->fm == NULL ||
			    (v = sg_value_get(site->pages[k]->fm,
			    t->plural)) == NULL || v->type == SG_NIL)
				continue;
			if (v->type != SG_LIST)
				add_term(site, t, &slugs, site->pages[k], v);
			else
				for (j = 0; j < v->len; j++)
					add_term(site, t, &slugs,
					    site->pages[k], v->items[j]);
		}
		sg_smap_free(&slugs);
		sg_sort(t->terms, t->nterms, sizeof(*t->terms), cmp_terms);
		if (!strcmp(t->plural, "tags")) {	/* also site.tags */
			site->tags = t->terms;
			site->ntags = t->nterms;
		}
		n += t->nterms;
	}
	site->terms = xcalloc(n + 1, sizeof(*site->terms));
	for (i = 0; i < site->ntaxonomies; i++) {
		t = site->taxonomies[i];
		for (k = 0; k < t->nterms; k++) {
			t->terms[k]->tax = t;
			t->terms[k]->index = site->nterms;
			site->terms[site->nterms++] = t->terms[k];
		}
	}
}

void
sg_taxonomy_free(struct sg_site *site)
{
	struct sg_taxonomy	*t;
	size_t			 i, k;

	for (i = 0; i < site->ntaxonomies; i++) {
		t = site->taxonomies[i];
		for (k = 0; k < t->nterms; k++) {
			free(t->terms[k]->name);
			free(t->terms[k]->slug);
			free(t->terms[k]->url);
			free(t->terms[k]->out);
			free(t->terms[k]->pages);
			free(t->terms[k]);
		}
		free(t->terms);
		free(t->singular);
		free(t->plural);
		free(t->url);
		free(t->out);
		free(t);
	}
	free(site->taxonomies);
	free(site->terms);
	site->tags = NULL;	/* the terms of tags, freed above */
	site->ntags = 0;
	site->taxonomies = NULL;
	site->terms = NULL;
	site->ntaxonomies = site->nterms = 0;
}
