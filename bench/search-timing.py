#!/usr/bin/env python3
"""Timing part of bench/search-bench.sh: each search through the HTTP API, then the same statements
under EXPLAIN ANALYZE.

    search-timing.py URL TOKEN QUERIES_FILE PG_LOG REPEATS -- PSQL_COMMAND...

QUERIES_FILE holds one search per line: a name, a tab, and the form parameters (url-encoded, without
auth_token). For each search: 3 warm-up calls, then REPEATS calls one after the other on one keep-alive
connection (p50/p95 of the answer time as the client sees it). Then one more call with PostgreSQL's
statement log on (log_min_duration_statement = 0) captures the statements the API really ran, with
their parameters; each is run again as PREPARE + EXPLAIN (ANALYZE) EXECUTE five times (median
"Execution Time"), and the indexes its plan uses are shown. Prints a table, and exits 1 when an
answer was not a success.
"""
import http.client
import json
import re
import statistics
import subprocess
import sys
import time
import urllib.parse

url, token, queries_file, pg_log, repeats = sys.argv[1:6]
psql = sys.argv[sys.argv.index("--") + 1:]
repeats = int(repeats)
host = urllib.parse.urlsplit(url)
conn = http.client.HTTPConnection(host.hostname, host.port, timeout=60)
headers = {"Content-Type": "application/x-www-form-urlencoded"}


def sql(*commands):
    """Runs the commands in one psql session; the output of each."""
    args = [a for c in commands for a in ("-c", c)]
    return subprocess.run(psql + args, check=True, capture_output=True, text=True).stdout


def search(params):
    body = "auth_token=" + urllib.parse.quote(token) + ("&" + params if params else "")
    t0 = time.perf_counter()
    conn.request("POST", "/v1/leads/search", body, headers)
    resp = conn.getresponse()
    raw = resp.read()
    elapsed = time.perf_counter() - t0
    answer = json.loads(raw)
    if resp.status != 200 or not answer.get("success"):
        raise SystemExit(f"search {params!r} failed: HTTP {resp.status} {raw[:300]!r}")
    return elapsed, answer["data"]


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


LOGGED = re.compile(r"duration: [0-9.]+ ms\s+execute [^:]*: (.*)$")
PARAMETERS = re.compile(r"DETAIL:\s+parameters: (.*)$")
VALUE = re.compile(r"\$\d+ = ('(?:[^']|'')*'|NULL)")


def captured_statements(params):
    """The leads statements one search ran, with their parameter literals, from the statement log."""
    with open(pg_log, "rb") as f:
        f.seek(0, 2)
        start = f.tell()
    sql("ALTER SYSTEM SET log_min_duration_statement = 0")
    sql("SELECT pg_reload_conf()")
    time.sleep(0.3)
    search(params)
    time.sleep(0.3)
    sql("ALTER SYSTEM RESET log_min_duration_statement")
    sql("SELECT pg_reload_conf()")
    with open(pg_log, "rb") as f:
        f.seek(start)
        lines = f.read().decode("utf-8", "replace").splitlines()
    statements = []
    for i, line in enumerate(lines):
        m = LOGGED.search(line)
        if not m or "FROM leads WHERE account_id" not in m.group(1) or m.group(1).startswith("EXPLAIN"):
            continue
        values = []
        if i + 1 < len(lines) and (p := PARAMETERS.search(lines[i + 1])):
            values = VALUE.findall(p.group(1))
        statements.append((m.group(1), values))
    return statements


def explain(statement, values):
    """Median EXPLAIN ANALYZE execution time (ms) of five runs, and the indexes the plan uses (merged legs: several)."""
    times, index = [], "-"
    for _ in range(5):
        plan = sql(f"PREPARE q AS {statement}", f"EXPLAIN (ANALYZE) EXECUTE q({', '.join(values)})")
        times.append(float(re.search(r"Execution Time: ([0-9.]+) ms", plan).group(1)))
        used = list(dict.fromkeys(re.findall(r" using (\w+)", plan) + re.findall(r"(Seq Scan)", plan)))
        if used:
            index = "+".join(used)
    return statistics.median(times), index


rows = []
with open(queries_file) as f:
    queries = [line.rstrip("\n").split("\t", 1) for line in f if line.strip()]
for name, params in queries:
    for _ in range(3):
        search(params)
    latencies, data = [], None
    for _ in range(repeats):
        elapsed, data = search(params)
        latencies.append(elapsed * 1000)
    page_ms = count_ms = None
    page_index = count_index = "-"
    for statement, values in captured_statements(params):
        ms, index = explain(statement, values)
        if statement.startswith("SELECT count(*)"):
            count_ms, count_index = ms, index
        else:
            page_ms, page_index = ms, index
    total = f"{data['total']}{'~' if data.get('total_is_estimate') else ''}"
    rows.append((name, total, len(data["entries"]), percentile(latencies, 50), percentile(latencies, 95),
                 page_ms, count_ms, page_index if page_index == count_index else f"{page_index} / {count_index}"))
    print(f"  {name}: p50 {rows[-1][3]:.1f} ms", file=sys.stderr, flush=True)

fmt = "{:<44} {:>9} {:>7} {:>8} {:>8} {:>9} {:>9}  {}"
print(fmt.format("search (HTTP, %d calls each)" % repeats, "total", "entries", "p50 ms", "p95 ms", "page ms", "count ms", "index (page / count)"))
print(fmt.format("", "", "", "HTTP", "HTTP", "EXPLAIN", "EXPLAIN", ""))
for name, total, entries, p50, p95, page_ms, count_ms, index in rows:
    print(fmt.format(name, total, entries, f"{p50:.1f}", f"{p95:.1f}",
                     "-" if page_ms is None else f"{page_ms:.2f}", "-" if count_ms is None else f"{count_ms:.2f}", index))
print("(~ = total past the exact count limit: PostgreSQL's estimate)")
