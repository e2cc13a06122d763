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
	char		**shown;	/* code shown for each part, owned;
					 * NULL (or an entry): the code */
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
void	 sx_progress(struct samples_ctx *c);

/* samples_attr.c */
void	 sx_strv_push(struct strv *v, const char *s);

/* Frees the strings of v and clears it; a cleared v may be freed again. */
void	 sx_strv_free(struct strv *v);

/* Splits s into words as a POSIX shell would (blanks separate words;
 * 'single' and "double" quotes and backslashes quote), appending them to
 * out. No expansion of any kind: no shell is ever run. Returns 0, or -1
 * on an unclosed quote or a trailing backslash. */
int	 sx_shell_split(const char *s, struct strv *out);

/* Reads the attributes of sample s (its info string after "c") into *a,
 * which the caller zeroed and frees with sx_attrs_free(). Reports each
 * problem at the fence. Returns 0, or -1 if any was found. */
int	 sx_attrs_parse(struct samples_ctx *c, struct sg_sample *s,
	    struct attrs *a);

/* Frees what *a owns and clears it. */
void	 sx_attrs_free(struct attrs *a);

/* Assembles the program's source (p->src with #line directives, p->plain
 * without) and the code each part shows (p->shown[i], NULL for the code
 * as it is), and finds out whether it defines main. Of an ignored program
 * that is not file=, only the code shown of the parts that hide lines.
 * Returns 0, or -1 after reporting. */
int	 sx_prog_assemble(struct samples_ctx *c, struct prog *p);

/* Frees a program and what it owns (not its parts). */
void	 sx_prog_free(struct prog *p);

/* samples_exec.c */
int	 sx_exec_setup(struct samples_ctx *c);

/* Compiles the programs v[0..n), which share one source and flags, once
 * (unless all of them have a result already) and runs each that is run
 * and has no result yet. Results are stored in the cache. Thread-safe
 * for different groups. */
void	 sx_exec_group(struct samples_ctx *c, struct prog **v, size_t n);

/* Returns a copy of s[0..len) without our temporary directories and the
 * site root in paths ("/tmp/sitegen-Ab12Cd/x" becomes "x", a compiler's
 * temporary object "sample.o", "/site/content/a.h" "content/a.h"), so
 * that messages are the same from run to run. Sets *outlen; the caller
 * frees. */
char	*sx_exec_clean(const struct samples_ctx *c, const char *s, size_t len,
	    size_t *outlen);

/* Frees what *r owns and clears it. */
void	 sx_result_free(struct result *r);

/* samples_cache.c */
void	 sx_cache_keys(struct samples_ctx *c, struct prog *p);

/* Fills p->res from the cache. Returns 1 on a hit, 0 otherwise (no
 * entry, or one that does not read back exactly). */
int	 sx_cache_get(const struct samples_ctx *c, struct prog *p);

/* Stores p->res under p->key. A cache that cannot be written (a read-only
 * site, say) is no error: the next build just does the work again. */
void	 sx_cache_put(const struct samples_ctx *c, const struct prog *p);

/* What "cc --version" said last time, if the compiler is the same file
 * as then; NULL if unknown. The caller frees. */
char	*sx_cache_ccver(const struct samples_ctx *c, const char *cc);

/* Remembers what "cc --version" said for this compiler file. */
void	 sx_cache_put_ccver(const struct samples_ctx *c, const char *cc,
	    const char *ver);

/* Hashes every file under dir (NULL: none) into out. */
void	 sx_hash_headers(const char *dir, unsigned char *out);

/* samples_check.c */
void	 sx_check_prog(struct samples_ctx *c, struct prog *p);

/* Reports a program whose output differs from its output block (unless
 * --bless rewrote the block), with a unified diff. */
void	 sx_report_output(struct samples_ctx *c, struct prog *p);

/* --bless: for each page where every sample compiled as it should,
 * writes the output that its samples really printed into their output
 * blocks (with --bless=all adding blocks where there are none),
 * atomically, and says which files changed. Pages with a sample that
 * does not compile are left alone. */
void	 sx_bless(struct samples_ctx *c);

