#!/usr/bin/env bash
# Every figure of issue 11's table in one command: builds once, runs each bench (each starts its own
# PostgreSQL and Leadline and measures one server at a time), keeps every bench's log, and prints the
# table with now / target / measured and the topology each row ran in. The last line is
# `insert_vs_ceiling=<ratio>`: durable inserts/s of the co-hosted node (./run.sh's default) over the
# no-op Kestrel endpoint of the same run. See bench/README.md ("bench/run.sh").
#
#   bench/run.sh                  about 20 minutes on the 2-core machine
#
# Knobs: BENCH_RUN_DIR (where the logs go; default /tmp/leadline-bench-run.<time>), BENCH_RUN_ONLY (row ids
# separated by spaces, e.g. "insert-cohosted hopper"), BENCH_RUN_TOPOLOGY (topology of the rows that are not
# the insert rows; default cohosted). Every bench's own knobs (BENCH_DURATION, BENCH_KEEP, ...) pass through.
# A missing script or key shows "not measured"; one bench failing does not stop the others.
# Exit status: 0 every bench ran and passed its checks, 1 the build failed or some bench failed (see its log).
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
dir=${BENCH_RUN_DIR:-/tmp/leadline-bench-run.$(date +%Y%m%d-%H%M%S)}
mkdir -p "$dir"
others_topology=${BENCH_RUN_TOPOLOGY:-cohosted}
log() { printf '[run %s] %s\n' "$(date +%H:%M:%S)" "$*"; }

# ---------------------------------------------------------------- build once
if [[ "${BENCH_SKIP_BUILD:-0}" != 1 ]]; then
  for what in Leadline.sln bench/NoopServer bench/HopperMemory bench/WebhookReceiver; do
    log "building $what (Release)"
    built=0
    for attempt in 1 2 3; do
      if dotnet build "$what" -c Release -nologo -v quiet --disable-build-servers >"$dir/build.log" 2>&1; then built=1; break; fi
      log "build of $what failed (attempt $attempt); retrying in 30 s"; sleep 30
    done
    (( built )) || { tail -n 30 "$dir/build.log" >&2; log "FAILED: build of $what (log: $dir/build.log)"; exit 1; }
  done
fi
export BENCH_SKIP_BUILD=1

# ---------------------------------------------------------------- the runs
# id | script | topology | extra VAR=value words. The duplicates run measures the unique inserts first
# (the no-op, then Leadline): its insert figures are the co-hosted insert row.
runs=(
  "insert-cohosted|insert-bench.sh|cohosted|BENCH_MODE=duplicates"
  "insert-separate|insert-bench.sh|separate|BENCH_MODE=unique"
  "hotspread|insert-bench.sh|cohosted|BENCH_MODE=hotspread"
  "hopper|hopper-bench.sh|$others_topology|"
  "webhook|webhook-bench.sh|$others_topology|"
  "memory|memory-bench.sh|$others_topology|"
)
declare -A result=() status=() topo=()
failed=0
for run in "${runs[@]}"; do
  IFS='|' read -r id script topology extra <<<"$run"
  topo[$id]=$topology
  if [[ -n "${BENCH_RUN_ONLY:-}" && " $BENCH_RUN_ONLY " != *" $id "* ]]; then status[$id]="skipped"; continue; fi
  if [[ ! -x "bench/$script" && ! -f "bench/$script" ]]; then
    status[$id]="no bench/$script"; log "$id: bench/$script does not exist; not measured"; continue
  fi
  log "$id: bench/$script (topology $topology${extra:+, $extra}); log $dir/$id.log"
  read -r -a extra_env <<<"$extra"
  started=$(date +%s)
  env BENCH_TOPOLOGY="$topology" "${extra_env[@]}" bash "bench/$script" >"$dir/$id.log" 2>&1
  code=$?
  case $code in
    0) status[$id]="ok" ;;
    3) status[$id]="ok (below its target)" ;;
    *) status[$id]="exit $code"; failed=1 ;;
  esac
  while read -r key value; do
    result[$id.$key]=$value
  done < <(sed -n 's/^BENCH_RESULT \([A-Za-z0-9_]*\)=\([-0-9.eE+]*\)$/\1 \2/p' "$dir/$id.log")
  log "$id: ${status[$id]} after $(( $(date +%s) - started )) s; $(grep -c '^BENCH_RESULT ' "$dir/$id.log") result lines"
done

