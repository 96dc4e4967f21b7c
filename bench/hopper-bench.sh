#!/usr/bin/env bash
# Leadline dialer hopper benchmark: pull throughput of POST /v1/hopper/pull on a 100,000-entry hopper,
# the hopper's memory per READY entry, the cost of the expiry sweep for 100,000 entries that expire, and (part 3)
# pull throughput with the entries in one dial region against six, and the loader refilling a 1,000-entry hopper
# from a campaign of 1,000,000 leads.
# The delivery of the HOPPER_EXPIRE webhooks those expiries fan out to is bench/webhook-bench.sh's.
# See bench/README.md. Prints BENCH_RESULT hopper_pull_eps=N and hopper_bytes_per_ready_entry=N (and the
# in-process hopper_queue_bytes_per_entry_loaded/_grown) for bench/run.sh.
#
#   bench/hopper-bench.sh              build, start, the two parts and the memory figure, summary (about 3 minutes)
#
# Environment knobs (defaults in brackets):
#   BENCH_HOPPER_ENTRIES [100000]  entries per part        BENCH_DIALERS [6]  concurrent pulling dialers
#   BENCH_PULL_COUNT [100]         count per pull           BENCH_FILL_CONNECTIONS [64] wrk connections of the fills
#   BENCH_KEEP [0]       1 = keep the temp folder (logs, leases file, sweep timeline)
#   BENCH_SKIP_BUILD [0] 1 = use the existing Release builds
#   BENCH_IDLE_WAIT [30] seconds to wait for other work on the machine to stop before the run
#   BENCH_HOPPER_MEMORY [1] 0 = skip the memory figure (a silo restart + two heap dumps before the pulls)
#   BENCH_EXPIRY [1]     0 = skip part 2 (the expiry sweep)
#   BENCH_ZONES [1]      0 = skip part 3 (one zone against six, and the loader refill)
#   BENCH_LOADER_LEADS [1000000] leads of the loader campaign   BENCH_LOADER_LEVEL [1000] its hopper level
# Calling hours are not enforced here (Leadline__Hopper__CallingHours=Ignore): the bench runs at any hour with US
# numbers; the six-zone figure is the cost of six sub-queues, all open. The tests cover the hours themselves.
#   BENCH_PERF [0]       1 = sample the silo and the API host with perf during the pulls (.NET perf maps on);
#                        the top symbols per process go to the summary
#   BENCH_SILO_ENV       extra VAR=value words for the silo, e.g. Leadline__Writer__ConcurrentWriters=2
#                        (the summary then says EXPERIMENT: the defaults are what the figures are for)
# Exit status: 0 ok; 1 setup failed or a correctness check failed (a refused insert or pull, a lead
# pulled twice or not at all, entries left after the sweep, HOPPER_EXPIRE rows not one per entry).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

total=${BENCH_HOPPER_ENTRIES:-100000}
dialers=${BENCH_DIALERS:-6}
pull_count=${BENCH_PULL_COUNT:-100}
lease_seconds=600
fill_connections=${BENCH_FILL_CONNECTIONS:-64}
fill_threads=2
memory_part=${BENCH_HOPPER_MEMORY:-1}
expiry_part=${BENCH_EXPIRY:-1}
zones_part=${BENCH_ZONES:-1}
loader_leads=${BENCH_LOADER_LEADS:-1000000}
loader_level=${BENCH_LOADER_LEVEL:-1000}
: "${BENCH_IDLE_WAIT:=30}"
source "$root/bench/lib-leadline.sh" # tools, temp folder + cleanup, helpers, Leadline start-up
command -v python3 >/dev/null || die "python3 is not installed"

leadline_build
if [[ "${BENCH_SKIP_BUILD:-0}" != 1 ]]; then build bench/HopperMemory; fi
hopper_memory_dll="$root/bench/HopperMemory/bin/Release/net10.0/HopperMemory.dll"
[[ -f $hopper_memory_dll ]] || die "$hopper_memory_dll is missing (dotnet build bench/HopperMemory -c Release)"

# ---------------------------------------------------------------- start
leadline_start_pg
leadline_migrate_seed
[[ -n $account_id && -n $campaign_id ]] || die "seed wrote no account/campaign to demo.env"
pull_campaign=$campaign_id pull_list=$list_id
# The pull part counts exactly what it filled: the demo campaign's loader stays off.
psql_q "UPDATE campaigns SET hopper_level = 0 WHERE campaign_id = $pull_campaign" >/dev/null
# The expiry part gets its own campaign and list of the demo account.
expiry_campaign=$(psql_q "INSERT INTO campaigns (account_id, name) VALUES ($account_id, 'Hopper bench expiry') RETURNING campaign_id")
expiry_list=$(psql_q "INSERT INTO lists (account_id, campaign_id, name) VALUES ($account_id, $expiry_campaign, 'Hopper bench expiry') RETURNING list_id")
[[ $expiry_campaign =~ ^[0-9]+$ && $expiry_list =~ ^[0-9]+$ ]] || die "could not create the expiry campaign/list"

