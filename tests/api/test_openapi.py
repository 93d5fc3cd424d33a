#!/usr/bin/env python3
"""Keeps docs/openapi.yaml true: every route of the server's route table
(`genop serve --routes`) must be documented there with its method, and
every documented operation must exist. Prints TAP.

    tests/api/test_openapi.py PATH/TO/genop
"""

import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Tap  # noqa: E402

SPEC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "docs", "openapi.yaml")


def documented():
    """(METHOD, path) pairs under `paths:` (two-space path keys, four-space
    method keys), read line by line: the file keeps that layout."""
    ops, path, in_paths = set(), None, False
    for line in open(SPEC, encoding="utf-8"):
        if re.match(r"^paths:\s*$", line):
            in_paths = True
            continue
        if in_paths and re.match(r"^\S", line):
            break
        m = re.match(r"^  (/\S+):\s*$", line)
        if m:
            path = m.group(1)
            continue
        m = re.match(r"^    (get|post|put|patch|delete|head|options):", line)
        if m and path:
            ops.add((m.group(1).upper(), path))
    return ops


def main():
    genop = sys.argv[1]
    t = Tap()
    r = subprocess.run([genop, "serve", "--routes"], capture_output=True, text=True)
    routes = {tuple(l.split(" ", 1)) for l in r.stdout.splitlines() if l.strip()}
    t.ok(r.returncode == 0 and len(routes) >= 9, "genop serve --routes lists the route table", r.stderr)
    ops = documented()
    for method, path in sorted(routes):
        t.ok((method, path) in ops, f"{method} {path} is in docs/openapi.yaml")
    for method, path in sorted(ops - routes):
        t.ok(False, f"{method} {path} is documented but not a route")
    return t.done()


if __name__ == "__main__":
    sys.exit(main())
