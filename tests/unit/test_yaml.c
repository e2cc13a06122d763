/* test_yaml.c: unit tests for the YAML reader (yaml.h): scalar typing by
 * YAML 1.2's core schema, nested maps and lists with their file:line:col,
 * and every refusal (duplicate keys, aliases, several documents, deep
 * nesting, syntax errors) with the exact diagnostic text. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "site/yaml.h"

static char	*msgs;		/* what the last parse reported */
static int	 nerrors;	/* sg_diag_errors after the last parse */

/* Parses text as file "fm.md" with line_offset off, capturing the
 * diagnostics in msgs. Returns sg_yaml_parse's result. */
static int
parse(const char *text, int off, struct sg_value **out)
{
	struct sg_diag	*d;
	FILE		*fp;
	size_t		 n;
	int		 rc;

	free(msgs);
	msgs = NULL;
	if ((fp = open_memstream(&msgs, &n)) == NULL) {
		perror("open_memstream");
		exit(2);
	}
	d = sg_diag_new(fp, 0);
	rc = sg_yaml_parse(text, strlen(text), "fm.md", off, d, out);
	nerrors = sg_diag_errors(d);
	/* the parser reports only errors; an empty flush is test_diag's */
	if (nerrors > 0)
		sg_diag_flush(d);
	sg_diag_free(d);
	fclose(fp);
	return rc;
}

/* Parses text that must fail with exactly the message want. */
#define CHECK_FAILS(text, want) do {					\
	struct sg_value	*v_ = (struct sg_value *)&v_;			\
									\
	CHECK(parse((text), 0, &v_) == -1);				\
	CHECK(v_ == NULL);						\
	CHECK(nerrors == 1);						\
	CHECK_STR(msgs, want);						\
} while (0)

static const struct sg_value *
get(const struct sg_value *m, const char *key)
{
	const struct sg_value	*v = sg_value_get(m, key);

	if (v == NULL)
		printf("  no key '%s'\n", key);
	return v;
}

#define CHECK_TYPE(m, key, t) do {					\
	const struct sg_value	*q_ = get((m), (key));			\
									\
	CHECK(q_ != NULL && q_->type == (t));				\
} while (0)

#define CHECK_NUM(m, key, want) do {					\
	const struct sg_value	*q_ = get((m), (key));			\
									\
	CHECK(q_ != NULL && q_->type == SG_NUM && q_->num == (want));	\
} while (0)

#define CHECK_SVAL(m, key, want) do {					\
	const struct sg_value	*q_ = get((m), (key));			\
									\
	CHECK(q_ != NULL && q_->type == SG_STR);			\
	CHECK_STR(q_ ? q_->str : NULL, want);				\
} while (0)

#define CHECK_LOC(v, l, c) do {						\
	const struct sg_value	*l_ = (v);				\
									\
	CHECK(l_ != NULL);						\
	if (l_ != NULL && (l_->loc.line != (l) || l_->loc.col != (c))) { \
		printf("  %s:%d: loc %d:%d, want %d:%d\n", __FILE__,	\
		    __LINE__, l_->loc.line, l_->loc.col, (l), (c));	\
		harness_case_failed = 1;				\
	}								\
	if (l_ != NULL)							\
		CHECK_STR(l_->loc.file, "fm.md");			\
} while (0)

