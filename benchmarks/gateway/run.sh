#!/usr/bin/env bash
# Gateway benchmark (issue 2): a catalog read measured direct to the catalog service, through the
# Mosaic gateway and through nginx (one worker, keepalive upstream pool) in front of the same
# catalog instance, all on loopback; then the gateway's added latency at half of its peak rate with
# a constant-arrival-rate load (benchmarks/Mosaic.Bench.RateLoad); then the time from
# `./mosaic up --no-build` to all ready and each service's idle resident memory.
# See benchmarks/README.md. Usage: benchmarks/gateway/run.sh [| tee benchmarks/gateway/results-DATE.txt]
#
# Tunables (environment): ROUNDS (3), DURATION (s per measured run, 5), WARMUP (s per path before the
# rounds, 3), RATE_WARMUP (s, 2), WRK_THREADS (2), WRK_CONNECTIONS (64), RATE_CONNECTIONS (16),
# QUIET_LIMIT (0.30 cores), BENCH_ARTIFACTS (/tmp/art-bench); SKIP_UP=1 leaves out the `mosaic up`
# timing, UP_ONLY=1 measures only that.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=../lib.sh
source "$repo/benchmarks/lib.sh"
artifacts="${BENCH_ARTIFACTS:-/tmp/art-bench}"
duration="${DURATION:-5}"
warmup="${WARMUP:-3}"
wrk_threads="${WRK_THREADS:-2}"
wrk_connections="${WRK_CONNECTIONS:-64}"
rate_connections="${RATE_CONNECTIONS:-16}"
rounds="${ROUNDS:-3}"
rate_warmup="${RATE_WARMUP:-2}"
quiet_limit="${QUIET_LIMIT:-0.30}"   # cores of other work above which a run is reported as disturbed

# Loopback ports that do not clash with mosaic.yaml (7100-7251, 8080/8090).
catalog_port=17200 catalog_mgmt=17250
identity_port=17100 identity_mgmt=17150
gateway_port=18080 gateway_mgmt=18090
nginx_port=18081

work="$(mktemp -d /tmp/mosaic-bench.XXXXXX)"
started_at=$SECONDS
declare -a owned_pids=()
up_pid="" up_env=""


cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [[ -n "$up_pid" ]] && kill -0 "$up_pid" 2>/dev/null; then
    (cd "$repo" && timeout 30 ./mosaic down -e "$up_env" >/dev/null 2>&1) || kill -TERM "$up_pid" 2>/dev/null || true
  fi
  for pid in "${owned_pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for _ in $(seq 50); do
    local alive=0
    for pid in "${owned_pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [[ $alive == 0 ]] && break
    sleep 0.1
  done
  for pid in "${owned_pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  [[ -n "$up_env" ]] && rm -rf "$repo/.mosaic/$up_env"
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




# children_ticks: CPU of this script's finished children (wrk, rate-load, ...): cutime + cstime of the shell.
children_ticks() { sed 's/^.*) //' "/proc/$$/stat" | awk '{print $14 + $15}'; }

