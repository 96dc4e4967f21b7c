#!/usr/bin/env bash
# Leadline dialer hopper benchmark: pull throughput of POST /v1/hopper/pull on a 100,000-entry hopper,
# the hopper's memory per READY entry, the cost of the expiry sweep for 100,000 entries that expire, and
# the Workflow Automation delivery throughput of the HOPPER_EXPIRE webhooks those expiries fan out to.
# See bench/README.md. Prints BENCH_RESULT hopper_pull_eps=N and hopper_bytes_per_ready_entry=N (and the
# in-process hopper_queue_bytes_per_entry_loaded/_grown) for bench/run.sh.
#
#   bench/hopper-bench.sh              build, start, the three parts, summary (about 5 minutes)
#
# Environment knobs (defaults in brackets):
#   BENCH_HOPPER_ENTRIES [100000]  entries per part        BENCH_DIALERS [6]  concurrent pulling dialers
#   BENCH_PULL_COUNT [100]         count per pull           BENCH_FILL_CONNECTIONS [64] wrk connections of the fills
#   BENCH_KEEP [0]       1 = keep the temp folder (logs, leases file, sweep timeline)
#   BENCH_SKIP_BUILD [0] 1 = use the existing Release builds
#   BENCH_IDLE_WAIT [30] seconds to wait for other work on the machine to stop before the run
#   BENCH_HOPPER_MEMORY [1] 0 = skip the memory figure (a silo restart + two heap dumps before the pulls)
#   BENCH_EXPIRY [1]     0 = skip part 2 (the expiry sweep)
#   BENCH_PERF [0]       1 = sample the silo and the API host with perf during the pulls (.NET perf maps on);
#                        the top symbols per process go to the summary
#   BENCH_DELIVERY_EVENTS [20000]  expiring entries of part 3 (one webhook each); 0 skips part 3
#   BENCH_DELIVERY_TIMEOUT [600]   seconds after the last expiry to wait for every delivery
#   BENCH_SILO_ENV       extra VAR=value words for the silo, e.g. Leadline__Workflows__MaxInFlight=128
#                        (the summary then says EXPERIMENT: the defaults are what the figures are for)
# Exit status: 0 ok; 1 setup failed or a correctness check failed (a refused insert or pull, a lead
# pulled twice or not at all, entries left after the sweep, HOPPER_EXPIRE rows not one per entry,
# an event whose webhook never arrived, a bad webhook signature, a delivery not DELIVERED).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

total=${BENCH_HOPPER_ENTRIES:-100000}
dialers=${BENCH_DIALERS:-6}
pull_count=${BENCH_PULL_COUNT:-100}
lease_seconds=600
fill_connections=${BENCH_FILL_CONNECTIONS:-64}
fill_threads=2
delivery_events=${BENCH_DELIVERY_EVENTS:-20000}
memory_part=${BENCH_HOPPER_MEMORY:-1}
expiry_part=${BENCH_EXPIRY:-1}
delivery_timeout=${BENCH_DELIVERY_TIMEOUT:-600}
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
# The expiry part gets its own campaign and list of the demo account.
expiry_campaign=$(psql_q "INSERT INTO campaigns (account_id, name) VALUES ($account_id, 'Hopper bench expiry') RETURNING campaign_id")
expiry_list=$(psql_q "INSERT INTO lists (account_id, campaign_id, name) VALUES ($account_id, $expiry_campaign, 'Hopper bench expiry') RETURNING list_id")
[[ $expiry_campaign =~ ^[0-9]+$ && $expiry_list =~ ^[0-9]+$ ]] || die "could not create the expiry campaign/list"
# So does the delivery part: its rule is bound to its campaign, so parts 1 and 2 make no deliveries.
if (( delivery_events > 0 )); then
  delivery_campaign=$(psql_q "INSERT INTO campaigns (account_id, name) VALUES ($account_id, 'Hopper bench delivery') RETURNING campaign_id")
  delivery_list=$(psql_q "INSERT INTO lists (account_id, campaign_id, name) VALUES ($account_id, $delivery_campaign, 'Hopper bench delivery') RETURNING list_id")
  [[ $delivery_campaign =~ ^[0-9]+$ && $delivery_list =~ ^[0-9]+$ ]] || die "could not create the delivery campaign/list"
