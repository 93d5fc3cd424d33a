#!/usr/bin/env python3
"""Static file tests: `genop serve` answers every path outside /api/ from
the web directory (src/server/static.c). A fresh server on a temporary web
directory (--web) with one file of each type, a hidden file, a file of an
unknown type, a subdirectory and symbolic links that point out of the
root; then content types, the security and cache headers, HEAD, 304 with
ETag, 405 for other methods, and traversal attempts (plain, percent-
encoded, encoded slashes and backslashes, doubly encoded, absolute paths)
that must all be 400 or 404 and never show a byte from outside the root.
A second server without --web serves the source tree's web/. Prints TAP.

    tests/api/test_static.py PATH/TO/genop
"""

import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Client, Server, Tap  # noqa: E402

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
SECRET = b"HEMMELIGT-UDENFOR-ROD"

FILES = {
    "index.html": (b"<!doctype html><title>genop</title>", "text/html; charset=utf-8"),
    "app.js": (b"export const a = 1;\n", "text/javascript; charset=utf-8"),
    "lib/util.mjs": (b"export const b = 2;\n", "text/javascript; charset=utf-8"),
    "style.css": (b"body { color: black; }\n", "text/css; charset=utf-8"),
    "logo.svg": (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "image/svg+xml"),
    "icon.png": (b"\x89PNG\r\n\x1a\n", "image/png"),
    "favicon.ico": (b"\x00\x00\x01\x00", "image/x-icon"),
    "manifest.json": (b"{}", "application/json"),
    "font.woff2": (b"wOF2", "font/woff2"),
    "robots.txt": (b"User-agent: *\n", "text/plain; charset=utf-8"),
    "sub/page.html": (b"<p>under</p>", "text/html; charset=utf-8"),
}


def make_tree(base):
    """web/ with FILES, plus traps; an outside file holds SECRET."""
    web = os.path.join(base, "web")
    for name, (data, _) in FILES.items():
        path = os.path.join(web, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)
    with open(os.path.join(base, "secret.html"), "wb") as f:
        f.write(SECRET)
    os.makedirs(os.path.join(base, "outside"))
    with open(os.path.join(base, "outside", "x.js"), "wb") as f:
        f.write(SECRET)
    with open(os.path.join(web, ".hidden.js"), "wb") as f:
        f.write(SECRET)
    with open(os.path.join(web, "notes.bak"), "wb") as f:
        f.write(SECRET)
    with open(os.path.join(web, "README"), "wb") as f:
        f.write(SECRET)
    os.symlink(os.path.join(base, "secret.html"), os.path.join(web, "link.html"))
    os.symlink(os.path.join(base, "outside"), os.path.join(web, "linkdir"))
    os.symlink("index.html", os.path.join(web, "inside-link.html"))
    return web


def main():
    genop = sys.argv[1]
    t = Tap()
    base = tempfile.mkdtemp(prefix="genop-static-")
    srv = None
    try:
        web = make_tree(base)
        srv = Server(genop, args=["--web", web])
        srv.start()
        c = Client(srv.port)
        run_type_tests(t, c)
        run_header_tests(t, c)
        run_method_tests(t, c)
        run_traversal_tests(t, c)
        run_api_tests(t, c)
        srv.stop()
        run_default_root_test(t, genop)
        run_bad_web_option_test(t, genop, base)
    except Exception as ex:  # a crash of the harness is a failure, not a pass
        t.ok(False, "static test run", repr(ex))
    finally:
        if srv:
            srv.cleanup()
        shutil.rmtree(base, ignore_errors=True)
    return t.done()


