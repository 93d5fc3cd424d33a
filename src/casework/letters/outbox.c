/*
 * outbox.c - sending a letter (outbox.h): the letter, its citizen and
 * the channel are read first, the MeMo message is built and validated
 * before anything is written; then one job of the writer records the
 * sending, the case's decision_received (for a decision letter) and the
 * access log's row, and - last, so that a spool that cannot be written
 * undoes it all - writes the message into the spool directory. Whichever
 * step fails, nothing of the sending is kept.
 *
 * Whether the case has the decision's receipt already: the letter is for
 * a decision event (letters.event_id). Among the case's events in the
 * order they were registered, each as it counts now (corrected, withdrawn
 * ones left out), a decision_received registered after that decision and
 * before the next decision was registered (a revisitation, which is
 * received on its own), and dated on or after the decision, is its
 * receipt - registered by hand or by an earlier letter for the same
 * decision (a corrected letter is a new letter). Then no other is added:
 * the complaint window counts from the first receipt (evaluate.md), and a
 * second letter does not move it. Registration order, not dates, tells
 * the decisions apart, so a receipt and a new decision on the same day
 * are not mistaken for each other.
 */
#include "outbox.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "case_view.h"
#include "event_append.h"
#include "event_input.h"
#include "letter_doc_json.h"
#include "roles.h"
#include "spool.h"

/* A sending on its way; everything owned is released by sending_release. */
typedef struct sending {
    const casework_env *env;
    const casework_outbox *ob;
    const genop_user *actor;
    const genop_standard *std;
    genop_letter_row letter;       /* with its document and PDF */
    genop_letter_doc *doc;
    genop_citizen cit;
    genop_buf memo;                /* the MeMo message (Digital Post) */
    bool digital;
    bool decision;                 /* a decision letter: records the receipt */
    casework_event receipt;        /* the decision_received, when decision */
    case_view_loaded lc;           /* the case, loaded in the job */
    casework_sent out;
} sending;

static void sending_release(sending *g)
{
    genop_store_letter_release(&g->letter);
    genop_letter_doc_free(g->doc);
    genop_buf_release(&g->memo);
    casework_event_release(&g->receipt);
    case_view_release(&g->lc);
}

static const char *channel_da(const genop_dispatch_row *d)
{
    return strcmp(d->channel, "print") == 0 ? "til udskrift og afsendelse med posten"
                                            : "med Digital Post";
}

/* GENOP_ECONFLICT when letter id was sent already (through s). */
static genop_err not_sent(genop_store *s, const char *muni, int64_t id, genop_error *e)
{
    genop_dispatch_row d;
    char when[GENOP_DATE_STR_SIZE], da[GENOP_DATE_DA_SIZE];
    genop_date sent;
    genop_error ignored;
    genop_err err = genop_store_dispatch_get(s, muni, id, &d, e);
    if (err == GENOP_ENOTFOUND)
        return GENOP_OK;
    if (err)
        return casework_internal(err, e);
    snprintf(when, sizeof when, "%.10s", d.sent);        /* the UTC date of the sending */
    return genop_refuse(e, GENOP_ECONFLICT, NULL,
                        "Brevet er allerede sendt (%s den %s af %s). Et brev sendes kun én "
                        "gang; skal borgeren have det igen, så lav et nyt brev.",
                        channel_da(&d),
                        genop_date_parse(when, &sent, &ignored) ? when
                                                                : genop_date_format_da(sent, da),
                        d.sent_by);
}

/* Reads the letter, its document and its citizen into g. */
static genop_err load_letter(sending *g, int64_t letter_id, genop_error *e)
{
    const char *muni = g->actor->municipality;
    genop_store *s = g->env->store;
    genop_err err = genop_store_letter_get(s, muni, letter_id, true, &g->letter, e);
    if (err == GENOP_ENOTFOUND)
        return genop_refuse(e, GENOP_ENOTFOUND, NULL, "Brevet findes ikke.");
    if (err)
        return casework_internal(err, e);
    if ((err = not_sent(s, muni, letter_id, e)))
        return err;
    err = genop_letter_doc_read_json(g->letter.document, strlen(g->letter.document), &g->doc, e);
    if (!err)
        err = genop_store_citizen_get(s, muni, g->letter.citizen_id, &g->cit, e);
    return casework_internal(err, e);
}

/* The day the letter counts as received (see outbox.h), into g->out. */
static genop_err receipt_day(sending *g, genop_error *e)
{
    if (g->digital) {
        g->out.received = g->env->today;
        return GENOP_OK;
    }
    /* Ankestyrelsen's practice under Justitsministeriets vejledning of
     * 2018: a letter sent by post counts as received 6 workdays after its
     * date (letters.md section 2), by the standard's own calendar. */
    genop_err err = genop_calendar_add_workdays(g->std->calendar, g->doc->date,
                                                OUTBOX_PRINT_RECEIPT_WORKDAYS,
                                                &g->out.received, e);
    return casework_internal(err, e);
}

