/* search_text.h: random texts for the search index's unit tests
 * (test_search.c, test_search_token.c). */
#ifndef SEARCH_TEXT_H
#define SEARCH_TEXT_H

#include "util.h"

/* A text of pieces chosen by x (a linear congruential generator's state,
 * moved on): words either side of 8 and 16 bytes and of the 48 the
 * indexer keeps, ASCII that goes on past it, folded letters, combining
 * accents, unspaced scripts, bad bytes, and separators or none. */
static void
random_text(struct sg_buf *b, unsigned long *x)
{
	static const char	*piece[] = {
		"a", "Ab", "wallet", "Lambda", "abcdefgh", "ABCDEFGHI",
		"idempotency", "abcdefghijklmno", "abcdefghijklmnop",
		"abcdefghijklmnopq", "x86", "2024", "\xc3\xa9t\xc3\xa9",
		"e\xcc\x81", "\xcc\x81", "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e",
		"\xe3\x83\xbb", "\xff", "\xe2\x80\x94", "\xc3\x97", "\t",
		"0123456789012345678901234567890123456789012345678",
		"012345678901234567890123456789012345678901234567",
		" ", " ", " ", ". ", "\n", "_", "-"
	};
	size_t			 i, n;

	b->len = 0;
	n = (*x >> 16) % 24;
	for (i = 0; i < n; i++) {
		*x = *x * 1103515245 + 12345;
		sg_buf_puts(b, piece[(*x >> 16) % (sizeof(piece) /
		    sizeof(*piece))]);
	}
	*x = *x * 1103515245 + 12345;
}

#endif
