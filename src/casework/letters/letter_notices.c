/*
 * letter_notices.c - the bodies of the letters that follow a decision
 * (letter_parts.h):
 *
 *   complaint_decision   the reconsideration's result (full, partial or
 *                        no upholding, with the caseworker's reasons);
 *                        when not upheld in full, that the complaint goes
 *                        on to Ankestyrelsen by the forwarding deadline
 *   complaint_forwarded  the notice that the complaint went to
 *                        Ankestyrelsen with the case's documents
 *   course_ended         the decision to end a course: the closure's
 *                        reason from the standard (its closure_reasons
 *                        and attendance rule, with the no-shows counted),
 *                        and a complaint guidance, since it is a decision
 */
#include <string.h>

#include "closure_reasons.h"
#include "complaint_guidance.h"
#include "letter_parts.h"

/* The date of the latest event of type on or before c's event, into
 * *out; false when there is none. */
static bool date_before(const letter_ctx *c, genop_event_type type, genop_date *out)
{
    bool found = false;
    for (size_t i = 0; i < c->lc->view->n_events; i++) {
        const genop_event *ev = &c->lc->view->events[i];
        if (ev->type == type && ev->date <= c->event_date) {
            *out = ev->date;
            found = true;
        }
    }
    return found;
}

/* "Du får ... medhold" for the reconsideration's result. */
static const char *upheld_text(const char *upheld)
{
    if (upheld && strcmp(upheld, "full") == 0)
        return "Du får fuldt medhold i din klage, og afgørelsen bliver ændret. Den nye afgørelse "
               "får du i et brev for sig.";
    if (upheld && strcmp(upheld, "partial") == 0)
        return "Du får delvis medhold i din klage. Den ændrede afgørelse får du i et brev for sig.";
    return "Du får ikke medhold i din klage. Vi fastholder afgørelsen.";
}

static genop_err goes_on(letter_ctx *c, genop_error *e)
{
    const genop_deadline_result *f = lp_deadline(c, "complaint_forward");
    char da[GENOP_DATE_DA_SIZE];
    genop_err err = genop_letter_doc_add(c->doc, GENOP_LETTER_HEADING,
                                         "Din klage går videre til Ankestyrelsen", e);
    if (!err && f)
        err = genop_letter_doc_addf(c->doc, GENOP_LETTER_PARAGRAPH, e,
                                    "Da du ikke har fået fuldt medhold, sender vi din klage videre "
                                    "til Ankestyrelsen sammen med sagens akter senest den %s. Du "
                                    "skal ikke selv gøre noget. Du hører derefter fra "
                                    "Ankestyrelsen.",
                                    genop_date_format_da(f->due, da));
    else if (!err)
        err = genop_letter_doc_add(c->doc, GENOP_LETTER_PARAGRAPH,
                                   "Da du ikke har fået fuldt medhold, sender vi din klage videre "
                                   "til Ankestyrelsen sammen med sagens akter. Du skal ikke selv "
                                   "gøre noget. Du hører derefter fra Ankestyrelsen.",
                                   e);
    if (!err && f)
        err = lp_source(c, &f->rule->source, e);
    if (!err)
        err = lp_no_suspension(c, "Ankestyrelsen", e);
    return err;
}

genop_err letter_complaint_decision_body(letter_ctx *c, genop_error *e)
{
    const char *upheld = json_string_value(json_object_get(c->event, "upheld"));
    bool full = upheld && strcmp(upheld, "full") == 0;
    if (!full && (!c->rq->text || !*c->rq->text))
        return genop_refuse(e, GENOP_EREFUSED, "$.text",
                            "Et svar på en klage, der ikke gives fuldt medhold, skal begrundes: "
                            "skriv vurderingen i teksten.");
    genop_date received = c->event_date, decided = c->event_date;
    bool has_received = date_before(c, GENOP_EV_COMPLAINT_RECEIVED, &received);
    bool has_decision = date_before(c, GENOP_EV_DECISION, &decided);
    char r[GENOP_DATE_DA_SIZE], d[GENOP_DATE_DA_SIZE], now[GENOP_DATE_DA_SIZE];
    genop_err err = genop_letter_doc_add(c->doc, GENOP_LETTER_HEADING, "Resultat af genvurderingen", e);
    if (!err && has_received && has_decision)
        err = genop_letter_doc_addf(c->doc, GENOP_LETTER_PARAGRAPH, e,
                                    "Vi modtog den %s din klage over vores afgørelse af %s om %s "
                                    "efter %s. Vi har genvurderet sagen den %s.",
                                    genop_date_format_da(received, r),
                                    genop_date_format_da(decided, d), lp_service(c),
                                    lp_legal_basis(c), genop_date_format_da(c->event_date, now));
    if (!err)
        err = genop_letter_doc_add(c->doc, GENOP_LETTER_PARAGRAPH, upheld_text(upheld), e);
    const genop_deadline_result *rec = lp_deadline(c, "complaint_reconsideration");
    if (!err && rec)
        err = lp_source(c, &rec->rule->source, e);
    if (!err)
        err = lp_text(c, "Begrundelse", e);
    if (!err && !full)
        err = goes_on(c, e);
    return err;
}

