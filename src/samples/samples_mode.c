/* samples_mode.c: what an unmarked C block (```c and nothing else) is on
 * a page: a sample to run (the default), one to compile only, or an
 * example to show. The page's front matter 'samples:' says, else the
 * nearest section's _index.md, else samples.mode in site.yml; a map there
 * also gives the section's cflags and ldflags (its headers, its library)
 * and folders of the site to compile against (include, sources).
 * Applied by writing the attributes into the block's info string, as if
 * the author had written them. */
#include <stdlib.h>
#include <string.h>

#include "samples/samples_int.h"
#include "site.h"

/* The settings of the nearest samples: map that has each. */
struct found {
	const char		*cflags;
	const char		*ldflags;
	const struct sg_value	*include;
	const struct sg_value	*sources;
};

/* What samples: in front matter fm says: its mode (or -1 for none) and
 * flags, reporting a bad value. */
static int
read_fm(struct sg_site *site, const struct sg_value *fm, struct found *f)
{
	const struct sg_value	*v, *m;
	int			 mode;

	if (fm == NULL || (v = sg_value_get(fm, "samples")) == NULL)
		return -1;
	m = v->type == SG_MAP ? sg_value_get(v, "mode") : v;
	if (v->type == SG_MAP) {
		if (f->cflags == NULL)
			f->cflags = sg_value_text(sg_value_get(v, "cflags"));
		if (f->ldflags == NULL)
			f->ldflags = sg_value_text(sg_value_get(v, "ldflags"));
		if (f->include == NULL)
			f->include = sg_value_get(v, "include");
		if (f->sources == NULL)
			f->sources = sg_value_get(v, "sources");
	}
	if (m == NULL)
		return -1;
	if (m->type == SG_BOOL)
		return m->b ? SG_SAMPLES_RUN : SG_SAMPLES_SHOW;
	if ((mode = sg_samples_mode(sg_value_text(m))) < 0)
		sg_diag_error(site->diag, &m->loc, "'samples' must be 'run', "
		    "'compile' or 'show' (or a map with mode, cflags, "
		    "ldflags, include and sources)");
	return mode;
}

/* Does info hold key (a bare word or key=…)? */
static int
has_attr(const char *info, const char *key)
{
	const char	*p = info;
	size_t		 n = strlen(key);

	while ((p = strstr(p, key)) != NULL) {
		if ((p == info || p[-1] == ' ' || p[-1] == '\t') &&
		    (p[n] == '\0' || p[n] == ' ' || p[n] == '\t' ||
		    p[n] == '='))
			return 1;
		p += n;
	}
	return 0;
}

static void
append(struct sg_sample *s, const char *key, const char *value)
{
	char	*info;

	if (value == NULL || *value == '\0' || has_attr(s->info, key))
		return;
	info = xasprintf("%s %s=\"%s\"", s->info, key, value);
	free(s->info);
	s->info = info;
}

/* Applies the samples mode and flags of its page to s; see above. */
void
sg_samples_apply_mode(struct sg_site *site, struct sg_sample *s)
{
	const struct sg_section	*sec;
	const struct sg_value	*m;
	struct found		 f = { NULL, NULL, NULL, NULL };
	const char		*word;
	char			*info;
	int			 mode;

	mode = read_fm(site, s->page->fm, &f);
	for (sec = s->page->section; sec; sec = sec->parent)
		if (sec->page && sec->page != s->page) {
			m = sg_value_get(sec->page->fm ? sec->page->fm :
			    NULL, "samples");
			if (m == NULL)
				continue;
			if (mode < 0)
				mode = read_fm(site, sec->page->fm, &f);
			else
				read_fm(site, sec->page->fm, &f);
		}
	if (mode < 0 && (m = sg_value_get(site->config.root, "samples")) &&
	    m->type == SG_MAP)
		mode = sg_samples_mode(sg_value_text(sg_value_get(m, "mode")));
	if (mode > SG_SAMPLES_RUN && strcmp(s->info, "c") == 0) {
		word = mode == SG_SAMPLES_COMPILE ? "no_run" : "ignore";
		info = xasprintf("%s %s", s->info, word);
		free(s->info);
		s->info = info;
	}
	append(s, "cflags", f.cflags);
	append(s, "ldflags", f.ldflags);
	sx_folders_free(s->inc_dirs);
	sx_folders_free(s->src_dirs);
	s->inc_dirs = sx_folders(site, f.include, "include");
	s->src_dirs = sx_folders(site, f.sources, "sources");
}
