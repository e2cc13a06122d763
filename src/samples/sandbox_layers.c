/* sandbox_layers.c: the Landlock ruleset and the seccomp filter of the
 * sandbox. Landlock is driven with raw system calls and the kernel's own
 * constants, degraded by ABI version; the filter is built with libseccomp
 * before fork and installed in the child with a single prctl(). */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <linux/filter.h>
#include <linux/seccomp.h>
#include <seccomp.h>

#include "samples/sandbox_layers.h"
#include "util.h"

/* ---------------------------------------------------------------- Landlock */

/* The Landlock ABI, restated here so that older kernel headers still
 * build every right a newer kernel knows. */
#ifndef __NR_landlock_create_ruleset
#define __NR_landlock_create_ruleset	444
#define __NR_landlock_add_rule		445
#define __NR_landlock_restrict_self	446
#endif

#define LL_CREATE_RULESET_VERSION	(1U << 0)
#define LL_RULE_PATH_BENEATH		1

#define LL_FS_EXECUTE		(1ULL << 0)
#define LL_FS_WRITE_FILE	(1ULL << 1)
#define LL_FS_READ_FILE		(1ULL << 2)
#define LL_FS_READ_DIR		(1ULL << 3)
#define LL_FS_REFER		(1ULL << 13)	/* ABI 2 */
#define LL_FS_TRUNCATE		(1ULL << 14)	/* ABI 3 */
#define LL_FS_IOCTL_DEV		(1ULL << 15)	/* ABI 5 */

#define LL_NET_BIND_TCP		(1ULL << 0)	/* ABI 4 */
#define LL_NET_CONNECT_TCP	(1ULL << 1)

#define LL_SCOPE_ABSTRACT_UNIX	(1ULL << 0)	/* ABI 6 */
#define LL_SCOPE_SIGNAL		(1ULL << 1)

#define LL_READ		(LL_FS_READ_FILE | LL_FS_READ_DIR)
#define LL_READ_EXEC	(LL_READ | LL_FS_EXECUTE)
#define LL_DEVICE	(LL_FS_READ_FILE | LL_FS_IOCTL_DEV)
#define LL_DEVICE_RW	(LL_DEVICE | LL_FS_WRITE_FILE | LL_FS_TRUNCATE)
/* The only rights a rule on a file (not a directory) may carry. */
#define LL_FILE_RIGHTS	(LL_FS_EXECUTE | LL_FS_WRITE_FILE | LL_FS_READ_FILE | \
	LL_FS_TRUNCATE | LL_FS_IOCTL_DEV)

struct ll_ruleset_attr {
	uint64_t	 handled_access_fs;
	uint64_t	 handled_access_net;	/* ABI 4 */
	uint64_t	 scoped;		/* ABI 6 */
};

struct ll_path_beneath_attr {
	uint64_t	 allowed_access;
	int32_t		 parent_fd;
} __attribute__((packed));

/* What every program (and the compiler) reads: the system's programs,
 * libraries and headers, the dynamic loader's and the time zone's
 * configuration (nothing else of /etc: no passwd, hostname or hosts),
 * process information (ASan and LeakSanitizer read /proc/self, also in
 * forked children; with SG_SANDBOX_PROC it is a /proc of the sandbox's
 * own PID namespace), and harmless devices. Missing paths are skipped. */
static const struct {
	const char	*path;
	uint64_t	 access;
} system_rules[] = {
	{ "/usr",			LL_READ_EXEC },
	{ "/bin",			LL_READ_EXEC },
	{ "/sbin",			LL_READ_EXEC },
	{ "/lib",			LL_READ_EXEC },
	{ "/lib64",			LL_READ_EXEC },
	{ "/lib32",			LL_READ_EXEC },
	{ "/libx32",			LL_READ_EXEC },
	{ "/etc/ld.so.cache",		LL_READ },
	{ "/etc/ld.so.conf",		LL_READ },
	{ "/etc/ld.so.conf.d",		LL_READ },
	{ "/etc/ld.so.preload",		LL_READ },
	{ "/etc/localtime",		LL_READ },
	{ "/proc",			LL_READ },
	{ "/sys/devices/system/cpu",	LL_READ },
	{ "/dev/null",			LL_DEVICE_RW },
	{ "/dev/full",			LL_DEVICE_RW },
	{ "/dev/zero",			LL_DEVICE },
	{ "/dev/random",		LL_DEVICE },
	{ "/dev/urandom",		LL_DEVICE },
};

