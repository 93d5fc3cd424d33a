/*
 * appeal_bundle.h - the case's documents sent to Ankestyrelsen with a
 * complaint the municipality did not uphold in full (retssikkerhedsloven
 * §§ 66-67: the complaint goes on "sammen med sagens øvrige akter", as
 * Aalborg's standard says): one PDF of numbered documents - a list of
 * them first, then every letter of the case as it was kept (its document
 * laid out again), then the case's record (every event, who registered it
 * and when: case_record.h).
 */
#ifndef GENOP_CASEWORK_APPEAL_BUNDLE_H
#define GENOP_CASEWORK_APPEAL_BUNDLE_H

#include <stdint.h>

#include "env.h"
#include "strbuf.h"

/* Appends the bundle of case case_id of the actor's municipality to pdf
 * (the caller's; release it with genop_buf_release). A visitator's only
 * (it shows the citizen's full CPR number and address). GENOP_ENOTFOUND
 * for no such case; GENOP_EREFUSED when the case has no complaint
 * (nothing to send on). Written to the access log (case.appeal_bundle)
 * before it is answered; nothing else is kept. */
genop_err casework_appeal_bundle_pdf(const casework_env *env, const genop_user *actor,
                                     int64_t case_id, genop_buf *pdf, genop_error *e);

#endif
