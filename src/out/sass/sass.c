/* sass.c: the Sass module (sass.h): compiles one .scss file with
 * libsass. The only file that includes sass.h of libsass. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sass.h>

#include "out/sass/sass.h"
#include "util.h"

const char sgx_sass_abi[] = SG_MODULE_ABI;

/* The importer of "overrides": the one file a site writes to change the
 * theme's settings and colours, scss/_overrides.scss, which the theme's
 * main.scss imports after its own. When the site has one, libsass finds
 * it on the include path (the site's scss/ comes first); when it has
 * none, this gives an empty file in its place. Other imports go to
 * libsass. cookie is the site root. */
static Sass_Import_List
import_overrides(const char *url, Sass_Importer_Entry cb,
    struct Sass_Compiler *compiler)
{
	Sass_Import_List	 list;
	char			*path;
	int			 found;

	(void)compiler;
	if (strcmp(url, "overrides") != 0)
		return NULL;
	path = xasprintf("%s/scss/_overrides.scss",
	    (const char *)sass_importer_get_cookie(cb));
	found = access(path, F_OK) == 0;
	free(path);
	if (found)
		return NULL;
	list = sass_make_import_list(1);
	list[0] = sass_make_import_entry(url, sass_copy_c_string(""), NULL);
	return list;
}

static char *
dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

int
sgx_sass_compile(const char *path, const char *include, const char *root,
    struct sgx_sass_result *r)
{
	struct Sass_File_Context	*fc;
	struct Sass_Context		*c;
	struct Sass_Options		*opt;
	Sass_Importer_List		 importers;
	const char			*css;
	int				 rc = 0;

	memset(r, 0, sizeof(*r));
	fc = sass_make_file_context(path);
	c = sass_file_context_get_context(fc);
	opt = sass_context_get_options(c);
	sass_option_set_output_style(opt, SASS_STYLE_COMPRESSED);
	sass_option_set_include_path(opt, include);
	sass_option_set_precision(opt, 5);
	importers = sass_make_importer_list(1);
	sass_importer_set_list_entry(importers, 0,
	    sass_make_importer(import_overrides, 1, (void *)root));
	sass_option_set_c_importers(opt, importers);
	sass_compile_file_context(fc);
	if (sass_context_get_error_status(c) != 0) {
		r->file = dup_or_null(sass_context_get_error_file(c));
		r->msg = xstrdup(sass_context_get_error_text(c) ?
		    sass_context_get_error_text(c) : "cannot compile");
		r->line = (int)sass_context_get_error_line(c);
		r->col = (int)sass_context_get_error_column(c);
		rc = -1;
	} else {
		css = sass_context_get_output_string(c);
		r->css = xstrdup(css ? css : "");
	}
	sass_delete_file_context(fc);
	return rc;
}

const char *
sgx_sass_version(void)
{
	return libsass_version();
}
