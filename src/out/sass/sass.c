/* sass.c: the Sass module (sass.h): compiles one .scss file with
 * libsass. The only file that includes sass.h of libsass. */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sass.h>

#include "out/sass/sass.h"
#include "path.h"
#include "util.h"

const char sgx_sass_abi[] = SG_MODULE_ABI;

/* What the importer is given: the folders a style sheet may import from;
 * and what it gives back. */
struct import_dirs {
	char			**dir;	/* the site's scss/, the theme's */
	size_t			 n;
	Sass_Import_List	 failed;/* an error, for the caller to free:
					 * libsass throws before it would */
};

/* Does libsass leave url to the browser as a plain CSS @import, reading
 * no file: a URL with a scheme ("https://…"), one that starts "//", or a
 * name that ends ".css"? */
static int
plain_css(const char *url)
{
	const char	*p = url;
	size_t		 n = strlen(url);

	while (isalnum((unsigned char)*p) || *p == '+' || *p == '-' ||
	    *p == '.')
		p++;
	return (p > url && !strncmp(p, "://", 3)) ||
	    !strncmp(url, "//", 2) || (n > 4 && !strcmp(url + n - 4, ".css"));
}

/* Is path a regular file inside one of the folders of dirs? */
static int
inside_dirs(const struct import_dirs *dirs, const char *path)
{
	size_t	 i;

	for (i = 0; i < dirs->n; i++)
		if (sg_path_file_inside(dirs->dir[i], path))
			return 1;
	return 0;
}

/* One import that is the error msg (freed here) at the @import of url,
 * noted in dirs to be freed after the compile. */
static Sass_Import_List
import_error(struct import_dirs *dirs, const char *url, char *msg)
{
	Sass_Import_List	 list = sass_make_import_list(1);

	list[0] = sass_make_import_entry(url, NULL, NULL);
	sass_import_set_error(list[0], msg, (size_t)-1, (size_t)-1);
	free(msg);
	if (dirs->failed)
		sass_delete_import_list(dirs->failed);
	dirs->failed = list;
	return list;
}

/* The import of url, the file at path whose text is text (copied), as
 * libsass takes it. libsass frees it, but not when parsing the text
 * throws an error (its call_loader deletes the list after the parse):
 * tests/lsan.supp names this function for that leak of a failed build. */
static Sass_Import_List
import_text(const char *url, const char *path, const char *text)
{
	Sass_Import_List	 list = sass_make_import_list(1);

	list[0] = sass_make_import(url, path, sass_copy_c_string(text), NULL);
	return list;
}

/* What an import names in one folder: the first two files, and how many. */
struct found {
	char	*path[2];
	int	 n;
};

/* Notes dir/base+pre+name+ext in *f if something that is not a folder is
 * there (a FIFO is found, to be refused, as libsass would take it). dir
 * is "" for an absolute base. */
static void
try_file(struct found *f, const char *dir, const char *base,
    const char *pre, const char *name, const char *ext)
{
	struct stat	 st;
	char		*p;

	p = xasprintf("%s%s%s%s%s%s", dir, *dir ? "/" : "", base, pre, name,
	    ext);
	if (stat(p, &st) == -1 || S_ISDIR(st.st_mode)) {
		free(p);
		return;
	}
	if (f->n < 2)
		f->path[f->n] = p;
	else
		free(p);
	f->n++;
}

/* The files an import of base+name names in dir, in libsass's order (its
 * resolve_includes): the name as written, then with "_" before it, then
 * with "_" and each suffix, then with each suffix; when none is there,
 * the folder name's _index and index with each suffix. */
static void
find_in(struct found *f, const char *dir, const char *base,
    const char *name)
{
	static const char *const sfx[] = { ".scss", ".sass", ".css" };
	char	*sub;
	size_t	 i;

	try_file(f, dir, base, "", name, "");
	try_file(f, dir, base, "_", name, "");
	for (i = 0; i < 3; i++)
		try_file(f, dir, base, "_", name, sfx[i]);
	for (i = 0; i < 3; i++)
		try_file(f, dir, base, "", name, sfx[i]);
	for (i = 0; i < 3; i++)
		if (sg_ends_with(name, sfx[i]))
			return;
	if (f->n > 0)
		return;
	sub = xasprintf("%s%s/", base, name);
	for (i = 0; i < 3; i++)
		try_file(f, dir, sub, "_", "index", sfx[i]);
	for (i = 0; i < 3; i++)
		try_file(f, dir, sub, "", "index", sfx[i]);
	free(sub);
}

/* Finds the files an import of url names, as libsass would: in the folder
 * of the file that imports it (from), else in each folder of dirs in
 * turn; an absolute url only where it says. libsass's own finder for
 * importers, sass_compiler_find_include, looks in the working folder
 * first: a build run from a folder with a _settings.scss took that one
 * for the theme's "settings". */
static void
find(struct found *f, const char *from, const struct import_dirs *dirs,
    const char *url)
{
	const char	*slash = strrchr(url, '/'), *name, *up;
	char		*base, *dir;
	size_t		 i;

	name = slash ? slash + 1 : url;
	up = from ? strrchr(from, '/') : NULL;
	memset(f, 0, sizeof(*f));
	base = xstrndup(url, slash ? (size_t)(slash - url) + 1 : 0);
	if (*url == '/') {
		find_in(f, "", base, name);
		free(base);
		return;
	}
	dir = up && up > from ? xstrndup(from, (size_t)(up - from)) :
	    xstrdup(up ? "/" : ".");
	find_in(f, dir, base, name);
	free(dir);
	for (i = 0; f->n == 0 && i < dirs->n; i++)
		find_in(f, dirs->dir[i], base, name);
	free(base);
}

