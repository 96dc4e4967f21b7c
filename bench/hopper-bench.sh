#!/usr/bin/env bash
# Leadline dialer hopper benchmark: pull throughput of POST /v1/hopper/pull on a 100,000-entry hopper,
# and the cost of the expiry sweep for 100,000 entries that expire. See bench/README.md.
#
#   bench/hopper-bench.sh              build, start, both parts, summary (about 3 minutes)
#
# Environment knobs (defaults in brackets):
#   BENCH_HOPPER_ENTRIES [100000]  entries per part        BENCH_DIALERS [6]  concurrent pulling dialers
#   BENCH_PULL_COUNT [100]         count per pull           BENCH_FILL_CONNECTIONS [64] wrk connections of the fills
#   BENCH_KEEP [0]       1 = keep the temp folder (logs, leases file, sweep timeline)
#   BENCH_SKIP_BUILD [0] 1 = use the existing Release builds
#   BENCH_IDLE_WAIT [30] seconds to wait for other work on the machine to stop before the run
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
: "${BENCH_IDLE_WAIT:=30}"
source "$root/bench/lib-leadline.sh" # tools, temp folder + cleanup, helpers, Leadline start-up
command -v python3 >/dev/null || die "python3 is not installed"

if [[ "${BENCH_SKIP_BUILD:-0}" != 1 ]]; then
  log "building Leadline.sln (Release)"
  build Leadline.sln
fi
for f in "$silo_bin/Leadline.Silo.dll" "$api_bin/Leadline.ApiHost.dll"; do
  [[ -f $f ]] || die "$f is missing (build first)"
done

# ---------------------------------------------------------------- start
leadline_start_pg
leadline_migrate_seed
[[ -n $account_id && -n $campaign_id ]] || die "seed wrote no account/campaign to demo.env"
pull_campaign=$campaign_id pull_list=$list_id
# The expiry part gets its own campaign and list of the demo account.
expiry_campaign=$(psql_q "INSERT INTO campaigns (account_id, name) VALUES ($account_id, 'Hopper bench expiry') RETURNING campaign_id")
expiry_list=$(psql_q "INSERT INTO lists (account_id, campaign_id, name) VALUES ($account_id, $expiry_campaign, 'Hopper bench expiry') RETURNING list_id")
[[ $expiry_campaign =~ ^[0-9]+$ && $expiry_list =~ ^[0-9]+$ ]] || die "could not create the expiry campaign/list"

check_idle "Leadline"
leadline_spawn_servers
leadline_wait_ready

hopper_call() { # hopper_call ENDPOINT CAMPAIGN [-d k=v ...]
  local endpoint=$1 campaign=$2; shift 2
  curl -s -X POST "$api_url/v1/hopper/$endpoint" --data-urlencode "auth_token=$token" -d "campaign_id=$campaign" "$@"
}
json_num() { sed -n "s/.*\"$1\":\([0-9][0-9]*\).*/\1/p" <<<"$2"; } # json_num KEY JSON (first number field KEY)

status=$(hopper_call status "$pull_campaign")
[[ $status == *'"success":true'* ]] || die "hopper status was refused: $status"

