/*
 * test_service.c - the in-process API (src/server/service.c): setting up
 * municipalities and users, and service_call() through the router's route
 * table with the same answers HTTP gives: 401 without a user, 403 for the
 * wrong role, 404/405 for unknown routes, 400 for a missing body or a bad
 * query argument, 422 for an event that cannot have happened, another
 * municipality's case as 404, query arguments decoded from the path, and
 * every read and write in the access log.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "test_helpers.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "http.h"
#include "service.h"

#define PASSWORD "korrekt-hest-batteri"

typedef struct fixture {
    char dir[64];
    char db[96];
    genop_service *svc;                 /* owned */
    genop_user vis, ter, admin, other;  /* aalborg x3, skive visitator */
    genop_date today;
} fixture;

static void add_user(fixture *f, genop_user *u, const char *muni, genop_role role,
                     const char *name)
{
    memset(u, 0, sizeof *u);
    snprintf(u->municipality, sizeof u->municipality, "%s", muni);
    snprintf(u->username, sizeof u->username, "%s", name);
    u->role = role;
    assert_int_equal(service_user_add(f->svc, u, PASSWORD, NULL), GENOP_OK);
    assert_true(u->id > 0);
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    snprintf(f->dir, sizeof f->dir, "/tmp/genop-service-XXXXXX");
    if (!f || !mkdtemp(f->dir))
        return -1;
    snprintf(f->db, sizeof f->db, "%s/t.db", f->dir);
    if (service_open(f->db, &f->svc, NULL))
        return -1;
    f->today = genop_date_in_denmark((int64_t)time(NULL));
    const char *munis[] = {"aalborg", "skive"};
    for (size_t i = 0; i < 2; i++)
        if (service_municipality_ensure(f->svc, service_standard(f->svc, munis[i]), NULL))
            return -1;
    add_user(f, &f->vis, "aalborg", GENOP_ROLE_VISITATOR, "vis.aalborg");
    add_user(f, &f->ter, "aalborg", GENOP_ROLE_TERAPEUT, "ter.aalborg");
    add_user(f, &f->admin, "aalborg", GENOP_ROLE_ADMIN, "adm.aalborg");
    add_user(f, &f->other, "skive", GENOP_ROLE_VISITATOR, "vis.skive");
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    service_close(f->svc);
    remove_test_db(f->dir, "t.db");
    free(f);
    return 0;
}

/* Calls and checks the status; returns the reply (caller releases). */
static json_t *call(fixture *f, const genop_user *u, const char *method, const char *path,
                    const json_t *body, unsigned want)
{
    unsigned status = 0;
    json_t *reply = NULL;
    genop_err err = service_call(f->svc, u, method, path, body, &status, &reply);
    if (status != want)
        fail_msg("%s %s: status %u, wanted %u (%s)", method, path, status, want,
                 json_string_value(json_object_get(reply, "detail")));
    assert_int_equal(err, want < 300 ? GENOP_OK : GENOP_EINVAL);
    return reply;
}

/* The problem's type ends in slug. */
static void assert_problem(json_t *reply, const char *slug)
{
    const char *type = json_string_value(json_object_get(reply, "type"));
    assert_non_null(type);
    assert_non_null(strstr(type, slug));
    assert_non_null(json_string_value(json_object_get(reply, "detail")));
    json_decref(reply);
}

static json_t *referral(fixture *f, const char *cpr, int days_ago)
{
    char date[GENOP_DATE_STR_SIZE];
    return json_pack("{s:{s:s, s:s}, s:{s:s, s:s, s:s, s:s, s:b}}", "citizen", "cpr", cpr, "name",
                     "Testa Testesen", "referral", "date",
                     genop_date_format(f->today - days_ago, date), "paragraph", "86.1",
                     "source", "egen læge", "condition", "hofte", "consent", 1);
}

static int64_t create_case(fixture *f, const genop_user *u, const char *cpr)
{
    json_t *body = referral(f, cpr, 10);
    json_t *reply = call(f, u, "POST", "/api/v1/cases", body, 201);
    int64_t id = json_integer_value(json_object_get(reply, "id"));
    assert_true(id > 0);
    json_decref(reply);
    json_decref(body);
    return id;
}

