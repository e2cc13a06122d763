/* test_highlight.c: unit tests of the syntax highlighter (src/highlight/highlight.c).
 *
 * The per-language cases are data: tests/highlight/<lang>.txt, read from
 * the repository root (where the test runs). Such a file holds cases, each
 *
 *	%% name of the case
 *	source lines
 *	%% =>
 *	the expected tokens
 *
 * Anything before the first "%% " line is a free comment. The expected
 * tokens are the source again with every token that is not TEXT written
 * «class text», class being its CSS class without "tok-" (kw, ty, str,
 * num, com, pp, fn, op, pu, at, tag, var, con, ins, del, hd):
 *
 *	%% a declaration
 *	int n = 0;
 *	%% =>
 *	«ty int» n «op =» «num 0»«pu ;»
 *
 * A token that spans lines spans them in the expected text too. Trailing
 * newlines of a source or of its expected text are not compared, so an
 * empty line may separate cases; a source line cannot start with "%% ".
 * Run with --regen to rewrite the files with what the highlighter does
 * now (review the diff before keeping it).
 *
 * Besides: tokens cover the input exactly (every case, every prefix of it,
 * random bytes, in buffers sized exactly so ASan sees any read past the
 * end), unknown languages, 5 MB lines in linear time, HTML output. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "harness.h"
#include "highlight/highlight.h"
#include "util.h"

static int	 regen;		/* --regen: rewrite the data files */

static const char *const spec_langs[] = {
	"bash", "c", "console", "diff", "html", "ini", "javascript", "json",
	"lua", "make", "python", "text", "toml", "typescript", "xml", "yaml",
};

#define NLANGS	(sizeof(spec_langs) / sizeof(spec_langs[0]))

/* Whether toks cover src[0..len) exactly, in order, no token empty, no two
 * neighbours of the same kind. Prints the first fault. */
static int
covers(const char *lang, const struct sg_tokens *toks, size_t len)
{
	size_t	 i, off = 0;

	for (i = 0; i < toks->len; i++) {
		const struct sg_token *t = &toks->v[i];

		if (t->off != off || t->len == 0 ||
		    (unsigned)t->kind >= SG_TOK__COUNT ||
		    (i > 0 && toks->v[i - 1].kind == t->kind)) {
			printf("  %s: bad token %zu (off %zu len %zu kind %d), "
			    "expected off %zu\n", lang, i, t->off, t->len,
			    (int)t->kind, off);
			return 0;
		}
		off += t->len;
	}
	if (off != len) {
		printf("  %s: tokens cover %zu of %zu bytes\n", lang, off, len);
		return 0;
	}
	return 1;
}

/* Tokenizes a copy of src[0..len) in a buffer of exactly len bytes and
 * checks the cover. */
static int
tokenize_exact(const char *lang, const char *src, size_t len,
    struct sg_tokens *toks)
{
	char	*copy = xmalloc(len);
	int	 ok;

	if (len > 0)
		memcpy(copy, src, len);
	(void)sg_hl_tokenize(lang, copy, len, toks);
	ok = covers(lang, toks, len);
	free(copy);
	return ok;
}

/* The «class text» rendering of tokens, as the data files hold it. */
static void
render(const char *src, const struct sg_tokens *toks, struct sg_buf *out)
{
	size_t		 i;
	const char	*cls;

	for (i = 0; i < toks->len; i++) {
		const struct sg_token *t = &toks->v[i];

		if ((cls = sg_hl_class(t->kind)) == NULL) {
			sg_buf_put(out, src + t->off, t->len);
			continue;
		}
		sg_buf_puts(out, "\xc2\xab");
		sg_buf_puts(out, cls + 4);
		sg_buf_putc(out, ' ');
		sg_buf_put(out, src + t->off, t->len);
		sg_buf_puts(out, "\xc2\xbb");
	}
}

static char *
slurp(const char *path, size_t *len)
{
	struct sg_buf	 b = { 0 };
	char		 chunk[8192];
	size_t		 n;
	FILE		*f;

	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		sg_buf_put(&b, chunk, n);
	fclose(f);
	*len = b.len;
	return sg_buf_detach(&b);
}

/* The length of s[0..n) without its trailing newlines. */
static size_t
trim_nl(const char *s, size_t n)
{
	while (n > 0 && s[n - 1] == '\n')
		n--;
	return n;
}

