/*
 * test_static.c - the web app's file rules (src/server/static.c) without
 * a server: which paths name a file and which are refused as traversal
 * (400) or not found (404), what each extension is served as, and which
 * paths belong to the API. tests/api/test_static.py drives the same rules
 * through a real server, percent-encoding included.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "static.h"

static void expect_file(const char *path, const char *rel)
{
    char buf[2048] = "untouched";
    unsigned verdict = static_check_path(path, buf, sizeof buf);
    if (verdict != 0)
        fail_msg("%s: %u, wanted the file %s", path, verdict, rel);
    assert_string_equal(buf, rel);
}

static void expect_refused(const char *path, unsigned status)
{
    char buf[2048] = "untouched";
    unsigned verdict = static_check_path(path, buf, sizeof buf);
    if (verdict != status)
        fail_msg("%s: %u, wanted %u", path, verdict, status);
    assert_string_equal(buf, "untouched");
}

static void test_files(void **state)
{
    (void)state;
    expect_file("/", "index.html");
    expect_file("/index.html", "index.html");
    expect_file("/app.js", "app.js");
    expect_file("/views/case.js", "views/case.js");
    expect_file("/a/b/c-d_e~f.1.css", "a/b/c-d_e~f.1.css");
    expect_file("/x..y.js", "x..y.js");      /* dots inside a name are fine */
}

static void test_traversal(void **state)
{
    (void)state;
    expect_refused("/../secret", 400);
    expect_refused("/..", 400);
    expect_refused("/a/../../b.js", 400);
    expect_refused("/a/./b.js", 400);
    expect_refused("/.", 400);
    expect_refused("//etc/passwd", 400);
    expect_refused("/a//b.js", 400);
    expect_refused("/a\\..\\b.js", 400);
    expect_refused("/..\\b.js", 400);
    expect_refused("etc/passwd", 400);
    expect_refused("", 400);
    expect_refused(NULL, 400);
    /* A traversal anywhere wins over a mere 404 before it. */
    expect_refused("/.hidden/../x.js", 400);
}

static void test_not_found(void **state)
{
    (void)state;
    expect_refused("/.git/config", 404);
    expect_refused("/.hidden.js", 404);
    expect_refused("/a/", 404);
    expect_refused("/%2e%2e/x.js", 404);     /* still encoded: '%' is no name character */
    expect_refused("/a b.js", 404);
    expect_refused("/a:b.js", 404);
    expect_refused("/æ.js", 404);
    char long_path[1100];
    memset(long_path, 'a', sizeof long_path - 1);
    long_path[0] = '/';
    long_path[sizeof long_path - 1] = '\0';
    expect_refused(long_path, 404);
    char small[8];
    assert_int_equal(static_check_path("/index.html", small, sizeof small), 404);
}

static void test_content_types(void **state)
{
    (void)state;
    assert_string_equal(static_content_type("index.html"), "text/html; charset=utf-8");
    assert_string_equal(static_content_type("views/case.js"), "text/javascript; charset=utf-8");
    assert_string_equal(static_content_type("m.mjs"), "text/javascript; charset=utf-8");
    assert_string_equal(static_content_type("style.css"), "text/css; charset=utf-8");
    assert_string_equal(static_content_type("icon.svg"), "image/svg+xml");
    assert_string_equal(static_content_type("a.png"), "image/png");
    assert_string_equal(static_content_type("favicon.ico"), "image/x-icon");
    assert_string_equal(static_content_type("m.json"), "application/json");
    assert_string_equal(static_content_type("f.woff2"), "font/woff2");
    assert_null(static_content_type("README"));
    assert_null(static_content_type("a.bak"));
    assert_null(static_content_type("a.HTML"));
    assert_null(static_content_type("a."));
    assert_null(static_content_type("dir.js/README"));
    assert_null(static_content_type("a.html.orig"));
}

static void test_api_paths(void **state)
{
    (void)state;
    assert_true(static_is_api_path("/api"));
    assert_true(static_is_api_path("/api/"));
    assert_true(static_is_api_path("/api/v1/cases"));
    assert_false(static_is_api_path("/apis.html"));
    assert_false(static_is_api_path("/"));
    assert_false(static_is_api_path("/index.html"));
    assert_false(static_is_api_path("api/v1"));
    assert_false(static_is_api_path(NULL));
    assert_non_null(static_default_root());
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_files),
        cmocka_unit_test(test_traversal),
        cmocka_unit_test(test_not_found),
        cmocka_unit_test(test_content_types),
        cmocka_unit_test(test_api_paths),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
