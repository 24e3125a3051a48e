-- POST the confirm button for the seeded pending signatures, each token once: thread N of
-- BENCH_THREADS takes every Nth line of BENCH_TOKENS. A thread that runs out asks for /health
-- and counts it as "exhausted" (then seed more tokens).
--   env: BENCH_TOKENS BENCH_THREADS BENCH_COOKIE BENCH_FORM_TOKEN
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")

function init(args)
  local n = tonumber(os.getenv("BENCH_THREADS"))
  tokens, next_token, line = {}, 1, 0
  for token in io.lines(os.getenv("BENCH_TOKENS")) do
    if line % n == id - 1 then table.insert(tokens, token) end
    line = line + 1
  end
  headers = { ["Content-Type"] = "application/x-www-form-urlencoded", ["Cookie"] = os.getenv("BENCH_COOKIE") }
  body = "__RequestVerificationToken=" .. urlencode(os.getenv("BENCH_FORM_TOKEN"))
end

function request()
  local token = tokens[next_token]
  next_token = next_token + 1
  if token == nil then
    exhausted = exhausted + 1
    return wrk.format("GET", "/health")
  end
  return wrk.format("POST", "/confirm/" .. token, headers, body)
end

function response(status, headers, body)
  count_response(status)
end
