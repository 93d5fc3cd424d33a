/*
 * letter_compose.c - composing a letter (letter_compose.h): the kinds and
 * the events they are for, finding the event, and the frame every letter
 * has: the letterhead from the standard's `letters.sender` (the
 * municipality, the unit, its address and phone as the text gives them,
 * nothing invented), the citizen's name and address, the case's
 * reference, the title, then the kind's body (letter_decision.c,
 * letter_notices.c) and the signature.
 */
#include "letter_compose.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "letter_parts.h"

static const struct {
    const char *name, *event;
} kinds[LETTER_KIND_COUNT] = {
    [LETTER_DECISION] = {"decision", "decision"},
    [LETTER_COMPLAINT_DECISION] = {"complaint_decision", "complaint_decided"},
    [LETTER_COMPLAINT_FORWARDED] = {"complaint_forwarded", "complaint_forwarded"},
    [LETTER_COURSE_ENDED] = {"course_ended", "closed"},
};

const char *letter_kind_name(letter_kind kind)
{
    return kind < LETTER_KIND_COUNT ? kinds[kind].name : "?";
}

bool letter_kind_from_name(const char *name, letter_kind *out)
{
    for (int k = 0; name && k < LETTER_KIND_COUNT; k++)
        if (strcmp(kinds[k].name, name) == 0) {
            *out = (letter_kind)k;
            return true;
        }
    return false;
}

const char *letter_kind_event(letter_kind kind)
{
    return kind < LETTER_KIND_COUNT ? kinds[kind].event : "?";
}

const char *letter_kind_names(void)
{
    return "decision, complaint_decision, complaint_forwarded, course_ended";
}

/* ---- the frame ----------------------------------------------------------- */

genop_err letter_add_letterhead(genop_letter_doc *doc, const genop_standard *std, genop_error *e)
{
    const genop_letterhead *h = &std->letterhead;
    genop_err err = genop_letter_doc_add_sender(doc, std->municipality, e);
    if (!err && h->unit)
        err = genop_letter_doc_add_sender(doc, h->unit, e);
    for (size_t i = 0; !err && i < h->address.n; i++)
        err = genop_letter_doc_add_sender(doc, h->address.items[i], e);
    char line[256];
    if (!err && h->phone) {
        snprintf(line, sizeof line, "Telefon %s", h->phone);
        err = genop_letter_doc_add_sender(doc, line, e);
    }
    if (!err && h->email)
        err = genop_letter_doc_add_sender(doc, h->email, e);
    if (!err && h->web)
        err = genop_letter_doc_add_sender(doc, h->web, e);
    return err;
}

/* The most lines of name and address a window envelope shows (the PDF's
 * GENOP_LETTER_PDF_ADDRESS_LINES). */
#define LETTER_RECIPIENT_LINES 6

/* The citizen's name, then the address split into lines at newlines and
 * at ", " ("Vestergade 3, 9000 Aalborg"); lines past the sixth are left
 * out. */
static genop_err add_recipient(genop_letter_doc *doc, const genop_citizen *cit, genop_error *e)
{
    genop_err err = genop_letter_doc_add_recipient(doc, cit->name, e);
    const char *p = cit->address;
    while (!err && *p) {
        size_t n = strcspn(p, ",\n");
        char line[GENOP_ADDRESS_MAX];
        size_t skip = 0;
        while (skip < n && p[skip] == ' ')
            skip++;
        snprintf(line, sizeof line, "%.*s", (int)(n - skip), p + skip);
        if (*line && doc->recipient.n < LETTER_RECIPIENT_LINES)
            err = genop_letter_doc_add_recipient(doc, line, e);
        p += n;
        if (*p)
            p++;
    }
    return err;
}

static const char *service_name(const letter_case *lc)
{
    return lc->row->paragraph == GENOP_PARA_86_2 ? "vedligeholdende træning" : "genoptræning";
}

static void title_of(const letter_case *lc, letter_kind kind, char *buf, size_t size)
{
    switch (kind) {
    case LETTER_DECISION:
        snprintf(buf, size, "Afgørelse om %s", service_name(lc));
        break;
    case LETTER_COMPLAINT_DECISION:
        snprintf(buf, size, "Genvurdering af din klage over afgørelsen om %s",
                 service_name(lc));
        break;
    case LETTER_COMPLAINT_FORWARDED:
        snprintf(buf, size, "Din klage er sendt til Ankestyrelsen");
        break;
    default:
        snprintf(buf, size, "Afgørelse om at afslutte dit træningsforløb");
        break;
    }
}

