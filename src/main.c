/* main.c: the command line: parses options and dispatches to build,
 * check, init and new. Exit status: 0 ok, 1 the site has errors, 2 usage. */
#include <sys/mman.h>
#include <sys/stat.h>

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <mimalloc.h>
#include <yaml.h>

#include "out/assets.h"
#include "build.h"
#include "completion.h"
#include "embed.h"
#include "output.h"
#include "path.h"
#include "pool.h"
#include "signals.h"
#include "out/pdf/pdf.h"
#include "templates/render.h"
#include "samples/sandbox.h"
#include "serve/serve.h"
#include "site.h"
#include "suggest.h"

static const char *const commands[] = {
	"build", "check", "samples", "init", "new", "completion", "serve"
};
#define NCOMMANDS	(sizeof(commands) / sizeof(commands[0]))

static const char usage_text[] =
"usage: sitegen [options] build [--force]\n"
"       sitegen [options] check\n"
"       sitegen [options] serve [--bind ADDR] [--port N] [--open]\n"
"       sitegen [options] samples [--bless[=all]] [--export DIR]\n"
"       sitegen [options] pdf\n"
"       sitegen [options] slides\n"
"       sitegen init DIR\n"
"       sitegen [--root DIR] new content/PATH.md\n"
"       sitegen completion bash|zsh|fish\n"
"       sitegen --version | --help\n"
"\n"
"commands:\n"
"  build          build the site into public/ (replaced only on success)\n"
"    --force      replace an output folder that sitegen did not make\n"
"  check          build in memory and report every problem; write nothing\n"
"  serve          build, serve on 127.0.0.1:1313, rebuild on every edit and\n"
"                 reload the open pages (public/ is not touched)\n"
"    --bind ADDR  the address to listen on (default: 127.0.0.1)\n"
"    --port N     the first port to try (default: 1313; 0: any free one)\n"
"    --open       open the site in the browser\n"
"  samples        compile, run and check only the C samples\n"
"    --bless      write the output each sample printed into its output block\n"
"    --bless=all  also add an output block to a sample that has none\n"
"    --export DIR write each sample as a project to build and debug\n"
"  pdf            write only the handout PDFs, into OUT/handouts/\n"
"  slides         write only the slide decks, into OUT/slides/\n"
"  init DIR       make a new site in DIR with the default theme\n"
"  new PATH.md    make a new page with front matter\n"
"  completion SH  print the completion script for bash, zsh or fish\n"
"\n"
"options:\n"
"  --root DIR     the site's root (default: the current directory)\n"
"  --out DIR      the output directory (default: ROOT/public)\n"
"  --jobs N       worker threads (default: the number of CPUs)\n"
"  --drafts       include pages with 'draft: true'\n"
"  --future       include pages dated after now (or SOURCE_DATE_EPOCH)\n"
"  --base-url URL override base_url of site.yml\n"
"  --quiet        print only errors and warnings\n"
"  --verbose      say more\n"
"  --format FMT   how errors and warnings are printed: text (default), or\n"
"                 json (one object a line on stdout, for CI and editors)\n"
"  --version      print versions and exit\n"
"  --help         print this help and exit\n";

static int
usage(const char *msg)
{
	if (msg)
		fprintf(stderr, "sitegen: %s\n", msg);
	fputs(usage_text, stderr);
	return 2;
}

static void
version(void)
{
	int	 major, minor, patch;

	yaml_get_version(&major, &minor, &patch);
	printf("sitegen %s\n", SG_VERSION);
	printf("cmark-gfm %s\n", sg_md_version());
	printf("libyaml %d.%d.%d\n", major, minor, patch);
	printf("%s\n", sg_render_lua_version());
	printf("%s\n", sg_assets_sass_version());
	printf("%s\n", sg_pdf_version());
	printf("%s\n", sg_sandbox_describe());
}

static int
write_new(const char *path, const char *text, size_t len)
{
	char	*dir = sg_path_dir(path);
	int	 rc = *dir ? sg_mkdirs(dir) : 0;

	free(dir);
	if (rc == -1 || sg_file_write(path, text, len) == -1) {
		fprintf(stderr, "sitegen: cannot write %s: %s\n", path,
		    strerror(errno));
		return -1;
	}
	return 0;
}

static const char init_site[] =
"title: My documentation\n"
"description: What this site is about, in one sentence.\n"
"base_url: /            # the site's address (https://…/) makes sitemap.xml and atom.xml\n"
"language: en           # the theme's words: en, de, es, fr, ja or zh (i18n/)\n"
"theme: default\n";

static const char init_index[] =
"---\n"
"title: Welcome\n"
"description: The home page.\n"
"---\n"
"\n"
"This is the home page. Start with [the first page](getting-started.md).\n";