/* Builds the MeMo message of the letter into g->memo and validates it. */
static genop_err build_memo(sending *g, genop_error *e)
{
    genop_dp_sender sender;
    const char *muni = g->actor->municipality;
    if (!g->ob || !g->ob->spool_dir || !g->ob->spool_dir[0])
        return genop_refuse(e, GENOP_EREFUSED, NULL,
                            "Digital Post er ikke sat op på denne server (der er ingen "
                            "spoolmappe); brevet kan ikke sendes.");
    genop_err err = genop_store_dp_sender_get(g->env->store, muni, &sender, e);
    if (err == GENOP_ENOTFOUND)
        return genop_refuse(e, GENOP_EREFUSED, NULL,
                            "Kommunens CVR-nummer som afsender i Digital Post er ikke sat op, så "
                            "brevet kan ikke sendes med Digital Post. Bed en administrator om at "
                            "sætte det op (genop digital-post).");
    genop_dispatch_row *d = &g->out.d;
    char case_ref[24], filename[64], date[GENOP_DATE_STR_SIZE];
    snprintf(case_ref, sizeof case_ref, "%" PRId64, g->letter.case_id);
    snprintf(filename, sizeof filename, "brev-%" PRId64 "-%s.pdf", g->letter.id,
             genop_date_format(g->doc->date, date));
    if (!err)
        err = genop_memo_uuid(d->memo_uuid, e);
    genop_memo_input in = {
        .message_uuid = d->memo_uuid, .sender_cvr = sender.cvr,
        .sender_label = g->std->municipality,
        .recipient_cpr = g->cit.cpr, .recipient_name = g->cit.name, .title = g->doc->title,
        .case_id = case_ref, .created = (time_t)g->env->now, .pdf = g->letter.pdf,
        .pdf_len = g->letter.pdf_len, .filename = filename};
    if (!err)
        err = genop_memo_build(&in, &g->memo, NULL, e);
    if (!err && g->ob->schema)
        err = genop_memo_validate(g->ob->schema, g->memo.data, g->memo.len, e);
    snprintf(d->spool_file, sizeof d->spool_file, "%s.xml", d->memo_uuid);
    return casework_internal(err, e);
}

/* The decision_received event of a decision letter into g->receipt. */
static genop_err prepare_receipt(sending *g, genop_error *e)
{
    char day[GENOP_DATE_STR_SIZE], text[240];
    if (g->digital)
        snprintf(text, sizeof text, "Afgørelsesbrevet (brev %" PRId64 ") er sendt med Digital "
                 "Post og regnes for modtaget samme dag.", g->letter.id);
    else
        snprintf(text, sizeof text, "Afgørelsesbrevet (brev %" PRId64 ") er sat til udskrift "
                 "og sendes med posten; det regnes for modtaget %d arbejdsdage efter brevets "
                 "dato (Ankestyrelsens praksis).", g->letter.id, OUTBOX_PRINT_RECEIPT_WORKDAYS);
    json_t *body = json_pack("{s:s, s:s, s:s}", "type", "decision_received", "date",
                             genop_date_format(g->out.received, day), "text", text);
    if (!body)
        return genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til modtagelsen");
    genop_err err = casework_event_read(body, &g->receipt, e);
    json_decref(body);
    return casework_internal(err, e);
}

/* The type and date of stored event row as it counts now (its latest
 * correction's); false when it is withdrawn or cannot be read. */
static bool current(const case_view_loaded *lc, const genop_event_row *row,
                    genop_event_type *type, genop_date *date)
{
    json_t *body = case_view_current_body(lc->events.items, lc->events.n, row);
    const char *t = json_string_value(json_object_get(body, "type"));
    const char *d = json_string_value(json_object_get(body, "date"));
    genop_error ignored;
    bool ok = t && d && genop_event_type_from_name(t, type) &&
              genop_date_parse(d, date, &ignored) == GENOP_OK;
    json_decref(body);
    return ok;
}

/* Looks for the receipt of decision event id in lc (see the top of the
 * file): *found says whether the decision is there (not withdrawn), *has
 * whether a decision_received dated on or after it was registered after
 * it and before the next decision was. */
static void find_receipt(const case_view_loaded *lc, int64_t id, bool *found, bool *has)
{
    const genop_event_row *rows = lc->events.items;
    genop_date decided = 0, date;
    genop_event_type type;
    *found = *has = false;
    for (size_t i = 0; i < lc->events.n && !*has; i++) {
        if (case_view_is_journal(rows[i].type) || !current(lc, &rows[i], &type, &date))
            continue;
        if (rows[i].id == id) {
            *found = type == GENOP_EV_DECISION;
            decided = date;
        } else if (*found && type == GENOP_EV_DECISION) {
            return;            /* a later decision: what follows is its own */
        } else if (*found && type == GENOP_EV_DECISION_RECEIVED && date >= decided) {
            *has = true;
        }
    }
}

