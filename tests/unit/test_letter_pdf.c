/*
 * test_letter_pdf.c - letters laid out as PDF (letter_pdf.h) and the page
 * breaks of their body (letter_flow.h), the decisions that can be checked
 * in C; tests/letters/test_letter_pdf.sh reads the PDFs back with
 * poppler's tools.
 * - the sample decision letter (tests/letters/decision_aalborg.json) is a
 *   two-page PDF, the same bytes every time, from any thread;
 * - the page count grows with the text and never shrinks;
 * - a word longer than a line is broken, and no line of any letter runs
 *   past the margin;
 * - a heading is never the last thing on a page, whatever precedes it; a
 *   paragraph never leaves a single line on either side of a break; a
 *   signature is never split nor alone on a page;
 * - a document that cannot be laid out is refused with the field at
 *   fault, and nothing is appended to the buffer; a buffer's limit is
 *   kept;
 * - several documents: each on a new page, on an odd page for duplex,
 *   numbered for a bundle, a bad one named by its number.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "letter_doc_json.h"
#include "letter_flow.h"
#include "letter_pdf.h"
#include "test_helpers.h"

#ifndef GENOP_LETTER_FIXTURES
#error "GENOP_LETTER_FIXTURES names tests/letters"
#endif

/* The sample decision letter, read from its JSON. */
static genop_letter_doc *sample(void)
{
    char path[512];
    genop_bprintf(path, sizeof path, "%s/decision_aalborg.json", GENOP_LETTER_FIXTURES);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    genop_buf text = { 0 };
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) genop_buf_add(&text, chunk, n);
    fclose(f);
    genop_letter_doc *doc = NULL;
    genop_error e = { 0 };
    if (genop_letter_doc_read_json(text.data, text.len, &doc, &e))
        fail_msg("%s", e.message);
    genop_buf_release(&text);
    return doc;
}

/* A short valid letter with n paragraphs of `words` words each. */
static genop_letter_doc *letter(int n, int words)
{
    genop_letter_doc *doc = genop_letter_doc_new("decision", "Afgørelse om træning",
                                                 genop_date_from_ymd_unchecked(2027, 5, 3));
    assert_non_null(doc);
    genop_error e = { 0 };
    assert_int_equal(genop_letter_doc_add_sender(doc, "Aalborg Kommune", &e), GENOP_OK);
    assert_int_equal(genop_letter_doc_add_recipient(doc, "Åse Ørnbøl", &e), GENOP_OK);
    for (int i = 0; i < n; i++) {
        char text[4096];
        size_t used = 0;
        for (int w = 0; w < words && used + 16 < sizeof text; w++)
            used += (size_t)snprintf(text + used, sizeof text - used, "%sæblegrød", w ? " " : "");
        text[used] = '\0';
        assert_int_equal(genop_letter_doc_add(doc, GENOP_LETTER_PARAGRAPH, text, &e), GENOP_OK);
    }
    return doc;
}

/* Renders doc, which must succeed; returns its info. */
static genop_letter_pdf_info render(const genop_letter_doc *doc, genop_buf *out)
{
    genop_letter_pdf_info info = { 0 };
    genop_error e = { 0 };
    if (genop_letter_pdf(doc, out, &info, &e)) fail_msg("%s", e.message);
    return info;
}

static void test_sample_is_two_pages_of_pdf(void **state)
{
    (void)state;
    genop_letter_doc *doc = sample();
    genop_buf pdf = { 0 };
    genop_letter_pdf_info info = render(doc, &pdf);
    assert_int_equal(info.pages, 2);
    assert_true(pdf.len > 1000);
    assert_memory_equal(pdf.data, "%PDF-1.5", 8);
    assert_non_null(strstr(pdf.data + pdf.len - 8, "%%EOF"));
    assert_true(info.widest_line <= info.text_width);
    assert_true(info.widest_line > info.text_width * 0.8);   /* full lines */
    /* The same document gives the same bytes (its hash can be checked). */
    genop_buf again = { 0 };
    render(doc, &again);
    assert_int_equal(again.len, pdf.len);
    assert_memory_equal(again.data, pdf.data, pdf.len);
    genop_buf_release(&again);
    genop_buf_release(&pdf);
    genop_letter_doc_free(doc);
}

