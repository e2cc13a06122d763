/* pool.h: run a function over the indices 0..n-1 on a fixed set of
 * worker threads. */
#ifndef SG_POOL_H
#define SG_POOL_H

#include <stddef.h>

/* fn(ctx, worker, i): worker is 0..jobs-1, stable for one thread. */
typedef void	sg_pool_fn(void *ctx, int worker, size_t i);

/* Calls fn(ctx, worker, i) once for every i below n, on jobs threads (at
 * least 1, at most n; the calling thread is worker 0), in no set order,
 * and returns when all calls have returned. fn writes its results into
 * slots of its own index, so that the output does not depend on the
 * order. Workers 1 and up are threads that the process keeps for the
 * runs to come (worker k of one run is worker k's thread of the next);
 * they do not take SIGINT, SIGTERM, SIGHUP or SIGQUIT. fn may itself call
 * sg_pool_run, and two threads may run the pool at once: such a run
 * makes threads of its own. */
void	sg_pool_run(int jobs, size_t n, sg_pool_fn *fn, void *ctx);
/* The number of CPUs this process may run on, at least 1. */
int	sg_pool_cpus(void);

#endif
