/*
 * test_commit_queue.c - group commit: jobs from many threads at once all
 * land, a failing job is undone alone while the others of its batch are
 * kept, and a job sees the writes of the jobs before it in the batch.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "test_helpers.h"

#include "commit_queue.h"

#define THREADS 8
#define JOBS_PER_THREAD 25

typedef struct fixture {
    char dir[64];
    char db[96];
    commit_queue *q;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    snprintf(f->dir, sizeof f->dir, "/tmp/genop-queue-XXXXXX");
    if (!mkdtemp(f->dir))
        return -1;
    snprintf(f->db, sizeof f->db, "%s/q.db", f->dir);
    genop_error e;
    if (commit_queue_start(f->db, GENOP_COMMIT_DURABLE, "testkøen", &f->q, &e)) {
        fprintf(stderr, "%s\n", e.message);
        return -1;
    }
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    commit_queue_stop(f->q);
    remove_test_db(f->dir, "q.db");
    free(f);
    return 0;
}

/* A job: creates municipality number `n`, then fails when n is odd. */
static genop_err add_municipality(genop_store *s, void *ctx, genop_error *e)
{
    int n = *(int *)ctx;
    char id[GENOP_MUNI_ID_MAX];
    snprintf(id, sizeof id, "m%d", n);
    genop_err err = genop_store_municipality_ensure(s, id, n % 1000, "Testkommune", e);
    if (!err && n % 2)
        err = genop_fail(e, GENOP_EINVAL, "job %d fejler med vilje", n);
    return err;
}

typedef struct worker {
    commit_queue *q;
    int first;
    int failed, kept;
} worker;

static void *run_worker(void *arg)
{
    worker *w = arg;
    for (int i = 0; i < JOBS_PER_THREAD; i++) {
        int n = w->first + i;
        genop_error e;
        genop_err err = commit_queue_run(w->q, add_municipality, &n, &e);
        if (err == GENOP_EINVAL && n % 2)
            w->failed++;
        else if (err == GENOP_OK && n % 2 == 0)
            w->kept++;
    }
    return NULL;
}

static int count_rows(const char *db_path, const char *sql)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *q = NULL;
    assert_int_equal(sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &q, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    int n = sqlite3_column_int(q, 0);
    sqlite3_finalize(q);
    sqlite3_close(db);
    return n;
}

static void test_many_threads_each_job_alone(void **state)
{
    fixture *f = *state;
    pthread_t th[THREADS];
    worker w[THREADS];
    for (int i = 0; i < THREADS; i++) {
        w[i] = (worker){f->q, 1000 + i * JOBS_PER_THREAD, 0, 0};
        assert_int_equal(pthread_create(&th[i], NULL, run_worker, &w[i]), 0);
    }
    int failed = 0, kept = 0;
    for (int i = 0; i < THREADS; i++) {
        pthread_join(th[i], NULL);
        failed += w[i].failed;
        kept += w[i].kept;
    }
    /* Every job got its own result... */
    assert_int_equal(failed, THREADS * JOBS_PER_THREAD / 2);
    assert_int_equal(kept, THREADS * JOBS_PER_THREAD / 2);
    /* ...and the database holds exactly the jobs that succeeded. */
    assert_int_equal(count_rows(f->db, "SELECT count(*) FROM municipalities"), kept);
    assert_int_equal(count_rows(f->db, "SELECT count(*) FROM municipalities"
                                       " WHERE substr(id, 2) % 2 = 1"), 0);
}

/* A job writing what an earlier job of the same batch wrote sees it. */
static genop_err add_twice(genop_store *s, void *ctx, genop_error *e)
{
    (void)ctx;
    genop_err err = genop_store_municipality_ensure(s, "twice", 1, "Første", e);
    if (!err)
        err = genop_store_municipality_ensure(s, "twice", 1, "Anden", e);
    return err;
}

static void test_a_job_sees_its_own_writes(void **state)
{
    fixture *f = *state;
    genop_error e;
    assert_int_equal(commit_queue_run(f->q, add_twice, NULL, &e), GENOP_OK);
    assert_int_equal(count_rows(f->db, "SELECT count(*) FROM municipalities"
                                       " WHERE id = 'twice' AND name = 'Første'"), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_many_threads_each_job_alone, setup, teardown),
        cmocka_unit_test_setup_teardown(test_a_job_sees_its_own_writes, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
