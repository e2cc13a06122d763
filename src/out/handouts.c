/* handouts.c: site.yml's handouts: (a name, a title, an optional
 * subtitle, and the sections: and pages: each holds, in order) and pdf:
 * (paper, font, mono) into struct sg_handouts. Without handouts: there is
 * one handout, "guide", of the whole site. */
#include <stdlib.h>
#include <string.h>

#include "out/handouts.h"
#include "site.h"

#define PT_PER_MM	(72.0 / 25.4)

static void
add_page(struct sg_handout *h, struct sg_page *p)
{
	size_t	 i;

	for (i = 0; i < h->npages; i++)
		if (h->pages[i] == p)
			return;
	h->pages = xrealloc(h->pages, (h->npages + 1) * sizeof(*h->pages));
	h->pages[h->npages++] = p;
}

/* A section's own page, its pages, then its sections, as the navigation
 * lists them. */
static void
add_section(struct sg_handout *h, const struct sg_section *s)
{
	size_t	 i;

	if (s->page && !s->page->skipped)
		add_page(h, s->page);
	for (i = 0; i < s->npages; i++)
		if (!s->pages[i]->skipped)
			add_page(h, s->pages[i]);
	for (i = 0; i < s->nsections; i++)
		add_section(h, s->sections[i]);
}

static const struct sg_section *
find_section(const struct sg_site *site, const char *dir)
{
	size_t	 i, n = strlen(dir);

	while (n > 0 && dir[n - 1] == '/')
		n--;
	for (i = 0; i < site->nsections; i++)
		if (strlen(site->sections[i]->dir) == n &&
		    strncmp(site->sections[i]->dir, dir, n) == 0)
			return site->sections[i];
	return NULL;
}

/* One entry of sections: or pages:; a folder under pages: is taken as
 * its section. Returns 0, or -1 after reporting. */
static int
add_entry(struct sg_site *site, struct sg_handout *h,
    const struct sg_value *v, int section)
{
	const struct sg_section	*s;
	struct sg_page		*p;
	const char		*path;

	if (v->type != SG_STR) {
		sg_diag_error(site->diag, &v->loc, "a handout's %s are paths "
		    "under content/, not a %s", section ? "sections" : "pages",
		    sg_value_type_name(v->type));
		return -1;
	}
	path = v->str;
	if (!strcmp(path, "/") || !strcmp(path, ".") || !*path)
		path = "";
	if (!section && (p = sg_content_find(site, path)) != NULL &&
	    !p->skipped) {
		add_page(h, p);
		return 0;
	}
	if ((s = find_section(site, path)) != NULL) {
		add_section(h, s);
		return 0;
	}
	sg_diag_error(site->diag, &v->loc, "handout '%s': no %s '%s' under "
	    "content/ (%s)", h->name, section ? "section" : "page", v->str,
	    section ? "sections: takes folders of content/, like 'guide'" :
	    "pages: takes paths of pages under content/, like "
	    "'guide/intro.md', or folders");
	return -1;
}

static int
good_name(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		    (*s >= 'A' && *s <= 'Z') || *s == '-' || *s == '_' ||
		    *s == '.'))
			return 0;
	return 1;
}

static const char *
str_of(struct sg_site *site, const struct sg_value *map, const char *key,
    int *bad)
{
	const struct sg_value	*v = sg_value_get(map, key);

	if (v == NULL || v->type == SG_NIL)
		return NULL;
	if (v->type == SG_LIST || v->type == SG_MAP) {
		sg_diag_error(site->diag, &v->loc, "'%s' must be a string, not "
		    "a %s", key, sg_value_type_name(v->type));
		(*bad)++;
		return NULL;
	}
	return sg_value_text(v);
}

static int
load_one(struct sg_site *site, struct sg_handouts *hs,
    const struct sg_value *e)
{
	struct sg_handout	*h;
	const char		*name, *title, *sub;
	size_t			 i, k;
	int			 bad = 0, any = 0;

	if (e->type != SG_MAP) {
		sg_diag_error(site->diag, &e->loc, "a handout is a mapping with "
		    "name, title and sections or pages, not a %s",
		    sg_value_type_name(e->type));
		return -1;
	}
	name = str_of(site, e, "name", &bad);
	title = str_of(site, e, "title", &bad);
	sub = str_of(site, e, "subtitle", &bad);
	if (bad)
		return -1;
	if (name == NULL || !good_name(name) || title == NULL) {
		sg_diag_error(site->diag, &e->loc, "a handout needs a name "
		    "(letters, digits, '-', '_') and a title");
		return -1;
	}
	for (i = 0; i < hs->len; i++)
		if (!strcmp(hs->v[i].name, name)) {
			sg_diag_error(site->diag, &e->loc, "a second handout "
			    "named '%s'", name);
			return -1;
		}
	hs->v = xrealloc(hs->v, (hs->len + 1) * sizeof(*hs->v));
	h = &hs->v[hs->len++];
	memset(h, 0, sizeof(*h));
	h->name = xstrdup(name);
	h->title = xstrdup(title);
	h->subtitle = sub ? xstrdup(sub) : NULL;
	h->loc = e->loc;
	for (i = 0; i < e->len; i++) {
		int section = !strcmp(e->keys[i], "sections");
		const struct sg_value *l = e->items[i];

		if (!section && strcmp(e->keys[i], "pages") != 0)
			continue;
		any = 1;
		if (l->type == SG_STR) {
			bad += add_entry(site, h, l, section) != 0;
			continue;
		}
		if (l->type != SG_LIST) {
			sg_diag_error(site->diag, &l->loc, "'%s' must be a list "
			    "of paths, not a %s", e->keys[i],
			    sg_value_type_name(l->type));
			bad++;
			continue;
		}
		for (k = 0; k < l->len; k++)
			bad += add_entry(site, h, l->items[k], section) != 0;
	}
	if (!any) {
		sg_diag_error(site->diag, &e->loc, "handout '%s' names no "
		    "sections or pages", name);
		bad++;
	}
	return bad ? -1 : 0;
}

