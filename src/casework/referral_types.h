/*
 * referral_types.h - what a referral is and what registering one answers:
 * the referral as a client gives it, its warnings and its result. Shared
 * by referral.h (registering) and referral_identity.h (the citizen's
 * identity, consent and the warning of a like case), so that neither of
 * those two includes the other's header.
 */
#ifndef GENOP_CASEWORK_REFERRAL_TYPES_H
#define GENOP_CASEWORK_REFERRAL_TYPES_H

#include <stdbool.h>
#include <stdint.h>

#include "case.h"
#include "date.h"
#include "store.h"

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
    /* the contact person (kontaktperson): all NULL, or a name */
    const char *contact_name, *contact_relation, *contact_phone;
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
    /* a new name for a citizen known by the CPR number is stored, not
     * refused */
    bool update_citizen;
} casework_referral;

/* Warnings of a registered referral (it was stored all the same). */
#define CASEWORK_WARNING_SAME_CONDITION "open_case_same_condition"
#define CASEWORK_REFERRAL_WARNINGS_MAX 8
#define CASEWORK_WARNING_DETAIL_MAX 256

typedef struct casework_referral_warning {
    const char *code;             /* static: CASEWORK_WARNING_* */
    int64_t case_id;              /* the other case */
    char detail[CASEWORK_WARNING_DETAIL_MAX];   /* Danish */
} casework_referral_warning;

typedef struct casework_referral_result {
    int64_t case_id;
    int64_t citizen_id;
    bool citizen_created;         /* else the citizen was known */
    bool citizen_renamed;         /* update_citizen changed the name */
    /* On GENOP_ECONFLICT (another name than the stored one): the stored
     * citizen's id and name. */
    int64_t conflict_citizen_id;
    char conflict_name[GENOP_NAME_MAX];
    casework_referral_warning warnings[CASEWORK_REFERRAL_WARNINGS_MAX];
    size_t n_warnings;            /* the first ..._MAX of them */
} casework_referral_result;

#endif
