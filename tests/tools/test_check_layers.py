#!/usr/bin/env python3
"""Tests of tools/check_layers.py on small made-up source trees: each rule
passes a tree that keeps it and fails (or, for the size rules without
--strict, reports) a tree that breaks it. Prints TAP.

    tests/tools/test_check_layers.py
"""

import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
CHECKER = os.path.join(HERE, "..", "..", "tools", "check_layers.py")
sys.path.insert(0, os.path.join(HERE, "..", "api"))
from harness import Tap  # noqa: E402

# A tree that keeps every rule: core below store below a domain layer
# below server below cli; a function of exactly 80 lines; a file of
# exactly 1,000 lines.
CLEAN = {
    "src/core/date.h": '#include "error.h"\n',
    "src/core/date.c": '#include "date.h"\n#include <stdio.h>\n',
    "src/core/error.h": "",
    "src/store/store.h": '#include "date.h"\n',
    "src/store/store.c": '#include "store.h"\n#include "generated_table.h"\n',
    "src/casework/cases.h": '#include "store.h"\n',
    "src/casework/cases.c": '#include "cases.h"\n',
    "src/server/http.h": '#include "error.h"\n',
    "src/server/http.c": '#include "http.h"\n',
    "src/server/router.h": '#include "http.h"\n#include "cases.h"\n',
    "src/server/router.c": '#include "router.h"\n',
    "src/cli/main.c": '#include "router.h"\n',
    "meson.build": "core_inc = include_directories('src/core')\n",
}


def function(name, lines):
    """A C function of exactly `lines` lines, signature to closing brace,
    with a comment holding braces and a string holding braces."""
    body = ["    /* { not a brace } */", '    const char *s = "}{";', "    (void)s;"]
    body += ["    x++;"] * (lines - 3 - len(body))
    return "\n".join([f"static void {name}(int x)", "{"] + body + ["}"]) + "\n"


def make_tree(files):
    root = tempfile.mkdtemp(prefix="genop-layers-")
    for path, text in files.items():
        full = os.path.join(root, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w") as f:
            f.write(text)
    return root


def check(files, *args):
    """Runs the checker on a tree made of files: (exit status, output)."""
    root = make_tree(files)
    try:
        r = subprocess.run([sys.executable, CHECKER, "--root", root, *args],
                           capture_output=True, text=True)
        return r.returncode, r.stdout + r.stderr
    finally:
        shutil.rmtree(root)


def line_of(out, words):
    """The TAP line of the rule whose name holds words."""
    return next((l for l in out.splitlines() if words in l and l.startswith(("ok", "not ok"))), "")


def main():
    t = Tap()
    fn80 = function("long_enough", 80)
    clean = dict(CLEAN)
    clean["src/server/router.c"] += fn80
    clean["src/server/big.c"] = "\n" * 1000
    rc, out = check(clean, "--strict")
    t.ok(rc == 0 and "not ok" not in out,
         "a clean tree passes, --strict too (an 80-line function, a 1,000-line file)", out)

    cyc = dict(CLEAN)
    cyc["src/server/http.c"] += '#include "router.h"\n'
    rc, out = check(cyc)
    line = line_of(out, "circle")
    t.ok(rc == 1 and line.startswith("not ok") and "src/server/http -> src/server/router" in out
         and "src/server/router.h:1 includes src/server/http.h" in out,
         "a circle of two modules (http.c includes router.h, router.h includes http.h) fails", out)

    three = dict(CLEAN)
    three["src/core/error.h"] = '#include "store.h"\n'
    rc, out = check(three)
    t.ok(rc == 1 and line_of(out, "circle").startswith("not ok")
         and "src/core/date" in out and "src/store/store" in out and "src/core/error" in out,
         "a circle of three modules through headers only fails and names them", out)

    amb = dict(CLEAN)
    amb["src/casework/error.h"] = ""
    amb["src/store/store.c"] += '#include "error.h"\n'
    rc, out = check(amb)
    t.ok(rc == 1 and "could be any of" in out, "an include found in two folders fails", out)

    core = dict(CLEAN)
    core["src/core/date.c"] += '#include "http.h"\n'
    rc, out = check(core)
    t.ok(rc == 1 and line_of(out, "src/core includes nothing").startswith("not ok")
         and "src/core/date.c:3 includes src/server/http.h" in out,
         "src/core including a header of src/server fails", out)

    store = dict(CLEAN)
    store["src/store/store.c"] += '#include "router.h"\n'
    rc, out = check(store)
    t.ok(rc == 1 and line_of(out, "src/store includes nothing").startswith("not ok"),
         "src/store including a header of src/server fails", out)

    domain = dict(CLEAN)
    domain["src/casework/cases.c"] += '#include "http.h"\n'
    rc, out = check(domain)
    t.ok(rc == 1 and line_of(out, "src/casework includes nothing").startswith("not ok"),
         "a domain folder (src/casework) including a header of src/server fails", out)

    up = dict(CLEAN)
    up["src/cli/cli.h"] = ""
    up["src/server/router.c"] += '#include "cli.h"\n'
    rc, out = check(up)
    t.ok(rc == 1 and line_of(out, "src/server includes nothing from src/cli").startswith("not ok"),
         "src/server including a header of src/cli fails", out)

    big = dict(CLEAN)
    big["src/server/router.c"] += function("too_long", 81) + function("fine", 12)
    big["src/store/huge.c"] = "\n" * 1001
    big["meson.build"] = "core_inc = include_directories('src/core', 'src/cli')\n"
    rc, out = check(big)
    t.ok(rc == 0 and "# SKIP" in line_of(out, "function") and "too_long() is 81 lines" in out
         and "fine()" not in out and "src/store/huge.c: 1001 lines" in out
         and "# SKIP" in line_of(out, "meson") and "src/cli on its include path" in out,
         "without --strict, a long function, a long file and core's include path are reported, not failed",
         out)
    rc, out = check(big, "--strict")
    t.ok(rc == 1 and line_of(out, "function").startswith("not ok")
         and line_of(out, "file of src").startswith("not ok")
         and line_of(out, "meson").startswith("not ok"),
         "with --strict they fail", out)

    rc, out = check({"README": "nothing"})
    t.ok(rc == 1, "a tree without C files fails (the checker looked at nothing)", out)
    return t.done()


if __name__ == "__main__":
    sys.exit(main())
