/* luapieces.c: the functions compiled templates call other than escape()
 * (luaescape.h): piece lists, slices and borrowed texts, their joins, the
 * whole-output calls and the variables of an include. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>

#include "templates/luaescape.h"
#include "util.h"

static void	store_make(lua_State *);

/* The registry's key of the metatable of piece lists. */
static const char	 pieces_key;

/* Piece lists nested deeper than this are refused (the runtime's own
 * nest no deeper than its limit of layouts, 32). */
#define PIECES_DEPTH	64

/* Pushes the metatable kept in the registry at key, made on first use;
 * its __metatable, name, is what a template's getmetatable would see. */
static void
registry_meta(lua_State *L, const char *key, const char *name)
{
	if (lua_rawgetp(L, LUA_REGISTRYINDEX, key) == LUA_TTABLE)
		return;
	lua_pop(L, 1);
	lua_createtable(L, 0, 1);
	lua_pushstring(L, name);
	lua_setfield(L, -2, "__metatable");
	lua_pushvalue(L, -1);
	lua_rawsetp(L, LUA_REGISTRYINDEX, key);
}

/* Is the value at idx a table or full userdata with the metatable kept
 * at key? */
static int
has_meta(lua_State *L, int idx, const char *key)
{
	int	 yes, t = lua_type(L, idx);

	if ((t != LUA_TTABLE && t != LUA_TUSERDATA) ||
	    !lua_getmetatable(L, idx))
		return 0;
	lua_rawgetp(L, LUA_REGISTRYINDEX, key);
	yes = lua_rawequal(L, -1, -2);
	lua_pop(L, 2);
	return yes;
}

void
sg_lua_pieces_meta(lua_State *L)
{
	store_make(L);
	registry_meta(L, &pieces_key, "pieces");
}

/* Is the value at idx a piece list (sg_lua_pieces_meta)? */
static int
is_pieces(lua_State *L, int idx)
{
	return has_meta(L, idx, &pieces_key);
}

/* The registry's key of the metatable of slices (sg_lua_push_slice). */
static const char	 slice_key;

void
sg_lua_push_slice(lua_State *L, int sidx, size_t off, size_t len)
{
	sidx = lua_absindex(L, sidx);
	lua_createtable(L, 3, 0);
	lua_pushvalue(L, sidx);
	lua_rawseti(L, -2, 1);
	lua_pushinteger(L, (lua_Integer)off);
	lua_rawseti(L, -2, 2);
	lua_pushinteger(L, (lua_Integer)len);
	lua_rawseti(L, -2, 3);
	registry_meta(L, &slice_key, "slice");
	lua_setmetatable(L, -2);
}

/* Is the value on top a slice? Sets its bytes (which stay where they are
 * while the slice is reachable: the collector moves no string). */
static int
slice_of(lua_State *L, const char **s, size_t *len)
{
	lua_Integer	 off, n;
	size_t		 slen;
	const char	*str;

	if (!has_meta(L, -1, &slice_key))
		return 0;
	lua_rawgeti(L, -1, 1);
	str = lua_tolstring(L, -1, &slen);
	lua_pop(L, 1);
	lua_rawgeti(L, -1, 2);
	off = lua_tointeger(L, -1);
	lua_rawgeti(L, -2, 3);
	n = lua_tointeger(L, -1);
	lua_pop(L, 2);
	if (str == NULL || off < 0 || n < 0 || (size_t)off > slen ||
	    (size_t)n > slen - (size_t)off)
		return 0;
	*s = str + off;
	*len = (size_t)n;
	return 1;
}

/* The registry's key of the metatable of borrowed texts
 * (sg_lua_push_text). */
static const char	 text_key;

struct text {
	const char	*s;
	size_t		 len;
};

void
sg_lua_push_text(lua_State *L, const char *s, size_t len)
{
	struct text	*t = lua_newuserdatauv(L, sizeof(*t), 0);

	t->s = s;
	t->len = len;
	registry_meta(L, &text_key, "text");
	lua_setmetatable(L, -2);
}

/* The borrowed text at idx (sg_lua_push_text), or NULL. */
static const struct text *
borrowed(lua_State *L, int idx)
{
	return lua_type(L, idx) == LUA_TUSERDATA && has_meta(L, idx,
	    &text_key) ? lua_touserdata(L, idx) : NULL;
}

