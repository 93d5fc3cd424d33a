/*
 * outbox.c - the SQLite back end's outbox (migration 0013): each
 * municipality's Digital Post sender (its CVR number), the sending of a
 * letter (once: the letter's id is the key), and the print queue - the
 * letters sent to print and not yet printed - with their printing. The
 * sendings and printings are records: triggers refuse changing or
 * deleting them, and refuse a sending of another municipality's letter or
 * a printing of a letter that is not in the municipality's print queue.
 */
#include <string.h>

#include "records.h"

#define DISPATCH_COLS                                                                      \
    "d.letter_id, d.municipality, d.channel, d.sent, d.sent_by, d.memo_uuid, d.spool_file," \
    " d.received, d.received_event"

enum {
    ST_SENDER_SET,
    ST_SENDER_GET,
    ST_DISPATCH_ADD,
    ST_DISPATCH_GET,
    ST_PRINT_QUEUE,
    ST_PRINT_DONE,
    ST_COUNT
};

static const char *const outbox_sql[ST_COUNT] = {
    [ST_SENDER_SET] = "INSERT INTO digital_post_senders (municipality, cvr, test, set_by)"
                      " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (municipality) DO UPDATE SET"
                      " cvr = excluded.cvr, test = excluded.test, set_by = excluded.set_by,"
                      " set_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
    [ST_SENDER_GET] = "SELECT cvr, test, set_at, set_by FROM digital_post_senders"
                      " WHERE municipality = ?1",
    [ST_DISPATCH_ADD] =
        "INSERT INTO letter_dispatches (letter_id, municipality, channel, sent_by, memo_uuid,"
        " spool_file, received, received_event) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
        " RETURNING sent",
    [ST_DISPATCH_GET] = "SELECT " DISPATCH_COLS " FROM letter_dispatches d"
                        " WHERE d.municipality = ?1 AND d.letter_id = ?2",
    [ST_PRINT_QUEUE] =
        "SELECT " DISPATCH_COLS ", l.case_id, c.citizen_id, z.name, l.kind, l.created"
        " FROM letter_dispatches d JOIN letters l ON l.id = d.letter_id"
        " JOIN cases c ON c.municipality = l.municipality AND c.id = l.case_id"
        " JOIN citizens z ON z.id = c.citizen_id"
        " WHERE d.municipality = ?1 AND d.channel = 'print' AND d.letter_id > ?2 AND NOT EXISTS"
        " (SELECT 1 FROM letter_prints p WHERE p.letter_id = d.letter_id)"
        " ORDER BY d.letter_id",
    [ST_PRINT_DONE] = "INSERT INTO letter_prints (letter_id, municipality, printed_by)"
                      " VALUES (?2, ?1, ?3)",
};

static const stmt_table outbox = {outbox_sql, ST_COUNT};

genop_err sqlite_dp_sender_set(genop_store *s, const char *muni, const genop_dp_sender *in,
                               genop_error *e)
{
    sqlite_store *st = sqlite_handle(s);
    sqlite3_stmt *q = NULL;
    genop_err err;
    if ((err = check_muni(muni, e)) ||
        (err = check_text(in->cvr, sizeof in->cvr, true, "CVR-nummeret", e)) ||
        (err = check_text(in->set_by, sizeof in->set_by, true, "brugernavnet", e)) ||
        (err = stmt_use(st, &outbox, ST_SENDER_SET, &q, e)))
        return err;
    int rc;
    if ((rc = bind_text(q, 1, muni)) || (rc = bind_text(q, 2, in->cvr)) ||
        (rc = sqlite3_bind_int(q, 3, in->test ? 1 : 0)) || (rc = bind_text(q, 4, in->set_by)))
        err = stmt_bind_fail(st, rc, e);
    else
        err = stmt_step_done(st, q, "gemme kommunens afsender til Digital Post", e);
    stmt_done(q);
    return err;
}

genop_err sqlite_dp_sender_get(genop_store *s, const char *muni, genop_dp_sender *out,
                               genop_error *e)
{
    sqlite_store *st = sqlite_handle(s);
    sqlite3_stmt *q = NULL;
    memset(out, 0, sizeof *out);
    genop_err err = check_muni(muni, e);
    if (err || (err = stmt_use(st, &outbox, ST_SENDER_GET, &q, e)))
        return err;
    int rc = bind_text(q, 1, muni);
    err = rc ? stmt_bind_fail(st, rc, e)
             : stmt_step_row(st, q, "finde kommunens afsender til Digital Post", e);
    if (!err) {
        row_reader r = {q, 0, GENOP_OK, e};
        row_text(&r, out->cvr, sizeof out->cvr, CUT_REFUSED, "CVR-nummeret");
        out->test = row_int(&r) != 0;
        row_text(&r, out->set_at, sizeof out->set_at, CUT_REFUSED, "tidspunktet");
        row_text(&r, out->set_by, sizeof out->set_by, CUT_REFUSED, "brugernavnet");
        err = r.err;
    }
    stmt_done(q);
    return err;
}

static genop_err check_dispatch(const genop_dispatch_row *d, genop_error *e)
{
    genop_err err;
    bool digital = strcmp(d->channel, "digital_post") == 0;
    if ((err = check_muni(d->municipality, e)) ||
        (err = check_text(d->sent_by, sizeof d->sent_by, true, "brugernavnet", e)) ||
        (err = check_text(d->memo_uuid, sizeof d->memo_uuid, digital, "meddelelsens id", e)) ||
        (err = check_text(d->spool_file, sizeof d->spool_file, digital, "spoolfilen", e)) ||
        (err = check_date(d->received, "modtagelsesdagen", e)))
        return err;
    if (!digital && strcmp(d->channel, "print") != 0)
        return genop_fail(e, GENOP_EINVAL, "ukendt forsendelsesmåde '%.20s'", d->channel);
    return GENOP_OK;
}

