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
	const struct sg_module_fn fns[] = {
		{ "sgx_serve", &serve },
		{ NULL, NULL }
	};
	char	 why[PATH_MAX + 256];

	if (sgx_serve != NULL)
		return sgx_serve(opt, so);
	if (sg_module_load("sitegen-serve.so", "sgx_serve_abi", fns, why,
	    sizeof(why)) == -1) {
		fprintf(stderr, "sitegen: serve needs its module, which cannot "
		    "be loaded: %s\n", why);
		return 1;
	}
	return serve(opt, so);
}