/*
 * Every import goes through here, so that none reads a file outside the
 * site's and the theme's scss/ folders: libsass alone would read any
 * path it is given (@import "/etc/hostname", a link in scss/ that leads
 * out of it) and quote its first bytes in an error or publish it, and
 * would hang on a FIFO. This finds the file as libsass would (find),
 * checks it (sg_path_file_inside: a regular file, its links followed,
 * inside one of those folders), reads it and gives libsass the text.
 *
 * "overrides", the one file a site writes to change the theme's
 * settings and colours (scss/_overrides.scss, which the theme's
 * main.scss imports after its own), is an empty file when the site has
 * none. A plain CSS import, which libsass leaves to the browser, is left
 * to libsass (NULL).
 */
static Sass_Import_List
import_checked(const char *url, Sass_Importer_Entry cb,
    struct Sass_Compiler *compiler)
{
	struct import_dirs	*dirs = sass_importer_get_cookie(cb);
	Sass_Import_List	 list;
	struct found		 f;
	char			*text;
	size_t			 len;
	int			 nul, line, col;

	if (plain_css(url))
		return NULL;
	find(&f, sass_import_get_abs_path(sass_compiler_get_last_import(
	    compiler)), dirs, url);
	if (f.n == 0 && strcmp(url, "overrides") == 0)
		list = import_text(url, url, "");
	else if (f.n == 0)
		list = import_error(dirs, url, xasprintf("no style sheet "
		    "\"%s\" to import in the site's or the theme's scss/ "
		    "folder", url));
	else if (f.n > 1)
		list = import_error(dirs, url, xasprintf("\"%s\" could be %s "
		    "or %s, side by side: rename one", url,
		    strrchr(f.path[0], '/') + 1, strrchr(f.path[1], '/') + 1));
	else if (!inside_dirs(dirs, f.path[0]))
		list = import_error(dirs, url, xasprintf("\"%s\" is not a "
		    "regular file inside the site's or the theme's scss/ "
		    "folder: a style sheet imports only from those", url));
	else if ((text = sg_file_read(f.path[0], &len)) == NULL)
		list = import_error(dirs, url, xasprintf("cannot read \"%s\": "
		    "%s", url, strerror(errno)));
	else {
		/* libsass reads a C string: a NUL would cut the rest off */
		if (sg_text_check(text, len, &nul, &line, &col) == -1)
			list = import_error(dirs, url, xasprintf("\"%s\" (%s) %s "
			    "(line %d, column %d)", url, strrchr(f.path[0],
			    '/') + 1, nul ? "may not hold a NUL byte" :
			    "is not UTF-8 text", line, col));
		else
			list = import_text(url, f.path[0], text);
		free(text);
	}
	free(f.path[0]);
	free(f.path[1]);
	return list;
}

static char *
dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

int
sgx_sass_compile(const char *path, const char *text, const char *include,
    struct sgx_sass_result *r)
{
	struct import_dirs		 dirs = { NULL, 0, NULL };
	struct Sass_Data_Context	*dc;
	struct Sass_Context		*c;
	struct Sass_Options		*opt;
	Sass_Importer_List		 importers;
	const char			*css, *d, *end;
	char				*cwd, *abs;
	size_t				 i;
	int				 rc = 0;

	memset(r, 0, sizeof(*r));
	for (d = include; *d; d = end ? end + 1 : d + strlen(d)) {
		end = strchr(d, ':');
		dirs.dir = xrealloc(dirs.dir, (dirs.n + 1) *
		    sizeof(*dirs.dir));
		dirs.dir[dirs.n++] = xstrndup(d, end ? (size_t)(end - d) :
		    strlen(d));
	}
	dc = sass_make_data_context(sass_copy_c_string(text));
	c = sass_data_context_get_context(dc);
	opt = sass_context_get_options(c);
	/* absolute, as libsass makes a file it reads itself: its errors
	 * name files so, and the caller takes the site root off */
	if (*path != '/' && (cwd = getcwd(NULL, 0)) != NULL) {
		abs = xasprintf("%s/%s", cwd, path);
		free(cwd);
	} else
		abs = xstrdup(path);
	sass_option_set_input_path(opt, abs);
	free(abs);
	sass_option_set_output_style(opt, SASS_STYLE_COMPRESSED);
	sass_option_set_precision(opt, 5);
	importers = sass_make_importer_list(1);
	sass_importer_set_list_entry(importers, 0,
	    sass_make_importer(import_checked, 1, &dirs));
	sass_option_set_c_importers(opt, importers);
	sass_compile_data_context(dc);
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
	sass_delete_data_context(dc);
	if (dirs.failed)
		sass_delete_import_list(dirs.failed);
	for (i = 0; i < dirs.n; i++)
		free(dirs.dir[i]);
	free(dirs.dir);
	return rc;
}

const char *
sgx_sass_version(void)
{
	return libsass_version();
}