static void test_users(void **state)
{
    fixture *f = *state;
    genop_user u;
    genop_error e;
    assert_int_equal(service_user(f->svc, "ter.aalborg", &u, NULL), GENOP_OK);
    assert_int_equal(u.id, f->ter.id);
    assert_int_equal(u.role, GENOP_ROLE_TERAPEUT);
    assert_string_equal(u.municipality, "aalborg");
    assert_int_equal(service_user(f->svc, "ingen", &u, NULL), GENOP_ENOTFOUND);
    memset(&u, 0, sizeof u);
    snprintf(u.municipality, sizeof u.municipality, "aalborg");
    snprintf(u.username, sizeof u.username, "kort");
    assert_int_equal(service_user_add(f->svc, &u, "for-kort", &e), GENOP_EINVAL);
    assert_message_contains(e, "12");
    snprintf(u.username, sizeof u.username, "vis.aalborg");     /* taken */
    assert_int_equal(service_user_add(f->svc, &u, PASSWORD, NULL), GENOP_EINVAL);
    assert_null(service_standard(f->svc, "odense"));
    assert_string_equal(service_standard(f->svc, "nyborg")->id, "nyborg");
}

static void test_routes_and_roles(void **state)
{
    fixture *f = *state;
    json_t *body = referral(f, "0101501234", 10);
    assert_problem(call(f, NULL, "GET", "/api/v1/cases", NULL, 401), "not-logged-in");
    assert_problem(call(f, &f->ter, "POST", "/api/v1/cases", body, 403), "forbidden");
    assert_problem(call(f, &f->admin, "GET", "/api/v1/worklist", NULL, 403), "forbidden");
    assert_problem(call(f, &f->vis, "GET", "/api/v1/nothing", NULL, 404), "not-found");
    assert_problem(call(f, &f->vis, "DELETE", "/api/v1/cases", NULL, 405), "method-not-allowed");
    assert_problem(call(f, &f->vis, "POST", "/api/v1/cases", NULL, 400), "malformed-json");
    json_t *arr = json_array();
    assert_problem(call(f, &f->vis, "POST", "/api/v1/cases", arr, 400), "malformed-json");
    json_decref(arr);
    assert_problem(call(f, &f->vis, "GET", "api/v1/cases", NULL, 400), "bad-request");
    assert_problem(call(f, &f->vis, "GET", "/api/v1/cases?limit=x", NULL, 400), "bad-request");
    char many[256] = "/api/v1/cases?";
    for (int i = 0; i < HTTP_LOCAL_ARGS_MAX + 1; i++) {
        size_t used = strlen(many);
        snprintf(many + used, sizeof many - used, "a%d=1&", i);
    }
    assert_problem(call(f, &f->vis, "GET", many, NULL, 400), "bad-request");
    /* Login without a user works as over HTTP (the route needs none). */
    json_t *login = json_pack("{s:s, s:s}", "username", "vis.aalborg", "password", PASSWORD);
    json_t *reply = call(f, NULL, "POST", "/api/v1/session", login, 200);
    assert_string_equal(json_string_value(json_object_get(reply, "role")), "visitator");
    json_decref(reply);
    json_object_set_new(login, "password", json_string("forkert-forkert"));
    assert_problem(call(f, NULL, "POST", "/api/v1/session", login, 401), "login-failed");
    json_decref(login);
    json_decref(body);
}

