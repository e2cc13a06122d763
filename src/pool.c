/* pool.c: a minimal work-sharing pool: each worker takes the next run of
 * indices from one atomic counter until none are left, long runs first
 * and single indices at the end (guided scheduling). The order of work
 * differs from run to run; callers write results into per-index slots,
 * so the output does not. */
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
	int		 jobs;		/* how many share the pool */
};

/* Takes the next run of indices, [*from, *to), or returns 0 when none is
 * left: a share of what is left (a quarter of each worker's part), so
 * that workers meet at the counter rarely while there is much to do and
 * finish together at the end, one index at a time. One index a take made
 * the workers' cores trade the counter's cache line for every small
 * item: 30,000 samples' attributes took 29 ms on two workers and 13 to
 * 20 ms on one. */
static int
take(struct pool *p, int jobs, size_t *from, size_t *to)
{
	size_t	 i = atomic_load_explicit(&p->next, memory_order_relaxed), k;

	do {
		if (i >= p->n)
			return 0;
		k = (p->n - i) / ((size_t)jobs * 4);
		if (k == 0)
			k = 1;
	} while (!atomic_compare_exchange_weak(&p->next, &i, i + k));
	*from = i;
	*to = i + k;
	return 1;
}

static void *
work(void *arg)
{
	struct worker	*w = arg;
	struct pool	*p = w->pool;
	size_t		 i, end;

	while (take(p, w->jobs, &i, &end))
		for (; i < end; i++)
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
		w[i].jobs = jobs;
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
