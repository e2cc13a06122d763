/* test_sandbox_confine.c: unit tests for what a sample in the sandbox
 * cannot reach: the network, files outside its folder, the host's
 * processes, IPC and system calls; and the sanitizers and the compiler
 * inside it (sandbox_harness.h says how a case runs). */
#include <fcntl.h>
#include <grp.h>
#include <pthread.h>
#include <arpa/inet.h>
#include <sys/shm.h>
#include <sys/wait.h>

#include "harness.h"
#include "sandbox_harness.h"
#include "rmtree.h"

/* ------------------------------------------------------------- samples */

static const char connect_src[] =
    "#include <stdio.h>\n#include <stdlib.h>\n#include <string.h>\n"
    "#include <errno.h>\n#include <arpa/inet.h>\n#include <sys/socket.h>\n"
    "int main(int argc, char **argv) { struct sockaddr_in a;"
    " int s = socket(AF_INET, SOCK_STREAM, 0);"
    " if (s < 0) { printf(\"socket: %s\\n\", strerror(errno)); return 1; }"
    " memset(&a, 0, sizeof a); a.sin_family = AF_INET;"
    " a.sin_port = htons(atoi(argv[1]));"
    " a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);"
    " if (connect(s, (struct sockaddr *)&a, sizeof a) < 0) {"
    " printf(\"connect: %s\\n\", strerror(errno)); return 1; }"
    " puts(\"connected\"); return 0; }\n";

static const char read_src[] =
    "#include <stdio.h>\n#include <string.h>\n#include <errno.h>\n"
    "#include <dirent.h>\n"
    "int main(int argc, char **argv) { char b[64] = \"\"; FILE *f;"
    " DIR *d = opendir(\"/tmp\");"
    " printf(\"tmp: %s\\n\", d ? \"listed\" : strerror(errno));"
    " if ((f = fopen(\"/etc/passwd\", \"r\")) == NULL) puts(\"no passwd\");"
    " if ((f = fopen(argv[1], \"r\")) == NULL) {"
    " printf(\"open: %s\\n\", strerror(errno)); return 1; }"
    " fgets(b, sizeof b, f); printf(\"read: %s\", b); return 0; }\n";

/* What a sample could learn of the host: its name, its users, the
 * processes around it. */
static const char host_src[] =
    "#include <stdio.h>\n#include <string.h>\n#include <errno.h>\n"
    "#include <dirent.h>\n#include <ctype.h>\n"
    "static void show(const char *p) { char b[256] = \"\"; size_t n, i;"
    " FILE *f = fopen(p, \"r\"); if (!f) { printf(\"%s: %s\\n\", p,"
    " strerror(errno)); return; } n = fread(b, 1, sizeof b - 1, f);"
    " for (i = 0; i < n; i++) if (!b[i] || b[i] == '\\n') b[i] = ' ';"
    " b[n] = 0; printf(\"%s: read\\n\", p); fclose(f); }\n"
    "int main(void) { DIR *d; struct dirent *e; int n = 0;"
    " show(\"/etc/hostname\"); show(\"/etc/passwd\");"
    " show(\"/proc/self/maps\");"
    " if ((d = opendir(\"/proc\"))) { while ((e = readdir(d)))"
    " n += isdigit((unsigned char)e->d_name[0]) != 0; closedir(d); }"
    " printf(\"processes: %d\\n\", n); return 0; }\n";

static const char write_src[] =
    "#include <stdio.h>\n#include <string.h>\n#include <errno.h>\n"
    "int main(int argc, char **argv) { char b[16] = \"\";"
    " FILE *f = fopen(\"mine.txt\", \"w+\"); if (!f || fputs(\"own\", f) < 0)"
    " { puts(\"cannot write cwd\"); return 2; }"
    " rewind(f); fgets(b, sizeof b, f);"
    " fclose(f); printf(\"cwd: %s\\n\", b);"
    " if ((f = fopen(argv[1], \"w\")) == NULL) {"
    " printf(\"open: %s\\n\", strerror(errno)); return 1; }"
    " fputs(\"x\", f); fclose(f); puts(\"written\"); return 0; }\n";

