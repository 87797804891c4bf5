#!/usr/bin/env bash
# Order completion benchmark (issue 3): the whole system started with `./mosaic up`, orders placed
# through the gateway at a steady rate (benchmarks/Mosaic.Bench.Orders, open model), then every order
# read back: placed -> Confirmed from the order's own timestamps (createdAt and the Confirmed entry
# of its history), how many were confirmed or cancelled, and the placing rate achieved.
# See benchmarks/README.md. Usage: benchmarks/orders/run.sh [| tee benchmarks/orders/results-DATE.txt]
#
# Tunables (environment): RATE (orders/s, 50), DURATION (measured s, 60), WARMUP (s of orders before,
# 10), SETTLE_RUN (s of orders at half the rate before that, not measured, so every service is past
# its JIT warm-up; 45, 0 to leave it out), CUSTOMERS (10: the gateway limits each user to 200 requests/s), PRODUCTS (20), STOCK (units per
# product, 1000000), SETTLE_TIMEOUT (s to wait for the last orders to finish, 120), MOSAIC_ENV
# (bench-orders), GATEWAY (http://127.0.0.1:8080, the manifest's gateway), QUIET_LIMIT (0.30 cores),
# BENCH_ARTIFACTS (/tmp/art-bench-msg); SKIP_UP=1 uses a system already running in MOSAIC_ENV
# (with ADMIN_EMAIL and ADMIN_PASSWORD of an admin there, or one is created with ./mosaic admin create).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=../lib.sh
source "$repo/benchmarks/lib.sh"
artifacts="${BENCH_ARTIFACTS:-/tmp/art-bench-msg}"
rate="${RATE:-50}"
duration="${DURATION:-60}"
warmup="${WARMUP:-10}"
settle_run="${SETTLE_RUN:-45}"
customers="${CUSTOMERS:-10}"
products="${PRODUCTS:-20}"
stock="${STOCK:-1000000}"
settle_timeout="${SETTLE_TIMEOUT:-120}"
env_name="${MOSAIC_ENV:-bench-orders}"
gateway="${GATEWAY:-http://127.0.0.1:8080}"
quiet_limit="${QUIET_LIMIT:-0.30}"
skip_up="${SKIP_UP:-0}"

work="$(mktemp -d /tmp/mosaic-orderbench.XXXXXX)"
started_at=$SECONDS
up_pid=""


