/* test_suggest.c: edit distance and "did you mean". */
#include "harness.h"
#include "suggest.h"

static void
distance(void)
{
	CHECK(sg_edit_distance("", "") == 0);
	CHECK(sg_edit_distance("weight", "weight") == 0);
	CHECK(sg_edit_distance("wieght", "weight") == 1);	/* a swap */
	CHECK(sg_edit_distance("buidl", "build") == 1);
	CHECK(sg_edit_distance("titel", "title") == 1);
	CHECK(sg_edit_distance("kitten", "sitting") == 3);
	CHECK(sg_edit_distance("abc", "") == 3);
}

static void
suggest(void)
{
	static const char *const cmds[] = { "build", "check", "samples",
	    "init", "new", "completion" };
	static const char *const keys[] = { "title", "date", "weight",
	    "tags", "toc" };

	CHECK_STR(sg_suggest("buidl", cmds, 6), "build");
	CHECK_STR(sg_suggest("chek", cmds, 6), "check");
	CHECK_STR(sg_suggest("sample", cmds, 6), "samples");
	CHECK(sg_suggest("deploy", cmds, 6) == NULL);
	CHECK_STR(sg_suggest("wieght", keys, 5), "weight");
	CHECK_STR(sg_suggest("tag", keys, 5), "tags");
	/* custom keys of the author's own are left alone */
	CHECK(sg_suggest("author", keys, 5) == NULL);
	CHECK(sg_suggest("summary", keys, 5) == NULL);
	CHECK(sg_suggest("x", keys, 5) == NULL);
	/* the word itself is not a suggestion */
	CHECK(sg_suggest("title", keys, 5) == NULL);
}

int
main(void)
{
	TEST(distance);
	TEST(suggest);
	HARNESS_EXIT();
}
