/* serve.h: sitegen serve, the development server. */
#ifndef SG_SERVE_H
#define SG_SERVE_H

struct sg_options;

struct sg_serve_opts {
	const char	*bind;		/* address to listen on, "127.0.0.1" */
	int		 port;		/* first port to try; 0: any free one */
	int		 open;		/* --open: open the site in a browser */
};

/* sitegen serve: builds the site into a private folder under
 * TMPDIR, serves it, and builds again on every edit until SIGINT
 * or SIGTERM, then removes that folder. Never writes the output
 * directory. Returns the exit status (0 after a signal). */
int	sg_serve(const struct sg_options *opt, const struct sg_serve_opts *so);

/* serve.c, the module sitegen-serve.so (module.h): sg_serve's work, and
 * the module's build stamp. serve_load.c loads it and calls it. */
extern const char sgx_serve_abi[];
int	sgx_serve(const struct sg_options *opt, const struct sg_serve_opts *so);

#endif
