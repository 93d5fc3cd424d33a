/*
 * report_more_forms.c - report_more (report_types.h) as JSON, Danish text
 * and CSV rows (report_more.h). The JSON members, after the others:
 *   "closures_by_reason": [{"reason", "label", "source", "closed"}]
 *   "courses_ended_for_attendance": n
 *   "complaint_deadlines": [{"id", "label", "source", "met", "late",
 *                            "pending", "overdue", "share_met"}]
 *   "therapists", "teams": [{"id", "name", "appointments", "booked",
 *                            "sessions", "attended", "no_shows",
 *                            "citizen_cancellations",
 *                            "provider_cancellations"}]
 * The CSV has the same names as measures: sections closures_by_reason
 * (the reason in the deadline column), courses_ended_for_attendance,
 * complaint_deadlines (the deadline's id) and therapists and teams (the
 * name in the deadline column).
 */
#include <stdio.h>
#include <string.h>

#include "json_write.h"
#include "report_more.h"

/* The measures of a staff row, in the order of report_staff's members. */
#define STAFF_MEASURES 7
static const char *const staff_measures[STAFF_MEASURES] = {
    "appointments", "booked", "sessions", "attended", "no_shows", "citizen_cancellations",
    "provider_cancellations",
};

static void staff_values(const report_staff *s, long v[STAFF_MEASURES])
{
    long all[STAFF_MEASURES] = {s->appointments, s->booked, s->sessions, s->attended,
                                s->no_shows, s->citizen_cancellations,
                                s->provider_cancellations};
    memcpy(v, all, sizeof all);
}

static void json_long(genop_buf *b, bool *f, const char *key, long v)
{
    json_write_key(b, f, key);
    genop_buf_add_long(b, v);
}

static void json_staff(genop_buf *b, bool *first, const char *key, const report_staff *rows,
                       size_t n)
{
    json_write_key(b, first, key);
    genop_buf_adds(b, "[");
    for (size_t i = 0; i < n; i++) {
        bool f = true;
        long v[STAFF_MEASURES];
        staff_values(&rows[i], v);
        genop_buf_adds(b, i ? ",{" : "{");
        json_long(b, &f, "id", (long)rows[i].id);
        json_write_key(b, &f, "name");
        genop_buf_add_json_string(b, rows[i].name);
        for (size_t m = 0; m < STAFF_MEASURES; m++)
            json_long(b, &f, staff_measures[m], v[m]);
        genop_buf_adds(b, "}");
    }
    genop_buf_adds(b, "]");
}

static void json_complaints(genop_buf *b, bool *first, const report_more *m)
{
    json_write_key(b, first, "complaint_deadlines");
    genop_buf_adds(b, "[");
    for (size_t i = 0; i < m->n_complaint_deadlines; i++) {
        const report_complaint_deadline *c = &m->complaint_deadlines[i];
        bool f = true;
        genop_buf_adds(b, i ? ",{" : "{");
        json_write_key(b, &f, "id");
        genop_buf_add_json_string(b, c->rule->id);
        json_write_key(b, &f, "label");
        genop_buf_add_json_string(b, c->rule->label);
        json_write_key(b, &f, "source");
        genop_buf_add_json_string(b, c->rule->source.citation);
        json_long(b, &f, "met", c->met);
        json_long(b, &f, "late", c->late);
        json_long(b, &f, "pending", c->pending);
        json_long(b, &f, "overdue", c->overdue);
        json_write_key(b, &f, "share_met");
        report_json_share(b, c->has_share, c->share_met);
        genop_buf_adds(b, "}");
    }
    genop_buf_adds(b, "]");
}

void report_more_json(const report *r, genop_buf *b, bool *first)
{
    const report_more *m = &r->more;
    json_write_key(b, first, "closures_by_reason");
    genop_buf_adds(b, "[");
    for (size_t i = 0; i < m->n_closures; i++) {
        const report_closure *c = &m->closures[i];
        bool f = true;
        genop_buf_adds(b, i ? ",{" : "{");
        json_write_key(b, &f, "reason");
        genop_buf_add_json_string(b, c->id);
        json_write_key(b, &f, "label");
        genop_buf_add_json_string(b, c->label);
        json_write_key(b, &f, "source");
        genop_buf_add_json_string(b, c->source);
        json_long(b, &f, "closed", c->closed);
        genop_buf_adds(b, "}");
    }
    genop_buf_adds(b, "]");
    json_long(b, first, "courses_ended_for_attendance", m->ended_for_attendance);
    json_complaints(b, first, m);
    json_staff(b, first, "therapists", m->therapists, m->n_therapists);
    json_staff(b, first, "teams", m->teams, m->n_teams);
}

