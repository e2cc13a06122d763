/* pool.h: run a function over the indices 0..n-1 on a fixed set of
 * worker threads. */
#ifndef SG_POOL_H
#define SG_POOL_H

#include <stddef.h>

/* fn(ctx, worker, i): worker is 0..jobs-1, stable for one thread. */
typedef void	sg_pool_fn(void *, int, size_t);

void	sg_pool_run(int, size_t, sg_pool_fn *, void *);
int	sg_pool_cpus(void);

#endif
