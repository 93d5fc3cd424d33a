/*
 * test_read_journal.c - the SQLite back end's audit sink, the journal of
 * reads (audit_sink.h, sqlite/read_journal.h), used as the server uses it
 * (by the store's location): rows land
 * in access_log exactly once, with their own time and every byte of their
 * text; the files a dead process left are imported at open, one that was
 * imported already is removed without a second copy, a live process's
 * file is left alone, a torn or garbled line is reported and the rest
 * kept; appends from many threads while imports run lose nothing.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "test_helpers.h"

#include "audit_sink.h"
#include "sqlite/read_journal.h"
#include "store.h"

#define THREADS 4
#define APPENDS_PER_THREAD 300
#define BATCH "0123456789abcdef0123456789abcdef"

typedef struct fixture {
    char dir[64];
    char db[96];
    genop_store *s;             /* the test's own handle */
    int64_t user;
    int64_t citizen;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    genop_error e;
    snprintf(f->dir, sizeof f->dir, "/tmp/genop-journal-XXXXXX");
    if (!mkdtemp(f->dir))
        return -1;
    snprintf(f->db, sizeof f->db, "%s/g.db", f->dir);
    genop_user u = {.role = GENOP_ROLE_VISITATOR};
    snprintf(u.municipality, sizeof u.municipality, "aalborg");
    snprintf(u.username, sizeof u.username, "vis.aalborg");
    genop_citizen c = {0};
    snprintf(c.municipality, sizeof c.municipality, "aalborg");
    snprintf(c.cpr, sizeof c.cpr, "0105401234");
    snprintf(c.name, sizeof c.name, "Karen Hansen");
    if (genop_store_open(f->db, NULL, &f->s, &e) ||
        genop_store_municipality_ensure(f->s, "aalborg", 851, "Aalborg", &e) ||
        genop_store_user_add(f->s, &u, "x", &f->user, &e) ||
        genop_store_citizen_create(f->s, &c, &e)) {
        fprintf(stderr, "%s\n", e.message);
        return -1;
    }
    f->citizen = c.id;
    *state = f;
    return 0;
}

/* Removes every file of the test's directory, then the directory. */
static int teardown(void **state)
{
    fixture *f = *state;
    genop_store_close(f->s);
    DIR *d = opendir(f->dir);
    char path[512];
    for (struct dirent *de; d && (de = readdir(d));) {
        if (de->d_name[0] == '.')
            continue;
        snprintf(path, sizeof path, "%s/%s", f->dir, de->d_name);
        unlink(path);
    }
    if (d)
        closedir(d);
    rmdir(f->dir);
    free(f);
    return 0;
}

/* The number of files in the test's directory whose name contains part. */
static int files_with(const fixture *f, const char *part)
{
    int n = 0;
    DIR *d = opendir(f->dir);
    for (struct dirent *de; d && (de = readdir(d));)
        n += strstr(de->d_name, part) != NULL;
    if (d)
        closedir(d);
    return n;
}

static genop_access_entry row(const fixture *f, int64_t case_id, const char *purpose)
{
    genop_access_entry r = {.user_id = f->user, .citizen_id = f->citizen, .case_id = case_id};
    snprintf(r.username, sizeof r.username, "vis.aalborg");
    snprintf(r.municipality, sizeof r.municipality, "aalborg");
    snprintf(r.action, sizeof r.action, "case.read");
    snprintf(r.purpose, sizeof r.purpose, "%s", purpose);
    return r;
}

/* The citizen's rows in access_log, oldest first (by id) into *l. */
static size_t logged(const fixture *f, genop_list *l)
{
    size_t total = 0;
    must(genop_store_access_log_list(f->s, "aalborg", f->citizen, 0, 0, l, &total, e));
    return total;
}

/* Writes a journal file as a process that died would have left it. */
/* Leaves the n bytes at data as the journal file DB-reads.SUFFIX. */
static void leave_bytes(const fixture *f, const char *suffix, const char *data, size_t n)
{
    char path[160];
    snprintf(path, sizeof path, "%s" READ_JOURNAL_SUFFIX "%s", f->db, suffix);
    FILE *out = fopen(path, "w");
    assert_non_null(out);
    assert_int_equal(fwrite(data, 1, n, out), n);
    fclose(out);
}