/* Borrows *d for the call; sets d->sent. */
genop_err sqlite_dispatch_add(genop_store *s, genop_dispatch_row *d, genop_error *e)
{
    sqlite_store *st = sqlite_handle(s);
    sqlite3_stmt *q = NULL;
    genop_err err = check_dispatch(d, e);
    if (err || (err = stmt_use(st, &outbox, ST_DISPATCH_ADD, &q, e)))
        return err;
    int rc;
    const char *uuid = d->memo_uuid[0] ? d->memo_uuid : NULL;
    const char *file = d->spool_file[0] ? d->spool_file : NULL;
    if ((rc = sqlite3_bind_int64(q, 1, d->letter_id)) || (rc = bind_text(q, 2, d->municipality)) ||
        (rc = bind_text(q, 3, d->channel)) || (rc = bind_text(q, 4, d->sent_by)) ||
        (rc = bind_text(q, 5, uuid)) || (rc = bind_text(q, 6, file)) ||
        (rc = bind_date(q, 7, d->received)) || (rc = bind_id(q, 8, d->received_event)))
        err = stmt_bind_fail(st, rc, e);
    else if (!(err = stmt_step_row(st, q, "gemme brevets afsendelse", e))) {
        row_reader r = {q, 0, GENOP_OK, e};
        row_text(&r, d->sent, sizeof d->sent, CUT_REFUSED, "tidspunktet");
        err = r.err;
    }
    stmt_done(q);
    return err;
}

/* Reads DISPATCH_COLS. */
static void read_dispatch(row_reader *r, genop_dispatch_row *d)
{
    bool has = false;
    d->letter_id = row_int(r);
    row_text(r, d->municipality, sizeof d->municipality, CUT_REFUSED, "kommunen");
    row_text(r, d->channel, sizeof d->channel, CUT_REFUSED, "forsendelsesmåden");
    row_text(r, d->sent, sizeof d->sent, CUT_REFUSED, "tidspunktet");
    row_text(r, d->sent_by, sizeof d->sent_by, CUT_REFUSED, "brugernavnet");
    row_text(r, d->memo_uuid, sizeof d->memo_uuid, CUT_REFUSED, "meddelelsens id");
    row_text(r, d->spool_file, sizeof d->spool_file, CUT_REFUSED, "spoolfilen");
    row_date(r, &d->received, &has, "modtagelsesdagen");
    d->received_event = row_int(r);
}

genop_err sqlite_dispatch_get(genop_store *s, const char *muni, int64_t letter_id,
                              genop_dispatch_row *out, genop_error *e)
{
    sqlite_store *st = sqlite_handle(s);
    sqlite3_stmt *q = NULL;
    memset(out, 0, sizeof *out);
    genop_err err = check_muni(muni, e);
    if (err || (err = stmt_use(st, &outbox, ST_DISPATCH_GET, &q, e)))
        return err;
    int rc;
    if ((rc = bind_text(q, 1, muni)) || (rc = sqlite3_bind_int64(q, 2, letter_id)))
        err = stmt_bind_fail(st, rc, e);
    else
        err = stmt_step_row(st, q, "finde brevets afsendelse", e);
    if (!err) {
        row_reader r = {q, 0, GENOP_OK, e};
        read_dispatch(&r, out);
        err = r.err;
    }
    stmt_done(q);
    return err;
}

static void read_print_item(row_reader *r, void *item)
{
    genop_print_item *p = item;
    read_dispatch(r, &p->d);
    p->case_id = row_int(r);
    p->citizen_id = row_int(r);
    row_text(r, p->citizen_name, sizeof p->citizen_name, CUT_OK, "borgerens navn");
    row_text(r, p->kind, sizeof p->kind, CUT_REFUSED, "brevets art");
    row_text(r, p->created, sizeof p->created, CUT_REFUSED, "tidspunktet");
}

/* out->items is a malloc'd genop_print_item[] the caller frees with
 * genop_store_free_list(). */
genop_err sqlite_print_queue(genop_store *s, const char *muni, genop_list *out, genop_error *e)
{
    return db_read_rows(sqlite_handle(s), &outbox, ST_PRINT_QUEUE, muni, 0, 0,
                        sizeof(genop_print_item), read_print_item, "udskriftskøen", out, e);
}

genop_err sqlite_print_done(genop_store *s, const char *muni, int64_t letter_id,
                            const char *printed_by, genop_error *e)
{
    sqlite_store *st = sqlite_handle(s);
    sqlite3_stmt *q = NULL;
    genop_err err;
    if ((err = check_muni(muni, e)) ||
        (err = check_text(printed_by, GENOP_USERNAME_MAX, true, "brugernavnet", e)) ||
        (err = stmt_use(st, &outbox, ST_PRINT_DONE, &q, e)))
        return err;
    int rc;
    if ((rc = bind_text(q, 1, muni)) || (rc = sqlite3_bind_int64(q, 2, letter_id)) ||
        (rc = bind_text(q, 3, printed_by)))
        err = stmt_bind_fail(st, rc, e);
    else
        err = stmt_step_done(st, q, "registrere brevet som udskrevet", e);
    stmt_done(q);
    return err;
}
