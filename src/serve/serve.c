/* serve.c: sitegen serve. Builds the site into a private folder with the
 * normal build, serves it over HTTP (libmicrohttpd; the only file that
 * includes it), watches the sources and builds again on every edit,
 * telling the open pages over Server-Sent Events to reload. Built as the
 * module sitegen-serve.so (module.h), which serve_load.c loads. */
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/openat2.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "build.h"
#include "path.h"
#include "serve/serve.h"
#include "serve/serve_int.h"
#include "site.h"
#include "rmtree.h"
#include "util.h"
#include "serve/watch.h"

#define SERVE_TMP_PREFIX	"sitegen-serve-"	/* then pid, '-', six */

#define MAX_URL		1024	/* longer request paths get 414 */
#define RESERVED	"__sitegen/"
#define DEBOUNCE_MS	10	/* quiet time that ends a burst of saves */

extern char **environ;

static const struct {
	const char	*ext;
	const char	*type;
} types[] = {
	{ "html", "text/html; charset=utf-8" },
	{ "css", "text/css; charset=utf-8" },
	{ "js", "text/javascript; charset=utf-8" },
	{ "mjs", "text/javascript; charset=utf-8" },
	{ "json", "application/json" },
	{ "map", "application/json" },
	{ "xml", "application/xml" },
	{ "txt", "text/plain; charset=utf-8" },
	{ "c", "text/plain; charset=utf-8" },
	{ "h", "text/plain; charset=utf-8" },
	{ "md", "text/plain; charset=utf-8" },
	{ "svg", "image/svg+xml" },
	{ "png", "image/png" },
	{ "jpg", "image/jpeg" },
	{ "jpeg", "image/jpeg" },
	{ "gif", "image/gif" },
	{ "webp", "image/webp" },
	{ "avif", "image/avif" },
	{ "ico", "image/vnd.microsoft.icon" },
	{ "woff", "font/woff" },
	{ "woff2", "font/woff2" },
	{ "ttf", "font/ttf" },
	{ "otf", "font/otf" },
	{ "pdf", "application/pdf" },
	{ "wasm", "application/wasm" },
	{ "webmanifest", "application/manifest+json" },
	{ "mp4", "video/mp4" },
	{ "webm", "video/webm" },
};

static const char *
content_type(const char *path)
{
	const char	*dot = strrchr(path, '.'), *slash = strrchr(path, '/');
	size_t		 i;

	if (dot && (slash == NULL || dot > slash))
		for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
			if (!strcasecmp(dot + 1, types[i].ext))
				return types[i].type;
	return "application/octet-stream";
}

/* Decodes %XX in place, as MHD would, except that an encoded '/' or NUL
 * becomes a byte no valid path has (0x01), so that the request is
 * refused instead of reaching another folder or cutting the path. */
static size_t
unescape(void *cls, struct MHD_Connection *c, char *s)
{
	char	*r = s, *w = s;
	int	 hi, lo;

	(void)cls;
	(void)c;
	while (*r) {
		if (r[0] == '%' && (hi = sg_hex_digit(r[1])) >= 0 &&
		    (lo = sg_hex_digit(r[2])) >= 0) {
			*w = (char)(hi << 4 | lo);
			if (*w == '/' || *w == '\0')
				*w = '\x01';
			w++;
			r += 3;
		} else
			*w++ = *r++;
	}
	*w = '\0';
	return w - s;
}

/* Whether rel (the path under the base, without its leading '/') may
 * name a file of the output: no "." or ".." part, no dotfile, no empty
 * part but the last, no control byte or backslash. */
static int
path_ok(const char *rel)
{
	const char	*p, *part = rel;

	for (p = rel; ; p++) {
		if (*p == '/' || *p == '\0') {
			if (p == part && *p == '/')
				return 0;
			if (p > part && *part == '.')
				return 0;
			if (*p == '\0')
				return 1;
			part = p + 1;
		} else if ((unsigned char)*p < 0x20 || *p == 0x7f ||
		    *p == '\\')
			return 0;
	}
}

