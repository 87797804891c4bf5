#!/usr/bin/env bash
# RabbitMQ benchmark (issue 4): on one broker in one run, the plain RabbitMQ.Client (publisher confirms,
# manual acks; `messaging-bench raw`) against Mosaic's outbox -> RabbitMQ -> inbox path between two
# services on PostgreSQL (benchmarks/messaging/run.sh with PROFILE=production).
#   1. raw, flat out: one connection publishes persistent messages with confirms, RAW_WINDOW in flight;
#      a second consumes with manual acks, prefetch RAW_PREFETCH; published/s and consumed/s in one window.
#   2. raw at RATE/s: publish-to-handle latency (send to ack).
#   3. Mosaic, flat out (BATCH events per transaction) and at RATE/s (one per transaction): the same figures.
# Goals: Mosaic >= 5,000 events/s end to end and >= half the raw client's; p99 publish-to-handle < 50 ms at 1,000/s.
# See benchmarks/README.md. Usage: benchmarks/rabbitmq/run.sh [| tee benchmarks/rabbitmq/results-DATE.txt]
#
# Servers: MOSAIC_BENCH_POSTGRES (a superuser's Npgsql connection string) and MOSAIC_BENCH_RABBITMQ (an
# amqp:// URI) when both are set; otherwise the private servers of environment `bench`, started with
# `./mosaic servers start` on PRIVATE_POSTGRES_PORT (58432) and PRIVATE_RABBITMQ_PORT (58672) and stopped
# at the end. Each run gets two fresh databases, dropped at the end.
# Tunables (environment): DURATION (measured s per run, 20), WARMUP (s before each, 5), RATE (1000),
# PAYLOAD_BYTES (256), RAW_WINDOW (512), RAW_PREFETCH (256), BATCH (20), RATE_WRITERS (16: on PostgreSQL
# every commit waits for its WAL flush, so 4 writers of one-event transactions cannot offer 1,000/s),
# CONSUMER_CONCURRENCY (the platform default, 32), DRAIN_TIMEOUT (s, 300), QUIET_LIMIT (0.30 cores),
# BENCH_ARTIFACTS (/tmp/art-bench-rmq); SKIP_RAW=1 / SKIP_MOSAIC=1 leave a part out.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=../lib.sh
source "$repo/benchmarks/lib.sh"
export BENCH_ARTIFACTS="${BENCH_ARTIFACTS:-/tmp/art-bench-rmq}"
export RATE_WRITERS="${RATE_WRITERS:-16}"
duration="${DURATION:-20}"
warmup="${WARMUP:-5}"
rate="${RATE:-1000}"
payload_bytes="${PAYLOAD_BYTES:-256}"
raw_window="${RAW_WINDOW:-512}"
raw_prefetch="${RAW_PREFETCH:-256}"
drain_timeout="${DRAIN_TIMEOUT:-300}"
quiet_limit="${QUIET_LIMIT:-0.30}"
private_postgres_port="${PRIVATE_POSTGRES_PORT:-58432}"
private_rabbitmq_port="${PRIVATE_RABBITMQ_PORT:-58672}"
environment=bench

work="$(mktemp -d /tmp/mosaic-rmqbench.XXXXXX)"
chmod 700 "$work" # the services' environment file holds the connection strings
started_at=$SECONDS
started_servers=0
declare -a databases=()

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  # The benchmark's databases go with it, on whichever server they were made.
  for db in "${databases[@]}"; do psql_admin -qc "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" >/dev/null 2>&1 || true; done
  if ((started_servers)); then
    (cd "$repo" && timeout 120 ./mosaic servers stop --environment "$environment" >"$work/servers-stop.log" 2>&1) ||
      say "run.sh: could not stop the private servers ($(tail -1 "$work/servers-stop.log")); stop them with ./mosaic servers stop --environment $environment." >&2
  fi
  if [[ $status != 0 ]]; then
    say "run.sh: failed after $((SECONDS - started_at)) s; logs kept in $work" >&2
  else
    rm -rf "$work"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------

# npgsql_field KEY...: a field of $MOSAIC_BENCH_POSTGRES (keys compared without case, the first match).
npgsql_field() {
  local keys=" ${*,,} "
  tr ';' '\n' <<<"$MOSAIC_BENCH_POSTGRES" | while IFS='=' read -r key value; do
    key="$(tr -d ' ' <<<"${key,,}")"
    [[ -n "$key" && "$keys" == *" $key "* ]] && { printf '%s' "$value"; break; }
  done
}
# psql_admin ARGS...: psql as the superuser; the password travels in the environment, not the command line.
psql_admin() {
  PGPASSWORD="$(npgsql_field password)" PGCONNECT_TIMEOUT=10 psql -X -v ON_ERROR_STOP=1 -h "$pg_host" -p "$pg_port" -U "$pg_user" -d postgres "$@"
}
# listener_pid PORT: the process listening on a local TCP port (the server's main process), or nothing.
listener_pid() { ss -ltnpH "sport = :$1" 2>/dev/null | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2 || true; }

