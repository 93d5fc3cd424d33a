/*
 * appeal_bundle.c - the case's documents for Ankestyrelsen (see
 * appeal_bundle.h): the list of documents, the kept letters laid out again
 * from their documents, and the case's record, as numbered documents of
 * one PDF (genop_letter_pdf_many).
 */
#include "appeal_bundle.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "case_record.h"
#include "letter_compose.h"
#include "letter_doc_json.h"
#include "letter_pdf.h"
#include "roles.h"

#define PURPOSE_APPEAL_BUNDLE "klage sendt videre til Ankestyrelsen"
#define BUNDLE_DOCS_MAX 64

/* The documents of one bundle: [0] the list, then the letters, then the
 * record. Every document is owned. */
typedef struct bundle {
    const casework_env *env;
    const genop_user *actor;
    const genop_standard *std;
    genop_case_row row;
    genop_citizen cit;
    genop_letter_doc *docs[BUNDLE_DOCS_MAX];
    size_t n;
} bundle;

static void bundle_release(bundle *b)
{
    for (size_t i = 0; i < b->n; i++) genop_letter_doc_free(b->docs[i]);
    b->n = 0;
}

/* The case must hold a complaint for there to be anything to send on. */
static genop_err require_complaint(bundle *b, genop_error *e)
{
    genop_list events = {0};
    genop_err err = genop_store_events_list(b->env->store, b->actor->municipality, b->row.id,
                                            &events, e);
    bool found = false;
    const genop_event_row *ev = events.items;
    for (size_t i = 0; !err && i < events.n; i++)
        found |= strcmp(ev[i].type, "complaint_received") == 0;
    genop_store_free_events(&events);
    if (err) return casework_internal(err, e);
    return found ? GENOP_OK
                 : genop_refuse(e, GENOP_EREFUSED, NULL,
                                "Sagen har ingen klage, så der er intet at sende til Ankestyrelsen.");
}

/* A new document of the bundle with the letterhead and the case's
 * reference; NULL (and *err set) on failure. */
static genop_letter_doc *new_doc(bundle *b, const char *kind, const char *title,
                                 genop_err *err, genop_error *e)
{
    char ref[48];
    genop_letter_doc *doc = genop_letter_doc_new(kind, title, b->env->today);
    if (!doc) {
        *err = genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til sagens akter");
        return NULL;
    }
    snprintf(ref, sizeof ref, "Sag %lld", (long long)b->row.id);
    *err = letter_add_letterhead(doc, b->std, e);
    if (!*err) *err = genop_letter_doc_set_reference(doc, ref, e);
    if (*err) {
        genop_letter_doc_free(doc);
        return NULL;
    }
    return doc;
}

/* The kept letters of the case, oldest first, laid out again from their
 * documents, each after the list's slot. */
static genop_err add_letters(bundle *b, genop_letter_doc *list, genop_error *e)
{
    genop_list rows = {0};
    genop_err err = genop_store_letters_list(b->env->store, b->actor->municipality, b->row.id,
                                             &rows, e);
    const genop_letter_row *l = rows.items;
    for (size_t i = 0; !err && i < rows.n; i++) {
        genop_letter_row full;
        if (b->n + 2 > BUNDLE_DOCS_MAX) {
            err = genop_fail(e, GENOP_ETOOBIG, "sagen har flere breve, end en samling kan rumme");
            break;
        }
        err = genop_store_letter_get(b->env->store, b->actor->municipality, l[i].id, true, &full, e);
        if (err) break;
        err = genop_letter_doc_read_json(full.document, strlen(full.document), &b->docs[b->n], e);
        genop_store_letter_release(&full);
        if (err) break;
        const genop_letter_doc *d = b->docs[b->n++];
        char day[GENOP_DATE_DA_SIZE];
        err = genop_letter_doc_addf(list, GENOP_LETTER_ITEM, e, "Dokument %zu: %s af %s (brev nr. %lld)",
                                    b->n, d->title, genop_date_format_da(d->date, day),
                                    (long long)l[i].id);
    }
    genop_store_free_list(&rows);
    return err;
}