static genop_err add_signature(letter_ctx *c, genop_error *e)
{
    const genop_standard *std = c->lc->std;
    const char *author = c->rq->author && *c->rq->author ? c->rq->author : NULL;
    const char *unit = std->letterhead.unit ? std->letterhead.unit : std->municipality;
    return genop_letter_doc_addf(c->doc, GENOP_LETTER_SIGNATURE, e, "Med venlig hilsen\n%s%s%s, %s",
                                 author ? author : "", author ? "\n" : "", unit,
                                 std->municipality);
}

static genop_err check_request(const letter_request *rq, genop_error *e)
{
    if (rq->text && strlen(rq->text) > LETTER_TEXT_MAX)
        return genop_refuse(e, GENOP_EINVAL, "$.text", "Teksten er %zu bytes; højst %d.",
                            strlen(rq->text), LETTER_TEXT_MAX);
    if (rq->partial && rq->kind != LETTER_DECISION)
        return genop_refuse(e, GENOP_EINVAL, "$.partial",
                            "Kun en afgørelse (kind: decision) kan være en delvis bevilling.");
    if (rq->partial && (!rq->text || !*rq->text))
        return genop_refuse(e, GENOP_EREFUSED, "$.text",
                            "En delvis bevilling skal begrundes: skriv i teksten, hvad der ikke "
                            "er bevilget, og hvorfor.");
    return GENOP_OK;
}

static genop_err compose_body(letter_ctx *c, genop_error *e)
{
    switch (c->rq->kind) {
    case LETTER_DECISION: return letter_decision_body(c, e);
    case LETTER_COMPLAINT_DECISION: return letter_complaint_decision_body(c, e);
    case LETTER_COMPLAINT_FORWARDED: return letter_complaint_forwarded_body(c, e);
    default: return letter_course_ended_body(c, e);
    }
}

/* The document's frame, then its body and signature. */
static genop_err compose_doc(letter_ctx *c, genop_error *e)
{
    char title[160], ref[48];
    title_of(c->lc, c->rq->kind, title, sizeof title);
    c->doc = genop_letter_doc_new(letter_kind_name(c->rq->kind), title, c->rq->date);
    if (!c->doc)
        return genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til brevet");
    snprintf(ref, sizeof ref, "Sag %" PRId64, c->lc->row->id);
    genop_err err = genop_letter_doc_set_reference(c->doc, ref, e);
    if (!err)
        err = letter_add_letterhead(c->doc, c->lc->std, e);
    if (!err)
        err = add_recipient(c->doc, c->lc->cit, e);
    if (!err)
        err = genop_letter_doc_addf(c->doc, GENOP_LETTER_PARAGRAPH, e, "Kære %s",
                                    c->lc->cit->name);
    if (!err)
        err = compose_body(c, e);
    if (!err)
        err = add_signature(c, e);
    return err;
}

genop_err letter_compose(const letter_case *lc, const letter_request *rq,
                         genop_letter_doc **out, int64_t *event_id, genop_error *e)
{
    letter_ctx c = {.lc = lc, .rq = rq};
    *out = NULL;
    genop_err err = check_request(rq, e);
    if (err)
        return err;
    c.event = lp_latest_event(lc, letter_kind_event(rq->kind), event_id, &c.event_date);
    if (!c.event)
        return genop_refuse(e, GENOP_EREFUSED, "$.kind",
                            "Sagen har ingen hændelse af typen %s, som et brev af typen %s kan "
                            "skrives om.",
                            letter_kind_event(rq->kind), letter_kind_name(rq->kind));
    genop_error why;
    if (genop_evaluate(lc->view, lc->std, rq->date, &c.eval, &why))
        err = genop_refuse(e, GENOP_EREFUSED, "$.kind", "Sagen kan ikke vurderes pr. brevets dato: %s",
                           why.message);
    if (!err)
        err = compose_doc(&c, e);
    json_decref(c.event);
    if (err) {
        genop_letter_doc_free(c.doc);
        return err;
    }
    *out = c.doc;
    return GENOP_OK;
}
