/*
 * test_calendar_feed.c - unit tests of the calendar feeds
 * (src/casework/calendar/feed.h, feed_ics.h): a citizen's initials (æ, ø,
 * å, hyphens, no letters, too many words, bytes that are not UTF-8); the
 * iCalendar text (UIDs, UTC times across the summer-time changes of 2026,
 * CANCELLED, escaped text); and through the domain layer: who may make a
 * key (the therapist, a leder; not another therapist, not a visitator,
 * not for a visitator), a new key ending the old, a feed that names the
 * citizen by initials only (never the name or the CPR number), another
 * user's name with the key, and the access-log row of every case shown.
 * The clock is fixed at Monday 7 December 2026, 12:00 UTC.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "test_helpers.h"

#include "appointments.h"
#include "casework_fixture.h"
#include "calendar_fixture.h"
#include "feed.h"
#include "feed_ics.h"
#include "resources.h"
#include "store_calendar.h"
#include "wallclock.h"

#define NOW 1796644800      /* 2026-12-07T12:00:00Z, a Monday */

static void test_initials(void **state)
{
    (void)state;
    char buf[CAL_INITIALS_SIZE];
    assert_string_equal(cal_feed_initials("Anna Marie Jensen", buf), "A.M.J.");
    assert_string_equal(cal_feed_initials("Åse Ørsted-ødegaard", buf), "Å.Ø.ø.");
    assert_string_equal(cal_feed_initials("  Æbelø  ", buf), "Æ.");
    assert_string_equal(cal_feed_initials("", buf), "");
    assert_string_equal(cal_feed_initials(" - . ", buf), "");
    assert_string_equal(cal_feed_initials("Bo \xff\xfe Berg", buf), "B.B.");
    char many[200];
    for (int i = 0; i < 20; i++)
        memcpy(many + 3 * i, "Ø ", 3);
    many[60] = '\0';
    cal_feed_initials(many, buf);
    assert_int_equal(strlen(buf), 16 * 3);
}

static int64_t instant(const char *wall)
{
    genop_wallclock w;
    int64_t t = 0;
    genop_error e;
    if (genop_wallclock_parse_instant(wall, &w, &t, &e))
        fail_msg("%s: %s", wall, e.message);
    return t;
}

/* The text of the feed of ev (n) as a malloc'd string. */
static char *ics_of(const cal_feed_event *ev, size_t n)
{
    genop_buf b = {0};
    must(cal_feed_ics("aalborg", "Træningskalender for ter.a", ev, n, NOW, &b, e));
    return b.data;
}

static void test_ics_summer_time(void **state)
{
    (void)state;
    cal_feed_event ev[3] = {
        {7, instant("2026-03-29T03:00"), instant("2026-03-29T03:45"), "Træning: A.A.",
         "Center Nord, Sal 1, Hobrovej 10; 9000 Aalborg", "Sag 1", false},
        {8, instant("2026-10-25T02:30"), instant("2026-10-25T02:30") + 3600, "Vurdering: B.B.",
         "Borgerens hjem", NULL, true},
        {9, instant("2026-10-25T03:00"), instant("2026-10-25T03:30"), "Træning: C.C.",
         "Borgerens hjem", NULL, false},
    };
    char *s = ics_of(ev, 3);
    assert_non_null(s);
    assert_non_null(strstr(s, "BEGIN:VCALENDAR\r\n"));
    assert_non_null(strstr(s, "VERSION:2.0\r\n"));
    assert_non_null(strstr(s, "UID:appointment-7@aalborg.genop\r\n"));
    /* 03:00 summer time is 01:00 UTC; 02:30 the first time (summer) is
     * 00:30 UTC and its hour ends at 01:30 UTC, the second 02:30; 03:00
     * winter time is 02:00 UTC. */
    assert_non_null(strstr(s, "DTSTART:20260329T010000Z\r\n"));
    assert_non_null(strstr(s, "DTEND:20260329T014500Z\r\n"));
    assert_non_null(strstr(s, "DTSTART:20261025T003000Z\r\n"));
    assert_non_null(strstr(s, "DTEND:20261025T013000Z\r\n"));
    assert_non_null(strstr(s, "DTSTART:20261025T020000Z\r\n"));
    assert_non_null(strstr(s, "STATUS:CANCELLED\r\n"));
    assert_non_null(strstr(s, "SUMMARY:Træning: A.A.\r\n"));
    assert_non_null(strstr(s, "LOCATION:Center Nord\\, Sal 1\\, Hobrovej 10\\; 9000 Aalborg"));
    assert_non_null(strstr(s, "DTSTAMP:20261207T120000Z\r\n"));
    free(s);
    s = ics_of(NULL, 0);
    assert_non_null(strstr(s, "END:VCALENDAR"));
    assert_null(strstr(s, "VEVENT"));
    free(s);
}

