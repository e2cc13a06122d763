/* sitefile.h: for the unit tests that build a small site on disk and look
 * at its document trees. */
#ifndef SG_SITEFILE_H
#define SG_SITEFILE_H

#include <stdlib.h>
#include <string.h>

#include "doc/tree.h"
#include "util.h"

/* Writes len bytes of data to root/rel, making its folders. */
static inline void
sitefile_write(const char *root, const char *rel, const void *data,
    size_t len)
{
	char	*path = xasprintf("%s/%s", root, rel), *dir, *slash;

	dir = xstrdup(path);
	if ((slash = strrchr(dir, '/')) != NULL) {
		*slash = '\0';
		sg_mkdirs(dir);
	}
	sg_file_write(path, (const char *)data, len);
	free(dir);
	free(path);
}

/* Writes the string text to root/rel, making its folders. */
static inline void
sitefile_put(const char *root, const char *rel, const char *text)
{
	sitefile_write(root, rel, text, strlen(text));
}

/* The node of kind under node, skipping the first skip of them in
 * document order, or NULL. */
static inline const struct sg_node *
sitefile_find(const struct sg_node *node, enum sg_node_kind kind, int skip)
{
	struct sg_walk		 w;
	const struct sg_node	*n;
	int			 entering;

	sg_walk_init(&w, node);
	while (sg_walk_next(&w, &n, &entering))
		if (entering && n->kind == kind && skip-- == 0)
			return n;
	return NULL;
}

#endif
