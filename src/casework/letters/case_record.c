/*
 * case_record.c - a case's record as part of a document (see
 * case_record.h).
 */
#include "case_record.h"

#include "event_text.h"
#include "standard.h"
#include "strbuf.h"

/* The text in buf as a block of kind, then buf emptied. */
static genop_err add_buf(genop_letter_doc *doc, genop_letter_block_kind kind, genop_buf *buf,
                         genop_error *e)
{
    if (genop_buf_failed(buf))
        return genop_fail(e, GENOP_ENOMEM, "sagens akter blev for store");
    genop_err err = genop_letter_doc_add(doc, kind, buf->len ? buf->data : "", e);
    genop_buf_reset(buf);
    return err;
}

/* One event: its date and type as an item, then what it says and who
 * registered it when. */
static genop_err add_event(genop_letter_doc *doc, const genop_event_row *ev,
                           const genop_standard *std, genop_buf *buf, genop_error *e)
{
    char day[GENOP_DATE_DA_SIZE];
    genop_buf_addf(buf, "%s: %s (hændelse nr. %lld)", genop_date_format_da(ev->date, day),
                   casework_event_type_da(ev->type), (long long)ev->id);
    genop_err err = add_buf(doc, GENOP_LETTER_ITEM, buf, e);
    if (!err) err = casework_event_text_da(ev, std, buf, e);
    if (err) return err;
    genop_buf_adds(buf, buf->len ? ". Registreret " : "Registreret ");
    casework_timestamp_da(ev->registered_at, buf);
    genop_buf_addf(buf, " af %s.", ev->author);
    return add_buf(doc, GENOP_LETTER_PARAGRAPH, buf, e);
}

/* The case's heading and the referral's facts. */
static genop_err add_head(const genop_case_row *c, genop_letter_doc *doc, genop_buf *buf,
                          genop_error *e)
{
    char day[GENOP_DATE_DA_SIZE];
    genop_buf_addf(buf, "Sag %lld: serviceloven § 86, stk. %d", (long long)c->id,
                   c->paragraph == GENOP_PARA_86_2 ? 2 : 1);
    genop_err err = add_buf(doc, GENOP_LETTER_HEADING, buf, e);
    if (!err) err = genop_letter_doc_add_fact(doc, "Henvendelse modtaget",
                                              genop_date_format_da(c->referral_date, day), e);
    if (!err) err = genop_letter_doc_add_fact(doc, "Henvist af", c->referral_source, e);
    if (!err) err = genop_letter_doc_add_fact(doc, "Lidelse", c->condition, e);
    if (!err) err = genop_letter_doc_add_fact(doc, "Status", c->closed ? "afsluttet" : "åben", e);
    return err;
}

genop_err casework_case_record_add(genop_store *s, const char *muni, const genop_standard *std,
                                   const genop_case_row *c, genop_letter_doc *doc, genop_error *e)
{
    genop_buf buf = {0};
    genop_list events = {0};
    genop_err err = add_head(c, doc, &buf, e);
    if (!err) err = genop_store_events_list(s, muni, c->id, &events, e);
    const genop_event_row *ev = events.items;
    for (size_t i = 0; !err && i < events.n; i++) err = add_event(doc, &ev[i], std, &buf, e);
    genop_store_free_events(&events);
    genop_buf_release(&buf);
    return err;
}