# fill NAME LIST RUN [EXPIRES_MIN]: exactly $total inserts with hopper=1 -> F_ok F_not_ok F_seconds F_first_error
fill() {
  local name=$1 list=$2 run=$3 expires=${4:-} out="$tmp/wrk-fill-$1.log"
  log "$name: inserting $total leads with hopper=1${expires:+ hopper_expires_in=$expires} (wrk -t$fill_threads -c$fill_connections)"
  local t0 t1 done_prefix="$tmp/fill-$name.done" i
  t0=$(now)
  wrk -t"$fill_threads" -c"$fill_connections" -d120s --timeout 10s -s "$root/bench/hopper-fill.lua" "$api_url" \
    -- "$token" "$list" "$run" "$total" "$fill_threads" "$done_prefix" "$expires" >"$out" 2>&1 &
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
  local rc=0
  wait "$wrk_pid" || rc=$?
  local kept=() p
  for p in "${pids[@]}"; do [[ $p == "$wrk_pid" ]] || kept+=("$p"); done
  pids=("${kept[@]}")
  local line kv
  line=$(grep '^BENCH ' "$out" || true)
  [[ $rc -eq 0 && -n $line ]] || { cat "$out" >&2; die "wrk fill $name failed"; }
  for kv in ${line#BENCH }; do printf -v "F_${kv%%=*}" '%s' "${kv#*=}"; done
  F_first_error=$(sed -n 's/^BENCH_FIRST_ERROR //p' "$out")
  F_done_at=$t1
  F_rate=$(awk -v n="$F_ok" -v a="$t0" -v b="$t1" 'BEGIN{printf "%.0f", n / (b - a)}')
  log "$name: $F_ok inserted, $F_not_ok refused, socket errors $F_sock_errors, in $(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.1f", b - a}') s ($F_rate/s)"
  (( F_ok == total && F_not_ok == 0 && F_sock_errors == 0 )) || die "fill $name: $F_ok of $total inserted; first error: $F_first_error"
}

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
read -r dial_n dial_ms dial_max <<<"$(statement_times 'SELECT l.lead_id')"
read -r lease_n lease_ms lease_max <<<"$(statement_times "UPDATE hopper_entries h SET state = 'LEASED'")"
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
fill expiry "$expiry_list" 2 1
last_ack=$F_done_at
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

# ---------------------------------------------------------------- summary
failed=0
pull_ok=1
(( pull_rc == 0 && P_errors == 0 && P_entries == total && P_distinct_leads == total && P_distinct_leases == total && P_leads_twice == 0 )) || pull_ok=0
(( db_leased == total && db_matching == total && db_lease_ids == total )) || pull_ok=0
[[ $(json_num ready "$status_after_pull") == 0 && $(json_num leased "$status_after_pull") == "$total" ]] || pull_ok=0
(( pull_ok )) || failed=1
expiry_ok=1
[[ -n $zero_at ]] || expiry_ok=0
(( ev_rows == total && ev_leads == total && ev_matching == total )) || expiry_ok=0
(( expiry_ok )) || failed=1
sweep_s=$( [[ -n $zero_at ]] && awk -v z="$zero_at" -v m="$exp_max" 'BEGIN{printf "%.2f", z - m}' || echo "n/a (entries left: $left)")
window_s=$( [[ -n $zero_at ]] && awk -v z="$zero_at" -v m="$exp_min" 'BEGIN{printf "%.2f", z - m}' || echo "n/a")
window_rate=$( [[ -n $zero_at ]] && awk -v z="$zero_at" -v m="$exp_min" -v n="$total" 'BEGIN{printf "%.0f", n / (z - m)}' || echo "n/a")
sweep_rate=$(awk -v ms="$sweep_ms" -v n="$ev_rows" 'BEGIN{ if (ms > 0) printf "%.0f", n / (ms / 1000); else printf "n/a" }')

cat <<EOF

==================== Leadline hopper bench ====================
machine: $ncpu cores; PostgreSQL durable (fsync on); one silo, one API host; fills: wrk -t$fill_threads -c$fill_connections, check_dup=1 check_dnc=1 hopper=1, a new phone per insert
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
   PostgreSQL time per pull (executes, from the server log): dialable check $(awk -v n="$dial_n" -v s="$dial_ms" 'BEGIN{printf "%.2f", n ? s/n : 0}') ms avg (max $dial_max ms, $dial_n runs),
             lease UPDATE $(awk -v n="$lease_n" -v s="$lease_ms" 'BEGIN{printf "%.2f", n ? s/n : 0}') ms avg (max $lease_max ms, $lease_n runs; its commit's WAL fsync is not in this time)
2. expiry sweep (campaign $expiry_campaign, $total entries with hopper_expires_in=1)
   fill: $total inserts acknowledged at $F_rate/s, the last at $(date -d "@$last_ack" +%H:%M:%S.%N | cut -c1-12)
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
if ((${#idle_warnings[@]})); then echo "WARNING, machine not idle: ${idle_warnings[*]}"; fi
if [[ -s "$tmp/top-pull.txt" ]]; then
  echo "top during the pulls (second frame, 1 s interval):"
  awk '/^top -/{n++} n==2' "$tmp/top-pull.txt" | sed -n '1,3p;7,14p' | sed 's/^/  /'
fi
echo "==============================================================="
if (( failed )); then
  log "correctness check FAILED (see the check lines above)"
  exit 1
fi
exit 0