/* Returns the kernel's Landlock ABI version, 0 without Landlock. */
int
sg_sandbox_landlock_abi(void)
{
	long	 abi;

	abi = syscall(__NR_landlock_create_ruleset, NULL, 0,
	    LL_CREATE_RULESET_VERSION);
	return abi > 0 ? (int)abi : 0;
}

/* Every filesystem right the given ABI knows. */
static uint64_t
fs_rights(int abi)
{
	if (abi >= 5)
		return (1ULL << 16) - 1;
	if (abi >= 3)
		return (1ULL << 15) - 1;
	if (abi >= 2)
		return (1ULL << 14) - 1;
	return (1ULL << 13) - 1;
}

/* Fills *plan for the ABI; see sandbox_layers.h. */
void
sg_sandbox_landlock_plan(struct sg_landlock_plan *plan, int abi,
    const char *const *readable)
{
	size_t	 n = 0, i, nsys;
	char	*path;

	memset(plan, 0, sizeof(*plan));
	plan->abi = abi;
	plan->handled_fs = fs_rights(abi);
	if (abi >= 4)
		plan->handled_net = LL_NET_BIND_TCP | LL_NET_CONNECT_TCP;
	if (abi >= 6)
		plan->scoped = LL_SCOPE_ABSTRACT_UNIX | LL_SCOPE_SIGNAL;

	nsys = sizeof(system_rules) / sizeof(system_rules[0]);
	while (readable != NULL && readable[n] != NULL)
		n++;
	plan->rules = xcalloc(nsys + n + 1, sizeof(plan->rules[0]));
	for (i = 0; i < nsys; i++) {
		plan->rules[plan->nrules].path = xstrdup(system_rules[i].path);
		plan->rules[plan->nrules++].access =
		    system_rules[i].access & plan->handled_fs;
	}
	for (i = 0; i < n; i++) {
		if ((path = realpath(readable[i], NULL)) == NULL)
			path = xstrdup(readable[i]);
		plan->rules[plan->nrules].path = path;
		plan->rules[plan->nrules++].access = LL_READ_EXEC;
	}
	plan->rules[plan->nrules].path = xstrdup(".");
	plan->rules[plan->nrules++].access = plan->handled_fs;
}

/* Frees what *plan owns. */
void
sg_sandbox_landlock_plan_free(struct sg_landlock_plan *plan)
{
	size_t	 i;

	for (i = 0; i < plan->nrules; i++)
		free(plan->rules[i].path);
	free(plan->rules);
	plan->rules = NULL;
	plan->nrules = 0;
}

