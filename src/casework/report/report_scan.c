/*
 * report_scan.c - every case of a municipality through the evaluator in
 * one pass, for report_compute() (report.h).
 *
 * The calling thread walks the store (genop_store_case_views: each case's
 * kept view, case_answer.h, in the packed form of case_pack.h) and copies
 * the views into batches of SCAN_BATCH_CASES cases (or fewer holding
 * SCAN_BATCH_BYTES); worker threads take full batches, unpack each case
 * into the corrected view exactly as a case read does (case_view_init,
 * genop_case_unpack), evaluate it and count it into their own counters
 * (report_tally.h), and give the batch back. SCAN_BATCHES batches circulate, so memory stays fixed however many
 * cases there are, and reading and evaluating overlap. A case without a
 * current kept view, or whose view cannot be read, is read from its
 * events (case_view_load) after the walk, on the calling thread, as a case
 * read would. Finally the workers' counters are added together.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "case_answer.h"
#include "report_scan.h"

#define SCAN_BATCH_CASES 1024
/* A batch is handed over once its views reach this many bytes, whatever
 * their number: a few cases of thousands of events each keep the memory
 * to SCAN_BATCHES times this (plus one case). */
#define SCAN_BATCH_BYTES ((size_t)4 * 1024 * 1024)
#define SCAN_BATCHES 8
#define SCAN_THREADS_MAX 8

typedef struct scan_item {
    int64_t case_id;
    genop_date birth_date;
    int municipality_code;
    size_t off, len;              /* the view's bytes in the batch */
} scan_item;

typedef struct scan_batch {
    scan_item items[SCAN_BATCH_CASES];
    size_t n;
    genop_buf bytes;
} scan_batch;

typedef struct scan {
    const genop_standard *std;
    pthread_mutex_t mu;
    pthread_cond_t cv_full, cv_free;
    scan_batch *batches;          /* owned: SCAN_BATCHES */
    scan_batch *full[SCAN_BATCHES], *spare[SCAN_BATCHES];
    size_t n_full, n_spare;
    bool done;                    /* no more batches will come */
    bool failed;                  /* a worker failed: stop */
    genop_error error;            /* the first failure */
    scan_batch *filling;          /* the walk's; NULL when none */
    int64_t *later;               /* owned: cases read from their events */
    size_t n_later, cap_later;
} scan;

typedef struct worker {
    scan *sc;
    report_tally *tally;
    pthread_t thread;
} worker;

static genop_err add_later(scan *sc, int64_t id, genop_error *e)
{
    if (sc->n_later == sc->cap_later) {
        size_t cap = sc->cap_later ? sc->cap_later * 2 : 64;
        int64_t *p = realloc(sc->later, cap * sizeof *p);
        if (!p)
            return genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til rapporten");
        sc->later = p;
        sc->cap_later = cap;
    }
    sc->later[sc->n_later++] = id;
    return GENOP_OK;
}

/* Hands the batch being filled to the workers. */
static void push_full(scan *sc)
{
    pthread_mutex_lock(&sc->mu);
    sc->full[sc->n_full++] = sc->filling;
    pthread_cond_signal(&sc->cv_full);
    pthread_mutex_unlock(&sc->mu);
    sc->filling = NULL;
}

/* A spare batch to fill, waiting for one; false once a worker failed. */
static bool take_spare(scan *sc)
{
    pthread_mutex_lock(&sc->mu);
    while (sc->n_spare == 0 && !sc->failed)
        pthread_cond_wait(&sc->cv_free, &sc->mu);
    bool ok = !sc->failed;
    if (ok) {
        sc->filling = sc->spare[--sc->n_spare];
        sc->filling->n = 0;
        genop_buf_reset(&sc->filling->bytes);
    }
    pthread_mutex_unlock(&sc->mu);
    return ok;
}

/* The walk's function (genop_case_view_fn): one case into a batch. */
static genop_err on_case(void *ctx, const genop_case_view_ref *v, genop_error *e)
{
    scan *sc = ctx;
    if (!v->current || v->view_format != CASE_ANSWER_FORMAT)
        return add_later(sc, v->case_id, e);
    if (!sc->filling && !take_spare(sc)) {
        *e = sc->error;
        return e->code;
    }
    scan_batch *b = sc->filling;
    scan_item *it = &b->items[b->n++];
    *it = (scan_item){v->case_id, v->birth_date, v->municipality_code, b->bytes.len, v->view_len};
    genop_buf_add(&b->bytes, v->view, v->view_len);
    if (genop_buf_failed(&b->bytes))
        return genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til rapporten");
    if (b->n == SCAN_BATCH_CASES || b->bytes.len >= SCAN_BATCH_BYTES)
        push_full(sc);
    return GENOP_OK;
}

/* Evaluates and counts one batch's cases; a view that cannot be read
 * goes to the cases read from their events. */
static genop_err run_batch(worker *w, scan_batch *b, genop_case *view, genop_citizen *cit,
                           genop_error *e)
{
    for (size_t i = 0; i < b->n; i++) {
        const scan_item *it = &b->items[i];
        cit->birth_date = it->birth_date;
        cit->municipality_code = it->municipality_code;
        case_view_init(view, cit, w->sc->std);
        genop_err err;
        if (genop_case_unpack(b->bytes.data + it->off, it->len, view, e)) {
            pthread_mutex_lock(&w->sc->mu);
            err = add_later(w->sc, it->case_id, e);
            pthread_mutex_unlock(&w->sc->mu);
        } else {
            err = report_tally_case(w->tally, it->case_id, view, e);
        }
        if (err)
            return err;
    }
    return GENOP_OK;
}

