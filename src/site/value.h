/* value.h: the small dynamic value type shared by site.yml, front matter
 * and the Lua side: nil, bool, number, string, list, map. Every value
 * remembers where it came from. */
#ifndef SG_VALUE_H
#define SG_VALUE_H

#include <stddef.h>

#include "diag.h"

enum sg_vtype {
	SG_NIL,
	SG_BOOL,
	SG_NUM,
	SG_STR,
	SG_LIST,
	SG_MAP
};

struct sg_value {
	enum sg_vtype	  type;
	struct sg_loc	  loc;		/* where the value starts */
	int		  b;		/* SG_BOOL */
	double		  num;		/* SG_NUM */
	char		 *str;		/* SG_STR, and the source text of any scalar */
	char		**keys;		/* SG_MAP: keys, parallel to items */
	struct sg_loc	 *key_locs;	/* SG_MAP: where each key is, parallel
					 * to keys; its file is the value's */
	struct sg_value	**items;	/* SG_LIST, SG_MAP: owned children */
	size_t		  len;		/* number of items */
	size_t		  cap;
};

/* Makes an empty value of the given type at loc; the caller owns it. */
struct sg_value		*sg_value_new(enum sg_vtype type,
	    const struct sg_loc *loc);

/* Makes a string value holding a copy of s. */
struct sg_value		*sg_value_str(const char *s, const struct sg_loc *loc);

/* Frees v and everything under it; NULL is fine. */
void			 sg_value_free(struct sg_value *v);

/* Appends item to the list v, which takes ownership. */
void			 sg_value_push(struct sg_value *v,
	    struct sg_value *item);

/* Sets key in the map v to item, which v takes over; an existing entry
 * of that key is replaced and freed. Keys keep their first order. */
void			 sg_value_set(struct sg_value *v, const char *key,
			    struct sg_value *item);

/* Appends key (copied) and item to the map v, which takes ownership of
 * item; v must not have key yet (the caller checked): no search. */
void			 sg_value_append(struct sg_value *v, const char *key,
	    struct sg_value *item);

/* The entry key of map v, borrowed, or NULL if v is not a map or lacks it. */
const struct sg_value	*sg_value_get(const struct sg_value *v,
	    const char *key);
/* The name of type t for messages ("string", "list", …), static. */
const char		*sg_value_type_name(enum sg_vtype t);

/* The text of a scalar as the author wrote it (a number or boolean
 * keeps its source spelling), or NULL for nil, lists and maps. */
const char		*sg_value_text(const struct sg_value *v);

#endif