static void leave_file(const fixture *f, const char *suffix, const char *text)
{
    leave_bytes(f, suffix, text, strlen(text));
}

/* A file is made at its full size, its text followed by NUL bytes. If a
 * crash put a later page of it on the disk but not an earlier one, text
 * stands after a NUL: the text before it is imported, what follows is
 * not (it cannot be told from garbage), and the file is kept. */
static void test_text_after_the_end(void **state)
{
    fixture *f = *state;
    char data[1024];
    memset(data, 0, sizeof data);
    int n = snprintf(data, sizeof data,
                     "genop-read-journal 1 " BATCH "\n"
                     "2026-03-01T10:00:00.000Z\t%ld\tvis.aalborg\taalborg\t%ld\t1\tcase.read\tx\n",
                     (long)f->user, (long)f->citizen);
    snprintf(data + n + 100, sizeof data - (size_t)n - 100,
             "2026-03-01T10:00:05.000Z\t%ld\tvis.aalborg\taalborg\t%ld\t2\tcase.read\tx\n",
             (long)f->user, (long)f->citizen);
    leave_bytes(f, "GGGGGG", data, sizeof data);

    genop_audit_sink *j;
    must(genop_audit_sink_open(f->db, &j, e));
    genop_list l;
    assert_int_equal(logged(f, &l), 1);
    assert_int_equal(((genop_access_entry *)l.items)[0].case_id, 1);
    genop_store_free_list(&l);
    assert_int_equal(files_with(f, "GGGGGG.unreadable"), 1);
    genop_audit_sink_close(j);
}

static void test_rows_land_once_with_their_text(void **state)
{
    fixture *f = *state;
    genop_audit_sink *j;
    must(genop_audit_sink_open(f->db, &j, e));
    assert_int_equal(files_with(f, READ_JOURNAL_SUFFIX), 1);
    genop_access_entry rows[2] = {row(f, 7, "sags\tbehandling\\ med\nlinjeskift\r"),
                                  row(f, 8, "æøå ÆØÅ")};
    snprintf(rows[1].time, sizeof rows[1].time, "2024-02-29T23:59:59.999Z");
    must(genop_audit_sink_append(j, rows, 2, e));
    assert_int_equal(strlen(rows[0].time), GENOP_TIMESTAMP_SIZE - 1);   /* set to now */
    genop_list l;
    assert_int_equal(logged(f, &l), 0);       /* in the file, not yet in the database */
    genop_store_free_list(&l);

    must(genop_audit_sink_sync(j, e));
    assert_int_equal(logged(f, &l), 2);
    genop_access_entry *got = l.items;        /* newest first */
    assert_string_equal(got[0].purpose, "sags\tbehandling\\ med\nlinjeskift\r");
    assert_string_equal(got[0].time, rows[0].time);
    assert_int_equal(got[0].case_id, 7);
    assert_string_equal(got[1].purpose, "æøå ÆØÅ");
    assert_string_equal(got[1].time, "2024-02-29T23:59:59.999Z");
    assert_int_equal(got[1].user_id, f->user);
    genop_store_free_list(&l);

    must(genop_audit_sink_sync(j, e));          /* nothing new: nothing twice */
    assert_int_equal(logged(f, &l), 2);
    genop_store_free_list(&l);
    assert_int_equal(files_with(f, READ_JOURNAL_SUFFIX), 1);

    genop_access_entry last = row(f, 9, "sagsbehandling");
    must(genop_audit_sink_append(j, &last, 1, e));
    genop_audit_sink_close(j);                    /* imports the rest, leaves no file */
    assert_int_equal(logged(f, &l), 3);
    genop_store_free_list(&l);
    assert_int_equal(files_with(f, READ_JOURNAL_SUFFIX), 0);
}

