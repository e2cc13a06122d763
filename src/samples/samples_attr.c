/* samples_attr.c: reads a sample's info string (key or key=value
 * attributes, values quoted as in C, argument lists split as a shell
 * would, without running one) and assembles the source a program is
 * compiled from, with #line directives back to the author's file. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "doc/include.h"
#include "path.h"
#include "samples/samples_int.h"
#include "site.h"

#define KNOWN	"ignore, no_run, compile_fail, exit=N, args=\"...\", " \
		"stdin=\"...\", name=ID, file=PATH, anchor=NAME, " \
		"cflags=\"...\", ldflags=\"...\""

/* Appends a copy of s to v, keeping it NULL-terminated. */
void
sx_strv_push(struct strv *v, const char *s)
{
	v->v = xrealloc(v->v, (v->len + 2) * sizeof(*v->v));
	v->v[v->len++] = xstrdup(s);
	v->v[v->len] = NULL;
}

void
sx_strv_free(struct strv *v)
{
	size_t	 i;

	for (i = 0; i < v->len; i++)
		free(v->v[i]);
	free(v->v);
	v->v = NULL;
	v->len = 0;
}

static void
push_word(struct strv *v, struct sg_buf *w)
{
	sx_strv_push(v, w->data ? w->data : "");
	sg_buf_free(w);
}

int
sx_shell_split(const char *s, struct strv *out)
{
	struct sg_buf	 w = { 0 };
	int		 inword = 0;

	while (*s) {
		if (*s == ' ' || *s == '\t' || *s == '\n') {
			if (inword)
				push_word(out, &w);
			inword = 0;
			s++;
			continue;
		}
		inword = 1;
		if (*s == '\'') {
			for (s++; *s && *s != '\''; s++)
				sg_buf_putc(&w, *s);
			if (*s++ != '\'')
				goto bad;
		} else if (*s == '"') {
			for (s++; *s && *s != '"'; s++) {
				if (*s == '\\' && s[1] && strchr("\"\\$`",
				    s[1]))
					s++;
				sg_buf_putc(&w, *s);
			}
			if (*s++ != '"')
				goto bad;
		} else if (*s == '\\') {
			if (*++s == '\0')
				goto bad;
			sg_buf_putc(&w, *s++);
		} else
			sg_buf_putc(&w, *s++);
	}
	if (inword)
		push_word(out, &w);
	return 0;
bad:
	sg_buf_free(&w);
	return -1;
}

/* The info string as the author wrote it on the fence line: cmark has
 * already undone backslash escapes and entities in s->info, which would
 * eat the \" of stdin="say \"hi\"". Falls back to s->info when the fence
 * is not on that line (it came from an include). The caller frees. */
static char *
raw_info(const struct sg_sample *s)
{
	const char	*t = s->fence, *nl, *f;
	const char	*b, *tick, *tilde, *info = s->info ? s->info : "c";

	if (t == NULL)
		return xstrdup(info);
	nl = t + strlen(t);
	tick = memmem(t, (size_t)(nl - t), "```", 3);
	tilde = memmem(t, (size_t)(nl - t), "~~~", 3);
	if (tick == NULL || (tilde != NULL && tilde < tick))
		tick = tilde;
	if (tick == NULL)
		return xstrdup(info);
	for (f = tick; f < nl && *f == *tick; f++)
		;
	while (f < nl && (*f == ' ' || *f == '\t'))
		f++;
	for (b = nl; b > f && (b[-1] == ' ' || b[-1] == '\t' ||
	    b[-1] == '\r'); b--)
		;
	if (b - f < 1 || *f != 'c' || (b - f > 1 && f[1] != ' ' &&
	    f[1] != '\t'))
		return xstrdup(info);
	if (memchr(f, '\\', (size_t)(b - f)) == NULL && memchr(f, '&',
	    (size_t)(b - f)) == NULL && ((size_t)(b - f) != strlen(info) ||
	    memcmp(f, info, (size_t)(b - f)) != 0))
		return xstrdup(info);
	return xstrndup(f, (size_t)(b - f));
}

/* Reads a value at *pp: "C-style quoted", 'literal' or bare. Sets *out
 * (the caller frees). Returns 0, or -1 after reporting. */