# cpu_mark PROXY_PID / cpu_since PROXY_PID REQUESTS: CPU used between the two calls, in cores, by the
# catalog, the proxy, the load generator and everything else on the machine (other work disturbs the
# figures; it includes the kernel's loopback packet processing that is not charged to a process).
# proc_ticks: "PID TICKS NAME" for every process, to name what else ran during a disturbed run.
proc_ticks() {
  local d stat rest
  for d in /proc/[0-9]*; do
    stat=$(<"$d/stat") 2>/dev/null || continue
    rest=${stat##*) }
    # shellcheck disable=SC2086 # split into the stat fields on purpose
    set -- $rest
    printf '%s %s %s\n' "${d#/proc/}" $((${12} + ${13})) "$(<"$d/comm")" 2>/dev/null
  done
  return 0
}
# busiest_since FILE SECONDS: the three processes that used the most CPU since proc_ticks wrote FILE.
busiest_since() {
  proc_ticks | awk -v h="$clk_tck" -v e="$2" 'NR == FNR {before[$1] = $2; next}
    {d = $2 - ($1 in before ? before[$1] : 0); if (d > 0) printf "%s %.2f\n", $3 "[" $1 "]", d/h/e}' "$1" - |
    sort -k2 -rn | head -3 | awk '{printf "%s%s %s cores", (NR > 1 ? ", " : ""), $1, $2}'
}

cpu_mark() {
  proc_ticks >"$work/procs-before"
  read -r mark_busy _ < <(machine_ticks)
  mark_time=$(date +%s.%N) mark_catalog=$(cpu_ticks "$catalog_pid") mark_children=$(children_ticks)
  mark_proxy=0; [[ -n "$1" ]] && mark_proxy=$(cpu_ticks "$1")
  return 0
}
cpu_since() {
  local busy elapsed catalog proxy=0 load
  read -r busy _ < <(machine_ticks)
  elapsed=$(awk -v a="$mark_time" -v b="$(date +%s.%N)" 'BEGIN{print b-a}')
  catalog=$(($(cpu_ticks "$catalog_pid") - mark_catalog))
  [[ -n "$1" ]] && proxy=$(($(cpu_ticks "$1") - mark_proxy))
  load=$(($(children_ticks) - mark_children))
  cpu_elapsed=$elapsed
  read -r cpu_catalog cpu_proxy cpu_load cpu_other cpu_proxy_us < <(awk -v c="$catalog" -v p="$proxy" -v l="$load" \
    -v b=$((busy - mark_busy)) -v h="$clk_tck" -v e="$elapsed" -v n="${2:-0}" \
    'BEGIN{o = b - c - p - l; if (o < 0) o = 0; printf "%.2f %.2f %.2f %.2f %.0f\n", c/h/e, p/h/e, l/h/e, o/h/e, n ? p/h*1e6/n : 0}')
}
cpu_line() {
  say "CPU in cores: catalog $cpu_catalog, proxy $cpu_proxy ($cpu_proxy_us us per request), load generator $cpu_load, everything else $cpu_other"
  if awk -v o="$cpu_other" -v l="$quiet_limit" 'BEGIN{exit !(o > l)}'; then
    say "DISTURBED: other work used $cpu_other cores; busiest processes: $(busiest_since "$work/procs-before" "$cpu_elapsed")"
  fi
  return 0
}

# settle: waits (at most 4 s) until the catalog and both proxies are idle. After load stops they keep
# a core busy for a second or two (background JIT tier-up, GC), which would land in the next run.
settle() {
  local pids=("$catalog_pid" "$nginx_worker") before after deadline=$((SECONDS + 4))
  [[ -n "${gateway_pid:-}" ]] && pids+=("$gateway_pid")
  before=$(for pid in "${pids[@]}"; do cpu_ticks "$pid"; done | awk '{n += $1} END{print n}')
  while ((SECONDS < deadline)); do
    sleep 0.25
    after=$(for pid in "${pids[@]}"; do cpu_ticks "$pid"; done | awk '{n += $1} END{print n}')
    ((after - before <= 2)) && return 0
    before=$after
  done
  return 0
}

# median ARRAY PREFIX: the median of ARRAY[PREFIX/1..rounds] (the lower middle one for an even count).
median() {
  local -n values=$1
  local round
  for round in $(seq "$rounds"); do echo "${values[$2/$round]:-0}"; done | sort -g | awk '{v[NR] = $1} END{print v[int((NR + 1) / 2)]}'
}
# range ARRAY PREFIX: "lowest-highest" over the rounds.
range() {
  local -n values=$1
  local round
  for round in $(seq "$rounds"); do echo "${values[$2/$round]:-0}"; done | sort -g | awk 'NR == 1 {lo = $1} {hi = $1} END{print lo "-" hi}'
}

rss_kib() { awk '/^VmRSS:/{print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
mib() { awk -v k="$1" 'BEGIN{printf "%.0f", k/1024}'; }

# to_ms VALUE: wrk's "812.00us", "1.23ms", "1.02s", "2.00m" in milliseconds.
to_ms() {
  awk -v v="$1" 'BEGIN{
    n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
    if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000
    printf "%.3f", n }'
}

# ---------------------------------------------------------------------------------------------
# Machine and tools
# ---------------------------------------------------------------------------------------------

# bench_routes: mosaic.yaml's routes to the services this benchmark starts (identity and catalog);
# a route to a service missing from the manifest would stop every service at start-up.
bench_routes() {
  awk '/^routes:/ {inside = 1; print; next}
       inside && /^  - / {if (keep) printf "%s", block; block = ""; keep = 0}
       inside {block = block $0 "\n"; if ($0 ~ /^    service: (identity|catalog)$/) keep = 1}
       END {if (keep) printf "%s", block}' "$repo/mosaic.yaml"
}

install_tools() {
  local missing=()
  command -v wrk >/dev/null || missing+=(wrk)
  command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || missing+=(nginx)
  command -v curl >/dev/null || missing+=(curl)
  ((${#missing[@]} == 0)) && return 0
  [[ $(id -u) == 0 ]] || die "needs ${missing[*]}: run 'sudo apt-get install -y ${missing[*]}' first."
  say "installing ${missing[*]} with apt-get"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1 || {
    apt-get update -qq >/dev/null 2>&1
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  }
}
install_tools
export PATH="$PATH:/usr/sbin"

for port in $catalog_port $catalog_mgmt $gateway_port $gateway_mgmt $nginx_port; do
  port_in_use "$port" && die "port $port is in use; stop whatever listens there (ss -ltnp 'sport = :$port') and run again."
done

section "Machine"
cpu_model="$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
mem_total="$(awk '/^MemTotal:/{printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
os_name="$(. /etc/os-release && echo "$PRETTY_NAME")"
dotnet_sdk="$(dotnet --version)"
dotnet_runtime="$(dotnet --list-runtimes | awk '/Microsoft.AspNetCore.App/{v=$2} END{print v}')"
bench_date="$(date -u +%Y-%m-%d)"
read -r busy0 total0 < <(machine_ticks); sleep 2; read -r busy1 total1 < <(machine_ticks)
idle_busy=$(awk -v b=$((busy1 - busy0)) -v t=$((total1 - total0)) 'BEGIN{printf "%.0f", t ? 100*b/t : 0}')
say "date:        $(date -u '+%Y-%m-%d %H:%M UTC')"
say "cpus:        $(nproc) x $cpu_model"
say "memory:      $mem_total"
say "os:          $os_name, kernel $(uname -r)"
say ".NET:        SDK $dotnet_sdk, ASP.NET Core runtime $dotnet_runtime (every .NET process started with DOTNET_gcServer=0, as mosaic up does)"
say "tools:       $(wrk -v 2>&1 | head -1 | awk '{print $1, $2}'), $(nginx -v 2>&1 | sed 's/^nginx version: //')"
say "load before: CPU ${idle_busy}% busy over 2 s, load average $(cut -d' ' -f1-3 /proc/loadavg)"
((idle_busy > 20)) && say "WARNING:     the machine is busy before the run started; figures will be noisy."

# Everything below measure_proxies and measure_up fills these; the summary reads them.
declare -A base_url proxy_pid rps p50 p90 p99 pmax errors catalog_cores proxy_us other_cores
declare -A half_rate r50 r99 r999 rnote rproxy_us rother added50 added99
gateway_ok=0 gateway_note="" catalog_rss=0 gateway_rss=0 nginx_rss=0 result=""
endpoints=() endpoint_names=(item page) paths=()
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$result"; } # a key of rate-load's RESULT line

measure_proxies() {
  # ---------------------------------------------------------------------------------------------
  # Build (Release, into $artifacts so it never races another build of the checkout)
  # ---------------------------------------------------------------------------------------------

  section "Build (Release, --artifacts-path $artifacts)"
  build() {
    local project=$1 log="$work/build-$(basename "$1").log"
    if dotnet build "$repo/$project" -c Release --artifacts-path "$artifacts" -nologo -v q >"$log" 2>&1; then
      say "built $project"
    else
      say "BUILD FAILED: $project"; grep -E ' error ' "$log" | sort -u | head -5 | sed 's/^/    /'
      return 1
    fi
  }
  build src/Services/Catalog/Mosaic.Catalog || die "the catalog does not build; nothing to measure."
  build benchmarks/Mosaic.Bench.RateLoad || die "the rate-load tool does not build."
  gateway_built=1
  build src/Gateway/Mosaic.Gateway || gateway_built=0
  rate_load="$artifacts/bin/Mosaic.Bench.RateLoad/release/rate-load"

  # ---------------------------------------------------------------------------------------------
  # Start catalog, gateway and nginx on loopback
  # ---------------------------------------------------------------------------------------------

  section "Start"
  mkdir -p "$work/state" "$work/nginx/tmp"
  # The repository's routes, with ports moved off mosaic.yaml's and one instance of each service.
  cat >"$work/mosaic.yaml" <<EOF
name: mosaic-bench
services:
  identity:
    project: src/Services/Identity/Mosaic.Identity
    port: $identity_port
    managementPort: $identity_mgmt
    instances: 1
  catalog:
    project: src/Services/Catalog/Mosaic.Catalog
    port: $catalog_port
    managementPort: $catalog_mgmt
    instances: 1
    dependsOn: [identity]
  gateway:
    project: src/Gateway/Mosaic.Gateway
    port: $gateway_port
    managementPort: $gateway_mgmt
    instances: 1
    dependsOn: [identity, catalog]
$(bench_routes)
EOF

  # Plain HTTP behind the gateway, as behind nginx: this compares forwarders; benchmarks/policy/run.sh
  # measures what mutual TLS and the policy add to a hop.
  start_service() { # NAME DLL [VAR=VALUE...]
    local name=$1 dll=$2; shift 2
    (cd "$work" && exec env DOTNET_gcServer=0 ASPNETCORE_CONTENTROOT="$(dirname "$dll")" Mosaic__Manifest="$work/mosaic.yaml" Mosaic__StateDirectory="$work/state" \
        Mosaic__Environment=bench Mosaic__Security__MutualTls=false "$@" dotnet "$dll" >"$work/$name.log" 2>&1) &
    owned_pids+=($!)
    eval "${name}_pid=$!"
  }

  start_service catalog "$artifacts/bin/Mosaic.Catalog/release/Mosaic.Catalog.dll"
  # shellcheck disable=SC2154 # set by start_service
  wait_ready "http://127.0.0.1:$catalog_mgmt/health/ready" "$catalog_pid" 60 ||
    die "the catalog did not become ready ($(last_error "$work/catalog.log"))."
  product_id="$(curl -fsS "http://127.0.0.1:$catalog_port/products?pageSize=1" | grep -o '"id":"[^"]*"' | head -1 | cut -d'"' -f4)"
  [[ -n "$product_id" ]] || die "the catalog returned no seeded product."
  say "catalog ready (pid $catalog_pid) on 127.0.0.1:$catalog_port; seeded product $product_id"

  gateway_ok=0 gateway_note=""
  if ((gateway_built)); then
    # Rate limiting off: this measures the forwarder, and one load generator is one client.
    start_service gateway "$artifacts/bin/Mosaic.Gateway/release/Mosaic.Gateway.dll" \
      Mosaic__Endpoints__catalog="http://127.0.0.1:$catalog_port" Mosaic__Endpoints__identity="http://127.0.0.1:$identity_port" \
      Gateway__RateLimit__Enabled=false Gateway__RateLimit__PermitsPerSecond=1000000 Gateway__RateLimit__Burst=10000000
    # shellcheck disable=SC2154 # set by start_service
    if ! wait_ready "http://127.0.0.1:$gateway_mgmt/health/ready" "$gateway_pid" 60; then
      gateway_note="did not become ready ($(last_error "$work/gateway.log"))"
    elif ! curl -fsS -o /dev/null --max-time 5 "http://127.0.0.1:$gateway_port/api/catalog/products/$product_id"; then
      gateway_note="does not forward GET /api/catalog/products/{id} ($(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$gateway_port/api/catalog/products/$product_id"))"
    else
      gateway_ok=1
      say "gateway ready (pid $gateway_pid) on 127.0.0.1:$gateway_port, rate limiting off"
    fi
  else
    gateway_note="does not build"
  fi
  ((gateway_ok)) || say "gateway NOT MEASURED: $gateway_note"

  # nginx as the reference proxy: one worker, a keepalive pool to the same catalog, the same prefix
  # stripping and X-Forwarded-* headers the gateway adds, no access log (the gateway keeps none per request).
  cat >"$work/nginx/nginx.conf" <<EOF
worker_processes 1;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $work/nginx/tmp/body;
  proxy_temp_path $work/nginx/tmp/proxy;
  fastcgi_temp_path $work/nginx/tmp/fastcgi;
  uwsgi_temp_path $work/nginx/tmp/uwsgi;
  scgi_temp_path $work/nginx/tmp/scgi;
  upstream catalog {
    server 127.0.0.1:$catalog_port;
    keepalive 128;
  }
  server {
    listen 127.0.0.1:$nginx_port;
    location /api/catalog/ {
      proxy_pass http://catalog/;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$remote_addr;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_set_header X-Forwarded-Host \$host;
    }
  }
}
EOF
  nginx -t -q -c "$work/nginx/nginx.conf" -e "$work/nginx/error.log" || die "the nginx configuration is invalid."
  nginx -c "$work/nginx/nginx.conf" -e "$work/nginx/error.log" &
  nginx_pid=$!
  owned_pids+=("$nginx_pid")
  wait_ready "http://127.0.0.1:$nginx_port/api/catalog/products/$product_id" "$nginx_pid" 15 || die "nginx did not start."
  nginx_worker="$(pgrep -P "$nginx_pid" | head -1)"
  say "nginx ready (master $nginx_pid, one worker $nginx_worker) on 127.0.0.1:$nginx_port"

  sleep 2
  catalog_rss=$(rss_kib "$catalog_pid")
  nginx_rss=$(($(rss_kib "$nginx_pid") + $(rss_kib "$nginx_worker")))
  gateway_rss=0
  ((gateway_ok)) && gateway_rss=$(rss_kib "$gateway_pid")
  say "idle RSS:    catalog $(mib "$catalog_rss") MiB, gateway $( ((gateway_ok)) && echo "$(mib "$gateway_rss") MiB" || echo "n/a"), nginx (master + worker) $(mib "$nginx_rss") MiB"

  base_url=(
    [direct]="http://127.0.0.1:$catalog_port"
    [gateway]="http://127.0.0.1:$gateway_port/api/catalog"
    [nginx]="http://127.0.0.1:$nginx_port/api/catalog"
  )
  proxy_pid=([direct]="" [gateway]="${gateway_pid:-}" [nginx]="$nginx_worker")
  endpoints=("/products/$product_id" "/products?pageSize=20")
    paths=(direct nginx)
  ((gateway_ok)) && paths+=(gateway)

  # ---------------------------------------------------------------------------------------------
  # Peak throughput with wrk (closed loop: each connection sends its next request when the last answered)
  # ---------------------------------------------------------------------------------------------

  # JIT tiering and dynamic PGO take the first seconds of load: warm every path once before anything
  # is measured, so the first path measured is not measured on colder code than the others.
  section "Warm-up: each path and endpoint, wrk -t$wrk_threads -c$wrk_connections -d${warmup}s, not measured"
  for e in 0 1; do
    for path in "${paths[@]}"; do
      timeout $((warmup + 30)) wrk -t"$wrk_threads" -c"$wrk_connections" -d"${warmup}s" "${base_url[$path]}${endpoints[$e]}" |
        awk -v p="$path ${endpoints[$e]}" '/^Requests\/sec:/{print "  " p ": " $2 " req/s"}'
    done
  done

  # Rounds: the paths are measured in turn, in a rotating order, and the summary takes the median
  # over rounds, so a stretch of other work on this shared machine (or a slower spell of the VM)
  # spoils one round of one path, not the comparison.
  section "Peak: wrk -t$wrk_threads -c$wrk_connections -d${duration}s --latency, $rounds rounds"
  local round order
  for e in 0 1; do
    for round in $(seq "$rounds"); do
      order=("${paths[@]:$(((round - 1) % ${#paths[@]}))}" "${paths[@]:0:$(((round - 1) % ${#paths[@]}))}")
      for path in "${order[@]}"; do
        key="$path/${endpoint_names[$e]}/$round"
        url="${base_url[$path]}${endpoints[$e]}"
        settle
        cpu_mark "${proxy_pid[$path]}"
        out="$(timeout $((duration + 30)) wrk -t"$wrk_threads" -c"$wrk_connections" -d"${duration}s" --latency "$url")"
        cpu_since "${proxy_pid[$path]}" "$(awk '/requests in/{print $1}' <<<"$out")"
        say ""; say "--- round $round: $path ${endpoints[$e]} ($url)"; say "$out"; cpu_line
        rps[$key]=$(awk '/^Requests\/sec:/{printf "%.0f", $2}' <<<"$out")
        p50[$key]=$(to_ms "$(awk '$1=="50%"{print $2}' <<<"$out")")
        p90[$key]=$(to_ms "$(awk '$1=="90%"{print $2}' <<<"$out")")
        p99[$key]=$(to_ms "$(awk '$1=="99%"{print $2}' <<<"$out")")
        pmax[$key]=$(to_ms "$(awk '$1=="Latency" && NF>=5 {print $4; exit}' <<<"$out")")
        errors[$key]=$(awk '/Non-2xx or 3xx responses:/{n+=$NF} /Socket errors:/{gsub(",",""); n+=$4+$6+$8+$10} END{print n+0}' <<<"$out")
        catalog_cores[$key]=$cpu_catalog proxy_us[$key]=$cpu_proxy_us other_cores[$key]=$cpu_other
      done
    done
  done

  # ---------------------------------------------------------------------------------------------
  # Added latency at half of the gateway's peak: constant arrival rate, latency from scheduled send
  # ---------------------------------------------------------------------------------------------

  ((gateway_ok)) || return 0
  section "Half of the gateway's peak: rate-load, constant arrival rate, $rate_connections connections, ${duration} s after a ${rate_warmup} s warm-up, $rounds rounds"
  local rate_paths=(direct gateway nginx)
  for e in 0 1; do
    name=${endpoint_names[$e]}
    half_rate[$name]=$(($(median rps gateway/$name) / 2))
    for round in $(seq "$rounds"); do
      order=("${rate_paths[@]:$(((round - 1) % 3))}" "${rate_paths[@]:0:$(((round - 1) % 3))}")
      for path in "${order[@]}"; do
        key="$path/$name/$round"
        url="${base_url[$path]}${endpoints[$e]}"
        settle
        cpu_mark "${proxy_pid[$path]}"
        out="$(timeout $((duration + rate_warmup + 60)) "$rate_load" --url "$url" --rate "${half_rate[$name]}" \
          --duration "${duration}s" --warmup "${rate_warmup}s" --connections "$rate_connections" 2>&1 || true)"
        cpu_since "${proxy_pid[$path]}" "$(awk '/^  statuses/{for (i = 3; i <= NF; i++) if ($i ~ /^[0-9]+,?$/) n += $i} END{print n+0}' <<<"$out")"
        say ""; say "--- round $round: $path ${endpoints[$e]} at ${half_rate[$name]} req/s"; say "$out"; cpu_line
        result="$(grep '^RESULT ' <<<"$out" || true)"
        rproxy_us[$key]=$cpu_proxy_us rother[$key]=$cpu_other
        r50[$key]=$(field p50_ms); r99[$key]=$(field p99_ms); r999[$key]=$(field p999_ms)
        if [[ -z "$result" ]]; then rnote[$path/$name]+="round $round: no result; "
        elif [[ "$(field saturated)" == 1 || "$(field failed)" != 0 ]]; then rnote[$path/$name]+="round $round: $(field failed) failed; "
        fi
      done
      added50[$name/$round]=$(awk -v a="${r50[gateway/$name/$round]:-0}" -v b="${r50[direct/$name/$round]:-0}" 'BEGIN{printf "%.3f", a-b}')
      added99[$name/$round]=$(awk -v a="${r99[gateway/$name/$round]:-0}" -v b="${r99[direct/$name/$round]:-0}" 'BEGIN{printf "%.3f", a-b}')
    done
  done
  return 0
}

# ---------------------------------------------------------------------------------------------
# ./mosaic up --no-build: time to all ready, idle memory per instance
# ---------------------------------------------------------------------------------------------

declare -A up_seconds up_rss
up_note=""

# up_once LABEL: starts `./mosaic up --no-build` in environment $up_env and times it to the first
# `./mosaic status` that exits 0; records idle RSS per instance, then `./mosaic down`.
up_once() {
  local label=$1 begin end deadline status_json
  begin=$(date +%s.%N)
  (cd "$repo" && exec ./mosaic up --no-build -e "$up_env" </dev/null >"$work/mosaic-up-$label.log" 2>&1) &
  up_pid=$!
  deadline=$((SECONDS + 120))
  until (cd "$repo" && ./mosaic status -e "$up_env" >/dev/null 2>&1); do
    if ((SECONDS > deadline)) || ! kill -0 "$up_pid" 2>/dev/null; then
      up_note="$label start not all ready within 120 s: $(tail -3 "$work/mosaic-up-$label.log" | tr '\n' ' ' | cut -c1-300)"
      return 1
    fi
    sleep 0.2
  done
  end=$(date +%s.%N)
  up_seconds[$label]=$(awk -v a="$begin" -v b="$end" 'BEGIN{printf "%.1f", b-a}')
  sleep 3 # idle: no traffic but the readiness probes of mosaic status
  status_json="$(cd "$repo" && ./mosaic status -e "$up_env" --json 2>/dev/null || true)"
  up_rss[$label]="$(jq -r '.[] | "\(.service)-\(.instance) \(.pid)"' <<<"$status_json" 2>/dev/null |
    while read -r id pid; do [[ "$pid" =~ ^[0-9]+$ ]] && printf '%s %s MiB, ' "$id" "$(mib "$(rss_kib "$pid")")"; done | sed 's/, $//')"
  say "$label start: all ready after ${up_seconds[$label]} s; idle RSS ${up_rss[$label]}"
  (cd "$repo" && timeout 60 ./mosaic down -e "$up_env" >/dev/null 2>&1) || kill -TERM "$up_pid" 2>/dev/null || true
  wait "$up_pid" 2>/dev/null || true
  up_pid=""
}

