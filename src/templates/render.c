/* render.c: one Lua state per worker, each holding the compiled templates,
 * the helpers and the site model as plain tables, made once; rendering an
 * output file is one protected call into the runtime (lua/sitegen). */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

#include "smap.h"
#include "templates/luaescape.h"
#include "templates/luafreeze.h"
#include "templates/luamodel.h"
#include "templates/luaonce.h"
#include "templates/luatoc.h"
#include "templates/luapat.h"
#include "templates/luaalloc.h"
#include "templates/render.h"
#include "templates/render_int.h"
#include "site.h"
#include "templates/template.h"
#include "templates/tmpldir.h"
#include "templates/watchdog.h"
#include "pool.h"
#include "doc/shortcode.h"

#define MEMORY_LIMIT	((size_t)1 << 30)	/* bytes a worker's Lua may hold */
#define MAX_SECONDS	5.0			/* seconds before a call is stopped */
#define STEP		10000			/* without the watchdog: instructions
						 * between looks at the clock */

struct state {
	lua_State	*L;		/* NULL until the worker's first render */
	size_t		 used;		/* bytes allocated */
	struct sg_buf	 out;		/* the page sg_render_borrow joined */
	struct sg_lua_pool pool;	/* where L's small blocks are */
	struct sg_watch	 watch;		/* stops the current call in time */
	int		 watched;	/* by the watchdog, not a count hook */
	double		 deadline;	/* sg_now() when the current call ends */
	int		 spent;		/* its budget is spent: every hook fails */
	int		 broken;	/* making the state failed */
	struct sg_lua_track track;	/* pages the current render read */
};

static const char *const forbidden[] = {
	"io", "os", "require", "load", "loadfile", "dofile", "debug",
	"package", "collectgarbage", "print", "loadstring", "setmetatable",
	"getmetatable", "rawset", "coroutine", NULL
};

static void *
alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
	struct state	*st = ud;
	size_t		 old = ptr ? osize : 0;

	if (nsize == 0) {
		st->used -= old;
		return sg_lua_pool_alloc(&st->pool, ptr, osize, 0);
	}
	if (nsize > old && st->used + (nsize - old) > MEMORY_LIMIT)
		return NULL;
	ptr = sg_lua_pool_alloc(&st->pool, ptr, osize, nsize);
	if (ptr != NULL)
		st->used = st->used - old + nsize;
	return ptr;
}

/* The budget of every call into Lua (loading helpers, each render): the
 * watchdog sets this hook when the call's time is up (a count hook that
 * looks at the clock does without it); once it is spent the hook runs at
 * every instruction and fails each time, so a pcall that catches the
 * error cannot go on running. */
static void
hook(lua_State *L, lua_Debug *ar)
{
	struct state	*st;

	(void)ar;
	lua_getallocf(L, (void **)&st);
	if (!st->spent && !st->watched && sg_now() < st->deadline)
		return;
	if (!st->spent) {
		st->spent = 1;
		lua_sethook(L, hook, LUA_MASKCOUNT, 1);
	}
	/* no "file:line:" in front: the handler finds the template line */
	lua_pushfstring(L, "template ran too long (over %d seconds): is there "
	    "an endless loop?", (int)MAX_SECONDS);
	lua_error(L);
}

/* Starts (or, with on unset, ends) the budget of one call on st. */
static void
budget(struct state *st, int on)
{
	st->spent = 0;
	st->deadline = sg_now() + MAX_SECONDS;
	if (on) {
		st->watched = sg_watch_arm(&st->watch, st->L, hook,
		    MAX_SECONDS) == 0;
		if (!st->watched)
			lua_sethook(st->L, hook, LUA_MASKCOUNT, STEP);
		return;
	}
	if (st->watched)
		sg_watch_disarm(&st->watch);
	st->watched = 0;
	lua_sethook(st->L, NULL, 0, 0);
}

/* linedefined(f): the line where the Lua function f starts, or nil; for
 * the runtime's report of a helper that takes a built-in's name. */
static int
l_linedefined(lua_State *L)
{
	lua_Debug	 ar;

	if (lua_type(L, 1) != LUA_TFUNCTION || lua_iscfunction(L, 1))
		return 0;
	lua_pushvalue(L, 1);
	lua_getinfo(L, ">S", &ar);
	lua_pushinteger(L, ar.linedefined);
	return 1;
}

static int	make_state(struct sg_render *, struct state *);

static void	close_state(struct state *);

