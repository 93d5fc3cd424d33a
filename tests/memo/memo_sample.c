/*
 * memo_sample.c - writes sample Digital Post messages the way genop
 * does (memo.h builds them, spool.h hands them over), for
 * tests/memo/test_memo_xmllint.sh to check with tools of its own.
 *
 *   memo_sample DIR
 *
 * Spools four messages into DIR/spool (the fixture's letter; one with
 * every optional field and XML's special characters; one with titles of
 * the most characters MeMo takes, in æ; one with a PDF of 200 KB whose
 * base64 runs over many lines) and writes each message's PDF beside it
 * as DIR/pdf/UUID.pdf. Prints the UUIDs, one a line. Exits 1 with a
 * message on standard error if anything fails.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "memo.h"
#include "memo_fixture.h"
#include "spool.h"
#include "strbuf.h"

/* Builds in, spools it into dir/spool and writes its PDF to dir/pdf. */
static int sample(const char *dir, const genop_memo_input *in)
{
    genop_buf xml = {0};
    genop_error e;
    char uuid[GENOP_MEMO_UUID_SIZE], name[GENOP_SPOOL_NAME_MAX], path[1024];
    genop_error_clear(&e);
    int rc = 1;
    if (genop_memo_build(in, &xml, uuid, &e) != GENOP_OK)
        goto out;
    genop_bprintf(name, sizeof name, "%s.xml", uuid);
    genop_bprintf(path, sizeof path, "%s/spool", dir);
    if (genop_spool_write(path, name, xml.data, xml.len, &e) != GENOP_OK)
        goto out;
    genop_bprintf(path, sizeof path, "%s/pdf/%s.pdf", dir, uuid);
    FILE *f = fopen(path, "wb");
    if (f == NULL || fwrite(in->pdf, 1, in->pdf_len, f) != in->pdf_len || fclose(f) != 0) {
        genop_bprintf(e.message, sizeof e.message, "%s kan ikke skrives", path);
        goto out;
    }
    printf("%s\n", uuid);
    rc = 0;
out:
    if (rc)
        fprintf(stderr, "memo_sample: %s\n", e.message);
    genop_buf_release(&xml);
    return rc;
}

/* A PDF-looking file of n bytes: the fixture's head, then every byte
 * value over and over. The caller frees. */
static unsigned char *big_pdf(size_t n)
{
    unsigned char *p = malloc(n);
    if (p == NULL)
        return NULL;
    memcpy(p, TEST_MEMO_PDF, sizeof TEST_MEMO_PDF - 1);
    for (size_t i = sizeof TEST_MEMO_PDF - 1; i < n; i++)
        p[i] = (unsigned char)(i * 7 + 3);
    return p;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "brug: memo_sample MAPPE\n");
        return 2;
    }
    char pdf_dir[1024];
    genop_bprintf(pdf_dir, sizeof pdf_dir, "%s/pdf", argv[1]);
    mkdir(pdf_dir, 0755);
    int rc = 0;
    genop_memo_input in = test_memo_input();
    rc |= sample(argv[1], &in);

    in.notification = "Du har fået et brev fra Æblerød Kommune";
    in.case_id = "Sag 42 <genoptræning>";
    in.title = "Svar på klage: \"vigtigt\" & <hastende> 'nu'";
    in.mandatory = true;
    in.legal_notification = true;
    rc |= sample(argv[1], &in);

    char *title = test_memo_repeat("æ", GENOP_MEMO_TEXT_MAX);
    char *name = test_memo_repeat("ø", GENOP_MEMO_TEXT_MAX);
    char *note = test_memo_repeat("å", GENOP_MEMO_NOTIFICATION_MAX);
    in = test_memo_input();
    in.title = title;
    in.recipient_name = name;
    in.notification = note;
    rc |= title && name && note ? sample(argv[1], &in) : 1;

    unsigned char *pdf = big_pdf(200 * 1024);
    in = test_memo_input();
    in.pdf = pdf;
    in.pdf_len = 200 * 1024;
    rc |= pdf ? sample(argv[1], &in) : 1;

    free(title);
    free(name);
    free(note);
    free(pdf);
    return rc;
}
