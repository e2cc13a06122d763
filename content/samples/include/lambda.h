/*
 * lambda.h: a header-only teaching harness that imitates, in plain C11, the
 * few parts of AWS Lambda that the guide's samples need. It is not an AWS
 * API and talks to nothing; it exists so that each idea in the guide can be
 * shown by a program small enough to read.
 *
 * What it models:
 *
 *   - an invocation context with a deadline, and remaining_time_ms();
 *   - a warm container whose state survives from one invocation to the
 *     next, until the harness recycles the container and the state is gone;
 *   - a queue of asynchronous invocations, so a handler can invoke its own
 *     function again (recursion);
 *   - at-least-once delivery: a failed asynchronous event is retried, then
 *     moved to a dead-letter queue, and some events are delivered twice.
 *
 * The articles' word for an execution environment is "container", and so
 * is the harness's; AWS's documentation says execution environment.
 *
 * Time is simulated. A handler "spends" time by calling lambda_work(); no
 * real clock and no random source is read anywhere, so a sample prints the
 * same output on every run.
 */
#ifndef LAMBDA_H
#define LAMBDA_H

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#define LAMBDA_EVENT_MAX 256   /* longest event body, with its NUL */
#define LAMBDA_QUEUE_MAX 64    /* events waiting to be delivered */
#define LAMBDA_DLQ_MAX 16      /* dead letters kept for inspection */

/* What a handler returns: success, or an error (the runtime may retry). */
enum lambda_status {
    LAMBDA_OK = 0,
    LAMBDA_ERROR = 1
};

/* One execution environment. Lambda keeps it warm between invocations and
 * may throw it away at any time; the handler cannot tell when. */
struct lambda_container {
    unsigned id;                 /* 1 for the first container, then 2, ... */
    unsigned served;             /* invocations handled by this container */
    void *state;                 /* the handler's warm state; NULL when fresh */
    void (*free_state)(void *);  /* releases state when the container goes */
};

/* An event waiting in the asynchronous queue. */
struct lambda_event {
    char body[LAMBDA_EVENT_MAX]; /* the event, usually a small JSON text */
    unsigned attempt;            /* 1 for the first delivery, 2 for a retry */
    bool duplicate;              /* an extra delivery of an event already run */
};

/* The emulated service: one function, its clock, container and queues. */
struct lambda_runtime {
    const char *function_name;   /* for trace lines */
    long now_ms;                 /* the simulated clock */
    long timeout_ms;             /* the function's configured timeout */
    unsigned max_retries;        /* extra attempts for a failed async event */
    unsigned recycle_every;      /* a container serves at most this many
                                    invocations; 0 keeps it forever */
    unsigned duplicate_every;    /* the event of every Nth invocation, if it
                                    succeeds, is delivered again; 0: never */
    bool trace;                  /* print one line per invocation */
    unsigned invocations;        /* every attempt so far: what is billed */
    long billed_ms;              /* simulated time of all invocations */
    struct lambda_container container;
    struct lambda_event queue[LAMBDA_QUEUE_MAX];
    unsigned head;               /* index of the next event to deliver */
    unsigned queued;             /* events waiting */
    char dlq[LAMBDA_DLQ_MAX][LAMBDA_EVENT_MAX]; /* the first dead letters */
    unsigned dead_letters;       /* all events given up on */
};

/* What the handler is given for one invocation. */
struct lambda_context {
    struct lambda_runtime *rt;           /* to invoke the function again */
    struct lambda_container *container;  /* where warm state lives */
    unsigned invocation;                 /* 1, 2, ... across the runtime */
    unsigned attempt;                    /* 1 unless this is a retry */
    bool duplicate;                      /* a second delivery of an event */
    long deadline_ms;                    /* when the runtime stops the handler */
};

typedef enum lambda_status (*lambda_handler)(const char *event,
                                             struct lambda_context *ctx);

/* Sets up a runtime for one function with the given timeout. Async events
 * are retried twice by default, as the Lambda documentation describes. */
static inline void
lambda_init(struct lambda_runtime *rt, const char *function_name,
            long timeout_ms)
{
    memset(rt, 0, sizeof *rt);
    rt->function_name = function_name;
    rt->timeout_ms = timeout_ms;
    rt->max_retries = 2;
    rt->container.id = 1;
}

/* Milliseconds left before the deadline, like getRemainingTimeInMillis()
 * on the Node.js context object. Never negative. */
static inline long
remaining_time_ms(const struct lambda_context *ctx)
{
    long left = ctx->deadline_ms - ctx->rt->now_ms;
    return left > 0 ? left : 0;
}

/* The handler spends ms milliseconds of simulated time (a download, a batch
 * of work). This is the only way time passes. */
static inline void
lambda_work(struct lambda_context *ctx, long ms)
{
    ctx->rt->now_ms += ms;
}

/* Throws the warm container away, as Lambda may do between any two
 * invocations: the handler's state is freed and the next invocation starts
 * in a fresh container. */
