#!/usr/bin/env bash
# Runs every test: starts a throwaway PostgreSQL, runs unit, integration and browser tests against it, stops it.
set -euo pipefail
cd "$(dirname "$0")"

command -v dotnet >/dev/null || { echo "The .NET 10 SDK is missing: install dotnet-sdk-10.0." >&2; exit 1; }

# The browser tests drive Debian's Chromium (never a downloaded browser).
if ! command -v chromium >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "Chromium is missing: the browser tests need /usr/bin/chromium (apt-get install -y chromium, as root)." >&2; exit 1
  fi
fi

work=$(mktemp -d /tmp/leadline-test.XXXXXX)
chmod 755 "$work"
port=$(scripts/free-port.sh)
cleanup() { scripts/pg.sh stop "$work/pg" || true; rm -rf "$work"; }
trap cleanup EXIT

scripts/pg.sh start "$work/pg" "$port" fast
export LEADLINE_TEST_PG="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
echo "Test PostgreSQL on 127.0.0.1:$port"

dotnet build Leadline.sln -c Release -nologo -v quiet
status=0
dotnet test Leadline.sln -c Release --no-build -nologo --logger "trx;LogFilePrefix=results" \
  --results-directory "$work/results" "$@" || status=$?

# One closing line in the form CI reads: "N passed, N failed".
python3 - "$work/results" <<'PY' || true
import sys, glob, xml.etree.ElementTree as ET
p = f = s = 0
for path in glob.glob(sys.argv[1] + "/*.trx"):
    c = ET.parse(path).getroot().find(".//{*}Counters")
    if c is not None:
        p += int(c.get("passed", 0)); f += int(c.get("failed", 0)) + int(c.get("error", 0)); s += int(c.get("notExecuted", 0))
print(f"{p} passed, {f} failed, {s} skipped")
PY
exit $status