static void test_pages_grow_with_text(void **state)
{
    (void)state;
    int last = 0;
    for (int n = 1; n <= 64; n *= 2) {
        genop_letter_doc *doc = letter(n, 60);
        genop_buf pdf = { 0 };
        genop_letter_pdf_info info = render(doc, &pdf);
        assert_true(info.pages >= last);
        if (n == 1) assert_int_equal(info.pages, 1);
        last = info.pages;
        genop_buf_release(&pdf);
        genop_letter_doc_free(doc);
    }
    /* 64 paragraphs of 60 words (some 500 lines) take many pages. */
    assert_true(last >= 10);
}

static void test_long_word_wraps(void **state)
{
    (void)state;
    genop_letter_doc *doc = letter(1, 3);
    char word[1201];
    for (size_t i = 0; i < 600; i++) memcpy(word + 2 * i, "ø", 2);   /* 600 ø, no space */
    word[1200] = '\0';
    genop_error e = { 0 };
    assert_int_equal(genop_letter_doc_add(doc, GENOP_LETTER_PARAGRAPH, word, &e), GENOP_OK);
    assert_int_equal(genop_letter_doc_add_fact(doc, word, word, &e), GENOP_OK);
    assert_int_equal(genop_letter_doc_add(doc, GENOP_LETTER_ITEM, word, &e), GENOP_OK);
    genop_buf pdf = { 0 };
    genop_letter_pdf_info info = render(doc, &pdf);
    assert_true(info.widest_line <= info.text_width);
    /* It did wrap: 600 ø at 12 pt are some 4,000 points wide. */
    assert_true(info.widest_line > info.text_width * 0.9);
    genop_buf_release(&pdf);
    genop_letter_doc_free(doc);
}

/* A text of n copies of word, separated by spaces; the caller frees it. */
static char *repeat(const char *word, size_t n)
{
    size_t w = strlen(word);
    char *s = malloc(n * (w + 1) + 1);
    assert_non_null(s);
    for (size_t i = 0; i < n; i++) {
        memcpy(s + i * (w + 1), word, w);
        s[i * (w + 1) + w] = ' ';
    }
    s[n ? n * (w + 1) - 1 : 0] = '\0';
    return s;
}

static void test_extreme_text_renders(void **state)
{
    (void)state;
    /* Every field at many times any real letter's length: it still lays
     * out, within the margins, and the PDF is whole. */
    char *long_line = repeat("Østergårdsvej", 300), *huge = repeat("ærø", 2000);
    genop_letter_doc *doc = genop_letter_doc_new("complaint_forwarded", long_line,
                                                 genop_date_from_ymd_unchecked(2199, 12, 31));
    assert_non_null(doc);
    must(genop_letter_doc_set_reference(doc, long_line, e));
    for (int i = 0; i < 8; i++) must(genop_letter_doc_add_sender(doc, long_line, e));
    for (int i = 0; i < 6; i++) must(genop_letter_doc_add_recipient(doc, long_line, e));
    must(genop_letter_doc_add(doc, GENOP_LETTER_HEADING, huge, e));
    must(genop_letter_doc_add_fact(doc, long_line, huge, e));
    must(genop_letter_doc_add(doc, GENOP_LETTER_SIGNATURE, huge, e));
    must(genop_letter_doc_add(doc, GENOP_LETTER_SOURCE, huge, e));
    genop_buf pdf = { 0 };
    genop_letter_pdf_info info = render(doc, &pdf);
    assert_true(info.pages > 3);
    assert_true(info.widest_line <= info.text_width);
    assert_non_null(strstr(pdf.data + pdf.len - 8, "%%EOF"));
    genop_buf_release(&pdf);
    genop_letter_doc_free(doc);
    free(long_line);
    free(huge);
}

