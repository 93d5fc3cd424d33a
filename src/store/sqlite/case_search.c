/*
 * case_search.c - the SQLite back end's search for cases and citizens
 * (genop_store_case_list with a search, genop_store_citizen_search): by
 * the citizen's CPR number, by the case's id, and by the words of the
 * citizen's name.
 *
 * How a name is found: citizen_name_words (migration 0008) holds each
 * citizen's name words folded, keyed by (municipality, word, citizen).
 * Each searched word w is a range of that key, from w up to w followed by
 * U+10FFFF (a code point no name holds): the words that start with w. The
 * searched words come in as one JSON array, one range scan each
 * (json_each), and a citizen matches when every searched word found one
 * of its words (count(DISTINCT j.key) = the number of words). So a search
 * reads the index entries of the words it names and the cases of the
 * citizens it finds, and never the municipality's other cases: its time
 * grows with the matches. The cases are then fetched by id (by rowid:
 * the municipality's test is kept from choosing the index of
 * (municipality, id), which cost a second lookup a case), filtered as any
 * case list (case_rows.h), and ordered newest first; only the page's
 * cases are joined with their citizens. On the benchmark's 100,000 cases
 * this halved a search that matched 7,000 of them.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case_rows.h"
#include "decimal.h"
#include "records.h"

/* The search's parameters, after CASE_FILTER's: ?7 CPR number (NULL
 * none), ?8 case id (NULL none), ?9 the words as a JSON array (NULL none)
 * and ?10 their number; ?11 and ?12 the limit and offset. */
#define SEARCH_FIRST CASE_FILTER_NEXT
#define NAME_HITS                                                                   \
    "SELECT w.citizen_id FROM json_each(?9) j JOIN citizen_name_words w"            \
    " ON w.municipality = ?1 AND w.word >= j.value AND w.word < j.value || char(1114111)" \
    " GROUP BY w.citizen_id HAVING count(DISTINCT j.key) = ?10"
#define CASE_HITS                                                                   \
    " AND c.id IN (SELECT h.id FROM cases h WHERE h.municipality = ?1 AND"          \
    " h.citizen_id = (SELECT id FROM citizens WHERE municipality = ?1 AND cpr = ?7)" \
    " UNION ALL SELECT ?8 WHERE ?8 IS NOT NULL"                                     \
    " UNION ALL SELECT h.id FROM cases h WHERE h.municipality = ?1 AND"             \
    " h.citizen_id IN (" NAME_HITS "))"
#define CITIZEN_HITS                                                                \
    " WHERE z.municipality = ?1 AND z.id IN ("                                      \
    "SELECT id FROM citizens WHERE municipality = ?1 AND cpr = ?7"                  \
    " UNION ALL SELECT citizen_id FROM cases WHERE municipality = ?1 AND id = ?8"   \
    " UNION ALL " NAME_HITS ")"
/* A citizen's cases: how many, and the ids of the newest
 * GENOP_CITIZEN_HIT_CASES. */
#define CITIZEN_CASES                                                               \
    "(SELECT count(*) FROM cases k WHERE k.municipality = ?1 AND k.citizen_id = z.id)," \
    " (SELECT group_concat(id) FROM (SELECT k.id FROM cases k"                      \
    " WHERE k.municipality = ?1 AND k.citizen_id = z.id ORDER BY k.id DESC LIMIT 8))"
static_assert(GENOP_CITIZEN_HIT_CASES == 8, "CITIZEN_CASES's LIMIT");

enum {
    ST_SEARCH_CASES,
    ST_SEARCH_CASES_COUNT,
    ST_SEARCH_CITIZENS,
    ST_SEARCH_CITIZENS_COUNT,
    ST_COUNT
};

/* The matching cases: CASE_FILTER, but by rowid (above). */
#define CASE_MATCHES                                                                \
    " FROM cases c WHERE +c.municipality = ?1" CASE_FILTER_REST CASE_OWNED_IF_ANY CASE_HITS

