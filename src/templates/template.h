/* template.h: the template compiler, etlua syntax to Lua source. */
#ifndef SG_TEMPLATE_H
#define SG_TEMPLATE_H

#include <stddef.h>

struct sg_tmpl_error {
	int	 line;		/* 1-based, in the template */
	int	 col;
	char	 msg[160];
};

int	sg_tmpl_compile(const char *src, size_t len, char **out,
	    struct sg_tmpl_error *err);

/* Whether the template src[0..len) reads its variable content in any way
 * but the whole of it output as it is, "<%- content -%>". Such a template
 * starts by turning a piece list in content into a string (the runtime
 * hands a layout the output so far as one: lua/sitegen/runtime.lua).
 * Errs on the side of yes: a "content" in a string or comment, or any
 * use of _ENV, counts; a field such as section.content does not. Returns
 * 1 or 0; an unclosed tag gives 1. */
int	sg_tmpl_reads_content(const char *src, size_t len);

#endif