static void test_dead_process_files(void **state)
{
    fixture *f = *state;
    char text[512];
    /* Two whole lines and one torn by a crash. */
    snprintf(text, sizeof text,
             "genop-read-journal 1 " BATCH "\n"
             "2026-03-01T10:00:00.000Z\t%ld\tvis.aalborg\taalborg\t%ld\t1\tcase.read\tsagsbehandling\n"
             "2026-03-01T10:00:01.000Z\t%ld\tvis.aalborg\taalborg\t%ld\t2\tcase.read\tsagsbehandling\n"
             "2026-03-01T10:00:02.000Z\t%ld\tvis.aal",
             (long)f->user, (long)f->citizen, (long)f->user, (long)f->citizen, (long)f->user);
    leave_file(f, "AAAAAA", text);
    /* The same batch again (a file that outlived its import): no second copy. */
    char copy_of[600];
    snprintf(copy_of, sizeof copy_of, "%s", text);
    leave_file(f, "BBBBBB", copy_of);
    /* A garbled line between good ones. */
    snprintf(text, sizeof text,
             "genop-read-journal 1 ffffffffffffffffffffffffffffffff\n"
             "2026-03-02T10:00:00.000Z\t%ld\tvis.aalborg\taalborg\t%ld\t3\tcase.read\tx\n"
             "2026-03-02T10:00:01.000Z\tnot a number\tvis.aalborg\taalborg\t1\t4\tcase.read\tx\n"
             "2026-03-02T10:00:02.000Z\t%ld\tvis.aalborg\taalborg\t%ld\t5\tcase.read\tx\textra\n"
             "2026-03-02T10:00:03.000Z\t%ld\tvis.aalborg\taalborg\t%ld\t6\tcase.read\tbad \\q\n"
             "2026-03-02T10:00:04.000Z\t%ld\tvis.aalborg\taalborg\t%ld\t7\tcase.read\tx\n",
             (long)f->user, (long)f->citizen, (long)f->user, (long)f->citizen, (long)f->user,
             (long)f->citizen, (long)f->user, (long)f->citizen);
    leave_file(f, "CCCCCC", text);
    /* A file a live process holds. */
    leave_file(f, "DDDDDD", "genop-read-journal 1 eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee\n");
    char live[160];
    snprintf(live, sizeof live, "%s" READ_JOURNAL_SUFFIX "DDDDDD", f->db);
    int held = open(live, O_RDONLY);
    assert_int_equal(flock(held, LOCK_EX | LOCK_NB), 0);
    /* Files without a header: one being created now, one left long ago. */
    leave_file(f, "EEEEEE", "");
    leave_file(f, "FFFFFF", "");
    char old[160];
    snprintf(old, sizeof old, "%s" READ_JOURNAL_SUFFIX "FFFFFF", f->db);
    struct timeval past[2] = {{time(NULL) - 3600, 0}, {time(NULL) - 3600, 0}};
    assert_int_equal(utimes(old, past), 0);

    genop_audit_sink *j;
    must(genop_audit_sink_open(f->db, &j, e));
    genop_list l;
    assert_int_equal(logged(f, &l), 4);       /* cases 1, 2 once; 3 and 7 */
    genop_access_entry *got = l.items;
    assert_int_equal(got[0].case_id, 7);
    assert_int_equal(got[1].case_id, 3);
    assert_int_equal(got[2].case_id, 2);
    assert_string_equal(got[2].time, "2026-03-01T10:00:01.000Z");
    assert_int_equal(got[3].case_id, 1);
    genop_store_free_list(&l);
    /* The first of the two copies read and the garbled one are kept for
     * inspection (with .unreadable); the second copy is removed. */
    assert_int_equal(files_with(f, ".unreadable"), 2);
    assert_int_equal(files_with(f, "AAAAAA") + files_with(f, "BBBBBB"), 1);
    assert_int_equal(files_with(f, "CCCCCC.unreadable"), 1);
    assert_int_equal(files_with(f, "DDDDDD"), 1);      /* the live one, untouched */
    assert_int_equal(files_with(f, "EEEEEE"), 1);
    assert_int_equal(files_with(f, "FFFFFF"), 0);
    genop_audit_sink_close(j);
    close(held);

    /* Once its process is gone, its file is imported by the next open. */
    must(genop_audit_sink_open(f->db, &j, e));
    assert_int_equal(files_with(f, "DDDDDD"), 0);
    genop_audit_sink_close(j);
}

typedef struct importer {
    genop_audit_sink *j;
    atomic_int stop;
    atomic_int imports;
    int failures;
} importer;

typedef struct appender {
    genop_audit_sink *j;
    const fixture *f;
    int first;
    int failures;
    importer *im;
} appender;

