#!/usr/bin/env bash
# Lints docs/openapi.yaml as OpenAPI 3.1 with an independent linter,
# printed as TAP (one test).
#
#   tests/openapi/run.sh
#
# Installs @redocly/cli from package-lock.json into tests/openapi/node_modules
# when it is missing (npm ci; the only download), then runs `redocly lint`
# with the rules of tests/openapi/redocly.yaml. The lint itself needs no
# network: usage data (telemetry) and the check for a newer version are off.
# "ok" only when the linter finds nothing at all: no error, no warning, and
# nothing hidden by an ignore file. Each problem is printed as a TAP comment
# with its line and rule.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
doc="$root/docs/openapi.yaml"
name="openapi lint: docs/openapi.yaml is valid OpenAPI 3.1 with no warning"

bail() {
  echo "not ok 1 - $name (setup: $*)"
  echo "1..1"
  exit 1
}

command -v node >/dev/null || bail "node is missing"
# @redocly/cli 2 runs on Node.js 20.19 or later (package.json's engines).
node -e 'const [a, b] = process.versions.node.split(".").map(Number);
         process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)' ||
  bail "node $(node --version) is older than 20.19, which @redocly/cli needs"

# npm ci when node_modules does not match package-lock.json.
if ! cmp -s "$here/package-lock.json" "$here/node_modules/.package-lock.json.copy" 2>/dev/null ||
   [ ! -f "$here/node_modules/@redocly/cli/bin/cli.js" ]; then
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error >/dev/null 2>&1) ||
    bail "npm ci in tests/openapi failed"
  cp "$here/package-lock.json" "$here/node_modules/.package-lock.json.copy"
fi

work=$(mktemp -d /tmp/genop-openapi-XXXXXX)
trap 'rm -rf "$work"' EXIT

# The JSON report goes to stdout; the progress lines (and, on Node.js 20, a
# notice that Redocly's next releases want Node.js 22) go to stderr.
REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true NO_COLOR=1 \
  node "$here/node_modules/@redocly/cli/bin/cli.js" lint \
  --config "$here/redocly.yaml" --lint-config=error --format=json \
  "$doc" >"$work/report.json" 2>"$work/stderr"
rc=$?

# Prints "# LINE:COL SEVERITY RULE MESSAGE" for each problem, then
# "errors warnings ignored"; fails when the report cannot be read.
if ! totals=$(python3 - "$work/report.json" 2>/dev/null <<'EOF'
import json, sys
report = json.load(open(sys.argv[1], encoding="utf-8"))
for p in report["problems"]:
    loc = (p.get("location") or [{}])[0]
    start = loc.get("start", {})
    print(f"# docs/openapi.yaml:{start.get('line', '?')}:{start.get('col', '?')} "
          f"{p['severity']} {p['ruleId']}: {p['message']}")
t = report["totals"]
print(t["errors"], t["warnings"], t["ignored"])
EOF
); then
  # Redocly's own words on what went wrong, without its framed notices.
  grep -v -e '^[[:space:]]*$' -e '[║╔╚]' "$work/stderr" | sed 's/^/# /'
  echo "not ok 1 - $name (redocly lint exited with status $rc and no readable report)"
  echo "1..1"
  exit 1
fi

printf '%s\n' "$totals" | sed '$d'
read -r errors warnings ignored <<<"$(printf '%s\n' "$totals" | tail -n 1)"
if [ "$rc" -eq 0 ] && [ "$errors" -eq 0 ] && [ "$warnings" -eq 0 ] && [ "$ignored" -eq 0 ]; then
  echo "ok 1 - $name"
else
  echo "not ok 1 - $name ($errors errors, $warnings warnings, $ignored ignored; redocly lint exited with status $rc)"
  echo "1..1"
  exit 1
fi
echo "1..1"
