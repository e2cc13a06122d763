/* slides.c: slide decks in Marp's syntax. A thematic break at the top
 * level starts a slide; an HTML comment is a directive ("paginate: true",
 * "_class: lead") or else a speaker note for its slide. Each slide's
 * blocks are moved under a document node of their own while the deck's
 * outputs are made (HTML through html.c, PDF through pdf/), then the
 * page's tree is put back without the notes. */
#include <ctype.h>
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

/* What the directives so far say: global ones carry over to the slides
 * after, local ones ("_class") hold for one slide. */
struct dirs {
	char	*klass, *header, *footer;
	int	 paginate;
};

struct split {
	struct sg_site	*site;
	struct sg_deck	*d;
	struct dirs	 global, local;
	int		 has_local_klass, has_local_header, has_local_footer;
	int		 has_local_paginate, local_paginate;
	struct sg_buf	 notes;
	struct sg_node	**cur;		/* blocks of the slide being read */
	size_t		 ncur;
	int		 line, col;
};

static const char *const known[] = { "class", "paginate", "header",
    "footer", NULL };

static void
error_at(struct split *s, int line, int col, const char *fmt,
    const char *arg)
{
	struct sg_loc	 loc;

	loc.file = s->d->page->src;
	loc.line = line;
	loc.col = col;
	sg_diag_error(s->site->diag, &loc, fmt, arg);
}

static void
set(char **dst, const char *v)
{
	free(*dst);
	*dst = *v ? xstrdup(v) : NULL;
}

/* Reads one "key: value" directive at line, col; value is trimmed. */
static void
directive(struct split *s, const char *key, char *value, int line, int col)
{
	int	 local = key[0] == '_', i, b = -1;
	size_t	 n = strlen(value);

	if (local)
		key++;
	for (i = 0; known[i]; i++)
		if (!strcmp(key, known[i]))
			break;
	if (known[i] == NULL) {
		error_at(s, line, col, "unknown directive '%s' (a deck knows "
		    "class, paginate, header and footer, each also with a "
		    "leading _ for one slide; write a speaker note as "
		    "plain sentences)", key - local);
		return;
	}
	if (n >= 2 && (value[0] == '"' || value[0] == '\'') &&
	    value[n - 1] == value[0]) {
		value[n - 1] = '\0';
		value++;
	}
	if (!strcmp(key, "paginate")) {
		b = !strcmp(value, "true") ? 1 : !strcmp(value, "false") ? 0 :
		    -1;
		if (b == -1) {
			error_at(s, line, col, "paginate must be true or false, "
			    "not '%s'", value);
			return;
		}
		if (local) {
			s->has_local_paginate = 1;
			s->local_paginate = b;
		} else
			s->global.paginate = b;
	} else if (!strcmp(key, "class")) {
		set(local ? &s->local.klass : &s->global.klass, value);
		s->has_local_klass |= local;
	} else if (!strcmp(key, "header")) {
		set(local ? &s->local.header : &s->global.header, value);
		s->has_local_header |= local;
	} else {
		set(local ? &s->local.footer : &s->global.footer, value);
		s->has_local_footer |= local;
	}
}

/* Is every non-blank line of text "key: value" with key a lower-case
 * identifier (maybe after '_')? Then the comment holds directives. */
static int
all_directives(const char *t)
{
	const char	*p = t;
	int		 any = 0;

	while (*p) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\n') {
			p++;
			continue;
		}
		if (*p == '\0')
			break;
		if (*p == '_')
			p++;
		if (!islower((unsigned char)*p))
			return 0;
		while (isalnum((unsigned char)*p) || *p == '_' || *p == '-')
			p++;
		if (*p != ':' || (p[1] != ' ' && p[1] != '\t' && p[1] != '\n' &&
		    p[1] != '\0'))
			return 0;
		any = 1;
		while (*p && *p != '\n')
			p++;
	}
	return any;
}

static void
directives(struct split *s, char *t, int line, int col)
{
	char	*p = t, *e, *key, *v, *end;
	int	 kcol;

	for (; *p; p = *e ? e + 1 : e, line++, col = 1) {
		e = strchr(p, '\n');
		if (e == NULL)
			e = p + strlen(p);
		key = p;
		while (*key == ' ' || *key == '\t')
			key++;
		if (key == e)
			continue;
		kcol = col + (int)(key - p);
		v = strchr(key, ':');
		*v++ = '\0';
		end = e;
		while (v < end && (*v == ' ' || *v == '\t'))
			v++;
		while (end > v && isspace((unsigned char)end[-1]))
			end--;
		v = xstrndup(v, (size_t)(end - v));
		directive(s, key, v, line, kcol);
		free(v);
		if (*e == '\0')
			break;
	}
}

