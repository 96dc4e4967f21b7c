#!/usr/bin/env bash
# Leadline memory benchmark: the silo's live managed heap per lead, measured as an operator would
# (dotnet-gcdump of the silo before and after posting 1,000,000 leads into one account, hopper=0; a
# gcdump forces a full GC), and the activation time of a phone shard holding 100,000 phones. See
# bench/README.md, "Memory bench".
#
#   bench/memory-bench.sh              build, start, both parts, summary (about 3 minutes + the fill)
#
# Environment knobs (defaults in brackets):
#   BENCH_LEADS [1000000]        leads posted between the two heap dumps
#   BENCH_WARMUP_LEADS [2000]    leads posted before the first dump (JIT, pools, every shard activated)
#   BENCH_SHARD_PHONES [100000]  phones the shard of part 2 holds when it is activated
#   BENCH_CONNECTIONS [64]       wrk connections of the fills (2 threads)
#   BENCH_ACTIVATIONS [3]        silo restarts that time the shard's activation (the median is printed)
#   BENCH_WARM_SHARDS [8]        other shards activated after each restart before the timed one
#   BENCH_TOOLS [.leadline/bench-tools]  where dotnet-gcdump is installed (git-ignored; reused)
#   BENCH_KEEP [0]       1 = keep the temp folder (logs, heap dumps and their reports)
#   BENCH_SKIP_BUILD [0] 1 = use the existing Release builds
# Prints BENCH_RESULT heap_bytes_per_lead=, heap_objects_per_lead=, shard_activation_ms= (the shard's
# own log of its load, median of the restarts), shard_activation_cpu_ms= (the silo's CPU during that
# load: steadier than the time on a shared machine) and shard_first_request_ms= (the first insert that
# activates it, end to end, median).
# Exit status: 0 ok; 1 setup failed or a correctness check failed (a refused insert, a lead count
# that does not match, a shard that did not load the expected number of leads).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

leads=${BENCH_LEADS:-1000000}
warmup_leads=${BENCH_WARMUP_LEADS:-2000}
shard_phones=${BENCH_SHARD_PHONES:-100000}
fill_connections=${BENCH_CONNECTIONS:-64}
activations=${BENCH_ACTIVATIONS:-3}
warm_shards=${BENCH_WARM_SHARDS:-8}
fill_threads=2
tools=${BENCH_TOOLS:-$root/.leadline/bench-tools}
gcdump_version=10.0.750501
: "${BENCH_IDLE_WAIT:=30}"
source "$root/bench/lib-leadline.sh" # tools, temp folder + cleanup, helpers, Leadline start-up
command -v python3 >/dev/null || die "python3 is not installed"

# ---------------------------------------------------------------- dotnet-gcdump (a dotnet tool, local folder)
gcdump="$tools/dotnet-gcdump"
if [[ ! -x $gcdump ]] || ! "$gcdump" --version 2>/dev/null | grep -q "^${gcdump_version%.*}"; then
  log "installing dotnet-gcdump $gcdump_version into $tools"
  mkdir -p "$tools"
  dotnet tool install dotnet-gcdump --version "$gcdump_version" --tool-path "$tools" >"$tmp/gcdump-install.log" 2>&1 \
    || dotnet tool update dotnet-gcdump --version "$gcdump_version" --tool-path "$tools" >>"$tmp/gcdump-install.log" 2>&1 \
    || { cat "$tmp/gcdump-install.log" >&2; die "could not install dotnet-gcdump"; }
fi

# heap_dump NAME: full GC + dump of the silo's heap -> H_bytes H_objects; the report is kept in $tmp/NAME.txt
heap_dump() {
  local name=$1
  "$gcdump" collect -p "$silo_pid" -o "$tmp/$name.gcdump" >"$tmp/$name-collect.log" 2>&1 \
    || { cat "$tmp/$name-collect.log" >&2; die "gcdump of the silo failed"; }
  "$gcdump" report "$tmp/$name.gcdump" >"$tmp/$name.txt" 2>&1 || { cat "$tmp/$name.txt" >&2; die "gcdump report failed"; }
  # The report starts with the totals ("<n>  GC Heap bytes", "<n>  GC Heap objects"), then one row per
  # type: "<bytes of one object> <count> <type>" (arrays grouped by size class).
  H_bytes=$(awk '/GC Heap bytes/ { gsub(",", "", $1); print $1; exit }' "$tmp/$name.txt")
  H_objects=$(awk '/GC Heap objects/ { gsub(",", "", $1); print $1; exit }' "$tmp/$name.txt")
  (( ${H_bytes:-0} > 0 )) || { head -n 20 "$tmp/$name.txt" >&2; die "could not read the gcdump report"; }
  log "$name: silo live heap $(( H_bytes / 1048576 )) MB in $H_objects objects (RSS $(( $(awk '/VmRSS/{print $2}' "/proc/$silo_pid/status") / 1024 )) MB)"
}

