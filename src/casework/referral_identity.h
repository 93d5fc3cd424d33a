/*
 * referral_identity.h - the parts of registering a referral (referral.h)
 * that concern who the citizen is: the name given against the stored one,
 * the citizen's other open cases, and who referred (the consent). Private
 * to src/casework/referral*.c.
 */
#ifndef GENOP_CASEWORK_REFERRAL_IDENTITY_H
#define GENOP_CASEWORK_REFERRAL_IDENTITY_H

#include <stdbool.h>
#include <stddef.h>

#include "referral_types.h"
#include "store.h"

/* Copies name into out[0..size) without the white space at its ends. */
void referral_trim(const char *name, char *out, size_t size);

/* True when the stored name and the given one are not the same name:
 * they differ byte for byte once the white space at their ends is taken
 * off (see referral_identity.c for why no more than that). */
bool referral_names_differ(const char *stored, const char *given);

/* True when the referral's source says the citizen referred themselves. */
bool referral_by_citizen(const char *source);

/* Refuses (GENOP_EINVAL at $.referral.consent) a referral by someone other
 * than the citizen without the citizen's consent. */
genop_err referral_check_consent(const casework_referral *in, genop_error *e);

/* Inside the registration's write transaction: the referral's citizen,
 * *cit (its fields as given, checked), is found by its CPR number in its
 * municipality, or created (*created). A known citizen's stored fields
 * replace *cit's; if the names differ, the referral is refused
 * (GENOP_ECONFLICT at $.citizen.name, the stored citizen in
 * out->conflict_*) unless in->update_citizen: then the name is changed as
 * actor, the old one kept in the history (out->citizen_renamed). */
genop_err referral_citizen_resolve(genop_store *s, const genop_user *actor,
                                   const casework_referral *in, genop_citizen *cit,
                                   bool *created, casework_referral_result *out,
                                   genop_error *e);

/* Inside the same transaction, before the new case is stored: a warning in
 * out for each open case of row->citizen_id with row's paragraph and the
 * same condition (referral_identity.c says what is the same). */
genop_err referral_duplicates(genop_store *s, const genop_case_row *row,
                              casework_referral_result *out, genop_error *e);

#endif
