/*
 * access_report.c - composing the citizen's aktindsigt (see
 * access_report.h): the citizen, their name history, each case with its
 * events, and the access log, in that order, as a letter document the
 * PDF renderer lays out (src/letters/letter_pdf.h).
 */
#include "access_report.h"

#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "case_record.h"
#include "event_text.h"
#include "letter_compose.h"
#include "letter_pdf.h"
#include "roles.h"
#include "strbuf.h"

#define PURPOSE_ACCESS_REPORT "aktindsigt udleveret til borgeren"

/* The access log's actions in Danish (as the web app's labels.js says
 * them); an action without a word here is shown as it is. */
static const struct { const char *action, *da; } ACTIONS[] = {
    {"case.create", "Oprettede sagen"},
    {"case.read", "Læste sagen"},
    {"case.list", "Så sagen på sagslisten"},
    {"event.append", "Registrerede en hændelse"},
    {"event.reject", "Forsøgte at registrere en hændelse (afvist)"},
    {"event.preview", "Prøvede en hændelse mod standardens grænser (intet gemt)"},
    {"worklist.read", "Så sagen på opgavelisten"},
    {"accesslog.read", "Læste adgangsloggen"},
    {"case.search", "Så dig i et søgeresultat"},
    {"citizen.search", "Så dig i et søgeresultat"},
    {"citizen.identity", "Sammenholdt en henvendelses navn med dit"},
    {AUDIT_LETTER_MAKE, "Skrev et brev til dig"},
    {AUDIT_LETTER_PREVIEW, "Så et udkast til et brev til dig"},
    {AUDIT_LETTER_LIST, "Så listen over dine breve"},
    {AUDIT_LETTER_READ, "Læste et brev til dig"},
    {AUDIT_LETTER_SEND, "Sendte et brev til dig"},
    {AUDIT_PRINT_QUEUE, "Så dit brev i udskriftskøen"},
    {AUDIT_PRINT_PDF, "Hentede dit brev til udskrift"},
    {AUDIT_PRINT_DONE, "Registrerede dit brev som udskrevet"},
    {AUDIT_APPEAL_BUNDLE, "Samlede sagens akter til Ankestyrelsen"},
    {AUDIT_ACCESS_REPORT, "Udskrev en aktindsigt"},
};

static const char *action_da(const char *action)
{
    for (size_t i = 0; i < sizeof ACTIONS / sizeof ACTIONS[0]; i++)
        if (strcmp(ACTIONS[i].action, action) == 0) return ACTIONS[i].da;
    return action;
}

/* What composing one report holds. */
typedef struct report {
    const casework_env *env;
    const genop_user *actor;
    const genop_standard *std;
    genop_citizen cit;
    genop_letter_doc *doc;   /* owned until handed to the caller */
    genop_buf text;          /* scratch for one block's text */
} report;

/* The text built in r->text as a block of kind (or a fact labelled). */
static genop_err add_text(report *r, genop_letter_block_kind kind, const char *label, genop_error *e)
{
    if (genop_buf_failed(&r->text))
        return genop_fail(e, GENOP_ENOMEM, "aktindsigten blev for stor");
    const char *t = r->text.len ? r->text.data : "";
    genop_err err = label ? genop_letter_doc_add_fact(r->doc, label, t, e)
                          : genop_letter_doc_add(r->doc, kind, t, e);
    genop_buf_reset(&r->text);
    return err;
}

/* The letterhead and the citizen as recipient. */
static genop_err add_head(report *r, genop_error *e)
{
    genop_err err = letter_add_letterhead(r->doc, r->std, e);
    if (!err) err = genop_letter_doc_add_recipient(r->doc, r->cit.name, e);
    if (!err && r->cit.address[0]) err = genop_letter_doc_add_recipient(r->doc, r->cit.address, e);
    if (err) return err;
    genop_buf_addf(&r->text, "Borger-id %lld", (long long)r->cit.id);
    err = genop_letter_doc_set_reference(r->doc, r->text.data, e);
    genop_buf_reset(&r->text);
    if (err) return err;
    char today[GENOP_DATE_DA_SIZE];
    genop_buf_addf(&r->text,
                   "Du har bedt om at se de oplysninger, %s har registreret om dig i forbindelse "
                   "med genoptræning og vedligeholdende træning efter serviceloven § 86. Her er "
                   "alle oplysningerne, som de stod den %s: hvem du er, dine sager med alt, "
                   "hvad der er registreret i dem, og hvem der har set dine oplysninger, "
                   "hvornår og hvorfor.",
                   r->std->municipality, genop_date_format_da(r->env->today, today));
    err = add_text(r, GENOP_LETTER_PARAGRAPH, NULL, e);
    if (!err)
        err = genop_letter_doc_add(r->doc, GENOP_LETTER_SOURCE,
                                   "Forvaltningsloven § 9 (aktindsigt i egen sag) og "
                                   "databeskyttelsesforordningen artikel 15 (indsigtsret).", e);
    return err;
}

