/*
 * letters.c - making, listing, reading and previewing letters
 * (letters.h). A letter is composed from the case as the store has it
 * (case_view_load: its row, citizen, events and their corrected view),
 * laid out as a PDF, hashed with SHA-256 (libsodium) and kept with its
 * document JSON in one write, which also writes the access log's row of
 * the making. Reads are logged before they are answered.
 */
#include "letters.h"

#include <sodium.h>
#include <string.h>

#include "audit.h"
#include "case_view.h"
#include "letter_compose.h"
#include "letter_doc_json.h"
#include "letter_pdf.h"
#include "roles.h"

/* One letter on its way: the case it is made from and its document. */
typedef struct making {
    case_view_loaded lc;
    genop_letter_doc *doc;
    int64_t event_id;
} making;

static void making_release(making *m)
{
    case_view_release(&m->lc);
    genop_letter_doc_free(m->doc);
}

static genop_err load_case(const casework_env *env, const genop_user *actor, int64_t case_id,
                           const genop_standard *std, case_view_loaded *lc, genop_error *e)
{
    genop_err err = case_view_load(env->store, actor->municipality, case_id, std, lc, e);
    if (err == GENOP_ENOTFOUND)
        return genop_refuse(e, GENOP_ENOTFOUND, NULL, "Sagen findes ikke.");
    return casework_internal(err, e);
}

/* Composes the letter in asks for into m (released by the caller). */
static genop_err compose(const casework_env *env, const genop_user *actor, int64_t case_id,
                         const casework_letter_input *in, making *m, genop_error *e)
{
    const genop_standard *std;
    letter_kind kind;
    genop_err err = casework_require_role(actor, ROLES_VISITATOR, "skrive breve", e);
    if (err)
        return err;
    if (!letter_kind_from_name(in->kind, &kind))
        return genop_refuse(e, GENOP_EINVAL, "$.kind", "Brevtypen '%.40s' findes ikke; brug en af: %s.",
                            in->kind ? in->kind : "", letter_kind_names());
    if ((err = casework_user_standard(env, actor, &std, e)) ||
        (err = load_case(env, actor, case_id, std, &m->lc, e)))
        return err;
    letter_case lc = {std,
                      &m->lc.row,
                      &m->lc.cit,
                      m->lc.events.items,
                      m->lc.events.n,
                      &m->lc.view};
    letter_request rq = {kind, in->text, in->partial, actor->username, env->today};
    return letter_compose(&lc, &rq, &m->doc, &m->event_id, e);
}

/* Lays doc out as a PDF into pdf. */
static genop_err render(const genop_letter_doc *doc, genop_buf *pdf, genop_error *e)
{
    genop_err err = genop_letter_pdf(doc, pdf, NULL, e);
    if (!err && genop_buf_failed(pdf))
        err = genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til brevets PDF");
    return casework_internal(err, e);
}

genop_err casework_letter_preview(const casework_env *env, const genop_user *actor,
                                  int64_t case_id, const casework_letter_input *in,
                                  genop_buf *pdf, genop_error *e)
{
    making m = {0};
    genop_err err = compose(env, actor, case_id, in, &m, e);
    if (!err)
        err = render(m.doc, pdf, e);
    if (!err)
        err = casework_internal(audit_read(env, actor, m.lc.cit.id, m.lc.row.id,
                                           AUDIT_LETTER_PREVIEW, AUDIT_PURPOSE_CASEWORK, e),
                                e);
    making_release(&m);
    return err;
}

/* The write of a made letter: the letter and the access log's row. */
typedef struct keep_job {
    const genop_user *actor;
    genop_letter_row *row;
    int64_t citizen_id;
} keep_job;

static genop_err keep(genop_store *s, void *ctx, genop_error *e)
{
    keep_job *k = ctx;
    genop_err err = genop_store_letter_add(s, k->row, e);
    if (!err)
        err = audit_add(s, k->actor, k->citizen_id, k->row->case_id, AUDIT_LETTER_MAKE,
                        AUDIT_PURPOSE_CASEWORK, e);
    return err;
}

