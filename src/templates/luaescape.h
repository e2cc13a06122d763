/* luaescape.h: escape() for templates, and the other functions compiled
 * templates call (template.c). */
#ifndef SG_LUAESCAPE_H
#define SG_LUAESCAPE_H

#include <lua.h>

struct sg_buf;

/* escape(v): v as text with & < > " ' escaped, and invalid UTF-8 and
 * control characters replaced by U+FFFD; nil is "". */
int	sg_lua_escape(lua_State *L);

/* Pushes the three values a compiled template's chunk is called with
 * (template.c): _e, escape; _r, a value as text (nil as ""); _t, a table
 * with room for n pieces. */
void	sg_lua_template_args(lua_State *L);

/* concat(t, sep, i, n), the runtime's join of a template's pieces
 * t[1..n] (all strings; sep and i are not read) into one string. */
int	sg_lua_concat(lua_State *L);

/* Appends the pieces t[1..n] of the table at idx, all strings, to out;
 * the C side's join of a whole page. Returns 0, or -1 (out unchanged) if
 * one is not a string. */
int	sg_lua_join(lua_State *L, int idx, lua_Integer n, struct sg_buf *out);

#endif
