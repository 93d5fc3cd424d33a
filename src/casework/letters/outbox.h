/*
 * outbox.h - sending letters (shared/spec/letters.md section 2;
 * docs/letters.md "Sending"; docs/memo.md):
 *
 *   send    a made letter leaves genop once: by Digital Post - a MeMo
 *           message with the letter's PDF, validated against the MeMo
 *           schema and written to the spool directory, where the
 *           integration to the national service picks it up - unless the
 *           citizen is exempt from Digital Post
 *           (citizens.digital_post_exempt); then it is queued for print.
 *   queue   the municipality's letters queued for print and not printed
 *   pdf     those letters (or the ones named) as one PDF for the printer:
 *           duplex, each letter starting on the front of a sheet of its
 *           own, the address where a window envelope shows it
 *   printed the letters named (the ones the PDF held) marked printed
 *
 * When a letter counts as received (letters.md section 2): by Digital
 * Post the day it is sent; printed, 6 workdays after the letter's date,
 * by the standard's calendar (Ankestyrelsen's practice under
 * Justitsministeriets vejledning of 2018 on the delivery of letters:
 * a letter sent by ordinary post is presumed to reach its recipient
 * within that time). A decision letter's sending records that day as the
 * case's `decision_received` event, in the same write as the sending, so
 * the complaint window counts from it - unless the case has a receipt of
 * that decision already (outbox.c says how that is decided).
 *
 * Who may (roles.h): a visitator or a leder sends (sending shows nothing
 * of the letter but its status) and lists the print queue (the citizens'
 * names, as a case list shows them); only a visitator fetches the PDF and
 * marks letters printed (the letters show the citizen's address, which a
 * leder does not see). Another municipality's letter does not exist for
 * the actor (GENOP_ENOTFOUND).
 */
#ifndef GENOP_CASEWORK_OUTBOX_H
#define GENOP_CASEWORK_OUTBOX_H

#include <stddef.h>
#include <stdint.h>

#include "env.h"
#include "memo.h"
#include "strbuf.h"

/* The workdays after a printed letter's date on which it counts as
 * received (letters.md section 2). */
#define OUTBOX_PRINT_RECEIPT_WORKDAYS 6

/* The most letters one print PDF or one marking takes. */
#define OUTBOX_PRINT_MAX 500

/* Where Digital Post goes; borrowed, from the server's start to its end. */
typedef struct casework_outbox {
    const char *spool_dir;              /* the spool directory (spool.h) */
    genop_memo_schema *schema;          /* the MeMo schema, loaded once */
} casework_outbox;

/* What a sending did. */
typedef struct casework_sent {
    genop_dispatch_row d;               /* the sending as recorded */
    genop_date received;                /* the day it counts as received */
    int64_t received_event;             /* the decision_received recorded, 0 none */
} casework_sent;

/* Sends letter letter_id as actor (see the top). out (may be NULL)
 * receives what was done. Refuses: GENOP_EFORBIDDEN (not a visitator or
 * leder), GENOP_ENOTFOUND (no such letter), GENOP_ECONFLICT (sent
 * already), GENOP_EREFUSED (by Digital Post with no sender CVR number set
 * for the municipality, or no spool configured; a decision whose receipt
 * the rules cannot take, its reason). A spool that cannot be written is
 * GENOP_EIO, and nothing is recorded: no sending, no event. */
genop_err casework_letter_send(const casework_env *env, const casework_outbox *ob,
                               const genop_user *actor, int64_t letter_id, casework_sent *out,
                               genop_error *e);

/* The print queue of actor's municipality, oldest letter first: out->items
 * is genop_print_item[] (free with genop_store_free_list). One access-log
 * row per citizen shown. GENOP_EFORBIDDEN unless visitator or leder. */
genop_err casework_print_queue(const casework_env *env, const genop_user *actor, genop_list *out,
                               genop_error *e);

/* One PDF of the queued letters ids[0..n) - or, with n == 0, of the whole
 * queue - appended to pdf, their ids (in the PDF's order) into
 * held[0..*n_held) (room for OUTBOX_PRINT_MAX). Each letter is laid out
 * again from its kept document. Refuses: GENOP_EFORBIDDEN (not a
 * visitator), GENOP_EREFUSED (field "letters": the queue is empty, or a
 * letter named is not in it), GENOP_ETOOBIG (more than OUTBOX_PRINT_MAX).
 * One access-log row per citizen whose letter it holds. */
genop_err casework_print_pdf(const casework_env *env, const genop_user *actor,
                             const int64_t *ids, size_t n, genop_buf *pdf, int64_t *held,
                             size_t *n_held, genop_error *e);

/* Marks the letters ids[0..n) (n >= 1, each once) printed by actor, in
 * one write: all or none. Refuses: GENOP_EFORBIDDEN (not a visitator),
 * GENOP_EINVAL (field "letters": none, too many, or one named twice),
 * GENOP_ECONFLICT (field "letters[i]": printed already, or not queued for
 * print), GENOP_ENOTFOUND (no such letter). */
genop_err casework_print_done(const casework_env *env, const genop_user *actor,
                              const int64_t *ids, size_t n, genop_error *e);

/* Sets muni's Digital Post sender CVR number (8 digits; test marks an
 * obvious test value) as set_by: for the demo, the tests and the command
 * line. GENOP_EINVAL (field "cvr") for a number that is not 8 digits. */
genop_err casework_dp_sender_set(const casework_env *env, const char *muni, const char *cvr,
                                 bool test, const char *set_by, genop_error *e);

#endif