/* Who the citizen is, as genop holds it. */
static genop_err add_person(report *r, genop_error *e)
{
    const genop_citizen *c = &r->cit;
    char born[GENOP_DATE_DA_SIZE];
    genop_err err = genop_letter_doc_add(r->doc, GENOP_LETTER_HEADING, "Dine oplysninger", e);
    if (!err) err = genop_letter_doc_add_fact(r->doc, "Navn", c->name, e);
    if (!err) err = genop_letter_doc_add_fact(r->doc, "CPR-nummer", c->cpr, e);
    if (!err) err = genop_letter_doc_add_fact(r->doc, "Fødselsdato",
                                              genop_date_format_da(c->birth_date, born), e);
    if (!err) err = genop_letter_doc_add_fact(r->doc, "Adresse", c->address[0] ? c->address : "ikke oplyst", e);
    if (!err) err = genop_letter_doc_add_fact(r->doc, "Telefon", c->phone[0] ? c->phone : "ikke oplyst", e);
    if (!err) err = genop_letter_doc_add_fact(r->doc, "Fritaget for Digital Post",
                                              c->digital_post_exempt ? "ja" : "nej", e);
    if (!err && c->contact_name[0]) {
        genop_buf_addf(&r->text, "%s", c->contact_name);
        if (c->contact_relation[0]) genop_buf_addf(&r->text, " (%s)", c->contact_relation);
        if (c->contact_phone[0]) genop_buf_addf(&r->text, ", tlf. %s", c->contact_phone);
        err = add_text(r, GENOP_LETTER_FACT, "Kontaktperson", e);
    }
    if (!err && c->relatives[0]) err = genop_letter_doc_add_fact(r->doc, "Pårørende", c->relatives, e);
    if (!err && c->municipality_code) {
        genop_buf_addf(&r->text, "kommunekode %d", c->municipality_code);
        err = add_text(r, GENOP_LETTER_FACT, "Bopælskommune", e);
    }
    return err;
}

/* The names the citizen had before, with when and by whom they changed. */
static genop_err add_names(report *r, genop_error *e)
{
    genop_list names = {0};
    genop_err err = genop_store_citizen_names(r->env->store, r->actor->municipality, r->cit.id,
                                              &names, e);
    const genop_citizen_name_change *ch = names.items;
    if (!err && names.n)
        err = genop_letter_doc_add(r->doc, GENOP_LETTER_HEADING, "Tidligere navne", e);
    for (size_t i = 0; !err && i < names.n; i++) {
        genop_buf_addf(&r->text, "%s, ændret til %s den ", ch[i].old_name, ch[i].new_name);
        casework_timestamp_da(ch[i].changed_at, &r->text);
        genop_buf_addf(&r->text, " af %s", ch[i].changed_by);
        err = add_text(r, GENOP_LETTER_ITEM, NULL, e);
    }
    genop_store_free_list(&names);
    return err;
}

static genop_err add_cases(report *r, genop_error *e)
{
    genop_case_filter f = {.closed = -1, .citizen_id = r->cit.id, .stage = GENOP_STAGE_UNKNOWN};
    genop_list cases = {0};
    size_t total = 0;
    genop_err err = genop_store_case_list(r->env->store, r->actor->municipality, &f, &cases,
                                          &total, e);
    const genop_case_summary *c = cases.items;
    if (!err && cases.n == 0)
        err = genop_letter_doc_add(r->doc, GENOP_LETTER_PARAGRAPH, "Du har ingen sager.", e);
    for (size_t i = 0; !err && i < cases.n; i++)
        err = casework_case_record_add(r->env->store, r->actor->municipality, r->std, &c[i].c,
                                       r->doc, e);
    genop_store_free_list(&cases);
    return err;
}

