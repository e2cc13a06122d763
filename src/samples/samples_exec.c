/* samples_exec.c: compiles and runs programs, each step through the
 * sandbox in a temporary directory of its own that is removed afterwards,
 * and cleans temporary and site paths out of what they print. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <dirent.h>

#include "path.h"
#include "samples/samples_int.h"
#include "samples/sandbox.h"
#include "site.h"

#define COMPILE_LIMIT	120.0		/* seconds a compiler may take */
#define VERSION_LIMIT	30.0
#define COMPILE_MEMORY	((size_t)2 << 30)	/* at least, for cc1 and ld */
#define INC_REL		"content/samples/include"
#define MAX_BINARY	((size_t)256 << 20)	/* bytes of a compiled sample */

void
sx_result_free(struct result *r)
{
	free(r->diag);
	free(r->out);
	free(r->err);
	memset(r, 0, sizeof(*r));
}

/* Can a process that is not the owner (the sandbox's uid when we are
 * root) reach path? Every directory on the way needs o+x. */
static int
reachable(const char *path)
{
	struct stat	 st;
	char		*p = xstrdup(path), *s;
	int		 ok = 1;

	if (geteuid() != 0)
		goto out;
	for (s = p; ok && s != NULL; s = strchr(s + 1, '/')) {
		*s = '\0';
		ok = stat(*p ? p : "/", &st) == 0 && (st.st_mode & S_IXOTH);
		*s = '/';
	}
	ok = ok && stat(p, &st) == 0 && (st.st_mode & S_IROTH);
out:
	free(p);
	return ok;
}

static int
write_new(const char *path, const char *data, size_t len, mode_t mode)
{
	ssize_t	 n;
	int	 fd, saved;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
	    mode)) == -1)
		return -1;
	while (len > 0) {
		if ((n = write(fd, data, len)) == -1) {
			if (errno == EINTR)
				continue;
			saved = errno;
			close(fd);
			errno = saved;
			return -1;
		}
		data += n;
		len -= (size_t)n;
	}
	return close(fd);
}

/* Does s start with a temporary directory of ours
 * ("/tmp/sitegen-PID-XXXXXX/")? Returns its length, or 0. */
static size_t
tmp_prefix(const char *s, const char *base)
{
	size_t	 n = strlen(base), k = strlen(SX_TMP_PREFIX), i;

	if (strncmp(s, base, n) != 0 || s[n] != '/' ||
	    strncmp(s + n + 1, SX_TMP_PREFIX, k) != 0)
		return 0;
	while (s[n + 1 + k] >= '0' && s[n + 1 + k] <= '9')
		k++;
	if (s[n + 1 + k] != '-')
		return 0;
	k++;
	for (i = 0; i < 6; i++)
		if (s[n + 1 + k + i] == '\0' || s[n + 1 + k + i] == '/')
			return 0;
	return s[n + 1 + k + 6] == '/' ? n + 1 + k + 7 : 0;
}

