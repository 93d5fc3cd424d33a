/*
 * audit.h - the access log: who read or wrote which citizen's or case's
 * data, when and why. One row per citizen (and case) a request showed or
 * changed. Writes are logged inside the write's own transaction; reads are
 * committed to the log before the answer is sent, so nothing is shown that
 * was not logged first. The log is append-only (store.h).
 *
 * Reads go where the environment's read log says (env.h): in the server,
 * the journal of reads, in the request's own thread (in a file, safe from
 * a crash of genop, before the read is answered, and in the database
 * within a moment: a database commit per read, even one shared by the
 * reads that arrived together, had cost more than the read itself); in a
 * command, the store's access log directly.
 */
#ifndef GENOP_AUDIT_H
#define GENOP_AUDIT_H

#include <stdint.h>

#include "error.h"
#include "env.h"
#include "store.h"

/* Actions. */
#define AUDIT_CASE_CREATE "case.create"
#define AUDIT_CASE_READ "case.read"
#define AUDIT_CASE_LIST "case.list"
#define AUDIT_EVENT_APPEND "event.append"
#define AUDIT_EVENT_REJECT "event.reject"
#define AUDIT_EVENT_PREVIEW "event.preview"   /* a dry run: event_preview.h */
#define AUDIT_WORKLIST_READ "worklist.read"
#define AUDIT_ACCESSLOG_READ "accesslog.read"
#define AUDIT_CASE_SEARCH "case.search"         /* case_search.h */
#define AUDIT_CITIZEN_SEARCH "citizen.search"
#define AUDIT_CITIZEN_IDENTITY "citizen.identity" /* a referral's name refused
                                                    * against the stored one */
#define AUDIT_LETTER_MAKE "letter.make"         /* letters.h */
#define AUDIT_LETTER_PREVIEW "letter.preview"
#define AUDIT_LETTER_LIST "letter.list"
#define AUDIT_LETTER_READ "letter.read"
#define AUDIT_LETTER_SEND "letter.send"         /* outbox.h */
#define AUDIT_PRINT_QUEUE "print.queue"         /* the print queue listed */
#define AUDIT_PRINT_PDF "print.pdf"             /* its letters fetched to print */
#define AUDIT_PRINT_DONE "print.done"           /* marked printed */
#define AUDIT_ACCESS_REPORT "citizen.access_report" /* access_report.h */
#define AUDIT_APPEAL_BUNDLE "case.appeal_bundle"    /* appeal_bundle.h */
#define AUDIT_APPOINTMENT_BOOK "appointment.book"     /* calendar/appointments.h */
#define AUDIT_APPOINTMENT_CANCEL "appointment.cancel"
/* calendar/teams.h: a team's roster, waiting list and meetings */
#define AUDIT_TEAM_READ "team.read"
#define AUDIT_TEAM_ROSTER "team.roster"
#define AUDIT_TEAM_MEETING "team.meeting"
#define AUDIT_CALENDAR_FEED "calendar.feed"   /* calendar/feed.h: a therapist's feed read */
#define AUDIT_CALENDAR_WEEK "calendar.week"   /* calendar/week.h: a week view read */
#define AUDIT_APPOINTMENT_MOVE "appointment.move" /* calendar/move.h */

/* Purposes (Danish: they are shown to leaders and to the citizen). */
#define AUDIT_PURPOSE_CASEWORK "sagsbehandling"
#define AUDIT_PURPOSE_OVERVIEW "sagsoversigt"
#define AUDIT_PURPOSE_DEADLINES "fristopfølgning"
#define AUDIT_PURPOSE_CONTROL "kontrol af adgang til personoplysninger"
#define AUDIT_PURPOSE_CALENDAR "terapeutens kalender (planlægning af træning)"
#define AUDIT_PURPOSE_PLANNING "planlægning af træning"

/* Fills *entry with a row for user u (in u's municipality). citizen and
 * case_id may be 0 (none). */
void audit_entry_init(genop_access_entry *entry, const genop_user *u, int64_t citizen,
                      int64_t case_id, const char *action, const char *purpose);

/* Appends one row for user u (in u's municipality). citizen and case_id
 * may be 0 (none). The caller holds the transaction. */
genop_err audit_add(genop_store *s, const genop_user *u, int64_t citizen, int64_t case_id,
                    const char *action, const char *purpose, genop_error *e);


/* The rows of a list's read (a page of cases, the worklist): one row per
 * case shown, each case once. Fill with audit_rows_add(), record with
 * audit_rows_record(), free with audit_rows_release(). */
typedef struct audit_rows {
    const genop_user *user;       /* borrowed */
    const char *action, *purpose; /* borrowed */
    genop_access_entry *rows;     /* owned */
    size_t n, cap;
} audit_rows;

void audit_rows_init(audit_rows *r, const genop_user *u, const char *action,
                     const char *purpose);
/* Adds a row for the case unless it has one already; GENOP_ENOMEM. */
genop_err audit_rows_add(audit_rows *r, int64_t citizen, int64_t case_id, genop_error *e);
/* Adds a row for the citizen, with no case, unless the citizen has one
 * already (a search: one row per citizen shown); GENOP_ENOMEM. */
genop_err audit_rows_add_citizen(audit_rows *r, int64_t citizen, genop_error *e);
/* Logs the rows as reads, as env says (casework_log_reads), before return. */
genop_err audit_rows_record(const casework_env *env, audit_rows *r, genop_error *e);
void audit_rows_release(audit_rows *r);

/* A read of one citizen's data: one row, logged as env says on return. */
genop_err audit_read(const casework_env *env, const genop_user *u, int64_t citizen,
                     int64_t case_id, const char *action, const char *purpose, genop_error *e);

#endif
