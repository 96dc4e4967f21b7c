#!/usr/bin/env bash
# Leadline Workflow Automation delivery benchmark: how many webhook deliveries/s one silo's delivery
# worker gets to a local receiver, at least once, with the per-try log. See bench/README.md.
#
#   bench/webhook-bench.sh             build, start, fill, wait for the 1-minute expiry, deliveries (~2.5 min)
#
# A HOPPER_EXPIRE rule with one WEBHOOK action (bound to its own campaign) is created through the API as a
# customer would; N inserts with hopper=1 hopper_expires_in=1 follow, so a minute later the hopper's expiry
# sweep records N events and the trigger on workflow_events queues one delivery each (the real outbox
# path: nothing here writes workflow_deliveries). bench/WebhookReceiver (Kestrel, HTTP/1.1 keep-alive)
# verifies every signature with the rule's secret and records every request.
#
# Environment knobs (defaults in brackets):
#   BENCH_WEBHOOK_EVENTS [20000]   events (one delivery each)
#   BENCH_WEBHOOK_BURST [1]        1 = pause the silo over the expiry window, so the events come at once
#                                  (the worker drains a backlog); 0 = events as the expiries come
#   BENCH_WEBHOOK_WARMUP [2000]    expiries of a warm-up rule delivered first (0 = none; see below)
#   BENCH_WEBHOOK_WARMUP_GAP [10]  seconds between the warm-up fill and the measured one
#   BENCH_FILL_CONNECTIONS [64]    wrk connections of the fill
#   BENCH_DELIVERY_TIMEOUT [600]   seconds after the last expiry to wait for every delivery
#   BENCH_IDLE_WAIT [30]           seconds to wait for other work on the machine to stop before the run
#   BENCH_KEEP [0]       1 = keep the temp folder (logs, receiver record, queue samples)
#   BENCH_SKIP_BUILD [0] 1 = use the existing Release builds (bench/WebhookReceiver is built if missing)
#   BENCH_PERF [0]       1 = sample the whole machine with perf while the deliveries run (.NET perf maps on):
#                        BENCH_PERF_SECONDS [3] from BENCH_PERF_DELAY [2] s after the first delivery
#   BENCH_SILO_ENV       extra VAR=value words for the silo, e.g. Leadline__Workflows__MaxInFlight=128
#                        (the summary then says EXPERIMENT: the defaults are what the figures are for)
# Prints "BENCH_RESULT webhook_dps=<n>" (and a few more BENCH_RESULT keys).
# Exit status: 0 ok; 1 setup failed or a check failed (a refused insert, events not one per entry,
# deliveries not one per event or not all DELIVERED, an event never received, a bad signature, a
# request naming an (event, delivery) pair that is not the rule's).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

events=${BENCH_WEBHOOK_EVENTS:-20000}
fill_connections=${BENCH_FILL_CONNECTIONS:-64}
fill_threads=2
burst=${BENCH_WEBHOOK_BURST:-1}
warmup=${BENCH_WEBHOOK_WARMUP:-2000}
warmup_gap=${BENCH_WEBHOOK_WARMUP_GAP:-10}
delivery_timeout=${BENCH_DELIVERY_TIMEOUT:-600}
: "${BENCH_IDLE_WAIT:=30}"
source "$root/bench/lib-leadline.sh" # tools, temp folder + cleanup, helpers, Leadline start-up
# A silo paused by the burst (below) must be resumed, or the cleanup's SIGTERM waits for nothing.
trap 'st=$?; [[ -n ${silo_pid:-} ]] && kill -CONT "$silo_pid" 2>/dev/null; (exit $st); cleanup' EXIT
(( events > 0 )) || die "BENCH_WEBHOOK_EVENTS must be > 0"

leadline_build
receiver_dll="$root/bench/WebhookReceiver/bin/Release/net10.0/WebhookReceiver.dll"
if [[ "${BENCH_SKIP_BUILD:-0}" != 1 || ! -f $receiver_dll ]]; then
  log "building bench/WebhookReceiver (Release)"
  build bench/WebhookReceiver