fi

# The silo's delivery settings (Leadline__Workflows__*) can be tried without editing anything;
# the lib passes silo_extra_env to the silo.
experiments=()
[[ -n "${BENCH_SILO_ENV:-}" ]] && experiments+=("BENCH_SILO_ENV='$BENCH_SILO_ENV'")
read -r -a silo_extra_env <<<"${BENCH_SILO_ENV:-}"
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

# fill NAME LIST RUN [EXPIRES_MIN] [COUNT]: exactly COUNT ($total) inserts with hopper=1
#   -> F_ok F_not_ok F_seconds F_first_error F_done_at F_rate
fill() {
  local name=$1 list=$2 run=$3 expires=${4:-} count=${5:-$total} out="$tmp/wrk-fill-$1.log"
  log "$name: inserting $count leads with hopper=1${expires:+ hopper_expires_in=$expires} (wrk -t$fill_threads -c$fill_connections)"
  local t0 t1 done_prefix="$tmp/fill-$name.done" i
  t0=$(now)
  wrk -t"$fill_threads" -c"$fill_connections" -d120s --timeout 10s -s "$root/bench/hopper-fill.lua" "$api_url" \
    -- "$token" "$list" "$run" "$count" "$fill_threads" "$done_prefix" "$expires" >"$out" 2>&1 &
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
  (( F_ok == count && F_not_ok == 0 && F_sock_errors == 0 )) || die "fill $name: $F_ok of $count inserted; first error: $F_first_error"
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

# ---------------------------------------------------------------- 3. workflow delivery
# A HOPPER_EXPIRE rule with one WEBHOOK action on a third campaign, created through the API as a
# customer would; then entries that expire, so the sweep records the events and the trigger on
# workflow_events queues one delivery each (outbox). Measured: how fast the silo's delivery worker
# gets them all to a local receiver, and that every event arrives, signed right.
delivery_ok=1
if (( delivery_events > 0 )); then
  pick_port hook_port
  hook_secret="bench-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
  received="$tmp/received.txt"
  start_in "$root" "$tmp/receiver.log" python3 "$root/bench/webhook-receiver.py" "$hook_port" "$hook_secret" "$received"
  receiver_pid=$last_pid
  wait_http "http://127.0.0.1:$hook_port/" 15 "$receiver_pid" "webhook receiver" "$tmp/receiver.log"
  rule_answer=$(curl -s -X POST "$api_url/v1/workflows/create" --data-urlencode "auth_token=$token" \
    -d "name=Hopper bench delivery" -d trigger_event=HOPPER_EXPIRE -d "campaign_id=$delivery_campaign" \
    -d action_1_type=WEBHOOK --data-urlencode "action_1_url=http://127.0.0.1:$hook_port/hook" \
    --data-urlencode "action_1_secret=$hook_secret")
  rule_id=$(sed -n 's/.*"rule_id":"\([0-9][0-9]*\)".*/\1/p' <<<"$rule_answer")
  # The answer shows the secret this once: it must be the one given (the receiver verifies with it).
  [[ -n $rule_id && $rule_answer == *"\"secret\":\"$hook_secret\""* ]] || die "workflow rule was refused: $rule_answer"
  log "delivery: rule $rule_id (HOPPER_EXPIRE, campaign $delivery_campaign) -> WEBHOOK http://127.0.0.1:$hook_port/hook (receiver pid $receiver_pid)"

  fill delivery "$delivery_list" 3 1 "$delivery_events"
  d_fill_rate=$F_rate d_last_ack=$F_done_at
  wait_ready "$delivery_campaign" "$delivery_events"
  IFS='|' read -r d_exp_min d_exp_max <<<"$(psql_q "SELECT extract(epoch FROM min(expires_at)), extract(epoch FROM max(expires_at))
    FROM hopper_entries WHERE campaign_id = $delivery_campaign")"
  log "delivery: entries expire from $(date -d "@$d_exp_min" +%H:%M:%S.%N | cut -c1-12) to $(date -d "@$d_exp_max" +%H:%M:%S.%N | cut -c1-12); waiting for the sweep and the deliveries"
  # As in part 2: idle until 2 s before the first expiry, then one psql session samples the queue
  # every 0.5 s (database clock): events recorded, deliveries queued, PENDING, of those claimed by a
  # worker (in flight: at most MaxInFlight per silo), DELIVERED, DEAD.
  sleep "$(awk -v m="$d_exp_min" -v n="$(now)" 'BEGIN{ d = m - 2 - n; printf "%.2f", (d > 0 ? d : 0) }')"
  roles[postgres]=$(pg_pids)
  roles["webhook receiver"]=$receiver_pid
  role_order=(postgres silo "api host" "webhook receiver")
  cpu_snapshot cpu0; s0=$(sys_ticks); t0=$(now)
  printf '%s\n' "SELECT extract(epoch FROM clock_timestamp()),
      (SELECT count(*) FROM workflow_events WHERE event_type = 'HOPPER_EXPIRE' AND campaign_id = $delivery_campaign),
      count(*), count(*) FILTER (WHERE state = 'PENDING'), count(*) FILTER (WHERE state = 'PENDING' AND claimed_by IS NOT NULL),
      count(*) FILTER (WHERE state = 'DELIVERED'), count(*) FILTER (WHERE state = 'DEAD')
    FROM workflow_deliveries WHERE rule_id = $rule_id \\watch 0.5" \
    | "$psql_bin" -h 127.0.0.1 -p "$pg_port" -U postgres -d leadline -XAtq -F ' ' >"$tmp/delivery-polls.txt" 2>&1 &
  dpoll_pid=$!
  pids+=("$dpoll_pid")
  deadline=$(awk -v m="$d_exp_max" -v w="$delivery_timeout" 'BEGIN{printf "%d", m + w}')
  d_done=0
  while :; do
    # Done: every entry's event recorded, one delivery each, none left PENDING.
    d_done=$(awk -v n="$delivery_events" 'NF == 7 && $2 == n && $3 == n && $4 == 0 { print 1; exit }' "$tmp/delivery-polls.txt")
    [[ $d_done == 1 ]] && break
    (( $(date +%s) < deadline )) || break
    sleep 0.25
  done
  cpu_snapshot cpu1; s1=$(sys_ticks); t1=$(now)
  stop_pid "$dpoll_pid"
  sample_secs=$(awk -v a="$t1" -v b="$t0" 'BEGIN{printf "%.2f", a - b}')
  read -r -a sys0 <<<"$s0"; read -r -a sys1 <<<"$s1"
  delivery_cpu=$(cpu_report)
  # Every delivery is answered, so the receiver has them all; SIGTERM: it flushes its record and
  # prints its counters.
  stop_pid "$receiver_pid"
  line=$(grep '^BENCH ' "$tmp/receiver.log" || true)
  [[ -n $line ]] || { cat "$tmp/receiver.log" >&2; die "the webhook receiver printed no counters"; }
  for kv in ${line#BENCH }; do printf -v "R_${kv%%=*}" '%s' "${kv#*=}"; done
  # Queue depth while the deliveries ran (samples with something PENDING): in flight vs waiting.
  read -r q_samples q_flight_max q_flight_avg q_pending_max <<<"$(awk 'NF == 7 && $4 > 0 { n++; s += $5; if ($5 > m) m = $5; if ($4 > p) p = $4 }
    END { printf "%d %d %.1f %d", n, m, n ? s / n : 0, p }' "$tmp/delivery-polls.txt")"

  # Everything else from the tables, with the receiver's record loaded beside them.
  IFS='|' read -r d_events d_rows d_first d_last d_delivered d_states d_attempts d_failed_tries d_max_attempts \
      r_rows r_events r_deliveries r_dups r_bad r_missing r_foreign r_mismatched \
      lat_p50 lat_p99 lat_max http_p50 http_p99 fin_p50 fin_p99 <<<"$("$psql_bin" -h 127.0.0.1 -p "$pg_port" -U postgres -d leadline -XAtq <<SQL
CREATE TEMP TABLE received (arrived double precision, event_id text, delivery_id text, sig_ok int, t text);
\\copy received FROM '$received' WITH (DELIMITER ' ')
CREATE TEMP TABLE events AS SELECT event_id, extract(epoch FROM created_at) AS created
  FROM workflow_events WHERE event_type = 'HOPPER_EXPIRE' AND campaign_id = $delivery_campaign;
CREATE TEMP TABLE deliveries AS SELECT * FROM workflow_deliveries WHERE rule_id = $rule_id;
-- First arrival per event: the latency a receiver sees; later copies are at-least-once duplicates.
CREATE TEMP TABLE firsts AS SELECT event_id, min(arrived) AS arrived FROM received GROUP BY event_id;
CREATE TEMP TABLE tries AS SELECT a.* FROM workflow_delivery_attempts a JOIN deliveries d USING (delivery_id);
CREATE TEMP TABLE finish AS SELECT 1000 * extract(epoch FROM d.completed_at - a.started_at) AS ms
  FROM deliveries d JOIN tries a USING (delivery_id) WHERE d.state = 'DELIVERED' AND a.outcome = 'OK';
SELECT (SELECT count(*) FROM events),
       (SELECT count(*) FROM deliveries),
       (SELECT extract(epoch FROM min(created_at)) FROM deliveries),
       (SELECT extract(epoch FROM max(completed_at)) FROM deliveries WHERE state = 'DELIVERED'),
       (SELECT count(*) FROM deliveries WHERE state = 'DELIVERED'),
       (SELECT coalesce(string_agg(state || ' ' || n, ', ' ORDER BY state), 'none') FROM (SELECT state, count(*) AS n FROM deliveries GROUP BY state) s),
       (SELECT count(*) FROM tries), (SELECT count(*) FROM tries WHERE outcome <> 'OK'),
       (SELECT coalesce(max(attempts), 0) FROM deliveries),
       (SELECT count(*) FROM received),
       (SELECT count(DISTINCT event_id) FROM received),
       (SELECT count(DISTINCT delivery_id) FROM received),
       (SELECT count(*) - count(DISTINCT delivery_id) FROM received),
       (SELECT count(*) FROM received WHERE sig_ok <> 1),
       (SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM firsts f WHERE f.event_id = e.event_id::text)),
       (SELECT count(*) FROM firsts f WHERE NOT EXISTS (SELECT 1 FROM events e WHERE f.event_id = e.event_id::text)),
       -- the (event, delivery) pair each request named is this rule's delivery of that event
       (SELECT count(*) FROM received r WHERE NOT EXISTS (SELECT 1 FROM deliveries d
          WHERE d.event_id::text = r.event_id AND d.delivery_id::text = r.delivery_id)),
       (SELECT round(percentile_cont(0.5) WITHIN GROUP (ORDER BY 1000 * (f.arrived - e.created))::numeric, 1) FROM firsts f JOIN events e ON f.event_id = e.event_id::text),
       (SELECT round(percentile_cont(0.99) WITHIN GROUP (ORDER BY 1000 * (f.arrived - e.created))::numeric, 1) FROM firsts f JOIN events e ON f.event_id = e.event_id::text),
       (SELECT round(max(1000 * (f.arrived - e.created))::numeric, 1) FROM firsts f JOIN events e ON f.event_id = e.event_id::text),
       (SELECT round(percentile_cont(0.5) WITHIN GROUP (ORDER BY duration_ms)::numeric, 1) FROM tries WHERE outcome = 'OK'),
       (SELECT round(percentile_cont(0.99) WITHIN GROUP (ORDER BY duration_ms)::numeric, 1) FROM tries WHERE outcome = 'OK'),
       (SELECT round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::numeric, 1) FROM finish),
       (SELECT round(percentile_cont(0.99) WITHIN GROUP (ORDER BY ms)::numeric, 1) FROM finish);
