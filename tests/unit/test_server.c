/*
 * test_server.c - the server's own settings: the default number of worker
 * threads follows the processors the process may run on, within the
 * bounds server.h names.
 */
#define _GNU_SOURCE /* sched_getaffinity, CPU_SET */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sched.h>

#include "server.h"

/* One processor allowed: the minimum, so that a thread waiting for a
 * durable write never leaves the server without one. */
static void test_one_processor_gets_the_minimum(void **state)
{
    (void)state;
    cpu_set_t all, one;
    assert_int_equal(sched_getaffinity(0, sizeof all, &all), 0);
    int first = 0;
    while (!CPU_ISSET(first, &all))
        first++;
    CPU_ZERO(&one);
    CPU_SET(first, &one);
    assert_int_equal(sched_setaffinity(0, sizeof one, &one), 0);
    unsigned got = genop_server_default_threads();
    assert_int_equal(sched_setaffinity(0, sizeof all, &all), 0);
    assert_int_equal(got, GENOP_SERVER_THREADS_MIN);
}

/* Otherwise one thread per allowed processor, up to the default's
 * maximum; within the bounds whatever the machine. */
static void test_one_thread_per_processor(void **state)
{
    (void)state;
    cpu_set_t all;
    assert_int_equal(sched_getaffinity(0, sizeof all, &all), 0);
    unsigned n = (unsigned)CPU_COUNT(&all);
    unsigned want = n < GENOP_SERVER_THREADS_MIN           ? GENOP_SERVER_THREADS_MIN
                    : n > GENOP_SERVER_THREADS_DEFAULT_MAX ? GENOP_SERVER_THREADS_DEFAULT_MAX
                                                           : n;
    unsigned got = genop_server_default_threads();
    assert_int_equal(got, want);
    assert_true(got >= GENOP_SERVER_THREADS_MIN && got <= GENOP_SERVER_THREADS_DEFAULT_MAX &&
                GENOP_SERVER_THREADS_DEFAULT_MAX <= GENOP_SERVER_THREADS_MAX);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_one_processor_gets_the_minimum),
        cmocka_unit_test(test_one_thread_per_processor),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
