#!/usr/bin/env bash
# Shared start-up code of the Leadline benchmarks (bench/*-bench.sh).
# Sourced, not run: the caller has done `set -euo pipefail`, cd'd to the repository root and set
# root=$(pwd). It checks the tools, makes the temp folder $tmp (removed at exit unless BENCH_KEEP=1)
# and installs the cleanup trap (stops every process started with start_in, and PostgreSQL), then
# defines helpers: start_in/stop_pid, CPU accounting from /proc (ticks, sys_ticks, pg_pids,
# check_idle, cpu_report), build, pick_port, wait_http, and the Leadline start-up in five steps:
#   leadline_build           Release build of Leadline.sln (unless BENCH_SKIP_BUILD=1), binaries checked
#   leadline_start_pg        private durable PostgreSQL (scripts/pg.sh) on a free 127.0.0.1 port; psql_q
#   leadline_migrate_seed    migrate + ApiHost seed (demo account); sets token, list_id,
#                            account_id, campaign_id, api_url and the silo's ports
#   leadline_spawn_servers   the processes of BENCH_TOPOLOGY that are not running (extra VAR=value words
#                            from the arrays silo_extra_env / api_extra_env); sets silo_pid, api_pid
#   leadline_wait_ready      waits for GET /health/ready = 200 and checks the silo is alive
#
# BENCH_TOPOLOGY (default cohosted, what ./run.sh runs):
#   cohosted  one process: the API host with its silo inside (Leadline__Topology=cohosted); silo_pid = api_pid,
#             it gets both silo_extra_env and api_extra_env; silo.log is a link to api.log
#   separate  a standalone silo (src/Silo) and the API host as its Orleans client (Leadline__Topology=client)
# A restart, in either: stop_pid "$silo_pid"; leadline_spawn_servers; leadline_wait_ready (spawn starts only
# what is not running, so in the separate topology the API host stays up and reconnects).
# silo_metrics_url: the Prometheus page with the silo's meters (Leadline.Storage) in either topology.

topology=${BENCH_TOPOLOGY:-cohosted}
case "$topology" in cohosted|separate) ;; *) echo "BENCH_TOPOLOGY must be cohosted or separate, not '$topology'" >&2; exit 1 ;; esac

hz=$(getconf CLK_TCK)
ncpu=$(nproc)

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
die() { log "FAILED: $*" >&2; exit 1; }

# ---------------------------------------------------------------- prerequisites
if ! command -v wrk >/dev/null; then
  log "wrk is missing; installing the Debian package"
  if [[ $(id -u) -eq 0 ]]; then apt-get install -y wrk >/dev/null || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
  else sudo apt-get install -y wrk >/dev/null; fi