static const char heap_src[] =
    "#include <stdlib.h>\n"
    "int main(int argc, char **argv) { char *p = malloc(8); p[8 + argc] = 1;"
    " free(p); return 0; }\n";

static const char leak_src[] =
    "#include <stdlib.h>\n#include <stdio.h>\n"
    "int main(int argc, char **argv) { char *p = malloc(32); p[0] = 1;"
    " if (argc == 1) free(p); puts(\"done\"); return 0; }\n";

static const char overflow_src[] =
    "#include <limits.h>\n#include <stdio.h>\n"
    "int main(int argc, char **argv) { int x = INT_MAX; x += argc;"
    " printf(\"%d\\n\", x); return 0; }\n";

static const char ptrace_src[] =
    "#include <stdio.h>\n#include <stdlib.h>\n#include <string.h>\n"
    "#include <errno.h>\n#include <sys/ptrace.h>\n"
    "int main(int argc, char **argv) { long pid = atol(argv[1]);"
    " if (pid == 0) { if (ptrace(PTRACE_TRACEME, 0, 0, 0) == -1) {"
    " printf(\"traceme: %s\\n\", strerror(errno)); return 1; }"
    " puts(\"traced\"); return 0; }"
    " if (ptrace(PTRACE_ATTACH, (int)pid, 0, 0) == -1) {"
    " printf(\"attach: %s\\n\", strerror(errno)); return 1; }"
    " puts(\"attached\"); return 0; }\n";

static const char peek_src[] =
    "#include <stdio.h>\n#include <string.h>\n#include <errno.h>\n"
    "int main(int argc, char **argv) { char path[64], b[8192]; size_t n;"
    " FILE *f; snprintf(path, sizeof path, \"/proc/%s/environ\", argv[1]);"
    " if ((f = fopen(path, \"r\")) == NULL) {"
    " printf(\"environ: %s\\n\", strerror(errno)); return 1; }"
    " n = fread(b, 1, sizeof b - 1, f);"
    " if (n == 0) { printf(\"environ: %s\\n\", strerror(errno)); return 1; }"
    " for (size_t i = 0; i < n; i++) if (b[i] == 0) b[i] = '\\n'; b[n] = 0;"
    " puts(strstr(b, \"hunter2\") ? \"secret seen\" : \"no secret\");"
    " return 0; }\n";

static const char shm_src[] =
    "#include <stdio.h>\n#include <stdlib.h>\n#include <string.h>\n"
    "#include <errno.h>\n#include <sys/shm.h>\n"
    "int main(int argc, char **argv) { char *p = shmat(atoi(argv[1]), 0,"
    " SHM_RDONLY); if (p == (void *)-1) {"
    " printf(\"shmat: %s\\n\", strerror(errno)); return 1; }"
    " printf(\"shm: %s\\n\", p); return 0; }\n";

static const char syscalls_src[] =
    "#include <stdio.h>\n#include <string.h>\n#include <errno.h>\n"
    "#include <sched.h>\n#include <unistd.h>\n#include <pthread.h>\n"
    "#include <sys/mount.h>\n#include <sys/personality.h>\n"
    "#include <sys/wait.h>\n#include <signal.h>\n#include <sys/socket.h>\n"
    "static void *run(void *a) { return a; }\n"
    "static long new_session(void) { int st; pid_t p = fork();"
    " if (p == 0) _exit(setsid() == -1 ? errno : 0);"
    " waitpid(p, &st, 0); errno = WEXITSTATUS(st); return errno ? -1 : 0; }\n"
    "static void show(const char *what, long rc) {"
    " printf(\"%s: %s\\n\", what, rc == -1 ? strerror(errno) : \"ok\"); }\n"
    "int main(void) { pthread_t t; int sv[2];"
    " show(\"unshare\", unshare(CLONE_NEWUSER));"
    " show(\"mount\", mount(\"none\", \".\", \"tmpfs\", 0, 0));"
    " show(\"setsid\", new_session());"
    " show(\"kill-all\", kill(-1, 0));"
    " show(\"unix\", socket(AF_UNIX, SOCK_STREAM, 0));"
    " show(\"pair\", socketpair(AF_UNIX, SOCK_STREAM, 0, sv));"
    " show(\"query\", personality(0xffffffff));"
    " show(\"exec-heap\", personality(READ_IMPLIES_EXEC));"
    " show(\"thread\", pthread_create(&t, 0, run, 0) == 0 &&"
    " pthread_join(t, 0) == 0 ? 0 : -1);"
    " return 0; }\n";