# The silo's settings (Leadline__*) can be tried without editing anything;
# the lib passes silo_extra_env to the silo.
experiments=()
[[ -n "${BENCH_SILO_ENV:-}" ]] && experiments+=("BENCH_SILO_ENV='$BENCH_SILO_ENV'")
read -r -a silo_extra_env <<<"${BENCH_SILO_ENV:-}"
silo_extra_env+=(Leadline__Hopper__CallingHours=Ignore)
if [[ "${BENCH_PERF:-0}" == 1 ]]; then
  # W^X double-maps JIT code, which perf cannot match to the perf map: off while profiling.
  silo_extra_env+=(DOTNET_PerfMapEnabled=3 DOTNET_EnableWriteXorExecute=0)
  api_extra_env+=(DOTNET_PerfMapEnabled=3 DOTNET_EnableWriteXorExecute=0)
fi

check_idle "Leadline"
leadline_spawn_servers
[[ "${BENCH_PERF:-0}" == 1 ]] && perf_pids=("$silo_pid" "$api_pid")
leadline_wait_ready

hopper_call() { # hopper_call ENDPOINT CAMPAIGN [-d k=v ...]
  local endpoint=$1 campaign=$2; shift 2
  curl -s -X POST "$api_url/v1/hopper/$endpoint" --data-urlencode "auth_token=$token" -d "campaign_id=$campaign" "$@"
}
json_num() { sed -n "s/.*\"$1\":\([0-9][0-9]*\).*/\1/p" <<<"$2"; } # json_num KEY JSON (first number field KEY)

status=$(hopper_call status "$pull_campaign")
[[ $status == *'"success":true'* ]] || die "hopper status was refused: $status"

# fill NAME LIST RUN [EXPIRES_MIN] [COUNT]: exactly COUNT ($total) inserts with hopper=1 (counted_fill, lib-leadline.sh)
fill() { counted_fill "$1" "$2" "$3" "${5:-$total}" 1 "${4:-}"; }

wait_ready() { # wait_ready CAMPAIGN N: until the hopper's status shows ready=N (30 s)
  local campaign=$1 want=$2 ready=""
  for _ in $(seq 1 150); do
    status=$(hopper_call status "$campaign")
    ready=$(json_num ready "$status")
    [[ $ready == "$want" ]] && return 0
    sleep 0.2
  done
  die "hopper of campaign $campaign shows ready=$ready, not $want: $status"
}

cpu_snapshot() { # cpu_snapshot ARRAY: CPU ticks per role now, and the machine's
  local -n into=$1
  local role
  for role in "${role_order[@]}"; do into[$role]=$(ticks ${roles[$role]}); done
}

pg_log="$tmp/pg/server.log"
statement_log_on() { log_from=$(( $(stat -c %s "$pg_log") + 1 )); psql_q "ALTER SYSTEM SET log_min_duration_statement = 0" && psql_q "SELECT pg_reload_conf()" >/dev/null; }
statement_log_off() { psql_q "ALTER SYSTEM RESET log_min_duration_statement" && psql_q "SELECT pg_reload_conf()" >/dev/null; }
# statement_times REGEX: "count total_ms max_ms" of the executes whose SQL starts with REGEX since statement_log_on
statement_times() {
  tail -c +"$log_from" "$pg_log" | grep -E "duration: [0-9.]+ ms +execute [^:]*: $1" \
    | sed -E 's/.*duration: ([0-9.]+) ms.*/\1/' | awk '{n++; s+=$1; if ($1>m) m=$1} END{printf "%d %.1f %.1f", n, s, m}'
}

# ---------------------------------------------------------------- 1. pull throughput
fill pull "$pull_list" 1
wait_ready "$pull_campaign" "$total"
pull_fill_rate=$F_rate

