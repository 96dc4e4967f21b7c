#!/usr/bin/env bash
# Leadline insert benchmark: durable inserts/s of POST /v1/leads/insert as a ratio of a plain Kestrel
# no-op form endpoint measured in the same run on the same machine. See bench/README.md.
#
#   bench/insert-bench.sh                   build, baseline, Leadline, summary (about 2 minutes)
#
# Prints the result lines of bench/run.sh's contract on stdout: BENCH_RESULT insert_rps= noop_rps=
# insert_ratio= insert_p99_ms= (and dup_* / hot_* with the modes below).
#
# Environment knobs (defaults in brackets):
#   BENCH_TOPOLOGY [cohosted]  cohosted = the API host with its silo in one process (./run.sh's default);
#                        separate = a standalone silo and the API host as its Orleans client (docker-compose)
#   BENCH_MODE [unique]  unique: every request a new phone (the insert figure).
#                        duplicates: after the unique run, the same phones again (check_dup=1, 100% refused
#                          with 6009): refusals/s = dup_rps, dup_ratio = dup_rps / the same run's no-op.
#                        hotspread: inserts spread round-robin over 50 campaigns (a list each), then the
#                          unique run into the one demo list: hot_rps, spread_rps, hot_vs_spread.
#   BENCH_DURATION [20]  measured seconds per server     BENCH_WARMUP [5]   warm-up seconds
#   BENCH_THREADS  [2]   wrk threads                      BENCH_CONNECTIONS [256] wrk connections
#   BENCH_TARGET   [0.4] ratio the summary checks       BENCH_KEEP [0]     1 = keep the temp folder (logs)
#   BENCH_SKIP_BUILD [0] 1 = use the existing Release builds
#   BENCH_IDLE_WAIT [90] seconds to wait for other work on the machine to stop before each server's run
# Experiment knobs (the summary names any that are set; an official figure uses none of them):
#   BENCH_SILO_ENV / BENCH_API_ENV  extra VAR=value words for the silo / API host (e.g. DOTNET_gcServer=1)
#   BENCH_CONN_EXTRA     appended to the connection string (e.g. ";Max Auto Prepare=20")
#   BENCH_PG_SETTINGS    PostgreSQL settings set with ALTER SYSTEM before the run (e.g. "synchronous_commit=off")
#   BENCH_SKIP_BASELINE  1 = no baseline run; the ratio uses BENCH_BASELINE_RPS if given
#   BENCH_PERF [0]       1 = also sample the Leadline run with perf (Linux perf; .NET perf maps on)
#                        and print where CPU goes per process and per function
# Exit status: 0 ok, 1 setup failed or a correctness check failed (not-success answers, lost leads),
# 3 ratio below target.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

duration=${BENCH_DURATION:-20}
warmup=${BENCH_WARMUP:-5}
threads=${BENCH_THREADS:-2}
connections=${BENCH_CONNECTIONS:-256}
target=${BENCH_TARGET:-0.4}
mode=${BENCH_MODE:-unique}
case "$mode" in unique|duplicates|hotspread) ;; *) echo "BENCH_MODE must be unique, duplicates or hotspread" >&2; exit 1 ;; esac
lua="$root/bench/insert.lua"
source "$root/bench/lib-leadline.sh" # tools, temp folder + cleanup, helpers, Leadline start-up

