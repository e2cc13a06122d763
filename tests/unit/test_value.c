/* test_value.c: unit tests for the dynamic value type (value.h): making
 * values, lists and maps, replacing map entries, lookups, type names,
 * the source text of scalars, and freeing. */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "site/value.h"

static void
test_new(void)
{
	struct sg_loc	 loc = { "site.yml", 3, 7 };
	struct sg_value	*v = sg_value_new(SG_MAP, &loc);

	CHECK(v != NULL);
	CHECK(v->type == SG_MAP);
	CHECK_STR(v->loc.file, "site.yml");
	CHECK(v->loc.line == 3);
	CHECK(v->loc.col == 7);
	CHECK(v->len == 0);
	CHECK(v->items == NULL);
	CHECK(v->keys == NULL);
	CHECK(v->str == NULL);
	sg_value_free(v);

	/* no location: all zero */
	v = sg_value_new(SG_NUM, NULL);
	CHECK(v->type == SG_NUM);
	CHECK(v->loc.file == NULL);
	CHECK(v->loc.line == 0);
	CHECK(v->loc.col == 0);
	CHECK(v->num == 0.0);
	CHECK(v->b == 0);
	sg_value_free(v);
}

static void
test_str(void)
{
	struct sg_loc	 loc = { "a.md", 2, 1 };
	char		 text[] = "hello";
	struct sg_value	*v = sg_value_str(text, &loc);

	CHECK(v->type == SG_STR);
	CHECK_STR(v->str, "hello");
	CHECK(v->str != text);		/* a copy */
	text[0] = 'j';
	CHECK_STR(v->str, "hello");
	CHECK(v->loc.line == 2);
	sg_value_free(v);

	v = sg_value_str("", NULL);
	CHECK_STR(v->str, "");
	sg_value_free(v);
}

static void
test_push(void)
{
	struct sg_value	*l = sg_value_new(SG_LIST, NULL);
	char		 buf[16];
	int		 i;

	for (i = 0; i < 100; i++) {
		snprintf(buf, sizeof(buf), "item%d", i);
		sg_value_push(l, sg_value_str(buf, NULL));
	}
	CHECK(l->len == 100);
	CHECK(l->cap >= 100);
	CHECK(l->keys == NULL);		/* a list has no keys */
	CHECK_STR(l->items[0]->str, "item0");
	CHECK_STR(l->items[57]->str, "item57");
	CHECK_STR(l->items[99]->str, "item99");
	/* nested: a list in a list is owned by it */
	sg_value_push(l, sg_value_new(SG_LIST, NULL));
	sg_value_push(l->items[100], sg_value_str("deep", NULL));
	CHECK(l->len == 101);
	CHECK_STR(l->items[100]->items[0]->str, "deep");
	sg_value_free(l);
}

static void
test_set_get(void)
{
	struct sg_value		*m = sg_value_new(SG_MAP, NULL);
	const struct sg_value	*g;
	char			 key[16];
	int			 i;

	sg_value_set(m, "title", sg_value_str("Guide", NULL));
	sg_value_set(m, "weight", sg_value_new(SG_NUM, NULL));
	sg_value_set(m, "tags", sg_value_new(SG_LIST, NULL));
	CHECK(m->len == 3);
	CHECK_STR(m->keys[0], "title");
	CHECK_STR(m->keys[1], "weight");
	CHECK_STR(m->keys[2], "tags");
	g = sg_value_get(m, "title");
	CHECK(g != NULL && g->type == SG_STR);
	CHECK_STR(g ? g->str : NULL, "Guide");
	g = sg_value_get(m, "tags");
	CHECK(g != NULL && g->type == SG_LIST);
	CHECK(sg_value_get(m, "missing") == NULL);
	CHECK(sg_value_get(m, "Title") == NULL);	/* case matters */
	CHECK(sg_value_get(m, "") == NULL);

	/* many keys: the keys array grows with the items */
	for (i = 0; i < 40; i++) {
		snprintf(key, sizeof(key), "k%d", i);
		sg_value_set(m, key, sg_value_str(key, NULL));
	}
	CHECK(m->len == 43);
	CHECK_STR(m->keys[42], "k39");
	g = sg_value_get(m, "k17");
	CHECK_STR(g ? g->str : NULL, "k17");
	sg_value_free(m);
}

/* Replacing a key keeps its position and frees the old value (the
 * sanitizer build catches a leak or a double free). */
