/* samples_export.c: `sitegen samples --export DIR` writes each compiled
 * sample as a standalone project a reader can build, run and step
 * through: the source with its hidden lines, the shared headers it
 * includes, a Makefile, and a VS Code launch configuration for gdb. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "path.h"
#include "samples/samples_int.h"
#include "site.h"

#define MAX_HEADERS	64

/* Writes a file of the project, making its directories, with mode 0644
 * and through no symbolic link as its last name. Returns 0, or -1 after
 * reporting. */
static int
put(struct samples_ctx *c, const char *dir, const char *rel,
    const char *data, size_t len)
{
	char	*path = sg_path_join(dir, rel), *parent = sg_path_dir(path);
	ssize_t	 n;
	size_t	 off = 0;
	int	 fd, rc = 0;

	sg_mkdirs(parent);
	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW |
	    O_CLOEXEC, 0644)) == -1)
		rc = -1;
	while (rc == 0 && off < len) {
		if ((n = write(fd, data + off, len - off)) == -1) {
			if (errno != EINTR)
				rc = -1;
			continue;
		}
		off += (size_t)n;
	}
	if (fd != -1 && close(fd) == -1)
		rc = -1;
	if (rc == -1)
		sg_diag_error(c->site->diag, NULL, "cannot write %s: %s", path,
		    strerror(errno));
	free(parent);
	free(path);
	return rc;
}

/* Appends the names that text #includes to v. */
static void
includes(const char *text, struct strv *v)
{
	const char	*s = text, *p, *e, *q;
	char		*name;

	for (; *s; s = e ? e + 1 : s + strlen(s)) {
		e = strchr(s, '\n');
		p = s + strspn(s, " \t");
		if (*p++ != '#')
			continue;
		p += strspn(p, " \t");
		if (strncmp(p, "include", 7) != 0)
			continue;
		p += 7;
		p += strspn(p, " \t");
		if (*p != '"' && *p != '<')
			continue;
		q = strchr(p + 1, *p == '"' ? '"' : '>');
		if (q == NULL || (e && q > e))
			continue;
		name = xstrndup(p + 1, (size_t)(q - p - 1));
		sx_strv_push(v, name);
		free(name);
	}
}

/* Reads header rel from the folder where, a regular file only: a
 * symbolic link (to /etc/shadow, say), a FIFO or a device is skipped
 * with a warning. Returns the text (the caller frees) or NULL. */
