/*
 * roles.h - what each role may do and see. The policy (also summed up at
 * the top of router.c):
 *
 *   role       routes                                   event types it may append
 *   visitator  cases (create, list, read), events,      all (spec types, note,
 *              worklist, staff                           correction)
 *   terapeut   cases (list, read), events, worklist,    contacted, assessment,
 *              staff                                     session, closed,
 *                                                        function_status, admitted,
 *                                                        note, correction (of
 *                                                        those types), assigned
 *                                                        (themselves as terapeut)
 *   leder      cases (list, read), worklist, staff,     assigned, correction (of
 *              events (assignments only),                an assignment)
 *              citizens' access log
 *   admin      citizens' access log only (no case or    none
 *              health data)
 *
 * Fields: only a visitator sees the full CPR number; everyone else sees
 * "DDMMYY-xxxx". Contact details (address, phone, relatives) are shown to
 * visitator and terapeut, who contact the citizen; not to leder.
 */
#ifndef GENOP_ROLES_H
#define GENOP_ROLES_H

#include <stdbool.h>

#include "cpr.h"
#include "store.h"

#define ROLE_BIT(r) (1u << (r))
#define ROLES_VISITATOR ROLE_BIT(GENOP_ROLE_VISITATOR)
#define ROLES_TERAPEUT ROLE_BIT(GENOP_ROLE_TERAPEUT)
#define ROLES_LEDER ROLE_BIT(GENOP_ROLE_LEDER)
#define ROLES_ADMIN ROLE_BIT(GENOP_ROLE_ADMIN)
#define ROLES_ANY (ROLES_VISITATOR | ROLES_TERAPEUT | ROLES_LEDER | ROLES_ADMIN)
#define ROLES_CASEWORK (ROLES_VISITATOR | ROLES_TERAPEUT)
/* Who may register events at all (a leder only assignments: roles_may_append). */
#define ROLES_EVENTS (ROLES_VISITATOR | ROLES_TERAPEUT | ROLES_LEDER)
#define ROLES_CASE_READ (ROLES_VISITATOR | ROLES_TERAPEUT | ROLES_LEDER)
#define ROLES_OVERSIGHT (ROLES_LEDER | ROLES_ADMIN)

/* True if role may append an event of the API type `type` (a spec type,
 * "note" or "correction"). */
bool roles_may_append(genop_role role, const char *type);

/* The Danish words for an event of the API type `type`, as a user reads
 * them in a sentence ("en afgørelse"); a static string. */
const char *roles_event_label(const char *type);

/* The role's Danish name ("visitator", "administrator"); a static string. */
const char *roles_label(genop_role role);

/* True if role sees the citizen's full CPR number. */
bool roles_sees_full_cpr(genop_role role);

/* True if role sees the citizen's address, phone and relatives. */
bool roles_sees_contact(genop_role role);

/* The CPR number as role may see it: "DDMMYY-SSSS" or "DDMMYY-xxxx".
 * digits is the stored ten digits. Returns buf. */
char *roles_cpr_text(genop_role role, const char *digits, char buf[GENOP_CPR_TEXT_SIZE]);

#endif
