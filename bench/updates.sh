#!/usr/bin/env bash
# Sending an update to 100,000 supporters (issue #13): how fast it goes from the update starting
# to the last email arriving at an SMTP sink, the app's peak memory, and whether every supporter
# got exactly one email; then the same with the app killed (SIGKILL) halfway and restarted.
#
#   bench/updates.sh                       # 100,000 recipients, unthrottled, both scenarios
#   RECIPIENTS=20000 bench/updates.sh      # fewer recipients
#   RATE=50 bench/updates.sh               # Updates__MessagesPerSecond (default here 0: no limit)
#   KILL_AT=50 bench/updates.sh            # kill at this % of the recipients (default 50)
#   KILL_ON=sink bench/updates.sh          # ... of the emails received by the sink, rather than of
#                                          # the recipients handed to the outbox by the update job
#                                          # (KILL_ON=job, the default)
#   SCENARIOS=full bench/updates.sh        # only the first scenario (full, kill, or "full kill")
#
# It builds Release, starts its own throwaway PostgreSQL (default durability settings), an SMTP
# sink on 127.0.0.1 that keeps no mail but logs each message's arrival time, Message-ID and
# recipient (bench/Petitions.Bench smtp-sink), and the app (Release dll, Production, Kestrel on
# 127.0.0.1, logging at Warning). bench/Petitions.Bench update-seed writes one open petition with
# RECIPIENTS confirmed, counted, opted-in signers (emails unique, languages spread over the nine
# site languages, half English); update-start writes an update with a translation in each other
# language and starts it as the staff page's Send does (PetitionUpdate.StartSending), so the app's
# UpdateSender picks it up on its next poll. The app runs with Updates__PollInterval=1s (a Send
# from the staff page wakes the sender at once; the bench's separate process cannot) and leases of
# LEASE (default 15 s, instead of 2 min) so that the restarted app takes the killed one's update
# and claimed emails up within the run. Each scenario has its own update, sink and app process.
#
# "full": the rate is emails received by the sink / (last arrival - the update's published_at).
# "kill": once the update job has handed KILL_AT % of the recipients to the outbox (KILL_ON=job;
# the outbox is then behind, sending, so both the job and the outbox are killed mid-way) or the
# sink has received KILL_AT % (KILL_ON=sink; the job has usually finished by then), the app gets
# SIGKILL, is started again and finishes. In both, the sink's count must equal the recipients, update_recipients rows and the
# update's outbox rows; no signature may have two update_recipients rows nor two outbox rows, and
# no recipient may have received two different Message-IDs. A message received twice under the
# same Message-ID (the outbox's known repeat: handed to SMTP, killed before its "sent" mark) is
# counted and reported apart, and must not exceed the messages in flight at the kill.
#
# It stops by itself (each wait is bounded by TIMEOUT seconds), removes everything it started on
# exit, talks only to 127.0.0.1 and a Unix socket, and installs nothing: it stops with the command
# to run when a tool is missing. The report goes to stdout and to bench/results/updates-*/ (not
# committed) with the app's and sink's logs.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

RECIPIENTS=${RECIPIENTS:-100000}
RATE=${RATE:-0}
BATCH=${BATCH:-500}
KILL_AT=${KILL_AT:-50}
KILL_ON=${KILL_ON:-job}
LEASE=${LEASE:-00:00:15}
TIMEOUT=${TIMEOUT:-900}
SCENARIOS=${SCENARIOS:-full kill}
SLUG=updates-bench