/* Opens rel beneath the folder dir without following any symbolic link
 * (openat2, or one part at a time where the kernel has none). Returns a
 * descriptor, or -1. */
static int
open_beneath(int dir, const char *rel)
{
	struct open_how	 how;
	char		*copy, *part, *slash;
	int		 fd, next;

	if (*rel == '\0')
		return dup(dir);
	memset(&how, 0, sizeof(how));
	how.flags = O_RDONLY | O_CLOEXEC | O_NOFOLLOW;
	how.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS |
	    RESOLVE_NO_MAGICLINKS | RESOLVE_NO_XDEV;
	fd = (int)syscall(SYS_openat2, dir, rel, &how, sizeof(how));
	if (fd != -1 || errno != ENOSYS)
		return fd;
	copy = xstrdup(rel);
	fd = dup(dir);
	for (part = copy; fd != -1 && part && *part; part = slash) {
		if ((slash = strchr(part, '/')) != NULL)
			*slash++ = '\0';
		next = openat(fd, part, O_RDONLY | O_CLOEXEC | O_NOFOLLOW |
		    (slash ? O_DIRECTORY : 0));
		close(fd);
		fd = next;
	}
	free(copy);
	return fd;
}

static enum MHD_Result
send_text(struct MHD_Connection *c, unsigned int status, const char *text)
{
	struct MHD_Response	*r;
	enum MHD_Result		 ret;

	r = MHD_create_response_from_buffer(strlen(text), (void *)text,
	    MHD_RESPMEM_MUST_COPY);
	MHD_add_response_header(r, "Content-Type",
	    "text/plain; charset=utf-8");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	if (status == MHD_HTTP_METHOD_NOT_ALLOWED)
		MHD_add_response_header(r, "Allow", "GET, HEAD");
	ret = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return ret;
}

/* The page's HTML with the reload script before its last </body>. */
static char *
inject(const char *base, const char *html, size_t len, size_t *outlen)
{
	struct sg_buf	 b = { NULL, 0, 0 };
	const char	*at = NULL, *p;

	for (p = html; p + 7 <= html + len; p++)
		if (*p == '<' && !strncasecmp(p, "</body>", 7))
			at = p;
	if (at == NULL)
		at = html + len;
	sg_buf_put(&b, html, at - html);
	sg_buf_printf(&b, "<script src=\"%s" RESERVED "reload.js\"></script>",
	    base);
	sg_buf_put(&b, at, html + len - at);
	sg_buf_putc(&b, '\0');
	*outlen = b.len - 1;
	return sg_buf_detach(&b);
}

static enum MHD_Result
send_file(struct sg_server *s, struct MHD_Connection *c, int fd,
    const struct stat *st, const char *name, unsigned int status)
{
	struct MHD_Response	*r;
	enum MHD_Result		 ret;
	const char		*type = content_type(name), *inm;
	char			 etag[96], *data, *html;
	size_t			 len, hlen;
	ssize_t			 n;

	snprintf(etag, sizeof(etag), "\"%lx-%llx-%lx.%lx\"",
	    (unsigned long)st->st_ino, (unsigned long long)st->st_size,
	    (unsigned long)st->st_mtim.tv_sec,
	    (unsigned long)st->st_mtim.tv_nsec);
	inm = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_IF_NONE_MATCH);
	if (status == MHD_HTTP_OK && inm && (strstr(inm, etag) ||
	    !strcmp(inm, "*"))) {
		close(fd);
		r = MHD_create_response_from_buffer(0, NULL,
		    MHD_RESPMEM_PERSISTENT);
		MHD_add_response_header(r, "ETag", etag);
		ret = MHD_queue_response(c, MHD_HTTP_NOT_MODIFIED, r);
		MHD_destroy_response(r);
		return ret;
	}
	if (!strncmp(type, "text/html", 9)) {
		data = xmalloc((size_t)st->st_size + 1);
		for (len = 0; len < (size_t)st->st_size; len += n)
			if ((n = read(fd, data + len, st->st_size - len)) <= 0)
				break;
		close(fd);
		html = inject(s->base, data, len, &hlen);
		free(data);
		r = MHD_create_response_from_buffer(hlen, html,
		    MHD_RESPMEM_MUST_FREE);
	} else
		r = MHD_create_response_from_fd((uint64_t)st->st_size, fd);
	if (r == NULL) {
		close(fd);
		return MHD_NO;
	}
	MHD_add_response_header(r, "Content-Type", type);
	MHD_add_response_header(r, "ETag", etag);
	MHD_add_response_header(r, "Cache-Control", "no-cache");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	ret = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return ret;
}

