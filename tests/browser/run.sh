#!/usr/bin/env bash
# Browser tests of the staff web application, printed as TAP.
#
#   tests/browser/run.sh PATH/TO/genop
#
# Installs playwright-core and axe-core from package-lock.json into
# tests/browser/node_modules when they are missing (npm ci; nothing is
# downloaded but those two packages: the browser is Debian's chromium,
# /usr/bin/chromium, installed by scripts/setup.sh), makes a fresh
# database with users of two municipalities (genop user add), starts
# `genop serve` on a free loopback port with the source tree's web/,
# and runs test.mjs, which seeds cases through the API and drives
# headless chromium. Rødovre gets a (test) sender in Digital Post. A second genop serve runs on `genop demo --db`'s
# database, whose printed visitator logins test.mjs uses too. test.mjs
# gets the binary as GENOP_BIN, for `genop calendar` (workdays).
# Screenshots go to tests/browser/screenshots/.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
genop=$(cd "$(dirname "${1:?usage: tests/browser/run.sh PATH/TO/genop}")" && pwd)/$(basename "$1")

bail() {
  echo "not ok 1 - browser test setup: $*"
  echo "1..1"
  exit 1
}

[ -x /usr/bin/chromium ] || bail "/usr/bin/chromium is missing (scripts/setup.sh installs Debian's chromium)"
command -v node >/dev/null || bail "node is missing"
[ -x "$genop" ] || bail "$genop is not an executable"

# npm ci when node_modules does not match package-lock.json.
if ! cmp -s "$here/package-lock.json" "$here/node_modules/.package-lock.json.copy" 2>/dev/null ||
   [ ! -d "$here/node_modules/playwright-core" ] || [ ! -d "$here/node_modules/axe-core" ]; then
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error >/dev/null 2>&1) ||
    bail "npm ci in tests/browser failed"
  cp "$here/package-lock.json" "$here/node_modules/.package-lock.json.copy"
fi

work=$(mktemp -d /tmp/genop-browser-XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null
      wait "$pid" 2>/dev/null
    fi
  done
  rm -rf "$work"
}
trap cleanup EXIT

password="korrekt-hest-batteri"
add_user() {   # municipality role username
  printf '%s\n' "$password" | "$genop" user add --db "$work/genop.db" --municipality "$1" \
    --role "$2" "$3" >/dev/null 2>"$work/user.err" || bail "genop user add $3: $(cat "$work/user.err")"
}
for role in visitator terapeut leder admin; do
  add_user rodovre "$role" "rod.$role"
done
add_user rodovre terapeut rod.terapeut2
add_user aalborg visitator aal.visitator
# booking.mjs's own users ("Book tid"), in Skive, which no other test uses here.
add_user skive visitator book.visitator
add_user skive leder book.leder
add_user skive terapeut book.terapeut
add_user skive terapeut book.terapeut2
# Rødovre's sender in Digital Post (a test CVR number, as the demo's), so
# letters.mjs can send by Digital Post; the MeMo messages go to the spool
# beside the database ($work/genop.db.digital-post).
"$genop" digital-post sender --db "$work/genop.db" --municipality rodovre --cvr 12345678 --test \
  >/dev/null 2>"$work/dp.err" || bail "genop digital-post sender: $(cat "$work/dp.err")"

# Starts genop serve on database $1 and a free port; sets $port.
serve() {
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  "$genop" serve --db "$1" --listen "127.0.0.1:$port" --web "$root/web" \
    >"$1.out" 2>"$1.err" &
  local pid=$!
  pids+=("$pid")
  for _ in $(seq 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return; fi
    kill -0 "$pid" 2>/dev/null || bail "genop serve exited: $(cat "$1.err")"
    sleep 0.05
  done
  bail "genop serve did not answer on port $port within 5 seconds"
}
serve "$work/genop.db"
url="http://127.0.0.1:$port"

# The demo database, and the visitators' logins it prints once.
"$genop" demo --db "$work/demo.db" >"$work/demo.out" 2>"$work/demo.err" ||
  bail "genop demo --db: $(cat "$work/demo.err")"
demo_logins=$(awk '$2 == "visitator" && $1 ~ /^visitator\./ { printf "%s%s:%s", sep, $1, $NF; sep = "," }' "$work/demo.out")
# And the first terapeut's login of each municipality ("Min kalender", calendar.mjs).
demo_therapists=$(awk '$2 == "terapeut" && $1 ~ /^terapeut\./ { printf "%s%s:%s", sep, $1, $NF; sep = "," }' "$work/demo.out")
# And each municipality's leder (Ledelsesinformation, ledelse.mjs).
demo_leders=$(awk '$2 == "leder" && $1 ~ /^leder\./ { printf "%s%s:%s", sep, $1, $NF; sep = "," }' "$work/demo.out")
serve "$work/demo.db"
demo_url="http://127.0.0.1:$port"

mkdir -p "$here/screenshots"
GENOP_URL="$url" GENOP_PASSWORD="$password" GENOP_DEMO_URL="$demo_url" GENOP_DEMO_LOGINS="$demo_logins" \
  GENOP_DEMO_THERAPISTS="$demo_therapists" GENOP_DEMO_LEDERS="$demo_leders" GENOP_BIN="$genop" node "$here/test.mjs"
rc=$?
exit $rc
