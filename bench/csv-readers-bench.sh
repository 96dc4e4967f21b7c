#!/usr/bin/env bash
# CSV reader benchmark of issue 15: builds bench/CsvReaders (Release) and runs it once. It writes a
# BENCH_CSV_ROWS-row lead CSV (default 1,000,000, shaped like bench/import-bench.sh's file plus quoted fields
# with commas, doubled quotes and embedded line breaks) to a temp file, reads every field of every row from
# the file with Sylvan.Data.Csv, CsvHelper and Leadline's former hand-written reader (one untimed pass each,
# then BENCH_CSV_RUNS timed runs each, default 3, interleaved) and prints rows/s and managed bytes allocated
# per run and the medians. The file is deleted at the end.
#
#   bench/csv-readers-bench.sh
#
# Knobs: BENCH_CSV_ROWS [1000000], BENCH_CSV_RUNS [3], BENCH_CSV_CHUNK [0] at most this many bytes per read (1400:
# as an upload arriving in TCP segments; 0: as much as the reader asks for), BENCH_IDLE_WAIT [60] seconds to wait for the
# machine to be quiet first (it warns and goes on when it is not).
# Exit status: 0 ok; 1 the build failed or a reader read something else than the file holds.
set -euo pipefail
cd "$(dirname "$0")/.."

rows=${BENCH_CSV_ROWS:-1000000}
idle_wait=${BENCH_IDLE_WAIT:-60}
log() { printf '[csv-readers %s] %s\n' "$(date +%H:%M:%S)" "$*"; }

log "building bench/CsvReaders (Release)"
dotnet build bench/CsvReaders/CsvReaders.csproj -c Release -nologo -v quiet >/dev/null

# Busy share of the CPU over one second, from /proc/stat (100 = every core busy).
busy() {
  local a b
  read -r -a a < <(head -n1 /proc/stat); sleep 1; read -r -a b < <(head -n1 /proc/stat)
  local total=0 idle i
  for i in 1 2 3 4 5 6 7 8; do total=$(( total + b[i] - a[i] )); done
  idle=$(( b[4] - a[4] + b[5] - a[5] ))
  echo $(( total > 0 ? 100 - 100 * idle / total : 0 ))
}
for (( waited = 0; ; waited++ )); do
  load=$(busy)
  (( load < 20 )) && break
  if (( waited >= idle_wait )); then log "WARNING: the machine is still ${load}% busy with other work: the figures are low and noisy"; break; fi
done

log "reading $rows rows with each reader"
out=$(mktemp)
trap 'rm -f "$out"' EXIT
dotnet bench/CsvReaders/bin/Release/net10.0/CsvReaders.dll "$rows" | tee "$out"
! grep -q MISMATCH "$out" || { log "FAILED: a reader read something else than the file holds"; exit 1; }