cleanup() {
  local status=$?
  trap - EXIT INT TERM
  # The environment was this run's own: its databases hold nothing but benchmark orders.
  [[ -n "$up_pid" ]] && stop_mosaic_up "$env_name" "$up_pid"
  if [[ $status != 0 ]]; then
    say "run.sh: failed after $((SECONDS - started_at)) s; logs kept in $work" >&2
  else
    rm -rf "$work"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mosaic() { (cd "$repo" && ./mosaic "$@"); }

for tool in curl jq ss; do command -v "$tool" >/dev/null || die "needs $tool (apt-get install -y ${tool/ss/iproute2})."; done

section "Machine"
cpu_model="$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
mem_total="$(awk '/^MemTotal:/{printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
os_name="$(. /etc/os-release && echo "$PRETTY_NAME")"
dotnet_runtime="$(dotnet --list-runtimes | awk '/Microsoft.AspNetCore.App/{v=$2} END{print v}')"
bench_date="$(date -u '+%Y-%m-%d %H:%M UTC')"
commit="$(cd "$repo" && git rev-parse --short HEAD 2>/dev/null || echo unknown)"
dirty="$(cd "$repo" && git status --porcelain -- src 2>/dev/null | grep -q . && echo ", with uncommitted changes under src/" || true)"
load_start="$(cut -d' ' -f1-3 /proc/loadavg)"
read -r busy0 total0 < <(machine_ticks); sleep 2; read -r busy1 total1 < <(machine_ticks)
idle_busy=$(awk -v b=$((busy1 - busy0)) -v t=$((total1 - total0)) 'BEGIN{printf "%.0f", t ? 100*b/t : 0}')
say "date:        $bench_date, code at $commit$dirty"
say "cpus:        $(nproc) x $cpu_model"
say "memory:      $mem_total"
say "os:          $os_name, kernel $(uname -r)"
say ".NET:        SDK $(dotnet --version), ASP.NET Core runtime $dotnet_runtime"
say "load before: CPU ${idle_busy}% busy over 2 s, load average $load_start"
((idle_busy > 20)) && say "WARNING:     the machine is busy before the run started; figures will be noisy."

section "Build order-load (Release, into $artifacts)"
dotnet build "$repo/benchmarks/Mosaic.Bench.Orders" -c Release --artifacts-path "$artifacts" -nologo -v q -clp:ErrorsOnly >"$work/build.log" 2>&1 ||
  { cat "$work/build.log" >&2; die "the benchmark tool does not build."; }
order_load="$artifacts/bin/Mosaic.Bench.Orders/release/order-load.dll"
[[ -f "$order_load" ]] || die "built, but $order_load is missing."
say "built $order_load"

# ---------------------------------------------------------------------------------------------
# The system: ./mosaic up in a throwaway environment, or one already running (SKIP_UP=1)
# ---------------------------------------------------------------------------------------------

if [[ "$skip_up" != 1 ]]; then
  section "./mosaic up -e $env_name"
  for port in $(awk '/^ *(port|managementPort):/{print $2}' "$repo/mosaic.yaml"); do
    port_in_use "$port" && die "port $port (mosaic.yaml) is in use: a mosaic up is already running ('./mosaic status' says which environment). Stop it, or run with SKIP_UP=1 MOSAIC_ENV=<it>."
  done
  [[ -e "$repo/.mosaic/$env_name" ]] && die "$repo/.mosaic/$env_name exists from an earlier run; remove it (or pick MOSAIC_ENV) so the benchmark starts on fresh state."
  up_started=$SECONDS
  (cd "$repo" && exec ./mosaic up -e "$env_name" </dev/null >"$work/mosaic-up.log" 2>&1) &
  up_pid=$!
  # The first start builds every service in Release, so allow for that.
  deadline=$((SECONDS + 600))
  until mosaic status -e "$env_name" >/dev/null 2>&1; do
    kill -0 "$up_pid" 2>/dev/null || die "./mosaic up ended: $(tail -5 "$work/mosaic-up.log" | tr '\n' ' ' | cut -c1-500)"
    ((SECONDS > deadline)) && die "not all ready within 600 s: $(tail -5 "$work/mosaic-up.log" | tr '\n' ' ' | cut -c1-500)"
    sleep 1
  done
  say "all ready after $((SECONDS - up_started)) s (including the build)"
else
  section "Using the system running in '$env_name' (SKIP_UP=1)"
  mosaic status -e "$env_name" >/dev/null 2>&1 || die "nothing is ready in '$env_name': start it with ./mosaic up -e $env_name."
fi
status_json="$(mosaic status -e "$env_name" --json 2>/dev/null)"
jq -r '.[] | "  \(.service)-\(.instance) pid \(.pid)"' <<<"$status_json" 2>/dev/null || true
for service in orders payments payment-provider; do
  jq -e --arg s "$service" 'any(.[]; .service == $s)' <<<"$status_json" >/dev/null 2>&1 ||
    die "'$service' is not part of the running system; the order process needs orders, payments and payment-provider."
done

admin_email="${ADMIN_EMAIL:-bench-admin-$$@example.com}"
admin_password="${ADMIN_PASSWORD:-orders-bench-2026-secret}"
if [[ -z "${ADMIN_EMAIL:-}" ]]; then
  mosaic admin create "$admin_email" --password "$admin_password" -e "$env_name" >"$work/admin.log" 2>&1 ||
    die "./mosaic admin create failed: $(tail -3 "$work/admin.log" | tr '\n' ' ')"
  say "admin $admin_email created"
fi

# ---------------------------------------------------------------------------------------------
# The run, with each instance's CPU over it
# ---------------------------------------------------------------------------------------------

# Seven services start cold on two cores: until the JIT has tiered their hot paths up, the system costs
# several times its steady CPU per order and falls behind at the full rate, and a backlog built then is
# never worked off. So first a settling run at half the rate, not measured.
if (( settle_run > 0 )); then
  section "Settling: $((rate / 2)) orders/s for ${settle_run} s, not measured"
  DOTNET_gcServer=0 dotnet "$order_load" --gateway "$gateway" --admin-email "$admin_email" --admin-password "$admin_password" \
    --rate "$((rate / 2 > 0 ? rate / 2 : 1))" --duration "${settle_run}s" --warmup "0s" --customers "$customers" --products "$products" \
    --stock "$stock" --settle-timeout "${settle_timeout}s" >"$work/settling.txt" 2>&1 ||
    say "the settling run ended with $? (see $work/settling.txt); measuring anyway"
  say "$(grep '^RESULT ' "$work/settling.txt" | sed 's/^RESULT /settling: /' || true)"
fi

section "Orders: $rate/s for ${duration} s after ${warmup} s warm-up, through $gateway"
mapfile -t instances < <(jq -r '.[] | select(.pid != null) | "\(.service)-\(.instance) \(.pid)"' <<<"$status_json")
declare -A before_ticks
for entry in "${instances[@]}"; do before_ticks[$entry]=$(cpu_ticks "${entry##* }"); done
read -r busy_before _ < <(machine_ticks)
run_started=$(date +%s.%N)
set +e
DOTNET_gcServer=0 dotnet "$order_load" --gateway "$gateway" --admin-email "$admin_email" --admin-password "$admin_password" \
  --rate "$rate" --duration "${duration}s" --warmup "${warmup}s" --customers "$customers" --products "$products" \
  --stock "$stock" --settle-timeout "${settle_timeout}s" | tee "$work/order-load.txt"
load_status=${PIPESTATUS[0]}
set -e
elapsed=$(awk -v a="$run_started" -v b="$(date +%s.%N)" 'BEGIN{print b-a}')
read -r busy_after _ < <(machine_ticks)
cpu_report=""
services_ticks=0
for entry in "${instances[@]}"; do
  ticks=$(($(cpu_ticks "${entry##* }") - before_ticks[$entry]))
  services_ticks=$((services_ticks + ticks))
  cpu_report+="$(awk -v n="${entry% *}" -v t="$ticks" -v h="$clk_tck" -v e="$elapsed" 'BEGIN{printf "%s %.2f, ", n, t/h/e}')"
done
other=$(awk -v b=$((busy_after - busy_before)) -v s="$services_ticks" -v h="$clk_tck" -v e="$elapsed" 'BEGIN{o = (b - s)/h/e; printf "%.2f", o < 0 ? 0 : o}')
say "CPU in cores over the run (${elapsed%.*} s, placing and reading back): ${cpu_report%, }; everything else (order-load, other work) $other"

result="$(grep '^RESULT ' "$work/order-load.txt" || true)"
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$result"; }

section "Summary ($bench_date; $(nproc) x $cpu_model, $mem_total, $os_name, .NET $dotnet_runtime; run took $((SECONDS - started_at)) s)"
say "System: ./mosaic up -e $env_name (the instances of mosaic.yaml, embedded bus, SQLite); orders through the gateway,"
say "$customers customers in turn, one unit of one of $products products each, paymentToken tok_ok; load before: CPU ${idle_busy}% busy, load average $load_start."
if [[ -z "$result" ]]; then
  say "order-load produced no result (exit $load_status); see the output above."
  exit 1
fi
say "Placing: $(field achieved) orders/s achieved of $rate/s ($(field accepted) of $(field due) accepted)$([[ "$(field saturated)" == 1 ]] && echo '; SATURATED')"
say "Outcome: $(field confirmed) Confirmed, $(field cancelled) Cancelled, $(field unfinished) not finished within ${settle_timeout} s"
say "placed -> Confirmed (ms): p50 $(field p50_ms), p90 $(field p90_ms), p99 $(field p99_ms), max $(field max_ms)"
say "  of which placed -> AwaitingPayment p50 $(field reserve_p50_ms) / p99 $(field reserve_p99_ms), AwaitingPayment -> Confirmed p50 $(field pay_p50_ms) / p99 $(field pay_p99_ms)"
say "  POST /api/orders from its due time: p50 $(field post_p50_ms), p99 $(field post_p99_ms)"
say "CPU (cores): ${cpu_report%, }; other $other"
say ""
say "Goal: placed -> Confirmed p99 under 1 s at 50 orders/s -> $(awk -v p="$(field p99_ms)" -v r="$rate" -v c="$(field confirmed)" \
  'BEGIN{if (r + 0 < 50) print "not tested (rate below 50/s)"; else if (c + 0 == 0) print "NOT MET (nothing confirmed)"; else print (p + 0 < 1000) ? "MET" : "NOT MET"}') (p99 $(field p99_ms) ms at $(field achieved) orders/s)"
exit "$load_status"
