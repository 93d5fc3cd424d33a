/*
 * case_pack.c - writing and reading a case's events in the kept form of
 * case_pack.h. Each code table lists case.h's values by name in the
 * format's order; a code is an index in it. A decision's exceptions follow
 * its event.
 */
#include "case_pack.h"

#include <assert.h>
#include <stdint.h>
#include <string.h>

#include "standard.h"

#define FIXED 16

static const int type_codes[] = {
    GENOP_EV_REFERRAL_RECEIVED, GENOP_EV_CONTACTED, GENOP_EV_ASSESSMENT, GENOP_EV_DECISION,
    GENOP_EV_DECISION_RECEIVED, GENOP_EV_GRANT_RECEIVED, GENOP_EV_SESSION, GENOP_EV_CLOSED,
    GENOP_EV_COMPLAINT_RECEIVED, GENOP_EV_COMPLAINT_DECIDED, GENOP_EV_COMPLAINT_FORWARDED,
    GENOP_EV_HOSPITAL_PLAN, GENOP_EV_PREVIOUS_COURSE, GENOP_EV_FUNCTION_STATUS,
    GENOP_EV_ADMITTED, GENOP_EV_ASSIGNED, GENOP_EV_APPEAL_DECIDED,
};
static const int outcome_codes[] = {
    GENOP_OUTCOME_ATTENDED, GENOP_OUTCOME_CITIZEN_CANCELLED, GENOP_OUTCOME_NO_SHOW,
    GENOP_OUTCOME_PROVIDER_CANCELLED,
};
static const int kind_codes[] = {GENOP_SESSION_TRAINING, GENOP_SESSION_ASSESSMENT};
static const int upheld_codes[] = {GENOP_UPHELD_FULL, GENOP_UPHELD_PARTIAL, GENOP_UPHELD_NONE};
static const int phase_codes[] = {GENOP_PHASE_START, GENOP_PHASE_END};
static const int about_codes[] = {
    GENOP_ABOUT_DECISION, GENOP_ABOUT_SERVICE_LEVEL, GENOP_ABOUT_PROFESSIONAL,
};
static const int appeal_codes[] = {
    GENOP_APPEAL_UPHELD, GENOP_APPEAL_CHANGED, GENOP_APPEAL_ANNULLED, GENOP_APPEAL_REMITTED,
};
static const unsigned paragraph_codes[] = {0, GENOP_PARA_86_1, GENOP_PARA_86_2};
static const int limit_codes[] = {
    GENOP_LIMIT_SESSIONS, GENOP_LIMIT_ASSESSMENT_SESSIONS, GENOP_LIMIT_SESSIONS_PER_WEEK,
    GENOP_LIMIT_MINUTES_PER_WEEK, GENOP_LIMIT_COURSE_LENGTH,
};
#define EXCEPTION_FIXED 7

#define N(a) (sizeof a / sizeof a[0])
_Static_assert(N(type_codes) == GENOP_EV_COUNT, "every event type has a code");
_Static_assert(N(outcome_codes) == GENOP_OUTCOME_COUNT, "every outcome has a code");
_Static_assert(N(kind_codes) == GENOP_SESSION_KIND_COUNT, "every session kind has a code");
_Static_assert(N(upheld_codes) == GENOP_UPHELD_COUNT, "every upheld value has a code");
_Static_assert(N(phase_codes) == GENOP_PHASE_COUNT, "every phase has a code");
_Static_assert(N(about_codes) == GENOP_ABOUT_COUNT && N(about_codes) <= 3,
               "every complaint topic has a code in two bits (0: none)");
_Static_assert(N(appeal_codes) == GENOP_APPEAL_COUNT && N(appeal_codes) <= N(outcome_codes),
               "every appeal outcome has a code in the outcome's byte");
