/*
 * test_http.c - the request and reply values of src/server/http.h, built
 * from http.c and the core alone (tests/meson.build links no
 * libmicrohttpd, router or store into this test: if http.c needed them,
 * it would not link).
 *
 * A request made by a transport answers headers, cookies and query
 * arguments through the transport's lookup, by kind; an in-process
 * request decodes its target's query and has no headers, cookies or body;
 * a reply whose JSON text failed is left unanswered with the reason; the
 * log escaping keeps log lines whole.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "http.h"

/* A transport's lookup: answers "KIND:key" for every name but "absent",
 * in a buffer of the fake connection. */
typedef struct fake_conn {
    char answer[64];
    int calls;
} fake_conn;

static const char *fake_lookup(void *conn, http_value_kind kind, const char *key)
{
    fake_conn *c = conn;
    c->calls++;
    if (strcmp(key, "absent") == 0)
        return NULL;
    const char *k = kind == HTTP_VALUE_HEADER ? "header" : kind == HTTP_VALUE_COOKIE ? "cookie"
                                                                                    : "query";
    snprintf(c->answer, sizeof c->answer, "%s:%s", k, key);
    return c->answer;
}

static void test_transport_request(void **state)
{
    (void)state;
    fake_conn conn = {0};
    http_request *r = http_request_new(fake_lookup, &conn, "GET", "/api/v1/cases");
    assert_non_null(r);
    assert_string_equal(http_request_method(r), "GET");
    assert_string_equal(http_request_path(r), "/api/v1/cases");
    assert_string_equal(http_request_header(r, "Authorization"), "header:Authorization");
    assert_string_equal(http_request_cookie(r, "genop_session"), "cookie:genop_session");
    assert_string_equal(http_request_query(r, "limit"), "query:limit");
    assert_null(http_request_query(r, "absent"));
    assert_int_equal(conn.calls, 4);
    size_t len = 99;
    assert_string_equal(http_request_body(r, &len), "");
    assert_int_equal(len, 0);
    static const char body[] = "{\"a\":1}";
    http_request_set_body(r, body, strlen(body));
    http_request_set_line(r, "POST", "/api/v1/session");
    assert_string_equal(http_request_body(r, &len), body);
    assert_int_equal(len, strlen(body));
    assert_string_equal(http_request_method(r), "POST");
    assert_string_equal(http_request_path(r), "/api/v1/session");
    http_request_free(r);
    http_request_free(NULL);
}

static void test_local_request(void **state)
{
    (void)state;
    http_request *r = NULL;
    genop_error e;
    assert_int_equal(http_request_local_new("GET", "/api/v1/cases?q=Anna+B%C3%B8g&limit=5&flag&%zz=1",
                                            &r, &e),
                     GENOP_OK);
    assert_string_equal(http_request_method(r), "GET");
    assert_string_equal(http_request_path(r), "/api/v1/cases");
    assert_string_equal(http_request_query(r, "q"), "Anna Bøg");
    assert_string_equal(http_request_query(r, "limit"), "5");
    assert_string_equal(http_request_query(r, "flag"), "");
    assert_string_equal(http_request_query(r, "%zz"), "1");     /* not hex: kept */
    assert_null(http_request_query(r, "absent"));
    assert_null(http_request_header(r, "Authorization"));
    assert_null(http_request_cookie(r, "genop_session"));
    size_t len = 99;
    assert_string_equal(http_request_body(r, &len), "");
    assert_int_equal(len, 0);
    http_request_local_free(r);

    r = NULL;
    assert_int_equal(http_request_local_new("GET", "api/v1/cases", &r, &e), GENOP_EINVAL);
    assert_null(r);
    char many[256] = "/x?";
    for (int i = 0; i < HTTP_LOCAL_ARGS_MAX + 1; i++) {
        size_t used = strlen(many);
        snprintf(many + used, sizeof many - used, "a%d=1&", i);
    }
    assert_int_equal(http_request_local_new("GET", many, &r, &e), GENOP_EINVAL);
    assert_null(r);
    assert_non_null(strstr(e.message, "parametre"));
}

static void test_reply_text(void **state)
{
    (void)state;
    http_reply out = {0};
    genop_buf b = {0};
    genop_buf_adds(&b, "{\"ok\":true}");
    http_reply_text(&out, 200, &b);
    assert_int_equal(out.status, 200);
    assert_int_equal(out.text_len, strlen("{\"ok\":true}"));
    assert_memory_equal(out.text, "{\"ok\":true}", out.text_len);
    assert_null(b.data);                       /* taken, not copied */
    assert_null(out.failure);

    genop_buf failed = {0};
    genop_buf_adds(&failed, "{\"half");
    failed.failed = true;
    http_reply_text(&out, 201, &failed);
    assert_int_equal(out.status, 0);           /* unanswered: the router makes it a 500 */
    assert_null(out.text);
    assert_null(failed.data);                  /* released */
    assert_non_null(out.failure);

    http_reply_json(&out, 204, NULL);          /* answering again clears the reason */
    assert_int_equal(out.status, 204);
    assert_null(out.failure);
    http_reply_release(&out);
}

/* A body that is not JSON (a letter's PDF): its type and disposition go
 * with it, and answering again with JSON forgets them. */
static void test_reply_bytes(void **state)
{
    (void)state;
    http_reply out = {0};
    genop_buf b = {0};
    genop_buf_add(&b, "%PDF-\0\1", 7);
    http_reply_bytes(&out, 200, "application/pdf", "inline; filename=\"brev-1.pdf\"", &b);
    assert_int_equal(out.status, 200);
    assert_int_equal(out.text_len, 7);
    assert_memory_equal(out.text, "%PDF-\0\1", 7);
    assert_string_equal(out.content_type, "application/pdf");
    assert_string_equal(out.disposition, "inline; filename=\"brev-1.pdf\"");
    assert_null(b.data);
    http_reply_json(&out, 404, NULL);
    assert_null(out.content_type);
    assert_string_equal(out.disposition, "");
    genop_buf empty = {0};
    http_reply_bytes(&out, 200, "application/pdf", NULL, &empty);
    assert_int_equal(out.status, 0);            /* nothing to send: a 500 */
    assert_null(out.content_type);
    http_reply_release(&out);
}

static void test_log_escape(void **state)
{
    (void)state;
    char out[64];
    http_log_escape(out, sizeof out, "/a b\"c\\d\n\001" "Bøg\xff");
    assert_string_equal(out, "/a b\\x22c\\x5cd\\x0a\\x01Bøg\\xff");
    http_log_escape(out, 6, "abcdefgh");
    assert_string_equal(out, "abcde");
    http_log_escape(out, 6, "ab\ncd");         /* an escape that does not fit is left out */
    assert_string_equal(out, "ab");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_transport_request),
        cmocka_unit_test(test_local_request),
        cmocka_unit_test(test_reply_text),
        cmocka_unit_test(test_reply_bytes),
        cmocka_unit_test(test_log_escape),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
