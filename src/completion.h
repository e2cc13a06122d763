/* completion.h: shell completion scripts for sitegen's command line. */
#ifndef SG_COMPLETION_H
#define SG_COMPLETION_H

#include <stdio.h>

int	sg_completion_print(FILE *, const char *);

#endif