/* Adds one path-beneath rule; a path that does not exist is no error. */
static int
add_path(int ruleset, const char *path, uint64_t access)
{
	struct ll_path_beneath_attr	 pb;
	struct stat			 st;
	int				 fd, rc, saved;

	if ((fd = open(path, O_PATH | O_CLOEXEC)) == -1)
		return errno == ENOENT || errno == ENOTDIR ? 0 : -1;
	if (fstat(fd, &st) == -1) {
		saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	if (!S_ISDIR(st.st_mode))
		access &= LL_FILE_RIGHTS;
	pb.allowed_access = access;
	pb.parent_fd = fd;
	rc = (int)syscall(__NR_landlock_add_rule, ruleset,
	    LL_RULE_PATH_BENEATH, &pb, 0);
	saved = errno;
	close(fd);
	errno = saved;
	return rc == 0 ? 0 : -1;
}

/* In the child: builds the ruleset and confines the process. Returns 0,
 * or -1 with errno. Async-signal-safe. */
int
sg_sandbox_landlock_apply(const struct sg_landlock_plan *plan)
{
	struct ll_ruleset_attr	 attr;
	size_t			 size, i;
	int			 ruleset, saved;

	attr.handled_access_fs = plan->handled_fs;
	attr.handled_access_net = plan->handled_net;
	attr.scoped = plan->scoped;
	/* Pass only the part of the struct this ABI knows. */
	if (plan->abi >= 6)
		size = sizeof(attr);
	else if (plan->abi >= 4)
		size = 2 * sizeof(uint64_t);
	else
		size = sizeof(uint64_t);
	ruleset = (int)syscall(__NR_landlock_create_ruleset, &attr, size, 0);
	if (ruleset == -1)
		return -1;
	for (i = 0; i < plan->nrules; i++)
		if (add_path(ruleset, plan->rules[i].path,
		    plan->rules[i].access) == -1)
			goto fail;
	if (syscall(__NR_landlock_restrict_self, ruleset, 0) == -1)
		goto fail;
	close(ruleset);
	return 0;
fail:
	saved = errno;
	close(ruleset);
	errno = saved;
	return -1;
}

/* ----------------------------------------------------------------- seccomp */

/* System calls a sample or a compiler never needs: they reach the kernel's
 * administration, other processes, or a way out of the namespaces and of
 * the process group the parent kills. Names this architecture lacks are
 * skipped. */
static const char *const denied[] = {
	/* mounts and filesystem roots */
	"mount", "umount", "umount2", "pivot_root", "chroot", "fsopen",
	"fsconfig", "fsmount", "fspick", "move_mount", "open_tree",
	"mount_setattr",
	/* kernel modules, kexec, power, swap */
	"init_module", "finit_module", "delete_module", "create_module",
	"kexec_load", "kexec_file_load", "reboot", "swapon", "swapoff",
	/* keyrings, eBPF, perf, the kernel log, I/O ports */
	"add_key", "request_key", "keyctl", "bpf", "perf_event_open",
	"syslog", "ioperm", "iopl", "lookup_dcookie", "uselib", "_sysctl",
	/* namespaces */
	"setns", "unshare",
	/* other processes' memory and files (ptrace is handled below) */
	"process_vm_readv", "process_vm_writev", "pidfd_getfd",
	"process_madvise", "kcmp",
	/* file handles bypass path checks */
	"open_by_handle_at", "name_to_handle_at",
	/* system-wide settings */
	"acct", "settimeofday", "clock_settime", "clock_adjtime", "stime",
	"sethostname", "setdomainname", "quotactl", "quotactl_fd", "vhangup",
	"fanotify_init", "nfsservctl",
	/* attack surface a sample does not need */
	"userfaultfd", "io_uring_setup", "io_uring_enter", "io_uring_register",
	/* leaving the process group the parent kills at the deadline */
	"setsid", "setpgid",
};

/* Namespace flags refused in clone(); clone3() passes its flags in memory
 * a filter cannot read, so it answers ENOSYS and glibc falls back. */
static const uint64_t clone_ns_flags[] = {
	CLONE_NEWNS, CLONE_NEWCGROUP, CLONE_NEWUTS, CLONE_NEWIPC,
	CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET,
};

/* personality() flags refused (single bits). */
static const uint32_t personality_flags[] = {
	READ_IMPLIES_EXEC, MMAP_PAGE_ZERO,
};

/* Returns 1 if a filter can be built and installed here, else 0. */
int
sg_sandbox_seccomp_probe(void)
{
	scmp_filter_ctx	 ctx;

	if (prctl(PR_GET_SECCOMP, 0, 0, 0, 0) < 0)
		return 0;
	/* With filters compiled in, a NULL program is a fault, not EINVAL. */
	if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, NULL, 0, 0) != -1 ||
	    errno != EFAULT)
		return 0;
	if ((ctx = seccomp_init(SCMP_ACT_ALLOW)) == NULL)
		return 0;
	seccomp_release(ctx);
	return 1;
}