/* Sets what each part of p shows (sg_sample's shown, shown_output,
 * output_is_diag): its code without hidden lines, and under the last
 * part the output the program really printed, or for compile_fail the
 * compiler's diagnostic, ending in a newline. */
void	 sx_make_shown(struct samples_ctx *c, struct prog *p);

/* samples_dirs.c */
char	**sx_folders(struct sg_site *site, const struct sg_value *v,
	    const char *key);
/* Frees a list sx_folders made; NULL is fine. */
void	 sx_folders_free(char **v);

/* Copies each of the sample's include folders into dir (under its path
 * in the site, whose real root is root) and adds -I for it; for a
 * program that is linked, copies each sources folder too and adds its .c
 * files (those at its top, in name order) to the sources to compile.
 * Returns 0, or -1 with errno. */
int	 sx_folders_args(const struct prog *p, const char *root,
	    const char *dir, struct strv *flags, struct strv *sources);

/* samples_fs.c */
#define SX_COPY_FILES	2000		/* headers copied for one compile */
#define SX_COPY_BYTES	(32 << 20)	/* and their bytes */
struct stat;

/* Opens rel beneath the folder dirfd for reading: no symbolic link
 * anywhere on the way (openat2's RESOLVE_NO_SYMLINKS; on a kernel
 * without it, none as the last name), no "..", nothing but a regular
 * file, and without waiting (a FIFO would block open()). Returns the
 * descriptor, or -1 with errno: ELOOP for a link, ENXIO for a FIFO,
 * device, socket or folder, EXDEV for a path leaving dirfd. */
int	 sx_open_regular(int dirfd, const char *rel, struct stat *st);

/* Says in a few words why sx_open_regular() or sx_read_regular() failed
 * with errno e. */
const char *sx_regular_why(int e);

/* Reads the regular file rel beneath dirfd (see sx_open_regular()),
 * at most max bytes: a larger file fails with EFBIG. Returns a
 * NUL-terminated buffer the caller frees, its length in *len, or NULL
 * with errno. */
char	*sx_read_regular(int dirfd, const char *rel, size_t max, size_t *len);

/* Copies the regular file rel beneath from_dir to a new file of the same
 * name beneath to_dir (which must not exist), with mode, at most max
 * bytes. Returns 0, or -1 with errno (see sx_open_regular(); EFBIG past
 * max). A partial copy is removed. */
int	 sx_copy_regular(int from_dir, const char *rel, int to_dir,
	    unsigned int mode, size_t max);

/* Copies the C sources and headers under the folder src into dir/rel
 * (rel relative, its folders made), so that a compiler in dir reads them
 * there: it may not reach src itself (root builds in a private folder,
 * the sandbox runs as another user). Symbolic links, dotfiles and
 * anything but regular files are left out; at most SX_COPY_FILES files
 * and SX_COPY_BYTES bytes. Returns 0, or -1 with errno. */
int	 sx_copy_sources(const char *src, const char *dir, const char *rel);

/* samples_tmp.c */
#define SX_TMP_PREFIX	"sitegen-"	/* then our pid, '-', six characters */
void	 sx_tmp_init(struct samples_ctx *c);

/* Gives the signals back and stops the watcher. */
void	 sx_tmp_fini(void);

/* Makes a fresh temporary folder in c->tmpbase and notes it. Returns
 * its path (the caller frees it after sx_tmp_remove()), or NULL with
 * errno. */
char	*sx_tmp_make(const struct samples_ctx *c);

/* Removes the folder dir and everything in it, and forgets it. */
void	 sx_tmp_remove(const char *dir);

/* samples_limits.c */
int	 sx_limits_setup(struct samples_ctx *c);

/* Checks the words of a sample's cflags= or ldflags= (what names which)
 * against the list of unsafe flags in samples_limits.c, unless
 * samples.unsafe_flags allows them.
 * Returns 0, or -1 after reporting at the sample's fence. */
int	 sx_flags_check(struct samples_ctx *c, const struct sg_sample *s,
	    const struct strv *v, const char *what);

/* samples_export.c */
void	 sx_export_all(struct samples_ctx *c);

#endif
