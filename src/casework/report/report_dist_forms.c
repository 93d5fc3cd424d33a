/*
 * report_dist_forms.c - the report's distributions beyond the contract
 * (report_dist.h: each period row's days_histogram and
 * workdays_histogram, and open_by_due) in the forms other than the JSON
 * (report_json.c writes those), so that the workbook a leder downloads
 * from Ledelsesinformation holds the figures the page shows:
 *   - text: the open deadlines by workdays to due (the waiting times are
 *     left out: a line per number of days would swamp the text);
 *   - CSV: sections days_histogram and workdays_histogram (measure the
 *     number of days or workdays, value its count) and open_by_due
 *     (measure "open" or the bucket's name, e.g. overdue_21+, pending_0-2);
 *   - XLSX: sheets "Ventetider" and "Åbne frister".
 */
#include <stdio.h>

#include "report_dist.h"
#include "report_more.h"

/* Bucket i's bounds, "21+" or "0-5", into buf. Returns buf. */
static const char *bucket_range(size_t i, char buf[48])
{
    const report_due_bucket *k = report_due_bucket_at(i);
    if (k->max < 0)
        snprintf(buf, 48, "%ld+", k->min);
    else
        snprintf(buf, 48, "%ld-%ld", k->min, k->max);
    return buf;
}

/* "overskredet" or "forfalder om", as the worklist says it. */
static const char *bucket_word(size_t i)
{
    return report_due_bucket_at(i)->status == GENOP_DEADLINE_OVERDUE ? "overskredet"
                                                                      : "forfalder om";
}

void report_dist_text(const report *r, genop_buf *b)
{
    char as_of[GENOP_DATE_DA_SIZE], range[48];
    genop_buf_addf(b, "\nÅbne frister pr. %s efter arbejdsdage til forfald\n",
                   genop_date_format_da(r->query.as_of, as_of));
    if (r->n_open == 0)
        genop_buf_adds(b, "  ingen\n");
    for (size_t i = 0; i < r->n_open; i++) {
        const report_open *o = &r->open[i];
        genop_buf_addf(b, "  %s (%s, %s): %ld åbne\n    ", o->rule->label,
                       report_text_paragraph(o->paragraph), o->rule->id, o->open);
        for (size_t k = 0; k < REPORT_DUE_BUCKETS; k++) {
            bool first = k == 0 || report_due_bucket_at(k - 1)->status !=
                                       report_due_bucket_at(k)->status;
            if (first)
                genop_buf_addf(b, "%s%s ", k ? "; " : "", bucket_word(k));
            else
                genop_buf_adds(b, ", ");
            genop_buf_addf(b, "%s: %ld", bucket_range(k, range), o->buckets[k]);
        }
        genop_buf_adds(b, " arbejdsdage\n");
    }
}

/* "section,,id,paragraph,measure,value" */
static void csv_count(genop_buf *b, const char *section, const genop_deadline_rule *rule,
                      unsigned paragraph, const char *measure, long value)
{
    genop_buf_addf(b, "%s,,", section);
    report_csv_field(b, rule->id);
    genop_buf_addf(b, ",%s,", genop_paragraph_name(paragraph));
    report_csv_field(b, measure);
    genop_buf_addf(b, ",%ld\r\n", value);
}

static void csv_histogram(genop_buf *b, const char *section, const report_deadline *d,
                          const report_count *c, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char measure[24];
        snprintf(measure, sizeof measure, "%ld", c[i].value);
        csv_count(b, section, d->rule, d->paragraph, measure, c[i].count);
    }
}

void report_dist_csv(const report *r, genop_buf *b)
{
    for (size_t i = 0; i < r->n_deadlines; i++) {
        const report_deadline *d = &r->deadlines[i];
        csv_histogram(b, "days_histogram", d, d->days_histogram, d->n_days_histogram);
        csv_histogram(b, "workdays_histogram", d, d->workdays_histogram,
                      d->n_workdays_histogram);
    }
    for (size_t i = 0; i < r->n_open; i++) {
        const report_open *o = &r->open[i];
        csv_count(b, "open_by_due", o->rule, o->paragraph, "open", o->open);
        for (size_t k = 0; k < REPORT_DUE_BUCKETS; k++) {
            char range[48], measure[64];
            snprintf(measure, sizeof measure, "%s_%s",
                     genop_deadline_status_name(report_due_bucket_at(k)->status),
                     bucket_range(k, range));
            csv_count(b, "open_by_due", o->rule, o->paragraph, measure, o->buckets[k]);
        }
    }
}

