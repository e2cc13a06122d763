/* test_include.c: unit tests for choosing what an {{#include}} takes from a
 * file (sg_include_region in include.h): the whole file, an anchored
 * region, or a line range; anchor marker lines and the final newline are
 * always dropped. */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "doc/include.h"

static const char *const lines4 = "l1\nl2\nl3\nl4\n";

static const char *const anchored =
	"#include <stdio.h>\n"
	"// ANCHOR: main\n"
	"int\n"
	"main(void)\n"
	"{\n"
	"\t// ANCHOR: body\n"
	"\tputs(\"hi\");\n"
	"\t// ANCHOR_END: body\n"
	"\treturn 0;\n"
	"}\n"
	"// ANCHOR_END: main\n"
	"/* ANCHOR: tail */\n"
	"static int x;\n"
	"/* ANCHOR_END: tail */\n";

/* Runs sg_include_region on text with sel, which must succeed with
 * exactly want. */
#define CHECK_REGION(text, sel, want) do {				\
	char	*o_ = NULL;						\
	int	 rc_ = sg_include_region((text), strlen(text), (sel), &o_); \
									\
	CHECK(rc_ == 0);						\
	CHECK_STR(o_, want);						\
	free(o_);							\
} while (0)

/* ... which must fail, leaving *out alone. */
#define CHECK_BAD(text, sel) do {					\
	char	*o_ = (char *)"untouched";				\
	int	 rc_ = sg_include_region((text), strlen(text), (sel), &o_); \
									\
	if (rc_ != -1) {						\
		printf("  %s:%d: sel \"%s\" gave %d\n", __FILE__,	\
		    __LINE__, (sel), rc_);				\
		harness_case_failed = 1;				\
		if (rc_ == 0)						\
			free(o_);					\
	} else								\
		CHECK_STR(o_, "untouched");				\
} while (0)

static void
test_whole(void)
{
	CHECK_REGION(lines4, "", "l1\nl2\nl3\nl4");
	CHECK_REGION("no newline", "", "no newline");
	CHECK_REGION("", "", "");
	CHECK_REGION("\n", "", "");
	/* only the last newline goes */
	CHECK_REGION("a\n\n", "", "a\n");
	CHECK_REGION("a\n\n\n", "", "a\n\n");
	/* marker lines are dropped from a whole file too */
	CHECK_REGION(anchored, "", "#include <stdio.h>\nint\nmain(void)\n"
	    "{\n\tputs(\"hi\");\n\treturn 0;\n}\nstatic int x;");
}

static void
test_anchor(void)
{
	CHECK_REGION(anchored, "body", "\tputs(\"hi\");");
	CHECK_REGION(anchored, "tail", "static int x;");
	CHECK_REGION("a\n# ANCHOR: sh\necho hi\n# ANCHOR_END: sh\nb\n", "sh",
	    "echo hi");
	CHECK_REGION("<!-- ANCHOR: h -->\n<p>x</p>\n<!-- ANCHOR_END: h -->\n",
	    "h", "<p>x</p>");
	CHECK_REGION("/* ANCHOR: c*/\nint y;\n/* ANCHOR_END: c*/\n", "c",
	    "int y;");
	CHECK_REGION("//ANCHOR:t\tx\nin\n//ANCHOR_END:\tt\n", "t", "in");
	/* an empty region */
	CHECK_REGION("// ANCHOR: e\n// ANCHOR_END: e\n", "e", "");
	/* CRLF marker lines */
	CHECK_REGION("// ANCHOR: w\r\nx\r\ny\r\n// ANCHOR_END: w\r\n", "w",
	    "x\r\ny\r");
}

/* Marker lines of other anchors inside the region are dropped; nested
 * regions and the outer region both work. */