static const char sleep_src[] =
    "#include <stdio.h>\n#include <stdlib.h>\n#include <time.h>\n"
    "int main(int argc, char **argv) { double s = atof(argv[2]);"
    " struct timespec ts = { (time_t)s, (long)((s - (time_t)s) * 1e9) };"
    " nanosleep(&ts, 0); puts(argv[1]); return 0; }\n";

static const char uses_header_src[] =
    "#include \"shared.h\"\n#include <stdio.h>\n"
    "int main(void) { printf(\"%d\\n\", SHARED_ANSWER); return 0; }\n";

/* ---------------------------------------------------------------- cases */

/* ------------------------------------------------------------- cases */

/* Runs dir/prog arg under flags; returns its stdout (caller frees). */
static char *
output_of(const char *dir, const char *arg, int flags)
{
	struct sg_sandbox_opts		 o;
	struct sg_sandbox_result	 r;
	const char			*argv[4];
	char				*out;

	setup(&o, argv, dir, arg, NULL);
	o.flags = flags;
	CHECK(sg_sandbox_run(&o, &r) == 0);
	CHECK(!r.timed_out && r.wall_seconds < 5);
	out = r.out;
	r.out = NULL;
	sg_sandbox_result_free(&r);
	return out;
}

static void
test_network(void)
{
	struct sockaddr_in	 a;
	socklen_t		 alen = sizeof(a);
	char			*dir = build("connect", connect_src, "");
	char			 port[16], *out;
	int			 s;

	s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	CHECK(s != -1 && bind(s, (struct sockaddr *)&a, sizeof(a)) == 0 &&
	    listen(s, 16) == 0 &&
	    getsockname(s, (struct sockaddr *)&a, &alen) == 0);
	snprintf(port, sizeof(port), "%d", ntohs(a.sin_port));

	/* Without layers the port is reachable: the test means something. */
	out = output_of(dir, port, 0);
	CHECK_STR(out, "connected\n");
	free(out);
	if (has(SG_SANDBOX_NO_NET, "network namespace")) {
		out = output_of(dir, port, SG_SANDBOX_NO_NET);
		CHECK(contains(out, "connect: "));
		free(out);
	}
	if (has(SG_SANDBOX_LANDLOCK, "landlock")) {
		out = output_of(dir, port, SG_SANDBOX_LANDLOCK);
		if (contains(sg_sandbox_describe(), "ABI ") &&
		    atoi(strstr(sg_sandbox_describe(), "ABI ") + 4) >= 4)
			CHECK_STR(out, "connect: Permission denied\n");
		free(out);
	}
	out = output_of(dir, port, SG_SANDBOX_ALL);
	if (layers & (SG_SANDBOX_NO_NET | SG_SANDBOX_LANDLOCK))
		CHECK(contains(out, "connect: "));
	free(out);
	close(s);
	free(dir);
}

static void
test_read_outside(void)
{
	char	 canary_dir[] = "/tmp/sg-canary-XXXXXX";
	char	*dir = build("read", read_src, ""), *canary, *out;

	CHECK(mkdtemp(canary_dir) != NULL);
	chmod(canary_dir, 0755);
	canary = xasprintf("%s/canary.txt", canary_dir);
	write_text(canary, "canary\n", 0644);

	/* World-readable: only the sandbox stands in the way. */
	out = output_of(dir, canary, 0);
	CHECK_STR(out, "tmp: listed\nread: canary\n");
	free(out);
	if (has(SG_SANDBOX_LANDLOCK, "landlock")) {
		out = output_of(dir, canary, SG_SANDBOX_ALL);
		CHECK_STR(out, "tmp: Permission denied\nno passwd\n"
		    "open: Permission denied\n");
		free(out);
	}
	unlink(canary);
	rmdir(canary_dir);
	free(canary);
	free(dir);
}

