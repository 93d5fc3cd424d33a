/*
 * static.c - the web application's files (web/: HTML, CSS, JavaScript
 * modules, images) for every request outside /api/ (see static.h).
 *
 * Which file: only GET and HEAD (anything else is 405 with Allow). The
 * path libmicrohttpd hands us is already percent-decoded, so "%2e%2e" and
 * "%2f" arrive as ".." and "/" and are judged like the plain forms; a
 * doubly encoded "%252e" arrives as "%2e", whose '%' no file name of ours
 * has. static_check_path() refuses traversal outright (400: "." or ".."
 * segments, empty segments as in "//etc/passwd", backslashes, a path not
 * starting with "/") and answers 404 for any segment with other
 * characters than [A-Za-z0-9._~-] or starting with "." (no hidden files).
 * The file must then have an extension we know the type of (a file we
 * cannot label is not served: nosniff would make the browser refuse it
 * anyway). The file is then opened one segment at a time with openat()
 * and O_NOFOLLOW from the root directory, so no symbolic link below the
 * root is followed (none can lead out of it), and it must be a regular
 * file (a directory is 404).
 *
 * "/" is index.html. Every other path is that file or 404: the web app
 * routes on location.hash (#/sag/12), which the browser never sends, so
 * the server never needs to answer an application route with index.html.
 * Answering unknown paths with index.html would instead turn a mistyped
 * script or style address into a 200 text/html answer, which the browser
 * refuses under nosniff with a far less clear error than a 404.
 *
 * Every answer, errors included, carries the page headers: a
 * Content-Security-Policy that allows only our own scripts, styles,
 * images and connections (no inline script or style, no framing, no
 * <base>, forms only to us), X-Content-Type-Options: nosniff and
 * Referrer-Policy: no-referrer. Files carry Cache-Control: no-cache (the
 * browser may keep them but asks every time) and an ETag from the file's
 * size and modification time, so an unchanged file is a 304 without body.
 * Errors are short Danish texts with Cache-Control: no-store.
 *
 * The file is sent with MHD_create_response_from_fd(), which reads it as
 * it goes out and closes it afterwards; for HEAD libmicrohttpd sends the
 * headers (Content-Length included) and no body.
 */
#include "static.h"

#include <fcntl.h>
#include <limits.h>
#include <microhttpd.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef GENOP_WEB_DIR
#define GENOP_WEB_DIR "web"
#endif

/* Longest request path we look at; longer is 404. */
#define STATIC_PATH_MAX 1024

static const char csp[] =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

const char *static_default_root(void)
{
    return GENOP_WEB_DIR;
}

bool static_is_api_path(const char *path)
{
    return path && strncmp(path, "/api", 4) == 0 && (path[4] == '\0' || path[4] == '/');
}

static bool name_char(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
           ch == '.' || ch == '_' || ch == '-' || ch == '~';
}

unsigned static_check_path(const char *path, char *rel, size_t size)
{
    if (!path || path[0] != '/')
        return 400;
    if (strchr(path, '\\'))
        return 400;
    if (strcmp(path, "/") == 0)
        path = "/index.html";
    size_t n = strlen(path);
    if (n > STATIC_PATH_MAX || n >= size)
        return 404;
    unsigned verdict = 0;
    for (const char *seg = path + 1;; ) {
        size_t len = strcspn(seg, "/");
        bool last = seg[len] == '\0';
        if (len == 0)                   /* "//" inside, or a trailing "/" */
            verdict = verdict ? verdict : (last ? 404 : 400);
        else if ((len == 1 && seg[0] == '.') || (len == 2 && seg[0] == '.' && seg[1] == '.'))
            return 400;
        else if (seg[0] == '.')
            verdict = verdict ? verdict : 404;
        for (size_t i = 0; i < len; i++)
            if (!name_char(seg[i]))
                verdict = verdict ? verdict : 404;
        if (last)
            break;
        seg += len + 1;
    }
    if (verdict)
        return verdict;
    memcpy(rel, path + 1, n);      /* n - 1 characters and the NUL */
    return 0;
}

const char *static_content_type(const char *name)
{
    static const struct {
        const char *ext, *type;
    } types[] = {
        {"html", "text/html; charset=utf-8"},
        {"css", "text/css; charset=utf-8"},
        {"js", "text/javascript; charset=utf-8"},
        {"mjs", "text/javascript; charset=utf-8"},
        {"svg", "image/svg+xml"},
        {"png", "image/png"},
        {"ico", "image/x-icon"},
        {"json", "application/json"},
        {"woff2", "font/woff2"},
        {"txt", "text/plain; charset=utf-8"},
    };
    const char *slash = strrchr(name, '/');
    const char *dot = strrchr(slash ? slash + 1 : name, '.');
    if (!dot || dot[1] == '\0')
        return NULL;
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (strcmp(dot + 1, types[i].ext) == 0)
            return types[i].type;
    return NULL;
}

