/*
 * stmt.c - the SQLite back end's statement helper (see stmt.h): SQLite's
 * errors as genop's, the cache of prepared statements, binding, the row
 * reader with its bounded copies (cut at a whole UTF-8 character for free
 * text; an error for identifiers, where a cut would change the meaning),
 * lists of rows, and the checks of values on the way in (GENOP_ETOOBIG
 * for text longer than its field).
 */
#include "stmt.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "standard.h"

/* ---------------------------------------------------------------------
 * Errors and the cache.
 * ------------------------------------------------------------------- */

genop_err sql_fail(sqlite_store *st, int rc, const char *what, genop_error *e)
{
    const char *msg = sqlite3_errmsg(st->db);
    switch (rc & 0xff) {
    case SQLITE_NOMEM:
        return genop_fail(e, GENOP_ENOMEM, "databasen: kunne ikke %s: ikke nok hukommelse", what);
    case SQLITE_CONSTRAINT:
        return genop_fail(e, GENOP_EINVAL, "databasen: kunne ikke %s: afvist (%s)", what, msg);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return genop_fail(e, GENOP_EIO, "databasen: kunne ikke %s: databasen er optaget (%s)",
                          what, msg);
    default:
        return genop_fail(e, GENOP_EIO, "databasen: kunne ikke %s: %s", what, msg);
    }
}

void stmt_cache_release(stmt_cache *c)
{
    for (size_t i = 0; i < c->n; i++) {
        for (size_t k = 0; k < c->tables[i]->n; k++)
            sqlite3_finalize(c->stmts[i][k]);
        free(c->stmts[i]);
    }
    memset(c, 0, sizeof *c);
}

/* The slots of table t in the cache, added on its first use; NULL when
 * out of memory. */
static sqlite3_stmt **table_slots(stmt_cache *c, const stmt_table *t)
{
    for (size_t i = 0; i < c->n; i++)
        if (c->tables[i] == t)
            return c->stmts[i];
    assert(c->n < STMT_TABLES_MAX);
    sqlite3_stmt **slots = calloc(t->n, sizeof *slots);
    if (slots) {
        c->tables[c->n] = t;
        c->stmts[c->n++] = slots;
    }
    return slots;
}

genop_err stmt_use(sqlite_store *st, const stmt_table *t, unsigned id, sqlite3_stmt **out,
                   genop_error *e)
{
    assert(id < t->n && t->sql[id] != NULL);
    *out = NULL;
    sqlite3_stmt **slots = table_slots(&st->stmts, t);
    if (slots == NULL)
        return genop_fail(e, GENOP_ENOMEM, "databasen: ikke nok hukommelse");
    if (slots[id] == NULL) {
        int rc = sqlite3_prepare_v3(st->db, t->sql[id], -1, SQLITE_PREPARE_PERSISTENT,
                                    &slots[id], NULL);
        if (rc != SQLITE_OK)
            return sql_fail(st, rc, "forberede en forespørgsel", e);
    }
    *out = slots[id];
    return GENOP_OK;
}

void stmt_done(sqlite3_stmt *s)
{
    if (s) {
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
    }
}

genop_err stmt_run(sqlite_store *st, const stmt_table *t, unsigned id, const char *what,
                   genop_error *e)
{
    sqlite3_stmt *s;
    genop_err err = stmt_use(st, t, id, &s, e);
    if (err)
        return err;
    int rc = sqlite3_step(s);
    if (rc != SQLITE_DONE)
        err = sql_fail(st, rc, what, e);
    stmt_done(s);
    return err;
}

genop_err stmt_step_row(sqlite_store *st, sqlite3_stmt *s, const char *what, genop_error *e)
{
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        return GENOP_OK;
    if (rc == SQLITE_DONE)
        return GENOP_ENOTFOUND;
    return sql_fail(st, rc, what, e);
}

genop_err stmt_step_done(sqlite_store *st, sqlite3_stmt *s, const char *what, genop_error *e)
{
    int rc = sqlite3_step(s);
    return rc == SQLITE_DONE ? GENOP_OK : sql_fail(st, rc, what, e);
}

