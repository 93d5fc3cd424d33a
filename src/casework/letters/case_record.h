/*
 * case_record.h - a case's record as part of a document: what the case is
 * about and every event registered in it, in Danish words, with who
 * registered it and when. The citizen's aktindsigt (access_report.h)
 * holds one per case; the documents sent to Ankestyrelsen with a
 * complaint hold the case's own.
 */
#ifndef GENOP_CASEWORK_CASE_RECORD_H
#define GENOP_CASEWORK_CASE_RECORD_H

#include "letter_doc.h"
#include "standard.h"
#include "store.h"

/* Appends to doc a heading "Sag N: serviceloven § 86, stk. X", the
 * referral's facts, and then each of the case's stored events in the
 * order registered (corrections included: the record is the log as it
 * was written). c is the case of municipality muni; the events are read
 * from s, and told in std's words (event_text.h). GENOP_ENOMEM, or a failure of the store. */
genop_err casework_case_record_add(genop_store *s, const char *muni, const genop_standard *std,
                                   const genop_case_row *c, genop_letter_doc *doc, genop_error *e);

#endif
