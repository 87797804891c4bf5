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