/* The bytes of the piece on top, of Lua type t, when it is text: a string,
 * a slice or a borrowed text. */
static int
text_of(lua_State *L, int t, const char **s, size_t *len)
{
	const struct text	*b;

	if (t == LUA_TSTRING) {
		*s = lua_tolstring(L, -1, len);
		return 1;
	}
	if (t == LUA_TUSERDATA && (b = borrowed(L, -1)) != NULL) {
		*s = b->s;
		*len = b->len;
		return 1;
	}
	return t == LUA_TTABLE && slice_of(L, s, len);
}

/* Replaces the value at idx (an absolute index) with what "_r" makes of
 * it: nil as "", a number as text, a string, piece list or borrowed text
 * as it is, anything else through luaL_tolstring. */
static void
raw_at(lua_State *L, int idx)
{
	if (lua_isnoneornil(L, idx))
		lua_pushliteral(L, "");
	else if (lua_type(L, idx) == LUA_TSTRING)
		return;
	else if (lua_isinteger(L, idx))
		sg_lua_push_integer(L, lua_tointeger(L, idx));
	else if (is_pieces(L, idx) || borrowed(L, idx) != NULL)
		return;
	else
		luaL_tolstring(L, idx, NULL);
	lua_replace(L, idx);
}

/* The "_r" of compiled templates: v as text, nil as ""; a piece list or
 * a borrowed text as it is, for the join to copy its bytes. */
static int
l_raw(lua_State *L)
{
	lua_settop(L, 1);
	raw_at(L, 1);
	return 1;
}

/* The "_t" of compiled templates: a table with room for n pieces. */
static int
l_table(lua_State *L)
{
	lua_createtable(L, (int)luaL_checkinteger(L, 1), 0);
	return 1;
}

/* Replaces the piece list on top with its pieces and their number; or
 * pops it and returns -1 if it is not one, nests too deep or the stack
 * cannot grow. */
static int
open_list(lua_State *L, int depth)
{
	int	 top = lua_gettop(L);

	if (depth >= PIECES_DEPTH || !lua_checkstack(L, 4) ||
	    !is_pieces(L, top) || lua_rawgeti(L, top, 1) != LUA_TTABLE ||
	    lua_rawgeti(L, top, 2) != LUA_TNUMBER || !lua_isinteger(L, -1)) {
		lua_settop(L, top - 1);
		return -1;
	}
	lua_remove(L, top);
	return 0;
}

/* The bytes of the pieces t[1..n] of the table at idx (an absolute
 * index), or -1 if one is neither text (text_of) nor a piece list. */
static long long
pieces_len(lua_State *L, int idx, lua_Integer n, lua_Integer *bad, int depth)
{
	lua_Integer	 i;
	long long	 sub;
	size_t		 len, total = 0;
	const char	*s;

	for (i = 1; i <= n; i++) {
		if (text_of(L, lua_rawgeti(L, idx, i), &s, &len)) {
			total += len;
			lua_pop(L, 1);
			continue;
		}
		if (open_list(L, depth) == -1) {
			*bad = i;
			return -1;
		}
		sub = pieces_len(L, lua_gettop(L) - 1, lua_tointeger(L, -1),
		    bad, depth + 1);
		lua_pop(L, 2);
		if (sub == -1) {
			*bad = i;
			return -1;
		}
		total += (size_t)sub;
	}
	return (long long)total;
}

/* Copies the pieces t[1..n] of the table at idx, checked by pieces_len,
 * to p; returns the end. */
static char *
pieces_copy(lua_State *L, int idx, lua_Integer n, char *p, int depth)
{
	lua_Integer	 i;
	size_t		 len;
	const char	*s;

	for (i = 1; i <= n; i++) {
		if (text_of(L, lua_rawgeti(L, idx, i), &s, &len)) {
			memcpy(p, s, len);
			p += len;
			lua_pop(L, 1);
		} else if (open_list(L, depth) == 0) {
			p = pieces_copy(L, lua_gettop(L) - 1,
			    lua_tointeger(L, -1), p, depth + 1);
			lua_pop(L, 2);
		}
	}
	return p;
}

