/* compile.c: the templates and helpers as Lua: each template compiled to
 * Lua (template.c) and loaded once in a scratch state, where a syntax
 * error is reported once, at its line, and kept as bytecode for every
 * worker's state to load; and the message handler and the reports that
 * turn Lua's errors into diagnostics at template lines. */
#include <errno.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

#include "embed.h"
#include "path.h"
#include "pool.h"
#include "site.h"
#include "templates/luamodel.h"
#include "templates/render_int.h"
#include "templates/template.h"
#include "templates/tmpldir.h"
#include "util.h"

/* The message handler of every call: finds the template line the error
 * comes from (the innermost frame of a template file) and returns
 * "path\0line\0message" for the caller to turn into a diagnostic. */
int
sg_render_msghandler(lua_State *L)
{
	lua_Debug	 ar;
	const char	*msg = lua_tostring(L, 1), *p, *q;
	char		 src[512] = "";
	int		 level, line = 0;

	if (msg == NULL)
		msg = luaL_typename(L, 1);
	for (level = 0; lua_getstack(L, level, &ar); level++) {
		lua_getinfo(L, "Sl", &ar);
		if (ar.source[0] == '@' && ar.currentline > 0) {
			snprintf(src, sizeof(src), "%s", ar.source + 1);
			line = ar.currentline;
			break;
		}
	}
	/* Lua puts "file:line: " before a message raised in Lua code, and a
	 * syntax error has no frame at all: take the place from the text
	 * when no frame gave one, and drop it from the message */
	p = msg + strcspn(msg, ": \n");
	if (*p == ':' && p[1] >= '0' && p[1] <= '9') {
		q = p + 1 + strspn(p + 1, "0123456789");
		if (q[0] == ':' && q[1] == ' ') {
			if (*src == '\0' && (size_t)(p - msg) < sizeof(src)) {
				memcpy(src, msg, (size_t)(p - msg));
				src[p - msg] = '\0';
				line = atoi(p + 1);
			}
			msg = q + 2;
		}
	}
	/* a block left open shows as one that closes the wrapper the
	 * template is compiled into: say what the author can act on */
	if ((p = strstr(msg, " (to close 'function' at line 1)")) != NULL) {
		lua_pushlstring(L, msg, (size_t)(p - msg));
		lua_pushfstring(L, "%s (is an 'if', 'for', 'while' or "
		    "'function' left without its 'end'?)%s", lua_tostring(L, -1),
		    p + strlen(" (to close 'function' at line 1)"));
		msg = lua_tostring(L, -1);
	}
	lua_pushfstring(L, "%s%c%d%c%s", src, '\0', line, '\0', msg);
	return 1;
}

/* Turns the handler's "path\0line\0message" into a diagnostic. */
void
sg_render_report(struct sg_render *r, const char *blame, lua_State *L,
    const char *what)
{
	const char	*s, *file, *msg;
	struct sg_loc	 loc;
	size_t		 len;

	s = lua_tolstring(L, -1, &len);
	if (s == NULL || memchr(s, '\0', len) == NULL) {
		loc.file = blame;
		loc.line = loc.col = 0;
		sg_diag_error(r->site->diag, &loc, "%s: %s", what,
		    s ? s : "unknown error");
		return;
	}
	file = s;
	loc.line = atoi(s + strlen(s) + 1);
	msg = s + strlen(s) + 1;
	msg += strlen(msg) + 1;
	loc.file = *file ? file : blame;
	loc.col = *file ? 1 : 0;
	if (*file && blame && strcmp(file, blame) != 0)
		sg_diag_error(r->site->diag, &loc, "%s (%s %s)", msg, what,
		    blame);
	else
		sg_diag_error(r->site->diag, &loc, "%s", msg);
}

/* lua_Writer of compile_all: appends the bytecode to the buffer ud. */
static int
put_code(lua_State *L, const void *p, size_t n, void *ud)
{
	(void)L;
	sg_buf_put(ud, p, n);
	return 0;
}

/* The scratch states of compile_all's workers. */
struct compile_ctx {
	struct sg_render	*r;
	lua_State		**L;	/* a worker's, made at its first item */
	struct sg_buf		*code;	/* a worker's buffer for bytecode */
	atomic_int		 bad;	/* items reported */
};

/* Dumps the function on top of L's stack as bytecode into *out, a copy
 * the caller owns, through the worker's buffer buf. Returns 0, or -1 when
 * Lua made none (the top is no Lua function: never, after a load). */
static int
dump(lua_State *L, struct sg_buf *buf, char **out, size_t *n)
{
	buf->len = 0;
	if (lua_dump(L, put_code, buf, 0) != 0 || buf->len == 0)
		return -1;
	free(*out);
	*out = xmalloc(buf->len);
	memcpy(*out, buf->data, buf->len);
	*n = buf->len;
	return 0;
}

/* Compiles template i, or the runtime (i past the templates): a worker of
 * sg_pool_run in compile_all. */
