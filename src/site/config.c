/* config.c: site.yml into struct sg_config, with defaults; unknown keys are
 * warnings, wrong types are errors, all at site.yml's own lines. */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "site.h"
#include "path.h"
#include "suggest.h"
#include "site/i18n.h"
#include "site/yaml.h"

#define CONFIG_FILE	"site.yml"

/* The keys site.yml may hold and the type each must have. */
struct key {
	const char	*name;
	enum sg_vtype	 type;
};

static const struct key top_keys[] = {
	{ "title", SG_STR },
	{ "description", SG_STR },
	{ "base_url", SG_STR },
	{ "language", SG_STR },
	{ "theme", SG_STR },
	{ "author", SG_STR },
	{ "copyright", SG_STR },
	{ "markdown", SG_MAP },
	{ "params", SG_MAP },
	{ "samples", SG_MAP },
	{ "secrets", SG_MAP },
	{ "handouts", SG_LIST },	/* read by handouts.c */
	{ "pdf", SG_MAP },
	{ "links", SG_MAP },
	{ "nav", SG_STR },
	{ "taxonomies", SG_MAP },	/* read by taxonomy.c */
	{ "feeds", SG_MAP },
	{ NULL, SG_NIL }
};

static const struct key samples_keys[] = {
	{ "cc", SG_STR },
	{ "cflags", SG_STR },
	{ "ldflags", SG_STR },
	{ "timeout", SG_NUM },
	{ "max_output", SG_NUM },
	{ "memory", SG_NUM },		/* read by samples_limits.c */
	{ "disk", SG_NUM },
	{ "unsafe_flags", SG_BOOL },
	{ "mode", SG_STR },
	{ "sections", SG_MAP },
	{ NULL, SG_NIL }
};

#define DEFAULT_CFLAGS	"-std=c11 -Wall -Wextra -Werror -g " \
			"-fsanitize=address,undefined"
#define DEFAULT_TIMEOUT	10.0
#define DEFAULT_OUTPUT	(1024.0 * 1024.0)

static const struct key feeds_keys[] = {
	{ "sections", SG_BOOL },	/* read by feeds.c */
	{ NULL, SG_NIL }
};

static const struct key markdown_keys[] = {
	{ "unsafe", SG_BOOL },
	{ "toc_depth", SG_NUM },
	{ NULL, SG_NIL }
};

/* The known key closest to the unknown key name, or NULL. */
static const char *
close_key(const char *name, const struct key *keys)
{
	const char	*names[32];
	size_t		 n;

	for (n = 0; keys[n].name && n < 32; n++)
		names[n] = keys[n].name;
	return sg_suggest(name, names, n);
}

/* Checks the entries of map against keys: warns of unknown ones (at the
 * key, with the known key it looks like a typo of) and reports wrong
 * types. Returns the number of errors. */
static int
check_keys(struct sg_diag *d, const struct sg_value *map,
    const struct key *keys, const char *where)
{
	const struct key	*k;
	const struct sg_value	*v;
	const char		*near;
	size_t			 i;
	int			 bad = 0;

	for (i = 0; i < map->len; i++) {
		v = map->items[i];
		for (k = keys; k->name; k++)
			if (strcmp(k->name, map->keys[i]) == 0)
				break;
		if (k->name == NULL && (near = close_key(map->keys[i],
		    keys)) != NULL) {
			sg_diag_warn(d, map->key_locs ? &map->key_locs[i] :
			    &v->loc, "unknown key '%s%s': did you mean "
			    "'%s%s'?", where, map->keys[i], where, near);
			continue;
		}
		if (k->name == NULL) {
			sg_diag_warn(d, map->key_locs ? &map->key_locs[i] :
			    &v->loc, "unknown key '%s%s' (it is kept in "
			    "site.params but sitegen does not use it)", where,
			    map->keys[i]);
			continue;
		}
		if (v->type != k->type && v->type != SG_NIL &&
		    !(k->type == SG_STR && (v->type == SG_NUM ||
		    v->type == SG_BOOL))) {
			sg_diag_error(d, &v->loc, "'%s%s' must be a %s, not a "
			    "%s", where, k->name, sg_value_type_name(k->type),
			    sg_value_type_name(v->type));
			bad++;
		}
	}
	return bad;
}

static char *
str_or(const struct sg_value *map, const char *key, const char *def)
{
	const char	*s = sg_value_text(sg_value_get(map, key));

	return xstrdup(s ? s : def);
}

