#!/usr/bin/env bash
# Installs ical.js (an independent iCalendar parser, Mozilla's, used by
# Thunderbird) from package-lock.json into tests/ical/node_modules when it
# is missing or stale (npm ci; the only download), as tests/browser does.
# Run by tests/api/test_calendar_feed.py before it parses a feed with
# parse.mjs. Exits non-zero, with the reason on stderr, when it cannot.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
command -v node >/dev/null || { echo "node is missing" >&2; exit 1; }
if ! cmp -s "$here/package-lock.json" "$here/node_modules/.package-lock.json.copy" 2>/dev/null ||
   [ ! -d "$here/node_modules/ical.js" ]; then
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error >/dev/null 2>&1) ||
    { echo "npm ci in tests/ical failed" >&2; exit 1; }
  cp "$here/package-lock.json" "$here/node_modules/.package-lock.json.copy"
fi
