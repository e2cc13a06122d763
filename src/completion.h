/* completion.h: shell completion scripts for sitegen's command line. */
#ifndef SG_COMPLETION_H
#define SG_COMPLETION_H

#include <stdio.h>

/* Writes the completion script for shell ("bash", "zsh" or "fish") to
 * fp. Returns 0, or -1 if sitegen has none for that shell. */
int	sg_completion_print(FILE *fp, const char *shell);

#endif
