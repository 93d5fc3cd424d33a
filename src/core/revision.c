/*
 * revision.c - the due date of a standard's own revision, whether it has
 * passed, and the Danish sentences that say so (see revision.h).
 */
#include "revision.h"

#include <stdio.h>

bool genop_revision_due(const genop_revision_rule *r, genop_date *due)
{
    if (!r->present || !r->has_every || !r->has_approved_on)
        return false;
    genop_date d;
    switch (r->every_unit) {
    case GENOP_UNIT_DAYS: d = r->approved_on + r->every_amount; break;
    case GENOP_UNIT_WEEKS: d = r->approved_on + 7 * r->every_amount; break;
    case GENOP_UNIT_MONTHS: d = genop_date_add_months(r->approved_on, r->every_amount); break;
    default: return false;
    }
    if (!genop_date_in_range(d))
        return false;
    *due = d;
    return true;
}

genop_revision_state genop_revision_judge(const genop_revision_rule *r, genop_date today)
{
    genop_revision_state s = {false, 0, false};
    s.has_due = genop_revision_due(r, &s.due);
    s.overdue = s.has_due && today > s.due;
    return s;
}

const char *genop_revision_every_text(const genop_revision_rule *r, char *buf, size_t size)
{
    const char *unit = r->every_unit == GENOP_UNIT_MONTHS ? "måned"
                       : r->every_unit == GENOP_UNIT_WEEKS ? "uge" : "dag";
    if (r->every_amount == 1)
        snprintf(buf, size, "hver %s", unit);
    else
        snprintf(buf, size, "hver %d. %s", r->every_amount, unit);
    return buf;
}

const char *genop_revision_text(const genop_revision_rule *r, char *buf, size_t size)
{
    char every[64], approved[GENOP_DATE_DA_SIZE];
    if (!r->has_every || !r->has_approved_on) {
        snprintf(buf, size, "Standarden angiver ingen fast frist for, hvornår den revideres.");
        return buf;
    }
    snprintf(buf, size, "Standarden skal ifølge sig selv revideres %s, regnet fra godkendelsen %s.",
             genop_revision_every_text(r, every, sizeof every),
             genop_date_format_da(r->approved_on, approved));
    return buf;
}

const char *genop_revision_warning(const genop_revision_rule *r, const genop_revision_state *s,
                                   char *buf, size_t size)
{
    char every[64], approved[GENOP_DATE_DA_SIZE], due[GENOP_DATE_DA_SIZE];
    snprintf(buf, size,
             "standarden blev godkendt %s og skal ifølge sig selv revideres %s; "
             "den skulle have været revideret senest %s.",
             genop_date_format_da(r->approved_on, approved),
             genop_revision_every_text(r, every, sizeof every),
             genop_date_format_da(s->due, due));
    return buf;
}
