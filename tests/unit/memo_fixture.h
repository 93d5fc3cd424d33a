/*
 * memo_fixture.h - the Digital Post message the MeMo tests build
 * (tests/unit/test_memo.c, test_spool.c and the sample writer that
 * tests/memo/test_memo_xmllint.sh checks with xmllint).
 *
 * The sender's CVR number 12345678 is an obvious test value, no
 * municipality's: genop takes the real one from the municipality's
 * configuration (docs/memo.md). The municipality, the citizen and the CPR
 * number are made up.
 */
#ifndef GENOP_MEMO_FIXTURE_H
#define GENOP_MEMO_FIXTURE_H

#include <stdlib.h>
#include <string.h>

#include "memo.h"

/* The test CVR number (see above). */
#define TEST_MEMO_CVR "12345678"

/* A small PDF: a page with no content, and the binary comment line real
 * PDFs carry, so the base64 covers bytes above 0x7f. */
static const unsigned char TEST_MEMO_PDF[] =
    "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
    "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n"
    "trailer << /Root 1 0 R >>\n%%EOF\n";

/* 3 May 2027 08:30:00 UTC. */
#define TEST_MEMO_CREATED ((time_t)1809333000)

/* A decision letter to a citizen whose name holds æ, ø and å. */
static inline genop_memo_input test_memo_input(void)
{
    genop_memo_input in;
    memset(&in, 0, sizeof in);
    in.sender_cvr = TEST_MEMO_CVR;
    in.sender_label = "Æblerød Kommune";
    in.recipient_cpr = "010190-1234";
    in.recipient_name = "Søren Åberg Ærø";
    in.title = "Afgørelse om genoptræning efter serviceloven § 86";
    in.created = TEST_MEMO_CREATED;
    in.pdf = TEST_MEMO_PDF;
    in.pdf_len = sizeof TEST_MEMO_PDF - 1;
    in.filename = "afgørelse-2027-05-03.pdf";
    return in;
}

/* n copies of the UTF-8 character c (text of n characters), or NULL if
 * memory ran out; the caller frees it. */
static inline char *test_memo_repeat(const char *c, size_t n)
{
    size_t len = strlen(c);
    char *s = malloc(n * len + 1);
    if (s == NULL)
        return NULL;
    for (size_t i = 0; i < n; i++)
        memcpy(s + i * len, c, len);
    s[n * len] = '\0';
    return s;
}

#endif
