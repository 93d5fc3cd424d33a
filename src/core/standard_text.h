/*
 * standard_text.h - a quality standard's rules as plain Danish sentences,
 * for staff screens ("Borgeren kontaktes senest 5 hverdage efter
 * modtagelsen af henvendelsen.") and anything else that must say what a
 * rule promises without the reader knowing genop's field names.
 *
 * Every function writes one sentence (capital first letter, full stop)
 * into a caller's fixed buffer and returns that buffer. A sentence that
 * does not fit is cut short, never overflowed; GENOP_RULE_TEXT_MAX holds
 * every sentence the shipped standards give, labels included. The wording
 * follows `genop standard show` where that already says the same thing.
 * Pure: no I/O, no allocation.
 */
#ifndef GENOP_STANDARD_TEXT_H
#define GENOP_STANDARD_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "standard.h"

/* A buffer size that holds any rule sentence of this file. */
#define GENOP_RULE_TEXT_MAX 256

/* The most detail sentences genop_deadline_details() writes. */
#define GENOP_DEADLINE_DETAILS_MAX 3

/* What the deadline promises: "<what happens> senest <amount unit> efter
 * <the event it counts from>." ("Klagen genvurderes senest 4 uger efter
 * modtagelsen af klagen."). Days are written as "kalenderdage", since
 * that is how genop counts them. */
const char *genop_deadline_text(const genop_deadline_rule *d, char *buf, size_t size);

/* The deadline's conditions as separate sentences: when it applies (its
 * `when`), that it is the citizen's own deadline, that a due date off a
 * workday moves to the next workday. Writes up to
 * GENOP_DEADLINE_DETAILS_MAX pointers to static strings into out and
 * returns how many. */
size_t genop_deadline_details(const genop_deadline_rule *d,
                              const char *out[GENOP_DEADLINE_DETAILS_MAX]);

/* True for the deadlines of a complaint (those ending with the
 * complaint's receipt, its reconsideration or its forwarding). */
bool genop_deadline_is_complaint(const genop_deadline_rule *d);

/* The limit as a sentence: "Højst 32 træningsgange i alt.", "Højst 90
 * minutter pr. uge.", "Højst 4 måneder fra første træningsgang." */
const char *genop_limit_text(const genop_limit_rule *l, char *buf, size_t size);

/* "Forløbet tages op til vurdering ved 2 udeblivelser og afbud
 * tilsammen." The rule must be present. */
const char *genop_attendance_text(const genop_attendance_rule *a, char *buf, size_t size);

/* "Bliver borgeren indlagt under forløbet (...), tages forløbet op til
 * revurdering." The attendance rule's admission rule, which must be
 * present. */
const char *genop_admission_text(const genop_admission_rule *r, char *buf, size_t size);

/* The eligibility rules, each of which must be present:
 * "Borgeren skal være fyldt 18 år.", "Borgeren skal bo i Skive Kommune.",
 * "Der kan ikke bevilges træning efter § 86, stk. 1 til en borger, der
 * samtidig har en genoptræningsplan efter sundhedslovens § 140." (the
 * paragraph named only when the rule covers fewer than the standard),
 * "Et nyt forløb for samme lidelse kan tidligst bevilges 5 måneder efter,
 * at det forrige sluttede." */
const char *genop_minimum_age_text(const genop_age_rule *r, char *buf, size_t size);
const char *genop_residency_text(const genop_standard *std, char *buf, size_t size);
const char *genop_hospital_plan_text(const genop_standard *std, char *buf, size_t size);
const char *genop_quarantine_text(const genop_quarantine_rule *r, char *buf, size_t size);

/* What a cancellation brings (standard.h, genop_cancellation_rule), by
 * the citizen (by_citizen) or the provider: "Når borgeren aflyser,
 * tilbydes der ikke en anden tid.", "Når træningen aflyses af kommunen,
 * tilbydes borgeren en ny tid.", or that the standard promises none. */
const char *genop_cancellation_text(const genop_cancellation_rule *r, bool by_citizen,
                                    char *buf, size_t size);

#endif
