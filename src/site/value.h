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

struct sg_value		*sg_value_new(enum sg_vtype, const struct sg_loc *);
struct sg_value		*sg_value_str(const char *, const struct sg_loc *);
void			 sg_value_free(struct sg_value *);
void			 sg_value_push(struct sg_value *, struct sg_value *);
void			 sg_value_set(struct sg_value *, const char *,
			    struct sg_value *);
const struct sg_value	*sg_value_get(const struct sg_value *, const char *);
const char		*sg_value_type_name(enum sg_vtype);
const char		*sg_value_text(const struct sg_value *);

#endif