static void *work(void *arg)
{
    worker *w = arg;
    scan *sc = w->sc;
    genop_case view = {0};
    genop_citizen *cit = calloc(1, sizeof *cit);
    genop_error e = {0};
    genop_err err = cit ? GENOP_OK : genop_fail(&e, GENOP_ENOMEM, "ikke nok hukommelse");
    for (;;) {
        pthread_mutex_lock(&sc->mu);
        while (!err && sc->n_full == 0 && !sc->done && !sc->failed)
            pthread_cond_wait(&sc->cv_full, &sc->mu);
        if (err || sc->failed || sc->n_full == 0) {
            if (err && !sc->failed) {
                sc->failed = true;
                sc->error = e;
                pthread_cond_broadcast(&sc->cv_free);
                pthread_cond_broadcast(&sc->cv_full);
            }
            pthread_mutex_unlock(&sc->mu);
            break;
        }
        scan_batch *b = sc->full[0];
        memmove(sc->full, sc->full + 1, --sc->n_full * sizeof *sc->full);
        pthread_mutex_unlock(&sc->mu);
        err = run_batch(w, b, &view, cit, &e);
        pthread_mutex_lock(&sc->mu);
        sc->spare[sc->n_spare++] = b;
        pthread_cond_signal(&sc->cv_free);
        pthread_mutex_unlock(&sc->mu);
    }
    genop_case_release(&view);
    free(cit);
    return NULL;
}

static size_t worker_count(unsigned asked)
{
    long n = asked ? (long)asked : sysconf(_SC_NPROCESSORS_ONLN);
    if (n < 1)
        n = 1;
    return n > SCAN_THREADS_MAX ? SCAN_THREADS_MAX : (size_t)n;
}

static int cmp_id(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* The cases without a readable kept view, from their events, into total. */
static genop_err scan_later(genop_store *s, const char *muni, scan *sc, report_tally *total,
                            genop_error *e)
{
    if (sc->n_later)
        qsort(sc->later, sc->n_later, sizeof *sc->later, cmp_id);
    genop_err err = GENOP_OK;
    for (size_t i = 0; i < sc->n_later && !err; i++) {
        case_view_loaded lc;
        memset(&lc, 0, sizeof lc);
        err = case_view_load(s, muni, sc->later[i], sc->std, &lc, e);
        if (!err)
            err = report_tally_case(total, sc->later[i], &lc.view, e);
        case_view_release(&lc);
    }
    return err;
}

/* Starts n workers, each with a tally like total's; *started says how
 * many run. */
static genop_err start_workers(scan *sc, worker *w, report_tally *tallies, size_t n,
                               const report_tally *total, size_t *started, genop_error *e)
{
    for (size_t i = 0; i < n; i++) {
        genop_err err = report_tally_init(&tallies[i], total->std, &total->q, e);
        if (err)
            return err;
        w[i] = (worker){sc, &tallies[i], 0};
        if (pthread_create(&w[i].thread, NULL, work, &w[i]) != 0)
            return genop_fail(e, GENOP_EIO, "kunne ikke starte rapportens tråde");
        (*started)++;
    }
    return GENOP_OK;
}

/* Tells the workers no more batches come (and, after a failure, to stop)
 * and waits for them. */
static void stop_workers(scan *sc, worker *w, size_t started, bool failed)
{
    pthread_mutex_lock(&sc->mu);
    sc->done = true;
    if (failed)
        sc->failed = true;
    pthread_cond_broadcast(&sc->cv_full);
    pthread_cond_broadcast(&sc->cv_free);
    pthread_mutex_unlock(&sc->mu);
    for (size_t i = 0; i < started; i++)
        pthread_join(w[i].thread, NULL);
}

genop_err report_scan(genop_store *s, const char *muni, report_tally *total, genop_error *e)
{
    scan sc;
    memset(&sc, 0, sizeof sc);
    sc.std = total->std;
    pthread_mutex_init(&sc.mu, NULL);
    pthread_cond_init(&sc.cv_full, NULL);
    pthread_cond_init(&sc.cv_free, NULL);
    size_t n = worker_count(total->q.threads), started = 0;
    worker *workers = calloc(n, sizeof *workers);
    report_tally *tallies = calloc(n, sizeof *tallies);
    sc.batches = calloc(SCAN_BATCHES, sizeof *sc.batches);
    genop_err err = GENOP_OK;
    if (!workers || !tallies || !sc.batches)
        err = genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til rapporten");
    for (size_t i = 0; !err && i < SCAN_BATCHES; i++)
        sc.spare[sc.n_spare++] = &sc.batches[i];
    if (!err)
        err = start_workers(&sc, workers, tallies, n, total, &started, e);
    if (!err)
        err = genop_store_case_views(s, muni, on_case, &sc, e);
    if (!err && sc.filling)
        push_full(&sc);
    stop_workers(&sc, workers, started, err != GENOP_OK);
    if (!err && sc.failed) {
        *e = sc.error;
        err = e->code;
    }
    for (size_t i = 0; !err && i < started; i++)
        err = report_tally_merge(total, &tallies[i], e);
    if (!err)
        err = scan_later(s, muni, &sc, total, e);
    for (size_t i = 0; tallies && i < n; i++)
        report_tally_release(&tallies[i]);
    for (size_t i = 0; sc.batches && i < SCAN_BATCHES; i++)
        genop_buf_release(&sc.batches[i].bytes);
    free(sc.batches);
    free(sc.later);
    free(tallies);
    free(workers);
    pthread_cond_destroy(&sc.cv_full);
    pthread_cond_destroy(&sc.cv_free);
    pthread_mutex_destroy(&sc.mu);
    return err;
}