# ---------------------------------------------------------------- wrk
# run_wrk NAME URL SECONDS PATH TOKEN LISTS RUN [sample]  -> sets W_* from the BENCH line
# With "sample", takes CPU snapshots of the measured processes over the middle of the run.
# wrk_wrap / wrk_expect (globals, default 0 / inserted): insert.lua's WRAP and EXPECT.
run_wrk() {
  local name=$1 url=$2 secs=$3 path=$4 token=$5 list=$6 run=$7 sample=${8:-}
  local out="$tmp/wrk-$name.log"
  wrk -t"$threads" -c"$connections" -d"${secs}s" --timeout 10s --latency -s "$lua" "$url" -- "$path" "$token" "$list" "$run" "${wrk_wrap:-0}" "${wrk_expect:-inserted}" >"$out" 2>&1 &
  local wrk_pid=$!
  pids+=("$wrk_pid")
  if [[ -n "$sample" ]]; then
    local edge=$(( secs >= 10 ? 2 : 1 )) t0 t1 s0 s1
    sleep "$edge"
    declare -gA cpu0=() cpu1=()
    local role
    t0=$(now); s0=$(sys_ticks)
    for role in "${!roles[@]}"; do cpu0[$role]=$(ticks ${roles[$role]} $([[ $role == wrk ]] && echo "$wrk_pid")); done
    local mid=$(( secs - 2 * edge )) waits_pid=""
    if [[ $name == leadline ]]; then
      # What PostgreSQL's backends are doing, 4 times a second: running, waiting on a lock, on I/O,
      # or "idle in transaction" = waiting for the silo's next message of an open transaction.
      printf '%s\n' "SELECT '#tick' UNION ALL SELECT coalesce(wait_event_type, 'CPU') || ':' || coalesce(wait_event, 'running')
        || ' (' || state || ')' FROM pg_stat_activity WHERE datname = 'leadline' AND backend_type = 'client backend'
        AND pid <> pg_backend_pid() AND state <> 'idle' \\watch 0.25" \
        | "$psql_bin" -h 127.0.0.1 -p "$pg_port" -U postgres -d leadline -XAtq >"$tmp/pg-waits.txt" 2>&1 &
      waits_pid=$!
      pids+=("$waits_pid")
    fi
    # A top snapshot in the middle (second frame: CPU over its 2 s interval).
    sleep $(( mid / 2 > 2 ? mid / 2 - 2 : 0 ))
    top -b -n 2 -d 2 -w 160 >"$tmp/top-$name.txt" 2>/dev/null || true
    if [[ "${BENCH_PERF:-0}" == 1 && $name == leadline ]]; then
      perf record -F 499 -a -g -o "$tmp/perf.data" -- sleep $(( mid / 2 > 4 ? mid / 2 - 4 : 1 )) >"$tmp/perf-record.log" 2>&1 || true
    fi
    while (( $(awk -v a="$(now)" -v b="$t0" -v m="$mid" 'BEGIN{print (a - b < m)}') )); do sleep 0.2; done
    t1=$(now); s1=$(sys_ticks)
    if [[ -n $waits_pid ]]; then stop_pid "$waits_pid"; fi
    for role in "${!roles[@]}"; do cpu1[$role]=$(ticks ${roles[$role]} $([[ $role == wrk ]] && echo "$wrk_pid")); done
    sample_secs=$(awk -v a="$t1" -v b="$t0" 'BEGIN{printf "%.2f", a - b}')
    read -r -a sys0 <<<"$s0"; read -r -a sys1 <<<"$s1"
  fi
  local status=0
  wait "$wrk_pid" || status=$?
  local kept=() p
  for p in "${pids[@]}"; do [[ $p == "$wrk_pid" ]] || kept+=("$p"); done
  pids=("${kept[@]}")
  local line
  line=$(grep '^BENCH ' "$out" || true)
  [[ $status -eq 0 && -n "$line" ]] || { cat "$out" >&2; die "wrk run $name failed"; }
  W_first_error=$(sed -n 's/^BENCH_FIRST_ERROR //p' "$out")
  local kv
  for kv in ${line#BENCH }; do printf -v "W_${kv%%=*}" '%s' "${kv#*=}"; done
  W_sock=$(( W_sock_connect + W_sock_read + W_sock_write + W_sock_timeout ))
  log "$name: $W_requests answers in ${W_seconds}s = $W_rps/s (counted $W_ok, not $W_not_ok, socket errors $W_sock), p50 ${W_p50_ms} ms, p99 ${W_p99_ms} ms"
}

# Bytes the process allocated so far (the runtime's System.Runtime meter on its Prometheus page); empty if unknown.
allocated() { curl -fs "$1" 2>/dev/null | awk '/^dotnet_gc_heap_total_allocated_bytes(_total)?[{ ]/ { v = $NF } END { if (v != "") printf "%.0f", v }'; }
# per_insert DELTA: DELTA / the measured run's successes, or "?".
per_insert() { awk -v d="${1:-}" -v n="$l_ok" 'BEGIN{ if (d == "" || n + 0 == 0) print "?"; else printf "%.0f", d / n }'; }

if [[ "${BENCH_SKIP_BUILD:-0}" != 1 ]]; then
  log "building bench/NoopServer and Leadline.sln (Release)"
  build bench/NoopServer
  build Leadline.sln
fi
noop_bin="$root/bench/NoopServer/bin/Release/net10.0"
for f in "$noop_bin/NoopServer.dll" "$silo_bin/Leadline.Silo.dll" "$api_bin/Leadline.ApiHost.dll"; do
  [[ -f $f ]] || die "$f is missing (build first)"
done

experiments=()
for knob in BENCH_SILO_ENV BENCH_API_ENV BENCH_CONN_EXTRA BENCH_PG_SETTINGS BENCH_SKIP_BASELINE BENCH_PERF; do
  [[ -n "${!knob:-}" && "${!knob}" != 0 ]] && experiments+=("$knob='${!knob}'")
done
[[ $threads != 2 || $connections != 256 || $duration != 20 || $warmup != 5 ]] && experiments+=("wrk -t$threads -c$connections ${warmup}s+${duration}s")

# ---------------------------------------------------------------- 1. baseline: Kestrel no-op
b_rps=${BENCH_BASELINE_RPS:-0} b_p50=- b_p99=- b_requests=0 b_not_ok=0 b_sock=0 b_cpu="  (not measured in this run)"
if [[ "${BENCH_SKIP_BASELINE:-0}" != 1 ]]; then
check_idle "baseline"
pick_port noop_port
noop_url="http://127.0.0.1:$noop_port"
start_in "$noop_bin" "$tmp/noop.log" env ASPNETCORE_URLS="$noop_url" Urls="$noop_url" dotnet NoopServer.dll
noop_pid=$last_pid
wait_http "$noop_url/health" 30 "$noop_pid" "NoopServer" "$tmp/noop.log"
log "baseline: NoopServer on $noop_url (pid $noop_pid); warm-up ${warmup}s, then ${duration}s measured"
declare -A roles=([noop server]="$noop_pid" [wrk]="")
role_order=("noop server" "wrk")
run_wrk noop-warmup "$noop_url" "$warmup" /noop x 1 2
run_wrk noop "$noop_url" "$duration" /noop x 1 3 sample
b_rps=$W_rps b_p50=$W_p50_ms b_p99=$W_p99_ms b_requests=$W_requests b_not_ok=$W_not_ok b_sock=$W_sock
b_cpu=$(cpu_report)
stop_pid "$noop_pid"
fi

# ---------------------------------------------------------------- 2. Leadline
leadline_start_pg
leadline_migrate_seed
spread_lists=""
if [[ $mode == hotspread ]]; then
  # 50 campaigns of the demo account with one list each, created before the servers start.
  spread_lists=$(psql_q "WITH c AS (INSERT INTO campaigns (account_id, name) SELECT $account_id, 'Spread ' || g FROM generate_series(1, 50) g
      RETURNING campaign_id, name)
    INSERT INTO lists (account_id, campaign_id, name) SELECT $account_id, campaign_id, name FROM c RETURNING list_id" | paste -sd,)
  [[ $(tr ',' '\n' <<<"$spread_lists" | grep -c '^[0-9][0-9]*$') == 50 ]] || die "could not create the 50 spread campaigns/lists: $spread_lists"
fi
if [[ -n "${BENCH_PG_SETTINGS:-}" ]]; then
  for setting in $BENCH_PG_SETTINGS; do psql_q "ALTER SYSTEM SET ${setting%%=*} = '${setting#*=}'"; done
  psql_q "SELECT pg_reload_conf()" >/dev/null
fi

check_idle "Leadline"
perf_env=()
# W^X double-maps JIT code (memfd:doublemapper), which perf cannot match to the perf map: off while profiling.
[[ "${BENCH_PERF:-0}" == 1 ]] && perf_env=(DOTNET_PerfMapEnabled=3 DOTNET_EnableWriteXorExecute=0) # 3 = perf map only, no jitdump
read -r -a silo_env <<<"${BENCH_SILO_ENV:-}"
read -r -a api_env <<<"${BENCH_API_ENV:-}"
silo_extra_env=("${perf_env[@]}" "${silo_env[@]}")
api_extra_env=("${perf_env[@]}" "${api_env[@]}")
leadline_spawn_servers
if [[ "${BENCH_PERF:-0}" == 1 ]]; then perf_pids=("$api_pid"); [[ $silo_pid != "$api_pid" ]] && perf_pids+=("$silo_pid"); fi
leadline_wait_ready

# One request by hand: a wrong phone generator or token shows here rather than as 100% errors.
probe=$(curl -s -X POST "$api_url/v1/leads/insert" --data-urlencode "auth_token=$token" -d "list_id=$list_id" \
  -d check_dup=1 -d check_dnc=1 -d hopper=1 -d phone_number=2065550100 -d first_name=Probe -d last_name=Lead)
[[ $probe == *'"success":true'* ]] || die "probe insert was refused: $probe"
probe_leads=1

log "Leadline: warm-up ${warmup}s, then ${duration}s measured"
if [[ $topology == cohosted ]]; then
  declare -A roles=([postgres]="" ["api host + silo"]="$api_pid" [wrk]="")
  role_order=(postgres "api host + silo" wrk)
else
  declare -A roles=([postgres]="" [silo]="$silo_pid" [api host]="$api_pid" [wrk]="")
  role_order=(postgres silo "api host" wrk)
fi
roles[postgres]=$(pg_pids)
run_wrk leadline-warmup "$api_url" "$warmup" /v1/leads/insert "$token" "$list_id" 0
warm_ok=$W_ok warm_not_ok=$W_not_ok warm_first_error=$W_first_error
s_rps=0 s_ok=0 s_not_ok=0 s_sock=0 s_p50=- s_p99=- s_first_error=""
if [[ $mode == hotspread ]]; then
  # Spread first, then the hot run (the unique measurement): the hot run meets the larger tables.
  sleep 1
  log "spread: inserts round-robin over 50 campaigns (a list each), ${duration}s"
  run_wrk spread "$api_url" "$duration" /v1/leads/insert "$token" "$spread_lists" 2
  s_rps=$W_ok_per_s s_ok=$W_ok s_not_ok=$W_not_ok s_sock=$W_sock s_p50=$W_p50_ms s_p99=$W_p99_ms s_first_error=$W_first_error
fi
sleep 1
roles[postgres]=$(pg_pids) # backends opened during the warm-up
stat_sql="SELECT (SELECT count(*) FROM leads), (SELECT xact_commit FROM pg_stat_database WHERE datname = 'leadline'),
  (SELECT wal_sync FROM pg_stat_wal), (SELECT wal_records FROM pg_stat_wal), (SELECT wal_bytes FROM pg_stat_wal)"
IFS='|' read -r leads0 xact0 sync0 walrec0 walbytes0 <<<"$(psql_q "$stat_sql")"
alloc_api0=$(allocated "$api_url/metrics"); alloc_silo0=$(allocated "$silo_metrics_url")
run_wrk leadline "$api_url" "$duration" /v1/leads/insert "$token" "$list_id" 1 sample
alloc_api1=$(allocated "$api_url/metrics"); alloc_silo1=$(allocated "$silo_metrics_url")
l_rps=$W_ok_per_s l_p50=$W_p50_ms l_p99=$W_p99_ms l_ok=$W_ok l_not_ok=$W_not_ok l_requests=$W_requests l_sock=$W_sock
l_first_error=$W_first_error l_thread_ok_min=$W_thread_ok_min
l_cpu=$(cpu_report)
# CPU per insert from /proc over the sampled middle of the run: steadier than the rate on a shared machine.
cpu_us=""
for role in "${role_order[@]}"; do
  [[ $role == wrk ]] && continue
  cpu_us+=$(awk -v d=$(( cpu1[$role] - cpu0[$role] )) -v s="$sample_secs" -v hz="$hz" -v r="$l_rps" -v name="$role" \
    'BEGIN{ if (r + 0 > 0 && s + 0 > 0) printf "%s %.1f us, ", name, d / hz / s * 1e6 / r }')
done
cpu_us=${cpu_us%, }
if [[ $topology == cohosted ]]; then
  alloc_text="api host + silo $(per_insert $(( ${alloc_api1:-0} - ${alloc_api0:-0} ))) B"
  alloc_leadline=$(per_insert $(( ${alloc_api1:-0} - ${alloc_api0:-0} )))
else
  alloc_text="api host $(per_insert $(( ${alloc_api1:-0} - ${alloc_api0:-0} ))) B, silo $(per_insert $(( ${alloc_silo1:-0} - ${alloc_silo0:-0} ))) B"
  alloc_leadline=$(per_insert $(( ${alloc_api1:-0} - ${alloc_api0:-0} + ${alloc_silo1:-0} - ${alloc_silo0:-0} )))
fi
[[ -z ${alloc_api0:-} || -z ${alloc_api1:-} ]] && { alloc_text="(the runtime meter did not answer)"; alloc_leadline="?"; }
sleep 2 # requests in flight when wrk stopped still commit
d_rps=0 d_ok=0 d_not_ok=0 d_sock=0 d_p50=- d_p99=- d_first_error="" d_new_leads=0 d_wrap=0
if [[ $mode == duplicates ]]; then
  # The measured run's own numbers again: each thread cycles through 90% of what it inserted, so every
  # request is a duplicate the shard refuses (6009) without writing. A new lead would be a lost dedup.
  d_wrap=$(( l_thread_ok_min * 9 / 10 - 1 ))
  (( d_wrap >= 1000 )) || die "the unique run inserted too few leads per wrk thread ($l_thread_ok_min) to replay as duplicates"
  dup_leads0=$(psql_q "SELECT count(*) FROM leads")
  wrk_wrap=$d_wrap wrk_expect=duplicate
  log "duplicates: the measured run's phones again (each thread cycles through $d_wrap of its numbers); warm-up ${warmup}s, then ${duration}s"
  run_wrk dup-warmup "$api_url" "$warmup" /v1/leads/insert "$token" "$list_id" 1
  d_warm_not_ok=$W_not_ok
  run_wrk dup "$api_url" "$duration" /v1/leads/insert "$token" "$list_id" 1
  d_rps=$W_ok_per_s d_ok=$W_ok d_not_ok=$(( W_not_ok + d_warm_not_ok )) d_sock=$W_sock d_p50=$W_p50_ms d_p99=$W_p99_ms d_first_error=$W_first_error
  wrk_wrap=0 wrk_expect=inserted
  sleep 1
  d_new_leads=$(( $(psql_q "SELECT count(*) FROM leads") - dup_leads0 ))
fi
IFS='|' read -r leads1 xact1 sync1 walrec1 walbytes1 <<<"$(psql_q "$stat_sql")"
IFS='|' read -r db_leads db_phones db_hopper <<<"$(psql_q "SELECT count(*), count(DISTINCT phone_e164), (SELECT count(*) FROM hopper_entries) FROM leads")"
metrics=$(curl -fs "$api_url/metrics" || true)
silo_metrics=$(curl -fs "$silo_metrics_url" || true)

# ---------------------------------------------------------------- summary
ratio=$(awk -v l="$l_rps" -v b="$b_rps" 'BEGIN{ if (b + 0 > 0) printf "%.2f", l / b; else printf "n/a" }')
ratio_ok=$(awk -v r="$ratio" -v t="$target" 'BEGIN{ if (r != "n/a" && r + 0 >= t + 0) print 1; else print 0 }')
successes=$(( probe_leads + warm_ok + s_ok + l_ok ))
# A closed-loop client drops the answers in flight when it stops: up to one per connection for each inserting run
# (warm-up, measured, and the spread run).
inserting_runs=2; [[ $mode == hotspread ]] && inserting_runs=3
in_flight_bound=$(( inserting_runs * connections ))
failed=0
answered_not_ok=$(( warm_not_ok + l_not_ok + s_not_ok + d_not_ok ))
(( answered_not_ok == 0 && l_sock == 0 && s_sock == 0 && d_sock == 0 && d_new_leads == 0 )) || failed=1
(( db_leads >= successes && db_leads - successes <= in_flight_bound && db_phones == db_leads && db_hopper == db_leads )) || failed=1
measured_leads=$(( leads1 - leads0 ))
xacts=$(( xact1 - xact0 )) syncs=$(( sync1 - sync0 ))
per_xact=$(awk -v l="$measured_leads" -v x="$xacts" 'BEGIN{printf "%.1f", x ? l / x : 0}')
per_sync=$(awk -v l="$measured_leads" -v x="$syncs" 'BEGIN{printf "%.1f", x ? l / x : 0}')
wal_per_lead=$(awk -v b=$(( walbytes1 - walbytes0 )) -v l="$measured_leads" 'BEGIN{printf "%.0f", l ? b / l : 0}')

cat <<EOF

==================== Leadline insert bench ====================
machine: $ncpu cores; wrk -t$threads -c$connections, ${warmup}s warm-up + ${duration}s measured per server; PostgreSQL durable (fsync on)
topology: $topology$( [[ $topology == cohosted ]] && echo " (API host with its silo in one process, as ./run.sh runs it)" || echo " (standalone silo + API host as its Orleans client)"); mode: $mode${experiments:+
EXPERIMENT, not an official figure: ${experiments[*]}}
baseline  POST /noop (Kestrel no-op)  : $(printf '%8.0f' "$b_rps") requests/s  p50 $b_p50 ms  p99 $b_p99 ms  ($b_requests answers, $b_not_ok not ok, $b_sock socket errors)
leadline  POST /v1/leads/insert       : $(printf '%8.0f' "$l_rps") inserts/s   p50 $l_p50 ms  p99 $l_p99 ms  ($l_ok inserted of $l_requests answers)
          check_dup=1 check_dnc=1 hopper=1, a new valid US phone per request
ratio: $ratio (target >= $target)$( [[ $ratio_ok == 1 ]] && echo "" || echo "  BELOW TARGET" )
leadline answers not success: $l_not_ok measured, $warm_not_ok warm-up; socket errors: $l_sock
EOF
if [[ -n $l_first_error || -n $warm_first_error ]]; then echo "  first error: ${l_first_error:-$warm_first_error}"; fi
if [[ $mode == duplicates ]]; then
  dup_ratio=$(awk -v d="$d_rps" -v b="$b_rps" 'BEGIN{ if (b + 0 > 0) printf "%.2f", d / b; else printf "n/a" }')
  cat <<DUP
duplicates POST /v1/leads/insert      : $(printf '%8.0f' "$d_rps") refusals/s  p50 $d_p50 ms  p99 $d_p99 ms  ($d_ok refused as 6009; each wrk thread cycled through $d_wrap phones)
  ratio to the no-op: $dup_ratio (target >= 0.6); answers not 6009: $d_not_ok; socket errors: $d_sock; new leads during the duplicate runs: $d_new_leads (must be 0)
DUP
  if [[ -n $d_first_error ]]; then echo "  first answer that was not 6009: $d_first_error"; fi
fi
if [[ $mode == hotspread ]]; then
  hot_vs_spread=$(awk -v h="$l_rps" -v s="$s_rps" 'BEGIN{ if (s + 0 > 0) printf "%.2f", h / s; else printf "n/a" }')
  cat <<SPREAD
spread over 50 campaigns (round-robin) : $(printf '%8.0f' "$s_rps") inserts/s   p50 $s_p50 ms  p99 $s_p99 ms  ($s_ok inserted; $s_not_ok not success, $s_sock socket errors)
hot: one campaign (the leadline line)  : $(printf '%8.0f' "$l_rps") inserts/s   hot / spread = $hot_vs_spread (target >= 0.8; the spread run ran first)
SPREAD
  if [[ -n $s_first_error ]]; then echo "  first error (spread): $s_first_error"; fi
fi
cat <<EOF
leads in database: $db_leads (distinct phones $db_phones, hopper entries $db_hopper) vs successes: $successes (1 probe + $warm_ok warm-up + $s_ok spread + $l_ok measured)
  (the database may hold up to $in_flight_bound more: answers in flight when wrk stopped are committed but not counted)
storage during the measured run: $measured_leads leads in $xacts PostgreSQL commits ($per_xact leads/commit, all transactions counted),
  $syncs WAL fsyncs ($per_sync leads/fsync), $wal_per_lead WAL bytes/lead
baseline run:
$b_cpu
leadline run:
$l_cpu
  CPU per insert (/proc, same window): $cpu_us
  managed bytes allocated per insert (whole measured run, System.Runtime meter): $alloc_text
EOF
batch_lines=$(grep -E '^leadline_write_batch' <<<"$silo_metrics" | grep -E '_(sum|count)' || true)
if [[ -n $batch_lines ]]; then
  echo "leadline_write_batch_size from the silo's /metrics ($silo_metrics_url, whole run):"; sed 's/^/  /' <<<"$batch_lines"
else
  echo "leadline_write_batch_size: the silo's /metrics ($silo_metrics_url) did not answer"
fi
grep -E '^leadline_leads_insert' <<<"$metrics" | sed 's/^/  /' || true
if [[ -s "$tmp/pg-waits.txt" ]]; then
  echo "PostgreSQL client backends during the measured run (average number in each state, sampled 4/s):"
  awk '$0 == "#tick" { n++; next } NF { c[$0]++ } END { for (k in c) printf "  %6.2f  %s\n", c[k] / (n ? n : 1), k }' "$tmp/pg-waits.txt" \
    | sort -rn | head -n 10
fi
if ((${#idle_warnings[@]})); then echo "WARNING, machine not idle: ${idle_warnings[*]}"; fi
if [[ -s "$tmp/top-leadline.txt" ]]; then
  echo "top (mid-run, 2 s interval), Leadline run:"
  awk '/^top -/{n++} n==2' "$tmp/top-leadline.txt" | sed -n '1,3p;7,14p' | sed 's/^/  /'
fi
if [[ -s "$tmp/perf.data" ]]; then
  set +o pipefail # head closes the pipes early
  perf_top() { # perf_top TITLE N FILTER... : hottest functions by self time (perf report percentages)
    local title=$1 n=$2; shift 2
    echo "perf, $title:"
    perf report -i "$tmp/perf.data" --no-children --sort dso,sym --stdio -q -g none "$@" 2>/dev/null \
      | grep -v '^$' | head -n "$n" | cut -c1-170 | sed 's/^/  /'
  }
  echo "perf, Leadline run: share of all samples (all CPUs) by process and by where the time went:"
  perf script -i "$tmp/perf.data" -F comm,pid,ip,dso -G 2>/dev/null | awk -v s="$silo_pid" -v a="$api_pid" '{
      dso = $NF; gsub(/[()]/, "", dso)
      if (s == a && $(NF-2) == a) name = "api host + silo"; else if ($(NF-2) == s) name = "silo"; else if ($(NF-2) == a) name = "api host"; else name = $1
      if (dso ~ /kernel|kallsyms/) where = "kernel"; else if (dso ~ /perf-|JIT|memfd/) where = "JIT code"
      else if (dso ~ /coreclr|clrjit/) where = "CLR runtime"; else { n = split(dso, q, "/"); where = q[n] }
      total++; proc[name]++; part[name, where]++ }
    END { for (p in proc) { line = sprintf("%6.2f%%  %-16s", 100 * proc[p] / total, p)
            for (k in part) { split(k, kk, SUBSEP); if (kk[1] == p && 100 * part[k] / total >= 0.5) line = line sprintf("  %s %.1f%%", kk[2], 100 * part[k] / total) }
            print line } }' | sort -rn | head -n 8 | sed 's/^/  /'
  # Full reports for BENCH_KEEP=1 (the JIT symbol maps are gone once the processes' perf maps are removed).
  perf report -i "$tmp/perf.data" --children --sort sym --stdio -q -g none --pid "$api_pid" >"$tmp/perf-api-children.txt" 2>/dev/null || true
  [[ $silo_pid != "$api_pid" ]] && { perf report -i "$tmp/perf.data" --children --sort sym --stdio -q -g none --pid "$silo_pid" >"$tmp/perf-silo-children.txt" 2>/dev/null || true; }
  perf report -i "$tmp/perf.data" --no-children --sort comm,dso,sym --stdio -q -g none >"$tmp/perf-self.txt" 2>/dev/null || true
  echo "perf, Leadline run: CPU per insert by stage (bench/perf-stages.py):"
  perf script -i "$tmp/perf.data" -F comm,pid,ip,sym,dso 2>/dev/null \
    | python3 "$root/bench/perf-stages.py" "$silo_pid" "$api_pid" "$l_rps" "$ncpu" || echo "  (perf-stages.py failed)"
  if [[ $silo_pid == "$api_pid" ]]; then
    perf_top "API host + silo (co-hosted), hottest functions" 25 --pid "$api_pid"
  else
    perf_top "silo, hottest functions" 15 --pid "$silo_pid"
    perf_top "API host, hottest functions" 15 --pid "$api_pid"
  fi
  perf_top "postgres, hottest functions" 15 --comm postgres
fi
echo "==============================================================="
# The result lines of bench/run.sh's contract (BENCH_RESULT key=number), for this topology and mode.
awk -v b="$b_rps" 'BEGIN{ exit !(b + 0 > 0) }' && echo "BENCH_RESULT noop_rps=$(printf '%.0f' "$b_rps")"
echo "BENCH_RESULT insert_rps=$(printf '%.0f' "$l_rps")"
[[ $ratio != n/a ]] && echo "BENCH_RESULT insert_ratio=$ratio"
echo "BENCH_RESULT insert_p99_ms=$l_p99"
echo "BENCH_RESULT insert_p50_ms=$l_p50"
[[ $alloc_leadline != "?" ]] && echo "BENCH_RESULT insert_alloc_bytes=$alloc_leadline"
if [[ $mode == duplicates ]]; then
  echo "BENCH_RESULT dup_rps=$(printf '%.0f' "$d_rps")"
  [[ $dup_ratio != n/a ]] && echo "BENCH_RESULT dup_ratio=$dup_ratio"
  echo "BENCH_RESULT dup_p99_ms=$d_p99"
fi
if [[ $mode == hotspread ]]; then
  echo "BENCH_RESULT hot_rps=$(printf '%.0f' "$l_rps")"
  echo "BENCH_RESULT spread_rps=$(printf '%.0f' "$s_rps")"
  [[ $hot_vs_spread != n/a ]] && echo "BENCH_RESULT hot_vs_spread=$hot_vs_spread"
fi

if (( failed )); then
  log "correctness check FAILED (see the not-success and database lines above)"
  exit 1
fi
[[ $ratio_ok == 1 ]] || exit 3
exit 0