/* The site's 404 page with status 404, or a short one of ours (which
 * has the reload script too, so that a page opened before the first
 * good build shows its errors and reloads after). */
static enum MHD_Result
not_found(struct sg_server *s, struct MHD_Connection *c, struct sg_gen *g)
{
	static const char	 page[] = "<!DOCTYPE html><title>Not found"
				    "</title><p>Not found.</p></body>";
	struct MHD_Response	*r;
	enum MHD_Result		 ret;
	struct stat		 st;
	char			*html;
	size_t			 len;
	int			 fd;

	if (g && (fd = open_beneath(g->fd, "404.html")) != -1) {
		if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
			return send_file(s, c, fd, &st, "404.html",
			    MHD_HTTP_NOT_FOUND);
		close(fd);
	}
	html = inject(s->base, page, sizeof(page) - 1, &len);
	r = MHD_create_response_from_buffer(len, html, MHD_RESPMEM_MUST_FREE);
	MHD_add_response_header(r, "Content-Type", "text/html; charset=utf-8");
	ret = MHD_queue_response(c, MHD_HTTP_NOT_FOUND, r);
	MHD_destroy_response(r);
	return ret;
}

static enum MHD_Result
redirect(struct MHD_Connection *c, const char *url)
{
	struct MHD_Response	*r;
	enum MHD_Result		 ret;
	char			*to = xasprintf("%s/", url);

	r = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
	MHD_add_response_header(r, "Location", to);
	ret = MHD_queue_response(c, MHD_HTTP_MOVED_PERMANENTLY, r);
	MHD_destroy_response(r);
	free(to);
	return ret;
}

/* Serves rel from generation g: a file, a folder's index.html, or a
 * redirect adding the folder's '/'. Never lists a folder. */
static enum MHD_Result
serve_path(struct sg_server *s, struct MHD_Connection *c, struct sg_gen *g,
    const char *url, const char *rel)
{
	struct stat	 st;
	int		 fd, ifd;

	if (g == NULL || (fd = open_beneath(g->fd, rel)) == -1)
		return not_found(s, c, g);
	if (fstat(fd, &st) == -1)
		goto missing;
	if (S_ISDIR(st.st_mode)) {
		if (*rel != '\0' && rel[strlen(rel) - 1] != '/') {
			close(fd);
			return redirect(c, url);
		}
		ifd = openat(fd, "index.html", O_RDONLY | O_CLOEXEC |
		    O_NOFOLLOW);
		close(fd);
		if ((fd = ifd) == -1 || fstat(fd, &st) == -1)
			goto missing;
		rel = "index.html";
	}
	if (!S_ISREG(st.st_mode))
		goto missing;
	return send_file(s, c, fd, &st, rel, MHD_HTTP_OK);
missing:
	if (fd != -1)
		close(fd);
	return not_found(s, c, g);
}

/* One page listening to the event stream. */
struct listener {
	struct sg_server	*s;
	unsigned long		 seen;	/* the last event it was sent */
	int			 hello;	/* the first chunk was sent */
};

static const char *const event_names[] = { "", "reload", "style", "errors" };

/* Waits (on its own connection thread) for the next event, and writes
 * it, or a comment every few seconds to keep the connection alive. */
