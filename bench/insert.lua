-- wrk script of bench/insert-bench.sh: one form-encoded insert per request, each with a phone
-- number no other request of the whole bench uses.
--
--   wrk ... -s insert.lua URL -- PATH AUTH_TOKEN LIST_ID RUN
--
-- RUN (0..4) separates runs against the same database (warm-up, measured); within a run each wrk
-- thread (at most 8) owns its own range of SLOT numbers, so neither threads nor runs collide.
-- Numbers are valid US numbers for libphonenumber: a real area code, an exchange 2xx-9xx (no N11,
-- no 555), any line.
-- done() prints machine-readable lines for the script (prefixed "BENCH ").

-- Shared with the other wrk scripts: phone numbers, url encoding, thread bookkeeping.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "wrk-common.lua")

function init(args)
  path = args[1] or "/v1/leads/insert"
  local token = urlencode(args[2] or "")
  local list_id = urlencode(args[3] or "")
  local run = tonumber(args[4] or "0")
  prefix = "auth_token=" .. token .. "&list_id=" .. list_id
    .. "&check_dup=1&check_dnc=1&hopper=1&first_name=Bench&last_name=Run" .. run .. "T" .. tid
    .. "&phone_number="
  counter = (run * 8 + tid) * SLOT
  limit = counter + SLOT
  headers = { ["Content-Type"] = "application/x-www-form-urlencoded" }
  successes = 0
  failures = 0
  first_error = ""
end

function request()
  if counter >= limit then error("phone range of this thread exhausted; raise SLOT") end
  local body = prefix .. phone(counter)
  counter = counter + 1
  return wrk.format("POST", path, headers, body)
end

function response(status, headers, body)
  if status == 200 and body and string.find(body, '"success":true', 1, true) then
    successes = successes + 1
  else
    failures = failures + 1
    if first_error == "" then
      first_error = "HTTP " .. status .. " " .. string.sub(body or "", 1, 400):gsub("[\r\n]", " ")
    end
  end
end

function done(summary, latency, requests)
  local ok, bad, first = thread_totals()
  local secs = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d seconds=%.3f rps=%.1f ok=%d not_ok=%d ok_per_s=%.1f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f "
      .. "sock_connect=%d sock_read=%d sock_write=%d sock_timeout=%d http_errors=%d\n",
    summary.requests, secs, summary.requests / secs, ok, bad, ok / secs,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.connect, e.read, e.write, e.timeout, e.status))
  io.write("BENCH_FIRST_ERROR " .. first .. "\n")
end
