/* md_mem.c: the memory cmark-gfm's parse of a page lives in. A parse
 * makes a few hundred nodes, strings and buffers and frees every one of
 * them once md_tree.c has copied what it needs into our tree: with
 * malloc, that was one call in four of the build's (about a tenth of its
 * time at 10,000 pages). Here they come from a stack of blocks kept by
 * each thread: an allocation moves a pointer, freeing does nothing (a
 * growing buffer, the newest allocation, grows where it is), and the
 * parse's end gives all of it back at once. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

static void	*take_new_block(size_t);

/* Inline in the three callers: a parse takes a million of these at
 * 2,000 pages, and the call was a third of the cost of each. A new
 * block is taken out of line, so that the callers save no registers
 * for it. */
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
		return take_new_block(n);
	h = (struct head *)((char *)b->data + b->used);
	h->size = n;
	b->used += need;
	return h + 1;
}

static __attribute__((noinline)) void *
take_new_block(size_t n)
{
	push_block(sizeof(struct head) + round_up(n));
	return take(n);
}

/* Is p the newest allocation of the top block? */
static int
newest(const void *p)
{
	const struct head	*h = (const struct head *)p - 1;

	return top != NULL && (const char *)top->data + top->used ==
	    (const char *)p + round_up(h->size);
}

/* Zeroes the round_up(n) bytes of an allocation of n and returns p: up
 * to 256 bytes, where nearly all of a parse's are (its nodes take 176,
 * most others 16 to 48), in stores from both ends that overlap as they
 * may, and memset past that (the call was half the cost of an
 * allocation). */
static inline void *
zero(void *p, size_t n)
{
#if defined(__SSE2__)
	size_t	 need = round_up(n);
	char	*d = p, *e = d + need;
	__m128i	 z = _mm_setzero_si128();

#define ZERO16(at)	_mm_storeu_si128((__m128i *)(void *)(at), z)
	if (need - 1 < 256) {
		ZERO16(d);
		ZERO16(e - 16);
		if (need > 32) {
			ZERO16(d + 16);
			ZERO16(e - 32);
		}
		if (need > 64) {
			ZERO16(d + 32);
			ZERO16(d + 48);
			ZERO16(e - 48);
			ZERO16(e - 64);
		}
		if (need > 128) {
			ZERO16(d + 64);
			ZERO16(d + 80);
			ZERO16(d + 96);
			ZERO16(d + 112);
			ZERO16(e - 80);
			ZERO16(e - 96);
			ZERO16(e - 112);
			ZERO16(e - 128);
		}
		return p;
	}
#undef ZERO16
#endif
	return memset(p, 0, n);
}

static void *
mem_calloc(size_t n, size_t size)
{
	size_t	 bytes;

	if (__builtin_mul_overflow(n, size, &bytes) || bytes > SIZE_MAX / 2)
		too_big();
	if (top == NULL || top->size - top->used < sizeof(struct head) +
	    round_up(bytes))
		return memset(take_new_block(bytes), 0, bytes);
	return zero(take(bytes), bytes);
}

/* mem_realloc of p, not the newest allocation or with no room past it:
 * a copy. */
static __attribute__((noinline)) void *
realloc_copy(void *p, size_t n)
{
	const struct head	*h = (const struct head *)p - 1;
	size_t			 keep = h->size < n ? h->size : n;

	return memcpy(take(n), p, keep);
}

static void *
mem_realloc(void *p, size_t n)
{
	struct head	*h;

	if (p == NULL)
		return take(n);
	h = (struct head *)p - 1;
	if (newest(p) && (char *)p + round_up(n) <= (char *)top->data +
	    top->size) {
		top->used += round_up(n) - round_up(h->size);
		h->size = n;
		return p;
	}
	return realloc_copy(p, n);
}

/* Nothing: of the million frees of a parse at 2,000 pages, one in fifty
 * was of the newest allocation and gave its room back, and looking
 * cost more than the room saved. */
static void
mem_free(void *p)
{
	(void)p;
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
