/* spin.c: how much a second core gives a program that shares nothing: a
 * fixed amount of arithmetic, all on one thread (JOBS 1) or split evenly
 * over JOBS threads, with no memory, files or locks. The ratio of its
 * times at --jobs 1 and 2 is the most any program can gain from a second
 * worker on this machine at that moment: on a virtual machine whose two
 * cores share a physical one, or whose host is busy, it is well below 2.
 * usage: spin JOBS */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* About 0.4 s of one core's work on the machines this ran on. */
#define STEPS	(200u * 1000u * 1000u)

static volatile uint64_t	 sink;

static void *
run(void *arg)
{
	uint64_t	 n = *(const uint64_t *)arg, x = 88172645463325252ull;
	uint64_t	 i;

	/* xorshift: each step needs the last, which no compiler folds */
	for (i = 0; i < n; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
	}
	*(uint64_t *)arg = x;
	return NULL;
}

int
main(int argc, char *argv[])
{
	pthread_t	 t[64];
	uint64_t	 share[64];
	int		 jobs, i;

	jobs = argc > 1 ? atoi(argv[1]) : 1;
	if (jobs < 1 || jobs > 64) {
		fprintf(stderr, "usage: spin JOBS (1 to 64)\n");
		return 2;
	}
	for (i = 0; i < jobs; i++) {
		share[i] = STEPS / (unsigned)jobs;
		if (pthread_create(&t[i], NULL, run, &share[i]) != 0) {
			perror("spin: pthread_create");
			return 1;
		}
	}
	for (i = 0; i < jobs; i++)
		pthread_join(t[i], NULL);
	/* the results are used, so that the work is not dropped */
	for (i = 0; i < jobs; i++)
		sink ^= share[i];
	return 0;
}