/* Reads the comments of an HTML block: directives or notes. */
static void
comments(struct split *s, const struct sg_node *n)
{
	const char	*t = n->text, *end = t + n->len, *a, *b, *close;
	char		*body;
	int		 line = n->line, col = n->col;

	while ((a = memmem(t, (size_t)(end - t), "<!--", 4)) != NULL) {
		for (; t < a; t++)
			if (*t == '\n') {
				line++;
				col = 1;
			} else
				col++;
		close = memmem(a + 4, (size_t)(end - a - 4), "-->", 3);
		if (close == NULL) {
			error_at(s, line, col, "this comment never closes: end "
			    "the speaker note or directive with -->%s", "");
			return;
		}
		body = xstrndup(a + 4, (size_t)(close - a - 4));
		if (all_directives(body))
			directives(s, body, line, col + 4);
		else {
			a = body;
			while (isspace((unsigned char)*a))
				a++;
			b = a + strlen(a);
			while (b > a && isspace((unsigned char)b[-1]))
				b--;
			if (b > a) {
				if (s->notes.len)
					sg_buf_puts(&s->notes, "\n\n");
				sg_buf_put(&s->notes, a, (size_t)(b - a));
			}
		}
		free(body);
		for (; t < close + 3; t++)
			if (*t == '\n') {
				line++;
				col = 1;
			} else
				col++;
	}
}

static const char *
pick(int has_local, char *local, char *global)
{
	return has_local ? local : global;
}

static char *
first_title(const struct sg_node *root)
{
	const struct sg_node	*c;
	struct sg_buf		 b = { NULL, 0, 0 };

	for (c = root->first; c; c = c->next)
		if (c->kind == SG_NODE_HEADING) {
			sg_node_plain(c, &b);
			return sg_buf_detach(&b);
		}
	return NULL;
}

/* Ends the slide being read: its blocks go under a node of their own. */
static void
end_slide(struct split *s)
{
	struct sg_deck	*d = s->d;
	struct sg_slide	*sl;
	struct sg_node	*root;
	const char	*v;
	char		*prev;
	size_t		 i;

	/* the notes of a slide with nothing on it go to the one before */
	if (s->ncur == 0 && s->notes.len > 0 && d->len > 0) {
		sl = &d->v[d->len - 1];
		sg_buf_puts(&s->notes, "");
		prev = sl->notes;
		sl->notes = xasprintf("%s%s%s", prev ? prev : "", prev ?
		    "\n\n" : "", s->notes.data);
		free(prev);
	}
	if (s->ncur > 0) {
		d->v = xrealloc(d->v, (d->len + 1) * sizeof(*d->v));
		sl = &d->v[d->len++];
		memset(sl, 0, sizeof(*sl));
		root = sg_node_new((struct sg_doc *)d->page->md.doc,
		    SG_NODE_DOCUMENT, s->line, s->col);
		for (i = 0; i < s->ncur; i++) {
			s->cur[i]->parent = root;
			s->cur[i]->prev = i ? s->cur[i - 1] : NULL;
			s->cur[i]->next = i + 1 < s->ncur ? s->cur[i + 1] : NULL;
		}
		root->first = s->ncur ? s->cur[0] : NULL;
		root->last = s->ncur ? s->cur[s->ncur - 1] : NULL;
		sl->root = root;
		sl->line = s->line;
		sl->col = s->col;
		sl->title = first_title(root);
		sl->notes = s->notes.len ? sg_buf_detach(&s->notes) : NULL;
		if ((v = pick(s->has_local_klass, s->local.klass,
		    s->global.klass)))
			sl->klass = xstrdup(v);
		if ((v = pick(s->has_local_header, s->local.header,
		    s->global.header)))
			sl->header = xstrdup(v);
		if ((v = pick(s->has_local_footer, s->local.footer,
		    s->global.footer)))
			sl->footer = xstrdup(v);
		sl->paginate = s->has_local_paginate ? s->local_paginate :
		    s->global.paginate;
		sl->fit = 1;
	}
	sg_buf_free(&s->notes);
	free(s->local.klass);
	free(s->local.header);
	free(s->local.footer);
	memset(&s->local, 0, sizeof(s->local));
	s->has_local_klass = s->has_local_header = s->has_local_footer = 0;
	s->has_local_paginate = 0;
	s->ncur = 0;
}

static char *
fm_str(const struct sg_page *p, const char *key)
{
	const struct sg_value	*v = sg_value_get(p->fm, key);
	const char		*t = v ? sg_value_text(v) : NULL;

	return t && *t ? xstrdup(t) : NULL;
}

