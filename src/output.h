/* output.h: the staging directory and its atomic swap into place, and the
 * cleanups that SIGINT and SIGTERM run. */
#ifndef SG_OUTPUT_H
#define SG_OUTPUT_H

#include <stddef.h>

/* The file that marks an output folder as sitegen's own. */
#define SG_OUT_STAMP	".sitegen-output"

struct sg_diag;
struct sg_output;
struct sg_secrets;

struct sg_output *sg_out_open(const char *, const char *, int,
		    struct sg_diag *);
#define SG_OUT_DRY	1	/* check only: write nothing */
#define SG_OUT_FORCE	2	/* replace a folder sitegen did not make */
#define SG_OUT_INPLACE	4	/* write into the folder itself, each file
				 * replaced whole (serve's edits) */
int		 sg_out_write(struct sg_output *, const char *, const char *,
		    size_t);
int		 sg_out_copy(struct sg_output *, const char *, const char *);
void		 sg_out_scan(struct sg_output *, struct sg_secrets *);
int		 sg_out_commit(struct sg_output *);
void		 sg_out_discard(struct sg_output *);

void		 sg_out_trap_signals(void);
int		 sg_out_cleanup_push(void (*)(void *), void *);
void		 sg_out_cleanup_pop(int);
int		 sg_out_stopping(void);

#endif
