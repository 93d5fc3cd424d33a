/*
 * journal_file.h - the files of the journal of reads (read_journal.h
 * describes them and their format): making one at its full size, locked
 * and mapped into memory; lists of them; reading one back whole; and the
 * lines, a row of the access log each. Private to src/store/sqlite.
 */
#ifndef GENOP_SQLITE_JOURNAL_FILE_H
#define GENOP_SQLITE_JOURNAL_FILE_H

#include <stdbool.h>
#include <stddef.h>

#include "store.h"
#include "strbuf.h"

#define JOURNAL_HEADER_TAG "genop-read-journal 1 "
#define JOURNAL_BATCH_HEX 32
/* The size of a journal file: about 150,000 reads. */
#define JOURNAL_SEGMENT_BYTES ((size_t)16 << 20)

/* One journal file of this process: an open descriptor (holding the
 * file's lock), its path and its shared mapping, all owned; used bytes
 * of text (always less than the size, so the text ends in a NUL) and
 * rows. A closed one has fd -1 and nothing else. */
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

/* The error of a failed system call (errno) on the file at path. */
genop_err journal_sys_fail(genop_error *e, const char *what, const char *path);

/* Creates a new file PREFIXXXXXXX at its full size, locks it, maps it and
 * writes its header (with a new random batch id) into *out. */
genop_err segment_create(const char *prefix, segment *out, genop_error *e);
/* Unmaps and closes s (not removing its file) and frees its path. */
void segment_close(segment *s);

/* Appends seg (moved in) to l. */
genop_err segment_list_push(segment_list *l, const segment *seg, genop_error *e);
/* Drops the first k segments of l (already moved or closed by the
 * caller), keeping the order of the rest. */
void segment_list_drop_front(segment_list *l, size_t k);
/* Closes every segment of l and frees it. */
void segment_list_release(segment_list *l);

/* The whole file behind fd into a NUL-terminated malloc'd *out (the
 * caller frees it) of *len bytes. */
genop_err journal_read_whole(int fd, const char *path, char **out, size_t *len, genop_error *e);

/* Now, UTC, as the store writes times: 2026-11-24T08:43:21.250Z. */
void journal_now(char out[GENOP_TIMESTAMP_SIZE]);
/* Appends row r as a line to b. */
void journal_add_line(genop_buf *b, const genop_access_entry *r);
/* Parses one line (without its newline, len bytes) into *r; false if it
 * is not a row. */
bool journal_parse_line(const char *line, size_t len, genop_access_entry *r);
/* The batch id of a file's text, or false if its header is missing or
 * bad; *body is where the rows begin. */
bool journal_read_header(const char *data, char batch[JOURNAL_BATCH_HEX + 1], const char **body);
/* The number of newline-terminated lines in body. */
size_t journal_count_lines(const char *body);

#endif
