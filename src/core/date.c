/*
 * date.c - conversions between day numbers and civil dates, ISO 8601 text,
 * weekdays, ISO weeks and month arithmetic.
 *
 * days_from_civil / civil_from_days use 400-year eras that start on 1 March,
 * so that the leap day is the last day of the shifted year. This is the
 * standard closed-form method (as described, e.g., in H. Hinnant's notes on
 * date algorithms); the implementation here is our own.
 */
#include "date.h"

#include <stdio.h>

static const char *const month_names_da[12] = {
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
};

bool genop_is_leap_year(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int genop_days_in_month(int year, int month)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2 && genop_is_leap_year(year))
        return 29;
    return days[month - 1];
}

genop_date genop_date_from_ymd_unchecked(int year, int month, int day)
{
    int y = month <= 2 ? year - 1 : year;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;                               /* [0, 399] */
    int mp = month > 2 ? month - 3 : month + 9;            /* March = 0 */
    int doy = (153 * mp + 2) / 5 + day - 1;                /* [0, 365] */
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;       /* [0, 146096] */
    return (genop_date)(era * 146097 + doe - 719468);
}

void genop_date_to_ymd(genop_date date, int *year, int *month, int *day)
{
    int z = date + 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    int d = doy - (153 * mp + 2) / 5 + 1;
    int m = mp < 10 ? mp + 3 : mp - 9;
    *year = yoe + era * 400 + (m <= 2);
    *month = m;
    *day = d;
}

genop_date genop_date_min(void)
{
    return genop_date_from_ymd_unchecked(GENOP_YEAR_MIN, 1, 1);
}

genop_date genop_date_max(void)
{
    return genop_date_from_ymd_unchecked(GENOP_YEAR_MAX, 12, 31);
}

bool genop_date_in_range(genop_date date)
{
    return date >= genop_date_min() && date <= genop_date_max();
}

genop_err genop_date_from_ymd(int year, int month, int day, genop_date *out,
                              genop_error *e)
{
    if (year < GENOP_YEAR_MIN || year > GENOP_YEAR_MAX)
        return genop_fail(e, GENOP_ERANGE,
                          "året %d er uden for det understøttede interval %d-%d",
                          year, GENOP_YEAR_MIN, GENOP_YEAR_MAX);
    if (month < 1 || month > 12)
        return genop_fail(e, GENOP_EINVAL, "måned %02d findes ikke (1-12)", month);
    int last = genop_days_in_month(year, month);
    if (day < 1 || day > last)
        return genop_fail(e, GENOP_EINVAL, "%s %d har kun %d dage, ikke %d",
                          month_names_da[month - 1], year, last, day);
    *out = genop_date_from_ymd_unchecked(year, month, day);
    return GENOP_OK;
}

