/* frontmatter.c: a page's front matter keys into struct sg_page: their
 * types, dates with their time of day, aliases, and a "did you mean" for
 * an unknown key that looks like a typo of a known one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "path.h"
#include "site.h"
#include "suggest.h"

/* Front matter keys sitegen reads, and their types (others are kept for
 * templates in page.params). */
enum {
	FM_TITLE, FM_DESCRIPTION, FM_DATE, FM_WEIGHT, FM_TAGS, FM_DRAFT,
	FM_SLUG, FM_TEMPLATE, FM_TOC, FM_ALIASES, FM_NKEYS
};

static const struct {
	const char	*name;
	enum sg_vtype	 type;
} fm_keys[FM_NKEYS] = {
	{ "title", SG_STR },
	{ "description", SG_STR },
	{ "date", SG_STR },
	{ "weight", SG_NUM },
	{ "tags", SG_LIST },
	{ "draft", SG_BOOL },
	{ "slug", SG_STR },
	{ "template", SG_STR },
	{ "toc", SG_BOOL },
	{ "aliases", SG_LIST },
};

/* Reads n digits of s into *v; returns 0 or -1. */
static int
digits(const char *s, int n, int *v)
{
	int	 i;

	for (*v = 0, i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		*v = *v * 10 + (s[i] - '0');
	}
	return 0;
}

/* Parses a front matter date: 2024-05-31, optionally with a time of day
 * (T or a space, HH:MM, :SS, a fraction that is dropped) and a zone (Z,
 * +HH:MM, +HHMM or the same with '-'; UTC without one). Sets *datetime (the caller frees;
 * "2024-05-31T10:30:00Z") and *when. Returns 0, or -1 if s is not such a
 * date. */
static int
parse_date(const char *s, char **datetime, long long *when)
{
	struct tm	 tm;
	int		 y, mo, d, h = 0, mi = 0, sec = 0, zh = 0, zm = 0;
	int		 sign = 0;
	char		 zone[32] = "Z";	/* "Z" or "+hh:mm" */

	if (digits(s, 4, &y) || s[4] != '-' || digits(s + 5, 2, &mo) ||
	    s[7] != '-' || digits(s + 8, 2, &d))
		return -1;
	s += 10;
	if ((*s == 'T' || *s == 't' || *s == ' ') && s[1] != '\0') {
		if (digits(s + 1, 2, &h) || s[3] != ':' || digits(s + 4, 2,
		    &mi))
			return -1;
		s += 6;
		if (*s == ':') {
			if (digits(s + 1, 2, &sec))
				return -1;
			s += 3;
			if (*s == '.')
				for (s++; *s >= '0' && *s <= '9'; s++)
					continue;
		}
		if (*s == ' ')
			s++;
		if (*s == 'Z' || *s == 'z')
			s++;
		else if (*s == '+' || *s == '-') {
			sign = *s == '-' ? -1 : 1;
			if (digits(s + 1, 2, &zh))
				return -1;
			s += 3;
			if (*s == ':')
				s++;
			if (digits(s, 2, &zm) || zh > 23 || zm > 59)
				return -1;
			s += 2;
			snprintf(zone, sizeof(zone), "%c%02d:%02d", sign < 0 ?
			    '-' : '+', zh, zm);
		}
	}
	if (*s != '\0' || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 ||
	    mi > 59 || sec > 60)
		return -1;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	*when = (long long)timegm(&tm) - sign * (zh * 3600LL + zm * 60LL);
	*datetime = xasprintf("%04d-%02d-%02dT%02d:%02d:%02d%s", y, mo, d, h,
	    mi, sec, zone);
	return 0;
}

/* The build's now: SOURCE_DATE_EPOCH when set, else the clock. */
static long long
now(void)
{
	const char	*e = getenv("SOURCE_DATE_EPOCH");
	char		*end;
	long long	 n;

	if (e && *e) {
		n = strtoll(e, &end, 10);
		if (*end == '\0')
			return n;
	}
	return (long long)time(NULL);
}

/* The output path of alias path ("/old/" -> "old/index.html",
 * "/old.html" stays "old.html"), or NULL if it is not a path in the
 * site. The caller frees it. */
static char *
alias_out(const char *path)
{
	const char	*base;
	size_t		 n = strlen(path);

	if (path[0] != '/' || strstr(path, "//") || strstr(path, "/../") ||
	    strstr(path, "/./") || sg_ends_with(path, "/..") ||
	    sg_ends_with(path, "/.") || strpbrk(path, "?#\\\"<>") != NULL)
		return NULL;
	for (base = path; *base; base++)
		if ((unsigned char)*base < 0x20 || *base == 0x7f)
			return NULL;
	if (n == 1)
		return xstrdup("index.html");
	if (path[n - 1] == '/')
		return xasprintf("%sindex.html", path + 1);
	base = sg_path_base(path);
	if (sg_ends_with(base, ".html") || sg_ends_with(base, ".htm"))
		return xstrdup(path + 1);
	return xasprintf("%s/index.html", path + 1);
}

