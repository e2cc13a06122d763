/* output.h: the staging directory and its atomic swap into place. */
#ifndef SG_OUTPUT_H
#define SG_OUTPUT_H

#include <stddef.h>

struct sg_diag;
struct sg_output;
struct sg_secrets;

struct sg_output *sg_out_open(const char *, const char *, int,
		    struct sg_diag *);
int		 sg_out_write(struct sg_output *, const char *, const char *,
		    size_t);
int		 sg_out_copy(struct sg_output *, const char *, const char *);
void		 sg_out_scan(struct sg_output *, struct sg_secrets *);
int		 sg_out_commit(struct sg_output *);
void		 sg_out_discard(struct sg_output *);

#endif
