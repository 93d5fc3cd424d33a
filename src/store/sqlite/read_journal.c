/*
 * read_journal.c - the SQLite back end's audit sink (audit_sink.h): the
 * access log of reads through a journal file beside the database (see
 * read_journal.h): writing lines in the request's thread, switching to a
 * new file and importing the closed ones into the database, and
 * importing what dead processes left. The files themselves are
 * journal_file.c's.
 *
 * Two locks: append_lock guards the current file (its mapping, length and
 * row count) and the sealed files, and is held for one memcpy, so lines
 * never interleave; import_lock guards the store handle and the list of
 * closed files, so syncs and imports run one at a time. import_lock is
 * taken before append_lock, never the other way round.
 */
#include "read_journal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "journal_file.h"
#include "sqlite.h"

/* A file without a header is being created by its owner, or was left by a
 * crash during its creation: removed once it is this old. */
#define HEADERLESS_GRACE_SECONDS 60
#define UNREADABLE_SUFFIX ".unreadable"

typedef struct read_journal {
    genop_audit_sink base;        /* first: the sink callers hold */
    pthread_mutex_t append_lock;
    segment active;               /* the file appends go to */
    segment_list sealed;          /* full files, for the next import */
    pthread_mutex_t import_lock;
    genop_store *store;           /* owned; imports only */
    segment_list closed;          /* files waiting for import */
    size_t synced;                /* bytes of the active file known on disk */
    struct timespec last_import;  /* when the flusher last imported (monotonic) */
    char *prefix;                 /* owned; DB-reads. */
} read_journal;

static void read_journal_close(genop_audit_sink *sink);
static const genop_audit_sink_ops journal_ops;

/* ---------------------------------------------------------------------
 * Importing one file.
 * ------------------------------------------------------------------- */

/* Appends each readable line of body to the log; the others are reported
 * (path, line number) and counted in *bad. */
static genop_err import_lines(genop_store *s, const char *path, const char *body, size_t *bad,
                              genop_error *e)
{
    size_t line_no = 1;       /* the header is line 1 */
    for (const char *p = body; *p; line_no++) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        genop_access_entry r;
        if (nl && journal_parse_line(p, len, &r)) {
            genop_err err = genop_store_access_log_append(s, &r, e);
            if (err) {
                genop_error_prefix(e, "%s linje %zu", path, line_no + 1);
                return err;
            }
        } else {
            fprintf(stderr, "genop: adgangsloggens journal %s linje %zu kan ikke læses%s; "
                    "resten af filen tages med, og filen gemmes som %s%s\n",
                    path, line_no + 1, nl ? "" : " (linjen er ikke afsluttet)", path,
                    UNREADABLE_SUFFIX);
            (*bad)++;
        }
        p = nl ? nl + 1 : p + len;
    }
    return GENOP_OK;
}

/* Imports the text of a journal file in one transaction: claims its
 * batch and appends its rows, or does nothing if the batch was imported
 * before. */
static genop_err import_text(genop_store *s, const char *path, const char *batch,
                             const char *body, size_t *bad, genop_error *e)
{
    bool claimed = false;
    genop_err err = genop_store_begin(s, e);
    if (err)
        return err;
    err = genop_store_access_batch_claim(s, batch, journal_count_lines(body), &claimed, e);
    if (!err && claimed)
        err = import_lines(s, path, body, bad, e);
    if (!err && claimed)
        err = genop_store_commit(s, e);
    else
        genop_store_rollback(s);
    return err;
}

/* Removes the imported file, or keeps it as PATH.unreadable if some of it
 * could not be read. */
static void retire(const segment *seg, size_t bad)
{
    if (bad == 0) {
        unlink(seg->path);
        return;
    }
    size_t size = strlen(seg->path) + sizeof UNREADABLE_SUFFIX;
    char *kept = malloc(size);
    if (kept) {
        snprintf(kept, size, "%s%s", seg->path, UNREADABLE_SUFFIX);
        if (rename(seg->path, kept) != 0)
            fprintf(stderr, "genop: %s kunne ikke omdøbes: %s\n", seg->path, strerror(errno));
        free(kept);
    }
}

/* True if any of the n bytes at p is not NUL. */
static bool any_byte(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i])
            return true;
    return false;
}

