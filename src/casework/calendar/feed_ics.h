/*
 * feed_ics.h - a therapist's calendar feed as iCalendar text (RFC 5545),
 * written with libical: one VEVENT per appointment, its UID stable
 * ("appointment-ID@MUNICIPALITY.genop"), DTSTART and DTEND in UTC (an
 * instant every client shows in its own zone, so no VTIMEZONE is needed
 * and the summer-time changes cannot be misread), SUMMARY and LOCATION
 * as the caller made them (citizens by initials only, never a CPR
 * number or a full name), STATUS CONFIRMED or CANCELLED.
 *
 * Nothing here reads the store; feed.h gathers the events.
 */
#ifndef GENOP_CALENDAR_FEED_ICS_H
#define GENOP_CALENDAR_FEED_ICS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "strbuf.h"

/* The room for a name's initials: "A.B.C." of up to 16 words, each
 * letter up to 4 bytes, and the NUL. */
#define CAL_INITIALS_SIZE 81

/* The initials of name into out: the first letter of each word (words
 * separated as name_words.h separates them), as written, each followed
 * by "."; "Anna-Marie Ørsted" is "A.M.Ø.". At most 16 words; "" for a
 * name without letters. Returns out. */
char *cal_feed_initials(const char *name, char out[CAL_INITIALS_SIZE]);

/* One event of a feed; the strings are borrowed. */
typedef struct cal_feed_event {
    int64_t id;                 /* the appointment's id: the UID */
    int64_t starts_at, ends_at; /* unix seconds */
    const char *summary;
    const char *location;
    const char *description;    /* may be NULL */
    bool cancelled;
} cal_feed_event;

/* Writes the VCALENDAR of the n events of municipality muni, named name
 * (X-WR-CALNAME), stamped now (unix seconds), into out (appended).
 * GENOP_ENOMEM when libical or the buffer fails. */
genop_err cal_feed_ics(const char *muni, const char *name, const cal_feed_event *ev, size_t n,
                       int64_t now, genop_buf *out, genop_error *e);

#endif