/* Refuses doc with field, and appends nothing to a buffer that holds
 * something already. */
static void assert_refused(genop_letter_doc *doc, const char *field)
{
    genop_buf pdf = { 0 };
    genop_buf_adds(&pdf, "før");
    genop_error e = { 0 };
    assert_int_equal(genop_letter_pdf(doc, &pdf, NULL, &e), GENOP_EINVAL);
    assert_string_equal(e.field, field);
    assert_true(strlen(e.message) > 10);
    assert_int_equal(pdf.len, strlen("før"));
    assert_string_equal(pdf.data, "før");
    genop_buf_release(&pdf);
    genop_letter_doc_free(doc);
}

static void test_invalid_documents_refused(void **state)
{
    (void)state;
    genop_error e = { 0 };
    genop_date d = genop_date_from_ymd_unchecked(2027, 5, 3);
    genop_letter_doc *doc = genop_letter_doc_new("decision", "Afgørelse", d);
    genop_letter_doc_add(doc, GENOP_LETTER_PARAGRAPH, "Tekst", &e);
    assert_refused(doc, "$.sender");                 /* no letterhead */

    doc = letter(0, 0);
    assert_refused(doc, "$.blocks");                 /* no text */

    doc = letter(1, 5);
    for (int i = 0; i < 6; i++) genop_letter_doc_add_recipient(doc, "Linje", &e);
    assert_refused(doc, "$.recipient");              /* 7 lines: not in the window */

    doc = genop_letter_doc_new("decision", "", d);
    genop_letter_doc_add_sender(doc, "Aalborg Kommune", &e);
    genop_letter_doc_add(doc, GENOP_LETTER_PARAGRAPH, "Tekst", &e);
    assert_refused(doc, "$.title");

    assert_int_equal(genop_letter_pdf(NULL, &(genop_buf){ 0 }, NULL, &e), GENOP_EINVAL);
}

static void test_buffer_limit_kept(void **state)
{
    (void)state;
    genop_letter_doc *doc = sample();
    genop_buf pdf = { 0 };
    genop_buf_set_limit(&pdf, 4096);
    genop_buf_adds(&pdf, "x");
    genop_error e = { 0 };
    assert_int_equal(genop_letter_pdf(doc, &pdf, NULL, &e), GENOP_ENOMEM);
    assert_int_equal(pdf.len, 1);
    assert_true(genop_buf_failed(&pdf));
    genop_buf_release(&pdf);
    genop_letter_doc_free(doc);
}

/* Lays doc out as a flow (the body only), which must succeed. */
static void flow_of(const genop_letter_doc *doc, lf_flow *flow)
{
    PangoContext *ctx = lf_context(NULL);
    assert_non_null(ctx);
    genop_error e = { 0 };
    if (lf_flow_make(ctx, doc, LF_MM(100.0), flow, &e)) fail_msg("%s", e.message);
    g_object_unref(ctx);
}

/* The page of block b's first and last piece in flow. */
static void pages_of(const lf_flow *flow, size_t b, int *first, int *last)
{
    *first = -1;
    for (size_t i = 0; i < flow->n_pieces; i++) {
        if (flow->pieces[i].block != b) continue;
        if (*first < 0) *first = flow->pieces[i].page;
        *last = flow->pieces[i].page;
    }
    assert_true(*first >= 0);
}