_Static_assert(N(limit_codes) == GENOP_LIMIT_COUNT, "every limit has a code");
_Static_assert(GENOP_CONDITION_MAX < 256, "a condition's length fits in one byte");
_Static_assert(GENOP_EXCEPTION_REASON_MAX < 65536, "a reason's length fits in two bytes");

/* The code of value v: its index in the table (v is always in it). */
#define CODE_OF(table, v) code_of(table, N(table), (int)(v))

static unsigned char code_of(const int *table, size_t n, int v)
{
    for (size_t i = 0; i < n; i++)
        if (table[i] == v)
            return (unsigned char)i;
    assert(!"every value of the enum has a code");
    return 0;
}

static void put32(unsigned char *p, int32_t v)
{
    uint32_t u = (uint32_t)v;
    for (int i = 0; i < 4; i++)
        p[i] = (unsigned char)(u >> (8 * i));
}

static int32_t get32(const unsigned char *p)
{
    uint32_t u = 0;
    for (int i = 0; i < 4; i++)
        u |= (uint32_t)p[i] << (8 * i);
    return (int32_t)u;
}

/* The n exceptions at x, after their event's fixed bytes and condition. */
static void pack_exceptions(const genop_exception *x, size_t n, genop_buf *b)
{
    unsigned char count = (unsigned char)n;
    genop_buf_add(b, (const char *)&count, 1);
    for (size_t i = 0; i < n; i++) {
        unsigned char f[EXCEPTION_FIXED];
        size_t len = strnlen(x[i].reason, GENOP_EXCEPTION_REASON_MAX);
        f[0] = CODE_OF(limit_codes, x[i].limit);
        put32(f + 1, (int32_t)x[i].max);
        f[5] = (unsigned char)(len & 0xff);
        f[6] = (unsigned char)(len >> 8);
        genop_buf_add(b, (const char *)f, EXCEPTION_FIXED);
        genop_buf_add(b, x[i].reason, len);
    }
}

static void pack_event(const genop_case *c, const genop_event *ev, genop_buf *b)
{
    unsigned char f[FIXED];
    size_t n = strnlen(ev->condition, GENOP_CONDITION_MAX), n_x;
    const genop_exception *x = genop_case_exceptions(c, ev->seq, &n_x);
    assert(n_x <= GENOP_GRANT_EXCEPTIONS_MAX);
    f[0] = CODE_OF(type_codes, ev->type);
    put32(f + 1, ev->date);
    f[5] = ev->paragraph == GENOP_PARA_86_1 ? 1 : ev->paragraph == GENOP_PARA_86_2 ? 2 : 0;
    unsigned about = ev->has_about ? CODE_OF(about_codes, ev->about) + 1u : 0u;
    f[6] = (unsigned char)((ev->granted ? 1 : 0) | (n_x ? 2 : 0) | about << 2);
    put32(f + 7, ev->minutes);
    f[11] = ev->type == GENOP_EV_APPEAL_DECIDED ? CODE_OF(appeal_codes, ev->appeal)
                                                : CODE_OF(outcome_codes, ev->outcome);
    f[12] = CODE_OF(kind_codes, ev->kind);
    f[13] = CODE_OF(upheld_codes, ev->upheld);
    f[14] = CODE_OF(phase_codes, ev->phase);
    f[15] = (unsigned char)n;
    genop_buf_add(b, (const char *)f, FIXED);
    genop_buf_add(b, ev->condition, n);
    if (n_x)
        pack_exceptions(x, n_x, b);
}

void genop_case_pack(const genop_case *c, genop_buf *b)
{
    for (size_t i = 0; i < c->n_events; i++)
        pack_event(c, &c->events[i], b);
}

/* One event from the FIXED bytes at f and its condition after them;
 * false if a code or the date is not one this format knows. */
