/* suggest.c: "did you mean": the edit distance between two words, with a
 * swap of two neighbours counted as one edit ("wieght" is one from
 * "weight"), and the known name closest to a word, if close enough to be
 * a typo rather than a name of the author's own. */
#include <stdlib.h>
#include <string.h>

#include "suggest.h"
#include "util.h"

#define MAX_WORD	64	/* longer words are never typos of ours */

int
sg_edit_distance(const char *a, const char *b)
{
	int	 d[MAX_WORD + 1][MAX_WORD + 1];
	size_t	 n = strlen(a), m = strlen(b), i, k;
	int	 v, cost;

	if (n > MAX_WORD || m > MAX_WORD)
		return MAX_WORD;
	for (i = 0; i <= n; i++)
		d[i][0] = (int)i;
	for (k = 0; k <= m; k++)
		d[0][k] = (int)k;
	for (i = 1; i <= n; i++)
		for (k = 1; k <= m; k++) {
			cost = a[i - 1] != b[k - 1];
			v = d[i - 1][k - 1] + cost;
			if (d[i - 1][k] + 1 < v)
				v = d[i - 1][k] + 1;
			if (d[i][k - 1] + 1 < v)
				v = d[i][k - 1] + 1;
			if (i > 1 && k > 1 && a[i - 1] == b[k - 2] &&
			    a[i - 2] == b[k - 1] && d[i - 2][k - 2] + 1 < v)
				v = d[i - 2][k - 2] + 1;
			d[i][k] = v;
		}
	return d[n][m];
}

const char *
sg_suggest(const char *word, const char *const *names, size_t n)
{
	const char	*best = NULL;
	size_t		 i, len;
	int		 d, bestd = MAX_WORD, limit;

	for (i = 0; i < n; i++) {
		if (names[i] == NULL || !strcmp(word, names[i]))
			continue;
		len = strlen(names[i]);
		limit = len <= 4 ? 1 : 2;
		d = sg_edit_distance(word, names[i]);
		if (d <= limit && d < bestd && (size_t)d < len) {
			best = names[i];
			bestd = d;
		}
	}
	return best;
}
