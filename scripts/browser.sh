#!/usr/bin/env bash
# Leaves a headless browser for the run report's browser test: Debian's chromium and chromium-driver.
#
#   1. If `chromium` and `chromedriver` are on PATH and answer --version, nothing changes.
#   2. Otherwise, on Debian/Ubuntu as root: apt-get install chromium chromium-driver.
#
# Idempotent: a second run only checks, in well under a second. One line per action, with its duration.
# The test (junit-extension's RunReportBrowserTest) finds them on PATH, or through
# LATTICE_CHROMIUM and LATTICE_CHROMEDRIVER; without them it fails, naming this script.
set -euo pipefail

now_ms() { date +%s%3N; }
step_start=0
begin() { step_start=$(now_ms); }
done_line() { printf '[browser] %-60s %6d ms\n' "$1" "$(( $(now_ms) - step_start ))"; }
fail() { printf '[browser] ERROR: %s\n' "$1" >&2; exit 1; }

browser_answers() {
  command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1 \
    && chromium --version >/dev/null 2>&1 && chromedriver --version >/dev/null 2>&1
}

begin
if browser_answers; then
  done_line "chromium and chromedriver answer ($(chromium --version 2>/dev/null | awk '{print $2}'))"
  exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  fail "chromium and chromedriver are missing, and installing them needs root and apt-get. Install them by hand (sudo apt-get install -y chromium chromium-driver), or set LATTICE_CHROMIUM and LATTICE_CHROMEDRIVER to their paths."
fi
export DEBIAN_FRONTEND=noninteractive
begin
apt-get update -qq >/dev/null
done_line "apt-get update"
begin
apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null
done_line "installed chromium and chromium-driver with apt-get"
begin
browser_answers || fail "chromium or chromedriver was installed but does not answer --version; run 'chromium --version' to see why."
done_line "chromium and chromedriver answer ($(chromium --version 2>/dev/null | awk '{print $2}'))"
