/*
 * test_spool.c - the maildir-style spool (src/letters/spool.h) with
 * MeMo messages (memo.h):
 * - a message spooled into a folder that does not exist yet (nor its
 *   parent) makes DIR, DIR/tmp and DIR/new and appears in DIR/new under
 *   its UUID, byte for byte, with nothing left in DIR/tmp;
 * - messages have names of their own; the same name twice is refused and
 *   the first file stays as it was;
 * - names that are not plain file names are refused;
 * - a read-only spool folder, a read-only new/ and a file where a folder
 *   should be give errors in Danish that name the path, and leave nothing
 *   in tmp/. (Run as root, the test drops to the user nobody for those
 *   calls, since permissions do not stop root.)
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "memo.h"
#include "memo_fixture.h"
#include "spool.h"
#include "strbuf.h"
#include "test_helpers.h"

/* A fresh, empty folder per test (mode 0755, so the user nobody may look
 * into it); the state holds its path. */
static int make_base(void **state)
{
    char *dir = strdup("/tmp/genop-spool-XXXXXX");
    if (dir == NULL || mkdtemp(dir) == NULL || chmod(dir, 0755) != 0)
        return -1;
    *state = dir;
    return 0;
}

static void remove_tree(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return;
    if (S_ISDIR(st.st_mode)) {
        chmod(path, 0755);
        DIR *d = opendir(path);
        struct dirent *de;
        while (d && (de = readdir(d)) != NULL) {
            if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
                continue;
            char child[512];
            if (!genop_bprintf(child, sizeof child, "%s/%s", path, de->d_name))
                continue;
            remove_tree(child);
        }
        if (d)
            closedir(d);
        rmdir(path);
    } else {
        unlink(path);
    }
}

static int remove_base(void **state)
{
    remove_tree(*state);
    free(*state);
    return 0;
}

/* The number of entries (besides . and ..) in the folder path; -1 if it
 * cannot be read. */
static int entries(const char *path)
{
    DIR *d = opendir(path);
    if (d == NULL)
        return -1;
    int n = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL)
        n += strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0;
    closedir(d);
    return n;
}

/* The whole file at path into b. */
static void read_file(const char *path, genop_buf *b)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        fail_msg("%s cannot be read", path);
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        genop_buf_add(b, chunk, n);
    fclose(f);
}

/* "base/rest" into out (512 bytes). */
static char *path_in(char *out, const char *base, const char *rest)
{
    assert_true(genop_bprintf(out, 512, "%s/%s", base, rest));
    return out;
}

/* A MeMo message for the fixture's letter, and its file name. */
static void message(genop_buf *xml, char name[GENOP_SPOOL_NAME_MAX])
{
    genop_memo_input in = test_memo_input();
    char uuid[GENOP_MEMO_UUID_SIZE];
    must(genop_memo_build(&in, xml, uuid, e));
    assert_true(genop_bprintf(name, GENOP_SPOOL_NAME_MAX, "%s.xml", uuid));
}

static void test_spools_into_new(void **state)
{
    char spool[512], p[512], name[GENOP_SPOOL_NAME_MAX];
    path_in(spool, *state, "ikke-oprettet/digital-post");   /* nor its parent */
    genop_buf xml = {0}, back = {0};
    message(&xml, name);
    must(genop_spool_write(spool, name, xml.data, xml.len, e));
    assert_true(genop_bprintf(p, sizeof p, "%s/new/%s", spool, name));
    read_file(p, &back);
    assert_int_equal(back.len, xml.len);
    assert_memory_equal(back.data, xml.data, xml.len);
    assert_int_equal(entries(path_in(p, spool, "new")), 1);
    assert_int_equal(entries(path_in(p, spool, "tmp")), 0);

    /* A second message has a name of its own. */
    genop_buf xml2 = {0};
    char name2[GENOP_SPOOL_NAME_MAX];
    message(&xml2, name2);
    assert_string_not_equal(name, name2);
    must(genop_spool_write(spool, name2, xml2.data, xml2.len, e));
    assert_int_equal(entries(path_in(p, spool, "new")), 2);
    assert_int_equal(entries(path_in(p, spool, "tmp")), 0);
    genop_buf_release(&xml);
    genop_buf_release(&xml2);
    genop_buf_release(&back);
}

