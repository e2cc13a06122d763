/* test_buf.c: unit tests for the growing byte buffer (util.h): bytes put
 * one at a time across its growth steps stay whole and NUL-terminated,
 * mixed with the other appends. */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "util.h"

static void
putc_across_growth(void)
{
	struct sg_buf	 b = { 0 };
	char		 want[1000];
	size_t		 i;
	int		 ok = 1;

	for (i = 0; i < sizeof(want); i++) {
		want[i] = (char)('a' + i % 26);
		sg_buf_putc(&b, want[i]);
		/* every length, including those right at a capacity */
		if (b.len != i + 1 || b.cap <= b.len || b.data[b.len] != '\0' ||
		    memcmp(b.data, want, b.len) != 0)
			ok = 0;
	}
	CHECK(ok);
	free(b.data);
}

static void
putc_mixed(void)
{
	struct sg_buf	 b = { 0 };
	char		*s;

	sg_buf_putc(&b, '[');
	sg_buf_puts(&b, "0123456789012345678901234567890123456789012345678901");
	sg_buf_putc(&b, ',');
	sg_buf_printf(&b, "%d", 42);
	sg_buf_putc(&b, '\0');
	sg_buf_putc(&b, ']');
	CHECK(b.len == 58);
	CHECK(b.data[56] == '\0' && b.data[57] == ']' && b.data[58] == '\0');
	b.len = 56;
	s = sg_buf_detach(&b);
	CHECK_STR(s, "[0123456789012345678901234567890123456789012345678901,42");
	free(s);
}

/* sg_buf_put_html as it was, a byte at a time: what the fast one must
 * give for any text. */
static void
html_slow(struct sg_buf *b, const char *s, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		switch (s[i]) {
		case '&':
			sg_buf_puts(b, "&amp;");
			break;
		case '<':
			sg_buf_puts(b, "&lt;");
			break;
		case '>':
			sg_buf_puts(b, "&gt;");
			break;
		case '"':
			sg_buf_puts(b, "&quot;");
			break;
		default:
			sg_buf_putc(b, s[i]);
		}
}

/* Texts of every length up to 70 from a small alphabet, so that the
 * special bytes fall at every place of a sixteen-byte block. */
static void
put_html_any_text(void)
{
	static const char	 abc[] = "a&<>\"b'\0\xc3";
	struct sg_buf		 fast = { 0 }, slow = { 0 };
	char			 s[70];
	unsigned int		 seed = 1;
	size_t			 n, i, round;

	for (round = 0; round < 400; round++)
		for (n = 0; n <= sizeof(s); n++) {
			for (i = 0; i < n; i++) {
				seed = seed * 1103515245u + 12345u;
				/* mostly plain text, now and then special */
				s[i] = (seed >> 16) % 7 ? 'x' :
				    abc[(seed >> 8) % (sizeof(abc) - 1)];
			}
			fast.len = slow.len = 0;
			sg_buf_puts(&fast, "");
			sg_buf_puts(&slow, "");
			sg_buf_put_html(&fast, s, n);
			html_slow(&slow, s, n);
			if (fast.len != slow.len || memcmp(fast.data,
			    slow.data, fast.len) != 0) {
				printf("  round %zu, length %zu differs\n",
				    round, n);
				harness_case_failed = 1;
				round = 400;
				break;
			}
		}
	free(fast.data);
	free(slow.data);
}

/* sg_find gives what memmem gives: needles of every length at every
 * place, found or not, in texts of every length. */
static void
find_as_memmem(void)
{
	char		 hay[80], needle[24];
	unsigned int	 seed = 7;
	size_t		 hn, nn, i, round;
	const char	*want, *got;

	for (round = 0; round < 3000; round++) {
		seed = seed * 1103515245u + 12345u;
		hn = (seed >> 8) % sizeof(hay);
		seed = seed * 1103515245u + 12345u;
		nn = (seed >> 8) % sizeof(needle);
		for (i = 0; i < hn; i++) {
			seed = seed * 1103515245u + 12345u;
			hay[i] = "ab"[(seed >> 16) % 2];
		}
		for (i = 0; i < nn; i++) {
			seed = seed * 1103515245u + 12345u;
			needle[i] = "ab"[(seed >> 16) % 2];
		}
		/* half the time, the needle from the text itself */
		if (round % 2 && nn <= hn && hn > 0) {
			i = (seed >> 4) % (hn - nn + 1);
			memcpy(needle, hay + i, nn);
		}
		want = memmem(hay, hn, needle, nn);
		got = sg_find(hay, hn, needle, nn);
		if (want != got) {
			printf("  text of %zu, needle of %zu: %td, want %td\n",
			    hn, nn, got ? got - hay : -1, want ? want - hay :
			    -1);
			harness_case_failed = 1;
			break;
		}
	}
	CHECK(sg_find("href=\"/a/\"", 10, "href=\"/a/\"", 10) != NULL);
	CHECK(sg_find("xhref=\"/a/", 10, "href=\"/a/\"", 10) == NULL);
}

int
main(void)
{
	TEST(putc_across_growth);
	TEST(putc_mixed);
	TEST(put_html_any_text);
	TEST(find_as_memmem);
	HARNESS_EXIT();
}
