/*
 * feed_ics.c - the calendar feed's iCalendar text (see feed_ics.h),
 * written with libical, which folds the lines and escapes the text.
 */
#include "feed_ics.h"

#include <libical/ical.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "name_words.h"
#include "utf8.h"

#define INITIALS_WORDS 16

/* The code point of the UTF-8 sequence s[0..n) (n from genop_utf8_sequence). */
static uint32_t code_point(const unsigned char *s, size_t n)
{
    if (n == 1)
        return s[0];
    uint32_t cp = s[0] & (0xFFu >> (n + 1));
    for (size_t i = 1; i < n; i++)
        cp = (cp << 6) | (s[i] & 0x3Fu);
    return cp;
}

char *cal_feed_initials(const char *name, char out[CAL_INITIALS_SIZE])
{
    const unsigned char *p = (const unsigned char *)name;
    size_t used = 0, left = strlen(name);
    unsigned words = 0;
    bool in_word = false;
    out[0] = '\0';
    while (left && words < INITIALS_WORDS) {
        size_t n = genop_utf8_sequence(p, left);
        bool letter = n && genop_name_fold(code_point(p, n)) != 0;
        if (letter && !in_word) {
            memcpy(out + used, p, n);
            out[used + n] = '.';
            used += n + 1;
            out[used] = '\0';
            words++;
        }
        in_word = letter;
        n = n ? n : 1;
        p += n;
        left -= n;
    }
    return out;
}

static struct icaltimetype utc(int64_t t)
{
    return icaltime_from_timet_with_zone((time_t)t, 0, icaltimezone_get_utc_timezone());
}

/* The VEVENT of ev, or NULL when out of memory. */
static icalcomponent *vevent(const char *muni, const cal_feed_event *ev, int64_t now)
{
    char uid[96];
    snprintf(uid, sizeof uid, "appointment-%lld@%s.genop", (long long)ev->id, muni);
    icalcomponent *c = icalcomponent_vanew(
        ICAL_VEVENT_COMPONENT, icalproperty_new_uid(uid), icalproperty_new_dtstamp(utc(now)),
        icalproperty_new_dtstart(utc(ev->starts_at)), icalproperty_new_dtend(utc(ev->ends_at)),
        icalproperty_new_summary(ev->summary), icalproperty_new_location(ev->location),
        icalproperty_new_status(ev->cancelled ? ICAL_STATUS_CANCELLED : ICAL_STATUS_CONFIRMED),
        icalproperty_new_transp(ev->cancelled ? ICAL_TRANSP_TRANSPARENT : ICAL_TRANSP_OPAQUE),
        (void *)0);
    if (c && ev->description)
        icalcomponent_add_property(c, icalproperty_new_description(ev->description));
    return c;
}

genop_err cal_feed_ics(const char *muni, const char *name, const cal_feed_event *ev, size_t n,
                       int64_t now, genop_buf *out, genop_error *e)
{
    icalproperty *cal_name = icalproperty_new_x(name);
    if (cal_name)
        icalproperty_set_x_name(cal_name, "X-WR-CALNAME");
    icalcomponent *cal = icalcomponent_vanew(
        ICAL_VCALENDAR_COMPONENT, icalproperty_new_version("2.0"),
        icalproperty_new_prodid("-//genop//Træningskalender//DA"),
        icalproperty_new_calscale("GREGORIAN"), icalproperty_new_method(ICAL_METHOD_PUBLISH),
        cal_name, (void *)0);
    bool ok = cal != NULL && cal_name != NULL;
    for (size_t i = 0; ok && i < n; i++) {
        icalcomponent *v = vevent(muni, &ev[i], now);
        ok = v != NULL;
        if (ok)
            icalcomponent_add_component(cal, v);
    }
    char *text = ok ? icalcomponent_as_ical_string_r(cal) : NULL;
    if (cal)
        icalcomponent_free(cal);
    if (!text)
        return genop_fail(e, GENOP_ENOMEM, "kalenderen kunne ikke skrives");
    genop_buf_adds(out, text);
    icalmemory_free_buffer(text);
    if (genop_buf_failed(out))
        return genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til kalenderen");
    return GENOP_OK;
}
