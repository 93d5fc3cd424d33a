/*
 * standard_text.c - the rules of a standard as plain Danish sentences (see
 * standard_text.h). A deadline reads as "<what happens> senest <N units>
 * efter <the event it counts from>": the subject comes from the event that
 * fulfils it (its `until` anchor), the rest from the standard's own Danish
 * anchor labels (standard.c). Limits, attendance and eligibility each have
 * one fixed pattern with the rule's number in it.
 */
#include "standard_text.h"

#include <assert.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

#include "utf8.h"

/* snprintf into buf (size > 0); a sentence cut short (a very long
 * municipality name) keeps valid UTF-8, so it can always become a JSON
 * string. */
__attribute__((format(printf, 3, 4)))
static void say(char *buf, size_t size, const char *fmt, ...)
{
    assert(size > 0);
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    if (n < 0)
        buf[0] = '\0';
    else if ((size_t)n >= size)
        genop_utf8_sanitize(buf);
}

/* What happens when a deadline is kept, by its `until` anchor: the
 * sentence's subject and verb. */
static const char *const until_subject_da[GENOP_ANCHOR_COUNT] = {
    [GENOP_ANCHOR_REFERRAL_RECEIVED] = "Henvendelsen modtages",
    [GENOP_ANCHOR_CONTACTED] = "Borgeren kontaktes",
    [GENOP_ANCHOR_ASSESSMENT] = "Den indledende samtale/udredning holdes",
    [GENOP_ANCHOR_DECISION] = "Afgørelsen træffes",
    [GENOP_ANCHOR_DECISION_RECEIVED] = "Borgeren modtager afgørelsen",
    [GENOP_ANCHOR_GRANT_RECEIVED] = "Træningsenheden modtager bevillingen",
    [GENOP_ANCHOR_FIRST_SESSION] = "Første træningsgang holdes",
    [GENOP_ANCHOR_COMPLAINT_RECEIVED] = "Klagen skal være modtaget",
    [GENOP_ANCHOR_COMPLAINT_DECIDED] = "Klagen genvurderes",
    [GENOP_ANCHOR_COMPLAINT_FORWARDED] = "Klagen sendes til Ankestyrelsen",
    [GENOP_ANCHOR_CLOSED] = "Forløbet afsluttes",
};

/* A unit in Danish, singular or plural. Calendar days are said to be
 * calendar days: a reader who meets "dage" next to "hverdage" should not
 * have to guess which is meant. */
static const char *unit_word(genop_unit unit, int amount)
{
    if (unit == GENOP_UNIT_DAYS)
        return amount == 1 ? "kalenderdag" : "kalenderdage";
    return genop_unit_label_da(unit, amount);
}

const char *genop_deadline_text(const genop_deadline_rule *d, char *buf, size_t size)
{
    assert(d->until < GENOP_ANCHOR_COUNT && d->from < GENOP_ANCHOR_COUNT);
    const char *subject = until_subject_da[d->until];
    if (!subject)                       /* an anchor added without a sentence */
        subject = "Fristen holdes";
    const char *from = genop_anchor_label_da(d->from);
    if (d->amount == 0)
        say(buf, size, "%s senest samme dag som %s.", subject, from);
    else
        say(buf, size, "%s senest %d %s efter %s.", subject, d->amount,
                      unit_word(d->unit, d->amount), from);
    return buf;
}

static const char *condition_sentence(genop_condition when)
{
    switch (when) {
    case GENOP_WHEN_GRANTED:
        return "Gælder kun, når træningen er bevilget.";
    case GENOP_WHEN_NOT_REFUSED:
        return "Gælder ikke, når der er givet afslag.";
    case GENOP_WHEN_NOT_FULLY_UPHELD:
        return "Gælder kun, når klagen ikke får fuldt medhold ved genvurderingen.";
    case GENOP_WHEN_ALWAYS:
    case GENOP_WHEN_COUNT:
        break;
    }
    return NULL;
}

size_t genop_deadline_details(const genop_deadline_rule *d,
                              const char *out[GENOP_DEADLINE_DETAILS_MAX])
{
    size_t n = 0;
    const char *condition = condition_sentence(d->when);
    if (condition)
        out[n++] = condition;
    if (d->citizens_deadline)
        out[n++] = "Fristen er borgerens; den binder ikke kommunen.";
    if (d->due_on_workday)
        out[n++] = "Falder fristen på en fridag, rykkes den til næste hverdag.";
    return n;
}

