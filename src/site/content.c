/* content.c: walks content/, splits front matter from Markdown, and builds
 * the tree of sections and pages with their URLs and order; their
 * taxonomies' terms are taxonomy.c's. */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "out/alias.h"
#include "doc/include.h"
#include "path.h"
#include "pool.h"
#include "site.h"
#include "site/yaml.h"

#define MAX_DEPTH	64	/* folders nested deeper are not walked */

/* A folder by identity, to tell a link that loops back to a folder
 * being walked, or leads to one already walked through another link. */
struct dirid {
	dev_t		 dev;
	ino_t		 ino;
};

struct walk {
	struct sg_site	 *site;
	char		 *real_content;	/* realpath of content/ */
	struct dirid	 *open;		/* the folders being walked, outermost first */
	size_t		  nopen, capopen;
	struct dirid	 *linked;	/* folders walked through a link */
	size_t		  nlinked, caplinked;
	char		**rels;		/* the pages found, loaded after */
	size_t		  nrels, caprels;
	struct sg_page	**pages;	/* the pages loaded, as rels */
	struct sg_buf	  files;	/* '\0'-separated rel paths */
	size_t		  nfiles;
};

static int
is_index(const char *name)
{
	return !strcmp(name, "_index.md") || !strcmp(name, "index.md") ||
	    !strcmp(name, "README.md");
}

static int
index_rank(const char *rel)
{
	const char	*b = sg_path_base(rel);

	return !strcmp(b, "_index.md") ? 0 : !strcmp(b, "index.md") ? 1 :
	    !strcmp(b, "README.md") ? 2 : 3;
}

/* Finds the end of front matter that opens text at *off: returns the
 * offset of its closing line, and sets *after to where the body starts. */
static int
find_close(const char *text, size_t len, size_t off, size_t *yaml_end,
    size_t *after, int *lines)
{
	size_t	 i = off, e;

	*lines = 1;
	while (i < len) {
		e = i;
		while (e < len && text[e] != '\n')
			e++;
		if ((e - i == 3 && (!memcmp(text + i, "---", 3) ||
		    !memcmp(text + i, "...", 3))) || (e - i == 4 &&
		    (!memcmp(text + i, "---\r", 4) ||
		    !memcmp(text + i, "...\r", 4)))) {
			*yaml_end = i;
			*after = e < len ? e + 1 : e;
			return 0;
		}
		i = e + 1;
		(*lines)++;
	}
	return -1;
}

/* Reads one Markdown file into a new page, or returns NULL after a
 * diagnostic. rel is relative to content/. */
static struct sg_page *
load_page(struct sg_site *site, const char *rel)
{
	struct sg_page	*p = xcalloc(1, sizeof(*p));
	struct sg_loc	 loc;
	char		*path;
	size_t		 off = 0, yaml_end, after;
	int		 lines;

	p->rel = xstrdup(rel);
	p->src = xasprintf("content/%s", rel);
	p->toc = 1;
	p->body_line = 1;
	loc.file = p->src;
	loc.line = 1;
	loc.col = 1;
	path = sg_path_join(site->root, p->src);
	p->text = sg_file_read(path, &p->len);
	free(path);
	if (p->text == NULL) {
		sg_diag_error(site->diag, &loc, "cannot read: %s",
		    strerror(errno));
		p->text = xstrdup("");
		return p;
	}
	if (memchr(p->text, '\0', p->len) != NULL) {
		sg_diag_error(site->diag, &loc, "not a text file (it holds NUL "
		    "bytes): a Markdown page must be UTF-8 text");
		return p;
	}
	if (p->len >= 3 && !memcmp(p->text, "\xef\xbb\xbf", 3))
		off = 3;
	if (p->len - off >= 4 && (!memcmp(p->text + off, "---\n", 4) ||
	    (p->len - off >= 5 && !memcmp(p->text + off, "---\r\n", 5)))) {
		off += p->text[off + 3] == '\r' ? 5 : 4;
		if (find_close(p->text, p->len, off, &yaml_end, &after,
		    &lines) == -1) {
			sg_diag_error(site->diag, &loc, "front matter opened "
			    "here is never closed: end it with a line '---'");
			return p;
		}
		if (sg_yaml_parse(p->text + off, yaml_end - off, p->src, 1,
		    site->diag, &p->fm) == -1)
			return p;
		if (p->fm->type == SG_NIL) {
			sg_value_free(p->fm);
			p->fm = NULL;
		} else if (p->fm->type != SG_MAP) {
			sg_diag_error(site->diag, &p->fm->loc, "front matter "
			    "must be a mapping of keys to values, not a %s",
			    sg_value_type_name(p->fm->type));
			sg_value_free(p->fm);
			p->fm = NULL;
		}
		p->body_off = after;
		p->body_line = 2 + lines;
		if (p->fm)
			sg_fm_read(site, p);
	} else
		p->body_off = off;
	return p;
}

