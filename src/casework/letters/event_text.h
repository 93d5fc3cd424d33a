/*
 * event_text.h - a case's event in Danish words, for the documents genop
 * makes of a case for people outside it: the citizen's aktindsigt
 * (access_report.h) and the case's documents sent to Ankestyrelsen with a
 * complaint. Everything the event says is given, member by member, with
 * the Danish word for each name and code genop knows (and the name or
 * code as it is where it knows none, so nothing is left out).
 */
#ifndef GENOP_CASEWORK_EVENT_TEXT_H
#define GENOP_CASEWORK_EVENT_TEXT_H

#include "error.h"
#include "standard.h"
#include "store.h"
#include "strbuf.h"

/* The Danish name of an event type ("Afgørelse"); the type itself when
 * genop has no name for it. Never NULL; static. */
const char *casework_event_type_da(const char *type);

/* What ev says, in Danish ("Bevilget: ja. Bevilling: træningsform
 * individuel træning, ..."), appended to out: every member of its body
 * but its type and date (shown beside it). A refusal's criterion and an
 * exception's limit are named by std's words for them (the criterion's
 * text, the limit's label) when std (may be NULL) has them. GENOP_EPARSE
 * if the stored body is not JSON; the buffer's failure is the caller's to
 * check. */
genop_err casework_event_text_da(const genop_event_row *ev, const genop_standard *std,
                                 genop_buf *out, genop_error *e);

/* "6. december 2026 kl. 12.55" for a stored UTC timestamp
 * ("2026-12-06T11:55:00.000Z"), in Danish time, appended to out; the
 * timestamp as it is when it cannot be read. */
void casework_timestamp_da(const char *utc, genop_buf *out);

#endif