genop_err letter_complaint_forwarded_body(letter_ctx *c, genop_error *e)
{
    genop_date decided = c->event_date;
    bool has_decision = date_before(c, GENOP_EV_DECISION, &decided);
    char d[GENOP_DATE_DA_SIZE], now[GENOP_DATE_DA_SIZE];
    genop_err err = genop_letter_doc_add(c->doc, GENOP_LETTER_HEADING,
                                         "Din klage er sendt videre", e);
    if (!err)
        err = genop_letter_doc_addf(
            c->doc, GENOP_LETTER_PARAGRAPH, e,
            "Vi har den %s sendt din klage%s%s til Ankestyrelsen sammen med sagens akter.",
            genop_date_format_da(c->event_date, now),
            has_decision ? " over vores afgørelse af " : "",
            has_decision ? genop_date_format_da(decided, d) : "");
    if (!err)
        err = genop_letter_doc_add(c->doc, GENOP_LETTER_PARAGRAPH,
                                   "Ankestyrelsen behandler nu din klage og skriver til dig. Du "
                                   "skal ikke selv gøre noget. Har du nye oplysninger til sagen, "
                                   "kan du sende dem til Ankestyrelsen.",
                                   e);
    const genop_deadline_result *f = lp_deadline(c, "complaint_forward");
    if (!err && f)
        err = lp_source(c, &f->rule->source, e);
    if (!err)
        err = lp_no_suspension(c, "Ankestyrelsen", e);
    if (!err)
        err = lp_text(c, "Bemærkninger", e);
    return err;
}

/* The attendance behind a closure for no-shows: the count and the rule. */
static genop_err attendance_part(letter_ctx *c, genop_error *e)
{
    const genop_attendance_result *a = &c->eval.attendance;
    const genop_attendance_rule *rule = &c->lc->std->attendance;
    genop_err err = GENOP_OK;
    if (a->no_shows && a->citizen_cancellations)
        err = genop_letter_doc_addf(c->doc, GENOP_LETTER_PARAGRAPH, e,
                                    "Du er udeblevet fra %d træningsgang%s uden at melde afbud, og "
                                    "du har meldt afbud til %d.",
                                    a->no_shows, a->no_shows == 1 ? "" : "e",
                                    a->citizen_cancellations);
    else if (a->no_shows)
        err = genop_letter_doc_addf(c->doc, GENOP_LETTER_PARAGRAPH, e,
                                    "Du er udeblevet fra %d træningsgang%s uden at melde afbud.",
                                    a->no_shows, a->no_shows == 1 ? "" : "e");
    else if (a->citizen_cancellations)
        err = genop_letter_doc_addf(c->doc, GENOP_LETTER_PARAGRAPH, e,
                                    "Du har meldt afbud til %d træningsgang%s.",
                                    a->citizen_cancellations,
                                    a->citizen_cancellations == 1 ? "" : "e");
    if (!err && rule->present && (rule->paragraphs & c->lc->row->paragraph) && rule->source.quote)
        err = genop_letter_doc_addf(c->doc, GENOP_LETTER_PARAGRAPH, e,
                                    "Kvalitetsstandarden siger: »%s«", rule->source.quote);
    if (!err && rule->present && (rule->paragraphs & c->lc->row->paragraph))
        err = lp_source(c, &rule->source, e);
    return err;
}

static genop_err closure_reason(letter_ctx *c, genop_error *e)
{
    const char *id = json_string_value(json_object_get(c->event, "reason"));
    genop_reason_entry r;
    genop_err err = genop_letter_doc_add(c->doc, GENOP_LETTER_HEADING, "Begrundelse", e);
    if (err || !id || !genop_closure_reason_find(c->lc->std, id, &r))
        return err;
    err = genop_letter_doc_addf(c->doc, GENOP_LETTER_PARAGRAPH, e, "Forløbet afsluttes af denne "
                                "grund: %s.", r.label);
    if (!err && strcmp(id, "no_shows") == 0)
        return attendance_part(c, e);
    if (!err && r.source && r.source->quote)
        err = genop_letter_doc_addf(c->doc, GENOP_LETTER_PARAGRAPH, e,
                                    "Kvalitetsstandarden siger: »%s«", r.source->quote);
    if (!err && r.source)
        err = lp_source(c, r.source, e);
    return err;
}

genop_err letter_course_ended_body(letter_ctx *c, genop_error *e)
{
    char d[GENOP_DATE_DA_SIZE];
    genop_err err = genop_letter_doc_add(c->doc, GENOP_LETTER_HEADING, "Afgørelse", e);
    if (!err)
        err = genop_letter_doc_addf(c->doc, GENOP_LETTER_PARAGRAPH, e,
                                    "Vi har den %s besluttet at afslutte dit forløb med %s efter %s.",
                                    genop_date_format_da(c->event_date, d), lp_service(c),
                                    lp_legal_basis(c));
    if (!err)
        err = lp_law(c, lp_law_name(c), e);
    if (!err)
        err = closure_reason(c, e);
    if (!err)
        err = lp_text(c, "Vores vurdering", e);
    genop_date received = c->event_date > c->rq->date ? c->event_date : c->rq->date;
    if (!err)
        err = complaint_guidance_add(c, received, NULL, e);
    return err;
}
