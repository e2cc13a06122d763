/* value.c: construction, lookup and freeing of value trees. */
#include <stdlib.h>
#include <string.h>

#include "site/value.h"

struct sg_value *
sg_value_new(enum sg_vtype type, const struct sg_loc *loc)
{
	struct sg_value	*v = xcalloc(1, sizeof(*v));

	v->type = type;
	if (loc)
		v->loc = *loc;
	return v;
}

struct sg_value *
sg_value_str(const char *s, const struct sg_loc *loc)
{
	struct sg_value	*v = sg_value_new(SG_STR, loc);

	v->str = xstrdup(s);
	return v;
}

void
sg_value_free(struct sg_value *v)
{
	size_t	 i;

	if (v == NULL)
		return;
	for (i = 0; i < v->len; i++) {
		sg_value_free(v->items[i]);
		if (v->keys)
			free(v->keys[i]);
	}
	free(v->items);
	free(v->keys);
	free(v->key_locs);
	free(v->str);
	free(v);
}

static void
grow(struct sg_value *v)
{
	if (v->len < v->cap)
		return;
	v->cap = v->cap ? v->cap * 2 : 4;
	v->items = xrealloc(v->items, v->cap * sizeof(*v->items));
	if (v->type == SG_MAP) {
		v->keys = xrealloc(v->keys, v->cap * sizeof(*v->keys));
		v->key_locs = xrealloc(v->key_locs, v->cap *
		    sizeof(*v->key_locs));
	}
}

void
sg_value_push(struct sg_value *v, struct sg_value *item)
{
	grow(v);
	v->items[v->len++] = item;
}

void
sg_value_set(struct sg_value *v, const char *key, struct sg_value *item)
{
	size_t	 i;

	for (i = 0; i < v->len; i++)
		if (strcmp(v->keys[i], key) == 0) {
			sg_value_free(v->items[i]);
			v->items[i] = item;
			return;
		}
	sg_value_append(v, key, item);
}

void
sg_value_append(struct sg_value *v, const char *key, struct sg_value *item)
{
	grow(v);
	v->keys[v->len] = xstrdup(key);
	v->key_locs[v->len] = item->loc;
	v->items[v->len++] = item;
}

const struct sg_value *
sg_value_get(const struct sg_value *v, const char *key)
{
	size_t	 i;

	if (v == NULL || v->type != SG_MAP)
		return NULL;
	for (i = 0; i < v->len; i++)
		if (strcmp(v->keys[i], key) == 0)
			return v->items[i];
	return NULL;
}

const char *
sg_value_type_name(enum sg_vtype t)
{
	switch (t) {
	case SG_NIL:
		return "null";
	case SG_BOOL:
		return "boolean";
	case SG_NUM:
		return "number";
	case SG_STR:
		return "string";
	case SG_LIST:
		return "list";
	case SG_MAP:
		return "mapping";
	}
	return "?";
}

const char *
sg_value_text(const struct sg_value *v)
{
	if (v == NULL || v->type == SG_NIL || v->type == SG_LIST ||
	    v->type == SG_MAP)
		return NULL;
	return v->str;
}
