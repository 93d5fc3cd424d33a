/*
 * calendar.c - Danish public holidays and the workday tables.
 *
 * Public holidays (helligdage) in Denmark, from Helligdagsloven
 * (bekendtgørelse af lov om folkekirkens helligdage) and, for Store bededag,
 * its abolition by lov nr. 224 af 28/02/2023 (in force from 2024): Nytårsdag,
 * Skærtorsdag, Langfredag, Påskedag, 2. påskedag, Store bededag (the fourth
 * Friday after Easter, up to and including 2023), Kristi himmelfartsdag,
 * Pinsedag, 2. pinsedag, Juledag and 2. juledag. The dates of the movable
 * feasts follow from Easter Sunday (Gregorian computus).
 *
 * The tables: for the span 1900-01-01..2199-12-31, `through[i]` is the
 * number of workdays on or before day i of the span and `workday[k]` is the
 * k-th workday (0-based). Then
 *   workdays in (from, to]       = through[to] - through[from]
 *   n-th workday after date      = workday[through[date] + n - 1]
 * both O(1). Building them walks the span once (about 110,000 days).
 */
#include "calendar.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Store bededag is a public holiday up to and including this year. */
#define STORE_BEDEDAG_LAST_YEAR 2023

struct genop_calendar {
    genop_day_off days_off[GENOP_DAYS_OFF_MAX];
    char *names[GENOP_DAYS_OFF_MAX];   /* owned copies behind days_off[].name */
    size_t n_days_off;
    genop_date first;                  /* first day of the span */
    size_t span;                       /* number of days in the span */
    uint32_t *through;                 /* [span] */
    genop_date *workday;               /* [n_workdays] */
    size_t n_workdays;
};

static const genop_day_off default_days_off[] = {
    {6, 5, 0, 0, "Grundlovsdag"},
    {12, 24, 0, 0, "Juleaftensdag"},
    {12, 31, 0, 0, "Nytårsaftensdag"},
};

const genop_day_off *genop_default_days_off(size_t *n)
{
    *n = sizeof default_days_off / sizeof default_days_off[0];
    return default_days_off;
}

genop_date genop_easter_sunday(int year)
{
    /* Anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
    int a = year % 19;
    int b = year / 100, c = year % 100;
    int d = b / 4, e = b % 4;
    int f = (b + 8) / 25;
    int g = (b - f + 1) / 3;
    int h = (19 * a + b - d - g + 15) % 30;
    int i = c / 4, k = c % 4;
    int l = (32 + 2 * e + 2 * i - h - k) % 7;
    int m = (a + 11 * h + 22 * l) / 451;
    int month = (h + l - 7 * m + 114) / 31;
    int day = (h + l - 7 * m + 114) % 31 + 1;
    return genop_date_from_ymd_unchecked(year, month, day);
}

/* Appends the public holidays of year to out[*n]. */
static void add_public_holidays(int year, genop_holiday *out, size_t *n)
{
    genop_date easter = genop_easter_sunday(year);
    struct { genop_date date; const char *name; } fixed[] = {
        {genop_date_from_ymd_unchecked(year, 1, 1), "Nytårsdag"},
        {easter - 3, "Skærtorsdag"},
        {easter - 2, "Langfredag"},
        {easter, "Påskedag"},
        {easter + 1, "2. påskedag"},
        {easter + 26, "Store bededag"},
        {easter + 39, "Kristi himmelfartsdag"},
        {easter + 49, "Pinsedag"},
        {easter + 50, "2. pinsedag"},
        {genop_date_from_ymd_unchecked(year, 12, 25), "Juledag"},
        {genop_date_from_ymd_unchecked(year, 12, 26), "2. juledag"},
    };
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++) {
        if (year > STORE_BEDEDAG_LAST_YEAR && strcmp(fixed[i].name, "Store bededag") == 0)
            continue;
        out[*n].date = fixed[i].date;
        out[*n].kind = GENOP_HOLIDAY_PUBLIC;
        out[*n].name = fixed[i].name;
        (*n)++;
    }
}

