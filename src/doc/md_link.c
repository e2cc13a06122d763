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

/* Decodes %XX escapes in a link path. The caller frees. */
static char *
unescape(const char *s, size_t n)
{
	struct sg_buf	 b = { 0 };
	size_t		 i;
	int		 hi, lo;

	/* most paths have no escape: copied whole, not byte by byte */
	if (memchr(s, '%', n) == NULL)
		return xstrndup(s, n);
	sg_buf_put(&b, "", 0);
	for (i = 0; i < n; i++) {
		if (s[i] == '%' && i + 2 < n &&
		    (hi = sg_hex_digit(s[i + 1])) >= 0 &&
		    (lo = sg_hex_digit(s[i + 2])) >= 0) {
			sg_buf_putc(&b, (char)(hi * 16 + lo));
			i += 2;
		} else
			sg_buf_putc(&b, s[i]);
	}
	return sg_buf_detach(&b);
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

	target = rel ? sg_content_find(site, rel) : NULL;
	if (target == NULL || target->skipped) {
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
	n->u.link.url = sg_doc_alloc(c->doc, strlen(target->url) +
	    (hash ? strlen(hash) : 0) + 1);
	strcpy((char *)n->u.link.url, target->url);
	if (hash)
		strcat((char *)n->u.link.url, hash);
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

/* Sets n->u.link for url; see md_int.h. */
void
md_link_resolve(struct md_conv *c, const char *url, const struct sg_loc *loc,
    struct sg_node *n)
{
	const struct sg_site	*site = c->site;
	const char		*hash, *q, *bp;
	char			*path, *joined, *rel;
	size_t			 plen;

	if (url == NULL)
		url = "";
	n->u.link.kind = SG_LINK_SITE;
	n->u.link.url = sg_doc_strndup(c->doc, url, strlen(url));
	if (*url == '\0' || site == NULL)
		return;
	bp = site->config.base_path;
	if (has_scheme(url) || sg_starts_with(url, "//")) {
		n->u.link.kind = SG_LINK_EXTERNAL;
		return;
	}
	if (url[0] == '#') {
		n->u.link.kind = SG_LINK_ANCHOR;
		n->u.link.page = c->page;
		if (url[1]) {
			if (c->page)
				add_link(c, c->page, url + 1, loc);
			n->u.link.anchor = n->u.link.url + 1;
		}
		return;
	}
	if (url[0] == '/') {
		if (strcmp(bp, "/") != 0 && !sg_starts_with(url, bp)) {
			n->u.link.url = sg_doc_alloc(c->doc, strlen(bp) +
			    strlen(url));
			strcpy((char *)n->u.link.url, bp);
			strcat((char *)n->u.link.url, url + 1);
		}
		return;
	}
	hash = strchr(url, '#');
	q = strchr(url, '?');
	plen = hash ? (size_t)(hash - url) : strlen(url);
	if (q && (size_t)(q - url) < plen)
		plen = (size_t)(q - url);
	path = unescape(url, plen);
	joined = sg_path_join(c->dir, path);
	rel = sg_path_normalize(joined);
	if (sg_ends_with(path, ".md"))
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
		n->u.link.url = sg_doc_alloc(c->doc, strlen(bp) +
		    strlen(rel) + strlen(url + plen) + 1);
		strcpy((char *)n->u.link.url, bp);
		strcat((char *)n->u.link.url, rel);
		strcat((char *)n->u.link.url, url + plen);
	}
	free(path);
	free(joined);
	free(rel);
}
