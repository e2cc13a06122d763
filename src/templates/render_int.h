/* render_int.h: what render.c and compile.c share of a renderer; not for
 * the rest of sitegen, which knows struct sg_render only by its pointer
 * (render.h). */
#ifndef SG_RENDER_INT_H
#define SG_RENDER_INT_H

#include <stdatomic.h>

#include <lua.h>

#include "templates/tmpldir.h"
#include "util.h"

struct sg_once_store;
struct sg_site;
struct state;			/* a worker's Lua state (render.c) */

struct sg_render {
	struct sg_site	*site;
	struct sg_tmpl_set tmpls;	/* sorted by name */
	char		*dirs;		/* where templates are looked for, for messages */
	struct state	*states;	/* one per worker */
	int		 nstates;
	int		 tracking;	/* renders note the pages they read */
	struct sg_once_store *once;	/* what once() made, for all states */
	struct sg_buf	 runtime;	/* lua/sitegen/runtime.lua's bytecode
					 * (compile.c), or empty */
	atomic_int	 timed_out;	/* a render ran out of time: the build
					 * has failed, start no other */
};

/* The message handler of every protected call into Lua: finds the
 * template line the error comes from (the innermost frame of a template
 * file) and returns "path\0line\0message" for sg_render_report. */
int	sg_render_msghandler(lua_State *L);

/* Reports the handler's "path\0line\0message" on top of L's stack as an
 * error of r's site: at that place, or at blame (a file, or NULL) when
 * it has none; what says where it happened ("in template"). Leaves the
 * stack as it is. */
void	sg_render_report(struct sg_render *r, const char *blame,
	    lua_State *L, const char *what);

/* Compiles every template of r->tmpls into Lua (t->lua) and bytecode
 * (t->code, owned by the set), the runtime into r->runtime, on jobs
 * threads, and checks the site's lua/site/ helpers, each in a scratch
 * state. Returns 0, or -1 after reporting each template or helper that
 * does not compile. */
int	sg_render_compile(struct sg_render *r, int jobs);

#endif
