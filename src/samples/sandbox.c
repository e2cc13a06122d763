/* sandbox.c: runs one child process (a compiled sample or a compiler) with
 * least privilege: its own process group, a minimal environment, limits,
 * a new user and network namespace, then Landlock and seccomp (see
 * sandbox_layers.c), each where the kernel offers it. The parent captures
 * bounded output and kills the whole group at exit or at the deadline. */
#include <errno.h>
#include <fcntl.h>
#include <dirent.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/mount.h>

#include "samples/sandbox.h"
#include "samples/sandbox_layers.h"
#include "util.h"

#define SANDBOX_ID	65534	/* uid and gid ("nobody") when we are root */
#define READ_CHUNK	65536
#define READ_ROUNDS	16	/* chunks a wake-up: a flood cannot starve us */
#define EXIT_GRACE	1.0	/* seconds to drain the pipes after the exit */
#define NO_PIDFD_TICK	10	/* ms between checks without pidfd_open() */

/* Probed once, then only read. */
static pthread_once_t	 probe_once = PTHREAD_ONCE_INIT;
static int		 probe_layers;
static char		 probe_line[256];

/* Why the child could not start: the step it reached, reported to the
 * parent on a close-on-exec pipe with errno. */
enum stage {
	ST_FDS, ST_IDENTITY, ST_CHDIR, ST_UNSHARE, ST_IDMAP, ST_NNP,
	ST_LANDLOCK, ST_RLIMIT, ST_SECCOMP, ST_PIDNS, ST_PROC, ST_TMPFS,
	ST_EXEC
};
static const char *const stage_names[] = {
	"file descriptors", "setuid", "chdir", "unshare", "uid_map",
	"no_new_privs", "landlock", "setrlimit", "seccomp", "pid namespace",
	"mount /proc", "tmpfs", "execve"
};

/* Everything the child needs, prepared before fork: between fork and
 * execve the child makes async-signal-safe calls only. */
struct child_plan {
	const char *const *argv;
	char		**envp;		/* NULL-terminated */
	const char	*cwd;		/* absolute */
	int		 cwd_fd;	/* opened by us: the child enters it
					 * before it drops root, so that a
					 * private folder above it is no
					 * obstacle */
	int		 layers;	/* SG_SANDBOX_* in force */
	int		 drop;		/* become SANDBOX_ID first */
	char		 uid_map[48];
	char		 gid_map[48];
	struct rlimit	 cpu, nproc, fsize, nofile, as;
	int		 set_as;	/* apply RLIMIT_AS */
	char		 tmpfs_size[32];	/* "" for no tmpfs */
	struct sg_landlock_plan	 landlock;
	struct sg_seccomp_prog	 seccomp;
	int		 fd[4];		/* stdin, stdout, stderr, report */
	pid_t		 parent;
};

/* ------------------------------------------------------------------- child */

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
static int
drop_root(void)
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
static int
enter_userns(const char *uid_map, const char *gid_map, int pidns)
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

