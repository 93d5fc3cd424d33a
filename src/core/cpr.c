/*
 * cpr.c - parsing CPR numbers (see cpr.h).
 *
 * The century rule is CPR-kontoret's ("Personnummeret i CPR-systemet",
 * table of the 7th digit):
 *
 *   7th digit   YY 00-36    YY 37-57    YY 58-99
 *   0-3         19YY        19YY        19YY
 *   4, 9        20YY        19YY        19YY
 *   5-8         20YY        20YY        18YY
 */
#include "cpr.h"

#include <string.h>

int genop_cpr_birth_year(int yy, int seventh)
{
    if (yy < 0 || yy > 99 || seventh < 0 || seventh > 9)
        return 0;
    if (seventh <= 3)
        return 1900 + yy;
    if (seventh == 4 || seventh == 9)
        return yy <= 36 ? 2000 + yy : 1900 + yy;
    return yy <= 57 ? 2000 + yy : 1800 + yy;
}

static int two_digits(const char *s)
{
    return (s[0] - '0') * 10 + (s[1] - '0');
}

genop_err genop_cpr_parse(const char *text, genop_cpr *out, genop_error *e)
{
    if (!text)
        return genop_fail(e, GENOP_EINVAL, "CPR-nummeret mangler");
    char digits[GENOP_CPR_DIGITS_SIZE];
    size_t n = 0, len = strlen(text);
    bool shape = len == 10 || (len == 11 && text[6] == '-');
    for (size_t i = 0; shape && i < len; i++) {
        if (len == 11 && i == 6)
            continue;
        if (text[i] < '0' || text[i] > '9')
            shape = false;
        else
            digits[n++] = text[i];
    }
    if (!shape)
        return genop_fail(e, GENOP_EINVAL,
                          "et CPR-nummer er 10 cifre, evt. med bindestreg efter de første 6 "
                          "(DDMMÅÅ-XXXX)");
    digits[10] = '\0';
    int day = two_digits(digits), month = two_digits(digits + 2), yy = two_digits(digits + 4);
    int year = genop_cpr_birth_year(yy, digits[6] - '0');
    if (month < 1 || month > 12 || day < 1 || day > genop_days_in_month(year, month))
        return genop_fail(e, GENOP_EINVAL,
                          "CPR-nummerets første 6 cifre (DDMMÅÅ) er ikke en dato");
    if (year < GENOP_YEAR_MIN)
        return genop_fail(e, GENOP_ERANGE,
                          "CPR-nummeret giver fødselsåret %d; genop kan ikke regne med datoer før %d",
                          year, GENOP_YEAR_MIN);
    memcpy(out->digits, digits, sizeof digits);
    out->birth_date = genop_date_from_ymd_unchecked(year, month, day);
    return GENOP_OK;
}

char *genop_cpr_format(const genop_cpr *cpr, char buf[GENOP_CPR_TEXT_SIZE])
{
    memcpy(buf, cpr->digits, 6);
    buf[6] = '-';
    memcpy(buf + 7, cpr->digits + 6, 4);
    buf[11] = '\0';
    return buf;
}
