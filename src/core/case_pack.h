/*
 * case_pack.h - a case's events in a compact, explicit and versioned
 * binary form: what the domain layer keeps with a case so that a read
 * need not rebuild the corrected view from every stored event
 * (src/casework/case_answer.h).
 *
 * Format GENOP_CASE_PACK_FORMAT (5): the events in the case's order, each
 * 16 bytes, then its text (a condition, or a closure's reason), then
 * (flag bit 1) its exceptions:
 *   offset size  field
 *   0      1     type      code: the index in evaluate.md's list of types
 *                          (referral_received 0, contacted 1, assessment 2,
 *                          decision 3, decision_received 4, grant_received
 *                          5, session 6, closed 7, complaint_received 8,
 *                          complaint_decided 9, complaint_forwarded 10,
 *                          hospital_plan 11, previous_course 12,
 *                          function_status 13, admitted 14, assigned 15,
 *                          appeal_decided 16)
 *   1      4     date      days since 1970-01-01, signed, little-endian
 *   5      1     paragraph 0 none, 1 § 86, stk. 1, 2 § 86, stk. 2
 *   6      1     flags     bit 0: granted; bit 1: exceptions follow;
 *                          bits 2-3: a complaint's about, 0 not given,
 *                          1 decision, 2 service_level, 3 professional
 *   7      4     minutes   signed, little-endian
 *   11     1     outcome   attended 0, citizen_cancelled 1, no_show 2,
 *                          provider_cancelled 3; for appeal_decided its
 *                          outcome: upheld 0, changed 1, annulled 2,
 *                          remitted 3
 *   12     1     kind      training 0, assessment 1
 *   13     1     upheld    full 0, partial 1, none 2
 *   14     1     phase     start 0, end 1
 *   15     1     n         the text's length in bytes (at most
 *                          GENOP_CONDITION_MAX), then its n bytes: the
 *                          condition of referral_received and
 *                          previous_course, the reason of closed
 * and, with flag bit 1 (a decision's grant.exceptions, letters.md
 * section 1), one byte with their count (1 to GENOP_GRANT_EXCEPTIONS_MAX)
 * and each exception as
 *   0      1     limit     sessions 0, assessment_sessions 1,
 *                          sessions_per_week 2, minutes_per_week 3,
 *                          course_length 4
 *   1      4     max       signed, little-endian (1 to
 *                          GENOP_EXCEPTION_MAX_MAX)
 *   5      2     n         the reason's length in bytes, little-endian (1
 *                          to GENOP_EXCEPTION_REASON_MAX), then its bytes
 * The codes are this format's own, mapped to case.h's enums by name in
 * case_pack.c, never the enums' numbers: reordering an enum changes
 * nothing already kept. A new type takes the next free code and leaves
 * the format's number as it is, since every view kept before still reads
 * the same (admitted 14 came that way; so did a complaint's about in
 * the flags' bits 2-3 and an appeal's outcome in byte 11, which every
 * view kept before has as 0 and none of). (Format 1 was the raw bytes of
 * struct genop_event and is no longer read; format 2, one line of text an
 * event, was read back at ten times the cost and never left development;
 * format 3 had no exceptions, and a view kept in it is rebuilt from the
 * events, so that it gets them; format 4 had no closure reasons, and is
 * rebuilt likewise, so that reports can count closures by reason.)
 * A kept view of another format is rebuilt from the case's events by the
 * caller.
 */
#ifndef GENOP_CASE_PACK_H
#define GENOP_CASE_PACK_H

#include <stddef.h>

#include "case.h"
#include "error.h"
#include "strbuf.h"

#define GENOP_CASE_PACK_FORMAT 5

/* Appends c's events to b in this format (a failed allocation is b's
 * sticky failure). */
void genop_case_pack(const genop_case *c, genop_buf *b);

/* Appends the events of data[0..len) to c (set up by the caller, e.g. its
 * birth date), in their order, with their exceptions. GENOP_EINVAL
 * (naming the event) when the bytes are not whole events of this format
 * with known codes, dates of the calendar's span and exceptions within
 * their bounds; c then holds the events before. */
genop_err genop_case_unpack(const void *data, size_t len, genop_case *c, genop_error *e);

#endif
