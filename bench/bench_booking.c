/*
 * bench_booking.c - bookings a second, and CPU time a booking, through
 * the domain layer's writer (part of bench/calendar.sh), on a copy of
 * the calendar benchmark's database (seed_calendar_db.c):
 *
 *   bench_booking DB MONDAY
 *
 * MONDAY is the first booked week's (DB.meta's "monday"); the seed holds
 * its 4 weeks. This books two more weeks of every one of the 2,000
 * courses, as the visitator, in-process with the same rules and access
 * log as over HTTP (appointments.h):
 *   1. week 5 as series, one a course (casework_appointment_series: one
 *      write, that is one durable transaction, for the course's week);
 *   2. week 6 one appointment at a time (casework_appointment_book: one
 *      write each).
 * For each it prints the bookings kept and refused (a holiday, an
 * absence), the wall time, bookings a second and the process's CPU time
 * (user + system, all threads) a booking and a write. The database's
 * writes are durable (synchronous=FULL), so the wall time includes the
 * disk's flushes; CPU time does not, and is the figure to compare.
 * The process is set up as `genop` sets itself up (src/cli/main.c: the
 * same malloc thresholds, SQLite without memory statistics), so that
 * what is measured is the domain layer's cost, not glibc's heap trimming.
 */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "appointments.h"
#include "cal_layout.h"
#include "local.h"

typedef struct tally {
    const char *what;
    long writes, kept, refused;
    double wall, cpu;                   /* seconds */
} tally;

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double cpu_seconds(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
           (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

static int fail(const char *what, const genop_error *e)
{
    fprintf(stderr, "bench_booking: %s: %s (%s)\n", what, e->message, e->field);
    return 1;
}

/* A refusal by the rules is counted; anything else stops the run. */
static int judged(genop_err err, tally *t, const genop_error *e)
{
    if (err == GENOP_ENOMEM || err == GENOP_EIO || err == GENOP_ENOTFOUND ||
        err == GENOP_EFORBIDDEN)
        return fail(t->what, e);
    if (err)
        t->refused++;
    return 0;
}

static int book_series(casework_local *loc, const genop_user *u, const cal_layout *l,
                       genop_date monday, tally *t)
{
    cal_series_result *r = malloc(sizeof *r);
    int rc = r ? 0 : 1;
    for (size_t j = 0; j < LAYOUT_CASES && !rc; j++) {
        cal_series s;
        cal_refusal why;
        genop_error e;
        layout_course(l, j, monday, monday + 6, &s);
        memset(r, 0, sizeof *r);
        genop_err err = casework_appointment_series(&loc->env, u, &s, r, &why, &e);
        t->writes++;
        rc = judged(err, t, &e);
        t->kept += err ? 0 : (long)r->n_ids;
        t->refused += err ? 0 : (long)r->n_skipped;
    }
    free(r);
    return rc;
}

static int book_singles(casework_local *loc, const genop_user *u, const cal_layout *l,
                        genop_date monday, tally *t)
{
    int rc = 0;
    for (size_t j = 0; j < LAYOUT_CASES && !rc; j++) {
        cal_booking b[2];
        size_t n = layout_week_bookings(l, j, monday, b);
        for (size_t k = 0; k < n && !rc; k++) {
            genop_appointment_row row;
            cal_warning warn;
            cal_refusal why;
            genop_error e;
            genop_err err = casework_appointment_book(&loc->env, u, &b[k], &row, &warn, &why, &e);
            t->writes++;
            rc = judged(err, t, &e);
            t->kept += err ? 0 : 1;
        }
    }
    return rc;
}

static void report(const tally *t)
{
    printf("%-44s %5ld kept, %3ld refused, %5ld writes in %6.2f s: %7.0f bookings/s, "
           "CPU %6.0f us a booking (%6.0f us a write)\n",
           t->what, t->kept, t->refused, t->writes, t->wall, (double)t->kept / t->wall,
           t->cpu / (double)t->kept * 1e6, t->cpu / (double)t->writes * 1e6);
}

typedef int (*booker)(casework_local *, const genop_user *, const cal_layout *, genop_date,
                      tally *);

static int timed(booker f, casework_local *loc, const genop_user *u, const cal_layout *l,
                 genop_date monday, tally *t)
{
    double w0 = now_seconds(), c0 = cpu_seconds();
    int rc = f(loc, u, l, monday, t);
    t->wall = now_seconds() - w0;
    t->cpu = cpu_seconds() - c0;
    if (!rc && t->kept == 0) {
        fprintf(stderr, "bench_booking: %s: nothing was booked\n", t->what);
        rc = 1;
    }
    if (!rc)
        report(t);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: bench_booking DB MONDAY\n");
        return 2;
    }
    mallopt(M_TRIM_THRESHOLD, 64 * 1024 * 1024);
    mallopt(M_MMAP_THRESHOLD, 16 * 1024 * 1024);
    genop_store_configure();
    genop_error e;
    genop_date monday;
    if (genop_date_parse(argv[2], &monday, &e) || genop_date_weekday(monday) != 1) {
        fprintf(stderr, "bench_booking: MONDAY must be a Monday (YYYY-MM-DD)\n");
        return 2;
    }
    static casework_local loc;
    genop_user u;
    static cal_layout l;
    int rc = casework_local_open(argv[1], &loc, &e) ? fail(argv[1], &e) : 0;
    if (!rc && casework_local_user(&loc, "bench-visitator", &u, &e))
        rc = fail("bench-visitator", &e);
    if (!rc && layout_load(&loc, &u, &l, &e))
        rc = fail("layout", &e);
    tally series = {.what = "week 5 as series (one write a course)"};
    tally single = {.what = "week 6 one at a time (one write a booking)"};
    if (!rc)
        rc = timed(book_series, &loc, &u, &l, monday + 28, &series);
    if (!rc)
        rc = timed(book_singles, &loc, &u, &l, monday + 35, &single);
    casework_local_close(&loc);
    return rc;
}
