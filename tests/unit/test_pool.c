/* test_pool.c: unit tests for the worker pool: every index is handed out
 * exactly once, on a worker in range, whatever the number of workers and
 * of indices. */
#include <stdatomic.h>
#include <stdlib.h>

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

int
main(void)
{
	TEST(every_index_once);
	TEST(no_jobs_is_one);
	HARNESS_EXIT();
}