/* Every row of the citizen's access log, newest first, this report's own
 * making among them. */
static genop_err add_access_log(report *r, genop_error *e)
{
    genop_list rows = {0};
    size_t total = 0;
    genop_err err = genop_letter_doc_add(r->doc, GENOP_LETTER_HEADING,
                                         "Hvem har set dine oplysninger", e);
    if (!err) err = casework_import_reads(r->env, e);
    if (!err) err = genop_store_access_log_list(r->env->store, r->actor->municipality, r->cit.id,
                                                0, 0, &rows, &total, e);
    const genop_access_entry *row = rows.items;
    for (size_t i = 0; !err && i < rows.n; i++) {
        casework_timestamp_da(row[i].time, &r->text);
        genop_buf_addf(&r->text, ": %s, %s", row[i].username, action_da(row[i].action));
        if (row[i].case_id) genop_buf_addf(&r->text, " (sag %lld)", (long long)row[i].case_id);
        if (row[i].purpose[0]) genop_buf_addf(&r->text, ". Formål: %s", row[i].purpose);
        err = add_text(r, GENOP_LETTER_ITEM, NULL, e);
    }
    genop_store_free_list(&rows);
    return err;
}

static genop_err add_closing(report *r, genop_error *e)
{
    genop_err err = genop_letter_doc_add(r->doc, GENOP_LETTER_HEADING, "Spørgsmål", e);
    if (!err)
        err = genop_letter_doc_addf(r->doc, GENOP_LETTER_PARAGRAPH, e,
                                    "Mener du, at en oplysning er forkert, kan du bede %s om at "
                                    "rette den. Er du utilfreds med, hvordan dine oplysninger "
                                    "behandles, kan du klage til Datatilsynet.",
                                    r->std->municipality);
    if (!err)
        err = genop_letter_doc_add(r->doc, GENOP_LETTER_SOURCE,
                                   "Databeskyttelsesforordningen artikel 16 (berigtigelse) og "
                                   "artikel 77 (klage til en tilsynsmyndighed).", e);
    return err;
}

static genop_err compose(report *r, genop_error *e)
{
    genop_err err = add_head(r, e);
    if (!err) err = add_person(r, e);
    if (!err) err = add_names(r, e);
    if (!err) err = add_cases(r, e);
    if (!err) err = add_access_log(r, e);
    if (!err) err = add_closing(r, e);
    return err;
}

genop_err casework_access_report(const casework_env *env, const genop_user *actor,
                                 int64_t citizen_id, genop_letter_doc **out, genop_error *e)
{
    report r = {.env = env, .actor = actor};
    *out = NULL;
    genop_err err = casework_require_role(actor, ROLES_VISITATOR,
                                          "udskrive en aktindsigt", e);
    if (!err) err = casework_user_standard(env, actor, &r.std, e);
    if (!err) err = genop_store_citizen_get(env->store, actor->municipality, citizen_id, &r.cit, e);
    if (err == GENOP_ENOTFOUND) return genop_refuse(e, GENOP_ENOTFOUND, NULL, "Borgeren findes ikke.");
    if (err) return err;
    err = audit_read(env, actor, r.cit.id, 0, AUDIT_ACCESS_REPORT, PURPOSE_ACCESS_REPORT, e);
    if (err) return casework_internal(err, e);
    r.doc = genop_letter_doc_new("access_report", "Aktindsigt: dine oplysninger om genoptræning "
                                 "og vedligeholdende træning", env->today);
    if (!r.doc) return genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til aktindsigten");
    err = compose(&r, e);
    genop_buf_release(&r.text);
    if (err) {
        genop_letter_doc_free(r.doc);
        return casework_internal(err, e);
    }
    *out = r.doc;
    return GENOP_OK;
}

genop_err casework_access_report_pdf(const casework_env *env, const genop_user *actor,
                                     int64_t citizen_id, genop_buf *pdf, genop_error *e)
{
    genop_letter_doc *doc = NULL;
    genop_err err = casework_access_report(env, actor, citizen_id, &doc, e);
    if (err) return err;
    err = genop_letter_pdf(doc, pdf, NULL, e);
    genop_letter_doc_free(doc);
    return casework_internal(err, e);
}
