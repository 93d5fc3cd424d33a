/*
 * gen.c - the benchmark case generator (see gen.h).
 */
#include "gen.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

#include "date.h"

uint64_t gen_next(gen_rng *rng)
{
    uint64_t x = rng->state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    rng->state = x;
    return x * 0x2545F4914F6CDD1DULL;
}

static int pick(gen_rng *rng, int n)
{
    return (int)(gen_next(rng) % (uint64_t)n);
}

/* Appends formatted text at *used; false when it does not fit. */
static bool put(char *buf, size_t size, size_t *used, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static bool put(char *buf, size_t size, size_t *used, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf + *used, size - *used, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= size - *used)
        return false;
    *used += (size_t)n;
    return true;
}

static bool put_event(char *buf, size_t size, size_t *used, const char *type, genop_date d,
                      const char *extra)
{
    char ds[GENOP_DATE_STR_SIZE];
    return put(buf, size, used, ",{\"type\":\"%s\",\"date\":\"%s\"%s}", type,
               genop_date_format(d, ds), extra);
}

size_t gen_case_json(gen_rng *rng, char *buf, size_t size)
{
    static const char *const conditions[] = {"hofte", "knæ", "skulder", "ryg", "fald", "lunger"};
    static const char *const outcomes[] = {"attended", "attended", "attended", "attended",
                                           "attended", "attended", "no_show", "citizen_cancelled",
                                           "provider_cancelled"};
    genop_date referral = genop_date_from_ymd_unchecked(2023, 1, 1) + pick(rng, 1000);
    genop_date birth = referral - 365 * (20 + pick(rng, 75)) - pick(rng, 365);
    char ds[GENOP_DATE_STR_SIZE], bs[GENOP_DATE_STR_SIZE];
    size_t used = 0;
    bool ok = put(buf, size, &used,
                  "{\"citizen\":{\"birth_date\":\"%s\",\"municipality_code\":%d},\"events\":["
                  "{\"type\":\"referral_received\",\"date\":\"%s\",\"paragraph\":\"86.%d\","
                  "\"condition\":\"%s\"}",
                  genop_date_format(birth, bs), pick(rng, 10) ? 851 : 175,
                  genop_date_format(referral, ds), 1 + (pick(rng, 4) == 0),
                  conditions[pick(rng, 6)]);
    genop_date d = referral + 1 + pick(rng, 4);
    ok = ok && put_event(buf, size, &used, "contacted", d, "");
    d += 1 + pick(rng, 5);
    ok = ok && put_event(buf, size, &used, "assessment", d, "");
    d += pick(rng, 5);
    bool granted = pick(rng, 10) != 0;
    ok = ok && put_event(buf, size, &used, "decision", d, granted ? ",\"granted\":true" : ",\"granted\":false");
    if (granted) {
        int sessions = 4 + pick(rng, 20);
        d += 2 + pick(rng, 8);
        for (int i = 0; ok && i < sessions; i++) {
            char extra[96];
            snprintf(extra, sizeof extra, ",\"minutes\":%d,\"outcome\":\"%s\"", 30 + 15 * pick(rng, 4),
                     outcomes[pick(rng, 9)]);
            ok = put_event(buf, size, &used, "session", d, extra);
            d += 2 + pick(rng, 5);
        }
        if (ok && pick(rng, 2))
            ok = put_event(buf, size, &used, "closed", d, ",\"reason\":\"goal_reached\"");
    } else if (pick(rng, 3) == 0) {
        ok = put_event(buf, size, &used, "complaint_received", d + 10, "") &&
             put_event(buf, size, &used, "complaint_decided", d + 20, ",\"upheld\":\"none\"");
    }
    ok = ok && put(buf, size, &used, "],\"as_of\":\"2026-01-15\"}");
    return ok ? used : 0;
}
