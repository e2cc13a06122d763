/* watchdog.c: the thread that stops calls into Lua past their deadline
 * (see watchdog.h). Arming and disarming a watch is a lock and a few
 * stores; the watchdog wakes four times a second, looks at the watches
 * and signals the thread of each call past its deadline. The lock keeps
 * it from signalling a thread whose call has ended (and which may have
 * ended too); a generation count keeps a late signal from stopping the
 * next call of the same thread. */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <time.h>

#include "templates/watchdog.h"
#include "util.h"

#define TICK_NS		250000000L	/* how often the watchdog looks */

static pthread_mutex_t		 lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t		 once = PTHREAD_ONCE_INIT;
static struct sg_watch		*watches;	/* under lock */
static int			 running;	/* the watchdog started */
static int			 signo;

/* The watch of this thread's current call, for the signal handler. */
static _Thread_local struct sg_watch	*current;

static void
on_signal(int sig)
{
	struct sg_watch	*w = current;
	unsigned	 gen;
	int		 saved = errno;

	(void)sig;
	if (w != NULL) {
		gen = atomic_load(&w->gen);
		if ((gen & 1) && atomic_load(&w->fire) == gen)
			lua_sethook(w->L, w->hook, LUA_MASKCOUNT, 1);
	}
	errno = saved;
}

static void *
watch_loop(void *arg)
{
	struct timespec	 tick = { 0, TICK_NS };
	struct sg_watch	*w;
	unsigned	 gen;
	double		 now;

	(void)arg;
	for (;;) {
		nanosleep(&tick, NULL);
		now = sg_now();
		pthread_mutex_lock(&lock);
		for (w = watches; w != NULL; w = w->next) {
			gen = atomic_load(&w->gen);
			if (!(gen & 1) || now < w->deadline ||
			    atomic_load(&w->fire) == gen)
				continue;
			atomic_store(&w->fire, gen);
			pthread_kill(w->thread, signo);
		}
		pthread_mutex_unlock(&lock);
	}
	return NULL;
}

static void
start(void)
{
	struct sigaction	 sa;
	sigset_t		 all, old;
	pthread_attr_t		 attr;
	pthread_t		 t;

	signo = SIGRTMIN + 1;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	if (sigaction(signo, &sa, NULL) == -1)
		return;
	/* the watchdog takes none of the process's signals */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	running = pthread_create(&t, &attr, watch_loop, NULL) == 0;
	pthread_attr_destroy(&attr);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
}

int
sg_watch_arm(struct sg_watch *w, lua_State *L, lua_Hook hook,
    double seconds)
{
	pthread_once(&once, start);
	if (!running)
		return -1;
	pthread_mutex_lock(&lock);
	w->L = L;
	w->hook = hook;
	w->thread = pthread_self();
	w->deadline = sg_now() + seconds;
	if (!w->listed) {
		w->next = watches;
		watches = w;
		w->listed = 1;
	}
	current = w;
	atomic_fetch_add(&w->gen, 1);		/* odd: watched */
	pthread_mutex_unlock(&lock);
	return 0;
}

void
sg_watch_disarm(struct sg_watch *w)
{
	pthread_mutex_lock(&lock);
	if (atomic_load(&w->gen) & 1)
		atomic_fetch_add(&w->gen, 1);
	current = NULL;
	pthread_mutex_unlock(&lock);
	if (w->L != NULL)
		lua_sethook(w->L, NULL, 0, 0);
}

void
sg_watch_drop(struct sg_watch *w)
{
	struct sg_watch	**pp;

	pthread_mutex_lock(&lock);
	for (pp = &watches; *pp != NULL; pp = &(*pp)->next)
		if (*pp == w) {
			*pp = w->next;
			break;
		}
	w->listed = 0;
	pthread_mutex_unlock(&lock);
}
