/* i18n.c: the texts of the site's language (i18n.h): read from the
 * site's and the theme's i18n/ files at load, looked up by key with a
 * binary search over all of them merged, the first file in the order of
 * i18n.h winning. */
#include <sys/stat.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "path.h"
#include "site.h"
#include "site/i18n.h"
#include "site/yaml.h"

/* every file sg_i18n_load may read: 3 languages, the site's folder and
 * the theme's, .yml and .yaml */
#define MAX_FILES	(3 * 2 * 2)

struct entry {
	const char		*key;
	const struct sg_value	*v;
	size_t			 order;		/* in the files, in turn */
};

struct sg_i18n {
	struct sg_value	*files[MAX_FILES];	/* read, first wins */
	char		*names[MAX_FILES];	/* their paths, for locations */
	size_t		 nfiles;
	struct entry	*e;			/* every key, sorted */
	size_t		 n;
	const char	*months[12];		/* "months", or none */
	char		*where;			/* for messages */
};

static int
cmp_key(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->key,
	    ((const struct entry *)b)->key);
}

/* By key, then by the order of the files: the first of a key wins. */
static int
cmp_entry(const void *a, const void *b)
{
	const struct entry	*x = a, *y = b;
	int			 c = strcmp(x->key, y->key);

	return c ? c : x->order < y->order ? -1 : x->order > y->order;
}

/* The languages looked up, in order: the tag in lower case with '_' made
 * '-' ("pt-br"), its first part ("pt"), English. Sets v[0..] to copies
 * the caller frees; returns how many. */
static size_t
languages(const char *lang, char *v[3])
{
	size_t	 n = 0, i;
	char	*l = xstrdup(*lang ? lang : "en"), *dash;

	for (i = 0; l[i]; i++) {
		if (l[i] >= 'A' && l[i] <= 'Z')
			l[i] = (char)(l[i] - 'A' + 'a');
		else if (l[i] == '_')
			l[i] = '-';
	}
	v[n++] = l;
	if ((dash = strchr(l, '-')) != NULL && dash > l)
		v[n++] = xstrndup(l, (size_t)(dash - l));
	for (i = 0; i < n && strcmp(v[i], "en"); i++)
		;
	if (i == n)
		v[n++] = xstrdup("en");
	return n;
}

/* Is v a text: a scalar (a number or yes keeps its spelling)? */
static int
is_text(const struct sg_value *v)
{
	return v->type == SG_STR || v->type == SG_NUM || v->type == SG_BOOL;
}

/* Checks the value of key in a file. Returns 0, or -1 after reporting. */
static int
check_value(struct sg_site *site, const char *key, const struct sg_value *v)
{
	static const char *const forms[] = { "zero", "one", "other", NULL };
	size_t	 i, k;

	if (!strcmp(key, "months")) {
		if (v->type == SG_LIST && v->len == 12) {
			for (i = 0; i < 12 && is_text(v->items[i]); i++)
				;
			if (i == 12)
				return 0;
		}
		sg_diag_error(site->diag, &v->loc, "'months' must be a list "
		    "of the twelve months' names, January first");
		return -1;
	}
	if (is_text(v))
		return 0;
	if (v->type != SG_MAP) {
		sg_diag_error(site->diag, &v->loc, "'%s' must be a text, or "
		    "texts by count (one: and other:), not a %s", key,
		    sg_value_type_name(v->type));
		return -1;
	}
	for (i = 0; i < v->len; i++) {
		for (k = 0; forms[k] && strcmp(forms[k], v->keys[i]); k++)
			;
		if (forms[k] == NULL || !is_text(v->items[i])) {
			sg_diag_error(site->diag, forms[k] ? &v->items[i]->loc :
			    &v->key_locs[i], forms[k] ? "the form '%s' of '%s' "
			    "must be a text" : "'%s' is not a form of '%s' by "
			    "count: zero, one or other", v->keys[i], key);
			return -1;
		}
	}
	if (sg_value_get(v, "other") == NULL) {
		sg_diag_error(site->diag, &v->loc, "'%s' has texts by count "
		    "but no 'other:', the text for most counts", key);
		return -1;
	}
	return 0;
}

