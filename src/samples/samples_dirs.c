/* samples_dirs.c: the folders of the site a section's samples compile
 * against ('samples: include:' and 'sources:' in front matter): checked
 * where they are written (inside the site, no dot folder, no symbolic
 * link out of it, a folder), then, for each compile, copied into the
 * sample's own folder as content/samples/include is, since the sandbox
 * lets the compiler read nothing else of the site. */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "doc/include.h"
#include "path.h"
#include "samples/samples_int.h"
#include "site.h"

/* Checks one folder name of samples.KEY, written at v; returns its real
 * path (the caller frees), or NULL after reporting at v. */
static char *
folder(struct sg_site *site, const char *root_real, const struct sg_value *v,
    const char *key)
{
	struct stat	 st;
	const char	*s = v->str;
	char		*norm = NULL, *full, *real = NULL;
	size_t		 n = strlen(root_real);

	if (*s == '/' || (norm = sg_path_normalize(s)) == NULL || *norm == '\0') {
		sg_diag_error(site->diag, &v->loc, "'samples.%s' names '%s', "
		    "which is not a folder inside the site: write a path "
		    "relative to the site's root, such as mylib/include", key,
		    s);
		goto out;
	}
	if (sg_include_hidden(norm)) {
		sg_diag_error(site->diag, &v->loc, "'samples.%s' names '%s', "
		    "a dotfile or dot folder, which are never read", key, s);
		goto out;
	}
	full = sg_path_join(root_real, norm);
	real = realpath(full, NULL);
	free(full);
	if (real == NULL) {
		sg_diag_error(site->diag, &v->loc, "'samples.%s' names '%s', "
		    "which cannot be read: %s (paths are relative to the "
		    "site's root)", key, s, strerror(errno));
		goto out;
	}
	if (strncmp(real, root_real, n) != 0 || (real[n] != '/' &&
	    real[n] != '\0') || sg_include_hidden(real + n)) {
		sg_diag_error(site->diag, &v->loc, "'samples.%s' names '%s', "
		    "which leads out of the site (or to a dot folder) through "
		    "a symbolic link", key, s);
		free(real);
		real = NULL;
		goto out;
	}
	if (real[n] == '\0' || stat(real, &st) == -1 ||
	    !S_ISDIR(st.st_mode)) {
		sg_diag_error(site->diag, &v->loc, "'samples.%s' names '%s', "
		    "which is %s", key, s, real[n] == '\0' ? "the whole site: "
		    "name the folder that holds the files" : "not a folder");
		free(real);
		real = NULL;
	}
out:
	free(norm);
	return real;
}

/* The folders samples.KEY names (a string or a list of them), checked,
 * as a NULL-terminated list of real paths (the caller frees it with
 * sx_folders_free), or NULL for none. Errors are reported at their
 * line; those folders are left out. */
char **
sx_folders(struct sg_site *site, const struct sg_value *v, const char *key)
{
	const struct sg_value	*item;
	char			**out = NULL, *root_real, *real;
	size_t			  i, n = 0, len;

	if (v == NULL || v->type == SG_NIL)
		return NULL;
	if (v->type != SG_STR && v->type != SG_LIST) {
		sg_diag_error(site->diag, &v->loc, "'samples.%s' must be a "
		    "folder or a list of folders, not a %s", key,
		    sg_value_type_name(v->type));
		return NULL;
	}
	if ((root_real = realpath(site->root, NULL)) == NULL)
		return NULL;
	len = v->type == SG_STR ? 1 : v->len;
	for (i = 0; i < len; i++) {
		item = v->type == SG_STR ? v : v->items[i];
		if (item->type != SG_STR) {
			sg_diag_error(site->diag, &item->loc, "'samples.%s' "
			    "must list folders, not a %s", key,
			    sg_value_type_name(item->type));
			continue;
		}
		if ((real = folder(site, root_real, item, key)) == NULL)
			continue;
		out = xrealloc(out, (n + 2) * sizeof(*out));
		out[n++] = real;
		out[n] = NULL;
	}
	free(root_real);
	return out;
}

void
sx_folders_free(char **v)
{
	size_t	 i;

	for (i = 0; v && v[i]; i++)
		free(v[i]);
	free(v);
}

static int
by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

/* Only the regular .c files we copied: nothing else becomes a source. */
static int
c_file(const struct dirent *de)
{
	return de->d_name[0] != '.' && sg_ends_with(de->d_name, ".c") &&
	    (de->d_type == DT_REG || de->d_type == DT_UNKNOWN);
}

/* The path of real inside the site whose real root is root, or NULL. */
static const char *
rel_of(const char *real, const char *root)
{
	size_t	 n = strlen(root);

	if (strncmp(real, root, n) != 0 || real[n] != '/' || real[n + 1] ==
	    '\0')
		return NULL;
	return real + n + 1;
}

int
sx_folders_args(const struct prog *p, const char *root, const char *dir,
    struct strv *flags, struct strv *sources)
{
	const struct sg_sample	*s = p->parts[0];
	struct dirent		**list;
	const char		 *rel;
	char			 *copied;
	size_t			  i;
	int			  n, k;

	for (i = 0; s->inc_dirs && s->inc_dirs[i]; i++) {
		if ((rel = rel_of(s->inc_dirs[i], root)) == NULL)
			continue;
		if (sx_copy_sources(s->inc_dirs[i], dir, rel) == -1)
			return -1;
		sx_strv_push(flags, "-I");
		sx_strv_push(flags, rel);
	}
	for (i = 0; p->link && s->src_dirs && s->src_dirs[i]; i++) {
		if ((rel = rel_of(s->src_dirs[i], root)) == NULL)
			continue;
		if (sx_copy_sources(s->src_dirs[i], dir, rel) == -1)
			return -1;
		copied = sg_path_join(dir, rel);
		n = scandir(copied, &list, c_file, by_name);
		free(copied);
		if (n < 0)
			return -1;
		for (k = 0; k < n; k++) {
			copied = sg_path_join(rel, list[k]->d_name);
			sx_strv_push(sources, copied);
			free(copied);
			free(list[k]);
		}
		free(list);
	}
	return 0;
}