static bool day_off_applies(const genop_day_off *d, int year)
{
    if (d->first_year && year < d->first_year)
        return false;
    if (d->last_year && year > d->last_year)
        return false;
    /* 29 February only exists in leap years. */
    return d->day <= genop_days_in_month(year, d->month);
}

static int holiday_cmp(const void *a, const void *b)
{
    const genop_holiday *x = a, *y = b;
    if (x->date != y->date)
        return x->date < y->date ? -1 : 1;
    return (int)x->kind - (int)y->kind;
}

/* Fills out with year's holidays and days off, sorted; no range checks. */
static size_t collect_year(const genop_calendar *cal, int year, genop_holiday *out)
{
    size_t n = 0;
    add_public_holidays(year, out, &n);
    for (size_t i = 0; i < cal->n_days_off; i++) {
        const genop_day_off *d = &cal->days_off[i];
        if (!day_off_applies(d, year))
            continue;
        out[n].date = genop_date_from_ymd_unchecked(year, d->month, d->day);
        out[n].kind = GENOP_HOLIDAY_DAY_OFF;
        out[n].name = d->name;
        n++;
    }
    qsort(out, n, sizeof *out, holiday_cmp);
    return n;
}

genop_err genop_calendar_holidays(const genop_calendar *cal, int year,
                                  genop_holiday *out, size_t *n,
                                  genop_error *e)
{
    if (year < GENOP_YEAR_MIN || year > GENOP_YEAR_MAX)
        return genop_fail(e, GENOP_ERANGE,
                          "året %d er uden for det understøttede interval %d-%d",
                          year, GENOP_YEAR_MIN, GENOP_YEAR_MAX);
    *n = collect_year(cal, year, out);
    return GENOP_OK;
}

static genop_err validate_day_off(const genop_day_off *d, size_t index,
                                  genop_error *e)
{
    if (d->month < 1 || d->month > 12 || d->day < 1 ||
        d->day > genop_days_in_month(2000, d->month))
        return genop_fail(e, GENOP_EINVAL, "fridag nr. %zu: %02d-%02d er ingen dato",
                          index + 1, d->month, d->day);
    if (d->name == NULL || d->name[0] == '\0')
        return genop_fail(e, GENOP_EINVAL, "fridag nr. %zu mangler et navn", index + 1);
    return GENOP_OK;
}

/* Marks the non-workdays of the span and builds the prefix tables. */
static genop_err build_tables(genop_calendar *cal, genop_error *e)
{
    cal->first = genop_date_min();
    cal->span = (size_t)(genop_date_max() - cal->first + 1);
    cal->through = malloc(cal->span * sizeof *cal->through);
    cal->workday = malloc(cal->span * sizeof *cal->workday);
    unsigned char *closed = calloc(cal->span, 1);
    if (!cal->through || !cal->workday || !closed) {
        free(closed);
        return genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til kalenderen");
    }
    genop_holiday year_days[GENOP_HOLIDAYS_PER_YEAR_MAX];
    for (int y = GENOP_YEAR_MIN; y <= GENOP_YEAR_MAX; y++) {
        size_t n = collect_year(cal, y, year_days);
        for (size_t i = 0; i < n; i++)
            closed[year_days[i].date - cal->first] = 1;
    }
    uint32_t count = 0;
    for (size_t i = 0; i < cal->span; i++) {
        genop_date d = cal->first + (genop_date)i;
        if (!closed[i] && genop_date_weekday(d) <= 5)
            cal->workday[count++] = d;
        cal->through[i] = count;
    }
    cal->n_workdays = count;
    free(closed);
    return GENOP_OK;
}