static void
add_alias(struct sg_site *site, struct sg_page *p, const struct sg_value *v)
{
	struct sg_alias	*a;
	char		*out;

	if (v->type != SG_STR || (out = alias_out(v->str)) == NULL) {
		sg_diag_error(site->diag, &v->loc, "alias '%s' must be a path "
		    "in the site starting with '/', like /old/path/ (no "
		    "'..', '?' or '#')", v->str ? v->str : "");
		return;
	}
	p->aliases = xrealloc(p->aliases, (p->naliases + 1) *
	    sizeof(*p->aliases));
	a = &p->aliases[p->naliases++];
	a->path = xstrdup(v->str);
	a->out = out;
	a->loc = v->loc;
}

/* Adds the front matter keys of the taxonomies (site.yml's
 * 'taxonomies:', else categories; tags is a key already) to names. */
static size_t
taxonomy_keys(const struct sg_site *site, const char **names, size_t n,
    size_t max)
{
	const struct sg_value	*t;
	size_t			 i;

	t = site->config.root ? sg_value_get(site->config.root, "taxonomies") :
	    NULL;
	if (t == NULL || t->type == SG_NIL) {
		names[n++] = "categories";
		return n;
	}
	for (i = 0; t->type == SG_MAP && i < t->len && n < max; i++)
		if (t->items[i]->type == SG_STR)
			names[n++] = t->items[i]->str;
	return n;
}

static void
unknown_key(struct sg_site *site, const struct sg_value *fm, size_t i)
{
	const char	*names[FM_NKEYS + 32], *near;
	size_t		 k, n;

	for (k = 0; k < FM_NKEYS; k++)
		names[k] = fm_keys[k].name;
	n = taxonomy_keys(site, names, FM_NKEYS, FM_NKEYS + 32);
	for (k = FM_NKEYS; k < n; k++)
		if (!strcmp(names[k], fm->keys[i]))
			return;		/* a taxonomy's terms */
	if ((near = sg_suggest(fm->keys[i], names, n)) != NULL)
		sg_diag_warn(site->diag, fm->key_locs ? &fm->key_locs[i] :
		    &fm->items[i]->loc, "unknown front matter key '%s': did "
		    "you mean '%s'? (a key of your own is kept for templates "
		    "in page.params)", fm->keys[i], near);
}

/* Reads one key sitegen knows, of the right type, into the page. */
static void
read_key(struct sg_site *site, struct sg_page *p, int k,
    const struct sg_value *v)
{
	const struct sg_value	*t;
	size_t			 i;

	switch (k) {
	case FM_TITLE:
		p->title = xstrdup(v->str);
		break;
	case FM_DESCRIPTION:
		p->description = xstrdup(v->str);
		break;
	case FM_DATE:
		if (parse_date(v->str, &p->datetime, &p->when) == -1) {
			sg_diag_error(site->diag, &v->loc, "front matter "
			    "'date' must look like 2024-05-31 or "
			    "2024-05-31T10:30:00Z, not '%s'", v->str);
			break;
		}
		p->date = xstrndup(v->str, 10);
		p->future = p->when > now();
		break;
	case FM_WEIGHT:
		p->weight = v->num;
		p->has_weight = 1;
		break;
	case FM_TAGS:
		if (v->type == SG_STR)
			break;
		for (i = 0; i < v->len; i++)
			if ((t = v->items[i])->type == SG_LIST ||
			    t->type == SG_MAP || t->type == SG_NIL)
				sg_diag_error(site->diag, &t->loc, "a tag "
				    "must be a string");
		break;
	case FM_DRAFT:
		p->draft = v->b;
		break;
	case FM_SLUG:
		p->slug = xstrdup(v->str);
		if (strchr(v->str, '/') || !strcmp(v->str, ".") ||
		    !strcmp(v->str, "..") || v->str[0] == '\0')
			sg_diag_error(site->diag, &v->loc, "front matter "
			    "'slug' must be one path component (no '/'), not "
			    "'%s'", v->str);
		break;
	case FM_TEMPLATE:
		p->template = xstrdup(v->str);
		break;
	case FM_TOC:
		p->toc = v->b;
		break;
	case FM_ALIASES:
		if (v->type == SG_STR)
			add_alias(site, p, v);
		else
			for (i = 0; i < v->len; i++)
				add_alias(site, p, v->items[i]);
		break;
	}
}

/* Checks and reads the front matter keys of p (p->fm, a map) into the
 * page; reports wrong types and bad values, and warns of unknown keys
 * that look like typos. */
void
sg_fm_read(struct sg_site *site, struct sg_page *p)
{
	const struct sg_value	*v;
	size_t			 i;
	int			 k;

	for (i = 0; i < p->fm->len; i++) {
		v = p->fm->items[i];
		for (k = 0; k < FM_NKEYS; k++)
			if (!strcmp(fm_keys[k].name, p->fm->keys[i]))
				break;
		if (k == FM_NKEYS) {
			unknown_key(site, p->fm, i);
			continue;
		}
		if (v->type == SG_NIL)
			continue;
		if (v->type != fm_keys[k].type && !(fm_keys[k].type ==
		    SG_STR && v->type == SG_NUM) && !(fm_keys[k].type ==
		    SG_LIST && v->type == SG_STR)) {
			sg_diag_error(site->diag, &v->loc, "front matter '%s' "
			    "must be a %s, not a %s", fm_keys[k].name,
			    sg_value_type_name(fm_keys[k].type),
			    sg_value_type_name(v->type));
			continue;
		}
		read_key(site, p, k, v);
	}
}