/* The start of the next line at or after p that begins with "%% ", or
 * end. */
static const char *
next_mark(const char *p, const char *end)
{
	while (p < end) {
		if (end - p >= 3 && memcmp(p, "%% ", 3) == 0)
			return p;
		p = memchr(p, '\n', (size_t)(end - p));
		p = p == NULL ? end : p + 1;
	}
	return end;
}

/* Runs the cases of tests/highlight/<lang>.txt. */
static void
run_spec(const char *lang)
{
	struct sg_tokens	 toks = { 0 };
	struct sg_buf		 got = { 0 }, file = { 0 };
	char			*path, *text;
	const char		*p, *end, *name, *src, *want, *next;
	size_t			 len, namelen, srclen, wantlen, cut;
	int			 cases = 0;

	path = xasprintf("tests/highlight/%s.txt", lang);
	if ((text = slurp(path, &len)) == NULL) {
		printf("  cannot read %s\n", path);
		harness_case_failed = 1;
		free(path);
		return;
	}
	end = text + len;
	p = next_mark(text, end);
	sg_buf_put(&file, text, (size_t)(p - text));
	while (p < end) {
		name = p + 3;
		p = memchr(p, '\n', (size_t)(end - p));
		p = p == NULL ? end : p + 1;
		namelen = trim_nl(name, (size_t)(p - name));
		src = p;
		p = next_mark(p, end);
		if (p == end || (size_t)(end - p) < 5 ||
		    memcmp(p, "%% =>", 5) != 0) {
			printf("  %s: case \"%.*s\" has no \"%%%% =>\"\n", path,
			    (int)namelen, name);
			harness_case_failed = 1;
			break;
		}
		srclen = trim_nl(src, (size_t)(p - src));
		if (srclen > 0)
			srclen++;	/* the source's last newline */
		p = memchr(p, '\n', (size_t)(end - p));
		p = p == NULL ? end : p + 1;
		want = p;
		next = next_mark(p, end);
		wantlen = trim_nl(want, (size_t)(next - want));
		p = next;
		cases++;

		if (!tokenize_exact(lang, src, srclen, &toks))
			harness_case_failed = 1;
		got.len = 0;
		render(src, &toks, &got);
		if (got.data == NULL)
			sg_buf_puts(&got, "");
		got.len = trim_nl(got.data, got.len);
		if (!regen && (got.len != wantlen ||
		    memcmp(got.data, want, wantlen) != 0)) {
			printf("  %s: %.*s\n  want:\n%.*s\n  got:\n%.*s\n",
			    path, (int)namelen, name, (int)wantlen, want,
			    (int)got.len, got.data);
			harness_case_failed = 1;
		}
		sg_buf_printf(&file, "%%%% %.*s\n%.*s%%%% =>\n%.*s\n",
		    (int)namelen, name, (int)srclen, src, (int)got.len,
		    got.data);
		if (p < end)
			sg_buf_putc(&file, '\n');

		/* Every prefix, as if the block were cut there. */
		for (cut = 0; cut < srclen; cut++)
			if (!tokenize_exact(lang, src, cut, &toks)) {
				printf("  %s: %.*s: cut at %zu\n", path,
				    (int)namelen, name, cut);
				harness_case_failed = 1;
				break;
			}
	}
	if (cases == 0) {
		printf("  %s: no cases\n", path);
		harness_case_failed = 1;
	}
	if (regen) {
		FILE	*f = fopen(path, "wb");
		int	 ok = f != NULL;

		if (ok && fwrite(file.data, 1, file.len, f) != file.len)
			ok = 0;
		if (f != NULL && fclose(f) != 0)
			ok = 0;
		if (!ok) {
			printf("  cannot write %s\n", path);
			harness_case_failed = 1;
		}
	}
	sg_hl_tokens_free(&toks);
	sg_buf_free(&got);
	sg_buf_free(&file);
	free(text);
	free(path);
}

#define SPEC(lang) static void spec_##lang(void) { run_spec(#lang); }
SPEC(bash)
SPEC(c)
SPEC(console)
SPEC(diff)
SPEC(html)
SPEC(ini)
SPEC(javascript)
SPEC(json)
SPEC(lua)
SPEC(make)
SPEC(python)
SPEC(text)
SPEC(toml)
SPEC(typescript)
SPEC(xml)
SPEC(yaml)

