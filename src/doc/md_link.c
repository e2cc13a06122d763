/* md_link.c: where a link of a page goes. A relative link to a .md file
 * becomes that page (its URL and #anchor), a relative link to another
 * file of content/ its published URL, a path from the site root gains
 * base_url's path; anything with a scheme is left alone. Knows nothing
 * of cmark-gfm. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "doc/imgsize.h"
#include "doc/md_int.h"
#include "path.h"
#include "site.h"

static int
has_scheme(const char *u)
{
	const char	*p = u;

	if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
		return 0;
	while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
	    (*p >= '0' && *p <= '9') || *p == '+' || *p == '-' || *p == '.')
		p++;
	return *p == ':';
}

/* Decodes the %XX escapes of s[0..n) into out, which has room for n + 1
 * bytes, with a NUL after them. */
static void
unescape_to(char *out, const char *s, size_t n)
{
	size_t		 i, k = 0;
	int		 hi, lo;

	/* most paths have no escape: copied whole, not byte by byte */
	if (memchr(s, '%', n) == NULL) {
		memcpy(out, s, n);
		out[n] = '\0';
		return;
	}
	for (i = 0; i < n; i++) {
		if (s[i] == '%' && i + 2 < n &&
		    (hi = sg_hex_digit(s[i + 1])) >= 0 &&
		    (lo = sg_hex_digit(s[i + 2])) >= 0) {
			out[k++] = (char)(hi * 16 + lo);
			i += 2;
		} else
			out[k++] = s[i];
	}
	out[k] = '\0';
}

/* a + b + c (b and c may be NULL) in doc's arena. */
static const char *
cat3(struct sg_doc *doc, const char *a, const char *b, const char *c)
{
	size_t	 na = strlen(a), nb = b ? strlen(b) : 0;
	size_t	 nc = c ? strlen(c) : 0;
	char	*p = sg_doc_block(doc, na + nb + nc + 1);

	memcpy(p, a, na);
	if (nb > 0)
		memcpy(p + na, b, nb);
	if (nc > 0)
		memcpy(p + na + nb, c, nc);
	p[na + nb + nc] = '\0';
	return p;
}

static void
add_link(struct md_conv *c, struct sg_page *target, const char *anchor,
    const struct sg_loc *loc)
{
	struct sg_link	*l;

	if (c->quiet)
		return;
	if (c->nlink == c->linkcap) {
		c->linkcap = c->linkcap ? c->linkcap * 2 : 8;
		c->md->links = xrealloc(c->md->links, c->linkcap *
		    sizeof(*c->md->links));
	}
	l = &c->md->links[c->nlink++];
	l->target = target;
	l->anchor = xstrdup(anchor);
	l->loc = *loc;
}

/* Reports a broken internal link at loc: an error, or a warning with
 * links.internal: warn, noted in conv->md (a link without a target) so
 * that the anchor check counts it. */
static void
broken(struct md_conv *c, const struct sg_loc *loc, const char *fmt, ...)
{
	struct sg_buf	 b = { 0 };
	va_list		 ap;

	va_start(ap, fmt);
	sg_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	if (c->site->config.links_warn) {
		sg_diag_warn(c->site->diag, loc, "%s", b.data);
		add_link(c, NULL, "", loc);
	} else
		sg_diag_error(c->site->diag, loc, "%s", b.data);
	sg_buf_free(&b);
}

/* A relative link to a .md file: the page, or an error. */
static void
page_link(struct md_conv *c, const char *url, const char *path,
    const char *rel, const struct sg_loc *loc, struct sg_node *n)
{
	const struct sg_site	*site = c->site;
	struct sg_page		*target;
	const char		*hash = strchr(url, '#');

	/* a page's links mostly go to a few pages, often one: the last
	 * found is tried before the search of all of them */
	if (rel && c->link_target && !strcmp(rel, c->link_target->rel))
		target = c->link_target;
	else if ((target = rel ? sg_content_find(site, rel) : NULL) != NULL)
		c->link_target = target;
	if (target == NULL || target->skipped) {
		n->u.link.url = sg_doc_strndup(c->doc, url, strlen(url));
		if (c->quiet)
			return;
		if (rel == NULL)
			broken(c, loc, "link to '%s', which is outside "
			    "content/", path);
		else if (target == NULL)
			broken(c, loc, "link to a missing page '%s' (there is "
			    "no content/%s)", path, rel);
		else if (target->draft)
			broken(c, loc, "link to '%s', a draft left out of this "
			    "build (build with --drafts, or link elsewhere)",
			    path);
		else
			broken(c, loc, "link to '%s', dated in the future and "
			    "left out of this build (build with --future, or "
			    "link elsewhere)", path);
		return;
	}
	n->u.link.kind = SG_LINK_PAGE;
	n->u.link.page = target;
	if (hash && hash[1]) {
		add_link(c, target, hash + 1, loc);
		n->u.link.anchor = sg_doc_strndup(c->doc, hash + 1,
		    strlen(hash + 1));
	}
	n->u.link.url = cat3(c->doc, target->url, hash, NULL);
}

