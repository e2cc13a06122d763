/* test_sandbox.c: unit tests for the sample sandbox. Each case compiles a
 * small C program with cc into its own directory, runs it through
 * sg_sandbox_run() and checks the outcome, and that it came back in time.
 * Cases that need a layer this kernel lacks say so and pass. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <arpa/inet.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"
#include "samples/sandbox.h"
#include "util.h"

static char	 base[] = "/tmp/sg-sandbox-test-XXXXXX";
static int	 layers;		/* sg_sandbox_available() */

/* ------------------------------------------------------------- helpers */

static double
now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
write_text(const char *path, const char *text, mode_t mode)
{
	FILE	*f = fopen(path, "w");

	if (f == NULL) {
		perror(path);
		exit(2);
	}
	fputs(text, f);
	fclose(f);
	chmod(path, mode);
}

/* Compiles src into base/name/prog with extra cflags; returns the
 * directory (the caller frees it), or exits: no cc, no test. */
static char *
build(const char *name, const char *src, const char *cflags)
{
	char	*dir = xasprintf("%s/%s", base, name);
	char	*path = xasprintf("%s/main.c", dir);
	char	*cmd;

	if (mkdir(dir, 0755) == -1 && errno != EEXIST) {
		perror(dir);
		exit(2);
	}
	write_text(path, src, 0644);
	cmd = xasprintf("cc -std=c11 -D_GNU_SOURCE -w -g %s -o %s/prog %s",
	    cflags, dir, path);
	if (system(cmd) != 0) {
		printf("  cannot compile: %s\n", cmd);
		exit(2);
	}
	free(cmd);
	free(path);
	return dir;
}

/* Options to run ./prog with up to four arguments in dir. */
static void
setup(struct sg_sandbox_opts *o, const char **argv, const char *dir,
    const char *a1, const char *a2)
{
	sg_sandbox_opts_init(o);
	argv[0] = "./prog";
	argv[1] = a1;
	argv[2] = a1 ? a2 : NULL;
	argv[3] = NULL;
	o->argv = argv;
	o->cwd = dir;
}

static int
has(int layer, const char *what)
{
	if ((layers & layer) == layer)
		return 1;
	printf("  skipped: no %s here\n", what);
	return 0;
}

static int
contains(const char *s, const char *sub)
{
	return s != NULL && strstr(s, sub) != NULL;
}

/* Processes still alive (not zombies) in process group pgid. */
static int
live_in_group(long pgid)
{
	struct dirent	*de;
	DIR		*d;
	char		 path[300], buf[512], *p, state;
	long		 ppid, pgrp;
	FILE		*f;
	int		 n = 0;

	if ((d = opendir("/proc")) == NULL)
		return -1;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] < '0' || de->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/stat", de->d_name);
		if ((f = fopen(path, "r")) == NULL)
			continue;
		if (fgets(buf, sizeof(buf), f) != NULL &&
		    (p = strrchr(buf, ')')) != NULL &&
		    sscanf(p + 1, " %c %ld %ld", &state, &ppid, &pgrp) == 3 &&
		    pgrp == pgid && state != 'Z' && state != 'X')
			n++;
		fclose(f);
	}
	closedir(d);
	return n;
}

/* Killed processes stay zombies until init reaps them; waits a little
 * for the live ones to go. */
static int
no_live_process(long pgid)
{
	int	 i;

	for (i = 0; i < 40; i++) {
		if (live_in_group(pgid) == 0)
			return 1;
		usleep(50000);
	}
	return 0;
}

/* ------------------------------------------------------------- samples */

static const char hello_src[] =
    "#include <stdio.h>\n"
    "int main(void) { puts(\"hello, world\"); fputs(\"warn\\n\", stderr);"
    " return 0; }\n";

static const char exit3_src[] =
    "#include <stdlib.h>\nint main(void) { exit(3); }\n";

static const char upper_src[] =
    "#include <stdio.h>\n#include <ctype.h>\n"
    "int main(void) { int c, n = 0; while ((c = getchar()) != EOF) {"
    " putchar(toupper(c)); n++; } if (n == 0) puts(\"eof\"); return 0; }\n";

