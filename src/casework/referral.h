/*
 * referral.h - registering a referral: finds the citizen by CPR number in
 * the actor's municipality or creates them, creates the case and its
 * referral_received event, its projection, its kept answer and the access
 * log's row, in one job of the environment's writer. A citizen already
 * known keeps what is stored.
 */
#ifndef GENOP_CASEWORK_REFERRAL_H
#define GENOP_CASEWORK_REFERRAL_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "case.h"
#include "date.h"
#include "env.h"

/* Longest free text of a referral (bytes). */
#define CASEWORK_REFERRAL_TEXT_MAX 8000

/* Danish municipality codes (kommunekoder) run from 101 (København) to
 * 860 (Hjørring): Danmarks Statistik's classification KOMMUNE. */
#define CASEWORK_MUNICIPALITY_CODE_MIN 101
#define CASEWORK_MUNICIPALITY_CODE_MAX 860

/* A referral as a client gives it. Strings are borrowed; NULL is absent.
 * Lengths are checked against the store's bounds (store.h). */
typedef struct casework_referral {
    /* the citizen */
    const char *cpr;              /* required: ten digits, the dash allowed */
    const char *name;             /* required */
    const char *address, *phone, *relatives;
    bool has_birth_date;          /* else the CPR number's */
    genop_date birth_date;
    bool digital_post_exempt;
    int64_t municipality_code;    /* where the citizen lives; 0: the actor's
                                   * municipality's */
    /* the referral */
    genop_date date;
    const char *paragraph;        /* required: "86.1" or "86.2" */
    const char *source;           /* required: who referred */
    const char *condition, *text;
    bool has_consent, consent;
} casework_referral;

typedef struct casework_referral_result {
    int64_t case_id;
    int64_t citizen_id;
    bool citizen_created;         /* else the citizen was known */
} casework_referral_result;

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

/* Reads a referral body {"citizen": {"cpr", "name", "address", "phone",
 * "birth_date", "digital_post_exempt", "relatives", "municipality_code"},
 * "referral": {"date", "paragraph", "source", "condition", "text",
 * "consent"}} into *in (zeroed first; its strings borrowed from body):
 * refuses (GENOP_EINVAL, the member's path) a member of the wrong type,
 * too long, or missing when required. */
genop_err casework_referral_from_json(const json_t *body, casework_referral *in,
                                      genop_error *e);

/* Registers the referral as actor (a visitator): refuses (GENOP_EINVAL,
 * GENOP_EREFUSED for a date the rules cannot accept, GENOP_EFORBIDDEN)
 * with the JSON path of the field at fault ("$.citizen.cpr",
 * "$.referral.date"). */
genop_err casework_referral_register(const casework_env *env, const genop_user *actor,
                                     const casework_referral *in,
                                     casework_referral_result *out, genop_error *e);

#endif
