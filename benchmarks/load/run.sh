#!/usr/bin/env bash
# The load and failure lab's capacity goals (issue 7), measured with `./mosaic load` and `./mosaic chaos`
# against the whole system under `./mosaic up` on this machine, the generator included:
#   1. the shop mix through the gateway at RATE_MIX (1000) req/s: achieved rate and p99 (goal: p99 ≤ 50 ms);
#   2. order completion at 50 orders/s (goal: p99 ≤ 1 s);
#   3. the knee (p99 ≤ 100 ms, errors < 0.1 %) and its bottleneck service;
#   4. kill -9 of each service mid-load (goal: no order lost, steady again within 15 s);
#   5. twice the knee for 30 s from 1,000 connections, then the knee's half (goal: 503/429 shed with
#      Retry-After, goodput ≥ 80 % of the knee, normal again within 10 s of the overload ending).
# Prints every report and a summary. Usage: benchmarks/load/run.sh [| tee benchmarks/load/results-DATE.txt]
#
# Tunables (environment): MOSAIC_ENV (bench-load), RATE_MIX (1000), DURATION (s per measured run, 60), MIX_WARMUP (s at the mix rate before it, 30),
# KNEE_FROM / KNEE_STEP / KNEE_MAX (100 / 100 / 2000 req/s), KNEE_STEP_SECONDS (10), KILL_SERVICES
# (orders catalog payments identity gateway payment-provider), SKIP_UP=1 (use a system already running in MOSAIC_ENV),
# ONLY (a space-separated subset of: mix orders knee kill overload).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=../lib.sh
source "$repo/benchmarks/lib.sh"
env_name="${MOSAIC_ENV:-bench-load}"
rate_mix="${RATE_MIX:-1000}"
duration="${DURATION:-60}"
mix_warmup="${MIX_WARMUP:-30}"   # the capacity goal is the steady state; the cold start shows in the warm-up's line
knee_from="${KNEE_FROM:-100}"
knee_step="${KNEE_STEP:-100}"
knee_max="${KNEE_MAX:-2000}"
knee_seconds="${KNEE_STEP_SECONDS:-10}"
kill_services="${KILL_SERVICES:-orders catalog payments identity gateway payment-provider}"
only="${ONLY:-mix orders knee kill overload}"
skip_up="${SKIP_UP:-0}"
work="$(mktemp -d /tmp/mosaic-loadbench.XXXXXX)"
started_at=$SECONDS
up_pid=""

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  [[ -n "$up_pid" ]] && stop_mosaic_up "$env_name" "$up_pid"
  [[ $status == 0 ]] && rm -rf "$work" || say "run.sh: failed after $((SECONDS - started_at)) s; reports kept in $work" >&2
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mosaic() { (cd "$repo" && ./mosaic "$@"); }
wants() { [[ " $only " == *" $1 "* ]]; }
json() { jq -r "$2" "$work/$1/report.json"; }

machine_facts() {
  say "date:    $(date -u '+%Y-%m-%d %H:%M UTC')"
  say "machine: $(nproc) x $(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(awk '/^MemTotal:/{printf "%.1f GiB", $2/1048576}' /proc/meminfo), $(. /etc/os-release && echo "$PRETTY_NAME")"
  say "commit:  $(cd "$repo" && git rev-parse --short HEAD)$(cd "$repo" && git status --porcelain -- src | grep -q . && echo ' (with uncommitted changes in src/)')"
  say "load average before: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine spoils the numbers)"
}

section "Load and failure lab"
machine_facts

if [[ "$skip_up" != 1 ]]; then
  for port in 8080 7100 7300; do port_in_use "$port" && die "port $port is in use: is another mosaic up running? Stop it, or run with SKIP_UP=1 MOSAIC_ENV=its-environment."; done
  mosaic status -e "$env_name" >/dev/null 2>&1 || true # builds the command first, outside any timing
  (cd "$repo" && exec ./mosaic up -e "$env_name" </dev/null >"$work/up.log" 2>&1) &
  up_pid=$!
  deadline=$((SECONDS + 600))
  until mosaic status -e "$env_name" >/dev/null 2>&1; do
    ((SECONDS < deadline)) && kill -0 "$up_pid" 2>/dev/null || die "the system did not become ready: $(tail -3 "$work/up.log")"
    sleep 1
  done
fi

section "Warm-up (not measured): the shop mix at 200 req/s for 20 s"
mosaic load -e "$env_name" --rate 200 --duration 20s --settle 0 --output "$work/warmup" >/dev/null

if wants mix; then
  section "1. Shop mix at $rate_mix req/s for $duration s, after $mix_warmup s at that rate (reported apart)"
  mosaic load -e "$env_name" --rate "$rate_mix" --duration "${duration}s" --warmup "${mix_warmup}s" --settle 60 --output "$work/mix"
fi

if wants orders; then
  section "2. Order completion: orders only, 50 orders/s for $duration s"
  mosaic load -e "$env_name" --scenario "$repo/benchmarks/load/orders-only.yaml" --rate 50 --duration "${duration}s" --settle 120 --output "$work/orders"