static const char init_page[] =
"---\n"
"title: Getting started\n"
"description: A first page to edit.\n"
"weight: 1\n"
"---\n"
"\n"
"Edit `content/getting-started.md` and run `sitegen build`.\n"
"\n"
"> [!TIP]\n"
"> Link to other pages by their `.md` path: sitegen checks the links.\n";

/* sitegen init DIR: a site that builds, with the default theme. */
static int
cmd_init(const char *dir)
{
	const struct sg_embed	*e;
	char			*path;
	int			 rc = 0;
	struct stat		 st;

	if (stat(dir, &st) == 0) {
		path = sg_path_join(dir, "site.yml");
		if (access(path, F_OK) == 0) {
			fprintf(stderr, "sitegen: %s already holds a site\n",
			    dir);
			free(path);
			return 1;
		}
		free(path);
	}
	path = sg_path_join(dir, "site.yml");
	rc |= write_new(path, init_site, sizeof(init_site) - 1);
	free(path);
	path = sg_path_join(dir, "content/_index.md");
	rc |= write_new(path, init_index, sizeof(init_index) - 1);
	free(path);
	path = sg_path_join(dir, "content/getting-started.md");
	rc |= write_new(path, init_page, sizeof(init_page) - 1);
	free(path);
	for (e = sg_embedded; e->path; e++) {
		if (!sg_starts_with(e->path, "themes/default/"))
			continue;
		path = sg_path_join(dir, e->path);
		rc |= write_new(path, (const char *)e->data, e->len);
		free(path);
	}
	if (rc == 0)
		printf("made a new site in %s: cd %s && sitegen build\n", dir,
		    dir);
	return rc ? 1 : 0;
}

/* The title of a new page: from its file name, or for a section's own
 * page (_index.md, index.md, README.md) from its folder's name, as a
 * listing shows it: "getting-started.md" -> "Getting started". The
 * caller frees it. */
static char *
new_title(const char *rel)
{
	const char	*base = sg_path_base(rel);
	char		*dir, *title, *s;

	if (!strcmp(base, "_index.md") || !strcmp(base, "index.md") ||
	    !strcmp(base, "README.md")) {
		dir = sg_path_dir(rel);
		title = strcmp(dir, "content") ? xstrdup(sg_path_base(dir)) :
		    xstrdup("Home");
		free(dir);
	} else
		title = xstrndup(base, strlen(base) - 3);
	for (s = title; *s; s++)
		if (*s == '-' || *s == '_')
			*s = ' ';
	if (title[0] >= 'a' && title[0] <= 'z')
		title[0] = (char)(title[0] - 'a' + 'A');
	return title;
}

/* sitegen new content/x/y.md: a page with front matter, in a site (a
 * folder with site.yml) only. */
static int
cmd_new(const char *root, const char *rel)
{
	struct sg_buf	 b = { 0 };
	char		*path, *title, *s, date[16];
	time_t		 t = time(NULL);
	struct tm	 tm;

	if (!sg_starts_with(rel, "content/") || !sg_ends_with(rel, ".md") ||
	    strstr(rel, "..")) {
		fprintf(stderr, "sitegen: new: give a path like "
		    "content/guide/page.md\n");
		return 2;
	}
	path = sg_path_join(root, "site.yml");
	if (access(path, F_OK) != 0) {
		fprintf(stderr, "sitegen: new: %s is not a site (it has no "
		    "site.yml): run sitegen new in a site's root, or give "
		    "--root; sitegen init DIR makes a site\n", root);
		free(path);
		return 1;
	}
	free(path);
	path = sg_path_join(root, rel);
	if (access(path, F_OK) == 0) {
		fprintf(stderr, "sitegen: %s already exists\n", rel);
		free(path);
		return 1;
	}
	title = new_title(rel);
	gmtime_r(&t, &tm);
	strftime(date, sizeof(date), "%Y-%m-%d", &tm);
	sg_buf_puts(&b, "---\ntitle: \"");
	for (s = title; *s; s++) {
		if (*s == '"' || *s == '\\')
			sg_buf_putc(&b, '\\');
		sg_buf_putc(&b, *s);
	}
	sg_buf_printf(&b, "\"\ndescription: \"\"\ndate: %s\ndraft: true\n"
	    "---\n\n", date);
	if (write_new(path, b.data, b.len) == 0)
		printf("made %s (a draft: build with --drafts to see it)\n",
		    rel);
	sg_buf_free(&b);
	free(title);
	free(path);
	return 0;
}

/* An unknown command: name it and suggest the closest one, without the
 * whole usage. */
