/*
 * letter_decision.c - the body of a decision letter (letter_parts.h):
 *
 *   Afgørelse        granted, partly granted or refused, under
 *                    serviceloven § 86, stk. 1 or 2, and its date
 *   Det har vi bevilget   the grant (form, place, sessions a week,
 *                    minutes, sessions, until, transport), each exception
 *                    to a limit of the standard with its reason and the
 *                    limit's source
 *   Det har vi ikke bevilget / Begrundelse   a partial grant's text; a
 *                    refusal's reasons, each the criterion's text with
 *                    the standard's section it rests on and the
 *                    caseworker's assessment
 *   Det lover kvalitetsstandarden dig   what the standard promises next,
 *                    as the dates of
 *                    the core's evaluation of the case (e.g. the start)
 *   Det forventes af dig   the standard's obligations (grants)
 *   Klagevejledning  complaint_guidance.c
 *
 * The grant and the reasons are read from the decision's stored body (the
 * checked form of grant_input.c and decision_reasons.c).
 */
#include <string.h>

#include "complaint_guidance.h"
#include "criteria.h"
#include "letter_parts.h"

/* A word of the grant in Danish ("individual" -> "Individuel træning"). */
static const char *grant_word(const char *value)
{
    static const struct { const char *en, *da; } words[] = {
        {"individual", "Individuel træning"}, {"team", "Holdtræning"},
        {"self_training", "Selvtræning"},    {"centre", "I træningscentret"},
        {"home", "I dit hjem"},              {"local_area", "I dit nærområde"},
    };
    for (size_t i = 0; value && i < sizeof words / sizeof words[0]; i++)
        if (strcmp(words[i].en, value) == 0)
            return words[i].da;
    return value ? value : "ikke oplyst";
}

static genop_err fact_int(letter_ctx *c, const json_t *grant, const char *key, const char *label,
                          genop_error *e)
{
    const json_t *v = json_object_get(grant, key);
    if (!json_is_integer(v))
        return GENOP_OK;
    char buf[32];
    snprintf(buf, sizeof buf, "%lld", (long long)json_integer_value(v));
    return genop_letter_doc_add_fact(c->doc, label, buf, e);
}

static genop_err grant_facts(letter_ctx *c, const json_t *grant, genop_error *e)
{
    genop_err err = genop_letter_doc_add(c->doc, GENOP_LETTER_HEADING, "Det har vi bevilget", e);
    if (!err)
        err = genop_letter_doc_add_fact(
            c->doc, "Træningsform", grant_word(json_string_value(json_object_get(grant, "form"))), e);
    if (!err)
        err = genop_letter_doc_add_fact(
            c->doc, "Sted", grant_word(json_string_value(json_object_get(grant, "place"))), e);
    if (!err)
        err = fact_int(c, grant, "sessions_per_week", "Træningsgange om ugen", e);
    if (!err)
        err = fact_int(c, grant, "minutes_per_session", "Minutter pr. træningsgang", e);
    if (!err)
        err = fact_int(c, grant, "sessions", "Træningsgange i alt", e);
    const char *until = json_string_value(json_object_get(grant, "until"));
    genop_date d;
    genop_error ignored;
    if (!err && until && genop_date_parse(until, &d, &ignored) == GENOP_OK) {
        char da[GENOP_DATE_DA_SIZE];
        err = genop_letter_doc_add_fact(c->doc, "Bevilget til og med", genop_date_format_da(d, da),
                                        e);
    }
    if (!err)
        err = genop_letter_doc_add_fact(c->doc, "Kørsel",
                                        json_is_true(json_object_get(grant, "transport"))
                                            ? "Ja, du får kørsel til og fra træningen"
                                            : "Nej, du sørger selv for at komme til træningen",
                                        e);
    return err;
}

/* The standard's limit of kind for the case's paragraph, or NULL. */
static const genop_limit_rule *limit_of(const letter_ctx *c, genop_limit_kind kind)
{
    const genop_standard *std = c->lc->std;
    for (size_t i = 0; i < std->n_limits; i++)
        if (std->limits[i].kind == kind && (std->limits[i].paragraphs & c->lc->row->paragraph))
            return &std->limits[i];
    return NULL;
}

