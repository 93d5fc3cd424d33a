/*
 * access_report.h - the citizen's right of access (aktindsigt): one
 * document of everything genop holds on a citizen - who they are (and
 * were called), every case with every event, the letters made, and the
 * access log of who looked at their data, when and why - made on the
 * citizen's request by a visitator of the municipality (it shows the full
 * CPR number and the address, which only a visitator sees: roles.h).
 *
 * The rights it answers: a party's access to the documents of their case
 * (forvaltningsloven § 9) and the data subject's right of access to their
 * personal data (databeskyttelsesforordningen, artikel 15). Making it is
 * itself written to the access log first, so the document lists its own
 * making.
 */
#ifndef GENOP_CASEWORK_ACCESS_REPORT_H
#define GENOP_CASEWORK_ACCESS_REPORT_H

#include <stdint.h>

#include "env.h"
#include "letter_doc.h"
#include "strbuf.h"

/* Composes the aktindsigt of citizen citizen_id (the citizen's internal
 * id) of the actor's municipality into *out (the caller frees it with
 * genop_letter_doc_free). GENOP_EFORBIDDEN for a role other than
 * visitator, GENOP_ENOTFOUND for no such citizen in the
 * municipality. */
genop_err casework_access_report(const casework_env *env, const genop_user *actor,
                                 int64_t citizen_id, genop_letter_doc **out, genop_error *e);

/* The same, laid out as one PDF (letter_pdf.h), appended to pdf (the
 * caller's; release it with genop_buf_release). Nothing is kept but the
 * access log's row of its making. */
genop_err casework_access_report_pdf(const casework_env *env, const genop_user *actor,
                                     int64_t citizen_id, genop_buf *pdf, genop_error *e);

#endif