fi

# ---------------------------------------------------------------- start
leadline_start_pg
leadline_migrate_seed
[[ -n $account_id ]] || die "seed wrote no account to demo.env"
# Its own campaign and list: the rule is bound to the campaign, so nothing else makes deliveries.
hook_campaign=$(psql_q "INSERT INTO campaigns (account_id, name) VALUES ($account_id, 'Webhook bench') RETURNING campaign_id")
hook_list=$(psql_q "INSERT INTO lists (account_id, campaign_id, name) VALUES ($account_id, $hook_campaign, 'Webhook bench') RETURNING list_id")
[[ $hook_campaign =~ ^[0-9]+$ && $hook_list =~ ^[0-9]+$ ]] || die "could not create the campaign/list"

experiments=()
[[ -n "${BENCH_SILO_ENV:-}" ]] && experiments+=("BENCH_SILO_ENV='$BENCH_SILO_ENV'")
read -r -a silo_env <<<"${BENCH_SILO_ENV:-}"
perf_env=()
# W^X double-maps JIT code, which perf cannot match to the perf map: off while profiling.
[[ "${BENCH_PERF:-0}" == 1 ]] && perf_env=(DOTNET_PerfMapEnabled=3 DOTNET_EnableWriteXorExecute=0)
silo_extra_env=("${perf_env[@]}" "${silo_env[@]}")

check_idle "Leadline"
leadline_spawn_servers
leadline_wait_ready
[[ "${BENCH_PERF:-0}" == 1 ]] && perf_pids=("$silo_pid" "$api_pid")

pick_port hook_port
hook_secret="bench-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
received="$tmp/received.txt"
receiver_summary="$tmp/receiver-summary.txt"
start_in "$root" "$tmp/receiver.log" env "${perf_env[@]}" dotnet "$receiver_dll" "$hook_port" "$hook_secret" "$received" "$receiver_summary"
receiver_pid=$last_pid
[[ "${BENCH_PERF:-0}" == 1 ]] && perf_pids+=("$receiver_pid")
wait_http "http://127.0.0.1:$hook_port/" 30 "$receiver_pid" "webhook receiver" "$tmp/receiver.log"
create_rule() { # create_rule NAME CAMPAIGN PATH -> rule_id (a HOPPER_EXPIRE rule with one signed WEBHOOK, through the API)
  local answer id
  answer=$(curl -s -X POST "$api_url/v1/workflows/create" --data-urlencode "auth_token=$token" \
    --data-urlencode "name=$1" -d trigger_event=HOPPER_EXPIRE -d "campaign_id=$2" \
    -d action_1_type=WEBHOOK --data-urlencode "action_1_url=http://127.0.0.1:$hook_port$3" \
    --data-urlencode "action_1_secret=$hook_secret")
  id=$(sed -n 's/.*"rule_id":"\([0-9][0-9]*\)".*/\1/p' <<<"$answer")
  # The answer shows the secret this once: it must be the one given (the receiver verifies with it).
  [[ -n $id && $answer == *"\"secret\":\"$hook_secret\""* ]] || die "workflow rule was refused: $answer"
  echo "$id"
}
rule_id=$(create_rule "Webhook bench" "$hook_campaign" /hook)
[[ -n $rule_id ]] || exit 1
log "rule $rule_id (HOPPER_EXPIRE, campaign $hook_campaign) -> WEBHOOK http://127.0.0.1:$hook_port/hook (receiver pid $receiver_pid)"

# ---------------------------------------------------------------- fills: entries that expire in a minute
fill() { # fill NAME LIST RUN COUNT -> fill_rate; exactly COUNT inserts with hopper=1 hopper_expires_in=1
  counted_fill "$1" "$2" "$3" "$4" 1 1
  fill_rate=$F_rate
}