static void test_same_name_twice(void **state)
{
    char p[512], name[GENOP_SPOOL_NAME_MAX];
    genop_buf xml = {0}, back = {0};
    message(&xml, name);
    must(genop_spool_write(*state, name, xml.data, xml.len, e));
    genop_error e;
    genop_error_clear(&e);
    assert_int_equal(genop_spool_write(*state, name, "anden tekst", 11, &e), GENOP_ECONFLICT);
    assert_message_contains(e, name);
    assert_message_contains(e, "findes allerede");
    assert_true(genop_bprintf(p, sizeof p, "%s/new/%s", (char *)*state, name));
    read_file(p, &back);
    assert_int_equal(back.len, xml.len);   /* the first stays as it was */
    assert_memory_equal(back.data, xml.data, xml.len);
    assert_int_equal(entries(path_in(p, *state, "tmp")), 0);
    genop_buf_release(&xml);
    genop_buf_release(&back);
}

static void test_refuses_names(void **state)
{
    const char *bad[] = {"", "../x.xml", "a/b.xml", ".skjult.xml", "med mellemrum.xml",
                         "bøf.xml"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        genop_error e;
        genop_error_clear(&e);
        assert_int_equal(genop_spool_write(*state, bad[i], "x", 1, &e), GENOP_EINVAL);
        assert_string_equal(e.field, "name");
        assert_message_contains(e, "filnavnet");
    }
    char p[512];
    assert_int_equal(entries(path_in(p, *state, "new")), -1);   /* nothing made */
}

/* Runs the spool write as the user nobody when the test runs as root, so
 * that permissions hold. Returns its result. */
static genop_err write_unprivileged(const char *dir, genop_error *e)
{
    uid_t was = geteuid();
    if (was == 0) {
        struct passwd *pw = getpwnam("nobody");
        if (pw == NULL || seteuid(pw->pw_uid) != 0)
            fail_msg("cannot become the user nobody to test permissions");
    }
    genop_err err = genop_spool_write(dir, "6f9619ff-8b86-4d01-b42d-00c04fc964ff.xml",
                                      "<x/>", 4, e);
    if (was == 0 && seteuid(0) != 0)
        fail_msg("cannot become root again");
    return err;
}

static void test_read_only_spool(void **state)
{
    char spool[512];
    path_in(spool, *state, "skrivebeskyttet");
    assert_int_equal(mkdir(spool, 0555), 0);
    assert_int_equal(chmod(spool, 0555), 0);
    genop_error e;
    genop_error_clear(&e);
    assert_int_equal(write_unprivileged(spool, &e), GENOP_EIO);
    assert_message_contains(e, spool);
    assert_message_contains(e, "ingen skriveadgang");
    assert_message_contains(e, "Digital Post-spoolen");
    assert_int_equal(entries(spool), 0);
}

static void test_read_only_new(void **state)
{
    char spool[512], p[512];
    path_in(spool, *state, "spool");
    assert_int_equal(mkdir(spool, 0777), 0);
    assert_int_equal(chmod(spool, 0777), 0);
    assert_int_equal(mkdir(path_in(p, spool, "tmp"), 0777), 0);
    assert_int_equal(chmod(p, 0777), 0);
    assert_int_equal(mkdir(path_in(p, spool, "new"), 0555), 0);
    assert_int_equal(chmod(p, 0555), 0);
    genop_error e;
    genop_error_clear(&e);
    assert_int_equal(write_unprivileged(spool, &e), GENOP_EIO);
    assert_message_contains(e, path_in(p, spool, "new"));
    assert_message_contains(e, "ingen skriveadgang");
    assert_int_equal(entries(path_in(p, spool, "tmp")), 0);   /* cleaned up */
    assert_int_equal(entries(path_in(p, spool, "new")), 0);
}

static void test_file_in_the_way(void **state)
{
    char file[512], spool[512];
    path_in(file, *state, "en-fil");
    int fd = open(file, O_WRONLY | O_CREAT, 0644);
    assert_true(fd >= 0);
    close(fd);
    path_in(spool, file, "spool");
    genop_error e;
    genop_error_clear(&e);
    assert_int_equal(genop_spool_write(spool, "a.xml", "x", 1, &e), GENOP_EIO);
    assert_message_contains(e, spool);
    assert_message_contains(e, "ikke en mappe");
    /* The spool folder itself a file. */
    genop_error_clear(&e);
    assert_int_equal(genop_spool_write(file, "a.xml", "x", 1, &e), GENOP_EIO);
    assert_message_contains(e, file);
    assert_message_contains(e, "ikke en mappe");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_spools_into_new, make_base, remove_base),
        cmocka_unit_test_setup_teardown(test_same_name_twice, make_base, remove_base),
        cmocka_unit_test_setup_teardown(test_refuses_names, make_base, remove_base),
        cmocka_unit_test_setup_teardown(test_read_only_spool, make_base, remove_base),
        cmocka_unit_test_setup_teardown(test_read_only_new, make_base, remove_base),
        cmocka_unit_test_setup_teardown(test_file_in_the_way, make_base, remove_base),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
