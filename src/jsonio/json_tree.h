/*
 * json_tree.h - JSON text to jansson trees, and jansson trees to the JSON
 * events of json_sax.h.
 *
 * src/jsonio is where genop's jansson code that is not the server's own
 * lives: the core knows no jansson (it reads JSON text with yajl and
 * writes it into a genop_buf), and the parts that hold trees - the
 * server, which parses request bodies into them, the command line, the
 * domain layer, the tests - read events and cases from them with the
 * core's one reader through case_tree.h, with no text in between.
 */
#ifndef GENOP_JSON_TREE_H
#define GENOP_JSON_TREE_H

#include <jansson.h>
#include <stddef.h>

#include "error.h"
#include "json_sax.h"

/* Parses text[0..len) (not necessarily NUL-terminated) as JSON with
 * jansson. On success *root is a new reference the caller releases with
 * json_decref(); on error *root is untouched. A text longer than
 * GENOP_CASE_JSON_MAX is GENOP_ETOOBIG; a duplicate key in any object,
 * a NUL byte, trailing text and a syntax error are GENOP_EPARSE, with the
 * line and column. */
genop_err genop_json_parse(const char *text, size_t len, json_t **root, genop_error *e);

/* Drives sax, with ctx, over the tree at value in document order (an
 * object's members in the order they were added, as jansson keeps them):
 * the source for case_reader.h's readers that a text parsed by
 * genop_json_parse() gives through genop_json_sax_parse(), the same calls
 * with the same values. A container the consumer answers GENOP_SAX_SKIP
 * to is not entered: its end callback follows at once. GENOP_OK, or the
 * consumer's error when a callback stopped. Nesting is walked by
 * recursion, one level for each level the consumer enters. value is only
 * read; NULL is GENOP_EINVAL. */
genop_err genop_json_sax_walk(const json_t *value, const genop_json_sax *sax, void *ctx,
                              genop_error *e);

#endif