/* Makes worker i's state: a worker of sg_pool_run in first_states. */
static void
make_one(void *arg, int worker, size_t i)
{
	struct sg_render	*r = arg;

	(void)worker;
	if (make_state(r, &r->states[i]) == 0)
		return;
	/* worker 0's failure is reported for all; another's is met again
	 * (and reported) at that worker's first render */
	if (i == 0)
		r->states[0].broken = 1;
	else
		close_state(&r->states[i]);
}

/* Makes every worker's state now, side by side: an error in the runtime
 * or in a lua/site/ helper (one that never ends, say) is reported once,
 * here, from worker 0's. Made by each worker at its first render, they
 * took that worker from the render as long as a state takes to make (at
 * 10,000 pages, 80 ms: the site model and its frozen proxies). */
static int
first_states(struct sg_render *r)
{
	struct sg_loc	 loc = { NULL, 0, 0 };
	int		 k;

	sg_pool_run(r->nstates, (size_t)r->nstates, make_one, r);
	if (!r->states[0].broken)
		return 0;
	if (r->states[0].L && lua_isstring(r->states[0].L, -1))
		sg_render_report(r, NULL, r->states[0].L, "");
	else
		sg_diag_error(r->site->diag, &loc, "cannot set up the "
		    "template runtime: out of memory");
	for (k = 0; k < r->nstates; k++)
		r->states[k].broken = 1;
	return -1;
}

int
sg_render_new(struct sg_site *site, int jobs, struct sg_render **out)
{
	struct sg_render	*r = xcalloc(1, sizeof(*r));
	char			*theme = NULL;

	r->site = site;
	r->once = sg_once_store_new();
	atomic_init(&r->timed_out, 0);
	r->nstates = jobs > 0 ? jobs : 1;
	r->states = xcalloc((size_t)r->nstates, sizeof(*r->states));
	sg_tmpl_scan(&r->tmpls, site, "templates");
	if (*site->config.theme) {
		theme = xasprintf("themes/%s/templates", site->config.theme);
		sg_tmpl_scan(&r->tmpls, site, theme);
		r->dirs = xasprintf("templates/ or %s/", theme);
		free(theme);
	} else
		r->dirs = xstrdup("templates/");
	sg_tmpl_sort(&r->tmpls);
	*out = r;
	if (sg_render_compile(r, r->nstates) != 0)
		return -1;
	return first_states(r);
}

int
sg_render_has(const struct sg_render *r, const char *name)
{
	return sg_tmpl_find(&r->tmpls, name) != NULL;
}

/* A missing template is found here, at load, once the pages are parsed
 * and before any sample is compiled or page rendered: found at the
 * render, it came after the whole site had been rendered and indexed,
 * once for every page. */
int
sg_render_check_jobs(const struct sg_render *r, const struct sg_job *jobs,
    size_t n)
{
	struct sg_smap	 missing = { NULL, 0, 0 };
	struct sg_loc	 loc;
	size_t		 i, *count, more;
	int		 bad = 0;

	/* how many output files need each missing template */
	for (i = 0; i < n; i++)
		if (!sg_render_has(r, jobs[i].template))
			++*sg_smap_get(&missing, jobs[i].template, 1, NULL);
	/* each reported at the first that needs it */
	for (i = 0; i < n && (size_t)bad < missing.len; i++) {
		if ((count = sg_smap_get(&missing, jobs[i].template, 0,
		    NULL)) == NULL || *count == 0)
			continue;
		more = *count - 1;
		*count = 0;
		loc.file = jobs[i].src ? jobs[i].src : "content";
		loc.line = jobs[i].line;
		loc.col = jobs[i].line ? 1 : 0;
		if (more)
			sg_diag_error(r->site->diag, &loc, "no template '%s' in "
			    "%s (%zu more output file%s need%s it)",
			    jobs[i].template, r->dirs, more, more == 1 ? "" :
			    "s", more == 1 ? "s" : "");
		else
			sg_diag_error(r->site->diag, &loc, "no template '%s' "
			    "in %s", jobs[i].template, r->dirs);
		bad++;
	}
	sg_smap_free(&missing);
	return bad;
}

/* Closes st's Lua state, if it has one, and frees its memory. */
static void
close_state(struct state *st)
{
	sg_watch_drop(&st->watch);
	if (st->L)
		lua_close(st->L);
	st->L = NULL;
	st->used = 0;
	sg_lua_pool_release(&st->pool);
	sg_buf_free(&st->out);
}

