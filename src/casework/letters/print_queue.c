/*
 * print_queue.c - the print queue of outbox.h: the letters sent to
 * citizens exempt from Digital Post wait in it until someone prints them.
 * Listing it and fetching its PDF are reads of the citizens' letters (one
 * access-log row per citizen, logged before the answer); marking letters
 * printed is a write (all the letters named, or none).
 *
 * The PDF is laid out again from each letter's kept document
 * (letter_doc_json.h), not pasted together from the kept PDFs: the one
 * layout (letter_pdf.h) then gives a duplex print with every letter on
 * the front of a sheet of its own and the address in the envelope's
 * window, and the text is the text that was kept (its SHA-256 is of the
 * single letter's PDF, which is the one Digital Post or a reader gets).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "letter_doc_json.h"
#include "letter_pdf.h"
#include "outbox.h"
#include "roles.h"

/* Logs a read of the citizens of items[0..n) (one row each) as action. */
static genop_err log_citizens(const casework_env *env, const genop_user *actor,
                              const genop_print_item *const *items, size_t n,
                              const char *action, genop_error *e)
{
    audit_rows rows;
    audit_rows_init(&rows, actor, action, AUDIT_PURPOSE_CASEWORK);
    genop_err err = GENOP_OK;
    for (size_t i = 0; !err && i < n; i++)
        err = audit_rows_add_citizen(&rows, items[i]->citizen_id, e);
    if (!err)
        err = audit_rows_record(env, &rows, e);
    audit_rows_release(&rows);
    return casework_internal(err, e);
}

genop_err casework_print_queue(const casework_env *env, const genop_user *actor, genop_list *out,
                               genop_error *e)
{
    memset(out, 0, sizeof *out);
    genop_err err = casework_require_role(actor, ROLES_VISITATOR | ROLES_LEDER,
                                          "se udskriftskøen", e);
    if (err)
        return err;
    err = genop_store_print_queue(env->store, actor->municipality, out, e);
    const genop_print_item *items = out->items;
    const genop_print_item **all = out->n ? calloc(out->n, sizeof *all) : NULL;
    if (!err && out->n && !all)
        err = genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til udskriftskøen");
    for (size_t i = 0; !err && i < out->n; i++)
        all[i] = &items[i];
    if (!err)
        err = log_citizens(env, actor, all, out->n, AUDIT_PRINT_QUEUE, e);
    free(all);
    if (err)
        genop_store_free_list(out);
    return casework_internal(err, e);
}

/* The item of queue q for letter id, or NULL. */
static const genop_print_item *queued(const genop_list *q, int64_t id)
{
    const genop_print_item *items = q->items;
    for (size_t i = 0; i < q->n; i++)
        if (items[i].d.letter_id == id)
            return &items[i];
    return NULL;
}

/* ids[0..n): at least one, at most OUTBOX_PRINT_MAX, each once. */
static genop_err check_ids(const int64_t *ids, size_t n, genop_error *e)
{
    if (n == 0)
        return genop_refuse(e, GENOP_EINVAL, "$.letters", "Angiv mindst ét brev.");
    if (n > OUTBOX_PRINT_MAX)
        return genop_refuse(e, GENOP_EINVAL, "$.letters", "Højst %d breve ad gangen.",
                            OUTBOX_PRINT_MAX);
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < i; k++)
            if (ids[k] == ids[i])
                return genop_refuse(e, GENOP_EINVAL, "$.letters",
                                    "Brev %" PRId64 " er nævnt to gange.", ids[i]);
    return GENOP_OK;
}

/* Picks the items of the PDF from queue q into sel (room for
 * OUTBOX_PRINT_MAX): ids[0..n) in that order, or the whole queue's first
 * OUTBOX_PRINT_MAX when n == 0. */
static genop_err select_items(const genop_list *q, const int64_t *ids, size_t n,
                              const genop_print_item **sel, size_t *n_sel, genop_error *e)
{
    *n_sel = 0;
    if (n == 0) {
        if (q->n == 0)
            return genop_refuse(e, GENOP_EREFUSED, "$.letters",
                                "Udskriftskøen er tom; der er ingen breve at udskrive.");
        for (size_t i = 0; i < q->n && i < OUTBOX_PRINT_MAX; i++)
            sel[(*n_sel)++] = &((const genop_print_item *)q->items)[i];
        return GENOP_OK;
    }
    genop_err err = check_ids(ids, n, e);
    for (size_t i = 0; !err && i < n; i++) {
        if (!(sel[i] = queued(q, ids[i])))
            return genop_refuse(e, GENOP_EREFUSED, "$.letters",
                                "Brev %" PRId64 " står ikke i udskriftskøen (det er udskrevet, "
                                "sendt med Digital Post eller ikke sendt).", ids[i]);
        (*n_sel)++;
    }
    return err;
}

