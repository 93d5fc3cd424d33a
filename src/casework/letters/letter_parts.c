/*
 * letter_parts.c - the small parts every letter's body shares
 * (letter_parts.h): the legal basis by the case's paragraph, a source
 * line for a rule of the standard or a law, "ikke opsættende virkning",
 * the caseworker's own text, the standard's obligations, a deadline of
 * the evaluation, and finding the event a letter is for among the case's
 * stored events as they count now.
 */
#include "letter_parts.h"

#include <string.h>

#include "case_view.h"

const char *lp_legal_basis(const letter_ctx *c)
{
    return c->lc->row->paragraph == GENOP_PARA_86_2 ? "serviceloven § 86, stk. 2"
                                                    : "serviceloven § 86, stk. 1";
}

const char *lp_law_name(const letter_ctx *c)
{
    return c->lc->row->paragraph == GENOP_PARA_86_2 ? "Lov om social service § 86, stk. 2"
                                                    : "Lov om social service § 86, stk. 1";
}

const char *lp_service(const letter_ctx *c)
{
    return c->lc->row->paragraph == GENOP_PARA_86_2 ? "vedligeholdende træning"
                                                    : "genoptræning";
}

genop_err lp_source(letter_ctx *c, const genop_source *src, genop_error *e)
{
    const genop_standard *std = c->lc->std;
    if (src->law && src->law_paragraph)
        return genop_letter_doc_addf(c->doc, GENOP_LETTER_SOURCE, e, "Kilde: %s %s", src->law,
                                     src->law_paragraph);
    if (!src->section)
        return GENOP_OK;
    return genop_letter_doc_addf(c->doc, GENOP_LETTER_SOURCE, e,
                                 "Kilde: %s, %s, afsnittet »%s«", std->title, std->municipality,
                                 src->section);
}

genop_err lp_law(letter_ctx *c, const char *law, genop_error *e)
{
    return genop_letter_doc_addf(c->doc, GENOP_LETTER_SOURCE, e, "Kilde: %s", law);
}

genop_err lp_no_suspension(letter_ctx *c, const char *who, genop_error *e)
{
    genop_err err = genop_letter_doc_addf(c->doc, GENOP_LETTER_PARAGRAPH, e,
                                          "Klagen har ikke opsættende virkning. Det betyder, at "
                                          "afgørelsen gælder, mens %s behandler klagen.",
                                          who);
    if (!err)
        err = lp_law(c, "Retssikkerhedsloven § 72, stk. 1", e);
    return err;
}

genop_err lp_text(letter_ctx *c, const char *heading, genop_error *e)
{
    const char *text = c->rq->text;
    if (!text || !*text)
        return GENOP_OK;
    genop_err err = genop_letter_doc_add(c->doc, GENOP_LETTER_HEADING, heading, e);
    if (!err && (err = genop_letter_doc_add(c->doc, GENOP_LETTER_PARAGRAPH, text, e)) &&
        err == GENOP_EINVAL)
        return genop_refuse(e, GENOP_EINVAL, "$.text",
                            "Teksten må kun indeholde tegn, der kan skrives i et brev "
                            "(ingen kontroltegn).");
    return err;
}

genop_err lp_obligations(letter_ctx *c, genop_error *e)
{
    const genop_text_list *ob = &c->lc->std->content.obligations;
    if (!ob->n)
        return GENOP_OK;
    genop_err err = genop_letter_doc_add(c->doc, GENOP_LETTER_HEADING, "Det forventes af dig", e);
    for (size_t i = 0; !err && i < ob->n; i++)
        err = genop_letter_doc_add(c->doc, GENOP_LETTER_ITEM, ob->items[i], e);
    if (!err)
        err = genop_letter_doc_addf(c->doc, GENOP_LETTER_SOURCE, e,
                                    "Kilde: %s, %s, om borgerens pligter", c->lc->std->title,
                                    c->lc->std->municipality);
    return err;
}

const genop_deadline_result *lp_deadline(const letter_ctx *c, const char *id)
{
    for (size_t i = 0; i < c->eval.n_deadlines; i++)
        if (strcmp(c->eval.deadlines[i].rule->id, id) == 0)
            return &c->eval.deadlines[i];
    return NULL;
}

bool lp_body_date(const json_t *body, genop_date *out)
{
    const char *s = json_string_value(json_object_get(body, "date"));
    genop_error ignored;
    return s && genop_date_parse(s, out, &ignored) == GENOP_OK;
}

json_t *lp_latest_event(const letter_case *lc, const char *type, int64_t *id, genop_date *date)
{
    json_t *best = NULL;
    for (size_t i = 0; i < lc->n_rows; i++) {
        const genop_event_row *row = &lc->rows[i];
        if (case_view_is_journal(row->type))
            continue;
        json_t *body = case_view_current_body(lc->rows, lc->n_rows, row);
        const char *t = json_string_value(json_object_get(body, "type"));
        genop_date d;
        if (!t || strcmp(t, type) != 0 || !lp_body_date(body, &d) || (best && d < *date)) {
            json_decref(body);
            continue;
        }
        json_decref(best);
        best = body;
        *id = row->id;
        *date = d;
    }
    return best;
}

