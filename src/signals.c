/* signals.c: what SIGINT and SIGTERM do: run the cleanups registered
 * here (the staging folder of the output, for one), say that the output
 * is left as it was, and end the process with 128 + the signal. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <unistd.h>

#include "signals.h"

#define MAX_CLEANUPS	64

/* The only process-wide state of sitegen: a signal handler has nothing
 * else to reach. The handler only writes the signal's number to a pipe;
 * a thread reads it, runs the cleanups (in an ordinary thread, so they
 * may allocate and take locks) and exits 128 + the signal. */
static struct {
	void	(*fn)(void *);
	void	 *arg;
} cleanups[MAX_CLEANUPS];
static pthread_mutex_t	 cleanup_lock = PTHREAD_MUTEX_INITIALIZER;
static int		 sig_pipe[2] = { -1, -1 };
static pid_t		 main_pid;
static atomic_int	 stopping;
static sem_t		 watching;	/* the watcher thread has started */

int
sg_cleanup_push(void (*fn)(void *), void *arg)
{
	int	 i;

	pthread_mutex_lock(&cleanup_lock);
	for (i = 0; i < MAX_CLEANUPS; i++)
		if (cleanups[i].fn == NULL) {
			cleanups[i].fn = fn;
			cleanups[i].arg = arg;
			break;
		}
	pthread_mutex_unlock(&cleanup_lock);
	return i < MAX_CLEANUPS ? i : -1;
}

void
sg_cleanup_pop(int slot)
{
	if (slot < 0 || slot >= MAX_CLEANUPS)
		return;
	pthread_mutex_lock(&cleanup_lock);
	cleanups[slot].fn = NULL;
	cleanups[slot].arg = NULL;
	pthread_mutex_unlock(&cleanup_lock);
}

int
sg_stopping(void)
{
	return atomic_load(&stopping);
}

void
sg_cleanup_hold(void)
{
	pthread_mutex_lock(&cleanup_lock);
}

void
sg_cleanup_release(void)
{
	pthread_mutex_unlock(&cleanup_lock);
}

static void
on_signal(int sig)
{
	unsigned char	 b = (unsigned char)sig;
	int		 saved = errno;

	/* a forked child (before its exec) dies as it would have */
	if (getpid() != main_pid || write(sig_pipe[1], &b, 1) != 1) {
		signal(sig, SIG_DFL);
		raise(sig);
	}
	errno = saved;
}

static void *
watch(void *arg)
{
	static const char	 msg[] = "sitegen: interrupted; the output "
				    "is left as it was\n";
	unsigned char		 b;
	ssize_t			 n;
	int			 i;

	(void)arg;
	sem_post(&watching);
	while ((n = read(sig_pipe[0], &b, 1)) != 1)
		if (n == 0 || errno != EINTR)
			return NULL;
	atomic_store(&stopping, 1);
	pthread_mutex_lock(&cleanup_lock);
	for (i = MAX_CLEANUPS - 1; i >= 0; i--)
		if (cleanups[i].fn)
			cleanups[i].fn(cleanups[i].arg);
	n = write(STDERR_FILENO, msg, sizeof(msg) - 1);
	(void)n;
	_exit(128 + b);
}

void
sg_signals_trap(void)
{
	struct sigaction	 sa;
	pthread_attr_t		 attr;
	pthread_t		 t;

	if (sig_pipe[0] != -1 || pipe2(sig_pipe, O_CLOEXEC) == -1)
		return;
	main_pid = getpid();
	sem_init(&watching, 0, 0);
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	if (pthread_create(&t, &attr, watch, NULL) != 0) {
		pthread_attr_destroy(&attr);
		return;
	}
	pthread_attr_destroy(&attr);
	/* wait until it runs: a thread still starting may hold the
	 * allocator's lock (the sanitizers' has no fork handler), and the
	 * parse stage forks */
	while (sem_wait(&watching) == -1 && errno == EINTR)
		;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}