/* The list of documents, the bundle's first. */
static genop_err add_list(bundle *b, genop_letter_doc **list, genop_error *e)
{
    genop_err err;
    char title[96];
    snprintf(title, sizeof title, "Klagesag: sagens akter, sag %lld", (long long)b->row.id);
    *list = new_doc(b, "appeal_bundle", title, &err, e);
    if (!*list) return err;
    b->docs[b->n++] = *list;
    err = genop_letter_doc_add_recipient(*list, "Ankestyrelsen", e);
    if (!err)
        err = genop_letter_doc_addf(*list, GENOP_LETTER_PARAGRAPH, e,
                                    "%s sender hermed klagen over afgørelsen i sag %lld om "
                                    "træning efter serviceloven § 86, stk. %d, videre med "
                                    "sagens akter. Klager: %s, CPR-nummer %s.",
                                    b->std->municipality, (long long)b->row.id,
                                    b->row.paragraph == GENOP_PARA_86_2 ? 2 : 1, b->cit.name,
                                    b->cit.cpr);
    if (!err)
        err = genop_letter_doc_add(*list, GENOP_LETTER_SOURCE,
                                   "Retssikkerhedsloven §§ 66-67: en klage, kommunen ikke giver "
                                   "fuldt medhold, sendes videre til Ankestyrelsen.", e);
    if (!err) err = genop_letter_doc_add(*list, GENOP_LETTER_HEADING, "Sagens akter", e);
    if (!err)
        err = genop_letter_doc_add(*list, GENOP_LETTER_ITEM, "Dokument 1: denne oversigt", e);
    return err;
}

/* The case's record: every event, the last document. */
static genop_err add_record(bundle *b, genop_letter_doc *list, genop_error *e)
{
    genop_err err;
    genop_letter_doc *rec = new_doc(b, "case_record", "Sagens hændelser", &err, e);
    if (!rec) return err;
    b->docs[b->n++] = rec;
    err = genop_letter_doc_add_fact(rec, "Borger", b->cit.name, e);
    if (!err) err = genop_letter_doc_add_fact(rec, "CPR-nummer", b->cit.cpr, e);
    if (!err) err = casework_case_record_add(b->env->store, b->actor->municipality, b->std, &b->row,
                                                 rec, e);
    if (!err)
        err = genop_letter_doc_addf(list, GENOP_LETTER_ITEM, e,
                                    "Dokument %zu: sagens hændelser, som de er registreret", b->n);
    return err;
}

static genop_err compose(bundle *b, genop_error *e)
{
    genop_letter_doc *list = NULL;
    genop_err err = add_list(b, &list, e);
    if (!err) err = add_letters(b, list, e);
    if (!err) err = add_record(b, list, e);
    return err;
}

genop_err casework_appeal_bundle_pdf(const casework_env *env, const genop_user *actor,
                                     int64_t case_id, genop_buf *pdf, genop_error *e)
{
    bundle b = {.env = env, .actor = actor};
    genop_err err = casework_require_role(actor, ROLES_VISITATOR,
                                          "samle sagens akter til Ankestyrelsen", e);
    if (!err) err = casework_user_standard(env, actor, &b.std, e);
    if (!err) err = genop_store_case_get(env->store, actor->municipality, case_id, &b.row, e);
    if (err == GENOP_ENOTFOUND) return genop_refuse(e, GENOP_ENOTFOUND, NULL, "Sagen findes ikke.");
    if (!err) err = genop_store_citizen_get(env->store, actor->municipality, b.row.citizen_id,
                                            &b.cit, e);
    if (!err) err = require_complaint(&b, e);
    if (err) return genop_err_is_refusal(err) ? err : casework_internal(err, e);
    err = audit_read(env, actor, b.cit.id, b.row.id, AUDIT_APPEAL_BUNDLE, PURPOSE_APPEAL_BUNDLE, e);
    if (!err) err = compose(&b, e);
    genop_letter_pdf_options opt = {.number_documents = true, .title = b.n ? b.docs[0]->title : NULL};
    if (!err)
        err = genop_letter_pdf_many((const genop_letter_doc *const *)b.docs, b.n, &opt, pdf, NULL, e);
    bundle_release(&b);
    return casework_internal(err, e);
}
