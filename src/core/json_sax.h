/*
 * json_sax.h - a JSON value as a stream of events (SAX): a consumer is a
 * table of plain C callbacks (a key, a string, a number, true/false,
 * null, the start and end of an object or a list), and a driver calls
 * them in document order.
 *
 * It is how genop reads the JSON it understands (the case and its events,
 * case_reader.h) without caring where the JSON comes from: text, through
 * genop_json_sax_parse() below (yajl's event parser; the fast path of
 * `genop evaluate --jsonl`, with no tree in between), or a jansson tree
 * the server already holds, through genop_json_sax_walk() (src/jsonio,
 * outside the core, since the core knows no jansson). Both drivers call
 * the same callbacks with the same values, so a reader gives the same
 * result and the same messages whichever way its input came.
 *
 * The signatures are yajl's own (yajl_callbacks), so the text driver
 * hands a consumer's callbacks to yajl as they are, without a call in
 * between. Strings and keys are bytes, not NUL-terminated, and may hold
 * NUL bytes (from "\u0000"): compare them by length.
 */
#ifndef GENOP_JSON_SAX_H
#define GENOP_JSON_SAX_H

#include <stddef.h>

#include "error.h"

/* What a callback answers. */
enum {
    GENOP_SAX_STOP = 0,  /* stop: the consumer has recorded an error */
    GENOP_SAX_GO = 1,    /* go on */
    /* From start_map/start_array only: the consumer ignores this
     * container. A driver may then leave its content out and call the
     * matching end callback next (the tree walker does), or go through it
     * (the text driver must: it cannot skip text unread), so a consumer
     * that answers SKIP still keeps count of what it skips. */
    GENOP_SAX_SKIP = 2
};

/* A consumer. ctx is the consumer's own, passed to every callback. */
typedef struct genop_json_sax {
    int (*null)(void *ctx);
    int (*boolean)(void *ctx, int value);
    int (*integer)(void *ctx, long long value);
    int (*real)(void *ctx, double value);
    int (*string)(void *ctx, const unsigned char *s, size_t len);
    int (*start_map)(void *ctx);
    int (*map_key)(void *ctx, const unsigned char *key, size_t len);
    int (*end_map)(void *ctx);
    int (*start_array)(void *ctx);
    int (*end_array)(void *ctx);
    /* After a callback answered GENOP_SAX_STOP: the code of the error the
     * consumer recorded (its message is the consumer's to have written). */
    genop_err (*stopped)(void *ctx);
} genop_json_sax;

/* Drives sax over the JSON text[0..len) (which need not be
 * NUL-terminated). GENOP_OK when the text was one JSON value and no
 * callback stopped; the consumer's error when one did; GENOP_EPARSE when
 * the text is not JSON, with a Danish message in *e that says what and
 * where ("ugyldig JSON ved tegn 13: uventet tegn", or line and column when
 * the text has several lines); GENOP_ENOMEM when memory ran out. Callbacks
 * may have been called before a syntax error is found. Allocates nothing
 * that outlives the call. */
genop_err genop_json_sax_parse(const char *text, size_t len, const genop_json_sax *sax, void *ctx,
                               genop_error *e);

/* The line and column (both from 1) of byte offset in text, for messages
 * about JSON text; a column counts characters, not the bytes of UTF-8.
 * offset must not pass the end of text. */
void genop_json_position(const char *text, size_t offset, int *line, int *column);

#endif
