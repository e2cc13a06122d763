/* samples_int.h: what the samples*.c files share; private to them.
 * samples.c drives the stage, samples_attr.c reads the info strings and
 * assembles programs, samples_exec.c compiles and runs them in the
 * sandbox, samples_cache.c keeps results under .sitegen/, samples_check.c
 * judges results and makes the HTML, samples_export.c writes projects. */
#ifndef SG_SAMPLES_INT_H
#define SG_SAMPLES_INT_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>

#include "samples/samples.h"

struct sg_value;

/* Bump when anything changes how a result is made or stored: every cached
 * result then goes stale. */
#define SG_RUNNER_VERSION	"sitegen-samples-2"

#define SG_KEY_LEN	32	/* SHA-256 */

/* A NULL-terminated vector of owned strings. */
struct strv {
	char	**v;
	size_t	  len;
};

/* What a sample's info string asks for. */
struct attrs {
	int		 ignore;
	int		 no_run;
	int		 compile_fail;
	int		 exit_code;	/* expected exit status */
	int		 has_exit;
	struct strv	 args;		/* argv[1..] */
	int		 has_args;
	char		*args_text;	/* args="…" as unquoted, or NULL */
	char		*stdin_data;	/* stdin="…", or NULL for /dev/null */
	size_t		 stdin_len;
	char		*name;		/* name=ID */
	char		*file;		/* file=PATH, relative to content/ */
	char		*anchor;	/* anchor=NAME */
	struct strv	 cflags;
	char		*cflags_text;
	struct strv	 ldflags;
	char		*ldflags_text;
};

/* What compiling and running a program gave. */
struct result {
	int		 cstatus;	/* compiler exit status, -1 if it
					 * could not start or was killed */
	char		*diag;		/* compiler output, paths cleaned */
	int		 ran;		/* the program was run */
	int		 status;	/* exit status, -1 on a signal */
	int		 signal;
	int		 timed_out;
	int		 out_trunc, err_trunc;
	char		*out;		/* stdout, NUL-terminated */
	size_t		 out_len;
	char		*err;		/* stderr, paths cleaned */
	size_t		 err_len;
	int		 start_failed;	/* the sandbox could not start it */
	int		 memory_exceeded; /* hit samples.memory (under ASan) */
};

/* One program: a sample, or the parts of a name= sample on one page. */
struct prog {
	struct sg_sample **parts;	/* borrowed, in page order */
	size_t		  nparts;
	struct sg_sample *last;		/* shows the output, holds its block */
	struct attrs	  a;		/* merged over the parts */
	char		 *src;		/* assembled, with #line directives */
	char		 *plain;	/* assembled, without them (export) */
	char		 *file_src;	/* file=: "content/…", else NULL */
	char		 *file_dir;	/* file=: its real directory */
	char		**shown;	/* code shown for each part, owned */
	int		  bad;		/* an attribute or file error */
	int		  link;		/* defines main: compile and link */
	int		  run;		/* is run */
	unsigned char	  ckey[SG_KEY_LEN];	/* what compiling needs */
	unsigned char	  key[SG_KEY_LEN];	/* what the result needs */
	struct result	  res;
	int		  have;		/* res holds a result */
	int		  cached;	/* res came from the cache */
	int		  compile_ok;	/* compiled as it should */
	int		  run_ok;	/* and ran as it should */
	int		  differs;	/* ran well, printed other than its
					 * output block (or has none, with
					 * --bless) */
	int		  failed;	/* reported as failing */
	int		  blessed;	/* its output block was rewritten */
};

