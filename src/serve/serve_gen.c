/* serve_gen.c: the generations of output serve has built, the events it
 * sends to the open pages, and its client script. Requests hold a
 * generation while they open a file in it; a build swaps in the next one
 * at once, and the old one is removed once no request holds it. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "serve/serve_int.h"
#include "rmtree.h"
#include "util.h"

/* Returns the generation served, held until sg_gen_release, or NULL
 * before the first good build. */
struct sg_gen *
sg_gen_hold(struct sg_server *s)
{
	struct sg_gen	*g;

	pthread_mutex_lock(&s->lock);
	if ((g = s->cur) != NULL)
		g->refs++;
	pthread_mutex_unlock(&s->lock);
	return g;
}

void
sg_gen_release(struct sg_server *s, struct sg_gen *g)
{
	if (g == NULL)
		return;
	pthread_mutex_lock(&s->lock);
	g->refs--;
	pthread_mutex_unlock(&s->lock);
}

void
sg_gen_swap(struct sg_server *s, struct sg_gen *g)
{
	pthread_mutex_lock(&s->lock);
	if (s->cur) {
		s->cur->next = s->old;
		s->old = s->cur;
	}
	s->cur = g;
	pthread_mutex_unlock(&s->lock);
	sg_gen_reap(s, 0);
}

static void
gen_free(struct sg_gen *g)
{
	close(g->fd);
	sg_rm_tree(g->path);
	free(g->path);
	free(g);
}

void
sg_gen_reap(struct sg_server *s, int all)
{
	struct sg_gen	**pp, *g, *dead = NULL;

	pthread_mutex_lock(&s->lock);
	if (all && s->cur) {
		s->cur->next = s->old;
		s->old = s->cur;
		s->cur = NULL;
	}
	for (pp = &s->old; (g = *pp) != NULL; ) {
		if (g->refs == 0 || all) {
			*pp = g->next;
			g->next = dead;
			dead = g;
		} else
			pp = &g->next;
	}
	pthread_mutex_unlock(&s->lock);
	while ((g = dead) != NULL) {
		dead = g->next;
		gen_free(g);
	}
}

void
sg_serve_event(struct sg_server *s, int kind, const char *data)
{
	pthread_mutex_lock(&s->lock);
	s->seq++;
	s->kind = kind;
	free(s->data);
	s->data = xstrdup(data);
	s->failing = kind == SG_EV_ERRORS;
	pthread_cond_broadcast(&s->cond);
	pthread_mutex_unlock(&s->lock);
}

static void
json_str(struct sg_buf *b, const char *p, size_t n)
{
	size_t	 i;

	sg_buf_putc(b, '"');
	for (i = 0; i < n; i++) {
		unsigned char	 c = (unsigned char)p[i];

		if (c == '"' || c == '\\')
			sg_buf_printf(b, "\\%c", c);
		else if (c < 0x20)
			sg_buf_printf(b, "\\u%04x", c);
		else
			sg_buf_putc(b, (char)c);
	}
	sg_buf_putc(b, '"');
}

/* Parses one "file:line:col: error: message" (line and col optional). */
static int
error_line(struct sg_buf *b, const char *p, size_t n)
{
	const char	*e = memmem(p, n, ": error: ", 9), *q;
	long		 num[2] = { 0, 0 };
	size_t		 flen;
	int		 k = 0;

	if (e == NULL)
		return 0;
	flen = e - p;
	/* up to two ":NUM" at the end of the file part */
	while (k < 2) {
		q = p + flen;
		while (q > p && q[-1] >= '0' && q[-1] <= '9')
			q--;
		if (q == p + flen || q == p || q[-1] != ':')
			break;
		num[k++] = strtol(q, NULL, 10);
		flen = q - 1 - p;
	}
	if (k == 1)
		num[1] = num[0], num[0] = 0;
	sg_buf_puts(b, b->len > 11 ? ",{\"file\":" : "{\"file\":");
	json_str(b, p, flen);
	sg_buf_printf(b, ",\"line\":%ld,\"col\":%ld,\"message\":",
	    k == 2 ? num[1] : num[0], k == 2 ? num[0] : num[1]);
	e += 9;
	json_str(b, e, p + n - e > 2000 ? 2000 : (size_t)(p + n - e));
	sg_buf_putc(b, '}');
	return 1;
}

