/* test_i18n.c: unit tests for the texts of the site's language (i18n.h):
 * the order the files are read in (the site's before the theme's, the
 * language before its first part before English), the forms by count,
 * and the names of the months in dates, '%' in a name included. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "harness.h"
#include "rmtree.h"
#include "site.h"
#include "site/i18n.h"
#include "sitefile.h"

static char		 root[] = "/tmp/sg-test-i18n-XXXXXX";
static struct sg_options opt;

/* A site in language lang with the theme "t", its config read. */
static struct sg_site *
load(const char *lang)
{
	struct sg_site	*site;
	char		*yml;

	yml = xasprintf("title: T\nbase_url: /\ntheme: t\nlanguage: %s\n",
	    lang);
	sitefile_put(root, "site.yml", yml);
	free(yml);
	opt.root = root;
	opt.jobs = 1;
	opt.quiet = 1;
	site = sg_site_new(&opt);
	sg_config_load(site);
	return site;
}

static void
test_order(void)
{
	struct sg_site		*site;
	const struct sg_i18n	*t;

	sitefile_put(root, "themes/t/templates/page.html", "x");
	sitefile_put(root, "themes/t/i18n/en.yml",
	    "a: theme en\nb: theme en\nc: theme en\nd: theme en\n");
	sitefile_put(root, "themes/t/i18n/pt.yml", "a: theme pt\nb: theme pt\n");
	sitefile_put(root, "i18n/pt.yml", "a: site pt\n");
	sitefile_put(root, "i18n/pt-br.yaml", "c: site pt-br\n");
	site = load("pt_BR");
	t = site->config.i18n;
	CHECK(sg_diag_errors(site->diag) == 0);
	CHECK_STR(sg_i18n_text(t, "a", -1, "?"), "site pt");
	CHECK_STR(sg_i18n_text(t, "b", -1, "?"), "theme pt");
	CHECK_STR(sg_i18n_text(t, "c", -1, "?"), "site pt-br");
	CHECK_STR(sg_i18n_text(t, "d", -1, "?"), "theme en");
	CHECK_STR(sg_i18n_text(t, "e", -1, "english"), "english");
	CHECK(sg_i18n_get(t, "e") == NULL);
	CHECK_STR(sg_i18n_where(t), "i18n/pt-br.yml or themes/t/i18n/pt-br.yml "
	    "or i18n/pt.yml or themes/t/i18n/pt.yml or i18n/en.yml or "
	    "themes/t/i18n/en.yml");
	sg_site_free(site);
}

static void
test_forms(void)
{
	struct sg_site		*site;
	const struct sg_i18n	*t;

	sitefile_put(root, "i18n/fr.yml", "n:\n  zero: aucun\n  one: un\n"
	    "  other: plusieurs\nm:\n  one: un\n  other: plusieurs\n"
	    "sure: yes\n");
	site = load("fr");
	t = site->config.i18n;
	CHECK(sg_diag_errors(site->diag) == 0);
	CHECK_STR(sg_i18n_text(t, "n", 0, "?"), "aucun");
	CHECK_STR(sg_i18n_text(t, "n", 1, "?"), "un");
	CHECK_STR(sg_i18n_text(t, "n", 2, "?"), "plusieurs");
	CHECK_STR(sg_i18n_text(t, "n", -1, "?"), "plusieurs");
	/* no zero form: zero is one of the others */
	CHECK_STR(sg_i18n_text(t, "m", 0, "?"), "plusieurs");
	/* a text YAML reads as a boolean keeps its spelling */
	CHECK_STR(sg_i18n_text(t, "sure", -1, "?"), "yes");
	sg_site_free(site);
}

static void
test_months(void)
{
	struct sg_site		*site;
	struct tm		 tm;
	char			 buf[64];

	sitefile_put(root, "i18n/xx.yml", "months: [a, b, c, d, e, f, g, h, "
	    "i, j, k, \"100%s\"]\n");
	site = load("xx");
	CHECK(sg_diag_errors(site->diag) == 0);
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = 126;
	tm.tm_mon = 11;
	tm.tm_mday = 3;
	CHECK(sg_i18n_strftime(site->config.i18n, buf, sizeof(buf),
	    "%-d %B %Y, %%B", &tm) > 0);
	CHECK_STR(buf, "3 100%s 2026, %B");
	tm.tm_mon = 0;
	CHECK(sg_i18n_strftime(site->config.i18n, buf, sizeof(buf), "%B",
	    &tm) > 0);
	CHECK_STR(buf, "a");
	/* without months, strftime's own (the C locale's) */
	CHECK(sg_i18n_strftime(NULL, buf, sizeof(buf), "%B", &tm) > 0);
	CHECK_STR(buf, "January");
	CHECK(sg_i18n_strftime(site->config.i18n, buf, 3, "%B %Y",
	    &tm) == 0);
	sg_site_free(site);
}

int
main(void)
{
	if (mkdtemp(root) == NULL)
		return 1;
	TEST(test_order);
	TEST(test_forms);
	TEST(test_months);
	sg_rm_tree(root);
	HARNESS_EXIT();
}