/* Where the pieces of an output are, noted in one pass (a few hundred
 * for a page): each piece read once through the API, where adding up the
 * lengths and then copying read each twice, three calls a time (a
 * fortieth of a build's instructions). The strings stay where they are
 * while the table that holds them is on the stack: the collector does
 * not move strings, and frees none that are reachable. */
#define SPANS		512	/* on the stack; past them, in the store */
#define PUSHED		64	/* values pushed before the stack is cut */

struct span {
	const char	*s;
	size_t		 len;
};

/* Where the spans of an output with more than SPANS pieces go (the
 * sidebar's lists, a section's page): a full userdata in the registry,
 * made with the state, whose block (on the C heap, freed by its __gc)
 * keeps its size from join to join. Outputs that big were read twice
 * (pieces_len, pieces_copy), after a first pass that stopped at SPANS. */
struct span_store {
	struct span	*v;
	size_t		 cap;
};

/* The registry's key of the span store. */
static const char	 store_key;

struct spans {
	size_t		 n, total, cap;
	struct span	*v;		/* in, or the store's */
	struct span_store *store;	/* NULL: none, stop at SPANS */
	struct span	 in[SPANS];
};

static int
store_gc(lua_State *L)
{
	struct span_store	*st = lua_touserdata(L, 1);

	free(st->v);
	st->v = NULL;
	st->cap = 0;
	return 0;
}

/* Makes the span store of L, once. */
static void
store_make(lua_State *L)
{
	struct span_store	*st;

	if (lua_rawgetp(L, LUA_REGISTRYINDEX, &store_key) == LUA_TUSERDATA) {
		lua_pop(L, 1);
		return;
	}
	lua_pop(L, 1);
	st = lua_newuserdatauv(L, sizeof(*st), 0);
	st->v = NULL;
	st->cap = 0;
	lua_createtable(L, 0, 1);
	lua_pushcfunction(L, store_gc);
	lua_setfield(L, -2, "__gc");
	lua_setmetatable(L, -2);
	lua_rawsetp(L, LUA_REGISTRYINDEX, &store_key);
}

/* Starts sp empty, on the stack, with L's store for more. */
static void
spans_init(lua_State *L, struct spans *sp)
{
	sp->n = sp->total = 0;
	sp->cap = SPANS;
	sp->v = sp->in;
	lua_rawgetp(L, LUA_REGISTRYINDEX, &store_key);
	sp->store = lua_touserdata(L, -1);
	lua_pop(L, 1);
}

/* Makes room in sp for more spans; returns -1 when it has no store (it
 * allocates on the C heap, which raises no Lua error: sg_lua_join runs
 * outside a protected call). */
static int
spans_grow(struct spans *sp)
{
	struct span_store	*st = sp->store;
	size_t			 cap = sp->cap * 2;

	if (st == NULL)
		return -1;
	if (st->cap < cap) {
		st->v = xrealloc(st->v, cap * sizeof(*st->v));
		st->cap = cap;
	}
	if (sp->v == sp->in)
		memcpy(st->v, sp->in, sp->n * sizeof(*sp->v));
	sp->v = st->v;
	sp->cap = st->cap;
	return 0;
}

/* Notes the pieces t[1..n] of the table at idx (an absolute index) in
 * sp. Returns 0; 1 if they are more than sp can hold; -1, with *bad set,
 * if one is neither text (text_of) nor a piece list. */
static int
spans_of(lua_State *L, int idx, lua_Integer n, struct spans *sp,
    lua_Integer *bad, int depth)
{
	lua_Integer	 i;
	const char	*s;
	size_t		 len;
	int		 base = lua_gettop(L), pushed = 0, rc;

	if (!lua_checkstack(L, PUSHED + 4))
		return 1;
	for (i = 1; i <= n; i++) {
		if (text_of(L, lua_rawgeti(L, idx, i), &s, &len)) {
			if (sp->n == sp->cap && spans_grow(sp) == -1) {
				lua_settop(L, base);
				return 1;
			}
			sp->v[sp->n].s = s;
			sp->v[sp->n++].len = len;
			sp->total += len;
			if (++pushed == PUSHED) {
				lua_settop(L, base);
				pushed = 0;
			}
			continue;
		}
		rc = open_list(L, depth) == -1 ? -1 : spans_of(L,
		    lua_gettop(L) - 1, lua_tointeger(L, -1), sp, bad, depth + 1);
		lua_settop(L, base);
		pushed = 0;
		if (rc != 0) {
			if (rc == -1)
				*bad = i;
			return rc;
		}
	}
	lua_settop(L, base);
	return 0;
}

