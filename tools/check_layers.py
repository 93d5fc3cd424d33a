#!/usr/bin/env python3
"""Checks the shape of src/: the direction of its includes and the size of
its files and functions. Prints TAP (one line per rule, "#" lines saying
what breaks it) and exits 1 when a rule fails.

    tools/check_layers.py [--strict] [--root DIR]

The rules (issue 11, "Done when"):

  1. No circle of includes. A module is a .c file and its .h (one name in
     one folder); module A depends on module B when a file of A includes
     B's header. A circle - http.c includes router.h, and router.h
     includes http.h - means neither can be understood, built or tested
     without the other. Any circle through any number of modules fails.
  2. src/core includes nothing outside src/core.
  3. Every other folder of src/ below the server (src/store, the domain
     layer, whatever comes next) includes nothing from src/server or
     src/cli; src/server includes nothing from src/cli.
  4. The include directories that meson gives src/core's code name only
     folders of src/core (an include_directories() call in a meson.build
     that names src/core names no folder outside it).
  5. No file of src/ is over 1,000 lines.
  6. No function of src/ is over 80 lines (from the first line of its
     declaration to its closing brace).

Rules 1-3 always fail the run; rules 4-6 fail it with --strict (which
make test uses, tests/run.sh), else they are reported as SKIP lines
with what breaks them.

Includes are read from '#include "name"' lines (the angle-bracket form is
for system headers). A name is looked up next to the including file
first, as the preprocessor does, then as a path under src/ (meson puts
each folder of src/ on the include path); a name found nowhere in src/
(a generated file) is not followed, and a name found in two folders is
reported as ambiguous, which fails rule 1.
"""

import argparse
import os
import re
import sys

FILE_MAX = 1000
FUNCTION_MAX = 80
INCLUDE = re.compile(r'^\s*#\s*include\s*"([^"]+)"')


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def check(self, name, problems, enforced=True):
        """One TAP line for a rule; problems are the "#" lines under it."""
        self.n += 1
        if not problems:
            print(f"ok {self.n} - {name}")
        elif enforced:
            self.failed += 1
            print(f"not ok {self.n} - {name}")
        else:
            print(f"ok {self.n} - {name} # SKIP not enforced without --strict: "
                  f"{len(problems)} found")
        for p in problems:
            print(f"#   {p}")

    def done(self):
        print(f"1..{self.n}")
        return 1 if self.failed else 0


def source_files(root):
    """Every .c and .h file under root/src, as paths relative to root."""
    found = []
    for d, dirs, files in os.walk(os.path.join(root, "src")):
        dirs.sort()
        for f in sorted(files):
            if f.endswith((".c", ".h")):
                found.append(os.path.relpath(os.path.join(d, f), root))
    return found


def module_of(path):
    return os.path.splitext(path)[0]


def folder_of(path):
    """The top folder under src/: src/store/sqlite/x.c is src/store."""
    parts = path.split(os.sep)
    return os.sep.join(parts[:2]) if len(parts) > 2 else parts[0]


def resolve(including, name, files):
    """The file of src/ that '#include "name"' in `including` means: next
    to it first, else the one file of src/ whose path ends in /name.
    Returns (path, None), (None, None) when none is in src/, or
    (None, candidates) when several are."""
    near = os.path.normpath(os.path.join(os.path.dirname(including), name))
    if near in files:
        return near, None
    suffix = os.sep + os.path.normpath(name)
    found = [f for f in files if f.endswith(suffix)]
    if len(found) == 1:
        return found[0], None
    return None, (found or None)


def read_includes(root, files):
    """[(file, line number, included file)] for every include of src/, and
    the ambiguous ones as text."""
    fileset = set(files)
    edges, ambiguous = [], []
    for f in files:
        with open(os.path.join(root, f), encoding="utf-8", errors="replace") as fh:
            for i, line in enumerate(fh, 1):
                m = INCLUDE.match(line)
                if not m:
                    continue
                target, several = resolve(f, m.group(1), fileset)
                if target:
                    edges.append((f, i, target))
                elif several:
                    ambiguous.append(f"{f}:{i}: \"{m.group(1)}\" could be any of "
                                     + ", ".join(several))
    return edges, ambiguous


