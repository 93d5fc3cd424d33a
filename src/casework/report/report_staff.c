/*
 * report_staff.c - appointments per therapist and team (report_staff.h).
 * Each appointment of the walk is counted into the row of its therapist
 * and, when it is on a team, of its team; the rows are kept sorted by id
 * and found by binary search (a municipality has some hundreds of staff
 * at most, so a row is found in a few steps), then sorted by name.
 *
 * An appointment counts as: `booked` while no outcome is registered;
 * `attended`, `no_shows`, `citizen_cancellations` or
 * `provider_cancellations` by its registered outcome, or, when it was
 * cancelled in the calendar, by who cancelled it; `sessions` are those
 * that count, as in the attendance (every outcome but the provider's
 * cancellation).
 */
#include <stdlib.h>
#include <string.h>

#include "report_staff.h"

typedef struct staff_rows {
    report_staff *items;          /* owned; sorted by id */
    size_t n, cap;
} staff_rows;

typedef struct staff_walk {
    staff_rows therapists, teams;
} staff_walk;

/* The row of id in rows (added, named name, when it is not there); NULL
 * when there is no memory for it. */
static report_staff *row_of(staff_rows *rows, int64_t id, const char *name)
{
    size_t lo = 0, hi = rows->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (rows->items[mid].id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < rows->n && rows->items[lo].id == id)
        return &rows->items[lo];
    if (rows->n == rows->cap) {
        size_t cap = rows->cap ? rows->cap * 2 : 16;
        report_staff *p = realloc(rows->items, cap * sizeof *p);
        if (!p)
            return NULL;
        rows->items = p;
        rows->cap = cap;
    }
    report_staff *r = &rows->items[lo];
    memmove(r + 1, r, (rows->n - lo) * sizeof *r);
    rows->n++;
    memset(r, 0, sizeof *r);
    r->id = id;
    size_t len = strnlen(name, sizeof r->name - 1);
    memcpy(r->name, name, len);
    return r;
}

/* Counts a into row r. */
static void count(report_staff *r, const genop_appointment_ref *a)
{
    r->appointments++;
    const char *what = a->outcome;
    if (strcmp(a->status, "cancelled") == 0)
        what = strcmp(a->cancelled_by, "citizen") == 0 ? "citizen_cancelled" : "provider_cancelled";
    else if (strcmp(a->status, "done") != 0 || !*what)
        what = "";
    if (!*what)
        r->booked++;
    else if (strcmp(what, "attended") == 0)
        r->attended++;
    else if (strcmp(what, "no_show") == 0)
        r->no_shows++;
    else if (strcmp(what, "citizen_cancelled") == 0)
        r->citizen_cancellations++;
    else
        r->provider_cancellations++;
    r->sessions = r->attended + r->no_shows + r->citizen_cancellations;
}

/* The walk's function (genop_appointment_fn). */
static genop_err on_appointment(void *ctx, const genop_appointment_ref *a, genop_error *e)
{
    staff_walk *w = ctx;
    report_staff *r = row_of(&w->therapists, a->therapist_id, a->therapist);
    if (r)
        count(r, a);
    if (r && a->team_id) {
        r = row_of(&w->teams, a->team_id, a->team);
        if (r)
            count(r, a);
    }
    return r ? GENOP_OK : genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til rapporten");
}

static int cmp_name(const void *a, const void *b)
{
    const report_staff *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    return c ? c : (x->id > y->id) - (x->id < y->id);
}

genop_err report_staff_compute(genop_store *s, const char *muni, const report_query *q,
                               report *out, genop_error *e)
{
    staff_walk w;
    memset(&w, 0, sizeof w);
    genop_err err = genop_store_appointments_walk(s, muni, q->from, q->to, q->paragraph,
                                                  on_appointment, &w, e);
    if (err) {
        free(w.therapists.items);
        free(w.teams.items);
        return err;
    }
    if (w.therapists.n)
        qsort(w.therapists.items, w.therapists.n, sizeof *w.therapists.items, cmp_name);
    if (w.teams.n)
        qsort(w.teams.items, w.teams.n, sizeof *w.teams.items, cmp_name);
    out->more.therapists = w.therapists.items;
    out->more.n_therapists = w.therapists.n;
    out->more.teams = w.teams.items;
    out->more.n_teams = w.teams.n;
    return GENOP_OK;
}

void report_staff_release(report *r)
{
    free(r->more.therapists);
    free(r->more.teams);
    r->more.therapists = r->more.teams = NULL;
    r->more.n_therapists = r->more.n_teams = 0;
}