log "pull: hopper of campaign $pull_campaign shows ready=$total; $dialers dialers pull count=$pull_count lease_seconds=$lease_seconds until it is empty"
declare -A roles=([postgres]="$(pg_pids)" [silo]="$silo_pid" [api host]="$api_pid")
role_order=(postgres silo "api host")
declare -A cpu0=() cpu1=()
statement_log_on # every statement's duration during the pulls: where a pull's time goes in PostgreSQL
cpu_snapshot cpu0; s0=$(sys_ticks); t0=$(now)
python3 "$root/bench/hopper-pull.py" "$api_url" "$token" "$pull_campaign" "$dialers" "$pull_count" "$lease_seconds" "$tmp/leases.txt" \
  >"$tmp/pull.log" 2>&1 &
pull_pid=$!
pids+=("$pull_pid")
if [[ "${BENCH_PERF:-0}" == 1 ]]; then
  perf_silo=$silo_pid perf_api=$api_pid # the memory part restarts the servers later
  perf record -F 999 -g -p "$silo_pid,$api_pid" -o "$tmp/perf.data" -- sleep 3 >"$tmp/perf-record.log" 2>&1 || true
fi
# A top snapshot while the dialers pull (second frame: CPU over its 1 s interval).
sleep 1
top -b -n 2 -d 1 -w 160 >"$tmp/top-pull.txt" 2>/dev/null || true
pull_rc=0
wait "$pull_pid" || pull_rc=$?
cpu_snapshot cpu1; s1=$(sys_ticks); t1=$(now)
kept=(); for p in "${pids[@]}"; do [[ $p == "$pull_pid" ]] || kept+=("$p"); done; pids=("${kept[@]}")
sample_secs=$(awk -v a="$t1" -v b="$t0" 'BEGIN{printf "%.2f", a - b}')
read -r -a sys0 <<<"$s0"; read -r -a sys1 <<<"$s1"
line=$(grep '^BENCH ' "$tmp/pull.log" || true)
[[ -n $line ]] || { cat "$tmp/pull.log" >&2; die "the pulling dialers failed"; }
for kv in ${line#BENCH }; do printf -v "P_${kv%%=*}" '%s' "${kv#*=}"; done
P_first_error=$(sed -n 's/^BENCH_FIRST_ERROR //p' "$tmp/pull.log")
pull_cpu=$(cpu_report)
pull_secs=$sample_secs
statement_log_off
read -r lease_n lease_ms lease_max <<<"$(statement_times 'WITH ok AS MATERIALIZED')"
log "pull: $P_entries entries in $P_pulls pulls over ${P_seconds}s = $P_entries_per_s entries/s, p50 ${P_p50_ms} ms, p99 ${P_p99_ms} ms"
status_after_pull=$(hopper_call status "$pull_campaign")
# The leases the dialers got are the leases the table holds: lead, lease id and dialer.
IFS='|' read -r db_leased db_matching db_lease_ids <<<"$("$psql_bin" -h 127.0.0.1 -p "$pg_port" -U postgres -d leadline -XAtq <<SQL
CREATE TEMP TABLE pulled (lead_id bigint, lease_id uuid, dialer text);
\copy pulled FROM '$tmp/leases.txt' WITH (DELIMITER ' ')
SELECT (SELECT count(*) FROM hopper_entries WHERE campaign_id = $pull_campaign AND state = 'LEASED'),
       (SELECT count(*) FROM pulled p JOIN hopper_entries h ON h.campaign_id = $pull_campaign AND h.lead_id = p.lead_id
          AND h.lease_id = p.lease_id AND h.leased_to = p.dialer AND h.state = 'LEASED'),
       (SELECT count(DISTINCT lease_id) FROM hopper_entries WHERE campaign_id = $pull_campaign);
SQL
)"

# ---------------------------------------------------------------- 2. expiry sweep
if (( expiry_part )); then
fill expiry "$expiry_list" 2 1
last_ack=$F_done_at expiry_fill_rate=$F_rate
wait_ready "$expiry_campaign" "$total"
IFS='|' read -r exp_rows exp_min exp_max <<<"$(psql_q "SELECT count(*), extract(epoch FROM min(expires_at)), extract(epoch FROM max(expires_at))
  FROM hopper_entries WHERE campaign_id = $expiry_campaign")"