static void add_page_headers(struct MHD_Response *resp)
{
    MHD_add_response_header(resp, "Content-Security-Policy", csp);
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
}

/* Queues a short Danish text answer (an error). */
static bool send_text(struct MHD_Connection *conn, unsigned status, const char *text,
                      unsigned *sent)
{
    struct MHD_Response *resp = MHD_create_response_from_buffer(
        strlen(text), (void *)(uintptr_t)text, MHD_RESPMEM_PERSISTENT);
    if (!resp)
        return false;
    add_page_headers(resp);
    MHD_add_response_header(resp, "Cache-Control", "no-store");
    MHD_add_response_header(resp, "Content-Type", "text/plain; charset=utf-8");
    if (status == 405)
        MHD_add_response_header(resp, "Allow", "GET, HEAD");
    *sent = status;
    bool ok = MHD_queue_response(conn, status, resp) == MHD_YES;
    MHD_destroy_response(resp);
    return ok;
}

static bool not_found(struct MHD_Connection *conn, unsigned *sent)
{
    return send_text(conn, 404, "Siden findes ikke.\n", sent);
}

/* True when an If-None-Match list names etag (or is "*"). */
static bool etag_matches(const char *list, const char *etag)
{
    if (!list)
        return false;
    size_t n = strlen(etag);
    for (const char *p = list; *p;) {
        p += strspn(p, " \t,");
        size_t len = strcspn(p, ",");
        while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t'))
            len--;
        if ((len == 1 && p[0] == '*') || (len == n && memcmp(p, etag, n) == 0) ||
            (len == n + 2 && p[0] == 'W' && p[1] == '/' && memcmp(p + 2, etag, n) == 0))
            return true;
        p += strcspn(p, ",");
    }
    return false;
}

/* Opens root/rel if it is a regular file under root, reached without
 * following a symbolic link below root; -1 otherwise. rel has been
 * checked by static_check_path(): no "." or ".." segment, no empty one. */
static int open_under_root(const char *root, const char *rel, struct stat *st)
{
    int dir = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    char seg[NAME_MAX + 1];
    while (dir >= 0) {
        size_t len = strcspn(rel, "/");
        if (len > NAME_MAX) {
            close(dir);
            return -1;
        }
        memcpy(seg, rel, len);
        seg[len] = '\0';
        bool last = rel[len] == '\0';
        int fd = openat(dir, seg, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | (last ? 0 : O_DIRECTORY));
        close(dir);
        if (fd < 0 || last) {
            if (fd >= 0 && (fstat(fd, st) != 0 || !S_ISREG(st->st_mode))) {
                close(fd);
                fd = -1;
            }
            return fd;
        }
        dir = fd;
        rel += len + 1;
    }
    return -1;
}

bool static_answer(const char *root, struct MHD_Connection *conn, const char *method,
                   const char *path, unsigned *status)
{
    if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0)
        return send_text(conn, 405, "Metoden kan ikke bruges her; tilladt er GET og HEAD.\n",
                         status);
    char rel[STATIC_PATH_MAX + 16];
    unsigned verdict = static_check_path(path, rel, sizeof rel);
    if (verdict == 400)
        return send_text(conn, 400, "Ugyldig adresse.\n", status);
    const char *type = verdict ? NULL : static_content_type(rel);
    if (!type)
        return not_found(conn, status);
    struct stat st;
    int fd = open_under_root(root ? root : static_default_root(), rel, &st);
    if (fd < 0)
        return not_found(conn, status);

    char etag[64];
    snprintf(etag, sizeof etag, "\"%jx-%jx\"", (uintmax_t)st.st_size,
             (uintmax_t)st.st_mtim.tv_sec * 1000000000u + (uintmax_t)st.st_mtim.tv_nsec);
    bool fresh = etag_matches(
        MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_IF_NONE_MATCH), etag);
    struct MHD_Response *resp;
    if (fresh || st.st_size == 0) {
        close(fd);
        resp = MHD_create_response_from_buffer(0, (void *)(uintptr_t)"", MHD_RESPMEM_PERSISTENT);
    } else {
        resp = MHD_create_response_from_fd((uint64_t)st.st_size, fd);  /* owns fd now */
        if (!resp)
            close(fd);
    }
    if (!resp)
        return false;
    add_page_headers(resp);
    MHD_add_response_header(resp, "Cache-Control", "no-cache");
    MHD_add_response_header(resp, "ETag", etag);
    if (!fresh)
        MHD_add_response_header(resp, "Content-Type", type);
    *status = fresh ? 304 : 200;
    bool ok = MHD_queue_response(conn, *status, resp) == MHD_YES;
    MHD_destroy_response(resp);
    return ok;
}