char *
sg_serve_errors_json(const char *text, size_t len, int *count)
{
	struct sg_buf	 b = { NULL, 0, 0 };
	const char	*p = text, *end = text + len, *nl;

	*count = 0;
	sg_buf_puts(&b, "{\"errors\":[");
	while (p < end && *count < 50) {
		if ((nl = memchr(p, '\n', end - p)) == NULL)
			nl = end;
		*count += error_line(&b, p, nl - p);
		p = nl + 1;
	}
	sg_buf_puts(&b, "]}");
	return sg_buf_detach(&b);
}

/* The script serve adds to every HTML page it serves: a file, not inline
 * code, so that the site's Content-Security-Policy holds. */
const char sg_serve_reload_js[] =
"/* sitegen serve: reloads the page after a rebuild, swaps the style\n"
" * sheets after a style-only one, and shows a failed build's errors. */\n"
"(function () {\n"
"\t\"use strict\";\n"
"\tvar me = document.currentScript;\n"
"\tvar url = me.src.replace(/reload\\.js(\\?.*)?$/, \"events\");\n"
"\tvar box = null;\n"
"\tfunction clear() {\n"
"\t\tif (box) { box.remove(); box = null; }\n"
"\t}\n"
"\tfunction show(errors) {\n"
"\t\tclear();\n"
"\t\tbox = document.createElement(\"div\");\n"
"\t\tbox.id = \"sitegen-errors\";\n"
"\t\tbox.style.cssText = \"position:fixed;left:0;top:0;right:0;\" +\n"
"\t\t    \"bottom:0;z-index:2147483647;overflow:auto;padding:2em;\" +\n"
"\t\t    \"background:rgba(40,0,0,.94);color:#fff;\" +\n"
"\t\t    \"font:14px/1.5 monospace;white-space:pre-wrap\";\n"
"\t\tvar h = document.createElement(\"strong\");\n"
"\t\th.textContent = \"sitegen: the build failed\";\n"
"\t\tbox.appendChild(h);\n"
"\t\terrors.forEach(function (e) {\n"
"\t\t\tvar p = document.createElement(\"div\");\n"
"\t\t\tp.textContent = e.file + (e.line ? \":\" + e.line : \"\") +\n"
"\t\t\t    (e.col ? \":\" + e.col : \"\") + \": \" + e.message;\n"
"\t\t\tbox.appendChild(p);\n"
"\t\t});\n"
"\t\tdocument.body.appendChild(box);\n"
"\t}\n"
"\tfunction style() {\n"
"\t\tfetch(location.href, { cache: \"no-store\" }).then(function (r) {\n"
"\t\t\treturn r.text();\n"
"\t\t}).then(function (t) {\n"
"\t\t\tvar d = new DOMParser().parseFromString(t, \"text/html\");\n"
"\t\t\tvar sel = 'link[rel=\"stylesheet\"]';\n"
"\t\t\tvar now = document.querySelectorAll(sel);\n"
"\t\t\tvar next = d.querySelectorAll(sel);\n"
"\t\t\tif (now.length !== next.length) {\n"
"\t\t\t\tlocation.reload();\n"
"\t\t\t\treturn;\n"
"\t\t\t}\n"
"\t\t\tfor (var i = 0; i < now.length; i++)\n"
"\t\t\t\tnow[i].setAttribute(\"href\",\n"
"\t\t\t\t    next[i].getAttribute(\"href\"));\n"
"\t\t\tclear();\n"
"\t\t}).catch(function () { location.reload(); });\n"
"\t}\n"
"\tvar es = new EventSource(url);\n"
"\tes.addEventListener(\"reload\", function () { location.reload(); });\n"
"\tes.addEventListener(\"style\", style);\n"
"\tes.addEventListener(\"errors\", function (ev) {\n"
"\t\tshow(JSON.parse(ev.data).errors);\n"
"\t});\n"
"})();\n";
