/*
 * yajl_arena.c - a bump allocator for one yajl parse (see yajl_arena.h).
 *
 * Each block from the arena is preceded by a header holding its size, so
 * that realloc can copy it; blocks from malloc have no header, and are
 * told apart by their address (inside the arena's bytes or not).
 */
#include "yajl_arena.h"

#include <stdalign.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

typedef struct block_header {
    alignas(max_align_t) size_t size;
} block_header;

static bool in_arena(const yajl_arena *a, const void *p)
{
    const unsigned char *c = p;
    return c >= a->bytes && c < a->bytes + sizeof a->bytes;
}

static void *arena_malloc(void *ctx, size_t size)
{
    yajl_arena *a = ctx;
    if (size == 0)
        size = 1;      /* a block never starts at the end of the bytes */
    size_t need = sizeof(block_header) +
                  (size + alignof(max_align_t) - 1) / alignof(max_align_t) * alignof(max_align_t);
    if (size > sizeof a->bytes || need > sizeof a->bytes - a->used)
        return malloc(size);
    block_header *h = (block_header *)(void *)(a->bytes + a->used);
    h->size = size;
    a->used += need;
    return h + 1;
}

static void arena_free(void *ctx, void *p)
{
    if (p && !in_arena(ctx, p))
        free(p);
}

static void *arena_realloc(void *ctx, void *p, size_t size)
{
    if (!p)
        return arena_malloc(ctx, size);
    if (!in_arena(ctx, p))
        return realloc(p, size);
    size_t old = ((block_header *)p - 1)->size;
    if (size <= old)
        return p;
    void *grown = arena_malloc(ctx, size);
    if (grown)
        memcpy(grown, p, old);
    return grown;
}

void yajl_arena_init(yajl_arena *a)
{
    a->funcs.malloc = arena_malloc;
    a->funcs.realloc = arena_realloc;
    a->funcs.free = arena_free;
    a->funcs.ctx = a;
    a->used = 0;
}
