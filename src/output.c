/* output.c: every output file is written into a staging directory beside
 * the output directory; only a build without errors swaps it into place
 * (one rename(2) with RENAME_EXCHANGE), so a failed build leaves the
 * previous output exactly as it was. */
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "output.h"
#include "path.h"
#include "secrets.h"

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE	(1 << 1)
#endif

struct sg_output {
	char		*out;		/* the output directory */
	char		*stage;		/* the staging directory */
	int		 dry;		/* check only: write nothing */
	struct sg_diag	*diag;
	struct sg_secrets *scan;	/* credential scan of every file, or NULL */
	char		*root;		/* the site root, to name copied sources */
};

/* Opens a staging directory for out (which need not exist yet, and may
 * not hold the site root). With dry
 * set nothing is written at all. Returns NULL after reporting why. */
struct sg_output *
sg_out_open(const char *out, const char *root, int dry, struct sg_diag *diag)
{
	struct sg_output	*o = xcalloc(1, sizeof(*o));
	struct sg_loc		 loc = { NULL, 0, 0 };
	struct stat		 st;
	char			*real, *cwd;

	o->out = xstrdup(out);
	o->root = xstrdup(root);
	o->dry = dry;
	o->diag = diag;
	if (dry)
		return o;
	if (stat(out, &st) == 0 && !S_ISDIR(st.st_mode)) {
		sg_diag_error(diag, &loc, "the output '%s' exists and is not "
		    "a directory", out);
		goto fail;
	}
	/* never swap away a folder that holds the site (--out .) */
	real = realpath(out, NULL);
	cwd = realpath(root, NULL);
	if (real && cwd && sg_starts_with(cwd, real) &&
	    (cwd[strlen(real)] == '/' || cwd[strlen(real)] == '\0' ||
	    strcmp(real, "/") == 0)) {
		sg_diag_error(diag, &loc, "the output '%s' holds the site "
		    "itself: choose a folder of its own (--out public)", out);
		free(real);
		free(cwd);
		goto fail;
	}
	free(real);
	free(cwd);
	o->stage = xasprintf("%s.sitegen-XXXXXX", out);
	if (mkdtemp(o->stage) == NULL) {
		sg_diag_error(diag, &loc, "cannot make a staging folder beside "
		    "'%s': %s", out, strerror(errno));
		goto fail;
	}
	chmod(o->stage, 0755);
	return o;
fail:
	free(o->stage);
	free(o->out);
	free(o->root);
	free(o);
	return NULL;
}

/* From now on, scan every file for credentials before it is written (in
 * a dry run too); a file with a finding is reported and not written. */
void
sg_out_scan(struct sg_output *o, struct sg_secrets *scan)
{
	o->scan = scan;
}

static char *
stage_path(struct sg_output *o, const char *rel)
{
	char	*norm = sg_path_normalize(rel), *path;

	if (norm == NULL || *norm == '\0' || *norm == '/' ||
	    norm[strlen(norm) - 1] == '/') {
		free(norm);
		return NULL;
	}
	path = xasprintf("%s/%s", o->stage, norm);
	free(norm);
	return path;
}

static int	write_file(struct sg_output *, const char *, const char *,
		    const char *, size_t);

/* Writes data[0..len) as rel in the output. Safe from several threads.
 * Returns 0, or -1 after reporting the error. */
int
sg_out_write(struct sg_output *o, const char *rel, const char *data,
    size_t len)
{
	return write_file(o, rel, NULL, data, len);
}

/* The same; src names the source data is a copy of, for messages. */
static int
write_file(struct sg_output *o, const char *rel, const char *src,
    const char *data, size_t len)
{
	struct sg_loc	 loc = { NULL, 0, 0 };
	char		*path;
	int		 rc;

	if (o->scan && sg_secrets_scan_output(o->scan, rel, src, data,
	    len) > 0)
		return -1;
	if (o->dry)
		return 0;
	if ((path = stage_path(o, rel)) == NULL) {
		sg_diag_error(o->diag, &loc, "refusing to write '%s' outside "
		    "the output", rel);
		return -1;
	}
	*strrchr(path, '/') = '\0';
	rc = sg_mkdirs(path);
	path[strlen(path)] = '/';
	if (rc == -1 || sg_file_write(path, data, len) == -1) {
		sg_diag_error(o->diag, &loc, "cannot write %s/%s: %s", o->out,
		    rel, strerror(errno));
		free(path);
		return -1;
	}
	free(path);
	return 0;
}

/* Copies the file src to rel in the output. Returns 0 or -1 (reported). */
int
sg_out_copy(struct sg_output *o, const char *rel, const char *src)
{
	struct sg_loc	 loc = { NULL, 0, 0 };
	const char	*name = src;
	char		*data;
	size_t		 len, n = strlen(o->root);
	int		 rc;

	if ((data = sg_file_read(src, &len)) == NULL) {
		sg_diag_error(o->diag, &loc, "cannot read %s: %s", src,
		    strerror(errno));
		return -1;
	}
	if (!strncmp(src, o->root, n) && src[n] == '/')
		name = src + n + 1;
	rc = write_file(o, rel, name, data, len);
	free(data);
	return rc;
}

/* Removes the previous output, now at path, in a process of its own that
 * outlives this one: with ten thousand pages that takes seconds, which
 * the build need not wait for (the name is unique, nothing else uses
 * it). Removes it here if no process can be started. */
static void
remove_later(const char *path)
{
	pid_t	 pid, st;
	int	 status;

	fflush(NULL);
	if ((pid = fork()) == 0) {
		if ((st = fork()) == 0) {
			sg_rm_tree(path);
			_exit(0);
		}
		_exit(st == -1);
	}
	if (pid == -1) {
		sg_rm_tree(path);
		return;
	}
	while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
		;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		sg_rm_tree(path);
}

/* Puts the staged output in place of the output directory and has the
 * old one removed (in the background, remove_later). Frees o. Returns 0, or -1 (reported; the old output is
 * then still there). */
int
sg_out_commit(struct sg_output *o)
{
	struct sg_loc	 loc = { NULL, 0, 0 };
	struct stat	 st;
	char		*old;
	int		 rc = 0;

	if (o->dry) {
		sg_out_discard(o);
		return 0;
	}
	if (stat(o->out, &st) == -1) {
		if (rename(o->stage, o->out) == -1)
			rc = -1;
	} else if (renameat2(AT_FDCWD, o->stage, AT_FDCWD, o->out,
	    RENAME_EXCHANGE) == 0) {
		remove_later(o->stage);
	} else {
		/* a file system without the exchange: two renames */
		old = xasprintf("%s.old", o->stage);
		if (rename(o->out, old) == -1 || rename(o->stage, o->out) ==
		    -1) {
			rename(old, o->out);
			rc = -1;
		} else
			remove_later(old);
		free(old);
	}
	if (rc == -1) {
		sg_diag_error(o->diag, &loc, "cannot put the new output in "
		    "place of '%s': %s", o->out, strerror(errno));
		sg_rm_tree(o->stage);
	}
	free(o->stage);
	free(o->out);
	free(o->root);
	free(o);
	return rc;
}

/* Throws the staged output away, leaving the output directory as it
 * was. Frees o; NULL is fine. */
void
sg_out_discard(struct sg_output *o)
{
	if (o == NULL)
		return;
	if (o->stage)
		sg_rm_tree(o->stage);
	free(o->stage);
	free(o->out);
	free(o->root);
	free(o);
}