static void
test_host_hidden(void)
{
	char	*dir = build("host", host_src, ""), *out;
	int	 n = 0;

	if (!has(SG_SANDBOX_PROC | SG_SANDBOX_LANDLOCK,
	    "private /proc and landlock")) {
		free(dir);
		return;
	}
	out = output_of(dir, "x", SG_SANDBOX_ALL);
	CHECK(contains(out, "/etc/hostname: Permission denied\n"));
	CHECK(contains(out, "/etc/passwd: Permission denied\n"));
	/* ASan needs its own maps; it is the sandbox's own /proc */
	CHECK(contains(out, "/proc/self/maps: read\n"));
	/* the outer waiter is outside: pid 1 (waiting) and the sample */
	CHECK(out != NULL && sscanf(strstr(out, "processes: ") ?
	    strstr(out, "processes: ") : "", "processes: %d", &n) == 1 &&
	    n == 2);
	free(out);
	free(dir);
}

/* A sample's folder goes whatever its depth and its modes. */
static void
test_rm_deep(void)
{
	char	*top = xasprintf("%s/deep", base), *path;
	int	 i, fd;

	CHECK(mkdir(top, 0755) == 0 && chdir(top) == 0);
	for (i = 0; i < 600; i++) {
		CHECK(mkdir("d", 0755) == 0 && chdir("d") == 0);
		if (i % 100 == 0 && (fd = open("f", O_WRONLY | O_CREAT, 0)) != -1)
			close(fd);
	}
	CHECK(mkdir("locked", 0755) == 0 && mkdir("locked/in", 0) == 0);
	chmod("locked", 0);
	chmod(".", 0500);
	CHECK(chdir("/") == 0);
	CHECK(sg_rm_tree(top) == 0);
	path = xasprintf("%s/d", top);
	CHECK(access(top, F_OK) == -1 && errno == ENOENT);
	free(path);
	free(top);
}

static void
test_write_outside(void)
{
	char		 open_dir[] = "/tmp/sg-open-XXXXXX";
	char		*dir = build("write", write_src, ""), *target, *out;
	struct stat	 st;

	CHECK(mkdtemp(open_dir) != NULL);
	chmod(open_dir, 0777);
	target = xasprintf("%s/planted.txt", open_dir);

	out = output_of(dir, target, 0);
	CHECK_STR(out, "cwd: own\nwritten\n");
	CHECK(stat(target, &st) == 0);
	unlink(target);
	free(out);
	if (has(SG_SANDBOX_LANDLOCK, "landlock")) {
		out = output_of(dir, target, SG_SANDBOX_ALL);
		CHECK_STR(out, "cwd: own\nopen: Permission denied\n");
		CHECK(stat(target, &st) == -1 && errno == ENOENT);
		free(out);
	}
	unlink(target);
	rmdir(open_dir);
	free(target);
	free(dir);
}

static void
test_asan(void)
{
	struct sg_sandbox_opts		 o;
	struct sg_sandbox_result	 r;
	const char			*argv[4];
	char				*dir = build("heap", heap_src,
	    "-fsanitize=address");

	setup(&o, argv, dir, NULL, NULL);
	CHECK(sg_sandbox_run(&o, &r) == 0);
	CHECK(r.status != 0 && !r.timed_out);
	CHECK(contains(r.err, "AddressSanitizer"));
	CHECK(contains(r.err, "heap-buffer-overflow"));
	CHECK(r.wall_seconds < 5);
	sg_sandbox_result_free(&r);
	free(dir);
}