/* Reads `count` ASCII digits at s into *value; false if any is not a digit. */
static bool read_digits(const char *s, int count, int *value)
{
    int v = 0;
    for (int i = 0; i < count; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *value = v;
    return true;
}

genop_err genop_date_parse(const char *s, genop_date *out, genop_error *e)
{
    int year, month, day;
    bool shape = s != NULL && read_digits(s, 4, &year) && s[4] == '-' &&
                 read_digits(s + 5, 2, &month) && s[7] == '-' &&
                 read_digits(s + 8, 2, &day) && s[10] == '\0';
    if (!shape)
        return genop_fail(e, GENOP_EINVAL,
                          "'%.40s' er ikke en dato på formen ÅÅÅÅ-MM-DD",
                          s ? s : "(null)");
    genop_err err = genop_date_from_ymd(year, month, day, out, e);
    if (err)
        genop_error_prefix(e, "ugyldig dato '%s'", s);
    return err;
}

char *genop_date_format(genop_date date, char buf[GENOP_DATE_STR_SIZE])
{
    int y, m, d;
    genop_date_to_ymd(date, &y, &m, &d);
    /* Written digit by digit: this runs for every date of every result, and
     * snprintf was the largest cost of `evaluate --jsonl`. Years outside
     * 0..9999 cannot come from the supported range; they are cut to four
     * digits rather than overflow the buffer. */
    unsigned uy = (unsigned)y % 10000u;
    buf[0] = (char)('0' + uy / 1000);
    buf[1] = (char)('0' + uy / 100 % 10);
    buf[2] = (char)('0' + uy / 10 % 10);
    buf[3] = (char)('0' + uy % 10);
    buf[4] = '-';
    buf[5] = (char)('0' + m / 10);
    buf[6] = (char)('0' + m % 10);
    buf[7] = '-';
    buf[8] = (char)('0' + d / 10);
    buf[9] = (char)('0' + d % 10);
    buf[10] = '\0';
    return buf;
}

char *genop_date_format_da(genop_date date, char buf[GENOP_DATE_DA_SIZE])
{
    int y, m, d;
    genop_date_to_ymd(date, &y, &m, &d);
    snprintf(buf, GENOP_DATE_DA_SIZE, "%d. %s %d", d, month_names_da[m - 1], y);
    return buf;
}

int genop_date_weekday(genop_date date)
{
    /* 1970-01-01 was a Thursday (4). */
    int w = (int)((date % 7 + 7) % 7); /* 0 = Thursday */
    return (w + 3) % 7 + 1;
}

genop_date genop_date_add_months(genop_date date, int months)
{
    int y, m, d;
    genop_date_to_ymd(date, &y, &m, &d);
    int total = y * 12 + (m - 1) + months;
    int ny = total >= 0 ? total / 12 : (total - 11) / 12;
    int nm = total - ny * 12 + 1;
    int last = genop_days_in_month(ny, nm);
    return genop_date_from_ymd_unchecked(ny, nm, d > last ? last : d);
}

genop_date genop_date_week_monday(genop_date date)
{
    return date - (genop_date_weekday(date) - 1);
}

void genop_date_iso_week(genop_date date, int *iso_year, int *week)
{
    /* The Thursday of the same week decides the week-numbering year. */
    genop_date thursday = genop_date_week_monday(date) + 3;
    int y, m, d;
    genop_date_to_ymd(thursday, &y, &m, &d);
    genop_date jan1 = genop_date_from_ymd_unchecked(y, 1, 1);
    *iso_year = y;
    *week = (thursday - jan1) / 7 + 1;
}

int genop_age_on(genop_date birth, genop_date on)
{
    int by, bm, bd, oy, om, od;
    genop_date_to_ymd(birth, &by, &bm, &bd);
    genop_date_to_ymd(on, &oy, &om, &od);
    int age = oy - by;
    if (om < bm || (om == bm && od < bd))
        age--;
    return age;
}

/* The last Sunday of month in year. */
static genop_date last_sunday(int year, int month)
{
    genop_date last = genop_date_from_ymd_unchecked(year, month, genop_days_in_month(year, month));
    return last - genop_date_weekday(last) % 7;
}

/* Seconds to add to UTC for Danish time at the instant unix_seconds. */
static int denmark_offset(int64_t unix_seconds)
{
    int64_t day = unix_seconds >= 0 ? unix_seconds / 86400 : -((-unix_seconds + 86399) / 86400);
    int y, m, d;
    genop_date_to_ymd((genop_date)day, &y, &m, &d);
    /* Summer time starts and ends at 01:00 UTC (Directive 2000/84/EC). */
    int64_t summer_from = (int64_t)last_sunday(y, 3) * 86400 + 3600;
    int64_t summer_until = (int64_t)last_sunday(y, 10) * 86400 + 3600;
    return unix_seconds >= summer_from && unix_seconds < summer_until ? 7200 : 3600;
}

genop_date genop_date_in_denmark(int64_t unix_seconds)
{
    int minute;
    return genop_time_in_denmark(unix_seconds, &minute);
}

genop_date genop_time_in_denmark(int64_t unix_seconds, int *minute_of_day)
{
    int64_t local = unix_seconds + denmark_offset(unix_seconds);
    int64_t day = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
    *minute_of_day = (int)((local - day * 86400) / 60);
    return (genop_date)day;
}