static char *
read_header(struct samples_ctx *c, const char *where, const char *rel,
    size_t *len, int *err)
{
	char	*text, *shown;
	size_t	 n;
	int	 dir, e;

	if ((dir = open(where, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1) {
		*err = ENOENT;
		return NULL;
	}
	text = sx_read_regular(dir, rel, SX_COPY_BYTES, len);
	*err = e = text ? 0 : errno;
	close(dir);
	if (text == NULL && e != ENOENT && e != ENOTDIR) {
		shown = sg_path_join(where, rel);
		n = strlen(c->root_real);
		sg_diag_warn(c->site->diag, NULL, "not exporting %s: %s",
		    !strncmp(shown, c->root_real, n) && shown[n] == '/' ?
		    shown + n + 1 : shown, sx_regular_why(e));
		free(shown);
	}
	return text;
}

/* Copies the headers that src includes (and they include) from the
 * file's own directory or content/samples/include into dir: regular
 * files beneath those folders only. */
static void
copy_headers(struct samples_ctx *c, const struct prog *p, const char *dir,
    struct strv *copied)
{
	struct strv	 todo = { NULL, 0 };
	const char	*where[2];
	char		*rel, *text;
	size_t		 i, j, len;
	int		 k, seen, err;

	where[0] = p->file_dir;
	where[1] = c->incdir;
	includes(p->plain, &todo);
	for (i = 0; i < todo.len && copied->len < MAX_HEADERS; i++) {
		if ((rel = sg_path_normalize(todo.v[i])) == NULL ||
		    rel[0] == '/' || !strcmp(rel, "..") ||
		    !strncmp(rel, "../", 3)) {
			free(rel);
			continue;
		}
		for (seen = 0, j = 0; j < copied->len; j++)
			seen |= !strcmp(copied->v[j], rel);
		for (k = 0; !seen && k < 2; k++) {
			if (where[k] == NULL)
				continue;
			if ((text = read_header(c, where[k], rel, &len, &err)) !=
			    NULL) {
				put(c, dir, rel, text, len);
				sx_strv_push(copied, rel);
				includes(text, &todo);
			}
			/* a header refused here is not looked for further */
			seen = text != NULL || (err != ENOENT && err != ENOTDIR);
			free(text);
		}
		free(rel);
	}
	sx_strv_free(&todo);
}

/* Appends s quoted for a POSIX shell if it needs it. */
static void
sh_quote(struct sg_buf *b, const char *s)
{
	static const char	 safe[] = "abcdefghijklmnopqrstuvwxyz"
				    "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
				    "0123456789_-+=,./:@%";

	if (*s && strspn(s, safe) == strlen(s)) {
		sg_buf_puts(b, s);
		return;
	}
	sg_buf_putc(b, '\'');
	for (; *s; s++)
		if (*s == '\'')
			sg_buf_puts(b, "'\\''");
		else
			sg_buf_putc(b, *s);
	sg_buf_putc(b, '\'');
}

/* Appends the words of v, shell-quoted, then made safe for make ($ and
 * #). */
static void
make_words(struct sg_buf *b, const struct strv *v)
{
	struct sg_buf	 w = { 0 };
	size_t		 i;
	const char	*s;

	for (i = 0; i < v->len; i++) {
		sh_quote(&w, v->v[i]);
		sg_buf_putc(&w, ' ');
	}
	for (s = w.data ? w.data : ""; *s; s++) {
		if (*s == '$')
			sg_buf_putc(b, '$');
		else if (*s == '#')
			sg_buf_putc(b, '\\');
		if (*s != '\n')
			sg_buf_putc(b, *s);
	}
	while (b->len > 0 && b->data[b->len - 1] == ' ')
		b->data[--b->len] = '\0';
	sg_buf_free(&w);
}

static void
json_str(struct sg_buf *b, const char *s)
{
	sg_buf_putc(b, '"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			sg_buf_printf(b, "\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			sg_buf_printf(b, "\\u%04x", (unsigned char)*s);
		else
			sg_buf_putc(b, *s);
	}
	sg_buf_putc(b, '"');
}

/* The Makefile of program p, whose source is src; dirs holds the -I
 * flags of its section's include folders and srcs the sources of its
 * section's library, copied into the project. */
static void
makefile(struct samples_ctx *c, const struct prog *p, const char *src,
    const struct strv *headers, const struct strv *dirs,
    const struct strv *srcs, struct sg_buf *b)
{
	struct strv	 cc = { NULL, 0 }, flags = { NULL, 0 };
	struct strv	 ld = { NULL, 0 };
	struct sg_buf	 all = { 0 };
	size_t		 i;
	char		*abs = NULL;

	sg_buf_printf(b, "# A sample of %s, line %d, as sitegen builds and "
	    "runs it.\n#   make        build it\n#   make run    build it and "
	    "run it\n#   make debug  build it for a debugger (-O0)\n\n",
	    p->last->page->src, p->parts[0]->loc.line);
	if (strchr(c->site->config.cc, '/') && c->site->config.cc[0] != '/')
		abs = sg_path_join(c->root_real, c->site->config.cc);
	sx_strv_push(&cc, abs ? abs : c->site->config.cc);
	for (i = 0; i < c->cflags.len; i++)
		sx_strv_push(&flags, c->cflags.v[i]);
	for (i = 0; i < p->a.cflags.len; i++)
		sx_strv_push(&flags, p->a.cflags.v[i]);
	sx_strv_push(&flags, "-I.");
	for (i = 0; i < dirs->len; i++)
		sx_strv_push(&flags, dirs->v[i]);
	sg_buf_puts(&all, src);
	for (i = 0; i < srcs->len; i++)
		sg_buf_printf(&all, " %s", srcs->v[i]);
	for (i = 0; i < c->ldflags.len; i++)
		sx_strv_push(&ld, c->ldflags.v[i]);
	for (i = 0; i < p->a.ldflags.len; i++)
		sx_strv_push(&ld, p->a.ldflags.v[i]);
	sg_buf_puts(b, "CC = ");
	make_words(b, &cc);
	sg_buf_puts(b, "\nCFLAGS = ");
	make_words(b, &flags);
	sg_buf_puts(b, "\nLDFLAGS = ");
	make_words(b, &ld);
	sg_buf_printf(b, "\nDEPS = %s", all.data);
	for (i = 0; i < headers->len; i++)
		sg_buf_printf(b, " %s", headers->v[i]);
	if (p->link) {
		sg_buf_printf(b, "\n\nall: sample\n\nsample: $(DEPS)\n\t$(CC) "
		    "$(CFLAGS) -o $@ %s $(LDFLAGS)\n\nrun: sample\n\t./sample",
		    all.data);
		if (p->a.args.len > 0) {
			sg_buf_putc(b, ' ');
			make_words(b, &p->a.args);
		}
		sg_buf_puts(b, p->a.stdin_data ? " < stdin.txt" :
		    " < /dev/null");
		sg_buf_printf(b, "\n\ndebug: $(DEPS)\n\t$(CC) $(CFLAGS) -O0 -g "
		    "-o sample %s $(LDFLAGS)\n\nclean:\n\trm -f sample\n",
		    all.data);
	} else
		sg_buf_printf(b, "\n\nall: sample.o\n\nsample.o: $(DEPS)\n\t"
		    "$(CC) $(CFLAGS) -c -o $@ %s\n\nrun: sample.o\n\t@echo "
		    "'this sample has no main: it is only compiled'\n\ndebug: "
		    "$(DEPS)\n\t$(CC) $(CFLAGS) -O0 -g -c -o sample.o %s\n\n"
		    "clean:\n\trm -f sample.o\n", src, src);
	sg_buf_puts(b, "\n.PHONY: all run debug clean\n");
	sx_strv_free(&cc);
	sx_strv_free(&flags);
	sx_strv_free(&ld);
	sg_buf_free(&all);
	free(abs);
}

static void
vscode(const struct prog *p, struct sg_buf *tasks, struct sg_buf *launch)
{
	size_t	 i;

	sg_buf_puts(tasks, "{\n\t\"version\": \"2.0.0\",\n\t\"tasks\": [\n"
	    "\t\t{\n\t\t\t\"label\": \"build sample (debug)\",\n"
	    "\t\t\t\"type\": \"shell\",\n\t\t\t\"command\": \"make\",\n"
	    "\t\t\t\"args\": [\"debug\"],\n"
	    "\t\t\t\"options\": { \"cwd\": \"${workspaceFolder}\" },\n"
	    "\t\t\t\"group\": { \"kind\": \"build\", \"isDefault\": true },\n"
	    "\t\t\t\"problemMatcher\": [\"$gcc\"]\n\t\t}\n\t]\n}\n");
	if (!p->link)
		return;
	sg_buf_puts(launch, "{\n\t\"version\": \"0.2.0\",\n"
	    "\t\"configurations\": [\n\t\t{\n"
	    "\t\t\t\"name\": \"debug sample\",\n"
	    "\t\t\t\"type\": \"cppdbg\",\n\t\t\t\"request\": \"launch\",\n"
	    "\t\t\t\"program\": \"${workspaceFolder}/sample\",\n"
	    "\t\t\t\"args\": [");
	for (i = 0; i < p->a.args.len; i++) {
		sg_buf_puts(launch, i ? ", " : "");
		json_str(launch, p->a.args.v[i]);
	}
	if (p->a.stdin_data)
		sg_buf_printf(launch, "%s\"<\", "
		    "\"${workspaceFolder}/stdin.txt\"",
		    p->a.args.len ? ", " : "");
	sg_buf_puts(launch, "],\n\t\t\t\"stopAtEntry\": false,\n"
	    "\t\t\t\"cwd\": \"${workspaceFolder}\",\n"
	    "\t\t\t\"environment\": [{ \"name\": \"ASAN_OPTIONS\", "
	    "\"value\": \"detect_leaks=0\" }],\n"
	    "\t\t\t\"externalConsole\": false,\n"
	    "\t\t\t\"MIMode\": \"gdb\",\n"
	    "\t\t\t\"setupCommands\": [{ \"description\": \"pretty-print\", "
	    "\"text\": \"-enable-pretty-printing\", \"ignoreFailures\": true "
	    "}],\n\t\t\t\"preLaunchTask\": \"build sample (debug)\"\n"
	    "\t\t}\n\t]\n}\n");
}

/* Writes program p as a project in DIR/<page-slug>-<number or name>/. */
static int
export_one(struct samples_ctx *c, const struct prog *p)
{
	struct strv	 headers = { NULL, 0 }, dirs = { NULL, 0 };
	struct strv	 srcs = { NULL, 0 };
	struct sg_buf	 b = { 0 }, l = { 0 };
	char		*rel, *slug, *dir, *id;
	const char	*src = p->a.file ? sg_path_base(p->a.file) : "sample.c";
	int		 rc = 0;

	rel = xstrdup(p->last->page->rel);
	if (sg_ends_with(rel, ".md"))
		rel[strlen(rel) - 3] = '\0';
	slug = sg_slugify(rel);
	id = p->a.name ? xstrdup(p->a.name) : xasprintf("%zu",
	    p->parts[0]->index + 1);
	dir = xasprintf("%s/%s-%s", c->opts->export_dir, slug, id);
	sg_mkdirs(dir);
	rc |= put(c, dir, src, p->plain, strlen(p->plain));
	copy_headers(c, p, dir, &headers);
	/* the section's library, as the compile had it */
	if (sx_folders_args(p, c->root_real, dir, &dirs, &srcs) == -1)
		rc = -1;
	if (p->a.stdin_data)
		rc |= put(c, dir, "stdin.txt", p->a.stdin_data,
		    p->a.stdin_len);
	makefile(c, p, src, &headers, &dirs, &srcs, &b);
	rc |= put(c, dir, "Makefile", b.data, b.len);
	sg_buf_free(&b);
	vscode(p, &b, &l);
	rc |= put(c, dir, ".vscode/tasks.json", b.data, b.len);
	if (l.len)
		rc |= put(c, dir, ".vscode/launch.json", l.data, l.len);
	sg_buf_free(&b);
	sg_buf_free(&l);
	sx_strv_free(&headers);
	sx_strv_free(&dirs);
	sx_strv_free(&srcs);
	free(rel);
	free(slug);
	free(id);
	free(dir);
	return rc;
}

/* --export DIR: writes every sample that compiled as a project. */
void
sx_export_all(struct samples_ctx *c)
{
	const struct prog	*p;
	size_t			 i, n = 0;

	sg_mkdirs(c->opts->export_dir);
	for (i = 0; i < c->nprogs; i++) {
		p = c->progs[i];
		if (p->bad || p->a.ignore || p->a.compile_fail ||
		    !p->compile_ok)
			continue;
		if (export_one(c, p) == 0)
			n++;
	}
	printf("sitegen: exported %zu sample%s to %s\n", n, n == 1 ? "" : "s",
	    c->opts->export_dir);
}