def run_type_tests(t, c):
    for name, (data, ctype) in FILES.items():
        r = c.request("GET", "/" + name)
        t.ok(r.status == 200 and r.raw == data and r.headers.get("content-type") == ctype,
             f"GET /{name}: 200, {ctype}, the file's bytes", r)
    r = c.request("GET", "/")
    t.ok(r.status == 200 and r.raw == FILES["index.html"][0]
         and r.headers.get("content-type") == "text/html; charset=utf-8", "GET / is index.html", r)
    r = c.request("GET", "/app.js?v=1")
    t.ok(r.status == 200 and r.raw == FILES["app.js"][0], "a query string is ignored", r)
    r = c.request("GET", "/inside-link.html")
    t.ok(r.status == 404, "a symbolic link is not followed, even inside the root", r)
    for path, why in [("/nope.js", "a missing asset"), ("/case/12", "an unknown path without extension"),
                      ("/sub", "a directory"), ("/sub/", "a directory with a slash"),
                      ("/README", "a file without extension"), ("/notes.bak", "an unknown extension"),
                      ("/.hidden.js", "a hidden file"), ("/index.HTML", "an extension in capitals"),
                      ("/index.html/", "a file with a trailing slash"),
                      ("/" + "a" * 2000 + ".js", "a very long path")]:
        r = c.request("GET", path)
        t.ok(r.status == 404 and r.headers.get("content-type") == "text/plain; charset=utf-8"
             and SECRET not in r.raw, f"{why} is 404 ({path[:40]})", r)


def run_header_tests(t, c):
    for path in ["/", "/app.js", "/style.css", "/nope.js", "/..%2f"]:
        r = c.request("GET", path)
        h = r.headers
        t.ok(h.get("content-security-policy") == CSP and h.get("x-content-type-options") == "nosniff"
             and h.get("referrer-policy") == "no-referrer",
             f"{path}: CSP (no inline script, frame-ancestors 'none'), nosniff, no-referrer", r)
    r = c.request("GET", "/app.js")
    etag = r.headers.get("etag", "")
    t.ok(r.headers.get("cache-control") == "no-cache" and etag.startswith('"'),
         "a file: Cache-Control no-cache and an ETag", r.headers)
    r = c.request("GET", "/nope.js")
    t.ok(r.headers.get("cache-control") == "no-store", "an error: Cache-Control no-store", r.headers)
    r = c.request("GET", "/app.js", headers={"If-None-Match": etag})
    t.ok(r.status == 304 and r.raw == b"" and r.headers.get("etag") == etag,
         "If-None-Match with the ETag: 304 without body", r)
    r = c.request("GET", "/app.js", headers={"If-None-Match": '"x", ' + etag})
    t.ok(r.status == 304, "If-None-Match with a list holding the ETag: 304", r)
    r = c.request("GET", "/app.js", headers={"If-None-Match": '"other"'})
    t.ok(r.status == 200 and r.raw == FILES["app.js"][0], "If-None-Match with another ETag: 200", r)
    r = c.request("GET", "/style.css", headers={"If-None-Match": etag})
    t.ok(r.status == 200, "another file's ETag does not match", r)


def run_method_tests(t, c):
    r = c.request("HEAD", "/app.js")
    t.ok(r.status == 200 and r.raw == b""
         and r.headers.get("content-length") == str(len(FILES["app.js"][0]))
         and r.headers.get("content-type") == "text/javascript; charset=utf-8"
         and r.headers.get("content-security-policy") == CSP,
         "HEAD: 200, the headers and Content-Length, no body", r)
    r = c.request("HEAD", "/nope.js")
    t.ok(r.status == 404 and r.raw == b"", "HEAD of a missing file: 404 without body", r)
    for method in ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"]:
        r = c.request(method, "/index.html", raw=b"x" if method in ("POST", "PUT", "PATCH") else None)
        t.ok(r.status == 405 and r.headers.get("allow") == "GET, HEAD",
             f"{method} of a page: 405 with Allow: GET, HEAD", r)


