/* samples_cache.c: results of compiling and running samples, kept under
 * .sitegen/samples/ at the site root and keyed by a SHA-256 of everything
 * that can change them, so a build with nothing changed starts no
 * compiler. Entries are written atomically; one that does not read back
 * exactly is ignored. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "digest.h"
#include "path.h"
#include "samples/samples_int.h"
#include "samples/sandbox.h"
#include "site.h"

#define ENTRY_MAGIC	"sitegen-sample-result 1\n"

static void
feed_strv(struct sg_digest *m, const char *name, const struct strv *v)
{
	size_t	 i;

	sg_digest_int(m, name, (long long)v->len);
	for (i = 0; i < v->len; i++)
		sg_digest_str(m, name, v->v[i]);
}

void
sx_hash_headers(const char *dir, unsigned char *out)
{
	struct sg_digest	 d, *m = &d;

	sg_digest_init(m);
	if (dir)
		sg_digest_tree(m, dir, NULL);
	sg_digest_final(m, out);
}

/* Sets p->ckey (what compiling depends on: sitegen's runner, the
 * compiler and its version, the shared headers, the section's include
 * and sources folders, the source, the flags, the sandbox) and p->key (that, and what the run depends on). */
void
sx_cache_keys(struct samples_ctx *c, struct prog *p)
{
	struct sg_digest	 d, *m = &d;
	size_t			 i;

	sg_digest_init(m);
	sg_digest_str(m, "runner", SG_RUNNER_VERSION);
	sg_digest_str(m, "cc", c->cc);
	sg_digest_str(m, "ccver", c->ccver);
	sg_digest_feed(m, "headers", c->headers, SG_KEY_LEN);
	if (p->file_dir) {
		sg_digest_str(m, "dir", p->file_dir);
		sg_digest_tree(m, p->file_dir, ".h");
	}
	for (i = 0; p->parts[0]->inc_dirs && p->parts[0]->inc_dirs[i]; i++) {
		sg_digest_str(m, "include", p->parts[0]->inc_dirs[i]);
		sg_digest_tree(m, p->parts[0]->inc_dirs[i], NULL);
	}
	for (i = 0; p->parts[0]->src_dirs && p->parts[0]->src_dirs[i]; i++) {
		sg_digest_str(m, "sources", p->parts[0]->src_dirs[i]);
		sg_digest_tree(m, p->parts[0]->src_dirs[i], NULL);
	}
	sg_digest_str(m, "src", p->src);
	feed_strv(m, "cflags", &c->cflags);
	feed_strv(m, "sample-cflags", &p->a.cflags);
	feed_strv(m, "ldflags", &c->ldflags);
	feed_strv(m, "sample-ldflags", &p->a.ldflags);
	sg_digest_int(m, "link", p->link);
	sg_digest_int(m, "layers", sg_sandbox_available());
	sg_digest_int(m, "root", geteuid() == 0);
	sg_digest_final(m, p->ckey);

	sg_digest_init(m);
	sg_digest_feed(m, "compile", p->ckey, SG_KEY_LEN);
	sg_digest_int(m, "run", p->run);
	feed_strv(m, "args", &p->a.args);
	sg_digest_int(m, "has-stdin", p->a.stdin_data != NULL);
	sg_digest_feed(m, "stdin", p->a.stdin_data ? p->a.stdin_data : "",
	    p->a.stdin_len);
	sg_digest_int(m, "timeout-ms", (long long)(c->site->config.timeout * 1000));
	sg_digest_int(m, "max-output", (long long)c->site->config.max_output);
	sg_digest_int(m, "memory", (long long)c->memory);
	sg_digest_int(m, "disk", (long long)c->disk);
	sg_digest_final(m, p->key);
}

/* Makes .sitegen/samples/ if it is missing; -1 when it, or .sitegen, is
 * a link or not a folder (nothing is written then). */
static int
cache_ready(const struct samples_ctx *c)
{
	char	*dir;
	int	 rc = sg_cache_dir(c->root_real, "samples", &dir);

	free(dir);
	return rc;
}

static char *
entry_path(const struct samples_ctx *c, const unsigned char *key)
{
	char	 h[2 * SG_KEY_LEN + 1];

	sg_digest_hex(key, h);
	return xasprintf("%s/%s", c->cache_dir, h);
}

/* Reads "name N\n" at *pp. */
static int
read_num(const char **pp, const char *end, const char *name, long *v)
{
	const char	*p = *pp;
	char		*stop;
	size_t		 n = strlen(name);

	if ((size_t)(end - p) < n + 2 || memcmp(p, name, n) != 0 ||
	    p[n] != ' ')
		return -1;
	errno = 0;
	*v = strtol(p + n + 1, &stop, 10);
	if (errno || stop == p + n + 1 || stop >= end || *stop != '\n')
		return -1;
	*pp = stop + 1;
	return 0;
}

/* Reads "name LEN\n" and LEN bytes and "\n" at *pp; *out is owned. */
static int
read_blob(const char **pp, const char *end, const char *name, char **out,
    size_t *len)
{
	long	 n;

	if (read_num(pp, end, name, &n) == -1 || n < 0 ||
	    (size_t)(end - *pp) < (size_t)n + 1 || (*pp)[n] != '\n')
		return -1;
	*out = xstrndup(*pp, (size_t)n);
	if (len)
		*len = (size_t)n;
	*pp += n + 1;
	return 0;
}

