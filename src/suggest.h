/* suggest.h: "did you mean": the known name closest to a mistyped one. */
#ifndef SG_SUGGEST_H
#define SG_SUGGEST_H

#include <stddef.h>

/* The optimal string alignment distance between a and b: insertions,
 * deletions, substitutions and swaps of neighbours, each one edit.
 * Words longer than 64 bytes (suggest.c's MAX_WORD) are that far apart
 * from anything. */
int		 sg_edit_distance(const char *a, const char *b);

/* The name of names (n of them) closest to word, or NULL when none is
 * close enough to be what was meant: one edit for names of up to four
 * letters, two for longer ones, and never the word itself. The first of
 * equally close names wins. The result is borrowed from names. */
const char	*sg_suggest(const char *word, const char *const *names,
	    size_t n);

#endif