static void
add_page(struct walk *w, const char *rel)
{
	if (w->nrels == w->caprels) {
		w->caprels = w->caprels ? w->caprels * 2 : 64;
		w->rels = xrealloc(w->rels, w->caprels * sizeof(*w->rels));
	}
	w->rels[w->nrels++] = xstrdup(rel);
}

/* Loads the i-th page found (a worker of sg_pool_run): pages are read
 * and their front matter parsed on every worker, as they are
 * independent; their order is set by the sort that follows. */
static void
load_one(void *arg, int worker, size_t i)
{
	struct walk	*w = arg;

	(void)worker;
	w->pages[i] = load_page(w->site, w->rels[i]);
	free(w->rels[i]);
}

/* A name in a folder and its type as readdir gives it (d_type). */
struct entry {
	char		*name;
	unsigned char	 type;
};

static int
cmp_entries(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->name,
	    ((const struct entry *)b)->name);
}

static int
find_dir(const struct dirid *v, size_t n, const struct stat *st)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (v[i].dev == st->st_dev && v[i].ino == st->st_ino)
			return 1;
	return 0;
}

static void
push_dir(struct dirid **v, size_t *n, size_t *cap, const struct stat *st)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		*v = xrealloc(*v, *cap * sizeof(**v));
	}
	(*v)[*n].dev = st->st_dev;
	(*v)[(*n)++].ino = st->st_ino;
}

/* Follows the symbolic link content/<child>: sets *st to what it leads
 * to, or returns -1 after a warning (it leads out of content/, to a
 * dotfile, or nowhere) or an error (it loops back to a folder above it).
 * A second link to a folder already walked through a link is skipped. */
static int
follow(struct walk *w, const char *path, const char *child, struct stat *st)
{
	struct sg_site	*site = w->site;
	struct sg_loc	 loc = { NULL, 0, 0 };
	const char	*in;
	char		*real, *src = xasprintf("content/%s", child);
	size_t		 n = strlen(w->real_content);
	int		 rc = -1;

	loc.file = src;
	real = realpath(path, NULL);
	in = real && !strncmp(real, w->real_content, n) && real[n] == '/' ?
	    real + n + 1 : NULL;
	if (stat(path, st) == 0 && S_ISDIR(st->st_mode) &&
	    find_dir(w->open, w->nopen, st))
		sg_diag_error(site->diag, &loc, "a symbolic link that loops "
		    "back to a folder above it (%s): remove it", real &&
		    strcmp(real, w->real_content) ? real + n + 1 : "content/");
	else if (real == NULL || in == NULL || sg_include_hidden(in) ||
	    stat(path, st) == -1)
		sg_diag_warn(site->diag, &loc, "skipped: a symbolic link that "
		    "leads out of content/, to a dotfile or nowhere is not "
		    "published");
	else if (S_ISDIR(st->st_mode) && find_dir(w->linked, w->nlinked, st))
		sg_diag_warn(site->diag, &loc, "skipped: a second symbolic "
		    "link to a folder already published through another");
	else {
		if (S_ISDIR(st->st_mode))
			push_dir(&w->linked, &w->nlinked, &w->caplinked, st);
		rc = 0;
	}
	free(real);
	free(src);
	return rc;
}

/* The type of dir/e: what readdir said when it is a folder, a regular
 * file or something else that is not a link; else what lstat says,
 * following a link that stays in content/. 0 for none to take. Most
 * file systems fill d_type: an lstat a file spared (10,000 of them at
 * 10,000 pages). */
static mode_t
entry_mode(struct walk *w, const char *path, const char *child,
    const struct entry *e)
{
	struct stat	 st;

	switch (e->type) {
	case DT_DIR:
		return S_IFDIR;
	case DT_REG:
		return S_IFREG;
	case DT_LNK:
	case DT_UNKNOWN:
		break;
	default:
		return 0;
	}
	if (lstat(path, &st) == -1 || (S_ISLNK(st.st_mode) &&
	    follow(w, path, child, &st) == -1))
		return 0;
	return st.st_mode;
}

