#!/usr/bin/env bash
# The Digital Post messages genop writes, checked by tools that are not
# genop's: xmllint (libxml2-utils) validates each against the MeMo schema
# copied into data/memo, reads its fields back with XPath, and coreutils'
# base64 decodes the letter, which must be the PDF byte for byte.
#
#   tests/memo/test_memo_xmllint.sh BUILD
#
# BUILD/tests/memo_sample writes the messages (memo.h) through the spool
# (spool.h); see tests/memo/memo_sample.c for the four it writes. TAP
# output; exits 1 if any check fails.
set -uo pipefail
cd "$(dirname "$0")/../.."

build=${1:?usage: tests/memo/test_memo_xmllint.sh BUILD}
schema=data/memo/MeMo_core.xsd
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; }
check() { local what=$1; shift; if "$@" >"$work/out" 2>&1; then ok "$what"; else not_ok "$what"; sed 's/^/#   /' "$work/out"; fi; }
# The string value of an XPath expression in a file (MeMo's namespace is
# the default one, so elements are matched by local name).
field() { xmllint --xpath "string(//*[local-name()='$2'])" "$1"; }

if ! command -v xmllint >/dev/null; then
  not_ok "xmllint is installed (libxml2-utils, scripts/setup.sh)"
  echo "1..$n"; exit 1
fi

if ! "$build/tests/memo_sample" "$work" >"$work/uuids" 2>"$work/err"; then
  not_ok "memo_sample writes its messages"; sed 's/^/#   /' "$work/err"
  echo "1..$n"; exit 1
fi
ok "memo_sample writes its messages"

new="$work/spool/new"
check "four messages in new/" test "$(find "$new" -type f -name '*.xml' | wc -l)" -eq 4
check "nothing left in tmp/" test "$(find "$work/spool/tmp" -type f | wc -l)" -eq 0

i=0
while read -r uuid; do
  i=$((i + 1))
  msg="$new/$uuid.xml"
  echo "# message $i: $uuid.xml"
  check "message $i validates against $schema" xmllint --noout --nonet --schema "$schema" "$msg"
  check "message $i is named by the UUID it carries" test "$(field "$msg" messageUUID)" = "$uuid"
  check "message $i: the letter is the PDF, byte for byte" \
    bash -c "set -o pipefail; xmllint --xpath \"string(//*[local-name()='content'])\" '$msg' | base64 -d | cmp - '$work/pdf/$uuid.pdf'"
done <"$work/uuids"

first=$(head -n 1 "$work/uuids")
msg="$new/$first.xml"
check "the recipient's name with æ, ø and å intact" \
  test "$(xmllint --xpath "string(//*[local-name()='Recipient']/*[local-name()='label'])" "$msg")" = "Søren Åberg Ærø"
check "the recipient is the CPR number's ten digits" \
  test "$(field "$msg" recipientID)" = "0101901234"
check "the sender is the (test) CVR number" test "$(field "$msg" senderID)" = "12345678"
check "the time is in UTC" test "$(field "$msg" createdDateTime)" = "2027-05-03T08:30:00Z"

second=$(sed -n 2p "$work/uuids")
check "XML's special characters come back as written" \
  test "$(field "$new/$second.xml" caseID)" = "Sag 42 <genoptræning>"

# The schema check can fail: the same messages, broken, are refused.
sed 's|<messageType>DIGITALPOST|<messageType>BREV|' "$msg" >"$work/broken1.xml"
check "xmllint refuses an unknown message type" bash -c "! xmllint --noout --nonet --schema '$schema' '$work/broken1.xml'"
sed 's|<idType>CPR</idType>||' "$msg" >"$work/broken2.xml"
check "xmllint refuses a recipient without its id type" bash -c "! xmllint --noout --nonet --schema '$schema' '$work/broken2.xml'"
third=$(sed -n 3p "$work/uuids")
sed 's|<label>æ|<label>ææ|' "$new/$third.xml" >"$work/broken3.xml"
check "xmllint refuses a title of 257 characters" bash -c "! xmllint --noout --nonet --schema '$schema' '$work/broken3.xml'"

echo "1..$n"
[ "$failed" -eq 0 ]
