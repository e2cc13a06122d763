/*
 * injection.c: the same lookup written two ways against a toy SQL engine.
 * Built by string concatenation, a crafted name rewrites the query and
 * returns every customer's orders; with a placeholder, the same name is
 * only ever a value and matches nothing.
 *
 * The engine understands one statement shape,
 *     SELECT * FROM orders WHERE a = b [OR a = b ...]
 * where a and b are the column owner, a 'quoted string' or the placeholder ?.
 * It is made for this sample; a real database driver does the same job.
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

struct order {
    int id;
    const char *owner;
    const char *item;
};

static const struct order orders[] = {
    { 1, "alice", "book" },
    { 2, "bob", "laptop" },
    { 3, "carol", "phone" },
};

/* ---- the toy engine ---- */

struct token {
    char text[64];
    bool quoted;            /* a 'string' literal, as opposed to a word */
};

/* Reads one token at *p: a quoted string, '=', '?', or a word. */
static bool
next_token(const char **p, struct token *t)
{
    size_t n = 0;

    while (**p == ' ')
        (*p)++;
    t->quoted = false;
    if (**p == '\0')
        return false;
    if (**p == '\'') {
        t->quoted = true;
        for ((*p)++; **p != '\'' && **p != '\0'; (*p)++)
            if (n + 1 < sizeof t->text)
                t->text[n++] = **p;
        if (**p == '\'')
            (*p)++;
    } else if (**p == '=' || **p == '?') {
        t->text[n++] = *(*p)++;
    } else {
        while (isalnum((unsigned char)**p) || **p == '*')
            if (n + 1 < sizeof t->text)
                t->text[n++] = *(*p)++;
            else
                (*p)++;
        if (n == 0)
            (*p)++;
    }
    t->text[n] = '\0';
    return true;
}

/* The value of one operand for one row. */
static const char *
operand(const struct token *t, const struct order *row, const char *param)
{
    if (t->quoted)
        return t->text;
    if (strcmp(t->text, "owner") == 0)
        return row->owner;
    if (strcmp(t->text, "?") == 0)
        return param;        /* a bound value: never parsed as SQL */
    return NULL;
}

/* Runs the WHERE clause of sql against every row and prints the matches.
 * param is the value bound to ?, or NULL. Returns the rows matched. */
static int
execute(const char *sql, const char *param)
{
    const char *where = strstr(sql, "WHERE ");
    int matched = 0;

    if (where == NULL)
        return 0;
    for (size_t r = 0; r < sizeof orders / sizeof orders[0]; r++) {
        const char *p = where + strlen("WHERE ");
        struct token a, eq, b;
        bool hit = false;

        while (next_token(&p, &a) && next_token(&p, &eq) &&
               next_token(&p, &b) && strcmp(eq.text, "=") == 0) {
            const char *x = operand(&a, &orders[r], param);
            const char *y = operand(&b, &orders[r], param);
            struct token or_word;

            if (x != NULL && y != NULL && strcmp(x, y) == 0)
                hit = true;
            if (!next_token(&p, &or_word) || strcmp(or_word.text, "OR") != 0)
                break;
        }
        if (hit) {
            printf("    order %d: %s, %s\n", orders[r].id, orders[r].owner,
                   orders[r].item);
            matched++;
        }
    }
    return matched;
}

// ANCHOR: concat
/* WRONG: the input becomes part of the statement's text. */
static int
orders_by_concat(const char *name)
{
    char sql[256];

    snprintf(sql, sizeof sql,
             "SELECT * FROM orders WHERE owner = '%s'", name);
    printf("  statement: %s\n", sql);
    return execute(sql, NULL);
}
// ANCHOR_END: concat

// ANCHOR: placeholder
/* RIGHT: the statement is fixed; the input is bound to ? as a value. */
static int
orders_by_placeholder(const char *name)
{
    const char *sql = "SELECT * FROM orders WHERE owner = ?";

    printf("  statement: %s  [? = \"%s\"]\n", sql, name);
    return execute(sql, name);
}
// ANCHOR_END: placeholder

// ANCHOR: main
int
main(void)
{
    const char *honest = "alice";
    const char *attack = "nobody' OR 'a' = 'a";

    printf("concatenation, honest input:\n");
    printf("  %d row(s)\n", orders_by_concat(honest));
    printf("concatenation, crafted input:\n");
    printf("  %d row(s)\n", orders_by_concat(attack));
    printf("placeholder, honest input:\n");
    printf("  %d row(s)\n", orders_by_placeholder(honest));
    printf("placeholder, crafted input:\n");
    printf("  %d row(s)\n", orders_by_placeholder(attack));
    return 0;
}
// ANCHOR_END: main