/* Walks content/<rel> in name order: Markdown files become pages, other
 * regular files are listed for copying; dotfiles, and symbolic links
 * that lead out of content/ or loop, are not. */
static void
walk(struct walk *w, const char *rel, int depth)
{
	struct sg_site	*site = w->site;
	struct dirent	*de;
	struct stat	 st;
	struct sg_loc	 loc = { NULL, 0, 0 };
	struct entry	*names = NULL;
	char		*dir, *path, *child;
	size_t		 n = 0, cap = 0, i;
	mode_t		 mode;
	DIR		*dp;

	dir = xasprintf("%s/content%s%s", site->root, *rel ? "/" : "", rel);
	if ((dp = opendir(dir)) == NULL || fstat(dirfd(dp), &st) == -1) {
		loc.file = "content";
		sg_diag_error(site->diag, &loc, "cannot read the folder "
		    "content/%s: %s", rel, strerror(errno));
		if (dp)
			closedir(dp);
		free(dir);
		return;
	}
	push_dir(&w->open, &w->nopen, &w->capopen, &st);
	while ((de = readdir(dp)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			names = xrealloc(names, cap * sizeof(*names));
		}
		names[n].name = xstrdup(de->d_name);
		names[n++].type = de->d_type;
	}
	closedir(dp);
	sg_sort(names, n, sizeof(*names), cmp_entries);
	for (i = 0; i < n; i++) {
		path = xasprintf("%s/%s", dir, names[i].name);
		child = *rel ? xasprintf("%s/%s", rel, names[i].name) :
		    xstrdup(names[i].name);
		mode = entry_mode(w, path, child, &names[i]);
		if (S_ISDIR(mode) && depth < MAX_DEPTH)
			walk(w, child, depth + 1);
		else if (S_ISREG(mode) && sg_ends_with(names[i].name, ".md"))
			add_page(w, child);
		else if (S_ISREG(mode)) {
			sg_buf_put(&w->files, child, strlen(child) + 1);
			w->nfiles++;
		}
		free(path);
		free(child);
		free(names[i].name);
	}
	w->nopen--;
	free(names);
	free(dir);
}

static int
cmp_rel(const void *a, const void *b)
{
	const struct sg_page	*x = *(struct sg_page *const *)a;
	const struct sg_page	*y = *(struct sg_page *const *)b;

	return strcmp(x->rel, y->rel);
}