def find_cycles(edges):
    """The circles of the module graph: for each strongly connected group
    of more than one module, one circle through it, with the include that
    makes each step."""
    graph, why = {}, {}
    for f, line, target in edges:
        a, b = module_of(f), module_of(target)
        if a == b:
            continue
        graph.setdefault(a, set()).add(b)
        graph.setdefault(b, set())
        why.setdefault((a, b), f"{f}:{line} includes {target}")
    cycles = []
    for group in strongly_connected(graph):
        if len(group) > 1:
            cycles.append(one_circle(graph, sorted(group), why))
            cycles.append("  modules in this knot: " + ", ".join(sorted(group)))
    return cycles


def strongly_connected(graph):
    """Tarjan's algorithm, without recursion."""
    index, low, on_stack, stack, groups = {}, {}, set(), [], []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    group = set()
                    while True:
                        n = stack.pop()
                        on_stack.discard(n)
                        group.add(n)
                        if n == node:
                            break
                    groups.append(group)
            elif child not in index:
                index[child] = low[child] = counter
                counter += 1
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(sorted(graph[child]))))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
    return groups


def one_circle(graph, group, why):
    """A shortest circle from the group's first module back to itself."""
    members = set(group)
    start = group[0]
    paths = {start: [start]}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for nxt in sorted(graph[node]):
            if nxt not in members:
                continue
            if nxt == start:
                path = paths[node] + [start]
                steps = [why[(path[i], path[i + 1])] for i in range(len(path) - 1)]
                return " -> ".join(path) + " (" + "; ".join(steps) + ")"
            if nxt not in paths:
                paths[nxt] = paths[node] + [nxt]
                queue.append(nxt)
    return ", ".join(group)


def layer_problems(edges, files):
    """{rule name: [problems]} for rules 2 and 3."""
    core, server, cli = os.path.join("src", "core"), os.path.join("src", "server"), \
        os.path.join("src", "cli")
    folders = sorted({folder_of(f) for f in files} - {core, server, cli})
    rules = {f"{core} includes nothing outside {core}": []}
    for folder in folders:
        rules[f"{folder} includes nothing from {server} or {cli}"] = []
    rules[f"{server} includes nothing from {cli}"] = []
    for f, line, target in edges:
        src, dst = folder_of(f), folder_of(target)
        text = f"{f}:{line} includes {target}"
        if src == core and dst != core:
            rules[f"{core} includes nothing outside {core}"].append(text)
        elif src in folders and dst in (server, cli):
            rules[f"{src} includes nothing from {server} or {cli}"].append(text)
        elif src == server and dst == cli:
            rules[f"{server} includes nothing from {cli}"].append(text)
    return rules


def meson_problems(root):
    """Rule 4: include_directories() calls naming src/core and a folder
    outside it."""
    core = os.path.join(root, "src", "core")
    problems = []
    for d, dirs, files in os.walk(root):
        dirs[:] = sorted(x for x in dirs if not x.startswith(".") and x != "node_modules"
                         and not os.path.exists(os.path.join(d, x, "meson-private")))
        if "meson.build" not in files:
            continue
        path = os.path.join(d, "meson.build")
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
        for m in re.finditer(r"include_directories\(([^)]*)\)", text):
            dirs_named = [os.path.normpath(os.path.join(d, s))
                          for s in re.findall(r"'([^']*)'", m.group(1))]
            inside = [x for x in dirs_named if x == core or x.startswith(core + os.sep)]
            outside = [x for x in dirs_named if x not in inside]
            if inside and outside:
                line = text.count("\n", 0, m.start()) + 1
                problems.append(f"{os.path.relpath(path, root)}:{line}: src/core's code gets "
                                + ", ".join(os.path.relpath(x, root) for x in outside)
                                + " on its include path")
    return problems


