#!/usr/bin/env bash
# Starts Leadline on this machine: its own PostgreSQL under .leadline/ (unless LEADLINE_DB is set),
# migrations, a demo account on first start, and Leadline itself. Ctrl-C stops everything.
# Topology (Leadline__Topology): cohosted (default) = one process, the API host with its silo inside;
# client = a standalone silo (src/Silo) and the API host as its Orleans client, as docker-compose runs it.
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)
state="$root/.leadline"
mkdir -p "$state/logs"

command -v dotnet >/dev/null || { echo "The .NET 10 SDK is missing: install dotnet-sdk-10.0." >&2; exit 1; }
command -v curl >/dev/null || { echo "curl is missing: apt-get install -y curl" >&2; exit 1; }

api_port=${LEADLINE_PORT:-5080}
url="http://127.0.0.1:$api_port"
pids=()
stop_all() {
  trap - INT TERM EXIT
  echo; echo "Stopping Leadline..."
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  [[ -z "${LEADLINE_DB:-}" ]] && scripts/pg.sh stop "$state/pgdata"
  echo "Stopped."
}
trap 'stop_all; exit 130' INT TERM
trap stop_all EXIT

if [[ -n "${LEADLINE_DB:-}" ]]; then
  db="$LEADLINE_DB"
else
  pg_port=${LEADLINE_PG_PORT:-25432} # below the ephemeral range, so no outgoing connection holds it
  echo "Starting PostgreSQL on 127.0.0.1:$pg_port (data in .leadline/pgdata)..."
  scripts/pg.sh start "$state/pgdata" "$pg_port"
  db="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=leadline"
fi
export ConnectionStrings__Leadline="$db"
export Leadline__Topology=${Leadline__Topology:-cohosted}
case "$Leadline__Topology" in cohosted|client) ;; *) echo "Leadline__Topology must be cohosted or client." >&2; exit 1 ;; esac
# Local runs get the Orleans Dashboard (/orleans, behind the operator login); it is off unless asked for.
export Leadline__OrleansDashboard=${Leadline__OrleansDashboard:-true}
# Everything runs on this machine, so a webhook receiver for trying Workflow Automation usually does too:
# local runs may deliver to loopback and private addresses (production keeps the default, off).
export Leadline__Workflows__AllowInternalTargets=${Leadline__Workflows__AllowInternalTargets:-true}

echo "Building..."
dotnet build Leadline.sln -c Release -nologo -v quiet >"$state/logs/build.log" 2>&1 \
  || { tail -n 30 "$state/logs/build.log" >&2; exit 1; }
bin() { echo "$root/src/$1/bin/Release/net10.0"; }

echo "Applying migrations..."
(cd "$(bin ApiHost)" && dotnet Leadline.ApiHost.dll migrate)
(cd "$(bin ApiHost)" && dotnet Leadline.ApiHost.dll seed "$state/demo.env" "$url")

if [[ $Leadline__Topology == client ]]; then
  echo "Starting a silo and the API host as its client..."
  (cd "$(bin Silo)" && exec dotnet Leadline.Silo.dll) >"$state/logs/silo.log" 2>&1 &
  pids+=($!)
else
  echo "Starting Leadline (API host with its silo, one process)..."
fi
(cd "$(bin ApiHost)" && ASPNETCORE_URLS="$url" exec dotnet Leadline.ApiHost.dll) >"$state/logs/apihost.log" 2>&1 &
pids+=($!)

for _ in $(seq 1 120); do
  curl -fs "$url/health/ready" >/dev/null 2>&1 && break
  for pid in "${pids[@]}"; do
    kill -0 "$pid" 2>/dev/null || { echo "A process exited; see .leadline/logs/" >&2; tail -n 20 "$state/logs/"*.log >&2; exit 1; }
  done
  sleep 1
done
curl -fs "$url/health/ready" >/dev/null || { echo "Leadline did not become ready; see .leadline/logs/" >&2; exit 1; }

[[ -f "$state/demo.env" ]] || { echo "The database has accounts but .leadline/demo.env is gone: delete .leadline/ to start over." >&2; exit 1; }
# shellcheck disable=SC1091
source "$state/demo.env"
cat <<BANNER

Leadline is running.
  Dashboard / API:  $url   (topology: $Leadline__Topology)
  Operator login:   $LEADLINE_OPERATOR / $LEADLINE_PASSWORD
  Demo API token:   $LEADLINE_TOKEN
  Demo campaign:    $LEADLINE_CAMPAIGN_ID   list: $LEADLINE_LIST_ID
  These values are in .leadline/demo.env; logs in .leadline/logs/.

Try:  curl -s -X POST $url/v1/leads/insert -d auth_token=\$LEADLINE_TOKEN -d list_id=$LEADLINE_LIST_ID -d phone_number=7275551212
Press Ctrl-C to stop.
BANNER

wait -n "${pids[@]}" || true
echo "A Leadline process exited; see .leadline/logs/" >&2
exit 1
