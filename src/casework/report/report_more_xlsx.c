/*
 * report_more_xlsx.c - report_more (report_types.h) as sheets of the
 * report's workbook (report_more.h): "Afslutninger" (the closures by
 * reason, then the courses ended for attendance), "Klagefrister" (the
 * complaints' deadlines over both paragraphs), "Terapeuter" and "Hold"
 * (the appointments of each). Counts are numbers, a share a fraction
 * shown as a percentage, a missing share an empty cell.
 */
#include "report_more.h"

void report_xlsx_headers(lxw_worksheet *ws, lxw_format *bold, const char *const *names,
                         size_t n)
{
    for (size_t i = 0; i < n; i++)
        worksheet_write_string(ws, 0, (lxw_col_t)i, names[i], bold);
    worksheet_freeze_panes(ws, 1, 0);
}

static void sheet_closures(const report_more *m, lxw_workbook *wb, lxw_format *bold)
{
    static const char *const names[] = {"Grund", "Betegnelse", "Afsluttet", "Kilde"};
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Afslutninger");
    report_xlsx_headers(ws, bold, names, 4);
    lxw_row_t row = 1;
    for (size_t i = 0; i < m->n_closures; i++, row++) {
        const report_closure *c = &m->closures[i];
        worksheet_write_string(ws, row, 0, c->id, NULL);
        worksheet_write_string(ws, row, 1, c->label, NULL);
        worksheet_write_number(ws, row, 2, (double)c->closed, NULL);
        if (c->source)
            worksheet_write_string(ws, row, 3, c->source, NULL);
    }
    worksheet_write_string(ws, row + 1, 1, "Forløb afsluttet for fremmøde", bold);
    worksheet_write_number(ws, row + 1, 2, (double)m->ended_for_attendance, NULL);
    worksheet_set_column(ws, 0, 1, 36, NULL);
}

static void sheet_complaints(const report_more *m, lxw_workbook *wb, lxw_format *bold,
                             lxw_format *share)
{
    static const char *const names[] = {"Frist", "Betegnelse", "Overholdt", "For sent",
                                        "Afventer", "Overskredet", "Andel overholdt", "Kilde"};
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Klagefrister");
    report_xlsx_headers(ws, bold, names, 8);
    for (size_t i = 0; i < m->n_complaint_deadlines; i++) {
        const report_complaint_deadline *c = &m->complaint_deadlines[i];
        lxw_row_t row = (lxw_row_t)(i + 1);
        long counts[4] = {c->met, c->late, c->pending, c->overdue};
        worksheet_write_string(ws, row, 0, c->rule->id, NULL);
        worksheet_write_string(ws, row, 1, c->rule->label, NULL);
        for (lxw_col_t k = 0; k < 4; k++)
            worksheet_write_number(ws, row, 2 + k, (double)counts[k], NULL);
        if (c->has_share)
            worksheet_write_number(ws, row, 6, c->share_met, share);
        if (c->rule->source.citation)
            worksheet_write_string(ws, row, 7, c->rule->source.citation, NULL);
    }
    worksheet_set_column(ws, 0, 1, 32, NULL);
}

static void sheet_staff(lxw_workbook *wb, lxw_format *bold, const char *name, const char *who,
                        const report_staff *rows, size_t n)
{
    const char *names[] = {who, "Tider", "Uden udfald", "Træninger, der tæller", "Gennemført",
                           "Udeblivelser", "Aflyst af borgeren", "Aflyst af enheden"};
    lxw_worksheet *ws = workbook_add_worksheet(wb, name);
    report_xlsx_headers(ws, bold, names, 8);
    for (size_t i = 0; i < n; i++) {
        const report_staff *s = &rows[i];
        lxw_row_t row = (lxw_row_t)(i + 1);
        long v[7] = {s->appointments, s->booked, s->sessions, s->attended, s->no_shows,
                     s->citizen_cancellations, s->provider_cancellations};
        worksheet_write_string(ws, row, 0, s->name, NULL);
        for (lxw_col_t k = 0; k < 7; k++)
            worksheet_write_number(ws, row, 1 + k, (double)v[k], NULL);
    }
    worksheet_set_column(ws, 0, 0, 28, NULL);
}

void report_more_xlsx(const report *r, lxw_workbook *wb, lxw_format *bold, lxw_format *share)
{
    sheet_closures(&r->more, wb, bold);
    sheet_complaints(&r->more, wb, bold, share);
    sheet_staff(wb, bold, "Terapeuter", "Terapeut", r->more.therapists, r->more.n_therapists);
    sheet_staff(wb, bold, "Hold", "Hold", r->more.teams, r->more.n_teams);
}