/* Copies what sp notes to p. */
static void
spans_copy(const struct spans *sp, char *p)
{
	size_t	 i;

	for (i = 0; i < sp->n; i++) {
		memcpy(p, sp->v[i].s, sp->v[i].len);
		p += sp->v[i].len;
	}
}

/* Pushes the pieces t[1..n] of the table at idx (an absolute index)
 * joined into one string, or raises an error. */
static int
push_joined(lua_State *L, int idx, lua_Integer n)
{
	struct spans	 sp;
	luaL_Buffer	 b;
	lua_Integer	 bad = 0;
	long long	 total;
	int		 rc;

	spans_init(L, &sp);
	if ((rc = spans_of(L, idx, n, &sp, &bad, 0)) == 0) {
		spans_copy(&sp, luaL_buffinitsize(L, &b, sp.total));
		luaL_pushresultsize(&b, sp.total);
		return 1;
	}
	if (rc == -1 || (total = pieces_len(L, idx, n, &bad, 0)) == -1)
		return luaL_error(L, "invalid value (at index %I) in the "
		    "output: a string was expected", bad);
	pieces_copy(L, idx, n, luaL_buffinitsize(L, &b, (size_t)total), 0);
	luaL_pushresultsize(&b, (size_t)total);
	return 1;
}

/* concat(t, "", 1, n): t[1..n], strings all, joined; the runtime's join
 * of a template's pieces. table.concat grew its buffer by doubling,
 * copying the page each time (a tenth of a build's instructions); this
 * one adds up the lengths first and copies each piece once. */
int
sg_lua_concat(lua_State *L)
{
	lua_Integer	 n = luaL_checkinteger(L, 4);

	luaL_checktype(L, 1, LUA_TTABLE);
	/* one piece is the whole output, as it is (a partial that only
	 * returns what once() kept: the sidebar, copied for every page) */
	if (n == 1 && lua_rawgeti(L, 1, 1) == LUA_TSTRING)
		return 1;
	if (n <= 0) {
		lua_pushliteral(L, "");
		return 1;
	}
	return push_joined(L, 1, n);
}

int
sg_lua_join(lua_State *L, int idx, lua_Integer n, struct sg_buf *out)
{
	struct spans	 sp;
	lua_Integer	 bad;
	long long	 total;
	int		 rc;

	idx = lua_absindex(L, idx);
	spans_init(L, &sp);
	if ((rc = spans_of(L, idx, n, &sp, &bad, 0)) == 0) {
		sg_buf_grow(out, sp.total);
		spans_copy(&sp, out->data + out->len);
		out->len += sp.total;
		out->data[out->len] = '\0';
		return 0;
	}
	if (rc == -1 || (total = pieces_len(L, idx, n, &bad, 0)) == -1)
		return -1;
	sg_buf_grow(out, (size_t)total);
	pieces_copy(L, idx, n, out->data + out->len, 0);
	out->len += (size_t)total;
	out->data[out->len] = '\0';
	return 0;
}

/* The "_s" of compiled templates: a piece list joined into a string, a
 * borrowed text copied into one; anything else as it is. */
static int
l_string(lua_State *L)
{
	const struct text	*b;

	lua_settop(L, 1);
	if ((b = borrowed(L, 1)) != NULL) {
		lua_pushlstring(L, b->s, b->len);
		return 1;
	}
	if (!is_pieces(L, 1))
		return 1;
	if (open_list(L, 0) == -1)
		return luaL_error(L, "a piece list that is not one");
	return push_joined(L, 1, lua_tointeger(L, 2));
}

/* The registry's key of the table of whole-output calls
 * (sg_lua_out_calls). */
static const char	 out_calls_key;