fi
for tool in wrk dotnet curl; do command -v "$tool" >/dev/null || die "$tool is not installed"; done
psql_bin=$(command -v psql || ls -d /usr/lib/postgresql/*/bin/psql 2>/dev/null | sort -V | tail -n 1 || true)
[[ -x "$psql_bin" ]] || die "psql not found (apt-get install -y postgresql-client)"

# ---------------------------------------------------------------- temp folder and cleanup
tmp=$(mktemp -d /tmp/leadline-bench.XXXXXX)
chmod 755 "$tmp" # the PostgreSQL cluster inside runs as the postgres user
pids=()
perf_pids=() # processes that write /tmp/perf-PID.map (BENCH_PERF=1)
pg_started=0
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  if [[ $pg_started == 1 ]]; then scripts/pg.sh stop "$tmp/pg" || true; fi
  for pid in "${perf_pids[@]}"; do rm -f "/tmp/perf-$pid.map" "/tmp/perfinfo-$pid.map" "/tmp/jit-$pid.dump"; done
  if [[ "${BENCH_KEEP:-0}" == 1 ]]; then log "logs kept in $tmp"; else rm -rf "$tmp"; fi
  exit "$status"
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT TERM

# Starts "$@" in the background with its working directory $1; remembers its pid.
start_in() {
  local dir=$1 out=$2; shift 2
  (cd "$dir" && exec "$@") >"$out" 2>&1 &
  pids+=($!)
  last_pid=$!
}

stop_pid() {
  local pid=$1
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  local kept=() p
  for p in "${pids[@]}"; do [[ $p == "$pid" ]] || kept+=("$p"); done
  pids=("${kept[@]}")
}

# ---------------------------------------------------------------- CPU accounting from /proc
# utime+stime (+ reaped children's) of the given pids, in clock ticks.
ticks() {
  local total=0 pid rest
  for pid in "$@"; do
    rest=$(sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null) || continue
    read -r -a f <<<"$rest"
    total=$(( total + f[11] + f[12] + f[13] + f[14] ))
  done
  echo "$total"
}
# "busy iowait total" ticks of the whole machine.
sys_ticks() { awk '/^cpu /{t=0; for(i=2;i<=NF;i++) t+=$i; print t-$5-$6, $6, t}' /proc/stat; }
pg_pids() { local pm; pm=$(head -n 1 "$tmp/pg/postmaster.pid"); echo "$pm" $(pgrep -P "$pm" || true); }
now() { date +%s.%N; }

# Busy share of the machine over 2 s before a phase: other work on the box skews every figure.
busy_pct() { # busy share of the machine over 2 s
  local a b
  read -r -a a <<<"$(sys_ticks)"; sleep 2; read -r -a b <<<"$(sys_ticks)"
  awk -v x=$(( b[0] - a[0] )) -v t=$(( b[2] - a[2] )) 'BEGIN{printf "%.0f", t ? 100*x/t : 0}'
}
check_idle() {
  local busy waited=0
  busy=$(busy_pct)
  while (( busy > 15 && waited < ${BENCH_IDLE_WAIT:-90} )); do
    (( waited == 0 )) && log "machine ${busy}% busy before $1 (not this bench); waiting up to ${BENCH_IDLE_WAIT:-90} s for it to calm down"
    sleep 3; waited=$(( waited + 5 ))
    busy=$(busy_pct)
  done
  log "machine busy before $1: ${busy}% of $ncpu cores (load: $(cut -d' ' -f1-3 /proc/loadavg))"
  if (( busy > 15 )); then
    log "WARNING: something else is using the CPU; the figures of this run will be skewed. Top processes:"
    top -b -n 1 -w 160 | sed -n '8,13p'
    idle_warnings+=("$1: machine ${busy}% busy before start")
  fi
}
idle_warnings=()

cpu_report() {
  local role pct
  local secs=$sample_secs
  printf '  CPU over %ss of the measured run (%% of one core; %d cores = %d%%):\n' "$secs" "$ncpu" $(( ncpu * 100 ))
  # Co-hosted, "silo" and "api host" are one process: counted once, under the first role naming it.
  local counted=() seen=" " key
  for role in "${role_order[@]}"; do
    key="${roles[$role]:-}"
    if [[ -n $key && $seen == *" <$key> "* ]]; then
      printf '    %-22s (the same process as above)\n' "$role"; continue
    fi
    [[ -n $key ]] && seen+="<$key> "
    counted+=("$role")
    pct=$(awk -v d=$(( cpu1[$role] - cpu0[$role] )) -v s="$secs" -v hz="$hz" 'BEGIN{printf "%.0f", 100*d/hz/s}')
    printf '    %-22s %4s%%\n' "$role" "$pct"
  done
  local ours=0
  for role in "${counted[@]}"; do ours=$(( ours + cpu1[$role] - cpu0[$role] )); done
  awk -v o="$ours" -v s="$secs" -v hz="$hz" -v b=$(( sys1[0] - sys0[0] )) -v w=$(( sys1[1] - sys0[1] )) \
      -v t=$(( sys1[2] - sys0[2] )) -v n="$ncpu" 'BEGIN{
    if (!t) exit
    other = n*100*b/t - 100*o/hz/s; if (other < 0) other = 0
    warn = ""; if (other > 15) warn = "   WARNING: other work on the machine skews this run"
    printf "    %-22s %4.0f%%%s\n", "everything else", other, warn
    printf "    %-22s %4.0f%% busy, %.0f%% iowait, %.0f%% idle (of %d%%)\n", "whole machine", n*100*b/t, n*100*w/t, n*100*(t-b-w)/t, n*100 }'
}

# ---------------------------------------------------------------- build
build() {
  local what=$1 attempt
  for attempt in 1 2 3; do
    if dotnet build "$what" -c Release -nologo -v quiet --disable-build-servers >"$tmp/build.log" 2>&1; then return 0; fi
    if [[ $attempt -lt 3 ]]; then
      log "build of $what failed (attempt $attempt; src/ may be mid-edit); retrying in 60 s"
      grep -E 'error' "$tmp/build.log" | sort -u | head -n 5 >&2 || true
      sleep 60
    fi
  done
  tail -n 30 "$tmp/build.log" >&2
  die "build of $what failed"
}
silo_bin="$root/src/Silo/bin/Release/net10.0"
api_bin="$root/src/ApiHost/bin/Release/net10.0"

# scripts/free-port.sh finds a port nobody listens on; it may still lie in the kernel's ephemeral
# range, where an outgoing connection of this busy bench can hold it by the time a server binds
# ("address already in use"). Draw again until it is below that range and not drawn before.
ephemeral_low=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
drawn_ports=" "
pick_port() { # pick_port VAR
  local port
  for _ in $(seq 1 100); do
    port=$(scripts/free-port.sh)
    if (( port < ephemeral_low )) && [[ $drawn_ports != *" $port "* ]]; then break; fi
  done
  drawn_ports+="$port "
  printf -v "$1" '%s' "$port"
}

wait_http() { # wait_http URL SECONDS PID NAME LOG
  local url=$1 secs=$2 pid=$3 name=$4 out=$5 i
  for i in $(seq 1 $(( secs * 2 ))); do
    curl -fs -o /dev/null "$url" && return 0
    kill -0 "$pid" 2>/dev/null || { tail -n 30 "$out" >&2; die "$name exited during start"; }
    sleep 0.5
  done
  tail -n 30 "$out" >&2
  die "$name did not answer $url within $secs s"
}

# ---------------------------------------------------------------- Leadline start-up
psql_q() { "$psql_bin" -h 127.0.0.1 -p "$pg_port" -U postgres -d leadline -XAtq -c "$1"; }

# leadline_build: the Release build of Leadline.sln unless BENCH_SKIP_BUILD=1 (then the last one is used).
leadline_build() {
  if [[ "${BENCH_SKIP_BUILD:-0}" != 1 ]]; then
    log "building Leadline.sln (Release)"
    build Leadline.sln
  fi
  local f
  for f in "$silo_bin/Leadline.Silo.dll" "$api_bin/Leadline.ApiHost.dll"; do
    [[ -f $f ]] || die "$f is missing (build first)"
  done
}

leadline_start_pg() {
  pick_port pg_port
  log "starting PostgreSQL on 127.0.0.1:$pg_port (durable: fsync on)"
  pg_started=1
  scripts/pg.sh start "$tmp/pg" "$pg_port"
  export ConnectionStrings__Leadline="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=leadline${BENCH_CONN_EXTRA:-}"
}

leadline_migrate_seed() {
  pick_port api_port
  api_url="http://127.0.0.1:$api_port"
  pick_port silo_port
  pick_port metrics_port
  pick_port gateway_port

  log "migrating and seeding the demo account (topology: $topology)"
  if [[ $topology == cohosted ]]; then migrate_cmd=(dotnet Leadline.ApiHost.dll migrate); migrate_dir=$api_bin
  else migrate_cmd=(dotnet Leadline.Silo.dll migrate); migrate_dir=$silo_bin; fi
  (cd "$migrate_dir" && "${migrate_cmd[@]}") >"$tmp/migrate.log" 2>&1 || { cat "$tmp/migrate.log" >&2; die "migration failed"; }
  (cd "$api_bin" && dotnet Leadline.ApiHost.dll seed "$tmp/demo.env" "$api_url") >"$tmp/seed.log" 2>&1 || { cat "$tmp/seed.log" >&2; die "seed failed"; }
  token=$(sed -n 's/^LEADLINE_TOKEN=//p' "$tmp/demo.env")
  list_id=$(sed -n 's/^LEADLINE_LIST_ID=//p' "$tmp/demo.env")
  account_id=$(sed -n 's/^LEADLINE_ACCOUNT_ID=//p' "$tmp/demo.env")
  campaign_id=$(sed -n 's/^LEADLINE_CAMPAIGN_ID=//p' "$tmp/demo.env")
  [[ -n $token && -n $list_id ]] || die "seed wrote no token/list to demo.env"
}

silo_extra_env=()
api_extra_env=()
silo_pid=""
api_pid=""
alive() { [[ -n ${1:-} ]] && kill -0 "$1" 2>/dev/null; }
leadline_spawn_servers() {
  # The benches' webhook receiver listens on 127.0.0.1, which production refuses as a webhook target.
  # The per-token rate limit (default 200/s) would measure the limiter, not Leadline: off unless BENCH_RATE_LIMIT is set.
  local silo_env=(Leadline__Workflows__AllowInternalTargets=true Leadline__SiloPort="$silo_port" Leadline__GatewayPort="$gateway_port"
    Leadline__ClusterId=bench)
  local api_env=(Leadline__RateLimit__PerTokenPerSecond="${BENCH_RATE_LIMIT:-0}" Leadline__Workflows__AllowInternalTargets=true
    Leadline__ClusterId=bench ASPNETCORE_URLS="$api_url" Urls="$api_url")
  if [[ $topology == cohosted ]]; then
    alive "$api_pid" && return 0
    log "starting the API host with its silo (co-hosted; silo port $silo_port, gateway $gateway_port) on $api_url"
    start_in "$api_bin" "$tmp/api.log" env "${silo_env[@]}" "${api_env[@]}" "${silo_extra_env[@]}" "${api_extra_env[@]}" \
      Leadline__Topology=cohosted dotnet Leadline.ApiHost.dll
    api_pid=$last_pid
    silo_pid=$api_pid
    ln -sfn api.log "$tmp/silo.log"
    silo_metrics_url="$api_url/metrics"
    return 0
  fi
  if ! alive "$silo_pid"; then
    log "starting the silo (silo port $silo_port, gateway $gateway_port, metrics $metrics_port)"
    start_in "$silo_bin" "$tmp/silo.log" env "${silo_env[@]}" "${silo_extra_env[@]}" Leadline__MetricsPort="$metrics_port" \
      dotnet Leadline.Silo.dll
    silo_pid=$last_pid
  fi
  if ! alive "$api_pid"; then
    log "starting the API host (Orleans client of the silo) on $api_url"
    start_in "$api_bin" "$tmp/api.log" env "${api_env[@]}" "${api_extra_env[@]}" Leadline__Topology=client dotnet Leadline.ApiHost.dll
    api_pid=$last_pid
  fi
  silo_metrics_url="http://127.0.0.1:$metrics_port/metrics"
}

leadline_wait_ready() {
  wait_http "$api_url/health/ready" 90 "$api_pid" "API host" "$tmp/api.log"
  alive "$silo_pid" || { tail -n 30 "$tmp/silo.log" >&2; die "silo exited"; }
}

# ---------------------------------------------------------------- exact fills
# counted_fill NAME LIST RUN COUNT HOPPER [EXPIRES_MIN] [PHONES_FILE] [MAX_SECONDS]
#   Exactly COUNT inserts (check_dup=1 check_dnc=1, hopper=HOPPER) into LIST with bench/counted-fill.lua,
#   wrk -t$fill_threads -c$fill_connections (the caller sets both); dies unless every one succeeded.
#   Sets F_ok F_not_ok F_sock_errors F_seconds F_first_error F_done_at F_rate.
counted_fill() {
  local name=$1 list=$2 run=$3 count=$4 hopper=$5 expires=${6:-} phones_file=${7:-} max_seconds=${8:-120}
  local out="$tmp/wrk-fill-$name.log" done_prefix="$tmp/fill-$name.done" t0 t1 rc=0 i line kv p kept=()
  log "$name: inserting $count leads with hopper=$hopper${expires:+ hopper_expires_in=$expires} (wrk -t$fill_threads -c$fill_connections)"
  t0=$(now)
  wrk -t"$fill_threads" -c"$fill_connections" -d"${max_seconds}s" --timeout 10s -s "$root/bench/counted-fill.lua" "$api_url" \
    -- "$token" "$list" "$run" "$count" "$fill_threads" "$done_prefix" "$hopper" "$expires" "$phones_file" >"$out" 2>&1 &
  local wrk_pid=$!
  pids+=("$wrk_pid")
  # wrk runs until -d even when its threads stopped: end it (SIGINT: it still prints) once every
  # thread has had all its inserts answered.
  while kill -0 "$wrk_pid" 2>/dev/null; do
    for (( i = 0; i < fill_threads; i++ )); do [[ -e "$done_prefix.$i" ]] || break; done
    (( i == fill_threads )) && break
    sleep 0.05
  done
  t1=$(now)
  kill -INT "$wrk_pid" 2>/dev/null || true
  wait "$wrk_pid" || rc=$?
  for p in "${pids[@]}"; do [[ $p == "$wrk_pid" ]] || kept+=("$p"); done
  pids=("${kept[@]}")
  line=$(grep '^BENCH ' "$out" || true)
  [[ $rc -eq 0 && -n $line ]] || { cat "$out" >&2; die "wrk fill $name failed"; }
  for kv in ${line#BENCH }; do printf -v "F_${kv%%=*}" '%s' "${kv#*=}"; done
  F_first_error=$(sed -n 's/^BENCH_FIRST_ERROR //p' "$out")
  F_done_at=$t1
  F_rate=$(awk -v n="$F_ok" -v a="$t0" -v b="$t1" 'BEGIN{printf "%.0f", n / (b - a)}')
  log "$name: $F_ok inserted, $F_not_ok refused, socket errors $F_sock_errors, in $(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.1f", b - a}') s ($F_rate/s)"
  (( F_ok == count && F_not_ok == 0 && F_sock_errors == 0 )) || die "fill $name: $F_ok of $count inserted; first error: $F_first_error"
}
