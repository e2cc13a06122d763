/*
 * etag_cache.c: a warm-container cache of an S3 object that revalidates
 * with the object's ETag. Each GetObject carries If-None-Match with the
 * cached ETag: an unchanged object costs a 304 and no download, a replaced
 * object is fetched again, and a recycled container simply starts over.
 *
 * The "bucket" below is a stand-in for S3 made for this sample; lambda.h
 * supplies the simulated Lambda.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lambda.h"

#define BODY_MAX 128
#define ETAG_MAX 16

/* ---- a pretend S3 bucket holding one object ---- */

struct object {
    char body[BODY_MAX];
    char etag[ETAG_MAX];     /* changes whenever the body changes */
};

static struct object bucket;  /* lives outside the function, like S3 */

/* S3 derives the ETag from the content; a 32-bit FNV-1a hash will do. */
static void
put_object(const char *body)
{
    uint32_t h = 2166136261u;

    for (const char *p = body; *p != '\0'; p++)
        h = (h ^ (unsigned char)*p) * 16777619u;
    snprintf(bucket.body, sizeof bucket.body, "%s", body);
    snprintf(bucket.etag, sizeof bucket.etag, "%08x", (unsigned)h);
}

// ANCHOR: get_object
/* GetObject with an optional If-None-Match. Returns the HTTP status: 304
 * when the caller's ETag still matches (no body sent), else 200 with the
 * body and its ETag copied into the caller's buffers of the sizes given.
 *
 * A real SDK does not hand a 304 back as a status like this: it reports
 * it as an error (an exception, or a failed outcome whose HTTP status is
 * 304), which the handler catches and treats as "the copy is current". */
static int
get_object(const char *if_none_match, char *body, size_t body_size,
           char *etag, size_t etag_size)
{
    if (if_none_match != NULL && strcmp(if_none_match, bucket.etag) == 0)
        return 304;
    snprintf(body, body_size, "%s", bucket.body);
    snprintf(etag, etag_size, "%s", bucket.etag);
    return 200;
}
// ANCHOR_END: get_object

/* ---- the function ---- */

struct cached_object {
    char body[BODY_MAX];
    char etag[ETAG_MAX];
};

// ANCHOR: handler
static enum lambda_status
read_prices(const char *event, struct lambda_context *ctx)
{
    struct cached_object *cache = ctx->container->state;
    int status;

    (void)event;
    if (cache == NULL) {
        /* Fresh container: nothing cached, so a plain GET. */
        cache = malloc(sizeof *cache);
        if (cache == NULL)
            return LAMBDA_ERROR;
        status = get_object(NULL, cache->body, sizeof cache->body,
                            cache->etag, sizeof cache->etag);
        ctx->container->state = cache;
        ctx->container->free_state = free;
        printf("  empty cache: GET -> %d, ETag %s\n", status, cache->etag);
    } else {
        /* Warm container: ask S3 whether our copy is still current. */
        char old[ETAG_MAX];

        snprintf(old, sizeof old, "%s", cache->etag);
        status = get_object(old, cache->body, sizeof cache->body,
                            cache->etag, sizeof cache->etag);
        if (status == 304)
            printf("  GET If-None-Match: %s -> 304, cached copy is current\n",
                   old);
        else
            printf("  GET If-None-Match: %s -> %d, replaced by ETag %s\n",
                   old, status, cache->etag);
    }
    printf("  using \"%s\"\n", cache->body);
    return LAMBDA_OK;
}
// ANCHOR_END: handler

int
main(void)
{
    struct lambda_runtime rt;

    lambda_init(&rt, "read-prices", 3000);
    put_object("prices v1: apple 3, pear 4");

    printf("1. first invocation\n");
    lambda_invoke(&rt, read_prices, "{}");

    printf("2. object unchanged\n");
    lambda_invoke(&rt, read_prices, "{}");

    printf("3. object replaced, container still warm\n");
    put_object("prices v2: apple 3, pear 5");
    lambda_invoke(&rt, read_prices, "{}");

    printf("4. container recycled\n");
    lambda_recycle(&rt);
    lambda_invoke(&rt, read_prices, "{}");

    lambda_shutdown(&rt);
    return 0;
}
