/* test_path.c: unit tests for the pure path helpers (path.h): joining,
 * normalising (and refusing paths that climb out), directory and base
 * names, URL slugs and GitHub-style heading ids. */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "path.h"
#include "util.h"

/* Checks a function returning a new string, then frees it. */
#define CHECK_OWNED(call, want) do {					\
	char	*o_ = (call);						\
									\
	CHECK_STR(o_, want);						\
	free(o_);							\
} while (0)

/* Checks that sg_path_normalize refuses p. */
#define CHECK_CLIMBS(p) do {						\
	char	*o_ = sg_path_normalize(p);				\
									\
	if (o_ != NULL) {						\
		printf("  %s:%d: normalize(\"%s\") = \"%s\", want NULL\n", \
		    __FILE__, __LINE__, (p), o_);			\
		harness_case_failed = 1;				\
	}								\
	free(o_);							\
} while (0)

static void
test_join(void)
{
	CHECK_OWNED(sg_path_join("a", "b"), "a/b");
	CHECK_OWNED(sg_path_join("a/b", "c.md"), "a/b/c.md");
	CHECK_OWNED(sg_path_join("a/", "b"), "a/b");
	CHECK_OWNED(sg_path_join("/", "b"), "/b");
	CHECK_OWNED(sg_path_join("", "b"), "b");
	CHECK_OWNED(sg_path_join(".", "b/c"), "b/c");
	CHECK_OWNED(sg_path_join("a", ""), "a");
	CHECK_OWNED(sg_path_join("", ""), "");
	CHECK_OWNED(sg_path_join("a", "../b"), "a/../b");	/* not folded */
}

static void
test_normalize(void)
{
	CHECK_OWNED(sg_path_normalize("a/b/c"), "a/b/c");
	CHECK_OWNED(sg_path_normalize("a/./b"), "a/b");
	CHECK_OWNED(sg_path_normalize("./a"), "a");
	CHECK_OWNED(sg_path_normalize("a/."), "a");
	CHECK_OWNED(sg_path_normalize("."), "");
	CHECK_OWNED(sg_path_normalize(""), "");
	CHECK_OWNED(sg_path_normalize("a//b"), "a/b");
	CHECK_OWNED(sg_path_normalize("a///b//c"), "a/b/c");
	CHECK_OWNED(sg_path_normalize("a/b/../c"), "a/c");
	CHECK_OWNED(sg_path_normalize("a/b/../../c"), "c");
	CHECK_OWNED(sg_path_normalize("a/.."), "");
	CHECK_OWNED(sg_path_normalize("a/b/.."), "a");
	CHECK_OWNED(sg_path_normalize("a/./b/./../c/."), "a/c");
	/* "..." and ".x" are ordinary names */
	CHECK_OWNED(sg_path_normalize("a/.../b"), "a/.../b");
	CHECK_OWNED(sg_path_normalize(".hidden/..x"), ".hidden/..x");
}

/* sg_path_normalize_in, in place and into another buffer, gives what
 * sg_path_normalize gives. */
static void
test_normalize_in(void)
{
	static const char *const paths[] = {
		"a/b/c", "a/./b", "./a", ".", "", "a//b", "a/b/../c",
		"a/b/../../c", "/a/..", "//a//b//", "a/b/./", "..", "../x",
		"a/../../b", "/../a", ".hidden/..x", "a/.../b", "x/y/z/../../w/"
	};
	char		 buf[64], out[64], *want;
	size_t		 i;

	for (i = 0; i < sizeof(paths) / sizeof(*paths); i++) {
		want = sg_path_normalize(paths[i]);
		strcpy(buf, paths[i]);
		if (want == NULL) {
			CHECK(sg_path_normalize_in(buf, buf) == NULL);
			CHECK(sg_path_normalize_in(out, paths[i]) == NULL);
			continue;
		}
		CHECK_STR(sg_path_normalize_in(buf, buf), want);
		CHECK_STR(sg_path_normalize_in(out, paths[i]), want);
		free(want);
	}
}

