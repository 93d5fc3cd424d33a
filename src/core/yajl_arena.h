/*
 * yajl_arena.h - allocation for one yajl parse from a buffer on the
 * caller's stack.
 *
 * A yajl parse makes five or six small allocations (its handle, lexer,
 * buffers and state stack) and frees them at the end; a case read parses
 * some thirty stored JSON bodies, so those came to ~160 malloc/free pairs,
 * about a tenth of the read's work. A yajl_arena serves them by bumping a
 * pointer through its own bytes and frees nothing until it goes out of
 * scope; what does not fit goes to malloc, and is freed as usual.
 *
 * Use: `yajl_arena a; yajl_arena_init(&a); yajl_alloc(cb, &a.funcs, ctx)`,
 * and yajl_free() the handle before a goes out of scope. One arena per
 * parse; not shared between threads.
 */
#ifndef GENOP_YAJL_ARENA_H
#define GENOP_YAJL_ARENA_H

#include <stddef.h>
#include <yajl/yajl_common.h>

/* Enough for yajl's allocations on bodies of a few KB (its buffers start
 * at 2 KB each). */
#define YAJL_ARENA_BYTES 8192

typedef struct yajl_arena {
    yajl_alloc_funcs funcs;       /* for yajl_alloc(); its ctx is the arena */
    size_t used;
    _Alignas(max_align_t) unsigned char bytes[YAJL_ARENA_BYTES];
} yajl_arena;

/* Makes a empty and points its funcs at it. */
void yajl_arena_init(yajl_arena *a);

#endif