static int
unknown_command(const char *cmd)
{
	const char	*best = sg_suggest(cmd, commands, NCOMMANDS);

	if (best)
		fprintf(stderr, "sitegen: unknown command '%s': did you mean "
		    "'%s'? (sitegen --help lists the commands)\n", cmd, best);
	else
		fprintf(stderr, "sitegen: unknown command '%s': the commands "
		    "are build, check, samples, serve, init, new and completion "
		    "(sitegen --help says more)\n", cmd);
	return 2;
}

/* Reads the options of argv into *opt and *sopt. Returns -1 to go on
 * with the command at argv[optind], or the exit status for --help,
 * --version and a usage error. */
static int
options(int argc, char *argv[], struct sg_options *opt,
    struct sg_serve_opts *sopt)
{
	static const struct option longopts[] = {
		{ "root", required_argument, NULL, 'r' },
		{ "out", required_argument, NULL, 'o' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "drafts", no_argument, NULL, 'd' },
		{ "base-url", required_argument, NULL, 'b' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "version", no_argument, NULL, 'V' },
		{ "help", no_argument, NULL, 'h' },
		{ "bless", optional_argument, NULL, 'B' },
		{ "export", required_argument, NULL, 'E' },
		{ "future", no_argument, NULL, 'F' },
		{ "format", required_argument, NULL, 'M' },
		{ "force", no_argument, NULL, 'f' },
		{ "bind", required_argument, NULL, 'A' },
		{ "port", required_argument, NULL, 'P' },
		{ "open", no_argument, NULL, 'O' },
		{ NULL, 0, NULL, 0 }
	};
	char		*end;
	long		 n;
	int		 c;