int
sx_cache_get(const struct samples_ctx *c, struct prog *p)
{
	struct result	 r;
	char		*path = entry_path(c, p->key), *text, *key = NULL;
	char		 h[2 * SG_KEY_LEN + 1];
	const char	*s, *end;
	size_t		 len;
	long		 v[7];
	int		 ok = 0;

	memset(&r, 0, sizeof(r));
	if ((text = sg_file_read_own(path, &len)) == NULL)
		goto out;
	s = text;
	end = text + len;
	sg_digest_hex(p->key, h);
	if (len < strlen(ENTRY_MAGIC) || memcmp(s, ENTRY_MAGIC,
	    strlen(ENTRY_MAGIC)) != 0)
		goto out;
	s += strlen(ENTRY_MAGIC);
	if (read_blob(&s, end, "key", &key, NULL) == -1 || strcmp(key, h) ||
	    read_num(&s, end, "cstatus", &v[0]) == -1 ||
	    read_num(&s, end, "ran", &v[1]) == -1 ||
	    read_num(&s, end, "status", &v[2]) == -1 ||
	    read_num(&s, end, "signal", &v[3]) == -1 ||
	    read_num(&s, end, "timed_out", &v[4]) == -1 ||
	    read_num(&s, end, "out_trunc", &v[5]) == -1 ||
	    read_num(&s, end, "err_trunc", &v[6]) == -1 ||
	    read_blob(&s, end, "diag", &r.diag, NULL) == -1 ||
	    read_blob(&s, end, "out", &r.out, &r.out_len) == -1 ||
	    read_blob(&s, end, "err", &r.err, &r.err_len) == -1 ||
	    (size_t)(end - s) != 4 || memcmp(s, "end\n", 4) != 0)
		goto out;
	r.cstatus = (int)v[0];
	r.ran = v[1] != 0;
	r.status = (int)v[2];
	r.signal = (int)v[3];
	r.timed_out = v[4] != 0;
	r.out_trunc = v[5] != 0;
	r.err_trunc = v[6] != 0;
	sx_result_free(&p->res);
	p->res = r;
	memset(&r, 0, sizeof(r));
	ok = 1;
out:
	sx_result_free(&r);
	free(key);
	free(text);
	free(path);
	return ok;
}

void
sx_cache_put(const struct samples_ctx *c, const struct prog *p)
{
	const struct result	*r = &p->res;
	struct sg_buf		 b = { 0 };
	char			 h[2 * SG_KEY_LEN + 1], *path;

	sg_digest_hex(p->key, h);
	sg_buf_puts(&b, ENTRY_MAGIC);
	sg_buf_printf(&b, "key %zu\n%s\n", strlen(h), h);
	sg_buf_printf(&b, "cstatus %d\nran %d\nstatus %d\nsignal %d\n"
	    "timed_out %d\nout_trunc %d\nerr_trunc %d\n", r->cstatus, r->ran,
	    r->status, r->signal, r->timed_out, r->out_trunc, r->err_trunc);
	sg_buf_printf(&b, "diag %zu\n", strlen(r->diag ? r->diag : ""));
	sg_buf_puts(&b, r->diag ? r->diag : "");
	sg_buf_printf(&b, "\nout %zu\n", r->out_len);
	sg_buf_put(&b, r->out ? r->out : "", r->out ? r->out_len : 0);
	sg_buf_printf(&b, "\nerr %zu\n", r->err_len);
	sg_buf_put(&b, r->err ? r->err : "", r->err ? r->err_len : 0);
	sg_buf_puts(&b, "\nend\n");
	if (cache_ready(c) == 0) {
		path = entry_path(c, p->key);
		sg_file_replace(path, b.data, b.len, 0);
		free(path);
	}
	sg_buf_free(&b);
}

/* The cache entry of a compiler's version: keyed by its path and the
 * identity of the file it names (an upgrade changes it). */
static char *
ccver_path(const struct samples_ctx *c, const char *cc)
{
	struct sg_digest	 d, *m = &d;
	struct stat		 st;
	unsigned char		 key[SG_KEY_LEN];

	if (stat(cc, &st) == -1)
		return NULL;
	sg_digest_init(m);
	sg_digest_str(m, "runner", SG_RUNNER_VERSION);
	sg_digest_str(m, "cc", cc);
	sg_digest_int(m, "dev", (long long)st.st_dev);
	sg_digest_int(m, "ino", (long long)st.st_ino);
	sg_digest_int(m, "size", (long long)st.st_size);
	sg_digest_int(m, "mtime", (long long)st.st_mtim.tv_sec * 1000000000LL +
	    st.st_mtim.tv_nsec);
	sg_digest_int(m, "ctime", (long long)st.st_ctim.tv_sec * 1000000000LL +
	    st.st_ctim.tv_nsec);
	sg_digest_final(m, key);
	return entry_path(c, key);
}

char *
sx_cache_ccver(const struct samples_ctx *c, const char *cc)
{
	char	*path = ccver_path(c, cc), *text = NULL, *out = NULL;
	size_t	 len, n = strlen(ENTRY_MAGIC);

	if (path == NULL || (text = sg_file_read_own(path, &len)) == NULL)
		goto out;
	if (len >= n + 6 && !memcmp(text, ENTRY_MAGIC, n) &&
	    !memcmp(text + n, "ccver\n", 6) && !memchr(text, '\0', len))
		out = xstrdup(text + n + 6);
out:
	free(path);
	free(text);
	return out;
}

void
sx_cache_put_ccver(const struct samples_ctx *c, const char *cc,
    const char *ver)
{
	char	*path = ccver_path(c, cc), *text;

	if (path == NULL)
		return;
	text = xasprintf(ENTRY_MAGIC "ccver\n%s", ver);
	if (cache_ready(c) == 0)
		sg_file_replace(path, text, strlen(text), 0);
	free(text);
	free(path);
}