static void
test_normalize_slashes(void)
{
	/* a leading '/' is kept */
	CHECK_OWNED(sg_path_normalize("/a/b"), "/a/b");
	CHECK_OWNED(sg_path_normalize("//a//b"), "/a/b");
	CHECK_OWNED(sg_path_normalize("/"), "/");
	CHECK_OWNED(sg_path_normalize("/a/.."), "/");
	CHECK_OWNED(sg_path_normalize("/a/../b"), "/b");
	CHECK_OWNED(sg_path_normalize("/./a"), "/a");
	/* a trailing '/' is kept, once */
	CHECK_OWNED(sg_path_normalize("a/b/"), "a/b/");
	CHECK_OWNED(sg_path_normalize("a/b//"), "a/b/");
	CHECK_OWNED(sg_path_normalize("a/b/./"), "a/b/");
	CHECK_OWNED(sg_path_normalize("a/b/../"), "a/");
	CHECK_OWNED(sg_path_normalize("/a/"), "/a/");
	CHECK_OWNED(sg_path_normalize("//a//b//"), "/a/b/");
}

static void
test_normalize_climbs(void)
{
	CHECK_CLIMBS("..");
	CHECK_CLIMBS("../x");
	CHECK_CLIMBS("./../x");
	CHECK_CLIMBS("a/../../b");
	CHECK_CLIMBS("a/b/../../..");
	CHECK_CLIMBS("a/../..");
	CHECK_CLIMBS("/..");
	CHECK_CLIMBS("/../a");
	CHECK_CLIMBS("/a/../..");
	CHECK_CLIMBS("../");
	CHECK_CLIMBS("a//..//..//b");
	/* climbing back into the tree after leaving it is still refused */
	CHECK_CLIMBS("a/../../a/b");
}

static void
test_dir(void)
{
	CHECK_OWNED(sg_path_dir("a/b/c.md"), "a/b");
	CHECK_OWNED(sg_path_dir("content/x.md"), "content");
	CHECK_OWNED(sg_path_dir("c.md"), "");
	CHECK_OWNED(sg_path_dir(""), "");
	CHECK_OWNED(sg_path_dir("/c.md"), "");
	CHECK_OWNED(sg_path_dir("a/b/"), "a/b");
}

static void
test_base(void)
{
	const char	*p = "a/b/c.md";

	CHECK_STR(sg_path_base(p), "c.md");
	CHECK(sg_path_base(p) == p + 4);	/* borrowed from p */
	CHECK_STR(sg_path_base("c.md"), "c.md");
	CHECK_STR(sg_path_base("/c.md"), "c.md");
	CHECK_STR(sg_path_base("a/b/"), "");
	CHECK_STR(sg_path_base(""), "");
}

static void
test_slugify(void)
{
	CHECK_OWNED(sg_slugify("Hello, World!"), "hello-world");
	CHECK_OWNED(sg_slugify("hello world"), "hello-world");
	CHECK_OWNED(sg_slugify("Hello   World"), "hello-world");
	CHECK_OWNED(sg_slugify("AWS Lambda"), "aws-lambda");
	CHECK_OWNED(sg_slugify("C11 & C17"), "c11-c17");
	CHECK_OWNED(sg_slugify("snake_case"), "snake-case");
	CHECK_OWNED(sg_slugify("a.b/c"), "a-b-c");
	CHECK_OWNED(sg_slugify("v1.2.3"), "v1-2-3");
}

static void
test_slugify_apostrophes(void)
{
	CHECK_OWNED(sg_slugify("Don't Panic"), "dont-panic");
	CHECK_OWNED(sg_slugify("rock'n'roll"), "rocknroll");
	CHECK_OWNED(sg_slugify("'quoted'"), "quoted");
	CHECK_OWNED(sg_slugify("it's -- fine"), "its-fine");
}

static void
test_slugify_ends(void)
{
	CHECK_OWNED(sg_slugify(""), "_");
	CHECK_OWNED(sg_slugify("!!!"), "_");
	CHECK_OWNED(sg_slugify("'"), "_");
	CHECK_OWNED(sg_slugify("   "), "_");
	CHECK_OWNED(sg_slugify("--a--"), "a");
	CHECK_OWNED(sg_slugify("  Lead and trail  "), "lead-and-trail");
	CHECK_OWNED(sg_slugify("(parenthesised)"), "parenthesised");
	CHECK_OWNED(sg_slugify("...dots..."), "dots");
	CHECK_OWNED(sg_slugify("x"), "x");
	CHECK_OWNED(sg_slugify("?x!"), "x");
}