/* Imports the text of the file at path: the len bytes at data, followed
 * by a NUL (borrowed). Its text ends at its first NUL byte; anything but
 * NULs after that (a crash that reached the disk out of order) is
 * reported and keeps the file. Removes the file once imported. A file
 * without a header is skipped (*headerless), for the caller to decide. */
static genop_err import_data(genop_store *s, const segment *seg, const char *data, size_t len,
                             bool *headerless, genop_error *e)
{
    char batch[JOURNAL_BATCH_HEX + 1];
    const char *body = NULL;
    size_t bad = 0, text = strlen(data);
    *headerless = !journal_read_header(data, batch, &body);
    if (*headerless)
        return GENOP_OK;
    if (any_byte(data + text, len - text)) {
        fprintf(stderr, "genop: adgangsloggens journal %s har tekst efter byte %zu, der ikke "
                "kan læses; filen gemmes som %s%s\n", seg->path, text, seg->path,
                UNREADABLE_SUFFIX);
        bad++;
    }
    genop_err err = import_text(s, seg->path, batch, body, &bad, e);
    if (!err)
        retire(seg, bad);
    return err;
}

/* Imports a dead process's file seg (open, locked) and removes it. */
static genop_err import_file(genop_store *s, const segment *seg, bool *headerless,
                             genop_error *e)
{
    char *data = NULL;
    size_t len = 0;
    genop_err err = journal_read_whole(seg->fd, seg->path, &data, &len, e);
    if (!err)
        err = import_data(s, seg, data, len, headerless, e);
    free(data);
    return err;
}

/* ---------------------------------------------------------------------
 * Files of dead processes.
 * ------------------------------------------------------------------- */

/* True if name is a journal file's name: the prefix's last component and
 * six more characters. */
static bool is_journal_name(const char *name, const char *base)
{
    size_t n = strlen(base);
    return strncmp(name, base, n) == 0 && strlen(name) == n + 6;
}

/* Imports the file at path if no live process holds it. */
static genop_err recover_file(genop_store *s, char *path, genop_error *e)
{
    segment seg = {.fd = open(path, O_RDONLY | O_CLOEXEC), .path = path};
    if (seg.fd < 0)
        return errno == ENOENT ? GENOP_OK : journal_sys_fail(e, "kunne ikke åbnes", path);
    genop_err err = GENOP_OK;
    if (flock(seg.fd, LOCK_EX | LOCK_NB) == 0) {
        bool headerless = false;
        struct stat st;
        err = import_file(s, &seg, &headerless, e);
        if (!err && headerless && fstat(seg.fd, &st) == 0 &&
            time(NULL) - st.st_mtime > HEADERLESS_GRACE_SECONDS)
            unlink(path);
    }
    close(seg.fd);
    return err;
}

/* Imports every journal file of the database that no live process holds. */
static genop_err recover(read_journal *j, genop_error *e)
{
    const char *slash = strrchr(j->prefix, '/');
    char *dir = slash ? strndup(j->prefix, (size_t)(slash - j->prefix + 1)) : strdup("./");
    const char *base = slash ? slash + 1 : j->prefix;
    if (!dir)
        return genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til adgangsloggens journal");
    DIR *d = opendir(dir);
    genop_err err = d ? GENOP_OK : journal_sys_fail(e, "mappen kunne ikke læses", dir);
    for (struct dirent *de; !err && d && (de = readdir(d));) {
        if (!is_journal_name(de->d_name, base))
            continue;
        size_t size = strlen(dir) + strlen(de->d_name) + 1;
        char *path = malloc(size);
        if (!path) {
            err = genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til adgangsloggens journal");
            break;
        }
        snprintf(path, size, "%s%s", dir, de->d_name);
        err = recover_file(j->store, path, e);
        free(path);
    }
    if (d)
        closedir(d);
    free(dir);
    return err;
}

/* ---------------------------------------------------------------------
 * The journal.
 * ------------------------------------------------------------------- */

/* Opens the journal of the SQLite database file at path (see the top of
 * read_journal.h); the caller owns *out: read_journal_close(). */
