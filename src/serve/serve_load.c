/* serve_load.c: sitegen serve through its module, sitegen-serve.so
 * (serve.c with libmicrohttpd and GnuTLS, module.h), which only serve
 * loads: the other commands never map those libraries. The unit tests
 * link serve.c in, and then sgx_serve is called as it is. */
#include <limits.h>
#include <stdio.h>

#include "module.h"
#include "serve/serve.h"

#pragma weak sgx_serve

int
sg_serve(const struct sg_options *opt, const struct sg_serve_opts *so)
{
	int	(*serve)(const struct sg_options *,
		    const struct sg_serve_opts *);
	char	 why[PATH_MAX + 256];
	void	*h;

	if (sgx_serve != NULL)
		return sgx_serve(opt, so);
	if ((h = sg_module_open("sitegen-serve.so", "sgx_serve_abi", why,
	    sizeof(why))) == NULL) {
		fprintf(stderr, "sitegen: serve needs its module, which cannot "
		    "be loaded: %s\n", why);
		return 1;
	}
	if (sg_module_sym(h, "sgx_serve", &serve) == -1) {
		fprintf(stderr, "sitegen: sitegen-serve.so has no sgx_serve\n");
		return 1;
	}
	return serve(opt, so);
}