bool genop_deadline_is_complaint(const genop_deadline_rule *d)
{
    return d->until == GENOP_ANCHOR_COMPLAINT_RECEIVED ||
           d->until == GENOP_ANCHOR_COMPLAINT_DECIDED ||
           d->until == GENOP_ANCHOR_COMPLAINT_FORWARDED;
}

const char *genop_limit_text(const genop_limit_rule *l, char *buf, size_t size)
{
    bool one = l->max == 1;
    switch (l->kind) {
    case GENOP_LIMIT_SESSIONS:
        say(buf, size, "Højst %d %s i alt.", l->max,
                      one ? "træningsgang" : "træningsgange");
        break;
    case GENOP_LIMIT_ASSESSMENT_SESSIONS:
        say(buf, size, "Højst %d %s.", l->max,
                      one ? "udredningsgang" : "udredningsgange");
        break;
    case GENOP_LIMIT_SESSIONS_PER_WEEK:
        say(buf, size, "Højst %d %s pr. uge.", l->max,
                      one ? "træningsgang" : "træningsgange");
        break;
    case GENOP_LIMIT_MINUTES_PER_WEEK:
        say(buf, size, "Højst %d %s pr. uge.", l->max, one ? "minut" : "minutter");
        break;
    case GENOP_LIMIT_COURSE_LENGTH:
        say(buf, size, "Højst %d %s fra første træningsgang.", l->max,
                      unit_word(l->unit, l->max));
        break;
    default:
        say(buf, size, "Højst %d.", l->max);
        break;
    }
    return buf;
}

const char *genop_attendance_text(const genop_attendance_rule *a, char *buf, size_t size)
{
    bool one = a->review_limit == 1;
    const char *what;
    if (a->counts == GENOP_COUNT_NO_SHOWS)
        what = one ? "udeblivelse" : "udeblivelser";
    else
        what = one ? "udeblivelse eller afbud" : "udeblivelser og afbud tilsammen";
    say(buf, size, "Forløbet tages op til vurdering ved %d %s.", a->review_limit,
                  what);
    return buf;
}

const char *genop_admission_text(const genop_admission_rule *r, char *buf, size_t size)
{
    (void)r;
    say(buf, size, "%s", "Bliver borgeren indlagt under forløbet (fra første træningsgang til og "
                         "med afslutningen), tages forløbet op til revurdering.");
    return buf;
}

const char *genop_minimum_age_text(const genop_age_rule *r, char *buf, size_t size)
{
    say(buf, size, "Borgeren skal være fyldt %d år.", r->minimum_years);
    return buf;
}

const char *genop_residency_text(const genop_standard *std, char *buf, size_t size)
{
    say(buf, size, "Borgeren skal bo i %s.", std->municipality);
    return buf;
}

/* "§ 86" when a rule covers all of the standard's paragraphs, else the
 * one paragraph it covers ("§ 86, stk. 1"). */
static const char *paragraph_scope(const genop_standard *std, unsigned bits)
{
    if (bits == std->paragraphs || bits == (GENOP_PARA_86_1 | GENOP_PARA_86_2))
        return "§ 86";
    return bits == GENOP_PARA_86_2 ? "§ 86, stk. 2" : "§ 86, stk. 1";
}

const char *genop_hospital_plan_text(const genop_standard *std, char *buf, size_t size)
{
    say(buf, size, "Der kan ikke bevilges træning efter %s til en borger, der samtidig "
                   "har en genoptræningsplan efter sundhedslovens § 140.",
        paragraph_scope(std, std->hospital_plan_excludes.paragraphs));
    return buf;
}

const char *genop_quarantine_text(const genop_quarantine_rule *r, char *buf, size_t size)
{
    say(buf, size, "Et nyt forløb for samme lidelse kan tidligst bevilges %d %s efter, "
                   "at det forrige sluttede.",
                  r->amount, unit_word(r->unit, r->amount));
    return buf;
}

const char *genop_cancellation_text(const genop_cancellation_rule *r, bool by_citizen,
                                    char *buf, size_t size)
{
    const char *who = by_citizen ? "Når borgeren aflyser" : "Når træningen aflyses af kommunen";
    const char *what = r->new_time == GENOP_NEW_TIME_PROMISED ? "tilbydes borgeren en ny tid"
                       : r->new_time == GENOP_NEW_TIME_NOT_OFFERED
                           ? "tilbydes der ikke en anden tid"
                           : "lover standarden ikke en ny tid";
    snprintf(buf, size, "%s, %s.", who, what);
    return buf;
}
