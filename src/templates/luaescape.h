/* luaescape.h: escape() for templates, and the other functions compiled
 * templates call (template.c). */
#ifndef SG_LUAESCAPE_H
#define SG_LUAESCAPE_H

#include <lua.h>

/* escape(v): v as text with & < > " ' escaped, and invalid UTF-8 and
 * control characters replaced by U+FFFD; nil is "". */
int	sg_lua_escape(lua_State *L);

/* Pushes the four values a compiled template's chunk is called with
 * (template.c): _c, which concatenates the output table's pieces; _e,
 * escape; _r, a value as text (nil as ""); _t, a table with room for n
 * pieces. */
void	sg_lua_template_args(lua_State *L);

#endif