static const char count_src[] =
    "#include <stdio.h>\n#include <string.h>\n"
    "int main(int argc, char **argv) { long n = 0, k; char b[4096];"
    " if (argc > 1 && strcmp(argv[1], \"ignore\") == 0) return 0;"
    " while ((k = fread(b, 1, sizeof b, stdin)) > 0) n += k;"
    " printf(\"%ld\\n\", n); return 0; }\n";

static const char env_src[] =
    "#include <stdio.h>\n#include <stdlib.h>\n#include <unistd.h>\n"
    "#include <dirent.h>\nextern char **environ;\n"
    "int main(void) { DIR *d = opendir(\"/proc/self/fd\"); struct dirent *de;"
    " for (char **e = environ; *e; e++) puts(*e);"
    " printf(\"uid=%d\\nfds:\", (int)getuid());"
    " while ((de = readdir(d)) != NULL) if (de->d_name[0] != '.' &&"
    " atoi(de->d_name) != dirfd(d)) printf(\" %s\", de->d_name);"
    " puts(\"\"); return 0; }\n";

static const char spin_src[] =
    "int main(void) { volatile unsigned long n = 0; for (;;) n++; }\n";

static const char closed_src[] =
    "#include <unistd.h>\n"
    "int main(void) { close(1); close(2); for (;;) sleep(1); }\n";

static const char orphan_src[] =
    "#include <stdio.h>\n#include <unistd.h>\n"
    "int main(void) { if (fork() == 0) { sleep(100); return 0; }"
    " printf(\"%ld parent done\\n\", (long)getpgrp()); return 0; }\n";

static const char bomb_src[] =
    "#include <stdio.h>\n#include <unistd.h>\n"
    "int main(void) { printf(\"%ld\\n\", (long)getpgrp()); fflush(stdout);"
    " for (;;) fork(); }\n";

static const char nproc_src[] =
    "#include <stdio.h>\n#include <errno.h>\n#include <string.h>\n"
    "#include <unistd.h>\n"
    "int main(void) { int n = 0; for (; n < 1000; n++) { pid_t p = fork();"
    " if (p == 0) { pause(); _exit(0); } if (p < 0) { printf(\"%d %s\\n\","
    " n, strerror(errno)); return 0; } } puts(\"unlimited\"); return 0; }\n";

static const char flood_src[] =
    "#include <unistd.h>\n#include <string.h>\n"
    "int main(void) { static char b[65536]; memset(b, 'x', sizeof b);"
    " for (int i = 0; i < 1600; i++) if (write(1, b, sizeof b) < 0)"
    " return 1; return 0; }\n";

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

/* Writes files of 1 MiB until it cannot, then says how much. */
static const char disk_src[] =
    "#include <stdio.h>\n#include <string.h>\n"
    "int main(void) { static char b[1 << 20]; int i; memset(b, 'x', sizeof b);"
    " for (i = 0; i < 64; i++) { char n[16]; FILE *f;"
    " snprintf(n, sizeof n, \"f%d\", i); if (!(f = fopen(n, \"w\"))) break;"
    " if (fwrite(b, 1, sizeof b, f) != sizeof b) { fclose(f); break; }"
    " if (fclose(f) != 0) break; } printf(\"wrote %d MiB\\n\", i);"
    " return 0; }\n";

/* Touches argv[1] MiB of memory. */
static const char memory_src[] =
    "#include <stdio.h>\n#include <stdlib.h>\n#include <string.h>\n"
    "int main(int argc, char **argv) { size_t n = (size_t)atol(argv[1]) << 20;"
    " char *p = malloc(n); if (!p) { puts(\"no memory\"); return 3; }"
    " memset(p, 1, n); printf(\"touched %zu\\n\", n >> 20); free(p);"
    " return 0; }\n";

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

static void
test_available(void)
{
	const char	*line = sg_sandbox_describe();

	printf("  %s\n", line);
	CHECK(strncmp(line, "sandbox: namespaces ", 20) == 0);
	CHECK((sg_sandbox_available() & ~SG_SANDBOX_ALL) == 0);
	CHECK(sg_sandbox_available() == layers);
}

