/*
 * read_journal.c - the access log of reads through a journal file (see
 * read_journal.h): writing lines in the request's thread, switching to a
 * new file and importing the closed ones into the database, and
 * importing what dead processes left.
 *
 * A journal file is made at its full size (SEGMENT_BYTES, allocated on
 * the disk at once, so that a full disk is an error at its creation and
 * never a SIGBUS later) and mapped into memory shared with the file: an
 * append is a memcpy into the file's pages in the operating system's
 * cache, without a system call. The bytes after the last line are zero,
 * so a file's text ends at its first NUL byte. A file that is full is
 * sealed and a new one begun.
 *
 * Two locks: append_lock guards the current file (its mapping, length and
 * row count) and the sealed files, and is held for one memcpy, so lines
 * never interleave; import_lock guards the store handle and the list of
 * closed files, so syncs and imports run one at a time. import_lock is
 * taken before append_lock, never the other way round.
 */
#define _GNU_SOURCE /* mkostemp */
#include "read_journal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "strbuf.h"

#define HEADER_TAG "genop-read-journal 1 "
#define BATCH_HEX 32
/* A file without a header is being created by its owner, or was left by a
 * crash during its creation: removed once it is this old. */
#define HEADERLESS_GRACE_SECONDS 60
#define UNREADABLE_SUFFIX ".unreadable"
#define FIELDS 8
/* The size of a journal file: about 150,000 reads. */
#define SEGMENT_BYTES ((size_t)16 << 20)

/* One journal file of this process: an open descriptor (holding the
 * file's lock), its path and its shared mapping, all owned; used bytes
 * of text (always less than the size, so the text ends in a NUL) and
 * rows. */
typedef struct segment {
    int fd;
    char *path;
    char *map;
    size_t used, rows;
} segment;

/* A growing array of segments, oldest first. */
typedef struct segment_list {
    segment *items;
    size_t n, cap;
} segment_list;

struct read_journal {
    pthread_mutex_t append_lock;
    segment active;               /* the file appends go to */
    segment_list sealed;          /* full files, for the next import */
    pthread_mutex_t import_lock;
    genop_store *store;           /* owned; imports only */
    segment_list closed;          /* files waiting for import */
    size_t synced;                /* bytes of the active file known on disk */
    struct timespec last_import;  /* when the flusher last imported (monotonic) */
    char *prefix;                 /* owned; DB-reads. */
};

/* ---------------------------------------------------------------------
 * Files.
 * ------------------------------------------------------------------- */

static genop_err sys_fail(genop_error *e, const char *what, const char *path)
{
    return genop_fail(e, GENOP_EIO, "adgangsloggens journal %s: %s: %s", path, what,
                      strerror(errno));
}

static void segment_close(segment *s)
{
    if (s->map)
        munmap(s->map, SEGMENT_BYTES);
    if (s->fd >= 0)
        close(s->fd);
    free(s->path);
    *s = (segment){.fd = -1};
}

/* The header line of a new file: the tag and a random batch id. */
static void header_line(char out[sizeof HEADER_TAG + BATCH_HEX + 1])
{
    unsigned char id[BATCH_HEX / 2];
    randombytes_buf(id, sizeof id);
    memcpy(out, HEADER_TAG, strlen(HEADER_TAG));
    sodium_bin2hex(out + strlen(HEADER_TAG), BATCH_HEX + 1, id, sizeof id);
    out[strlen(HEADER_TAG) + BATCH_HEX] = '\n';
    out[strlen(HEADER_TAG) + BATCH_HEX + 1] = '\0';
}

/* Allocates the locked, empty file fd at its full size on the disk, maps
 * it and writes its header into *seg. */