static const char *const search_sql[ST_COUNT] = {
    [ST_SEARCH_CASES] = "SELECT " CASE_SUMMARY_COLS " FROM (SELECT c.*" CASE_MATCHES
                        " ORDER BY c.id DESC LIMIT ?11 OFFSET ?12) c" CASE_SUMMARY_JOINS
                        " ORDER BY c.id DESC",
    [ST_SEARCH_CASES_COUNT] = "SELECT count(*)" CASE_MATCHES,
    [ST_SEARCH_CITIZENS] = "SELECT z.id, z.name, z.birth_date, " CITIZEN_CASES
                           " FROM citizens z" CITIZEN_HITS
                           " ORDER BY z.name, z.birth_date, z.id LIMIT ?11 OFFSET ?12",
    [ST_SEARCH_CITIZENS_COUNT] = "SELECT count(*) FROM citizens z" CITIZEN_HITS,
};

static const stmt_table searches = {search_sql, ST_COUNT};

/* What a page of a search binds: the filter of a case list (NULL for
 * citizens), the search, and its words as JSON (owned by the caller until
 * the page is read). */
typedef struct search_ctx {
    const genop_case_filter *filter;
    const genop_case_search *search;
    const char *words_json;
} search_ctx;

/* The search's words as a JSON array in buf[size], or NULL for none.
 * Words are folded (name_words.h): nothing in them needs escaping, which
 * is checked rather than trusted. */
static genop_err words_json(const genop_case_search *s, char *buf, size_t size,
                            const char **out, genop_error *e)
{
    size_t len = 0;
    *out = NULL;
    if (s->n_words == 0)
        return GENOP_OK;
    if (s->n_words > GENOP_SEARCH_WORDS_MAX)
        return genop_fail(e, GENOP_EINVAL, "databasen: højst %d søgeord",
                          GENOP_SEARCH_WORDS_MAX);
    buf[len++] = '[';
    for (size_t i = 0; i < s->n_words; i++) {
        const char *w = s->words[i];
        size_t n = strnlen(w, GENOP_NAME_WORD_SIZE);
        bool plain = n > 0 && n < GENOP_NAME_WORD_SIZE;
        for (size_t k = 0; plain && k < n; k++)
            plain = (unsigned char)w[k] >= 0x20 && w[k] != '"' && w[k] != '\\';
        if (!plain || len + n + 4 > size)
            return genop_fail(e, GENOP_EINVAL, "databasen: søgeord %zu er ikke et foldet ord",
                              i + 1);
        len += (size_t)snprintf(buf + len, size - len, "%s\"%s\"", i ? "," : "", w);
    }
    buf[len++] = ']';
    buf[len] = '\0';
    *out = buf;
    return GENOP_OK;
}

/* Binds the search's parameters ?7..?10 of q. */
static int bind_search(sqlite3_stmt *q, const search_ctx *c)
{
    const genop_case_search *s = c->search;
    int rc;
    if ((rc = bind_text(q, SEARCH_FIRST, s->cpr[0] ? s->cpr : NULL)) ||
        (rc = bind_id(q, SEARCH_FIRST + 1, s->case_id)) ||
        (rc = bind_text(q, SEARCH_FIRST + 2, c->words_json)))
        return rc;
    return sqlite3_bind_int64(q, SEARCH_FIRST + 3, (sqlite3_int64)s->n_words);
}

static int bind_case_search(sqlite3_stmt *q, const page_query *pq, int *next)
{
    const search_ctx *c = pq->ctx;
    int rc = case_filter_bind(q, pq->muni, c->filter);
    *next = SEARCH_FIRST + 4;
    return rc ? rc : bind_search(q, c);
}

static int bind_citizen_search(sqlite3_stmt *q, const page_query *pq, int *next)
{
    int rc = bind_text(q, 1, pq->muni);
    *next = SEARCH_FIRST + 4;
    return rc ? rc : bind_search(q, pq->ctx);
}

