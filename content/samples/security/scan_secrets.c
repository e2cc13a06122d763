/*
 * scan_secrets.c: a git pre-commit hook that refuses a commit whose staged
 * changes add an AWS access key ID or secret access key.
 *
 * It reads the staged diff on standard input, as produced by
 *
 *     git diff --cached -U0 --no-color
 *
 * and looks only at the lines the commit adds. Removed lines are skipped,
 * so the commit that deletes a key is let through, and so are the "+++"
 * file headers. Each finding is printed with the key masked; the exit
 * status is 1 if there was any (git then refuses the commit), 0 if not,
 * and 2 if the input cannot be read.
 *
 * The build runs it on a small diff that contains the example key pair
 * from the AWS documentation, which is not a working credential.
 */
#define _POSIX_C_SOURCE 200809L   /* for getline() */
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* Reports every credential on one added line; returns how many. */
static int
scan_line(const char *path, long lineno, const char *text)
{
    int found = 0;

    for (const char *s = text; *s != '\0'; s++) {
        if (is_access_key_id(s, text)) {
            printf("%s:%ld: AWS access key ID %.4s************%.4s\n",
                   path, lineno, s, s + 16);
            found++;
            s += 19;
        } else if (is_secret_key(s, text)) {
            printf("%s:%ld: AWS secret access key (40 characters, hidden)\n",
                   path, lineno);
            found++;
            s += 39;
        }
    }
    return found;
}

// ANCHOR: diff
/* Where the diff reader is: which file, which new line comes next, and
 * how many removed and added lines the current hunk still holds. */
struct diff_state {
    char path[4096];
    long next_line;
    long removed_left;
    long added_left;
};

/* Reads "@@ -a[,b] +c[,d] @@" into s; false if line is not one. */
static bool
hunk_header(const char *line, struct diff_state *s)
{
    long old_start, old_count = 1, new_start, new_count = 1;
    char *end;

    if (strncmp(line, "@@ -", 4) != 0)
        return false;
    old_start = strtol(line + 4, &end, 10);
    if (*end == ',')
        old_count = strtol(end + 1, &end, 10);
    if (strncmp(end, " +", 2) != 0)
        return false;
    new_start = strtol(end + 2, &end, 10);
    if (*end == ',')
        new_count = strtol(end + 1, &end, 10);
    (void)old_start;
    s->next_line = new_start;
    s->removed_left = old_count;
    s->added_left = new_count;
    return true;
}

/* Handles one line of the diff; returns the credentials it found. */
static int
diff_line(const char *line, struct diff_state *s)
{
    if (s->removed_left > 0 || s->added_left > 0) {
        /* Inside a hunk: the first character says what the line is, so
         * an added line that itself starts with "++" is still scanned. */
        switch (line[0]) {
        case '-':
            s->removed_left--;
            return 0;
        case '+':
            s->added_left--;
            return scan_line(s->path, s->next_line++, line + 1);
        case ' ':
            s->removed_left--;
            s->added_left--;
            s->next_line++;
            return 0;
        default:             /* "\ No newline at end of file" */
            return 0;
        }
    }
    if (strncmp(line, "+++ ", 4) == 0) {
        /* The new file's name, "b/path", or /dev/null for a deletion. */
        const char *name = line + 4;

        if (strncmp(name, "b/", 2) == 0)
            name += 2;
        snprintf(s->path, sizeof s->path, "%.*s",
                 (int)strcspn(name, "\t\n"), name);
    } else {
        hunk_header(line, s);
    }
    return 0;
}
// ANCHOR_END: diff

// ANCHOR: main
int
main(void)
{
    struct diff_state state = { .path = "?" };
    char *line = NULL;
    size_t cap = 0;
    int found = 0;

    while (getline(&line, &cap, stdin) != -1)
        found += diff_line(line, &state);
    free(line);
    if (ferror(stdin)) {
        fprintf(stderr, "scan-secrets: cannot read the staged diff\n");
        return 2;
    }
    if (found > 0) {
        printf("%d credential(s) in the staged changes: commit refused.\n",
               found);
        printf("Remove them, and deactivate any key that was real.\n");
        return 1;
    }
    return 0;
}
// ANCHOR_END: main