# Warm-up: a first, smaller set of expiries on a campaign and rule of its own (path /warmup), delivered
# before the measured ones expire, so the silo's delivery path is past the JIT's tiers (a silo that
# delivers is a long-running one) and its connections to the receiver are open.
if (( warmup > 0 )); then
  warm_campaign=$(psql_q "INSERT INTO campaigns (account_id, name) VALUES ($account_id, 'Webhook bench warm-up') RETURNING campaign_id")
  warm_list=$(psql_q "INSERT INTO lists (account_id, campaign_id, name) VALUES ($account_id, $warm_campaign, 'Webhook bench warm-up') RETURNING list_id")
  warm_rule=$(create_rule "Webhook bench warm-up" "$warm_campaign" /warmup)
  [[ -n $warm_rule ]] || exit 1
  fill warm-up "$warm_list" 2 "$warmup"
  log "warm-up: its $warmup expiries come first; waiting ${warmup_gap}s before the measured fill"
  sleep "$warmup_gap"
fi
fill measured "$hook_list" 1 "$events"

entries=0
for _ in $(seq 1 150); do
  entries=$(psql_q "SELECT count(*) FROM hopper_entries WHERE campaign_id = $hook_campaign")
  (( entries == events )) && break
  sleep 0.2
done
(( entries == events )) || die "hopper_entries holds $entries entries of campaign $hook_campaign, not $events"
IFS='|' read -r exp_min exp_max <<<"$(psql_q "SELECT extract(epoch FROM min(expires_at)), extract(epoch FROM max(expires_at))
  FROM hopper_entries WHERE campaign_id = $hook_campaign")"
log "entries expire from $(date -d "@$exp_min" +%H:%M:%S.%N | cut -c1-12) to $(date -d "@$exp_max" +%H:%M:%S.%N | cut -c1-12); waiting for the sweep and the deliveries"

# ---------------------------------------------------------------- deliveries
# Burst (default): the expiries are as far apart as the fill took (seconds on a busy machine), and a worker
# that keeps up would only measure the fill. So the silo is paused (SIGSTOP) from 1 s before the first
# expiry to 1 s after the last: once resumed, its hopper sweep finds every entry due and records all the
# events at once, as after a silo restart, and the worker drains a backlog of N deliveries.
sleep_until() { sleep "$(awk -v m="$1" -v n="$(now)" 'BEGIN{ d = m - n; printf "%.2f", (d > 0 ? d : 0) }')"; }
paused_s=0
if [[ $burst == 1 ]]; then
  sleep_until "$(awk -v m="$exp_min" 'BEGIN{printf "%.3f", m - 1}')"
  kill -STOP "$silo_pid"
  pause_t0=$(now)
  log "silo paused (SIGSTOP) over the expiry window"
  sleep_until "$(awk -v m="$exp_max" 'BEGIN{printf "%.3f", m + 1}')"
else
  # Idle until 2 s before the first expiry.
  sleep_until "$(awk -v m="$exp_min" 'BEGIN{printf "%.3f", m - 2}')"