(( exp_rows == total )) || die "hopper_entries holds $exp_rows entries of campaign $expiry_campaign, not $total"
log "expiry: entries expire from $(date -d "@$exp_min" +%H:%M:%S.%N | cut -c1-12) to $(date -d "@$exp_max" +%H:%M:%S.%N | cut -c1-12) (last insert acknowledged $(date -d "@$last_ack" +%H:%M:%S.%N | cut -c1-12)); waiting for the sweep"
# Idle until 2 s before the first expiry, then count the campaign's entries every 50 ms with one
# psql session (\watch), with the database's clock, until none is left.
sleep "$(awk -v m="$exp_min" -v n="$(now)" 'BEGIN{ d = m - 2 - n; printf "%.2f", (d > 0 ? d : 0) }')"
statement_log_on # the sweep's statements and their durations
roles[postgres]=$(pg_pids)
cpu_snapshot cpu0; s0=$(sys_ticks); t0=$(now)
printf '%s\n' "SELECT extract(epoch FROM clock_timestamp()), count(*) FROM hopper_entries WHERE campaign_id = $expiry_campaign \\watch 0.05" \
  | "$psql_bin" -h 127.0.0.1 -p "$pg_port" -U postgres -d leadline -XAtq -F ' ' >"$tmp/sweep-polls.txt" 2>&1 &
poll_pid=$!
pids+=("$poll_pid")
deadline=$(awk -v m="$exp_max" 'BEGIN{printf "%d", m + 90}')
zero_at=""
while :; do
  zero_at=$(awk '$2 == 0 { print $1; exit }' "$tmp/sweep-polls.txt")
  [[ -n $zero_at ]] && break
  (( $(date +%s) < deadline )) || break
  sleep 0.1
done
stop_pid "$poll_pid"
left=$(awk 'NF == 2 { c = $2 } END { print c + 0 }' "$tmp/sweep-polls.txt")
awk 'NF == 2 && $2 != last { print; last = $2 }' "$tmp/sweep-polls.txt" >"$tmp/sweep-timeline.txt"
cpu_snapshot cpu1; s1=$(sys_ticks); t1=$(now)
sample_secs=$(awk -v a="$t1" -v b="$t0" 'BEGIN{printf "%.2f", a - b}')
read -r -a sys0 <<<"$s0"; read -r -a sys1 <<<"$s1"
expiry_cpu=$(cpu_report)
statement_log_off
IFS='|' read -r ev_rows ev_leads ev_stmts ev_max_batch ev_matching <<<"$(psql_q "
  SELECT count(*), count(DISTINCT lead_id), count(DISTINCT created_at),
         (SELECT max(n) FROM (SELECT count(*) AS n FROM workflow_events WHERE event_type = 'HOPPER_EXPIRE' AND campaign_id = $expiry_campaign GROUP BY created_at) b),
         (SELECT count(*) FROM workflow_events e JOIN leads l ON l.lead_id = e.lead_id AND l.list_id = $expiry_list
           WHERE e.event_type = 'HOPPER_EXPIRE' AND e.campaign_id = $expiry_campaign)
  FROM workflow_events WHERE event_type = 'HOPPER_EXPIRE' AND campaign_id = $expiry_campaign")"
# Sweep statements by duration (execute steps; parse/bind are logged apart).
read -r sweep_n sweep_ms sweep_max_ms <<<"$(statement_times 'WITH gone AS')"
sweep_lines=$(awk -v m="$exp_max" -v n="$exp_min" '{ printf "    %+7.2f s after the last expiry: %s left\n", $1 - m, $2 }' "$tmp/sweep-timeline.txt" | head -n 30)
fi