static ssize_t
events_read(void *cls, uint64_t pos, char *buf, size_t max)
{
	struct listener		*l = cls;
	struct sg_server	*s = l->s;
	struct timespec		 until;
	int			 n;

	(void)pos;
	pthread_mutex_lock(&s->lock);
	if (!l->hello) {
		l->hello = 1;
		/* a page opened while the build fails gets the errors */
		if (s->failing)
			l->seen = s->seq - 1;
		pthread_mutex_unlock(&s->lock);
		return snprintf(buf, max, "retry: 500\n: hello\n\n");
	}
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += 5;
	while (!s->stopping && l->seen == s->seq)
		if (pthread_cond_timedwait(&s->cond, &s->lock, &until) ==
		    ETIMEDOUT)
			break;
	if (s->stopping) {
		pthread_mutex_unlock(&s->lock);
		return MHD_CONTENT_READER_END_OF_STREAM;
	}
	if (l->seen == s->seq)
		n = snprintf(buf, max, ": ping\n\n");
	else {
		n = snprintf(buf, max, "event: %s\ndata: %s\n\n",
		    event_names[s->kind], s->data);
		if (n < 0 || (size_t)n >= max)
			n = snprintf(buf, max, "event: %s\ndata: {}\n\n",
			    event_names[s->kind]);
		l->seen = s->seq;
	}
	pthread_mutex_unlock(&s->lock);
	return n;
}

static enum MHD_Result
events(struct sg_server *s, struct MHD_Connection *c)
{
	struct MHD_Response	*r;
	struct listener		*l = xcalloc(1, sizeof(*l));
	enum MHD_Result		 ret;

	l->s = s;
	pthread_mutex_lock(&s->lock);
	l->seen = s->seq;
	pthread_mutex_unlock(&s->lock);
	r = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 65536,
	    events_read, l, free);
	MHD_add_response_header(r, "Content-Type", "text/event-stream");
	MHD_add_response_header(r, "Cache-Control", "no-cache");
	ret = MHD_queue_response(c, MHD_HTTP_OK, r);
	MHD_destroy_response(r);
	return ret;
}

static enum MHD_Result
reload_js(struct MHD_Connection *c)
{
	struct MHD_Response	*r;
	enum MHD_Result		 ret;

	r = MHD_create_response_from_buffer(strlen(sg_serve_reload_js),
	    (void *)sg_serve_reload_js, MHD_RESPMEM_PERSISTENT);
	MHD_add_response_header(r, "Content-Type",
	    "text/javascript; charset=utf-8");
	MHD_add_response_header(r, "Cache-Control", "no-cache");
	ret = MHD_queue_response(c, MHD_HTTP_OK, r);
	MHD_destroy_response(r);
	return ret;
}

/* Answers one request: GET and HEAD of the output under the base path,
 * the reload script and the event stream. */
static enum MHD_Result
answer(void *cls, struct MHD_Connection *c, const char *url,
    const char *method, const char *version, const char *upload,
    size_t *upload_size, void **state)
{
	struct sg_server	*s = cls;
	struct sg_gen		*g;
	const char		*rel;
	size_t			 nbase = strlen(s->base);
	enum MHD_Result		 ret;

	(void)version;
	(void)upload;
	(void)upload_size;
	(void)state;
	if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0)
		return send_text(c, MHD_HTTP_METHOD_NOT_ALLOWED,
		    "only GET and HEAD\n");
	if (strlen(url) > MAX_URL)
		return send_text(c, MHD_HTTP_URI_TOO_LONG, "too long\n");
	if (strchr(url, '\x01') || strchr(url, '\\'))
		return send_text(c, MHD_HTTP_BAD_REQUEST, "bad path\n");
	g = sg_gen_hold(s);
	if (strncmp(url, s->base, nbase) != 0 && (strlen(url) + 1 != nbase ||
	    strncmp(url, s->base, nbase - 1) != 0))
		ret = not_found(s, c, g);
	else if (strlen(url) < nbase)
		ret = redirect(c, url);
	else if (!strcmp(rel = url + nbase, RESERVED "reload.js"))
		ret = reload_js(c);
	else if (!strcmp(rel, RESERVED "events"))
		ret = events(s, c);
	else if (!path_ok(rel))
		ret = not_found(s, c, g);
	else
		ret = serve_path(s, c, g, url, rel);
	sg_gen_release(s, g);
	return ret;
}

