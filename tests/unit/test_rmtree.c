/* test_rmtree.c: unit tests for sg_rm_tree (rmtree.h): a tree of files,
 * folders, links and a FIFO goes and what the links lead to stays; a
 * folder too wide for one read of its names; a tree deeper than the
 * descriptors it keeps and than those it may open, with none left open;
 * folders a sample locked; a file, a link, nothing at all; the same
 * on threads (sg_rm_tree_jobs); and, as an ordinary user, a tree it
 * cannot empty says so. */
#include <sys/resource.h>
#include <sys/stat.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "sitefile.h"
#include "rmtree.h"
#include "util.h"

static char	 top[] = "/tmp/sg-test-rmtree-XXXXXX";

/* Is there anything at top/rel (a dangling link counts)? */
static int
exists(const char *rel)
{
	struct stat	 st;
	char		*p = xasprintf("%s/%s", top, rel);
	int		 rc = lstat(p, &st) == 0;

	free(p);
	return rc;
}

static char *
at(const char *rel)
{
	return xasprintf("%s/%s", top, rel);
}

/* How many descriptors this process has open. */
static int
open_fds(void)
{
	DIR	*d = opendir("/proc/self/fd");
	int	 n = 0;

	if (d == NULL)
		return -1;
	while (readdir(d) != NULL)
		n++;
	closedir(d);
	return n;
}

static void
mixed_tree(void)
{
	char	*p;

	sitefile_write(top, "keep/file.txt", "stays\n", 6);
	sitefile_write(top, "t/a.html", "a", 1);
	sitefile_write(top, "t/b/c/d.html", "d", 1);
	sitefile_write(top, "t/b/e.css", "e", 1);
	sitefile_write(top, "t/.hidden/f", "f", 1);
	sg_mkdirs(p = at("t/empty/too"));
	free(p);
	CHECK(symlink("../keep/file.txt", p = at("t/to-file")) == 0);
	free(p);
	CHECK(symlink("../keep", p = at("t/b/to-dir")) == 0);
	free(p);
	CHECK(symlink("nowhere", p = at("t/dangling")) == 0);
	free(p);
	CHECK(mkfifo(p = at("t/b/fifo"), 0600) == 0);
	free(p);
	CHECK(sg_rm_tree(p = at("t")) == 0);
	free(p);
	CHECK(!exists("t"));
	CHECK(exists("keep/file.txt"));
}

static void
wide_folder(void)
{
	char	 rel[64], *p;
	int	 i;

	/* 3,000 long names: several reads of the folder's names */
	for (i = 0; i < 3000; i++) {
		snprintf(rel, sizeof(rel), "w/a-rather-long-name-to-fill-"
		    "the-buffer-%04d.html", i);
		sitefile_write(top, rel, "x", 1);
	}
	for (i = 0; i < 300; i++) {
		snprintf(rel, sizeof(rel), "w/sub-%03d/index.html", i);
		sitefile_write(top, rel, "x", 1);
	}
	CHECK(sg_rm_tree(p = at("w")) == 0);
	free(p);
	CHECK(!exists("w"));
}

static void
deep_tree(void)
{
	struct rlimit	 was, low;
	char		*p;
	int		 fd, next, i, rc, before = open_fds();

	/* 200 levels, each with a file beside the next level: the walk
	 * comes back up through ".." below its 32 kept descriptors */
	sg_mkdirs(p = at("deep"));
	fd = open(p, O_RDONLY | O_DIRECTORY);
	free(p);
	for (i = 0; i < 200 && fd != -1; i++) {
		close(openat(fd, "f", O_WRONLY | O_CREAT, 0644));
		if (mkdirat(fd, "d", 0755) == -1)
			break;
		next = openat(fd, "d", O_RDONLY | O_DIRECTORY);
		close(fd);
		fd = next;
	}
	if (fd != -1)
		close(fd);
	CHECK(i == 200);
	/* fewer descriptors than levels */
	CHECK(getrlimit(RLIMIT_NOFILE, &was) == 0);
	low = was;
	low.rlim_cur = 64;
	CHECK(setrlimit(RLIMIT_NOFILE, &low) == 0);
	rc = sg_rm_tree(p = at("deep"));
	setrlimit(RLIMIT_NOFILE, &was);
	free(p);
	CHECK(rc == 0);
	CHECK(!exists("deep"));
	CHECK(open_fds() == before);
}

