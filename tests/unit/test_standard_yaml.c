/*
 * test_standard_yaml.c - unit tests for how the loader treats the YAML
 * text itself where the YAML library (libfyaml 0.7.12) has a known bug:
 * single-quoted scalars with two or more escaped quotes in a row
 * (standard_load_quotes.c).
 *
 * - Such a scalar is refused with one problem at its FILE:LINE:COLUMN,
 *   whether it is a value or a key, and however long the run (the fuzzer's
 *   input had 57 escaped quotes in a row; four or more made libfyaml leak).
 * - Every other quoting reads as YAML says: one escaped quote, escaped
 *   quotes apart, a run at the text's start and end, and a run of quotes
 *   inside double quotes - each checked against the text YAML 1.2 gives.
 *
 * The expected texts and positions were worked out by hand from the YAML
 * 1.2 specification (7.3.2, single-quoted style), never by running genop.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "test_helpers.h"

#include <stdio.h>
#include <string.h>

#include "standard.h"
#include "standard_load.h"

/* A standard with nothing but what is required; TITLE is its line 3. */
#define BEFORE_TITLE                                                          \
    "id: test\n"                                                              \
    "municipality: {name: Testrup Kommune, short_name: Testrup, code: 999}\n"
#define AFTER_TITLE                                                           \
    "paragraphs: [\"86.1\"]\n"                                                \
    "content: {purpose: [Formål]}\n"

static genop_err parse(const char *text, genop_standard **out, genop_problems *p)
{
    genop_error e;
    genop_error_clear(&e);
    return genop_standard_parse(text, strlen(text), "t.yaml", out, p, &e);
}

/* The title line `title_line` (with its "\n") must load, and the title
 * read must be `want`. */
static void title_reads(const char *title_line, const char *want)
{
    char text[1024];
    snprintf(text, sizeof text, "%s%s%s", BEFORE_TITLE, title_line, AFTER_TITLE);
    genop_standard *std = NULL;
    genop_problems p = {0};
    if (parse(text, &std, &p) != GENOP_OK) {
        for (size_t i = 0; i < p.n; i++)
            print_message("problem: %s\n", p.items[i]);
        genop_problems_free(&p);
        fail_msg("refused: %s", title_line);
    }
    assert_string_equal(std->title, want);
    genop_standard_free(std);
    genop_problems_free(&p);
}

/* text must be refused with exactly one problem at "t.yaml:<at>: " that
 * asks for double quotes. A quoted scalar's position is its text's first
 * character, after the opening quote, as for every other problem. */
static void refused_at(const char *text, const char *at)
{
    genop_standard *std = NULL;
    genop_problems p = {0};
    genop_err err = parse(text, &std, &p);
    char prefix[64];
    snprintf(prefix, sizeof prefix, "t.yaml:%s: ", at);
    bool good = err == GENOP_EINVAL && std == NULL && p.n == 1 &&
                strncmp(p.items[0], prefix, strlen(prefix)) == 0 &&
                strstr(p.items[0], "dobbelte anførselstegn");
    if (!good) {
        for (size_t i = 0; i < p.n; i++)
            print_message("problem: %s\n", p.items[i]);
        genop_standard_free(std);
        genop_problems_free(&p);
        fail_msg("expected one problem at %s (err %d)", at, (int)err);
    }
    genop_problems_free(&p);
}

static void test_quote_runs_refused(void **state)
{
    (void)state;
    /* Two escaped quotes in a row: the smallest run libfyaml misreads. */
    refused_at(BEFORE_TITLE "title: 'x '''' y'\n" AFTER_TITLE, "3:9");
    /* Four and more: libfyaml would leak as well. */
    refused_at(BEFORE_TITLE "title: 'x '''''''' y'\n" AFTER_TITLE, "3:9");
    char many[512];
    snprintf(many, sizeof many, "%stitle: 'a%.*sb'\n%s", BEFORE_TITLE, 114,
             "''''''''''''''''''''''''''''''''''''''''''''''''''''''''''''''''''"
             "''''''''''''''''''''''''''''''''''''''''''''''''''''''''''''",
             AFTER_TITLE);
    refused_at(many, "3:9");
    /* A key: its text starts in column 2 of line 3, the value after it never read. */
    refused_at(BEFORE_TITLE "'a''''b': c\ntitle: T\n" AFTER_TITLE, "3:2");
    /* Deeper down, in a list inside a mapping. */
    refused_at(BEFORE_TITLE "title: T\n" "paragraphs: [\"86.1\"]\n"
               "content: {purpose: ['ok', 'x '''' y']}\n", "5:28");
}

static void test_other_quoting_reads_right(void **state)
{
    (void)state;
    title_reads("title: 'it''s'\n", "it's");
    title_reads("title: 'a''b''c''d''e'\n", "a'b'c'd'e");
    title_reads("title: '''a'''\n", "'a'");
    title_reads("title: ''''\n", "'");
    title_reads("title: \"x '''' y\"\n", "x '''' y");
    title_reads("title: \"x '' y\"\n", "x '' y");
    title_reads("title: x '''' y\n", "x '''' y");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_quote_runs_refused),
        cmocka_unit_test(test_other_quoting_reads_right),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