/* The front matter's deck settings: size, paginate, header, footer. */
static int
front(struct split *s)
{
	const struct sg_page	*p = s->d->page;
	const struct sg_value	*v = sg_value_get(p->fm, "size");
	const char		*t = v ? sg_value_text(v) : "16:9";
	int			 rc = 0;

	if (t == NULL || (strcmp(t, "16:9") && strcmp(t, "4:3"))) {
		sg_diag_error(s->site->diag, &v->loc, "a deck's size is 16:9 "
		    "or 4:3, not '%s'", t ? t : "(not text)");
		rc = -1;
		t = "16:9";
	}
	s->d->wide = !strcmp(t, "16:9");
	/* points: 10 in by 5.625 in, or 10 in by 7.5 in */
	s->d->width = 720;
	s->d->height = s->d->wide ? 405 : 540;
	v = sg_value_get(p->fm, "paginate");
	if (v && v->type != SG_BOOL) {
		sg_diag_error(s->site->diag, &v->loc, "paginate must be true "
		    "or false, not '%s'", v->str ? v->str : "");
		return -1;
	}
	s->global.paginate = v && v->b;
	s->global.header = fm_str(p, "header");
	s->global.footer = fm_str(p, "footer");
	return rc;
}

static void
split(struct sg_site *site, struct sg_deck *d)
{
	struct split	 s;
	struct sg_node	*root = sg_doc_root(d->page->md.doc), *n;
	size_t		 i;
	struct sg_loc	 loc;

	memset(&s, 0, sizeof(s));
	s.site = site;
	s.d = d;
	if (front(&s) == -1)
		goto out;
	for (n = root->first; n; n = n->next)
		d->nblocks++;
	d->blocks = xcalloc(d->nblocks + 1, sizeof(*d->blocks));
	d->drop = xcalloc(d->nblocks + 1, 1);
	s.cur = xcalloc(d->nblocks + 1, sizeof(*s.cur));
	for (i = 0, n = root->first; n; n = n->next)
		d->blocks[i++] = n;
	s.line = d->page->body_line > 0 ? d->page->body_line : 1;
	s.col = 1;
	for (i = 0; i < d->nblocks; i++) {
		n = d->blocks[i];
		if (n->kind == SG_NODE_THEMATIC_BREAK) {
			end_slide(&s);
			s.line = n->line;
			s.col = n->col;
		} else if (n->kind == SG_NODE_HTML_BLOCK && n->text &&
		    n->len >= 4 && !strncmp(n->text, "<!--", 4)) {
			comments(&s, n);
			d->drop[i] = 1;
		} else {
			if (s.ncur == 0) {
				s.line = n->line;
				s.col = n->col;
			}
			s.cur[s.ncur++] = n;
		}
	}
	end_slide(&s);
	root->first = root->last = NULL;
	if (d->len == 0 && sg_diag_errors(site->diag) == 0) {
		loc = sg_value_get(d->page->fm, "slides")->loc;
		sg_diag_error(site->diag, &loc, "the deck '%s' has no slides: "
		    "write its slides under the front matter, with --- between "
		    "them", d->name);
	}
out:
	free(s.cur);
	free(s.global.klass);
	free(s.global.header);
	free(s.global.footer);
}

/* "day-1" for "course/day-1.md". */
static char *
stem(const char *rel)
{
	const char	*b = strrchr(rel, '/');

	b = b ? b + 1 : rel;
	return sg_ends_with(b, ".md") ? xstrndup(b, strlen(b) - 3) :
	    xstrdup(b);
}

struct sg_decks *
sg_slides_load(struct sg_site *site)
{
	struct sg_decks	*ds = NULL;
	struct sg_deck	*d;
	struct sg_page	*p;
	size_t		 i, k;
	struct sg_loc	 loc;

	for (i = 0; i < site->npages; i++) {
		p = site->pages[i];
		if (!sg_page_is_deck(p) || (p->md.doc == NULL &&
		    sg_md_tree(site, p) == -1))
			continue;
		if (ds == NULL)
			ds = xcalloc(1, sizeof(*ds));
		ds->v = xrealloc(ds->v, (ds->len + 1) * sizeof(*ds->v));
		d = &ds->v[ds->len++];
		memset(d, 0, sizeof(*d));
		d->page = p;
		d->name = p->slug ? xstrdup(p->slug) : stem(p->rel);
		for (k = 0; k + 1 < ds->len; k++)
			if (!strcmp(ds->v[k].name, d->name)) {
				loc.file = p->src;
				loc.line = 1;
				loc.col = 1;
				sg_diag_error(site->diag, &loc, "two decks are "
				    "named '%s' (the other is %s): give one "
				    "another slug", d->name, ds->v[k].page->src);
			}
		d->out_html = xasprintf("slides/%s/index.html", d->name);
		d->out_pdf = xasprintf("slides/%s.pdf", d->name);
		d->out_notes = xasprintf("slides/%s-notes.pdf", d->name);
		split(site, d);
	}
	return ds;
}