measure_up() {
  section "./mosaic up --no-build until ./mosaic status exits 0 (polled every 0.2 s; one status call takes a few tenths of a second itself)"
  [[ -x "$repo/mosaic" ]] || { up_note="no ./mosaic in the checkout"; return; }
  local missing port
  missing="$(cd "$repo" && for p in $(awk '/^ *project:/{print $2}' mosaic.yaml); do
    n=$(basename "$p"); [[ -f "artifacts/bin/$n/release/$n.dll" ]] || echo "$n"; done)"
  [[ -z "$missing" ]] || { up_note="not built in Release ($(echo $missing)): run ./mosaic up once, then run.sh again"; return; }
  for port in $(awk '/^ *(port|managementPort):/{print $2}' "$repo/mosaic.yaml"); do
    port_in_use "$port" && { up_note="port $port (mosaic.yaml) is in use: is a mosaic up already running?"; return; }
  done
  # A throwaway environment (.mosaic/bench-PID, removed on exit): the first start creates the databases,
  # seeds the catalog and generates the signing key; the second starts on that state.
  up_env="bench-$$"
  (cd "$repo" && ./mosaic status -e "$up_env" >/dev/null 2>&1 || true) # builds the CLI first if its sources changed, outside the timing
  up_once first && up_once second
  return 0
}

