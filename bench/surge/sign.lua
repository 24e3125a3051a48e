-- POST the sign form as a supporter would: the antiforgery cookie and form token and the
-- protected "form shown at" stamp fetched once beforehand (all reusable), a new email address
-- on every request, and a new client address in X-Forwarded-For (the app believes it from
-- loopback, as from a reverse proxy on the same host), so that neither the flood guard nor the
-- per-address abuse rules see one client sending thousands of signatures.
--   env: BENCH_SLUG BENCH_COOKIE BENCH_FORM_TOKEN BENCH_SHOWN_AT BENCH_RUN (1..223, names this run)
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")

local counter = 0

function init(args)
  run = tonumber(os.getenv("BENCH_RUN"))
  path = "/petitions/" .. os.getenv("BENCH_SLUG")
  headers = {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = os.getenv("BENCH_COOKIE"),
    ["User-Agent"] = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
  }
  fixed = "__RequestVerificationToken=" .. urlencode(os.getenv("BENCH_FORM_TOKEN"))
    .. "&Input.ShownAt=" .. urlencode(os.getenv("BENCH_SHOWN_AT"))
    .. "&Input.Name=" .. urlencode("Zofia Łukasiewicz-Okonkwo")
    .. "&Input.Country=GB&Input.City=Manchester&Input.ShowNamePublicly=true&Input.WantsUpdates=true"
    .. "&Input.Consent=true&Input.Website="
end

function request()
  counter = counter + 1
  headers["X-Forwarded-For"] = string.format("%d.%d.%d.%d", run, id, math.floor(counter / 256) % 256, counter % 256)
  local email = string.format("signer.r%d.t%d.%d@bench.example", run, id, counter)
  return wrk.format("POST", path, headers, fixed .. "&Input.Email=" .. urlencode(email))
end

function response(status, headers, body)
  count_response(status)
end
