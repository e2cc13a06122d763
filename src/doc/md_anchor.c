/* md_anchor.c: anchors written in raw HTML, as GitHub honours them:
 * <a name="x">, <a id="x"> and id="x" on any tag define ids that links
 * may point to. With raw HTML off, an anchor-only <a> (no href, nothing
 * else that does anything) is kept sanitised to <a id="x"></a>, so the
 * link lands; the rest of the raw HTML stays dropped. Knows nothing of
 * cmark-gfm. */
#include <stdlib.h>
#include <string.h>

#include "doc/md_int.h"
#include "path.h"
#include "site.h"

#define SANITISED	"<a id=\""	/* how a kept anchor starts */

static int
is_space(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' ||
	    ch == '\f';
}

static int
is_name_char(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	    (ch >= '0' && ch <= '9') || ch == '-' || ch == '_' || ch == ':' ||
	    ch == '.';
}

/* One attribute of a tag: name [= value]. */
struct attr {
	const char	*name;
	size_t		 nlen;
	const char	*val;		/* NULL without a value */
	size_t		 vlen;
};

/* Reads the next attribute of the tag at *p (before end, stopping at
 * '>'); returns 0 at the end of the tag. */
static int
next_attr(const char **p, const char *end, struct attr *a)
{
	const char	*s = *p;
	char		 q;

	while (s < end && (is_space(*s) || *s == '/'))
		s++;
	if (s >= end || *s == '>' || !is_name_char(*s))
		return 0;
	a->name = s;
	while (s < end && is_name_char(*s))
		s++;
	a->nlen = (size_t)(s - a->name);
	a->val = NULL;
	a->vlen = 0;
	while (s < end && is_space(*s))
		s++;
	if (s < end && *s == '=') {
		s++;
		while (s < end && is_space(*s))
			s++;
		if (s < end && (*s == '"' || *s == '\'')) {
			q = *s++;
			a->val = s;
			while (s < end && *s != q)
				s++;
			a->vlen = (size_t)(s - a->val);
			if (s < end)
				s++;
		} else {
			a->val = s;
			while (s < end && !is_space(*s) && *s != '>')
				s++;
			a->vlen = (size_t)(s - a->val);
		}
	}
	*p = s;
	return 1;
}

static int
attr_is(const struct attr *a, const char *name)
{
	return a->nlen == strlen(name) && strncasecmp(a->name, name,
	    a->nlen) == 0;
}

/* Adds id[0..len) to the page's ids, unless it is one already. */
static void
add_id(struct md_conv *c, const char *id, size_t len)
{
	char	*s;
	int	 added;

	if (len == 0)
		return;
	s = xstrndup(id, len);
	sg_smap_get(&c->idset, s, 1, &added);
	if (!added) {
		free(s);
		return;
	}
	if (c->nid == c->idcap) {
		c->idcap = c->idcap ? c->idcap * 2 : 16;
		c->md->ids = xrealloc(c->md->ids, c->idcap *
		    sizeof(*c->md->ids));
	}
	c->md->ids[c->nid++] = s;
}

/* Appends <a id="ID"></a> to b, the id escaped for an attribute. */
static void
put_anchor(struct sg_buf *b, const char *id, size_t len)
{
	size_t	 i;

	sg_buf_puts(b, SANITISED);
	for (i = 0; i < len; i++)
		switch (id[i]) {
		case '"':
			sg_buf_puts(b, "&quot;");
			break;
		case '&':
			sg_buf_puts(b, "&amp;");
			break;
		case '<':
			sg_buf_puts(b, "&lt;");
			break;
		case '>':
			sg_buf_puts(b, "&gt;");
			break;
		default:
			sg_buf_putc(b, id[i]);
			break;
		}
	sg_buf_puts(b, "\"></a>");
}

/* Scans the tags of text[0..len): appends a sanitised anchor to keep
 * for every id with keep_all, else for those of anchor-only <a> tags,
 * and notes among the page's ids those kept, or every id with all_ids
 * (raw HTML allowed: the page shows them all). */
static void
scan(struct md_conv *c, const char *text, size_t len, int keep_all,
    int all_ids, struct sg_buf *keep)
{
	const char	*p = text, *end = text + len, *tag, *id;
	struct attr	 a;
	size_t		 idlen, tlen;
	int		 is_a, other;

	while ((p = memchr(p, '<', (size_t)(end - p))) != NULL) {
		tag = ++p;
		while (p < end && is_name_char(*p))
			p++;
		if ((tlen = (size_t)(p - tag)) == 0)
			continue;
		is_a = tlen == 1 && (*tag == 'a' || *tag == 'A');
		id = NULL;
		idlen = 0;
		other = 0;
		while (next_attr(&p, end, &a)) {
			if ((attr_is(&a, "id") || (is_a && attr_is(&a,
			    "name"))) && a.val && a.vlen > 0) {
				id = a.val;
				idlen = a.vlen;
			} else if (!attr_is(&a, "id") && !attr_is(&a, "name"))
				other = 1;
		}
		if (id == NULL)
			continue;
		if (all_ids || keep_all || (is_a && !other))
			add_id(c, id, idlen);
		if (keep_all || (is_a && !other))
			put_anchor(keep, id, idlen);
	}
}

/* Is s a kept anchor? */
static int
is_kept_anchor(const struct sg_node *s)
{
	return s->kind == SG_NODE_HTML_INLINE && s->text &&
	    sg_starts_with(s->text, SANITISED);
}

/* Does lit close a tag a (</a>)? */
static int
closes_a(const char *lit)
{
	const char	*p = lit;

	if (strncasecmp(p, "</a", 3) != 0)
		return 0;
	for (p += 3; is_space(*p); p++)
		;
	return *p == '>';
}

/* Notes the ids raw HTML defines and sets s->text; see md_int.h. */
void
md_anchor_html(struct md_conv *c, struct sg_node *s, const char *lit,
    int keep)
{
	struct sg_buf		 b = { 0 };
	const struct sg_node	*k;
	int			 unsafe = c->site && c->site->config.unsafe;

	if (lit == NULL)
		lit = "";
	sg_buf_put(&b, "", 0);
	if (!keep)
		scan(c, lit, strlen(lit), s->kind == SG_NODE_HTML_BLOCK,
		    unsafe, &b);
	if (unsafe || keep) {
		s->len = strlen(lit);
		s->text = sg_doc_strndup(c->doc, lit, s->len);
	} else if (b.len > 0) {
		s->len = b.len;
		s->text = sg_doc_strndup(c->doc, b.data, b.len);
	} else if (s->kind == SG_NODE_HTML_INLINE && closes_a(lit)) {
		/* the </a> of a kept anchor: already closed */
		for (k = s->prev; k; k = k->prev)
			if (is_kept_anchor(k) || (k->kind ==
			    SG_NODE_HTML_INLINE && k->text && k->len == 0))
				break;
		if (k && is_kept_anchor(k))
			s->text = sg_doc_strndup(c->doc, "", 0);
	}
	free(b.data);
}