static void test_cases_and_events(void **state)
{
    fixture *f = *state;
    int64_t id = create_case(f, &f->vis, "0202451235");
    char path[96], date[GENOP_DATE_STR_SIZE];
    /* The body is borrowed: the caller's object is not changed. */
    json_t *ev = json_pack("{s:s, s:s}", "type", "contacted", "date",
                           genop_date_format(f->today - 9, date));
    snprintf(path, sizeof path, "/api/v1/cases/%" PRId64 "/events", id);
    json_decref(call(f, &f->ter, "POST", path, ev, 201));
    assert_int_equal(json_object_size(ev), 2);
    json_decref(ev);
    ev = json_pack("{s:s, s:s}", "type", "contacted", "date",
                   genop_date_format(f->today + 1, date));
    assert_problem(call(f, &f->ter, "POST", path, ev, 422), "invalid-event");
    json_decref(ev);
    ev = json_pack("{s:s, s:s, s:b}", "type", "decision", "date",
                   genop_date_format(f->today - 8, date), "granted", 1);
    assert_problem(call(f, &f->ter, "POST", path, ev, 403), "forbidden");
    json_decref(ev);

    /* Query arguments are decoded: as_of=2025%2D05%2D01 is 2025-05-01. */
    genop_date_format(f->today - 5, date);
    snprintf(path, sizeof path, "/api/v1/cases/%" PRId64 "?as_of=%.4s%%2D%.2s%%2D%.2s", id, date,
             date + 5, date + 8);
    json_t *reply = call(f, &f->vis, "GET", path, NULL, 200);
    json_t *eval = json_object_get(reply, "evaluation");
    assert_string_equal(json_string_value(json_object_get(eval, "as_of")), date);
    assert_int_equal(json_array_size(json_object_get(reply, "events")), 2);
    json_decref(reply);

    /* Another municipality's visitator: 404, as over HTTP. */
    snprintf(path, sizeof path, "/api/v1/cases/%" PRId64, id);
    assert_problem(call(f, &f->other, "GET", path, NULL, 404), "not-found");

    create_case(f, &f->vis, "0303461236");
    reply = call(f, &f->vis, "GET", "/api/v1/cases?limit=1&paragraph=86.1", NULL, 200);
    assert_int_equal(json_array_size(json_object_get(reply, "items")), 1);
    assert_true(json_integer_value(json_object_get(reply, "total")) >= 2);
    json_decref(reply);
    reply = call(f, &f->other, "GET", "/api/v1/cases", NULL, 200);
    assert_int_equal(json_array_size(json_object_get(reply, "items")), 0);
    json_decref(reply);
    reply = call(f, &f->vis, "GET", "/api/v1/worklist", NULL, 200);
    assert_true(json_array_size(json_object_get(reply, "items")) > 0);
    json_decref(reply);
}

/* Every in-process read and write is in the access log, with its user. */
static void test_access_log(void **state)
{
    fixture *f = *state;
    int64_t id = create_case(f, &f->vis, "0404471237");
    char path[96];
    snprintf(path, sizeof path, "/api/v1/cases/%" PRId64, id);
    json_t *reply = call(f, &f->vis, "GET", path, NULL, 200);
    int64_t citizen = json_integer_value(json_object_get(json_object_get(reply, "citizen"), "id"));
    json_decref(reply);
    snprintf(path, sizeof path, "/api/v1/citizens/%" PRId64 "/access-log", citizen);
    reply = call(f, &f->admin, "GET", path, NULL, 200);
    bool created = false, read = false;
    json_t *item;
    size_t i;
    json_array_foreach(json_object_get(reply, "items"), i, item) {
        const char *action = json_string_value(json_object_get(item, "action"));
        const char *user = json_string_value(json_object_get(item, "user"));
        created |= strcmp(action, "case.create") == 0 && strcmp(user, "vis.aalborg") == 0;
        read |= strcmp(action, "case.read") == 0 && strcmp(user, "vis.aalborg") == 0;
    }
    assert_true(created);
    assert_true(read);
    json_decref(reply);
}

/* What the API shows of a case and of the municipality's lists: the
 * case's events and projection, the worklist's total, the number of cases
 * and the citizen's access-log rows of writes. malloc'd text. */