# children_seconds: user+system CPU seconds of every child this shell has waited for (bash's `times`,
# second line), read in this shell: in a $(...) subshell it would count the subshell's children only.
children_seconds() {
  times >"$work/times"
  children_cpu=$(tail -1 "$work/times" | awk '{n = 0; for (i = 1; i <= 2; i++) {split($i, a, "m"); n += a[1] * 60 + a[2]} print n}')
}

# measure_raw NAME ARGS...: one `messaging-bench raw` run; fills res[NAME] (its JSON) and res[NAME/cpu]:
# cores used by the client (publisher and consumer in one process), the broker and everything else.
declare -A res
measure_raw() {
  local name=$1 status=0 busy0 busy1 broker0=0 broker1=0 t0 client0 elapsed
  shift
  read -r busy0 _ < <(machine_ticks)
  [[ -n "$broker_pid" ]] && broker0=$(tree_ticks "$broker_pid")
  t0=$(date +%s.%N)
  children_seconds
  client0=$children_cpu
  MOSAIC_BENCH_RABBITMQ="$MOSAIC_BENCH_RABBITMQ" DOTNET_gcServer=0 \
    timeout --kill-after=10 $((${warmup%.*} + ${duration%.*} + ${drain_timeout%.*} + 60)) \
    dotnet "$dll" raw --warmup "$warmup" --duration "$duration" --window "$raw_window" --prefetch "$raw_prefetch" \
    --payload-bytes "$payload_bytes" --drain-timeout "$drain_timeout" "$@" >"$work/$name.json" 2>"$work/$name.err" || status=$?
  children_seconds
  elapsed=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN{print b-a}')
  read -r busy1 _ < <(machine_ticks)
  [[ -n "$broker_pid" ]] && broker1=$(tree_ticks "$broker_pid")
  ((status == 0)) || { cat "$work/$name.err" >&2; die "the raw $name run failed (exit $status)."; }
  res[$name]="$(<"$work/$name.json")"
  read -r res[$name/client] res[$name/broker] res[$name/other] < <(awk -v c="$(awk -v a="$client0" -v b="$children_cpu" 'BEGIN{print b-a}')" \
    -v b=$((broker1 - broker0)) -v m=$((busy1 - busy0)) -v h="$clk_tck" -v e="$elapsed" \
    'BEGIN{o = m/h - b/h - c; if (o < 0) o = 0; printf "%.2f %.2f %.2f\n", c/e, b/h/e, o/e}')
  res[$name/cpu]="client ${res[$name/client]}, broker ${res[$name/broker]}, other ${res[$name/other]}"
}
r() { jq -r "$2" <<<"${res[$1]}"; } # r KEY JQ: a field of a recorded JSON answer

# ---------------------------------------------------------------------------------------------
# Machine and servers
# ---------------------------------------------------------------------------------------------

for tool in curl jq ss psql; do command -v "$tool" >/dev/null || die "needs $tool (apt-get install -y ${tool/ss/iproute2}; psql is in postgresql-client)."; done

section "Machine"
machine_facts
say "date:        $bench_date, code at $commit$dirty"
say "cpus:        $(nproc) x $cpu_model"
say "memory:      $mem_total"
say "os:          $os_name, kernel $(uname -r)"
say ".NET:        SDK $(dotnet --version), ASP.NET Core runtime $dotnet_runtime, DOTNET_gcServer=0 (as mosaic up starts services)"
say "load before: CPU ${idle_busy}% busy over 2 s, load average $load_start"
((idle_busy > 20)) && say "WARNING:     the machine is busy before the run started; figures will be low and noisy."

section "Servers"
if [[ -n "${MOSAIC_BENCH_POSTGRES:-}" && -n "${MOSAIC_BENCH_RABBITMQ:-}" ]]; then
  servers_origin="configured (MOSAIC_BENCH_POSTGRES, MOSAIC_BENCH_RABBITMQ)"
elif [[ -n "${MOSAIC_BENCH_POSTGRES:-}${MOSAIC_BENCH_RABBITMQ:-}" ]]; then
  die "set both MOSAIC_BENCH_POSTGRES and MOSAIC_BENCH_RABBITMQ, or neither (then the private servers of environment $environment are used)."
