/* template.h: the template compiler, etlua syntax to Lua source. */
#ifndef SG_TEMPLATE_H
#define SG_TEMPLATE_H

#include <stddef.h>

struct sg_tmpl_error {
	int	 line;		/* 1-based, in the template */
	int	 col;
	char	 msg[160];
};

int	sg_tmpl_compile(const char *, size_t, char **, struct sg_tmpl_error *);

#endif