static void
test_hello(void)
{
	struct sg_sandbox_opts		 o;
	struct sg_sandbox_result	 r;
	const char			*argv[4];
	char				*dir = build("hello", hello_src, "");

	setup(&o, argv, dir, NULL, NULL);
	CHECK(sg_sandbox_run(&o, &r) == 0);
	CHECK_STR(r.out, "hello, world\n");
	CHECK_STR(r.err, "warn\n");
	CHECK(r.out_len == 13 && r.err_len == 5);
	CHECK(r.status == 0 && r.signal == 0 && !r.timed_out);
	CHECK(!r.out_truncated && !r.err_truncated);
	CHECK(r.wall_seconds < 5);
	sg_sandbox_result_free(&r);
	sg_sandbox_result_free(&r);
	free(dir);
}

static void
test_exit_status(void)
{
	struct sg_sandbox_opts		 o;
	struct sg_sandbox_result	 r;
	const char			*argv[4];
	char				*dir = build("exit3", exit3_src, "");

	setup(&o, argv, dir, NULL, NULL);
	CHECK(sg_sandbox_run(&o, &r) == 0);
	CHECK(r.status == 3 && r.signal == 0 && !r.timed_out);
	CHECK(r.wall_seconds < 5);
	CHECK_STR(r.out, "");
	sg_sandbox_result_free(&r);
	free(dir);
}

static void
test_stdin(void)
{
	struct sg_sandbox_opts		 o;
	struct sg_sandbox_result	 r;
	const char			*argv[4];
	char				*dir = build("upper", upper_src, "");

	setup(&o, argv, dir, NULL, NULL);
	o.stdin_data = "abc\ndef";
	o.stdin_len = 7;
	CHECK(sg_sandbox_run(&o, &r) == 0);
	CHECK_STR(r.out, "ABC\nDEF");
	CHECK(r.status == 0 && r.wall_seconds < 5);
	sg_sandbox_result_free(&r);

	/* No stdin_data: /dev/null, an immediate end of file. */
	o.stdin_data = NULL;
	CHECK(sg_sandbox_run(&o, &r) == 0);
	CHECK_STR(r.out, "eof\n");
	sg_sandbox_result_free(&r);
	free(dir);
}

static void
test_stdin_large(void)
{
	struct sg_sandbox_opts		 o;
	struct sg_sandbox_result	 r;
	const char			*argv[4];
	char				*dir = build("count", count_src, "");
	size_t				 len = 8 << 20;
	char				*data = xmalloc(len);
	double				 t;

	memset(data, 'y', len);
	setup(&o, argv, dir, NULL, NULL);
	o.stdin_data = data;
	o.stdin_len = len;
	CHECK(sg_sandbox_run(&o, &r) == 0);
	CHECK_STR(r.out, "8388608\n");
	CHECK(r.status == 0 && !r.timed_out && r.wall_seconds < 5);
	sg_sandbox_result_free(&r);

	/* A child that never reads: no hang, no SIGPIPE for us. */
	setup(&o, argv, dir, "ignore", NULL);
	o.stdin_data = data;
	o.stdin_len = len;
	t = now();
	CHECK(sg_sandbox_run(&o, &r) == 0);
	CHECK(r.status == 0 && !r.timed_out);
	CHECK(now() - t < 3);
	sg_sandbox_result_free(&r);
	free(data);
	free(dir);
}