/* "94,97 %" or "-" when there is no share. */
static void text_share(genop_buf *b, bool has_share, double share)
{
    long e4 = (long)(share * 10000.0 + 0.5);
    if (has_share)
        genop_buf_addf(b, "%ld,%02ld %%", e4 / 100, e4 % 100);
    else
        genop_buf_adds(b, "-");
}

static void text_staff(genop_buf *b, const char *title, const report_staff *rows, size_t n)
{
    genop_buf_addf(b, "\n%s (tider i kalenderen dateret i perioden)\n", title);
    if (n == 0)
        genop_buf_adds(b, "  ingen\n");
    for (size_t i = 0; i < n; i++) {
        const report_staff *s = &rows[i];
        genop_buf_addf(b, "  %s: %ld tider; gennemført %ld, udeblivelser %ld, aflyst af "
                       "borgeren %ld, aflyst af enheden %ld, uden udfald %ld\n",
                       s->name, s->appointments, s->attended, s->no_shows,
                       s->citizen_cancellations, s->provider_cancellations, s->booked);
    }
}

void report_more_text(const report *r, genop_buf *b)
{
    const report_more *m = &r->more;
    genop_buf_adds(b, "\nAfsluttede sager efter grund\n");
    for (size_t i = 0; i < m->n_closures; i++)
        genop_buf_addf(b, "  %s (%s): %ld\n", m->closures[i].label, m->closures[i].id,
                       m->closures[i].closed);
    genop_buf_addf(b, "Forløb afsluttet for fremmøde (udeblivelser): %ld\n",
                   m->ended_for_attendance);
    genop_buf_adds(b, "\nKlagefrister (begge paragraffer)\n");
    if (m->n_complaint_deadlines == 0)
        genop_buf_adds(b, "  ingen\n");
    for (size_t i = 0; i < m->n_complaint_deadlines; i++) {
        const report_complaint_deadline *c = &m->complaint_deadlines[i];
        genop_buf_addf(b, "  %s (%s): overholdt %ld, for sent %ld, afventer %ld, overskredet "
                       "%ld; andel overholdt ", c->rule->label, c->rule->id, c->met, c->late,
                       c->pending, c->overdue);
        text_share(b, c->has_share, c->share_met);
        genop_buf_adds(b, "\n");
    }
    text_staff(b, "Terapeuter", m->therapists, m->n_therapists);
    text_staff(b, "Hold", m->teams, m->n_teams);
}

/* "section,,key,,measure,value": the key in the deadline column. */
static void csv_row(genop_buf *b, const char *section, const char *key, const char *measure,
                    const char *value)
{
    genop_buf_addf(b, "%s,,", section);
    report_csv_field(b, key);
    genop_buf_addf(b, ",,%s,%s\r\n", measure, value);
}

static void csv_long(genop_buf *b, const char *section, const char *key, const char *measure,
                     long v)
{
    char value[24];
    snprintf(value, sizeof value, "%ld", v);
    csv_row(b, section, key, measure, value);
}

static void csv_staff(genop_buf *b, const char *section, const report_staff *rows, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        long v[STAFF_MEASURES];
        staff_values(&rows[i], v);
        for (size_t m = 0; m < STAFF_MEASURES; m++)
            csv_long(b, section, rows[i].name, staff_measures[m], v[m]);
    }
}

void report_more_csv(const report *r, genop_buf *b)
{
    const report_more *m = &r->more;
    for (size_t i = 0; i < m->n_closures; i++)
        csv_long(b, "closures_by_reason", m->closures[i].id, "closed", m->closures[i].closed);
    csv_long(b, "courses_ended_for_attendance", "", "closed", m->ended_for_attendance);
    for (size_t i = 0; i < m->n_complaint_deadlines; i++) {
        const report_complaint_deadline *c = &m->complaint_deadlines[i];
        const char *id = c->rule->id;
        char share[32] = "";
        long e4 = (long)(c->share_met * 10000.0 + 0.5);
        if (c->has_share)
            snprintf(share, sizeof share, "%ld.%04ld", e4 / 10000, e4 % 10000);
        csv_long(b, "complaint_deadlines", id, "met", c->met);
        csv_long(b, "complaint_deadlines", id, "late", c->late);
        csv_long(b, "complaint_deadlines", id, "pending", c->pending);
        csv_long(b, "complaint_deadlines", id, "overdue", c->overdue);
        csv_row(b, "complaint_deadlines", id, "share_met", share);
    }
    csv_staff(b, "therapists", m->therapists, m->n_therapists);
    csv_staff(b, "teams", m->teams, m->n_teams);
}
