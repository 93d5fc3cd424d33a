/*
 * standard_problem.h - the loader's one problem in a standard: a check
 * the unit tests of the parts of the standard format share. Include after
 * <cmocka.h>.
 */
#ifndef GENOP_TEST_STANDARD_PROBLEM_H
#define GENOP_TEST_STANDARD_PROBLEM_H

#include <stdio.h>
#include <string.h>

#include "standard_load.h"

/* The standard in text (named "t.yaml") must fail to load with exactly
 * one problem, at `position` ("LINE:COLUMN"), that contains `word`. */
static inline void expect_one_problem(const char *text, const char *position, const char *word)
{
    genop_standard *std = NULL;
    genop_problems p = {0};
    genop_error e;
    assert_int_equal(genop_standard_parse(text, strlen(text), "t.yaml", &std, &p, &e),
                     GENOP_EINVAL);
    assert_null(std);
    char prefix[64];
    snprintf(prefix, sizeof prefix, "t.yaml:%s: ", position);
    if (p.n != 1 || strncmp(p.items[0], prefix, strlen(prefix)) != 0 ||
        !strstr(p.items[0], word))
        fail_msg("expected one problem at %s with \"%s\"; got %zu, the first: %s", position,
                 word, p.n, p.n ? p.items[0] : "-");
    genop_problems_free(&p);
}

/* The standard in text (named "t.yaml") must load without a problem;
 * the caller frees it with genop_standard_free(). */
static inline genop_standard *expect_loaded(const char *text)
{
    genop_standard *std = NULL;
    genop_problems p = {0};
    genop_error e;
    if (genop_standard_parse(text, strlen(text), "t.yaml", &std, &p, &e) != GENOP_OK)
        fail_msg("a good standard was refused: %s", p.n ? p.items[0] : e.message);
    genop_problems_free(&p);
    return std;
}

#endif
