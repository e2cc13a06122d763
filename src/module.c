/* module.c: finds, checks and opens sitegen's modules (module.h). */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "module.h"
#include "util.h"

/* where make install puts the modules, from the program's folder */
#define LIB	"../lib/sitegen/"

int
sg_module_sym(void *handle, const char *name, void *fn)
{
	void	*p = dlsym(handle, name);

	if (p == NULL)
		return -1;
	memcpy(fn, &p, sizeof(p));	/* POSIX: a function's address */
	return 0;
}

static void *
try_open(const char *path, const char *abi, char *why, size_t whylen)
{
	const char	*stamp;
	void		*h;

	if ((h = dlopen(path, RTLD_NOW | RTLD_LOCAL)) == NULL) {
		snprintf(why, whylen, "%s", dlerror());
		return NULL;
	}
	stamp = dlsym(h, abi);
	if (stamp == NULL || strcmp(stamp, SG_MODULE_ABI) != 0) {
		snprintf(why, whylen, "%s is from another build of sitegen "
		    "(build it again with this one)", path);
		dlclose(h);
		return NULL;
	}
	return h;
}

void *
sg_module_open(const char *file, const char *abi, char *why, size_t whylen)
{
	char	*exe, *slash, *path[2];
	void	*h = NULL;
	int	 i;

	if ((exe = realpath("/proc/self/exe", NULL)) == NULL ||
	    (slash = strrchr(exe, '/')) == NULL) {
		snprintf(why, whylen, "cannot tell where the program is");
		free(exe);
		return NULL;
	}
	*slash = '\0';
	path[0] = xasprintf("%s/%s", exe, file);
	path[1] = xasprintf("%s/%s%s", exe, LIB, file);
	snprintf(why, whylen, "%s is neither beside the program nor in %s "
	    "from it (in %s)", file, LIB, exe);
	for (i = 0; i < 2; i++)
		if (access(path[i], F_OK) == 0) {
			h = try_open(path[i], abi, why, whylen);
			break;
		}
	free(path[0]);
	free(path[1]);
	free(exe);
	return h;
}

int
sg_module_load(const char *file, const char *abi,
    const struct sg_module_fn *fns, char *why, size_t whylen)
{
	void	*h, *none = NULL;
	size_t	 k;

	if ((h = sg_module_open(file, abi, why, whylen)) == NULL)
		return -1;
	for (k = 0; fns[k].name; k++)
		if (sg_module_sym(h, fns[k].name, fns[k].fn) == -1) {
			snprintf(why, whylen, "%s lacks %s", file,
			    fns[k].name);
			for (k = 0; fns[k].name; k++)
				memcpy(fns[k].fn, &none, sizeof(none));
			return -1;
		}
	return 0;
}