static void
test_slugify_non_ascii(void)
{
	/* UTF-8 bytes are kept as they are; only ASCII is lowered */
	CHECK_OWNED(sg_slugify("Café au lait"), "café-au-lait");
	CHECK_OWNED(sg_slugify("Über Straße"), "Über-straße");
	CHECK_OWNED(sg_slugify("日本語"), "日本語");
	CHECK_OWNED(sg_slugify("日本語 テスト!"), "日本語-テスト");
	CHECK_OWNED(sg_slugify("\xc3\xa9t\xc3\xa9"), "\xc3\xa9t\xc3\xa9");
}

/* The rules sg_heading_id documents, which are GitHub's: lower case,
 * keep letters, digits, '-' and '_', every space a '-', drop the rest. */
static void
test_heading_id(void)
{
	CHECK_OWNED(sg_heading_id("Hello, World!"), "hello-world");
	CHECK_OWNED(sg_heading_id("Foo -- bar"), "foo----bar");
	CHECK_OWNED(sg_heading_id("Foo  bar"), "foo--bar");
	CHECK_OWNED(sg_heading_id("C++ & Rust"), "c--rust");
	CHECK_OWNED(sg_heading_id("snake_case"), "snake_case");
	CHECK_OWNED(sg_heading_id("Don't stop"), "dont-stop");
	CHECK_OWNED(sg_heading_id("v1.2.3"), "v123");
	CHECK_OWNED(sg_heading_id("What's `new`?"), "whats-new");
	CHECK_OWNED(sg_heading_id("1. Intro"), "1-intro");
	CHECK_OWNED(sg_heading_id("-leading-"), "-leading-");
	/* spaces at the ends are not trimmed: each is a '-' */
	CHECK_OWNED(sg_heading_id(" x "), "-x-");
	/* a tab is not a space: dropped */
	CHECK_OWNED(sg_heading_id("a\tb"), "ab");
	/* letters of any script are kept and lowered; other symbols and
	 * punctuation go, as on GitHub; invalid UTF-8 is dropped */
	CHECK_OWNED(sg_heading_id("Café"), "café");
	CHECK_OWNED(sg_heading_id("Über Straße"), "über-straße");
	CHECK_OWNED(sg_heading_id("A — B"), "a--b");
	CHECK_OWNED(sg_heading_id("日本語 テスト!"), "日本語-テスト");
	CHECK_OWNED(sg_heading_id("«quoted» €5"), "quoted-5");
	CHECK_OWNED(sg_heading_id("bad\xff\xc3 byte"), "bad-byte");
}

static void
test_heading_id_empty(void)
{
	CHECK_OWNED(sg_heading_id(""), "section");
	CHECK_OWNED(sg_heading_id("!!!"), "section");
	CHECK_OWNED(sg_heading_id("?"), "section");
	/* a space alone is not empty: it is a '-' */
	CHECK_OWNED(sg_heading_id(" "), "-");
}

/* Every ASCII byte between two letters, as isalnum and tolower have it;
 * and headings past the length made on the stack, of a letter whose
 * lower case is longer in UTF-8 (U+023A, two bytes, to U+2C65, three),
 * mixed with ASCII, at every length from 100 to 200 characters. */