void
sg_render_free(struct sg_render *r)
{
	int	 k;

	if (r == NULL)
		return;
	for (k = 0; k < r->nstates; k++) {
		close_state(&r->states[k]);
		free(r->states[k].track.v);
	}
	sg_tmpl_set_free(&r->tmpls);
	sg_buf_free(&r->runtime);
	sg_once_store_free(r->once);
	free(r->dirs);
	free(r->states);
	free(r);
}

const char *
sg_render_lua_version(void)
{
	return LUA_RELEASE;
}

/* ---- worker states ----------------------------------------------------- */

/* Makes worker w's state: the safe libraries, helpers, site model,
 * templates and runtime. Leaves the render function in the registry. */
static int
make_state(struct sg_render *r, struct state *st)
{
	const struct sg_tmpl_file *t;
	lua_State		*L;
	size_t			 i;
	char			*chunk;

	L = st->L = lua_newstate(alloc, st);
	if (L == NULL)
		return -1;
	/* what is made up to the site's own helpers stays, as long as the
	 * state: the collector is stopped while it is made (runtime.lua
	 * starts it again), or its steps would go through the model again
	 * and again as it grows (at 10,000 pages, 68 ms a state, 61 ms
	 * without) */
	lua_gc(L, LUA_GCSTOP);
	luaL_requiref(L, LUA_GNAME, luaopen_base, 1);
	luaL_requiref(L, LUA_STRLIBNAME, luaopen_string, 1);
	sg_lua_guard_patterns(L);
	luaL_requiref(L, LUA_TABLIBNAME, luaopen_table, 1);
	luaL_requiref(L, LUA_MATHLIBNAME, luaopen_math, 1);
	luaL_requiref(L, LUA_UTF8LIBNAME, luaopen_utf8, 1);
	lua_settop(L, 0);
	lua_pushcfunction(L, sg_render_msghandler);			/* 1 */
	/* the runtime and the templates as the bytecode compile.c made of
	 * them (sg_render_compile has made it of every one) */
	if (luaL_loadbufferx(L, r->runtime.data, r->runtime.len,
	    "=sitegen runtime", "b") != LUA_OK)
		return -1;					/* 2 */
	lua_newtable(L);					/* templates */
	for (i = 0; i < r->tmpls.n; i++) {
		t = &r->tmpls.file[i];
		chunk = xasprintf("@%s", t->path);
		if (luaL_loadbufferx(L, t->code, t->ncode, chunk, "b") !=
		    LUA_OK) {
			free(chunk);
			return -1;
		}
		free(chunk);
		lua_setfield(L, -2, t->name);	/* the runtime calls it */
	}
	sg_lua_helpers(L, r->site, sg_lua_escape);			/* helpers */
	sg_lua_model(L, r->site);				/* site */
	lua_newtable(L);					/* forbidden */
	for (i = 0; forbidden[i]; i++) {
		lua_pushboolean(L, 1);
		lua_setfield(L, -2, forbidden[i]);
	}
	lua_pushstring(L, r->dirs);
	sg_lua_site_helpers(L, r->site);
	lua_pushcfunction(L, l_linedefined);
	sg_lua_track(L, r->tracking ? &st->track : NULL);
	lua_pushcfunction(L, sg_lua_concat);
	sg_lua_pieces_meta(L);
	lua_createtable(L, 0, (int)r->tmpls.n);		/* what each uses */
	for (i = 0; i < r->tmpls.n; i++) {
		lua_pushinteger(L, (lua_Integer)r->tmpls.file[i].uses);
		lua_setfield(L, -2, r->tmpls.file[i].name);
	}
	sg_lua_out_calls(L);
	sg_lua_push_freeze(L);
	sg_lua_push_unwrap(L);
	lua_pushcfunction(L, sg_lua_vars_of);
	lua_pushcfunction(L, sg_lua_template_args);
	sg_lua_toc_meta(L, r->site);
	/* what once() made, shared; not where renders note what they read
	 * (serve): a value taken from another state would not say which
	 * pages making it read */
	sg_lua_once_store(L, r->tracking ? NULL : r->once);
	/* the runtime runs lua/site/ helpers: bounded like a render */
	budget(st, 1);
	if (lua_pcall(L, 19, 2, 1) != LUA_OK) {
		budget(st, 0);
		return -1;
	}
	budget(st, 0);
	lua_setfield(L, LUA_REGISTRYINDEX, "sitegen.forget");
	lua_setfield(L, LUA_REGISTRYINDEX, "sitegen.render");
	lua_settop(L, 0);
	/* the site model is made once and lives as long as the state: in a
	 * generational collector it ages out of the collections that each
	 * render's garbage triggers, instead of being traversed by each */
	lua_gc(L, LUA_GCGEN, 0, 0);
	/* the safe libraries stay reachable only through the runtime */
	for (i = 0; forbidden[i]; i++) {
		lua_pushnil(L);
		lua_setglobal(L, forbidden[i]);
	}
	return 0;
}

