/* suggest.h: "did you mean": the known name closest to a mistyped one. */
#ifndef SG_SUGGEST_H
#define SG_SUGGEST_H

#include <stddef.h>

int		 sg_edit_distance(const char *, const char *);
const char	*sg_suggest(const char *, const char *const *, size_t);

#endif