struct sg_page *
sg_content_find(const struct sg_site *site, const char *rel)
{
	size_t	 lo = 0, hi = site->nall, mid;
	int	 c;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		c = strcmp(rel, site->all[mid]->rel);
		if (c == 0)
			return site->all[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

static struct sg_section *
find_section(struct sg_site *site, const char *dir)
{
	size_t	 i;

	for (i = 0; i < site->nsections; i++)
		if (!strcmp(site->sections[i]->dir, dir))
			return site->sections[i];
	return NULL;
}

/* The section for folder dir, made (with its parents) if need be. */
static struct sg_section *
get_section(struct sg_site *site, const char *dir)
{
	struct sg_section	*s;
	char			*parent, *enc;

	if ((s = find_section(site, dir)) != NULL)
		return s;
	s = xcalloc(1, sizeof(*s));
	s->dir = xstrdup(dir);
	enc = sg_path_url(dir);
	s->url = xasprintf("%s%s%s", site->config.base_path, enc,
	    *dir ? "/" : "");
	free(enc);
	s->out = xasprintf("%s%sindex.html", dir, *dir ? "/" : "");
	if (*dir) {
		parent = sg_path_dir(dir);
		s->parent = get_section(site, parent);
		free(parent);
	}
	site->sections = xrealloc(site->sections, (site->nsections + 1) *
	    sizeof(*site->sections));
	site->sections[site->nsections++] = s;
	return s;
}

/* Gives each page its section, URL and output path. */
static void
place(struct sg_site *site, struct sg_page *p)
{
	struct sg_section	*s;
	char			*dir;

	dir = sg_path_dir(p->rel);
	s = get_section(site, dir);
	p->section = s;
	if (is_index(sg_path_base(p->rel)) && (s->page == NULL ||
	    index_rank(p->rel) < index_rank(s->page->rel))) {
		if (s->page) {
			/* a README.md beside an _index.md is a page */
			s->page->owner = NULL;
			free(s->page->url);
			free(s->page->out);
			s->page->url = s->page->out = NULL;
		}
		s->page = p;
		p->owner = s;
		p->url = xstrdup(s->url);
		p->out = xstrdup(s->out);
	}
	free(dir);
}

/* Gives a page that is no section's index its URL from its slug. */
static void
place_plain(struct sg_page *p)
{
	const char	*base = sg_path_base(p->rel);
	char		*stem, *enc;

	if (p->owner)
		return;
	stem = xstrndup(base, strlen(base) - 3);
	enc = sg_path_url(p->slug ? p->slug : stem);
	p->url = xasprintf("%s%s/", p->section->url, enc);
	free(enc);
	p->out = xasprintf("%s%s%s/index.html", p->section->dir,
	    *p->section->dir ? "/" : "", p->slug ? p->slug : stem);
	free(stem);
}

/* Reads every page under content/ with its front matter and places it in
 * the section tree with its URL. Drafts are left out unless --drafts,
 * pages dated after now unless --future.
 * Returns 0, or -1 if any error was reported. */
int
sg_content_load(struct sg_site *site)
{
	struct walk	 w;
	const char	*f;
	char		*path;
	size_t		 i;

	memset(&w, 0, sizeof(w));
	w.site = site;
	path = sg_path_join(site->root, "content");
	w.real_content = realpath(path, NULL);
	if (w.real_content == NULL)
		w.real_content = path;
	else
		free(path);
	get_section(site, "");
	site->home = site->sections[0];
	walk(&w, "", 0);
	free(w.real_content);
	free(w.open);
	free(w.linked);
	w.pages = xcalloc(w.nrels + 1, sizeof(*w.pages));
	sg_pool_run(site->opt->jobs, w.nrels, load_one, &w);
	free(w.rels);
	site->all = w.pages;
	site->nall = w.nrels;
	sg_sort(site->all, site->nall, sizeof(*site->all), cmp_rel);
	for (i = 0; i < site->nall; i++) {
		site->all[i]->skipped = (site->all[i]->draft &&
		    !site->opt->drafts) || (site->all[i]->future &&
		    !site->opt->future);
		if (!site->all[i]->skipped)
			place(site, site->all[i]);
	}
	for (i = 0; i < site->nall; i++)
		if (!site->all[i]->skipped)
			place_plain(site->all[i]);
	site->files = xcalloc(w.nfiles + 1, sizeof(*site->files));
	for (f = w.files.data, i = 0; i < w.nfiles; i++, f += strlen(f) + 1)
		site->files[i] = xstrdup(f);
	site->nfiles = w.nfiles;
	sg_buf_free(&w.files);
	return sg_diag_errors(site->diag) ? -1 : 0;
}

/* Missing weights sort after all given ones. */
#define NO_WEIGHT	1e300

/* (read from the page, not its front matter: the sort asked the front
 * matter for it twice a comparison, 28 ms on one core at 10,000 pages) */
static double
weight_of(const struct sg_page *p)
{
	return p && p->has_weight ? p->weight : NO_WEIGHT;
}

/* Pages order by weight, then date (newest first), then title, then path. */
static int
cmp_pages(const void *a, const void *b)
{
	const struct sg_page	*x = *(struct sg_page *const *)a;
	const struct sg_page	*y = *(struct sg_page *const *)b;
	double			 wx = weight_of(x), wy = weight_of(y);
	int			 c;

	if (wx != wy)
		return wx < wy ? -1 : 1;
	if ((x->date == NULL) != (y->date == NULL))
		return x->date ? -1 : 1;
	if (x->date && (c = strcmp(y->date, x->date)) != 0)
		return c;
	if (x->date && x->when != y->when)
		return x->when > y->when ? -1 : 1;
	if ((c = strcmp(x->title, y->title)) != 0)
		return c;
	return strcmp(x->rel, y->rel);
}

static int
cmp_sections(const void *a, const void *b)
{
	const struct sg_section	*x = *(struct sg_section *const *)a;
	const struct sg_section	*y = *(struct sg_section *const *)b;
	double			 wx = weight_of(x->page), wy = weight_of(y->page);
	int			 c;

	if (wx != wy)
		return wx < wy ? -1 : 1;
	if ((c = strcmp(x->title, y->title)) != 0)
		return c;
	return strcmp(x->dir, y->dir);
}

/* A title for a folder without an index page: "local-dev" -> "Local dev". */
static char *
folder_title(const char *dir)
{
	char	*t = xstrdup(sg_path_base(dir)), *s;

	for (s = t; *s; s++)
		if (*s == '-' || *s == '_')
			*s = ' ';
	if (t[0] >= 'a' && t[0] <= 'z')
		t[0] = (char)(t[0] - 'a' + 'A');
	return t;
}

/* A title for a page with none in its front matter and no '# heading':
 * its first heading of any level, else its file name made readable
 * ("getting-started.md" -> "Getting started"; an index page takes its
 * folder's), with a warning saying which. */
static char *
fallback_title(struct sg_site *site, const struct sg_page *p)
{
	struct sg_loc	 loc;
	const char	*base = sg_path_base(p->rel);
	char		*dir, *t, *dot;

	loc.file = p->src;
	loc.line = p->body_line > 0 ? p->body_line : 1;
	loc.col = 1;
	if (p->md.nheadings > 0) {
		t = xstrdup(p->md.headings[0].title);
		sg_diag_warn(site->diag, &loc, "this page has no title: "
		    "using its first heading, '%s' (add 'title:' to its front "
		    "matter or start it with a '# Heading')", t);
		return t;
	}
	if (p->owner) {
		dir = sg_path_dir(p->rel);
		t = *dir ? folder_title(dir) : xstrdup(site->config.title);
		free(dir);
	} else {
		t = folder_title(base);
		if ((dot = strrchr(t, '.')) != NULL && dot != t)
			*dot = '\0';
	}
	sg_diag_warn(site->diag, &loc, "this page has no title: using "
	    "'%s' (add 'title:' to its front matter or start it with a "
	    "'# Heading')", t);
	return t;
}

/* Appends a section's index page, its pages, then its child sections,
 * depth first: the reading order of site.pages. */
static void
collect(struct sg_site *site, struct sg_section *s)
{
	size_t	 i;

	if (s->page)
		site->pages[site->npages++] = s->page;
	for (i = 0; i < s->npages; i++)
		site->pages[site->npages++] = s->pages[i];
	for (i = 0; i < s->nsections; i++)
		collect(site, s->sections[i]);
}

/* Rewrites the section list in tree order: parents first, siblings in
 * their order. */
static void
order_sections(struct sg_section **v, size_t *n, struct sg_section *s)
{
	size_t	 i;

	v[(*n)++] = s;
	for (i = 0; i < s->nsections; i++)
		order_sections(v, n, s->sections[i]);
}

static int
cmp_out(const void *a, const void *b)
{
	const struct sg_page	*x = *(struct sg_page *const *)a;
	const struct sg_page	*y = *(struct sg_page *const *)b;
	int			 c = strcmp(x->out, y->out);

	return c ? c : strcmp(x->src, y->src);
}

static void
set_build_date(struct sg_site *site)
{
	const char	*e = getenv("SOURCE_DATE_EPOCH");
	char		 buf[32], *end;
	struct tm	 tm;
	time_t		 t;
	long long	 n;
	size_t		 i;

	if (e && *e) {
		n = strtoll(e, &end, 10);
		t = (time_t)n;
		if (*end == '\0' && gmtime_r(&t, &tm) &&
		    strftime(buf, sizeof(buf), "%Y-%m-%d", &tm) > 0) {
			site->build_date = xstrdup(buf);
			return;
		}
	}
	for (i = 0; i < site->npages; i++)
		if (site->pages[i]->date && (site->build_date == NULL ||
		    strcmp(site->pages[i]->date, site->build_date) > 0)) {
			free(site->build_date);
			site->build_date = xstrdup(site->pages[i]->date);
		}
	if (site->build_date == NULL)
		site->build_date = xstrdup("");
}

int
sg_content_resolve(struct sg_site *site)
{
	struct sg_page		*p, **byout;
	struct sg_section	*s;
	struct sg_loc		 loc;
	size_t			 i, k, n = 0;

	for (i = 0; i < site->nall; i++) {
		p = site->all[i];
		if (p->skipped)
			continue;
		n++;
		if (p->title == NULL && p->md.h1)
			p->title = xstrdup(p->md.h1);
		if (p->title == NULL)
			p->title = fallback_title(site, p);
		if (p->description == NULL)
			p->description = xstrdup("");
		if (!p->owner) {
			s = p->section;
			s->pages = xrealloc(s->pages, (s->npages + 1) *
			    sizeof(*s->pages));
			s->pages[s->npages++] = p;
		}
	}
	for (i = 0; i < site->nsections; i++) {
		s = site->sections[i];
		s->title = s->page ? xstrdup(s->page->title) : *s->dir ?
		    folder_title(s->dir) : xstrdup(site->config.title);
		s->weight = s->page ? weight_of(s->page) : NO_WEIGHT;
		if (s->parent) {
			s->parent->sections = xrealloc(s->parent->sections,
			    (s->parent->nsections + 1) * sizeof(*s->sections));
			s->parent->sections[s->parent->nsections++] = s;
		}
	}
	for (i = 0; i < site->nsections; i++) {
		s = site->sections[i];
		sg_sort(s->pages, s->npages, sizeof(*s->pages), cmp_pages);
		sg_sort(s->sections, s->nsections, sizeof(*s->sections),
		    cmp_sections);
		for (k = 0; k < s->npages; k++) {
			s->pages[k]->prev = k > 0 ? s->pages[k - 1] : NULL;
			s->pages[k]->next = k + 1 < s->npages ?
			    s->pages[k + 1] : NULL;
		}
	}
	site->pages = xcalloc(n + 1, sizeof(*site->pages));
	collect(site, site->home);
	/* sections in tree order too, so templates and output are stable */
	k = 0;
	order_sections(site->sections, &k, site->home);
	for (i = 0; i < site->nsections; i++)
		site->sections[i]->index = i;
	sg_taxonomy_config(site);
	for (i = 0; i < site->npages; i++) {
		p = site->pages[i];
		p->index = i;
	}
	sg_taxonomy_resolve(site);
	set_build_date(site);
	/* Two pages must not claim one URL (a slug, or README.md beside
	 * a page called readme.md). */
	byout = xcalloc(site->npages + 1, sizeof(*byout));
	memcpy(byout, site->pages, site->npages * sizeof(*byout));
	sg_sort(byout, site->npages, sizeof(*byout), cmp_out);
	for (i = 1; i < site->npages; i++)
		if (!strcmp(byout[i - 1]->out, byout[i]->out)) {
			loc.file = byout[i]->src;
			loc.line = 1;
			loc.col = 1;
			sg_diag_error(site->diag, &loc, "this page and %s both "
			    "want the URL %s: give one a different 'slug'",
			    byout[i - 1]->src, byout[i]->url);
		}
	free(byout);
	sg_alias_check(site);
	return sg_diag_errors(site->diag) ? -1 : 0;
}

void
sg_content_free(struct sg_site *site)
{
	struct sg_page		*p;
	struct sg_section	*s;
	size_t			 i, k;

	for (i = 0; i < site->nall; i++) {
		p = site->all[i];
		free(p->src);
		free(p->rel);
		free(p->text);
		sg_value_free(p->fm);
		free(p->title);
		free(p->description);
		free(p->date);
		free(p->datetime);
		for (k = 0; k < p->naliases; k++) {
			free(p->aliases[k].path);
			free(p->aliases[k].out);
		}
		free(p->aliases);
		free(p->slug);
		free(p->template);
		free(p->tags);
		free(p->terms);
		free(p->url);
		free(p->out);
		sg_md_free(&p->md);
		free(p);
	}
	for (i = 0; i < site->nsections; i++) {
		s = site->sections[i];
		free(s->dir);
		free(s->title);
		free(s->url);
		free(s->out);
		free(s->feed);
		free(s->sections);
		free(s->pages);
		free(s);
	}
	sg_taxonomy_free(site);	/* tags too */
	for (i = 0; i < site->nfiles; i++)
		free(site->files[i]);
	free(site->files);
	free(site->all);
	free(site->pages);
	free(site->sections);
	free(site->build_date);
}

int
sg_content_has_file(const struct sg_site *site, const char *rel)
{
	size_t	 lo = 0, hi = site->nfiles, mid;
	int	 c;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if ((c = strcmp(rel, site->files[mid])) == 0)
			return 1;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return 0;
}
