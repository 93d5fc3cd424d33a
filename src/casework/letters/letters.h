/*
 * letters.h - making and keeping letters (shared/spec/letters.md section
 * 2; docs/letters.md):
 *
 *   make     compose the letter of a kind for the case's latest event of
 *            that kind (letter_compose.h), lay it out as a PDF
 *            (src/letters/letter_pdf.h), hash the PDF (SHA-256) and keep
 *            the document JSON, the PDF and the hash in the store, where
 *            nothing can change them; the write is in the access log
 *   list     the case's letters (id, kind, created, status)
 *   read     one letter with its PDF; written to the access log first
 *   preview  compose and lay out, nothing kept (the visitator reads the
 *            letter before making it); logged as a read of the case
 *
 * Who may do what (roles.h; docs/letters.md): a visitator makes and
 * previews letters (the decision and the complaint's reconsideration are
 * the visitator's); a visitator or a terapeut reads them (both see the
 * citizen's address, which every letter shows; a leder does not, so
 * reads none); all three list them (kind, date and status only). A letter
 * of another municipality's case does not exist for the actor
 * (GENOP_ENOTFOUND).
 */
#ifndef GENOP_CASEWORK_LETTERS_H
#define GENOP_CASEWORK_LETTERS_H

#include <stdbool.h>
#include <stdint.h>

#include "env.h"
#include "strbuf.h"

/* What the visitator asks for; strings borrowed. */
typedef struct casework_letter_input {
    const char *kind;     /* "decision", "complaint_decision", ... */
    const char *text;     /* the individual assessment, or NULL */
    bool partial;         /* a decision that grants part of what was sought */
} casework_letter_input;

/* Makes and keeps the letter in asks for, for case case_id; its id into
 * *letter_id. Refuses: GENOP_EFORBIDDEN (not a visitator),
 * GENOP_ENOTFOUND (no such case in the actor's municipality),
 * GENOP_EINVAL (field "$.kind": unknown kind; "$.text": too long or not
 * printable), GENOP_EREFUSED (field "$.kind": the case has no event of that
 * kind; "$.text"/"$.partial": see letter_compose.h). */
genop_err casework_letter_make(const casework_env *env, const genop_user *actor, int64_t case_id,
                               const casework_letter_input *in, int64_t *letter_id,
                               genop_error *e);

/* The PDF the same call to casework_letter_make would keep, appended to
 * pdf; nothing kept. Refuses as make does. */
genop_err casework_letter_preview(const casework_env *env, const genop_user *actor,
                                  int64_t case_id, const casework_letter_input *in,
                                  genop_buf *pdf, genop_error *e);

/* The letters of case case_id, oldest first; out->items is
 * genop_letter_row[] without content (free with genop_store_free_list).
 * GENOP_EFORBIDDEN for an admin, GENOP_ENOTFOUND for no such case. */
genop_err casework_letters_list(const casework_env *env, const genop_user *actor,
                                int64_t case_id, genop_list *out, genop_error *e);

/* Letter letter_id with its document and PDF into *out (release with
 * genop_store_letter_release), after the read is in the access log.
 * GENOP_EFORBIDDEN for a leder or admin, GENOP_ENOTFOUND for no such
 * letter in the actor's municipality. */
genop_err casework_letter_read(const casework_env *env, const genop_user *actor,
                               int64_t letter_id, genop_letter_row *out, genop_error *e);

#endif
