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
	char		 hay[200], needle[40];
	unsigned int	 seed = 7;
	size_t		 hn, nn, i, round;
	const char	*want, *got;

	for (round = 0; round < 6000; round++) {
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

/* RFC 3629's grammar of UTF-8, byte ranges and all: the length of the
 * character at s[0..n), or 0 if it is not one. */
static size_t
rfc_char(const unsigned char *s, size_t n)
{
	static const struct {
		unsigned char	 lo[4], hi[4];
		size_t		 len;
	} form[] = {
		{ { 0x00 }, { 0x7f }, 1 },
		{ { 0xc2, 0x80 }, { 0xdf, 0xbf }, 2 },
		{ { 0xe0, 0xa0, 0x80 }, { 0xe0, 0xbf, 0xbf }, 3 },
		{ { 0xe1, 0x80, 0x80 }, { 0xec, 0xbf, 0xbf }, 3 },
		{ { 0xed, 0x80, 0x80 }, { 0xed, 0x9f, 0xbf }, 3 },
		{ { 0xee, 0x80, 0x80 }, { 0xef, 0xbf, 0xbf }, 3 },
		{ { 0xf0, 0x90, 0x80, 0x80 }, { 0xf0, 0xbf, 0xbf, 0xbf }, 4 },
		{ { 0xf1, 0x80, 0x80, 0x80 }, { 0xf3, 0xbf, 0xbf, 0xbf }, 4 },
		{ { 0xf4, 0x80, 0x80, 0x80 }, { 0xf4, 0x8f, 0xbf, 0xbf }, 4 },
	};
	size_t	 f, k;

	for (f = 0; f < sizeof(form) / sizeof(form[0]); f++) {
		if (form[f].len > n)
			continue;
		for (k = 0; k < form[f].len; k++)
			if (s[k] < form[f].lo[k] || s[k] > form[f].hi[k])
				break;
		if (k == form[f].len)
			return k;
	}
	return 0;
}

/* sg_utf8_valid says what the grammar says, for texts of every length up
 * to 80 made of ASCII, stray bytes, and characters of every form and
 * their near misses (surrogates, overlong forms, past U+10FFFF, cut
 * short), at every place against the sixteen-byte steps. */
static void
utf8_valid_as_rfc(void)
{
	static const char *const bits[] = {
		"a", " ", "\n", "\xc3\xa9", "\xe2\x80\x94", "\xf0\x9f\x98\x80",
		"\xf4\x8f\xbf\xbf", "\xed\x9f\xbf", "\xee\x80\x80",
		"\xed\xa0\x80", "\xed\xbf\xbf", "\xc0\xaf", "\xc1\xbf", "\xe0\x9f\xbf",
		"\xf0\x8f\xbf\xbf", "\xf4\x90\x80\x80", "\xf5\x80\x80\x80",
		"\x80", "\xbf", "\xff", "\xe2\x82", "\xf0\x9f\x98",
	};
	unsigned char	 text[200];
	unsigned int	 seed = 7;
	size_t		 n, i, k, round;
	int		 want;

	for (round = 0; round < 40000; round++) {
		/* pieces up to a length of round % 160 (and a piece more) */
		for (n = 0; n <= round % 160; n += strlen(bits[k])) {
			seed = seed * 1103515245u + 12345u;
			/* mostly ASCII, so that whole sixteen- and 32-byte
			 * steps pass */
			k = (seed >> 16) % 64;
			k = k < 40 ? 0 : k - 40 < 22 ? k - 40 : 1;
			memcpy(text + n, bits[k], strlen(bits[k]));
		}
		for (want = 1, i = 0; i < n; i += k)
			if ((k = rfc_char(text + i, n - i)) == 0) {
				want = 0;
				break;
			}
		if (sg_utf8_valid((const char *)text, n) != want) {
			printf("  round %zu, %zu bytes: %d, want %d\n", round, n,
			    !want, want);
			harness_case_failed = 1;
			break;
		}
	}
	CHECK(sg_utf8_valid("", 0));
	CHECK(sg_utf8_valid("0123456789abcdef\xc3\xa9", 18));
	CHECK(!sg_utf8_valid("0123456789abcdef\xc3", 17));
	CHECK(!sg_utf8_valid("0123456789abcde\xed\xa0\x80", 18));
	CHECK(sg_utf8_valid("a\0b", 3));
}

/* sg_text_check: text passes; the first NUL, or the first byte that is
 * not UTF-8, whichever comes first, is found at its line and column; a
 * NUL after a bad byte is not the one said, nor one past 32 bytes of
 * ASCII a bad byte before it. */
static void
text_check_where(void)
{
	int	 nul = -1, line = 0, col = 0;

	CHECK(sg_text_check("", 0, &nul, &line, &col) == 0);
	CHECK(sg_text_check("a\n\xc3\xa9\n", 5, &nul, &line, &col) == 0);
	CHECK(nul == -1 && line == 0 && col == 0);
	CHECK(sg_text_check("ab\ncd\0e", 7, &nul, &line, &col) == -1);
	CHECK(nul == 1 && line == 2 && col == 3);
	CHECK(sg_text_check("ab\n\n\xff" "d\0", 7, &nul, &line, &col) == -1);
	CHECK(nul == 0 && line == 3 && col == 1);
	CHECK(sg_text_check("0123456789abcdef0123456789abcdef0123\xc3",
	    37, &nul, &line, &col) == -1);
	CHECK(nul == 0 && line == 1 && col == 37);
	CHECK(sg_text_check("\0\xff", 2, &nul, &line, &col) == -1);
	CHECK(nul == 1 && line == 1 && col == 1);
}

/* sg_count_words counts what a byte-at-a-time count counts, for texts of
 * every length up to 100 of spaces, tabs, newlines, carriage returns
 * (not spaces here), letters and bytes past ASCII. */
static void
count_words_as_bytes(void)
{
	static const char	 alphabet[] = " \t\na\rb\xc3.";
	char			 text[100];
	unsigned int		 seed = 11;
	size_t			 n, i, want, round;
	int			 in;

	for (round = 0; round < 30000; round++) {
		n = round % 101;
		for (i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			/* long runs of one kind too, across the steps */
			text[i] = round % 3 == 0 && i > 0 && (seed >> 20) % 4 ?
			    text[i - 1] : alphabet[(seed >> 16) % 8];
		}
		for (want = 0, in = 0, i = 0; i < n; i++)
			if (text[i] == ' ' || text[i] == '\t' || text[i] == '\n')
				in = 0;
			else if (!in) {
				in = 1;
				want++;
			}
		if (sg_count_words(text, n) != want) {
			printf("  round %zu, %zu bytes: %zu, want %zu\n", round,
			    n, sg_count_words(text, n), want);
			harness_case_failed = 1;
			break;
		}
	}
	CHECK(sg_count_words("", 0) == 0);
	CHECK(sg_count_words("one two  three\tfour\nfive six seven", 35) == 7);
}

/* Every byte value at every place, in texts of every length up to 300
 * that each sit alone in a block of their own size (the sanitizer build
 * sees a read past the end): sg_buf_put_html against the byte-at-a-time
 * escaping, sg_count_words against the byte-at-a-time count. The steps
 * of 32, 16, 8 and 4 bytes and the overlapping loads of the last ones
 * all meet specials and spaces at each of their places. */
static void
every_byte_every_length(void)
{
	struct sg_buf	 fast = { 0 }, slow = { 0 };
	unsigned int	 seed = 5;
	size_t		 n, i, want, got, round;
	char		*s;
	int		 in;

	for (round = 0; round < 20; round++)
		for (n = 0; n <= 300; n++) {
			s = malloc(n ? n : 1);
			for (i = 0; i < n; i++) {
				seed = seed * 1103515245u + 12345u;
				/* any byte; runs of letters in half the rounds */
				s[i] = round % 2 && (seed >> 12) % 3 ? 'w' :
				    (char)(seed >> 16);
			}
			fast.len = slow.len = 0;
			sg_buf_puts(&fast, "");
			sg_buf_puts(&slow, "");
			sg_buf_put_html(&fast, s, n);
			html_slow(&slow, s, n);
			for (want = 0, in = 0, i = 0; i < n; i++)
				if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n')
					in = 0;
				else if (!in) {
					in = 1;
					want++;
				}
			got = sg_count_words(s, n);
			free(s);
			if (fast.len != slow.len || memcmp(fast.data,
			    slow.data, fast.len) != 0 || got != want) {
				printf("  round %zu, length %zu: html %s, "
				    "%zu words, want %zu\n", round, n,
				    fast.len != slow.len || memcmp(fast.data,
				    slow.data, fast.len) ? "differs" : "same",
				    got, want);
				harness_case_failed = 1;
				round = 20;
				break;
			}
		}
	free(fast.data);
	free(slow.data);
}

/* sg_count_byte counts what a byte-at-a-time count counts, for every
 * length up to 300 in a block of its own size (the sanitizer build sees
 * a read past the end), the byte counted at every place. */
static void
count_byte_as_bytes(void)
{
	unsigned int	 seed = 7;
	size_t		 n, i, want, got, round;
	char		*s;

	for (round = 0; round < 20; round++)
		for (n = 0; n <= 300; n++) {
			s = malloc(n ? n : 1);
			for (i = 0; i < n; i++) {
				seed = seed * 1103515245u + 12345u;
				/* newlines dense in some rounds, rare in
				 * others, and any other byte */
				s[i] = (seed >> 16) % (round % 4 * 8 + 2) == 0 ?
				    '\n' : (char)(seed >> 8);
			}
			for (want = 0, i = 0; i < n; i++)
				want += s[i] == '\n';
			got = sg_count_byte(s, n, '\n');
			free(s);
			if (got != want) {
				printf("  round %zu, length %zu: %zu, want "
				    "%zu\n", round, n, got, want);
				harness_case_failed = 1;
				round = 20;
				break;
			}
		}
	CHECK(sg_count_byte("", 0, 'a') == 0);
	CHECK(sg_count_byte("\xff\xff", 2, '\xff') == 2);
}

/* Is c one of the bytes that go into an href as they are (cmark-gfm's
 * houdini href-safe set)? Written out, not shared with text.c. */
static int
href_safe_slow(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || (c != '\0' &&
	    strchr("!#$%()*+,-./:;=?@_~", c) != NULL);
}

/* Is c printable ASCII other than & < > " ' (what sg_plain_span passes)? */
static int
plain_slow(unsigned char c)
{
	return c >= 0x20 && c < 0x7f && strchr("&<>\"'", c) == NULL;
}

/* Does span (sg_href_span, sg_plain_span) stop where a byte at a time
 * with ok stops, for every length up to 80 in a block of its own size
 * (the sanitizer build sees a read past the end), with each of the 256
 * byte values in a run of bytes ok passes (fill) at every place of the
 * steps and of the overlapping last load? */
static int
span_as_bytes(size_t (*span)(const char *, size_t), int (*ok)(unsigned char),
    const char *fill)
{
	size_t	 n, i, at, want, got;
	char	*s;
	int	 c;

	for (n = 0; n <= 80; n++) {
		s = malloc(n ? n : 1);
		for (c = 0; c < 256; c++) {
			for (at = 0; at < n || (at == 0 && n == 0); at++) {
				for (i = 0; i < n; i++)
					s[i] = fill[i % 8];
				if (n > 0)
					s[at] = (char)c;
				for (want = 0; want < n &&
				    ok((unsigned char)s[want]); want++)
					;
				got = span(s, n);
				if (got != want) {
					printf("  length %zu, byte %d at %zu: "
					    "%zu, want %zu\n", n, c, at, got,
					    want);
					free(s);
					return 0;
				}
			}
		}
		free(s);
	}
	return 1;
}

static void
href_span_as_bytes(void)
{
	CHECK(span_as_bytes(sg_href_span, href_safe_slow, "a/Z9.-_~"));
	CHECK(sg_href_span("", 0) == 0);
	CHECK(sg_href_span("page.html#a b", 13) == 11);
	CHECK(sg_href_span("x~y{z", 5) == 3);
}

static void
plain_span_as_bytes(void)
{
	CHECK(span_as_bytes(sg_plain_span, plain_slow, "a Z9.-_~"));
	CHECK(sg_plain_span("", 0) == 0);
	CHECK(sg_plain_span("Tom & Jerry", 11) == 4);
	CHECK(sg_plain_span("caf\xc3\xa9", 5) == 3);
	CHECK(sg_plain_span("tab\there", 8) == 3);
}

int
main(void)
{
	TEST(putc_across_growth);
	TEST(putc_mixed);
	TEST(put_html_any_text);
	TEST(plain_span_as_bytes);
	TEST(find_as_memmem);
	TEST(utf8_valid_as_rfc);
	TEST(text_check_where);
	TEST(count_words_as_bytes);
	TEST(count_byte_as_bytes);
	TEST(every_byte_every_length);
	TEST(href_span_as_bytes);
	HARNESS_EXIT();
}