void
sg_lua_out_calls(lua_State *L)
{
	if (lua_rawgetp(L, LUA_REGISTRYINDEX, &out_calls_key) == LUA_TTABLE)
		return;
	lua_pop(L, 1);
	lua_newtable(L);
	lua_createtable(L, 0, 1);		/* its keys do not keep them */
	lua_pushliteral(L, "k");
	lua_setfield(L, -2, "__mode");
	lua_setmetatable(L, -2);
	lua_pushvalue(L, -1);
	lua_rawsetp(L, LUA_REGISTRYINDEX, &out_calls_key);
}

int
sg_lua_out_call_is(lua_State *L, int idx)
{
	int	 yes;

	lua_rawgetp(L, LUA_REGISTRYINDEX, &out_calls_key);
	yes = lua_istable(L, -1) && lua_rawequal(L, -1, idx);
	lua_pop(L, 1);
	return yes;
}

/* The "_c" of compiled templates: _c(o, n, f, ...), for a tag whose
 * whole output is the call f(...) (template.c), appends that output to
 * the pieces o[1..n] and returns their new number. When f is in the
 * table of whole-output calls, it is called as f(table, o, n, ...) and
 * appends its output itself (an include, the partial's pieces where they
 * go; mark_current, slices of the sidebar); else o[n + 1] is what "_r"
 * makes of f(...). The runtime has its own in Lua (lua/sitegen), which
 * calls this one for a function not in the table. */
static int
l_out_call(lua_State *L)
{
	lua_Integer	 n = luaL_checkinteger(L, 2);
	int		 nargs = lua_gettop(L) - 3, whole = 0, i;

	luaL_checktype(L, 1, LUA_TTABLE);
	if (nargs < 0)
		nargs = 0;
	lua_settop(L, nargs + 3);
	if (lua_rawgetp(L, LUA_REGISTRYINDEX, &out_calls_key) ==
	    LUA_TTABLE) {
		lua_pushvalue(L, 3);
		whole = lua_rawget(L, -2) != LUA_TNIL;
		lua_pop(L, 1);
	}
	luaL_checkstack(L, nargs + 4, "too many arguments");
	lua_pushvalue(L, 3);			/* f */
	if (whole) {
		lua_rotate(L, -2, 1);		/* f, the table */
		lua_pushvalue(L, 1);
		lua_pushvalue(L, 2);
	} else
		lua_remove(L, -2);
	for (i = 4; i <= nargs + 3; i++)
		lua_pushvalue(L, i);
	lua_call(L, nargs + (whole ? 3 : 0), 1);
	if (whole)
		return 1;
	raw_at(L, lua_gettop(L));
	lua_rawseti(L, 1, n + 1);
	lua_pushinteger(L, n + 1);
	return 1;
}

int
sg_lua_vars_of(lua_State *L)
{
	int	 t = lua_type(L, 1), kid, n = 0;

	if (t == LUA_TTABLE && luaL_getmetafield(L, 1, "__pairs") !=
	    LUA_TNIL)
		return 0;
	lua_settop(L, 2);
	kid = !lua_isnil(L, 2);
	/* made at its size: two fields more than its room made Lua
	 * rebuild it (toc.html's mode and list, 1,500 instructions) */
	if (t == LUA_TTABLE) {
		lua_pushnil(L);
		while (lua_next(L, 1) != 0) {
			lua_pop(L, 1);
			n++;
		}
	}
	lua_createtable(L, 0, n + (kid ? 0 : 2));
	/* as the runtime made it: the same keys set in the same order
	 * give the same table, and pairs() over it the same order */
	if (!kid) {
		lua_pushboolean(L, 0);
		lua_setfield(L, 3, "layout");
		lua_pushboolean(L, 0);
		lua_setfield(L, 3, "include");
	}
	if (t == LUA_TTABLE) {
		lua_pushnil(L);
		while (lua_next(L, 1) != 0) {
			lua_pushvalue(L, -2);
			lua_insert(L, -2);
			lua_rawset(L, 3);
		}
	}
	if (kid) {
		lua_pushvalue(L, 2);
		lua_setmetatable(L, 3);
	}
	return 1;
}

int
sg_lua_template_args(lua_State *L)
{
	lua_pushcfunction(L, sg_lua_escape);
	lua_pushcfunction(L, l_raw);
	lua_pushcfunction(L, l_table);
	lua_pushcfunction(L, l_string);
	lua_pushcfunction(L, l_out_call);
	sg_lua_out_calls(L);
	return 6;
}
