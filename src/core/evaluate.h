/*
 * evaluate.h - holding one case to one quality standard.
 *
 * genop_evaluate() is the only place in genop that computes a deadline, a
 * limit, the attendance status or eligibility. It is pure: no I/O, no
 * allocation, no global state; the result borrows the standard's rules and
 * sources. The semantics are those of shared/spec/evaluate.md section 3.
 */
#ifndef GENOP_EVALUATE_H
#define GENOP_EVALUATE_H

#include <stdbool.h>

#include "case.h"
#include "documentation.h"
#include "standard.h"

/* The version of the rules genop judges a case by, beside the standards'
 * own texts. Stored projections (the worklist's open deadlines, a case's
 * next due date: src/casework/projection.h) carry a fingerprint of it and
 * of the standard's YAML text (src/casework/projection_refresh.h); when
 * either changes, `genop serve` computes every projection of the
 * municipality again before it answers.
 *
 * Bump it (by one) in the commit that changes what a stored projection
 * would hold for the same events and the same standard text: the
 * semantics of genop_evaluate() (a deadline's anchor, counting or
 * conditions, what counts as done), the reading of the standard format
 * (src/core/standard_load.c), the calendar of workdays and holidays
 * (src/core/calendar.c), the corrected view (src/casework/case_view.c),
 * or what projection_update() keeps (which deadlines are open, their
 * label, source or dates). A change of a standard's YAML alone needs no
 * bump: its text is in the fingerprint. Never lower it. */
#define GENOP_RULES_VERSION 4

typedef enum genop_deadline_status {
    GENOP_DEADLINE_MET,
    GENOP_DEADLINE_LATE,
    GENOP_DEADLINE_PENDING,
    GENOP_DEADLINE_OVERDUE
} genop_deadline_status;

typedef struct genop_deadline_result {
    const genop_deadline_rule *rule;  /* borrowed from the standard */
    genop_date from;                  /* the date it counts from */
    genop_date due;
    bool done;
    genop_date done_date;
    genop_deadline_status status;
    long workdays_left;               /* open deadlines: workdays to due (< 0: past) */
} genop_deadline_result;

typedef struct genop_limit_result {
    const genop_limit_rule *rule;
    long used;
    long max;
    bool exceeded;
    bool has_period;                  /* weekly limits with at least one session */
    int period_year;
    int period_week;
    /* Added for the worklist's tasks (docs/evaluation.md): the date of the
     * counting session that first took the count past max (sessions,
     * assessment sessions, a week's sessions or minutes); set exactly when
     * exceeded, never for course_length. */
    bool has_exceeded_on;
    genop_date exceeded_on;
    /* course_length only (always, once listed): the last day of the
     * allowed length, the start plus the standard's length (or plus the
     * exception's days). */
    genop_date last_day;
    /* The exception of the case's latest granted decision that the limit
     * is judged by instead of the standard's max (letters.md section 1):
     * borrowed from the case until its exceptions change; NULL when
     * none. With it, the date of that decision. */
    const genop_exception *exception;
    genop_date exception_decided;
    long standard_max;                /* with an exception: the standard's own max */
} genop_limit_result;

#define GENOP_ADMISSION_DETAIL_MAX 200

typedef struct genop_attendance_result {
    int no_shows;
    int citizen_cancellations;
    bool has_rule;
    int review_limit;
    genop_attendance_count counts;    /* what the rule counts (with a rule) */
    bool review;                      /* the count reached the review limit */
    const genop_source *source;       /* NULL without a rule */
    /* Hospital admissions (genop's own `admitted` events) during the
     * course: on or after its start (the first counting session) and not
     * after its closure. Counted whatever the standard says; they put the
     * course up for review only where the standard's attendance rule has
     * an admission rule for the case's paragraph. The status is review
     * when review or admission_review. */
    int admissions;
    genop_date last_admission;        /* with admissions > 0 */
    const genop_source *admission_source;  /* the admission rule's; NULL without one */
    bool admission_review;            /* admissions > 0 and admission_source */
    char admission_detail[GENOP_ADMISSION_DETAIL_MAX];  /* Danish; "" unless admission_review */
    genop_date first_admission;       /* with admissions > 0 */
    /* Added for the worklist's tasks: the date of the session whose no-show
     * (or counted cancellation) made the count reach the review limit (set
     * exactly when review), and the date the course went up for review at
     * all: the earlier of that and the first admission when
     * admission_review (set exactly when the status is review). */
    bool has_limit_reached;
    genop_date limit_reached;
    bool has_review_since;
    genop_date review_since;
} genop_attendance_result;

typedef enum genop_finding_kind {
    GENOP_FINDING_AGE,
    GENOP_FINDING_RESIDENCY,
    GENOP_FINDING_HOSPITAL_PLAN,
    GENOP_FINDING_QUARANTINE,
    GENOP_FINDING_COUNT
} genop_finding_kind;

#define GENOP_FINDING_DETAIL_MAX 320

typedef struct genop_finding {
    genop_finding_kind kind;
    const genop_source *source;
    char detail[GENOP_FINDING_DETAIL_MAX];
} genop_finding;

typedef struct genop_result {
    const genop_standard *standard;
    genop_date as_of;
    unsigned paragraph;
    genop_date referral_date;
    genop_deadline_result deadlines[GENOP_DEADLINES_MAX];
    size_t n_deadlines;
    genop_limit_result limits[GENOP_LIMITS_MAX];
    size_t n_limits;
    genop_attendance_result attendance;
    genop_documentation_result documentation;  /* the standard's documentation rules */
    bool eligible;
    genop_finding findings[GENOP_FINDING_COUNT];
    size_t n_findings;
    /* The standard does not cover the referral's paragraph: no rule of it
     * applies, and the case belongs under another standard. */
    bool paragraph_not_covered;
    /* The referral came before the standard took effect. */
    bool before_effective;
    /* Rules the standard has that could not be checked for lack of data
     * (bit per genop_finding_kind), e.g. no birth date for the age rule. */
    unsigned unchecked;
} genop_result;

const char *genop_deadline_status_name(genop_deadline_status s);
const char *genop_finding_name(genop_finding_kind k);

/* Evaluates c (sorted, checked: see genop_case_read) against std as of
 * as_of into *out, which borrows from std and (a limit's exception) from
 * c. Fails only when a date would leave the calendar's span
 * or the case breaks its invariants. */
genop_err genop_evaluate(const genop_case *c, const genop_standard *std,
                         genop_date as_of, genop_result *out, genop_error *e);

#endif
