/* replay.c: runs a fuzz harness (fuzz_NAME.c) without libFuzzer, as a
 * unit test: over the empty input, over every file of
 * tests/fuzz/regress/NAME/ (inputs a fuzzer once found: each broke the
 * harness's checks or never ended) and over the project's own inputs of
 * the harness's kind (the guide's pages, the fixtures' sites, the
 * templates). A harness reports a broken contract by abort(); here that
 * ends the program with "FAIL" and the input's path, so a harness that no
 * longer fits the code it drives is found by CI, not at the next fuzzing.
 * Built with FUZZ_NAME set to the harness's name; run from the top of the
 * repository. Prints one "ok" line per source of inputs. */
#include <sys/stat.h>

#include <dirent.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

#ifndef FUZZ_NAME
#error "build with -DFUZZ_NAME='\"markdown\"' (or yaml, template)"
#endif

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Where each harness finds its inputs: files and folders (walked, for the
 * names that end in ext). */
static const struct {
	const char	*name;
	const char	*ext;
	const char	*from[4];
} seeds[] = {
	{ "markdown", ".md", { "content", "tests/fixtures", "tests/errors",
	    NULL } },
	{ "template", ".html", { "themes", "templates", "tests/fixtures",
	    NULL } },
	{ "yaml", ".yml", { "site.yml", "tests/fixtures", "tests/errors",
	    NULL } },
};

/* Seconds an input may take: a harness run is a few milliseconds, so an
 * input past this never ends (a loop the fuzzer once found). */
#define LIMIT	10

static const char	*current = "(before any input)";	/* for messages */

/* Prints "FAIL fuzz_NAME: <the current input><tail>" from a signal
 * handler (async-signal-safe calls only). */
static void
say(const char *tail)
{
	static const char	 head[] = "FAIL fuzz_" FUZZ_NAME ": ";

	(void)write(STDOUT_FILENO, head, sizeof(head) - 1);
	(void)write(STDOUT_FILENO, current, strlen(current));
	(void)write(STDOUT_FILENO, tail, strlen(tail));
}

/* A harness's abort(), or a crash: which input, then the signal's own
 * end. */
static void
died(int sig)
{
	say(" breaks the harness\n");
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
too_long(int sig)
{
	(void)sig;
	say(" did not end (a loop?)\n");
	_exit(1);
}

/* Runs the harness on one input, named for the messages, within LIMIT. */
static void
run(const char *name, const char *data, size_t len)
{
	current = name;
	fflush(stdout);
	alarm(LIMIT);
	LLVMFuzzerTestOneInput((const uint8_t *)data, len);
	alarm(0);
}

static void
run_file(const char *path, size_t *n)
{
	char	*data;
	size_t	 len;

	if ((data = sg_file_read(path, &len)) == NULL) {
		printf("FAIL fuzz_%s: cannot read %s\n", FUZZ_NAME, path);
		exit(1);
	}
	run(path, data, len);
	free(data);
	(*n)++;
}

/* Every file below path (path itself, if it is one) whose name ends in
 * ext ("" for any), in name order so that a run is the same each time. */
static void
walk(const char *path, const char *ext, size_t *n)
{
	struct dirent	**v;
	struct stat	  st;
	char		 *sub;
	int		  k, i;

	if (lstat(path, &st) == -1 || S_ISLNK(st.st_mode))
		return;
	if (S_ISREG(st.st_mode)) {
		if (sg_ends_with(path, ext))
			run_file(path, n);
		return;
	}
	if (!S_ISDIR(st.st_mode) || (k = scandir(path, &v, NULL,
	    alphasort)) < 0)
		return;
	for (i = 0; i < k; i++) {
		if (v[i]->d_name[0] != '.') {
			sub = xasprintf("%s/%s", path, v[i]->d_name);
			walk(sub, ext, n);
			free(sub);
		}
		free(v[i]);
	}
	free(v);
}

int
main(void)
{
	char	*regress;
	size_t	 i, k, n;

	signal(SIGABRT, died);
	signal(SIGSEGV, died);
	signal(SIGBUS, died);
	signal(SIGFPE, died);
	signal(SIGALRM, too_long);
	run("(the empty input)", "", 0);
	printf("ok fuzz_%s: the empty input\n", FUZZ_NAME);
	regress = xasprintf("tests/fuzz/regress/%s", FUZZ_NAME);
	n = 0;
	walk(regress, "", &n);
	if (n > 0)
		printf("ok fuzz_%s: %zu inputs of %s\n", FUZZ_NAME, n,
		    regress);
	free(regress);
	for (i = 0; i < sizeof(seeds) / sizeof(seeds[0]); i++) {
		if (strcmp(seeds[i].name, FUZZ_NAME) != 0)
			continue;
		for (k = 0; seeds[i].from[k]; k++) {
			n = 0;
			walk(seeds[i].from[k], seeds[i].ext, &n);
			if (n == 0) {
				printf("FAIL fuzz_%s: no %s input in %s\n",
				    FUZZ_NAME, seeds[i].ext, seeds[i].from[k]);
				return 1;
			}
			printf("ok fuzz_%s: %zu %s inputs of %s\n", FUZZ_NAME,
			    n, seeds[i].ext, seeds[i].from[k]);
		}
	}
	return 0;
}
