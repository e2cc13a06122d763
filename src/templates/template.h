/* template.h: the template compiler, etlua syntax to Lua source. */
#ifndef SG_TEMPLATE_H
#define SG_TEMPLATE_H

#include <stddef.h>

struct sg_tmpl_error {
	int	 line;		/* 1-based, in the template */
	int	 col;
	char	 msg[160];
};

/* Compiles template src[0..len) to Lua source in *out (the caller
 * frees). Returns 0, or -1 with *err set (line, column and message) for
 * a tag that is never closed or a NUL byte. Lua syntax is checked
 * later, when the source is loaded, with the same line numbers. */
int	sg_tmpl_compile(const char *src, size_t len, char **out,
	    struct sg_tmpl_error *err);

/* What the template src[0..len) uses of its environment, as the bits
 * below. Errs on the side of yes: a name in a string or a comment, or
 * any use of _ENV (all of them), counts; a field such as section.content
 * does not. An unclosed tag gives all. */
#define SG_TMPL_CONTENT	1	/* reads content other than whole and as
				 * it is, "<%- content -%>": starts by
				 * turning a piece list there into a
				 * string (the runtime hands a layout the
				 * output so far as one) */
#define SG_TMPL_LAYOUT	2	/* calls layout */
#define SG_TMPL_INCLUDE	4	/* calls include */
#define SG_TMPL_ALL	7
unsigned	sg_tmpl_uses(const char *src, size_t len);

#endif
