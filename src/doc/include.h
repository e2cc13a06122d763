/* include.h: {{#include path:anchor}} expansion before Markdown parsing. */
#ifndef SG_INCLUDE_H
#define SG_INCLUDE_H

#include <sys/types.h>

#include <stddef.h>

struct sg_site;
struct sg_page;

/* Expands the includes in the body of page into *text (length *len) and
 * sets *lines to a map of *nlines entries from each expanded line to the
 * line of the author's file (included lines map to their directive).
 * \{{#include …}} is left as written, without the backslash. The caller
 * frees both. Returns 0, or -1 if an include failed (reported; the
 * directive is then left out). */
int	sg_include_expand(const struct sg_site *site,
	    const struct sg_page *page, char **text, size_t *len, int **lines,
	    int *nlines);

/* Selects what an include takes from file text[0..len): sel is "" (all),
 * an anchor name, or a line range "N", "N:M", "N:" or ":M". Lines that
 * mark anchors are dropped, as is the final newline. Sets *out (the
 * caller frees). Returns 0, or -1 when the anchor is not in the file or
 * the range is malformed. */
int	sg_include_region(const char *text, size_t len, const char *sel,
	    char **out);

/* Opens content/<rel> (rel normalised, relative to content/) as an
 * include or a file= sample may: it must stay inside content/, also
 * through symbolic links, name no dotfile or dot folder (nor resolve to
 * one), and be a regular file. Returns a descriptor (the caller closes
 * it) and sets *size, or -1 with one of SG_INCLUDE_* in *rc and *why
 * saying what is wrong. */
int	sg_include_open(const struct sg_site *site, const char *rel,
	    off_t *size, int *rc, const char **why);

/* Reads content/<rel> as sg_include_open() opens it. Sets *text (the
 * caller frees) and *len. Returns 0, or one of SG_INCLUDE_* (then *why
 * says what is wrong). */
int	sg_include_read(const struct sg_site *site, const char *rel,
	    char **text, size_t *len, const char **why);
#define SG_INCLUDE_ERRNO	1	/* cannot be read (why: strerror) */
#define SG_INCLUDE_DENIED	2	/* outside content/, hidden, not a file */
int	sg_include_hidden(const char *p);

#endif