# fill NAME RUN COUNT [PHONES_FILE]: exactly COUNT inserts into the demo list, hopper=0 (counted_fill, lib-leadline.sh)
fill() { counted_fill "$1" "$list_id" "$2" "$3" 0 "" "${4:-}" 3600; }

top_types() { # top_types REPORT N: the N types of a gcdump report with the most bytes in all
  awk '$1 ~ /^[0-9,]+$/ && $2 ~ /^[0-9,]+$/ { b = $1; c = $2; gsub(",", "", b); gsub(",", "", c); $1 = ""; $2 = ""
    sub(/^ +/, ""); printf "%14d %9d  %s\n", b * c, c, $0 }' "$1" | sort -rn | head -n "$2" | cut -c1-170 | sed 's/^/  /'
}

insert_one() { # insert_one NATIONAL_NUMBER -> "HTTP_TIME_S BODY" of one check_dup=1 hopper=0 insert
  curl -s -w ' %{time_total}' -X POST "$api_url/v1/leads/insert" --data-urlencode "auth_token=$token" -d "list_id=$list_id" \
    -d check_dup=1 -d check_dnc=1 -d hopper=0 -d "phone_number=$1" -d first_name=Memory -d last_name=Probe
}

leadline_build

# ---------------------------------------------------------------- start
leadline_start_pg
leadline_migrate_seed
[[ -n $account_id ]] || die "seed wrote no account to demo.env"
check_idle "Leadline"
leadline_spawn_servers
leadline_wait_ready
probe=$(insert_one 2065550100)
[[ $probe == *'"success":true'* ]] || die "probe insert was refused: $probe"

# ---------------------------------------------------------------- 1. heap per lead
fill warmup 2 "$warmup_leads"
heap_dump heap-before
before_bytes=$H_bytes before_objects=$H_objects
fill leads 1 "$leads"
heap_dump heap-after
after_bytes=$H_bytes after_objects=$H_objects
db_leads=$(psql_q "SELECT count(*) FROM leads WHERE account_id = $account_id AND deleted_at IS NULL")
(( db_leads == 1 + warmup_leads + leads )) || die "the account has $db_leads leads, not $(( 1 + warmup_leads + leads ))"
bytes_per_lead=$(awk -v a="$after_bytes" -v b="$before_bytes" -v n="$leads" 'BEGIN{printf "%.1f", (a - b) / n}')
objects_per_lead=$(awk -v a="$after_objects" -v b="$before_objects" -v n="$leads" 'BEGIN{printf "%.3f", (a - b) / n}')

# ---------------------------------------------------------------- 2. activation of a shard of 100,000 phones
# The bench's copy of PhoneShardKey.ShardOf must agree with the silo's on the rows it wrote.
psql_q "SELECT phone_e164 || '|' || phone_shard FROM leads WHERE account_id = $account_id LIMIT 2000" \
  | python3 "$root/bench/shard-phones.py" check || die "bench/shard-phones.py computes other shards than the silo"
shard=0
have=$(psql_q "SELECT count(*) FROM leads WHERE account_id = $account_id AND phone_shard = $shard AND deleted_at IS NULL")
need=$(( shard_phones - have ))
if (( need > 0 )); then
  log "shard $shard holds $have leads; generating $need more phones of that shard"
  # From phone(50,000,000) on: the fills use phone(16M..20M) for run 1 and phone(32M..36M) for run 2.
  python3 "$root/bench/shard-phones.py" phones "$shard" "$need" 50000000 >"$tmp/shard-phones.txt"
  fill shard 3 "$need" "$tmp/shard-phones.txt"
