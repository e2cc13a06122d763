/* files.c: the file system's share of a build: a program that only makes
 * the folders and files of sitegen's output (the same paths and sizes) on
 * N threads, with no reading, parsing or templates. What it costs, no
 * generator writing that output can go below.
 * usage: files JOBS OUTDIR LIST, LIST holding "path size" lines. */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct entry {
	char	*path;
	size_t	 size;
};

static struct entry	*entries;
static size_t		 nentries;
static int		 dfd;
static char		*zeros;
static atomic_size_t	 next;

/* Makes the folders of rel below dfd, as a writer must (it cannot know
 * whether another thread made them already). */
static void
mkdirs(char *rel)
{
	char	*s;

	for (s = strchr(rel, '/'); s; s = strchr(s + 1, '/')) {
		*s = '\0';
		if (mkdirat(dfd, rel, 0755) == -1 && errno != EEXIST)
			perror(rel);
		*s = '/';
	}
}

static void *
work(void *arg)
{
	struct entry	*e;
	size_t		 i;
	int		 fd;

	(void)arg;
	while ((i = atomic_fetch_add(&next, 1)) < nentries) {
		e = &entries[i];
		mkdirs(e->path);
		fd = openat(dfd, e->path, O_WRONLY | O_CREAT | O_TRUNC |
		    O_CLOEXEC, 0644);
		if (fd == -1 || write(fd, zeros, e->size) != (ssize_t)e->size)
			perror(e->path);
		if (fd != -1)
			close(fd);
	}
	return NULL;
}

int
main(int argc, char *argv[])
{
	pthread_t	 t[64];
	char		 line[4096], *sp;
	size_t		 max = 0;
	FILE		*fp;
	int		 jobs, i;

	if (argc != 4 || (jobs = atoi(argv[1])) < 1 || jobs > 64 ||
	    (fp = fopen(argv[3], "r")) == NULL)
		return 2;
	while (fgets(line, sizeof(line), fp)) {
		line[strcspn(line, "\n")] = '\0';
		if ((sp = strrchr(line, ' ')) == NULL)
			continue;
		*sp = '\0';
		entries = realloc(entries, (nentries + 1) * sizeof(*entries));
		entries[nentries].path = strdup(line);
		entries[nentries].size = strtoul(sp + 1, NULL, 10);
		if (entries[nentries].size > max)
			max = entries[nentries].size;
		nentries++;
	}
	fclose(fp);
	zeros = calloc(1, max + 1);
	if (mkdir(argv[2], 0755) == -1 ||
	    (dfd = open(argv[2], O_RDONLY | O_DIRECTORY)) == -1) {
		perror(argv[2]);
		return 1;
	}
	for (i = 0; i < jobs; i++)
		pthread_create(&t[i], NULL, work, NULL);
	for (i = 0; i < jobs; i++)
		pthread_join(t[i], NULL);
	return 0;
}