/* Splits a base URL into the form kept (ending in '/') and its path. */
static int
set_base(struct sg_config *c, const char *url)
{
	const char	*p;
	size_t		 n = strlen(url);

	free(c->base_url);
	free(c->base_path);
	c->base_url = xasprintf("%s%s", url, n && url[n - 1] == '/' ? "" :
	    "/");
	if ((p = strstr(c->base_url, "://")) != NULL) {
		if ((p = strchr(p + 3, '/')) == NULL)
			p = "/";
	} else
		p = c->base_url;
	c->base_path = xstrdup(p);
	return c->base_path[0] == '/' ? 0 : -1;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Checks that the theme site.yml names is a folder of themes/; if not,
 * reports it at the 'theme' line with the themes there are. Returns 0 or
 * -1. A theme left to its default is not checked: without
 * themes/default the site's templates/ must hold every template, and a
 * missing one is reported by name. */
static int
check_theme(struct sg_site *site, const struct sg_value *v)
{
	const char	*name = site->config.theme, *near;
	struct sg_buf	 list = { 0 }, msg = { 0 };
	struct dirent	*de;
	struct stat	 st;
	char		*dir, *path, **names = NULL;
	size_t		 n = 0, i;
	DIR		*dp;
	int		 rc, builtin;

	if (v == NULL || *name == '\0')
		return 0;
	path = xasprintf("%s/themes/%s", site->root, name);
	rc = strchr(name, '/') == NULL && strcmp(name, ".") &&
	    strcmp(name, "..") && stat(path, &st) == 0 && S_ISDIR(st.st_mode);
	free(path);
	if (rc)
		return 0;
	dir = sg_path_join(site->root, "themes");
	if ((dp = opendir(dir)) != NULL) {
		while ((de = readdir(dp)) != NULL) {
			path = xasprintf("%s/%s", dir, de->d_name);
			if (de->d_name[0] != '.' && stat(path, &st) == 0 &&
			    S_ISDIR(st.st_mode)) {
				names = xrealloc(names, (n + 1) *
				    sizeof(*names));
				names[n++] = xstrdup(de->d_name);
			}
			free(path);
		}
		closedir(dp);
	}
	free(dir);
	sg_sort(names, n, sizeof(*names), cmp_str);
	for (i = 0, builtin = 1; i < n; i++) {
		sg_buf_printf(&list, "%s'%s'", i ? ", " : "", names[i]);
		if (!strcmp(names[i], "default"))
			builtin = 0;
	}
	/* the built-in theme is a candidate too: sitegen init writes it */
	names = xrealloc(names, (n + 1) * sizeof(*names));
	names[n] = builtin ? xstrdup("default") : NULL;
	near = sg_suggest(name, (const char *const *)names, n + 1);
	sg_buf_printf(&msg, "there is no theme '%s' (no folder themes/%s/)",
	    name, name);
	if (near)
		sg_buf_printf(&msg, ": did you mean '%s'?", near);
	else
		sg_buf_puts(&msg, ".");
	if (n)
		sg_buf_printf(&msg, " The themes of this site are %s.",
		    list.data);
	else
		sg_buf_printf(&msg, " This site has no themes/ folder.");
	if (builtin)
		sg_buf_printf(&msg, " The built-in theme 'default' is written "
		    "to themes/default by sitegen init DIR; theme: \"\" uses "
		    "templates/ alone.");
	sg_diag_error(site->diag, &v->loc, "%s", msg.data);
	sg_buf_free(&msg);
	free(names[n]);
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	sg_buf_free(&list);
	return -1;
}

/* Loads site.yml from the site root into site->config. Returns 0, or -1
 * after reporting every problem to site->diag. */
int
sg_config_load(struct sg_site *site)
{
	struct sg_config	*c = &site->config;
	const struct sg_value	*md, *v;
	struct sg_loc		 loc = { CONFIG_FILE, 0, 0 };
	char			*path, *text;
	size_t			 len = 0;
	int			 bad = 0;

	memset(c, 0, sizeof(*c));
	c->toc_depth = 3;
	path = sg_path_join(site->root, CONFIG_FILE);
	text = sg_file_read(path, &len);
	free(path);
	if (text == NULL) {
		sg_diag_error(site->diag, &loc, "cannot read the site's "
		    "configuration: %s (run sitegen in a site's root, or give "
		    "--root)", strerror(errno));
		return -1;
	}
	if (sg_yaml_parse(text, len, CONFIG_FILE, 0, site->diag,
	    &c->root) == -1) {
		free(text);
		return -1;
	}
	free(text);
	if (c->root->type == SG_NIL) {
		sg_value_free(c->root);
		c->root = sg_value_new(SG_MAP, &loc);
	}
	if (c->root->type != SG_MAP) {
		loc.line = 1;
		sg_diag_error(site->diag, &loc, "site.yml must be a mapping "
		    "of keys to values, not a %s",
		    sg_value_type_name(c->root->type));
		return -1;
	}
	bad += check_keys(site->diag, c->root, top_keys, "");
	if ((md = sg_value_get(c->root, "markdown")) != NULL &&
	    md->type == SG_MAP) {
		bad += check_keys(site->diag, md, markdown_keys, "markdown.");
		if ((v = sg_value_get(md, "unsafe")) && v->type == SG_BOOL)
			c->unsafe = v->b;
		if ((v = sg_value_get(md, "toc_depth")) && v->type == SG_NUM) {
			if (v->num < 1 || v->num > 6) {
				sg_diag_error(site->diag, &v->loc, "'markdown."
				    "toc_depth' must be between 1 and 6");
				bad++;
			} else
				c->toc_depth = (int)v->num;
		}
	}
	if ((md = sg_value_get(c->root, "feeds")) != NULL &&
	    md->type == SG_MAP)
		bad += check_keys(site->diag, md, feeds_keys, "feeds.");
	c->timeout = DEFAULT_TIMEOUT;
	c->max_output = DEFAULT_OUTPUT;
	if ((md = sg_value_get(c->root, "samples")) != NULL &&
	    md->type == SG_MAP) {
		bad += check_keys(site->diag, md, samples_keys, "samples.");
		if ((v = sg_value_get(md, "timeout")) && v->type == SG_NUM) {
			if (v->num <= 0 || v->num > 3600) {
				sg_diag_error(site->diag, &v->loc, "'samples."
				    "timeout' must be seconds, more than 0 and "
				    "at most 3600");
				bad++;
			} else
				c->timeout = v->num;
		}
		if ((v = sg_value_get(md, "max_output")) && v->type ==
		    SG_NUM) {
			if (v->num < 1024 || v->num > 1024.0 * 1024 * 1024) {
				sg_diag_error(site->diag, &v->loc, "'samples."
				    "max_output' must be bytes, from 1024 to "
				    "1 GiB");
				bad++;
			} else
				c->max_output = v->num;
		}
	}
	c->cc = str_or(md, "cc", "cc");
	c->cflags = str_or(md, "cflags",
	    DEFAULT_CFLAGS);
	c->ldflags = str_or(md, "ldflags",
	    "");
	bad += sg_config_docs(site);
	if (bad)
		return -1;
	c->title = str_or(c->root, "title", "");
	c->description = str_or(c->root, "description", "");
	c->language = str_or(c->root, "language", "en");
	c->theme = str_or(c->root, "theme", "default");
	bad += sg_data_load(site) == -1;
	bad += check_theme(site, sg_value_get(c->root, "theme")) == -1;
	bad += sg_i18n_load(site) == -1;
	v = sg_value_get(c->root, "base_url");
	if (site->opt->base_url && set_base(c, site->opt->base_url) == -1) {
		sg_diag_error(site->diag, NULL, "--base-url '%s' must be an "
		    "absolute URL (https://user.github.io/proj/) or a path "
		    "starting with '/' (/proj/)", site->opt->base_url);
		bad++;
	} else if (site->opt->base_url == NULL && set_base(c,
	    sg_value_text(v) ? sg_value_text(v) : "/") == -1) {
		loc = v ? v->loc : loc;
		sg_diag_error(site->diag, &loc, "'base_url' must be an absolute "
		    "URL (https://example.org/guide/) or a path starting with "
		    "'/'");
		bad++;
	}
	return bad ? -1 : 0;
}

void
sg_config_free(struct sg_config *c)
{
	size_t	 i;

	free(c->title);
	free(c->description);
	free(c->base_url);
	free(c->base_path);
	free(c->language);
	free(c->theme);
	free(c->cc);
	free(c->cflags);
	free(c->ldflags);
	free(c->nav);
	sg_value_free(c->root);
	sg_value_free(c->data);
	sg_i18n_free(c->i18n);
	c->i18n = NULL;
	for (i = 0; i < c->ndata_files; i++)
		free(c->data_files[i]);
	free(c->data_files);
	memset(c, 0, sizeof(*c));
}
