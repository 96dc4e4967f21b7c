-- wrk script of bench/insert-bench.sh: one form-encoded insert per request, each with a phone
-- number no other request of the whole bench uses.
--
--   wrk ... -s insert.lua URL -- PATH AUTH_TOKEN LIST_IDS RUN [WRAP] [EXPECT]
--
-- RUN (0..4) separates runs against the same database (warm-up, measured); within a run each wrk
-- thread (at most 8) owns its own range of SLOT numbers, so neither threads nor runs collide.
-- LIST_IDS: one list id, or several separated by commas, which the requests take in turn (round-robin).
-- WRAP > 0: each thread cycles through the first WRAP numbers of its range (BENCH_MODE=duplicates sends
-- the numbers an earlier run of the same RUN inserted). EXPECT: "inserted" (default; an answer counts
-- when it is a success) or "duplicate" (it counts when it is the 6009 refusal).
-- Numbers are valid US numbers for libphonenumber: a real area code, an exchange 2xx-9xx (no N11,
-- no 555), any line.
-- done() prints machine-readable lines for the script (prefixed "BENCH ").

-- Shared with the other wrk scripts: phone numbers, url encoding, thread bookkeeping.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "wrk-common.lua")

function init(args)
  path = args[1] or "/v1/leads/insert"
  local token = urlencode(args[2] or "")
  local run = tonumber(args[4] or "0")
  wrap = tonumber(args[5] or "0")
  expect_duplicate = (args[6] or "inserted") == "duplicate"
  prefixes = {}
  for list_id in string.gmatch(args[3] or "", "[^,]+") do
    prefixes[#prefixes + 1] = "auth_token=" .. token .. "&list_id=" .. urlencode(list_id)
      .. "&check_dup=1&check_dnc=1&hopper=1&first_name=Bench&last_name=Run" .. run .. "T" .. tid
      .. "&phone_number="
  end
  base = (run * 8 + tid) * SLOT
  counter = base
  limit = counter + SLOT
  sent = 0
  headers = { ["Content-Type"] = "application/x-www-form-urlencoded" }
  successes = 0
  failures = 0
  first_error = ""
end

function request()
  if counter >= limit then error("phone range of this thread exhausted; raise SLOT") end
  local n = counter
  -- base itself is skipped: wrk calls request() once in thread 0 before the run without sending it.
  if wrap > 0 then n = base + 1 + (counter - base) % wrap end
  local body = prefixes[sent % #prefixes + 1] .. phone(n)
  counter = counter + 1
  sent = sent + 1
  return wrk.format("POST", path, headers, body)
end

function response(status, headers, body)
  local counted
  if expect_duplicate then
    counted = body and string.find(body, '"code":6009', 1, true) ~= nil
  else
    counted = status == 200 and body and string.find(body, '"success":true', 1, true) ~= nil
  end
  count_answer(counted, status, body)
end

function done(summary, latency, requests)
  local ok, bad, first, ok_min = thread_totals()
  local secs = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d seconds=%.3f rps=%.1f ok=%d not_ok=%d ok_per_s=%.1f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f "
      .. "sock_connect=%d sock_read=%d sock_write=%d sock_timeout=%d http_errors=%d thread_ok_min=%d\n",
    summary.requests, secs, summary.requests / secs, ok, bad, ok / secs,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.connect, e.read, e.write, e.timeout, e.status, ok_min))
  io.write("BENCH_FIRST_ERROR " .. first .. "\n")
end