genop_err genop_calendar_new(const genop_day_off *days_off, size_t n,
                             genop_calendar **out, genop_error *e)
{
    if (n > GENOP_DAYS_OFF_MAX)
        return genop_fail(e, GENOP_ETOOBIG, "højst %d ekstra fridage, ikke %zu",
                          GENOP_DAYS_OFF_MAX, n);
    genop_err err = GENOP_OK;
    genop_calendar *cal = calloc(1, sizeof *cal);
    if (!cal)
        return genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til kalenderen");
    for (size_t i = 0; i < n; i++) {
        err = validate_day_off(&days_off[i], i, e);
        if (err)
            goto out;
        cal->names[i] = strdup(days_off[i].name);
        if (!cal->names[i]) {
            err = genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til kalenderen");
            goto out;
        }
        cal->days_off[i] = days_off[i];
        cal->days_off[i].name = cal->names[i];
        cal->n_days_off = i + 1;
    }
    err = build_tables(cal, e);
out:
    if (err) {
        genop_calendar_free(cal);
        return err;
    }
    *out = cal;
    return GENOP_OK;
}

genop_err genop_calendar_new_default(genop_calendar **out, genop_error *e)
{
    size_t n;
    const genop_day_off *d = genop_default_days_off(&n);
    return genop_calendar_new(d, n, out, e);
}

void genop_calendar_free(genop_calendar *cal)
{
    if (!cal)
        return;
    for (size_t i = 0; i < GENOP_DAYS_OFF_MAX; i++)
        free(cal->names[i]);
    free(cal->through);
    free(cal->workday);
    free(cal);
}

static genop_err check_in_span(const genop_calendar *cal, genop_date date,
                               genop_error *e)
{
    if (date >= cal->first && (size_t)(date - cal->first) < cal->span)
        return GENOP_OK;
    char buf[GENOP_DATE_DA_SIZE];
    return genop_fail(e, GENOP_ERANGE,
                      "datoen %s er uden for kalenderens interval %d-%d",
                      genop_date_format_da(date, buf), GENOP_YEAR_MIN, GENOP_YEAR_MAX);
}

bool genop_calendar_is_workday(const genop_calendar *cal, genop_date date)
{
    size_t i = (size_t)(date - cal->first);
    uint32_t before = i == 0 ? 0 : cal->through[i - 1];
    return cal->through[i] != before;
}

genop_err genop_calendar_add_workdays(const genop_calendar *cal,
                                      genop_date date, long n,
                                      genop_date *out, genop_error *e)
{
    genop_err err = check_in_span(cal, date, e);
    if (err)
        return err;
    if (n == 0) {
        *out = date;
        return GENOP_OK;
    }
    size_t i = (size_t)(date - cal->first);
    /* Workdays strictly before date, and up to and including it. */
    long through = cal->through[i];
    long before = through - (genop_calendar_is_workday(cal, date) ? 1 : 0);
    long total = (long)cal->n_workdays;
    /* Spans longer than the whole table can never land inside it; checking
     * first also keeps the index arithmetic below from overflowing. */
    long index = n > total || n < -total ? -1 : n > 0 ? through + n - 1 : before + n;
    if (index < 0 || index >= total)
        return genop_fail(e, GENOP_ERANGE,
                          "%ld hverdage fra datoen rækker ud over kalenderens "
                          "interval %d-%d", n, GENOP_YEAR_MIN, GENOP_YEAR_MAX);
    *out = cal->workday[index];
    return GENOP_OK;
}

genop_err genop_calendar_workdays_between(const genop_calendar *cal,
                                          genop_date from, genop_date to,
                                          long *out, genop_error *e)
{
    genop_err err = check_in_span(cal, from, e);
    if (!err)
        err = check_in_span(cal, to, e);
    if (err)
        return err;
    if (to <= from) {
        *out = 0;
        return GENOP_OK;
    }
    *out = (long)cal->through[to - cal->first] - (long)cal->through[from - cal->first];
    return GENOP_OK;
}

genop_err genop_calendar_next_workday_on_or_after(const genop_calendar *cal,
                                                  genop_date date,
                                                  genop_date *out,
                                                  genop_error *e)
{
    genop_err err = check_in_span(cal, date, e);
    if (err)
        return err;
    if (genop_calendar_is_workday(cal, date)) {
        *out = date;
        return GENOP_OK;
    }
    return genop_calendar_add_workdays(cal, date, 1, out, e);
}
