/*
 * scan_secrets.c: the check a pre-commit hook runs before git records a
 * commit. It looks through the lines about to be committed for AWS access
 * key IDs and secret access keys, prints where they are (masked), and exits
 * with status 1 so that git refuses the commit.
 *
 * The staged lines are fixed below so the sample has something to find;
 * they use the example key pair from the AWS documentation, which is not a
 * working credential. A real hook would read `git diff --cached` instead.
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

struct staged_line {
    const char *path;
    int line;
    const char *text;
};

// ANCHOR: staged
static const struct staged_line staged[] = {
    { "serverless.yml", 7, "  region: eu-west-1" },
    { "config/dev.env", 1, "TABLE_NAME=orders-dev" },
    { "config/dev.env", 2, "AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE" },
    { "config/dev.env", 3,
      "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" },
    { "src/build.c", 12, "const char *build = \"AKIA-BUILD-42\";" },
    { "src/build.c", 13,
      "const char *digest = \"0123456789abcdef0123456789abcdef01234567\";" },
};
// ANCHOR_END: staged

// ANCHOR: matchers
/* An access key ID: AKIA (long-term) or ASIA (temporary) and 16 more
 * upper-case letters or digits, not part of a longer word. */
static bool
is_access_key_id(const char *s, const char *line_start)
{
    if (strncmp(s, "AKIA", 4) != 0 && strncmp(s, "ASIA", 4) != 0)
        return false;
    if (s > line_start && isalnum((unsigned char)s[-1]))
        return false;
    for (int i = 4; i < 20; i++)
        if (!isupper((unsigned char)s[i]) && !isdigit((unsigned char)s[i]))
            return false;
    return !isalnum((unsigned char)s[20]);
}

static bool
is_base64_char(char c)
{
    return isalnum((unsigned char)c) || c == '/' || c == '+';
}

/* A secret access key: exactly 40 base64 characters, on a line that names
 * a secret (a bare 40-character token alone is too often a hash). */
static bool
is_secret_key(const char *s, const char *line_start)
{
    int n = 0;

    if (s > line_start && is_base64_char(s[-1]))
        return false;
    while (is_base64_char(s[n]))
        n++;
    return n == 40 && (strstr(line_start, "SECRET") != NULL ||
                       strstr(line_start, "secret") != NULL);
}
// ANCHOR_END: matchers

// ANCHOR: scan
/* Reports every credential on one line; returns how many it found. */
static int
scan_line(const struct staged_line *l)
{
    int found = 0;

    for (const char *s = l->text; *s != '\0'; s++) {
        if (is_access_key_id(s, l->text)) {
            printf("%s:%d: AWS access key ID %.4s************%.4s\n",
                   l->path, l->line, s, s + 16);
            found++;
            s += 19;
        } else if (is_secret_key(s, l->text)) {
            printf("%s:%d: AWS secret access key (40 characters, hidden)\n",
                   l->path, l->line);
            found++;
            s += 39;
        }
    }
    return found;
}

int
main(void)
{
    int found = 0;

    for (size_t i = 0; i < sizeof staged / sizeof staged[0]; i++)
        found += scan_line(&staged[i]);
    if (found > 0) {
        printf("%d credential(s) staged: commit refused.\n", found);
        printf("Remove them, and deactivate any key that was real.\n");
        return 1;
    }
    printf("no credentials found\n");
    return 0;
}
// ANCHOR_END: scan
