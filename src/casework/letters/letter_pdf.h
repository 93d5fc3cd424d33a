/*
 * letter_pdf.h - TEMPORARY stand-in for src/letters/letter_pdf.h (branch
 * `pdf`), so the letters can be made and kept before the renderer is
 * merged; removed by the merge of main.
 */
#ifndef GENOP_LETTER_PDF_H
#define GENOP_LETTER_PDF_H
#include "error.h"
#include "letter_doc.h"
#include "strbuf.h"
typedef struct genop_letter_pdf_info {
    int pages;
    double widest_line;
    double text_width;
} genop_letter_pdf_info;
genop_err genop_letter_pdf(const genop_letter_doc *doc, genop_buf *out,
                           genop_letter_pdf_info *info, genop_error *e);
#endif
