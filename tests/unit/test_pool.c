/* test_pool.c: unit tests for the worker pool: every index is handed out
 * exactly once, on a worker in range, whatever the number of workers and
 * of indices. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "pool.h"
#include "util.h"

struct count {
	atomic_int	*seen;		/* calls for each index */
	atomic_int	 bad_worker;	/* calls with a worker out of range */
	int		 jobs;
};

static void
note(void *arg, int worker, size_t i)
{
	struct count	*c = arg;

	atomic_fetch_add(&c->seen[i], 1);
	if (worker < 0 || worker >= c->jobs)
		atomic_fetch_add(&c->bad_worker, 1);
}

static void
every_index_once(void)
{
	static const size_t	 ns[] = { 0, 1, 2, 3, 7, 8, 9, 100, 1001, 30011 };
	struct count		 c;
	size_t			 k, i;
	int			 jobs, ok = 1;

	for (jobs = 1; jobs <= 8; jobs++)
		for (k = 0; k < sizeof(ns) / sizeof(ns[0]); k++) {
			c.seen = xcalloc(ns[k] + 1, sizeof(*c.seen));
			atomic_init(&c.bad_worker, 0);
			c.jobs = jobs;
			sg_pool_run(jobs, ns[k], note, &c);
			for (i = 0; i < ns[k]; i++)
				ok &= atomic_load(&c.seen[i]) == 1;
			ok &= atomic_load(&c.seen[ns[k]]) == 0;
			ok &= atomic_load(&c.bad_worker) == 0;
			free(c.seen);
		}
	CHECK(ok);
}

/* A worker count of 0 or less runs everything on the calling thread. */
static void
no_jobs_is_one(void)
{
	struct count	 c;
	size_t		 i;
	int		 ok = 1;

	c.seen = xcalloc(50, sizeof(*c.seen));
	atomic_init(&c.bad_worker, 0);
	c.jobs = 1;
	sg_pool_run(0, 50, note, &c);
	for (i = 0; i < 50; i++)
		ok &= atomic_load(&c.seen[i]) == 1;
	CHECK(ok && atomic_load(&c.bad_worker) == 0);
	CHECK(sg_pool_cpus() >= 1);
	free(c.seen);
}

/* The helper threads stay from one run to the next: worker k of a run is
 * the thread that was worker k of the run before (made once, not made
 * and joined for every run), and worker 0 is the caller. */
struct who {
	atomic_int	 thread[4];	/* the serial of worker k's thread */
	atomic_int	 mixed;		/* a worker seen on two threads */
};

/* A number for each thread, never given twice (a pthread_t may be that
 * of a thread joined before). */
static atomic_int		 serials;
static _Thread_local int	 serial;

static void
record(void *arg, int worker, size_t i)
{
	struct who	*w = arg;
	int		 none = 0;

	(void)i;
	if (serial == 0)
		serial = atomic_fetch_add(&serials, 1) + 1;
	if (!atomic_compare_exchange_strong(&w->thread[worker], &none,
	    serial) && none != serial)
		atomic_store(&w->mixed, 1);
	usleep(100);	/* so that every worker gets indices */
}

static void
helpers_stay(void)
{
	struct who	 a, b;
	int		 k, same = 1;

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	sg_pool_run(4, 400, record, &a);
	sg_pool_run(4, 400, record, &b);
	CHECK(!a.mixed && !b.mixed);
	CHECK(a.thread[0] != 0 && a.thread[0] == serial);
	for (k = 1; k < 4; k++)
		if (a.thread[k] && b.thread[k])
			same &= a.thread[k] == b.thread[k];
	CHECK(same && a.thread[1] && b.thread[1]);
}

/* A run started inside a run (a worker's function runs the pool again)
 * and runs started at once from two threads each hand out every index
 * once: such a run makes threads of its own. */
struct nest {
	struct count	 inner[8];
	atomic_int	 seen[8];
};

static void
outer(void *arg, int worker, size_t i)
{
	struct nest	*n = arg;

	(void)worker;
	atomic_fetch_add(&n->seen[i], 1);
	sg_pool_run(3, 97, note, &n->inner[i]);
}

static void *
side(void *arg)
{
	struct count	*c = arg;
	int		 r;

	for (r = 0; r < 20; r++)
		sg_pool_run(c->jobs, 1001, note, &c[r + 1]);
	return NULL;
}

static int
all_once(struct count *c, size_t n)
{
	size_t	 i;
	int	 ok = atomic_load(&c->bad_worker) == 0;

	for (i = 0; i < n; i++)
		ok &= atomic_load(&c->seen[i]) == 1;
	free(c->seen);
	return ok;
}

static void
nested_and_side_by_side(void)
{
	struct nest	 n;
	struct count	 c[2][21];
	pthread_t	 t;
	int		 k, r, ok = 1;

	memset(&n, 0, sizeof(n));
	for (k = 0; k < 8; k++) {
		n.inner[k].seen = xcalloc(97, sizeof(*n.inner[k].seen));
		n.inner[k].jobs = 3;
	}
	sg_pool_run(2, 8, outer, &n);
	for (k = 0; k < 8; k++)
		ok &= atomic_load(&n.seen[k]) == 1 && all_once(&n.inner[k], 97);
	CHECK(ok);

	memset(c, 0, sizeof(c));
	for (k = 0; k < 2; k++)
		for (r = 1; r <= 20; r++) {
			c[k][r].seen = xcalloc(1001, sizeof(*c[k][r].seen));
			c[k][r].jobs = 3;
		}
	c[0][0].jobs = c[1][0].jobs = 3;
	CHECK(pthread_create(&t, NULL, side, c[1]) == 0);
	side(c[0]);
	pthread_join(t, NULL);
	for (k = 0; k < 2; k++)
		for (r = 1; r <= 20; r++)
			ok &= all_once(&c[k][r], 1001);
	CHECK(ok);
}

int
main(void)
{
	TEST(every_index_once);
	TEST(no_jobs_is_one);
	TEST(helpers_stay);
	TEST(nested_and_side_by_side);
	HARNESS_EXIT();
}
