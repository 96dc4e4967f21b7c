#!/usr/bin/env python3
"""Dialers of bench/hopper-bench.sh: N threads, each with its own keep-alive connection, call
POST /v1/hopper/pull (count, lease_seconds) until the hopper answers no entries, and never ack.

    hopper-pull.py URL TOKEN CAMPAIGN_ID DIALERS COUNT LEASE_SECONDS LEASES_FILE

Writes every lease as "lead_id lease_id dialer" to LEASES_FILE and prints one machine-readable line
(prefixed "BENCH "): wall time from the first pull sent to the last non-empty answer, entries, pulls,
latency percentiles of the non-empty pulls, distinct lead ids and lease ids, leads seen twice,
and not-success answers. Exit 1 on any error answer.
"""
import http.client
import json
import os
import sys
import threading
import time
import urllib.parse

url, token, campaign, dialers, count, lease_seconds, leases_file = sys.argv[1:8]
dialers, count = int(dialers), int(count)
host = urllib.parse.urlsplit(url)
lock = threading.Lock()
leases = []          # (lead_id, lease_id, dialer)
latencies = []       # seconds, non-empty pulls
empty_latencies = []
timeline = []        # (answered at, latency) of the non-empty pulls, in answer order
errors = []
last_entry_at = [0.0]
start_gate = threading.Barrier(dialers + 1)


def dialer(n):
    name = f"bench-dialer-{n}"
    body = urllib.parse.urlencode({"auth_token": token, "campaign_id": campaign, "count": count,
                                   "lease_seconds": lease_seconds, "dialer": name})
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    conn = http.client.HTTPConnection(host.hostname, host.port, timeout=60)
    conn.connect()
    mine, lat, empty = [], [], []
    start_gate.wait()
    try:
        while True:
            t0 = time.perf_counter()
            conn.request("POST", "/v1/hopper/pull", body, headers)
            resp = conn.getresponse()
            raw = resp.read()
            t1 = time.perf_counter()
            answer = json.loads(raw) if raw else {}
            if resp.status != 200 or not answer.get("success"):
                with lock:
                    errors.append(f"HTTP {resp.status} {raw[:300]!r}")
                return
            entries = answer["data"]["entries"]
            if not entries:
                empty.append(t1 - t0)
                return
            lat.append(t1 - t0)
            mine.extend((e["lead_id"], e["lease_id"], name) for e in entries)
            with lock:
                last_entry_at[0] = max(last_entry_at[0], t1)
                timeline.append((t1, t1 - t0))
    except Exception as ex:  # a broken connection is a failed run, not a silent short count
        with lock:
            errors.append(f"{type(ex).__name__}: {ex}")
    finally:
        conn.close()
        with lock:
            leases.extend(mine)
            latencies.extend(lat)
            empty_latencies.extend(empty)


threads = [threading.Thread(target=dialer, args=(n,)) for n in range(dialers)]
for t in threads:
    t.start()
start_gate.wait()
began = time.perf_counter()
for t in threads:
    t.join()

with open(leases_file, "w") as f:
    for lead, lease, name in leases:
        f.write(f"{lead} {lease} {name}\n")


def pct(values, p):
    if not values:
        return 0.0
    s = sorted(values)
    return s[min(len(s) - 1, max(0, int(round(p / 100 * len(s) + 0.5)) - 1))] * 1000


seconds = max(last_entry_at[0] - began, 1e-9)
leads = [lead for lead, _, _ in leases]
distinct_leads = len(set(leads))
# The first and the last quarter of the pulls: a pull that slows as leases pile up shows here.
quarter = max(1, len(timeline) // 4)
cpu = os.times()
print(f"BENCH seconds={seconds:.3f} entries={len(leases)} pulls={len(latencies)} empty_pulls={len(empty_latencies)} "
      f"entries_per_s={len(leases) / seconds:.1f} pulls_per_s={len(latencies) / seconds:.1f} "
      f"p50_ms={pct(latencies, 50):.2f} p90_ms={pct(latencies, 90):.2f} p99_ms={pct(latencies, 99):.2f} "
      f"max_ms={max(latencies, default=0) * 1000:.2f} distinct_leads={distinct_leads} "
      f"distinct_leases={len(set(l for _, l, _ in leases))} leads_twice={len(leads) - distinct_leads} errors={len(errors)} "
      f"first_quarter_p50_ms={pct([l for _, l in timeline[:quarter]], 50):.2f} "
      f"last_quarter_p50_ms={pct([l for _, l in timeline[-quarter:]], 50):.2f} client_cpu_s={cpu.user + cpu.system:.2f}")
print("BENCH_FIRST_ERROR " + (errors[0] if errors else ""))
sys.exit(1 if errors else 0)