else
  servers_origin="private, environment $environment, started and stopped by this script"
  started_servers=1
  (cd "$repo" && timeout 300 ./mosaic servers start --environment "$environment" \
    --postgres-port "$private_postgres_port" --rabbitmq-port "$private_rabbitmq_port") >"$work/servers-start.log" 2>&1 ||
    { cat "$work/servers-start.log" >&2; die "the private servers did not start."; }
  sed 's/^/  /' "$work/servers-start.log"
  # The administrator credentials, into this script's environment only (never printed).
  eval "$(cd "$repo" && ./mosaic servers env --environment "$environment")"
  MOSAIC_BENCH_POSTGRES="$MOSAIC_TEST_POSTGRES" MOSAIC_BENCH_RABBITMQ="$MOSAIC_TEST_RABBITMQ"
  unset MOSAIC_TEST_POSTGRES MOSAIC_TEST_RABBITMQ
fi
pg_host="$(npgsql_field host server)" pg_port="$(npgsql_field port)" pg_user="$(npgsql_field username 'user id' userid user)"
pg_host="${pg_host:-127.0.0.1}" pg_port="${pg_port:-5432}"
rmq_port="$(sed -E 's#^amqps?://([^@/]*@)?[^:/]*:?([0-9]*).*#\2#' <<<"$MOSAIC_BENCH_RABBITMQ")"
rmq_port="${rmq_port:-5672}"
pg_version="$(psql_admin -tAc 'show server_version')" || die "cannot connect to PostgreSQL at $pg_host:$pg_port as $pg_user; check MOSAIC_BENCH_POSTGRES."
pg_settings="$(psql_admin -tAc "select string_agg(name || '=' || setting, ', ' order by name) from pg_settings where name in ('synchronous_commit', 'fsync', 'shared_buffers', 'max_connections')")"
# The servers' main processes, for their CPU figures: only when they run on this machine.
broker_pid="$(listener_pid "$rmq_port")" postgres_pid="$(listener_pid "$pg_port")"
say "servers:     $servers_origin"
say "PostgreSQL:  $pg_version at $pg_host:$pg_port ($pg_settings)${postgres_pid:+; pid $postgres_pid}"
say "RabbitMQ:    $(sed -E 's#^(amqps?://)[^@/]*@#\1#' <<<"$MOSAIC_BENCH_RABBITMQ")${broker_pid:+; pid $broker_pid}"
[[ -z "$broker_pid" ]] && say "             (not on this machine, or not visible: its CPU is counted as other work)"

section "Build (Release, into $BENCH_ARTIFACTS)"
dotnet build "$repo/benchmarks/Mosaic.Bench.Messaging" -c Release --artifacts-path "$BENCH_ARTIFACTS" -nologo -v q -clp:ErrorsOnly >"$work/build.log" 2>&1 ||
  { cat "$work/build.log" >&2; die "the benchmark does not build."; }
dll="$BENCH_ARTIFACTS/bin/Mosaic.Bench.Messaging/release/messaging-bench.dll"
[[ -f "$dll" ]] || die "built, but $dll is missing."
say "built $dll"

# ---------------------------------------------------------------------------------------------
# Raw RabbitMQ.Client
# ---------------------------------------------------------------------------------------------

raw_line() {
  local name=$1
  say "$(jq -c . <<<"${res[$name]}")"
  say "  published (confirmed) $(r "$name" .publishedPerSecond)/s, consumed (acked) $(r "$name" .consumedPerSecondInWindow)/s in the same window;" \
    "$(r "$name" .consumed) of $(r "$name" .confirmed) consumed, $(r "$name" .redelivered) redelivered; drained $(r "$name" .drainSeconds) s after the publisher stopped"
  say "  publish-to-handle p50 $(r "$name" .publishToHandle.p50Ms) ms, p99 $(r "$name" .publishToHandle.p99Ms) ms; confirm p50 $(r "$name" .confirm.p50Ms) ms, p99 $(r "$name" .confirm.p99Ms) ms"
  say "  CPU in cores over the run: ${res[$name/cpu]}"
  awk -v o="${res[$name/other]}" -v l="$quiet_limit" 'BEGIN{exit !(o > l)}' && say "  DISTURBED: other work used ${res[$name/other]} cores"
  return 0
}

