/* sandbox_layers.h: the Landlock and seccomp layers of the sandbox, private
 * to sandbox*.c. Each is prepared in the parent before fork and applied in
 * the child with async-signal-safe system calls only. */
#ifndef SG_SANDBOX_LAYERS_H
#define SG_SANDBOX_LAYERS_H

#include <stddef.h>
#include <stdint.h>

/* One path the child may use, and how. */
struct sg_landlock_rule {
	char		*path;		/* owned; "." is the child's cwd */
	uint64_t	 access;	/* Landlock fs rights beneath it */
};

/* A Landlock ruleset, ready to be built in the child. */
struct sg_landlock_plan {
	int		 abi;		/* the kernel's Landlock ABI, >= 1 */
	uint64_t	 handled_fs;	/* every fs right this ABI knows */
	uint64_t	 handled_net;	/* TCP bind and connect, from ABI 4 */
	uint64_t	 scoped;	/* abstract sockets, signals: ABI 6 */
	struct sg_landlock_rule *rules;	/* owned array */
	size_t		 nrules;
};

/* Returns the Landlock ABI version the kernel offers, or 0. */
int	sg_sandbox_landlock_abi(void);

/* Fills *plan for ABI abi: read and execute on the system directories and
 * on readable (NULL-terminated, may be NULL; resolved here, so relative
 * names are taken from our cwd, not the child's), the few devices a
 * program needs, and everything on the child's cwd. Free the plan with
 * sg_sandbox_landlock_plan_free(). */
void	sg_sandbox_landlock_plan(struct sg_landlock_plan *plan, int abi,
	    const char *const *readable);
void	sg_sandbox_landlock_plan_free(struct sg_landlock_plan *plan);

/* In the child, after chdir and PR_SET_NO_NEW_PRIVS: builds the ruleset
 * and restricts the calling process. Paths that do not exist are skipped.
 * Returns 0, or -1 with errno set. Async-signal-safe. */
int	sg_sandbox_landlock_apply(const struct sg_landlock_plan *plan);

/* A compiled seccomp BPF program. */
struct sg_seccomp_prog {
	void		*insns;		/* owned array of struct sock_filter */
	unsigned short	 len;		/* number of instructions */
};

/* Returns 1 if this kernel and libseccomp can install a filter, else 0. */
int	sg_sandbox_seccomp_probe(void);

/* Builds the deny-list filter into *prog. With allow_ptrace (Landlock then
 * confines ptrace to the child's own processes) only PTRACE_TRACEME is
 * denied, so that LeakSanitizer still works. Returns 0, or -1 with errno. */
int	sg_sandbox_seccomp_build(struct sg_seccomp_prog *prog,
	    int allow_ptrace);

/* In the child, after PR_SET_NO_NEW_PRIVS: installs *prog. Returns 0, or
 * -1 with errno set. Async-signal-safe. */
int	sg_sandbox_seccomp_install(const struct sg_seccomp_prog *prog);

/* Frees the program; a freed one may be freed again. */
void	sg_sandbox_seccomp_free(struct sg_seccomp_prog *prog);

/* The PID namespace (sandbox_ns.c): the step that failed. */
#define SG_NS_PIDNS	1	/* pipe or fork */
#define SG_NS_PROC	2	/* mounting /proc */
#define SG_NS_TMPFS	3	/* the tmpfs */
#define SG_NS_EXEC	4	/* the program to copy is not there */

/* In the first process of the new PID namespace: a private mount tree
 * with a procfs of this namespace only. Returns 0, or SG_NS_PROC. */
int	sg_sandbox_private_proc(void);

/* In the child, after unshare(CLONE_NEWPID | CLONE_NEWNS): forks the
 * namespace's first process, which mounts its /proc (and, if tmpfs_size
 * is not "", a tmpfs holding a copy of name) and forks the sample.
 * Returns in the sample only: 0, or the SG_NS_* step that failed (the
 * caller reports it on descriptor 3 and exits). Async-signal-safe. */
int	sg_sandbox_pidns_enter(const char *tmpfs_size, const char *name);

#endif
