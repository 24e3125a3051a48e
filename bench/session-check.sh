#!/usr/bin/env bash
# What checking a staff session against its account costs.
#
# Every Staff__SessionCheckInterval (a minute by default) a staff session's security stamp is
# compared with its account's, and the session is issued again with the account's current roles.
# This measures one check: it runs the app twice (Release, zero-configuration, its own PostgreSQL
# in a temporary folder), once checking on every request (interval 0) and once never within the
# run (interval an hour), signs in with curl, and times RUNS requests that need nothing else from
# the database (GET /admin/logout, a redirect; the session is authenticated on every request).
# The difference per request is the cost of one check; the EF Core command log gives the number
# of SQL statements it runs.
#
#   bench/session-check.sh [RUNS=500]
#
# The report goes to stdout and to bench/results/session-check.txt (not committed).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-500}
OUT=bench/results
mkdir -p "$OUT"
WORK=$(mktemp -d)
APP_PID=""
cleanup() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
  [ -f "$WORK/pg/postmaster.pid" ] && pg_ctl -D "$WORK/pg" stop -m fast >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

dotnet publish src/Petitions.Web -c Release -v q -nologo -o "$WORK/app" >/dev/null
export ASPNETCORE_ENVIRONMENT=Development   # cookies without Secure, so curl sends them over http
export Database__DataDirectory="$WORK/pg"
export Logging__LogLevel__Default=Warning
PORT=5187
EMAIL=bench-admin@example.org
PASSWORD="a bench password long enough"
echo "$PASSWORD" | dotnet "$WORK/app/Petitions.Web.dll" create-admin --email "$EMAIL" >/dev/null

run() {
  local interval=$1 jar="$WORK/cookies-$1" log="$WORK/app-$1.log"
  Staff__SessionCheckInterval=$interval dotnet "$WORK/app/Petitions.Web.dll" --urls "http://127.0.0.1:$PORT" \
    --Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command=Information >"$log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 120); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/health" && break; sleep 0.5; done
  local token
  token=$(curl -s -c "$jar" -b "$jar" "http://127.0.0.1:$PORT/admin/login" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//;s/"$//')
  curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "__RequestVerificationToken=$token" \
    --data-urlencode "Input.Email=$EMAIL" --data-urlencode "Input.Password=$PASSWORD" "http://127.0.0.1:$PORT/admin/login"
  grep -q petitions.staff "$jar" || { echo "sign-in failed" >&2; exit 1; }
  for _ in $(seq 20); do curl -s -o /dev/null -c "$jar" -b "$jar" "http://127.0.0.1:$PORT/admin/logout"; done
  sleep 1
  local before after
  before=$(grep -c "Executed DbCommand" "$log" || true)
  for _ in $(seq "$RUNS"); do
    curl -s -o /dev/null -c "$jar" -b "$jar" -w '%{time_total}\n' "http://127.0.0.1:$PORT/admin/logout"
  done >"$WORK/times-$interval"
  sleep 1
  after=$(grep -c "Executed DbCommand" "$log" || true)
  kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=""
  local median mean
  median=$(sort -n "$WORK/times-$interval" | awk '{a[NR]=$1} END {print (a[int((NR+1)/2)]+a[int(NR/2)+1])/2*1000}')
  mean=$(awk '{s+=$1} END {print s/NR*1000}' "$WORK/times-$interval")
  printf '%s\t%.2f\t%.2f\t%.2f\n' "$interval" "$median" "$mean" "$(echo "($after - $before) / $RUNS" | bc -l)"
}

{
  echo "Session check cost, $RUNS requests each, $(date -u +%Y-%m-%dT%H:%MZ), load average $(cut -d' ' -f1-3 /proc/loadavg)"
  printf 'interval\tmedian ms\tmean ms\tSQL statements per request\n'
  run 00:00:00
  run 01:00:00
  run 00:00:00
  run 01:00:00
} | tee "$OUT/session-check.txt"