genop_err stmt_inserted(sqlite_store *st, const stmt_table *t, unsigned col, int64_t *id,
                        char *out, size_t size, const char *what, genop_error *e)
{
    sqlite3_stmt *q = NULL;
    int64_t rowid = sqlite3_last_insert_rowid(st->db);
    genop_err err = stmt_use(st, t, col, &q, e);
    if (err)
        return err;
    int rc = sqlite3_bind_int64(q, 1, rowid);
    if (rc)
        err = stmt_bind_fail(st, rc, e);
    else if ((err = stmt_step_row(st, q, what, e)) == GENOP_ENOTFOUND)
        err = genop_fail(e, GENOP_EIO, "databasen: den nye række findes ikke (%s)", what);
    if (!err) {
        row_reader r = {q, 0, GENOP_OK, e};
        row_text(&r, out, size, CUT_REFUSED, what);
        err = r.err;
    }
    if (!err)
        *id = rowid;
    stmt_done(q);
    return err;
}

genop_err stmt_bind_fail(sqlite_store *st, int rc, genop_error *e)
{
    return sql_fail(st, rc, "binde en værdi", e);
}

/* ---------------------------------------------------------------------
 * Binding values.
 * ------------------------------------------------------------------- */

int bind_text(sqlite3_stmt *s, int i, const char *t)
{
    return t ? sqlite3_bind_text(s, i, t, -1, SQLITE_STATIC) : sqlite3_bind_null(s, i);
}

int bind_id(sqlite3_stmt *s, int i, int64_t id)
{
    return id ? sqlite3_bind_int64(s, i, id) : sqlite3_bind_null(s, i);
}

int bind_date(sqlite3_stmt *s, int i, genop_date d)
{
    char buf[GENOP_DATE_STR_SIZE];
    return sqlite3_bind_text(s, i, genop_date_format(d, buf), -1, SQLITE_TRANSIENT);
}

int bind_hash(sqlite3_stmt *s, int i, const unsigned char *hash)
{
    return sqlite3_bind_blob(s, i, hash, GENOP_TOKEN_HASH_SIZE, SQLITE_STATIC);
}

int64_t sql_limit(size_t limit)
{
    return limit == 0 || limit > (size_t)INT64_MAX ? -1 : (int64_t)limit;
}

int64_t sql_offset(size_t offset)
{
    return offset > (size_t)INT64_MAX ? INT64_MAX : (int64_t)offset;
}

/* ---------------------------------------------------------------------
 * Reading rows.
 * ------------------------------------------------------------------- */

int64_t row_int(row_reader *r)
{
    return sqlite3_column_int64(r->s, r->col++);
}

bool row_is_null(const row_reader *r)
{
    return sqlite3_column_type(r->s, r->col) == SQLITE_NULL;
}

void row_text(row_reader *r, char *buf, size_t size, cut_rule rule, const char *what)
{
    assert(size > 0);
    int col = r->col++;
    buf[0] = '\0';
    if (r->err)
        return;
    const unsigned char *t = sqlite3_column_text(r->s, col);
    if (t == NULL) {
        if (sqlite3_column_type(r->s, col) != SQLITE_NULL)
            r->err = genop_fail(r->e, GENOP_ENOMEM, "databasen: ikke nok hukommelse til %s", what);
        return;
    }
    size_t n = (size_t)sqlite3_column_bytes(r->s, col);
    size_t take = n;
    if (n > size - 1) {
        if (rule == CUT_REFUSED) {
            r->err = genop_fail(r->e, GENOP_ETOOBIG,
                                "databasen: %s er længere end genop kan håndtere (%zu bytes)",
                                what, n);
            return;
        }
        take = size - 1;
        while (take > 0 && (t[take] & 0xC0) == 0x80)
            take--;                    /* t[take] continues a character: cut before it */
    }
    memcpy(buf, t, take);
    buf[take] = '\0';
}