fi
# One psql session samples the queue every 0.5 s (database clock): events recorded, deliveries queued,
# PENDING, of those claimed (in flight), DELIVERED, DEAD.
declare -A roles=([postgres]="$(pg_pids)" [silo]="$silo_pid" [api host]="$api_pid" [webhook receiver]="$receiver_pid")
role_order=(postgres silo "api host" "webhook receiver")
declare -A cpu0=() cpu1=()
cpu_snapshot() { local -n into=$1; local role; for role in "${role_order[@]}"; do into[$role]=$(ticks ${roles[$role]}); done; }
# Every statement's duration while the deliveries run (the server log): where PostgreSQL's time goes.
pg_log="$tmp/pg/server.log"
log_from=$(( $(stat -c %s "$pg_log") + 1 ))
psql_q "ALTER SYSTEM SET log_min_duration_statement = 0" && psql_q "SELECT pg_reload_conf()" >/dev/null
cpu_snapshot cpu0; s0=$(sys_ticks); t0=$(now)
printf '%s\n' "SELECT extract(epoch FROM clock_timestamp()),
    (SELECT count(*) FROM workflow_events WHERE event_type = 'HOPPER_EXPIRE' AND campaign_id = $hook_campaign),
    count(*), count(*) FILTER (WHERE state = 'PENDING'), count(*) FILTER (WHERE state = 'PENDING' AND claimed_by IS NOT NULL),
    count(*) FILTER (WHERE state = 'DELIVERED'), count(*) FILTER (WHERE state = 'DEAD')
  FROM workflow_deliveries WHERE rule_id = $rule_id \\watch 0.5" \
  | "$psql_bin" -h 127.0.0.1 -p "$pg_port" -U postgres -d leadline -XAtq -F ' ' >"$tmp/delivery-polls.txt" 2>&1 &
poll_pid=$!
pids+=("$poll_pid")
if [[ $burst == 1 ]]; then
  kill -CONT "$silo_pid"
  paused_s=$(awk -v a="$pause_t0" -v b="$(now)" 'BEGIN{printf "%.1f", b - a}')
  log "silo resumed after ${paused_s}s"
fi
perf_pid=""
if [[ "${BENCH_PERF:-0}" == 1 ]]; then
  # BENCH_PERF_DELAY s after the first delivery (past most of the JIT's warm-up), for BENCH_PERF_SECONDS
  # (all CPUs, call graphs).
  until awk 'NF == 7 && $3 > 0 { f = 1 } END { exit !f }' "$tmp/delivery-polls.txt"; do sleep 0.1; done
  sleep "${BENCH_PERF_DELAY:-2}"
  perf record -F 499 -a -g -o "$tmp/perf.data" -- sleep "${BENCH_PERF_SECONDS:-3}" >"$tmp/perf-record.log" 2>&1 &
  perf_pid=$!
fi
deadline=$(awk -v m="$exp_max" -v w="$delivery_timeout" 'BEGIN{printf "%d", m + w}')
done_flag=0
while :; do
  # Done: every entry's event recorded, one delivery each, none left PENDING.
  done_flag=$(awk -v n="$events" 'NF == 7 && $2 == n && $3 == n && $4 == 0 { print 1; exit }' "$tmp/delivery-polls.txt")
  [[ $done_flag == 1 ]] && break
  (( $(date +%s) < deadline )) || break
  sleep 0.25
done
cpu_snapshot cpu1; s1=$(sys_ticks); t1=$(now)
stop_pid "$poll_pid"
psql_q "ALTER SYSTEM RESET log_min_duration_statement" && psql_q "SELECT pg_reload_conf()" >/dev/null
# statement_times REGEX: "count total_ms max_ms" of the executes whose SQL starts with REGEX
statement_times() {
  tail -c +"$log_from" "$pg_log" | grep -E "duration: [0-9.]+ ms +(execute [^:]*|statement): $1" \
    | sed -E 's/.*duration: ([0-9.]+) ms.*/\1/' | awk '{n++; s+=$1; if ($1>m) m=$1} END{printf "%d %.1f %.1f", n, s, m}'
}
statement_line() { # statement_line NAME REGEX
  local n ms max
  read -r n ms max <<<"$(statement_times "$2")"
  awk -v name="$1" -v n="$n" -v ms="$ms" -v max="$max" -v d="$events" 'BEGIN{
    printf "             %-34s %6d runs, %8.1f ms (%5.1f µs per delivery), longest %6.1f ms\n", name, n, ms, 1000 * ms / d, max }'
}
statements=$(statement_line "claim + load (WITH claimed AS ...)" "WITH claimed AS"
  statement_line "actions of the claimed rules" "SELECT a.rule_id"
  statement_line "finish (log rows + outcomes)" "WITH log AS"
  statement_line "hopper sweep (events, fan-out)" "WITH gone AS"
  statement_line "COMMIT" "COMMIT"
  statement_line "every statement (bench's own polls too)" "")