static void
compile_one(void *arg, int worker, size_t i)
{
	struct compile_ctx	*c = arg;
	struct sg_render	*r = c->r;
	struct sg_tmpl_error	 err;
	struct sg_loc		 loc = { NULL, 0, 0 };
	struct sg_tmpl_file	*t;
	const struct sg_embed	*rt;
	lua_State		*L;
	char			*full, *text, *chunk;
	size_t			 len;
	int			 saved;

	if (c->L[worker] == NULL)
		c->L[worker] = luaL_newstate();
	if ((L = c->L[worker]) == NULL) {
		loc.file = i < r->tmpls.n ? r->tmpls.file[i].path : NULL;
		sg_diag_error(r->site->diag, &loc, "template runtime: out of "
		    "memory");
		atomic_fetch_add(&c->bad, 1);
		return;
	}
	if (i == r->tmpls.n) {
		/* the runtime's bytecode too, for the same reason */
		rt = sg_embed_find("lua/sitegen/runtime.lua");
		if (rt == NULL || luaL_loadbuffer(L, (const char *)rt->data,
		    rt->len, "=sitegen runtime") != LUA_OK ||
		    lua_dump(L, put_code, &r->runtime, 0) != 0 ||
		    r->runtime.len == 0) {
			sg_diag_error(r->site->diag, &loc, "cannot load the "
			    "template runtime");
			atomic_fetch_add(&c->bad, 1);
		}
		lua_settop(L, 0);
		return;
	}
	t = &r->tmpls.file[i];
	loc.file = t->path;
	full = sg_path_join(r->site->root, t->path);
	text = sg_file_read(full, &len);
	saved = errno;
	free(full);
	if (text == NULL) {
		sg_diag_error(r->site->diag, &loc, "cannot read: %s",
		    strerror(saved));
		atomic_fetch_add(&c->bad, 1);
		return;
	}
	if (sg_tmpl_compile(text, len, &t->lua, &err) == -1) {
		loc.line = err.line;
		loc.col = err.col;
		sg_diag_error(r->site->diag, &loc, "%s", err.msg);
		free(text);
		atomic_fetch_add(&c->bad, 1);
		return;
	}
	t->uses = sg_tmpl_uses(text, len);
	free(text);
	t->len = strlen(t->lua);
	chunk = xasprintf("@%s", t->path);
	if (luaL_loadbuffer(L, t->lua, t->len, chunk) != LUA_OK) {
		lua_pushcfunction(L, sg_render_msghandler);
		lua_insert(L, -2);
		lua_call(L, 1, 1);
		sg_render_report(r, t->path, L, "in template");
		atomic_fetch_add(&c->bad, 1);
	} else if (dump(L, &c->code[worker], &t->code, &t->ncode) == -1) {
		sg_diag_error(r->site->diag, &loc, "cannot keep the compiled "
		    "template");
		atomic_fetch_add(&c->bad, 1);
	}
	lua_settop(L, 0);
	free(chunk);
}

/* Compiles every template and loads it once in a scratch state, so that
 * syntax errors are reported once, at the template's line; on jobs
 * threads, each with a scratch state of its own (on one, the 33 of the
 * default theme were 18 million instructions before any worker's state
 * could start). What Lua made of each is kept as bytecode (t->code,
 * lines and all), which every worker's state loads in place of the
 * source: parsing the templates was three quarters of making a state for
 * a small site (10 million instructions of 13 at 10 pages, 11.5 of 131
 * at 10,000), loading their bytecode a tenth of that. The bytecode is
 * made here, in this process, and never read from anywhere else: Lua
 * does not check bytecode (which is why templates have no load() and
 * lua/site/ helpers load as text). */
static int
compile_all(struct sg_render *r, int jobs)
{
	struct compile_ctx	 c;
	int			 k;

	if (jobs < 1)
		jobs = 1;
	c.r = r;
	c.L = xcalloc((size_t)jobs, sizeof(*c.L));
	c.code = xcalloc((size_t)jobs, sizeof(*c.code));
	atomic_init(&c.bad, 0);
	r->runtime.len = 0;
	sg_pool_run(jobs, r->tmpls.n + 1, compile_one, &c);
	for (k = 0; k < jobs; k++) {
		if (c.L[k])
			lua_close(c.L[k]);
		sg_buf_free(&c.code[k]);
	}
	free(c.L);
	free(c.code);
	return atomic_load(&c.bad) ? -1 : 0;
}

/* Loads this site's helpers (lua/site/NAME.lua) once in a scratch state, so
 * that a syntax error is reported once, at the helper's own line. */
static int
check_helpers(struct sg_render *r)
{
	lua_State	*L = luaL_newstate();
	const char	*src;
	char		*chunk;
	size_t		 len;
	int		 bad = 0;

	sg_lua_site_helpers(L, r->site);
	lua_pushnil(L);
	while (lua_next(L, 1) != 0) {
		src = lua_tolstring(L, -1, &len);
		chunk = xasprintf("@lua/site/%s", lua_tostring(L, -2));
		if (luaL_loadbuffer(L, src, len, chunk) != LUA_OK) {
			lua_pushcfunction(L, sg_render_msghandler);
			lua_insert(L, -2);
			lua_call(L, 1, 1);
			sg_render_report(r, NULL, L, "in helper");
			bad++;
		}
		free(chunk);
		lua_settop(L, 2);
	}
	lua_close(L);
	return bad ? -1 : 0;
}

int
sg_render_compile(struct sg_render *r, int jobs)
{
	/* both, so that every error of either is reported in one run */
	return (compile_all(r, jobs) | check_helpers(r)) != 0 ? -1 : 0;
}
