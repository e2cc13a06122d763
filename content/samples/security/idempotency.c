/*
 * idempotency.c: a payment handler under at-least-once delivery. The
 * harness delivers two orders twice: one second copy reaches the same warm
 * container, the other a fresh one. Three versions of the handler meet it:
 * one with no guard, one that remembers processed orders in the container's memory, and one that
 * claims each order in a store outside the function before charging.
 *
 * The payment service and the store are stand-ins made for this sample;
 * lambda.h supplies the simulated Lambda.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lambda.h"

#define ORDERS 4

/* ---- outside the function: a payment service and a key store ---- */

static int charges[ORDERS + 1];       /* times each order was charged */

static bool
charge(int order)
{
    charges[order]++;
    printf("  charged order %d\n", order);
    return true;
}

/* A store with an atomic "insert if absent", as a database's conditional
 * write offers. It outlives every container. */
static bool claimed[ORDERS + 1];

static bool
claim_once(int order)
{
    if (claimed[order])
        return false;
    claimed[order] = true;
    return true;
}

static void
release(int order)
{
    claimed[order] = false;
}

/* Teaching shortcut: sscanf() matches only this exact layout of the
 * event's JSON text. A real handler parses the event with a JSON library
 * and checks the type and range of every field it uses. */
static int
order_of(const char *event)
{
    int order = 0;

    if (sscanf(event, "{\"order\": %d}", &order) != 1 || order < 1 ||
        order > ORDERS)
        return 0;
    return order;
}

// ANCHOR: naive
/* No guard: every delivery charges. */
static enum lambda_status
pay_naive(const char *event, struct lambda_context *ctx)
{
    int order = order_of(event);

    (void)ctx;
    if (order == 0)
        return LAMBDA_ERROR;
    return charge(order) ? LAMBDA_OK : LAMBDA_ERROR;
}
// ANCHOR_END: naive

// ANCHOR: memory
/* Guard kept in the warm container: lost whenever the container is. */
static enum lambda_status
pay_memory_guard(const char *event, struct lambda_context *ctx)
{
    int order = order_of(event);
    bool *seen = ctx->container->state;

    if (order == 0)
        return LAMBDA_ERROR;
    if (seen == NULL) {
        seen = calloc(ORDERS + 1, sizeof *seen);
        if (seen == NULL)
            return LAMBDA_ERROR;
        ctx->container->state = seen;
        ctx->container->free_state = free;
    }
    if (seen[order]) {
        printf("  order %d seen before: skipped\n", order);
        return LAMBDA_OK;
    }
    seen[order] = true;
    return charge(order) ? LAMBDA_OK : LAMBDA_ERROR;
}
// ANCHOR_END: memory

// ANCHOR: store
/* Guard in a store outside the function: claim the order first; only the
 * delivery that wins the claim charges. If the charge fails, give the
 * claim back so that a retry can succeed. */
static enum lambda_status
pay_store_guard(const char *event, struct lambda_context *ctx)
{
    int order = order_of(event);

    (void)ctx;
    if (order == 0)
        return LAMBDA_ERROR;
    if (!claim_once(order)) {
        printf("  order %d already claimed: skipped\n", order);
        return LAMBDA_OK;
    }
    if (!charge(order)) {
        release(order);
        return LAMBDA_ERROR;
    }
    return LAMBDA_OK;
}
// ANCHOR_END: store

// ANCHOR: main
static void
run(const char *title, lambda_handler handler)
{
    struct lambda_runtime rt;
    char event[32];

    memset(charges, 0, sizeof charges);
    memset(claimed, 0, sizeof claimed);
    lambda_init(&rt, "pay-order", 3000);
    rt.trace = true;
    rt.duplicate_every = 2;  /* every 2nd delivery comes again, later */
    rt.recycle_every = 5;    /* the 6th delivery finds a new container */

    printf("== %s\n", title);
    for (int order = 1; order <= ORDERS; order++) {
        snprintf(event, sizeof event, "{\"order\": %d}", order);
        lambda_invoke_async(&rt, event);
    }
    lambda_run(&rt, handler);
    printf("charges per order:");
    for (int order = 1; order <= ORDERS; order++)
        printf(" %d", charges[order]);
    printf("\n");
    lambda_shutdown(&rt);
}

int
main(void)
{
    run("no guard", pay_naive);
    run("guard in container memory", pay_memory_guard);
    run("guard in an external store", pay_store_guard);
    return 0;
}
// ANCHOR_END: main