static int
read_value(struct samples_ctx *c, const struct sg_sample *s, const char *key,
    const char **pp, char **out)
{
	struct sg_buf	 b = { 0 };
	const char	*p = *pp;
	char		 q;

	if (*p == '"' || *p == '\'') {
		q = *p++;
		for (; *p && *p != q; p++) {
			if (q == '\'' || *p != '\\') {
				sg_buf_putc(&b, *p);
				continue;
			}
			switch (*++p) {
			case 'n':  sg_buf_putc(&b, '\n'); break;
			case 't':  sg_buf_putc(&b, '\t'); break;
			case 'r':  sg_buf_putc(&b, '\r'); break;
			case '\\': sg_buf_putc(&b, '\\'); break;
			case '"':  sg_buf_putc(&b, '"'); break;
			case '\'': sg_buf_putc(&b, '\''); break;
			default:
				sg_diag_error(c->site->diag, &s->loc, "unknown "
				    "escape '\\%c' in %s=: use \\n, \\t, \\r, "
				    "\\\\, \\\" or \\'", *p ? *p : ' ', key);
				goto bad;
			}
		}
		if (*p != q) {
			sg_diag_error(c->site->diag, &s->loc, "%s=: the quoted "
			    "value has no closing %c", key, q);
			goto bad;
		}
		p++;
	} else {
		for (; *p && *p != ' ' && *p != '\t'; p++) {
			if (*p == '"' || *p == '\'') {
				sg_diag_error(c->site->diag, &s->loc, "%s=: "
				    "a quote inside a value; quote the whole "
				    "value: %s=\"...\"", key, key);
				goto bad;
			}
			sg_buf_putc(&b, *p);
		}
	}
	if (*p && *p != ' ' && *p != '\t') {
		sg_diag_error(c->site->diag, &s->loc, "%s=: put a space after "
		    "the closing quote", key);
		goto bad;
	}
	*pp = p;
	*out = sg_buf_detach(&b);
	return 0;
bad:
	sg_buf_free(&b);
	return -1;
}

static int
valid_name(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || *s == '_' || *s == '-' ||
		    *s == '.'))
			return 0;
	return 1;
}

/* Applies one key=value (value NULL for a bare key) to a. Returns 0, or
 * -1 after reporting. */
static int
apply(struct samples_ctx *c, const struct sg_sample *s, struct attrs *a,
    const char *key, char *value)
{
	static const char *const flags[] = { "ignore", "no_run",
	    "compile_fail", NULL };
	static const char *const valued[] = { "exit", "args", "stdin", "name",
	    "file", "anchor", "cflags", "ldflags", NULL };
	struct sg_diag	*d = c->site->diag;
	char		*end, **slot = NULL;
	long		 n;
	int		 i, *flag = NULL;

	for (i = 0; flags[i]; i++)
		if (!strcmp(key, flags[i]))
			break;
	if (flags[i]) {
		flag = i == 0 ? &a->ignore : i == 1 ? &a->no_run :
		    &a->compile_fail;
		if (value) {
			sg_diag_error(d, &s->loc, "'%s' takes no value", key);
			return -1;
		}
		if (*flag) {
			sg_diag_error(d, &s->loc, "'%s' is given twice", key);
			return -1;
		}
		*flag = 1;
		return 0;
	}
	for (i = 0; valued[i]; i++)
		if (!strcmp(key, valued[i]))
			break;
	if (valued[i] == NULL) {
		sg_diag_error(d, &s->loc, "unknown sample attribute '%s' "
		    "(known: " KNOWN ")", key);
		return -1;
	}
	if (value == NULL) {
		sg_diag_error(d, &s->loc, "'%s' needs a value: %s=...", key,
		    key);
		return -1;
	}
	if (!strcmp(key, "exit")) {
		if (a->has_exit)
			goto twice;
		errno = 0;
		n = strtol(value, &end, 10);
		if (*value == '\0' || *end != '\0' || n < 0 || n > 255) {
			sg_diag_error(d, &s->loc, "exit=%s: the expected exit "
			    "status is a number from 0 to 255", value);
			return -1;
		}
		a->exit_code = (int)n;
		a->has_exit = 1;
		return 0;
	}
	slot = !strcmp(key, "args") ? &a->args_text : !strcmp(key, "stdin") ?
	    &a->stdin_data : !strcmp(key, "name") ? &a->name :
	    !strcmp(key, "file") ? &a->file : !strcmp(key, "anchor") ?
	    &a->anchor : !strcmp(key, "cflags") ? &a->cflags_text :
	    &a->ldflags_text;
	if (*slot)
		goto twice;
	if (slot == &a->args_text && sx_shell_split(value, &a->args) == -1)
		goto split;
	if (slot == &a->cflags_text && sx_shell_split(value, &a->cflags) == -1)
		goto split;
	if (slot == &a->ldflags_text && sx_shell_split(value,
	    &a->ldflags) == -1)
		goto split;
	if ((slot == &a->cflags_text && sx_flags_check(c, s, &a->cflags,
	    "cflags") == -1) || (slot == &a->ldflags_text &&
	    sx_flags_check(c, s, &a->ldflags, "ldflags") == -1))
		return -1;
	if (slot == &a->name && !valid_name(value)) {
		sg_diag_error(d, &s->loc, "name=%s: a name is letters, digits, "
		    "'_', '-' and '.'", value);
		return -1;
	}
	if ((slot == &a->file || slot == &a->anchor) && *value == '\0') {
		sg_diag_error(d, &s->loc, "'%s' needs a value: %s=...", key,
		    key);
		return -1;
	}
	if (slot == &a->stdin_data)
		a->stdin_len = strlen(value);
	a->has_args |= slot == &a->args_text;
	*slot = xstrdup(value);
	return 0;
twice:
	sg_diag_error(d, &s->loc, "'%s' is given twice", key);
	return -1;
split:
	sg_diag_error(d, &s->loc, "%s=\"%s\": a quote is not closed or a "
	    "backslash ends it", key, value);
	return -1;
}

