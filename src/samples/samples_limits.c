/* samples_limits.c: what site.yml lets samples do beyond the defaults
 * (samples.memory, samples.disk, samples.unsafe_flags), and the compiler
 * options a sample's cflags= and ldflags= may not use without it. */
#include <string.h>

#include "samples/samples_int.h"
#include "site.h"

#define DEFAULT_MEMORY	512	/* MiB a sample may use */
#define DEFAULT_DISK	64	/* MiB a sample may write */

/* Reads the number key of samples: in site.yml into *to, in MiB, between
 * lo and hi. Returns 0, or -1 after reporting. */
static int
mib(struct samples_ctx *c, const struct sg_value *m, const char *key,
    double lo, double hi, size_t *to)
{
	const struct sg_value	*v;

	if (m == NULL || (v = sg_value_get(m, key)) == NULL)
		return 0;
	if (v->type != SG_NUM || v->num < lo || v->num > hi ||
	    v->num != (double)(long)v->num) {
		sg_diag_error(c->site->diag, &v->loc, "'samples.%s' must be a "
		    "whole number of MiB from %.0f to %.0f", key, lo, hi);
		return -1;
	}
	*to = (size_t)v->num << 20;
	return 0;
}

/* Reads samples.memory, samples.disk and samples.unsafe_flags into c.
 * Returns 0, or -1 after reporting. */
int
sx_limits_setup(struct samples_ctx *c)
{
	const struct sg_value	*m = sg_value_get(c->site->config.root,
				    "samples"), *v;
	int			 rc = 0;

	c->memory = (size_t)DEFAULT_MEMORY << 20;
	c->disk = (size_t)DEFAULT_DISK << 20;
	if (m == NULL || m->type != SG_MAP)
		return 0;
	rc |= mib(c, m, "memory", 16, 65536, &c->memory);
	rc |= mib(c, m, "disk", 1, 65536, &c->disk);
	if ((v = sg_value_get(m, "unsafe_flags")) != NULL) {
		if (v->type != SG_BOOL) {
			sg_diag_error(c->site->diag, &v->loc, "'samples."
			    "unsafe_flags' must be true or false");
			rc = -1;
		} else
			c->unsafe_flags = v->b;
	}
	return rc;
}

/* Compiler and linker options that run or load a program, or read a
 * file, of the option's own choosing, or write outside the sample's
 * folder: with them a page could make "compiling" run any command (in
 * the sandbox here, but in no sandbox at all on a reader's machine
 * through the Makefile that --export writes). Matched as prefixes. */
static const char *const unsafe[] = {
	"-wrapper",		/* runs each compiler pass through a program */
	"-B",			/* where cc1, as and ld are looked for */
	"--prefix",		/* the same, spelled long */
	"-fplugin",		/* loads a shared object into the compiler */
	"-iplugindir",
	"-specs", "--specs",	/* spec files can run any program */
	"@",			/* options read from a file */
	"-o", "--output",	/* the output wherever it says */
	"-fuse-ld=/",		/* a linker by path */
	"--ld-path",
	"-Wl,-plugin", "-Wl,--plugin",	/* a linker plugin */
	"-Xlinker",		/* checked with its argument below */
	"-Xassembler", "-Wa,",	/* the assembler's own files */
	"-Xpreprocessor", "-Wp,",
	"-fprofile-generate=", "-fprofile-dir", "-fprofile-use=",
	"-dumpdir", "-dumpbase",	/* auxiliary outputs by path */
	NULL
};

int
sx_flags_check(struct samples_ctx *c, const struct sg_sample *s,
    const struct strv *v, const char *what)
{
	const char	*w;
	size_t		 i, k;

	if (c->unsafe_flags)
		return 0;
	for (i = 0; i < v->len; i++) {
		w = v->v[i];
		for (k = 0; unsafe[k]; k++)
			if (!strncmp(w, unsafe[k], strlen(unsafe[k])))
				break;
		if (unsafe[k] == NULL)
			continue;
		/* -Xlinker passes one word: refused only with a plugin */
		if (!strcmp(unsafe[k], "-Xlinker") && (i + 1 >= v->len ||
		    (strncmp(v->v[i + 1], "-plugin", 7) &&
		    strncmp(v->v[i + 1], "--plugin", 8))))
			continue;
		sg_diag_error(c->site->diag, &s->loc, "%s: '%s' is refused in "
		    "a sample: it makes the compiler run, load or write "
		    "something of its own choosing (set samples.unsafe_flags: "
		    "true in site.yml to allow it)", what, w);
		return -1;
	}
	return 0;
}