void row_date(row_reader *r, genop_date *out, bool *has, const char *what)
{
    char buf[GENOP_DATE_STR_SIZE];
    bool null = row_is_null(r);
    if (has)
        *has = !null;
    if (null && has) {
        r->col++;
        *out = 0;
        return;
    }
    row_text(r, buf, sizeof buf, CUT_REFUSED, what);
    if (r->err)
        return;
    if (genop_date_parse(buf, out, NULL) != GENOP_OK)
        r->err = genop_fail(r->e, GENOP_EINVAL, "databasen: %s er ikke en gyldig dato", what);
}

char *row_text_copy(row_reader *r, const char *what)
{
    int col = r->col++;
    if (r->err)
        return NULL;
    const unsigned char *t = sqlite3_column_text(r->s, col);
    size_t n = (size_t)sqlite3_column_bytes(r->s, col);
    char *copy = NULL;
    if ((t != NULL || sqlite3_column_type(r->s, col) == SQLITE_NULL) &&
        (copy = malloc(n + 1)) != NULL) {
        if (n)
            memcpy(copy, t, n);
        copy[n] = '\0';
    } else {
        r->err = genop_fail(r->e, GENOP_ENOMEM, "databasen: ikke nok hukommelse til %s", what);
    }
    return copy;
}

/* ---------------------------------------------------------------------
 * Lists.
 * ------------------------------------------------------------------- */

/* Appends a zeroed item of item_size bytes to l, whose array holds *cap
 * items; NULL when out of memory (l is then unchanged). */
static void *list_push(genop_list *l, size_t *cap, size_t item_size)
{
    if (l->n == *cap) {
        size_t ncap = *cap ? *cap * 2 : 16;
        if (ncap < *cap || ncap > SIZE_MAX / item_size)
            return NULL;
        void *p = realloc(l->items, ncap * item_size);
        if (p == NULL)
            return NULL;
        l->items = p;
        *cap = ncap;
    }
    void *item = (char *)l->items + l->n * item_size;
    memset(item, 0, item_size);
    l->n++;
    return item;
}

genop_err stmt_collect(sqlite_store *st, sqlite3_stmt *q, size_t item_size, row_fn read_row,
                       const char *what, genop_list *out, genop_error *e)
{
    size_t cap = out->n;
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        void *item = list_push(out, &cap, item_size);
        if (item == NULL)
            return genop_fail(e, GENOP_ENOMEM, "databasen: ikke nok hukommelse til %s", what);
        row_reader r = {q, 0, GENOP_OK, e};
        read_row(&r, item);
        if (r.err)
            return r.err;
    }
    if (rc == SQLITE_DONE)
        return GENOP_OK;
    char doing[64];
    snprintf(doing, sizeof doing, "læse %s", what);
    return sql_fail(st, rc, doing, e);
}

/* ---------------------------------------------------------------------
 * Checking values on the way in.
 * ------------------------------------------------------------------- */

genop_err check_text(const char *s, size_t size, bool required, const char *what,
                     genop_error *e)
{
    if (s == NULL)
        return genop_fail(e, GENOP_EINVAL, "%s mangler", what);
    size_t n = strnlen(s, size);
    if (n >= size)
        return genop_fail(e, GENOP_ETOOBIG, "%s er for lang (højst %zu bytes)", what, size - 1);
    if (required && n == 0)
        return genop_fail(e, GENOP_EINVAL, "%s mangler", what);
    return GENOP_OK;
}

genop_err check_muni(const char *muni, genop_error *e)
{
    return check_text(muni, GENOP_MUNI_ID_MAX, true, "kommunen", e);
}

genop_err check_date(genop_date d, const char *what, genop_error *e)
{
    if (!genop_date_in_range(d))
        return genop_fail(e, GENOP_ERANGE, "%s ligger uden for det understøttede interval", what);
    return GENOP_OK;
}

genop_err check_paragraph(unsigned paragraph, genop_error *e)
{
    if (paragraph != GENOP_PARA_86_1 && paragraph != GENOP_PARA_86_2)
        return genop_fail(e, GENOP_EINVAL, "ukendt paragraf (%u)", paragraph);
    return GENOP_OK;
}
