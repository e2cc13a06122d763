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

struct sg_diag	*sg_diag_new(FILE *, int);
void		 sg_diag_free(struct sg_diag *);
void		 sg_diag_error(struct sg_diag *, const struct sg_loc *,
		    const char *, ...) SG_PRINTF(3, 4);
void		 sg_diag_warn(struct sg_diag *, const struct sg_loc *,
		    const char *, ...) SG_PRINTF(3, 4);
void		 sg_diag_note(struct sg_diag *, const char *, ...)
		    SG_PRINTF(2, 3);
void		 sg_diag_rule(struct sg_diag *, const struct sg_loc *, int,
		    const char *, const char *, ...) SG_PRINTF(5, 6);
int		 sg_diag_errors(const struct sg_diag *);
int		 sg_diag_warnings(const struct sg_diag *);
void		 sg_diag_set_json(struct sg_diag *, FILE *);
void		 sg_diag_flush(struct sg_diag *);
void		 sg_diag_export(struct sg_diag *, struct sg_buf *);
int		 sg_diag_import(struct sg_diag *, struct sg_rd *);

#endif