static void
test_environment(void)
{
	struct sg_sandbox_opts		 o;
	struct sg_sandbox_result	 r;
	const char			*argv[4];
	char				*dir = build("env", env_src, "");
	char				*real = realpath(dir, NULL), *want;
	int				 leak;

	/* Neither our environment nor a descriptor left open reaches it. */
	setenv("SG_TEST_SECRET", "hunter2", 1);
	leak = open("/dev/null", O_RDONLY);
	setup(&o, argv, dir, NULL, NULL);
	o.flags = SG_SANDBOX_ALL;
	CHECK(sg_sandbox_run(&o, &r) == 0);
	want = xasprintf("PATH=/usr/bin:/bin\nHOME=%s\nLANG=C.UTF-8\n"
	    "TMPDIR=.\nuid=%d\nfds: 0 1 2\n", real,
	    geteuid() == 0 ? 65534 : (int)geteuid());
	close(leak);
	if ((layers & SG_SANDBOX_LANDLOCK) || !(layers & SG_SANDBOX_SECCOMP))
		CHECK_STR(r.out, want);
	CHECK(!contains(r.out, "SG_TEST_SECRET"));
	sg_sandbox_result_free(&r);
	unsetenv("SG_TEST_SECRET");
	free(want);
	free(real);
	free(dir);
}

static void
test_endless_loop(void)
{
	struct sg_sandbox_opts		 o;
	struct sg_sandbox_result	 r;
	const char			*argv[4];
	char				*dir = build("spin", spin_src, "");

	setup(&o, argv, dir, NULL, NULL);
	o.wall_seconds = 1;
	CHECK(sg_sandbox_run(&o, &r) == 0);
	CHECK(r.timed_out);
	CHECK(r.signal == SIGKILL && r.status == -1);
	CHECK(r.wall_seconds >= 0.9 && r.wall_seconds < 3);
	sg_sandbox_result_free(&r);

	/* The CPU limit alone: SIGXCPU, reported as a timeout too. */
	setup(&o, argv, dir, NULL, NULL);
	o.cpu_seconds = 1;
	o.wall_seconds = 20;
	CHECK(sg_sandbox_run(&o, &r) == 0);
	CHECK(r.timed_out);
	CHECK(r.signal == SIGXCPU);
	CHECK(r.wall_seconds < 5);
	sg_sandbox_result_free(&r);
	free(dir);
}

static void
test_closed_stdout_keeps_running(void)
{
	struct sg_sandbox_opts		 o;
	struct sg_sandbox_result	 r;
	const char			*argv[4];
	char				*dir = build("closed", closed_src, "");

	setup(&o, argv, dir, NULL, NULL);
	o.wall_seconds = 1;
	CHECK(sg_sandbox_run(&o, &r) == 0);
	CHECK(r.timed_out && r.signal == SIGKILL);
	CHECK(r.wall_seconds < 3);
	sg_sandbox_result_free(&r);
	free(dir);
}

static void
test_grandchild_holds_pipes(void)
{
	struct sg_sandbox_opts		 o;
	struct sg_sandbox_result	 r;
	const char			*argv[4];
	char				*dir = build("orphan", orphan_src, "");
	long				 pgid = 0;

	setup(&o, argv, dir, NULL, NULL);
	CHECK(sg_sandbox_run(&o, &r) == 0);
	CHECK(sscanf(r.out, "%ld", &pgid) == 1);
	pgid = r.pid;	/* inside a PID namespace the group reads as 0 */
	CHECK(contains(r.out, " parent done\n"));
	CHECK(r.status == 0 && !r.timed_out);
	CHECK(r.wall_seconds < 2.5);
	/* The sleeping grandchild went with its parent. */
	CHECK(pgid > 1 && no_live_process(pgid));
	sg_sandbox_result_free(&r);
	free(dir);
}

static void
test_fork_bomb(void)
{
	struct sg_sandbox_opts		 o;
	struct sg_sandbox_result	 r;
	const char			*argv[4];
	char				*dir = build("bomb", bomb_src, "");
	long				 pgid;
	double				 t = now();

	setup(&o, argv, dir, NULL, NULL);
	o.wall_seconds = 2;
	CHECK(sg_sandbox_run(&o, &r) == 0);
	CHECK(now() - t < 6);
	CHECK(r.timed_out);
	pgid = r.pid;
	CHECK(pgid > 1);
	CHECK(pgid > 1 && no_live_process(pgid));
	sg_sandbox_result_free(&r);
	free(dir);
}