[[ -n $perf_pid ]] && { wait "$perf_pid" || true; }
sample_secs=$(awk -v a="$t1" -v b="$t0" 'BEGIN{printf "%.2f", a - b}')
read -r -a sys0 <<<"$s0"; read -r -a sys1 <<<"$s1"
delivery_cpu=$(cpu_report)
# CPU per delivery by process over the same window (it includes the sweep that recorded the events).
cpu_per_delivery=$(for role in "${role_order[@]}"; do
  awk -v d=$(( cpu1[$role] - cpu0[$role] )) -v hz="$hz" -v n="$events" -v r="$role" 'BEGIN{printf "%s %.0f µs, ", r, 1e6 * d / hz / n}'
done | sed 's/, $//')
warm_line=""
if (( warmup > 0 )); then
  warm_line=$(psql_q "SELECT count(*) FILTER (WHERE state = 'DELIVERED') || ' of ' || count(*) || ' DELIVERED, the last at ' ||
      coalesce(to_char(max(completed_at), 'HH24:MI:SS.MS'), '-') FROM workflow_deliveries WHERE rule_id = $warm_rule")
fi
# Every delivery is answered, so the receiver has them all; SIGTERM: it flushes its record and
# writes its counters.
stop_pid "$receiver_pid"
[[ -s $receiver_summary ]] || { cat "$tmp/receiver.log" >&2; die "the webhook receiver wrote no summary"; }
for kv in $(cat "$receiver_summary"); do printf -v "R_${kv%%=*}" '%s' "${kv#*=}"; done
# The worker's rate while it had a backlog: 0.5 s sample intervals that start and end with deliveries
# waiting unclaimed (PENDING beyond those in flight), delivered per second over those intervals.
read -r backlog_secs backlog_dps <<<"$(awk 'NF == 7 { if (have && pw > 0 && $4 - $5 > 0) { t += $1 - pt; d += $6 - pd }
    have = 1; pt = $1; pd = $6; pw = $4 - $5 }
  END { if (t > 0) printf "%.1f %.0f", t, d / t; else printf "0 n/a" }' "$tmp/delivery-polls.txt")"
read -r q_samples q_flight_max q_flight_avg q_pending_max <<<"$(awk 'NF == 7 && $4 > 0 { n++; s += $5; if ($5 > m) m = $5; if ($4 > p) p = $4 }
  END { printf "%d %d %.1f %d", n, m, n ? s / n : 0, p }' "$tmp/delivery-polls.txt")"

# Everything else from the tables, with the receiver's record loaded beside them.
IFS='|' read -r d_events d_rows d_first d_last d_all_events d_delivered d_states d_attempts d_failed_tries d_max_attempts \
    d_dup_deliveries r_rows r_events r_deliveries r_dups r_bad r_missing r_foreign r_mismatched \
    lat_p50 lat_p99 lat_max http_p50 http_p99 fin_p50 fin_p99 <<<"$("$psql_bin" -h 127.0.0.1 -p "$pg_port" -U postgres -d leadline -XAtq <<SQL
