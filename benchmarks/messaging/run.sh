#!/usr/bin/env bash
# Events benchmark (issue 3): events through outbox -> relay -> embedded bus -> consumer inbox handler,
# between two real processes on one bus file (benchmarks/Mosaic.Bench.Messaging, started as
# `publisher` and as `consumer`, each a minimal Mosaic service with its own SQLite database).
#   1. throughput: the publisher commits BATCH events per transaction back to back for DURATION s;
#      reported: events/s committed by the publisher, and events/s committed by the consumer's handler
#      inside the same window (end to end).
#   2. fixed rate: RATES events/s (one event per transaction) for DURATION s; reported: publish-to-handle
#      p50/p90/p99/max (handler's commit minus the envelope's time) and the rates achieved.
# See benchmarks/README.md. Usage: benchmarks/messaging/run.sh [| tee benchmarks/messaging/results-DATE.txt]
#
# Tunables (environment): DURATION (measured s per run, 20), WARMUP (s before each measured stretch, 5),
# BATCH (events per transaction in the throughput run, 20), THROUGHPUT_WRITERS (1), RATES ("1000 500"),
# RATE_WRITERS (concurrent one-event transactions in the rate runs, 4), PAYLOAD_BYTES (256),
# CONSUMER_CONCURRENCY (the platform default, 32), DRAIN_TIMEOUT (s to wait for the consumer to catch
# up after a run, 600), QUIET_LIMIT (0.30 cores), SETTLE_TIMEOUT (s to wait before each run for the services and servers to go idle, 60), BENCH_ARTIFACTS (/tmp/art-bench-msg);
# WARMUP_RUN (s of unmeasured load before the first run, to get both processes past JIT, 10);
# SKIP_THROUGHPUT=1 / SKIP_RATE=1 leave a part out.
# Experiments (not the platform as it is; off unless set): SQLITE_BUSY_TIMEOUT_MS and SQLITE_SYNCHRONOUS
# set those pragmas on every connection of both services' own databases (see Data/SqliteTuning.cs).
#
# The production profile is run by benchmarks/rabbitmq/run.sh, which owns the servers and sets:
# PROFILE=production (embedded by default: SQLite and the bus file); SERVICE_ENV_FILE, KEY=VALUE lines
# added to both services' environment (database provider, connection strings, transport); SERVER_PIDS,
# "name=PID ..." whose process trees get a CPU column of their own; RESULTS_JSON, a file to write the
# runs' raw answers to, for the calling script's summary.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=../lib.sh
source "$repo/benchmarks/lib.sh"
artifacts="${BENCH_ARTIFACTS:-/tmp/art-bench-msg}"
duration="${DURATION:-20}"
warmup="${WARMUP:-5}"
batch="${BATCH:-20}"
throughput_writers="${THROUGHPUT_WRITERS:-1}"
rates="${RATES:-1000 500}"
rate_writers="${RATE_WRITERS:-4}"
payload_bytes="${PAYLOAD_BYTES:-256}"
consumer_concurrency="${CONSUMER_CONCURRENCY:-32}"
drain_timeout="${DRAIN_TIMEOUT:-600}"
quiet_limit="${QUIET_LIMIT:-0.30}"
warmup_run="${WARMUP_RUN:-10}"
busy_timeout_ms="${SQLITE_BUSY_TIMEOUT_MS:-}"
synchronous="${SQLITE_SYNCHRONOUS:-}"
profile="${PROFILE:-embedded}"
[[ "$profile" == embedded || "$profile" == production ]] || die "PROFILE is '$profile'; use embedded or production."
declare -a service_env=()
if [[ -n "${SERVICE_ENV_FILE:-}" ]]; then
  [[ -r "$SERVICE_ENV_FILE" ]] || die "SERVICE_ENV_FILE $SERVICE_ENV_FILE cannot be read."
  mapfile -t service_env < <(grep -v '^[[:space:]]*\(#\|$\)' "$SERVICE_ENV_FILE")