/* ------------------------------------------------------------------ */
/* The builds and the watch loop. */

static int	 sig_pipe[2] = { -1, -1 };

static void
on_signal(int sig)
{
	int	 e = errno;
	char	 c = (char)sig;

	if (write(sig_pipe[1], &c, 1) == -1)
		(void)0;
	errno = e;
}

/* Starts the daemon on addr:port, or the next free port up to 100 on. */
static struct MHD_Daemon *
start(struct sg_server *s, const struct sg_serve_opts *so, int *port)
{
	struct sockaddr_in6	 a6;
	struct sockaddr_in	 a4;
	struct MHD_Daemon	*d = NULL;
	const char		*bind = so->bind ? so->bind : "127.0.0.1";
	unsigned int		 flags = MHD_USE_THREAD_PER_CONNECTION |
				    MHD_USE_INTERNAL_POLLING_THREAD |
				    MHD_USE_POLL;
	int			 p, six = strchr(bind, ':') != NULL;

	memset(&a4, 0, sizeof(a4));
	memset(&a6, 0, sizeof(a6));
	if ((six && inet_pton(AF_INET6, bind, &a6.sin6_addr) != 1) ||
	    (!six && inet_pton(AF_INET, bind, &a4.sin_addr) != 1)) {
		fprintf(stderr, "sitegen: --bind takes an IP address, like "
		    "127.0.0.1 or ::1, not '%s'\n", bind);
		return NULL;
	}
	if (six)
		flags |= MHD_USE_IPv6;
	for (p = so->port; p <= so->port + 100 && p < 65536; p++) {
		a4.sin_family = AF_INET;
		a4.sin_port = htons((uint16_t)p);
		a6.sin6_family = AF_INET6;
		a6.sin6_port = htons((uint16_t)p);
		d = MHD_start_daemon(flags, (uint16_t)p, NULL, NULL, answer, s,
		    MHD_OPTION_SOCK_ADDR, six ? (struct sockaddr *)&a6 :
		    (struct sockaddr *)&a4,
		    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)15,
		    MHD_OPTION_CONNECTION_LIMIT, (unsigned int)1000,
		    MHD_OPTION_THREAD_STACK_SIZE, (size_t)256 * 1024,
		    MHD_OPTION_UNESCAPE_CALLBACK, unescape, NULL,
		    MHD_OPTION_END);
		if (d != NULL || so->port == 0)
			break;
	}
	if (d == NULL) {
		fprintf(stderr, "sitegen: cannot listen on %s port %d or the "
		    "100 after it\n", bind, so->port);
		return NULL;
	}
	*port = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT)->port;
	if (so->port != 0 && *port != so->port)
		fprintf(stderr, "sitegen: port %d is taken; using %d\n",
		    so->port, *port);
	return d;
}

static void
open_browser(const char *url)
{
	char	*argv[] = { (char *)"xdg-open", (char *)url, NULL };
	pid_t	 pid;

	if (posix_spawnp(&pid, "xdg-open", NULL, NULL, argv, environ) != 0)
		fprintf(stderr, "sitegen: cannot start xdg-open; open %s\n",
		    url);
}

