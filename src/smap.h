/* smap.h: a map of strings to numbers, open addressing with FNV-1a
 * hashes: the search index's words and stems, a page's heading ids. */
#ifndef SG_SMAP_H
#define SG_SMAP_H

#include <stddef.h>
#include <stdint.h>

struct sg_smap_ent {
	const char	*key;		/* borrowed; NULL: a free slot */
	uint32_t	 hash;
	size_t		 val;
};

struct sg_smap {
	struct sg_smap_ent *v;
	size_t		   cap;		/* a power of two, or 0 */
	size_t		   len;
};

/* The value slot of key in m, or NULL when it is not there. With add, a
 * missing key is added (the map keeps the pointer, not a copy) with value
 * 0 and *added (when not NULL) set to 1. A slot is valid until the next
 * add. */
size_t	*sg_smap_get(struct sg_smap *m, const char *key, int add, int *added);

/* Frees the map's table (not the keys) and empties it. */
void	 sg_smap_free(struct sg_smap *m);

#endif