static int
add_rules(scmp_filter_ctx ctx, int allow_ptrace)
{
	size_t	 i;
	int	 nr, rc;

	for (i = 0; i < sizeof(denied) / sizeof(denied[0]); i++) {
		if ((nr = seccomp_syscall_resolve_name(denied[i])) ==
		    __NR_SCMP_ERROR)
			continue;
		if ((rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), nr,
		    0)) < 0)
			return rc;
	}

	/* LeakSanitizer (on with ASan) stops the world with PTRACE_ATTACH
	 * on its own threads. Landlock already refuses ptrace outside the
	 * child's domain, so with it only PTRACE_TRACEME (which would make
	 * the unconfined parent a tracer) is refused. */
	if (allow_ptrace)
		rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM),
		    SCMP_SYS(ptrace), 1, SCMP_A0(SCMP_CMP_EQ, PTRACE_TRACEME));
	else
		rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM),
		    SCMP_SYS(ptrace), 0);
	if (rc < 0)
		return rc;

	/* Pathname sockets are outside Landlock's reach and the network
	 * namespace's (a user in the docker group could reach its socket):
	 * no AF_UNIX sockets. socketpair() still works. An int argument is
	 * compared on its low 32 bits, as the kernel reads it. */
	if ((rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM),
	    SCMP_SYS(socket), 1, SCMP_A0(SCMP_CMP_MASKED_EQ, 0xffffffffU,
	    AF_UNIX))) < 0)
		return rc;

	/* kill(-1, sig) signals every process of the same user. */
	if ((rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(kill),
	    1, SCMP_A0(SCMP_CMP_MASKED_EQ, 0xffffffffU, 0xffffffffU))) < 0)
		return rc;

	for (i = 0; i < sizeof(clone_ns_flags) / sizeof(clone_ns_flags[0]);
	    i++)
		if ((rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM),
		    SCMP_SYS(clone), 1, SCMP_A0(SCMP_CMP_MASKED_EQ,
		    clone_ns_flags[i], clone_ns_flags[i]))) < 0)
			return rc;
	if ((nr = seccomp_syscall_resolve_name("clone3")) != __NR_SCMP_ERROR &&
	    (rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOSYS), nr, 0)) < 0)
		return rc;

	/* personality(): refuse the flags that weaken memory protection;
	 * the query 0xffffffff (all bits) and ADDR_NO_RANDOMIZE (sanitizers
	 * may re-exec without ASLR) pass. One rule cannot test an argument
	 * twice, so "flag set, and not all bits" is "flag set and bit j
	 * clear", for each other bit j. */
	for (i = 0; i < sizeof(personality_flags) /
	    sizeof(personality_flags[0]); i++) {
		uint32_t	 flag = personality_flags[i], bit;
		int		 j;

		for (j = 0; j < 32; j++) {
			if ((bit = 1U << j) == flag)
				continue;
			rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM),
			    SCMP_SYS(personality), 1,
			    SCMP_A0(SCMP_CMP_MASKED_EQ, flag | bit, flag));
			if (rc < 0)
				return rc;
		}
	}
	return 0;
}

/* Builds the filter into *prog (the caller frees it with
 * sg_sandbox_seccomp_free()). Returns 0, or -1 with errno. */
int
sg_sandbox_seccomp_build(struct sg_seccomp_prog *prog, int allow_ptrace)
{
	scmp_filter_ctx	 ctx;
	struct stat	 st;
	ssize_t		 n;
	int		 fd = -1, rc = -1, err;

	prog->insns = NULL;
	prog->len = 0;
	if ((ctx = seccomp_init(SCMP_ACT_ALLOW)) == NULL) {
		errno = ENOSYS;
		return -1;
	}
	if ((err = add_rules(ctx, allow_ptrace)) < 0) {
		errno = -err;
		goto out;
	}
	/* libseccomp writes the program to a descriptor: read it back. */
	if ((fd = memfd_create("sg-seccomp", MFD_CLOEXEC)) == -1)
		goto out;
	if ((err = seccomp_export_bpf(ctx, fd)) < 0) {
		errno = -err;
		goto out;
	}
	if (fstat(fd, &st) == -1)
		goto out;
	if (st.st_size <= 0 || st.st_size % sizeof(struct sock_filter) != 0 ||
	    st.st_size / sizeof(struct sock_filter) > BPF_MAXINSNS) {
		errno = EINVAL;
		goto out;
	}
	prog->insns = xmalloc((size_t)st.st_size);
	n = pread(fd, prog->insns, (size_t)st.st_size, 0);
	if (n != st.st_size) {
		if (n >= 0)
			errno = EIO;
		sg_sandbox_seccomp_free(prog);
		goto out;
	}
	prog->len = (unsigned short)(st.st_size / sizeof(struct sock_filter));
	rc = 0;
out:
	err = errno;
	if (fd != -1)
		close(fd);
	seccomp_release(ctx);
	errno = err;
	return rc;
}

/* In the child, after PR_SET_NO_NEW_PRIVS: installs *prog. Returns 0, or
 * -1 with errno. Async-signal-safe. */
int
sg_sandbox_seccomp_install(const struct sg_seccomp_prog *prog)
{
	struct sock_fprog	 fprog;

	fprog.len = prog->len;
	fprog.filter = prog->insns;
	return prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &fprog, 0, 0) == 0 ?
	    0 : -1;
}

void
sg_sandbox_seccomp_free(struct sg_seccomp_prog *prog)
{
	free(prog->insns);
	prog->insns = NULL;
	prog->len = 0;
}