/* The kept documents of sel[0..n) into docs (owned by the caller). */
static genop_err load_docs(const casework_env *env, const char *muni,
                           const genop_print_item *const *sel, size_t n,
                           genop_letter_doc **docs, genop_error *e)
{
    genop_err err = GENOP_OK;
    for (size_t i = 0; !err && i < n; i++) {
        genop_letter_row l;
        err = genop_store_letter_get(env->store, muni, sel[i]->d.letter_id, true, &l, e);
        if (!err)
            err = genop_letter_doc_read_json(l.document, strlen(l.document), &docs[i], e);
        genop_store_letter_release(&l);
    }
    return err;
}

/* Lays out docs[0..n) as the print queue's PDF into pdf. */
static genop_err render(const casework_env *env, genop_letter_doc *const *docs, size_t n,
                        genop_buf *pdf, genop_error *e)
{
    char title[64], day[GENOP_DATE_DA_SIZE];
    snprintf(title, sizeof title, "Breve til udskrift %s", genop_date_format_da(env->today, day));
    genop_letter_pdf_options opt = {.title = title, .subject = "Breve til udskrift",
                                    .duplex = true};
    genop_err err = genop_letter_pdf_many((const genop_letter_doc *const *)docs, n, &opt, pdf,
                                          NULL, e);
    if (!err && genop_buf_failed(pdf))
        err = genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til udskriftens PDF");
    return err;
}

genop_err casework_print_pdf(const casework_env *env, const genop_user *actor,
                             const int64_t *ids, size_t n, genop_buf *pdf, int64_t *held,
                             size_t *n_held, genop_error *e)
{
    genop_list q = {0};
    const genop_print_item **sel = NULL;
    genop_letter_doc **docs = NULL;
    size_t n_sel = 0;
    *n_held = 0;
    genop_err err = casework_require_role(actor, ROLES_VISITATOR, "udskrive breve", e);
    if (err)
        return err;
    err = genop_store_print_queue(env->store, actor->municipality, &q, e);
    if (!err && (!(sel = calloc(OUTBOX_PRINT_MAX, sizeof *sel)) ||
                 !(docs = calloc(OUTBOX_PRINT_MAX, sizeof *docs))))
        err = genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til udskriftskøen");
    if (err) {
        err = casework_internal(err, e);
    } else if (!(err = select_items(&q, ids, n, sel, &n_sel, e))) {
        err = load_docs(env, actor->municipality, sel, n_sel, docs, e);
        if (!err)
            err = log_citizens(env, actor, sel, n_sel, AUDIT_PRINT_PDF, e);
        if (!err)
            err = render(env, docs, n_sel, pdf, e);
        err = casework_internal(err, e);   /* nothing here is the caller's */
    }
    for (size_t i = 0; !err && i < n_sel; i++)
        held[(*n_held)++] = sel[i]->d.letter_id;
    for (size_t i = 0; docs && i < n_sel; i++)
        genop_letter_doc_free(docs[i]);
    free(docs);
    free(sel);
    genop_store_free_list(&q);
    return err;
}

/* Marking letters printed, as a job of the writer. */
typedef struct done_job {
    const genop_user *actor;
    const int64_t *ids;
    size_t n;
} done_job;

/* Marks letter ids[i] printed (through s), refusing what is not queued. */
static genop_err mark_one(const done_job *j, genop_store *s, size_t i, genop_error *e)
{
    char field[32];
    genop_letter_row l;
    const char *muni = j->actor->municipality;
    snprintf(field, sizeof field, "$.letters[%zu]", i);
    genop_err err = genop_store_letter_get(s, muni, j->ids[i], false, &l, e);
    if (err == GENOP_ENOTFOUND)
        return genop_refuse(e, GENOP_ENOTFOUND, field, "Brev %" PRId64 " findes ikke.",
                            j->ids[i]);
    if (err)
        return casework_internal(err, e);
    if (strcmp(l.status, "printed") == 0)
        return genop_refuse(e, GENOP_ECONFLICT, field, "Brev %" PRId64 " er allerede "
                            "registreret som udskrevet.", j->ids[i]);
    if (strcmp(l.status, "queued") != 0)
        return genop_refuse(e, GENOP_ECONFLICT, field, "Brev %" PRId64 " står ikke i "
                            "udskriftskøen, så det kan ikke registreres som udskrevet.",
                            j->ids[i]);
    err = genop_store_print_done(s, muni, j->ids[i], j->actor->username, e);
    if (!err)
        err = audit_add(s, j->actor, l.citizen_id, l.case_id, AUDIT_PRINT_DONE,
                        AUDIT_PURPOSE_CASEWORK, e);
    return casework_internal(err, e);
}

static genop_err run_done(genop_store *s, void *ctx, genop_error *e)
{
    const done_job *j = ctx;
    genop_err err = GENOP_OK;
    for (size_t i = 0; !err && i < j->n; i++)
        err = mark_one(j, s, i, e);
    return err;
}

genop_err casework_print_done(const casework_env *env, const genop_user *actor,
                              const int64_t *ids, size_t n, genop_error *e)
{
    genop_err err = casework_require_role(actor, ROLES_VISITATOR, "registrere udskrevne breve",
                                          e);
    if (!err)
        err = check_ids(ids, n, e);
    done_job j = {actor, ids, n};
    return err ? err : casework_write(env, run_done, &j, e);
}