/* Cross-checks the attributes of one block. Returns 0, or -1. */
static int
combine(struct samples_ctx *c, const struct sg_sample *s,
    const struct attrs *a)
{
	struct sg_diag	*d = c->site->diag;
	const char	*never = a->has_exit ? "exit=" : a->has_args ? "args=" :
			    a->stdin_data ? "stdin=" : NULL;

	if (a->anchor && a->file == NULL) {
		sg_diag_error(d, &s->loc, "anchor= goes with file=: it picks "
		    "the part of the file to show");
		return -1;
	}
	if (a->file && a->name) {
		sg_diag_error(d, &s->loc, "file= and name= do not go together: "
		    "a file is a whole program already");
		return -1;
	}
	if (a->file && s->code[strspn(s->code, " \t\r\n")] != '\0') {
		sg_diag_error(d, &s->loc, "a file= sample takes its code from "
		    "the file: leave the block empty");
		return -1;
	}
	if (never && (a->compile_fail || a->no_run)) {
		sg_diag_error(d, &s->loc, "%s samples are never run: drop %s",
		    a->compile_fail ? "compile_fail" : "no_run", never);
		return -1;
	}
	if (a->compile_fail && a->no_run) {
		sg_diag_error(d, &s->loc, "compile_fail samples are never run: "
		    "drop no_run");
		return -1;
	}
	return 0;
}

int
sx_attrs_parse(struct samples_ctx *c, struct sg_sample *s, struct attrs *a)
{
	char		*info = raw_info(s), *key, *value;
	const char	*p = info + 1, *k;
	int		 bad = 0;

	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0')
			break;
		for (k = p; (*p >= 'a' && *p <= 'z') || (*p >= 'A' &&
		    *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '_' ||
		    *p == '-'; p++)
			;
		if (p == k || (*p && *p != '=' && *p != ' ' && *p != '\t')) {
			p += strcspn(p, " \t");
			sg_diag_error(c->site->diag, &s->loc, "malformed "
			    "sample attribute '%.*s' (attributes are key or "
			    "key=value, space separated)", (int)(p - k), k);
			bad = 1;
			continue;
		}
		key = xstrndup(k, (size_t)(p - k));
		value = NULL;
		if (*p == '=') {
			p++;
			if (read_value(c, s, key, &p, &value) == -1) {
				/* what follows cannot be trusted */
				free(key);
				bad = 1;
				break;
			}
		}
		if (apply(c, s, a, key, value) == -1)
			bad = 1;
		free(key);
		free(value);
	}
	free(info);
	if (!bad && combine(c, s, a) == -1)
		bad = 1;
	return bad ? -1 : 0;
}