/* The hex SHA-256 of data[0..n) into hex. */
static void sha256_hex(const unsigned char *data, size_t n, char hex[GENOP_SHA256_HEX_SIZE])
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, data, n);
    sodium_bin2hex(hex, GENOP_SHA256_HEX_SIZE, h, sizeof h);
}

/* Keeps m's document, laid out in pdf, as a letter of the actor. */
static genop_err keep_letter(const casework_env *env, const genop_user *actor, making *m,
                             const genop_buf *pdf, int64_t *letter_id, genop_error *e)
{
    genop_buf json = {0};
    genop_letter_doc_write_json(m->doc, &json);
    genop_err err = genop_buf_failed(&json) || !json.data
                        ? genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til brevets dokument")
                        : GENOP_OK;
    genop_letter_row row = {0};
    if (!err) {
        snprintf(row.municipality, sizeof row.municipality, "%s", actor->municipality);
        snprintf(row.kind, sizeof row.kind, "%s", m->doc->kind);
        snprintf(row.created_by, sizeof row.created_by, "%s", actor->username);
        row.case_id = m->lc.row.id;
        row.event_id = m->event_id;
        row.document = json.data;
        row.pdf = (unsigned char *)pdf->data;
        row.pdf_len = pdf->len;
        sha256_hex(row.pdf, row.pdf_len, row.sha256);
        keep_job k = {actor, &row, m->lc.cit.id};
        err = casework_write(env, keep, &k, e);
    }
    if (!err)
        *letter_id = row.id;
    genop_buf_release(&json);
    return err;
}

genop_err casework_letter_make(const casework_env *env, const genop_user *actor, int64_t case_id,
                               const casework_letter_input *in, int64_t *letter_id,
                               genop_error *e)
{
    making m = {0};
    genop_buf pdf = {0};
    genop_err err = compose(env, actor, case_id, in, &m, e);
    if (!err)
        err = render(m.doc, &pdf, e);
    if (!err)
        err = keep_letter(env, actor, &m, &pdf, letter_id, e);
    genop_buf_release(&pdf);
    making_release(&m);
    return err;
}

genop_err casework_letters_list(const casework_env *env, const genop_user *actor,
                                int64_t case_id, genop_list *out, genop_error *e)
{
    genop_case_row row;
    memset(out, 0, sizeof *out);
    genop_err err = casework_require_role(actor, ROLES_CASE_READ, "se sagens breve", e);
    if (err)
        return err;
    err = genop_store_case_get(env->store, actor->municipality, case_id, &row, e);
    if (err == GENOP_ENOTFOUND)
        return genop_refuse(e, GENOP_ENOTFOUND, NULL, "Sagen findes ikke.");
    if (!err)
        err = genop_store_letters_list(env->store, actor->municipality, case_id, out, e);
    if (!err)
        err = audit_read(env, actor, row.citizen_id, case_id, AUDIT_LETTER_LIST,
                         AUDIT_PURPOSE_CASEWORK, e);
    if (err)
        genop_store_free_list(out);
    return casework_internal(err, e);
}

genop_err casework_letter_read(const casework_env *env, const genop_user *actor,
                               int64_t letter_id, genop_letter_row *out, genop_error *e)
{
    memset(out, 0, sizeof *out);
    genop_err err = casework_require_role(actor, ROLES_CASEWORK, "læse breve", e);
    if (err)
        return err;
    err = genop_store_letter_get(env->store, actor->municipality, letter_id, true, out, e);
    if (err == GENOP_ENOTFOUND)
        return genop_refuse(e, GENOP_ENOTFOUND, NULL, "Brevet findes ikke.");
    if (!err)
        err = audit_read(env, actor, out->citizen_id, out->case_id, AUDIT_LETTER_READ,
                         AUDIT_PURPOSE_CASEWORK, e);
    if (err)
        genop_store_letter_release(out);
    return casework_internal(err, e);
}
