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

int
main(void)
{
	TEST(putc_across_growth);
	TEST(putc_mixed);
	HARNESS_EXIT();
}
