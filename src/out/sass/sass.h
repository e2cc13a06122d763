/* sass.h: the Sass module, sitegen-sass.so (../../module.h): libsass,
 * and the C++ runtime it brings, mapped only by a build that compiles a
 * style sheet; one whose style sheets are all in the cache of
 * .sitegen/css/ (out/assets.c) never loads it. Loading libsass and
 * libstdc++ with the program took every run 4.4 ms and 120 page faults
 * on the development machine, a tenth of building a small site.
 * out/assets.c calls it through the loader there. */
#ifndef SG_SASS_H
#define SG_SASS_H

/* One compile's result: the style sheet, or the error and where. */
struct sgx_sass_result {
	char	*css;		/* the style sheet, or NULL on an error */
	char	*file;		/* the error's file as libsass names it, or NULL */
	char	*msg;		/* the error's text, or NULL */
	int	 line, col;	/* where in file */
};

/*
 * Compiles text, the .scss file at path (the caller read and checked it:
 * UTF-8 text, sg_text_check), with the folders of include (':' between
 * them) to import from, to a compressed style sheet with 5 digits of
 * precision. path names it in errors and is where its imports are
 * looked for first. Every file it imports must be a regular file of
 * UTF-8 text inside one of those folders, or the import is an error:
 * libsass reads no other file. An import of "overrides" that none of
 * them has is an empty file. Fills *r; its
 * strings are the caller's, freed with free(). Returns 0, or -1 on a
 * Sass error (r->css NULL, r->msg set).
 */
int		 sgx_sass_compile(const char *path, const char *text,
		    const char *include, struct sgx_sass_result *r);

/* libsass's version, a static string. */
const char	*sgx_sass_version(void);

/* The module's stamp (module.h). */
extern const char	 sgx_sass_abi[];

#endif
