/* yaml.h: YAML text to value tree (the only user of libyaml). */
#ifndef SG_YAML_H
#define SG_YAML_H

#include <stddef.h>

#include "site/value.h"

/* Parses text[0..len) as one YAML document. file names it in messages
 * and line_offset is added to libyaml's lines (front matter starts below
 * line 1). Sets *out to the tree (nil for an empty document), which the
 * caller frees. Returns 0, or -1 after reporting the problem to d. */
int	sg_yaml_parse(const char *text, size_t len, const char *file,
	    int line_offset, struct sg_diag *d, struct sg_value **out);

#endif
