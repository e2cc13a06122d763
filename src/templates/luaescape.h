/* luaescape.h: escape() for templates (luaescape.c), and the other
 * functions compiled templates call (template.c; luapieces.c). */
#ifndef SG_LUAESCAPE_H
#define SG_LUAESCAPE_H

#include <lauxlib.h>
#include <lua.h>

struct sg_buf;

/* escape(v): v as text with & < > " ' escaped, and invalid UTF-8 and
 * control characters replaced by U+FFFD; nil is "". */
int	sg_lua_escape(lua_State *L);

/* Pushes what escape() makes of the value at idx (which may be relative:
 * it is read before anything is pushed). Raises a Lua error only where
 * escape() does (a __tostring that fails, memory). */
void	sg_lua_push_escaped(lua_State *L, int idx);

/* Pushes integer v as text, as Lua writes it (LUA_INTEGER_FMT). */
void	sg_lua_push_integer(lua_State *L, lua_Integer v);

/* Adds text[0..len) to b as escape() gives it. */
void	sg_lua_add_escaped(luaL_Buffer *b, const char *text, size_t len);

/* Puts what escape() makes of the value at idx in its place, unless it is
 * a string escape() leaves as it is, and returns its bytes and their
 * number (*len): valid while the value stays there. */
const char	*sg_lua_escaped_at(lua_State *L, int idx, size_t *len);

/* Pushes the values a compiled template's chunk is called with
 * (template.c) and returns their number: _e, escape; _r, a value as text
 * (nil as "", a piece list as it is); _t, a table with room for n
 * pieces; _s, a piece list joined into a string (anything else as it
 * is), for a template that reads its content as a string; _c, the call
 * of a tag whose whole output is one call: _c(o, n, f, ...) appends what
 * f(...) outputs to the pieces o[1..n] and returns their new number
 * (sg_lua_out_calls); _w, the table of whole-output calls itself. */
int	sg_lua_template_args(lua_State *L);

/* Pushes the metatable of piece lists: a table {t, n} with it stands for
 * the pieces t[1..n] of a template's output, which the runtime hands a
 * layout as its content instead of joining them into a string first
 * (lua/sitegen/runtime.lua). _r passes such a list through as it is;
 * sg_lua_concat and sg_lua_join take its pieces in its place. Made once
 * per state, kept in the registry. */
void	sg_lua_pieces_meta(lua_State *L);

/* Pushes a slice: a table {s, off, len} standing for the bytes
 * [off, off + len) of the string at index sidx, without a copy; a piece
 * of a piece list like a string (mark_current's pieces). */
void	sg_lua_push_slice(lua_State *L, int sidx, size_t off, size_t len);

/* Pushes a borrowed text: a full userdata standing for the len bytes at
 * s, which must stay as they are while it is reachable (a page's HTML,
 * owned by the site model, for the render of that page). It is a piece
 * like a string, _r passes it through as it is and _s copies it into a
 * string: a template sees the page's content as a string only where it
 * reads it as one (template.c), and "<%- content -%>" alone, in the
 * page's template, has the join copy the HTML once, from where it is,
 * instead of twice through a Lua string of its size. */
void	sg_lua_push_text(lua_State *L, const char *s, size_t len);

/* Pushes the table of whole-output calls: a function that is a key (with
 * a true value) is called by a tag whose whole output is a call to it
 * ("<%- include(...) -%>", template.c) as f(table, o, n, ...): with this
 * table, then the calling template's pieces o[1..n], before its
 * arguments; it appends its output to the pieces itself and returns
 * their new number (include, a partial's pieces straight where they go;
 * mark_current, slices of the sidebar). Its keys are weak. Made once per
 * state, kept in the registry. */
void	sg_lua_out_calls(lua_State *L);

/* Is the value at idx the table of whole-output calls (the marker such a
 * call gets before its arguments)? */
int	sg_lua_out_call_is(lua_State *L, int idx);

/* concat(t, sep, i, n), the runtime's join of a template's pieces
 * t[1..n] (strings, or piece lists; sep and i are not read) into one
 * string. */
int	sg_lua_concat(lua_State *L);

/* vars_of(more, meta), the runtime's table of the variables of an
 * include: the fields of the table more (nil: none) in a table made at
 * their number. With meta (the environment of a partial that names
 * neither layout nor include) that is all, with metatable meta; without
 * (nil), layout and include false come first (room for what the
 * runtime's environment sets). Returns nothing when more has a __pairs
 * (a frozen table), for the runtime to copy it through pairs(). One call
 * where the runtime's loop made one call of next per field. */
int	sg_lua_vars_of(lua_State *L);

/* Appends the pieces t[1..n] of the table at idx (strings, or piece
 * lists) to out; the C side's join of a whole page. Returns 0, or -1 (out
 * unchanged) if one is neither. */
int	sg_lua_join(lua_State *L, int idx, lua_Integer n, struct sg_buf *out);

#endif
