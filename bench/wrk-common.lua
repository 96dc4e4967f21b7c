-- What the bench's wrk scripts share (loaded with dofile, so these are globals of the script's state):
-- valid US numbers for libphonenumber (a real area code, an exchange 2xx-9xx without N11 and 555, any
-- line), form url-encoding, the list of wrk threads, and their counts that done() reads.

areas = { "727", "813", "212", "305", "312", "415", "617", "702", "404", "214", "503", "206" }
exchanges = {}
for e = 200, 999 do
  if e % 100 ~= 11 and e ~= 555 then exchanges[#exchanges + 1] = tostring(e) end
end
SLOT = 2000000 -- numbers per (run, thread); capacity is 10000 * #exchanges * #areas (~94M)

threads = {}
next_tid = 0

function setup(thread)
  thread:set("tid", next_tid)
  next_tid = next_tid + 1
  threads[#threads + 1] = thread
end

function urlencode(s)
  return (tostring(s):gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function phone(n)
  local line = n % 10000
  local rest = math.floor(n / 10000)
  local ex = exchanges[(rest % #exchanges) + 1]
  local area = areas[(math.floor(rest / #exchanges) % #areas) + 1]
  return area .. ex .. string.format("%04d", line)
end

-- Counts one answer of this thread as a success or a failure, keeping the first failure's status and body.
function count_answer(ok, status, body)
  if ok then
    successes = successes + 1
  else
    failures = failures + 1
    if first_error == "" then
      first_error = "HTTP " .. status .. " " .. string.sub(body or "", 1, 400):gsub("[\r\n]", " ")
    end
  end
end

-- The threads' successes, failures and first error, summed up for done(), and the fewest successes of
-- one thread (what a later run may safely send again as duplicates).
function thread_totals()
  local ok, bad, first, ok_min = 0, 0, "", nil
  for _, t in ipairs(threads) do
    local s = t:get("successes") or 0
    if ok_min == nil or s < ok_min then ok_min = s end
    ok = ok + s
    bad = bad + (t:get("failures") or 0)
    local fe = t:get("first_error") or ""
    if first == "" and fe ~= "" then first = fe end
  end
  return ok, bad, first, ok_min or 0
end
