/* sandbox.h: run one child process (a compiled code sample, or a compiler)
 * with least privilege, in layers, each used where the kernel offers it. */
#ifndef SG_SANDBOX_H
#define SG_SANDBOX_H

#include <stddef.h>

/* What to run and under which limits. Fill it with sg_sandbox_opts_init(),
 * then set argv and cwd. A limit of 0 (or below) means its default. */
struct sg_sandbox_opts {
	const char *const *argv;	/* program and arguments, argv[0] a path (relative to cwd if not absolute) */
	const char	*cwd;		/* the sample's own directory: cwd, the only writable place */
	const char *const *readable;	/* extra read-only dirs (e.g. include dir), NULL-terminated, may be NULL */
	const char	*stdin_data;	/* bytes fed on stdin, or NULL for /dev/null */
	size_t		 stdin_len;
	double		 wall_seconds;	/* wall-clock limit, default 10 */
	double		 cpu_seconds;	/* RLIMIT_CPU, default 10 */
	size_t		 max_output;	/* bytes captured per stream, default 1 MiB; the rest is discarded and reported */
	int		 max_procs;	/* RLIMIT_NPROC-style limit on processes, default 64 */
	size_t		 max_file_size;	/* RLIMIT_FSIZE, default 16 MiB */
	int		 max_files;	/* RLIMIT_NOFILE, default 64 */
	int		 flags;
#define SG_SANDBOX_NO_NET	0x01	/* new user+net (and IPC) namespace */
#define SG_SANDBOX_LANDLOCK	0x02	/* Landlock filesystem + TCP rules */
#define SG_SANDBOX_SECCOMP	0x04	/* seccomp deny list */
#define SG_SANDBOX_PROC		0x08	/* new PID and mount namespace with
					 * its own /proc (needs NO_NET): the
					 * child sees only its own processes,
					 * and all of them die with it */
#define SG_SANDBOX_ALL		0x0f
	size_t		 max_memory;	/* bytes; 0 for no limit. RLIMIT_AS,
					 * or with asan set, ASan's own
					 * hard_rss_limit_mb (any address
					 * space limit breaks ASan) */
	int		 asan;		/* argv[0] was built with ASan */
	size_t		 tmpfs_size;	/* > 0: with SG_SANDBOX_PROC, the child
					 * runs in a fresh tmpfs of this many
					 * bytes (and a few thousand files)
					 * holding only a copy of argv[0],
					 * which must be a name in cwd; what
					 * it writes goes with it */
};

/* How the child ended and what it printed. */
struct sg_sandbox_result {
	int	 status;	/* exit status if exited, -1 if killed by a signal */
	int	 signal;	/* terminating signal, or 0 */
	int	 timed_out;	/* killed at the wall or CPU deadline */
	char	*out, *err;	/* captured stdout/stderr, NUL-terminated, owned, free with sg_sandbox_result_free */
	size_t	 out_len, err_len;
	int	 out_truncated, err_truncated;
	double	 wall_seconds;	/* measured */
	long	 pid;		/* the child's pid, also its process group */
	int	 memory_exceeded; /* ASan said the memory limit was hit */
	int	 exec_failed;	/* could not start because execve() of argv[0]
				 * failed (the program, not the sandbox) */
};

/* Fills opts with the defaults above, flags = SG_SANDBOX_ALL, and no
 * argv, cwd, readable dirs or stdin. */
void	sg_sandbox_opts_init(struct sg_sandbox_opts *o);

/* Runs opts->argv in opts->cwd under the layers asked for in opts->flags
 * that this kernel offers (the others are skipped silently) and waits for
 * it and every process it started: they are all killed when the child
 * exits or at the deadline. Safe to call from several threads at once.
 *
 * The child gets a minimal environment (PATH, HOME = cwd, TMPDIR = ".", LANG;
 * ASAN_OPTIONS=detect_leaks=0 too when seccomp must deny ptrace, which
 * LeakSanitizer needs, because Landlock is missing), stdin from stdin_data
 * or /dev/null, and no other file descriptor. max_procs counts threads
 * too. When the caller is root the child runs as uid/gid 65534 instead, so
 * that the process limit holds (the kernel never applies it to root); cwd
 * and everything under it is then chowned to that uid first, and argv[0]
 * and the readable dirs must be reachable by "other".
 *
 * Returns 0 when the child ran, whatever its outcome, with *res filled.
 * Returns -1 with errno set when it could not start (bad options, a pipe or
 * fork failing, a missing program, a layer the kernel offers failing to
 * install); res->err then holds a one-line message saying what failed.
 * Either way the caller frees *res with sg_sandbox_result_free(). */
int	sg_sandbox_run(const struct sg_sandbox_opts *o,
	    struct sg_sandbox_result *res);

/* Frees what *res owns and clears it; a cleared result may be freed again. */
void	sg_sandbox_result_free(struct sg_sandbox_result *r);

/* What this kernel offers: a bitmask of SG_SANDBOX_* layers that work here,
 * probed once (thread-safe). */
int	sg_sandbox_available(void);

/* A human-readable line for `sitegen --version`, e.g. "sandbox: namespaces
 * yes, landlock ABI 7, seccomp yes". The string is static; do not free it. */
const char *sg_sandbox_describe(void);

#endif
