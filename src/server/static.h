/*
 * static.h - the web application's files, served by `genop serve` for
 * every path outside /api/ (see static.c for the rules).
 *
 * The transport (transport.c) sends a request here instead of to its
 * handler when the path is not the handler's (server.c: when
 * static_is_api_path() is false); static_answer() then queues the answer
 * (a file, 304, or a short Danish error text) on the connection itself.
 */
#ifndef GENOP_STATIC_H
#define GENOP_STATIC_H

#include <stdbool.h>
#include <stddef.h>

struct MHD_Connection;

/* The web directory compiled in (the source tree's web/, from meson),
 * used when the server is given none. A static string. */
const char *static_default_root(void);

/* True when path belongs to the JSON API: "/api" or anything under "/api/". */
bool static_is_api_path(const char *path);

/* Answers method + path (libmicrohttpd's decoded path, without the query)
 * from the files under root (NULL: static_default_root()) and queues the
 * answer on conn. *status gets the status sent, for the request log.
 * Returns false only when libmicrohttpd could not take the answer (the
 * connection is then closed). */
bool static_answer(const char *root, struct MHD_Connection *conn, const char *method,
                   const char *path, unsigned *status);

/* Checks a decoded request path and writes the file it names, relative
 * to the web root, into rel (size bytes): "/" names "index.html". Returns
 * 0 when the path is acceptable, 400 for a traversal attempt or a path
 * that is not a plain path ("." or ".." segments, "//", a backslash, not
 * starting with "/"), 404 for anything else that cannot name a file we
 * serve (characters outside [A-Za-z0-9._~-] in a segment, a segment
 * starting with ".", a trailing "/", too long). Pure; for tests too. */
unsigned static_check_path(const char *path, char *rel, size_t size);

/* The Content-Type of a file name by its extension (html, css, js, mjs,
 * svg, png, ico, json, woff2, txt), or NULL for any other: such files are
 * not served. A static string. */
const char *static_content_type(const char *name);

#endif
