/* pack.h: a document tree kept as one compact block of bytes between the
 * Markdown stage and the render, so that a big site parses each page once
 * and still does not hold ten thousand trees of nodes at once (parse.c).
 * A packed tree is a memory image for this process only, never written
 * to a file: the pages, samples and shortcodes its nodes refer to are
 * kept as pointers, valid as long as the site they belong to. */
#ifndef SG_PACK_H
#define SG_PACK_H

#include <stddef.h>

struct sg_buf;
struct sg_doc;

/* Packs doc into a new block of exactly *len bytes, which the caller
 * frees with free(). scratch, when not NULL, is a buffer the caller keeps
 * from one call to the next and frees with sg_buf_free: the tree is
 * packed in it, then copied out, so that packing many trees does not grow
 * a buffer from nothing for each. doc is not changed. Never fails (out
 * of memory aborts, as everywhere). */
unsigned char	*sg_doc_pack(const struct sg_doc *doc, struct sg_buf *scratch,
		    size_t *len);

/* Makes the tree v[0..len) holds again: a new document the caller frees
 * with sg_doc_free(), node for node equal to the one packed. Its strings
 * are not copied but point into v, which must outlive the document and
 * not change (two fields that shared a string, as a code block's lang
 * and info, point to one copy each). Returns NULL if v is not a whole
 * packed tree. */
struct sg_doc	*sg_doc_unpack(const unsigned char *v, size_t len);

#endif
