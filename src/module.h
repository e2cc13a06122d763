/* module.h: sitegen's loadable modules. The parts that need large
 * libraries only for some runs are shared objects of their own, loaded
 * on first use: sitegen-gfx.so (PDFs and image sizes: cairo, pango,
 * librsvg, gdk-pixbuf; out/pdf/module.h), sitegen-serve.so (the dev
 * server: libmicrohttpd and GnuTLS) and sitegen-sass.so (libsass and
 * the C++ runtime, for a style sheet the cache does not hold;
 * out/sass/sass.h). Mapping and relocating those and the fifty more they
 * bring took every run 20 ms: sitegen --help took 35 ms with all 68
 * libraries (1,228 page faults), 14 ms with 15 (493), and makes 348
 * faults with the 12 it keeps.
 *
 * A module calls back into the program (which exports its functions,
 * -rdynamic), so it must come from the same build: each defines a stamp,
 * SG_MODULE_ABI (set by src/Makefile from a checksum of every header,
 * where the layout of every struct the two share is), under its own
 * name, which sg_module_open compares before anything else is used. */
#ifndef SG_MODULE_H
#define SG_MODULE_H

#include <stddef.h>

/*
 * Opens module file (e.g. "sitegen-gfx.so"): beside the program (a build
 * tree), else in ../lib/sitegen/ from the program's folder (where make
 * install puts it, under any PREFIX). The first of the two that exists
 * is the one: loaded, or why it cannot be is what is said. Its symbol
 * abi must hold this build's stamp. Returns the handle (never closed),
 * or NULL with why[0..whylen) saying why, as a sentence to follow "cannot
 * be loaded: ".
 */
void	*sg_module_open(const char *file, const char *abi, char *why,
	    size_t whylen);

/* Sets *fn (a pointer to a function pointer) to the module's function
 * name. Returns 0, or -1 when the module has none. */
int	 sg_module_sym(void *handle, const char *name, void *fn);

/* One function a module must have: its name, and where to put it (a
 * pointer to a function pointer). */
struct sg_module_fn {
	const char	*name;
	void		*fn;
};

/*
 * Opens module file (sg_module_open) and sets each fns[k].fn, up to the
 * one whose name is NULL. Returns 0; or -1 with why[0..whylen) saying why
 * ("FILE lacks NAME" for a function it has not) and every fns[k].fn
 * left NULL, for the caller to test one of them.
 */
int	 sg_module_load(const char *file, const char *abi,
	    const struct sg_module_fn *fns, char *why, size_t whylen);

#endif