/* Reads the file at rel (under the site root) if it exists, into t.
 * dir is the folder a link in its place must lead into. Returns 0, or
 * -1 after reporting. */
static int
read_file(struct sg_site *site, struct sg_i18n *t, const char *dir,
    const char *rel)
{
	struct sg_loc	 loc = { NULL, 0, 0 };
	struct sg_value	*v = NULL;
	struct stat	 st;
	char		*path = sg_path_join(site->root, rel), *top, *text;
	size_t		 len, i;
	int		 rc = -1;

	if (lstat(path, &st) == -1) {
		free(path);
		return 0;
	}
	loc.file = t->names[t->nfiles] = xstrdup(rel);
	top = sg_path_join(site->root, dir);
	if (!sg_path_file_inside(top, path))
		sg_diag_error(site->diag, &loc, "not read: the texts of a "
		    "language are read from a regular file inside %s/ (a "
		    "symbolic link must lead to one)", dir);
	else if ((text = sg_file_read(path, &len)) == NULL)
		sg_diag_error(site->diag, &loc, "cannot read: %s",
		    strerror(errno));
	else {
		if (sg_yaml_parse(text, len, loc.file, 0, site->diag,
		    &v) == 0) {
			if (v->type == SG_NIL || v->type == SG_MAP)
				rc = 0;
			else
				sg_diag_error(site->diag, &v->loc, "the texts "
				    "of a language must be a map of keys to "
				    "texts, not a %s",
				    sg_value_type_name(v->type));
		}
		free(text);
	}
	free(top);
	free(path);
	for (i = 0; rc == 0 && v->type == SG_MAP && i < v->len; i++)
		rc = check_value(site, v->keys[i], v->items[i]);
	t->files[t->nfiles++] = v;
	return rc;
}

/* Every key of the files, the first file's where two have one. */
static void
merge(struct sg_i18n *t)
{
	const struct sg_value	*v;
	size_t			 f, i, n = 0, k, w;

	for (f = 0; f < t->nfiles; f++)
		if (t->files[f] && t->files[f]->type == SG_MAP)
			n += t->files[f]->len;
	t->e = xcalloc(n ? n : 1, sizeof(*t->e));
	for (f = 0; f < t->nfiles; f++)
		for (i = 0; (v = t->files[f]) && v->type == SG_MAP &&
		    i < v->len; i++) {
			t->e[t->n].key = v->keys[i];
			t->e[t->n].order = t->n;
			t->e[t->n++].v = v->items[i];
		}
	sg_sort(t->e, t->n, sizeof(*t->e), cmp_entry);
	for (k = w = 0; k < t->n; k++)
		if (w == 0 || strcmp(t->e[w - 1].key, t->e[k].key))
			t->e[w++] = t->e[k];
	t->n = w;
	if ((v = sg_i18n_get(t, "months")) != NULL && v->type == SG_LIST &&
	    v->len == 12)
		for (i = 0; i < 12; i++)
			t->months[i] = sg_value_text(v->items[i]);
}

int
sg_i18n_load(struct sg_site *site)
{
	const char	*theme = site->config.theme;
	struct sg_i18n	*t = xcalloc(1, sizeof(*t));
	struct sg_buf	 where = { NULL, 0, 0 };
	char		*lang[3], *dirs[2], *rel;
	size_t		 nl, l, d, e;
	int		 bad = 0;

	sg_i18n_free(site->config.i18n);
	site->config.i18n = t;
	nl = languages(site->config.language, lang);
	dirs[0] = xstrdup("i18n");
	dirs[1] = *theme ? xasprintf("themes/%s/i18n", theme) : NULL;
	for (l = 0; l < nl; l++)
		for (d = 0; d < 2 && dirs[d]; d++) {
			sg_buf_printf(&where, "%s%s/%s.yml", where.len ?
			    " or " : "", dirs[d], lang[l]);
			for (e = 0; e < 2; e++) {
				rel = xasprintf("%s/%s.%s", dirs[d], lang[l],
				    e ? "yaml" : "yml");
				bad += read_file(site, t, dirs[d], rel) == -1;
				free(rel);
			}
		}
	for (l = 0; l < nl; l++)
		free(lang[l]);
	free(dirs[0]);
	free(dirs[1]);
	t->where = sg_buf_detach(&where);
	merge(t);
	return bad ? -1 : 0;
}

