/*
 * report_public.h - the public page's figures (shared/spec/report.md,
 * "The public page"): for each promise of a municipality's standard (each
 * deadline rule whose owner is not the citizen), how often it was kept in
 * the last full month and in the last 12 full months before today's
 * month, with the rule to say it in plain Danish and cite its source.
 *
 * The counts come from one report_compute() over the 12 months, as of
 * today (report.h): nothing of the rules is computed here. A promise's
 * figures add up the report's rows of its rule (both paragraphs where the
 * rule covers both). Small counts are suppressed here, in the domain, so
 * that no writer can show them: a count below REPORT_PUBLIC_SMALL holds
 * no value, only that it is small. The share kept is given exactly only
 * when neither of its counts is suppressed, else as the bound the "<5"
 * already tells (kept 50 and not kept "<5": at least 50/54), and withheld
 * when it would rest on fewer than REPORT_PUBLIC_SMALL deadlines or when
 * both of its counts are small (an exact share would then give them away).
 *
 * The page holds no person, case or single case's date: only the counts
 * per promise and period, the standard's own words and genop's sentence.
 *   report_public.c        the figures
 *   report_public_json.c   GET /api/v1/public/{ID}
 *   report_public_html.c   GET /offentlig/{ID}, a Danish page
 */
#ifndef GENOP_CASEWORK_REPORT_PUBLIC_H
#define GENOP_CASEWORK_REPORT_PUBLIC_H

#include <stdbool.h>
#include <stdint.h>

#include "error.h"
#include "report_types.h"
#include "strbuf.h"

/* A count below this is not shown ("<5"), and a share resting on fewer
 * deadlines than this is withheld. */
#define REPORT_PUBLIC_SMALL 5

/* A count that may be suppressed: value is 0 when suppressed. */
typedef struct public_count {
    bool suppressed;
    long value;
} public_count;

typedef enum public_share_kind {
    PUBLIC_SHARE_EXACT,        /* share_e4 is the share kept */
    PUBLIC_SHARE_AT_LEAST,     /* not kept is small: share_e4 is the least the share can be */
    PUBLIC_SHARE_AT_MOST,      /* kept is small: share_e4 is the most the share can be */
    PUBLIC_SHARE_FEW,          /* withheld: kept + not kept is below REPORT_PUBLIC_SMALL */
    PUBLIC_SHARE_SMALL_PARTS,  /* withheld: kept and not kept are both small */
} public_share_kind;

/* One promise's figures for one period. kept: met; not kept: late or
 * overdue; open: not done as of today (overdue or pending; pending is
 * always 0 for a period before today). share: kept / (kept + not kept). */
typedef struct public_figures {
    public_count kept, not_kept, open;
    public_share_kind share;
    long share_e4;             /* ten-thousandths, 0..10000; 0 when withheld */
} public_figures;

typedef struct public_promise {
    const genop_deadline_rule *rule;   /* borrowed from the standard */
    public_figures month, year;        /* the last full month, the last 12 */
} public_promise;

typedef struct report_public {
    const genop_standard *standard;    /* borrowed */
    genop_date today;                  /* the day it was computed for */
    int64_t computed_at;               /* unix seconds */
    genop_date month_from, month_to;   /* the last full month before today's */
    genop_date year_from, year_to;     /* the 12 full months before today's */
    public_promise promises[GENOP_DEADLINES_MAX];  /* in the standard's order */
    size_t n_promises;
} report_public;

/* The public figures of std's municipality (std->id) as of today, into
 * *out (a plain value: nothing to release; it borrows std). now is the
 * instant written as computed_at. Reads s as report_compute() does (in
 * the caller's read transaction, or one of its own). GENOP_ERANGE when
 * today's 12 months lie outside the calendar's years. */
genop_err report_public_compute(genop_store *s, const genop_standard *std, genop_date today,
                                int64_t now, report_public *out, genop_error *e);

/* The figures of one period from the unsuppressed counts (kept = met,
 * not kept = late + overdue, open = overdue + pending); for the tests. */
public_figures report_public_figures(long met, long late, long overdue, long pending);

/* GET /api/v1/public/{ID}'s JSON (docs/report.md, "The public page"). */
void report_public_write_json(const report_public *p, genop_buf *b);

/* GET /offentlig/{ID}: a small Danish HTML page, printable, without
 * script; its style sheet is css_href (an absolute path, e.g.
 * "/offentlig.css"), its data json_href. */
void report_public_write_html(const report_public *p, const char *css_href,
                              const char *json_href, genop_buf *b);

/* The 404 page for a municipality genop does not know (id as asked, shown
 * escaped), linking to the municipalities it knows (n standards). */
void report_public_write_html_unknown(const char *id, const genop_standard *const *stds,
                                      size_t n, const char *css_href, genop_buf *b);

#endif
