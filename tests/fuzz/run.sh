#!/usr/bin/env bash
# Runs each libFuzzer target for SECONDS over its checked-in corpus (in a
# scratch copy, so the checked-in corpus only changes by hand) and prints
# TAP: one test per target.
#   tests/fuzz/run.sh FUZZ_BUILD SECONDS
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:?usage: run.sh FUZZ_BUILD SECONDS}
seconds=${2:-10}
n=0
for target in standard case request json_members; do
  n=$((n + 1))
  bin=$build/tests/fuzz/fuzz_$target
  work=$(mktemp -d)
  cp "$here/corpus/$target/"* "$work/"
  if [ "$target" = standard ]; then cp "$here/../../standards/"*.yaml "$work/"; fi
  log=$(mktemp)
  if "$bin" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
       -artifact_prefix="$work/" "$work" >"$log" 2>&1; then
    echo "ok $n - fuzz_$target ran ${seconds}s: $(grep -oE 'Done [0-9]+ runs' "$log" | tail -1)"
  else
    echo "not ok $n - fuzz_$target found a failure"
    tail -40 "$log" | sed 's/^/#   /'
    ls "$work"/crash-* "$work"/leak-* "$work"/timeout-* 2>/dev/null | sed 's/^/#   artifact: /'
    mkdir -p "$here/work" && cp "$work"/crash-* "$work"/leak-* "$work"/timeout-* "$here/work/" 2>/dev/null
  fi
  rm -rf "$work" "$log"
done
echo "1..$n"