static void
test_classes(void)
{
	const char	*seen[SG_TOK__COUNT];
	int		 k, m;

	CHECK(sg_hl_class(SG_TOK_TEXT) == NULL);
	CHECK(sg_hl_class(SG_TOK__COUNT) == NULL);
	CHECK(sg_hl_class((enum sg_tok)-1) == NULL);
	CHECK_STR(sg_hl_class(SG_TOK_KEYWORD), "tok-kw");
	CHECK_STR(sg_hl_class(SG_TOK_STRING), "tok-str");
	CHECK_STR(sg_hl_class(SG_TOK_HEADING), "tok-hd");
	for (k = 1; k < SG_TOK__COUNT; k++) {
		seen[k] = sg_hl_class((enum sg_tok)k);
		CHECK(seen[k] != NULL && strncmp(seen[k], "tok-", 4) == 0);
		for (m = 1; m < k; m++)
			CHECK(seen[k] == NULL || seen[m] == NULL ||
			    strcmp(seen[k], seen[m]) != 0);
	}
}

static void
test_lang_names(void)
{
	size_t	 i;

	CHECK_STR(sg_hl_lang("sh"), "bash");
	CHECK_STR(sg_hl_lang("shell"), "bash");
	CHECK_STR(sg_hl_lang("bash"), "bash");
	CHECK_STR(sg_hl_lang("console"), "console");
	CHECK_STR(sg_hl_lang("yml"), "yaml");
	CHECK_STR(sg_hl_lang("js"), "javascript");
	CHECK_STR(sg_hl_lang("ts"), "typescript");
	CHECK_STR(sg_hl_lang("py"), "python");
	CHECK_STR(sg_hl_lang("Python"), "python");
	CHECK_STR(sg_hl_lang("C"), "c");
	CHECK_STR(sg_hl_lang("patch"), "diff");
	CHECK_STR(sg_hl_lang("makefile"), "make");
	CHECK_STR(sg_hl_lang("toml"), "toml");
	CHECK_STR(sg_hl_lang("ini"), "ini");
	CHECK_STR(sg_hl_lang("xml"), "xml");
	CHECK_STR(sg_hl_lang("HTML"), "html");
	CHECK_STR(sg_hl_lang("output"), "text");
	CHECK_STR(sg_hl_lang("plain"), "text");
	CHECK(sg_hl_lang("cobol") == NULL);
	CHECK(sg_hl_lang("") == NULL);
	CHECK(sg_hl_lang(NULL) == NULL);
	CHECK(sg_hl_lang("a-language-name-longer-than-any-we-know") == NULL);
	for (i = 0; i < NLANGS; i++)
		CHECK_STR(sg_hl_lang(spec_langs[i]), spec_langs[i]);
}

static void
test_unknown_lang(void)
{
	struct sg_tokens	 toks = { 0 };
	const char		*src = "int x = 1; /* not C */\n";

	CHECK(sg_hl_tokenize("cobol", src, strlen(src), &toks) == -1);
	CHECK(toks.len == 1 && toks.v[0].kind == SG_TOK_TEXT &&
	    toks.v[0].off == 0 && toks.v[0].len == strlen(src));
	CHECK(sg_hl_tokenize(NULL, src, strlen(src), &toks) == 0);
	CHECK(toks.len == 1 && toks.v[0].kind == SG_TOK_TEXT);
	CHECK(sg_hl_tokenize("", src, strlen(src), &toks) == 0);
	CHECK(toks.len == 1 && toks.v[0].kind == SG_TOK_TEXT);
	CHECK(sg_hl_tokenize("output", src, strlen(src), &toks) == 0);
	CHECK(toks.len == 1 && toks.v[0].kind == SG_TOK_TEXT);
	CHECK(sg_hl_tokenize("cobol", "", 0, &toks) == -1);
	CHECK(toks.len == 0);
	CHECK(sg_hl_tokenize("c", NULL, 0, &toks) == 0);
	CHECK(toks.len == 0);
	sg_hl_tokens_free(&toks);
	CHECK(toks.v == NULL && toks.len == 0 && toks.cap == 0);
	sg_hl_tokens_free(NULL);
}