static inline void
lambda_recycle(struct lambda_runtime *rt)
{
    struct lambda_container *c = &rt->container;

    if (c->state != NULL && c->free_state != NULL)
        c->free_state(c->state);
    c->state = NULL;
    c->free_state = NULL;
    c->served = 0;
    c->id++;
}

/* Releases whatever the last container still holds. Call once at the end. */
static inline void
lambda_shutdown(struct lambda_runtime *rt)
{
    lambda_recycle(rt);
}

/* Appends an event to the queue; false if the queue is full or the event
 * does not fit. */
static inline bool
lambda_enqueue(struct lambda_runtime *rt, const char *body, unsigned attempt,
               bool duplicate)
{
    struct lambda_event *e;
    size_t len = strlen(body);

    if (rt->queued == LAMBDA_QUEUE_MAX || len >= LAMBDA_EVENT_MAX)
        return false;
    e = &rt->queue[(rt->head + rt->queued) % LAMBDA_QUEUE_MAX];
    memcpy(e->body, body, len + 1);     /* fits: checked above */
    e->attempt = attempt;
    e->duplicate = duplicate;
    rt->queued++;
    return true;
}

/* Invokes the function asynchronously: the event waits in the queue and
 * runs later, in whatever container is warm then. This is how a handler
 * recurses. Returns false if the queue is full. */
static inline bool
lambda_invoke_async(struct lambda_runtime *rt, const char *event)
{
    return lambda_enqueue(rt, event, 1, false);
}

/* Runs one invocation now and returns its status. A handler still running
 * at its deadline counts as an error (a timeout). */
static inline enum lambda_status
lambda_deliver(struct lambda_runtime *rt, lambda_handler handler,
               const struct lambda_event *ev)
{
    struct lambda_context ctx;
    enum lambda_status status;
    bool cold;
    long start;

    if (rt->recycle_every != 0 && rt->container.served == rt->recycle_every)
        lambda_recycle(rt);
    cold = rt->container.served == 0;
    rt->container.served++;
    rt->invocations++;

    ctx.rt = rt;
    ctx.container = &rt->container;
    ctx.invocation = rt->invocations;
    ctx.attempt = ev->attempt;
    ctx.duplicate = ev->duplicate;
    ctx.deadline_ms = rt->now_ms + rt->timeout_ms;

    if (rt->trace) {
        printf("#%u container %u (%s): %s", ctx.invocation, rt->container.id,
               cold ? "cold" : "warm", ev->body);
        if (ev->attempt > 1)
            printf(" (attempt %u)", ev->attempt);
        printf("%s\n", ev->duplicate ? " (duplicate delivery)" : "");
    }

    start = rt->now_ms;
    status = handler(ev->body, &ctx);
    if (rt->now_ms > ctx.deadline_ms) {
        rt->now_ms = ctx.deadline_ms;
        status = LAMBDA_ERROR;
        if (rt->trace)
            printf("  timed out after %ld ms\n", rt->timeout_ms);
    }
    rt->billed_ms += rt->now_ms - start;
    return status;
}

/* Invokes the function synchronously with one event: no queue, no retries;
 * the caller sees the status, as a synchronous caller of Lambda does. */
static inline enum lambda_status
lambda_invoke(struct lambda_runtime *rt, lambda_handler handler,
              const char *event)
{
    struct lambda_event ev = { .attempt = 1, .duplicate = false };
    size_t len = strlen(event);

    if (len >= LAMBDA_EVENT_MAX)
        return LAMBDA_ERROR;
    memcpy(ev.body, event, len + 1);    /* fits: checked above */
    return lambda_deliver(rt, handler, &ev);
}

/* Delivers queued events until the queue is empty, including the events
 * that handlers queue while it runs. A failed event goes to the back of the
 * queue until it has had 1 + max_retries attempts, then to the dead-letter
 * queue. With duplicate_every set, some successful events are delivered a
 * second time: at-least-once delivery. Returns the invocations it made. */
static inline unsigned
lambda_run(struct lambda_runtime *rt, lambda_handler handler)
{
    unsigned before = rt->invocations;

    while (rt->queued > 0) {
        struct lambda_event ev = rt->queue[rt->head];
        enum lambda_status status;

        rt->head = (rt->head + 1) % LAMBDA_QUEUE_MAX;
        rt->queued--;
        status = lambda_deliver(rt, handler, &ev);

        if (status != LAMBDA_OK) {
            if (ev.attempt <= rt->max_retries) {
                if (rt->trace)
                    printf("  failed; retry queued\n");
                lambda_enqueue(rt, ev.body, ev.attempt + 1, ev.duplicate);
            } else {
                if (rt->trace)
                    printf("  failed; moved to the dead-letter queue\n");
                if (rt->dead_letters < LAMBDA_DLQ_MAX)
                    snprintf(rt->dlq[rt->dead_letters],
                             sizeof rt->dlq[rt->dead_letters], "%s",
                             ev.body);
                rt->dead_letters++;
            }
        } else if (rt->duplicate_every != 0 && !ev.duplicate &&
                   rt->invocations % rt->duplicate_every == 0) {
            lambda_enqueue(rt, ev.body, 1, true);
        }
    }
    return rt->invocations - before;
}

#endif /* LAMBDA_H */