static void
test_heading_id_every_byte_and_long(void)
{
	char	 in[4], want[4], big[700], lower[700], *got;
	size_t	 n, i, k;
	int	 c;

	for (c = 1; c < 0x80; c++) {
		in[0] = 'a', in[1] = (char)c, in[2] = 'B', in[3] = '\0';
		k = 0;
		want[k++] = 'a';
		if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		    c == '-' || c == '_')
			want[k++] = (char)c;
		else if (c >= 'A' && c <= 'Z')
			want[k++] = (char)(c - 'A' + 'a');
		else if (c == ' ')
			want[k++] = '-';
		want[k++] = 'b';
		want[k] = '\0';
		got = sg_heading_id(in);
		if (strcmp(got, want) != 0) {
			printf("  byte %#x: \"%s\", want \"%s\"\n", c, got,
			    want);
			harness_case_failed = 1;
		}
		free(got);
	}
	for (n = 100; n <= 200; n++) {
		for (i = k = 0; i < n; i++)
			if (i % 5 == 4) {
				big[2 * i] = 'X';
				big[2 * i + 1] = ' ';
				lower[k++] = 'x';
				lower[k++] = '-';
			} else {
				memcpy(big + 2 * i, "\xc8\xba", 2);
				memcpy(lower + k, "\xe2\xb1\xa5", 3);
				k += 3;
			}
		big[2 * n] = '\0';
		lower[k] = '\0';
		got = sg_heading_id(big);
		if (strcmp(got, lower) != 0) {
			printf("  %zu characters: differs\n", n);
			harness_case_failed = 1;
			n = 200;
		}
		free(got);
	}
}

/* sg_path_normalize as it was, through a growing buffer. */
static char *
normalize_slow(const char *p)
{
	struct sg_buf	 b = { 0 };
	const char	*s = p, *e;
	size_t		 marks[400], nmarks = 0, n = strlen(p);

	if (*p == '/')
		sg_buf_putc(&b, '/');
	while (*s) {
		while (*s == '/')
			s++;
		if (*s == '\0')
			break;
		if ((e = strchr(s, '/')) == NULL)
			e = s + strlen(s);
		if (e - s == 2 && s[0] == '.' && s[1] == '.') {
			if (nmarks == 0) {
				sg_buf_free(&b);
				return NULL;
			}
			b.len = marks[--nmarks];
			b.data[b.len] = '\0';
		} else if (!(e - s == 1 && s[0] == '.')) {
			marks[nmarks++] = b.len;
			if (b.len > 0 && b.data[b.len - 1] != '/')
				sg_buf_putc(&b, '/');
			sg_buf_put(&b, s, (size_t)(e - s));
		}
		s = e;
	}
	if (n > 0 && p[n - 1] == '/' && b.len > 0 && b.data[b.len - 1] != '/')
		sg_buf_putc(&b, '/');
	return sg_buf_detach(&b);
}

/* Random paths of ".", "..", empty and named components, absolute or
 * not, up to 600 bytes (past the marks kept on the stack), against the
 * buffer-growing version. */
static void
test_normalize_random(void)
{
	static const char *const parts[] = {
		"a", "bc", ".", "..", "", "d.md", "...", ".x", "x..",
	};
	char		 p[700], *got, *want;
	unsigned int	 seed = 9;
	size_t		 n, k, round;

	for (round = 0; round < 20000; round++) {
		n = 0;
		if (round % 2)
			p[n++] = '/';
		while (n < (round % 60) * 10) {
			seed = seed * 1103515245u + 12345u;
			k = (seed >> 16) % 9;
			/* more names than climbs, so long paths stay */
			if (k == 3 && (seed >> 8) % 3)
				k = 0;
			memcpy(p + n, parts[k], strlen(parts[k]));
			n += strlen(parts[k]);
			p[n++] = '/';
		}
		if (n > 0 && (seed >> 4) % 2)
			n--;
		p[n] = '\0';
		got = sg_path_normalize(p);
		want = normalize_slow(p);
		if ((got == NULL) != (want == NULL) ||
		    (got && strcmp(got, want) != 0)) {
			printf("  \"%s\": \"%s\", want \"%s\"\n", p,
			    got ? got : "(null)", want ? want : "(null)");
			harness_case_failed = 1;
			round = 20000;
		}
		free(got);
		free(want);
	}
}

int
main(void)
{
	TEST(test_join);
	TEST(test_normalize);
	TEST(test_normalize_in);
	TEST(test_normalize_random);
	TEST(test_normalize_slashes);
	TEST(test_normalize_climbs);
	TEST(test_dir);
	TEST(test_base);
	TEST(test_slugify);
	TEST(test_slugify_apostrophes);
	TEST(test_slugify_ends);
	TEST(test_slugify_non_ascii);
	TEST(test_heading_id);
	TEST(test_heading_id_empty);
	TEST(test_heading_id_every_byte_and_long);
	HARNESS_EXIT();
}
