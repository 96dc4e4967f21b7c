-- wrk script of the benches that need an exact number of leads (bench/hopper-bench.sh, webhook-bench.sh,
-- memory-bench.sh, through counted_fill in lib-leadline.sh): exactly TOTAL form-encoded inserts with
-- check_dup=1 check_dnc=1, each with a phone number no other request of the bench uses, then each wrk
-- thread stops itself.
--
--   wrk -tT ... -s counted-fill.lua URL -- TOKEN LIST_ID RUN TOTAL THREADS DONE_PREFIX HOPPER [EXPIRES_IN_MINUTES] [PHONES_FILE]
--
-- Thread k of T sends TOTAL/T inserts (thread 0 also the remainder). Once a thread has sent its
-- share, its connections send GET /health/live until the last insert is answered, then the thread
-- stops and creates the file DONE_PREFIX.k: every insert sent is answered and counted (wrk keeps one
-- request in flight per connection). wrk itself runs until -d, so the caller waits for the T files
-- and then ends wrk with SIGINT (wrk still runs done()); -d is only a safety stop.
-- HOPPER is the insert's hopper flag (0/1); EXPIRES_IN_MINUTES, when given, its hopper_expires_in.
-- Phones: as bench/insert.lua (a real US area code, exchange 2xx-9xx without N11 and 555); RUN (1..7)
-- separates fills against the same database, each thread owning its own range. With PHONES_FILE the
-- file's lines (national US numbers) instead, thread k taking lines k+1, k+1+T, ...
-- done() prints one machine-readable line (prefixed "BENCH ").

-- Shared with the other wrk scripts: phone numbers, url encoding, thread bookkeeping.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "wrk-common.lua")

function init(args)
  local token = urlencode(args[1] or "")
  local list_id = urlencode(args[2] or "")
  local run = tonumber(args[3] or "1")
  local total = tonumber(args[4] or "0")
  local nthreads = tonumber(args[5] or "1")
  done_file = (args[6] or "/tmp/counted-fill-done") .. "." .. tid
  local hopper = args[7] or "0"
  local expires = args[8] or ""
  local phones_file = args[9] or ""
  share = math.floor(total / nthreads)
  if tid == 0 then share = share + total % nthreads end
  prefix = "auth_token=" .. token .. "&list_id=" .. list_id
    .. "&check_dup=1&check_dnc=1&hopper=" .. hopper .. "&first_name=Fill&last_name=Run" .. run .. "T" .. tid
    .. (expires ~= "" and ("&hopper_expires_in=" .. expires) or "")
    .. "&phone_number="
  counter = (run * 8 + tid) * SLOT
  if phones_file ~= "" then
    phones = {}
    local line_no = 0
    for line in io.lines(phones_file) do
      if line_no % nthreads == tid then phones[#phones + 1] = line end
      line_no = line_no + 1
    end
    if #phones < share then error("phones file has too few numbers for thread " .. tid) end
  end
  sent = 0
  headers = { ["Content-Type"] = "application/x-www-form-urlencoded" }
  idle = wrk.format("GET", "/health/live")
  successes = 0
  failures = 0
  first_error = ""
end

function request()
  -- wrk calls request() once in thread 0's state before the run to check the request (and never
  -- sends that one), so each thread's first request is a health check, not a counted insert.
  if not primed then primed = true; return idle end
  if sent >= share then return idle end
  sent = sent + 1
  local number
  if phones then number = phones[sent] else number = phone(counter); counter = counter + 1 end
  return wrk.format("POST", "/v1/leads/insert", headers, prefix .. number)
end

function response(status, headers, body)
  -- An insert's answer has "success"; GET /health/live answers plain text.
  if status ~= 200 or (body and string.find(body, '"success":', 1, true)) then
    count_answer(status == 200 and string.find(body, '"success":true', 1, true) ~= nil, status, body)
  end
  if successes + failures >= share and not finished then
    finished = true
    local f = io.open(done_file, "w")
    if f then f:write(successes, " ", failures, "\n"); f:close() end
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  local ok, bad, first = thread_totals()
  io.write(string.format("BENCH ok=%d not_ok=%d seconds=%.3f sock_errors=%d\n", ok, bad, summary.duration / 1e6,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
  io.write("BENCH_FIRST_ERROR " .. first .. "\n")
end
