/*
 * json_sax.c - the text driver of json_sax.h: yajl's event parser calls
 * the consumer's callbacks directly (they have yajl's signatures), with
 * its few allocations served from a yajl_arena on the stack. What is
 * ours is the empty-text check and the syntax errors: yajl's short
 * English phrases become Danish ones, with the position of the offending
 * character.
 */
#include "json_sax.h"

#include <stdbool.h>
#include <string.h>
#include <yajl/yajl_parse.h>

#include "yajl_arena.h"

void genop_json_position(const char *text, size_t offset, int *line, int *column)
{
    *line = 1;
    *column = 1;
    for (size_t i = 0; i < offset; i++) {
        if (text[i] == '\n') {
            (*line)++;
            *column = 1;
        } else if (((unsigned char)text[i] & 0xC0) != 0x80) {
            (*column)++;
        }
    }
}

/* yajl's messages, in Danish. yajl 2.1 says what went wrong in a short
 * English phrase; the ones a person can meet are listed here. */
static const char *syntax_error_da(const char *yajl_message)
{
    static const struct { const char *en, *da; } known[] = {
        {"premature EOF", "teksten slutter, før JSON-værdien er afsluttet"},
        {"trailing garbage", "der står mere efter JSON-værdien"},
        {"integer overflow", "et tal er for stort"},
        {"invalid char in json text", "ugyldigt tegn"},
        {"invalid string in json text", "ugyldigt tegn i en tekst"},
        {"invalid bytes in UTF8 string", "teksten er ikke gyldig UTF-8"},
        {"inside a string, '\\' occurs before a character which it may not", "ugyldig \\-escape i en tekst"},
        {"invalid (non-hex) character occurs after '\\u' inside string", "ugyldig \\u-escape i en tekst"},
        {"invalid character inside string", "ugyldigt kontroltegn i en tekst"},
        {"malformed number, a digit is required after the decimal point", "ugyldigt tal"},
        {"malformed number, a digit is required after the exponent", "ugyldigt tal"},
        {"after key and value, inside map, I expect ',' or '}'", "der mangler ',' eller '}' i et objekt"},
        {"object key and value must be separated by a colon (':')", "der mangler ':' efter en nøgle"},
        {"after array element, I expect ',' or ']'", "der mangler ',' eller ']' i en liste"},
        {"invalid object key (must be a string)", "en nøgle skal være en tekst i anførselstegn"},
        {"unallowed token at this point in JSON text", "uventet tegn"},
        {"probable comment found in input text, comments are not enabled", "JSON tillader ikke kommentarer"},
    };
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (strstr(yajl_message, known[i].en))
            return known[i].da;
    return "syntaksfejl";
}

/* True if text[0..len) is only white space. */
static bool blank(const char *text, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (text[i] != ' ' && text[i] != '\t' && text[i] != '\n' && text[i] != '\r')
            return false;
    return true;
}

/* The syntax error yajl stopped at, in Danish, with its position. */
static genop_err syntax_error(yajl_handle h, const char *text, size_t len, genop_error *e)
{
    size_t at = yajl_get_bytes_consumed(h);
    unsigned char *msg = yajl_get_error(h, 0, NULL, 0);
    const char *what = syntax_error_da(msg ? (const char *)msg : "");
    int line, column;
    /* yajl counts the offending byte as consumed: point at it. */
    size_t bad = at > len ? len : at;
    genop_json_position(text, bad > 0 ? bad - 1 : 0, &line, &column);
    genop_err err;
    if (memchr(text, '\n', len))
        err = genop_fail(e, GENOP_EPARSE, "ugyldig JSON på linje %d, kolonne %d: %s", line,
                         column, what);
    else
        err = genop_fail(e, GENOP_EPARSE, "ugyldig JSON ved tegn %d: %s", column, what);
    yajl_free_error(h, msg);
    return err;
}

genop_err genop_json_sax_parse(const char *text, size_t len, const genop_json_sax *sax, void *ctx,
                               genop_error *e)
{
    if (blank(text, len))
        return genop_fail(e, GENOP_EPARSE, "ugyldig JSON: teksten er tom");
    const yajl_callbacks callbacks = {
        .yajl_null = sax->null,
        .yajl_boolean = sax->boolean,
        .yajl_integer = sax->integer,
        .yajl_double = sax->real,
        .yajl_string = sax->string,
        .yajl_start_map = sax->start_map,
        .yajl_map_key = sax->map_key,
        .yajl_end_map = sax->end_map,
        .yajl_start_array = sax->start_array,
        .yajl_end_array = sax->end_array,
    };
    yajl_arena arena;
    yajl_arena_init(&arena);
    yajl_handle h = yajl_alloc(&callbacks, &arena.funcs, ctx);
    if (!h)
        return genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til at læse JSON");
    yajl_status st = yajl_parse(h, (const unsigned char *)text, len);
    if (st == yajl_status_ok)
        st = yajl_complete_parse(h);
    genop_err err = GENOP_OK;
    if (st == yajl_status_client_canceled)
        err = sax->stopped(ctx);
    else if (st != yajl_status_ok)
        err = syntax_error(h, text, len, e);
    yajl_free(h);
    return err;
}