fi

knee=""
if wants knee || wants overload; then
  section "3. The knee: from $knee_from req/s by $knee_step every $knee_seconds s up to $knee_max"
  mosaic load -e "$env_name" --find-knee --rate "$knee_from" --step "$knee_step" --step-duration "${knee_seconds}s" --max-rate "$knee_max" --settle 0 --output "$work/knee"
  knee="$(json knee '.knee.kneeRate // empty')"
fi

declare -A kill_result
if wants kill; then
  for service in $kill_services; do
    section "4. kill -9 $service at 15 s into 45 s of the shop mix at 50 req/s"
    mosaic chaos kill "$service" -e "$env_name" --rate 50 --duration 45s --fault-at 15s --settle 120 --output "$work/kill-$service" && held=held || held=BROKEN
    kill_result[$service]="invariants $held; $(jq -r '.recovery | if .secondsAfterFaultBegan == null then "not steady again within the run" else "steady again \(.secondsAfterFaultBegan) s after the kill" end' "$work/kill-$service/chaos.json"); orders accepted $(jq -r '.load.orders.accepted' "$work/kill-$service/chaos.json"), not terminal $(jq -r '.load.orders.notTerminal' "$work/kill-$service/chaos.json"); errors until recovered $(jq -r '.recovery.errorsUntilRecovered' "$work/kill-$service/chaos.json")"
  done
fi

if wants overload; then
  if [[ -z "$knee" ]]; then
    say "No knee was found, so the overload run is left out."
  else
    over=$((2 * ${knee%.*})); half=$((${knee%.*} / 2))
    section "5. Overload: twice the knee ($over req/s) for 30 s, then half the knee ($half req/s) for 30 s"
    # Many clients, not one pool of 64 connections: with few connections the excess waits in the
    # generator's own queue and the services never see the overload they are meant to shed.
    mosaic load -e "$env_name" --phases "$over:30s,$half:30s" --connections 1000 --settle 0 --output "$work/overload"
  fi
fi

section "Summary ($(date -u '+%Y-%m-%d %H:%M UTC'); run took $((SECONDS - started_at)) s; load average now $(cut -d' ' -f1-3 /proc/loadavg))"
if wants mix; then
  say "1. shop mix offered $rate_mix req/s: achieved $(json mix .totals.achievedRate) req/s, p50 $(json mix .latency.p50) ms, p99 $(json mix .latency.p99) ms, errors $(json mix .totals.errorRate), dropped $(json mix .totals.dropped)" \
      "-> $(jq -r --argjson r "$rate_mix" 'if (.totals.achievedRate >= $r * 0.99 and .latency.p99 <= 50) then "MET" else "NOT MET" end' "$work/mix/report.json")"
  say "   per service during it (CPU cores / own mean latency ms): $(json mix '[.phases[0].services[] | "\(.service) \(.cpuCores)/\(.meanLatencyMs)"] | join(", ")')"
fi
if wants orders; then
  say "2. orders at 50/s: accepted $(json orders .orders.accepted), confirmed $(json orders .orders.confirmed), not terminal $(json orders .orders.notTerminal); completion p50 $(json orders .orders.completion.p50) ms, p99 $(json orders .orders.completion.p99) ms" \
      "-> $(jq -r 'if (.orders.completion.p99 <= 1000 and .orders.notTerminal == 0) then "MET" else "NOT MET" end' "$work/orders/report.json")"
fi
if [[ -n "$knee" ]] || wants knee; then
  say "3. knee: $(json knee '.knee | "\(.kneeRate // "none") req/s met p99 ≤ \(.sloP99Ms) ms and errors < \(.sloErrorRate); \(.firstFailingRate // "no") req/s broke it (\(.failedBecause // "-")); bottleneck \(.bottleneck // "-"): \(.bottleneckReason // "-")"')"
fi
if wants kill; then
  for service in $kill_services; do say "4. kill -9 $service: ${kill_result[$service]}"; done
fi
if wants overload && [[ -n "$knee" ]]; then
  say "5. overload at $over req/s: $(json overload '.phases[0] | "goodput \(.achievedRate) req/s, errors \(.errorRate), p99 \(.latency.p99) ms"'), shed (429/503 + Retry-After) $(json overload .totals.shed) of $(json overload .totals.failed) errors, errors by kind $(json overload '.errorsByKind | to_entries | map("\(.key) \(.value)") | join(", ")')"
  say "   goodput ≥ 80 % of the knee ($knee): $(jq -r --argjson k "$knee" 'if .phases[0].achievedRate >= 0.8 * $k then "MET" else "NOT MET" end' "$work/overload/report.json")"
  say "   after the overload, the first second from which p99 stayed ≤ 100 ms and errors < 1 %: $(jq -r '[.seconds[] | select(.second >= 30)] as $s | ([range(0; $s|length)] | map(select(. as $i | all($s[$i:][]; .p99 <= 100 and .failed <= 0.01 * (.sent + 0.0001)))) | first) as $i | if $i == null then "never within the run" else "\($i) s after it ended" end' "$work/overload/report.json")"
fi