void
sg_i18n_free(struct sg_i18n *t)
{
	size_t	 i;

	if (t == NULL)
		return;
	for (i = 0; i < t->nfiles; i++) {
		sg_value_free(t->files[i]);
		free(t->names[i]);
	}
	free(t->e);
	free(t->where);
	free(t);
}

const struct sg_value *
sg_i18n_get(const struct sg_i18n *t, const char *key)
{
	struct entry	 k = { key, NULL, 0 }, *e;

	if (t == NULL || t->n == 0)
		return NULL;
	e = bsearch(&k, t->e, t->n, sizeof(*t->e), cmp_key);
	return e ? e->v : NULL;
}

const char *
sg_i18n_form(const struct sg_value *v, long n)
{
	const struct sg_value	*f = NULL;

	if (v == NULL || v->type != SG_MAP)
		return sg_value_text(v);
	if (n == 0)
		f = sg_value_get(v, "zero");
	if (f == NULL && n == 1)
		f = sg_value_get(v, "one");
	if (f == NULL)
		f = sg_value_get(v, "other");
	return sg_value_text(f);
}

const char *
sg_i18n_text(const struct sg_i18n *t, const char *key, long n,
    const char *english)
{
	const char	*text = sg_i18n_form(sg_i18n_get(t, key), n);

	return text ? text : english;
}

char *
sg_i18n_format(const struct sg_i18n *t, const char *key, const char *english,
    size_t n, size_t total)
{
	const char	*p = sg_i18n_text(t, key, (long)n, english);
	struct sg_buf	 b = { NULL, 0, 0 };

	for (sg_buf_put(&b, "", 0); *p; p++) {
		if (!strncmp(p, "{n}", 3)) {
			sg_buf_printf(&b, "%zu", n);
			p += 2;
		} else if (!strncmp(p, "{total}", 7)) {
			sg_buf_printf(&b, "%zu", total);
			p += 6;
		} else
			sg_buf_putc(&b, *p);
	}
	return sg_buf_detach(&b);
}

const char *
sg_i18n_alert(const struct sg_i18n *t, int kind)
{
	static const char *const key[] = { "alert_note", "alert_tip",
	    "alert_important", "alert_warning", "alert_caution" };
	static const char *const english[] = { "Note", "Tip", "Important",
	    "Warning", "Caution" };

	if (kind < 0 || kind > 4)
		kind = 0;
	return sg_i18n_text(t, key[kind], -1, english[kind]);
}

size_t
sg_i18n_len(const struct sg_i18n *t)
{
	return t ? t->n : 0;
}

const char *
sg_i18n_key(const struct sg_i18n *t, size_t i, const struct sg_value **v)
{
	*v = t->e[i].v;
	return t->e[i].key;
}

const char *
sg_i18n_where(const struct sg_i18n *t)
{
	return t && t->where ? t->where : "i18n/en.yml";
}

size_t
sg_i18n_strftime(const struct sg_i18n *t, char *buf, size_t size,
    const char *fmt, const struct tm *tm)
{
	char		 f[512];
	const char	*p, *name;
	size_t		 n = 0;

	if (size == 0)
		return 0;
	if (t == NULL || t->months[0] == NULL || strstr(fmt, "%B") == NULL ||
	    tm->tm_mon < 0 || tm->tm_mon > 11)
		return strftime(buf, size, fmt, tm);
	/* the format with the month's name in place of %B, each '%' of
	 * the name doubled: strftime then puts it as it is */
	for (p = fmt; *p && n + 2 < sizeof(f); p++) {
		if (p[0] == '%' && p[1] == 'B') {
			for (name = t->months[tm->tm_mon]; *name &&
			    n + 2 < sizeof(f); name++) {
				if (*name == '%')
					f[n++] = '%';
				f[n++] = *name;
			}
			if (*name != '\0')
				return 0;
			p++;
		} else if (p[0] == '%' && p[1] != '\0') {
			f[n++] = *p++;
			f[n++] = *p;
		} else
			f[n++] = *p;
	}
	if (*p != '\0')
		return 0;		/* over 500 bytes */
	f[n] = '\0';
	return strftime(buf, size, f, tm);
}
