/*
 * complaint_guidance.c - the complaint guidance of a letter that carries
 * a decision (complaint_guidance.h). It reads, in order:
 *
 *   Klagevejledning
 *   that the citizen may complain, orally or in writing;
 *   to whom (the unit that decides, with its address and phone);
 *   by which date: 4 weeks from receiving the decision, and the date
 *   that gives, with the complaint_window rule's source;
 *   that the municipality reconsiders within 4 weeks and, unless it
 *   upholds the complaint in full, sends it on with the case's documents
 *   to Ankestyrelsen (the reconsideration's and forwarding's sources);
 *   that a complaint does not suspend the decision (retssikkerhedsloven
 *   § 72, stk. 1);
 *   the standard's other routes, and the body that replaced one the text
 *   names that no longer exists.
 */
#include "complaint_guidance.h"

#include <stdio.h>
#include <string.h>

#include "complaint_routes.h"

/* "Visitationen, Aalborg Kommune, Lindholm Brygge 31, 9400 Nørresundby
 * (telefon 9982 5000)": the route's unit as the standard gives it, else
 * the letterhead's unit, into buf. */
static const char *unit_text(const genop_standard *std, const genop_complaint_route *r,
                             char *buf, size_t size)
{
    const genop_letterhead *h = &std->letterhead;
    bool own = r && r->unit.present;
    const char *name = own ? r->unit.name : h->unit ? h->unit : "kommunen";
    const genop_text_list *address = own ? &r->unit.address : &h->address;
    const char *phone = own ? r->unit.phone : h->phone;
    size_t n = (size_t)snprintf(buf, size, "%s, %s", name, std->municipality);
    for (size_t i = 0; i < address->n && n < size; i++)
        n += (size_t)snprintf(buf + n, size - n, ", %s", address->items[i]);
    if (phone && n < size)
        snprintf(buf + n, size - n, " (telefon %s)", phone);
    return buf;
}

/* The standard's own deadline rule id for the case's paragraph, or NULL. */
static const genop_deadline_rule *rule_of(const letter_ctx *c, const char *id)
{
    const genop_standard *std = c->lc->std;
    for (size_t i = 0; i < std->n_deadlines; i++)
        if (strcmp(std->deadlines[i].id, id) == 0 &&
            (std->deadlines[i].paragraphs & c->lc->row->paragraph))
            return &std->deadlines[i];
    return NULL;
}

/* The other things than the decision that route takes complaints about,
 * as Danish words joined by "og" into buf ("" for none). */
static const char *also_about(const genop_complaint_route *r, char *buf, size_t size)
{
    size_t n = 0;
    buf[0] = '\0';
    for (int a = 0; a < GENOP_ABOUT_COUNT; a++) {
        if (a == GENOP_ABOUT_DECISION || !(r->about & (1u << a)) || n >= size)
            continue;
        n += (size_t)snprintf(buf + n, size - n, "%s%s", n ? " og " : "",
                              genop_complaint_about_label_da((genop_complaint_about)a));
    }
    return buf;
}

static genop_err to_whom(letter_ctx *c, const genop_complaint_route *r, genop_error *e)
{
    char unit[512], also[128];
    genop_err err = genop_letter_doc_add(c->doc, GENOP_LETTER_PARAGRAPH,
                                         "Hvis du er uenig i afgørelsen, kan du klage over den. "
                                         "Du kan klage mundtligt eller skriftligt.",
                                         e);
    if (!err)
        err = genop_letter_doc_addf(c->doc, GENOP_LETTER_PARAGRAPH, e, "Klagen sendes til %s.",
                                    unit_text(c->lc->std, r, unit, sizeof unit));
    if (!err && r && *also_about(r, also, sizeof also))
        err = genop_letter_doc_addf(c->doc, GENOP_LETTER_PARAGRAPH, e,
                                    "Klager over %s sendes samme vej.", also);
    if (!err && r)
        err = lp_source(c, &r->source, e);
    else if (!err)
        err = lp_law(c, "Retssikkerhedsloven §§ 66-67", e);
    if (!err && r && r->unit.present && r->unit.has_source)
        err = lp_source(c, &r->unit.source, e);
    return err;
}

/* The last day of the window counted from received by the standard's
 * complaint_window rule (4 weeks by the law where it has none). */
static genop_err window_due(const letter_ctx *c, genop_date received, genop_date *due,
                            genop_error *e)
{
    const genop_deadline_rule *w = rule_of(c, "complaint_window");
    const genop_standard *std = c->lc->std;
    genop_err err = genop_standard_add(std, received, w ? w->amount : 4,
                                       w ? w->unit : GENOP_UNIT_WEEKS, due, e);
    if (!err && (!w || w->due_on_workday))
        err = genop_calendar_next_workday_on_or_after(std->calendar, *due, due, e);
    return err;
}