static genop_err one_exception(letter_ctx *c, const json_t *x, genop_error *e)
{
    genop_limit_kind kind;
    const char *id = json_string_value(json_object_get(x, "limit"));
    const genop_limit_rule *rule = id && genop_limit_from_name(id, &kind) ? limit_of(c, kind) : NULL;
    long long max = (long long)json_integer_value(json_object_get(x, "max"));
    const char *reason = json_string_value(json_object_get(x, "reason"));
    if (!rule)
        return GENOP_OK;   /* judged when registered: cannot happen */
    char own[64], label[128];
    /* the label in a sentence: "Træningsgange pr. uge" -> "træningsgange pr. uge" */
    snprintf(label, sizeof label, "%s", rule->label);
    if (label[0] >= 'A' && label[0] <= 'Z')
        label[0] = (char)(label[0] - 'A' + 'a');
    if (rule->kind == GENOP_LIMIT_COURSE_LENGTH)
        snprintf(own, sizeof own, "%d %s", rule->max, genop_unit_label_da(rule->unit, rule->max));
    else
        snprintf(own, sizeof own, "%d", rule->max);
    genop_err err = genop_letter_doc_addf(
        c->doc, GENOP_LETTER_PARAGRAPH, e,
        "Vi har gjort en undtagelse fra kvalitetsstandardens grænse for %s: højst %s. "
        "Du får højst %lld%s.",
        label, own, max, rule->kind == GENOP_LIMIT_COURSE_LENGTH ? " dage" : "");
    if (!err && reason)
        err = genop_letter_doc_addf(c->doc, GENOP_LETTER_PARAGRAPH, e, "Begrundelse: %s", reason);
    if (!err)
        err = lp_source(c, &rule->source, e);
    return err;
}

static genop_err grant_part(letter_ctx *c, genop_error *e)
{
    const json_t *grant = json_object_get(c->event, "grant");
    if (!json_is_object(grant))   /* a decision from before grants were recorded */
        return genop_letter_doc_add(c->doc, GENOP_LETTER_PARAGRAPH,
                                    "Afgørelsen er registreret uden oplysning om, hvad der er "
                                    "bevilget. Kontakt os, hvis du er i tvivl.",
                                    e);
    genop_err err = grant_facts(c, grant, e);
    const json_t *xs = json_object_get(grant, "exceptions");
    size_t i;
    const json_t *x;
    json_array_foreach(xs, i, x) {
        if (err)
            break;
        err = one_exception(c, x, e);
    }
    return err;
}

/* One reason of a refusal: the criterion, the assessment, the source. */
static genop_err one_reason(letter_ctx *c, const json_t *r, genop_error *e)
{
    const char *id = json_string_value(json_object_get(r, "criterion"));
    const char *text = json_string_value(json_object_get(r, "text"));
    genop_criterion_entry entry;
    genop_err err = GENOP_OK;
    if (id && genop_criterion_find(c->lc->std, id, &entry)) {
        char buf[GENOP_CRITERION_TEXT_MAX];
        err = genop_letter_doc_addf(c->doc, GENOP_LETTER_ITEM, e, "%s",
                                    genop_criterion_text(c->lc->std, &entry, buf, sizeof buf));
        if (!err && text)
            err = genop_letter_doc_addf(c->doc, GENOP_LETTER_PARAGRAPH, e, "Vores vurdering: %s",
                                        text);
        if (!err && entry.source)
            err = lp_source(c, entry.source, e);
        return err;
    }
    err = genop_letter_doc_add(c->doc, GENOP_LETTER_ITEM,
                               "En grund, som kvalitetsstandarden ikke nævner", e);
    if (!err && text)
        err = genop_letter_doc_addf(c->doc, GENOP_LETTER_PARAGRAPH, e, "Vores vurdering: %s", text);
    return err;
}

static genop_err refusal_part(letter_ctx *c, genop_error *e)
{
    const json_t *reasons = json_object_get(c->event, "reasons");
    genop_err err = genop_letter_doc_add(c->doc, GENOP_LETTER_HEADING, "Begrundelse", e);
    if (!err && json_array_size(reasons))
        err = genop_letter_doc_add(c->doc, GENOP_LETTER_PARAGRAPH,
                                   "Vi har givet dig afslag af disse grunde:", e);
    size_t i;
    const json_t *r;
    json_array_foreach(reasons, i, r) {
        if (err)
            break;
        err = one_reason(c, r, e);
    }
    if (!err)
        err = lp_text(c, json_array_size(reasons) ? "Vores vurdering i øvrigt" : "Vores vurdering",
                      e);
    return err;
}