# ---------------------------------------------------------------- the table
# get ID KEY [ID KEY ...]: the first of the given (run, key) pairs that was measured.
get() {
  while (( $# >= 2 )); do
    [[ -n "${result[$1.$2]:-}" ]] && { echo "${result[$1.$2]}"; return 0; }
    shift 2
  done
  return 1
}
# meets VALUE OP TARGET -> "yes" / "no"
meets() { awk -v v="$1" -v op="$2" -v t="$3" 'BEGIN{ ok = (op == ">=") ? v + 0 >= t + 0 : (op == "<=") ? v + 0 <= t + 0 : v + 0 < t + 0; print ok ? "yes" : "NO" }'; }
why() { # why ID: what to show when a run gave no figure
  local s=${status[$1]:-not run}
  [[ $s == ok* ]] && echo "not measured (no result line)" || echo "not measured ($s)"
}
rows=()
row() { rows+=("$1|$2|$3|$4|$5|$6"); } # what | topology | now | target | measured | met

insert_row() { # insert_row ID TOPOLOGY
  local id=$1 ratio rps noop p99
  if ratio=$(get "$id" insert_ratio); then
    rps=$(get "$id" insert_rps) noop=$(get "$id" noop_rps) p99=$(get "$id" insert_p99_ms)
    local met; met=$(meets "$ratio" ">=" 0.4)
    [[ $met == yes ]] && met=$(meets "$p99" "<" 50)
    row "durable insert (check_dup=1, check_dnc=1, hopper=1) / no-op" "$2" "0.21-0.26" ">= 0.4, p99 < 50 ms" \
      "$ratio ($rps vs $noop /s, p99 $(printf '%.1f' "$p99") ms)" "$met"
  else
    row "durable insert (check_dup=1, check_dnc=1, hopper=1) / no-op" "$2" "0.21-0.26" ">= 0.4, p99 < 50 ms" "$(why "$id")" "n/a"
  fi
}
insert_row insert-cohosted "co-hosted"
insert_row insert-separate "separate"
if v=$(get insert-cohosted dup_ratio); then
  row "same, 100% duplicates: refusals/s / no-op" "co-hosted" "not measured" ">= 0.6" "$v ($(get insert-cohosted dup_rps) /s)" "$(meets "$v" ">=" 0.6)"
else row "same, 100% duplicates: refusals/s / no-op" "co-hosted" "not measured" ">= 0.6" "$(why insert-cohosted)" "n/a"; fi
if v=$(get hotspread hot_vs_spread); then
  row "hot campaign (one list) / spread over 50 campaigns" "co-hosted" "not measured" ">= 0.8" \
    "$v ($(get hotspread hot_rps) vs $(get hotspread spread_rps) /s)" "$(meets "$v" ">=" 0.8)"
else row "hot campaign (one list) / spread over 50 campaigns" "co-hosted" "not measured" ">= 0.8" "$(why hotspread)" "n/a"; fi
other_row() { # other_row WHAT NOW TARGET-TEXT OP TARGET UNIT ID KEY [ID KEY ...]
  local what=$1 now=$2 text=$3 op=$4 target=$5 unit=$6 id=$7 v; shift 6
  local topology_name=${topo[$id]}; [[ $topology_name == cohosted ]] && topology_name="co-hosted"
  if v=$(get "$@"); then row "$what" "$topology_name" "$now" "$text" "$v$unit" "$(meets "$v" "$op" "$target")"
  else row "$what" "$topology_name" "$now" "$text" "$(why "$id")" "n/a"; fi
}
other_row "hopper pull, count=100, 100k hopper, 6 dialers" "16.5k entries/s" ">= 50k entries/s" ">=" 50000 " entries/s" hopper hopper_pull_eps
other_row "webhook deliveries/s to a local receiver" "810/s" ">= 5,000/s" ">=" 5000 " /s" webhook webhook_dps
other_row "silo live heap per lead (1M leads, hopper=0, full GC)" "429 B" "<= 64 B" "<=" 64 " B" memory heap_bytes_per_lead
other_row "hopper memory per READY entry (100k hopper)" "not measured" "<= 64 B" "<=" 64 " B" \
  hopper hopper_bytes_per_ready_entry memory hopper_bytes_per_ready_entry
other_row "activation of a shard holding 100,000 phones" "not measured" "< 500 ms" "<" 500 " ms" memory shard_activation_ms

echo
echo "==================== Leadline issue 11: every figure, one run ($(date '+%Y-%m-%d %H:%M'), $(nproc) cores) ===================="
{
  echo "what|topology|now|target|measured|met"
  echo "---|---|---|---|---|---"
  printf '%s\n' "${rows[@]}"
} | awk -F'|' '{ for (i = 1; i <= NF; i++) { cell[NR, i] = $i; if (length($i) > w[i]) w[i] = length($i) } n = NR; f = NF }
  END { for (r = 1; r <= n; r++) { line = "| "; for (i = 1; i <= f; i++) {
          c = cell[r, i]; if (c ~ /^-+$/) { c = ""; while (length(c) < w[i]) c = c "-" }
          line = line sprintf("%-*s | ", w[i], c) } sub(/ $/, "", line); print line } }'
echo
echo "co-hosted = the API host with its silo in one process (./run.sh); separate = a standalone silo + the API host"
echo "as its Orleans client (docker-compose). Each bench measures one server at a time; the insert ratios divide by"
echo "the no-op Kestrel endpoint measured just before, in the same bench run. Logs: $dir"
for run in "${runs[@]}"; do
  IFS='|' read -r id script _ <<<"$run"
  printf '  %-16s %-26s %s\n' "$id" "bench/$script" "${status[$id]:-not run}"
done
echo "insert_vs_ceiling=$(get insert-cohosted insert_ratio || echo n/a)"
exit "$failed"
