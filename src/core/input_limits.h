/*
 * input_limits.h - the limits on the fields of a case's events that genop
 * accepts, one definition each, for every part that checks them: the
 * core's case reader (case_reader.c) and the API's checks of what people
 * register (src/server). All lengths are in bytes of UTF-8, without a
 * terminating NUL.
 *
 * Limits that size a struct live with the struct: GENOP_CONDITION_MAX,
 * GENOP_CASE_ID_MAX and GENOP_CASE_EVENTS_MAX in case.h, the longest case
 * text GENOP_CASE_JSON_MAX in case_json.h.
 */
#ifndef GENOP_INPUT_LIMITS_H
#define GENOP_INPUT_LIMITS_H

/* The longest free text ("text") of an event, a referral's included. */
#define GENOP_EVENT_TEXT_MAX 8000

/* The longest reason: why a case was closed ("reason" of a closed event)
 * or why an event is corrected (a correction's "reason"). */
#define GENOP_REASON_TEXT_MAX 500

/* The most minutes one session (a session event's "minutes") may last:
 * 24 hours. The web's session form offers the same maximum (the minutes
 * input's max in web/views/forms.js); tests/api/test_api.py checks that
 * the two agree. */
#define GENOP_SESSION_MINUTES_MAX 1440

/* The most goals one function status may hold ("goals"), and the longest
 * goal ("goals[i].text", the citizen's own words). */
#define GENOP_STATUS_GOALS_MAX 20
#define GENOP_GOAL_TEXT_MAX 500

#endif
