/*
 * batch.c: a long job split across invocations. The handler works through a
 * large file in batches, checks its remaining time after each batch, and
 * when too little is left it invokes itself asynchronously with the position
 * reached. The file is cached in the warm container, and the job stays
 * correct when the container is recycled halfway through.
 *
 * The "file" is made up in memory; lambda.h supplies the simulated Lambda.
 */
#include <stdio.h>
#include <stdlib.h>

#include "lambda.h"

#define ROWS 200            /* rows in the large file */
#define BATCH_ROWS 10       /* rows processed between two time checks */
#define BATCH_MS 400        /* simulated time one batch takes */
#define DOWNLOAD_MS 800     /* simulated time to fetch the whole file */
#define MARGIN_MS 100       /* kept in reserve for queueing the next step */
#define TIMEOUT_MS 3000     /* 3 s: Lambda's default timeout for a function */

/* The downloaded file, kept in the warm container between invocations. */
struct file_cache {
    unsigned rows;
    long *values;
};

static void
free_file(void *state)
{
    struct file_cache *file = state;

    free(file->values);
    free(file);
}

/* The row values of the pretend file. */
static long
row_value(unsigned row)
{
    return (long)(row % 13) + 1;
}

// ANCHOR: cache
/* Returns the file, downloading it only if this container has no copy.
 * The copy may be gone at any invocation: never assume it is there. */
static const struct file_cache *
load_file(struct lambda_context *ctx)
{
    struct file_cache *file = ctx->container->state;

    if (file != NULL) {
        printf("  warm container: file already in memory\n");
        return file;
    }
    printf("  no cached copy: downloading the file\n");
    lambda_work(ctx, DOWNLOAD_MS);
    file = malloc(sizeof *file);
    if (file == NULL || (file->values = malloc(ROWS * sizeof(long))) == NULL)
        abort();
    file->rows = ROWS;
    for (unsigned i = 0; i < ROWS; i++)
        file->values[i] = row_value(i);
    ctx->container->state = file;
    ctx->container->free_state = free_file;
    return file;
}
// ANCHOR_END: cache

// ANCHOR: handler
static enum lambda_status
process_file(const char *event, struct lambda_context *ctx)
{
    unsigned offset;
    long sum;
    const struct file_cache *file;

    /* Everything the next step needs travels in the event.
     * Teaching shortcut: sscanf() accepts only this exact layout of the
     * JSON text, which is the one this function writes itself. A real
     * handler parses its event with a JSON library (cJSON, json-c) and
     * rejects what it does not expect. */
    if (sscanf(event, "{\"offset\": %u, \"sum\": %ld}", &offset, &sum) != 2)
        return LAMBDA_ERROR;
    file = load_file(ctx);

    while (offset < file->rows) {
        unsigned end = offset + BATCH_ROWS;

        if (end > file->rows)
            end = file->rows;
        for (unsigned i = offset; i < end; i++)
            sum += file->values[i];
        lambda_work(ctx, BATCH_MS);
        offset = end;

        /* Time for one more batch? If not, hand over and stop. */
        if (offset < file->rows &&
            remaining_time_ms(ctx) < BATCH_MS + MARGIN_MS) {
            char next[LAMBDA_EVENT_MAX];

            snprintf(next, sizeof next, "{\"offset\": %u, \"sum\": %ld}",
                     offset, sum);
            printf("  %ld ms left at row %u: invoking again\n",
                   remaining_time_ms(ctx), offset);
            return lambda_invoke_async(ctx->rt, next) ? LAMBDA_OK
                                                      : LAMBDA_ERROR;
        }
    }
    printf("  finished all %u rows: sum = %ld\n", file->rows, sum);
    return LAMBDA_OK;
}
// ANCHOR_END: handler

// ANCHOR: main
int
main(void)
{
    struct lambda_runtime rt;
    long expected = 0;

    lambda_init(&rt, "process-file", TIMEOUT_MS);
    rt.trace = true;
    rt.recycle_every = 2;   /* Lambda may recycle at any time; here, often */

    lambda_invoke_async(&rt, "{\"offset\": 0, \"sum\": 0}");
    lambda_run(&rt, process_file);

    for (unsigned i = 0; i < ROWS; i++)
        expected += row_value(i);
    printf("%u invocations, %u containers; expected sum = %ld\n",
           rt.invocations, rt.container.id, expected);
    lambda_shutdown(&rt);
    return 0;
}
// ANCHOR_END: main
