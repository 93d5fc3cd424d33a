/*
 * complaint_guidance.h - the complaint guidance (klagevejledning) of a
 * letter that carries a decision (shared/spec/letters.md section 2;
 * forvaltningsloven § 25): to whom, by which date, that a complaint may
 * be oral or written, that the municipality reconsiders within 4 weeks
 * and then sends it on to Ankestyrelsen, and that a complaint does not
 * suspend the decision ("ikke opsættende virkning"), each with its
 * source: the standard's section where its text says it, else the law
 * (retssikkerhedsloven §§ 66-67 and § 72, stk. 1).
 *
 * Where the standard names routes of its own (Ishøj: the service level
 * to Genoptræning Ishøj, the professional content to Styrelsen for
 * Patientklager) the guidance gives each; where it names a body that no
 * longer exists (Nyborg's Det Sociale Nævn) it names the one that
 * handles such complaints today, Ankestyrelsen.
 */
#ifndef GENOP_CASEWORK_COMPLAINT_GUIDANCE_H
#define GENOP_CASEWORK_COMPLAINT_GUIDANCE_H

#include "letter_parts.h"

/* Adds the guidance to c's document. received is the day the citizen
 * received the decision as far as the case knows (its decision_received,
 * else the decision's date); due the last day of the complaint window
 * counted from it (the core's evaluation), or NULL to count it here by
 * the standard's complaint_window rule (a closure, which no deadline of
 * the evaluation counts from). */
genop_err complaint_guidance_add(letter_ctx *c, genop_date received, const genop_date *due,
                                 genop_error *e);

#endif