void
sx_attrs_free(struct attrs *a)
{
	sx_strv_free(&a->args);
	sx_strv_free(&a->cflags);
	sx_strv_free(&a->ldflags);
	free(a->args_text);
	free(a->stdin_data);
	free(a->name);
	free(a->file);
	free(a->anchor);
	free(a->cflags_text);
	free(a->ldflags_text);
	memset(a, 0, sizeof(*a));
}

/* Appends a #line directive naming file. */
static void
line_directive(struct sg_buf *b, int line, const char *file)
{
	sg_buf_printf(b, "#line %d \"", line);
	for (; *file; file++) {
		if (*file == '"' || *file == '\\')
			sg_buf_putc(b, '\\');
		sg_buf_putc(b, *file);
	}
	sg_buf_puts(b, "\"\n");
}

/* Does the C source s define main? A small scanner: comments, strings,
 * character constants and preprocessor lines are skipped, and main must
 * be followed by '(' outside any braces. */
static int
defines_main(const char *s)
{
	const char	*p = s, *w;
	int		 depth = 0, bol = 1;

	while (*p) {
		if (bol && (*p == ' ' || *p == '\t')) {
			p++;
			continue;
		}
		if (bol && *p == '#') {
			while (*p && (*p != '\n' || p[-1] == '\\'))
				p++;
			continue;
		}
		bol = *p == '\n';
		if (p[0] == '/' && p[1] == '*') {
			if ((w = strstr(p + 2, "*/")) == NULL)
				return 0;
			p = w + 2;
		} else if (p[0] == '/' && p[1] == '/') {
			p += strcspn(p, "\n");
		} else if (*p == '"' || *p == '\'') {
			for (w = p++; *p && *p != *w && *p != '\n'; p++)
				if (*p == '\\' && p[1])
					p++;
			if (*p == *w)
				p++;
		} else if (*p == '{' || *p == '}') {
			depth += *p++ == '{' ? 1 : -1;
		} else if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' &&
		    *p <= 'Z') || *p == '_') {
			for (w = p; (*p >= 'a' && *p <= 'z') || (*p >= 'A' &&
			    *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '_';
			    p++)
				;
			if (depth == 0 && p - w == 4 && !memcmp(w, "main", 4) &&
			    p[strspn(p, " \t\n")] == '(')
				return 1;
		} else
			p++;
	}
	return 0;
}

/* Appends code as compiled (hidden lines without their "@ ") to src, and
 * as shown (without hidden lines) to shown unless it is NULL. */
static void
split_hidden(const char *code, struct sg_buf *src, struct sg_buf *shown)
{
	const char	*s = code, *e;
	size_t		 n;

	while (*s) {
		e = strchr(s, '\n');
		n = e ? (size_t)(e - s) + 1 : strlen(s);
		if (s[0] == '@' && (s[1] == ' ' || s[1] == '\n' ||
		    s[1] == '\0' || (s[1] == '\r' && s[2] == '\n'))) {
			if (s[1] == ' ')
				sg_buf_put(src, s + 2, n - 2);
			else
				sg_buf_put(src, s + 1, n - 1);
		} else {
			sg_buf_put(src, s, n);
			if (shown)
				sg_buf_put(shown, s, n);
		}
		s += n;
	}
}