static void
test_scalars(void)
{
	struct sg_value	*v;
	const char	*text =
	    "n1: null\nn2: ~\nn3:\nn4: NULL\n"
	    "t1: true\nt2: True\nf1: false\nf2: FALSE\n"
	    "i1: 42\ni2: -7\ni3: +12\ni4: 0x1F\ni5: 0o17\ni6: 007\n"
	    "x1: 3.5\nx2: 1e3\nx3: .5\nx4: -2.5E-1\n"
	    "s1: hello world\ns2: yes\ns3: 1.0.0\ns4: 1_000\ns5: 12abc\n"
	    "n5: Null\nt3: TRUE\nf3: False\n"
	    "s6: ~~\ns7: nul\ns8: nullx\ns9: truex\nsa: fals\nsb: tRUE\n";

	CHECK(parse(text, 0, &v) == 0);
	CHECK_STR(msgs, "");
	CHECK(v != NULL && v->type == SG_MAP);
	CHECK(v->len == 32);
	CHECK_TYPE(v, "n1", SG_NIL);
	CHECK_TYPE(v, "n2", SG_NIL);
	CHECK_TYPE(v, "n3", SG_NIL);
	CHECK_TYPE(v, "n4", SG_NIL);
	CHECK(get(v, "t1")->type == SG_BOOL && get(v, "t1")->b == 1);
	CHECK(get(v, "t2")->type == SG_BOOL && get(v, "t2")->b == 1);
	CHECK(get(v, "f1")->type == SG_BOOL && get(v, "f1")->b == 0);
	CHECK(get(v, "f2")->type == SG_BOOL && get(v, "f2")->b == 0);
	CHECK_NUM(v, "i1", 42);
	CHECK_NUM(v, "i2", -7);
	CHECK_NUM(v, "i3", 12);
	CHECK_NUM(v, "i4", 31);
	CHECK_NUM(v, "i5", 15);
	CHECK_NUM(v, "i6", 7);
	CHECK_NUM(v, "x1", 3.5);
	CHECK_NUM(v, "x2", 1000);
	CHECK_NUM(v, "x3", 0.5);
	CHECK_NUM(v, "x4", -0.25);
	CHECK_SVAL(v, "s1", "hello world");
	CHECK_SVAL(v, "s2", "yes");	/* YAML 1.2: not a boolean */
	CHECK_SVAL(v, "s3", "1.0.0");
	CHECK_SVAL(v, "s4", "1_000");
	CHECK_SVAL(v, "s5", "12abc");
	CHECK_TYPE(v, "n5", SG_NIL);
	CHECK(get(v, "t3")->type == SG_BOOL && get(v, "t3")->b == 1);
	CHECK(get(v, "f3")->type == SG_BOOL && get(v, "f3")->b == 0);
	CHECK_SVAL(v, "s6", "~~");
	CHECK_SVAL(v, "s7", "nul");
	CHECK_SVAL(v, "s8", "nullx");
	CHECK_SVAL(v, "s9", "truex");
	CHECK_SVAL(v, "sa", "fals");
	CHECK_SVAL(v, "sb", "tRUE");
	/* scalars keep the spelling they were written with */
	CHECK_STR(sg_value_text(get(v, "i4")), "0x1F");
	CHECK_STR(sg_value_text(get(v, "t2")), "True");
	CHECK_STR(sg_value_text(get(v, "x2")), "1e3");
	CHECK(sg_value_text(get(v, "n2")) == NULL);
	sg_value_free(v);
}

static void
test_quoted_and_dates(void)
{
	struct sg_value	*v;

	CHECK(parse("a: \"true\"\nb: 'null'\nc: \"42\"\nd: '~'\n"
	    "date: 2024-05-31\nwhen: 2024-05-31T10:00:00Z\n"
	    "e: \"line\\nbreak\"\nf: ''\n", 0, &v) == 0);
	CHECK_SVAL(v, "a", "true");
	CHECK_SVAL(v, "b", "null");
	CHECK_SVAL(v, "c", "42");
	CHECK_SVAL(v, "d", "~");
	CHECK_SVAL(v, "date", "2024-05-31");
	CHECK_SVAL(v, "when", "2024-05-31T10:00:00Z");
	CHECK_SVAL(v, "e", "line\nbreak");
	CHECK_SVAL(v, "f", "");		/* quoted empty: not null */
	sg_value_free(v);

	/* block scalars are strings too */
	CHECK(parse("lit: |\n  true\n  42\nfold: >\n  a\n  b\n", 0, &v) == 0);
	CHECK_SVAL(v, "lit", "true\n42\n");
	CHECK_SVAL(v, "fold", "a b\n");
	sg_value_free(v);
}

/* An explicit !!str tag makes a string, whatever the scalar looks like. */
static void
test_scalar_str_tag(void)
{
	struct sg_value	*v;

	CHECK(parse("v: !!str 1.10\nb: !!str true\n", 0, &v) == 0);
	CHECK_SVAL(v, "v", "1.10");
	CHECK_SVAL(v, "b", "true");
	sg_value_free(v);
}

/* The core schema's hex and octal ints are 0x[0-9a-fA-F]+ and 0o[0-7]+:
 * no empty digits, no blank or sign after the prefix. */