static bool read_event(const unsigned char *f, genop_event *ev)
{
    memset(ev, 0, sizeof *ev);
    ev->date = get32(f + 1);
    if (f[0] >= N(type_codes) || f[5] >= N(paragraph_codes) || f[6] > 15 ||
        f[11] >= N(outcome_codes) || f[12] >= N(kind_codes) || f[13] >= N(upheld_codes) ||
        f[14] >= N(phase_codes) || f[15] > GENOP_CONDITION_MAX ||
        ev->date < genop_date_from_ymd_unchecked(GENOP_YEAR_MIN, 1, 1) ||
        ev->date > genop_date_from_ymd_unchecked(GENOP_YEAR_MAX, 12, 31))
        return false;
    ev->type = (genop_event_type)type_codes[f[0]];
    ev->paragraph = paragraph_codes[f[5]];
    ev->granted = (f[6] & 1) != 0;
    ev->minutes = get32(f + 7);
    ev->outcome = (genop_outcome)outcome_codes[f[11]];
    if (ev->type == GENOP_EV_APPEAL_DECIDED) {   /* byte 11 is the appeal's */
        ev->outcome = GENOP_OUTCOME_ATTENDED;
        ev->appeal = (genop_appeal_outcome)appeal_codes[f[11]];
    }
    ev->has_about = (f[6] >> 2) != 0;
    if (ev->has_about)
        ev->about = (genop_complaint_about)about_codes[(f[6] >> 2) - 1];
    ev->kind = (genop_session_kind)kind_codes[f[12]];
    ev->upheld = (genop_upheld)upheld_codes[f[13]];
    ev->phase = (genop_status_phase)phase_codes[f[14]];
    memcpy(ev->condition, f + FIXED, f[15]);
    ev->condition[f[15]] = '\0';
    return true;
}

/* The exceptions at p (up to end) into g; the bytes they took into *used,
 * or false when they are not exceptions of this format. */
static bool read_exceptions(const unsigned char *p, const unsigned char *end, genop_grant *g,
                            size_t *used)
{
    const unsigned char *at = p + 1;
    if (p >= end || p[0] == 0 || p[0] > GENOP_GRANT_EXCEPTIONS_MAX)
        return false;
    g->n = p[0];
    for (size_t i = 0; i < g->n; i++) {
        genop_exception *x = &g->items[i];
        if ((size_t)(end - at) < EXCEPTION_FIXED)
            return false;
        size_t len = (size_t)at[5] | (size_t)at[6] << 8;
        int32_t max = get32(at + 1);
        if (at[0] >= N(limit_codes) || max < 1 || max > GENOP_EXCEPTION_MAX_MAX || len == 0 ||
            len > GENOP_EXCEPTION_REASON_MAX || (size_t)(end - at) < EXCEPTION_FIXED + len)
            return false;
        memset(x, 0, sizeof *x);
        x->limit = (genop_limit_kind)limit_codes[at[0]];
        x->max = max;
        memcpy(x->reason, at + EXCEPTION_FIXED, len);
        x->reason[len] = '\0';
        at += EXCEPTION_FIXED + len;
    }
    *used = (size_t)(at - p);
    return true;
}

genop_err genop_case_unpack(const void *data, size_t len, genop_case *c, genop_error *e)
{
    const unsigned char *p = data, *end = p + len;
    genop_grant g;
    for (size_t i = 1; p < end; i++) {
        genop_event ev;
        size_t used = 0;
        g.n = 0;
        if ((size_t)(end - p) < FIXED || (size_t)(end - p) < FIXED + (size_t)p[15] ||
            !read_event(p, &ev) ||
            ((p[6] & 2) && (ev.type != GENOP_EV_DECISION ||
                            !read_exceptions(p + FIXED + p[15], end, &g, &used))))
            return genop_fail(e, GENOP_EINVAL, "hændelse %zu af sagens gemte hændelser kan "
                              "ikke læses", i);
        genop_err err = genop_case_add_granted(c, &ev, &g, e);
        if (err)
            return err;
        p += FIXED + p[15] + used;
    }
    return GENOP_OK;
}
