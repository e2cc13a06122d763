/* sandbox_harness.h: what the sandbox's unit tests (test_sandbox.c,
 * test_sandbox_confine.c) share: a scratch folder, compiling a small C
 * program into it, the options to run it, and looks at the processes
 * left. Each case compiles its program with cc into its own directory,
 * runs it through sg_sandbox_run() and checks the outcome, and that it
 * came back in time. Cases that need a layer this kernel lacks say so
 * and pass. */
#ifndef SG_SANDBOX_HARNESS_H
#define SG_SANDBOX_HARNESS_H

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

#include "samples/sandbox.h"
#include "util.h"

static char	 base[] = "/tmp/sg-sandbox-test-XXXXXX";
static int	 layers;		/* sg_sandbox_available() */

static inline double
now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static inline void
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
static inline char *
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
static inline void
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

static inline int
has(int layer, const char *what)
{
	if ((layers & layer) == layer)
		return 1;
	printf("  skipped: no %s here\n", what);
	return 0;
}

static inline int
contains(const char *s, const char *sub)
{
	return s != NULL && strstr(s, sub) != NULL;
}

/* Processes still alive (not zombies) in process group pgid. */
static inline int
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
static inline int
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

/* Makes the scratch folder and reads which layers this kernel has;
 * returns 0, or -1 (reported). */
static inline int
sandbox_begin(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (mkdtemp(base) == NULL) {
		perror("mkdtemp");
		return -1;
	}
	chmod(base, 0755);	/* a dropped-root child must reach its dir */
	layers = sg_sandbox_available();
	return 0;
}

/* Removes the scratch folder. */
static inline void
sandbox_end(void)
{
	char	*cmd = xasprintf("rm -rf '%s'", base);

	if (system(cmd) != 0)
		printf("  could not remove %s\n", base);
	free(cmd);
}

#endif