static void
test_scalar_prefix(void)
{
	struct sg_value	*v;

	CHECK(parse("h: 0x\no: 0o\nsp: 0x 12\nneg: 0x-1\nok: 0x10\n", 0,
	    &v) == 0);
	CHECK_SVAL(v, "h", "0x");
	CHECK_SVAL(v, "o", "0o");
	CHECK_SVAL(v, "sp", "0x 12");
	CHECK_SVAL(v, "neg", "0x-1");
	CHECK_NUM(v, "ok", 16);
	sg_value_free(v);
}

static void
test_nested(void)
{
	struct sg_value		*v;
	const struct sg_value	*tags, *nested, *deep, *list;
	const char		*text =
	    "title: Guide\n"
	    "tags:\n"
	    "  - a\n"
	    "  - b\n"
	    "nested:\n"
	    "  deep:\n"
	    "    x: 1\n"
	    "list: [1, {k: v}, [z]]\n";

	CHECK(parse(text, 0, &v) == 0);
	CHECK(v->type == SG_MAP && v->len == 4);
	CHECK_STR(v->keys[0], "title");
	CHECK_STR(v->keys[1], "tags");
	CHECK_STR(v->keys[2], "nested");
	CHECK_STR(v->keys[3], "list");
	CHECK_LOC(v, 1, 1);
	CHECK_LOC(get(v, "title"), 1, 8);
	tags = get(v, "tags");
	CHECK(tags && tags->type == SG_LIST && tags->len == 2);
	CHECK_LOC(tags, 3, 3);
	CHECK_STR(tags->items[0]->str, "a");
	CHECK_LOC(tags->items[0], 3, 5);
	CHECK_STR(tags->items[1]->str, "b");
	CHECK_LOC(tags->items[1], 4, 5);
	nested = get(v, "nested");
	CHECK(nested && nested->type == SG_MAP);
	CHECK_LOC(nested, 6, 3);
	deep = get(nested, "deep");
	CHECK(deep && deep->type == SG_MAP);
	CHECK_LOC(deep, 7, 5);
	CHECK_NUM(deep, "x", 1);
	CHECK_LOC(get(deep, "x"), 7, 8);
	list = get(v, "list");
	CHECK(list && list->type == SG_LIST && list->len == 3);
	CHECK_LOC(list, 8, 7);
	CHECK(list->items[0]->type == SG_NUM && list->items[0]->num == 1);
	CHECK(list->items[1]->type == SG_MAP);
	CHECK_SVAL(list->items[1], "k", "v");
	CHECK_LOC(list->items[1], 8, 11);
	CHECK(list->items[2]->type == SG_LIST && list->items[2]->len == 1);
	CHECK_STR(list->items[2]->items[0]->str, "z");
	CHECK_LOC(list->items[2]->items[0], 8, 20);
	sg_value_free(v);
}

/* Front matter starts below the "---" line: line_offset moves every line,
 * in values and in messages, and leaves columns alone. */
static void
test_line_offset(void)
{
	struct sg_value	*v;

	CHECK(parse("a: 1\nb:\n  - c\n", 1, &v) == 0);
	CHECK_LOC(v, 2, 1);
	CHECK_LOC(get(v, "a"), 2, 4);
	CHECK_LOC(get(v, "b")->items[0], 4, 5);
	sg_value_free(v);

	v = (struct sg_value *)&v;
	CHECK(parse("a: 1\nb: 2\na: 3\n", 10, &v) == -1);
	CHECK(v == NULL);
	CHECK_STR(msgs, "fm.md:13:1: error: duplicate key 'a'\n");
}

static void
test_duplicate_key(void)
{
	CHECK_FAILS("a: 1\nb: 2\na: 3\n",
	    "fm.md:3:1: error: duplicate key 'a'\n");
	/* in a nested map, with open containers around it */
	CHECK_FAILS("top:\n  list:\n    - x: 1\n      y: 2\n      x: 3\n",
	    "fm.md:5:7: error: duplicate key 'x'\n");
	CHECK_FAILS("{a: 1, a: 2}", "fm.md:1:8: error: duplicate key 'a'\n");
	/* a key that is not a string */
	CHECK_FAILS("? [a, b]\n: 1\n",
	    "fm.md:1:3: error: a mapping key must be a plain string\n");
}

static void
test_alias(void)
{
	CHECK_FAILS("a: &x 1\nb: *x\n", "fm.md:2:4: error: YAML aliases "
	    "(*name) are not supported: write the value out\n");
	CHECK_FAILS("base: &b {k: v}\nlist:\n  - *b\n", "fm.md:3:5: error: "
	    "YAML aliases (*name) are not supported: write the value out\n");
}

