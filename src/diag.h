/* diag.h: diagnostics in gcc's format, collected from any thread and
 * printed sorted, so the report is the same whatever the number of jobs. */
#ifndef SG_DIAG_H
#define SG_DIAG_H

#include <stdio.h>

#include "util.h"

/* Where something is in the author's files. file is borrowed: it points
 * at a string owned by the site (a page's source path, "site.yml", …). */
struct sg_loc {
	const char	*file;	/* path relative to the site root, or NULL */
	int		 line;	/* 1-based, 0 when unknown */
	int		 col;	/* 1-based, 0 when unknown */
};

struct sg_diag;

/* Makes a collector that prints to fp, with colour if color is set. */
struct sg_diag	*sg_diag_new(FILE *fp, int color);
/* Frees d and the messages it still holds (unprinted); NULL is fine. */
void		 sg_diag_free(struct sg_diag *d);

/* An error or a warning at loc (its file may be NULL: no place), kept
 * until sg_diag_flush prints them in order. Safe from several threads.
 * The message is formatted and copied: nothing of fmt or loc is kept. */
void		 sg_diag_error(struct sg_diag *d, const struct sg_loc *loc,
		    const char *fmt, ...) SG_PRINTF(3, 4);
void		 sg_diag_warn(struct sg_diag *d, const struct sg_loc *loc,
		    const char *fmt, ...) SG_PRINTF(3, 4);

/* A line of information without a place (progress, summaries). */
void		 sg_diag_note(struct sg_diag *d, const char *fmt, ...)
		    SG_PRINTF(2, 3);

/* An error (error set) or a warning found by the check named rule
 * ("aws-access-key-id", "heading-level", …), which --format json shows. */
void		 sg_diag_rule(struct sg_diag *d, const struct sg_loc *loc,
		    int error, const char *rule, const char *fmt, ...)
		    SG_PRINTF(5, 6);

/* The number of errors ever reported. */
int		 sg_diag_errors(const struct sg_diag *d);

/* The number of warnings ever reported. */
int		 sg_diag_warnings(const struct sg_diag *d);

/* From now on, print errors and warnings to fp as JSON, one object a
 * line (notes still go to the text stream). */
void		 sg_diag_set_json(struct sg_diag *d, FILE *fp);

/* Prints the pending messages sorted by file, line and column (so the
 * output does not depend on which worker found what first), at most 100
 * a file (diag.c's MAX_SHOWN) and then how many more there were, and
 * forgets them. */
void		 sg_diag_flush(struct sg_diag *d);

/* Moves the pending messages into b (for a worker process to send them
 * to its parent), with how many more each file had. */
void		 sg_diag_export(struct sg_diag *d, struct sg_buf *b);

/* Adds messages exported by sg_diag_export. Returns 0, or -1 if the data
 * is bad. */
int		 sg_diag_import(struct sg_diag *d, struct sg_rd *r);

#endif
