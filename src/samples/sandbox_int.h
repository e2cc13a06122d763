/* sandbox_int.h: what sandbox.c (the parent) and sandbox_child.c (the
 * child between fork and execve) share. Private to sandbox*.c. */
#ifndef SG_SANDBOX_INT_H
#define SG_SANDBOX_INT_H

#include <sys/resource.h>
#include <sys/types.h>

#include "samples/sandbox_layers.h"

#define SANDBOX_ID	65534	/* uid and gid ("nobody") when we are root */

/* Why the child could not start: the step it reached, reported to the
 * parent on a close-on-exec pipe with errno. */
enum stage {
	ST_FDS, ST_IDENTITY, ST_CHDIR, ST_UNSHARE, ST_IDMAP, ST_NNP,
	ST_LANDLOCK, ST_RLIMIT, ST_SECCOMP, ST_PIDNS, ST_PROC, ST_TMPFS,
	ST_EXEC
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

/* The names of the stages, for messages: sg_sandbox_stage_names[ST_X]. */
extern const char *const sg_sandbox_stage_names[];

/* In the child after fork: applies plan p (identity, namespaces, limits,
 * Landlock, seccomp, the standard descriptors) and execs p->argv; never
 * returns. On failure it writes {stage, errno} to p->fd[3] and exits 127.
 * Makes async-signal-safe calls only. */
void	sg_sandbox_child(const struct child_plan *p)
	    __attribute__((noreturn));

/* Gives up root for SANDBOX_ID (this thread: call it in a child);
 * returns 0, or -1 with errno. */
int	sg_sandbox_drop_root(void);

/* Unshares user and network namespaces (and the PID namespace if pidns),
 * mapping uid_map and gid_map ("INSIDE OUTSIDE 1"); returns the stage
 * that failed (ST_*), or -1 when all went well. */
int	sg_sandbox_enter_userns(const char *uid_map, const char *gid_map,
	    int pidns);

#endif
