/* md_mem.c: the memory cmark-gfm's parse of a page lives in. A parse
 * makes a few hundred nodes, strings and buffers and frees every one of
 * them once md_tree.c has copied what it needs into our tree: with
 * malloc, that was one call in four of the build's (about a tenth of its
 * time at 10,000 pages). Here they come from a stack of blocks kept by
 * each thread: an allocation moves a pointer, freeing does nothing
 * (except for the newest allocation, which a growing buffer often is),
 * and the parse's end gives all of it back at once. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>

#include "doc/md_int.h"
#include "util.h"

#define BLOCK		(64 * 1024)
#define ALIGN		16

/* One block of the stack; data follows the header. */
struct block {
	struct block	*prev;		/* the block below */
	size_t		 size;		/* bytes of data */
	size_t		 used;
	max_align_t	 data[];
};

/* Each allocation is preceded by its size (for realloc), rounded up so
 * that what follows stays aligned. */
struct head {
	size_t		 size;
	size_t		 pad;
};

static _Thread_local struct block	*top;	/* the block allocations come from */

static void
too_big(void)
{
	fputs("sitegen: out of memory\n", stderr);
	abort();
}

static size_t
round_up(size_t n)
{
	return (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);
}

/* A new top block with room for need bytes. */
static struct block *
push_block(size_t need)
{
	struct block	*b;
	size_t		 size = need > BLOCK ? need : BLOCK;

	b = xmalloc(sizeof(*b) + size);
	b->size = size;
	b->used = 0;
	b->prev = top;
	top = b;
	return b;
}

/* Inline in the three callers: a parse takes a million of these at
 * 2,000 pages, and the call was a third of the cost of each. */
static inline void *
take(size_t n)
{
	struct block	*b = top;
	struct head	*h;
	size_t		 need;

	if (n > SIZE_MAX / 2)
		too_big();
	need = sizeof(struct head) + round_up(n);
	if (b == NULL || b->size - b->used < need)
		b = push_block(need);
	h = (struct head *)((char *)b->data + b->used);
	h->size = n;
	b->used += need;
	return h + 1;
}

/* Is p the newest allocation of the top block? */
static int
newest(const void *p)
{
	const struct head	*h = (const struct head *)p - 1;

	return top != NULL && (const char *)top->data + top->used ==
	    (const char *)p + round_up(h->size);
}

static void *
mem_calloc(size_t n, size_t size)
{
	void	*p;

	if (size != 0 && n > SIZE_MAX / size)
		too_big();
	p = take(n * size);
	memset(p, 0, n * size);
	return p;
}

static void *
mem_realloc(void *p, size_t n)
{
	struct head	*h;
	void		*q;

	if (p == NULL)
		return take(n);
	h = (struct head *)p - 1;
	if (newest(p) && (char *)p + round_up(n) <= (char *)top->data +
	    top->size) {
		top->used += round_up(n) - round_up(h->size);
		h->size = n;
		return p;
	}
	q = take(n);
	memcpy(q, p, h->size < n ? h->size : n);
	return q;
}

static void
mem_free(void *p)
{
	struct head	*h;

	if (p == NULL || !newest(p))
		return;
	h = (struct head *)p - 1;
	top->used -= sizeof(*h) + round_up(h->size);
}

static cmark_mem	 mem = { mem_calloc, mem_realloc, mem_free };

void *
md_mem_begin(struct md_mem_mark *mark)
{
	mark->block = top;
	mark->used = top ? top->used : 0;
	return &mem;
}

void
md_mem_end(const struct md_mem_mark *mark)
{
	struct block	*b;

	while (top != (struct block *)mark->block) {
		b = top;
		top = b->prev;
		free(b);
	}
	if (top != NULL)
		top->used = mark->used;
}
