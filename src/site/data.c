/* data.c: the site's data files, data/NAME.yml (or .yaml, or .json),
 * read into one map that templates see as site.data.NAME. JSON is read
 * by the YAML parser: JSON is YAML's flow style, so a JSON file parses as
 * YAML, with its errors at the file's own line. */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "path.h"
#include "site.h"
#include "site/yaml.h"

static int
is_data(const char *name)
{
	return name[0] != '.' && (sg_ends_with(name, ".yml") ||
	    sg_ends_with(name, ".yaml") || sg_ends_with(name, ".json"));
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Reads data/NAME.EXT into c->data under NAME. */
static void
load_one(struct sg_site *site, const char *name)
{
	struct sg_config	*c = &site->config;
	struct sg_value		*v;
	struct sg_loc		 loc;
	const char		*file, *dot = strrchr(name, '.');
	struct stat		 st;
	char			*path, *text, *key;
	size_t			 len;

	c->data_files = xrealloc(c->data_files, (c->ndata_files + 1) *
	    sizeof(*c->data_files));
	file = c->data_files[c->ndata_files++] = xasprintf("data/%s", name);
	loc.file = file;
	loc.line = loc.col = 0;
	key = xstrndup(name, (size_t)(dot - name));
	if (sg_value_get(c->data, key) != NULL) {
		sg_diag_error(site->diag, &loc, "a second data file called "
		    "'%s': site.data.%s can come from one file only", key,
		    key);
		free(key);
		return;
	}
	path = sg_path_join(site->root, file);
	/* a FIFO would block the build: read regular files only */
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		text = NULL;
		errno = EINVAL;
	} else
		text = sg_file_read(path, &len);
	free(path);
	if (text == NULL) {
		sg_diag_error(site->diag, &loc, "cannot read: %s",
		    errno == EINVAL ? "not a regular file" : strerror(errno));
		sg_value_set(c->data, key, sg_value_new(SG_NIL, &loc));
		free(key);
		return;
	}
	/* a file that does not parse still takes its name */
	if (sg_yaml_parse(text, len, file, 0, site->diag, &v) == -1)
		v = sg_value_new(SG_NIL, &loc);
	sg_value_set(c->data, key, v);
	free(text);
	free(key);
}

/* Reads the data files of the site's data/ folder, in name order, into
 * site->config.data (a map, empty without data/). Returns 0, or -1
 * after reporting every problem. */
int
sg_data_load(struct sg_site *site)
{
	struct sg_loc	 loc = { "data", 0, 0 };
	struct dirent	*de;
	char		*dir, **names = NULL;
	size_t		 n = 0, i;
	DIR		*dp;
	int		 before = sg_diag_errors(site->diag);

	site->config.data = sg_value_new(SG_MAP, &loc);
	dir = sg_path_join(site->root, "data");
	if ((dp = opendir(dir)) == NULL) {
		free(dir);
		return 0;
	}
	while ((de = readdir(dp)) != NULL)
		if (is_data(de->d_name)) {
			names = xrealloc(names, (n + 1) * sizeof(*names));
			names[n++] = xstrdup(de->d_name);
		}
	closedir(dp);
	free(dir);
	sg_sort(names, n, sizeof(*names), cmp_names);
	for (i = 0; i < n; i++) {
		load_one(site, names[i]);
		free(names[i]);
	}
	free(names);
	return sg_diag_errors(site->diag) > before ? -1 : 0;
}