static genop_err read_journal_open(const char *path, read_journal **out, genop_error *e)
{
    static const genop_store_options durable = {.commit_mode = GENOP_COMMIT_DURABLE};
    *out = NULL;
    read_journal *j = calloc(1, sizeof *j);
    size_t size = strlen(path) + sizeof READ_JOURNAL_SUFFIX;
    if (!j || !(j->prefix = malloc(size))) {
        free(j);
        return genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til adgangsloggens journal");
    }
    snprintf(j->prefix, size, "%s%s", path, READ_JOURNAL_SUFFIX);
    j->base.ops = &journal_ops;
    j->active.fd = -1;
    clock_gettime(CLOCK_MONOTONIC, &j->last_import);
    pthread_mutex_init(&j->append_lock, NULL);
    pthread_mutex_init(&j->import_lock, NULL);
    genop_err err = sqlite_store_open(path, &durable, &j->store, e);
    if (!err)
        err = recover(j, e);
    if (!err)
        err = segment_create(j->prefix, &j->active, e);
    if (err) {
        read_journal_close(&j->base);
        return err;
    }
    *out = j;
    return GENOP_OK;
}

/* Seals the full current file and begins a new one. Under append_lock. */
static genop_err seal_active(read_journal *j, genop_error *e)
{
    segment next = {.fd = -1};
    genop_err err = segment_create(j->prefix, &next, e);
    if (err)
        return err;
    if ((err = segment_list_push(&j->sealed, &j->active, e))) {
        unlink(next.path);
        segment_close(&next);
        return err;
    }
    j->active = next;
    return GENOP_OK;
}

/* Copies the n bytes at text (whole lines of rows rows) into the current
 * file, sealing it first if they do not fit. Under append_lock. */
static genop_err append_text(read_journal *j, const char *text, size_t n, size_t rows,
                             genop_error *e)
{
    if (!j->active.map)
        return genop_fail(e, GENOP_EIO, "adgangsloggens journal er lukket");
    if (j->active.used + n >= JOURNAL_SEGMENT_BYTES) {
        genop_err err = j->active.rows ? seal_active(j, e) : GENOP_OK;
        if (err)
            return err;
        if (j->active.used + n >= JOURNAL_SEGMENT_BYTES)
            return genop_fail(e, GENOP_ETOOBIG, "adgangsloggen: %zu rækker på én gang er for "
                              "mange til journalen", rows);
    }
    memcpy(j->active.map + j->active.used, text, n);
    j->active.used += n;
    j->active.rows += rows;
    return GENOP_OK;
}

/* Appends rows[0..n) (borrowed; an empty time is set to now) to the
 * current file, all at once. Safe from any thread. */
static genop_err read_journal_append(genop_audit_sink *sink, genop_access_entry *rows, size_t n,
                                     genop_error *e)
{
    read_journal *j = (read_journal *)sink;
    if (n == 0)
        return GENOP_OK;
    char now[GENOP_TIMESTAMP_SIZE];
    journal_now(now);
    genop_buf b = {0};
    for (size_t i = 0; i < n; i++) {
        if (!rows[i].time[0])
            memcpy(rows[i].time, now, sizeof now);
        journal_add_line(&b, &rows[i]);
    }
    if (genop_buf_failed(&b)) {
        genop_buf_release(&b);
        return genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til adgangsloggen");
    }
    pthread_mutex_lock(&j->append_lock);
    genop_err err = append_text(j, b.data, b.len, n, e);
    pthread_mutex_unlock(&j->append_lock);
    genop_buf_release(&b);
    return err;
}

/* Moves the sealed files and then the current one to the closed ones;
 * with a successor, a new file takes the current one's place, else
 * appends fail until there is one. The current file moves only if it has
 * rows or has no successor. Under import_lock. */
static genop_err rotate(read_journal *j, bool successor, genop_error *e)
{
    genop_err err = GENOP_OK;
    pthread_mutex_lock(&j->append_lock);
    size_t moved = 0;
    while (moved < j->sealed.n && !(err = segment_list_push(&j->closed, &j->sealed.items[moved], e)))
        moved++;
    segment_list_drop_front(&j->sealed, moved);
    segment next = {.fd = -1};
    if (!err && j->active.map && (j->active.rows > 0 || !successor) &&
        !(successor && (err = segment_create(j->prefix, &next, e)))) {
        if ((err = segment_list_push(&j->closed, &j->active, e))) {
            if (next.path)
                unlink(next.path);
            segment_close(&next);
        } else {
            j->active = next;
            j->synced = 0;
        }
    }
    pthread_mutex_unlock(&j->append_lock);
    return err;
}

/* Imports the closed files, oldest first, until one fails; each is
 * unmapped and closed once imported. Under import_lock. */
