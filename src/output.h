/* output.h: the staging directory and its atomic swap into place. */
#ifndef SG_OUTPUT_H
#define SG_OUTPUT_H

#include <stddef.h>

/* The file that marks an output folder as sitegen's own. */
#define SG_OUT_STAMP	".sitegen-output"

struct sg_diag;
struct sg_output;
struct sg_secrets;

/* Opens a staging directory for out (which need not exist yet) after
 * checking that out may be replaced; flags are SG_OUT_DRY (write nothing
 * at all) and SG_OUT_FORCE (replace a folder sitegen did not make). The
 * check of the old output, and its removal in sg_out_commit, run on jobs
 * threads. Returns NULL after reporting why not. */
struct sg_output *sg_out_open(const char *out, const char *root, int flags,
		    int jobs, struct sg_diag *diag);
#define SG_OUT_DRY	1	/* check only: write nothing */
#define SG_OUT_FORCE	2	/* replace a folder sitegen did not make */
#define SG_OUT_INPLACE	4	/* write into the folder itself, each file
				 * replaced whole (serve's edits) */
int		 sg_out_write(struct sg_output *o, const char *rel,
		    const char *data, size_t len);

/* Copies the file src to rel in the output. Returns 0 or -1 (reported). */
int		 sg_out_copy(struct sg_output *o, const char *rel,
	    const char *src);

/* From now on, scan every file for credentials before it is written (in
 * a dry run too); a file with a finding is reported and not written. */
void		 sg_out_scan(struct sg_output *o, struct sg_secrets *scan);

/* Puts the staged output in place of the output directory and removes
 * the old one. Frees o. Returns 0; -1 (reported) when the old output is
 * still in place; 1 (reported) when the new output is in place but the
 * old one could not be removed. */
int		 sg_out_commit(struct sg_output *o);

/* Throws the staged output away, leaving the output directory as it
 * was. Frees o; NULL is fine. */
void		 sg_out_discard(struct sg_output *o);

#endif
