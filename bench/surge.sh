#!/usr/bin/env bash
# Throughput of the public hot paths under load (issue #6): signing, confirming, the petition
# page, the JSON API, a surge of 10x the signing connections, and the outbox draining a backlog
# of 100,000 emails, against a baseline of PostgreSQL alone running the sign path's bare SQL.
#
#   bench/surge.sh                        # petition starts with 0 signatures
#   EXISTING=1000000 bench/surge.sh       # petition starts with 1,000,000 confirmed signatures
#   DURATION=10s bench/surge.sh           # shorter runs (default 30s per scenario)
#   HOLD=1 bench/surge.sh                 # start and seed everything, then wait (for profiling by hand)
#   WARMUP=10 bench/surge.sh              # seconds of untimed load on each path first (default 10)
#   EMAIL_SECONDS=0 bench/surge.sh        # wait for the whole email backlog to drain (default: time
#                                         # 60 s of draining and project the rest)
#
# It builds Release, starts its own throwaway PostgreSQL 15 (default durability settings: fsync
# and synchronous_commit on, as in production; pg_stat_statements loaded), an SMTP sink that
# counts mail and keeps none (bench/Petitions.Bench smtp-sink), and the app (Release dll,
# Production, Kestrel on 127.0.0.1, logging at Warning). Load comes from wrk with the Lua scripts
# in bench/surge/. After each writing scenario it checks the database against the answers wrk
# counted. It stops and removes everything it started on exit. It installs nothing: it stops
# with the command to run when a tool is missing. The report goes to stdout and to
# bench/results/surge-*/ (not committed), with wrk's and pgbench's raw output and the top
# statements from pg_stat_statements.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