static genop_err segment_fill(int fd, const char *path, segment *seg, genop_error *e)
{
    int rc = posix_fallocate(fd, 0, (off_t)SEGMENT_BYTES);
    if (rc != 0) {
        errno = rc;
        return sys_fail(e, "kunne ikke gives plads på disken", path);
    }
    void *map = mmap(NULL, SEGMENT_BYTES, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (map == MAP_FAILED)
        return sys_fail(e, "kunne ikke lægges i hukommelsen", path);
    char header[sizeof HEADER_TAG + BATCH_HEX + 1];
    header_line(header);
    memcpy(map, header, strlen(header));
    seg->map = map;
    seg->used = strlen(header);
    seg->rows = 0;
    return GENOP_OK;
}

/* Creates a new file PREFIXXXXXXX, locks it and makes it ready for
 * appends. If another process's recovery locked the fresh file first (it
 * leaves a file without a header alone), a new name is tried. */
static genop_err segment_create(const char *prefix, segment *out, genop_error *e)
{
    size_t size = strlen(prefix) + sizeof "XXXXXX";
    for (int tries = 0; tries < 8; tries++) {
        char *path = malloc(size);
        if (!path)
            return genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til adgangsloggens journal");
        snprintf(path, size, "%sXXXXXX", prefix);
        int fd = mkostemp(path, O_CLOEXEC);
        if (fd < 0) {
            genop_err err = sys_fail(e, "kunne ikke oprettes", path);
            free(path);
            return err;
        }
        if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
            close(fd);
            free(path);
            continue;
        }
        segment seg = {.fd = fd, .path = path};
        genop_err err = segment_fill(fd, path, &seg, e);
        if (err) {
            unlink(path);
            segment_close(&seg);
            return err;
        }
        *out = seg;
        return GENOP_OK;
    }
    return genop_fail(e, GENOP_EIO, "adgangsloggens journal: ingen ledig fil ved %s", prefix);
}

/* Appends seg (moved in) to l. */
static genop_err list_push(segment_list *l, const segment *seg, genop_error *e)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 4;
        segment *grown = realloc(l->items, cap * sizeof *grown);
        if (!grown)
            return genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til adgangsloggens journal");
        l->items = grown;
        l->cap = cap;
    }
    l->items[l->n++] = *seg;
    return GENOP_OK;
}

/* Drops the first k segments of l (already moved or closed by the
 * caller), keeping the order of the rest. */
static void list_drop_front(segment_list *l, size_t k)
{
    if (k == 0)
        return;
    memmove(l->items, l->items + k, (l->n - k) * sizeof *l->items);
    l->n -= k;
}

/* Closes every segment of l and frees it. */
static void list_release(segment_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        segment_close(&l->items[i]);
    free(l->items);
    *l = (segment_list){0};
}

/* The whole file behind fd into a NUL-terminated malloc'd *out. */
static genop_err read_whole(int fd, const char *path, char **out, size_t *len, genop_error *e)
{
    struct stat st;
    if (fstat(fd, &st) != 0)
        return sys_fail(e, "kunne ikke læses", path);
    char *data = malloc((size_t)st.st_size + 1);
    if (!data)
        return genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til at læse %s", path);
    size_t got = 0;
    while (got < (size_t)st.st_size) {
        ssize_t r = pread(fd, data + got, (size_t)st.st_size - got, (off_t)got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    if (got < (size_t)st.st_size) {
        free(data);
        return sys_fail(e, "kunne ikke læses helt", path);
    }
    data[got] = '\0';
    *out = data;
    *len = got;
    return GENOP_OK;
}

/* ---------------------------------------------------------------------
 * Lines.
 * ------------------------------------------------------------------- */

/* Now, UTC, as the store writes times: 2026-11-24T08:43:21.250Z. */
static void now_text(char out[GENOP_TIMESTAMP_SIZE])
{
    struct timespec ts;
    struct tm tm;
    clock_gettime(CLOCK_REALTIME, &ts);
    gmtime_r(&ts.tv_sec, &tm);
    size_t n = strftime(out, GENOP_TIMESTAMP_SIZE, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(out + n, GENOP_TIMESTAMP_SIZE - n, ".%03dZ", (int)(ts.tv_nsec / 1000000) % 1000);
}

/* s with \ tab newline and carriage return escaped. */
static void add_escaped(genop_buf *b, const char *s)
{
    for (const char *run = s;; s++) {
        const char *esc = *s == '\\' ? "\\\\" : *s == '\t' ? "\\t"
                        : *s == '\n' ? "\\n" : *s == '\r' ? "\\r" : NULL;
        if (!esc && *s)
            continue;
        genop_buf_add(b, run, (size_t)(s - run));
        if (!*s)
            return;
        genop_buf_add(b, esc, 2);
        run = s + 1;
    }
}

static void add_line(genop_buf *b, const genop_access_entry *r)
{
    genop_buf_adds(b, r->time);
    genop_buf_add(b, "\t", 1);
    genop_buf_add_long(b, (long)r->user_id);
    genop_buf_add(b, "\t", 1);
    add_escaped(b, r->username);
    genop_buf_add(b, "\t", 1);
    add_escaped(b, r->municipality);
    genop_buf_add(b, "\t", 1);
    genop_buf_add_long(b, (long)r->citizen_id);
    genop_buf_add(b, "\t", 1);
    genop_buf_add_long(b, (long)r->case_id);
    genop_buf_add(b, "\t", 1);
    add_escaped(b, r->action);
    genop_buf_add(b, "\t", 1);
    add_escaped(b, r->purpose);
    genop_buf_add(b, "\n", 1);
}

/* Unescapes the n bytes at s into out[size]; false if they do not fit or
 * hold a bad escape. */
static bool unescape(const char *s, size_t n, char *out, size_t size)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '\\') {
            if (++i == n)
                return false;
            c = s[i] == '\\' ? '\\' : s[i] == 't' ? '\t' : s[i] == 'n' ? '\n'
              : s[i] == 'r' ? '\r' : '\0';
            if (c == '\0')
                return false;
        }
        if (o + 1 >= size)
            return false;
        out[o++] = c;
    }
    out[o] = '\0';
    return true;
}

