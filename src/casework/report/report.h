/*
 * report.h - how well a municipality keeps its standard over a period
 * (shared/spec/report.md): per promise (deadline) and paragraph the
 * deadlines due in the period by their status at as_of, the share met,
 * and the calendar days and workdays they took (median and 90th
 * percentile), the same per month, the sessions by outcome, the cases
 * referred, decided and closed, and beyond the contract the limits
 * exceeded, the courses put up for review for attendance, the complaints
 * and their outcomes and deadlines, the closures by reason, and the
 * calendar's appointments per therapist and team.
 *
 * Every number comes from genop_evaluate() of each case of the
 * municipality as of as_of, exactly as `genop evaluate` and the API
 * evaluate it, and from the corrected view it reads; nothing of the rules
 * is computed again here. The parts, one file each:
 *   report_scan.c   the cases in one pass over the store, evaluated on
 *                   worker threads in batches (a million cases in seconds,
 *                   in fixed memory)
 *   report_tally.c  one case's evaluation counted into fixed-size counters
 *                   and histograms of days (exact medians and percentiles
 *                   from counts, no sorting)
 *   report_rows.c   the workers' counters added up and turned into rows
 *   report_hist.c   those histograms
 *   report_reasons.c  closures by reason, the complaints' deadlines
 *   report_staff.c  the calendar's appointments per therapist and team,
 *                   in one pass over the store
 *   report_json.c, report_text.c, report_csv.c, report_xlsx.c  the forms
 *   report_more_forms.c, report_more_xlsx.c  the forms of the last three
 *   report.c        the query's checks, the leder's entry point, release
 */
#ifndef GENOP_CASEWORK_REPORT_H
#define GENOP_CASEWORK_REPORT_H

#include "env.h"
#include "error.h"
#include "report_types.h"
#include "strbuf.h"

/* Checks q (from <= to, at most REPORT_MONTHS_MAX months, dates the
 * calendar can judge, paragraph 0 or a paragraph bit): a refusal
 * GENOP_EINVAL naming the field ("from", "to", "as_of", "paragraph") and
 * saying what is wrong, in Danish. */
genop_err report_query_check(const report_query *q, genop_error *e);

/* The report of every case of municipality muni, held to std, for q
 * (checked first) into *out; reads s in one pass (in the caller's read
 * transaction, or one of its own). A case the rules cannot judge as of
 * q->as_of is GENOP_ERANGE with the field "as_of". Release *out with
 * report_release() whatever the result. */
genop_err report_compute(genop_store *s, const genop_standard *std, const char *muni,
                         const report_query *q, report *out, genop_error *e);

/* The report of the actor's municipality (a leder's: the role is
 * required), for the web app and the API. Release as above. */
genop_err casework_report(const casework_env *env, const genop_user *actor,
                          const report_query *q, report *out, genop_error *e);

void report_release(report *r);

/* The forms (each appends to b; a failed allocation is b's sticky
 * failure). The JSON is report.md's, with extras. */
void report_write_json(const report *r, genop_buf *b);
/* A readable report in Danish. */
void report_write_text(const report *r, genop_buf *b);
/* CSV: one number a row, "section,month,deadline,paragraph,measure,value". */
void report_write_csv(const report *r, genop_buf *b);
/* An XLSX workbook at path (made or replaced): one sheet per section,
 * numbers as numbers, dates and months as dates. */
genop_err report_write_xlsx(const report *r, const char *path, genop_error *e);
/* The same workbook's bytes appended to b (made in a temporary file under
 * $TMPDIR or /tmp, removed before return). */
genop_err report_write_xlsx_buf(const report *r, genop_buf *b, genop_error *e);

#endif