# ---------------------------------------------------------------------------------------------
# Summary
# ---------------------------------------------------------------------------------------------

summarize_proxies() {
  local e path name prefix g n
  say "Peak: wrk -t$wrk_threads -c$wrk_connections -d${duration}s, median of $rounds rounds (latency of the closed loop in ms; CPU in cores):"
  printf '  %-8s %-22s %6s %11s %8s %8s %8s %8s %6s %8s %9s %6s\n' path endpoint "req/s" "(range)" p50 p90 p99 max errors catalog "proxy us" other
  for e in 0 1; do
    for path in "${paths[@]}"; do
      prefix="$path/${endpoint_names[$e]}"
      printf '  %-8s %-22s %6s %11s %8s %8s %8s %8s %6s %8s %9s %6s\n' "$path" "${endpoints[$e]/$product_id/\{id\}}" \
        "$(median rps "$prefix")" "($(range rps "$prefix"))" "$(median p50 "$prefix")" "$(median p90 "$prefix")" \
        "$(median p99 "$prefix")" "$(median pmax "$prefix")" "$(median errors "$prefix")" "$(median catalog_cores "$prefix")" \
        "$([[ $path == direct ]] && echo - || median proxy_us "$prefix")" "$(median other_cores "$prefix")"
    done
  done
  say "  (proxy us: the proxy's CPU time per request. other: cores used by everything but the catalog, the proxy and"
  say "   wrk, i.e. kernel loopback work not charged to a process plus any other work on the machine, which disturbs"
  say "   the run; runs above $quiet_limit are marked DISTURBED in the raw output with the busiest processes)"

  if ((gateway_ok)); then
    say ""
    say "At half of the gateway's median peak, constant arrival rate (rate-load), latency from scheduled send in ms,"
    say "median of $rounds rounds; 'adds' is the median over rounds of gateway minus direct measured in the same round:"
    printf '  %-22s %6s %15s %15s %15s %15s %18s %15s\n' endpoint "req/s" "direct p50/p99" "gateway p50/p99" "nginx p50/p99" "gw adds p50/p99" "proxy us gw/nginx" "other d/gw/ng"
    for e in 0 1; do
      name=${endpoint_names[$e]}
      printf '  %-22s %6s %15s %15s %15s %15s %18s %15s\n' "${endpoints[$e]/$product_id/\{id\}}" "${half_rate[$name]}" \
        "$(median r50 "direct/$name")/$(median r99 "direct/$name")" "$(median r50 "gateway/$name")/$(median r99 "gateway/$name")" \
        "$(median r50 "nginx/$name")/$(median r99 "nginx/$name")" "$(median added50 "$name")/$(median added99 "$name")" \
        "$(median rproxy_us "gateway/$name")/$(median rproxy_us "nginx/$name")" \
        "$(median rother "direct/$name")/$(median rother "gateway/$name")/$(median rother "nginx/$name")"
      for path in direct gateway nginx; do
        [[ -n "${rnote[$path/$name]:-}" ]] && say "    $path: ${rnote[$path/$name]}"
      done
    done
    say ""
    say "Goal: the gateway at least matches nginx's requests/s, and adds at most 1 ms p99 at half of its peak rate."
    for e in 0 1; do
      name=${endpoint_names[$e]}
      g=$(median rps "gateway/$name") n=$(median rps "nginx/$name")
      say "  ${endpoints[$e]/$product_id/\{id\}}: req/s gateway $g vs nginx $n ($(awk -v g="$g" -v n="$n" 'BEGIN{printf "%+.0f%%", n ? 100*(g-n)/n : 0}')) -> $( ((g >= n)) && echo MET || echo 'NOT MET');" \
        "added p99 $(median added99 "$name") ms -> $(awk -v a="$(median added99 "$name")" 'BEGIN{print (a <= 1.0) ? "MET" : "NOT MET"}')"
    done
  else
    say ""
    say "Gateway not measured: $gateway_note"
  fi

  say ""
  say "Idle RSS after start (benchmark instances): catalog $(mib "$catalog_rss") MiB, gateway $( ((gateway_ok)) && echo "$(mib "$gateway_rss") MiB" || echo n/a), nginx $(mib "$nginx_rss") MiB"
  return 0
}

[[ "${UP_ONLY:-0}" == 1 ]] || measure_proxies
[[ "${SKIP_UP:-0}" == 1 ]] || measure_up

section "Summary ($bench_date; $(nproc) x $cpu_model, $mem_total, $os_name, .NET $dotnet_runtime; run took $((SECONDS - started_at)) s)"
[[ "${UP_ONLY:-0}" == 1 ]] || summarize_proxies
if [[ "${SKIP_UP:-0}" != 1 ]]; then
  if [[ -n "${up_seconds[first]:-}" ]]; then
    say "./mosaic up --no-build -> ./mosaic status exit 0: first start (fresh state) ${up_seconds[first]} s, second start ${up_seconds[second]:-n/a} s"
    say "idle RSS after mosaic up: ${up_rss[second]:-${up_rss[first]}}"
  else
    say "./mosaic up timing not measured: $up_note"
  fi
fi