/* The rules of the breaks, checked on every piece of flow. */
static void assert_breaks_ok(const lf_flow *flow)
{
    for (size_t i = 0; i < flow->n_pieces; i++) {
        const lf_piece *p = &flow->pieces[i];
        const lf_block *b = &flow->blocks[p->block];
        assert_true(p->y + 0.01 >= (p->page ? LF_TOP : LF_MM(100.0)));
        bool whole = p->first_line == 0 && p->n_lines == b->n_lines;
        if (b->n_lines >= 4 && !whole) assert_true(p->n_lines >= 2);   /* orphans, widows */
        if (b->role == LF_SIGNATURE || b->role == LF_HEADING) assert_true(whole);
    }
    for (size_t b = 1; b + 1 < flow->n_blocks; b++) {
        int f0, l0, f1, l1;
        pages_of(flow, b, &f0, &l0);
        pages_of(flow, b + 1, &f1, &l1);
        if (flow->blocks[b].role == LF_HEADING) assert_int_equal(l0, f1);
        if (flow->blocks[b + 1].role == LF_SIGNATURE || flow->blocks[b + 1].role == LF_SOURCE)
            assert_int_equal(l0, f1);
    }
}

static void test_heading_stays_with_what_follows(void **state)
{
    (void)state;
    genop_error e = { 0 };
    /* Filler of every length from none to two pages and a half, then a
     * heading, a paragraph and its source, then a signature: the heading
     * lands on every position of a page, the end of one included. */
    for (int filler = 0; filler < 90; filler++) {
        genop_letter_doc *doc = letter(0, 0);
        for (int i = 0; i < filler; i++)
            genop_letter_doc_add(doc, GENOP_LETTER_ITEM, "Æble og pære", &e);
        genop_letter_doc_add(doc, GENOP_LETTER_HEADING, "Klagevejledning", &e);
        genop_letter_doc_addf(doc, GENOP_LETTER_PARAGRAPH, &e, "%s",
                              "Hvis du er uenig i afgørelsen, kan du klage. Du kan klage "
                              "mundtligt eller skriftligt, og klagen skal være modtaget senest "
                              "fire uger efter, at du har modtaget afgørelsen. Vi vurderer "
                              "sagen igen, og ændrer vi ikke afgørelsen, går den videre.");
        genop_letter_doc_add(doc, GENOP_LETTER_SOURCE, "Retssikkerhedsloven § 67", &e);
        genop_letter_doc_add(doc, GENOP_LETTER_SIGNATURE, "Med venlig hilsen\nMette", &e);
        lf_flow flow;
        flow_of(doc, &flow);
        assert_breaks_ok(&flow);
        lf_flow_release(&flow);
        genop_letter_doc_free(doc);
    }
}

static void test_long_paragraphs_break_cleanly(void **state)
{
    (void)state;
    genop_error e = { 0 };
    /* A paragraph of some ten lines after filler of every length: the
     * break falls after each of its lines in turn. */
    for (int filler = 20; filler < 60; filler++) {
        genop_letter_doc *doc = letter(0, 0);
        for (int i = 0; i < filler; i++)
            genop_letter_doc_add(doc, GENOP_LETTER_ITEM, "Æble og pære", &e);
        genop_letter_doc *words = letter(1, 110);
        genop_letter_doc_add(doc, GENOP_LETTER_PARAGRAPH, words->blocks[0].text, &e);
        genop_letter_doc_free(words);
        lf_flow flow;
        flow_of(doc, &flow);
        assert_true(flow.blocks[flow.n_blocks - 1].n_lines >= 8);
        assert_breaks_ok(&flow);
        lf_flow_release(&flow);
        genop_letter_doc_free(doc);
    }
    for (int words = 20; words <= 400; words += 38) {
        genop_letter_doc *doc = letter(5, words);
        lf_flow flow;
        flow_of(doc, &flow);
        assert_breaks_ok(&flow);
        assert_true(flow.pages >= 1);
        lf_flow_release(&flow);
        genop_letter_doc_free(doc);
    }
}