/* In the job: records the decision's receipt unless the case has it. */
static genop_err record_receipt(sending *g, genop_store *s, genop_error *e)
{
    bool found, has;
    genop_err err = case_view_load(s, g->actor->municipality, g->letter.case_id, g->std, &g->lc, e);
    if (err)
        return casework_internal(err, e);
    find_receipt(&g->lc, g->letter.event_id, &found, &has);
    if (!found)
        return genop_refuse(e, GENOP_EREFUSED, NULL,
                            "Afgørelsen, som brevet er skrevet til, er trukket tilbage; brevet "
                            "kan ikke sendes. Lav et nyt brev til den afgørelse, der gælder.");
    if (has)
        return GENOP_OK;
    genop_date today = g->env->today, received = g->out.received;
    err = casework_event_store(s, g->actor, g->std, today, received > today ? received : today,
                               &g->lc, &g->receipt, &g->out.received_event, e);
    if (err == GENOP_EREFUSED) {
        genop_error why = *e;
        return genop_refuse(e, GENOP_EREFUSED, NULL,
                            "Brevet kan ikke sendes: borgerens modtagelse af afgørelsen kan ikke "
                            "registreres (%s).", why.message);
    }
    return err;
}

/* The job: the receipt, the sending, the access log, then the spool. */
static genop_err run_send(genop_store *s, void *ctx, genop_error *e)
{
    sending *g = ctx;
    genop_dispatch_row *d = &g->out.d;
    genop_err err = not_sent(s, g->actor->municipality, g->letter.id, e);
    g->out.received_event = 0;
    if (!err && g->decision)
        err = record_receipt(g, s, e);
    if (err)
        return err;
    d->received = g->out.received;
    d->received_event = g->out.received_event;
    err = genop_store_dispatch_add(s, d, e);
    if (!err)
        err = audit_add(s, g->actor, g->cit.id, g->letter.case_id, AUDIT_LETTER_SEND,
                        AUDIT_PURPOSE_CASEWORK, e);
    if (err)
        return casework_internal(err, e);
    if (!g->digital)
        return GENOP_OK;
    /* Any failure of the spool is genop's, never the caller's (a name
     * clash of a fresh UUID included): GENOP_EIO, and the job is undone. */
    err = genop_spool_write(g->ob->spool_dir, d->spool_file, g->memo.data, g->memo.len, e);
    return casework_internal(err, e);
}

/* Everything before the write: the letter, the channel, the message. */
static genop_err prepare(sending *g, int64_t letter_id, genop_error *e)
{
    genop_err err = casework_require_role(g->actor, ROLES_VISITATOR | ROLES_LEDER,
                                          "sende breve", e);
    if (!err)
        err = casework_user_standard(g->env, g->actor, &g->std, e);
    if (!err)
        err = load_letter(g, letter_id, e);
    if (err)
        return err;
    g->digital = !g->cit.digital_post_exempt;
    g->decision = strcmp(g->letter.kind, "decision") == 0 && g->letter.event_id;
    genop_dispatch_row *d = &g->out.d;
    d->letter_id = g->letter.id;
    snprintf(d->municipality, sizeof d->municipality, "%s", g->actor->municipality);
    snprintf(d->channel, sizeof d->channel, "%s", g->digital ? "digital_post" : "print");
    snprintf(d->sent_by, sizeof d->sent_by, "%s", g->actor->username);
    err = receipt_day(g, e);
    if (!err && g->digital)
        err = build_memo(g, e);
    if (!err && g->decision)
        err = prepare_receipt(g, e);
    return err;
}

genop_err casework_letter_send(const casework_env *env, const casework_outbox *ob,
                               const genop_user *actor, int64_t letter_id, casework_sent *out,
                               genop_error *e)
{
    sending g;
    memset(&g, 0, sizeof g);
    g.env = env;
    g.ob = ob;
    g.actor = actor;
    genop_err err = prepare(&g, letter_id, e);
    if (!err)
        err = casework_write(env, run_send, &g, e);
    if (!err && out)
        *out = g.out;
    sending_release(&g);
    return err;
}

/* Setting a municipality's sender, as a job of the writer. */
typedef struct sender_job {
    const char *muni;
    const genop_dp_sender *in;
} sender_job;

static genop_err run_sender_set(genop_store *s, void *ctx, genop_error *e)
{
    const sender_job *j = ctx;
    return genop_store_dp_sender_set(s, j->muni, j->in, e);
}

genop_err casework_dp_sender_set(const casework_env *env, const char *muni, const char *cvr,
                                 bool test, const char *set_by, genop_error *e)
{
    genop_dp_sender in = {0};
    size_t n = cvr ? strlen(cvr) : 0;
    if (n != 8 || strspn(cvr, "0123456789") != 8)
        return genop_refuse(e, GENOP_EINVAL, "cvr",
                            "Et CVR-nummer er 8 cifre, uden mellemrum ('%.20s').", cvr ? cvr : "");
    memcpy(in.cvr, cvr, 9);
    in.test = test;
    snprintf(in.set_by, sizeof in.set_by, "%s", set_by);
    sender_job j = {muni, &in};
    return casework_internal(casework_write(env, run_sender_set, &j, e), e);
}