fi
declare -A server_pids=()
for entry in ${SERVER_PIDS:-}; do server_pids[${entry%%=*}]=${entry#*=}; done
[[ "$profile" == production && ( -n "$busy_timeout_ms" || -n "$synchronous" ) ]] && die "the SQLite experiments do not apply to the production profile."
experiment=""
[[ -n "$busy_timeout_ms" ]] && experiment+="PRAGMA busy_timeout = $busy_timeout_ms; "
[[ -n "$synchronous" ]] && experiment+="PRAGMA synchronous = $synchronous; "

# Loopback ports that clash neither with mosaic.yaml (7100-7551, 8080/8090) nor with the gateway benchmark (17xxx/18xxx).
publisher_port=19100 publisher_mgmt=19150
consumer_port=19200 consumer_mgmt=19250

work="$(mktemp -d /tmp/mosaic-msgbench.XXXXXX)"
started_at=$SECONDS
declare -a owned_pids=()
publisher_pid="" consumer_pid=""


cleanup() {
  local status=$?
  trap - EXIT INT TERM
  for pid in "${owned_pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for _ in $(seq 100); do
    local alive=0
    for pid in "${owned_pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [[ $alive == 0 ]] && break
    sleep 0.1
  done
  for pid in "${owned_pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
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





# proc_ticks / busiest_since: which other processes used the CPU during a disturbed run.
proc_ticks() {
  local d stat rest comm
  for d in /proc/[0-9]*; do
    # A process may end between the listing and the reads.
    { stat=$(<"$d/stat") && comm=$(<"$d/comm"); } 2>/dev/null || continue
    rest=${stat##*) }
    # shellcheck disable=SC2086 # split into the stat fields on purpose
    set -- $rest
    # An exiting process can give an empty or short line; arithmetic on a missing field would end the script.
    (($# >= 13)) || continue
    printf '%s %s %s\n' "${d#/proc/}" $((${12} + ${13})) "$comm"
  done
  return 0
}
busiest_since() {
  # The servers of the production profile have a CPU figure of their own: not "other" work.
  local servers=""
  ((${#server_pids[@]} > 0)) && servers="$(tree_pids "${server_pids[@]}" | tr '\n' ' ')"
  proc_ticks | awk -v h="$clk_tck" -v e="$2" -v mine=" $publisher_pid $consumer_pid $servers " 'NR == FNR {before[$1] = $2; next}
    index(mine, " " $1 " ") {next}
    {d = $2 - ($1 in before ? before[$1] : 0); if (d > 0) printf "%s %.2f\n", $3 "[" $1 "]", d/h/e}' "$1" - |
    sort -k2 -rn | head -3 | awk '{printf "%s%s %s cores", (NR > 1 ? ", " : ""), $1, $2}'
}

# cpu_mark / cpu_since: cores used by the publisher, the consumer and everything else between the two calls.
declare -A mark_server=()
cpu_mark() {
  proc_ticks >"$work/procs-before"
  read -r mark_busy _ < <(machine_ticks)
  local server
  for server in "${!server_pids[@]}"; do mark_server[$server]=$(tree_ticks "${server_pids[$server]}"); done
  mark_time=$(date +%s.%N) mark_pub=$(cpu_ticks "$publisher_pid") mark_con=$(cpu_ticks "$consumer_pid")
}
cpu_since() {
  local busy elapsed pub con
  read -r busy _ < <(machine_ticks)
  elapsed=$(awk -v a="$mark_time" -v b="$(date +%s.%N)" 'BEGIN{print b-a}')
  pub=$(($(cpu_ticks "$publisher_pid") - mark_pub)) con=$(($(cpu_ticks "$consumer_pid") - mark_con))
  cpu_elapsed=$elapsed
  local servers=0 server ticks
  cpu_servers=""
  for server in "${!server_pids[@]}"; do
    ticks=$(($(tree_ticks "${server_pids[$server]}") - mark_server[$server]))
    servers=$((servers + ticks))
    cpu_servers+="$server $(awk -v t="$ticks" -v h="$clk_tck" -v e="$elapsed" 'BEGIN{printf "%.2f", t/h/e}'), "
  done
  read -r cpu_pub cpu_con cpu_other < <(awk -v p="$pub" -v c="$con" -v s="$servers" -v b=$((busy - mark_busy)) -v h="$clk_tck" -v e="$elapsed" \
    'BEGIN{o = b - p - c - s; if (o < 0) o = 0; printf "%.2f %.2f %.2f\n", p/h/e, c/h/e, o/h/e}')
}
cpu_line() {
  say "  CPU in cores over the run and its drain (${cpu_elapsed%.*} s): publisher $cpu_pub, consumer $cpu_con, ${cpu_servers}everything else $cpu_other"
  if awk -v o="$cpu_other" -v l="$quiet_limit" 'BEGIN{exit !(o > l)}'; then
    say "  DISTURBED: other work used $cpu_other cores; busiest other processes: $(busiest_since "$work/procs-before" "$cpu_elapsed")"
  fi
  return 0
}

# settle: waits until both services and the servers are idle (background JIT, the inbox pruner, and on
# PostgreSQL the vacuuming of the rows a flat-out run left behind), at most SETTLE_TIMEOUT seconds (60),
# so that one run's aftermath is not measured as part of the next.
settle() {
  local before after deadline=$((SECONDS + ${SETTLE_TIMEOUT:-60}))
  before=$(settle_ticks)
  while ((SECONDS < deadline)); do
    sleep 0.5
    after=$(settle_ticks)
    ((after - before <= 5)) && return 0 # at most 0.1 cores busy
    before=$after
  done
  say "  (the services or servers were still busy after ${SETTLE_TIMEOUT:-60} s; measuring anyway)"
}
settle_ticks() {
  local ticks=$(($(cpu_ticks "$publisher_pid") + $(cpu_ticks "$consumer_pid"))) server
  for server in "${!server_pids[@]}"; do ticks=$((ticks + $(tree_ticks "${server_pids[$server]}"))); done
  echo "$ticks"
}

# metric NAME: a gauge from the publisher's /metrics (Prometheus text), summed over its series.
metric() {
  curl -fsS --max-time 5 "http://127.0.0.1:$publisher_mgmt/metrics" 2>/dev/null |
    awk -v n="$1" '$1 == n || index($1, n "{") == 1 {s += $NF; f = 1} END{if (f) print s; else print "n/a"}' || echo "n/a"
}
# queue_depth: ready and in-flight messages in the consumer's queue on the bus.
queue_depth() {
  curl -fsS --max-time 5 "http://127.0.0.1:$consumer_port/bus" 2>/dev/null |
    jq -r '[.[] | select(.queue == "bench-consumer")][0] | "\(.ready // 0) ready, \(.inFlight // 0) in flight"' 2>/dev/null || echo "n/a"
}

# ---------------------------------------------------------------------------------------------
# Machine
# ---------------------------------------------------------------------------------------------

for tool in curl jq ss; do command -v "$tool" >/dev/null || die "needs $tool (apt-get install -y ${tool/ss/iproute2})."; done
for port in $publisher_port $publisher_mgmt $consumer_port $consumer_mgmt; do
  port_in_use "$port" && die "port $port is in use; stop whatever listens there (ss -ltnp 'sport = :$port') and run again."
done

section "Machine"
machine_facts
fs_type="$(df -T "$work" | awk 'NR == 2 {print $2}')"
say "date:        $bench_date, code at $commit$dirty"
say "cpus:        $(nproc) x $cpu_model"
say "memory:      $mem_total"
say "os:          $os_name, kernel $(uname -r); state in $work ($fs_type)"
say ".NET:        SDK $(dotnet --version), ASP.NET Core runtime $dotnet_runtime, DOTNET_gcServer=0 (as mosaic up starts services)"
say "load before: CPU ${idle_busy}% busy over 2 s, load average $load_start"
((idle_busy > 20)) && say "WARNING:     the machine is busy before the run started; figures will be low and noisy."

# ---------------------------------------------------------------------------------------------
# Build and start the two services
# ---------------------------------------------------------------------------------------------

section "Build (Release, into $artifacts)"
dotnet build "$repo/benchmarks/Mosaic.Bench.Messaging" -c Release --artifacts-path "$artifacts" -nologo -v q -clp:ErrorsOnly >"$work/build.log" 2>&1 ||
  { cat "$work/build.log" >&2; die "the benchmark does not build."; }
dll="$artifacts/bin/Mosaic.Bench.Messaging/release/messaging-bench.dll"
[[ -f "$dll" ]] || die "built, but $dll is missing."
say "built $dll"

cat >"$work/mosaic.yaml" <<EOF
name: messaging-bench
services:
  bench-consumer:
    project: benchmarks/Mosaic.Bench.Messaging
    port: $consumer_port
    managementPort: $consumer_mgmt
  bench-publisher:
    project: benchmarks/Mosaic.Bench.Messaging
    port: $publisher_port
    managementPort: $publisher_mgmt
    dependsOn: [bench-consumer]
EOF

# start ROLE: as mosaic up starts a service (dotnet X.dll, workstation GC, Mosaic__* settings), logs in $work.
start() {
  (cd "$work" && DOTNET_gcServer=0 ASPNETCORE_CONTENTROOT="$(dirname "$dll")" \
    Mosaic__Manifest="$work/mosaic.yaml" Mosaic__StateDirectory="$work/state" Mosaic__Environment=bench \
    Mosaic__Messaging__ConsumerConcurrency="$consumer_concurrency" \
    Bench__SqliteBusyTimeoutMs="$busy_timeout_ms" Bench__SqliteSynchronous="$synchronous" \
    exec env "${service_env[@]}" dotnet "$dll" "$1" </dev/null >"$work/$1.log" 2>&1) &
}

# The consumer first: its queue must be declared (bound to the event type) before anything is published,
# or the bus drops the events as unroutable, as mosaic up orders it through dependsOn.
start consumer
consumer_pid=$!
owned_pids+=("$consumer_pid")
wait_ready "http://127.0.0.1:$consumer_mgmt/health/ready" "$consumer_pid" 60 || die "the consumer did not become ready ($(last_error "$work/consumer.log"))."
start publisher
publisher_pid=$!
owned_pids+=("$publisher_pid")
wait_ready "http://127.0.0.1:$publisher_mgmt/health/ready" "$publisher_pid" 60 || die "the publisher did not become ready ($(last_error "$work/publisher.log"))."
say "consumer ready (pid $consumer_pid) on 127.0.0.1:$consumer_port, publisher ready (pid $publisher_pid) on 127.0.0.1:$publisher_port"
if [[ "$profile" == embedded ]]; then
  say "bus file $work/state/bus/bus.db; databases $work/state/data/bench-{publisher,consumer}.db"
else
  # What the services say they run on (their /info), so a run cannot silently fall back to the embedded defaults.
  for mgmt in $publisher_mgmt $consumer_mgmt; do
    curl -fsS --max-time 5 "http://127.0.0.1:$mgmt/info" | jq -r '"\(.service // .name // "?"): database \(.database.provider) \(.database.location), transport \(.messaging.transport)"'
  done
  for mgmt in $publisher_mgmt $consumer_mgmt; do
    [[ "$(curl -fsS --max-time 5 "http://127.0.0.1:$mgmt/info" | jq -r '"\(.database.provider)/\(.messaging.transport)"')" == postgresql/rabbitmq ]] ||
      die "PROFILE=production, but a service is not on PostgreSQL and RabbitMQ; check SERVICE_ENV_FILE."
  done
fi

# ---------------------------------------------------------------------------------------------
# Runs
# ---------------------------------------------------------------------------------------------

declare -A res
run_seq=0

# measure NAME MODE RATE BATCH WRITERS: one publisher run, then waits for the consumer to handle
# everything; fills res[NAME/...]. Prints the raw JSON of both sides.
measure() {
  local name=$1 mode=$2 rate=$3 batch_size=$4 writers=$5 run request pub con published handled deadline
  run_seq=$((run_seq + 1))
  # The script's pid in the name: a durable broker queue may still hold an interrupted earlier run's events.
  run="r$run_seq-$name-$$"
  request="$(jq -nc --arg run "$run" --arg mode "$mode" --argjson rate "$rate" --argjson batch "$batch_size" \
    --argjson writers "$writers" --argjson duration "$duration" --argjson warmup "$warmup" --argjson payload "$payload_bytes" \
    '{run: $run, mode: $mode, rate: $rate, batch: $batch, writers: $writers, durationSeconds: $duration, warmupSeconds: $warmup, payloadBytes: $payload}')"
  settle
  cpu_mark
  pub="$(curl -fsS --max-time $((duration + warmup + 120)) -H 'content-type: application/json' -d "$request" \
    "http://127.0.0.1:$publisher_port/runs")" || die "the publisher's run $run failed ($(last_error "$work/publisher.log"))."
  res[$name/outbox]="$(metric mosaic_messaging_outbox_backlog)"
  res[$name/queue]="$(queue_depth)"
  published=$(jq -r .published <<<"$pub")
  # Drain: wait until every published event is handled, to count losses and duplicates and to see how
  # long the backlog took; the latency percentiles include that queueing.
  deadline=$((SECONDS + drain_timeout))
  local stopped_at=$SECONDS
  handled=0 con=""
  while :; do
    # A consumer too busy to answer within 10 s is asked again, until the deadline.
    if con="$(curl -fsS --max-time 10 "http://127.0.0.1:$consumer_port/runs/$run?from=$(jq -r .measuredFromUnixMs <<<"$pub")&to=$(jq -r .measuredToUnixMs <<<"$pub")")"; then
      handled=$(jq -r .handled <<<"$con")
      ((handled >= published)) && break
    fi
    ((SECONDS > deadline)) && { res[$name/note]="only $handled of $published handled ${drain_timeout} s after the publisher stopped"; break; }
    sleep 0.5
  done
  [[ -n "$con" ]] || die "the consumer did not answer GET /runs/$run ($(last_error "$work/consumer.log"))."
  res[$name/drain]=$((SECONDS - stopped_at))
  cpu_since
  say ""
  say "--- $name: $request"
  say "publisher: $pub"
  say "consumer:  $con"
  say "  at the end of the publisher's run: outbox backlog ${res[$name/outbox]}, consumer queue ${res[$name/queue]}; drained ${res[$name/drain]} s later"
  cpu_line
  res[$name/pub]=$pub res[$name/con]=$con
  res[$name/cpu]="publisher $cpu_pub, consumer $cpu_con, ${cpu_servers}other $cpu_other"
}
p() { jq -r "$2" <<<"${res[$1]}"; } # p KEY JQ: a field of a recorded JSON answer

[[ -n "$experiment" ]] && say "EXPERIMENT: on both services' own databases: $experiment(the platform does not set these)"
if ((warmup_run > 0)); then
  # JIT tier-up and EF Core's first queries take the first seconds; without this the first measured
  # run would be measured on colder code than the others.
  section "Warm-up: ${warmup_run} s flat out, then ${warmup_run} s at $(awk '{print $NF}' <<<"$rates")/s, not measured"
  duration_saved=$duration warmup_saved=$warmup
  duration=$warmup_run warmup=0
  measure warmup-throughput throughput 1 "$batch" "$throughput_writers" >"$work/warmup.txt"
  measure warmup-rate rate "$(awk '{print $NF}' <<<"$rates")" 1 "$rate_writers" >>"$work/warmup.txt"
  duration=$duration_saved warmup=$warmup_saved
  say "  flat out: $(p warmup-throughput/pub .publishedPerSecond) events/s published, $(p warmup-throughput/con .handledPerSecondInWindow) handled; all handled ${res[warmup-throughput/drain]} s after it stopped"
  say "  at a fixed rate: $(p warmup-rate/con .handledPerSecondInWindow) events/s handled, publish-to-handle p99 $(p warmup-rate/con .publishToHandle.p99Ms) ms"
fi

if [[ "${SKIP_THROUGHPUT:-0}" != 1 ]]; then
  section "Throughput: $batch events per transaction, $throughput_writers writer(s), ${duration} s after ${warmup} s warm-up"
  measure throughput throughput 1 "$batch" "$throughput_writers"
fi
if [[ "${SKIP_RATE:-0}" != 1 ]]; then
  for rate in $rates; do
    section "Fixed rate: $rate events/s, one event per transaction, $rate_writers writers, ${duration} s after ${warmup} s warm-up"
    measure "rate$rate" rate "$rate" 1 "$rate_writers"
  done
fi

# ---------------------------------------------------------------------------------------------
# Summary
# ---------------------------------------------------------------------------------------------

section "Summary ($bench_date; $(nproc) x $cpu_model, $mem_total, $os_name, .NET $dotnet_runtime; run took $((SECONDS - started_at)) s)"
if [[ "$profile" == embedded ]]; then
  say "Two processes (publisher, consumer) on one embedded bus file, each a Mosaic service with its own SQLite database"
  say "(WAL), workstation GC; consumer concurrency $consumer_concurrency, relay batch 200 and the other messaging settings at their defaults;"
else
  say "Production profile: two processes (publisher, consumer), each a Mosaic service with its own PostgreSQL database, on one"
  say "RabbitMQ broker, workstation GC; consumer concurrency $consumer_concurrency, relay batch 200 and the other messaging settings at their defaults;"
fi
say "event payload $payload_bytes bytes of padding; the consumer's handler inserts one row, committed with the inbox row."
[[ -n "$experiment" ]] && say "EXPERIMENT: $experiment on both services' own databases (not the platform's settings)."
say "Load before the run: CPU ${idle_busy}% busy over 2 s, load average $load_start."
goal_rate=""
if [[ -n "${res[throughput/pub]:-}" ]]; then
  say ""
  say "Throughput ($batch events per transaction, $throughput_writers writer, ${duration} s measured after ${warmup} s warm-up):"
  say "  published (committed to the outbox):  $(p throughput/pub .publishedPerSecond) events/s  ($(p throughput/pub .transactions) transactions; commit p50 $(p throughput/pub .commit.p50Ms) ms, p99 $(p throughput/pub .commit.p99Ms) ms)"
  goal_rate=$(p throughput/con .handledPerSecondInWindow)
  say "  handled end to end (consumer commits in the same window):  $goal_rate events/s"
  say "  at the window's end: outbox backlog ${res[throughput/outbox]}, consumer queue ${res[throughput/queue]}; all handled ${res[throughput/drain]} s after the publisher stopped"
  say "  handled $(p throughput/con .handled) of $(p throughput/pub .published) published, $(p throughput/con .distinct) distinct (a lower distinct count would be a duplicate effect)${res[throughput/note]:+; ${res[throughput/note]}}"
  say "  publish-to-handle under this load (mostly queueing): p50 $(p throughput/con .publishToHandle.p50Ms) ms, p99 $(p throughput/con .publishToHandle.p99Ms) ms"
  say "  CPU (cores): ${res[throughput/cpu]}"
fi
if [[ "${SKIP_RATE:-0}" != 1 ]]; then
  say ""
  say "Fixed rate (one event per transaction, $rate_writers writers; ${duration} s measured after ${warmup} s warm-up; latency in ms from the envelope's"
  say "time to the handler's commit; 'from schedule' also counts the publisher starting late; 'late p99' is the publisher's own lag):"
  printf '  %7s %9s %9s %9s %9s %9s %9s %9s %12s %9s %s\n' rate published handled p50 p90 p99 p99.9 max "sched p99" "late p99" "CPU (cores)"
  for rate in $rates; do
    n="rate$rate"
    printf '  %7s %9s %9s %9s %9s %9s %9s %9s %12s %9s %s\n' "$rate/s" "$(p "$n/pub" .publishedPerSecond)" "$(p "$n/con" .handledPerSecondInWindow)" \
      "$(p "$n/con" .publishToHandle.p50Ms)" "$(p "$n/con" .publishToHandle.p90Ms)" "$(p "$n/con" .publishToHandle.p99Ms)" \
      "$(p "$n/con" .publishToHandle.p999Ms)" "$(p "$n/con" .publishToHandle.maxMs)" "$(p "$n/con" .scheduleToHandle.p99Ms)" \
      "$(p "$n/pub" .lateness.p99Ms)" "${res[$n/cpu]}"
    [[ "$(p "$n/pub" .saturated)" == true ]] && say "    $rate/s: SATURATED: the publisher fell more than 5 s behind its schedule and stopped early"
    [[ "$(p "$n/pub" .failed)" != 0 ]] && say "    $rate/s: $(p "$n/pub" .failed) events failed to commit: $(p "$n/pub" .firstError)"
    [[ -n "${res[$n/note]:-}" ]] && say "    $rate/s: ${res[$n/note]}"
    say "    $rate/s: handled $(p "$n/con" .handled) of $(p "$n/pub" .published), $(p "$n/con" .distinct) distinct; queue at the end ${res[$n/queue]}"
  done
fi
if [[ -n "${RESULTS_JSON:-}" ]]; then
  for key in "${!res[@]}"; do printf '%s\t%s\n' "$key" "${res[$key]}"; done |
    jq -Rn '[inputs | split("\t") | {key: .[0], value: (.[1] as $text | try ($text | fromjson) catch $text)}] | from_entries' >"$RESULTS_JSON"
fi
if [[ -n "$goal_rate" && "$profile" == embedded ]]; then
  say ""
  say "Goal: at least 2,000 events/s end to end -> $(awk -v r="$goal_rate" 'BEGIN{print (r >= 2000) ? "MET" : "NOT MET"}') ($goal_rate events/s)"
fi