static genop_err by_when(letter_ctx *c, genop_date received, const genop_date *due,
                         genop_error *e)
{
    genop_date last;
    genop_err err = due ? GENOP_OK : window_due(c, received, &last, e);
    if (due)
        last = *due;
    char r[GENOP_DATE_DA_SIZE], d[GENOP_DATE_DA_SIZE];
    if (!err)
        err = genop_letter_doc_addf(c->doc, GENOP_LETTER_PARAGRAPH, e,
                                    "Klagen skal være modtaget senest 4 uger efter, at du har "
                                    "modtaget afgørelsen. Modtog du afgørelsen den %s, skal "
                                    "klagen være modtaget senest den %s.",
                                    genop_date_format_da(received, r),
                                    genop_date_format_da(last, d));
    const genop_deadline_rule *w = rule_of(c, "complaint_window");
    if (!err)
        err = w ? lp_source(c, &w->source, e) : lp_law(c, "Retssikkerhedsloven § 66", e);
    return err;
}

static genop_err reconsideration(letter_ctx *c, const genop_complaint_route *route,
                                 genop_error *e)
{
    const char *body = genop_complaint_handler_label_da(
        route && route->handler != GENOP_HANDLER_MUNICIPALITY ? route->handler
                                                              : GENOP_HANDLER_ANKESTYRELSEN);
    genop_err err = genop_letter_doc_addf(
        c->doc, GENOP_LETTER_PARAGRAPH, e,
        "Når vi har modtaget din klage, genvurderer vi afgørelsen, og du får svar senest 4 uger "
        "efter, at vi har modtaget klagen. Giver vi dig ikke fuldt ud medhold, sender vi klagen "
        "videre til %s sammen med sagens akter senest 4 uger efter, at vi har modtaget den. Du "
        "hører derefter fra %s.",
        body, body);
    const genop_deadline_rule *r = rule_of(c, "complaint_reconsideration");
    const genop_deadline_rule *f = rule_of(c, "complaint_forward");
    if (!err && r)
        err = lp_source(c, &r->source, e);
    bool same = r && f && r->source.citation && f->source.citation &&
                strcmp(r->source.citation, f->source.citation) == 0;
    if (!err && !same)
        err = f ? lp_source(c, &f->source, e) : lp_law(c, "Retssikkerhedsloven § 67", e);
    return err;
}

/* A body the standard's text names that no longer exists (Nyborg: Det
 * Sociale Nævn) and the one that handles such complaints today. */
static genop_err renamed_body(letter_ctx *c, const genop_complaint_route *r, genop_error *e)
{
    if (!r || !r->text_names)
        return GENOP_OK;
    return genop_letter_doc_addf(c->doc, GENOP_LETTER_PARAGRAPH, e,
                                 "Kvalitetsstandarden nævner %s. Det findes ikke længere; i dag "
                                 "er det %s, der behandler klager over afgørelser efter "
                                 "serviceloven.",
                                 r->text_names, genop_complaint_handler_label_da(r->handler));
}

/* The standard's routes for what is not the decision and goes elsewhere
 * (Ishøj: the professional content to Styrelsen for Patientklager). */
static genop_err other_routes(letter_ctx *c, const genop_complaint_route *decision,
                              genop_error *e)
{
    const genop_standard *std = c->lc->std;
    genop_err err = GENOP_OK;
    for (size_t i = 0; !err && i < std->n_complaint_routes; i++) {
        const genop_complaint_route *r = &std->complaint_routes[i];
        char about[128], unit[512];
        if (r == decision)
            continue;
        also_about(r, about, sizeof about);
        if (!r->reconsiders)
            err = genop_letter_doc_addf(c->doc, GENOP_LETTER_PARAGRAPH, e,
                                        "Klager over %s sendes direkte til %s%s%s%s. Dem "
                                        "genvurderer kommunen ikke.",
                                        about, genop_complaint_handler_label_da(r->handler),
                                        r->web ? " (" : "", r->web ? r->web : "",
                                        r->web ? ")" : "");
        else
            err = genop_letter_doc_addf(c->doc, GENOP_LETTER_PARAGRAPH, e,
                                        "Klager over %s sendes til %s, som genvurderer sagen.",
                                        about, unit_text(std, r, unit, sizeof unit));
        if (!err)
            err = lp_source(c, &r->source, e);
    }
    return err;
}

genop_err complaint_guidance_add(letter_ctx *c, genop_date received, const genop_date *due,
                                 genop_error *e)
{
    const genop_complaint_route *r = genop_complaint_route_for(c->lc->std, GENOP_ABOUT_DECISION);
    genop_err err = genop_letter_doc_add(c->doc, GENOP_LETTER_HEADING, "Klagevejledning", e);
    if (!err)
        err = to_whom(c, r, e);
    if (!err)
        err = by_when(c, received, due, e);
    if (!err && (!r || r->reconsiders))
        err = reconsideration(c, r, e);
    if (!err)
        err = renamed_body(c, r, e);
    if (!err)
        err = lp_no_suspension(c, "vi og Ankestyrelsen", e);
    if (!err)
        err = other_routes(c, r, e);
    return err;
}