static void
test_asan_leaks(void)
{
	struct sg_sandbox_opts		 o;
	struct sg_sandbox_result	 r;
	const char			*argv[4];
	char				*dir = build("leak", leak_src,
	    "-fsanitize=address,undefined");

	/* Clean: LeakSanitizer runs at exit and finds nothing. */
	setup(&o, argv, dir, NULL, NULL);
	CHECK(sg_sandbox_run(&o, &r) == 0);
	CHECK(r.status == 0);
	CHECK_STR(r.out, "done\n");
	CHECK_STR(r.err, "");
	sg_sandbox_result_free(&r);

	/* Leaking: reported, the program fails. */
	setup(&o, argv, dir, "leak", NULL);
	CHECK(sg_sandbox_run(&o, &r) == 0);
	if (layers & SG_SANDBOX_LANDLOCK) {
		CHECK(r.status != 0);
		CHECK(contains(r.err, "LeakSanitizer: detected memory leaks"));
	}
	CHECK(!contains(r.err, "fatal error"));
	sg_sandbox_result_free(&r);

	/* Seccomp without Landlock denies ptrace: leak checks are off then,
	 * rather than LeakSanitizer dying at every exit. */
	setup(&o, argv, dir, "leak", NULL);
	o.flags = SG_SANDBOX_ALL & ~SG_SANDBOX_LANDLOCK;
	CHECK(sg_sandbox_run(&o, &r) == 0);
	CHECK(r.status == 0 && !contains(r.err, "LeakSanitizer"));
	sg_sandbox_result_free(&r);
	free(dir);
}

static void
test_ubsan(void)
{
	struct sg_sandbox_opts		 o;
	struct sg_sandbox_result	 r;
	const char			*argv[4];
	char				*dir = build("ubsan", overflow_src,
	    "-fsanitize=undefined -fno-sanitize-recover=all");

	setup(&o, argv, dir, NULL, NULL);
	CHECK(sg_sandbox_run(&o, &r) == 0);
	CHECK(r.status != 0 && !r.timed_out);
	CHECK(contains(r.err, "runtime error"));
	CHECK(contains(r.err, "signed integer overflow"));
	CHECK(r.wall_seconds < 5);
	CHECK_STR(r.out, "");
	sg_sandbox_result_free(&r);
	free(dir);
}

static void
test_other_processes(void)
{
	char	*dir = build("ptrace", ptrace_src, "");
	char	*peek = build("peek", peek_src, ""), pid[16], *out;
	pid_t	 victim;
	int	 st;

	/* A process outside the sandbox, same user as the child, with a
	 * secret in its environment (as a build's token would be). */
	if ((victim = fork()) == 0) {
		char	*env[] = { (char *)"SG_TEST_SECRET=hunter2", NULL };

		if (geteuid() == 0 && (setgroups(0, NULL) == -1 ||
		    setresgid(65534, 65534, 65534) == -1 ||
		    setresuid(65534, 65534, 65534) == -1))
			_exit(1);
		execle("/bin/sleep", "sleep", "60", (char *)NULL, env);
		_exit(1);
	}
	CHECK(victim > 0);
	snprintf(pid, sizeof(pid), "%ld", (long)victim);
	usleep(100000);

	/* Without layers both work: the tests mean something. */
	out = output_of(peek, pid, 0);
	CHECK_STR(out, "secret seen\n");
	free(out);
	out = output_of(dir, pid, 0);
	CHECK_STR(out, "attached\n");
	free(out);
	if (has(SG_SANDBOX_SECCOMP, "seccomp")) {
		out = output_of(dir, pid, SG_SANDBOX_SECCOMP);
		CHECK_STR(out, "attach: Operation not permitted\n");
		free(out);
	}
	/* with a private /proc the process is not even there */
	if (layers & SG_SANDBOX_PROC) {
		out = output_of(peek, pid, SG_SANDBOX_ALL);
		CHECK_STR(out, "environ: No such file or directory\n");
		free(out);
		out = output_of(dir, pid, SG_SANDBOX_ALL);
		CHECK_STR(out, "attach: No such process\n");
		free(out);
	} else if (has(SG_SANDBOX_LANDLOCK, "landlock")) {
		out = output_of(peek, pid, SG_SANDBOX_ALL);
		CHECK_STR(out, "environ: Permission denied\n");
		free(out);
	}
	if (!(layers & SG_SANDBOX_PROC) &&
	    (layers & (SG_SANDBOX_SECCOMP | SG_SANDBOX_LANDLOCK))) {
		out = output_of(dir, pid, SG_SANDBOX_ALL);
		CHECK_STR(out, "attach: Operation not permitted\n");
		free(out);
	}
	if (layers & (SG_SANDBOX_SECCOMP | SG_SANDBOX_LANDLOCK)) {
		out = output_of(dir, "0", SG_SANDBOX_ALL);
		CHECK_STR(out, "traceme: Operation not permitted\n");
		free(out);
	}
	kill(victim, SIGKILL);
	waitpid(victim, &st, 0);
	free(peek);
	free(dir);
}

