/* samples_tmp.c: the temporary folders of the samples stage. Each is
 * named after the process that made it ("sitegen-PID-XXXXXX"), so that
 * the next build removes those of a build that was killed; on SIGINT,
 * SIGTERM or SIGHUP during the stage they are removed before the signal
 * takes its course (the sandboxed processes die with us: see sandbox.c,
 * PR_SET_PDEATHSIG and the PID namespace). */
#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rmtree.h"
#include "samples/samples_int.h"

/* A signal handler can reach nothing else: the one piece of global state
 * of the stage, set up and torn down by sx_tmp_init() and sx_tmp_fini(). */
static int		 sig_pipe[2] = { -1, -1 };
static const int	 caught[] = { SIGINT, SIGTERM, SIGHUP };
#define NCAUGHT		 (sizeof(caught) / sizeof(caught[0]))
static struct sigaction	 old_action[NCAUGHT];
static pthread_t	 watcher;
static pthread_mutex_t	 dirs_lock = PTHREAD_MUTEX_INITIALIZER;
static struct strv	 dirs;		/* the folders that exist now */

static void
on_signal(int sig)
{
	unsigned char	 b = (unsigned char)sig;
	int		 saved = errno;

	if (write(sig_pipe[1], &b, 1) < 0)
		_exit(128 + sig);
	errno = saved;
}

/* Waits for a signal (or 0: the stage is over); removes the folders and
 * lets the signal do what it would have done without us. */
static void *
watch(void *arg)
{
	unsigned char	 b = 0;
	size_t		 i, k;

	(void)arg;
	while (read(sig_pipe[0], &b, 1) == -1 && errno == EINTR)
		;
	if (b == 0)
		return NULL;
	/* held for good: no new folder from here on */
	pthread_mutex_lock(&dirs_lock);
	for (i = 0; i < dirs.len; i++)
		sg_rm_tree(dirs.v[i]);
	for (k = 0; k < NCAUGHT; k++)
		if (caught[k] == b)
			sigaction(b, &old_action[k], NULL);
	raise(b);
	/* the old action was to ignore it, or a handler that returned */
	_exit(128 + b);
}

/* Sweeps what killed builds left in c->tmpbase and catches SIGINT,
 * SIGTERM and SIGHUP until sx_tmp_fini(). */
void
sx_tmp_init(struct samples_ctx *c)
{
	struct sigaction	 sa;
	size_t			 k;

	sg_tmp_sweep(c->tmpbase, SX_TMP_PREFIX, 1);
	if (pipe2(sig_pipe, O_CLOEXEC) == -1)
		return;
	if (pthread_create(&watcher, NULL, watch, NULL) != 0) {
		close(sig_pipe[0]);
		close(sig_pipe[1]);
		sig_pipe[0] = sig_pipe[1] = -1;
		return;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART;
	/* a signal the user had ignored (nohup) stays ignored */
	for (k = 0; k < NCAUGHT; k++)
		if (sigaction(caught[k], NULL, &old_action[k]) == 0 &&
		    old_action[k].sa_handler != SIG_IGN)
			sigaction(caught[k], &sa, NULL);
}

void
sx_tmp_fini(void)
{
	unsigned char	 b = 0;
	size_t		 k;

	if (sig_pipe[1] == -1)
		return;
	for (k = 0; k < NCAUGHT; k++)
		sigaction(caught[k], &old_action[k], NULL);
	if (write(sig_pipe[1], &b, 1) == 1)
		pthread_join(watcher, NULL);
	close(sig_pipe[0]);
	close(sig_pipe[1]);
	sig_pipe[0] = sig_pipe[1] = -1;
	sx_strv_free(&dirs);
}

char *
sx_tmp_make(const struct samples_ctx *c)
{
	char	*dir = xasprintf("%s/" SX_TMP_PREFIX "%ld-XXXXXX", c->tmpbase,
		    (long)getpid());

	pthread_mutex_lock(&dirs_lock);
	if (mkdtemp(dir) == NULL) {
		pthread_mutex_unlock(&dirs_lock);
		free(dir);
		return NULL;
	}
	sx_strv_push(&dirs, dir);
	pthread_mutex_unlock(&dirs_lock);
	return dir;
}

void
sx_tmp_remove(const char *dir)
{
	size_t	 i;

	pthread_mutex_lock(&dirs_lock);
	sg_rm_tree(dir);
	for (i = 0; i < dirs.len; i++)
		if (!strcmp(dirs.v[i], dir)) {
			free(dirs.v[i]);
			dirs.v[i] = dirs.v[--dirs.len];
			dirs.v[dirs.len] = NULL;
			break;
		}
	pthread_mutex_unlock(&dirs_lock);
}