/* Makes st's Lua state on its first use. Returns 0, or -1 (reported at
 * loc, or at the helper's line). */
static int
ready(struct sg_render *r, struct state *st, const struct sg_loc *loc)
{
	if (st->broken)
		return -1;
	if (st->L == NULL && make_state(r, st) == -1) {
		st->broken = 1;
		/* an error in a helper: reported at its file and line, the
		 * same from every worker, so it is printed once */
		if (st->L && lua_isstring(st->L, -1))
			sg_render_report(r, NULL, st->L, "while loading the helpers");
		else
			sg_diag_error(r->site->diag, loc, "cannot set up the "
			    "template runtime: out of memory");
		return -1;
	}
	return 0;
}

/* Renders one output file on worker w. Sets *out, borrowed: the text
 * stays the worker's (joined into its buffer) until its next render,
 * which saves copying each page once more. Returns 0, or -1 (*out NULL)
 * after reporting the error at the template line (or at job->src). */
int
sg_render_borrow(struct sg_render *r, int w, const struct sg_job *job,
    const char **out, size_t *len)
{
	struct state	*st = &r->states[w];
	struct sg_loc	 loc = { job->src, 0, 0 };
	lua_State	*L;

	*out = NULL;
	*len = 0;
	/* each render of a template that loops would take as long: one
	 * that ran out of time, reported, fails the build without them */
	if (atomic_load(&r->timed_out))
		return -1;
	if (ready(r, st, &loc) == -1)
		return -1;
	L = st->L;
	st->track.n = 0;
	if (sg_tmpl_find(&r->tmpls, job->template) == NULL) {
		loc.line = job->line;
		loc.col = job->line ? 1 : 0;
		sg_diag_error(r->site->diag, &loc, "no template '%s' in %s",
		    job->template, r->dirs);
		return -1;
	}
	lua_settop(L, 0);
	lua_pushcfunction(L, sg_render_msghandler);
	lua_getfield(L, LUA_REGISTRYINDEX, "sitegen.render");
	lua_pushstring(L, job->template);
	sg_lua_vars(L, r->site, job->kind, job->index);
	lua_pushboolean(L, 1);		/* the page as pieces */
	budget(st, 1);
	if (lua_pcall(L, 3, 2, 1) != LUA_OK) {
		if (st->spent)
			atomic_store(&r->timed_out, 1);
		budget(st, 0);
		sg_render_report(r, job->src, L, "while rendering");
		lua_settop(L, 0);
		lua_gc(L, LUA_GCCOLLECT);
		return -1;
	}
	budget(st, 0);
	/* joined into the worker's buffer, reused from page to page */
	st->out.len = 0;
	if (lua_type(L, -2) != LUA_TTABLE || !lua_isinteger(L, -1) ||
	    sg_lua_join(L, -2, lua_tointeger(L, -1), &st->out) == -1) {
		sg_diag_error(r->site->diag, &loc, "template '%s' did not "
		    "return text", job->template);
		lua_settop(L, 0);
		return -1;
	}
	lua_settop(L, 0);
	*out = st->out.data;
	*len = st->out.len;
	return 0;
}

/* sg_render_borrow with a copy: *out is the caller's to free. */
int
sg_render_run(struct sg_render *r, int w, const struct sg_job *job,
    char **out, size_t *len)
{
	const char	*s;

	*out = NULL;
	if (sg_render_borrow(r, w, job, &s, len) == -1)
		return -1;
	*out = xmalloc(*len + 1);
	memcpy(*out, s, *len + 1);
	lua_settop(r->states[w].L, 0);
	return 0;
}

/* ---- shortcodes ----------------------------------------------------------- */

/* Reports the handler's "path\0line\0message" at the call sc. */
static void
report_call(struct sg_render *r, const struct sg_shortcode *sc, lua_State *L)
{
	const char	*s, *msg;
	size_t		 len;

	s = lua_tolstring(L, -1, &len);
	if (s == NULL || memchr(s, '\0', len) == NULL) {
		sg_diag_error(r->site->diag, &sc->loc, "in the shortcode "
		    "'%s': %s", sc->name, s ? s : "unknown error");
		return;
	}
	msg = s + strlen(s) + 1;
	msg += strlen(msg) + 1;
	if (*s)
		sg_diag_error(r->site->diag, &sc->loc, "in the shortcode "
		    "'%s' (%s:%d): %s", sc->name, s, atoi(s + strlen(s) + 1),
		    msg);
	else
		sg_diag_error(r->site->diag, &sc->loc, "in the shortcode "
		    "'%s': %s", sc->name, msg);
}

