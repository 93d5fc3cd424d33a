/*
 * render_stub.c - TEMPORARY stand-ins for the PDF renderer and the
 * document's JSON of branch `pdf` (letter_pdf.h, letter_doc_json.h): a
 * PDF of no pages and the document's title as JSON. Removed by the merge
 * of main, which brings the real ones.
 */
#include "letter_doc_json.h"
#include "letter_pdf.h"

genop_err genop_letter_pdf(const genop_letter_doc *doc, genop_buf *out,
                           genop_letter_pdf_info *info, genop_error *e)
{
    (void)e;
    genop_buf_addf(out, "%%PDF-1.4\n%% %s\n%%%%EOF\n", doc->title);
    if (info)
        info->pages = 1;
    return GENOP_OK;
}

void genop_letter_doc_write_json(const genop_letter_doc *doc, genop_buf *out)
{
    genop_buf_addf(out, "{\"version\":1,\"kind\":\"%s\",\"blocks\":%zu}", doc->kind,
                   doc->n_blocks);
}
