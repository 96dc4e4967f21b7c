#!/usr/bin/env bash
# A private PostgreSQL cluster from the machine's binaries, on a loopback port.
#   scripts/pg.sh start DATA_DIR PORT [fast]   init if needed, start, wait until it accepts connections
#   scripts/pg.sh stop DATA_DIR
# "fast" turns off fsync: for throwaway test clusters only.
# initdb refuses root, so as root the cluster belongs to (and runs as) the postgres user.
set -euo pipefail

find_pg_bin() {
  if [[ -n "${PG_BIN:-}" && -x "$PG_BIN/pg_ctl" ]]; then echo "$PG_BIN"; return; fi
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [[ -x "$dir/pg_ctl" ]] && { echo "$dir"; return; }
  done
  echo "PostgreSQL server binaries not found: install them with 'apt-get install -y postgresql' (or set PG_BIN)." >&2
  exit 1
}

as_owner() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

cmd=${1:?usage: pg.sh start|stop DATA_DIR [PORT] [fast]}
data=$(realpath -m "${2:?data dir}")
bin=$(find_pg_bin)

case "$cmd" in
  start)
    port=${3:?port}
    mkdir -p "$data"
    if [[ $(id -u) -eq 0 ]]; then
      id postgres >/dev/null 2>&1 || { echo "No 'postgres' user to run PostgreSQL as: apt-get install -y postgresql creates it." >&2; exit 1; }
      chown postgres "$data"
    fi
    chmod 700 "$data"
    if [[ ! -f "$data/PG_VERSION" ]]; then
      as_owner "$bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --no-locale >"$data.initdb.log" 2>&1 \
        || { cat "$data.initdb.log" >&2; exit 1; }
      {
        echo "listen_addresses = '127.0.0.1'"
        echo "unix_socket_directories = ''"
        echo "max_connections = 400"
        echo "shared_buffers = 256MB"
        if [[ "${4:-}" == fast ]]; then echo "fsync = off"; echo "synchronous_commit = off"; echo "full_page_writes = off"; fi
      } | as_owner tee -a "$data/postgresql.conf" >/dev/null
    fi
    if ! as_owner "$bin/pg_ctl" -D "$data" -o "-p $port" -l "$data/server.log" -w -t 60 start >/dev/null; then
      tail -n 5 "$data/server.log" >&2
      grep -q "Address already in use" "$data/server.log" && echo "Port $port is taken: choose another (LEADLINE_PG_PORT for run.sh)." >&2
      exit 1
    fi
    ;;
  stop)
    [[ -f "$data/postmaster.pid" ]] && as_owner "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null || true
    ;;
  *)
    echo "usage: pg.sh start|stop DATA_DIR [PORT] [fast]" >&2; exit 2 ;;
esac
