/*
 * bench_core.c - benchmarks of the core through its C API:
 *   - workday additions per second (genop_calendar_add_workdays with random
 *     dates and spans, as the evaluator calls it);
 *   - evaluations per second of cases already parsed into memory: a pool of
 *     generated cases is evaluated again and again, against the standard of
 *     its municipality, until 1,000,000 evaluations are done;
 * and the peak resident memory of the process.
 *   bench_core [EVALUATIONS]
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#include "case_json.h"
#include "evaluate.h"
#include "gen.h"
#include "registry.h"

#define POOL 10000

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int bench_workdays(const genop_standard *std)
{
    const long n = 50000000;
    gen_rng rng = {42};
    genop_date base = genop_date_from_ymd_unchecked(1950, 1, 1);
    long sink = 0;
    double t0 = now_seconds();
    for (long i = 0; i < n; i++) {
        uint64_t r = gen_next(&rng);
        genop_date d = base + (genop_date)(r % 70000), out;
        if (genop_calendar_add_workdays(std->calendar, d, (long)((r >> 32) % 400), &out, NULL))
            return 1;
        sink += out;
    }
    double dt = now_seconds() - t0;
    printf("workday additions: %ld in %.3f s = %.1f million/s (checksum %ld)\n", n, dt,
           (double)n / dt / 1e6, sink % 1000);
    return 0;
}

static int bench_evaluate(const genop_standard *a, const genop_standard *r, long evaluations)
{
    genop_case *pool = calloc(POOL, sizeof *pool);
    if (!pool)
        return 1;
    gen_rng rng = {7};
    char buf[16384];
    for (int i = 0; i < POOL; i++) {
        size_t len = gen_case_json(&rng, buf, sizeof buf);
        if (!len || genop_case_parse(buf, len, &pool[i], NULL))
            return 1;
    }
    genop_date as_of = genop_date_from_ymd_unchecked(2026, 1, 15);
    long deadlines = 0;
    double t0 = now_seconds();
    for (long i = 0; i < evaluations; i++) {
        const genop_case *c = &pool[i % POOL];
        genop_result res;
        const genop_standard *std = c->municipality_code == 851 ? a : r;
        if (genop_evaluate(c, std, as_of, &res, NULL))
            return 1;
        deadlines += (long)res.n_deadlines;
    }
    double dt = now_seconds() - t0;
    printf("evaluations in memory: %ld in %.3f s = %.0f cases/s (%.2f us/case, %ld deadlines)\n",
           evaluations, dt, (double)evaluations / dt, dt / (double)evaluations * 1e6, deadlines);
    for (int i = 0; i < POOL; i++)
        genop_case_release(&pool[i]);
    free(pool);
    return 0;
}

int main(int argc, char **argv)
{
    long evaluations = argc > 1 ? strtol(argv[1], NULL, 10) : 1000000;
    genop_standard *aalborg, *rodovre;
    if (genop_registry_load("aalborg", &aalborg, NULL) || genop_registry_load("rodovre", &rodovre, NULL))
        return 1;
    int rc = bench_workdays(aalborg) || bench_evaluate(aalborg, rodovre, evaluations);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("peak resident memory: %.1f MB\n", (double)ru.ru_maxrss / 1024.0);
    genop_standard_free(aalborg);
    genop_standard_free(rodovre);
    return rc;
}