def strip_code(text):
    """text with comments, string and character literals and preprocessor
    lines blanked (newlines kept, so line numbers stay)."""
    out, i, n = [], 0, len(text)
    at_line_start = True
    while i < n:
        c = text[i]
        if at_line_start and c in " \t":
            out.append(c)
            i += 1
            continue
        if at_line_start and c == "#":
            while i < n and text[i] != "\n":
                if text[i] == "\\" and i + 1 < n and text[i + 1] == "\n":
                    out.append("\n")
                    i += 2
                    continue
                i += 1
            at_line_start = False
            continue
        at_line_start = False
        if text.startswith("/*", i):
            end = text.find("*/", i + 2)
            end = n if end < 0 else end + 2
            out.append("".join(ch if ch == "\n" else " " for ch in text[i:end]))
            i = end
        elif text.startswith("//", i):
            while i < n and text[i] != "\n":
                i += 1
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            out.append(c + " " * (min(j, n) - i - 1) + c)
            i = j + 1
        else:
            if c == "\n":
                at_line_start = True
            out.append(c)
            i += 1
    return "".join(out)


def functions(text):
    """[(name, first line, last line)] of the function definitions in C
    text: top-level braces whose declaration ends in ')' and holds no '='
    (an initializer) outside parentheses."""
    code = strip_code(text)
    found, depth, decl_start, line = [], 0, None, 1
    opened = None
    for i, c in enumerate(code):
        if c == "\n":
            line += 1
            continue
        if depth == 0 and decl_start is None and not c.isspace() and c not in ";}":
            decl_start = (i, line)
        if c == "{":
            if depth == 0 and decl_start is not None:
                decl = code[decl_start[0]:i].strip()
                opened = (decl, decl_start[1]) if is_function(decl) else None
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                if opened:
                    found.append((function_name(opened[0]), opened[1], line))
                opened = None
                decl_start = None
        elif c == ";" and depth == 0:
            decl_start = None
    return found


def is_function(decl):
    if not decl.endswith(")"):
        return False
    level = 0
    for c in decl:
        level += c == "("
        level -= c == ")"
        if c == "=" and level == 0:
            return False
    return True


def function_name(decl):
    """The identifier before the parameter list (the last parenthesised
    group), so an __attribute__((...)) in front is passed over."""
    level, i = 0, len(decl) - 1
    while i >= 0:
        level += decl[i] == ")"
        level -= decl[i] == "("
        if level == 0:
            break
        i -= 1
    m = re.search(r"([A-Za-z_][A-Za-z0-9_]*)\s*$", decl[:max(i, 0)])
    return m.group(1) if m else "?"


def size_problems(root, files):
    """Rules 5 and 6: [files too long], [functions too long]."""
    long_files, long_functions = [], []
    for f in files:
        with open(os.path.join(root, f), encoding="utf-8", errors="replace") as fh:
            text = fh.read()
        lines = text.count("\n") + (0 if text.endswith("\n") or not text else 1)
        if lines > FILE_MAX:
            long_files.append(f"{f}: {lines} lines")
        if f.endswith(".c"):
            for name, first, last in functions(text):
                if last - first + 1 > FUNCTION_MAX:
                    long_functions.append(f"{f}:{first}: {name}() is {last - first + 1} lines")
    return long_files, long_functions


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--strict", action="store_true",
                    help="fail on rules 4-6 (meson include path, file and function sizes) too")
    ap.add_argument("--root", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."),
                    help="the source tree (default: this script's)")
    args = ap.parse_args()
    root = os.path.abspath(args.root)
    files = source_files(root)
    t = Tap()
    if not files:
        t.check("src/ has C files", [f"no .c or .h file under {root}/src"])
        return t.done()
    edges, ambiguous = read_includes(root, files)
    t.check("no circle of includes between the modules of src/",
            find_cycles(edges) + ambiguous)
    for name, problems in layer_problems(edges, files).items():
        t.check(name, problems)
    long_files, long_functions = size_problems(root, files)
    t.check("meson puts no folder outside src/core on src/core's include path",
            meson_problems(root), args.strict)
    t.check(f"no file of src/ is over {FILE_MAX:,} lines", long_files, args.strict)
    t.check(f"no function of src/ is over {FUNCTION_MAX} lines", long_functions, args.strict)
    return t.done()


if __name__ == "__main__":
    sys.exit(main())
