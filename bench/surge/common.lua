-- Shared by the wrk scripts of bench/surge.sh. Each thread counts the answers it gets by kind;
-- done() sums them over the threads and prints one RESULT line for the script to parse.
threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function urlencode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

accepted, s429, s5xx, other, exhausted = 0, 0, 0, 0, 0

-- Accepted is the answer a supporter gets when the write was kept: a redirect (302).
function count_response(status)
  if status == 302 then accepted = accepted + 1
  elseif status == 429 then s429 = s429 + 1
  elseif status >= 500 then s5xx = s5xx + 1
  else other = other + 1 end
end

function done(summary, latency, requests)
  local totals = { accepted = 0, s429 = 0, s5xx = 0, other = 0, exhausted = 0 }
  for _, thread in ipairs(threads) do
    for key, _ in pairs(totals) do totals[key] = totals[key] + (thread:get(key) or 0) end
  end
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "RESULT requests=%d seconds=%.1f rps=%.1f p50_ms=%.1f p99_ms=%.1f max_ms=%.1f non2xx3xx=%d socket_errors=%d timeouts=%d accepted=%d s429=%d s5xx=%d other=%d exhausted=%d\n",
    summary.requests, seconds, summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, e.status, e.connect + e.read + e.write + e.timeout, e.timeout,
    totals.accepted, totals.s429, totals.s5xx, totals.other, totals.exhausted))
end
