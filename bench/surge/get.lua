-- A plain GET of the URL given to wrk; only the summary is reported (non-2xx/3xx answers are
-- counted by wrk itself), so Lua adds nothing per request.
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
