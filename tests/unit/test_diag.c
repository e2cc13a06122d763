/* test_diag.c: unit tests for diagnostics (diag.h): the gcc-style forms
 * of a message, sorting by file, line and column, dropping repeats,
 * warnings and notes, colour, and the error count. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "harness.h"

static char	*text;		/* what the diag under test printed */
static size_t	 textlen;
static FILE	*fp;

static struct sg_diag *
open_diag(int color)
{
	text = NULL;
	if ((fp = open_memstream(&text, &textlen)) == NULL) {
		perror("open_memstream");
		exit(2);
	}
	return sg_diag_new(fp, color);
}

/* Flushes d, checks what it printed since the last call, frees d. */
#define CHECK_PRINTED(d, want) do {					\
	sg_diag_flush(d);						\
	CHECK_STR(text, want);						\
	sg_diag_free(d);						\
	fclose(fp);							\
	free(text);							\
} while (0)

static void
test_forms(void)
{
	struct sg_diag	*d = open_diag(0);
	struct sg_loc	 full = { "content/a.md", 3, 5 };
	struct sg_loc	 noline = { "site.yml", 0, 0 };
	struct sg_loc	 nocol = { "templates/page.html", 7, 0 };
	struct sg_loc	 nofile = { NULL, 4, 2 };

	sg_diag_error(d, &full, "bad %s", "thing");
	sg_diag_error(d, &noline, "cannot read: %s", "No such file");
	sg_diag_error(d, &nocol, "no column");
	sg_diag_error(d, &nofile, "no file");	/* line 4 sorts after 0 */
	sg_diag_error(d, NULL, "no place at all (%d)", 42);
	CHECK_PRINTED(d,
	    "sitegen: error: no place at all (42)\n"
	    "sitegen: error: no file\n"
	    "content/a.md:3:5: error: bad thing\n"
	    "site.yml: error: cannot read: No such file\n"
	    "templates/page.html:7:1: error: no column\n");
}

static void
test_warnings_and_notes(void)
{
	struct sg_diag	*d = open_diag(0);
	struct sg_loc	 a = { "content/a.md", 2, 1 };
	struct sg_loc	 b = { "content/b.md", 0, 0 };

	sg_diag_warn(d, &a, "image without alt text");
	sg_diag_warn(d, &b, "empty page");
	sg_diag_warn(d, NULL, "no theme");
	sg_diag_note(d, "3 pages");
	sg_diag_error(d, &a, "an error after a warning");
	CHECK(sg_diag_errors(d) == 1);
	CHECK_PRINTED(d,
	    "3 pages\n"
	    "sitegen: warning: no theme\n"
	    "content/a.md:2:1: error: an error after a warning\n"
	    "content/a.md:2:1: warning: image without alt text\n"
	    "content/b.md: warning: empty page\n");
}

static void
test_sorted(void)
{
	struct sg_diag	*d = open_diag(0);
	struct sg_loc	 locs[] = {
		{ "content/b.md", 10, 1 },
		{ "content/a.md", 2, 9 },
		{ "content/b.md", 9, 30 },
		{ "content/a.md", 2, 10 },
		{ "content/a.md", 12, 1 },
		{ "content/a.md", 2, 1 },
		{ "content/a/z.md", 1, 1 },
		{ "content/B.md", 1, 1 },
	};
	size_t		 i;

	for (i = 0; i < sizeof(locs) / sizeof(locs[0]); i++)
		sg_diag_error(d, &locs[i], "message %zu", i);
	CHECK(sg_diag_errors(d) == 8);
	CHECK_PRINTED(d,
	    "content/B.md:1:1: error: message 7\n"
	    "content/a.md:2:1: error: message 5\n"
	    "content/a.md:2:9: error: message 1\n"
	    "content/a.md:2:10: error: message 3\n"
	    "content/a.md:12:1: error: message 4\n"
	    "content/a/z.md:1:1: error: message 6\n"
	    "content/b.md:9:30: error: message 2\n"
	    "content/b.md:10:1: error: message 0\n");
}

/* At one place, messages come in text order, whatever order they were
 * reported in (so the report does not depend on the workers). */
