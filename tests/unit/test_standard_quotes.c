/*
 * test_standard_quotes.c - every citation in the five shipped standards
 * is found in the seed text it was read from (shared/seeds, beside the
 * checkout; GENOP_SEEDS_DIR): each source's quote and each part of its
 * section heading, of every rule, closure reason, revision, criterion
 * and complaint route (and its unit's own source), and of the rules of
 * cancellations. A source that cites the law instead of the standard is
 * not in the text and is skipped. Besides: the cancellation rules each
 * shipped standard holds, and the loader's problems with a wrong
 * `cancellations`.
 *
 * Both texts are compared as docs/standard-format.md says quotes are
 * written: PDF line breaks joined and end-of-line hyphenation undone.
 * So both are normalised alike: HTML tags and bullets become spaces, runs
 * of white space one space, and a hyphen that ends a word before white
 * space is dropped with that space ("selvhjul- penhed" and "ergo- eller"
 * alike). A quote's "..." marks an omission, and " / " joins the words of
 * two sections (Aalborg): each part must be found on its own. A section
 * joins nested headings with " › ".
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "standard_problem.h"
#include "test_helpers.h"

#include <stdlib.h>
#include <string.h>

#include "registry.h"
#include "standard.h"

#ifndef GENOP_SEEDS_DIR
#error "GENOP_SEEDS_DIR must name the directory of the seed texts"
#endif

static const struct { const char *id, *file; } seeds[] = {
    {"rodovre", "000_f34cd09fdf5274e7.txt"}, {"skive", "001_95bec8d377386f72.txt"},
    {"nyborg", "002_a8f5a9570aa7b901.txt"},  {"ishoj", "003_8487f42114ffab8b.txt"},
    {"aalborg", "004_6f2433a879464978.txt"},
};

/* The length of the bullet or white space at s (0 when none). */
static size_t space_at(const char *s)
{
    static const char *const wide[] = {"\xc2\xa0", "\xe2\x80\xa2", "\xef\x82\xb7", NULL};
    if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
        return 1;
    for (size_t i = 0; wide[i]; i++)
        if (strncmp(s, wide[i], strlen(wide[i])) == 0)
            return strlen(wide[i]);
    return 0;
}

/* The normal form of s (see the top), malloc'ed; the caller frees it. */
static char *normalised(const char *s)
{
    char *out = malloc(strlen(s) + 1);
    assert_non_null(out);
    size_t n = 0;
    bool pending = false;
    while (*s) {
        size_t w = space_at(s);
        if (*s == '<' && strchr(s, '>')) {
            s = strchr(s, '>') + 1;
            pending = true;
        } else if (w) {
            s += w;
            pending = true;
        } else if (*s == '-' && n > 0 && out[n - 1] != ' ' && space_at(s + 1)) {
            s++;
            while (space_at(s))
                s += space_at(s);
        } else {
            if (pending && n > 0)
                out[n++] = ' ';
            pending = false;
            out[n++] = *s++;
        }
    }
    out[n] = '\0';
    return out;
}

static char *read_seed(const char *file)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", GENOP_SEEDS_DIR, file);
    FILE *f = fopen(path, "rb");
    if (!f)
        fail_msg("seed text %s cannot be read", path);
    char *buf = calloc(1, 1 << 20);
    assert_non_null(buf);
    size_t n = fread(buf, 1, (1 << 20) - 1, f);
    fclose(f);
    buf[n] = '\0';
    char *norm = normalised(buf);
    free(buf);
    return norm;
}

/* Counts a part of text (up to the next separator among seps) that is not
 * in the seed, printing it. */
static int check_parts(const char *seed, const char *text, const char *const *seps,
                       const char *std_id, const char *what)
{
    int missing = 0;
    char *copy = strdup(text);
    assert_non_null(copy);
    char *part = copy;
    while (part) {
        char *cut = NULL;
        size_t cut_len = 0;
        for (size_t i = 0; seps[i]; i++) {
            char *at = strstr(part, seps[i]);
            if (at && (!cut || at < cut)) {
                cut = at;
                cut_len = strlen(seps[i]);
            }
        }
        if (cut)
            *cut = '\0';
        char *norm = normalised(part);
        if (norm[0] && !strstr(seed, norm)) {
            print_message("%s: %s not in the seed text: »%s«\n", std_id, what, norm);
            missing++;
        }
        free(norm);
        part = cut ? cut + cut_len : NULL;
    }
    free(copy);
    return missing;
}

static int check_source(const char *seed, const genop_source *src, const char *std_id)
{
    static const char *const quote_seps[] = {"...", "\xe2\x80\xa6", " / ", NULL};
    static const char *const section_seps[] = {" \xe2\x80\xba ", " / ", NULL};
    if (src->law || !src->section)
        return 0;
    int missing = check_parts(seed, src->section, section_seps, std_id, "section");
    if (src->quote)
        missing += check_parts(seed, src->quote, quote_seps, std_id, "quote");
    return missing;
}