CREATE TEMP TABLE received_all (arrived double precision, event_id text, delivery_id text, sig_ok int, t text, path text);
\\copy received_all FROM '$received' WITH (DELIMITER ' ')
-- The warm-up's requests (path /warmup) are not the measured rule's.
CREATE TEMP TABLE received AS SELECT * FROM received_all WHERE path = '/hook';
CREATE TEMP TABLE events AS SELECT event_id, extract(epoch FROM created_at) AS created
  FROM workflow_events WHERE event_type = 'HOPPER_EXPIRE' AND campaign_id = $hook_campaign;
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
       (SELECT extract(epoch FROM max(e.created_at)) FROM workflow_events e WHERE e.event_type = 'HOPPER_EXPIRE' AND e.campaign_id = $hook_campaign),
       (SELECT count(*) FROM deliveries WHERE state = 'DELIVERED'),
       (SELECT coalesce(string_agg(state || ' ' || n, ', ' ORDER BY state), 'none') FROM (SELECT state, count(*) AS n FROM deliveries GROUP BY state) s),
       (SELECT count(*) FROM tries), (SELECT count(*) FROM tries WHERE outcome <> 'OK'),
       (SELECT coalesce(max(attempts), 0) FROM deliveries),
       (SELECT count(*) FROM (SELECT event_id FROM deliveries GROUP BY event_id HAVING count(*) > 1) x),
       (SELECT count(*) FROM received),
       (SELECT count(DISTINCT event_id) FROM received),
       (SELECT count(DISTINCT delivery_id) FROM received),
       (SELECT count(*) - count(DISTINCT delivery_id) FROM received),
       (SELECT count(*) FROM received WHERE sig_ok <> 1),
       (SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM firsts f WHERE f.event_id = e.event_id::text)),
       (SELECT count(*) FROM firsts f WHERE NOT EXISTS (SELECT 1 FROM events e WHERE f.event_id = e.event_id::text)),
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
d_rate=$(awk -v n="$d_delivered" -v w="$d_window" 'BEGIN{ if (w + 0 > 0) printf "%.0f", n / w; else printf "0" }')
# The events arrive with the sweep (one statement a second over what expired): after the last one, the
# worker only drains the queue. This rate is the worker's alone.
d_tail=$(awk -v a="$d_all_events" -v b="$d_last" 'BEGIN{ if (a != "" && b != "") printf "%.2f", b - a; else printf "n/a" }')
d_events_span=$(awk -v a="$d_first" -v b="$d_all_events" 'BEGIN{ if (a != "" && b != "") printf "%.2f", b - a; else printf "n/a" }')
d_bucket=$(awk -v w="$d_window" 'BEGIN{ b = (w + 0 > 0) ? (w / 20) : 1; if (b <= 0.5) b = 0.5; else b = int(b + 0.999); print b }')
d_timeline=$( [[ -n $d_first ]] && psql_q "SELECT floor((extract(epoch FROM completed_at) - $d_first) / $d_bucket)::int, count(*)
    FROM workflow_deliveries WHERE rule_id = $rule_id AND state = 'DELIVERED' GROUP BY 1 ORDER BY 1" \
  | awk -F'|' -v b="$d_bucket" '{ printf "    +%5.1f..%5.1f s after the first delivery row: %6d delivered (%.0f/s)\n", $1 * b, ($1 + 1) * b, $2, $2 / b }' || true)
ok=1
(( done_flag == 1 && d_events == events && d_rows == events && d_delivered == events && d_dup_deliveries == 0 )) || ok=0
(( r_missing == 0 && r_bad == 0 && R_bad_signatures == 0 && r_foreign == 0 && r_mismatched == 0 )) || ok=0

# ---------------------------------------------------------------- summary
cat <<EOF

==================== Leadline webhook delivery bench ====================
machine: $ncpu cores; PostgreSQL durable (fsync on); one silo, one API host, bench/WebhookReceiver (Kestrel, HTTP/1.1 keep-alive)${experiments:+
EXPERIMENT, not an official figure: ${experiments[*]}}
rule $rule_id: HOPPER_EXPIRE (campaign $hook_campaign) -> one WEBHOOK, signed; $events entries with hopper_expires_in=1
   fill    : $events inserts acknowledged at $fill_rate/s; expires_at from $(date -d "@$exp_min" +%H:%M:%S.%N | cut -c1-12) to $(date -d "@$exp_max" +%H:%M:%S.%N | cut -c1-12)
   delivered: $(printf '%8s' "$d_rate") deliveries/s   ($d_delivered DELIVERED in ${d_window}s: first workflow_deliveries.created_at to the last completed_at, database clock)
             the sweep recorded events over the first ${d_events_span}s of that window; the last delivery completed ${d_tail}s after the last event
             while deliveries waited unclaimed (${backlog_secs}s of 0.5 s samples): $backlog_dps deliveries/s
             $( [[ $burst == 1 ]] && echo "burst: the silo was paused ${paused_s}s over the expiry window, so the events came at once" || echo "trickle: events as the expiries came (BENCH_WEBHOOK_BURST=0)")
   latency : event created -> webhook received p50 $lat_p50 ms, p99 $lat_p99 ms, max $lat_max ms (first arrival per event; workflow_events.created_at vs the receiver's clock)
   silo    : webhook request p50 $http_p50 ms, p99 $http_p99 ms; request start -> DELIVERED committed p50 $fin_p50 ms, p99 $fin_p99 ms
   CPU     : per delivery: $cpu_per_delivery
   SQL     : statement time in PostgreSQL (server log, log_min_duration_statement = 0 during the deliveries):
$statements
   queue   : in flight (PENDING, claimed) at most $q_flight_max, avg $q_flight_avg; PENDING at most $q_pending_max ($q_samples samples every 0.5 s while any was PENDING)
   events  : $d_events HOPPER_EXPIRE rows, $d_rows deliveries ($d_dup_deliveries events with more than one); states: $d_states; $d_attempts tries ($d_failed_tries failed), at most $d_max_attempts attempts on one delivery
   warm-up : $( (( warmup > 0 )) && echo "rule $warm_rule, $warmup expiries before the measured ones: $warm_line" || echo "none (BENCH_WEBHOOK_WARMUP=0)")
   receiver: $r_rows requests, $r_events distinct event ids, $r_deliveries distinct delivery ids, $r_dups duplicates, $r_bad bad signatures (receiver's own count: $R_bad_signatures of $R_posts)
             $r_missing events never received, $r_foreign ids not of this campaign's events, $r_mismatched requests whose (event, delivery) pair is not this rule's
   check   : $( (( ok )) && echo "OK: one delivery per event, all DELIVERED, every event received, every signature valid" || echo "FAILED$( [[ $done_flag == 1 ]] || echo " (not done ${delivery_timeout}s after the last expiry)")")
   deliveries completed over time:
$d_timeline
$delivery_cpu
EOF
if ((${#idle_warnings[@]})); then echo "WARNING, machine not idle: ${idle_warnings[*]}"; fi
if [[ -s "$tmp/perf.data" ]]; then
  echo "perf (${BENCH_PERF_SECONDS:-3} s from ${BENCH_PERF_DELAY:-2} s after the first delivery, all CPUs): share of samples by process"
  (perf report -i "$tmp/perf.data" --no-children --sort comm --stdio -q -g none 2>/dev/null | head -n 12 || true) | sed 's/^/  /'
  for who in "silo:--pid $silo_pid" "receiver:--pid $receiver_pid" "postgres:--comm postgres"; do
    echo "perf, ${who%%:*}, hottest functions (self):"
    # shellcheck disable=SC2086
    (perf report -i "$tmp/perf.data" --no-children --sort dso,sym --stdio -q -g none ${who#*:} 2>/dev/null | head -n 15 || true) | sed 's/^/  /'
  done
  perf report -i "$tmp/perf.data" --children --sort sym --stdio -q -g none --pid "$silo_pid" >"$tmp/perf-silo-children.txt" 2>/dev/null || true
fi
echo "========================================================================="
echo "BENCH_RESULT webhook_dps=$d_rate"
[[ $backlog_dps != n/a ]] && echo "BENCH_RESULT webhook_backlog_dps=$backlog_dps"
[[ -n $lat_p99 ]] && echo "BENCH_RESULT webhook_latency_p99_ms=$lat_p99"
echo "BENCH_RESULT webhook_duplicates=$r_dups"
if (( ! ok )); then
  log "correctness check FAILED (see the check line above)"
  exit 1
fi
exit 0