/* Is s a compiler's temporary object ("ccAbC123.o")? */
static int
cc_temp_object(const char *s)
{
	int	 i;

	if (s[0] != 'c' || s[1] != 'c')
		return 0;
	for (i = 2; i < 8; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' &&
		    s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9')))
			return 0;
	return s[8] == '.' && s[9] == 'o';
}

char *
sx_exec_clean(const struct samples_ctx *c, const char *s, size_t len,
    size_t *outlen)
{
	struct sg_buf	 b = { 0 };
	const char	*e = s + len;
	size_t		 n, rl = strlen(c->root_real);

	sg_buf_put(&b, "", 0);
	while (s < e) {
		if (*s == '/' && ((n = tmp_prefix(s, c->tmpbase)) > 0 ||
		    (c->tmpreal && (n = tmp_prefix(s, c->tmpreal)) > 0))) {
			s += n;
			if ((size_t)(e - s) >= 10 && cc_temp_object(s)) {
				sg_buf_puts(&b, "sample.o");
				s += 10;
			}
			continue;
		}
		/* a compiler's temporary object in TMPDIR=. */
		if (*s == '.' && (size_t)(e - s) >= 12 && s[1] == '/' &&
		    cc_temp_object(s + 2)) {
			sg_buf_puts(&b, "sample.o");
			s += 12;
			continue;
		}
		if (*s == '/' && rl > 1 && (size_t)(e - s) > rl &&
		    !strncmp(s, c->root_real, rl) && s[rl] == '/') {
			s += rl + 1;
			continue;
		}
		sg_buf_putc(&b, *s++);
	}
	*outlen = b.len;
	return sg_buf_detach(&b);
}

/* The compiler as an absolute path: samples.cc if it has a '/' (relative
 * to the site root), else looked up in /usr/bin and /bin, the PATH the
 * sandbox gives. NULL if not found. */
static char *
resolve_cc(const struct samples_ctx *c, const char *cc)
{
	static const char *const dirs[] = { "/usr/bin", "/bin", NULL };
	char	*path;
	int	 i;

	if (strchr(cc, '/')) {
		path = cc[0] == '/' ? xstrdup(cc) : sg_path_join(c->root_real,
		    cc);
		if (access(path, X_OK) == 0)
			return path;
		free(path);
		return NULL;
	}
	for (i = 0; dirs[i]; i++) {
		path = xasprintf("%s/%s", dirs[i], cc);
		if (access(path, X_OK) == 0)
			return path;
		free(path);
	}
	return NULL;
}

/* What a compiler outside the system directories may read: the folder
 * of its real file, or the prefix above that folder if it is a bin/ (a
 * toolchain's lib/ and libexec/ live there). NULL for the system's. */
static char *
cc_dir(const char *cc)
{
	char	*real = realpath(cc, NULL), *dir;

	if (real == NULL)
		return NULL;
	dir = sg_path_dir(real);
	free(real);
	if (sg_ends_with(dir, "/bin") && strlen(dir) > 4)
		dir[strlen(dir) - 4] = '\0';
	if (*dir == '\0' || !strcmp(dir, "/usr") || sg_starts_with(dir,
	    "/usr/") || !strcmp(dir, "/bin") || !reachable(dir)) {
		free(dir);
		return NULL;
	}
	return dir;
}

/* Where samples.cc is set in site.yml, to blame. */
static struct sg_loc
cc_loc(const struct sg_site *site)
{
	const struct sg_value	*m = sg_value_get(site->config.root,
				    "samples"), *v;
	struct sg_loc		 loc = { "site.yml", 0, 0 };

	if (m && (v = sg_value_get(m, "cc")) != NULL)
		loc = v->loc;
	return loc;
}

/* Runs "cc --version" in the sandbox. Returns what it printed (the
 * caller frees), or NULL after reporting. */
static char *
cc_version(struct samples_ctx *c)
{
	struct sg_sandbox_opts		 o;
	struct sg_sandbox_result	 r;
	struct sg_loc			 loc = cc_loc(c->site);
	const char			*argv[3], *readable[2];
	char				*dir, *ver = NULL;

	if ((ver = sx_cache_ccver(c, c->cc)) != NULL)
		return ver;
	if ((dir = sx_tmp_make(c)) == NULL) {
		sg_diag_error(c->site->diag, NULL, "cannot make a temporary "
		    "directory in %s: %s", c->tmpbase, strerror(errno));
		return NULL;
	}
	argv[0] = c->cc;
	argv[1] = "--version";
	argv[2] = NULL;
	readable[0] = c->ccdir;
	readable[1] = NULL;
	sg_sandbox_opts_init(&o);
	o.argv = argv;
	o.cwd = dir;
	o.readable = readable;
	o.wall_seconds = o.cpu_seconds = VERSION_LIMIT;
	if (sg_sandbox_run(&o, &r) == -1 && !r.exec_failed)
		/* not the compiler's fault, nor site.yml's */
		sg_diag_error(c->site->diag, NULL, "the sample sandbox cannot "
		    "start (%s): samples cannot be compiled or run here; "
		    "'sitegen --version' says which sandbox layers work",
		    r.err && *r.err ? r.err : "no reason given");
	else if (r.err == NULL || r.status != 0)
		sg_diag_error(c->site->diag, &loc, "the C compiler '%s' does "
		    "not run: %s", c->site->config.cc, r.err && *r.err ? r.err :
		    "'--version' failed");
	else {
		ver = xstrdup(r.out);
		sx_cache_put_ccver(c, c->cc, ver);
	}
	sg_sandbox_result_free(&r);
	sx_tmp_remove(dir);
	free(dir);
	return ver;
}

/* Finds the compiler and its version, the shared include directory and
 * where temporary directories go. Returns 0, or -1 after reporting. */
int
sx_exec_setup(struct samples_ctx *c)
{
	struct sg_site	*site = c->site;
	struct sg_loc	 loc = cc_loc(site);
	struct stat	 st;
	const char	*t = getenv("TMPDIR");
	char		*inc;

	c->tmpbase = xstrdup(t && t[0] == '/' && stat(t, &st) == 0 &&
	    S_ISDIR(st.st_mode) ? t : "/tmp");
	while (strlen(c->tmpbase) > 1 && sg_ends_with(c->tmpbase, "/"))
		c->tmpbase[strlen(c->tmpbase) - 1] = '\0';
	if ((c->tmpreal = realpath(c->tmpbase, NULL)) != NULL &&
	    !strcmp(c->tmpreal, c->tmpbase)) {
		free(c->tmpreal);
		c->tmpreal = NULL;
	}
	sx_tmp_init(c);
	inc = sg_path_join(c->root_real, "content/samples/include");
	if (stat(inc, &st) == 0 && S_ISDIR(st.st_mode))
		c->incdir = inc;
	else
		free(inc);
	sx_hash_headers(c->incdir, c->headers);
	if ((c->cc = resolve_cc(c, site->config.cc)) == NULL) {
		sg_diag_error(site->diag, &loc, "no C compiler '%s'%s: install "
		    "one (apt-get install gcc) or set samples.cc in site.yml",
		    site->config.cc, strchr(site->config.cc, '/') ? "" :
		    " in /usr/bin or /bin");
		return -1;
	}
	c->ccdir = cc_dir(c->cc);
	if ((c->ccver = cc_version(c)) == NULL)
		return -1;
	return 0;
}

/* The linker names the file it was given ("sample.c:5: undefined
 * reference"), not the one #line named: puts name, the author's file,
 * in its place. Takes over diag; returns the new text. */
static char *
rename_source(char *diag, const char *name)
{
	struct sg_buf	 b = { 0 };
	const char	*s = diag, *m;

	while ((m = strstr(s, "sample.c:")) != NULL) {
		sg_buf_put(&b, s, (size_t)(m - s));
		if (m == diag || strchr(" \t\n(`'", m[-1]))
			sg_buf_puts(&b, name);
		else
			sg_buf_puts(&b, "sample.c");
		s = m + 8;
	}
	sg_buf_puts(&b, s);
	free(diag);
	return sg_buf_detach(&b);
}

/* Returns path relative to the site root (borrowed from path), or NULL
 * if it is not under it. */
static const char *
site_rel(const struct samples_ctx *c, const char *path)
{
	size_t	 n = strlen(c->root_real);

	if (strncmp(path, c->root_real, n) != 0 || path[n] != '/' ||
	    path[n + 1] == '\0')
		return NULL;
	return path + n + 1;
}

/* Compiles p->src in dir into "sample" (or "sample.o" when it has no
 * main) and sets the compile fields of *r. */
static void
compile(struct samples_ctx *c, const struct prog *p, const char *dir,
    struct result *r)
{
	struct sg_sandbox_opts		 o;
	struct sg_sandbox_result	 sr;
	struct strv			 argv = { NULL, 0 };
	struct strv			 sources = { NULL, 0 };
	struct sg_buf			 msg = { 0 };
	const char			*readable[2], *rel;
	char				*path;
	size_t				 i, nr = 0, len;
	double				 limit;

	path = sg_path_join(dir, "sample.c");
	if (write_new(path, p->src, strlen(p->src), 0644) == -1) {
		r->cstatus = -1;
		r->start_failed = 1;
		r->diag = xasprintf("cannot write the sample's source: %s",
		    strerror(errno));
		free(path);
		return;
	}
	free(path);
	sx_strv_push(&argv, c->cc);
	for (i = 0; i < c->cflags.len; i++)
		sx_strv_push(&argv, c->cflags.v[i]);
	for (i = 0; i < p->a.cflags.len; i++)
		sx_strv_push(&argv, p->a.cflags.v[i]);
	/* The compiler reads the headers from copies in its own folder, by
	 * relative names: the sandbox's user may not reach the site (root
	 * building in a private folder), and diagnostics then name them as
	 * the site does. */
	if (p->file_dir && (rel = site_rel(c, p->file_dir)) != NULL) {
		if (sx_copy_sources(p->file_dir, dir, rel) == -1)
			goto copy_failed;
		sx_strv_push(&argv, "-iquote");
		sx_strv_push(&argv, rel);
	}
	if (c->incdir) {
		if (sx_copy_sources(c->incdir, dir, INC_REL) == -1)
			goto copy_failed;
		sx_strv_push(&argv, "-I" INC_REL);
	}
	if (sx_folders_args(p, c->root_real, dir, &argv, &sources) == -1)
		goto copy_failed;
	if (c->ccdir)
		readable[nr++] = c->ccdir;
	readable[nr] = NULL;
	if (p->link) {
		sx_strv_push(&argv, "-o");
		sx_strv_push(&argv, "sample");
		sx_strv_push(&argv, "sample.c");
		for (i = 0; i < sources.len; i++)
			sx_strv_push(&argv, sources.v[i]);
		for (i = 0; i < c->ldflags.len; i++)
			sx_strv_push(&argv, c->ldflags.v[i]);
		for (i = 0; i < p->a.ldflags.len; i++)
			sx_strv_push(&argv, p->a.ldflags.v[i]);
	} else {
		sx_strv_push(&argv, "-c");
		sx_strv_push(&argv, "-o");
		sx_strv_push(&argv, "sample.o");
		sx_strv_push(&argv, "sample.c");
	}
	limit = c->site->config.timeout > COMPILE_LIMIT ?
	    c->site->config.timeout : COMPILE_LIMIT;
	sg_sandbox_opts_init(&o);
	o.argv = (const char *const *)argv.v;
	o.cwd = dir;
	o.readable = readable;
	o.wall_seconds = o.cpu_seconds = limit;
	o.max_file_size = 256 << 20;
	o.max_files = 256;
	o.max_memory = c->memory > COMPILE_MEMORY ? c->memory : COMPILE_MEMORY;
	atomic_fetch_add(&c->ncompiles, 1);
	if (sg_sandbox_run(&o, &sr) == -1) {
		r->cstatus = -1;
		r->start_failed = 1;
		r->diag = xasprintf("cannot run the compiler: %s", sr.err);
	} else if (sr.timed_out || sr.signal) {
		r->cstatus = -1;
		if (sr.timed_out)
			sg_buf_printf(&msg, "the compiler took longer than "
			    "%.0f s and was stopped\n", limit);
		else
			sg_buf_printf(&msg, "the compiler was killed by "
			    "signal %d\n", sr.signal);
		r->diag = sx_exec_clean(c, sr.err, sr.err_len, &len);
		sg_buf_puts(&msg, r->diag);
		free(r->diag);
		r->diag = sg_buf_detach(&msg);
	} else {
		r->cstatus = sr.status;
		sg_buf_put(&msg, sr.out, sr.out_len);
		sg_buf_put(&msg, sr.err, sr.err_len);
		r->diag = sx_exec_clean(c, msg.data ? msg.data : "", msg.len,
		    &len);
		sg_buf_free(&msg);
		r->diag = rename_source(r->diag, p->file_src ? p->file_src :
		    p->parts[0]->page->src);
	}
	sg_sandbox_result_free(&sr);
	sx_strv_free(&argv);
	sx_strv_free(&sources);
	return;
copy_failed:
	r->cstatus = -1;
	r->start_failed = 1;
	r->diag = xasprintf("cannot copy the headers into the sample's "
	    "folder: %s", strerror(errno));
	sx_strv_free(&argv);
	sx_strv_free(&sources);
}

/* Copies the program the compile step left in bin_dir into dir, as
 * a regular file only (never through a link, never a FIFO or device),
 * at most MAX_BINARY bytes. Returns NULL, or why not (static). */
static const char *
take_binary(const char *bin_dir, const char *dir)
{
	int	 from, to, rc = -1, e;

	if ((from = open(bin_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return strerror(errno);
	if ((to = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) != -1) {
		rc = sx_copy_regular(from, "sample", to, 0755, MAX_BINARY);
		e = errno;
		close(to);
	} else
		e = errno;
	close(from);
	return rc == 0 ? NULL : sx_regular_why(e);
}

/* Is the program built with AddressSanitizer (whose shadow memory no
 * address space limit lets through)? */
static int
uses_asan(const struct samples_ctx *c, const struct prog *p)
{
	const struct strv	*v[2] = { &c->cflags, &p->a.cflags };
	size_t			 i, k;
	int			 on = 0;

	for (k = 0; k < 2; k++)
		for (i = 0; i < v[k]->len; i++)
			if (sg_starts_with(v[k]->v[i], "-fsanitize=") &&
			    strstr(v[k]->v[i], "address"))
				on = 1;
			else if (sg_starts_with(v[k]->v[i],
			    "-fno-sanitize=") && strstr(v[k]->v[i], "address"))
				on = 0;
	return on;
}

/* Runs the binary built in bin_dir, in a directory of its own holding
 * only a copy of it, and sets the run fields of *r. */
static void
run(struct samples_ctx *c, const struct prog *p, const char *bin_dir,
    struct result *r)
{
	struct sg_sandbox_opts		 o;
	struct sg_sandbox_result	 sr;
	struct strv			 argv = { NULL, 0 };
	const char			*why;
	char				*dir;
	size_t				 i;

	r->ran = 1;
	r->status = -1;
	if ((dir = sx_tmp_make(c)) == NULL) {
		r->start_failed = 1;
		r->err = xasprintf("cannot prepare the run: %s",
		    strerror(errno));
		goto fail;
	}
	if ((why = take_binary(bin_dir, dir)) != NULL) {
		r->start_failed = 1;
		r->err = xasprintf("the program the compiler left ('sample') "
		    "is refused: %s", why);
		goto fail;
	}
	sx_strv_push(&argv, "./sample");
	for (i = 0; i < p->a.args.len; i++)
		sx_strv_push(&argv, p->a.args.v[i]);
	sg_sandbox_opts_init(&o);
	o.argv = (const char *const *)argv.v;
	o.cwd = dir;
	o.stdin_data = p->a.stdin_data;
	o.stdin_len = p->a.stdin_len;
	o.wall_seconds = o.cpu_seconds = c->site->config.timeout;
	o.max_output = (size_t)c->site->config.max_output;
	o.max_memory = c->memory;
	o.asan = uses_asan(c, p);
	o.tmpfs_size = c->disk;
	atomic_fetch_add(&c->nruns, 1);
	if (sg_sandbox_run(&o, &sr) == -1) {
		r->start_failed = 1;
		r->err = xasprintf("cannot run the sample: %s", sr.err);
		r->err_len = strlen(r->err);
		r->out = xstrdup("");
	} else {
		r->status = sr.status;
		r->signal = sr.signal;
		r->timed_out = sr.timed_out;
		r->memory_exceeded = sr.memory_exceeded;
		r->out_trunc = sr.out_truncated;
		r->err_trunc = sr.err_truncated;
		r->out = sr.out;
		r->out_len = sr.out_len;
		sr.out = NULL;
		r->err = sx_exec_clean(c, sr.err, sr.err_len, &r->err_len);
	}
	sg_sandbox_result_free(&sr);
	goto out;
fail:
	r->err_len = strlen(r->err);
	r->out = xstrdup("");
out:
	if (dir)
		sx_tmp_remove(dir);
	sx_strv_free(&argv);
	free(dir);
}

/* Can this result be kept? Not when it depends on the machine's load or
 * on something outside the key. */
static int
cacheable(const struct result *r)
{
	return !r->start_failed && r->cstatus != -1 && !r->timed_out &&
	    !r->memory_exceeded &&
	    r->signal != SIGKILL && r->signal != SIGXCPU;
}

void
sx_exec_group(struct samples_ctx *c, struct prog **v, size_t n)
{
	struct result	 comp;
	struct prog	*p;
	char		*dir;
	size_t		 i;
	int		 need = 0;

	for (i = 0; i < n; i++)
		need |= !v[i]->have;
	if (!need)
		return;
	memset(&comp, 0, sizeof(comp));
	if ((dir = sx_tmp_make(c)) == NULL) {
		comp.cstatus = -1;
		comp.start_failed = 1;
		comp.diag = xasprintf("cannot make a temporary directory in "
		    "%s: %s", c->tmpbase, strerror(errno));
	} else
		compile(c, v[0], dir, &comp);
	for (i = 0; i < n; i++) {
		p = v[i];
		if (p->have)
			continue;
		p->res.cstatus = comp.cstatus;
		p->res.start_failed = comp.start_failed;
		p->res.diag = xstrdup(comp.diag ? comp.diag : "");
		if (comp.cstatus == 0 && p->run)
			run(c, p, dir, &p->res);
		if (p->res.out == NULL)
			p->res.out = xstrdup("");
		if (p->res.err == NULL)
			p->res.err = xstrdup("");
		p->have = 1;
		/* a compile error is not kept: it may come from the machine
		 * (a full disk, say) more than from the sample, and the
		 * author is about to change the sample anyway */
		if (cacheable(&p->res) && (p->res.cstatus == 0 ||
		    p->a.compile_fail))
			sx_cache_put(c, p);
		sx_progress(c);
	}
	if (dir)
		sx_tmp_remove(dir);
	free(dir);
	sx_result_free(&comp);
}
