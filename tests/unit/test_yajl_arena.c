/*
 * test_yajl_arena.c - the bump allocator behind yajl parses: blocks are
 * aligned and separate, realloc keeps the content (also when a block
 * moves from the arena to the heap), what does not fit comes from malloc
 * and is freed (AddressSanitizer would report a leak or a bad free), and
 * a parse larger than the arena still works.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

#include "json_members.h"
#include "strbuf.h"
#include "yajl_arena.h"

static void test_blocks(void **state)
{
    (void)state;
    yajl_arena a;
    yajl_arena_init(&a);
    yajl_alloc_funcs *f = &a.funcs;
    char *one = f->malloc(f->ctx, 10);
    char *two = f->malloc(f->ctx, 0);
    assert_non_null(one);
    assert_non_null(two);
    assert_int_equal((uintptr_t)one % alignof(max_align_t), 0);
    assert_int_equal((uintptr_t)two % alignof(max_align_t), 0);
    assert_true(two >= one + 10);
    memcpy(one, "abcdefghij", 10);
    char *grown = f->realloc(f->ctx, one, 100);   /* moves inside the arena */
    assert_memory_equal(grown, "abcdefghij", 10);
    char *big = f->realloc(f->ctx, grown, 2 * YAJL_ARENA_BYTES);   /* to the heap */
    assert_memory_equal(big, "abcdefghij", 10);
    big = f->realloc(f->ctx, big, 3 * YAJL_ARENA_BYTES);          /* heap realloc */
    assert_memory_equal(big, "abcdefghij", 10);
    f->free(f->ctx, big);
    f->free(f->ctx, two);       /* arena blocks: nothing to do */
    f->free(f->ctx, NULL);
    /* Filling the arena: later blocks come from the heap. */
    void *blocks[64];
    for (size_t i = 0; i < 64; i++) {
        blocks[i] = f->malloc(f->ctx, 512);
        assert_non_null(blocks[i]);
        memset(blocks[i], (int)i, 512);
    }
    for (size_t i = 0; i < 64; i++) {
        assert_int_equal(((unsigned char *)blocks[i])[511], i);
        f->free(f->ctx, blocks[i]);
    }
}

static bool every_member(const char *key, size_t n, void *ctx)
{
    (void)key;
    (void)n;
    (void)ctx;
    return true;
}

/* A body far larger than the arena is copied whole. */
static void test_large_parse(void **state)
{
    (void)state;
    size_t n = 5 * YAJL_ARENA_BYTES;
    char *text = malloc(n + 32);
    strcpy(text, "{\"a\":\"");
    memset(text + 6, 'x', n);
    strcpy(text + 6 + n, "\",\"b\":[1,2]}");
    genop_buf out = {0};
    genop_error e;
    bool comma = false;
    assert_int_equal(json_members_copy(text, strlen(text), every_member, NULL, &comma, &out, &e), GENOP_OK);
    assert_int_equal(out.len, strlen(text) - 2);      /* the members, without the braces */
    assert_memory_equal(out.data, text + 1, out.len);
    genop_buf_release(&out);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_blocks),
        cmocka_unit_test(test_large_parse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
