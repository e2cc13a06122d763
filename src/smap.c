/* smap.c: a map of strings to numbers (smap.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "smap.h"
#include "util.h"

static uint32_t
hash(const char *s)
{
	uint32_t	 h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static void
map_grow(struct sg_smap *m)
{
	struct sg_smap_ent	*old = m->v;
	size_t			 oldcap = m->cap, i, j;

	m->cap = m->cap ? m->cap * 2 : 64;
	m->v = xcalloc(m->cap, sizeof(*m->v));
	for (i = 0; i < oldcap; i++) {
		if (old[i].key == NULL)
			continue;
		for (j = old[i].hash & (m->cap - 1); m->v[j].key;
		    j = (j + 1) & (m->cap - 1))
			;
		m->v[j] = old[i];
	}
	free(old);
}

size_t *
sg_smap_get(struct sg_smap *m, const char *key, int add, int *added)
{
	uint32_t	 h = hash(key);
	size_t		 j;

	if (added)
		*added = 0;
	if (m->cap == 0) {
		if (!add)
			return NULL;
		map_grow(m);
	}
	for (j = h & (m->cap - 1); m->v[j].key; j = (j + 1) & (m->cap - 1))
		if (m->v[j].hash == h && strcmp(m->v[j].key, key) == 0)
			return &m->v[j].val;
	if (!add)
		return NULL;
	if ((m->len + 1) * 4 > m->cap * 3) {
		map_grow(m);
		for (j = h & (m->cap - 1); m->v[j].key;
		    j = (j + 1) & (m->cap - 1))
			;
	}
	m->v[j].key = key;
	m->v[j].hash = h;
	m->v[j].val = 0;
	m->len++;
	if (added)
		*added = 1;
	return &m->v[j].val;
}

void
sg_smap_free(struct sg_smap *m)
{
	free(m->v);
	memset(m, 0, sizeof(*m));
}