static void
test_reuse_and_merge(void)
{
	struct sg_tokens	 toks = { 0 };
	const char		*a = "f(x);", *b = "int";

	/* f ( x ) ; : the punctuation around x stays apart, ");" merges */
	CHECK(sg_hl_tokenize("c", a, strlen(a), &toks) == 0);
	CHECK(toks.len == 4);
	CHECK(toks.len == 4 && toks.v[0].kind == SG_TOK_FUNCTION &&
	    toks.v[1].kind == SG_TOK_PUNCT && toks.v[3].kind == SG_TOK_PUNCT &&
	    toks.v[3].off == 3 && toks.v[3].len == 2);
	CHECK(sg_hl_tokenize("c", b, strlen(b), &toks) == 0);
	CHECK(toks.len == 1 && toks.v[0].kind == SG_TOK_TYPE &&
	    toks.v[0].len == 3);
	sg_hl_tokens_free(&toks);
}

/* A small deterministic generator (xorshift), so failures repeat. */
static uint32_t
rnd(uint32_t *state)
{
	uint32_t	 x = *state;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return *state = x;
}

/* Fills buf with bytes that are half syntax characters, so the scanners'
 * states are reached, half anything. */
static void
fill(char *buf, size_t n, uint32_t *state)
{
	static const char	 syntax[] = "\"'`$#/*-+=<>!&|;:,.()[]{}\\%@?~^"
	    "\n\n\n\t  _aZ09xeEp\r";
	static const char *const words[] = {
		"<<EOF\n", "EOF\n", "'''", "\"\"\"", "--[[", "]]", "[==[",
		"/*", "*/", "<!--", "-->", "<script>", "</script>", "${",
		"$(", "@@ -1,2 +1,2 @@\n", "\n+", "\n-", "case x in\n", ";;",
		"esac", "((", "))", "[[", "<![CDATA[", "#include <", "- ",
		": |\n", "key: ", "[sec]\n", "0x1p+", "1e-", "\\\n", "\t",
	};
	size_t		 i, k;
	uint32_t	 r;

	for (i = 0; i < n; ) {
		r = rnd(state);
		if (r % 16 == 0) {
			const char *w = words[(r >> 8) % (sizeof(words) /
			    sizeof(words[0]))];

			for (k = 0; w[k] != '\0' && i < n; k++)
				buf[i++] = w[k];
		} else if (r % 2 == 0)
			buf[i++] = syntax[(r >> 8) % (sizeof(syntax) - 1)];
		else
			buf[i++] = (char)(r >> 16);
	}
}

static void
test_random_bytes(void)
{
	struct sg_tokens	 toks = { 0 };
	uint32_t		 state = 2463534242u;
	char			*buf;
	size_t			 n, l, round;

	for (round = 0; round < 200; round++) {
		n = rnd(&state) % 3000;
		buf = xmalloc(n);
		fill(buf, n, &state);
		for (l = 0; l < NLANGS; l++)
			if (!tokenize_exact(spec_langs[l], buf, n, &toks)) {
				printf("  round %zu, %zu bytes\n", round, n);
				harness_case_failed = 1;
			}
		free(buf);
	}
	sg_hl_tokens_free(&toks);
}

static double
seconds(void)
{
	return (double)clock() / CLOCKS_PER_SEC;
}

/* Under AddressSanitizer everything runs about ten times slower: the
 * sizes below shrink, the ratios stay. */
#if defined(__SANITIZE_ADDRESS__)
#define SCALE	5
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SCALE	5
#endif
#endif
#ifndef SCALE
#define SCALE	1
#endif

/* Tokenizes buf[0..big) and buf[0..big / 10) in every language; fails if
 * the first takes much more than ten times the second (linear time is a
 * ratio, not a time) or the tokens do not cover the input. */
