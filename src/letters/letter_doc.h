/*
 * letter_doc.h - a letter as a document: what it says, in order, without
 * any layout. The domain layer (src/casework/letters/) composes one from a
 * case and its municipality's standard (what a decision grants, why a
 * refusal, the complaint guidance, ...); src/letters/letter_pdf.c lays it
 * out as an A4 PDF, and the same document, kept as JSON
 * (letter_doc_json.c), can be laid out again for the print queue.
 *
 * A document has a letterhead (the sender's lines: municipality, unit,
 * address, phone), a recipient (the citizen's name and address lines, set
 * where a window envelope shows them), a date, a reference ("Sag 123"), a
 * title, and then blocks in reading order. The blocks are few on purpose,
 * so every letter reads alike:
 *
 *   HEADING    a section heading ("Det har vi besluttet", "Klagevejledning")
 *   PARAGRAPH  running text
 *   ITEM       one item of a bulleted list
 *   FACT       a label and its value on one line ("Træningsgange om ugen: 2")
 *   SOURCE     a citation in small type: the section of the standard or the
 *              law a paragraph rests on ("Kvalitetsstandard for
 *              genoptræning, Aalborg Kommune: Hvis du ønsker at klage")
 *   SIGNATURE  the closing lines ("Med venlig hilsen", the caseworker)
 *
 * The document owns every string in it (copies are made on the way in).
 * Text is UTF-8; the builder refuses text that is not valid UTF-8 or holds
 * control characters other than a newline, so nothing a letter shows can
 * be garbled by what was typed.
 */
#ifndef GENOP_LETTER_DOC_H
#define GENOP_LETTER_DOC_H

#include <stddef.h>

#include "date.h"
#include "error.h"

typedef enum genop_letter_block_kind {
    GENOP_LETTER_HEADING = 0,
    GENOP_LETTER_PARAGRAPH = 1,
    GENOP_LETTER_ITEM = 2,
    GENOP_LETTER_FACT = 3,
    GENOP_LETTER_SOURCE = 4,
    GENOP_LETTER_SIGNATURE = 5,
} genop_letter_block_kind;

typedef struct genop_letter_block {
    genop_letter_block_kind kind;
    char *label;   /* FACT only (else NULL): "Træningsgange om ugen" */
    char *text;    /* never NULL */
} genop_letter_block;

/* A short list of lines (letterhead, address). */
#define GENOP_LETTER_LINES_MAX 8
typedef struct genop_letter_lines {
    size_t n;
    char *line[GENOP_LETTER_LINES_MAX];
} genop_letter_lines;

typedef struct genop_letter_doc {
    char *kind;                   /* "decision", "complaint_decision",
                                     "complaint_forwarded", "course_ended",
                                     "access_report", "appeal_bundle" */
    char *title;                  /* the letter's heading and PDF title */
    char *reference;              /* "Sag 123", shown by the date; or "" */
    genop_date date;              /* the letter's date */
    genop_letter_lines sender;    /* letterhead: first line is the
                                     municipality, then unit, address, phone */
    genop_letter_lines recipient; /* name, then address lines; may be empty
                                     (a bundle for Ankestyrelsen) */
    size_t n_blocks;
    size_t cap_blocks;
    genop_letter_block *blocks;
} genop_letter_doc;

/* A new, empty document of `kind` with `title` and `date`. Returns NULL if
 * memory ran out or kind/title are not valid text. The caller frees it
 * with genop_letter_doc_free. */
genop_letter_doc *genop_letter_doc_new(const char *kind, const char *title,
                                       genop_date date);
void genop_letter_doc_free(genop_letter_doc *doc);

/* Sets the reference shown by the date (copied). */
genop_err genop_letter_doc_set_reference(genop_letter_doc *doc, const char *reference,
                                         genop_error *e);
/* Appends a line to the letterhead or to the recipient's address (copied);
 * GENOP_ETOOBIG past GENOP_LETTER_LINES_MAX lines, GENOP_EINVAL for text
 * that is not valid UTF-8 or holds a control character (a newline too). */
genop_err genop_letter_doc_add_sender(genop_letter_doc *doc, const char *line,
                                      genop_error *e);
genop_err genop_letter_doc_add_recipient(genop_letter_doc *doc, const char *line,
                                         genop_error *e);

/* Appends a block (text copied). A FACT needs a label; the other kinds
 * take none (pass NULL). Text may hold newlines (a caseworker's own
 * paragraphs), not other control characters. */
genop_err genop_letter_doc_add(genop_letter_doc *doc, genop_letter_block_kind kind,
                               const char *text, genop_error *e);
genop_err genop_letter_doc_add_fact(genop_letter_doc *doc, const char *label,
                                    const char *value, genop_error *e);
/* genop_letter_doc_add with printf-style text (cut at 4 KiB). */
genop_err genop_letter_doc_addf(genop_letter_doc *doc, genop_letter_block_kind kind,
                                genop_error *e, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* True if s is text a letter may hold: valid UTF-8 of at most 16 KiB
 * without control characters (a newline allowed where newline_ok). */
int genop_letter_text_ok(const char *s, int newline_ok);

/* The block kind's name in the JSON form ("heading", "paragraph", ...),
 * and back; false for an unknown name. */
const char *genop_letter_block_kind_name(genop_letter_block_kind kind);
int genop_letter_block_kind_from_name(const char *name, genop_letter_block_kind *out);

#endif
