/*
 * report.c - a report's query checked, the report computed (the tally of
 * every case, report_scan.c, turned into rows, report_rows.c), the
 * leder's entry point, and the report released (report.h).
 */
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "report_dist.h"
#include "report_scan.h"
#include "report_staff.h"
#include "roles.h"

static genop_err check_date(genop_date d, const char *field, const char *what, genop_error *e)
{
    if (!genop_date_in_range(d))
        return genop_refuse(e, GENOP_EINVAL, field, "%s ligger uden for kalenderens år", what);
    return GENOP_OK;
}

genop_err report_query_check(const report_query *q, genop_error *e)
{
    genop_err err;
    if ((err = check_date(q->from, "from", "startdatoen", e)) ||
        (err = check_date(q->to, "to", "slutdatoen", e)) ||
        (err = check_date(q->as_of, "as_of", "opgørelsesdatoen", e)))
        return err;
    if (q->to < q->from)
        return genop_refuse(e, GENOP_EINVAL, "to", "slutdatoen ligger før startdatoen");
    int y1, m1, d1, y2, m2, d2;
    genop_date_to_ymd(q->from, &y1, &m1, &d1);
    genop_date_to_ymd(q->to, &y2, &m2, &d2);
    if ((y2 * 12 + m2) - (y1 * 12 + m1) + 1 > REPORT_MONTHS_MAX)
        return genop_refuse(e, GENOP_EINVAL, "to", "perioden er længere end %d måneder",
                            REPORT_MONTHS_MAX);
    if (q->paragraph != 0 && q->paragraph != GENOP_PARA_86_1 && q->paragraph != GENOP_PARA_86_2)
        return genop_refuse(e, GENOP_EINVAL, "paragraph", "paragraffen skal være 86.1 eller 86.2");
    return GENOP_OK;
}

genop_err report_compute(genop_store *s, const genop_standard *std, const char *muni,
                         const report_query *q, report *out, genop_error *e)
{
    memset(out, 0, sizeof *out);
    genop_err err = report_query_check(q, e);
    if (err)
        return err;
    size_t len = strlen(muni);
    if (len == 0 || len >= sizeof out->municipality)
        return genop_refuse(e, GENOP_EINVAL, "municipality", "ukendt kommune '%s'", muni);
    memcpy(out->municipality, muni, len + 1);
    out->standard = std;
    out->query = *q;
    report_tally *t = calloc(1, sizeof *t);
    if (!t)
        return genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til rapporten");
    err = report_tally_init(t, std, q, e);
    if (!err)
        err = report_scan(s, muni, t, e);
    if (!err)
        err = report_tally_finish(t, out, e);
    if (!err)
        err = report_staff_compute(s, muni, q, out, e);
    report_tally_release(t);
    free(t);
    return err;
}

genop_err casework_report(const casework_env *env, const genop_user *actor,
                          const report_query *q, report *out, genop_error *e)
{
    memset(out, 0, sizeof *out);
    const genop_standard *std;
    genop_err err = casework_require_role(actor, ROLES_LEDER, "se ledelsesinformation", e);
    if (!err)
        err = casework_user_standard(env, actor, &std, e);
    if (!err)
        err = report_compute(env->store, std, actor->municipality, q, out, e);
    if (err && err != GENOP_EINVAL && err != GENOP_ERANGE && err != GENOP_EFORBIDDEN)
        err = casework_internal(err, e);
    return err;
}

void report_release(report *r)
{
    report_dist_release(r);
    for (size_t i = 0; r->months && i < r->n_months; i++)
        free(r->months[i].deadlines);
    /* months past n_months hold no rows (report_tally_finish) */
    free(r->months);
    free(r->deadlines);
    r->months = NULL;
    r->deadlines = NULL;
    r->n_months = r->n_deadlines = 0;
    report_staff_release(r);
}