typedef struct fx {
    char dir[64], db[96];
    casework_local loc;
    genop_user leder, vis, ter, ter2, leder_b;
    int64_t room, case_id, citizen;
} fx;

static void book(fx *f, const char *start, char place, genop_appointment_row *row)
{
    cal_booking b = {.case_id = f->case_id, .minutes = 45, .kind = GENOP_SESSION_ASSESSMENT};
    cal_warning warn;
    cal_refusal why;
    snprintf(b.therapist, sizeof b.therapist, "ter.a");
    must(genop_wallclock_parse(start, &b.start, e));
    b.place = place == 'r' ? CAL_PLACE_ROOM : CAL_PLACE_HOME;
    b.room_id = place == 'r' ? f->room : 0;
    must(casework_appointment_book(&f->loc.env, &f->ter, &b, row, &warn, &why, e));
}

static int setup(void **state)
{
    fx *f = calloc(1, sizeof *f);
    if (!f || casework_test_open("calendar_feed", f->dir, f->db, &f->loc))
        return -1;
    casework_local_set_time(&f->loc, NOW);
    casework_test_user(&f->loc, &f->leder, "aalborg", GENOP_ROLE_LEDER, "leder.a");
    casework_test_user(&f->loc, &f->vis, "aalborg", GENOP_ROLE_VISITATOR, "vis.a");
    casework_test_user(&f->loc, &f->ter, "aalborg", GENOP_ROLE_TERAPEUT, "ter.a");
    casework_test_user(&f->loc, &f->ter2, "aalborg", GENOP_ROLE_TERAPEUT, "ter.a2");
    casework_test_user(&f->loc, &f->leder_b, "skive", GENOP_ROLE_LEDER, "leder.b");
    cal_location_input loc;
    memset(&loc, 0, sizeof loc);
    snprintf(loc.loc.name, sizeof loc.loc.name, "Træningscenter Nord");
    snprintf(loc.loc.address, sizeof loc.loc.address, "Hobrovej 10, 9000 Aalborg");
    loc.rooms[0] = (genop_room_row){0, 0, "Sal 1", 2};
    loc.n_rooms = 1;
    must(casework_location_create(&f->loc.env, &f->leder, &loc, e));
    f->room = loc.rooms[0].id;
    calendar_test_all_day(&f->loc, &f->leder, "ter.a");
    f->case_id = casework_test_case(&f->loc, &f->vis, "0101401234", "Anna Ørsted Andersen");
    genop_case_row c;
    must(genop_store_case_get(f->loc.store, "aalborg", f->case_id, &c, e));
    f->citizen = c.citizen_id;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fx *f = *state;
    casework_test_close(f->dir, &f->loc);
    free(f);
    return 0;
}

static size_t feed_rows(fx *f)
{
    genop_list l = {0};
    size_t total = 0, n = 0;
    must(genop_store_access_log_list(f->loc.store, "aalborg", f->citizen, 0, 0, &l, &total, e));
    const genop_access_entry *a = l.items;
    for (size_t i = 0; i < l.n; i++)
        if (strcmp(a[i].action, "calendar.feed") == 0) {
            assert_string_equal(a[i].username, "ter.a");
            assert_int_equal(a[i].case_id, f->case_id);
            n++;
        }
    genop_store_free_list(&l);
    return n;
}