static void
linear(const char *what, const char *buf, size_t big)
{
	struct sg_tokens	 toks = { 0 };
	double			 t0, t_small = 0, t_big = 0;
	size_t			 l;

	for (l = 0; l < NLANGS; l++) {
		t0 = seconds();
		(void)sg_hl_tokenize(spec_langs[l], buf, big / 10, &toks);
		t_small += seconds() - t0;
		t0 = seconds();
		(void)sg_hl_tokenize(spec_langs[l], buf, big, &toks);
		t_big += seconds() - t0;
		if (!covers(spec_langs[l], &toks, big)) {
			printf("  %s\n", what);
			harness_case_failed = 1;
		}
	}
	/* Linear is about 10, quadratic about 100. */
	if (t_big > 0.2 && t_big / (t_small > 0.005 ? t_small : 0.005) > 30) {
		printf("  %s: %zu bytes took %.0f times %zu\n", what, big,
		    t_big / t_small, big / 10);
		harness_case_failed = 1;
	}
	sg_hl_tokens_free(&toks);
}

/* A 5 MB line of syntax characters and random bytes, in every language. */
static void
test_huge_line(void)
{
	const size_t	 big = (5 << 20) / SCALE;
	uint32_t	 state = 88172645u;
	char		*buf = xmalloc(big);
	size_t		 i;

	fill(buf, big, &state);
	for (i = 0; i < big; i++)
		if (buf[i] == '\n')
			buf[i] = ' ';
	linear("random syntax", buf, big);
	free(buf);
}

/* Long lines made of one construct over and over, the shapes that would
 * make a careless scanner look ahead or back again and again. */
static void
test_pathological(void)
{
	static const char *const units[] = {
		"a", "(", "/*", "\"\\", "[=", "<a b=", "${`", "- '",
		"\"\"\"'", "--[==[ ]=", "/[/", "$((", "@@", "x: ", "#",
		"<<E ", "]", "$(", "{", "\\", "a=(",
	};
	const size_t	 big = (256 << 10) / SCALE;
	char		*buf = xmalloc(big);
	size_t		 u, i, n;

	for (u = 0; u < sizeof(units) / sizeof(units[0]); u++) {
		for (i = 0, n = strlen(units[u]); i < big; i++)
			buf[i] = units[u][i % n];
		linear(units[u], buf, big);
	}
	free(buf);
}

static void
test_html(void)
{
	struct sg_buf	 b = { 0 };
	const char	*src;

	src = "if (a < b && c > \"d\") x = '&';\n";
	CHECK(sg_hl_html("c", src, strlen(src), &b) == 0);
	CHECK_STR(b.data, "<span class=\"tok-kw\">if</span> "
	    "<span class=\"tok-pu\">(</span>a <span class=\"tok-op\">&lt;"
	    "</span> b <span class=\"tok-op\">&amp;&amp;</span> c "
	    "<span class=\"tok-op\">&gt;</span> <span class=\"tok-str\">"
	    "&quot;d&quot;</span><span class=\"tok-pu\">)</span> x "
	    "<span class=\"tok-op\">=</span> <span class=\"tok-str\">'&amp;'"
	    "</span><span class=\"tok-pu\">;</span>\n");
	sg_buf_free(&b);

	/* A token over several lines is closed and reopened at each. */
	src = "/* a\n\nb */";
	CHECK(sg_hl_html("c", src, strlen(src), &b) == 0);
	CHECK_STR(b.data, "<span class=\"tok-com\">/* a</span>\n\n"
	    "<span class=\"tok-com\">b */</span>");
	sg_buf_free(&b);

	/* Unknown: escaped all the same, no span. */
	src = "<b>&\"</b>";
	CHECK(sg_hl_html("cobol", src, strlen(src), &b) == -1);
	CHECK_STR(b.data, "&lt;b&gt;&amp;&quot;&lt;/b&gt;");
	sg_buf_free(&b);

	/* Appends, keeping what the buffer held. */
	sg_buf_puts(&b, "<pre>");
	CHECK(sg_hl_html("text", "a<b", 3, &b) == 0);
	CHECK_STR(b.data, "<pre>a&lt;b");
	sg_buf_free(&b);

	/* NUL bytes pass through; nothing past len is read. */
	CHECK(sg_hl_html("c", "x\0y\"zzz", 4, &b) == 0);
	CHECK(b.len == 3 + strlen("<span class=\"tok-str\">&quot;</span>") &&
	    memcmp(b.data, "x\0y", 3) == 0);
	sg_buf_free(&b);
}

/* sg_hl_html_tokens as it was, four appends and an escaping call a
 * token: what the one that writes short tokens straight into the
 * buffer's room must give. */
