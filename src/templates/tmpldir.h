/* tmpldir.h: the set of templates a site has on disk, by name: the site's
 * own templates/ first, then its theme's, the first of a name winning. */
#ifndef SG_TMPLDIR_H
#define SG_TMPLDIR_H

#include <stddef.h>

struct sg_site;

struct sg_tmpl_file {
	char	*name;		/* "partials/nav.html" */
	char	*path;		/* "themes/default/templates/partials/nav.html",
				 * relative to the site root */
	char	*lua;		/* compiled source, NULL until compiled */
	size_t	 len;		/* of lua */
	char	*code;		/* lua as Lua's bytecode (lua_dump, with its
				 * lines), made once for every state to load,
				 * or NULL; never leaves the process */
	size_t	 ncode;		/* of code */
	unsigned uses;		/* SG_TMPL_* (template.h) */
};

struct sg_tmpl_set {
	struct sg_tmpl_file *file;	/* sorted by name after sg_tmpl_sort */
	size_t		 n;
};

/* Adds to set every regular file under the folder dir (relative to
 * site->root; a missing folder adds nothing) whose name the set does not
 * hold yet. Descends at most 16 folders deep. A symbolic link is followed
 * only to a regular file inside the site root, never to a folder; a link
 * elsewhere, a FIFO, socket or device is skipped with a warning on
 * site->diag. The set owns the strings it adds. */
void	sg_tmpl_scan(struct sg_tmpl_set *set, struct sg_site *site,
	    const char *dir);

/* Sorts set by name; to be called once all folders are scanned, before
 * sg_tmpl_find. */
void	sg_tmpl_sort(struct sg_tmpl_set *set);

/* The file called name in the sorted set, or NULL; points into set. */
struct sg_tmpl_file *sg_tmpl_find(const struct sg_tmpl_set *set,
	    const char *name);

/* Frees what the set holds (its files and their strings), not set. */
void	sg_tmpl_set_free(struct sg_tmpl_set *set);

#endif
