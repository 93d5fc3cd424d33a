/*
 * case_rows.h - what the SQLite back end's two readers of case lists
 * share: the plain list (cases.c) and the search (case_search.c) select
 * the same columns, filter with the same clause and read rows the same
 * way. Private to src/store/sqlite.
 */
#ifndef GENOP_SQLITE_CASE_ROWS_H
#define GENOP_SQLITE_CASE_ROWS_H

#include "db.h"
#include "records.h"

#define CASE_COLS                                                               \
    "c.id, c.municipality, c.citizen_id, c.paragraph, c.referral_date, "        \
    "c.referral_source, c.referral_condition, c.closed, c.stage, c.next_due, "  \
    "c.created_at"

/* A case in a list: CASE_COLS, the citizen's name and birth date and who
 * is responsible for the case (case_summary_read() reads them); the
 * joins after the case c's FROM. */
#define CASE_SUMMARY_COLS CASE_COLS ", z.name, z.birth_date, " ASSIGNED_COLS
#define CASE_SUMMARY_JOINS                                                      \
    " JOIN citizens z ON z.municipality = c.municipality AND z.id = c.citizen_id" \
    ASSIGNED_JOINS("c")
#define CASE_SUMMARY_FROM " FROM cases c" CASE_SUMMARY_JOINS

/* The filter of a case list: ?1 municipality, ?2 closed (-1 any), ?3
 * paragraph (0 any), ?4 due before (NULL any), ?5 citizen (NULL any), ?6
 * stage (NULL any). CASE_FILTER_NEXT is the first parameter after it. */
#define CASE_FILTER " WHERE c.municipality = ?1" CASE_FILTER_REST
#define CASE_FILTER_REST CASE_FILTER_OTHERS " AND (?6 IS NULL OR c.stage = ?6)"
#define CASE_FILTER_OTHERS                                                      \
    " AND (?2 < 0 OR c.closed = ?2)"                                            \
    " AND (?3 = 0 OR c.paragraph = ?3) AND (?4 IS NULL OR c.next_due < ?4)"     \
    " AND (?5 IS NULL OR c.citizen_id = ?5)"
/* The same with a stage (?6 not NULL), in a form that reads the index
 * cases(municipality, stage, id): a rare stage is found without reading
 * the municipality's every case (on 100,000 cases, 1 ms instead of 200);
 * and with the closed flag (?2 0 or 1) but no stage, in one that counts
 * from the index cases(municipality, closed, next_due) (the open cases
 * of 100,000 in a quarter of the time). SQLite picks its plan when it
 * prepares a statement, so "?6 IS NULL OR ..." can use no index. */
#define CASE_FILTER_BY_STAGE " WHERE c.municipality = ?1 AND c.stage = ?6" CASE_FILTER_OTHERS
#define CASE_FILTER_BY_CLOSED                                                   \
    " WHERE c.municipality = ?1 AND c.closed = ?2" CASE_FILTER_OTHERS           \
    " AND (?6 IS NULL OR c.stage = ?6)"
/* The same for one citizen's cases (?5 not NULL), from the index
 * cases(municipality, citizen_id): a citizen's few cases without reading
 * the municipality's every case (or every open one), as a new referral's
 * look for the citizen's like open cases (referral_identity.c) would on a
 * million cases. */
#define CASE_FILTER_BY_CITIZEN " WHERE c.municipality = ?1 AND c.citizen_id = ?5" CASE_FILTER_REST
#define CASE_FILTER_NEXT 7

/* The cases user ?20 (f->owner) is assigned to, in either role: a look-up
 * of their ids in the index of assignments, not a scan of the
 * municipality's cases. case_filter_bind() binds ?20 only when f->owner is
 * set, so a statement may also read it as optional (CASE_OWNED_IF_ANY). A
 * number of its own, clear of every statement's other parameters. */
#define CASE_OWNER_PARAM 20
#define CASE_OWNED_IDS " c.id IN (SELECT case_id FROM case_assignments"        \
    " WHERE municipality = ?1 AND username = ?20)"
#define CASE_OWNED " AND" CASE_OWNED_IDS
#define CASE_OWNED_IF_ANY " AND (?20 IS NULL OR" CASE_OWNED_IDS ")"

/* Binds CASE_FILTER's parameters from muni and f, and CASE_OWNER_PARAM
 * when f->owner is set; SQLite's result code. */
int case_filter_bind(sqlite3_stmt *q, const char *muni, const genop_case_filter *f);

/* Reads CASE_SUMMARY_COLS into item, a zeroed genop_case_summary. */
void case_summary_read(row_reader *r, void *item);

/* cases.c's list with f->search set (case_search.c): the page of matches
 * and their count, as sqlite_case_list() answers. */
genop_err sqlite_case_search(sqlite_store *st, const char *muni, const genop_case_filter *f,
                             genop_list *out, size_t *total, genop_error *e);

#endif