static char *visible_state(fixture *f, int64_t id)
{
    char path[96];
    snprintf(path, sizeof path, "/api/v1/cases/%" PRId64, id);
    json_t *c = call(f, &f->vis, "GET", path, NULL, 200);
    json_t *list = call(f, &f->vis, "GET", "/api/v1/cases", NULL, 200);
    json_t *work = call(f, &f->vis, "GET", "/api/v1/worklist", NULL, 200);
    int64_t citizen = json_integer_value(json_object_get(json_object_get(c, "citizen"), "id"));
    snprintf(path, sizeof path, "/api/v1/citizens/%" PRId64 "/access-log?limit=500", citizen);
    json_t *log = call(f, &f->admin, "GET", path, NULL, 200);
    size_t writes = 0, i;
    json_t *item;
    json_array_foreach(json_object_get(log, "items"), i, item) {
        const char *action = json_string_value(json_object_get(item, "action"));
        writes += strstr(action, ".read") == NULL && strstr(action, ".list") == NULL;
    }
    json_t *state = json_pack("{s:O, s:O, s:O, s:O, s:i}", "events", json_object_get(c, "events"),
                              "case", json_object_get(c, "case"), "cases",
                              json_object_get(list, "total"), "worklist",
                              json_object_get(work, "total"), "logged_writes", (int)writes);
    char *text = json_dumps(state, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(state);
    json_decref(c);
    json_decref(list);
    json_decref(work);
    json_decref(log);
    return text;
}

static json_int_t cases_total(fixture *f)
{
    json_t *reply = call(f, &f->vis, "GET", "/api/v1/cases", NULL, 200);
    json_int_t total = json_integer_value(json_object_get(reply, "total"));
    json_decref(reply);
    return total;
}

/* Sends the request with the store failing from its nth call on: the
 * answer must be a 500 problem, or 201 once n is past the last call;
 * *citizen_created (if not NULL) gets the 201's citizen.created. */
static unsigned call_failing_at(fixture *f, long n, const char *path, const json_t *body,
                                bool *citizen_created)
{
    unsigned status = 0;
    json_t *reply = NULL;
    service_fail_store_from(f->svc, n);
    service_call(f->svc, &f->vis, "POST", path, body, &status, &reply);
    service_fail_store_from(f->svc, 0);
    if (status != 201 && status != 500)
        fail_msg("store failing at call %ld: status %u", n, status);
    if (status == 500) {
        assert_problem(reply, "internal");
        return status;
    }
    if (citizen_created)
        *citizen_created =
            json_is_true(json_object_get(json_object_get(reply, "citizen"), "created"));
    json_decref(reply);
    return status;
}

/* A failure of the store at any step of appending an event or registering
 * a referral leaves nothing of it: not the event, the projection, the
 * citizen, the case nor its access-log row. */
static void test_store_failure_at_every_step(void **state)
{
    fixture *f = *state;
    int64_t id = create_case(f, &f->vis, "0505481238");
    char path[96], date[GENOP_DATE_STR_SIZE];
    snprintf(path, sizeof path, "/api/v1/cases/%" PRId64 "/events", id);
    json_t *ev = json_pack("{s:s, s:s}", "type", "contacted", "date",
                           genop_date_format(f->today - 9, date));
    char *before = visible_state(f, id);
    long n = 1;
    for (; call_failing_at(f, n, path, ev, NULL) == 500; n++) {
        char *now = visible_state(f, id);
        if (strcmp(before, now) != 0)
            fail_msg("failing at store call %ld changed the case:\n%s\n%s", n, before, now);
        free(now);
        assert_true(n < 200);
    }
    assert_true(n > 3);                  /* the append makes several store calls */
    char *after = visible_state(f, id);
    assert_string_not_equal(before, after);
    free(after);
    json_decref(ev);

    json_t *ref = referral(f, "0606491239", 10);
    json_int_t cases = cases_total(f);
    bool created = false;
    for (n = 1; call_failing_at(f, n, "/api/v1/cases", ref, &created) == 500; n++) {
        assert_int_equal(cases_total(f), cases);
        assert_true(n < 200);
    }
    assert_true(n > 3);
    assert_int_equal(cases_total(f), cases + 1);
    /* No failed attempt left the citizen behind: the last one created it. */
    assert_true(created);
    json_decref(ref);
    free(before);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_users),
        cmocka_unit_test(test_routes_and_roles),
        cmocka_unit_test(test_cases_and_events),
        cmocka_unit_test(test_access_log),
        cmocka_unit_test(test_store_failure_at_every_step),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