/* The search's own checks: a CPR number is ten digits. */
static genop_err check_search(const genop_case_search *s, genop_error *e)
{
    size_t n = strnlen(s->cpr, sizeof s->cpr);
    if (n == sizeof s->cpr || (n && (n != 10 || strspn(s->cpr, "0123456789") != 10)))
        return genop_fail(e, GENOP_EINVAL, "databasen: CPR-nummeret skal være 10 cifre");
    if (s->case_id < 0)
        return genop_fail(e, GENOP_EINVAL, "databasen: sagsnummeret er negativt");
    return GENOP_OK;
}

genop_err sqlite_case_search(sqlite_store *st, const char *muni, const genop_case_filter *f,
                             genop_list *out, size_t *total, genop_error *e)
{
    char json[GENOP_SEARCH_WORDS_MAX * (GENOP_NAME_WORD_SIZE + 3) + 3];
    search_ctx c = {f, f->search, NULL};
    genop_err err = check_search(f->search, e);
    if (!err)
        err = words_json(f->search, json, sizeof json, &c.words_json, e);
    if (err)
        return err;
    page_query pq = {&searches, ST_SEARCH_CASES_COUNT, ST_SEARCH_CASES, muni, false, 0,
                     bind_case_search, &c, f->limit, f->offset, sizeof(genop_case_summary),
                     case_summary_read, "sagerne"};
    return db_read_page(st, &pq, out, total, e);
}

static int newest_first(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x < y) - (x > y);
}

/* Reads "12,9,3" (the newest case ids) into hit->case_ids. */
static void read_case_ids(row_reader *r, genop_citizen_hit *hit)
{
    char text[GENOP_CITIZEN_HIT_CASES * (GENOP_DECIMAL_DIGITS_MAX + 1) + 1];
    row_text(r, text, sizeof text, CUT_REFUSED, "sagsnumrene");
    size_t n = 0;
    for (const char *p = text; *p && !r->err && n < GENOP_CITIZEN_HIT_CASES;) {
        size_t len = strcspn(p, ",");
        if (!genop_decimal_parse(p, len, &hit->case_ids[n++]))
            r->err = genop_fail(r->e, GENOP_EIO, "databasen: et sagsnummer er ikke et tal");
        p += len + (p[len] == ',');
    }
    qsort(hit->case_ids, n, sizeof hit->case_ids[0], newest_first);
}

static void read_hit(row_reader *r, void *item)
{
    genop_citizen_hit *hit = item;
    hit->id = row_int(r);
    row_text(r, hit->name, sizeof hit->name, CUT_OK, "navnet");
    row_date(r, &hit->birth_date, NULL, "fødselsdatoen");
    hit->n_cases = (size_t)row_int(r);
    read_case_ids(r, hit);
}

/* out->items is a malloc'd genop_citizen_hit[] the caller frees with
 * genop_store_free_list() (empty and NULL on failure). */
genop_err sqlite_citizen_search(genop_store *s, const char *muni,
                                const genop_case_search *search, size_t limit, size_t offset,
                                genop_list *out, size_t *total, genop_error *e)
{
    char json[GENOP_SEARCH_WORDS_MAX * (GENOP_NAME_WORD_SIZE + 3) + 3];
    search_ctx c = {NULL, search, NULL};
    out->items = NULL;
    out->n = 0;
    *total = 0;
    genop_err err = check_muni(muni, e);
    if (!err)
        err = check_search(search, e);
    if (!err)
        err = words_json(search, json, sizeof json, &c.words_json, e);
    if (err)
        return err;
    page_query pq = {&searches, ST_SEARCH_CITIZENS_COUNT, ST_SEARCH_CITIZENS, muni, false, 0, bind_citizen_search, &c,
                     limit, offset, sizeof(genop_citizen_hit), read_hit, "borgerne"};
    return db_read_page(sqlite_handle(s), &pq, out, total, e);
}