/* The samples stage of one build. */
struct samples_ctx {
	struct sg_site		*site;
	const struct sg_samples_opts *opts;
	struct prog		**progs;	/* in page order */
	size_t			  nprogs;
	struct prog		**part_of;	/* each sample's program */
	char			 *root_real;	/* the site root, real path */
	char			 *incdir;	/* content/samples/include,
						 * real, or NULL */
	char			 *cc;		/* the compiler, absolute */
	char			 *ccver;	/* cc --version said */
	char			 *ccdir;	/* where a compiler outside
						 * the system lives */
	struct strv		  cflags;	/* samples.cflags */
	struct strv		  ldflags;	/* samples.ldflags */
	unsigned char		  headers[SG_KEY_LEN];	/* incdir */
	char			 *cache_dir;	/* .sitegen/samples */
	char			 *tmpbase;	/* temporary dirs go here */
	char			 *tmpreal;	/* its real path, or NULL */
	int			  unsafe_flags;	/* samples.unsafe_flags */
	size_t			  memory;	/* samples.memory, bytes */
	size_t			  disk;		/* samples.disk, bytes */
	atomic_size_t		  ncompiles;	/* compilers started */
	atomic_size_t		  nruns;	/* programs run */
	atomic_size_t		  done;		/* programs finished */
	size_t			  total;	/* programs to finish */
	pthread_mutex_t		  lock;		/* the progress line */
};

/* samples.c */
void	 sx_progress(struct samples_ctx *);

/* samples_attr.c */
void	 sx_strv_push(struct strv *, const char *);
void	 sx_strv_free(struct strv *);
int	 sx_shell_split(const char *, struct strv *);
int	 sx_attrs_parse(struct samples_ctx *, struct sg_sample *,
	    struct attrs *);
void	 sx_attrs_free(struct attrs *);
int	 sx_prog_assemble(struct samples_ctx *, struct prog *);
void	 sx_prog_free(struct prog *);

/* samples_exec.c */
int	 sx_exec_setup(struct samples_ctx *);
void	 sx_exec_group(struct samples_ctx *, struct prog **, size_t);
char	*sx_exec_clean(const struct samples_ctx *, const char *, size_t,
	    size_t *);
void	 sx_result_free(struct result *);

/* samples_cache.c */
void	 sx_cache_keys(struct samples_ctx *, struct prog *);
int	 sx_cache_get(const struct samples_ctx *, struct prog *);
void	 sx_cache_put(const struct samples_ctx *, const struct prog *);
char	*sx_cache_ccver(const struct samples_ctx *, const char *);
void	 sx_cache_put_ccver(const struct samples_ctx *, const char *,
	    const char *);
void	 sx_hash_headers(const char *, unsigned char *);

/* samples_check.c */
void	 sx_check_prog(struct samples_ctx *, struct prog *);
void	 sx_report_output(struct samples_ctx *, struct prog *);
void	 sx_bless(struct samples_ctx *);
void	 sx_make_shown(struct samples_ctx *, struct prog *);

/* samples_dirs.c */
char	**sx_folders(struct sg_site *, const struct sg_value *, const char *);
void	 sx_folders_free(char **);
int	 sx_folders_args(const struct prog *, const char *, const char *,
	    struct strv *, struct strv *);

/* samples_fs.c */
#define SX_COPY_FILES	2000		/* headers copied for one compile */
#define SX_COPY_BYTES	(32 << 20)	/* and their bytes */
struct stat;
int	 sx_open_regular(int, const char *, struct stat *);
const char *sx_regular_why(int);
char	*sx_read_regular(int, const char *, size_t, size_t *);
int	 sx_copy_regular(int, const char *, int, unsigned int, size_t);
int	 sx_copy_sources(const char *, const char *, const char *);

/* samples_tmp.c */
#define SX_TMP_PREFIX	"sitegen-"	/* then our pid, '-', six characters */
void	 sx_tmp_init(struct samples_ctx *);
void	 sx_tmp_fini(void);
char	*sx_tmp_make(const struct samples_ctx *);
void	 sx_tmp_remove(const char *);

/* samples_limits.c */
int	 sx_limits_setup(struct samples_ctx *);
int	 sx_flags_check(struct samples_ctx *, const struct sg_sample *,
	    const struct strv *, const char *);

/* samples_export.c */
void	 sx_export_all(struct samples_ctx *);

#endif