/* Watches the sources and builds again on every edit, until a signal. */
static void
watch_loop(struct serve_ctx *x, struct sg_watch *w)
{
	struct pollfd	 pfd[2];
	char *const	*pages;
	size_t		 n;
	int		 what;

	pfd[0].fd = sig_pipe[0];
	pfd[0].events = POLLIN;
	pfd[1].fd = w ? sg_watch_fd(w) : -1;
	pfd[1].events = POLLIN;
	for (;;) {
		if (poll(pfd, 2, -1) == -1) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (pfd[0].revents)
			break;
		if (pfd[1].revents && (what = sg_watch_read(w,
		    DEBOUNCE_MS)) != 0) {
			n = sg_watch_pages(w, &pages);
			sg_serve_rebuild(x, what, pages, n);
		}
		sg_gen_reap(x->s, 0);
	}
}

const char sgx_serve_abi[] = SG_MODULE_ABI;

int
sgx_serve(const struct sg_options *opt, const struct sg_serve_opts *so)
{
	struct sg_server	 s;
	struct serve_ctx	 x;
	struct MHD_Daemon	*d = NULL;
	struct sg_watch		*w = NULL;
	struct sigaction	 sa;
	sigset_t		 block, old;
	char			*dot, *url = NULL;
	int			 port, rc = 1;

	memset(&s, 0, sizeof(s));
	memset(&x, 0, sizeof(x));
	pthread_mutex_init(&s.lock, NULL);
	pthread_cond_init(&s.cond, NULL);
	x.s = &s;
	x.opt = *opt;
	x.opt.quiet = 1;
	x.opt.color = 0;
	x.opt.json = 0;
	/* a private folder outside the site: a build refuses an output in
	 * any of the site's own folders, .sitegen/ included */
	dot = xstrdup(getenv("TMPDIR") && *getenv("TMPDIR") ?
	    getenv("TMPDIR") : "/tmp");
	/* named after us, so that the next serve removes it if we are
	 * killed before we can (SIGKILL) */
	sg_tmp_sweep(dot, SERVE_TMP_PREFIX, 0);
	x.staging = xasprintf("%s/" SERVE_TMP_PREFIX "%ld-XXXXXX", dot,
	    (long)getpid());
	if (mkdtemp(x.staging) == NULL) {
		fprintf(stderr, "sitegen: cannot make a folder in %s: %s\n",
		    dot, strerror(errno));
		goto out;
	}
	if (pipe2(sig_pipe, O_CLOEXEC | O_NONBLOCK) == -1)
		goto out;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	s.base = sg_serve_base_path(opt);

	/* watch before the first build: an edit made during it is seen */
	if ((w = sg_watch_new(opt->root)) == NULL)
		fprintf(stderr, "sitegen: cannot watch the site (%s); edits "
		    "need a restart\n", strerror(errno));
	sg_serve_rebuild(&x, 0, NULL, 0);
	/* the server's threads leave the signals to this one */
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &block, &old);
	d = start(&s, so, &port);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (d == NULL)
		goto out;
	url = xasprintf("http://%s%s%s:%d%s", strchr(so->bind ? so->bind :
	    "", ':') ? "[" : "", so->bind ? so->bind : "127.0.0.1",
	    strchr(so->bind ? so->bind : "", ':') ? "]" : "", port, s.base);
	fprintf(stderr, "sitegen: serving %s on %s (Ctrl-C stops)\n",
	    opt->root, url);
	if (so->open)
		open_browser(url);
	watch_loop(&x, w);
	fprintf(stderr, "sitegen: stopping\n");
	rc = 0;
out:
	pthread_mutex_lock(&s.lock);
	s.stopping = 1;
	pthread_cond_broadcast(&s.cond);
	pthread_mutex_unlock(&s.lock);
	if (d)
		MHD_stop_daemon(d);
	sg_watch_free(w);
	sg_live_free(x.live);
	sg_gen_reap(&s, 1);
	if (x.staging) {
		sg_rm_tree(x.staging);
	}
	free(x.staging);
	free(dot);
	free(url);
	free(s.base);
	free(s.data);
	if (sig_pipe[0] != -1) {
		close(sig_pipe[0]);
		close(sig_pipe[1]);
	}
	pthread_mutex_destroy(&s.lock);
	pthread_cond_destroy(&s.cond);
	return rc;
}