def run_traversal_tests(t, c):
    attempts = [
        "/../secret.html", "/sub/../../secret.html", "/./index.html", "/sub/./page.html",
        "/%2e%2e/secret.html", "/%2E%2E/secret.html", "/.%2e/secret.html", "/%2e./secret.html",
        "/..%2fsecret.html", "/..%2Fsecret.html", "/%2e%2e%2fsecret.html", "/sub%2f..%2f..%2fsecret.html",
        "/..\\secret.html", "/..%5csecret.html", "/sub\\..\\..\\secret.html",
        "//etc/passwd", "//secret.html", "/%2fetc/passwd", "/sub//page.html",
        "%2e%2e/secret.html", "secret.html",
    ]
    for path in attempts:
        r = c.request("GET", path)
        t.ok(r.status in (400, 404) and SECRET not in r.raw and b"root:" not in r.raw,
             f"traversal {path!r}: {r.status} (400 or 404), nothing from outside", r)
    plainly = {"/../secret.html": 400, "/%2e%2e/secret.html": 400, "/..%2fsecret.html": 400,
               "/..%5csecret.html": 400, "//etc/passwd": 400}
    for path, status in plainly.items():
        r = c.request("GET", path)
        t.ok(r.status == status, f"{path!r} is refused as a traversal ({status})", r)
    for path in ["/%252e%252e/secret.html", "/%252e%252e%252fsecret.html", "/etc/passwd",
                 "/link.html", "/linkdir/x.js", "/%c0%ae%c0%ae/secret.html",
                 "/secret.html"]:
        r = c.request("GET", path)
        t.ok(r.status in (400, 404) and SECRET not in r.raw and b"root:" not in r.raw,
             f"{path!r} (double encoding, absolute, symbolic links out): {r.status}, nothing leaked", r)
    # libmicrohttpd decodes %00 and the path ends there: what is served is
    # then index.html as HTML, never labelled by the extension after it.
    r = c.request("GET", "/index.html%00.png")
    t.ok(r.status in (400, 404) or (r.raw == FILES["index.html"][0]
                                    and r.headers.get("content-type") == "text/html; charset=utf-8"),
         "'/index.html%00.png' is never served as image/png", r)


def run_api_tests(t, c):
    r = c.request("GET", "/api/v1/nothing")
    t.ok(r.status == 404 and r.headers.get("content-type", "").startswith("application/problem+json")
         and r.headers.get("cache-control") == "no-store", "/api/... still goes to the API (no-store)", r)
    r = c.request("GET", "/api")
    t.ok(r.status == 404 and r.headers.get("content-type", "").startswith("application/problem+json"),
         "/api itself is the API's", r)
    r = c.request("GET", "/api/v1/session")
    t.ok(r.status == 401 and r.headers.get("cache-control") == "no-store", "an API answer: no-store", r)
    r = c.request("GET", "/apis.html")
    t.ok(r.status == 404 and r.headers.get("content-type") == "text/plain; charset=utf-8",
         "/apis.html is a (missing) file, not the API", r)


def run_default_root_test(t, genop):
    """Without --web the source tree's web/ is served."""
    here = os.path.dirname(os.path.abspath(__file__))
    index = os.path.join(here, "..", "..", "web", "index.html")
    srv = Server(genop)
    try:
        srv.start()
        r = Client(srv.port).request("GET", "/")
        with open(index, "rb") as f:
            want = f.read()
        t.ok(r.status == 200 and r.raw == want, "without --web: / is the source tree's web/index.html", r)
    finally:
        srv.cleanup()


def run_bad_web_option_test(t, genop, base):
    r = subprocess.run([genop, "serve", "--db", os.path.join(base, "x.db"), "--listen",
                        "127.0.0.1:1", "--web", os.path.join(base, "missing")],
                       capture_output=True, text=True, timeout=10)
    t.ok(r.returncode != 0 and "--web" in r.stderr and r.stdout == "",
         "--web with a directory that does not exist: a usage error", r.returncode, r.stderr)


if __name__ == "__main__":
    sys.exit(main())