	while ((c = getopt_long(argc, argv, "r:o:j:db:qvVh", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'r':
			opt->root = optarg;
			break;
		case 'o':
			opt->out = optarg;
			break;
		case 'j':
			n = strtol(optarg, &end, 10);
			if (*end != '\0' || n < 1 || n > 256)
				return usage("--jobs takes a number from 1 "
				    "to 256");
			opt->jobs = (int)n;
			break;
		case 'd':
			opt->drafts = 1;
			break;
		case 'b':
			opt->base_url = optarg;
			break;
		case 'q':
			opt->quiet = 1;
			break;
		case 'v':
			opt->verbose = 1;
			break;
		case 'F':
			opt->future = 1;
			break;
		case 'f':
			opt->force = 1;
			break;
		case 'B':
			if (optarg != NULL && strcmp(optarg, "all") != 0)
				return usage("--bless takes no value but "
				    "'all' (--bless=all)");
			opt->bless = optarg ? SG_BLESS_ALL : SG_BLESS_EXISTING;
			break;
		case 'E':
			opt->export_dir = optarg;
			break;
		case 'M':
			if (strcmp(optarg, "json") != 0 &&
			    strcmp(optarg, "text") != 0)
				return usage("--format takes text or json");
			opt->json = !strcmp(optarg, "json");
			break;
		case 'A':
			sopt->bind = optarg;
			break;
		case 'P':
			n = strtol(optarg, &end, 10);
			if (*end != '\0' || n < 0 || n > 65535)
				return usage("--port takes a number from 0 "
				    "to 65535");
			sopt->port = (int)n;
			break;
		case 'O':
			sopt->open = 1;
			break;
		case 'V':
			version();
			return 0;
		case 'h':
			fputs(usage_text, stdout);
			return 0;
		default:
			return usage(NULL);
		}
	}
	return -1;
}

/*
 * Memory: mimalloc (src/Makefile). A build, which runs once and ends, asks
 * it for transparent huge pages (madvise(MADV_HUGEPAGE) on its segments),
 * to keep what it freed instead of giving it back to the kernel
 * (allow_decommit 0), and to commit a worker thread's first segment at
 * once like the main thread's (eager_commit_delay 0). Each page of memory
 * a build touches for the first time costs a page fault and the kernel's
 * zeroing of it: on a virtual machine whose page faults trap to the host,
 * a 4 kB fault took 14 us (a 200 MB region: 720 ms in 4 kB faults, 13 ms
 * in 2 MB ones), and the 45,000 to 52,000 faults of a build at 10,000
 * pages were a fifth of its time. With these settings a build makes
 * about 1,300 faults and zeroes 172-180 MB in huge pages for a peak of
 * 180 (one worker) to 225 MB (two); side by side, five rounds on two
 * workers, it took 1.04-1.84 s against 1.38-2.11 s.
 *
 * Huge pages alone were the default once and were turned off on another
 * machine, where a build zeroed 1.2 GB in them for a 200 MB peak: freed
 * segments went back to the kernel and came back as new huge pages to
 * zero again. Keeping freed memory is what bounds the zeroing by the
 * peak. serve runs on, so it keeps mimalloc's defaults and gives memory
 * back. The environment (MIMALLOC_LARGE_OS_PAGES=0 and the like) still
 * wins over these defaults. Weak, as the sanitizer builds link no
 * mimalloc.
 */
#pragma weak mi_option_set_default
#pragma weak mi_option_is_enabled

/* The segment mimalloc took before main(), when the option was still
 * off, gets the same advice: the anonymous mapping a new block lies in,
 * found in /proc/self/maps. */
static void
huge_first_segment(void)
{
	char		 line[512];
	uintptr_t	 at, lo, hi;
	void		*p = malloc(64);
	FILE		*fp;

	if (p == NULL || (fp = fopen("/proc/self/maps", "re")) == NULL) {
		free(p);
		return;
	}
	at = (uintptr_t)p;
	while (fgets(line, sizeof(line), fp) != NULL)
		if (sscanf(line, "%" SCNxPTR "-%" SCNxPTR, &lo, &hi) == 2 &&
		    lo <= at && at < hi) {
			madvise((void *)lo, hi - lo, MADV_HUGEPAGE);
			break;
		}
	fclose(fp);
	free(p);
}

/* For the commands that build once and end; serve, and those that make
 * no site (init, new, completion), keep mimalloc's defaults. */
static void
memory_for(const char *cmd)
{
	if (mi_option_set_default == NULL || (strcmp(cmd, "build") &&
	    strcmp(cmd, "check") && strcmp(cmd, "samples") &&
	    strcmp(cmd, "pdf") && strcmp(cmd, "slides")))
		return;
	mi_option_set_default(mi_option_large_os_pages, 1);
	mi_option_set_default(mi_option_allow_decommit, 0);
	mi_option_set_default(mi_option_eager_commit_delay, 0);
	if (mi_option_is_enabled(mi_option_large_os_pages))
		huge_first_segment();
}

int
main(int argc, char *argv[])
{
	struct sg_options	 opt;
	struct sg_serve_opts	 sopt = { NULL, 1313, 0 };
	const char		*cmd;
	int			 rc;

	memset(&opt, 0, sizeof(opt));
	opt.root = ".";
	opt.jobs = sg_pool_cpus();
	opt.color = isatty(STDERR_FILENO) && getenv("NO_COLOR") == NULL;
#if !defined(__SANITIZE_ADDRESS__)
	/* a build is the last thing this process does; the sanitizers'
	 * build frees everything, for the leak checker to see each block */
	opt.exits = 1;
#endif
	if ((rc = options(argc, argv, &opt, &sopt)) != -1)
		return rc;
	if (optind >= argc)
		return usage("no command given");
	cmd = argv[optind++];
	memory_for(cmd);
	if (opt.force && strcmp(cmd, "build") != 0)
		return usage("--force goes with build");
	if ((sopt.bind || sopt.port != 1313 || sopt.open) &&
	    strcmp(cmd, "serve") != 0)
		return usage("--bind, --port and --open go with serve");
	if ((opt.bless || opt.export_dir) && strcmp(cmd, "samples") != 0)
		return usage("--bless and --export go with samples");
	if (!strcmp(cmd, "build") || !strcmp(cmd, "check") ||
	    !strcmp(cmd, "samples"))
		sg_signals_trap();
	if (!strcmp(cmd, "build") || !strcmp(cmd, "check")) {
		if (optind != argc)
			return usage("build and check take no arguments");
		opt.dry_run = !strcmp(cmd, "check");
		return sg_build(&opt);
	}
	if (!strcmp(cmd, "serve")) {
		if (optind != argc)
			return usage("serve takes no arguments");
		return sg_serve(&opt, &sopt);
	}
	if (!strcmp(cmd, "samples")) {
		if (optind != argc)
			return usage("samples takes no arguments");
		opt.samples_only = 1;
		opt.dry_run = 1;
		return sg_build(&opt);
	}
	if (!strcmp(cmd, "pdf")) {
		if (optind != argc)
			return usage("pdf takes no arguments");
		opt.pdf_only = 1;
		return sg_build(&opt);
	}
	if (!strcmp(cmd, "slides")) {
		if (optind != argc)
			return usage("slides takes no arguments");
		opt.slides_only = 1;
		return sg_build(&opt);
	}
	if (!strcmp(cmd, "init"))
		return optind + 1 == argc ? cmd_init(argv[optind]) :
		    usage("init takes one folder");
	if (!strcmp(cmd, "new"))
		return optind + 1 == argc ? cmd_new(opt.root, argv[optind]) :
		    usage("new takes one path, like content/guide/page.md");
	if (!strcmp(cmd, "completion")) {
		if (optind + 1 != argc ||
		    sg_completion_print(stdout, argv[optind]) == -1)
			return usage("completion takes one shell: bash, zsh or "
			    "fish");
		return 0;
	}
	return unknown_command(cmd);
}