static void
locked_folders(void)
{
	char	*p;

	sitefile_write(top, "l/none/x", "x", 1);
	sitefile_write(top, "l/read-only/y", "y", 1);
	sitefile_write(top, "l/no-search/z", "z", 1);
	sitefile_write(top, "l/no-search/deeper/w", "w", 1);
	/* below the top, a folder without the write right that holds a
	 * folder: only its own rights let that one go */
	sitefile_write(top, "l/ro/sub/v", "v", 1);
	chmod(p = at("l/ro"), 0500);
	free(p);
	chmod(p = at("l/none"), 0);
	free(p);
	chmod(p = at("l/read-only"), 0500);
	free(p);
	chmod(p = at("l/no-search"), 0600);
	free(p);
	chmod(p = at("l"), 0500);
	free(p);
	CHECK(sg_rm_tree(p = at("l")) == 0);
	free(p);
	CHECK(!exists("l"));
}

static void
not_folders(void)
{
	char	*p;

	sitefile_write(top, "plain", "x", 1);
	sitefile_write(top, "target", "x", 1);
	CHECK(symlink("target", p = at("link")) == 0);
	free(p);
	CHECK(sg_rm_tree(p = at("plain")) == 0);
	free(p);
	CHECK(sg_rm_tree(p = at("link")) == 0);
	free(p);
	CHECK(sg_rm_tree(p = at("missing")) == 0);
	free(p);
	CHECK(!exists("plain") && !exists("link") && exists("target"));
}

/* sg_rm_tree_jobs: a tree with few folders at its top (split one level
 * further), one with many, one with a locked folder and links at both
 * levels; and a file. */
static void
on_threads(void)
{
	char	 rel[64], *p;
	int	 i, k;

	for (i = 0; i < 3; i++)
		for (k = 0; k < 40; k++) {
			snprintf(rel, sizeof(rel), "j/s%d/p%02d/index.html", i,
			    k);
			sitefile_write(top, rel, "x", 1);
		}
	sitefile_write(top, "j/top.html", "x", 1);
	sitefile_write(top, "j/s0/own.html", "x", 1);
	sitefile_write(top, "j/locked/in/x", "x", 1);
	chmod(p = at("j/locked"), 0);
	free(p);
	CHECK(symlink("../keep2", p = at("j/to-dir")) == 0);
	free(p);
	CHECK(symlink("../../keep2", p = at("j/s1/to-dir")) == 0);
	free(p);
	sitefile_write(top, "keep2/file.txt", "stays\n", 6);
	CHECK(sg_rm_tree_jobs(p = at("j"), 2) == 0);
	free(p);
	CHECK(!exists("j") && exists("keep2/file.txt"));
	for (i = 0; i < 50; i++) {
		snprintf(rel, sizeof(rel), "m/s%02d/a/index.html", i);
		sitefile_write(top, rel, "x", 1);
	}
	CHECK(sg_rm_tree_jobs(p = at("m"), 3) == 0);
	free(p);
	CHECK(!exists("m"));
	CHECK(sg_rm_tree_jobs(p = at("keep2/file.txt"), 2) == 0);
	free(p);
	CHECK(!exists("keep2/file.txt") && exists("keep2"));
}

/* As root every folder can be emptied; as an ordinary user, one in a
 * folder of root's that it cannot write stays, and it says so. */
static void
what_stays(void)
{
	char	*p;

	if (geteuid() == 0 || access("/proc/self/fdinfo", W_OK) == 0) {
		printf("  (as root: every folder can be emptied)\n");
		return;
	}
	sitefile_write(top, "s/ok", "x", 1);
	CHECK(symlink("/proc/self", p = at("s/proc")) == 0);
	free(p);
	CHECK(sg_rm_tree(p = at("s")) == 0);
	free(p);
	CHECK(sg_rm_tree("/proc/self/fdinfo") == -1);
	CHECK(access("/proc/self/fdinfo", F_OK) == 0);
}

int
main(void)
{
	if (mkdtemp(top) == NULL)
		return 2;
	TEST(mixed_tree);
	TEST(wide_folder);
	TEST(deep_tree);
	TEST(locked_folders);
	TEST(not_folders);
	TEST(on_threads);
	TEST(what_stays);
	if (sg_rm_tree(top) != 0 || access(top, F_OK) == 0) {
		printf("FAIL cleanup: %s stays\n", top);
		return 1;
	}
	HARNESS_EXIT();
}
