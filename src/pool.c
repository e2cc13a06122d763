/* pool.c: a minimal work-sharing pool: each worker takes the next run of
 * indices from one atomic counter until none are left, long runs first
 * and single indices at the end (guided scheduling). The order of work
 * differs from run to run; callers write results into per-index slots,
 * so the output does not.
 *
 * The helper threads (workers 1 and up; the caller is worker 0) are made
 * on the first run that needs them and wait between runs for the next,
 * for as long as the process lives. A build runs the pool a dozen times
 * (content, Markdown, templates, samples, render, credentials...): with
 * threads made and joined for each run, every helper's end went through
 * mimalloc's thread teardown, which walks the thread's whole heap to
 * hand it over, while the caller waited in pthread_join. At 1,000 pages
 * on two workers that was 51 million instructions, 2.3% of the build,
 * all of it at the end of a stage where no other work overlaps it. A run
 * that cannot have the helpers (one under way on another thread, or one
 * started from inside a run) makes threads of its own as before. */
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include "pool.h"
#include "util.h"

#define MAX_HELPERS	255

struct pool {
	sg_pool_fn	*fn;
	void		*ctx;
	size_t		 n;
	int		 jobs;		/* how many share it */
	atomic_size_t	 next;
};

/* The helpers, shared by the runs of the whole process. */
static pthread_mutex_t	 busy = PTHREAD_MUTEX_INITIALIZER; /* a run has them */
static pthread_mutex_t	 lock = PTHREAD_MUTEX_INITIALIZER; /* guards: */
static pthread_cond_t	 wake = PTHREAD_COND_INITIALIZER;  /* a new run */
static pthread_cond_t	 done = PTHREAD_COND_INITIALIZER;  /* helpers done */
static struct pool	*current;	/* the run under way, or NULL */
static unsigned long	 generation;	/* counts the runs */
static int		 helpers;	/* helper threads that have started */
static int		 working;	/* helpers still in the current run */

/* Set in every thread while it works for a run: a run started from there
 * cannot wait for helpers that may be the ones running it. */
static _Thread_local int in_run;

/* Takes the next run of indices, [*from, *to), or returns 0 when none is
 * left: a share of what is left (a quarter of each worker's part), so
 * that workers meet at the counter rarely while there is much to do and
 * finish together at the end, one index at a time. One index a take made
 * the workers' cores trade the counter's cache line for every small
 * item: 30,000 samples' attributes took 29 ms on two workers and 13 to
 * 20 ms on one. */
static int
take(struct pool *p, size_t *from, size_t *to)
{
	size_t	 i = atomic_load_explicit(&p->next, memory_order_relaxed), k;

	do {
		if (i >= p->n)
			return 0;
		k = (p->n - i) / ((size_t)p->jobs * 4);
		if (k == 0)
			k = 1;
	} while (!atomic_compare_exchange_weak(&p->next, &i, i + k));
	*from = i;
	*to = i + k;
	return 1;
}

static void
work(struct pool *p, int id)
{
	size_t	 i, end;
	int	 outer = in_run;

	in_run = 1;
	while (take(p, &i, &end))
		for (; i < end; i++)
			p->fn(p->ctx, id, i);
	in_run = outer;
}

/* Helper id: waits for each run that includes it, works, says so. */
static void *
helper(void *arg)
{
	int		 id = (int)(intptr_t)arg;
	unsigned long	 seen = 0;
	struct pool	*p;

	pthread_mutex_lock(&lock);
	helpers++;
	pthread_cond_broadcast(&done);
	for (;;) {
		while (generation == seen)
			pthread_cond_wait(&wake, &lock);
		seen = generation;
		if ((p = current) == NULL || id >= p->jobs)
			continue;
		pthread_mutex_unlock(&lock);
		work(p, id);
		pthread_mutex_lock(&lock);
		if (--working == 0)
			pthread_cond_broadcast(&done);
	}
	return NULL;
}

/* Makes the helpers up to want (under lock), and waits until each has
 * started: a thread still starting may hold the allocator's lock, and a
 * worker may fork (the sandbox). The signals a user sends the process
 * are left to the threads that were there before (the handlers of
 * signals.c and serve stop the build from any thread, but serve waits
 * for them in its main thread). Returns how many there are. */
static int
grow(int want)
{
	sigset_t	 block, old;
	pthread_attr_t	 attr;
	pthread_t	 t;
	int		 made = helpers;

	if (want > MAX_HELPERS)
		want = MAX_HELPERS;
	if (made >= want)
		return made;
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	sigaddset(&block, SIGQUIT);
	pthread_sigmask(SIG_BLOCK, &block, &old);
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	for (; made < want; made++)
		if (pthread_create(&t, &attr, helper,
		    (void *)(intptr_t)(made + 1)) != 0)
			break;
	pthread_attr_destroy(&attr);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	while (helpers < made)
		pthread_cond_wait(&done, &lock);
	return made;
}

/* A thread of run_alone: one worker of the run. */
struct alone {
	struct pool	*p;
	int		 id;
};

static void *
alone(void *arg)
{
	struct alone	*a = arg;

	work(a->p, a->id);
	return NULL;
}

/* A run on threads of its own, made for it and joined at its end. */
static void
run_alone(struct pool *p)
{
	pthread_t	*t = xcalloc((size_t)p->jobs, sizeof(*t));
	struct alone	*a = xcalloc((size_t)p->jobs, sizeof(*a));
	int		 i, started;

	for (started = 1; started < p->jobs; started++) {
		a[started].p = p;
		a[started].id = started;
		if (pthread_create(&t[started], NULL, alone,
		    &a[started]) != 0)
			break;
	}
	/* the workers that could not be made leave their share to the
	 * others: take() only sizes the shares by jobs */
	work(p, 0);
	for (i = 1; i < started; i++)
		pthread_join(t[i], NULL);
	free(a);
	free(t);
}

void
sg_pool_run(int jobs, size_t n, sg_pool_fn *fn, void *ctx)
{
	struct pool	 p;

	p.fn = fn;
	p.ctx = ctx;
	p.n = n;
	atomic_init(&p.next, 0);
	if (jobs < 1)
		jobs = 1;
	if ((size_t)jobs > n)
		jobs = n > 0 ? (int)n : 1;
	p.jobs = jobs;
	if (jobs == 1) {
		work(&p, 0);
		return;
	}
	if (in_run || pthread_mutex_trylock(&busy) != 0) {
		run_alone(&p);
		return;
	}
	pthread_mutex_lock(&lock);
	p.jobs = grow(jobs - 1) + 1;
	if (p.jobs > jobs)
		p.jobs = jobs;
	current = &p;
	working = p.jobs - 1;
	generation++;
	pthread_cond_broadcast(&wake);
	pthread_mutex_unlock(&lock);
	work(&p, 0);
	pthread_mutex_lock(&lock);
	while (working > 0)
		pthread_cond_wait(&done, &lock);
	current = NULL;
	pthread_mutex_unlock(&lock);
	pthread_mutex_unlock(&busy);
}

int
sg_pool_cpus(void)
{
	long	 n = sysconf(_SC_NPROCESSORS_ONLN);

	return n > 0 ? (int)n : 1;
}
