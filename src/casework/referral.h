/*
 * referral.h - registering a referral: finds the citizen by CPR number in
 * the actor's municipality or creates them, creates the case and its
 * referral_received event, its projection, its kept answer and the access
 * log's row, in one job of the environment's writer.
 *
 * The citizen's identity (shared/spec/api.md, "Finding cases, owning
 * them"): a citizen already known by the CPR number keeps what is stored,
 * but a referral that gives another name is refused (GENOP_ECONFLICT,
 * with the stored citizen in the result, nothing stored; the read of the
 * stored citizen is access-logged) unless it says update_citizen: then
 * the new name is stored, the old one kept in the citizen's history of
 * names (genop_store_citizen_rename), and the case opened. A referral for
 * a citizen with an open case of the same paragraph and condition is
 * registered with a warning naming that case. A referral by anyone but
 * the citizen needs the citizen's consent (referral_identity.c says why
 * and how the source tells who referred).
 */
#ifndef GENOP_CASEWORK_REFERRAL_H
#define GENOP_CASEWORK_REFERRAL_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "case.h"
#include "date.h"
#include "env.h"
#include "referral_types.h"

/* A referral checked and made ready to store: the citizen as given (the
 * store finds or creates them by CPR number), the case's row, the
 * referral_received event as the rules read it and its stored JSON. */
typedef struct casework_new_case {
    genop_citizen citizen;
    genop_case_row row;
    genop_event referral;
    char *event_body;             /* owned: casework_new_case_release() */
} casework_new_case;

/* The checks of casework_referral_register() alone, for a referral by
 * actor under std as of today: fills *out (zeroed first) or refuses as
 * that says. Pure: no store, no log. Release *out with
 * casework_new_case_release() whatever the result. */
genop_err casework_referral_prepare(const genop_standard *std, genop_date today,
                                    const genop_user *actor, const casework_referral *in,
                                    casework_new_case *out, genop_error *e);

void casework_new_case_release(casework_new_case *nc);

/* The store half of casework_referral_register(), for an operation that
 * opens a case inside a job of its own (history_import.h): through the
 * job's store s, the citizen of nc (prepared by casework_referral_prepare)
 * found, created or renamed (*created says which; a known CPR number with
 * another name is GENOP_ECONFLICT with out->conflict_* filled), the
 * warnings of like open cases into out, the case and its
 * referral_received event stored. On success nc->row and nc->citizen hold
 * their ids and *ev the stored event (its body borrowed from nc). Writes
 * no projection, kept answer or log: the caller does, once the case is
 * complete. Any failure but a refusal of the citizen is the store's. */
genop_err casework_referral_write(genop_store *s, const genop_user *actor,
                                  const casework_referral *in, casework_new_case *nc,
                                  bool *created, casework_referral_result *out,
                                  genop_event_row *ev, genop_error *e);

/* After a registration refused with GENOP_ECONFLICT (the stored citizen's
 * name and id shown): logs that read (the refused write left nothing).
 * Returns GENOP_ECONFLICT with e as it was, or the log's failure. */
genop_err casework_referral_conflict_read(const casework_env *env, const genop_user *actor,
                                          int64_t citizen_id, genop_error *e);

/* Reads a referral body {"citizen": {"cpr", "name", "address", "phone",
 * "birth_date", "digital_post_exempt", "relatives", "municipality_code",
 * "contact": {"name", "relation", "phone"}}, "referral": {"date",
 * "paragraph", "source", "condition", "text", "consent"},
 * "update_citizen"} into *in (zeroed first; its strings borrowed from body):
 * refuses (GENOP_EINVAL, the member's path) a member of the wrong type,
 * too long, or missing when required. */
genop_err casework_referral_from_json(const json_t *body, casework_referral *in,
                                      genop_error *e);

/* Registers the referral as actor (a visitator): refuses (GENOP_EINVAL,
 * GENOP_EREFUSED for a date the rules cannot accept, GENOP_EFORBIDDEN)
 * with the JSON path of the field at fault ("$.citizen.cpr",
 * "$.referral.date"); GENOP_ECONFLICT at "$.citizen.name" for a known
 * CPR number with another name (out->conflict_* filled, nothing stored).
 * *out is zeroed first. */
genop_err casework_referral_register(const casework_env *env, const genop_user *actor,
                                     const casework_referral *in,
                                     casework_referral_result *out, genop_error *e);

#endif
