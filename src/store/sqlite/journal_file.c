/*
 * journal_file.c - the files of the journal of reads (see journal_file.h
 * and read_journal.h): a file is made at its full size
 * (JOURNAL_SEGMENT_BYTES, allocated on the disk at once, so that a full
 * disk is an error at its creation and never a SIGBUS later), locked
 * (flock: its process is alive) and mapped into memory shared with the
 * file, so an append is a memcpy into the file's pages. The bytes after
 * the last line are zero, so a file's text ends at its first NUL byte.
 * Its first line carries a random batch id (getrandom).
 */
#define _GNU_SOURCE /* mkostemp */
#include "journal_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "decimal.h"

#define FIELDS 8

/* ---------------------------------------------------------------------
 * Files.
 * ------------------------------------------------------------------- */

genop_err journal_sys_fail(genop_error *e, const char *what, const char *path)
{
    return genop_fail(e, GENOP_EIO, "adgangsloggens journal %s: %s: %s", path, what,
                      strerror(errno));
}

void segment_close(segment *s)
{
    if (s->map)
        munmap(s->map, JOURNAL_SEGMENT_BYTES);
    if (s->fd >= 0)
        close(s->fd);
    free(s->path);
    *s = (segment){.fd = -1};
}

/* The header line of a new file: the tag and a random batch id. */
static genop_err header_line(char out[sizeof JOURNAL_HEADER_TAG + JOURNAL_BATCH_HEX + 1],
                             genop_error *e)
{
    static const char hex[] = "0123456789abcdef";
    unsigned char id[JOURNAL_BATCH_HEX / 2];
    if (getrandom(id, sizeof id, 0) != (ssize_t)sizeof id)
        return genop_fail(e, GENOP_EIO, "adgangsloggens journal: ingen tilfældige tal til "
                          "partiets id: %s", strerror(errno));
    size_t tag = strlen(JOURNAL_HEADER_TAG);
    memcpy(out, JOURNAL_HEADER_TAG, tag);
    for (size_t i = 0; i < sizeof id; i++) {
        out[tag + 2 * i] = hex[id[i] >> 4];
        out[tag + 2 * i + 1] = hex[id[i] & 0xf];
    }
    out[tag + JOURNAL_BATCH_HEX] = '\n';
    out[tag + JOURNAL_BATCH_HEX + 1] = '\0';
    return GENOP_OK;
}

/* Allocates the locked, empty file fd at its full size on the disk, maps
 * it and writes its header into *seg. */
static genop_err segment_fill(int fd, const char *path, segment *seg, genop_error *e)
{
    char header[sizeof JOURNAL_HEADER_TAG + JOURNAL_BATCH_HEX + 1];
    genop_err err = header_line(header, e);
    if (err)
        return err;
    int rc = posix_fallocate(fd, 0, (off_t)JOURNAL_SEGMENT_BYTES);
    if (rc != 0) {
        errno = rc;
        return journal_sys_fail(e, "kunne ikke gives plads på disken", path);
    }
    void *map = mmap(NULL, JOURNAL_SEGMENT_BYTES, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (map == MAP_FAILED)
        return journal_sys_fail(e, "kunne ikke lægges i hukommelsen", path);
    memcpy(map, header, strlen(header));
    seg->map = map;
    seg->used = strlen(header);
    seg->rows = 0;
    return GENOP_OK;
}

/* Creates a new file PREFIXXXXXXX, locks it and makes it ready for
 * appends. If another process's recovery locked the fresh file first (it
 * leaves a file without a header alone), a new name is tried. */
genop_err segment_create(const char *prefix, segment *out, genop_error *e)
{
    size_t size = strlen(prefix) + sizeof "XXXXXX";
    for (int tries = 0; tries < 8; tries++) {
        char *path = malloc(size);
        if (!path)
            return genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til adgangsloggens journal");
        snprintf(path, size, "%sXXXXXX", prefix);
        int fd = mkostemp(path, O_CLOEXEC);
        if (fd < 0) {
            genop_err err = journal_sys_fail(e, "kunne ikke oprettes", path);
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
genop_err segment_list_push(segment_list *l, const segment *seg, genop_error *e)
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
void segment_list_drop_front(segment_list *l, size_t k)
{
    if (k == 0)
        return;
    memmove(l->items, l->items + k, (l->n - k) * sizeof *l->items);
    l->n -= k;
}

/* Closes every segment of l and frees it. */
void segment_list_release(segment_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        segment_close(&l->items[i]);
    free(l->items);
    *l = (segment_list){0};
}

/* The whole file behind fd into a NUL-terminated malloc'd *out. */
genop_err journal_read_whole(int fd, const char *path, char **out, size_t *len, genop_error *e)
{
    struct stat st;
    if (fstat(fd, &st) != 0)
        return journal_sys_fail(e, "kunne ikke læses", path);
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
        return journal_sys_fail(e, "kunne ikke læses helt", path);
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
void journal_now(char out[GENOP_TIMESTAMP_SIZE])
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

void journal_add_line(genop_buf *b, const genop_access_entry *r)
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
    return genop_decimal_parse(s, n, out);
}

/* Parses one line (without its newline, len bytes) into *r. */
bool journal_parse_line(const char *line, size_t len, genop_access_entry *r)
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

/* The batch id of the file's text, or false if its header is missing or
 * bad; *body is where the rows begin. */
bool journal_read_header(const char *data, char batch[JOURNAL_BATCH_HEX + 1], const char **body)
{
    size_t tag = strlen(JOURNAL_HEADER_TAG);
    if (strncmp(data, JOURNAL_HEADER_TAG, tag) != 0 || strlen(data) < tag + JOURNAL_BATCH_HEX + 1 ||
        data[tag + JOURNAL_BATCH_HEX] != '\n')
        return false;
    for (size_t i = 0; i < JOURNAL_BATCH_HEX; i++)
        if (!strchr("0123456789abcdef", data[tag + i]) || data[tag + i] == '\0')
            return false;
    memcpy(batch, data + tag, JOURNAL_BATCH_HEX);
    batch[JOURNAL_BATCH_HEX] = '\0';
    *body = data + tag + JOURNAL_BATCH_HEX + 1;
    return true;
}

/* The number of newline-terminated lines in body. */
size_t journal_count_lines(const char *body)
{
    size_t n = 0;
    for (const char *p = body; (p = strchr(p, '\n')); p++)
        n++;
    return n;
}