/* The row's id, label and paragraph in columns 0-2. */
static void xlsx_key(lxw_worksheet *ws, lxw_row_t row, const genop_deadline_rule *rule,
                     unsigned paragraph)
{
    worksheet_write_string(ws, row, 0, rule->id, NULL);
    worksheet_write_string(ws, row, 1, rule->label, NULL);
    worksheet_write_string(ws, row, 2, genop_paragraph_name(paragraph), NULL);
}

/* d's two histograms from row on, a row per number of days found in
 * either (the other's count 0), ascending. Returns the next row. */
static lxw_row_t xlsx_waits(lxw_worksheet *ws, lxw_row_t row, const report_deadline *d)
{
    size_t i = 0, j = 0;
    while (i < d->n_days_histogram || j < d->n_workdays_histogram) {
        bool has_d = i < d->n_days_histogram, has_w = j < d->n_workdays_histogram;
        long v = !has_w || (has_d && d->days_histogram[i].value < d->workdays_histogram[j].value)
                     ? d->days_histogram[i].value
                     : d->workdays_histogram[j].value;
        long days = has_d && d->days_histogram[i].value == v ? d->days_histogram[i++].count : 0;
        long wd = has_w && d->workdays_histogram[j].value == v
                      ? d->workdays_histogram[j++].count : 0;
        xlsx_key(ws, row, d->rule, d->paragraph);
        worksheet_write_number(ws, row, 3, (double)v, NULL);
        worksheet_write_number(ws, row, 4, (double)days, NULL);
        worksheet_write_number(ws, row++, 5, (double)wd, NULL);
    }
    return row;
}

static void sheet_waits(const report *r, lxw_workbook *wb, lxw_format *bold)
{
    static const char *const names[] = {"Frist", "Betegnelse", "Paragraf", "Dage",
                                        "Antal, kalenderdage", "Antal, arbejdsdage"};
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Ventetider");
    report_xlsx_headers(ws, bold, names, 6);
    lxw_row_t row = 1;
    for (size_t i = 0; i < r->n_deadlines; i++)
        row = xlsx_waits(ws, row, &r->deadlines[i]);
    worksheet_set_column(ws, 0, 1, 28, NULL);
    worksheet_set_column(ws, 4, 5, 20, NULL);
}

static void sheet_open(const report *r, lxw_workbook *wb, lxw_format *bold)
{
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Åbne frister");
    static const char *const names[] = {"Frist", "Betegnelse", "Paragraf", "Åbne"};
    report_xlsx_headers(ws, bold, names, 4);
    for (size_t k = 0; k < REPORT_DUE_BUCKETS; k++) {
        char range[48], head[96];
        const char *word = report_due_bucket_at(k)->status == GENOP_DEADLINE_OVERDUE
                               ? "Overskredet" : "Forfalder om";
        snprintf(head, sizeof head, "%s %s arbejdsdage", word, bucket_range(k, range));
        worksheet_write_string(ws, 0, (lxw_col_t)(4 + k), head, bold);
    }
    worksheet_write_string(ws, 0, 4 + REPORT_DUE_BUCKETS, "Kilde", bold);
    for (size_t i = 0; i < r->n_open; i++) {
        const report_open *o = &r->open[i];
        lxw_row_t row = (lxw_row_t)(i + 1);
        xlsx_key(ws, row, o->rule, o->paragraph);
        worksheet_write_number(ws, row, 3, (double)o->open, NULL);
        for (size_t k = 0; k < REPORT_DUE_BUCKETS; k++)
            worksheet_write_number(ws, row, (lxw_col_t)(4 + k), (double)o->buckets[k], NULL);
        if (o->rule->source.citation)
            worksheet_write_string(ws, row, 4 + REPORT_DUE_BUCKETS, o->rule->source.citation,
                                   NULL);
    }
    worksheet_set_column(ws, 0, 1, 28, NULL);
    worksheet_set_column(ws, 4, 3 + REPORT_DUE_BUCKETS, 14, NULL);
}

void report_dist_xlsx(const report *r, lxw_workbook *wb, lxw_format *bold)
{
    sheet_waits(r, wb, bold);
    sheet_open(r, wb, bold);
}