# ---------------------------------------------------------------- memory per READY entry
# Last, so the restart it needs leaves every timed part with warm servers. The pulled entries of part 1 are
# put back to READY in the table (as if every lease had been released) and the servers restart, so the
# hopper is not active; another campaign's hopper is asked first so the request path, auth caches and JIT
# are warm; then the silo's heap (full GC) before and after the status calls that activate the
# 100,000-entry hopper (it loads its table). Delta / entries = what the hopper holds per READY entry.
# The in-process figure (bench/HopperMemory) is the queue alone, deterministic.
gc_heap_bytes() { # gc_heap_bytes PID NAME: live managed heap after a full GC (dotnet-gcdump)
  local dump="$tmp/$2.gcdump"
  "$gcdump" collect -p "$1" -o "$dump" >"$tmp/$2.gcdump.log" 2>&1 || { cat "$tmp/$2.gcdump.log" >&2; die "dotnet-gcdump collect failed"; }
  "$gcdump" report "$dump" 2>/dev/null | awk '/GC Heap bytes/ { gsub(",", "", $1); print $1; exit }'
}
mem_line="skipped (BENCH_HOPPER_MEMORY=0)"
queue_lines=$(dotnet "$hopper_memory_dll" "$total")
if (( memory_part )); then
  gcdump="$root/.leadline/tools/dotnet-gcdump"
  if [[ ! -x $gcdump ]]; then
    log "installing dotnet-gcdump 10.0.750501 into .leadline/tools (git-ignored)"
    dotnet tool install dotnet-gcdump --version 10.0.750501 --tool-path "$root/.leadline/tools" >"$tmp/gcdump-install.log" 2>&1 \
      || { cat "$tmp/gcdump-install.log" >&2; die "could not install dotnet-gcdump"; }
  fi
  log "memory: $total entries of campaign $pull_campaign back to READY; restarting the servers so its hopper loads them afresh"
  psql_q "UPDATE hopper_entries SET state = 'READY', lease_id = NULL, leased_to = NULL, lease_until = NULL WHERE campaign_id = $pull_campaign" >/dev/null
  stop_pid "$api_pid"
  stop_pid "$silo_pid"
  leadline_spawn_servers
  leadline_wait_ready
  hopper_call status "$expiry_campaign" >/dev/null
  heap0=$(gc_heap_bytes "$silo_pid" before)
  wait_ready "$pull_campaign" "$total"
  heap1=$(gc_heap_bytes "$silo_pid" after)
  [[ $heap0 =~ ^[0-9]+$ && $heap1 =~ ^[0-9]+$ ]] || die "no GC heap size from dotnet-gcdump report (before '$heap0', after '$heap1')"
  bytes_per_entry=$(awk -v a="$heap0" -v b="$heap1" -v n="$total" 'BEGIN{printf "%.1f", (b - a) / n}')
  mem_line="silo live heap $heap0 -> $heap1 bytes after activating the hopper: $bytes_per_entry bytes per READY entry"
  log "memory: $mem_line"
fi


