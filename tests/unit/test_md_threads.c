/* test_md_threads.c: Markdown rendering from several threads at once gives
 * the same HTML as from one. cmark-gfm keeps the extensions' special
 * characters in a global table that each parse adds to and clears; left
 * alone, one thread's parse ends another's strikethrough and autolinks. */
#include <pthread.h>
#include <stdlib.h>

#include "harness.h"
#include "site.h"

#define THREADS	4
#define ROUNDS	300

static const char doc[] = "~~old~~ new, www.example.com and a|b\n\n"
    "| x | y |\n| - | - |\n| 1 | ~~2~~ |\n";

static void *
work(void *arg)
{
	int	*bad = arg, i;
	char	*html;

	for (i = 0; i < ROUNDS; i++) {
		html = sg_md_to_html(NULL, doc, sizeof(doc) - 1);
		if (strstr(html, "<del>old</del>") == NULL ||
		    strstr(html, "<a href=\"http://www.example.com\">") ==
		    NULL || strstr(html, "<td><del>2</del></td>") == NULL)
			(*bad)++;
		free(html);
	}
	return NULL;
}

static void
test_parallel_extensions(void)
{
	pthread_t	 t[THREADS];
	int		 bad[THREADS] = { 0 }, i;

	sg_md_init();
	for (i = 0; i < THREADS; i++)
		pthread_create(&t[i], NULL, work, &bad[i]);
	for (i = 0; i < THREADS; i++) {
		pthread_join(t[i], NULL);
		CHECK(bad[i] == 0);
	}
}

int
main(void)
{
	TEST(test_parallel_extensions);
	HARNESS_EXIT();
}
