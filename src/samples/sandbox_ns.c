/* sandbox_ns.c: the PID and mount namespace layer of the sandbox: a
 * first process that mounts a /proc of the namespace's own (and a tmpfs
 * for a run) and waits for the sample, and an outer process that hands
 * the sample's end on to the parent. Child side only: async-signal-safe
 * system calls, no allocation. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/mount.h>

#include "samples/sandbox_layers.h"

int
sg_sandbox_private_proc(void)
{
	if (mount("none", "/", NULL, MS_REC | MS_PRIVATE, NULL) == -1)
		return SG_NS_PROC;
	if (mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC,
	    NULL) == -1)
		return SG_NS_PROC;
	return 0;
}

/* Makes a fresh tmpfs of size bytes (a detached mount no one else can
 * reach), copies the file name of cwd into it and enters it. Returns 0,
 * or the SG_NS_* step that failed. */
static int
enter_tmpfs(const char *size, const char *name)
{
	char	 buf[16384];
	ssize_t	 n, w, off;
	int	 fs, mnt, in, out;

	if ((in = open(name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) == -1)
		return SG_NS_EXEC;
	if ((fs = (int)syscall(SYS_fsopen, "tmpfs", FSOPEN_CLOEXEC)) == -1 ||
	    syscall(SYS_fsconfig, fs, FSCONFIG_SET_STRING, "size", size,
	    0) == -1 ||
	    syscall(SYS_fsconfig, fs, FSCONFIG_SET_STRING, "nr_inodes",
	    "4096", 0) == -1 ||
	    syscall(SYS_fsconfig, fs, FSCONFIG_SET_STRING, "mode", "0700",
	    0) == -1 ||
	    syscall(SYS_fsconfig, fs, FSCONFIG_CMD_CREATE, NULL, NULL,
	    0) == -1 ||
	    (mnt = (int)syscall(SYS_fsmount, fs, FSMOUNT_CLOEXEC,
	    MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV)) == -1 ||
	    fchdir(mnt) == -1 ||
	    (out = open(name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
	    0755)) == -1)
		return SG_NS_TMPFS;
	while ((n = read(in, buf, sizeof(buf))) > 0)
		for (off = 0; off < n; off += w)
			if ((w = write(out, buf + off, (size_t)(n - off))) <= 0)
				return SG_NS_TMPFS;
	if (n == -1 || close(out) == -1)
		return SG_NS_TMPFS;
	close(in);
	close(mnt);
	close(fs);
	return 0;
}

/* The outer process (in our PID namespace) and the namespace's first
 * process both wait here for the one they started and end as it ended:
 * a sample's exit status or signal reaches the parent unchanged. The
 * first process also ends, and so kills, the whole namespace when the
 * sample ends. st_fd carries the status up from the namespace's first
 * process (which cannot kill itself with a signal). */
static void __attribute__((noreturn))
relay(pid_t pid, int st_in, int st_out)
{
	sigset_t	 none;
	int		 st = 0, got, i;

	for (i = 0; i < 4; i++)
		close(i);
	while (waitpid(pid, &st, 0) == -1)
		if (errno != EINTR)
			_exit(127);
	if (st_in != -1 && read(st_in, &got, sizeof(got)) ==
	    (ssize_t)sizeof(got))
		st = got;
	if (st_out != -1) {
		if (write(st_out, &st, sizeof(st)) < 0)
			_exit(127);
		_exit(0);
	}
	if (WIFEXITED(st))
		_exit(WEXITSTATUS(st));
	signal(WTERMSIG(st), SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	kill(getpid(), WTERMSIG(st));
	_exit(128 + WTERMSIG(st));
}

int
sg_sandbox_pidns_enter(const char *tmpfs_size, const char *name)
{
	pid_t	 pid;
	int	 st[2], stage;

	if (pipe2(st, O_CLOEXEC) == -1 || (pid = fork()) == -1)
		return SG_NS_PIDNS;
	if (pid > 0) {
		close(st[1]);
		relay(pid, st[0], -1);
	}
	close(st[0]);
	/* pid 1 of the namespace: when it goes, every process in it goes */
	prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
	if ((stage = sg_sandbox_private_proc()) != 0)
		return stage;
	if (tmpfs_size[0] && (stage = enter_tmpfs(tmpfs_size, name)) != 0)
		return stage;
	if ((pid = fork()) == -1)
		return SG_NS_PIDNS;
	if (pid > 0)
		relay(pid, -1, st[1]);
	close(st[1]);
	prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
	return 0;
}
