/*
 * report_more.h - the forms of a report's figures beyond those of
 * report_extras (report_types.h: report_more): closures by reason,
 * courses ended for attendance, the complaints' deadlines, and the
 * appointments per therapist and team. Each form's writer (report_json.c,
 * report_text.c, report_csv.c, report_xlsx.c) calls its part here once,
 * after its own sections, and report_dist_forms.c's after that (the
 * distributions of report_dist.h in the text, CSV and workbook). Private
 * to src/casework/report.
 */
#ifndef GENOP_REPORT_MORE_H
#define GENOP_REPORT_MORE_H

#include <xlsxwriter.h>

#include "report.h"

/* A share with at most 4 decimals and no trailing zeros, or null
 * (report_json.c). */
void report_json_share(genop_buf *b, bool has_share, double share);

/* s as one CSV field, quoted when it holds a comma, quote or line end
 * (report_csv.c). */
void report_csv_field(genop_buf *b, const char *s);

/* report_more_forms.c: the members after the contract's and
 * report_extras' (first as json_write_key keeps it) ... */
void report_more_json(const report *r, genop_buf *b, bool *first);
/* ... the Danish text's sections ... */
void report_more_text(const report *r, genop_buf *b);
/* ... and the CSV's rows. */
void report_more_csv(const report *r, genop_buf *b);

/* report_more_xlsx.c: the sheets "Afslutninger", "Klagefrister",
 * "Terapeuter" and "Hold" of wb, headers in bold, shares in share. */
void report_more_xlsx(const report *r, lxw_workbook *wb, lxw_format *bold, lxw_format *share);

/* names[0..n) in bold as row 0 of ws, frozen (report_more_xlsx.c). */
void report_xlsx_headers(lxw_worksheet *ws, lxw_format *bold, const char *const *names,
                         size_t n);

/* "§ 86, stk. 1" or "§ 86, stk. 2": paragraph p in the text; static
 * (report_text.c). */
const char *report_text_paragraph(unsigned p);

/* report_dist_forms.c: the distributions beyond the contract
 * (report_dist.h) in the other forms, each called once, last: the text's
 * section on the open deadlines by workdays to due ... */
void report_dist_text(const report *r, genop_buf *b);
/* ... the CSV's rows of days_histogram, workdays_histogram and
 * open_by_due ... */
void report_dist_csv(const report *r, genop_buf *b);
/* ... and the workbook's sheets "Ventetider" and "Åbne frister". */
void report_dist_xlsx(const report *r, lxw_workbook *wb, lxw_format *bold);

#endif
