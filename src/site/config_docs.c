/* config_docs.c: the settings a documentation tree brought from elsewhere
 * needs, read from site.yml after config.c has checked its types:
 * links.internal (broken internal links as warnings), nav (a contents
 * list as the navigation) and samples.mode (what an unmarked C block
 * is). */
#include <stdlib.h>
#include <string.h>

#include "site.h"

/* Reads links.internal, nav and samples.mode into site->config. Returns
 * the number of errors reported. */
int
sg_config_docs(struct sg_site *site)
{
	struct sg_config	*c = &site->config;
	const struct sg_value	*m, *v;
	size_t			 i;
	int			 bad = 0;

	if ((m = sg_value_get(c->root, "links")) != NULL && m->type == SG_MAP)
		for (i = 0; i < m->len; i++)
			if (strcmp(m->keys[i], "internal") != 0)
				sg_diag_warn(site->diag, m->key_locs ?
				    &m->key_locs[i] : &m->items[i]->loc,
				    "unknown key 'links.%s' (known: internal)",
				    m->keys[i]);
	if ((m = sg_value_get(c->root, "links")) != NULL &&
	    m->type == SG_MAP && (v = sg_value_get(m, "internal")) != NULL &&
	    v->type != SG_NIL) {
		if (v->type == SG_STR && !strcmp(v->str, "warn"))
			c->links_warn = 1;
		else if (v->type != SG_STR || strcmp(v->str, "error") != 0) {
			sg_diag_error(site->diag, &v->loc, "'links.internal' "
			    "must be 'error' (the default) or 'warn'");
			bad++;
		}
	}
	if ((v = sg_value_get(c->root, "nav")) != NULL && v->type == SG_STR &&
	    *v->str) {
		c->nav = xstrdup(v->str);
		c->nav_loc = v->loc;
	}
	if ((m = sg_value_get(c->root, "samples")) != NULL &&
	    m->type == SG_MAP && (v = sg_value_get(m, "mode")) != NULL &&
	    v->type != SG_NIL && sg_samples_mode(v->str) < 0) {
		sg_diag_error(site->diag, &v->loc, "'samples.mode' must be "
		    "'run' (the default), 'compile' or 'show'");
		bad++;
	}
	return bad;
}

int
sg_samples_mode(const char *s)
{
	if (s == NULL)
		return -1;
	if (!strcmp(s, "run"))
		return SG_SAMPLES_RUN;
	if (!strcmp(s, "compile"))
		return SG_SAMPLES_COMPILE;
	if (!strcmp(s, "show") || !strcmp(s, "off") || !strcmp(s, "false"))
		return SG_SAMPLES_SHOW;
	return -1;
}

int
sg_feeds_ok(const struct sg_site *site, const char *file)
{
	const struct sg_value	*v;
	struct sg_loc		 loc = { "site.yml", 0, 0 };

	if (strstr(site->config.base_url, "://") != NULL)
		return 1;
	if ((v = sg_value_get(site->config.root, "base_url")) != NULL &&
	    site->opt->base_url == NULL)
		loc = v->loc;
	sg_diag_warn(site->diag, &loc, "base_url '%s' is not an absolute "
	    "URL: sitemap.xml and atom.xml are left out, as the Sitemaps "
	    "protocol and Atom want absolute URLs (set base_url: "
	    "https://example.org/ or build with --base-url)",
	    site->config.base_url);
	(void)file;
	return 0;
}