static void
test_same_place(void)
{
	struct sg_diag	*d = open_diag(0);
	struct sg_loc	 at = { "x.md", 1, 1 };

	sg_diag_error(d, &at, "zebra");
	sg_diag_error(d, &at, "apple");
	sg_diag_error(d, &at, "mango");
	CHECK_PRINTED(d,
	    "x.md:1:1: error: apple\n"
	    "x.md:1:1: error: mango\n"
	    "x.md:1:1: error: zebra\n");
}

static void
test_duplicates(void)
{
	struct sg_diag	*d = open_diag(0);
	struct sg_loc	 a = { "a.md", 1, 2 }, a2 = { "a.md", 1, 2 };
	struct sg_loc	 other = { "a.md", 1, 3 };
	char		 name[] = "b.md";
	struct sg_loc	 b = { name, 5, 1 };

	sg_diag_error(d, &a, "same");
	sg_diag_error(d, &other, "same");	/* another column: kept */
	sg_diag_error(d, &a2, "same");		/* equal loc, other struct */
	sg_diag_warn(d, &a, "same");		/* a warning is not an error */
	sg_diag_error(d, &a, "different");
	sg_diag_error(d, &b, "copied file name");
	name[0] = 'c';				/* the file name was copied */
	sg_diag_error(d, &b, "copied file name");
	sg_diag_error(d, NULL, "nowhere");
	sg_diag_error(d, NULL, "nowhere");
	CHECK_PRINTED(d,
	    "sitegen: error: nowhere\n"
	    "a.md:1:2: error: different\n"
	    "a.md:1:2: error: same\n"
	    "a.md:1:2: warning: same\n"
	    "a.md:1:3: error: same\n"
	    "b.md:5:1: error: copied file name\n"
	    "c.md:5:1: error: copied file name\n");
}

static void
test_errors_count(void)
{
	struct sg_diag	*d = open_diag(0);
	struct sg_loc	 a = { "a.md", 1, 1 };

	CHECK(sg_diag_errors(d) == 0);
	sg_diag_warn(d, &a, "w");
	sg_diag_note(d, "n");
	CHECK(sg_diag_errors(d) == 0);
	sg_diag_error(d, &a, "e1");
	sg_diag_error(d, NULL, "e2");
	CHECK(sg_diag_errors(d) == 2);
	/* the count outlives a flush, which forgets the messages */
	sg_diag_flush(d);
	CHECK(sg_diag_errors(d) == 2);
	fflush(fp);
	CHECK_STR(text, "sitegen: error: e2\nn\na.md:1:1: error: e1\n"
	    "a.md:1:1: warning: w\n");
	sg_diag_error(d, &a, "e3");
	CHECK(sg_diag_errors(d) == 3);
	CHECK_PRINTED(d, "sitegen: error: e2\nn\na.md:1:1: error: e1\n"
	    "a.md:1:1: warning: w\na.md:1:1: error: e3\n");
}

static void
test_color(void)
{
	struct sg_diag	*d = open_diag(1);
	struct sg_loc	 a = { "a.md", 1, 2 };

	sg_diag_error(d, &a, "red");
	sg_diag_warn(d, &a, "magenta");
	sg_diag_note(d, "plain");
	CHECK_PRINTED(d,
	    "plain\n"
	    "a.md:1:2: \033[1;35mwarning:\033[0m magenta\n"
	    "a.md:1:2: \033[1;31merror:\033[0m red\n");
}

/* Flushing a collector that never got a message prints nothing (and
 * must not hand qsort a NULL array: the sanitizer build aborts on it). */
static void
test_flush_empty(void)
{
	struct sg_diag	*d = open_diag(0);

	CHECK(sg_diag_errors(d) == 0);
	CHECK_PRINTED(d, "");
}

/* Many messages in one file: the first 100 in line order (whatever the
 * order they came in), then how many more there were. */