SQL
)"
  d_window=$(awk -v a="$d_first" -v b="$d_last" 'BEGIN{ if (a != "" && b != "") printf "%.2f", b - a; else printf "n/a" }')
  d_rate=$(awk -v n="$d_delivered" -v w="$d_window" 'BEGIN{ if (w + 0 > 0) printf "%.0f", n / w; else printf "n/a" }')
  # Deliveries completed over time, in at most ~20 buckets from the first delivery row (database clock).
  d_bucket=$(awk -v w="$d_window" 'BEGIN{ b = (w + 0 > 0) ? int((w + 19) / 20) : 1; print (b < 1 ? 1 : b) }')
  d_timeline=$( [[ -n $d_first ]] && psql_q "SELECT floor((extract(epoch FROM completed_at) - $d_first) / $d_bucket)::int, count(*)
      FROM workflow_deliveries WHERE rule_id = $rule_id AND state = 'DELIVERED' GROUP BY 1 ORDER BY 1" \
    | awk -F'|' -v b="$d_bucket" '{ printf "    +%4d..%4d s after the first delivery row: %6d delivered (%.0f/s)\n", $1 * b, ($1 + 1) * b, $2, $2 / b }' || true)
  (( d_done == 1 && d_events == delivery_events && d_rows == delivery_events && d_delivered == delivery_events )) || delivery_ok=0
  (( r_missing == 0 && r_bad == 0 && R_bad_signatures == 0 && r_foreign == 0 && r_mismatched == 0 )) || delivery_ok=0
  log "delivery: $d_delivered of $delivery_events DELIVERED in ${d_window}s ($d_rate/s); receiver: $r_rows requests, $r_events events, $r_bad bad signatures"
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

# ---------------------------------------------------------------- summary
failed=0
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
(( delivery_ok )) || failed=1
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
if (( delivery_events > 0 )); then
cat <<EOF
3. workflow delivery (campaign $delivery_campaign, $delivery_events entries with hopper_expires_in=1; rule $rule_id: HOPPER_EXPIRE -> WEBHOOK to a local python3 receiver)
   fill: $delivery_events inserts acknowledged at $d_fill_rate/s; expires_at from $(date -d "@$d_exp_min" +%H:%M:%S.%N | cut -c1-12) to $(date -d "@$d_exp_max" +%H:%M:%S.%N | cut -c1-12)
   delivered: $(printf '%8s' "$d_rate") deliveries/s   ($d_delivered DELIVERED in ${d_window}s: first workflow_deliveries.created_at to the last completed_at, database clock)
   latency : event created -> webhook received p50 $lat_p50 ms, p99 $lat_p99 ms, max $lat_max ms (first arrival per event; workflow_events.created_at vs the receiver's clock)
   silo    : webhook request p50 $http_p50 ms, p99 $http_p99 ms; request start -> DELIVERED committed p50 $fin_p50 ms, p99 $fin_p99 ms
   queue   : in flight (PENDING, claimed) at most $q_flight_max, avg $q_flight_avg; PENDING at most $q_pending_max ($q_samples samples every 0.5 s while any was PENDING)
   events  : $d_events HOPPER_EXPIRE rows, $d_rows deliveries; states: $d_states; $d_attempts tries ($d_failed_tries failed), at most $d_max_attempts attempts on one delivery
   receiver: $r_rows requests, $r_events distinct event ids, $r_deliveries distinct delivery ids, $r_dups duplicates, $r_bad bad signatures (receiver's own count: $R_bad_signatures of $R_posts)
             $r_missing events never received, $r_foreign ids not of this campaign's events, $r_mismatched requests whose (event, delivery) pair is not this rule's
   check: $( (( delivery_ok )) && echo "OK: every event delivered, signature valid, all DELIVERED" || echo "FAILED$( [[ $d_done == 1 ]] || echo " (not done ${delivery_timeout}s after the last expiry)")")
   deliveries completed over time:
$d_timeline
$delivery_cpu
EOF
else
  echo "3. workflow delivery: skipped (BENCH_DELIVERY_EVENTS=0)"
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
if (( memory_part )); then echo "BENCH_RESULT hopper_bytes_per_ready_entry=$bytes_per_entry"; fi
printf '%s\n' "$queue_lines"
if (( failed )); then
  log "correctness check FAILED (see the check lines above)"
  exit 1
fi
exit 0
