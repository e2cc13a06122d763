/* watchdog.h: stops a call into Lua that runs too long, at no cost while
 * it does not. A count hook would bound each call by instructions, but
 * Lua 5.4 runs every instruction of a state with a count hook through
 * luaG_traceexec, which cost 7% of a build's instructions. Instead one
 * thread of the process watches the calls in progress, and when one is
 * past its deadline it signals the worker thread running it, whose
 * handler sets the hook the call then fails in (lua_sethook may be called
 * from a signal handler: Lua's own interpreter stops a script on ^C
 * that way). */
#ifndef SG_WATCHDOG_H
#define SG_WATCHDOG_H

#include <pthread.h>
#include <stdatomic.h>

#include <lua.h>

/* One Lua state's watch. Zero it before first use; sg_watch_drop it
 * before the state is closed. Only the thread running the state's call
 * arms and disarms it. */
struct sg_watch {
	lua_State	*L;
	lua_Hook	 hook;		/* set when the time is up */
	pthread_t	 thread;	/* running the call */
	double		 deadline;	/* sg_now() */
	atomic_uint	 gen;		/* odd while a call is watched */
	atomic_uint	 fire;		/* the gen the watchdog signalled */
	struct sg_watch	*next;		/* in the watchdog's list */
	int		 listed;
};

/* Watches the call about to run on L on this thread: seconds from now,
 * hook is set on L (count hook, every instruction), which must raise an
 * error. Returns 0, or -1 if the watchdog cannot run (then nothing
 * stops the call: the caller falls back to a count hook). */
int	sg_watch_arm(struct sg_watch *w, lua_State *L, lua_Hook hook,
	    double seconds);

/* Ends the watch of the current call and removes the hook from L, if it
 * was set. */
void	sg_watch_disarm(struct sg_watch *w);

/* Forgets w (before its state is closed). */
void	sg_watch_drop(struct sg_watch *w);

#endif
