#!/usr/bin/env bash
# Leadline CSV import benchmark: streams a generated file of unique leads into POST /v1/leads/import
# (text/csv body, chunked, never written to disk) and reports rows/s, the answer's summary, the leads in
# the database, and the API host's memory while it ran (sampled RSS every second and the peak, VmHWM),
# against the file's size: bounded memory means the peak does not grow with the file.
#
#   bench/import-bench.sh                 build, start, import 1,000,000 rows, summary
#
# Environment knobs (defaults in brackets):
#   BENCH_IMPORT_ROWS [1000000]  rows in the file          BENCH_KEEP [0] 1 = keep the temp folder
#   BENCH_SKIP_BUILD [0] 1 = use the existing Release builds
#   BENCH_IDLE_WAIT [30] seconds to wait for other work on the machine to stop before the run
# Exit status: 0 ok; 1 setup failed or a check failed (answer not success, rows not all inserted,
# leads in the database not equal to the rows).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

rows=${BENCH_IMPORT_ROWS:-1000000}
: "${BENCH_IDLE_WAIT:=30}"
source "$root/bench/lib-leadline.sh" # tools, temp folder + cleanup, helpers, Leadline start-up
command -v python3 >/dev/null || die "python3 is not installed"
(( rows <= 8000000 )) || die "BENCH_IMPORT_ROWS is at most 8,000,000 (unique numbers of one area code)"

leadline_build
leadline_start_pg
leadline_migrate_seed
check_idle "Leadline"
leadline_spawn_servers
leadline_wait_ready

# One valid, distinct US number per row: area code 727, exchange 200-999.
cat >"$tmp/gen.py" <<'PY'
import sys
rows = int(sys.argv[1])
out = sys.stdout
out.write("phone_number,first_name,last_name,email,city\n")
for i in range(rows):
    out.write(f"727{200 + i // 10000:03d}{i % 10000:04d},First{i},Last{i},user{i}@example.com,Tampa\n")
PY
file_bytes=$(python3 "$tmp/gen.py" "$rows" | wc -c)

kb() { awk -v k="$2" '$1 == k":" {print $2}' "/proc/$1/status"; }
rss_before=$(kb "$api_pid" VmRSS)
( while kill -0 "$api_pid" 2>/dev/null; do kb "$api_pid" VmRSS; sleep 1; done ) >"$tmp/rss.log" 2>/dev/null &
sampler=$!
pids+=("$sampler")

log "importing $rows rows ($(( file_bytes / 1024 / 1024 )) MB) with check_dup=1 check_dnc=1"
t0=$(now)
http_code=$(python3 "$tmp/gen.py" "$rows" | curl -sS -X POST -T - -H 'Content-Type: text/csv' -H 'Expect:' \
  -o "$tmp/answer.json" -w '%{http_code}' \
  "$api_url/v1/leads/import?auth_token=$token&list_id=$list_id&check_dup=1&check_dnc=1")
t1=$(now)
stop_pid "$sampler"
hwm=$(kb "$api_pid" VmHWM)

answer=$(cat "$tmp/answer.json")
inserted=$(sed -n 's/.*"inserted":\([0-9]*\).*/\1/p' <<<"$answer")
in_db=$(psql_q "SELECT count(*) FROM leads WHERE list_id = $list_id")
secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.1f", b-a}')
rate=$(awk -v r="$rows" -v s="$secs" 'BEGIN{printf "%.0f", r/s}')

echo
echo "== Leadline import: $rows rows, $(( file_bytes / 1024 / 1024 )) MB file, streamed"
echo "  HTTP $http_code in $secs s: $rate rows/s"
echo "  answer: ${answer:0:300}"
echo "  leads in the list afterwards: $in_db"
awk -v before="$rss_before" -v hwm="$hwm" -v fb="$file_bytes" '
  { if ($1 > max) max = $1; s[NR] = $1 }
  END {
    printf "  API host RSS: %.0f MB before, max sampled %.0f MB, peak (VmHWM) %.0f MB; file %.0f MB\n", before/1024, max/1024, hwm/1024, fb/1048576
    if (NR >= 4) printf "  RSS at 25/50/75/100%% of the run: %.0f / %.0f / %.0f / %.0f MB\n", s[int(NR/4)]/1024, s[int(NR/2)]/1024, s[int(3*NR/4)]/1024, s[NR]/1024
  }' "$tmp/rss.log"
for warning in "${idle_warnings[@]}"; do echo "  WARNING: $warning"; done

[[ $http_code == 200 && $answer == *'"success":true'* ]] || die "the import was not a success"
[[ $inserted == "$rows" ]] || die "inserted $inserted of $rows rows"
[[ $in_db == "$rows" ]] || die "$in_db leads in the list, expected $rows"
log "ok"
