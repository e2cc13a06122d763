/* baseline.c: the floor sitegen is measured against: a program that only
 * reads, parses, renders and writes each page with cmark-gfm, on N
 * threads, with no templates, links or anything else.
 * usage: baseline JOBS OUTDIR FILE... */
#include <sys/stat.h>

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

static char	**files;
static int	  nfiles;
static const char *outdir;
static atomic_int next;

static void *
work(void *arg)
{
	static const char *const ext[] = { "table", "strikethrough",
	    "autolink", "tagfilter", "tasklist" };
	char		 path[4096], *buf, *html;
	cmark_parser	*p;
	cmark_node	*doc;
	FILE		*fp;
	long		 len;
	int		 i, k;

	(void)arg;
	while ((i = atomic_fetch_add(&next, 1)) < nfiles) {
		if ((fp = fopen(files[i], "rb")) == NULL)
			continue;
		fseek(fp, 0, SEEK_END);
		len = ftell(fp);
		rewind(fp);
		buf = malloc((size_t)len + 1);
		len = (long)fread(buf, 1, (size_t)len, fp);
		fclose(fp);
		p = cmark_parser_new(CMARK_OPT_FOOTNOTES);
		for (k = 0; k < 5; k++)
			cmark_parser_attach_syntax_extension(p,
			    cmark_find_syntax_extension(ext[k]));
		cmark_parser_feed(p, buf, (size_t)len);
		doc = cmark_parser_finish(p);
		html = cmark_render_html(doc, CMARK_OPT_FOOTNOTES,
		    cmark_parser_get_syntax_extensions(p));
		snprintf(path, sizeof(path), "%s/%d.html", outdir, i);
		if ((fp = fopen(path, "wb")) != NULL) {
			fputs(html, fp);
			fclose(fp);
		}
		free(html);
		cmark_node_free(doc);
		cmark_parser_free(p);
		free(buf);
	}
	return NULL;
}

int
main(int argc, char *argv[])
{
	pthread_t	 t[64];
	int		 jobs, i;

	if (argc < 4)
		return 2;
	jobs = atoi(argv[1]);
	if (jobs < 1 || jobs > 64)
		return 2;
	outdir = argv[2];
	files = argv + 3;
	nfiles = argc - 3;
	mkdir(outdir, 0755);
	cmark_gfm_core_extensions_ensure_registered();
	for (i = 0; i < jobs; i++)
		pthread_create(&t[i], NULL, work, NULL);
	for (i = 0; i < jobs; i++)
		pthread_join(t[i], NULL);
	return 0;
}
