#!/usr/bin/env bash
# Runs every test of Mosaic on a fresh machine: restores, builds, runs the unit, service, gateway,
# CLI, architecture and end-to-end tests, and ends with one line: "tests: N passed, N failed".
# Needs only the .NET 10 SDK for the embedded profile.
set -uo pipefail
cd "$(dirname "$0")"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET 10 SDK is missing: install it (https://dotnet.microsoft.com/download) and run ./test.sh again."
  exit 1
fi

results="$(mktemp -d -t mosaic-tests-XXXXXX)"
trap 'rm -rf "$results"' EXIT

# One test process per project, at most two at a time (this is sized for a 2-core machine); a test
# that hangs is stopped with a dump after five minutes instead of holding the run forever.
timeout 40m dotnet test Mosaic.slnx \
  --nologo \
  --logger "trx;LogFilePrefix=mosaic" \
  --logger "console;verbosity=normal" \
  --results-directory "$results" \
  --blame-hang-timeout 5m \
  -maxcpucount:2 \
  "$@"
status=$?

passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters="$(grep -o '<Counters [^>]*>' "$trx")"
  total=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
  executed=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + total - executed))
done

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "dotnet test exited with $status without a failed test: the build or a test host failed (see above)."
  failed=1
fi

if [ "$skipped" -gt 0 ]; then
  echo "tests: $passed passed, $failed failed, $skipped skipped"
else
  echo "tests: $passed passed, $failed failed"
fi
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