int
sg_render_shortcode(struct sg_render *r, int w, const struct sg_page *p,
    const struct sg_shortcode *sc, const char *inner, char **out)
{
	struct state	*st = &r->states[w];
	lua_State	*L;
	const char	*s;
	char		*name;
	size_t		 i, len;
	lua_Integer	 pos = 0;

	*out = NULL;
	if (ready(r, st, &sc->loc) == -1)
		return -1;
	L = st->L;
	name = xasprintf("shortcodes/%s.html", sc->name);
	lua_settop(L, 0);
	lua_pushcfunction(L, sg_render_msghandler);
	lua_getfield(L, LUA_REGISTRYINDEX, "sitegen.render");
	lua_pushstring(L, name);
	free(name);
	sg_lua_vars(L, r->site, p->owner ? SG_JOB_SECTION : SG_JOB_PAGE,
	    p->owner ? p->owner->index : p->index);
	lua_pushnil(L);
	lua_setfield(L, -2, "content");
	lua_createtable(L, 0, (int)sc->nargs);
	for (i = 0; i < sc->nargs; i++) {
		lua_pushstring(L, sc->args[i].value);
		if (sc->args[i].key)
			lua_setfield(L, -2, sc->args[i].key);
		else
			lua_rawseti(L, -2, ++pos);
	}
	lua_setfield(L, -2, "args");
	lua_pushstring(L, sc->name);
	lua_setfield(L, -2, "name");
	if (sc->closed) {
		lua_pushstring(L, inner ? inner : "");
		lua_setfield(L, -2, "inner");
		lua_pushstring(L, sc->inner ? sc->inner : "");
		lua_setfield(L, -2, "inner_source");
	}
	budget(st, 1);
	if (lua_pcall(L, 2, 1, 1) != LUA_OK) {
		budget(st, 0);
		report_call(r, sc, L);
		lua_settop(L, 0);
		lua_gc(L, LUA_GCCOLLECT);
		return -1;
	}
	budget(st, 0);
	if ((s = lua_tolstring(L, -1, &len)) == NULL)
		s = "";
	*out = xstrndup(s, len);
	lua_settop(L, 0);
	return 0;
}

size_t
sg_render_shortcodes(const struct sg_render *r, char ***names)
{
	size_t	 i, n = 0;

	*names = xcalloc(r->tmpls.n + 1, sizeof(**names));
	for (i = 0; i < r->tmpls.n; i++)
		if (!strncmp(r->tmpls.file[i].name, "shortcodes/", 11) &&
		    sg_ends_with(r->tmpls.file[i].name, ".html") &&
		    strchr(r->tmpls.file[i].name + 11, '/') == NULL)
			(*names)[n++] = r->tmpls.file[i].name;
	return n;
}

int
sg_render_needs_inner(const struct sg_render *r, const char *name)
{
	const struct sg_tmpl_file	*t;
	char			*key = xasprintf("shortcodes/%s.html", name);

	t = sg_tmpl_find(&r->tmpls, key);
	free(key);
	return t && t->lua && strstr(t->lua, "inner") != NULL;
}

/* From now on, each render notes which pages' summary, word_count and
 * reading_time it reads (sg_render_reads). The states made so far are
 * made again, with the tracking, at their next render. */
void
sg_render_track(struct sg_render *r)
{
	int	 k;

	r->tracking = 1;
	for (k = 0; k < r->nstates; k++)
		if (r->states[k].L)
			close_state(&r->states[k]);
}

size_t
sg_render_reads(const struct sg_render *r, int w, const size_t **pages)
{
	*pages = r->states[w].track.v;
	return r->states[w].track.n;
}

void
sg_render_forget(struct sg_render *r)
{
	lua_State	*L;
	int		 k;

	atomic_store(&r->timed_out, 0);
	for (k = 0; k < r->nstates; k++) {
		if ((L = r->states[k].L) == NULL)
			continue;
		lua_getfield(L, LUA_REGISTRYINDEX, "sitegen.forget");
		if (lua_pcall(L, 0, 0, 0) != LUA_OK)
			lua_pop(L, 1);
	}
}