static void
test_documents(void)
{
	struct sg_value	*v;

	CHECK_FAILS("a: 1\n---\nb: 2\n",
	    "fm.md:2:1: error: only one YAML document is allowed here\n");
	CHECK_FAILS("---\na: 1\n...\n---\nb: 2\n",
	    "fm.md:4:1: error: only one YAML document is allowed here\n");
	/* one document with its markers is fine */
	CHECK(parse("---\na: 1\n...\n", 0, &v) == 0);
	CHECK_STR(msgs, "");
	CHECK_NUM(v, "a", 1);
	sg_value_free(v);
}

static char *
repeat(const char *open, const char *close, int n)
{
	size_t	 lo = strlen(open), lc = strlen(close);
	char	*s = malloc((size_t)n * (lo + lc) + 1), *p = s;
	int	 i;

	for (i = 0; i < n; i++, p += lo)
		memcpy(p, open, lo);
	for (i = 0; i < n; i++, p += lc)
		memcpy(p, close, lc);
	*p = '\0';
	return s;
}

static void
test_deep_nesting(void)
{
	struct sg_value		*v;
	const struct sg_value	*p;
	char			*s;
	int			 depth;

	s = repeat("[", "]", 300);
	CHECK_FAILS(s, "fm.md:1:257: error: YAML nested deeper than 256 "
	    "levels\n");
	free(s);
	s = repeat("{a: ", "}", 300);
	CHECK_FAILS(s, "fm.md:1:1025: error: YAML nested deeper than 256 "
	    "levels\n");
	free(s);
	/* 256 levels are allowed */
	s = repeat("[", "]", 256);
	CHECK(parse(s, 0, &v) == 0);
	for (depth = 0, p = v; p && p->type == SG_LIST; depth++)
		p = p->len ? p->items[0] : NULL;
	CHECK(depth == 256);
	sg_value_free(v);
	free(s);
	/* a huge nesting finishes, and fails cleanly */
	s = repeat("[", "]", 100000);
	CHECK(parse(s, 0, &v) == -1);
	CHECK(v == NULL);
	free(s);
}

static void
test_syntax_error(void)
{
	CHECK_FAILS("a: b: c\n", "fm.md:1:5: error: invalid YAML: mapping "
	    "values are not allowed in this context\n");
	CHECK_FAILS("a: 1\nb: [1, 2\nc: 3\n", "fm.md:3:2: error: invalid "
	    "YAML: did not find expected ',' or ']' while parsing a flow "
	    "sequence\n");
	CHECK_FAILS("a:\n\tb: 1\n", "fm.md:2:1: error: invalid YAML: found "
	    "character that cannot start any token while scanning for the "
	    "next token\n");
	CHECK_FAILS("a: 'open\n", "fm.md:2:1: error: invalid YAML: found "
	    "unexpected end of stream while scanning a quoted scalar\n");
}

static void
test_empty(void)
{
	struct sg_value	*v;

	CHECK(parse("", 0, &v) == 0);
	CHECK(v != NULL && v->type == SG_NIL);
	CHECK_STR(msgs, "");
	CHECK(nerrors == 0);
	sg_value_free(v);
	CHECK(parse("# only a comment\n\n", 0, &v) == 0);
	CHECK(v != NULL && v->type == SG_NIL);
	sg_value_free(v);
	CHECK(parse("---\n", 0, &v) == 0);
	CHECK(v != NULL && v->type == SG_NIL);
	sg_value_free(v);
	/* not a map: the caller decides whether that is allowed */
	CHECK(parse("- a\n- b\n", 0, &v) == 0);
	CHECK(v != NULL && v->type == SG_LIST && v->len == 2);
	sg_value_free(v);
	CHECK(parse("just text", 0, &v) == 0);
	CHECK(v != NULL && v->type == SG_STR);
	CHECK_STR(v ? v->str : NULL, "just text");
	sg_value_free(v);
}

int
main(void)
{
	TEST(test_scalars);
	TEST(test_quoted_and_dates);
	TEST(test_scalar_str_tag);
	TEST(test_scalar_prefix);
	TEST(test_nested);
	TEST(test_line_offset);
	TEST(test_duplicate_key);
	TEST(test_alias);
	TEST(test_documents);
	TEST(test_deep_nesting);
	TEST(test_syntax_error);
	TEST(test_empty);
	free(msgs);
	HARNESS_EXIT();
}