/* Every source of the standard that cites its text. */
static int check_standard(const genop_standard *s, const char *seed)
{
    const genop_source *one[] = {
        &s->attendance.source, &s->attendance.admission.source, &s->minimum_age.source,
        &s->residency.source, &s->hospital_plan_excludes.source, &s->quarantine.source,
        &s->documentation.end_status.source, &s->revision.source, &s->letterhead.source,
        &s->cancel_by_provider.source, &s->cancel_by_citizen.source,
    };
    int missing = 0;
    for (size_t i = 0; i < sizeof one / sizeof one[0]; i++)
        missing += check_source(seed, one[i], s->id);
    for (size_t i = 0; i < s->n_deadlines; i++)
        missing += check_source(seed, &s->deadlines[i].source, s->id);
    for (size_t i = 0; i < s->n_limits; i++)
        missing += check_source(seed, &s->limits[i].source, s->id);
    for (size_t i = 0; i < s->n_closure_reasons; i++)
        missing += check_source(seed, &s->closure_reasons[i].source, s->id);
    for (size_t i = 0; i < s->n_criteria; i++)
        missing += check_source(seed, &s->criteria[i].source, s->id);
    for (size_t i = 0; i < s->n_complaint_routes; i++) {
        const genop_complaint_route *r = &s->complaint_routes[i];
        missing += check_source(seed, &r->source, s->id);
        if (r->unit.has_source)
            missing += check_source(seed, &r->unit.source, s->id);
    }
    return missing;
}

static void test_quotes_in_seeds(void **state)
{
    (void)state;
    int missing = 0;
    for (size_t k = 0; k < sizeof seeds / sizeof seeds[0]; k++) {
        genop_standard *std = NULL;
        must(genop_registry_load(seeds[k].id, &std, e));
        char *seed = read_seed(seeds[k].file);
        missing += check_standard(std, seed);
        free(seed);
        genop_standard_free(std);
    }
    if (missing)
        fail_msg("%d citations are not in their seed texts", missing);
}

/* The cancellation rules each shipped standard has (issue 14): Aalborg
 * promises a new time when the unit cancels, Skive offers none when the
 * citizen cancels, Rødovre and Nyborg speak of cancelling without a
 * promise, Ishøj says nothing. */
static void test_cancellations(void **state)
{
    (void)state;
    static const struct {
        const char *id;
        int provider, citizen;      /* -1: absent, else genop_new_time */
    } want[] = {
        {"aalborg", GENOP_NEW_TIME_PROMISED, -1},
        {"skive", -1, GENOP_NEW_TIME_NOT_OFFERED},
        {"rodovre", GENOP_NEW_TIME_UNSPECIFIED, -1},
        {"nyborg", -1, GENOP_NEW_TIME_UNSPECIFIED},
        {"ishoj", -1, -1},
    };
    for (size_t k = 0; k < sizeof want / sizeof want[0]; k++) {
        genop_standard *std = NULL;
        must(genop_registry_load(want[k].id, &std, e));
        const genop_cancellation_rule *p = &std->cancel_by_provider, *c = &std->cancel_by_citizen;
        assert_int_equal(p->present ? (int)p->new_time : -1, want[k].provider);
        assert_int_equal(c->present ? (int)c->new_time : -1, want[k].citizen);
        if (p->present)
            assert_non_null(p->source.quote);
        if (c->present)
            assert_non_null(c->source.quote);
        genop_standard_free(std);
    }
}

/* Lines 1-5: a standard with nothing but what is required. */
#define HEAD                                                                  \
    "id: test\n"                                                    /* 1 */  \
    "municipality: {name: Testrup Kommune, short_name: Testrup, code: 999}\n" \
    "title: Test\n"                                                 /* 3 */  \
    "paragraphs: [\"86.1\"]\n"                                      /* 4 */  \
    "content: {purpose: [Formål]}\n"                                /* 5 */

/* A `cancellations` the loader refuses, each one problem where it is. */
static void test_cancellations_problems(void **state)
{
    (void)state;
    expect_one_problem(HEAD
                       "cancellations:\n"
                       "  provider:\n"
                       "    new_time: soon\n"                         /* 8 */
                       "    source: {section: K, quote: Q}\n",
                       "8:15", "new_time 'soon' er ukendt");
    expect_one_problem(HEAD
                       "cancellations:\n"
                       "  citizen:\n"
                       "    new_time: not_offered\n"
                       "    source: {section: K}\n",                 /* 9 */
                       "9:14", "citere");
    expect_one_problem(HEAD
                       "cancellations:\n"
                       "  later: {new_time: promised, source: {section: K, quote: Q}}\n",
                       "7:3", "later");
    expect_one_problem(HEAD
                       "cancellations:\n"
                       "  provider:\n"
                       "    source: {section: K, quote: Q}\n",       /* 8 */
                       "8:5", "mangler 'new_time'");
}

/* The normal form itself: what must match does, what must not does not. */
static void test_normal_form(void **state)
{
    (void)state;
    char *a = normalised("bevare en høj grad af selvhjul-\npenhed. \n<p>Ny</p>  linje\xc2\xa0her");
    assert_string_equal(a, "bevare en høj grad af selvhjulpenhed. Ny linje her");
    free(a);
    char *seed = normalised("Borgere som vurderes at kunne træne i andet regi\n");
    static const char *const seps[] = {"...", NULL};
    assert_int_equal(check_parts(seed, "Borgere som ... i andet regi", seps, "t", "quote"), 0);
    assert_int_equal(check_parts(seed, "Borgere som ... i tredje regi", seps, "t", "quote"), 1);
    free(seed);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_normal_form),
        cmocka_unit_test(test_quotes_in_seeds),
        cmocka_unit_test(test_cancellations),
        cmocka_unit_test(test_cancellations_problems),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
