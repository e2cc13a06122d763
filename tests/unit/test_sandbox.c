/* test_sandbox.c: unit tests for the sample sandbox: running a program,
 * its input, output and exit status, and the limits on its time, its
 * processes, its output, its disk and its memory (sandbox_harness.h says
 * how a case runs). What it cannot reach is tested in
 * test_sandbox_confine.c. */
#include <fcntl.h>
#include <sys/wait.h>

#include "harness.h"
#include "sandbox_harness.h"

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

/* ------------------------------------------------------------- cases */

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

int
main(void)
{
	if (sandbox_begin() == -1)
		return 2;
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
	TEST(test_disk_cap);
	TEST(test_memory_limit);
	TEST(test_cannot_start);
	TEST(test_private_parent);
	sandbox_end();
	HARNESS_EXIT();
}
