#!/usr/bin/env python3
"""Request bodies over the limit (src/server/transport.c): every client
gets the 413 problem, whatever the way it sends its body.

- Python's http.client writes a whole 32 MiB body in request() before it
  reads a byte; getresponse() must then read the 413 problem (type
  urn:genop:problem:payload-too-large), not a reset connection. The same
  connection then carries a normal request (a login) to its answer, and
  the server's peak resident memory grows by far less than the body
  meanwhile: it was read and dropped, not kept.
- A body of exactly the limit (64 KiB) is a normal request (a login that
  succeeds); one byte more is 413.
- A chunked body (no Content-Length) over the limit is 413.
- A Content-Length far over the limit, with no body sent, and one with
  "Expect: 100-continue" are answered 413 at once, before the client has
  sent a byte of the body.
- A normal request on a fresh connection works afterwards.

Prints TAP.

    tests/api/test_body_limit.py PATH/TO/genop
"""

import http.client
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Client, Server, Tap  # noqa: E402

LIMIT = 64 * 1024                 # HTTP_BODY_MAX (src/server/http.h)
BIG = 32 * 1024 * 1024            # what the client sends
TOO_LARGE = "urn:genop:problem:payload-too-large"
USER = "vis.aalborg"


def connect(srv):
    return http.client.HTTPConnection("127.0.0.1", srv.port, timeout=60)


JSON = {"Content-Type": "application/json"}


def read(conn):
    """The next answer on conn: (status, headers, parsed JSON or None)."""
    resp = conn.getresponse()
    raw = resp.read()
    try:
        body = json.loads(raw) if raw else None
    except ValueError:
        body = None
    return resp.status, dict((k.lower(), v) for k, v in resp.getheaders()), body


def send(conn, path, body=None, headers=None, declare=None):
    """Sends a POST on conn and reads its answer, or says why there was
    none ("no answer", {}, the exception). With declare, only the headers
    are sent, declare being (Content-Length, more headers), and the answer
    must come within 10 s."""
    try:
        if declare is None:
            conn.request("POST", path, body=body, headers=dict(JSON, **(headers or {})),
                         encode_chunked=headers is not None and "Transfer-Encoding" in headers)
        else:
            conn.putrequest("POST", path)
            for k, v in dict(JSON, **{"Content-Length": str(declare[0])}, **declare[1]).items():
                conn.putheader(k, v)
            conn.endheaders()
            conn.sock.settimeout(10)
        return read(conn)
    except (OSError, http.client.HTTPException) as ex:
        return "no answer", {}, repr(ex)


def is_too_large(t, answer, name):
    status, headers, body = answer
    t.ok(status == 413 and headers.get("content-type", "").startswith("application/problem+json")
         and (body or {}).get("type") == TOO_LARGE and (body or {}).get("status") == 413
         and str(LIMIT) in (body or {}).get("detail", ""),
         name, answer)


def is_login(t, answer, name):
    status, _, body = answer
    t.ok(status == 200 and (body or {}).get("username") == USER, name, answer)


def login_body(pw, size=None):
    """The JSON of a login, padded with spaces to size bytes."""
    text = json.dumps({"username": USER, "password": pw}).encode()
    return text if size is None else text + b" " * (size - len(text))


def peak_rss_kib(pid, reset=False):
    """The most memory the process has had resident (VmHWM), in KiB; with
    reset, first made its current resident memory (Linux's clear_refs 5).
    A reset matters: a login's argon2id hash alone takes 64 MiB, far more
    than a 32 MiB body would add to the server's peak. -1 if it cannot be
    told."""
    try:
        if reset:
            with open(f"/proc/{pid}/clear_refs", "w") as f:
                f.write("5")
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return -1


def run_big_body(t, srv, pw):
    """The issue's client: 32 MiB in one request() call, then getresponse()."""
    conn = connect(srv)
    send(conn, "/api/v1/session", login_body(pw))         # warm up the worker
    before = peak_rss_kib(srv.proc.pid, reset=True)
    is_too_large(t, send(conn, "/api/v1/cases", b"x" * BIG),
                 "a 32 MiB body written before reading gets the 413 problem")
    grown = peak_rss_kib(srv.proc.pid) - before
    t.ok(before > 0 and 0 <= grown < 8 * 1024,
         "the dropped body is not kept: the server's peak memory grew by less than 8 MiB",
         f"peak {before} KiB before, grew by {grown} KiB")
    is_login(t, send(conn, "/api/v1/session", login_body(pw)),
             "the same connection then carries a normal request (a login) to its answer")
    conn.close()


def run_boundary(t, srv, pw):
    conn = connect(srv)
    is_login(t, send(conn, "/api/v1/session", login_body(pw, LIMIT)),
             "a body of exactly the limit (64 KiB) is a normal request: the login succeeds")
    is_too_large(t, send(conn, "/api/v1/session", login_body(pw, LIMIT + 1)),
                 "a body one byte over the limit is 413")
    conn.close()


def run_chunked(t, srv):
    chunks = (b"y" * 65536 for _ in range(32))          # 2 MiB, no Content-Length
    conn = connect(srv)
    is_too_large(t, send(conn, "/api/v1/cases", chunks, {"Transfer-Encoding": "chunked"}),
                 "a chunked body over the limit gets the 413 problem")
    conn.close()


def run_declared(t, srv):
    """Content-Length over the limit, nothing of the body sent: answered at once."""
    conn = connect(srv)
    is_too_large(t, send(conn, "/api/v1/cases", declare=(10 ** 12, {})),
                 "a Content-Length of 1 TB is answered 413 before any body is sent")
    conn.close()
    conn = connect(srv)
    # http.client would skip a "100 Continue"; if one came, the server would
    # wait for the body and no answer would come within the 10 s.
    is_too_large(t, send(conn, "/api/v1/cases", declare=(BIG, {"Expect": "100-continue"})),
                 "a 32 MiB Content-Length with Expect: 100-continue is 413 at once")
    conn.close()


def main():
    genop = sys.argv[1]
    t = Tap()
    srv = Server(genop)
    try:
        pw = srv.add_user("aalborg", "visitator", USER)
        srv.start()
        run_big_body(t, srv, pw)
        run_boundary(t, srv, pw)
        run_chunked(t, srv)
        run_declared(t, srv)
        c = Client(srv.port)
        r = c.login(USER, pw)
        r2 = c.request("GET", "/api/v1/session")
        t.ok(r.status == 200 and r2.status == 200 and (r2.json or {}).get("username") == USER,
             "a normal request on a new connection works afterwards", r, r2)
        rc = srv.stop()
        t.ok(rc == 0, "serve stops cleanly on SIGTERM", f"exit status {rc}")
    except Exception as ex:  # a crash of the harness is a failure, not a pass
        t.ok(False, "body limit test run", repr(ex))
    finally:
        srv.cleanup()
    return t.done()


if __name__ == "__main__":
    sys.exit(main())