DURATION=${DURATION:-30s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
SURGE_CONNECTIONS=${SURGE_CONNECTIONS:-$((CONNECTIONS * 10))}
EXISTING=${EXISTING:-0}
TOKENS=${TOKENS:-150000}
BACKLOG=${BACKLOG:-100000}
EMAIL_SECONDS=${EMAIL_SECONDS:-60}
WARMUP=${WARMUP:-10}
SLUG=surge

missing=()
command -v wrk >/dev/null 2>&1 || missing+=("wrk (apt-get install wrk)")
command -v curl >/dev/null 2>&1 || missing+=("curl (apt-get install curl)")
command -v dotnet >/dev/null 2>&1 || missing+=("the .NET 10 SDK (https://dotnet.microsoft.com/download)")
PG_BIN=$(ls -d /usr/lib/postgresql/15/bin 2>/dev/null || ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
[ -n "$PG_BIN" ] && [ -x "$PG_BIN/initdb" ] && [ -x "$PG_BIN/pgbench" ] \
  || missing+=("the PostgreSQL server and pgbench (apt-get install postgresql postgresql-contrib)")
if [ ${#missing[@]} -gt 0 ]; then
  printf 'Missing: %s\n' "${missing[@]}" >&2
  exit 1
fi

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=$ROOT/bench/results/surge-$STAMP-$EXISTING
mkdir -p "$OUT"
WORK=$(mktemp -d /tmp/petitions-surge.XXXXXX)
PGDATA=$WORK/pgdata
SOCKET=$WORK/socket
APP_PID=""
SINK_PID=""
PG_STARTED=""

pg() { # PostgreSQL refuses to run as root; as root, it runs as the postgres user.
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

cleanup() {
  set +e
  for pid in $APP_PID $SINK_PID; do
    kill "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  done
  [ -n "$PG_STARTED" ] && pg "$PG_BIN/pg_ctl" stop -D "$PGDATA" -m fast -w >/dev/null 2>&1
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

mkdir -p "$PGDATA" "$SOCKET"
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || { echo "Running as root needs a postgres user to run PostgreSQL" >&2; exit 1; }
  chmod 755 "$WORK"
  chown postgres: "$PGDATA" "$SOCKET"
fi

log "Building the app and bench/Petitions.Bench (Release)"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
dotnet build src/Petitions.Web -c Release -v quiet -nologo >/dev/null
dotnet build bench/Petitions.Bench -c Release -v quiet -nologo >/dev/null
APP_DLL=$ROOT/src/Petitions.Web/bin/Release/net10.0/Petitions.Web.dll
BENCH=(dotnet "$ROOT/bench/Petitions.Bench/bin/Release/net10.0/Petitions.Bench.dll")

log "Starting a throwaway PostgreSQL in $PGDATA"
pg "$PG_BIN/initdb" -D "$PGDATA" -U postgres --auth=trust -E UTF8 --no-locale >/dev/null
# Durability as shipped (fsync, synchronous_commit, full_page_writes on): every signature is a
# commit that waits for its WAL flush, as in production. Only sizes are raised.
pg "$PG_BIN/pg_ctl" start -D "$PGDATA" -w -t 60 -l "$PGDATA/server.log" -o "\
 -c listen_addresses='' -c unix_socket_directories='$SOCKET' -c port=5432 -c max_connections=300 \
 -c shared_buffers=512MB -c max_wal_size=8GB -c checkpoint_timeout=30min \
 -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all" >/dev/null
PG_STARTED=1
PSQL=(psql -h "$SOCKET" -U postgres -X -q -v ON_ERROR_STOP=1)
"${PSQL[@]}" -d postgres -c "CREATE DATABASE petitions_bench"
"${PSQL[@]}" -d petitions_bench -c "CREATE EXTENSION pg_stat_statements"
sql() { "${PSQL[@]}" -d petitions_bench -At -c "$1"; }
CONNECTION="Host=$SOCKET;Port=5432;Username=postgres;Database=petitions_bench"

SINK_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null || echo 2525)
"${BENCH[@]}" smtp-sink "$SINK_PORT" "$WORK/sink-count" >"$OUT/sink.log" 2>&1 &
SINK_PID=$!

export ConnectionStrings__Petitions="$CONNECTION" ASPNETCORE_ENVIRONMENT=Production App__BaseUrl=http://127.0.0.1 \
  Logging__LogLevel__Default=Warning Smtp__Host=127.0.0.1 Smtp__Port=$SINK_PORT
log "Migrating and seeding petition '$SLUG' with $EXISTING confirmed signatures"
dotnet "$APP_DLL" migrate >"$OUT/migrate.log" 2>&1
dotnet "$APP_DLL" seed-demo --petition "$SLUG" --signatures "$EXISTING" >"$OUT/seed.log" 2>&1
dotnet "$APP_DLL" seed-demo --petition pgbench --signatures 0 >>"$OUT/seed.log" 2>&1
PETITION=$(sql "SELECT id FROM petitions WHERE slug = '$SLUG'")
PGBENCH_PETITION=$(sql "SELECT id FROM petitions WHERE slug = 'pgbench'")
log "Seeding $TOKENS pending signatures with known confirmation tokens"
"${BENCH[@]}" pending "$CONNECTION" "$SLUG" "$TOKENS" "$WORK/tokens" 2>>"$OUT/seed.log"
# The abuse rules are the defaults (burst 5 a minute and 50 a day per address and petition, form
# sent back no sooner than 3 s after it was shown). They do not flag the bench's signatures: each
# request comes from its own address (X-Forwarded-For) and the form stamp is older than 3 s.
log "Abuse rules: $(sql "SELECT row_to_json(r) FROM abuse_rules r" || true)"

log "Starting the app"
(
  cd src/Petitions.Web
  exec dotnet "$APP_DLL" --urls http://127.0.0.1:0
) >"$OUT/app.log" 2>&1 &
APP_PID=$!
BASE=""
for _ in $(seq 1 120); do
  BASE=$(grep -o 'Petitions is running at http://[0-9.:]*' "$OUT/app.log" 2>/dev/null | awk '{print $NF}' || true)
  [ -n "$BASE" ] && curl -sf "$BASE/health" >/dev/null && break
  kill -0 "$APP_PID" 2>/dev/null || { cat "$OUT/app.log" >&2; exit 1; }
  sleep 0.5
done
[ -n "$BASE" ] || { echo "The app did not start:" >&2; cat "$OUT/app.log" >&2; exit 1; }

# One antiforgery cookie and form token, and one "form shown at" stamp, for every request: all
# three are reusable, as when a person keeps the page open.
curl -s -D "$WORK/form.headers" -o "$WORK/form.html" "$BASE/petitions/$SLUG"
COOKIE=$(grep -i '^set-cookie:' "$WORK/form.headers" | sed 's/^[^:]*: *//; s/;.*//' | paste -sd ';' - | sed 's/;/; /g')
FORM_TOKEN=$(grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' "$WORK/form.html" | head -1 | sed 's/.*value="//; s/"$//')
SHOWN_AT=$(grep -o 'name="Input.ShownAt" value="[^"]*"' "$WORK/form.html" | head -1 | sed 's/.*value="//; s/"$//')
[ -n "$COOKIE" ] && [ -n "$FORM_TOKEN" ] && [ -n "$SHOWN_AT" ] || { echo "Could not read the sign form" >&2; exit 1; }
export BENCH_LUA_DIR=$ROOT/bench/surge BENCH_SLUG=$SLUG BENCH_COOKIE=$COOKIE BENCH_FORM_TOKEN=$FORM_TOKEN \
  BENCH_SHOWN_AT=$SHOWN_AT BENCH_THREADS=$THREADS BENCH_TOKENS=$WORK/tokens
sleep 3.5 # the minimum fill time

# A first signature through curl proves the path and leaves an outbox row with the real email
# for pgbench to copy.
status=$(curl -s -o /dev/null -w '%{http_code}' -b "$COOKIE" -H 'X-Forwarded-For: 192.0.2.1' \
  --data-urlencode "__RequestVerificationToken=$FORM_TOKEN" --data-urlencode "Input.ShownAt=$SHOWN_AT" \
  --data-urlencode "Input.Name=First Signer" --data-urlencode "Input.Email=first@bench.example" \
  --data "Input.Country=GB&Input.City=Leeds&Input.Consent=true&Input.ShowNamePublicly=true" "$BASE/petitions/$SLUG")
[ "$status" = 302 ] || { echo "A test signature was answered $status, not 302" >&2; exit 1; }
[ "$(sql "SELECT count(*) FROM signatures WHERE email = 'first@bench.example' AND flagged_at IS NULL")" = 1 ] \
  || { echo "The test signature was not stored, or was flagged: $(sql "SELECT flag_reason FROM signatures WHERE email = 'first@bench.example'")" >&2; exit 1; }
TEMPLATE=$(sql "SELECT id FROM outbox_messages ORDER BY id DESC LIMIT 1")

if [ -n "${HOLD:-}" ]; then # keep everything running for a look by hand (profilers, wrk by hand)
  env | grep '^BENCH_' | sed 's/^/export /' >"$WORK/env.sh"
  echo "BASE=$BASE" >>"$WORK/env.sh"
  log "Holding: app pid $APP_PID at $BASE; psql -h $SOCKET -U postgres petitions_bench; wrk env in $WORK/env.sh. Ctrl-C stops."
  wait "$APP_PID"
  exit 0
fi

REPORT=$OUT/report.md
FAILED=()
declare -A R
result() { # scenario key -> fields of the RESULT line into R[scenario.field]
  local name=$1 line
  line=$(grep '^RESULT ' "$OUT/$name.wrk" | tail -1)
  [ -n "$line" ] || { echo "wrk printed no result for $name; see $OUT/$name.wrk" >&2; exit 1; }
  for kv in ${line#RESULT }; do R[$name.${kv%%=*}]=${kv#*=}; done
}

# Requests that failed inside the app, from its log. A request wrk gave up on (10 s) still runs
# and may fail later, unseen by wrk: each scenario is charged with the failures logged from its
# start to the next scenario's start.
app_failures() { grep -c 'ExceptionHandlerMiddleware\[1\]' "$OUT/app.log" || true; }
run_wrk() { # name connections script url
  local name=$1 connections=$2 script=$3 url=$4
  R[$name.load]=$(load)
  R[$name.failures_from]=$(app_failures)
  log "wrk $name: $connections connections, $DURATION (load $(load))"
  wrk -t "$THREADS" -c "$connections" -d "$DURATION" --timeout 10s --latency -s "$ROOT/bench/surge/$script" "$url" >"$OUT/$name.wrk" 2>&1
  result "$name"
  log "  $(grep '^RESULT' "$OUT/$name.wrk")"
}

reset_stats() { sql "SELECT pg_stat_statements_reset()" >/dev/null; }
top_statements() { # name: where the database time went during that scenario
  "${PSQL[@]}" -d petitions_bench -c "
    SELECT calls, round(total_exec_time::numeric, 0) AS total_ms, round(mean_exec_time::numeric, 3) AS mean_ms,
           left(regexp_replace(query, '\s+', ' ', 'g'), 160) AS query
    FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 15" >"$OUT/$1.statements"
}
api_count() { curl -s "$BASE/api/petitions/$SLUG" | grep -o '"signatureCount":[0-9]*' | cut -d: -f2; }
counted_rows() { sql "SELECT count(*) FROM signatures WHERE petition_id = $PETITION AND status = 'Confirmed' AND flagged_at IS NULL"; }
check() { # description, expected, actual
  if [ "$2" = "$3" ]; then
    log "  ok: $1 ($3)"; echo "- ok: $1: $3" >>"$OUT/checks.md"
  else
    log "  FAILED: $1: expected $2, found $3"; echo "- **FAILED**: $1: expected $2, found $3" >>"$OUT/checks.md"; FAILED+=("$1")
  fi
}
: >"$OUT/checks.md"
# wrk stops at the deadline and drops the answers of requests still in flight, at most one per
# connection: those were kept by the app but never counted as accepted. So the rows written must
# be at least the accepted answers (fewer would be a lost signature) and at most that plus the
# connections.
check_rows() { # scenario connections rows
  local accepted=${R[$1.accepted]} rows=$3
  R[$1.rows]=$rows
  R[$1.lost]=$(( accepted > rows ? accepted - rows : 0 ))
  check "$1: accepted answers whose row is missing (lost)" 0 "${R[$1.lost]}"
  if [ "$rows" -le $(( accepted + $2 )) ]; then
    check "$1: rows beyond accepted answers <= requests in flight at the deadline ($2)" ok ok
  else
    check "$1: rows beyond accepted answers <= requests in flight at the deadline ($2)" "<= $(( accepted + $2 ))" "$rows"
  fi
}
wait_for_outbox() { # until every email is sent (or 10 minutes)
  for _ in $(seq 1 600); do
    [ "$(sql "SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL AND failed_at IS NULL")" = 0 ] && return 0
    sleep 1
  done
}

# -- Baseline: PostgreSQL alone, the sign path's bare writes -----------------------------------
# One transaction: the signature row and its outbox row, with the values the app writes (the
# outbox row copies the real confirmation email sent for the test signature above), a unique
# address per transaction, as many clients as wrk has connections, prepared statements.
cat >"$WORK/sign.pgbench" <<SQL
\set r random(1, 1000000000000)
BEGIN;
INSERT INTO signatures (petition_id, name, email, normalized_email, country, city, show_name_publicly,
  wants_updates, withhold_name_from_delivery, status, signed_at, ip_address, user_agent, source, petition_version, emails_sent)
VALUES ($PGBENCH_PETITION, 'Zofia Łukasiewicz-Okonkwo', 'signer.' || :client_id || '.' || :r || '@pgbench.example',
  'signer.' || :client_id || '.' || :r || '@pgbench.example', 'GB', 'Manchester', true, true, false,
  'Pending', now(), '10.1.2.3', 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0', 'Online', 1, 1);
INSERT INTO outbox_messages (message_id, to_address, to_name, subject, text_body, html_body, created_at, attempts, next_attempt_at)
SELECT md5(random()::text) || '@pgbench.example', 'signer.' || :client_id || '.' || :r || '@pgbench.example', to_name,
  subject, text_body, html_body, now(), 0, now() + interval '1 day'
FROM outbox_messages WHERE id = $TEMPLATE;
END;
SQL
R[pgbench.load]=$(load)
log "pgbench: the sign path's two INSERTs, $CONNECTIONS clients, $DURATION (load $(load))"
reset_stats
pg "$PG_BIN/pgbench" -h "$SOCKET" -U postgres -n -M prepared -c "$CONNECTIONS" -j "$THREADS" -T "${DURATION%s}" \
  -r -P 10 -f "$WORK/sign.pgbench" petitions_bench >"$OUT/pgbench.txt" 2>&1 || { cat "$OUT/pgbench.txt" >&2; exit 1; }
top_statements pgbench
R[pgbench.tps]=$(grep -o 'tps = [0-9.]*' "$OUT/pgbench.txt" | head -1 | awk '{print $3}')
R[pgbench.latency]=$(grep -o 'latency average = [0-9.]* ms' "$OUT/pgbench.txt" | awk '{print $4}')
R[pgbench.failed]=$(grep -o 'number of failed transactions: [0-9]*' "$OUT/pgbench.txt" | awk '{print $5}')
log "  ${R[pgbench.tps]} transactions/s, ${R[pgbench.latency]} ms average"
# Its emails were written due tomorrow, so the app's sender does not work through them while
# pgbench runs; they are removed now, before the app is timed.
sql "DELETE FROM outbox_messages WHERE to_address LIKE '%@pgbench.example'" >/dev/null

# -- Warm-up (not timed) ----------------------------------------------------------------------------
# A just-started .NET process runs its first requests through the JIT and the tiered compiler's
# first, unoptimised tier; timing them would measure start-up, not the steady state a surge hits
# hours after a deploy. So each path is run for WARMUP seconds first, and the emails that wrote
# are sent before the timed scenarios start.
log "Warming up: ${WARMUP}s each of signing, the page and the API (not timed)"
BENCH_RUN=20 wrk -t "$THREADS" -c "$CONNECTIONS" -d "${WARMUP}s" -s "$ROOT/bench/surge/sign.lua" "$BASE/petitions/$SLUG" >"$OUT/warmup.wrk" 2>&1
wrk -t "$THREADS" -c "$CONNECTIONS" -d "${WARMUP}s" -s "$ROOT/bench/surge/get.lua" "$BASE/petitions/$SLUG" >>"$OUT/warmup.wrk" 2>&1
wrk -t "$THREADS" -c "$CONNECTIONS" -d "${WARMUP}s" -s "$ROOT/bench/surge/get.lua" "$BASE/api/petitions/$SLUG" >>"$OUT/warmup.wrk" 2>&1
wait_for_outbox

# -- Sign -----------------------------------------------------------------------------------------
before_rows=$(sql "SELECT count(*) FROM signatures WHERE petition_id = $PETITION")
reset_stats
BENCH_RUN=21 run_wrk sign "$CONNECTIONS" sign.lua "$BASE/petitions/$SLUG"
top_statements sign
new_rows=$(( $(sql "SELECT count(*) FROM signatures WHERE petition_id = $PETITION") - before_rows ))
check_rows sign "$CONNECTIONS" "$new_rows"
check "sign: outbox rows = new signatures" "$new_rows" "$(sql "SELECT count(*) FROM outbox_messages WHERE to_address LIKE 'signer.r21.%'")"
check "sign: flagged signatures" 0 "$(sql "SELECT count(*) FROM signatures WHERE petition_id = $PETITION AND flagged_at IS NOT NULL")"
check "sign: count on the API = counted rows" "$(counted_rows)" "$(api_count)"

# -- Confirm --------------------------------------------------------------------------------------
reset_stats
before_counted=$(counted_rows)
run_wrk confirm "$CONNECTIONS" confirm.lua "$BASE"
top_statements confirm
sleep 2
check_rows confirm "$CONNECTIONS" "$(( $(counted_rows) - before_counted ))"
check "confirm: tokens spent = newly counted rows" "$(( $(counted_rows) - before_counted ))" "$(sql "SELECT count(*) FROM confirmation_tokens WHERE used_at IS NOT NULL")"
check "confirm: count on the API = counted rows" "$(counted_rows)" "$(api_count)"
check "confirm: count on the page = counted rows" "$(counted_rows)" \
  "$(curl -s "$BASE/petitions/$SLUG" | grep -o 'tally__count[^<]*<strong>[0-9,]*' | grep -o '[0-9,]*$' | tr -d ,)"

# -- Reads ----------------------------------------------------------------------------------------
reset_stats
run_wrk page "$CONNECTIONS" get.lua "$BASE/petitions/$SLUG"
top_statements page
reset_stats
run_wrk api "$CONNECTIONS" get.lua "$BASE/api/petitions/$SLUG"
top_statements api

# -- Surge: ten times the connections ---------------------------------------------------------------
# The emails of the scenarios above are still going out meanwhile, as they would be.
before_rows=$(sql "SELECT count(*) FROM signatures WHERE petition_id = $PETITION")
reset_stats
BENCH_RUN=22 run_wrk surge "$SURGE_CONNECTIONS" sign.lua "$BASE/petitions/$SLUG"
top_statements surge
new_rows=$(( $(sql "SELECT count(*) FROM signatures WHERE petition_id = $PETITION") - before_rows ))
R[surge.rows]=$new_rows
check_rows surge "$SURGE_CONNECTIONS" "$new_rows"
# Counted by address: confirmations that wrk gave up on may still be committing their receipts.
check "surge: outbox rows = new signatures" "$new_rows" "$(sql "SELECT count(*) FROM outbox_messages WHERE to_address LIKE 'signer.r22.%'")"
check "surge: 500s" 0 "${R[surge.s5xx]}"
check "surge: 429s (each request has its own address; the flood guard must not fire)" 0 "${R[surge.s429]}"
check "surge: count on the API = counted rows" "$(counted_rows)" "$(api_count)"

# -- Email: drain a backlog ----------------------------------------------------------------------
# On top of what the scenarios above left in the outbox; every message sent in the window counts.
log "Queueing $BACKLOG emails (copies of the real confirmation email)"
sleep 1.5 # the sink writes its count every second
sent_before=$(cat "$WORK/sink-count" 2>/dev/null || echo 0)
R[email.load]=$(load)
reset_stats
sql "INSERT INTO outbox_messages (message_id, to_address, to_name, subject, text_body, html_body, created_at, attempts, next_attempt_at)
     SELECT md5(random()::text || g) || '@backlog.example', 'backlog.' || g || '@bench.example', to_name, subject, text_body,
            html_body, now(), 0, now()
     FROM outbox_messages, generate_series(1, $BACKLOG) AS g WHERE id = $TEMPLATE" >/dev/null
queued=$(date +%s.%N)
if [ "$EMAIL_SECONDS" = 0 ]; then wait_for_outbox; else sleep "$EMAIL_SECONDS"; fi
R[email.sent]=$(sql "SELECT count(*) FROM outbox_messages WHERE sent_at >= to_timestamp($queued)")
done_at=$(date +%s.%N)
top_statements email
R[email.seconds]=$(awk -v a="$queued" -v b="$done_at" 'BEGIN { printf "%.1f", b - a }')
R[email.rate]=$(awk -v n="${R[email.sent]}" -v s="${R[email.seconds]}" 'BEGIN { printf "%.1f", n / s }')
R[email.projected]=$(awk -v n="$BACKLOG" -v r="${R[email.rate]}" 'BEGIN { printf "%.0f", (r > 0 ? n / r : -1) }')
log "  ${R[email.sent]} of $BACKLOG emails sent in ${R[email.seconds]} s: ${R[email.rate]}/s (load $(load))"
sleep 1.5
R[email.sunk]=$(( $(cat "$WORK/sink-count") - sent_before ))
check "email: messages the sink received >= messages marked sent" ok "$([ "${R[email.sunk]}" -ge "${R[email.sent]}" ] && echo ok || echo "${R[email.sunk]} < ${R[email.sent]}")"
check "email: failed messages" 0 "$(sql "SELECT count(*) FROM outbox_messages WHERE failed_at IS NOT NULL")"

# -- Report -----------------------------------------------------------------------------------------
R[end.failures_from]=$(app_failures)
next=(confirm page api surge end)
i=0
for s in sign confirm page api surge; do
  R[$s.app_failures]=$(( R[${next[$i]}.failures_from] - R[$s.failures_from] ))
  i=$((i + 1))
done
ratio=$(awk -v a="${R[sign.rps]}" -v b="${R[pgbench.tps]}" 'BEGIN { printf "%.2f", a / b }')
errors() { echo $(( R[$1.non2xx3xx] + R[$1.socket_errors] )); }
{
  echo "bench/surge.sh, $(date -u +%Y-%m-%d), petition with $EXISTING existing signatures; $THREADS wrk threads, $DURATION per scenario."
  echo "$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $("$PG_BIN/postgres" --version), .NET $(dotnet --version)."
  echo
  echo "| Scenario | Connections | Requests/s | p50 ms | p99 ms | Errors | Accepted | 429 | 5xx | Failed in app log | Load average at start |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
  echo "| pgbench: sign INSERTs (DB alone) | $CONNECTIONS | $(printf %.1f "${R[pgbench.tps]}") | avg ${R[pgbench.latency]} | | ${R[pgbench.failed]:-0} | | | | | ${R[pgbench.load]} |"
  for s in sign confirm page api surge; do
    conns=$CONNECTIONS; [ $s = surge ] && conns=$SURGE_CONNECTIONS
    echo "| $s | $conns | ${R[$s.rps]} | ${R[$s.p50_ms]} | ${R[$s.p99_ms]} | $(errors $s) | ${R[$s.accepted]} | ${R[$s.s429]} | ${R[$s.s5xx]} | ${R[$s.app_failures]} | ${R[$s.load]} |"
  done
  echo
  echo "Sign throughput is $ratio of pgbench's. Rows written / accepted answers / lost: sign ${R[sign.rows]} / ${R[sign.accepted]} / ${R[sign.lost]},"
  echo "confirm ${R[confirm.rows]} / ${R[confirm.accepted]} / ${R[confirm.lost]}, surge ${R[surge.rows]} / ${R[surge.accepted]} / ${R[surge.lost]};"
  echo "in the surge ${R[surge.timeouts]} requests timed out (10 s), ${R[surge.socket_errors]} socket errors in all."
  echo "Email: of a backlog of $BACKLOG, ${R[email.sent]} sent in ${R[email.seconds]} s, ${R[email.rate]} messages/s; the whole"
  echo "backlog at that rate: ${R[email.projected]} s (load average at start ${R[email.load]})."
  echo
  echo "Checks:"
  cat "$OUT/checks.md"
} >"$REPORT"
echo
cat "$REPORT"
echo
echo "Raw output: $OUT"
[ ${#FAILED[@]} -eq 0 ] || { echo "Failed checks: ${FAILED[*]}" >&2; exit 1; }