static genop_err import_closed(read_journal *j, genop_error *e)
{
    size_t done = 0;
    genop_err err = GENOP_OK;
    for (; done < j->closed.n; done++) {
        segment *seg = &j->closed.items[done];
        bool headerless = false;
        if ((err = import_data(j->store, seg, seg->map, seg->used, &headerless, e)))
            break;
        segment_close(seg);
    }
    segment_list_drop_front(&j->closed, done);
    return err;
}

/* Rotates and imports. Under import_lock. */
static genop_err import_locked(read_journal *j, genop_error *e)
{
    genop_error ignored;
    genop_err err = rotate(j, true, e);
    genop_err import_err = import_closed(j, err ? &ignored : e);
    clock_gettime(CLOCK_MONOTONIC, &j->last_import);
    return err ? err : import_err;
}

/* Begins a new file if the current one has rows, and imports every
 * closed one. Safe from any thread; imports one at a time. */
static genop_err read_journal_import(genop_audit_sink *sink, genop_error *e)
{
    read_journal *j = (read_journal *)sink;
    pthread_mutex_lock(&j->import_lock);
    genop_err err = import_locked(j, e);
    pthread_mutex_unlock(&j->import_lock);
    return err;
}

/* Milliseconds from a to b. */
static long ms_between(const struct timespec *a, const struct timespec *b)
{
    return (long)(b->tv_sec - a->tv_sec) * 1000 + (b->tv_nsec - a->tv_nsec) / 1000000;
}

/* Puts the current file's new lines on the disk. Under import_lock (which
 * keeps the file open: only an import closes files). */
static genop_err sync_active(read_journal *j, genop_error *e)
{
    pthread_mutex_lock(&j->append_lock);
    int fd = j->active.fd;
    size_t used = j->active.used;
    const char *path = j->active.path;
    pthread_mutex_unlock(&j->append_lock);
    if (fd < 0 || used == j->synced)
        return GENOP_OK;
    if (fdatasync(fd) != 0)
        return journal_sys_fail(e, "kunne ikke skrives til disken", path);
    j->synced = used;
    return GENOP_OK;
}

/* Imports when READ_JOURNAL_IMPORT_MS have passed since the last import
 * or a file is full or waits for a retry, else puts the current file's
 * new lines on the disk. Safe from any thread. */
static genop_err read_journal_flush(genop_audit_sink *sink, genop_error *e)
{
    read_journal *j = (read_journal *)sink;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    pthread_mutex_lock(&j->import_lock);
    pthread_mutex_lock(&j->append_lock);
    bool sealed = j->sealed.n > 0;
    pthread_mutex_unlock(&j->append_lock);
    genop_err err;
    if (sealed || j->closed.n > 0 || ms_between(&j->last_import, &now) >= READ_JOURNAL_IMPORT_MS)
        err = import_locked(j, e);
    else
        err = sync_active(j, e);
    pthread_mutex_unlock(&j->import_lock);
    return err;
}

/* Imports what is left (reported on standard error if that fails: the
 * files stay for the next start) and frees j. */
static void read_journal_close(genop_audit_sink *sink)
{
    read_journal *j = (read_journal *)sink;
    genop_error e;
    pthread_mutex_lock(&j->import_lock);
    if (j->store && (rotate(j, false, &e) || import_closed(j, &e)))
        fprintf(stderr, "genop: adgangsloggens journal kunne ikke læses ind i databasen; "
                "det sker ved næste start: %s\n", e.message);
    pthread_mutex_unlock(&j->import_lock);
    segment_list_release(&j->closed);
    segment_list_release(&j->sealed);
    if (j->active.path && j->active.rows == 0)
        unlink(j->active.path);
    segment_close(&j->active);
    genop_store_close(j->store);
    pthread_mutex_destroy(&j->append_lock);
    pthread_mutex_destroy(&j->import_lock);
    free(j->prefix);
    free(j);
}

static const genop_audit_sink_ops journal_ops = {
    .append = read_journal_append,
    .sync = read_journal_import,
    .flush = read_journal_flush,
    .close = read_journal_close,
};

genop_err sqlite_audit_sink_open(const char *path, genop_audit_sink **out, genop_error *e)
{
    read_journal *j = NULL;
    genop_err err = read_journal_open(path, &j, e);
    *out = err ? NULL : &j->base;
    return err;
}