/* file=: the program is the real file under content/. */
static int
assemble_file(struct samples_ctx *c, struct prog *p)
{
	struct sg_site	*site = c->site;
	struct sg_buf	 b = { 0 };
	struct sg_loc	*loc = &p->last->loc;
	char		*joined, *path, *full = NULL, *real = NULL;
	char		*text = NULL, *region = NULL, *content = NULL;
	size_t		 len, n;
	int		 rc = -1;

	joined = xasprintf("content/%s", p->a.file);
	path = sg_path_normalize(joined);
	if (path == NULL || p->a.file[0] == '/' ||
	    !sg_starts_with(path, "content/")) {
		sg_diag_error(site->diag, loc, "file '%s' leaves the site: a "
		    "file= path is relative to content/ and stays inside it",
		    p->a.file);
		goto out;
	}
	full = sg_path_join(site->root, path);
	content = xasprintf("%s/content/", c->root_real);
	if ((real = realpath(full, NULL)) == NULL) {
		sg_diag_error(site->diag, loc, "file '%s': %s", p->a.file,
		    strerror(errno));
		goto out;
	}
	if (!sg_starts_with(real, content)) {
		sg_diag_error(site->diag, loc, "file '%s' leaves the site "
		    "(through a symbolic link)", p->a.file);
		goto out;
	}
	if ((text = sg_file_read(real, &len)) == NULL) {
		sg_diag_error(site->diag, loc, "file '%s': %s", p->a.file,
		    strerror(errno));
		goto out;
	}
	if (memchr(text, '\0', len) != NULL) {
		sg_diag_error(site->diag, loc, "file '%s' is not C source "
		    "(it holds NUL bytes)", p->a.file);
		goto out;
	}
	if (sg_include_region(text, len, p->a.anchor ? p->a.anchor : "",
	    &region) == -1) {
		sg_diag_error(site->diag, loc, "file '%s' has no anchor '%s' "
		    "(mark it with ANCHOR: %s and ANCHOR_END: %s)", p->a.file,
		    p->a.anchor, p->a.anchor, p->a.anchor);
		goto out;
	}
	n = strlen(region);
	p->shown[0] = n > 0 ? xasprintf("%s\n", region) : xstrdup("");
	line_directive(&b, 1, path);
	sg_buf_put(&b, text, len);
	if (len > 0 && text[len - 1] != '\n')
		sg_buf_putc(&b, '\n');
	p->src = sg_buf_detach(&b);
	sg_buf_put(&b, text, len);
	if (len > 0 && text[len - 1] != '\n')
		sg_buf_putc(&b, '\n');
	p->plain = sg_buf_detach(&b);
	p->file_src = path;
	path = NULL;
	p->file_dir = sg_path_dir(real);
	rc = 0;
out:
	free(joined);
	free(path);
	free(full);
	free(real);
	free(text);
	free(region);
	free(content);
	return rc;
}

/* An ignored program (not file=) is never compiled nor exported: only
 * the code each part shows is made, and only for a part with hidden
 * lines (p->shown[i] NULL shows the code as it is). Its source, #line
 * directives and search for main were 2,800 instructions a sample for
 * nothing. */
static void
assemble_ignored(struct prog *p)
{
	struct sg_buf	 src = { 0 }, shown = { 0 };
	const char	*code;
	size_t		 i;

	for (i = 0; i < p->nparts; i++) {
		code = p->parts[i]->code;
		if (strchr(code, '@') == NULL)
			continue;
		if (p->shown == NULL)
			p->shown = xcalloc(p->nparts, sizeof(*p->shown));
		split_hidden(code, &src, &shown);
		p->shown[i] = sg_buf_detach(&shown);
		sg_buf_free(&src);
	}
}

int
sx_prog_assemble(struct samples_ctx *c, struct prog *p)
{
	struct sg_buf	 src = { 0 }, plain = { 0 }, shown = { 0 };
	size_t		 i;

	if (p->a.ignore && p->a.file == NULL) {
		assemble_ignored(p);
		return 0;
	}
	p->shown = xcalloc(p->nparts, sizeof(*p->shown));
	if (p->a.file) {
		if (assemble_file(c, p) == -1)
			return -1;
	} else {
		for (i = 0; i < p->nparts; i++) {
			line_directive(&src, p->parts[i]->code_line,
			    p->parts[i]->page->src);
			split_hidden(p->parts[i]->code, &src, &shown);
			split_hidden(p->parts[i]->code, &plain, NULL);
			p->shown[i] = sg_buf_detach(&shown);
		}
		p->src = sg_buf_detach(&src);
		p->plain = sg_buf_detach(&plain);
	}
	p->link = defines_main(p->src);
	return 0;
}

void
sx_prog_free(struct prog *p)
{
	size_t	 i;

	if (p == NULL)
		return;
	sx_attrs_free(&p->a);
	sx_result_free(&p->res);
	if (p->shown)
		for (i = 0; i < p->nparts; i++)
			free(p->shown[i]);
	free(p->shown);
	free(p->parts);
	free(p->src);
	free(p->plain);
	free(p->file_src);
	free(p->file_dir);
	free(p);
}