static void
test_process_limit(void)
{
	struct sg_sandbox_opts		 o;
	struct sg_sandbox_result	 r;
	const char			*argv[4];
	char				*dir = build("nproc", nproc_src, "");
	int				 n = -1;

	setup(&o, argv, dir, NULL, NULL);
	o.max_procs = 8;
	CHECK(sg_sandbox_run(&o, &r) == 0);
	CHECK(r.status == 0 && !r.timed_out);
	CHECK(sscanf(r.out, "%d", &n) == 1);
	printf("  forked %d of max_procs 8: %s", n, r.out);
	if (has(SG_SANDBOX_NO_NET, "user namespace"))
		CHECK(n >= 1 && n <= 7);
	CHECK(contains(r.out, "Resource temporarily unavailable"));
	CHECK(r.wall_seconds < 3);
	sg_sandbox_result_free(&r);
	free(dir);
}

static void
test_output_flood(void)
{
	struct sg_sandbox_opts		 o;
	struct sg_sandbox_result	 r;
	const char			*argv[4];
	char				*dir = build("flood", flood_src, "");

	setup(&o, argv, dir, NULL, NULL);
	CHECK(sg_sandbox_run(&o, &r) == 0);
	CHECK(r.status == 0 && !r.timed_out);
	CHECK(r.out_len == 1 << 20 && r.out_truncated);
	CHECK(strlen(r.out) == r.out_len && r.out[0] == 'x');
	CHECK(!r.err_truncated);
	CHECK(r.wall_seconds < 8);
	sg_sandbox_result_free(&r);

	setup(&o, argv, dir, NULL, NULL);
	o.max_output = 1000;
	CHECK(sg_sandbox_run(&o, &r) == 0);
	CHECK(r.out_len == 1000 && r.out_truncated && r.status == 0);
	sg_sandbox_result_free(&r);
	free(dir);
}

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

static void
test_disk_cap(void)
{
	struct sg_sandbox_opts		 o;
	struct sg_sandbox_result	 r;
	const char			*argv[4];
	char				*dir = build("disk", disk_src, ""), *left;
	int				 mib = -1;

	setup(&o, argv, dir, NULL, NULL);
	o.tmpfs_size = 8 << 20;
	CHECK(sg_sandbox_run(&o, &r) == 0);
	CHECK(r.out != NULL && sscanf(r.out, "wrote %d MiB", &mib) == 1);
	if (layers & SG_SANDBOX_PROC) {
		/* 8 MiB, less what the copy of the program takes */
		CHECK(mib >= 4 && mib < 8);
		/* and none of it in the sample's folder */
		left = xasprintf("%s/f0", dir);
		CHECK(access(left, F_OK) == -1);
		free(left);
	} else
		printf("  skipped: no tmpfs here, wrote %d MiB\n", mib);
	sg_sandbox_result_free(&r);
	free(dir);
}