fi
shard_leads=$(psql_q "SELECT count(*) FROM leads WHERE account_id = $account_id AND phone_shard = $shard AND deleted_at IS NULL")
known_phone=$(psql_q "SELECT phone_number FROM leads WHERE account_id = $account_id AND phone_shard = $shard LIMIT 1")
# One phone of each of the other shards that warm the restarted silo up.
mapfile -t warm_phones < <(psql_q "SELECT DISTINCT ON (phone_shard) phone_number FROM leads
  WHERE account_id = $account_id AND phone_shard <> $shard AND deleted_at IS NULL ORDER BY phone_shard LIMIT $warm_shards")

# activate N: restart the silo, activate the warm-up shards, then time the first call of shard $shard
activate() {
  local n=$1 phone answer line
  log "activation $n of $activations: restarting the silo (its shards load from the tables on their first call)"
  stop_pid "$silo_pid"
  if [[ -n ${api_pid:-} && $api_pid != "$silo_pid" ]]; then stop_pid "$api_pid"; fi
  leadline_spawn_servers
  leadline_wait_ready
  # Other shards first (each ~1/64 of the account): JIT tiering and the connection pool are warm, so the
  # timed activation is the load itself, as when a silo that already serves takes a shard over.
  # Every insert here is a duplicate: nothing is written.
  for phone in "${warm_phones[@]}"; do
    answer=$(insert_one "$phone")
    [[ $answer == *'"success":false'* ]] || die "warm-up duplicate was not refused: $answer"
  done
  sleep 1
  answer=$(insert_one "$known_phone")
  [[ $answer == *'"success":false'* ]] || die "duplicate of shard $shard was not refused: $answer"
  first_ms+=("$(awk -v s="${answer##* }" 'BEGIN{printf "%.0f", s * 1000}')")
  sleep 0.5
  line=$(grep -a "Phone shard ph:$account_id:$shard loaded" "$tmp/silo.log" | tail -n 1 || true)
  [[ -n $line ]] || die "the silo logged no load of shard ph:$account_id:$shard"
  loaded=$(sed -E 's/.* loaded ([0-9]+) leads.*/\1/' <<<"$line")
  (( loaded == shard_leads )) || die "shard $shard loaded $loaded leads, the table has $shard_leads"
  load_ms+=("$(sed -E 's/.* in ([0-9.]+) ms.*/\1/' <<<"$line")")
  load_cpu_ms+=("$(sed -E 's/.*silo CPU ([0-9.]+) ms.*/\1/' <<<"$line")")
  log "activation $n: load ${load_ms[-1]} ms (silo CPU ${load_cpu_ms[-1]} ms), first request ${first_ms[-1]} ms"
}
load_ms=() load_cpu_ms=() first_ms=()
for (( a = 1; a <= activations; a++ )); do activate "$a"; done
median() { printf '%s\n' "$@" | sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
activation_ms=$(median "${load_ms[@]}")
first_request_ms=$(median "${first_ms[@]}")
activation_cpu_ms=$(median "${load_cpu_ms[@]}")

# ---------------------------------------------------------------- summary
cat <<EOF

==================== Leadline memory bench ====================
machine: $ncpu cores (shared: figures are noisy); one silo, PostgreSQL durable
part 1: $leads leads into one account (hopper=0, check_dup=1, unique valid US phones), after $warmup_leads warm-up leads
  silo live heap after full GC: before $(( before_bytes / 1048576 )) MB / $before_objects objects, after $(( after_bytes / 1048576 )) MB / $after_objects objects
  per lead: $bytes_per_lead bytes, $objects_per_lead objects (target <= 64 bytes)
  the types holding most of the heap after (bytes = size x count, objects, type):
$(top_types "$tmp/heap-after.txt" 10)
part 2: shard $shard of the account holds $shard_leads leads
  $activations times: restart the silo, activate $warm_shards other shards, then the first insert of shard $shard (a duplicate)
  the shard's load (its log), median: $activation_ms ms (each: ${load_ms[*]}) (target < 500 ms)
  the silo's CPU during the load, median: $activation_cpu_ms ms (each: ${load_cpu_ms[*]}); far below the time = the machine was busy
  the first insert that activated it, end to end, median: $first_request_ms ms (each: ${first_ms[*]})
EOF
if ((${#idle_warnings[@]})); then echo "WARNING, machine not idle: ${idle_warnings[*]}"; fi
echo "==============================================================="
echo "BENCH_RESULT heap_bytes_per_lead=$bytes_per_lead"
echo "BENCH_RESULT heap_objects_per_lead=$objects_per_lead"
echo "BENCH_RESULT shard_activation_ms=$activation_ms"
echo "BENCH_RESULT shard_activation_cpu_ms=$activation_cpu_ms"
echo "BENCH_RESULT shard_first_request_ms=$first_request_ms"