static void
test_many(void)
{
	struct sg_diag	*d = open_diag(0);
	struct sg_loc	 at = { "big.md", 0, 1 };
	char		*want, *p;
	int		 i;

	/* reported backwards, printed in line order */
	for (i = 1000; i >= 1; i--) {
		at.line = i;
		sg_diag_error(d, &at, "line %d", i);
		if (i % 3 == 0)
			sg_diag_warn(d, &at, "warn %d", i);
		sg_diag_error(d, &at, "line %d", i);	/* a repeat */
	}
	at.file = "small.md";
	at.line = 1;
	sg_diag_error(d, &at, "alone");
	CHECK(sg_diag_errors(d) == 1001);
	want = malloc(200 * 60);
	for (p = want, i = 1; i <= 75; i++) {
		p += sprintf(p, "big.md:%d:1: error: line %d\n", i, i);
		if (i % 3 == 0)
			p += sprintf(p, "big.md:%d:1: warning: warn %d\n", i, i);
	}
	p += sprintf(p, "big.md: note: 925 more errors and 308 more warnings "
	    "here are not shown (the first 100 are)\n");
	sprintf(p, "small.md:1:1: error: alone\n");
	CHECK_PRINTED(d, want);
	free(want);
	sg_diag_free(NULL);
}

/* --format json: one object a line, strings escaped, notes still text,
 * the rule named or "build". */
static void
test_json(void)
{
	struct sg_diag	*d = open_diag(0);
	struct sg_loc	 full = { "content/a \"b\".md", 3, 5 };
	char		*js = NULL;
	size_t		 jslen;
	FILE		*jfp = open_memstream(&js, &jslen);

	sg_diag_set_json(d, jfp);
	sg_diag_rule(d, &full, 1, "aws-access-key-id", "key\\ %s\n\tend",
	    "AKIA");
	sg_diag_warn(d, NULL, "no place");
	sg_diag_note(d, "a note");
	sg_diag_flush(d);
	fclose(jfp);
	CHECK_STR(js,
	    "{\"file\":null,\"line\":0,\"col\":0,\"severity\":\"warning\","
	    "\"rule\":\"build\",\"message\":\"no place\"}\n"
	    "{\"file\":\"content/a \\\"b\\\".md\",\"line\":3,\"col\":5,"
	    "\"severity\":\"error\",\"rule\":\"aws-access-key-id\","
	    "\"message\":\"key\\\\ AKIA\\n\\tend\"}\n");
	CHECK(sg_diag_errors(d) == 1 && sg_diag_warnings(d) == 1);
	free(js);
	CHECK_PRINTED(d, "a note\n");
}

/* What a worker process hands over keeps the counts of what it did not
 * show. */
static void
test_export_counts(void)
{
	struct sg_diag	*w = sg_diag_new(stderr, 0), *d = open_diag(0);
	struct sg_loc	 at = { "big.md", 0, 1 };
	struct sg_buf	 b = { 0 };
	struct sg_rd	 r;
	char		*want, *p;
	int		 i;

	for (i = 1; i <= 150; i++) {
		at.line = i;
		sg_diag_error(w, &at, "line %d", i);
	}
	sg_diag_export(w, &b);
	r.p = b.data;
	r.e = b.data + b.len;
	r.bad = 0;
	CHECK(sg_diag_import(d, &r) == 0);
	CHECK(sg_diag_errors(d) == 150);
	want = malloc(120 * 40);
	for (p = want, i = 1; i <= 100; i++)
		p += sprintf(p, "big.md:%d:1: error: line %d\n", i, i);
	sprintf(p, "big.md: note: 50 more errors and 0 more warnings here are "
	    "not shown (the first 100 are)\n");
	CHECK_PRINTED(d, want);
	free(want);
	sg_buf_free(&b);
	sg_diag_free(w);
}

int
main(void)
{
	/* line-buffered: a sanitizer abort must not eat the "ok" lines */
	setvbuf(stdout, NULL, _IOLBF, 0);
	TEST(test_forms);
	TEST(test_warnings_and_notes);
	TEST(test_sorted);
	TEST(test_same_place);
	TEST(test_duplicates);
	TEST(test_errors_count);
	TEST(test_color);
	TEST(test_many);
	TEST(test_export_counts);
	TEST(test_flush_empty);
	TEST(test_json);
	HARNESS_EXIT();
}