/* True for a deadline the unit keeps for the citizen after a grant and
 * has not yet kept: one that ends with the start of the training or the
 * end of the course (not the steps before the decision, which are past,
 * nor the complaint deadlines, which the guidance gives). */
static bool promise(const genop_deadline_result *d)
{
    const genop_deadline_rule *r = d->rule;
    return !d->done && !r->citizens_deadline &&
           (r->until == GENOP_ANCHOR_FIRST_SESSION || r->until == GENOP_ANCHOR_CLOSED);
}

static genop_err promises(letter_ctx *c, genop_error *e)
{
    genop_err err = GENOP_OK;
    bool any = false;
    for (size_t i = 0; !err && i < c->eval.n_deadlines; i++) {
        const genop_deadline_result *d = &c->eval.deadlines[i];
        if (!promise(d))
            continue;
        if (!any)
            err = genop_letter_doc_add(c->doc, GENOP_LETTER_HEADING,
                                       "Det lover kvalitetsstandarden dig", e);
        any = true;
        char da[GENOP_DATE_DA_SIZE], value[64];
        snprintf(value, sizeof value, "senest %s", genop_date_format_da(d->due, da));
        if (!err)
            err = genop_letter_doc_add_fact(c->doc, d->rule->label, value, e);
        if (!err && d->due < c->rq->date)
            err = genop_letter_doc_add(c->doc, GENOP_LETTER_PARAGRAPH,
                                       "Den frist er overskredet. Vi beklager, og vi kontakter "
                                       "dig hurtigst muligt.",
                                       e);
        if (!err)
            err = lp_source(c, &d->rule->source, e);
    }
    return err;
}

static genop_err decision_head(letter_ctx *c, bool granted, genop_error *e)
{
    char da[GENOP_DATE_DA_SIZE];
    genop_err err = genop_letter_doc_add(c->doc, GENOP_LETTER_HEADING, "Afgørelse", e);
    if (!err && !granted)
        err = genop_letter_doc_addf(c->doc, GENOP_LETTER_PARAGRAPH, e,
                                    "Du får afslag på %s efter %s.", lp_service(c), lp_legal_basis(c));
    else if (!err && c->rq->partial)
        err = genop_letter_doc_addf(c->doc, GENOP_LETTER_PARAGRAPH, e,
                                    "Du får delvis bevilget %s efter %s. Du får det, der står "
                                    "nedenfor, men ikke alt det, du har søgt om.",
                                    lp_service(c), lp_legal_basis(c));
    else if (!err)
        err = genop_letter_doc_addf(c->doc, GENOP_LETTER_PARAGRAPH, e,
                                    "Du får bevilget %s efter %s.", lp_service(c), lp_legal_basis(c));
    if (!err)
        err = genop_letter_doc_addf(c->doc, GENOP_LETTER_PARAGRAPH, e,
                                    "Afgørelsen er truffet den %s.",
                                    genop_date_format_da(c->event_date, da));
    if (!err)
        err = lp_law(c, lp_law_name(c), e);
    return err;
}

/* The day the citizen received the decision as far as the case knows
 * (its decision_received, else the decision's date, but not before the
 * letter's own date) and, when the evaluation counted the complaint
 * window from that day, its last day (*known). */
static void complaint_window(const letter_ctx *c, genop_date *received, genop_date *due,
                             bool *known)
{
    const genop_deadline_result *w = lp_deadline(c, "complaint_window");
    *known = w && w->from >= c->rq->date;
    *received = *known ? w->from : c->rq->date;
    *due = *known ? w->due : c->rq->date;
}

genop_err letter_decision_body(letter_ctx *c, genop_error *e)
{
    bool granted = json_is_true(json_object_get(c->event, "granted"));
    if (c->rq->partial && !granted)
        return genop_refuse(e, GENOP_EREFUSED, "$.partial",
                            "Sagens seneste afgørelse er et afslag, ikke en delvis bevilling.");
    genop_err err = decision_head(c, granted, e);
    if (!err && granted)
        err = grant_part(c, e);
    if (!err && granted)
        err = lp_text(c, c->rq->partial ? "Det har vi ikke bevilget" : "Vores vurdering", e);
    if (!err && !granted)
        err = refusal_part(c, e);
    if (!err && granted)
        err = promises(c, e);
    if (!err && granted)
        err = lp_obligations(c, e);
    genop_date received, due;
    bool known;
    complaint_window(c, &received, &due, &known);
    if (!err)
        err = complaint_guidance_add(c, received, known ? &due : NULL, e);
    return err;
}
