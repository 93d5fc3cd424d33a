/*
 * feed.h - a therapist's calendar feed (shared/spec/calendar.md,
 * "Calendar feeds"): a personal key, and the therapist's appointments
 * from 4 weeks back to 12 weeks ahead as iCalendar (feed_ics.h).
 *
 * The key is the credential of the feed: a calendar program fetches it
 * without logging in. It is made by the therapist or a leder, shown
 * once, and kept only as its hash (auth.h, as an API token's); a new key
 * ends the old. A feed names each citizen by initials and the place,
 * never by CPR number or full name; reading it writes one access-log row
 * per case shown (calendar.feed, its citizen's), as the key's owner.
 */
#ifndef GENOP_CALENDAR_FEED_H
#define GENOP_CALENDAR_FEED_H

#include "auth.h"
#include "env.h"
#include "strbuf.h"

/* The feed's window: days before and after today. */
#define CAL_FEED_DAYS_BACK 28
#define CAL_FEED_DAYS_AHEAD 84

/* Makes a new key for the calendar feed of terapeut username (of
 * actor's municipality) into key, replacing the old. actor is that
 * terapeut or a leder (else GENOP_EFORBIDDEN); a username that is no
 * terapeut of the municipality is GENOP_ENOTFOUND. */
genop_err casework_calendar_key_new(const casework_env *env, const genop_user *actor,
                                    const char *username, char key[AUTH_TOKEN_TEXT_SIZE],
                                    genop_error *e);

/* The feed of username with key (from the feed's address; may be NULL)
 * as iCalendar text appended to out, and the access log written first.
 * GENOP_ENOTFOUND when the key is malformed, ended, or another user's. */
genop_err casework_calendar_feed(const casework_env *env, const char *username,
                                 const char *key, genop_buf *out, genop_error *e);

#endif
