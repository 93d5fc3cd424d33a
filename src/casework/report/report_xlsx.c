/*
 * report_xlsx.c - the report as an XLSX workbook (libxlsxwriter), one
 * sheet per section: "Rapport" (municipality, period, as-of date),
 * "Frister" (the period's rows), "Måneder" (each month's rows, the month
 * as the date of its first day shown "yyyy-mm"), "Fremmøde", "Sager" and
 * "Klager og grænser", then report_more.h's (report_dist_forms.c's
 * "Ventetider" and "Åbne frister" last). Numbers are numbers, dates are
 * dates (Excel serial days with a date format), shares are fractions
 * shown as percentages, and a missing value (JSON null) is an empty cell.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "report_more.h"

typedef struct xlsx_ctx {
    lxw_workbook *wb;
    lxw_format *bold, *date, *month, *share;
} xlsx_ctx;

static lxw_datetime to_datetime(genop_date d)
{
    lxw_datetime t = {0, 0, 0, 0, 0, 0.0};
    genop_date_to_ymd(d, &t.year, &t.month, &t.day);
    return t;
}

static const char *const deadline_headers[] = {
    "Frist", "Betegnelse", "Paragraf", "Overholdt", "For sent", "Afventer", "Overskredet",
    "Andel overholdt", "Dage, median", "Dage, 90 %-fraktil", "Arbejdsdage, median",
    "Arbejdsdage, 90 %-fraktil", "Kilde",
};
#define N_DEADLINE_HEADERS (sizeof deadline_headers / sizeof deadline_headers[0])

static void write_value(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, report_value v)
{
    if (v.present)
        worksheet_write_number(ws, row, col, (double)v.value, NULL);
}

/* One deadline row from column col0 on. */
static void write_deadline(const xlsx_ctx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t c,
                           const report_deadline *d)
{
    worksheet_write_string(ws, row, c, d->rule->id, NULL);
    worksheet_write_string(ws, row, c + 1, d->rule->label, NULL);
    worksheet_write_string(ws, row, c + 2, genop_paragraph_name(d->paragraph), NULL);
    worksheet_write_number(ws, row, c + 3, (double)d->met, NULL);
    worksheet_write_number(ws, row, c + 4, (double)d->late, NULL);
    worksheet_write_number(ws, row, c + 5, (double)d->pending, NULL);
    worksheet_write_number(ws, row, c + 6, (double)d->overdue, NULL);
    if (d->has_share)
        worksheet_write_number(ws, row, c + 7, d->share_met, x->share);
    write_value(ws, row, c + 8, d->days_median);
    write_value(ws, row, c + 9, d->days_p90);
    write_value(ws, row, c + 10, d->workdays_median);
    write_value(ws, row, c + 11, d->workdays_p90);
    if (d->rule->source.citation)
        worksheet_write_string(ws, row, c + 12, d->rule->source.citation, NULL);
}

static void write_headers(const xlsx_ctx *x, lxw_worksheet *ws, lxw_col_t c)
{
    for (size_t i = 0; i < N_DEADLINE_HEADERS; i++)
        worksheet_write_string(ws, 0, c + (lxw_col_t)i, deadline_headers[i], x->bold);
    worksheet_freeze_panes(ws, 1, 0);
}

static void sheet_deadlines(const xlsx_ctx *x, const report *r)
{
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, "Frister");
    write_headers(x, ws, 0);
    for (size_t i = 0; i < r->n_deadlines; i++)
        write_deadline(x, ws, (lxw_row_t)(i + 1), 0, &r->deadlines[i]);
    worksheet_set_column(ws, 0, 1, 28, NULL);
}

static void sheet_months(const xlsx_ctx *x, const report *r)
{
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, "Måneder");
    worksheet_write_string(ws, 0, 0, "Måned", x->bold);
    write_headers(x, ws, 1);
    lxw_row_t row = 1;
    for (size_t m = 0; m < r->n_months; m++) {
        const report_month *mo = &r->months[m];
        lxw_datetime first = {mo->year, mo->month, 1, 0, 0, 0.0};
        for (size_t i = 0; i < mo->n_deadlines; i++, row++) {
            worksheet_write_datetime(ws, row, 0, &first, x->month);
            write_deadline(x, ws, row, 1, &mo->deadlines[i]);
        }
    }
    worksheet_set_column(ws, 1, 2, 28, NULL);
}

typedef struct xlsx_count {
    const char *label;
    long value;
} xlsx_count;

static void sheet_counts(const xlsx_ctx *x, const char *name, const xlsx_count *rows, size_t n)
{
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, name);
    worksheet_write_string(ws, 0, 0, "Opgørelse", x->bold);
    worksheet_write_string(ws, 0, 1, "Antal", x->bold);
    for (size_t i = 0; i < n; i++) {
        worksheet_write_string(ws, (lxw_row_t)(i + 1), 0, rows[i].label, NULL);
        worksheet_write_number(ws, (lxw_row_t)(i + 1), 1, (double)rows[i].value, NULL);
    }
    worksheet_set_column(ws, 0, 0, 44, NULL);
}

static void sheet_about(const xlsx_ctx *x, const report *r)
{
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, "Rapport");
    const char *labels[] = {"Kommune", "Fra", "Til", "Opgjort pr.", "Paragraf", "Sager i alt"};
    for (lxw_row_t i = 0; i < 6; i++)
        worksheet_write_string(ws, i, 0, labels[i], x->bold);
    worksheet_write_string(ws, 0, 1, r->municipality, NULL);
    genop_date dates[3] = {r->query.from, r->query.to, r->query.as_of};
    for (lxw_row_t i = 0; i < 3; i++) {
        lxw_datetime t = to_datetime(dates[i]);
        worksheet_write_datetime(ws, i + 1, 1, &t, x->date);
    }
    worksheet_write_string(ws, 4, 1,
                           r->query.paragraph ? genop_paragraph_name(r->query.paragraph) : "alle",
                           NULL);
    worksheet_write_number(ws, 5, 1, (double)r->cases.evaluated, NULL);
    worksheet_set_column(ws, 0, 1, 16, NULL);
}

