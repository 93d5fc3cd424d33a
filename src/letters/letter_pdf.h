/*
 * letter_pdf.h - a letter document (letter_doc.h) laid out as an A4 PDF,
 * and several documents as one PDF (the day's print queue, the bundle of
 * a case's documents sent to Ankestyrelsen).
 *
 * The PDF is made with cairo's PDF surface, written straight into a
 * genop_buf, and pango (pangocairo) for the text: UTF-8 shaping, line
 * breaking (a word longer than a line is broken between characters, so
 * nothing ever runs past the margin) and font selection through
 * fontconfig. What a reader and a checker get:
 *
 *   - A4 portrait (210 x 297 mm), the fonts embedded as subsets with a
 *     ToUnicode map each, so every character can be searched and copied
 *     and `pdftotext` gives back the text with æ, ø and å intact;
 *   - metadata: Title (the letter's title), Author (the sender's first
 *     line, the municipality), Subject (the kind of letter in Danish:
 *     "Afgørelse", "Genvurdering af klage", ...), Creator "genop", and
 *     CreationDate the letter's date (so the same document gives the
 *     same bytes with the same build, libraries and fonts: no clock is
 *     written into the file);
 *   - an outline (bookmarks): the title, with the headings beneath it,
 *     each pointing at a named destination (cairo's "dest" tag) where the
 *     heading stands; and structure tags (H1 for the title, H2 for
 *     headings, P for the rest), so a screen reader meets the letter in
 *     reading order. Debian 12's cairo 1.16 writes the structure tree
 *     but not the catalog's /MarkInfo (cairo 1.17.6 does), so a checker
 *     such as pdfinfo still says "Tagged: no"; nor can it set the
 *     document's language (/Lang);
 *   - page 1: the municipality top right, the rest of the letterhead, the
 *     date and the reference in an information block on the right, and
 *     the recipient's name and address where a window envelope shows it
 *     (DIN 5008 form B, see letter_pdf.c), fold marks at the left edge;
 *     then the title and the blocks. Later pages carry a short running
 *     head (sender, reference, date). Every page has "Side 1 af 2".
 *
 * The blocks are set for reading on paper by someone who may not see
 * well: 12 pt text with generous leading, bold headings, bulleted items,
 * facts as a label and value in two columns, sources in smaller grey
 * type prefixed "Kilde:", the signature kept whole. A heading never ends
 * a page (it moves to the next page with the first two lines of what
 * follows it), a paragraph never leaves a single line on either side of
 * a page break, and a signature is never split.
 *
 * Thread safety: every function here may be called from many threads at
 * once with documents of their own. See letter_pdf.c for what that rests
 * on (pango's per-thread font map, fontconfig initialised once).
 */
#ifndef GENOP_LETTER_PDF_H
#define GENOP_LETTER_PDF_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "letter_doc.h"
#include "strbuf.h"

/* The most lines of a recipient's name and address: the six lines of
 * the address zone of a window envelope's field (DIN 5008). */
#define GENOP_LETTER_PDF_ADDRESS_LINES 6

/* What a rendering gave, for tests, benchmarks and a caller's log. */
typedef struct genop_letter_pdf_info {
    int pages;           /* pages in the PDF (blank pages included) */
    double widest_line;  /* the widest line of body text, in points */
    double text_width;   /* the width body text may take, in points */
} genop_letter_pdf_info;

/* Checks that doc can be laid out: a title, a letterhead (its first line
 * is the PDF's author), at most GENOP_LETTER_PDF_ADDRESS_LINES recipient
 * lines, at least one block, a date in genop's range. GENOP_EINVAL with a
 * Danish message naming what is missing, else GENOP_OK. */
genop_err genop_letter_pdf_check(const genop_letter_doc *doc, genop_error *e);

/* Lays doc out as an A4 PDF and appends its bytes to out. info (may be
 * NULL) receives the page count and the widest line. On failure nothing
 * is appended (out->len is as before; a buffer that failed stays failed)
 * and *e says why: the checks of genop_letter_pdf_check(), GENOP_ENOMEM
 * when memory ran out or out reached its limit, GENOP_EIO when cairo
 * failed. doc is only read. */
genop_err genop_letter_pdf(const genop_letter_doc *doc, genop_buf *out,
                           genop_letter_pdf_info *info, genop_error *e);

/* How several documents become one PDF (genop_letter_pdf_many). Zeroed
 * options are the print queue's single-sided defaults. */
typedef struct genop_letter_pdf_options {
    /* The PDF's title; NULL: the first document's title. The author is
     * always the first document's sender, the creation date the latest
     * of the documents' dates. */
    const char *title;
    /* The PDF's subject; NULL: the first document's kind in Danish. */
    const char *subject;
    /* Printing on both sides of the sheet: a document with an odd number
     * of pages is followed by a blank page, so every document starts on
     * an odd page, the front of a sheet of its own (and goes into its
     * own envelope). Single-sided, every page is a sheet anyway. */
    bool duplex;
    /* Numbering the documents (Ankestyrelsen's bundle): every page's foot
     * also says "Dokument 2 af 5", and the outline has one entry per
     * document. Page numbers always count within each document ("Side 1
     * af 2"), as each document is paginated on its own. */
    bool number_documents;
} genop_letter_pdf_options;

/* Lays out docs[0..n) one after another in one PDF, each starting on a
 * new page (see the options), and appends it to out. Uses:
 *   - the day's print queue: duplex as the printer prints, the letters
 *     in the order they are to be put into envelopes;
 *   - the bundle for Ankestyrelsen: number_documents, a title such as
 *     "Klagesag 123: sagens dokumenter", the forwarding letter first.
 * Documents without a recipient (an event log) are laid out without the
 * address field. Every document is checked as genop_letter_pdf_check()
 * does; a refusal names the document ("dokument 3: ..."). n == 0 is
 * GENOP_EINVAL. info (may be NULL) receives the pages of the whole PDF
 * and the widest line of any document. Failure appends nothing, as for
 * genop_letter_pdf(). docs and opt (NULL: defaults) are only read. */
genop_err genop_letter_pdf_many(const genop_letter_doc *const *docs, size_t n,
                                const genop_letter_pdf_options *opt, genop_buf *out,
                                genop_letter_pdf_info *info, genop_error *e);

/* Releases what rendering keeps between letters on the calling thread:
 * its font map (pango's per-thread default, with the fonts it loaded).
 * The next rendering on the thread loads them again. A thread that ends
 * releases it anyway (GLib frees a thread's data when it exits), so this
 * is for a long-lived thread that has rendered its last letter. */
void genop_letter_pdf_thread_done(void);

/* At the end of a program, once no other thread renders: releases what
 * rendering keeps for reuse that would otherwise look lost to a leak
 * checker (the ASan build's LeakSanitizer): the calling thread's font
 * map. What the libraries keep beyond that is reachable from their own
 * globals, but for a few bytes fontconfig loses reading its
 * configuration (see tests/lsan.supp). */
void genop_letter_pdf_shutdown(void);

/* The Danish name of a letter kind, the PDF's subject: "Afgørelse" for
 * "decision", ...; NULL for a kind genop does not know (the title is the
 * subject then). */
const char *genop_letter_kind_title(const char *kind);

#endif