/* A decimal id of the n bytes at s (0 or positive). */
static bool parse_id_field(const char *s, size_t n, int64_t *out)
{
    if (n == 0 || n > 18)
        return false;
    int64_t v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

/* Parses one line (without its newline, len bytes) into *r. */
static bool parse_line(const char *line, size_t len, genop_access_entry *r)
{
    const char *f[FIELDS];
    size_t n[FIELDS], k = 0;
    const char *start = line, *end = line + len;
    for (const char *p = line; p <= end && k < FIELDS; p++) {
        if (p == end || *p == '\t') {
            f[k] = start;
            n[k++] = (size_t)(p - start);
            start = p + 1;
        }
    }
    memset(r, 0, sizeof *r);
    return k == FIELDS && start == end + 1 && unescape(f[0], n[0], r->time, sizeof r->time) &&
           n[0] == GENOP_TIMESTAMP_SIZE - 1 && parse_id_field(f[1], n[1], &r->user_id) &&
           unescape(f[2], n[2], r->username, sizeof r->username) &&
           unescape(f[3], n[3], r->municipality, sizeof r->municipality) &&
           parse_id_field(f[4], n[4], &r->citizen_id) &&
           parse_id_field(f[5], n[5], &r->case_id) &&
           unescape(f[6], n[6], r->action, sizeof r->action) &&
           unescape(f[7], n[7], r->purpose, sizeof r->purpose);
}

/* ---------------------------------------------------------------------
 * Importing one file.
 * ------------------------------------------------------------------- */

/* The batch id of the file's text, or false if its header is missing or
 * bad; *body is where the rows begin. */
static bool read_header(const char *data, char batch[BATCH_HEX + 1], const char **body)
{
    size_t tag = strlen(HEADER_TAG);
    if (strncmp(data, HEADER_TAG, tag) != 0 || strlen(data) < tag + BATCH_HEX + 1 ||
        data[tag + BATCH_HEX] != '\n')
        return false;
    for (size_t i = 0; i < BATCH_HEX; i++)
        if (!strchr("0123456789abcdef", data[tag + i]) || data[tag + i] == '\0')
            return false;
    memcpy(batch, data + tag, BATCH_HEX);
    batch[BATCH_HEX] = '\0';
    *body = data + tag + BATCH_HEX + 1;
    return true;
}

/* The number of newline-terminated lines in body. */
static size_t count_lines(const char *body)
{
    size_t n = 0;
    for (const char *p = body; (p = strchr(p, '\n')); p++)
        n++;
    return n;
}

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
        if (nl && parse_line(p, len, &r)) {
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
    err = genop_store_access_batch_claim(s, batch, count_lines(body), &claimed, e);
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
    char batch[BATCH_HEX + 1];
    const char *body = NULL;
    size_t bad = 0, text = strlen(data);
    *headerless = !read_header(data, batch, &body);
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
    genop_err err = read_whole(seg->fd, seg->path, &data, &len, e);
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
        return errno == ENOENT ? GENOP_OK : sys_fail(e, "kunne ikke åbnes", path);
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
    genop_err err = d ? GENOP_OK : sys_fail(e, "mappen kunne ikke læses", dir);
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

genop_err read_journal_open(const char *db_path, read_journal **out, genop_error *e)
{
    *out = NULL;
    genop_store_location loc;
    genop_err err = genop_store_location_parse(db_path, &loc, e);
    if (err)
        return err;
    read_journal *j = calloc(1, sizeof *j);
    size_t size = strlen(loc.path) + sizeof READ_JOURNAL_SUFFIX;
    if (!j || !(j->prefix = malloc(size))) {
        free(j);
        return genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til adgangsloggens journal");
    }
    snprintf(j->prefix, size, "%s%s", loc.path, READ_JOURNAL_SUFFIX);
    j->active.fd = -1;
    clock_gettime(CLOCK_MONOTONIC, &j->last_import);
    pthread_mutex_init(&j->append_lock, NULL);
    pthread_mutex_init(&j->import_lock, NULL);
    err = sodium_init() < 0 ? genop_fail(e, GENOP_EIO, "libsodium kunne ikke startes")
                            : genop_store_open(db_path, NULL, &j->store, e);
    if (!err)
        err = recover(j, e);
    if (!err)
        err = segment_create(j->prefix, &j->active, e);
    if (err) {
        read_journal_close(j);
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
    if ((err = list_push(&j->sealed, &j->active, e))) {
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
    if (j->active.used + n >= SEGMENT_BYTES) {
        genop_err err = j->active.rows ? seal_active(j, e) : GENOP_OK;
        if (err)
            return err;
        if (j->active.used + n >= SEGMENT_BYTES)
            return genop_fail(e, GENOP_ETOOBIG, "adgangsloggen: %zu rækker på én gang er for "
                              "mange til journalen", rows);
    }
    memcpy(j->active.map + j->active.used, text, n);
    j->active.used += n;
    j->active.rows += rows;
    return GENOP_OK;
}

genop_err read_journal_append(read_journal *j, genop_access_entry *rows, size_t n,
                              genop_error *e)
{
    if (n == 0)
        return GENOP_OK;
    char now[GENOP_TIMESTAMP_SIZE];
    now_text(now);
    genop_buf b = {0};
    for (size_t i = 0; i < n; i++) {
        if (!rows[i].time[0])
            memcpy(rows[i].time, now, sizeof now);
        add_line(&b, &rows[i]);
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
    while (moved < j->sealed.n && !(err = list_push(&j->closed, &j->sealed.items[moved], e)))
        moved++;
    list_drop_front(&j->sealed, moved);
    segment next = {.fd = -1};
    if (!err && j->active.map && (j->active.rows > 0 || !successor) &&
        !(successor && (err = segment_create(j->prefix, &next, e)))) {
        if ((err = list_push(&j->closed, &j->active, e))) {
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
    list_drop_front(&j->closed, done);
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

genop_err read_journal_import(read_journal *j, genop_error *e)
{
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
        return sys_fail(e, "kunne ikke skrives til disken", path);
    j->synced = used;
    return GENOP_OK;
}

genop_err read_journal_flush(read_journal *j, genop_error *e)
{
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

void read_journal_close(read_journal *j)
{
    if (!j)
        return;
    genop_error e;
    pthread_mutex_lock(&j->import_lock);
    if (j->store && (rotate(j, false, &e) || import_closed(j, &e)))
        fprintf(stderr, "genop: adgangsloggens journal kunne ikke læses ind i databasen; "
                "det sker ved næste start: %s\n", e.message);
    pthread_mutex_unlock(&j->import_lock);
    list_release(&j->closed);
    list_release(&j->sealed);
    if (j->active.path && j->active.rows == 0)
        unlink(j->active.path);
    segment_close(&j->active);
    genop_store_close(j->store);
    pthread_mutex_destroy(&j->append_lock);
    pthread_mutex_destroy(&j->import_lock);
    free(j->prefix);
    free(j);
}
