/* tmpldir.c: finding a site's templates on disk. */
#include <sys/stat.h>

#include <dirent.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "path.h"
#include "site.h"
#include "templates/tmpldir.h"
#include "util.h"

static int
cmp_tmpl(const void *a, const void *b)
{
	return strcmp(((const struct sg_tmpl_file *)a)->name,
	    ((const struct sg_tmpl_file *)b)->name);
}

struct sg_tmpl_file *
sg_tmpl_find(const struct sg_tmpl_set *set, const char *name)
{
	struct sg_tmpl_file	 key;

	key.name = (char *)(uintptr_t)name;
	if (set->n == 0)
		return NULL;
	return bsearch(&key, set->file, set->n, sizeof(*set->file), cmp_tmpl);
}

void
sg_tmpl_sort(struct sg_tmpl_set *set)
{
	sg_sort(set->file, set->n, sizeof(*set->file), cmp_tmpl);
}

void
sg_tmpl_set_free(struct sg_tmpl_set *set)
{
	size_t	 i;

	for (i = 0; i < set->n; i++) {
		free(set->file[i].name);
		free(set->file[i].path);
		free(set->file[i].lua);
		free(set->file[i].code);
	}
	free(set->file);
	set->file = NULL;
	set->n = 0;
}

/* Does the symbolic link path lead to a regular file inside the site
 * root? Sets *st to it. Warns at the link when not (links to folders are
 * not followed: no cycles). */
static int
inside_site(struct sg_site *site, const char *path, const char *rel,
    struct stat *st)
{
	struct sg_loc	 loc = { NULL, 0, 0 };
	char		*root = realpath(site->root, NULL);
	char		*real = realpath(path, NULL);
	size_t		 n = root ? strlen(root) : 0;
	int		 ok;

	ok = root && real && !strncmp(real, root, n) && real[n] == '/' &&
	    stat(real, st) == 0 && S_ISREG(st->st_mode);
	if (!ok) {
		loc.file = rel;
		sg_diag_warn(site->diag, &loc, "skipped: a symbolic link "
		    "among the templates is followed only to a file inside "
		    "the site");
	}
	free(root);
	free(real);
	return ok;
}

/* Adds the templates under dir (relative to the root) that are not
 * already known: the site's own are read first and win. */
static void
scan(struct sg_tmpl_set *set, struct sg_site *site, const char *dir,
    const char *sub, int depth)
{
	struct dirent	*de;
	struct stat	 st;
	struct sg_tmpl_file	*t;
	char		*full, *name, *path;
	size_t		 i;
	DIR		*dp;

	full = xasprintf("%s/%s%s%s", site->root, dir, *sub ? "/" : "",
	    sub);
	dp = opendir(full);
	free(full);
	if (dp == NULL || depth > 16) {
		if (dp)
			closedir(dp);
		return;
	}
	while ((de = readdir(dp)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		name = *sub ? xasprintf("%s/%s", sub, de->d_name) :
		    xstrdup(de->d_name);
		path = xasprintf("%s/%s", dir, name);
		full = sg_path_join(site->root, path);
		/* a link is followed only to a file inside the site; a
		 * FIFO, socket or device is never read */
		if (lstat(full, &st) == -1 || (S_ISLNK(st.st_mode) &&
		    !inside_site(site, full, path, &st)))
			st.st_mode = 0;
		else if (!S_ISDIR(st.st_mode) && !S_ISREG(st.st_mode)) {
			sg_diag_warn(site->diag, &(struct sg_loc){ path, 0,
			    0 }, "skipped: not a regular file");
			st.st_mode = 0;
		}
		if (S_ISDIR(st.st_mode))
			scan(set, site, dir, name, depth + 1);
		else if (S_ISREG(st.st_mode)) {
			for (i = 0; i < set->n; i++)
				if (!strcmp(set->file[i].name, name))
					break;
			if (i == set->n) {
				set->file = xrealloc(set->file, (set->n + 1) *
				    sizeof(*set->file));
				t = &set->file[set->n++];
				t->name = name;
				t->path = path;
				t->lua = NULL;
				t->code = NULL;
				t->ncode = 0;
				name = path = NULL;
			}
		}
		free(full);
		free(name);
		free(path);
	}
	closedir(dp);
}

void
sg_tmpl_scan(struct sg_tmpl_set *set, struct sg_site *site, const char *dir)
{
	scan(set, site, dir, "", 0);
}