if [[ "${SKIP_RAW:-0}" != 1 ]]; then
  # JIT and the broker's first quorum-queue segments, not measured.
  section "Raw RabbitMQ.Client warm-up: 5 s flat out, not measured"
  duration_saved=$duration warmup_saved=$warmup
  duration=5 warmup=0
  measure_raw raw-warmup --mode throughput
  duration=$duration_saved warmup=$warmup_saved
  say "  $(r raw-warmup .consumedPerSecondInWindow) messages/s"

  section "Raw RabbitMQ.Client, flat out: window $raw_window, prefetch $raw_prefetch, ${duration} s after ${warmup} s warm-up"
  measure_raw raw-throughput --mode throughput
  raw_line raw-throughput

  section "Raw RabbitMQ.Client at $rate/s: window $raw_window, prefetch $raw_prefetch, ${duration} s after ${warmup} s warm-up"
  measure_raw raw-rate --mode rate --rate "$rate"
  raw_line raw-rate
fi

# ---------------------------------------------------------------------------------------------
# Mosaic: outbox -> RabbitMQ -> inbox (benchmarks/messaging/run.sh, production profile)
# ---------------------------------------------------------------------------------------------

if [[ "${SKIP_MOSAIC:-0}" != 1 ]]; then
  section "Mosaic: outbox -> RabbitMQ -> inbox, two services on PostgreSQL (benchmarks/messaging/run.sh, PROFILE=production)"
  suffix="$(date -u +%H%M%S)_$$"
  for role in publisher consumer; do
    db="mosaic_bench_${role}_$suffix"
    databases+=("$db")
    psql_admin -qc "CREATE DATABASE \"$db\"" >/dev/null || die "could not create database $db."
  done
  # One file the services read their settings from (mode 600 in a 700 folder: it holds the credentials).
  (
    umask 077
    cat >"$work/services.env" <<ENV
Mosaic__Database__Provider=postgresql
ConnectionStrings__bench-publisher=$MOSAIC_BENCH_POSTGRES;Database=${databases[0]}
ConnectionStrings__bench-consumer=$MOSAIC_BENCH_POSTGRES;Database=${databases[1]}
Mosaic__Messaging__Transport=rabbitmq
Mosaic__Messaging__RabbitMq__Uri=$MOSAIC_BENCH_RABBITMQ
ENV
  )
  say "databases ${databases[*]} on $pg_host:$pg_port"
  server_pids=""
  [[ -n "$broker_pid" ]] && server_pids+="broker=$broker_pid "
  [[ -n "$postgres_pid" ]] && server_pids+="postgres=$postgres_pid"
  mosaic_status=0
  PROFILE=production SERVICE_ENV_FILE="$work/services.env" SERVER_PIDS="$server_pids" RESULTS_JSON="$work/mosaic.json" \
    RATES="$rate" DURATION="$duration" WARMUP="$warmup" PAYLOAD_BYTES="$payload_bytes" DRAIN_TIMEOUT="$drain_timeout" \
    QUIET_LIMIT="$quiet_limit" timeout --kill-after=30 $((6 * (${warmup%.*} + ${duration%.*} + ${drain_timeout%.*}) + 600)) \
    "$repo/benchmarks/messaging/run.sh" 2>&1 | sed 's/^/  /' || mosaic_status=$?
  ((mosaic_status == 0)) && [[ -s "$work/mosaic.json" ]] || die "the Mosaic part failed (exit $mosaic_status)."
  res[mosaic]="$(<"$work/mosaic.json")"
fi

# ---------------------------------------------------------------------------------------------
# Summary
# ---------------------------------------------------------------------------------------------

m() { jq -r "($1) // \"-\"" <<<"${res[mosaic]}"; } # m JQ: a field of the Mosaic runs' answers, or -
verdict() { awk -v v="$1" -v op="$2" -v t="$3" 'BEGIN{ok = (op == ">=") ? (v >= t) : (v < t); print ok ? "MET" : "NOT MET"}'; }

