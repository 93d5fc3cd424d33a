/*
 * wallclock.c - Danish wall-clock times and their instants (wallclock.h).
 *
 * To find the instant of a wall-clock time, both offsets Denmark uses are
 * tried (CEST, +02:00, first, then CET, +01:00) and a candidate is kept
 * when date.c's genop_time_in_denmark() gives the same wall-clock time
 * back: none in the spring gap, two in the repeated autumn hour (the
 * first, summer time's, wins), one on every other minute of the year.
 */
#include "wallclock.h"

#include <stdio.h>

#include "decimal.h"

/* Reads the `count` ASCII digits at s into *value (decimal.h); false if
 * any is not one. */
static bool digits(const char *s, int count, int *value)
{
    int64_t v;
    if (!genop_decimal_parse(s, (size_t)count, &v))
        return false;
    *value = (int)v;
    return true;
}

/* Reads "HH:MM" at s (the caller checks what follows). */
static genop_err hhmm_at(const char *s, const char *whole, int *minute, genop_error *e)
{
    int h, m;
    if (!digits(s, 2, &h) || s[2] != ':' || !digits(s + 3, 2, &m))
        return genop_fail(e, GENOP_EINVAL, "'%.40s' er ikke et klokkeslæt på formen TT:MM",
                          whole);
    if (h > 23 || m > 59)
        return genop_fail(e, GENOP_EINVAL, "klokkeslættet %.5s findes ikke (00:00-23:59)", s);
    *minute = h * 60 + m;
    return GENOP_OK;
}

genop_err genop_hhmm_parse(const char *s, int *minute, genop_error *e)
{
    if (!s || !s[0] || !s[1] || !s[2] || !s[3] || !s[4] || s[5])
        return genop_fail(e, GENOP_EINVAL, "'%.40s' er ikke et klokkeslæt på formen TT:MM",
                          s ? s : "(null)");
    return hhmm_at(s, s, minute, e);
}

char *genop_hhmm_format(int minute, char buf[GENOP_HHMM_STR_SIZE])
{
    if (minute < 0 || minute > GENOP_MINUTES_PER_DAY)
        minute = 0;
    buf[0] = (char)('0' + minute / 600);
    buf[1] = (char)('0' + minute / 60 % 10);
    buf[2] = ':';
    buf[3] = (char)('0' + minute % 60 / 10);
    buf[4] = (char)('0' + minute % 10);
    buf[5] = '\0';
    return buf;
}

genop_err genop_wallclock_parse(const char *s, genop_wallclock *out, genop_error *e)
{
    char date[GENOP_DATE_STR_SIZE];
    size_t n = 0;
    while (s && n < sizeof date - 1 && s[n])
        n++;
    if (!s || n != sizeof date - 1 || s[n] != 'T')
        return genop_fail(e, GENOP_EINVAL,
                          "'%.40s' er ikke et tidspunkt på formen ÅÅÅÅ-MM-DDTTT:MM",
                          s ? s : "(null)");
    snprintf(date, sizeof date, "%.10s", s);
    genop_wallclock t;
    genop_err err = genop_date_parse(date, &t.date, e);
    if (!err)
        err = genop_hhmm_parse(s + n + 1, &t.minute, e);
    if (err) {
        genop_error_prefix(e, "ugyldigt tidspunkt '%.40s'", s);
        return err;
    }
    *out = t;
    return GENOP_OK;
}

char *genop_wallclock_format(genop_wallclock t, char buf[GENOP_WALLCLOCK_STR_SIZE])
{
    char hhmm[GENOP_HHMM_STR_SIZE];
    genop_date_format(t.date, buf);
    genop_hhmm_format(t.minute, hhmm);
    buf[10] = 'T';
    for (int i = 0; i < GENOP_HHMM_STR_SIZE; i++)
        buf[11 + i] = hhmm[i];
    return buf;
}

genop_wallclock genop_wallclock_from_unix(int64_t unix_seconds)
{
    genop_wallclock t;
    t.date = genop_time_in_denmark(unix_seconds, &t.minute);
    return t;
}

/* True if the instant u is the wall-clock time t in Denmark. */
static bool is_wallclock(int64_t u, genop_wallclock t)
{
    genop_wallclock back = genop_wallclock_from_unix(u);
    return back.date == t.date && back.minute == t.minute;
}

genop_err genop_wallclock_to_unix(genop_wallclock t, int64_t *out, bool *repeated,
                                  genop_error *e)
{
    int64_t local = (int64_t)t.date * 86400 + (int64_t)t.minute * 60;
    int64_t summer = local - 7200, winter = local - 3600;
    bool in_summer = is_wallclock(summer, t), in_winter = is_wallclock(winter, t);
    if (repeated)
        *repeated = in_summer && in_winter;
    if (in_summer || in_winter) {
        *out = in_summer ? summer : winter;
        return GENOP_OK;
    }
    char buf[GENOP_WALLCLOCK_STR_SIZE], day[GENOP_DATE_DA_SIZE];
    return genop_fail(e, GENOP_EINVAL,
                      "tidspunktet %s findes ikke: urene stilles frem fra 02:00 til 03:00 "
                      "ved overgangen til sommertid %s",
                      genop_wallclock_format(t, buf), genop_date_format_da(t.date, day));
}

genop_err genop_wallclock_parse_instant(const char *s, genop_wallclock *t, int64_t *out,
                                        genop_error *e)
{
    genop_err err = genop_wallclock_parse(s, t, e);
    return err ? err : genop_wallclock_to_unix(*t, out, NULL, e);
}
