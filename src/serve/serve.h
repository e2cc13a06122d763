/* serve.h: sitegen serve, the development server. */
#ifndef SG_SERVE_H
#define SG_SERVE_H

struct sg_options;

struct sg_serve_opts {
	const char	*bind;		/* address to listen on, "127.0.0.1" */
	int		 port;		/* first port to try; 0: any free one */
	int		 open;		/* --open: open the site in a browser */
};

int	sg_serve(const struct sg_options *, const struct sg_serve_opts *);

#endif