missing=()
command -v curl >/dev/null 2>&1 || missing+=("curl (apt-get install curl)")
command -v dotnet >/dev/null 2>&1 || missing+=("the .NET 10 SDK (https://dotnet.microsoft.com/download)")
command -v psql >/dev/null 2>&1 || missing+=("psql (apt-get install postgresql-client)")
PG_BIN=$(ls -d /usr/lib/postgresql/15/bin 2>/dev/null || ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
[ -n "$PG_BIN" ] && [ -x "$PG_BIN/initdb" ] || missing+=("the PostgreSQL server (apt-get install postgresql)")
if [ ${#missing[@]} -gt 0 ]; then
  printf 'Missing: %s\n' "${missing[@]}" >&2
  exit 1
fi

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=$ROOT/bench/results/updates-$STAMP
mkdir -p "$OUT"
WORK=$(mktemp -d /tmp/petitions-updates.XXXXXX)
PGDATA=$WORK/pgdata
SOCKET=$WORK/socket
APP_PID=""
SINK_PID=""
PG_STARTED=""

pg() { # PostgreSQL refuses to run as root; as root, it runs as the postgres user.
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

stop() { # pid: TERM, then KILL after 10 s
  local pid=$1
  [ -n "$pid" ] || return 0
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  set +e
  stop "$APP_PID"
  stop "$SINK_PID"
  [ -n "$PG_STARTED" ] && pg "$PG_BIN/pg_ctl" stop -D "$PGDATA" -m fast -w >/dev/null 2>&1
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
now_ms() { date +%s%3N; }

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
pg "$PG_BIN/pg_ctl" start -D "$PGDATA" -w -t 60 -l "$PGDATA/server.log" -o "\
 -c listen_addresses='' -c unix_socket_directories='$SOCKET' -c port=5432 -c max_connections=100 \
 -c shared_buffers=512MB -c max_wal_size=8GB -c checkpoint_timeout=30min" >/dev/null
PG_STARTED=1
PSQL=(psql -h "$SOCKET" -U postgres -X -q -v ON_ERROR_STOP=1)
"${PSQL[@]}" -d postgres -c "CREATE DATABASE petitions_bench"
sql() { "${PSQL[@]}" -d petitions_bench -At -c "$1"; }
CONNECTION="Host=$SOCKET;Port=5432;Username=postgres;Database=petitions_bench"

export ConnectionStrings__Petitions="$CONNECTION" ASPNETCORE_ENVIRONMENT=Production App__BaseUrl=http://127.0.0.1 Logging__LogLevel__Default=Warning \
  Smtp__Host=127.0.0.1 Updates__MessagesPerSecond=$RATE Updates__BatchSize=$BATCH Updates__PollInterval=00:00:01 \
  Updates__Lease=$LEASE Outbox__Lease=$LEASE
log "Migrating and seeding petition '$SLUG' with $RECIPIENTS opted-in signers"
dotnet "$APP_DLL" migrate >"$OUT/migrate.log" 2>&1
seed_started=$(now_ms)
PETITION=$("${BENCH[@]}" update-seed "$CONNECTION" "$SLUG" "$RECIPIENTS" 2>"$OUT/seed.log")
log "  petition $PETITION seeded in $(( ($(now_ms) - seed_started) / 1000 )) s"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null || echo "$1"; }

start_sink() { # name
  SINK_PORT=$(free_port 2525)
  SINK_COUNT=$WORK/$1.count
  SINK_LOG=$OUT/$1.sink.tsv
  : >"$SINK_LOG"
  "${BENCH[@]}" smtp-sink "$SINK_PORT" "$SINK_COUNT" "$SINK_LOG" >"$OUT/$1.sink.out" 2>&1 &
  SINK_PID=$!
  for _ in $(seq 1 100); do [ -s "$SINK_COUNT" ] && return 0; sleep 0.1; done
  echo "The SMTP sink did not start; see $OUT/$1.sink.out" >&2
  exit 1
}
sink_count() { cat "$SINK_COUNT" 2>/dev/null || echo 0; }

start_app() { # log file
  (
    cd src/Petitions.Web
    Smtp__Port=$SINK_PORT exec dotnet "$APP_DLL" --urls http://127.0.0.1:0
  ) >>"$1" 2>&1 &
  APP_PID=$!
  local base=""
  for _ in $(seq 1 240); do
    base=$(grep -o 'Petitions is running at http://[0-9.:]*' "$1" 2>/dev/null | tail -1 | awk '{print $NF}' || true)
    [ -n "$base" ] && curl -sf "$base/health" >/dev/null && return 0
    kill -0 "$APP_PID" 2>/dev/null || { cat "$1" >&2; exit 1; }
    sleep 0.5
  done
  echo "The app did not start:" >&2
  cat "$1" >&2
  exit 1
}
hwm_kb() { awk '/^VmHWM:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }

start_update() { # title -> UPDATE, T0 (ms)
  UPDATE=$("${BENCH[@]}" update-start "$CONNECTION" "$SLUG" "$1" 2>>"$OUT/seed.log")
  T0=$(sql "SELECT (extract(epoch FROM published_at) * 1000)::bigint FROM petition_updates WHERE id = $UPDATE")
  log "  update $UPDATE started to $(sql "SELECT recipients_total FROM petition_updates WHERE id = $UPDATE") recipients"
}

# Until the sink has received every email of the update and the outbox has none left to send; 1
# when TIMEOUT passes first.
wait_done() {
  local deadline=$(( $(date +%s) + TIMEOUT )) last=-1
  while [ "$(date +%s)" -lt "$deadline" ]; do
    local count; count=$(sink_count)
    if [ "$count" -ge "$RECIPIENTS" ] && [ "$(sql "SELECT status FROM petition_updates WHERE id = $UPDATE")" = Sent ] \
      && [ "$(sql "SELECT count(*) FROM outbox_messages WHERE update_id = $UPDATE AND sent_at IS NULL AND failed_at IS NULL")" = 0 ]; then
      sleep 1.5 # the sink flushes its log every second
      return 0
    fi
    if [ $(( $(date +%s) % 10 )) = 0 ] && [ "$count" != "$last" ]; then
      log "  sink has $count; update $(sql "SELECT status || ', ' || enqueued || ' handed to the outbox' FROM petition_updates WHERE id = $UPDATE")"
      last=$count
    fi
    sleep 1
  done
  return 1
}

FAILED=()
declare -A R
check() { # scenario, description, expected, actual
  if [ "$3" = "$4" ]; then
    log "  ok: $2 ($4)"; echo "- ok: $1: $2: $4" >>"$OUT/checks.md"
  else
    log "  FAILED: $2: expected $3, found $4"; echo "- **FAILED**: $1: $2: expected $3, found $4" >>"$OUT/checks.md"; FAILED+=("$1: $2")
  fi
}
: >"$OUT/checks.md"

# The sink's log, the update's rows and their agreement. Sets R[name.*].
verify() { # name
  local s=$1 log=$SINK_LOG
  R[$s.received]=$(wc -l <"$log")
  R[$s.distinct_ids]=$(cut -f2 "$log" | sort -u | wc -l)
  R[$s.repeats]=$(( R[$s.received] - R[$s.distinct_ids] ))
  R[$s.distinct_rcpts]=$(cut -f3 "$log" | sort -u | wc -l)
  R[$s.rcpts_two_ids]=$(cut -f2,3 "$log" | sort -u | cut -f2 | sort | uniq -d | wc -l)
  R[$s.no_id]=$(awk -F'\t' '$2 == "-"' "$log" | wc -l)
  R[$s.rows]=$(sql "SELECT count(*) FROM update_recipients WHERE update_id = $UPDATE")
  R[$s.outbox]=$(sql "SELECT count(*) FROM outbox_messages WHERE update_id = $UPDATE")
  R[$s.sent]=$(sql "SELECT count(*) FROM outbox_messages WHERE update_id = $UPDATE AND sent_at IS NOT NULL")
  R[$s.failed]=$(sql "SELECT count(*) FROM outbox_messages WHERE update_id = $UPDATE AND failed_at IS NOT NULL")
  R[$s.total]=$(sql "SELECT recipients_total FROM petition_updates WHERE id = $UPDATE")
  R[$s.enqueued]=$(sql "SELECT enqueued FROM petition_updates WHERE id = $UPDATE")
  R[$s.job_s]=$(sql "SELECT round(extract(epoch FROM finished_at - published_at)::numeric, 1) FROM petition_updates WHERE id = $UPDATE")
  local last; last=$(cut -f1 "$log" | sort -n | tail -1)
  R[$s.seconds]=$(awk -v a="$T0" -v b="${last:-$T0}" 'BEGIN { printf "%.1f", (b - a) / 1000 }')
  R[$s.rate]=$(awk -v n="${R[$s.distinct_ids]}" -v s="${R[$s.seconds]}" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }')

  check "$s" "update_recipients rows = recipients" "$RECIPIENTS" "${R[$s.rows]}"
  check "$s" "update's outbox rows = update_recipients rows" "${R[$s.rows]}" "${R[$s.outbox]}"
  check "$s" "update's total and enqueued = recipients" "$RECIPIENTS $RECIPIENTS" "${R[$s.total]} ${R[$s.enqueued]}"
  check "$s" "outbox rows marked sent = outbox rows" "${R[$s.outbox]}" "${R[$s.sent]}"
  check "$s" "outbox rows failed" 0 "${R[$s.failed]}"
  check "$s" "distinct Message-IDs the sink received = recipients" "$RECIPIENTS" "${R[$s.distinct_ids]}"
  check "$s" "distinct recipients the sink received = recipients" "$RECIPIENTS" "${R[$s.distinct_rcpts]}"
  check "$s" "recipients who received two different Message-IDs" 0 "${R[$s.rcpts_two_ids]}"
  check "$s" "messages without a Message-ID" 0 "${R[$s.no_id]}"
  check "$s" "signatures with two update_recipients rows" 0 \
    "$(sql "SELECT count(*) FROM (SELECT signature_id FROM update_recipients WHERE update_id = $UPDATE GROUP BY 1 HAVING count(*) > 1) d")"
  check "$s" "addresses with two outbox rows for the update" 0 \
    "$(sql "SELECT count(*) FROM (SELECT to_address FROM outbox_messages WHERE update_id = $UPDATE GROUP BY 1 HAVING count(*) > 1) d")"
  check "$s" "update_recipients rows that are not a current recipient" 0 \
    "$(sql "SELECT count(*) FROM update_recipients r JOIN signatures s ON s.id = r.signature_id
            WHERE r.update_id = $UPDATE AND NOT (s.petition_id = $PETITION AND s.wants_updates AND s.status = 'Confirmed')")"
  # Each outbox row's Message-ID reached the sink (the sink's Message-IDs are the outbox's).
  sql "SELECT '<' || message_id || '>' FROM outbox_messages WHERE update_id = $UPDATE" | sort >"$WORK/$s.outbox-ids"
  cut -f2 "$log" | sort -u >"$WORK/$s.sink-ids"
  check "$s" "outbox Message-IDs the sink never received" 0 "$(comm -23 "$WORK/$s.outbox-ids" "$WORK/$s.sink-ids" | wc -l)"
  check "$s" "Message-IDs received that are not in the outbox" 0 "$(comm -13 "$WORK/$s.outbox-ids" "$WORK/$s.sink-ids" | wc -l)"
}

# -- full: the whole update, unthrottled (RATE) ------------------------------------------------
if [[ " $SCENARIOS " == *" full "* ]]; then
  log "Scenario full: $RECIPIENTS recipients, Updates__MessagesPerSecond=$RATE"
  start_sink full
  start_app "$OUT/full.app.log"
  R[full.load]=$(load)
  start_update "Bench update (full)"
  if ! wait_done; then
    check full "finished within $TIMEOUT s" done "not done: sink $(sink_count)"
  fi
  R[full.hwm]=$(( $(hwm_kb "$APP_PID") / 1024 ))
  R[full.load_end]=$(load)
  verify full
  R[full.warnings]=$(grep -c 'warn:' "$OUT/full.app.log" || true)
  log "  ${R[full.distinct_ids]} emails in ${R[full.seconds]} s: ${R[full.rate]}/s; peak memory ${R[full.hwm]} MB (load $(load))"
  stop "$APP_PID"; APP_PID=""
  stop "$SINK_PID"; SINK_PID=""
fi

# -- kill: SIGKILL halfway, restart, finish ------------------------------------------------------
if [[ " $SCENARIOS " == *" kill "* ]]; then
  log "Scenario kill: $RECIPIENTS recipients, SIGKILL at $KILL_AT% ($KILL_ON)"
  start_sink kill
  start_app "$OUT/kill.app.log"
  R[kill.load]=$(load)
  start_update "Bench update (kill)"
  threshold=$(( RECIPIENTS * KILL_AT / 100 ))
  deadline=$(( $(date +%s) + TIMEOUT ))
  progress() {
    if [ "$KILL_ON" = sink ]; then sink_count; else sql "SELECT enqueued FROM petition_updates WHERE id = $UPDATE"; fi
  }
  while [ "$(progress)" -lt "$threshold" ] && [ "$(date +%s)" -lt "$deadline" ]; do sleep 0.2; done
  R[kill.hwm1]=$(( $(hwm_kb "$APP_PID") / 1024 ))
  kill -9 "$APP_PID"
  wait "$APP_PID" 2>/dev/null || true
  APP_PID=""
  killed=$(now_ms)
  sleep 1.5
  R[kill.at_sink]=$(sink_count)
  R[kill.at_rows]=$(sql "SELECT count(*) FROM update_recipients WHERE update_id = $UPDATE")
  R[kill.at_enqueued]=$(sql "SELECT status || ', ' || enqueued FROM petition_updates WHERE id = $UPDATE")
  R[kill.at_sent]=$(sql "SELECT count(*) FROM outbox_messages WHERE update_id = $UPDATE AND sent_at IS NOT NULL")
  R[kill.at_claimed]=$(sql "SELECT count(*) FROM outbox_messages WHERE update_id = $UPDATE AND sent_at IS NULL AND locked_until > now()")
  # Handed to SMTP (send_started_at) but not marked sent: the messages that may go out twice.
  R[kill.in_flight]=$(sql "SELECT count(*) FROM outbox_messages WHERE update_id = $UPDATE AND send_started_at IS NOT NULL AND sent_at IS NULL")
  log "  killed at sink ${R[kill.at_sink]}, update_recipients ${R[kill.at_rows]}, update ${R[kill.at_enqueued]}, outbox sent ${R[kill.at_sent]}, claimed ${R[kill.at_claimed]}, in flight ${R[kill.in_flight]}"
  echo "--- restarted $(date -u +%H:%M:%S) ---" >>"$OUT/kill.app.log"
  start_app "$OUT/kill.app.log"
  if ! wait_done; then
    check kill "finished within $TIMEOUT s" done "not done: sink $(sink_count)"
  fi
  R[kill.hwm2]=$(( $(hwm_kb "$APP_PID") / 1024 ))
  R[kill.load_end]=$(load)
  verify kill
  last=$(cut -f1 "$SINK_LOG" | sort -n | tail -1)
  R[kill.after_kill_s]=$(awk -v a="$killed" -v b="$last" 'BEGIN { printf "%.1f", (b - a) / 1000 }')
  R[kill.resent_warnings]=$(grep -c 'may already have been delivered' "$OUT/kill.app.log" || true)
  check kill "same-Message-ID repeats <= messages in flight at the kill" ok \
    "$([ "${R[kill.repeats]}" -le "${R[kill.in_flight]}" ] && echo ok || echo "${R[kill.repeats]} > ${R[kill.in_flight]}")"
  cut -f2 "$SINK_LOG" | sort | uniq -d >"$OUT/kill.repeated-ids.txt"
  log "  repeats under the same Message-ID: ${R[kill.repeats]} (in flight at the kill: ${R[kill.in_flight]}; app warned of ${R[kill.resent_warnings]})"
  stop "$APP_PID"; APP_PID=""
  stop "$SINK_PID"; SINK_PID=""
fi

# -- Report ---------------------------------------------------------------------------------------
REPORT=$OUT/report.md
{
  echo "bench/updates.sh, $(date -u '+%Y-%m-%d %H:%M UTC'), $RECIPIENTS opted-in recipients, Updates__MessagesPerSecond=$RATE,"
  echo "Updates__BatchSize=$BATCH, leases $LEASE. $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)),"
  echo "$("$PG_BIN/postgres" --version), .NET $(dotnet --version)."
  echo
  if [ -n "${R[full.received]:-}" ]; then
    echo "| Scenario | Emails received | Distinct Message-IDs | Start to last received | Messages/s | Update job (enqueue) | Peak memory (VmHWM) | Load average start / end |"
    echo "|---|---:|---:|---:|---:|---:|---:|---|"
    echo "| full | ${R[full.received]} | ${R[full.distinct_ids]} | ${R[full.seconds]} s | ${R[full.rate]} | ${R[full.job_s]} s | ${R[full.hwm]} MB | ${R[full.load]} / ${R[full.load_end]} |"
  fi
  if [ -n "${R[kill.received]:-}" ]; then
    echo
    echo "kill (KILL_ON=$KILL_ON, KILL_AT=$KILL_AT%): SIGKILL; the sink then had ${R[kill.at_sink]} emails, update_recipients ${R[kill.at_rows]}, update"
    echo "${R[kill.at_enqueued]} handed to the outbox, outbox sent ${R[kill.at_sent]}, claimed and unsent ${R[kill.at_claimed]}, handed to SMTP"
    echo "but not marked sent ${R[kill.in_flight]}. Received in all ${R[kill.received]}, distinct Message-IDs ${R[kill.distinct_ids]},"
    echo "repeats under the same Message-ID ${R[kill.repeats]} (the app logged ${R[kill.resent_warnings]} re-send warnings); the last"
    echo "email arrived ${R[kill.after_kill_s]} s after the kill (leases $LEASE), ${R[kill.seconds]} s after the start. Peak memory"
    echo "${R[kill.hwm1]} MB before the kill, ${R[kill.hwm2]} MB after the restart. Load average ${R[kill.load]} / ${R[kill.load_end]}."
  fi
  echo
  echo "Checks:"
  cat "$OUT/checks.md"
} >"$REPORT"
echo
cat "$REPORT"
echo
echo "Raw output: $OUT"
[ ${#FAILED[@]} -eq 0 ] || { echo "Failed checks: ${FAILED[*]}" >&2; exit 1; }