static void
test_memory_limit(void)
{
	struct sg_sandbox_opts		 o;
	struct sg_sandbox_result	 r;
	const char			*argv[4];
	char				*plain = build("mem", memory_src, "");
	char				*asan = build("memasan", memory_src,
	    "-fsanitize=address");

	/* an address space limit: malloc fails */
	setup(&o, argv, plain, "600", NULL);
	o.max_memory = 256 << 20;
	CHECK(sg_sandbox_run(&o, &r) == 0);
	CHECK(r.status == 3 && contains(r.out, "no memory"));
	sg_sandbox_result_free(&r);
	setup(&o, argv, plain, "100", NULL);
	o.max_memory = 256 << 20;
	CHECK(sg_sandbox_run(&o, &r) == 0);
	CHECK(r.status == 0 && contains(r.out, "touched 100"));
	sg_sandbox_result_free(&r);

	/* under ASan the same limit would break its shadow memory: ASan
	 * keeps its own, and the result says it was hit */
	setup(&o, argv, asan, "100", NULL);
	o.max_memory = 256 << 20;
	o.asan = 1;
	CHECK(sg_sandbox_run(&o, &r) == 0);
	CHECK(r.status == 0 && contains(r.out, "touched 100"));
	CHECK(!r.memory_exceeded);
	sg_sandbox_result_free(&r);
	setup(&o, argv, asan, "600", NULL);
	o.max_memory = 256 << 20;
	o.asan = 1;
	CHECK(sg_sandbox_run(&o, &r) == 0);
	CHECK(r.status != 0 && r.memory_exceeded);
	CHECK(!contains(r.out, "touched"));
	sg_sandbox_result_free(&r);
	free(plain);
	free(asan);
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

static void
test_cannot_start(void)
{
	struct sg_sandbox_opts		 o;
	struct sg_sandbox_result	 r;
	const char			*argv[2] = { "./no-such-prog", NULL };
	char				*dir = xasprintf("%s/hello", base);

	sg_sandbox_opts_init(&o);
	o.argv = argv;
	o.cwd = dir;
	errno = 0;
	CHECK(sg_sandbox_run(&o, &r) == -1);
	CHECK(errno == ENOENT);
	CHECK(contains(r.err, "execve ./no-such-prog"));
	/* the program's fault, not the sandbox's */
	CHECK(r.exec_failed);
	sg_sandbox_result_free(&r);

	o.cwd = "/no/such/dir";
	CHECK(sg_sandbox_run(&o, &r) == -1);
	CHECK(errno == ENOENT && contains(r.err, "/no/such/dir"));
	CHECK(!r.exec_failed);
	sg_sandbox_result_free(&r);

	o.argv = NULL;
	CHECK(sg_sandbox_run(&o, &r) == -1 && errno == EINVAL);
	sg_sandbox_result_free(&r);
	free(dir);
}

/* A folder whose parent is closed to others (mode 0700, as /root or
 * mktemp -d): as root the child, which runs as another user, still
 * enters it and runs the program in it. */
static void
test_private_parent(void)
{
	struct sg_sandbox_opts		 o;
	struct sg_sandbox_result	 r;
	const char			*argv[4];
	char				*hello = xasprintf("%s/hello/prog", base);
	char				*priv = xasprintf("%s/private", base);
	char				*dir = xasprintf("%s/inner", priv);
	char				*to = xasprintf("%s/prog", dir), *cmd;

	CHECK(mkdir(priv, 0700) == 0 && mkdir(dir, 0755) == 0);
	cmd = xasprintf("cp '%s' '%s'", hello, to);
	CHECK(system(cmd) == 0);
	setup(&o, argv, dir, NULL, NULL);
	CHECK(sg_sandbox_run(&o, &r) == 0);
	CHECK(r.status == 0 && contains(r.out, "hello"));
	sg_sandbox_result_free(&r);
	free(cmd);
	free(hello);
	free(priv);
	free(dir);
	free(to);
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
	char	*cmd;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (mkdtemp(base) == NULL) {
		perror("mkdtemp");
		return 2;
	}
	chmod(base, 0755);	/* a dropped-root child must reach its dir */
	layers = sg_sandbox_available();

	TEST(test_available);
	TEST(test_hello);
	TEST(test_exit_status);
	TEST(test_stdin);
	TEST(test_stdin_large);
	TEST(test_environment);
	TEST(test_endless_loop);
	TEST(test_closed_stdout_keeps_running);
	TEST(test_grandchild_holds_pipes);
	TEST(test_fork_bomb);
	TEST(test_process_limit);
	TEST(test_output_flood);
	TEST(test_network);
	TEST(test_read_outside);
	TEST(test_write_outside);
	TEST(test_host_hidden);
	TEST(test_rm_deep);
	TEST(test_disk_cap);
	TEST(test_memory_limit);
	TEST(test_asan);
	TEST(test_asan_leaks);
	TEST(test_ubsan);
	TEST(test_other_processes);
	TEST(test_sysv_ipc);
	TEST(test_seccomp);
	TEST(test_compiler_inside);
	TEST(test_cannot_start);
	TEST(test_private_parent);
	TEST(test_threads);

	cmd = xasprintf("rm -rf '%s'", base);
	if (system(cmd) != 0)
		printf("  could not remove %s\n", base);
	free(cmd);
	HARNESS_EXIT();
}
