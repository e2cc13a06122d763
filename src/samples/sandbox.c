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
#include "samples/sandbox_int.h"
#include "samples/sandbox_layers.h"
#include "util.h"

#define READ_CHUNK	65536
#define READ_ROUNDS	16	/* chunks a wake-up: a flood cannot starve us */
#define EXIT_GRACE	1.0	/* seconds to drain the pipes after the exit */
#define NO_PIDFD_TICK	10	/* ms between checks without pidfd_open() */

/* Probed once, then only read. */
static pthread_once_t	 probe_once = PTHREAD_ONCE_INIT;
static int		 probe_layers;
static char		 probe_line[256];

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
		if (drop && sg_sandbox_drop_root() == -1)
			_exit(1);
		if (sg_sandbox_enter_userns(uid_map, gid_map, pidns) != -1)
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

/* Gives the folder cwd and what it holds to the sandbox's user (when
 * running as root); returns -1 with errno when cwd cannot be given. */
static int
give_dir(const char *cwd)
{
	int	 dir, saved;

	if ((dir = open(cwd, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return 0;	/* as before: the child's chdir reports it */
	if (fchown(dir, SANDBOX_ID, SANDBOX_ID) == -1) {
		saved = errno;
		close(dir);
		errno = saved;
		return -1;
	}
	chown_tree(dir, 0);
	return 0;
}

/* Fills envp (room for 8) with the child's environment for running in
 * cwd under layers; returns how many strings it allocated, which the
 * caller frees. */
static size_t
make_env(char **envp, const char *cwd, const struct sg_sandbox_opts *o,
    unsigned int layers)
{
	size_t	 n = 0;
	int	 nolsan;

	envp[n++] = xstrdup("PATH=/usr/bin:/bin");
	envp[n++] = xasprintf("HOME=%s", cwd);
	envp[n++] = xstrdup("LANG=C.UTF-8");
	/* relative: the folders above cwd may be closed to the child */
	envp[n++] = xstrdup("TMPDIR=.");
	nolsan = (layers & SG_SANDBOX_SECCOMP) &&
	    !(layers & SG_SANDBOX_LANDLOCK);
	/* ptrace is denied: LeakSanitizer would die at exit. An address
	 * space limit would break ASan's shadow memory, so ASan watches its
	 * own resident size. */
	if (o->asan && o->max_memory > 0)
		envp[n++] = xasprintf("ASAN_OPTIONS=%shard_rss_limit_mb=%zu",
		    nolsan ? "detect_leaks=0:" : "", o->max_memory >> 20);
	else if (nolsan)
		envp[n++] = xstrdup("ASAN_OPTIONS=detect_leaks=0");
	if (nolsan)
		envp[n++] = xstrdup("LSAN_OPTIONS=detect_leaks=0");
	envp[n] = NULL;
	return n;
}

/* Prepares everything the child of o needs in cp before fork, to run
 * in cwd (absolute) with environment envp (room for 8; *nenv strings
 * made, which the caller frees). Returns 0, or -1 with errno and *what
 * naming what failed. */
static int
plan_child(struct child_plan *cp, const struct sg_sandbox_opts *o,
    const char *cwd, char **envp, size_t *nenv, const char **what)
{
	cp->argv = o->argv;
	cp->cwd = cwd;
	*what = cwd;
	if ((cp->cwd_fd = open(cwd, O_PATH | O_DIRECTORY | O_CLOEXEC)) == -1)
		return -1;
	cp->layers = o->flags & SG_SANDBOX_ALL & sg_sandbox_available();
	if (!(cp->layers & SG_SANDBOX_NO_NET))
		cp->layers &= ~SG_SANDBOX_PROC;
	cp->drop = geteuid() == 0;
	cp->parent = getpid();
	id_maps(cp->uid_map, cp->gid_map, sizeof(cp->uid_map), cp->drop);
	set_limits(cp, o);
	if (cp->drop && give_dir(cwd) == -1)
		return -1;
	*nenv = make_env(envp, cwd, o, cp->layers);
	cp->envp = envp;
	if (cp->layers & SG_SANDBOX_LANDLOCK)
		sg_sandbox_landlock_plan(&cp->landlock,
		    sg_sandbox_landlock_abi(), o->readable);
	*what = "seccomp filter";
	if ((cp->layers & SG_SANDBOX_SECCOMP) &&
	    sg_sandbox_seccomp_build(&cp->seccomp,
	    cp->layers & SG_SANDBOX_LANDLOCK) == -1)
		return -1;
	*what = "";
	return 0;
}

/* Fills res from the supervised child s that ran under cp, started at
 * start, ended as si with usage ru; takes s's buffers. */
static void
collect(struct sg_sandbox_result *res, struct supervisor *s,
    const struct sg_sandbox_opts *o, const struct child_plan *cp,
    const siginfo_t *si, const struct rusage *ru, double start)
{
	double	 cpu;

	if (si->si_code == CLD_EXITED)
		res->status = si->si_status;
	else if (si->si_code == CLD_KILLED || si->si_code == CLD_DUMPED)
		res->signal = si->si_status;
	cpu = (double)ru->ru_utime.tv_sec +
	    (double)ru->ru_utime.tv_usec / 1e6 +
	    (double)ru->ru_stime.tv_sec + (double)ru->ru_stime.tv_usec / 1e6;
	res->timed_out = s->timed_out || res->signal == SIGXCPU ||
	    (res->signal == SIGKILL && cpu >= (double)cp->cpu.rlim_cur);
	res->wall_seconds = sg_now() - start;
	res->out_len = s->obuf.len;
	res->err_len = s->ebuf.len;
	res->out = sg_buf_detach(&s->obuf);
	res->err = sg_buf_detach(&s->ebuf);
	res->out_truncated = s->otrunc;
	res->memory_exceeded = o->asan && o->max_memory > 0 &&
	    strstr(res->err, "hard rss limit exhausted") != NULL;
	res->err_truncated = s->etrunc;
}

/* Reads the report pipe rfd of the child s->pid, which closes on execve
 * or brings {stage, errno} of why the child failed. Returns 0 when it
 * started; else kills and reaps it, notes an exec failure in res, starts
 * the message in msg and returns -1 with errno. */
static int
started(int rfd, struct supervisor *s, const struct sg_sandbox_opts *o,
    const char *cwd, struct sg_sandbox_result *res, struct sg_buf *msg)
{
	struct rusage	 ru;
	siginfo_t	 si;
	const char	*what;
	ssize_t		 n;
	int		 report[2];

	do
		n = read(rfd, report, sizeof(report));
	while (n == -1 && errno == EINTR);
	if (n != (ssize_t)sizeof(report))
		return 0;
	kill(-s->pid, SIGKILL);
	reap(s->pid, &si, &ru);
	s->pid = -1;
	if (report[0] < 0 || report[0] > ST_EXEC)
		report[0] = ST_EXEC;
	res->exec_failed = report[0] == ST_EXEC;
	what = report[0] == ST_EXEC ? o->argv[0] :
	    report[0] == ST_CHDIR ? cwd : "";
	sg_buf_printf(msg, "sandbox: %s%s%s: ",
	    sg_sandbox_stage_names[report[0]], *what ? " " : "", what);
	errno = report[1];
	return -1;
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
	double			 start, wall;
	size_t			 nenv = 0, i;
	int			 outp[2] = { -1, -1 }, errp[2] = { -1, -1 };
	int			 rep[2] = { -1, -1 }, rc = -1, saved;
	int			 child_in = -1;

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

	if (plan_child(&cp, o, cwd, envp, &nenv, &what) == -1)
		goto fail_errno;

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
		sg_sandbox_child(&cp);
	setpgid(s.pid, s.pid);	/* also in the child: whoever comes first */
	close_fd(&child_in);
	close_fd(&outp[1]);
	close_fd(&errp[1]);
	close_fd(&rep[1]);

	if (started(rep[0], &s, o, cwd, res, &msg) == -1)
		goto fail_strerror;

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
	reap(s.pid, &si, &ru);	/* on failure si is zeroed: no status */
	s.pid = -1;
	collect(res, &s, o, &cp, &si, &ru, start);
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
