/* pool.c: a minimal work-sharing pool: each worker takes the next index
 * from one atomic counter until none are left. The order of work differs
 * from run to run; callers write results into per-index slots, so the
 * output does not. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <unistd.h>

#include "pool.h"
#include "util.h"

struct pool {
	sg_pool_fn	*fn;
	void		*ctx;
	size_t		 n;
	atomic_size_t	 next;
};

struct worker {
	struct pool	*pool;
	int		 id;
};

static void *
work(void *arg)
{
	struct worker	*w = arg;
	struct pool	*p = w->pool;
	size_t		 i;

	while ((i = atomic_fetch_add(&p->next, 1)) < p->n)
		p->fn(p->ctx, w->id, i);
	return NULL;
}

void
sg_pool_run(int jobs, size_t n, sg_pool_fn *fn, void *ctx)
{
	struct pool	 p;
	struct worker	*w;
	pthread_t	*t;
	int		 i, started;

	p.fn = fn;
	p.ctx = ctx;
	p.n = n;
	atomic_init(&p.next, 0);
	if (jobs < 1)
		jobs = 1;
	if ((size_t)jobs > n)
		jobs = n > 0 ? (int)n : 1;
	w = xcalloc((size_t)jobs, sizeof(*w));
	t = xcalloc((size_t)jobs, sizeof(*t));
	for (i = 0; i < jobs; i++) {
		w[i].pool = &p;
		w[i].id = i;
	}
	for (started = 1; started < jobs; started++)
		if (pthread_create(&t[started], NULL, work, &w[started]) != 0)
			break;
	work(&w[0]);
	for (i = 1; i < started; i++)
		pthread_join(t[i], NULL);
	free(w);
	free(t);
}

int
sg_pool_cpus(void)
{
	long	 n = sysconf(_SC_NPROCESSORS_ONLN);

	return n > 0 ? (int)n : 1;
}