static void sheets_counts(const xlsx_ctx *x, const report *r)
{
    const report_attendance *a = &r->attendance;
    const report_extras *e = &r->extras;
    xlsx_count att[] = {
        {"Træninger, der tæller", a->sessions}, {"Gennemført", a->attended},
        {"Udeblivelser", a->no_shows}, {"Aflyst af borgeren", a->citizen_cancellations},
        {"Aflyst af enheden", a->provider_cancellations},
    };
    xlsx_count cases[] = {
        {"Henvisninger", r->cases.referrals}, {"Bevilget (første afgørelse)", r->cases.granted},
        {"Afslået (første afgørelse)", r->cases.refused}, {"Afsluttet", r->cases.closed},
        {"Sager i alt", r->cases.evaluated},
    };
    xlsx_count extra[] = {
        {"Klager modtaget", e->complaints_received},
        {"Klager: fuldt medhold", e->complaints_decided[GENOP_UPHELD_FULL]},
        {"Klager: delvist medhold", e->complaints_decided[GENOP_UPHELD_PARTIAL]},
        {"Klager: ikke medhold", e->complaints_decided[GENOP_UPHELD_NONE]},
        {"Klager sendt til Ankestyrelsen", e->complaints_forwarded},
        {"Grænse overskredet: træninger", e->limits_exceeded[GENOP_LIMIT_SESSIONS]},
        {"Grænse overskredet: udredninger", e->limits_exceeded[GENOP_LIMIT_ASSESSMENT_SESSIONS]},
        {"Grænse overskredet: træninger pr. uge", e->limits_exceeded[GENOP_LIMIT_SESSIONS_PER_WEEK]},
        {"Grænse overskredet: minutter pr. uge", e->limits_exceeded[GENOP_LIMIT_MINUTES_PER_WEEK]},
        {"Grænse overskredet: forløbets længde", e->limits_exceeded[GENOP_LIMIT_COURSE_LENGTH]},
        {"Forløb til vurdering for fremmøde", e->attendance_reviews},
    };
    sheet_counts(x, "Fremmøde", att, sizeof att / sizeof att[0]);
    sheet_counts(x, "Sager", cases, sizeof cases / sizeof cases[0]);
    sheet_counts(x, "Klager og grænser", extra, sizeof extra / sizeof extra[0]);
}

genop_err report_write_xlsx(const report *r, const char *path, genop_error *e)
{
    lxw_workbook_options opt = {.constant_memory = LXW_FALSE, .tmpdir = NULL};
    xlsx_ctx x = {workbook_new_opt(path, &opt), NULL, NULL, NULL, NULL};
    if (!x.wb)
        return genop_fail(e, GENOP_EIO, "kunne ikke skrive regnearket '%s'", path);
    x.bold = workbook_add_format(x.wb);
    format_set_bold(x.bold);
    x.date = workbook_add_format(x.wb);
    format_set_num_format(x.date, "yyyy-mm-dd");
    x.month = workbook_add_format(x.wb);
    format_set_num_format(x.month, "yyyy-mm");
    x.share = workbook_add_format(x.wb);
    format_set_num_format(x.share, "0.00%");
    sheet_about(&x, r);
    sheet_deadlines(&x, r);
    sheet_months(&x, r);
    sheets_counts(&x, r);
    report_more_xlsx(r, x.wb, x.bold, x.share);
    report_dist_xlsx(r, x.wb, x.bold);
    lxw_error rc = workbook_close(x.wb);
    if (rc != LXW_NO_ERROR)
        return genop_fail(e, GENOP_EIO, "kunne ikke skrive regnearket '%s': %s", path,
                          lxw_strerror(rc));
    return GENOP_OK;
}

/* Reads the whole of fd (at its start) into b. */
static genop_err read_back(int fd, genop_buf *b, genop_error *e)
{
    char chunk[16384];
    ssize_t n;
    if (lseek(fd, 0, SEEK_SET) < 0)
        return genop_fail(e, GENOP_EIO, "kunne ikke læse regnearket tilbage");
    while ((n = read(fd, chunk, sizeof chunk)) > 0)
        genop_buf_add(b, chunk, (size_t)n);
    if (n < 0)
        return genop_fail(e, GENOP_EIO, "kunne ikke læse regnearket tilbage");
    if (genop_buf_failed(b))
        return genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til regnearket");
    return GENOP_OK;
}

genop_err report_write_xlsx_buf(const report *r, genop_buf *b, genop_error *e)
{
    const char *dir = getenv("TMPDIR");
    char path[512];
    int len = snprintf(path, sizeof path, "%s/genop-report-XXXXXX", dir && *dir ? dir : "/tmp");
    if (len < 0 || (size_t)len >= sizeof path)
        return genop_fail(e, GENOP_EINVAL, "TMPDIR er for lang");
    int fd = mkstemp(path);
    if (fd < 0)
        return genop_fail(e, GENOP_EIO, "kunne ikke lave en midlertidig fil til regnearket");
    genop_err err = report_write_xlsx(r, path, e);
    if (!err) {
        int again = open(path, O_RDONLY);   /* the workbook replaced the file */
        err = again < 0 ? genop_fail(e, GENOP_EIO, "kunne ikke læse regnearket tilbage")
                        : read_back(again, b, e);
        if (again >= 0)
            close(again);
    }
    close(fd);
    unlink(path);
    return err;
}