# ---------------------------------------------------------------- 3. one zone against six; the loader refill
# Filled in SQL, not through the API (the same way for both sides, and a million leads in seconds): leads with
# their dial_region, and READY hopper rows for the pull campaigns; the hopper loads them when first asked. Each
# side is pulled twice, alternating (one, six, one, six), by the same dialers as part 1.
sql_campaign() { # sql_campaign NAME -> "campaign list" (loader off until the bench sets a level)
  local c l
  c=$(psql_q "INSERT INTO campaigns (account_id, name, hopper_level) VALUES ($account_id, '$1', 0) RETURNING campaign_id")
  l=$(psql_q "INSERT INTO lists (account_id, campaign_id, name) VALUES ($account_id, $c, '$1') RETURNING list_id")
  echo "$c $l"
}
six_regions="ARRAY['US-NY|America/New_York','US-IL|America/Chicago','US-CO|America/Denver','US-CA|America/Los_Angeles','US-AK|America/Anchorage','US-HI|Pacific/Honolulu']"
sql_leads() { # sql_leads CAMPAIGN LIST N REGIONS_EXPR HOPPER(0/1): N leads, regions round robin, oldest first by lead id
  psql_q "WITH new AS (
      INSERT INTO leads (lead_id, account_id, list_id, campaign_id, phone_code, phone_number, phone_e164, phone_shard,
                         created_by, modified_by, created_at, modified_at, dial_region)
      SELECT nextval('leads_lead_id_seq'), $account_id, $2, $1, 1, n, '+1' || n, 0, 0, 0,
             now() - interval '1 day' + g * interval '1 millisecond', now() - interval '1 day' + g * interval '1 millisecond',
             ($4)[1 + g % cardinality($4)]
      FROM generate_series(1, $3) g, LATERAL (SELECT (2000000000 + $1::bigint * 10000000 + g)::text AS n) x
      RETURNING lead_id, dial_region)
    INSERT INTO hopper_entries (campaign_id, lead_id, priority, inserted_at, dial_region)
    SELECT $1, lead_id, 50, now(), dial_region FROM new WHERE $5 = 1" >/dev/null
}
pull_side() { # pull_side CAMPAIGN NAME: activate, wait for every entry, pull it all; adds to zone_runs
  hopper_call status "$1" >/dev/null
  wait_ready "$1" "$total"
  python3 "$root/bench/hopper-pull.py" "$api_url" "$token" "$1" "$dialers" "$pull_count" "$lease_seconds" "$tmp/leases-$2.txt" >"$tmp/pull-$2.log" 2>&1 \
    || { cat "$tmp/pull-$2.log" >&2; die "the dialers of $2 failed"; }
  local line kv
  line=$(grep '^BENCH ' "$tmp/pull-$2.log")
  for kv in ${line#BENCH }; do printf -v "Z_${kv%%=*}" '%s' "${kv#*=}"; done
  (( Z_entries == total && Z_distinct_leads == total && Z_leads_twice == 0 && Z_errors == 0 )) || zones_ok=0
  log "zones: $2: $Z_entries_per_s entries/s, p99 $Z_p99_ms ms"
  zone_runs+=("$2 $Z_entries_per_s $Z_p50_ms $Z_p99_ms")
}
loader_status() { # loader_status CAMPAIGN: "ready loaded scanned took_ms at" of the hopper's status
  local st; st=$(hopper_call status "$1")
  python3 -c 'import json,sys; d=json.loads(sys.argv[1])["data"]; l=d.get("last_load") or {}; print(d["ready"], l.get("loaded",0), l.get("scanned",0), l.get("took_ms",0), l.get("at","-"))' "$st"
}
wait_loaded() { # wait_loaded CAMPAIGN NOT_AT: until the hopper shows $loader_level ready from a load other than NOT_AT; sets L_*
  for _ in $(seq 1 300); do
    read -r L_ready L_loaded L_scanned L_took L_at <<<"$(loader_status "$1")"
    [[ $L_ready == "$loader_level" && $L_at != "$2" && $L_loaded -gt 0 ]] && return 0
    sleep 0.1
  done
  die "loader of campaign $1 did not reach ready=$loader_level (ready=$L_ready, last load $L_loaded at $L_at)"
}
zones_ok=1
zone_runs=()
if (( zones_part )); then
  log "zones: filling 4 campaigns x $total leads with hopper rows (one region, six regions; twice each) and a loader campaign of $loader_leads leads in SQL"
  read -r z1a z1a_list <<<"$(sql_campaign 'Bench one zone a')"; sql_leads "$z1a" "$z1a_list" "$total" "ARRAY['US-NY|America/New_York']" 1
  read -r z6a z6a_list <<<"$(sql_campaign 'Bench six zones a')"; sql_leads "$z6a" "$z6a_list" "$total" "$six_regions" 1
  read -r z1b z1b_list <<<"$(sql_campaign 'Bench one zone b')"; sql_leads "$z1b" "$z1b_list" "$total" "ARRAY['US-NY|America/New_York']" 1
  read -r z6b z6b_list <<<"$(sql_campaign 'Bench six zones b')"; sql_leads "$z6b" "$z6b_list" "$total" "$six_regions" 1
  read -r lc lc_list <<<"$(sql_campaign 'Bench loader')"; sql_leads "$lc" "$lc_list" "$loader_leads" "$six_regions" 0
  psql_q "VACUUM ANALYZE leads" >/dev/null; psql_q "VACUUM ANALYZE hopper_entries" >/dev/null
  pull_side "$z1a" one-a; pull_side "$z6a" six-a; pull_side "$z1b" one-b; pull_side "$z6b" six-b
  one_eps=$(printf '%s\n' "${zone_runs[@]}" | awk '$1 ~ /^one/ {s+=$2; n++} END{printf "%.0f", s/n}')
  six_eps=$(printf '%s\n' "${zone_runs[@]}" | awk '$1 ~ /^six/ {s+=$2; n++} END{printf "%.0f", s/n}')
  zones_ratio=$(awk -v a="$six_eps" -v b="$one_eps" 'BEGIN{printf "%.2f", a / b}')

  # Loader: the level set through the admin API; the campaign's grain tells its hopper, whose loader runs at once.
  log "loader: campaign $lc ($loader_leads leads, none in the hopper): hopper level $loader_level"
  t0=$(now)
  answer=$(curl -s -X POST "$api_url/v1/campaigns/dialing/update" --data-urlencode "auth_token=$token" -d "campaign_id=$lc" -d "hopper_level=$loader_level")
  [[ $answer == *'"success":true'* ]] || die "campaigns/dialing/update was refused: $answer"
  wait_loaded "$lc" "-"
  first_wall=$(awk -v a="$(now)" -v b="$t0" 'BEGIN{printf "%.0f", (a - b) * 1000}')
  first_took=$L_took first_scanned=$L_scanned first_loaded=$L_loaded first_at=$L_at
  # A dialer takes the whole hopper and acks it (dialed: those leads leave the fresh-lead index); the pull
  # leaves the hopper below its low-water mark, so the loader refills it at once.
  python3 "$root/bench/hopper-dial-all.py" "$api_url" "$token" "$lc" "$loader_level" >"$tmp/loader-dial.log" 2>&1 \
    || { cat "$tmp/loader-dial.log" >&2; die "the loader campaign's dialer failed"; }
  t0=$(now)
  wait_loaded "$lc" "$first_at"
  refill_wall=$(awk -v a="$(now)" -v b="$t0" 'BEGIN{printf "%.0f", (a - b) * 1000}')
  refill_took=$L_took refill_scanned=$L_scanned refill_loaded=$L_loaded
  loader_distinct=$(psql_q "SELECT count(DISTINCT lead_id) FROM hopper_entries WHERE campaign_id = $lc")
  (( first_loaded == loader_level && loader_distinct == loader_level )) || zones_ok=0
  log "loader: first fill $first_loaded in $first_took ms (status seen after $first_wall ms); refill $refill_loaded in $refill_took ms"
fi

# ---------------------------------------------------------------- summary
failed=0
(( zones_ok )) || failed=1
pull_ok=1
(( pull_rc == 0 && P_errors == 0 && P_entries == total && P_distinct_leads == total && P_distinct_leases == total && P_leads_twice == 0 )) || pull_ok=0
(( db_leased == total && db_matching == total && db_lease_ids == total )) || pull_ok=0
[[ $(json_num ready "$status_after_pull") == 0 && $(json_num leased "$status_after_pull") == "$total" ]] || pull_ok=0
(( pull_ok )) || failed=1
expiry_ok=1
if (( expiry_part )); then
  [[ -n $zero_at ]] || expiry_ok=0
  (( ev_rows == total && ev_leads == total && ev_matching == total )) || expiry_ok=0
fi
(( expiry_ok )) || failed=1
if (( expiry_part )); then
sweep_s=$( [[ -n $zero_at ]] && awk -v z="$zero_at" -v m="$exp_max" 'BEGIN{printf "%.2f", z - m}' || echo "n/a (entries left: $left)")
window_s=$( [[ -n $zero_at ]] && awk -v z="$zero_at" -v m="$exp_min" 'BEGIN{printf "%.2f", z - m}' || echo "n/a")
window_rate=$( [[ -n $zero_at ]] && awk -v z="$zero_at" -v m="$exp_min" -v n="$total" 'BEGIN{printf "%.0f", n / (z - m)}' || echo "n/a")
sweep_rate=$(awk -v ms="$sweep_ms" -v n="$ev_rows" 'BEGIN{ if (ms > 0) printf "%.0f", n / (ms / 1000); else printf "n/a" }')
fi

cat <<EOF

==================== Leadline hopper bench ====================
machine: $ncpu cores; PostgreSQL durable (fsync on); one silo, one API host; fills: wrk -t$fill_threads -c$fill_connections, check_dup=1 check_dnc=1 hopper=1, a new phone per insert${experiments:+
EXPERIMENT, not an official figure: ${experiments[*]}}
1. pull throughput (campaign $pull_campaign, $total entries; $dialers dialers, count=$pull_count, lease_seconds=$lease_seconds, no acks)
   fill: $total inserts acknowledged at $pull_fill_rate/s (the pull fill; ready=$total before the pulls)
   pulled  : $(printf '%8.0f' "$P_entries_per_s") entries/s   $(printf '%6.1f' "$P_pulls_per_s") pulls/s   ($P_entries entries in $P_pulls pulls over ${P_seconds}s, $P_empty_pulls empty pulls at the end)
   latency : p50 $P_p50_ms ms, p90 $P_p90_ms ms, p99 $P_p99_ms ms, max $P_max_ms ms (non-empty pulls, measured at the dialer)
             p50 of the first quarter of the pulls $P_first_quarter_p50_ms ms, of the last quarter $P_last_quarter_p50_ms ms
   leads   : $P_distinct_leads distinct leads, $P_distinct_leases distinct lease ids, $P_leads_twice leads pulled twice, $P_errors error answers$( [[ -n $P_first_error ]] && echo " (first: $P_first_error)")
   table   : $db_leased LEASED rows, $db_matching match the pulled (lead, lease id, dialer), $db_lease_ids distinct lease ids
   status after: $(sed 's/.*"data":{\(.*\)}}$/\1/' <<<"$status_after_pull")
   check: $( (( pull_ok )) && echo "OK: every entry pulled exactly once" || echo "FAILED")
$pull_cpu
    dialers (python3)      client CPU ${P_client_cpu_s}s over ${pull_secs}s (part of "everything else")
   PostgreSQL: $lease_n lease statements (dialable check + lease of the pulls grouped into one round) for $P_pulls pulls,
             $(awk -v n="$lease_n" -v s="$lease_ms" 'BEGIN{printf "%.2f", n ? s/n : 0}') ms avg, max $lease_max ms (executes, from the server log; the commit's WAL fsync is not in this time)
memory per READY entry ($total entries): $mem_line
   in process (bench/HopperMemory, the queue alone): $(tr '\n' ' ' <<<"$queue_lines")
EOF
if (( expiry_part )); then
cat <<EOF
2. expiry sweep (campaign $expiry_campaign, $total entries with hopper_expires_in=1)
   fill: $total inserts acknowledged at $expiry_fill_rate/s, the last at $(date -d "@$last_ack" +%H:%M:%S.%N | cut -c1-12)
   expires_at from $(date -d "@$exp_min" +%H:%M:%S.%N | cut -c1-12) to $(date -d "@$exp_max" +%H:%M:%S.%N | cut -c1-12) ($(awk -v a="$exp_min" -v b="$exp_max" 'BEGIN{printf "%.2f", b - a}') s apart; the last $(awk -v a="$last_ack" -v b="$exp_max" 'BEGIN{printf "%.2f", b - a}') s after the last ack)
   sweep   : hopper_entries of the campaign reached 0 $sweep_s s after the latest expires_at
             $window_s s after the earliest ($window_rate entries/s over the whole expiry window; the sweep follows the expiries as they come)
   SQL     : $sweep_n sweep statements (DELETE ... RETURNING + INSERT workflow_events), ${sweep_ms} ms in total, the longest ${sweep_max_ms} ms: $sweep_rate entries/s of statement time
   events  : $ev_rows HOPPER_EXPIRE rows, $ev_leads distinct leads, $ev_matching of this list's leads, in $ev_stmts transactions (at most $ev_max_batch rows in one)
   check: $( (( expiry_ok )) && echo "OK: every entry removed, one HOPPER_EXPIRE row each" || echo "FAILED")
   entries left over time (counted every 50 ms, database clock):
$sweep_lines
$expiry_cpu
EOF
else
  echo "2. expiry sweep: skipped (BENCH_EXPIRY=0)"
fi
if (( zones_part )); then
cat <<EOF
3. one dial region against six (4 campaigns x $total READY entries filled in SQL, pulled by the part-1 dialers, alternating)
$(printf '%s\n' "${zone_runs[@]}" | awk '{printf "   %-6s %8.0f entries/s   p50 %s ms, p99 %s ms\n", $1, $2, $3, $4}')
   six regions / one region: $zones_ratio ($six_eps vs $one_eps entries/s; target: within 20%, i.e. >= 0.80)
   loader: campaign of $loader_leads leads (six regions), hopper level $loader_level
     first fill : $first_loaded entries in $first_took ms inside the hopper ($first_scanned lead rows read; status showed them $first_wall ms after the API call)
     refill     : $refill_loaded entries in $refill_took ms after a dialer took and acked the whole hopper ($refill_scanned rows read; seen after $refill_wall ms)
   check: $( (( zones_ok )) && echo "OK: every entry pulled exactly once on each side; the loader filled the level with distinct leads" || echo "FAILED")
EOF
else
  echo "3. zones and loader: skipped (BENCH_ZONES=0)"
fi
if ((${#idle_warnings[@]})); then echo "WARNING, machine not idle: ${idle_warnings[*]}"; fi
if [[ -s "$tmp/top-pull.txt" ]]; then
  echo "top during the pulls (second frame, 1 s interval):"
  awk '/^top -/{n++} n==2' "$tmp/top-pull.txt" | sed -n '1,3p;7,14p' | sed 's/^/  /'
fi
echo "==============================================================="
# For bench/run.sh: the pull figure only when every entry was pulled exactly once.
if [[ "${BENCH_PERF:-0}" == 1 && -s "$tmp/perf.data" ]]; then
  for pid in "$perf_silo" "$perf_api"; do
    echo "perf during the pulls, pid $pid, self time by symbol (top 25):"
    { perf report -i "$tmp/perf.data" --pid="$pid" --no-children --sort dso,sym -g none --stdio 2>/dev/null || true; } \
      | awk '/^ +[0-9]/ && n < 25 { print; n++ }'
  done
fi
if (( pull_ok )); then echo "BENCH_RESULT hopper_pull_eps=$P_entries_per_s"; fi
if (( zones_part && zones_ok )); then
  echo "BENCH_RESULT hopper_six_zone_vs_one=$zones_ratio"
  echo "BENCH_RESULT hopper_loader_refill_ms=$refill_took"
fi
if (( memory_part )); then echo "BENCH_RESULT hopper_bytes_per_ready_entry=$bytes_per_entry"; fi
printf '%s\n' "$queue_lines"
if (( failed )); then
  log "correctness check FAILED (see the check lines above)"
  exit 1
fi
exit 0