static void
test_nested_anchors(void)
{
	const char	*text =
	    "// ANCHOR: outer\n"
	    "a\n"
	    "// ANCHOR: inner\n"
	    "b\n"
	    "// ANCHOR: deepest\n"
	    "c\n"
	    "// ANCHOR_END: deepest\n"
	    "// ANCHOR_END: inner\n"
	    "d\n"
	    "// ANCHOR_END: outer\n";

	CHECK_REGION(anchored, "main", "int\nmain(void)\n{\n\tputs(\"hi\");\n"
	    "\treturn 0;\n}");
	CHECK_REGION(text, "outer", "a\nb\nc\nd");
	CHECK_REGION(text, "inner", "b\nc");
	CHECK_REGION(text, "deepest", "c");
	/* overlapping, not nested */
	CHECK_REGION("// ANCHOR: p\n1\n// ANCHOR: q\n2\n// ANCHOR_END: p\n"
	    "3\n// ANCHOR_END: q\n", "q", "2\n3");
}

static void
test_anchor_names(void)
{
	const char	*text =
	    "// ANCHOR: main_loop\n"
	    "loop\n"
	    "// ANCHOR_END: main_loop\n"
	    "// ANCHOR: main\n"
	    "main\n"
	    "// ANCHOR_END: main\n";

	/* a name is matched whole, not as a prefix */
	CHECK_REGION(text, "main", "main");
	CHECK_REGION(text, "main_loop", "loop");
	CHECK_BAD(text, "mai");
	CHECK_BAD(text, "loop");
	/* without ANCHOR_END the region runs to the end of the file */
	CHECK_REGION("x\n// ANCHOR: open\ny\nz\n", "open", "y\nz");
}

static void
test_missing_anchor(void)
{
	CHECK_BAD(anchored, "nope");
	CHECK_BAD("", "a");
	CHECK_BAD("no anchors here\n", "here");
	/* an end marker alone does not open a region */
	CHECK_BAD("x\n// ANCHOR_END: a\ny\n", "a");
	/* case matters */
	CHECK_BAD(anchored, "Main");
}

static void
test_ranges(void)
{
	CHECK_REGION(lines4, "2", "l2");
	CHECK_REGION(lines4, "1", "l1");
	CHECK_REGION(lines4, "4", "l4");
	CHECK_REGION(lines4, "2:3", "l2\nl3");
	CHECK_REGION(lines4, "3:3", "l3");
	CHECK_REGION(lines4, "2:", "l2\nl3\nl4");
	CHECK_REGION(lines4, ":2", "l1\nl2");
	CHECK_REGION(lines4, "1:4", "l1\nl2\nl3\nl4");
	/* past the end: what there is */
	CHECK_REGION(lines4, "3:99", "l3\nl4");
	CHECK_REGION(lines4, "9", "");
	CHECK_REGION(lines4, "9:", "");
	/* a last line without a newline */
	CHECK_REGION("a\nb", "2", "b");
	/* marker lines in a range are dropped */
	CHECK_REGION(anchored, "1:3", "#include <stdio.h>\nint");
	CHECK_REGION(anchored, "12:14", "static int x;");
}

static void
test_bad_ranges(void)
{
	CHECK_BAD(lines4, "0");
	CHECK_BAD(lines4, "0:2");
	CHECK_BAD(lines4, "3:2");
	CHECK_BAD(lines4, ":0");
	CHECK_BAD(lines4, "2x");
	CHECK_BAD(lines4, "2:x");
	CHECK_BAD(lines4, "2:3x");
	CHECK_BAD(lines4, "2:3:4");
	CHECK_BAD(lines4, "2 ");
	CHECK_BAD(lines4, "1::2");
	CHECK_BAD(lines4, "2:-3");
	CHECK_BAD(lines4, "x:2");
}

int
main(void)
{
	TEST(test_whole);
	TEST(test_anchor);
	TEST(test_nested_anchors);
	TEST(test_anchor_names);
	TEST(test_missing_anchor);
	TEST(test_ranges);
	TEST(test_bad_ranges);
	HARNESS_EXIT();
}
