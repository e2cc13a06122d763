/*
 * invoke_local.c: run a C handler on your own machine, the way
 * `serverless invoke local` runs a Node.js or Python one. It reads an event
 * from a file (or from standard input with "-"), sets up a context with a
 * deadline, passes environment settings given with -e, calls the handler
 * once, and reports what happened. Because it is an ordinary program, a
 * debugger such as gdb can start it and stop inside the handler.
 *
 *     usage: invoke_local [-e NAME=VALUE]... FUNCTION EVENT_FILE
 *
 * lambda.h supplies the simulated context; nothing here calls AWS.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lambda.h"

#define EVENT_MAX 4096
#define ENV_MAX 8

/* ---- settings given with -e, looked up before the real environment ---- */

static const char *env_names[ENV_MAX];
static const char *env_values[ENV_MAX];
static int env_count;

static const char *
config(const char *name)
{
    for (int i = 0; i < env_count; i++)
        if (strcmp(env_names[i], name) == 0)
            return env_values[i];
    return getenv(name);
}

/* Copies the value of "key" in a flat JSON object into out (a string
 * without its quotes, or a number as written), or returns 0 if there is
 * none. Enough for the handlers below; a real handler would use a JSON
 * library. */
static int
json_field(const char *json, const char *key, char *out, size_t size)
{
    char pattern[64];
    const char *p;
    size_t n = 0;

    snprintf(pattern, sizeof pattern, "\"%s\"", key);
    if ((p = strstr(json, pattern)) == NULL)
        return 0;
    p += strlen(pattern);
    while (*p == ' ' || *p == ':')
        p++;
    if (*p == '"') {
        for (p++; *p != '"' && *p != '\0' && n + 1 < size; p++)
            out[n++] = *p;
    } else {
        for (; strchr(",} \n", *p) == NULL && n + 1 < size; p++)
            out[n++] = *p;
    }
    out[n] = '\0';
    return n > 0;
}

// ANCHOR: hello
/* The function under development: greets whoever the event names. */
static enum lambda_status
hello(const char *event, struct lambda_context *ctx)
{
    const char *greeting = config("GREETING");
    char name[64] = "world";

    json_field(event, "name", name, sizeof name);
    lambda_work(ctx, 5);
    printf("%s, %s!\n", greeting != NULL ? greeting : "Hi", name);
    return LAMBDA_OK;
}
// ANCHOR_END: hello

// ANCHOR: countdown
/* A recursive function: each invocation hands the rest to the next. */
static enum lambda_status
countdown(const char *event, struct lambda_context *ctx)
{
    char count[16] = "3";
    char next[64];
    int n;

    json_field(event, "count", count, sizeof count);
    n = atoi(count);
    lambda_work(ctx, 2);
    printf("count %d\n", n);
    if (n <= 1)
        return LAMBDA_OK;
    snprintf(next, sizeof next, "{\"count\": %d}", n - 1);
    return lambda_invoke_async(ctx->rt, next) ? LAMBDA_OK : LAMBDA_ERROR;
}
// ANCHOR_END: countdown

static const struct {
    const char *name;
    lambda_handler handler;
    long timeout_ms;
} functions[] = {
    { "hello", hello, 6000 },
    { "countdown", countdown, 6000 },
};

static int
read_event(const char *path, char *buf, size_t size)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
    size_t n;

    if (f == NULL) {
        fprintf(stderr, "invoke_local: cannot open %s\n", path);
        return -1;
    }
    n = fread(buf, 1, size - 1, f);
    while (n > 0 && strchr(" \t\r\n", buf[n - 1]) != NULL)
        n--;
    buf[n] = '\0';
    if (f != stdin)
        fclose(f);
    return (int)n;
}

// ANCHOR: main
int
main(int argc, char **argv)
{
    struct lambda_runtime rt;
    static char event[EVENT_MAX];
    enum lambda_status status;
    int arg = 1;

    for (; arg + 1 < argc && strcmp(argv[arg], "-e") == 0; arg += 2) {
        char *eq = strchr(argv[arg + 1], '=');

        if (eq == NULL || env_count == ENV_MAX)
            return 2;
        *eq = '\0';
        env_names[env_count] = argv[arg + 1];
        env_values[env_count++] = eq + 1;
    }
    if (argc - arg != 2) {
        fprintf(stderr, "usage: invoke_local [-e NAME=VALUE]... "
                        "FUNCTION EVENT_FILE\n");
        return 2;
    }
    for (size_t i = 0; i < sizeof functions / sizeof functions[0]; i++) {
        if (strcmp(functions[i].name, argv[arg]) != 0)
            continue;
        if (read_event(argv[arg + 1], event, sizeof event) < 0)
            return 2;
        printf("invoke local: %s with event %s\n", functions[i].name,
               event);
        printf("timeout %ld ms, AWS_PROFILE=%s\n", functions[i].timeout_ms,
               config("AWS_PROFILE") ? config("AWS_PROFILE") : "(not set)");

        lambda_init(&rt, functions[i].name, functions[i].timeout_ms);
        status = lambda_invoke(&rt, functions[i].handler, event);
        printf("status %s after %ld ms\n",
               status == LAMBDA_OK ? "ok" : "error", rt.billed_ms);

        /* Asynchronous invocations would run in the cloud, on the
         * deployed function, so a local run can only report them. */
        for (unsigned q = 0; q < rt.queued; q++)
            printf("not run locally: async invoke with %s\n",
                   rt.queue[(rt.head + q) % LAMBDA_QUEUE_MAX].body);
        lambda_shutdown(&rt);
        return status == LAMBDA_OK ? 0 : 1;
    }
    fprintf(stderr, "invoke_local: no function named %s\n", argv[arg]);
    return 2;
}
// ANCHOR_END: main