static int
load_pdf(struct sg_site *site, struct sg_handouts *hs)
{
	const struct sg_value	*pdf = sg_value_get(site->config.root, "pdf");
	const struct sg_value	*v;
	const char		*paper = "a4";
	int			 bad = 0;

	hs->font = xstrdup("DejaVu Sans");
	hs->mono = xstrdup("DejaVu Sans Mono");
	if (pdf == NULL || pdf->type == SG_NIL)
		goto paper;
	if (pdf->type != SG_MAP) {
		sg_diag_error(site->diag, &pdf->loc, "'pdf' must be a mapping "
		    "(paper, font, mono), not a %s",
		    sg_value_type_name(pdf->type));
		return -1;
	}
	if ((v = sg_value_get(pdf, "font")) && sg_value_text(v)) {
		free(hs->font);
		hs->font = xstrdup(sg_value_text(v));
		hs->font_loc = v->loc;
	}
	if ((v = sg_value_get(pdf, "mono")) && sg_value_text(v)) {
		free(hs->mono);
		hs->mono = xstrdup(sg_value_text(v));
		hs->mono_loc = v->loc;
	}
	if ((v = sg_value_get(pdf, "paper")) && sg_value_text(v)) {
		paper = sg_value_text(v);
		if (strcmp(paper, "a4") && strcmp(paper, "letter")) {
			sg_diag_error(site->diag, &v->loc, "pdf.paper is a4 "
			    "or letter, not '%s'", paper);
			bad++;
		}
	}
paper:
	if (!strcmp(paper, "letter")) {
		hs->width = 612;
		hs->height = 792;
	} else {
		hs->width = 210 * PT_PER_MM;
		hs->height = 297 * PT_PER_MM;
	}
	return bad ? -1 : 0;
}

struct sg_handouts *
sg_handouts_load(struct sg_site *site)
{
	struct sg_handouts	*hs = xcalloc(1, sizeof(*hs));
	const struct sg_value	*list;
	struct sg_handout	*h;
	size_t			 i;
	int			 bad = 0;

	bad += load_pdf(site, hs) != 0;
	list = sg_value_get(site->config.root, "handouts");
	if (list == NULL) {
		hs->v = xcalloc(1, sizeof(*hs->v));
		hs->len = 1;
		h = &hs->v[0];
		h->name = xstrdup("guide");
		h->title = xstrdup(site->config.title ? site->config.title :
		    "");
		h->subtitle = site->config.description &&
		    *site->config.description ?
		    xstrdup(site->config.description) : NULL;
		h->loc.file = "site.yml";
		add_section(h, site->home);
	} else if (list->type == SG_LIST) {
		for (i = 0; i < list->len; i++)
			bad += load_one(site, hs, list->items[i]) != 0;
	} else if (list->type != SG_NIL) {
		sg_diag_error(site->diag, &list->loc, "'handouts' must be a "
		    "list of handouts (name, title, sections, pages), not a %s",
		    sg_value_type_name(list->type));
		bad++;
	}
	for (i = 0; i < hs->len; i++) {
		h = &hs->v[i];
		h->out = xasprintf("handouts/%s.pdf", h->name);
		h->url = xasprintf("%s%s", site->config.base_path, h->out);
	}
	if (bad) {
		sg_handouts_free(hs);
		return NULL;
	}
	return hs;
}

static int
cmp_page(const void *a, const void *b)
{
	const struct sg_page	*x = *(struct sg_page *const *)a;
	const struct sg_page	*y = *(struct sg_page *const *)b;

	return x->index < y->index ? -1 : x->index > y->index;
}

void
sg_handouts_pages(struct sg_handouts *hs)
{
	size_t	 i, k, n = 0;

	free(hs->pages);
	hs->pages = NULL;
	for (i = 0; i < hs->len; i++)
		n += hs->v[i].npages;
	hs->pages = xcalloc(n ? n : 1, sizeof(*hs->pages));
	hs->npages = 0;
	for (i = 0; i < hs->len; i++)
		for (k = 0; k < hs->v[i].npages; k++)
			hs->pages[hs->npages++] = hs->v[i].pages[k];
	sg_sort(hs->pages, hs->npages, sizeof(*hs->pages), cmp_page);
	for (i = k = 0; i < hs->npages; i++)
		if (k == 0 || hs->pages[k - 1] != hs->pages[i])
			hs->pages[k++] = hs->pages[i];
	hs->npages = k;
}

int
sg_handout_has(const struct sg_handout *h, const struct sg_page *p)
{
	size_t	 i;

	for (i = 0; i < h->npages; i++)
		if (h->pages[i] == p)
			return 1;
	return 0;
}

void
sg_handouts_free(struct sg_handouts *hs)
{
	size_t	 i;

	if (hs == NULL)
		return;
	for (i = 0; hs->bufs && i < hs->len; i++)
		sg_buf_free(&hs->bufs[i]);
	free(hs->bufs);
	free(hs->pages);
	for (i = 0; i < hs->len; i++) {
		free(hs->v[i].name);
		free(hs->v[i].title);
		free(hs->v[i].subtitle);
		free(hs->v[i].out);
		free(hs->v[i].url);
		free(hs->v[i].pages);
	}
	free(hs->v);
	free(hs->font);
	free(hs->mono);
	free(hs);
}