static void test_keys(void **state)
{
    fx *f = *state;
    char key[AUTH_TOKEN_TEXT_SIZE], old[AUTH_TOKEN_TEXT_SIZE];
    genop_error er;
    assert_int_equal(casework_calendar_key_new(&f->loc.env, &f->ter2, "ter.a", key, &er),
                     GENOP_EFORBIDDEN);
    assert_int_equal(casework_calendar_key_new(&f->loc.env, &f->vis, "ter.a", key, &er),
                     GENOP_EFORBIDDEN);
    assert_int_equal(casework_calendar_key_new(&f->loc.env, &f->leder, "vis.a", key, &er),
                     GENOP_ENOTFOUND);
    assert_int_equal(casework_calendar_key_new(&f->loc.env, &f->leder_b, "ter.a", key, &er),
                     GENOP_ENOTFOUND);
    must(casework_calendar_key_new(&f->loc.env, &f->ter, "ter.a", old, e));
    assert_int_equal(strlen(old), AUTH_TOKEN_TEXT_SIZE - 1);
    genop_buf b = {0};
    must(casework_calendar_feed(&f->loc.env, "ter.a", old, &b, e));
    genop_buf_release(&b);
    must(casework_calendar_key_new(&f->loc.env, &f->leder, "ter.a", key, e));
    assert_string_not_equal(key, old);
    assert_int_equal(casework_calendar_feed(&f->loc.env, "ter.a", old, &b, &er),
                     GENOP_ENOTFOUND);
    assert_int_equal(casework_calendar_feed(&f->loc.env, "ter.a2", key, &b, &er),
                     GENOP_ENOTFOUND);
    assert_int_equal(casework_calendar_feed(&f->loc.env, "ter.a", NULL, &b, &er),
                     GENOP_ENOTFOUND);
    assert_int_equal(casework_calendar_feed(&f->loc.env, "ter.a", "kort", &b, &er),
                     GENOP_ENOTFOUND);
    assert_int_equal(b.len, 0);
    must(casework_calendar_feed(&f->loc.env, "ter.a", key, &b, e));
    genop_buf_release(&b);
}

static void test_feed(void **state)
{
    fx *f = *state;
    genop_appointment_row in_room, at_home, too_late;
    book(f, "2026-12-08T10:00", 'r', &in_room);
    book(f, "2026-12-10T09:00", 'h', &at_home);
    book(f, "2027-03-05T09:00", 'h', &too_late);   /* past 12 weeks ahead */
    cal_cancel c = {.by = "citizen", .reason = "syg"};
    genop_appointment_row cancelled;
    must(casework_appointment_cancel(&f->loc.env, &f->ter, at_home.id, &c, &cancelled, e));
    char key[AUTH_TOKEN_TEXT_SIZE];
    must(casework_calendar_key_new(&f->loc.env, &f->ter, "ter.a", key, e));
    size_t before = feed_rows(f);
    genop_buf b = {0};
    must(casework_calendar_feed(&f->loc.env, "ter.a", key, &b, e));
    const char *s = b.data;
    assert_non_null(strstr(s, "SUMMARY:Vurdering: A.Ø.A.\r\n"));
    assert_non_null(strstr(s, "LOCATION:Træningscenter Nord\\, Sal 1\\, Hobrovej 10\\, 9000 "));
    assert_non_null(strstr(s, "LOCATION:Borgerens hjem\r\n"));
    assert_non_null(strstr(s, "STATUS:CANCELLED\r\n"));
    assert_non_null(strstr(s, "DTSTART:20261208T090000Z\r\n"));
    assert_null(strstr(s, "Anna"));
    assert_null(strstr(s, "Andersen"));
    assert_null(strstr(s, "0101401234"));
    assert_null(strstr(s, "20270305"));
    size_t events = 0;
    for (const char *p = s; (p = strstr(p, "BEGIN:VEVENT")); p++)
        events++;
    assert_int_equal(events, 2);
    genop_buf_release(&b);
    assert_int_equal(feed_rows(f) - before, 1);   /* one row per case shown */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_initials),
        cmocka_unit_test(test_ics_summer_time),
        cmocka_unit_test_setup_teardown(test_keys, setup, teardown),
        cmocka_unit_test_setup_teardown(test_feed, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
