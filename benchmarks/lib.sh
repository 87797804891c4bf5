# Shell helpers shared by the benchmark scripts (sourced, not run): output, ports, readiness, and
# CPU accounting from /proc.

say() { printf '%s\n' "$*"; }
section() { printf '\n== %s ==\n' "$*"; }
die() { say "run.sh: $*" >&2; exit 1; }

port_in_use() { ss -ltnH "sport = :$1" 2>/dev/null | grep -q .; }

# wait_ready URL PID SECONDS: until URL answers 2xx (0), the process exits (1) or time runs out (2).
wait_ready() {
  local url=$1 pid=$2 deadline=$((SECONDS + $3))
  while ((SECONDS < deadline)); do
    kill -0 "$pid" 2>/dev/null || return 1
    curl -fsS -o /dev/null --max-time 1 "$url" 2>/dev/null && return 0
    sleep 0.1
  done
  return 2
}

# last_error LOG: the last logged error message of a service (its JSON log line), or its last line.
last_error() {
  local line
  line="$(grep -a '"level":"\(error\|critical\)"' "$1" | tail -1 | grep -o '"message":"[^"]*"' | cut -d'"' -f4)"
  [[ -n "$line" ]] && line="$line: $(grep -a '"level":"\(error\|critical\)"' "$1" | tail -1 | grep -o '"exception":"[^\\]*' | cut -d'"' -f4)"
  echo "${line:-$(tail -1 "$1")}" | cut -c1-400
}

clk_tck=$(getconf CLK_TCK)
# cpu_ticks PID: user+system CPU of a process in clock ticks (fields 14 and 15 of /proc/PID/stat).
cpu_ticks() { [[ -r /proc/$1/stat ]] && sed 's/^.*) //' "/proc/$1/stat" | awk '{print $12 + $13}' || echo 0; }
# machine_ticks: busy and total jiffies of all CPUs.
machine_ticks() { awk '/^cpu /{print $2+$3+$4+$7+$8+$9, $2+$3+$4+$5+$6+$7+$8+$9}' /proc/stat; }
# proc_table: "PID PPID TICKS" for every process; TICKS is the user+system CPU in clock ticks of the
# process and of its children that have exited and been waited for (fields 14-17 of /proc/PID/stat).
proc_table() {
  local d stat rest
  for d in /proc/[0-9]*; do
    # A process may end between the listing and the read.
    { stat=$(<"$d/stat"); } 2>/dev/null || continue
    rest=${stat##*) }
    # shellcheck disable=SC2086 # split into the stat fields on purpose
    set -- $rest
    # An exiting process can give an empty or short line; arithmetic on a missing field would end the script.
    (($# >= 15)) || continue
    printf '%s %s %s\n' "${d#/proc/}" "$2" $((${12} + ${13} + ${14} + ${15}))
  done
}
# tree_pids PID... / tree_ticks PID...: these processes and every process below them (a server and its
# workers: PostgreSQL's backends, RabbitMQ's Erlang helpers), as a list of PIDs / their summed CPU ticks.
# A child that exits is counted in its parent's waited-for children's time, so the sum only grows.
tree_pids() {
  proc_table | awk -v roots=" $* " '
    {parent[$1] = $2}
    END {for (p in parent) for (q = p; q != "" && q != 0; q = parent[q]) if (index(roots, " " q " ")) {print p; break}}'
}
tree_ticks() {
  proc_table | awk -v roots=" $* " '
    {parent[$1] = $2; ticks[$1] = $3}
    END {
      for (p in parent) for (q = p; q != "" && q != 0; q = parent[q]) if (index(roots, " " q " ")) {sum += ticks[p]; break}
      print sum + 0
    }'
}

# machine_facts: sets cpu_model, mem_total, os_name, dotnet_runtime, bench_date, commit, dirty (a note when
# src/Platform has uncommitted changes), and how busy the machine was over the 2 s before: idle_busy (% of
# all CPUs) and load_start (load averages). Needs $repo.
machine_facts() {
  local busy0 total0 busy1 total1
  cpu_model="$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  mem_total="$(awk '/^MemTotal:/{printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
  os_name="$(. /etc/os-release && echo "$PRETTY_NAME")"
  dotnet_runtime="$(dotnet --list-runtimes | awk '/Microsoft.AspNetCore.App/{v=$2} END{print v}')"
  bench_date="$(date -u '+%Y-%m-%d %H:%M UTC')"
  commit="$(cd "$repo" && git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  dirty="$(cd "$repo" && git status --porcelain -- src/Platform 2>/dev/null | grep -q . && echo ", src/Platform has uncommitted changes" || true)"
  read -r busy0 total0 < <(machine_ticks); sleep 2; read -r busy1 total1 < <(machine_ticks)
  load_start="$(cut -d' ' -f1-3 /proc/loadavg)"
  idle_busy=$(awk -v b=$((busy1 - busy0)) -v t=$((total1 - total0)) 'BEGIN{printf "%.0f", t ? 100*b/t : 0}')
}

# stop_mosaic_up ENV PID: stops the `./mosaic up` of environment ENV that a script started (pid PID) with
# `./mosaic down`, else SIGTERM, waits up to 10 s, then SIGKILL; and removes the environment's state, which
# held nothing but benchmark data. Needs $repo.
stop_mosaic_up() {
  local env=$1 pid=$2
  (cd "$repo" && timeout 60 ./mosaic down -e "$env" >/dev/null 2>&1) || kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
  rm -rf "${repo:?}/.mosaic/$env"
}
