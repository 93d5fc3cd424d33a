/*
 * letter_sample.c - writes letters kept as JSON (letter_doc_json.h) as one
 * PDF (letter_pdf.h), for the tests that read PDFs back with poppler's
 * tools (tests/letters/test_letter_pdf.sh) and for looking at a letter:
 *
 *   letter_sample [--duplex] [--bundle] OUT.pdf DOC.json [DOC.json ...]
 *
 * One document gives genop_letter_pdf(); several genop_letter_pdf_many()
 * (--duplex: each starts on an odd page; --bundle: numbered documents, as
 * for Ankestyrelsen). Prints the number of pages; exits 1 with the
 * message on any error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "letter_doc_json.h"
#include "letter_pdf.h"

#define MAX_DOCS 16

/* Reads the whole file at path into b. */
static int read_file(const char *path, genop_buf *b)
{
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) genop_buf_add(b, chunk, n);
    int bad = ferror(f) || genop_buf_failed(b);
    fclose(f);
    return bad ? -1 : 0;
}

static int write_file(const char *path, const genop_buf *b)
{
    FILE *f = fopen(path, "wb");
    if (!f) return -1;
    size_t n = fwrite(b->data, 1, b->len, f);
    return fclose(f) == 0 && n == b->len ? 0 : -1;
}

int main(int argc, char **argv)
{
    genop_letter_pdf_options opt = { 0 };
    int i = 1;
    for (; i < argc && strncmp(argv[i], "--", 2) == 0; i++) {
        if (strcmp(argv[i], "--duplex") == 0) opt.duplex = true;
        else if (strcmp(argv[i], "--bundle") == 0) opt.number_documents = true;
        else break;
    }
    if (argc - i < 2 || argc - i - 1 > MAX_DOCS) {
        fprintf(stderr, "brug: letter_sample [--duplex] [--bundle] UD.pdf BREV.json ...\n");
        return 2;
    }
    const char *out_path = argv[i++];
    genop_letter_doc *docs[MAX_DOCS] = { 0 };
    size_t n = 0;
    genop_error e = { 0 };
    genop_err err = GENOP_OK;
    for (; !err && i < argc; i++) {
        genop_buf text = { 0 };
        if (read_file(argv[i], &text)) {
            fprintf(stderr, "%s: kan ikke læses\n", argv[i]);
            genop_buf_release(&text);
            err = GENOP_EIO;
            break;
        }
        err = genop_letter_doc_read_json(text.data ? text.data : "", text.len, &docs[n], &e);
        genop_buf_release(&text);
        if (err) fprintf(stderr, "%s: %s\n", argv[i], e.message);
        else n++;
    }
    genop_buf pdf = { 0 };
    genop_letter_pdf_info info = { 0 };
    if (!err) {
        err = genop_letter_pdf_many((const genop_letter_doc *const *)docs, n, &opt, &pdf, &info, &e);
        if (err) fprintf(stderr, "%s\n", e.message);
    }
    if (!err && write_file(out_path, &pdf)) {
        fprintf(stderr, "%s: kan ikke skrives\n", out_path);
        err = GENOP_EIO;
    }
    if (!err) printf("%d\n", info.pages);
    genop_buf_release(&pdf);
    for (size_t k = 0; k < n; k++) genop_letter_doc_free(docs[k]);
    genop_letter_pdf_shutdown();
    return err ? 1 : 0;
}
