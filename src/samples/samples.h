/* samples.h: runnable C samples. markdown.c finds them while it parses a
 * page (a fenced block whose language is c, and the output block right
 * after it) and puts each in the page's tree as an SG_NODE_SAMPLE node;
 * samples.c assembles, compiles, runs and checks them, and sets what each
 * shows, which every renderer (html.c, …) reads from the node. */
#ifndef SG_SAMPLES_H
#define SG_SAMPLES_H

#include <stddef.h>

#include "diag.h"

struct sg_site;
struct sg_page;

/* One fenced c block as the author wrote it. */
struct sg_sample {
	struct sg_page	*page;		/* the page it is on */
	size_t		 index;		/* its place among the page's samples */
	char		*info;		/* the whole info string: "c no_run name=x" */
	char		*code;		/* the block's text, "@ " lines included */
	struct sg_loc	 loc;		/* the opening fence in the author's file */
	char		*fence;		/* the line of the page's own file at
					 * loc.line, as written (the fence,
					 * unless it came from an include),
					 * or NULL past its end */
	int		 code_line;	/* file line of the first line of code */
	int		 end_line;	/* file line of the closing fence */
	char		*expected;	/* the output block's text, or NULL */
	int		 out_line;	/* file line of the output block's opening
					 * fence, 0 without one */
	int		 out_end_line;	/* and of its closing fence */
	/* set by the samples stage, for renderers other than HTML */
	char		*shown;		/* the code as the page shows it: hidden
					 * "@ " lines removed, only the anchor
					 * region of a file= sample */
	char		*shown_output;	/* what is shown under it (the run's
					 * stdout, or the diagnostic of a
					 * compile_fail), ending in a newline,
					 * or NULL */
	size_t		 shown_output_len; /* its bytes (it may hold NULs) */
	int		 output_is_diag; /* shown_output is a compiler message */
	/* set by sg_samples_apply_mode, from its page's or section's
	 * samples: map: real folders of the site, NULL-terminated, owned */
	char		**inc_dirs;	/* include: on the include path */
	char		**src_dirs;	/* sources: their .c files linked in */
};

/* The samples of the whole site, in page order, then block order. */
struct sg_samples {
	struct sg_sample **v;
	size_t		   len;
};

struct sg_samples_opts {
	int		 jobs;
	int		 bless;		/* SG_BLESS_*: rewrite output blocks
					 * with real output */
	const char	*export_dir;	/* write standalone projects here */
	int		 progress;	/* a progress line on a terminal */
};

/* Lists the samples of every published page, in page order, then block
 * order, into *out, each with its page's samples mode applied (side by
 * side: at 30,000 samples, 30 ms on one thread). The pointers are
 * borrowed: the pages own the samples. Free the list with
 * sg_samples_free(). */
void	sg_samples_collect(struct sg_site *site, struct sg_samples *out);
/* samples_mode.c: makes s what its page's samples mode says (run,
 * compile, show) if it is unmarked, with its section's flags. */
void	sg_samples_apply_mode(struct sg_site *site, struct sg_sample *s);

/* Compiles, runs and checks every sample (in parallel over opts->jobs,
 * from the cache where it can), reports each failing one at its .md
 * line, rewrites output blocks with --bless, writes projects with
 * --export, and sets each sample's html. Returns the number of samples
 * that failed, 0 when all passed. */
int	sg_samples_run(struct sg_site *site, struct sg_samples *ss,
	    const struct sg_samples_opts *opts);

/* Frees the list (not the samples, which their pages own) and clears it. */
void	sg_samples_free(struct sg_samples *s);

/* Frees one sample; NULL does nothing. markdown.c calls it for the samples
 * of a page it frees. */
void	sg_sample_free(struct sg_sample *s);

#endif