static void
test_sysv_ipc(void)
{
	char	*dir = build("shm", shm_src, ""), id[16], *out, *p;
	int	 shm;

	/* World-readable, as a careless program's segment would be. */
	shm = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0644);
	CHECK(shm != -1);
	if (shm == -1) {
		free(dir);
		return;
	}
	p = shmat(shm, NULL, 0);
	CHECK(p != (void *)-1);
	if (p != (void *)-1) {
		strcpy(p, "canary");
		shmdt(p);
	}
	snprintf(id, sizeof(id), "%d", shm);
	out = output_of(dir, id, 0);
	CHECK_STR(out, "shm: canary\n");
	free(out);
	if (has(SG_SANDBOX_NO_NET, "IPC namespace")) {
		out = output_of(dir, id, SG_SANDBOX_ALL);
		CHECK_STR(out, "shmat: Invalid argument\n");
		free(out);
	}
	shmctl(shm, IPC_RMID, NULL);
	free(dir);
}

static void
test_seccomp(void)
{
	char	*dir = build("syscalls", syscalls_src, "-pthread"), *out;
	/* In its own user namespace the process limit counts only this
	 * run's processes (not zombies of earlier runs init has yet to reap),
	 * and unshare() would work there without the filter. */
	int	 ns = layers & SG_SANDBOX_NO_NET;

	/* Without the filter each call works. */
	out = output_of(dir, NULL, ns);
	CHECK(contains(out, "unshare: ok\n") && contains(out, "setsid: ok\n") &&
	    contains(out, "exec-heap: ok\n") && contains(out, "unix: ok\n") &&
	    !contains(out, "kill-all: Op"));
	free(out);
	if (!has(SG_SANDBOX_SECCOMP, "seccomp")) {
		free(dir);
		return;
	}
	out = output_of(dir, NULL, ns | SG_SANDBOX_SECCOMP);
	CHECK_STR(out, "unshare: Operation not permitted\n"
	    "mount: Operation not permitted\n"
	    "setsid: Operation not permitted\n"
	    "kill-all: Operation not permitted\n"
	    "unix: Operation not permitted\n"
	    "pair: ok\n"
	    "query: ok\n"
	    "exec-heap: Operation not permitted\n"
	    "thread: ok\n");
	free(out);
	free(dir);
}

