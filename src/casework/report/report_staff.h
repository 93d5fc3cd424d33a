/*
 * report_staff.h - beyond the contract, a report's figures per therapist
 * and per team: the calendar's appointments dated in the period (of the
 * query's paragraph) by what became of them, read in one pass over the
 * store (genop_store_appointments_walk) and counted in a row per
 * therapist and per team, so the memory grows with the staff and teams,
 * never with the cases or appointments. Staff data for a leder: the
 * public page (report.md) shows none of it. Private to
 * src/casework/report.
 */
#ifndef GENOP_REPORT_STAFF_H
#define GENOP_REPORT_STAFF_H

#include "report_types.h"
#include "store_calendar.h"

/* The rows of the therapists and teams of muni with an appointment in
 * q's period into out->more (therapists by username, teams by name);
 * out->more.therapists and .teams are released by report_staff_release. */
genop_err report_staff_compute(genop_store *s, const char *muni, const report_query *q,
                               report *out, genop_error *e);

void report_staff_release(report *r);

#endif