static void *run_appender(void *arg)
{
    appender *a = arg;
    for (int i = 0; i < APPENDS_PER_THREAD; i++) {
        genop_access_entry r = row(a->f, a->first + i, "sagsbehandling");
        genop_error e;
        a->failures += genop_audit_sink_append(a->j, &r, 1, &e) != GENOP_OK;
        if (i % 10 == 0)        /* let imports happen between appends */
            nanosleep(&(struct timespec){0, 200000}, NULL);
        /* Half way, wait (up to 5 s) for an import to have finished, so
         * that imports run between appends even on a loaded machine, where
         * the first import's commit can outlast every append. */
        for (int w = 0; i == APPENDS_PER_THREAD / 2 && w < 5000 &&
                        atomic_load(&a->im->imports) == 0; w++)
            nanosleep(&(struct timespec){0, 1000000}, NULL);
    }
    return NULL;
}

static void *run_importer(void *arg)
{
    importer *im = arg;
    while (!atomic_load(&im->stop)) {
        genop_error e;
        im->failures += genop_audit_sink_sync(im->j, &e) != GENOP_OK;
        atomic_fetch_add(&im->imports, 1);
        nanosleep(&(struct timespec){0, 1000000}, NULL);
    }
    return NULL;
}

static void test_threads_lose_nothing(void **state)
{
    fixture *f = *state;
    genop_audit_sink *j;
    must(genop_audit_sink_open(f->db, &j, e));
    appender a[THREADS];
    pthread_t t[THREADS], it;
    importer im = {.j = j};
    atomic_init(&im.stop, 0);
    atomic_init(&im.imports, 0);
    pthread_create(&it, NULL, run_importer, &im);
    for (int i = 0; i < THREADS; i++) {
        a[i] = (appender){j, f, 1 + i * APPENDS_PER_THREAD, 0, &im};
        pthread_create(&t[i], NULL, run_appender, &a[i]);
    }
    for (int i = 0; i < THREADS; i++) {
        pthread_join(t[i], NULL);
        assert_int_equal(a[i].failures, 0);
    }
    atomic_store(&im.stop, 1);
    pthread_join(it, NULL);
    assert_int_equal(im.failures, 0);
    assert_true(atomic_load(&im.imports) > 1);
    must(genop_audit_sink_sync(j, e));

    genop_list l;
    size_t n = logged(f, &l);
    assert_int_equal(n, THREADS * APPENDS_PER_THREAD);
    char *seen = calloc(n + 1, 1);
    genop_access_entry *got = l.items;
    for (size_t i = 0; i < n; i++) {
        assert_in_range(got[i].case_id, 1, n);
        assert_false(seen[got[i].case_id]);
        seen[got[i].case_id] = 1;
    }
    free(seen);
    genop_store_free_list(&l);
    genop_audit_sink_close(j);
    assert_int_equal(files_with(f, READ_JOURNAL_SUFFIX), 0);
}

/* The sink is opened by the store's location: sqlite:PATH puts the
 * journal beside PATH; a location of no back end is refused. */
static void test_opened_by_location(void **state)
{
    fixture *f = *state;
    char loc[128];
    snprintf(loc, sizeof loc, "sqlite:%s", f->db);
    genop_audit_sink *j;
    must(genop_audit_sink_open(loc, &j, e));
    assert_int_equal(files_with(f, "g.db" READ_JOURNAL_SUFFIX), 1);
    genop_access_entry r = row(f, 3, "sagsbehandling");
    must(genop_audit_sink_append(j, &r, 1, e));
    must(genop_audit_sink_sync(j, e));
    genop_list l;
    assert_int_equal(logged(f, &l), 1);
    genop_store_free_list(&l);
    genop_audit_sink_close(j);
    assert_int_equal(files_with(f, READ_JOURNAL_SUFFIX), 0);

    genop_error err;
    j = (genop_audit_sink *)&err;
    assert_int_equal(genop_audit_sink_open("postgresql://genop@db/genop", &j, &err),
                     GENOP_EINVAL);
    assert_null(j);
    assert_message_contains(err, "PostgreSQL");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_rows_land_once_with_their_text, setup, teardown),
        cmocka_unit_test_setup_teardown(test_dead_process_files, setup, teardown),
        cmocka_unit_test_setup_teardown(test_text_after_the_end, setup, teardown),
        cmocka_unit_test_setup_teardown(test_threads_lose_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_opened_by_location, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