static void
html_tokens_slow(const char *src, const struct sg_token *tokens,
    size_t ntokens, struct sg_buf *buf)
{
	const char	*cls, *p, *e, *nl;
	size_t		 i;

	for (i = 0; i < ntokens; i++) {
		p = src + tokens[i].off;
		e = p + tokens[i].len;
		if ((cls = sg_hl_class(tokens[i].kind)) == NULL) {
			sg_buf_put_html(buf, p, tokens[i].len);
			continue;
		}
		for (; p < e; p = nl) {
			if ((nl = memchr(p, '\n', (size_t)(e - p))) == NULL)
				nl = e;
			if (nl > p) {
				sg_buf_puts(buf, "<span class=\"");
				sg_buf_puts(buf, cls);
				sg_buf_puts(buf, "\">");
				sg_buf_put_html(buf, p, (size_t)(nl - p));
				sg_buf_puts(buf, "</span>");
			}
			if (nl < e)
				sg_buf_putc(buf, '\n');
			nl += nl < e;
		}
	}
}

/* Random code of every language, with the bytes to escape and newlines
 * inside tokens (strings, comments), into a buffer that is empty (every
 * token by the appends), one with room (short tokens in one step) and
 * one with some bytes already: the same HTML each time. */
static void
test_html_tokens_as_appends(void)
{
	static const char *const langs[] = {
		"c", "javascript", "html", "yaml", "bash", "diff", "json",
		"python", "text",
	};
	static const char *const bits[] = {
		"int ", "x", " < ", "&&", "\"a<b&c\"", "/* x\ny */", "\n",
		"'q'", "# c\n", "<p class=\"a\">", "- a: \"b\"\n", "  ",
		"foo(", ")", "0x1f", "@@ -1 +1 @@\n", "+x\n", "\"\"\"",
	};
	struct sg_tokens	 toks = { 0 };
	struct sg_buf		 slow = { 0 }, fast = { 0 };
	char			 src[400];
	unsigned int		 seed = 3;
	size_t			 n, k, round, pre;

	for (round = 0; round < 3000; round++) {
		for (n = 0; n < 300; n += strlen(bits[k])) {
			seed = seed * 1103515245u + 12345u;
			k = (seed >> 16) % (sizeof(bits) / sizeof(bits[0]));
			memcpy(src + n, bits[k], strlen(bits[k]));
			if ((seed >> 8) % 9 == 0) {
				n += strlen(bits[k]);
				break;
			}
		}
		sg_hl_tokenize(langs[round % 9], src, n, &toks);
		sg_buf_free(&slow);
		html_tokens_slow(src, toks.v, toks.len, &slow);
		pre = round % 3 == 0 ? 0 : (seed >> 4) % 200;
		sg_buf_free(&fast);
		if (round % 3 == 2)
			sg_buf_grow(&fast, pre + 2 * slow.len);
		sg_buf_put(&fast, src, pre < n ? pre : n);
		pre = fast.len;
		sg_hl_html_tokens(src, toks.v, toks.len, &fast);
		if (fast.len - pre != slow.len || memcmp(fast.data + pre,
		    slow.data, slow.len) != 0 || fast.data[fast.len] != '\0') {
			printf("  round %zu (%s): differs\n", round,
			    langs[round % 9]);
			harness_case_failed = 1;
			break;
		}
	}
	sg_buf_free(&slow);
	sg_buf_free(&fast);
	sg_hl_tokens_free(&toks);
}

int
main(int argc, char *argv[])
{
	regen = argc > 1 && strcmp(argv[1], "--regen") == 0;
	TEST(test_classes);
	TEST(test_lang_names);
	TEST(test_unknown_lang);
	TEST(test_reuse_and_merge);
	TEST(spec_bash);
	TEST(spec_c);
	TEST(spec_console);
	TEST(spec_diff);
	TEST(spec_html);
	TEST(spec_ini);
	TEST(spec_javascript);
	TEST(spec_json);
	TEST(spec_lua);
	TEST(spec_make);
	TEST(spec_python);
	TEST(spec_text);
	TEST(spec_toml);
	TEST(spec_typescript);
	TEST(spec_xml);
	TEST(spec_yaml);
	TEST(test_random_bytes);
	TEST(test_huge_line);
	TEST(test_pathological);
	TEST(test_html);
	TEST(test_html_tokens_as_appends);
	HARNESS_EXIT();
}
