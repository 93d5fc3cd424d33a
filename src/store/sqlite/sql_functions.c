/*
 * sql_functions.c - the SQL functions genop adds to each of its SQLite
 * connections (sql_functions.h): genop_name_words(name), the folded words
 * of a name (src/core/name_words.h) as a JSON array of strings, which the
 * triggers of citizen_name_words read (migration 0008). It is
 * deterministic and innocuous (no side effects, nothing but its argument),
 * so SQLite lets the schema's triggers call it.
 */
#include "sql_functions.h"

#include "name_words.h"

/* genop_name_words(name): '["bent","kristensen"]'; NULL is '[]'. A
 * word's letters need no escaping in JSON: name_words.h keeps none of
 * '"', '\\' or the control characters. */
static void name_words_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const char *name = (const char *)sqlite3_value_text(argv[0]);
    sqlite3_str *json = sqlite3_str_new(sqlite3_context_db_handle(ctx));
    char word[GENOP_NAME_WORD_SIZE];
    sqlite3_str_appendchar(json, 1, '[');
    for (int n = 0; name && genop_name_word_next(&name, word, sizeof word, NULL); n++)
        sqlite3_str_appendf(json, "%s\"%s\"", n ? "," : "", word);
    sqlite3_str_appendchar(json, 1, ']');
    int rc = sqlite3_str_errcode(json);
    char *text = sqlite3_str_finish(json);
    if (rc != SQLITE_OK || text == NULL) {
        sqlite3_free(text);
        sqlite3_result_error_nomem(ctx);
        return;
    }
    sqlite3_result_text(ctx, text, -1, sqlite3_free);
}

int sql_functions_register(sqlite3 *db)
{
    return sqlite3_create_function_v2(db, "genop_name_words", 1,
                                      SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                      NULL, name_words_fn, NULL, NULL, NULL);
}
