/* yaml.h: YAML text to value tree (the only user of libyaml). */
#ifndef SG_YAML_H
#define SG_YAML_H

#include <stddef.h>

#include "site/value.h"

int	sg_yaml_parse(const char *, size_t, const char *, int,
	    struct sg_diag *, struct sg_value **);

#endif
