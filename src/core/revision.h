/*
 * revision.h - whether a quality standard is older than it promises.
 *
 * A standard may say how often it is revised ("Kvalitetsstandarden
 * revideres 1 gang årligt", Nyborg): its `revision` (standard.h) then
 * has the approval date and the interval, and the standard is due for
 * revision the interval after its approval. On the due day it is still in
 * time; from the day after, it is overdue. A standard that gives no
 * interval (Ishøj: "revideres ved større ændringer") or no approval date
 * is never overdue. Pure: no I/O, no clock (today is the caller's), no
 * allocation.
 */
#ifndef GENOP_REVISION_H
#define GENOP_REVISION_H

#include <stdbool.h>
#include <stddef.h>

#include "date.h"
#include "standard.h"

/* A buffer size that holds every sentence of this file. */
#define GENOP_REVISION_TEXT_MAX 256

typedef struct genop_revision_state {
    bool has_due;       /* the standard gives approved_on and every */
    genop_date due;     /* approved_on + every: the last day in time */
    bool overdue;       /* today is after due */
} genop_revision_state;

/* approved_on + every into *due; false when the rule has no interval or
 * no approval date, or the due date leaves the calendar's 1900-2199. */
bool genop_revision_due(const genop_revision_rule *r, genop_date *due);

/* The standard's revision as of today. */
genop_revision_state genop_revision_judge(const genop_revision_rule *r, genop_date today);

/* The interval in Danish: "hver 12. måned", "hver måned", "hver 2. uge",
 * "hver 30. dag". The rule must have one. Returns buf. */
const char *genop_revision_every_text(const genop_revision_rule *r, char *buf, size_t size);

/* What the standard promises, as a sentence: "Standarden skal ifølge sig
 * selv revideres hver 12. måned, regnet fra godkendelsen 3. maj 2017." or,
 * without an interval, "Standarden angiver ingen fast frist for, hvornår
 * den revideres." Returns buf. */
const char *genop_revision_text(const genop_revision_rule *r, char *buf, size_t size);

/* The warning for an overdue standard, without a capital or a file name
 * before it: "standarden blev godkendt 3. maj 2017 og skal ifølge sig selv
 * revideres hver 12. måned; den skulle have været revideret senest 3. maj
 * 2018." s must be overdue (s->overdue). Returns buf. */
const char *genop_revision_warning(const genop_revision_rule *r, const genop_revision_state *s,
                                   char *buf, size_t size);

#endif