static void
test_set_replace(void)
{
	struct sg_value		*m = sg_value_new(SG_MAP, NULL);
	struct sg_value		*old = sg_value_new(SG_LIST, NULL);
	const struct sg_value	*g;

	sg_value_push(old, sg_value_str("owned by old", NULL));
	sg_value_set(m, "a", sg_value_str("1", NULL));
	sg_value_set(m, "b", old);
	sg_value_set(m, "c", sg_value_str("3", NULL));
	sg_value_set(m, "b", sg_value_str("two", NULL));
	CHECK(m->len == 3);
	CHECK_STR(m->keys[0], "a");
	CHECK_STR(m->keys[1], "b");
	CHECK_STR(m->keys[2], "c");
	CHECK(m->items[1]->type == SG_STR);
	CHECK_STR(m->items[1]->str, "two");
	g = sg_value_get(m, "b");
	CHECK_STR(g ? g->str : NULL, "two");
	/* replacing the first and last too */
	sg_value_set(m, "a", sg_value_str("one", NULL));
	sg_value_set(m, "c", sg_value_new(SG_NIL, NULL));
	CHECK(m->len == 3);
	CHECK_STR(m->items[0]->str, "one");
	CHECK(m->items[2]->type == SG_NIL);
	CHECK_STR(m->keys[2], "c");
	sg_value_free(m);
}

static void
test_get_not_map(void)
{
	struct sg_value	*l = sg_value_new(SG_LIST, NULL);
	struct sg_value	*s = sg_value_str("x", NULL);

	sg_value_push(l, sg_value_str("title", NULL));
	CHECK(sg_value_get(NULL, "title") == NULL);
	CHECK(sg_value_get(l, "title") == NULL);
	CHECK(sg_value_get(s, "x") == NULL);
	sg_value_free(l);
	sg_value_free(s);
}

static void
test_type_names(void)
{
	CHECK_STR(sg_value_type_name(SG_NIL), "null");
	CHECK_STR(sg_value_type_name(SG_BOOL), "boolean");
	CHECK_STR(sg_value_type_name(SG_NUM), "number");
	CHECK_STR(sg_value_type_name(SG_STR), "string");
	CHECK_STR(sg_value_type_name(SG_LIST), "list");
	CHECK_STR(sg_value_type_name(SG_MAP), "mapping");
	CHECK_STR(sg_value_type_name((enum sg_vtype)42), "?");
}

static void
test_text(void)
{
	struct sg_value	*s = sg_value_str("plain", NULL);
	struct sg_value	*n = sg_value_new(SG_NUM, NULL);
	struct sg_value	*b = sg_value_new(SG_BOOL, NULL);
	struct sg_value	*nil = sg_value_new(SG_NIL, NULL);
	struct sg_value	*l = sg_value_new(SG_LIST, NULL);
	struct sg_value	*m = sg_value_new(SG_MAP, NULL);

	CHECK_STR(sg_value_text(s), "plain");
	/* a number or boolean keeps the spelling it was written with */
	n->num = 1000;
	n->str = xstrdup("1_000");
	CHECK_STR(sg_value_text(n), "1_000");
	b->b = 1;
	b->str = xstrdup("True");
	CHECK_STR(sg_value_text(b), "True");
	/* nil has no text even if its source was "~" */
	nil->str = xstrdup("~");
	CHECK(sg_value_text(nil) == NULL);
	/* a list or map that somehow carries str still has no text */
	l->str = xstrdup("list");
	CHECK(sg_value_text(l) == NULL);
	CHECK(sg_value_text(m) == NULL);
	CHECK(sg_value_text(NULL) == NULL);
	sg_value_free(s);
	sg_value_free(n);
	sg_value_free(b);
	sg_value_free(nil);
	sg_value_free(l);
	sg_value_free(m);
}

/* Freeing the root frees a mixed tree; freeing NULL does nothing. */
static void
test_free(void)
{
	struct sg_value	*root = sg_value_new(SG_MAP, NULL);
	struct sg_value	*list = sg_value_new(SG_LIST, NULL);
	struct sg_value	*inner = sg_value_new(SG_MAP, NULL);

	sg_value_set(inner, "k", sg_value_str("v", NULL));
	sg_value_push(list, inner);
	sg_value_push(list, sg_value_str("s", NULL));
	sg_value_set(root, "list", list);
	sg_value_set(root, "empty", sg_value_new(SG_MAP, NULL));
	CHECK(root->len == 2);
	CHECK(sg_value_get(sg_value_get(root, "list")->items[0], "k") != NULL);
	sg_value_free(root);
	sg_value_free(NULL);
}

int
main(void)
{
	TEST(test_new);
	TEST(test_str);
	TEST(test_push);
	TEST(test_set_get);
	TEST(test_set_replace);
	TEST(test_get_not_map);
	TEST(test_type_names);
	TEST(test_text);
	TEST(test_free);
	HARNESS_EXIT();
}
