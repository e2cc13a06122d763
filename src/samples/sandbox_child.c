/* sandbox_child.c: the child's side of the sandbox, between fork and
 * execve: it enters its folder, gives up root, unshares its namespaces,
 * applies the limits and the Landlock and seccomp layers its plan holds,
 * and execs the program. Async-signal-safe calls only: the parent may
 * have other threads. */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <linux/mount.h>

#include "samples/sandbox.h"
#include "samples/sandbox_int.h"
#include "samples/sandbox_layers.h"

const char *const sg_sandbox_stage_names[] = {
	"file descriptors", "setuid", "chdir", "unshare", "uid_map",
	"no_new_privs", "landlock", "setrlimit", "seccomp", "pid namespace",
	"mount /proc", "tmpfs", "execve"
};

static void __attribute__((noreturn))
child_fail(int fd, int stage)
{
	int	 msg[2];

	msg[0] = stage;
	msg[1] = errno;
	if (write(fd, msg, sizeof(msg)) < 0)
		_exit(126);
	_exit(127);
}

static int
write_file(const char *path, const char *s)
{
	size_t	 len = strlen(s);
	ssize_t	 n;
	int	 fd, saved;

	if ((fd = open(path, O_WRONLY | O_CLOEXEC)) == -1)
		return -1;
	n = write(fd, s, len);
	saved = errno;
	close(fd);
	errno = saved;
	return n == (ssize_t)len ? 0 : -1;
}

/* Gives up root for SANDBOX_ID; raw system calls change this thread only,
 * which is the whole process after fork. */
int
sg_sandbox_drop_root(void)
{
	if (syscall(SYS_setgroups, 0, NULL) == -1 ||
	    syscall(SYS_setresgid, SANDBOX_ID, SANDBOX_ID, SANDBOX_ID) == -1 ||
	    syscall(SYS_setresuid, SANDBOX_ID, SANDBOX_ID, SANDBOX_ID) == -1)
		return -1;
	/* Keep /proc/self ours, so that we may write uid_map. */
	return prctl(PR_SET_DUMPABLE, 1, 0, 0, 0);
}

/* Enters a new user, network and IPC namespace (System V shared memory of
 * the user's other programs stays out of reach), mapping our uid and gid
 * onto themselves: not root inside, so no capability survives execve.
 * Returns the stage that failed, or -1. */
int
sg_sandbox_enter_userns(const char *uid_map, const char *gid_map, int pidns)
{
	if (unshare(CLONE_NEWUSER | CLONE_NEWNET | CLONE_NEWIPC |
	    (pidns ? CLONE_NEWPID | CLONE_NEWNS : 0)) == -1)
		return ST_UNSHARE;
	if ((write_file("/proc/self/setgroups", "deny") == -1 &&
	    errno != ENOENT) ||
	    write_file("/proc/self/uid_map", uid_map) == -1 ||
	    write_file("/proc/self/gid_map", gid_map) == -1)
		return ST_IDMAP;
	return -1;
}

/* Moves fd to at least 4, so that the dup2()s below cannot clobber it. */
static int
raise_fd(int fd)
{
	return fd >= 4 ? fd : fcntl(fd, F_DUPFD_CLOEXEC, 4);
}

/* See sandbox_int.h. */
void
sg_sandbox_child(const struct child_plan *p)
{
	struct sigaction	 sa;
	struct rlimit		 no_core = { 0, 0 };
	sigset_t		 none;
	int			 fd[4], i, stage;

	/* Default signal handling: ignored signals survive execve. */
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	for (i = 1; i < NSIG; i++)
		if (sigaction(i, NULL, &sa) == 0 && sa.sa_handler == SIG_IGN)
			signal(i, SIG_DFL);
	setpgid(0, 0);
	if (fchdir(p->cwd_fd) == -1)
		child_fail(p->fd[3], ST_CHDIR);

	for (i = 0; i < 4; i++)
		if ((fd[i] = raise_fd(p->fd[i])) == -1)
			child_fail(p->fd[3], ST_FDS);
	if (dup3(fd[3], 3, O_CLOEXEC) == -1)
		child_fail(fd[3], ST_FDS);
	for (i = 0; i < 3; i++)
		if (dup2(fd[i], i) == -1)
			child_fail(3, ST_FDS);
	if (syscall(SYS_close_range, 4U, ~0U, 0U) == -1)
		for (i = 4; i < 1024; i++)
			close(i);

	if (p->drop && sg_sandbox_drop_root() == -1)
		child_fail(3, ST_IDENTITY);
	if ((p->layers & SG_SANDBOX_NO_NET) &&
	    (stage = sg_sandbox_enter_userns(p->uid_map, p->gid_map,
	    p->layers & SG_SANDBOX_PROC)) != -1)
		child_fail(3, stage);
	/* Set after every change of identity, which clears it. */
	prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
	if (getppid() != p->parent)
		_exit(127);
	if ((p->layers & SG_SANDBOX_PROC) &&
	    (stage = sg_sandbox_pidns_enter(p->tmpfs_size, p->argv[0])) != 0)
		child_fail(3, stage == SG_NS_PROC ? ST_PROC : stage ==
		    SG_NS_TMPFS ? ST_TMPFS : stage == SG_NS_EXEC ? ST_EXEC :
		    ST_PIDNS);
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == -1)
		child_fail(3, ST_NNP);
	if ((p->layers & SG_SANDBOX_LANDLOCK) &&
	    sg_sandbox_landlock_apply(&p->landlock) == -1)
		child_fail(3, ST_LANDLOCK);
	/* RLIMIT_NPROC after unshare: inside a fresh user namespace the
	 * kernel counts only this sandbox's processes against it (and it
	 * never limits root, hence sg_sandbox_drop_root()). */
	if (setrlimit(RLIMIT_CORE, &no_core) == -1 ||
	    setrlimit(RLIMIT_CPU, &p->cpu) == -1 ||
	    setrlimit(RLIMIT_FSIZE, &p->fsize) == -1 ||
	    setrlimit(RLIMIT_NOFILE, &p->nofile) == -1 ||
	    setrlimit(RLIMIT_NPROC, &p->nproc) == -1 ||
	    (p->set_as && setrlimit(RLIMIT_AS, &p->as) == -1))
		child_fail(3, ST_RLIMIT);
	if ((p->layers & SG_SANDBOX_SECCOMP) &&
	    sg_sandbox_seccomp_install(&p->seccomp) == -1)
		child_fail(3, ST_SECCOMP);
	execve(p->argv[0], (char *const *)p->argv, p->envp);
	child_fail(3, ST_EXEC);
}