/* An image of a file under content/ gets its size in pixels; a file that
 * is no image at all is worth a warning (on the first pass only: a tree
 * made again is quiet). */
static void
image_size(struct md_conv *c, const char *rel, const char *url,
    const struct sg_loc *loc, struct sg_node *n)
{
	int	 w, h;

	switch (sg_imgsize_get(c->site, rel, &w, &h)) {
	case SG_IMGSIZE_OK:
		n->u.link.width = w;
		n->u.link.height = h;
		break;
	case SG_IMGSIZE_NOT_IMAGE:
		if (!c->quiet)
			sg_diag_warn(c->site->diag, loc, "image '%s' is not an "
			    "image file (no PNG, JPEG, GIF, WebP, AVIF or SVG "
			    "inside): a browser will show it broken", url);
		break;
	default:
		break;
	}
}

/* The room for a relative link's paths on the stack; longer ones take
 * the heap. */
#define LINK_STACK	512

/* A link relative to the page's folder: a page, a file of content/, or
 * left as written. Its paths are made in one block, on the stack as a
 * rule: a malloc and a free for each of three was a fifth of the cost
 * of a link. */
static void
relative(struct md_conv *c, const char *url, const struct sg_loc *loc,
    struct sg_node *n)
{
	const struct sg_site	*site = c->site;
	const char		*bp = site->config.base_path, *hash, *q;
	char			 small[LINK_STACK], *buf = small;
	char			*path, *rel;
	size_t			 plen, dlen = strlen(c->dir), len, need;

	hash = strchr(url, '#');
	q = strchr(url, '?');
	plen = hash ? (size_t)(hash - url) : strlen(url);
	if (q && (size_t)(q - url) < plen)
		plen = (size_t)(q - url);
	/* the path as written, unescaped; then c->dir and it joined as
	 * sg_path_join does, normalised in place */
	need = 2 * (plen + 1) + dlen + 1;
	if (need > sizeof(small))
		buf = xmalloc(need);
	path = buf;
	unescape_to(path, url, plen);
	len = strlen(path);
	rel = path + len + 1;
	if (dlen == 0 || !strcmp(c->dir, "."))
		memcpy(rel, path, len + 1);
	else {
		memcpy(rel, c->dir, dlen + 1);
		if (len > 0) {
			if (c->dir[dlen - 1] != '/')
				rel[dlen++] = '/';
			memcpy(rel + dlen, path, len + 1);
		}
	}
	rel = sg_path_normalize_in(rel, rel);
	if (len >= 3 && !memcmp(path + len - 3, ".md", 3))
		page_link(c, url, path, rel, loc, n);
	else if (rel && *rel && sg_content_has_file(site, rel)) {
		if (!c->quiet && c->md && sg_content_source_only(rel)) {
			c->md->uses = xrealloc(c->md->uses, (c->md->nuses +
			    1) * sizeof(*c->md->uses));
			c->md->uses[c->md->nuses++] = xstrdup(rel);
		}
		n->u.link.kind = SG_LINK_FILE;
		if (n->kind == SG_NODE_IMAGE)
			image_size(c, rel, url, loc, n);
		n->u.link.url = cat3(c->doc, bp, rel, url + plen);
	} else
		n->u.link.url = sg_doc_strndup(c->doc, url, strlen(url));
	if (buf != small)
		free(buf);
}

/* Sets n->u.link for url; see md_int.h. */
void
md_link_resolve(struct md_conv *c, const char *url, const struct sg_loc *loc,
    struct sg_node *n)
{
	const struct sg_site	*site = c->site;
	const char		*bp;
	int			 ext;

	if (url == NULL)
		url = "";
	n->u.link.kind = SG_LINK_SITE;
	ext = has_scheme(url) || (url[0] == '/' && url[1] == '/');
	if (*url != '\0' && site != NULL && !ext && url[0] != '#') {
		if (url[0] != '/') {
			relative(c, url, loc, n);
			return;
		}
		bp = site->config.base_path;
		if (strcmp(bp, "/") != 0 && !sg_starts_with(url, bp)) {
			n->u.link.url = cat3(c->doc, bp, url + 1, NULL);
			return;
		}
	}
	n->u.link.url = sg_doc_strndup(c->doc, url, strlen(url));
	if (*url == '\0' || site == NULL)
		return;
	if (ext)
		n->u.link.kind = SG_LINK_EXTERNAL;
	else if (url[0] == '#') {
		n->u.link.kind = SG_LINK_ANCHOR;
		n->u.link.page = c->page;
		if (url[1]) {
			if (c->page)
				add_link(c, c->page, url + 1, loc);
			n->u.link.anchor = n->u.link.url + 1;
		}
	}
}