static void test_many_documents(void **state)
{
    (void)state;
    genop_letter_doc *one = letter(1, 10), *two = sample(), *three = letter(2, 10);
    const genop_letter_doc *docs[] = { one, two, three };
    genop_buf pdf = { 0 };
    genop_letter_pdf_info info = { 0 };
    genop_error e = { 0 };
    genop_letter_pdf_options opt = { 0 };
    assert_int_equal(genop_letter_pdf_many(docs, 3, &opt, &pdf, &info, &e), GENOP_OK);
    assert_int_equal(info.pages, 4);                 /* 1 + 2 + 1 */
    genop_buf_reset(&pdf);
    opt.duplex = true;
    assert_int_equal(genop_letter_pdf_many(docs, 3, &opt, &pdf, &info, &e), GENOP_OK);
    assert_int_equal(info.pages, 5);                 /* 1 + blank + 2 + 1, none after the last */
    genop_buf_reset(&pdf);
    opt = (genop_letter_pdf_options){ .number_documents = true, .title = "Klagesag 1234" };
    assert_int_equal(genop_letter_pdf_many(docs, 3, &opt, &pdf, &info, &e), GENOP_OK);
    assert_int_equal(info.pages, 4);
    genop_buf_release(&pdf);

    assert_int_equal(genop_letter_pdf_many(docs, 0, NULL, &pdf, NULL, &e), GENOP_EINVAL);
    genop_letter_doc *bad = letter(0, 0);
    const genop_letter_doc *with_bad[] = { one, bad };
    assert_int_equal(genop_letter_pdf_many(with_bad, 2, NULL, &pdf, NULL, &e), GENOP_EINVAL);
    assert_message_contains(e, "dokument 2");
    assert_int_equal(pdf.len, 0);
    genop_buf_release(&pdf);
    genop_letter_doc_free(bad);
    genop_letter_doc_free(one);
    genop_letter_doc_free(two);
    genop_letter_doc_free(three);
}

/* A thread that renders the sample letter several times and compares
 * each PDF with the one made before the threads started. */
typedef struct job {
    const genop_letter_doc *doc;
    const genop_buf *want;
    int same;
} job;

static void *render_job(void *arg)
{
    job *j = arg;
    for (int i = 0; i < 3; i++) {
        genop_buf pdf = { 0 };
        genop_error e = { 0 };
        if (genop_letter_pdf(j->doc, &pdf, NULL, &e) == GENOP_OK && pdf.len == j->want->len &&
            memcmp(pdf.data, j->want->data, pdf.len) == 0)
            j->same++;
        genop_buf_release(&pdf);
    }
    return NULL;
}

static void test_threads_render_alike(void **state)
{
    (void)state;
    genop_letter_doc *doc = sample();
    genop_buf want = { 0 };
    render(doc, &want);
    enum { N = 4 };
    pthread_t t[N];
    job jobs[N];
    for (int i = 0; i < N; i++) {
        jobs[i] = (job){ .doc = doc, .want = &want };
        assert_int_equal(pthread_create(&t[i], NULL, render_job, &jobs[i]), 0);
    }
    for (int i = 0; i < N; i++) {
        pthread_join(t[i], NULL);
        assert_int_equal(jobs[i].same, 3);
    }
    genop_buf_release(&want);
    genop_letter_doc_free(doc);
}

static void test_kind_titles(void **state)
{
    (void)state;
    assert_string_equal(genop_letter_kind_title("decision"), "Afgørelse");
    assert_string_equal(genop_letter_kind_title("complaint_forwarded"),
                        "Klage sendt til Ankestyrelsen");
    assert_null(genop_letter_kind_title("letter"));
    assert_null(genop_letter_kind_title(NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sample_is_two_pages_of_pdf),
        cmocka_unit_test(test_pages_grow_with_text),
        cmocka_unit_test(test_long_word_wraps),
        cmocka_unit_test(test_extreme_text_renders),
        cmocka_unit_test(test_invalid_documents_refused),
        cmocka_unit_test(test_buffer_limit_kept),
        cmocka_unit_test(test_heading_stays_with_what_follows),
        cmocka_unit_test(test_long_paragraphs_break_cleanly),
        cmocka_unit_test(test_many_documents),
        cmocka_unit_test(test_threads_render_alike),
        cmocka_unit_test(test_kind_titles),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    genop_letter_pdf_shutdown();
    return failed;
}