static void __attribute__((noreturn))
child(const struct child_plan *p)
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

	if (p->drop && drop_root() == -1)
		child_fail(3, ST_IDENTITY);
	if ((p->layers & SG_SANDBOX_NO_NET) &&
	    (stage = enter_userns(p->uid_map, p->gid_map,
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
	 * never limits root, hence drop_root()). */
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

/* ------------------------------------------------------------------- probe */

/* The identity maps of the user namespace: our uid and gid onto
 * themselves, or SANDBOX_ID when we drop root. */
static void
id_maps(char *uid_map, char *gid_map, size_t size, int drop)
{
	snprintf(uid_map, size, "%u %u 1\n",
	    drop ? SANDBOX_ID : (unsigned)geteuid(),
	    drop ? SANDBOX_ID : (unsigned)geteuid());
	snprintf(gid_map, size, "%u %u 1\n",
	    drop ? SANDBOX_ID : (unsigned)getegid(),
	    drop ? SANDBOX_ID : (unsigned)getegid());
}

/* Waits for pid; returns 1 if it exited 0. */
static int
exited_ok(pid_t pid)
{
	int	 st;

	while (waitpid(pid, &st, 0) == -1)
		if (errno != EINTR)
			return 0;
	return WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

/* Tries, in a throwaway child, what the real child will do to enter its
 * user namespace (with pidns, also a PID and mount namespace whose first
 * process mounts its own /proc). */
static int
probe_userns(int pidns)
{
	char	 uid_map[48], gid_map[48];
	pid_t	 pid, init;
	int	 drop = geteuid() == 0;

	id_maps(uid_map, gid_map, sizeof(uid_map), drop);
	if ((pid = fork()) == -1)
		return 0;
	if (pid == 0) {
		if (drop && drop_root() == -1)
			_exit(1);
		if (enter_userns(uid_map, gid_map, pidns) != -1)
			_exit(1);
		if (!pidns)
			_exit(0);
		if ((init = fork()) == -1)
			_exit(1);
		/* and the new mount API that enter_tmpfs() uses */
		if (init == 0)
			_exit(sg_sandbox_private_proc() == 0 &&
			    syscall(SYS_fsopen,
			    "tmpfs", FSOPEN_CLOEXEC) != -1 ? 0 : 1);
		_exit(exited_ok(init) ? 0 : 1);
	}
	return exited_ok(pid);
}

static void
probe(void)
{
	int	 abi;

	if ((abi = sg_sandbox_landlock_abi()) > 0)
		probe_layers |= SG_SANDBOX_LANDLOCK;
	if (sg_sandbox_seccomp_probe())
		probe_layers |= SG_SANDBOX_SECCOMP;
	if (probe_userns(0))
		probe_layers |= SG_SANDBOX_NO_NET;
	if ((probe_layers & SG_SANDBOX_NO_NET) && probe_userns(1))
		probe_layers |= SG_SANDBOX_PROC;
	snprintf(probe_line, sizeof(probe_line), "sandbox: namespaces %s, "
	    "private /proc and tmpfs %s, landlock %s%.0d, seccomp %s, memory "
	    "limit by rlimit (ASan's own limit under ASan), cgroup no",
	    probe_layers & SG_SANDBOX_NO_NET ? "yes" : "no",
	    probe_layers & SG_SANDBOX_PROC ? "yes" : "no (samples see the "
	    "host's processes; disk use is capped per file only)",
	    abi > 0 ? "ABI " : "no (samples may read whatever this user "
	    "may)", abi, probe_layers & SG_SANDBOX_SECCOMP ? "yes" : "no");
}

/* Returns the SG_SANDBOX_* layers this kernel offers, probed once. */
int
sg_sandbox_available(void)
{
	pthread_once(&probe_once, probe);
	return probe_layers;
}

/* Returns a static line saying which layers work here. */
const char *
sg_sandbox_describe(void)
{
	pthread_once(&probe_once, probe);
	return probe_line;
}

/* ------------------------------------------------------------------ parent */

/* The parent's side of one run. */
struct supervisor {
	pid_t		 pid;		/* the child, also its process group */
	int		 pidfd;		/* readable at the child's exit; -1 */
	int		 out, err, in;	/* our ends of the pipes, or -1 */
	const char	*in_data;	/* stdin not yet written */
	size_t		 in_left;
	size_t		 max_output;
	struct sg_buf	 obuf, ebuf;
	int		 otrunc, etrunc;
	double		 deadline;	/* CLOCK_MONOTONIC seconds */
	int		 exited;	/* the child exited (not reaped yet) */
	int		 timed_out;
};

/* Fills *o with the defaults; see sandbox.h. */
void
sg_sandbox_opts_init(struct sg_sandbox_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->wall_seconds = 10;
	o->cpu_seconds = 10;
	o->max_output = 1024 * 1024;
	o->max_procs = 64;
	o->max_file_size = 16 * 1024 * 1024;
	o->max_files = 64;
	o->flags = SG_SANDBOX_ALL;
}

/* Frees what *r owns and clears it; NULL is fine. */
void
sg_sandbox_result_free(struct sg_sandbox_result *r)
{
	if (r == NULL)
		return;
	free(r->out);
	free(r->err);
	memset(r, 0, sizeof(*r));
}

/* Gives everything under the directory dirfd (which this takes over) to
 * SANDBOX_ID, following no symbolic link. */
static void
chown_tree(int dirfd, int depth)
{
	struct dirent	*de;
	DIR		*d;
	int		 fd;

	if (depth > 64 || (d = fdopendir(dirfd)) == NULL) {
		close(dirfd);
		return;
	}
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		if (fchownat(dirfd, de->d_name, SANDBOX_ID, SANDBOX_ID,
		    AT_SYMLINK_NOFOLLOW) == -1)
			continue;
		if (de->d_type != DT_DIR && de->d_type != DT_UNKNOWN)
			continue;
		fd = openat(dirfd, de->d_name,
		    O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (fd != -1)
			chown_tree(fd, depth + 1);
	}
	closedir(d);
}

/* Reads what fd holds into b, keeping at most max bytes and discarding the
 * rest. Returns 0 at end of file (or on an error), 1 while it stays open. */
static int
drain(int fd, struct sg_buf *b, size_t max, int *truncated)
{
	char	 chunk[READ_CHUNK];
	ssize_t	 n;
	size_t	 keep;
	int	 i;

	for (i = 0; i < READ_ROUNDS; i++) {
		if ((n = read(fd, chunk, sizeof(chunk))) == 0)
			return 0;
		if (n == -1) {
			if (errno == EINTR)
				continue;
			return errno == EAGAIN;
		}
		keep = b->len < max ? max - b->len : 0;
		if (keep > (size_t)n)
			keep = (size_t)n;
		if (keep > 0)
			sg_buf_put(b, chunk, keep);
		if (keep < (size_t)n)
			*truncated = 1;
	}
	return 1;
}

/* Writes what is left of stdin to the non-blocking fd. Returns 0 when all
 * was written or nobody reads any more, 1 when the pipe is full. */
static int
feed(int fd, const char **data, size_t *left)
{
	ssize_t	 n;

	while (*left > 0) {
		if ((n = write(fd, *data, *left)) > 0) {
			*data += n;
			*left -= (size_t)n;
		} else if (n == -1 && errno == EINTR)
			continue;
		else
			return n == -1 && errno == EAGAIN;
	}
	return 0;
}

static void
close_fd(int *fd)
{
	if (*fd != -1)
		close(*fd);
	*fd = -1;
}

/* Has the child exited? It stays a zombie, so its pid (and process group
 * id) cannot be reused before we kill the group and reap it. */
static int
child_exited(pid_t pid)
{
	siginfo_t	 si;

	memset(&si, 0, sizeof(si));
	if (waitid(P_PID, (id_t)pid, &si, WEXITED | WNOHANG | WNOWAIT) == -1)
		return errno == ECHILD;
	return si.si_pid != 0;
}

/* Feeds stdin and collects stdout and stderr until both are closed and the
 * child exited, or the deadline passed. The whole process group is killed
 * as soon as the child exits (so that grandchildren holding the pipes
 * cannot hang us), or at the deadline. */
static void
supervise(struct supervisor *s)
{
	struct pollfd	 pfd[4];
	sigset_t	 pipe_set, old_set, pending;
	double		 now, end = s->deadline;
	int		 np, i, timeout, blocked = 0, pipe_was_pending = 0;

	/* A reader that goes away would send this thread SIGPIPE. */
	sigemptyset(&pipe_set);
	sigaddset(&pipe_set, SIGPIPE);
	if (s->in != -1) {
		pthread_sigmask(SIG_BLOCK, &pipe_set, &old_set);
		blocked = 1;
		sigpending(&pending);
		pipe_was_pending = sigismember(&pending, SIGPIPE);
	}
	for (;;) {
		now = sg_now();
		if (!s->exited && child_exited(s->pid)) {
			s->exited = 1;
			kill(-s->pid, SIGKILL);
			close_fd(&s->in);
			if (now + EXIT_GRACE < end)
				end = now + EXIT_GRACE;
		}
		if (s->exited && s->out == -1 && s->err == -1)
			break;
		if (now >= end) {
			if (!s->exited) {
				s->timed_out = 1;
				kill(-s->pid, SIGKILL);
				kill(s->pid, SIGKILL);
			}
			break;
		}
		np = 0;
		if (s->out != -1)
			pfd[np++] = (struct pollfd){ s->out, POLLIN, 0 };
		if (s->err != -1)
			pfd[np++] = (struct pollfd){ s->err, POLLIN, 0 };
		if (s->in != -1)
			pfd[np++] = (struct pollfd){ s->in, POLLOUT, 0 };
		if (s->pidfd != -1 && !s->exited)
			pfd[np++] = (struct pollfd){ s->pidfd, POLLIN, 0 };
		timeout = (int)((end - now) * 1000) + 1;
		if (s->pidfd == -1 && !s->exited && timeout > NO_PIDFD_TICK)
			timeout = NO_PIDFD_TICK;
		if (poll(pfd, (nfds_t)np, timeout) == -1) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			kill(-s->pid, SIGKILL);
			break;
		}
		for (i = 0; i < np; i++) {
			if (pfd[i].revents == 0)
				continue;
			if (pfd[i].fd == s->out &&
			    !drain(s->out, &s->obuf, s->max_output, &s->otrunc))
				close_fd(&s->out);
			else if (pfd[i].fd == s->err &&
			    !drain(s->err, &s->ebuf, s->max_output, &s->etrunc))
				close_fd(&s->err);
			else if (pfd[i].fd == s->in &&
			    !feed(s->in, &s->in_data, &s->in_left))
				close_fd(&s->in);
		}
	}
	/* Keep what the killed processes had already written. */
	if (s->out != -1)
		drain(s->out, &s->obuf, s->max_output, &s->otrunc);
	if (s->err != -1)
		drain(s->err, &s->ebuf, s->max_output, &s->etrunc);
	close_fd(&s->in);
	if (!blocked)
		return;
	sigpending(&pending);
	if (!pipe_was_pending && sigismember(&pending, SIGPIPE)) {
		struct timespec	 zero = { 0, 0 };

		sigtimedwait(&pipe_set, NULL, &zero);
	}
	pthread_sigmask(SIG_SETMASK, &old_set, NULL);
}

/* Waits for the (killed or exited) child, with its resource usage. */
static int
reap(pid_t pid, siginfo_t *si, struct rusage *ru)
{
	for (;;) {
		memset(si, 0, sizeof(*si));
		memset(ru, 0, sizeof(*ru));
		if (syscall(SYS_waitid, P_PID, (id_t)pid, si, WEXITED, ru) == 0)
			return 0;
		if (errno != EINTR)
			return -1;
	}
}

/* Fills the child's limits from the options, defaults for zeros. */
static void
set_limits(struct child_plan *cp, const struct sg_sandbox_opts *o)
{
	double	 cpu = o->cpu_seconds > 0 ? o->cpu_seconds : 10;

	cp->cpu.rlim_cur = (rlim_t)cpu;
	if ((double)cp->cpu.rlim_cur < cpu)
		cp->cpu.rlim_cur++;		/* rounded up: whole seconds */
	cp->cpu.rlim_max = cp->cpu.rlim_cur + 1; /* SIGXCPU, then SIGKILL */
	cp->nproc.rlim_cur = cp->nproc.rlim_max =
	    (rlim_t)(o->max_procs > 0 ? o->max_procs : 64);
	cp->fsize.rlim_cur = cp->fsize.rlim_max =
	    (rlim_t)(o->max_file_size > 0 ? o->max_file_size : 16 << 20);
	cp->nofile.rlim_cur = cp->nofile.rlim_max =
	    (rlim_t)(o->max_files > 0 ? o->max_files : 64);
	/* the two waiting processes of a PID namespace count too */
	if (cp->layers & SG_SANDBOX_PROC)
		cp->nproc.rlim_cur = cp->nproc.rlim_max += 2;
	cp->set_as = o->max_memory > 0 && !o->asan;
	cp->as.rlim_cur = cp->as.rlim_max = (rlim_t)o->max_memory;
	if (o->tmpfs_size > 0 && (cp->layers & SG_SANDBOX_PROC))
		snprintf(cp->tmpfs_size, sizeof(cp->tmpfs_size), "%zu",
		    o->tmpfs_size);
}

/* Opens the child's stdin: /dev/null, or a pipe already holding as much
 * of the data as fits (the supervisor writes the rest). Sets *child_end,
 * and s->in to our end of the pipe while data is left, else -1. */
static int
open_stdin(const struct sg_sandbox_opts *o, struct supervisor *s,
    int *child_end)
{
	int	 p[2];

	s->in = -1;
	if (o->stdin_data == NULL) {
		*child_end = open("/dev/null", O_RDONLY | O_CLOEXEC);
		return *child_end == -1 ? -1 : 0;
	}
	if (pipe2(p, O_CLOEXEC) == -1)
		return -1;
	*child_end = p[0];
	s->in = p[1];
	s->in_data = o->stdin_data;
	s->in_left = o->stdin_len;
	if (s->in_left > READ_CHUNK)
		fcntl(s->in, F_SETPIPE_SZ,
		    (int)(s->in_left < (1 << 20) ? s->in_left : (1 << 20)));
	fcntl(s->in, F_SETFL, O_NONBLOCK);
	if (!feed(s->in, &s->in_data, &s->in_left))
		close_fd(&s->in);
	return 0;
}

/* Runs o->argv sandboxed and fills *res; returns 0 when the child ran,
 * -1 with errno and a message in res->err when it could not start. The
 * caller frees *res either way. See sandbox.h. */
int
sg_sandbox_run(const struct sg_sandbox_opts *o,
    struct sg_sandbox_result *res)
{
	struct child_plan	 cp;
	struct supervisor	 s;
	struct sg_buf		 msg = { 0 };
	struct rusage		 ru;
	siginfo_t		 si;
	char			*cwd = NULL, *envp[8], errbuf[128];
	const char		*what = "";
	double			 start, wall, cpu;
	ssize_t			 n;
	size_t			 nenv = 0, i;
	int			 outp[2] = { -1, -1 }, errp[2] = { -1, -1 };
	int			 rep[2] = { -1, -1 }, report[2], rc = -1, saved;
	int			 child_in = -1, dir, nolsan;

	memset(res, 0, sizeof(*res));
	memset(&cp, 0, sizeof(cp));
	memset(&s, 0, sizeof(s));
	cp.cwd_fd = -1;
	res->status = -1;
	s.pid = -1;
	s.pidfd = s.out = s.err = s.in = -1;
	envp[0] = NULL;
	if (o == NULL || o->argv == NULL || o->argv[0] == NULL ||
	    o->cwd == NULL) {
		errno = EINVAL;
		sg_buf_puts(&msg, "sandbox: no program or no directory to run");
		goto fail;
	}
	if ((cwd = realpath(o->cwd, NULL)) == NULL) {
		what = o->cwd;
		goto fail_errno;
	}

	/* Everything the child needs, before fork. */
	cp.argv = o->argv;
	cp.cwd = cwd;
	if ((cp.cwd_fd = open(cwd, O_PATH | O_DIRECTORY | O_CLOEXEC)) == -1) {
		what = cwd;
		goto fail_errno;
	}
	cp.layers = o->flags & SG_SANDBOX_ALL & sg_sandbox_available();
	if (!(cp.layers & SG_SANDBOX_NO_NET))
		cp.layers &= ~SG_SANDBOX_PROC;
	cp.drop = geteuid() == 0;
	cp.parent = getpid();
	id_maps(cp.uid_map, cp.gid_map, sizeof(cp.uid_map), cp.drop);
	set_limits(&cp, o);
	if (cp.drop && (dir = open(cwd, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) !=
	    -1) {
		if (fchown(dir, SANDBOX_ID, SANDBOX_ID) == -1) {
			saved = errno;
			close(dir);
			errno = saved;
			what = cwd;
			goto fail_errno;
		}
		chown_tree(dir, 0);
	}
	envp[nenv++] = xstrdup("PATH=/usr/bin:/bin");
	envp[nenv++] = xasprintf("HOME=%s", cwd);
	envp[nenv++] = xstrdup("LANG=C.UTF-8");
	/* relative: the folders above cwd may be closed to the child */
	envp[nenv++] = xstrdup("TMPDIR=.");
	nolsan = (cp.layers & SG_SANDBOX_SECCOMP) &&
	    !(cp.layers & SG_SANDBOX_LANDLOCK);
	/* ptrace is denied: LeakSanitizer would die at exit. An address
	 * space limit would break ASan's shadow memory, so ASan watches its
	 * own resident size. */
	if (o->asan && o->max_memory > 0)
		envp[nenv++] = xasprintf("ASAN_OPTIONS=%shard_rss_limit_mb=%zu",
		    nolsan ? "detect_leaks=0:" : "", o->max_memory >> 20);
	else if (nolsan)
		envp[nenv++] = xstrdup("ASAN_OPTIONS=detect_leaks=0");
	if (nolsan)
		envp[nenv++] = xstrdup("LSAN_OPTIONS=detect_leaks=0");
	envp[nenv] = NULL;
	cp.envp = envp;
	if (cp.layers & SG_SANDBOX_LANDLOCK)
		sg_sandbox_landlock_plan(&cp.landlock,
		    sg_sandbox_landlock_abi(), o->readable);
	if ((cp.layers & SG_SANDBOX_SECCOMP) &&
	    sg_sandbox_seccomp_build(&cp.seccomp,
	    cp.layers & SG_SANDBOX_LANDLOCK) == -1) {
		what = "seccomp filter";
		goto fail_errno;
	}

	s.max_output = o->max_output > 0 ? o->max_output : 1 << 20;
	if (pipe2(outp, O_CLOEXEC) == -1 || pipe2(errp, O_CLOEXEC) == -1 ||
	    pipe2(rep, O_CLOEXEC) == -1 || open_stdin(o, &s, &child_in) == -1) {
		what = "pipe";
		goto fail_errno;
	}
	cp.fd[0] = child_in;
	cp.fd[1] = outp[1];
	cp.fd[2] = errp[1];
	cp.fd[3] = rep[1];

	start = sg_now();
	wall = o->wall_seconds > 0 ? o->wall_seconds : 10;
	s.deadline = start + wall;
	if ((s.pid = fork()) == -1) {
		what = "fork";
		goto fail_errno;
	}
	if (s.pid == 0)
		child(&cp);
	setpgid(s.pid, s.pid);	/* also in the child: whoever comes first */
	close_fd(&child_in);
	close_fd(&outp[1]);
	close_fd(&errp[1]);
	close_fd(&rep[1]);

	/* The report pipe closes on execve, or brings why the child failed. */
	do
		n = read(rep[0], report, sizeof(report));
	while (n == -1 && errno == EINTR);
	if (n == (ssize_t)sizeof(report)) {
		kill(-s.pid, SIGKILL);
		reap(s.pid, &si, &ru);
		s.pid = -1;
		errno = report[1];
		if (report[0] < 0 || report[0] > ST_EXEC)
			report[0] = ST_EXEC;
		res->exec_failed = report[0] == ST_EXEC;
		what = report[0] == ST_EXEC ? o->argv[0] :
		    report[0] == ST_CHDIR ? cwd : "";
		sg_buf_printf(&msg, "sandbox: %s%s%s: ", stage_names[report[0]],
		    *what ? " " : "", what);
		goto fail_strerror;
	}

	s.out = outp[0];
	s.err = errp[0];
	outp[0] = errp[0] = -1;
	fcntl(s.out, F_SETFL, O_NONBLOCK);
	fcntl(s.err, F_SETFL, O_NONBLOCK);
#ifdef SYS_pidfd_open
	s.pidfd = (int)syscall(SYS_pidfd_open, s.pid, 0);
#endif
	res->pid = s.pid;
	supervise(&s);
	kill(-s.pid, SIGKILL);	/* whatever is left of the group */
	if (reap(s.pid, &si, &ru) == 0) {
		if (si.si_code == CLD_EXITED)
			res->status = si.si_status;
		else if (si.si_code == CLD_KILLED || si.si_code == CLD_DUMPED)
			res->signal = si.si_status;
	}
	s.pid = -1;
	cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
	    (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
	res->timed_out = s.timed_out || res->signal == SIGXCPU ||
	    (res->signal == SIGKILL && cpu >= (double)cp.cpu.rlim_cur);
	res->wall_seconds = sg_now() - start;
	res->out_len = s.obuf.len;
	res->err_len = s.ebuf.len;
	res->out = sg_buf_detach(&s.obuf);
	res->err = sg_buf_detach(&s.ebuf);
	res->out_truncated = s.otrunc;
	res->memory_exceeded = o->asan && o->max_memory > 0 &&
	    strstr(res->err, "hard rss limit exhausted") != NULL;
	res->err_truncated = s.etrunc;
	rc = 0;
	goto out;

fail_errno:
	sg_buf_printf(&msg, "sandbox: %s%s", what, *what ? ": " : "");
fail_strerror:
	saved = errno;
	sg_buf_puts(&msg, strerror_r(saved, errbuf, sizeof(errbuf)));
	errno = saved;
fail:
	saved = errno;
	res->out = xstrdup("");
	res->err_len = msg.len;
	res->err = sg_buf_detach(&msg);
	errno = saved;
out:
	saved = errno;
	if (s.pid > 0) {
		kill(-s.pid, SIGKILL);
		reap(s.pid, &si, &ru);
	}
	close_fd(&s.pidfd);
	close_fd(&s.out);
	close_fd(&s.err);
	close_fd(&s.in);
	close_fd(&child_in);
	for (i = 0; i < 2; i++) {
		close_fd(&outp[i]);
		close_fd(&errp[i]);
		close_fd(&rep[i]);
	}
	sg_buf_free(&s.obuf);
	sg_buf_free(&s.ebuf);
	sg_buf_free(&msg);
	for (i = 0; i < nenv; i++)
		free(envp[i]);
	sg_sandbox_landlock_plan_free(&cp.landlock);
	sg_sandbox_seccomp_free(&cp.seccomp);
	close_fd(&cp.cwd_fd);
	free(cwd);
	errno = saved;
	return rc;
}