section "Summary ($bench_date; $(nproc) x $cpu_model, $mem_total, $os_name, .NET $dotnet_runtime; run took $((SECONDS - started_at)) s)"
say "Servers: RabbitMQ $( [[ -n "${res[raw-throughput]:-}" ]] && r raw-throughput .broker | sed 's/^RabbitMQ //' || echo '?') and PostgreSQL $pg_version on loopback; $servers_origin."
say "Load before the run: CPU ${idle_busy}% busy over 2 s, load average $load_start; see each run's CPU line for other work during it."
say "Payload: $payload_bytes bytes of padding; $( [[ -n "${res[raw-throughput]:-}" ]] && r raw-throughput .bodyBytes || echo '?') bytes on the wire per message (the Mosaic envelope's size, used by both)."
say "Raw: one publishing connection (persistent, publisher confirms, $raw_window in flight), one consuming connection (manual"
say "acks, prefetch $raw_prefetch), a durable topic exchange and a quorum queue. Mosaic: publisher commits events to its outbox,"
say "the relay ships them (200 a batch, confirms awaited per batch), the consumer handles each in its inbox transaction with"
say "one effect row (consumer concurrency = prefetch ${CONSUMER_CONCURRENCY:-32}); PostgreSQL for both services' databases."
say ""
printf '%-44s %16s %16s %8s\n' "" "raw client" "Mosaic" "ratio"
raw_rate="" mosaic_rate="" raw_p99="" mosaic_p99=""
[[ -n "${res[raw-throughput]:-}" ]] && raw_rate=$(r raw-throughput .consumedPerSecondInWindow) raw_p99=$(r raw-rate .publishToHandle.p99Ms)
[[ -n "${res[mosaic]:-}" ]] && mosaic_rate=$(m '.["throughput/con"].handledPerSecondInWindow') mosaic_p99=$(m ".[\"rate$rate/con\"].publishToHandle.p99Ms")
ratio="$( [[ -n "$raw_rate" && -n "$mosaic_rate" ]] && awk -v a="$mosaic_rate" -v b="$raw_rate" 'BEGIN{printf "%.2f", (b > 0 ? a/b : 0)}' || echo -)"
printf '%-44s %16s %16s %8s\n' "flat out, end to end (events/s)" "${raw_rate:--}" "${mosaic_rate:--}" "$ratio"
printf '%-44s %16s %16s\n' "flat out, published (events/s)" \
  "$( [[ -n "$raw_rate" ]] && r raw-throughput .publishedPerSecond || echo -)" "$( [[ -n "$mosaic_rate" ]] && m '.["throughput/pub"].publishedPerSecond' || echo -)"
for q in p50 p90 p99 p999 max; do
  printf '%-44s %16s %16s\n' "at $rate/s, publish-to-handle ${q/p999/p99.9} (ms)" \
    "$( [[ -n "$raw_rate" ]] && r raw-rate ".publishToHandle.${q}Ms" || echo -)" "$( [[ -n "$mosaic_rate" ]] && m ".[\"rate$rate/con\"].publishToHandle.${q}Ms" || echo -)"
done
printf '%-44s %16s %16s\n' "at $rate/s, achieved (published / handled)" \
  "$( [[ -n "$raw_rate" ]] && echo "$(r raw-rate .publishedPerSecond) / $(r raw-rate .consumedPerSecondInWindow)" || echo -)" \
  "$( [[ -n "$mosaic_rate" ]] && echo "$(m ".[\"rate$rate/pub\"].publishedPerSecond") / $(m ".[\"rate$rate/con\"].handledPerSecondInWindow")" || echo -)"
say ""
[[ -n "$raw_rate" ]] && say "CPU (cores), raw flat out: ${res[raw-throughput/cpu]}; at $rate/s: ${res[raw-rate/cpu]}"
[[ -n "$mosaic_rate" ]] && say "CPU (cores), Mosaic flat out: $(m '.["throughput/cpu"]'); at $rate/s: $(m ".[\"rate$rate/cpu\"]")"
[[ -n "$mosaic_rate" && "$(m '.["throughput/con"] != null and .["rate'"$rate"'/con"] != null')" == true ]] && say "Mosaic: handled $(m '.["throughput/con"].handled') of $(m '.["throughput/pub"].published') (flat out) and $(m ".[\"rate$rate/con\"].handled") of $(m ".[\"rate$rate/pub\"].published") (at $rate/s), each distinct: $(m "[.[\"throughput/con\"], .[\"rate$rate/con\"]] | map(.distinct == .handled) | all")"
say ""
say "Goals:"
if [[ -n "$mosaic_rate" ]]; then
  say "  Mosaic at least 5,000 events/s end to end:          $(verdict "$mosaic_rate" '>=' 5000) ($mosaic_rate events/s)"
  [[ -n "$raw_rate" ]] && say "  Mosaic at least half of the raw client's rate:      $(verdict "$ratio" '>=' 0.5) ($mosaic_rate / $raw_rate = $ratio)"
  # SKIP_RATE=1 leaves no fixed-rate run to judge ("-"), which awk would read as 0.
  if [[ "$mosaic_p99" =~ ^[0-9.]+$ ]]; then
    say "  Mosaic p99 publish-to-handle under 50 ms at $rate/s: $(verdict "$mosaic_p99" '<' 50) (p99 $mosaic_p99 ms)"
  else
    say "  Mosaic p99 publish-to-handle under 50 ms at $rate/s: not measured (no fixed-rate run)"
  fi
fi
