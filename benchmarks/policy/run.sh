#!/usr/bin/env bash
# Policy and mutual TLS benchmark (issue 5): the policy decision alone with BenchmarkDotNet (goal: under
# 1 µs, no allocation), then one service-to-service hop through the platform's internal client at a
# fixed rate with pooled connections, plain HTTP against mutual TLS + policy on both ends, alternating
# for several rounds (goal: at most 0.3 ms added at p99). Everything runs in one process on loopback.
# Usage: benchmarks/policy/run.sh [| tee benchmarks/policy/results-DATE.txt]
#
# Tunables (environment): RATE (req/s, 500), DURATION (s per measured run, 20), WARMUP (s, 5), ROUNDS (5),
# BENCH_ARTIFACTS (/tmp/art-bench-policy), SKIP_DECISION=1 leaves out BenchmarkDotNet.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
artifacts="${BENCH_ARTIFACTS:-/tmp/art-bench-policy}"
bench="$artifacts/bin/Mosaic.Bench.Policy/release/policy-bench"

echo "# policy benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, $(git -C "$repo" rev-parse --short HEAD)$(git -C "$repo" status --porcelain -- src | grep -q . && echo ' (with uncommitted changes in src/)')"
echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet build "$repo/benchmarks/Mosaic.Bench.Policy" -c Release --artifacts-path "$artifacts" -nologo -v q >/dev/null

if [[ "${SKIP_DECISION:-0}" != 1 ]]; then
  echo "## The policy decision alone (BenchmarkDotNet, shop policy)"
  (cd "$repo" && "$bench" decision --filter '*' --inProcess --artifacts "$artifacts/bdn" 2>&1) \
    | sed -n '/^| *Method/,/^$/p;/^|/p' | awk '!seen[$0]++'
fi

echo "## One hop: plain HTTP against mutual TLS + policy"
(cd "$repo" && "$bench" hop "${RATE:-500}" "${DURATION:-20}" "${WARMUP:-5}" "${ROUNDS:-5}")
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