static void
test_compiler_inside(void)
{
	struct sg_sandbox_opts		 o;
	struct sg_sandbox_result	 r;
	const char			*readable[2], *argv[12];
	char				*dir = xasprintf("%s/cc", base);
	char				*inc = xasprintf("%s/include", base);
	char				*path;

	mkdir(dir, 0755);
	mkdir(inc, 0755);
	path = xasprintf("%s/shared.h", inc);
	write_text(path, "#define SHARED_ANSWER 42\n", 0644);
	free(path);
	path = xasprintf("%s/main.c", dir);
	write_text(path, uses_header_src, 0644);
	free(path);
	path = xasprintf("-I%s", inc);

	sg_sandbox_opts_init(&o);
	argv[0] = "/usr/bin/cc";
	argv[1] = "-std=c11";
	argv[2] = "-Wall";
	argv[3] = "-Werror";
	argv[4] = "-g";
	argv[5] = "-fsanitize=address,undefined";
	argv[6] = path;
	argv[7] = "-o";
	argv[8] = "prog";
	argv[9] = "main.c";
	argv[10] = NULL;
	readable[0] = inc;
	readable[1] = NULL;
	o.argv = argv;
	o.cwd = dir;
	o.readable = readable;
	o.wall_seconds = 60;
	o.cpu_seconds = 60;
	CHECK(sg_sandbox_run(&o, &r) == 0);
	CHECK(r.status == 0 && !r.timed_out && r.wall_seconds < 30);
	if (r.status != 0)
		printf("  cc said: %s\n", r.err);
	sg_sandbox_result_free(&r);

	/* Without the include dir among the readable ones: refused. */
	if (has(SG_SANDBOX_LANDLOCK, "landlock")) {
		o.readable = NULL;
		CHECK(sg_sandbox_run(&o, &r) == 0);
		CHECK(r.status != 0 && contains(r.err, "shared.h"));
		sg_sandbox_result_free(&r);
		o.readable = readable;
		CHECK(sg_sandbox_run(&o, &r) == 0 && r.status == 0);
		sg_sandbox_result_free(&r);
	}

	argv[0] = "./prog";
	argv[1] = NULL;
	CHECK(sg_sandbox_run(&o, &r) == 0);
	CHECK_STR(r.out, "42\n");
	CHECK(r.status == 0);
	sg_sandbox_result_free(&r);
	free(path);
	free(inc);
	free(dir);
}

struct job {
	const char	*dir;
	const char	*word;
	const char	*seconds;
	int		 runs;
	int		 ok;		/* runs with the right output */
	double		 slowest;	/* seconds */
};

static void *
job_main(void *arg)
{
	struct job			*j = arg;
	struct sg_sandbox_opts		 o;
	struct sg_sandbox_result	 r;
	const char			*argv[4];
	char				 want[32];
	double				 t;
	int				 i;

	snprintf(want, sizeof(want), "%s\n", j->word);
	for (i = 0; i < j->runs; i++) {
		setup(&o, argv, j->dir, j->word, j->seconds);
		t = now();
		if (sg_sandbox_run(&o, &r) == 0 && r.status == 0 &&
		    strcmp(r.out, want) == 0)
			j->ok++;
		if (now() - t > j->slowest)
			j->slowest = now() - t;
		sg_sandbox_result_free(&r);
	}
	return NULL;
}

static void
test_threads(void)
{
	char		*dir = build("sleep", sleep_src, "");
	struct job	 jobs[4] = {
		{ dir, "slow", "3", 1, 0, 0 },
		{ dir, "alpha", "0", 6, 0, 0 },
		{ dir, "beta", "0.05", 6, 0, 0 },
		{ dir, "gamma", "0", 6, 0, 0 },
	};
	pthread_t	 t[4];
	double		 start = now();
	int		 i;

	for (i = 0; i < 4; i++)
		CHECK(pthread_create(&t[i], NULL, job_main, &jobs[i]) == 0);
	for (i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	for (i = 0; i < 4; i++)
		CHECK(jobs[i].ok == jobs[i].runs);
	/* A slow neighbour holds no quick run up: had its child kept one of
	 * their pipe ends, they would end with it, after 3 s. */
	for (i = 1; i < 4; i++)
		CHECK(jobs[i].slowest < 2.5);
	CHECK(jobs[0].slowest >= 3 && jobs[0].slowest < 6);
	CHECK(now() - start < 8);
	free(dir);
}

int
main(void)
{
	if (sandbox_begin() == -1)
		return 2;
	TEST(test_network);
	TEST(test_read_outside);
	TEST(test_write_outside);
	TEST(test_host_hidden);
	TEST(test_rm_deep);
	TEST(test_asan);
	TEST(test_asan_leaks);
	TEST(test_ubsan);
	TEST(test_other_processes);
	TEST(test_sysv_ipc);
	TEST(test_seccomp);
	TEST(test_compiler_inside);
	TEST(test_threads);
	sandbox_end();
	HARNESS_EXIT();
}
