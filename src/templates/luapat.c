/* luapat.c: string.find, match, gmatch and gsub for templates, refusing a
 * pattern and subject that could run for ever. Lua's matcher is C code:
 * the instruction-count hook that stops a template that loops never runs
 * inside it, and a pattern with k backtracking items ('*', '+', '-', %b)
 * share the n bytes of the subject among them: at most C(n + k, k) ways,
 * tried from each of the n + 1 starting points unless the pattern is
 * anchored with '^' (string.find(string.rep("a", 3000), ".-.-.-.-.-b")
 * would take years; "^(.*%S)%s+%S*$" on a line is cheap). Each call is
 * let through to Lua's own function only when that bound, times two for
 * each '?', stays under MAX_STEPS. */
#include <math.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>

#include "templates/luapat.h"

#define MAX_STEPS	1e9	/* about a second of matching */

/* The worst-case number of steps of pattern p on n bytes. */
static double
cost(const char *p, size_t plen, size_t n)
{
	const char	*e = p + plen;
	double		 k = 0, opt = 0, starts = (double)n + 1;

	if (p < e && *p == '^') {
		starts = 1;
		p++;
	}
	while (p < e) {
		switch (*p) {
		case '(':
		case ')':
			p++;
			continue;
		case '%':
			if (p + 1 < e && p[1] == 'b') {
				k++;
				p += e - p < 4 ? e - p : 4;
				continue;
			}
			if (p + 1 < e && p[1] == 'f') {
				p += 2;
				if (p < e && *p == '[') {
					for (p++; p < e && *p != ']'; p++)
						if (*p == '%' && p + 1 < e)
							p++;
					if (p < e)
						p++;
				}
				continue;
			}
			if (p + 1 < e && p[1] >= '0' && p[1] <= '9') {
				p += 2;
				continue;
			}
			p += p + 1 < e ? 2 : 1;
			break;
		case '[':
			p++;
			if (p < e && *p == '^')
				p++;
			if (p < e && *p == ']')
				p++;
			for (; p < e && *p != ']'; p++)
				if (*p == '%' && p + 1 < e)
					p++;
			if (p < e)
				p++;
			break;
		default:
			p++;
			break;
		}
		/* a single-character item: is it quantified? */
		if (p < e && (*p == '*' || *p == '+' || *p == '-')) {
			k++;
			p++;
		} else if (p < e && *p == '?') {
			opt++;
			p++;
		}
	}
	/* starts * C(n + k, k) * 2^opt, in logarithms */
	return exp(log(starts) + lgamma((double)n + k + 1) - lgamma(k + 1) -
	    lgamma((double)n + 1) + opt * log(2));
}

/* Checks the subject (argument 1) and pattern (2) of the wrapped call,
 * then calls the original (upvalue 1) with all the arguments. */
static int
guarded(lua_State *L)
{
	size_t		 n, plen;
	const char	*name = lua_tostring(L, lua_upvalueindex(2));
	const char	*p;
	int		 nargs = lua_gettop(L), base;

	luaL_checklstring(L, 1, &n);
	p = luaL_checklstring(L, 2, &plen);
	/* string.find(s, p, init, true) is a plain search */
	if (!(strcmp(name, "find") == 0 && lua_toboolean(L, 4)) &&
	    cost(p, plen, n) > MAX_STEPS)
		return luaL_error(L, "string.%s: the pattern '%s' could run "
		    "for ever on a subject of %d bytes: use fewer '*', '+', "
		    "'-' and '%%b' items, or a shorter subject", name, p,
		    (int)n);
	base = lua_gettop(L) - nargs;
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, base + 1);
	lua_call(L, nargs, LUA_MULTRET);
	return lua_gettop(L) - base;
}

void
sg_lua_guard_patterns(lua_State *L)
{
	static const char *const names[] = {
		"find", "match", "gmatch", "gsub", NULL
	};
	int	 i;

	for (i = 0; names[i]; i++) {
		lua_getfield(L, -1, names[i]);
		lua_pushstring(L, names[i]);
		lua_pushcclosure(L, guarded, 2);
		lua_setfield(L, -2, names[i]);
	}
}
