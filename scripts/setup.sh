#!/usr/bin/env bash
# Installs the Debian 12 packages genop needs to build, test and run, but
# only those that are missing, so that `make` on a machine that already has
# them never touches apt. Runs as root (or with sudo when available).
set -euo pipefail

packages=(
  build-essential pkg-config meson ninja-build
  clang libclang-rt-14-dev
  libfyaml-dev libjansson-dev libyajl-dev libcmocka-dev
  libsqlite3-dev libmicrohttpd-dev libsodium-dev
  libxml2-dev        # Digital Post's MeMo messages (src/letters/memo.c)
  libxml2-utils      # tests/memo: xmllint checks them against data/memo
  libcairo2-dev libpango1.0-dev libfontconfig-dev  # letters as PDF (src/letters)
  libical-dev        # the therapists' calendar feeds as iCalendar (src/casework/calendar/feed_ics.c)
  libxlsxwriter-dev  # genop report --format xlsx and GET /api/v1/report.xlsx (src/casework/report/report_xlsx.c)
  python3-openpyxl   # tests/cli: the report's workbook read back by an independent reader
  fonts-liberation2  # the letters' typeface, embedded in every PDF
  poppler-utils      # tests/letters: PDFs read back with pdftotext, pdffonts
  time
  wrk                # make bench: the API under load (bench/api.sh)
  python3            # tests/cli/test_cli.sh checks JSON output with it
  chromium           # tests/browser: the web app in a real (headless) browser
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "setup: installing ${missing[*]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo_cmd=(sudo)
  else
    echo "setup: these packages are missing and I am not root: ${missing[*]}" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
