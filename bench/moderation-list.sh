#!/usr/bin/env bash
# How fast staff can page through a big petition's signatures.
#
# Builds the app in Release, starts a throwaway PostgreSQL (fsync off, its own socket, nothing
# listening on TCP), seeds ONE petition with COUNT signatures through bench/Petitions.Bench
# (binary COPY), signs in as an admin created there, and times the signature list page with curl:
# the first page, a page 90% of the way down by keyset, and each kind of filter. Then it runs
# EXPLAIN (ANALYZE, BUFFERS) on exactly the SQL each of those pages runs, and fails if any of them
# reads the signatures table sequentially. Everything it started is stopped and removed on exit.
#
#   bench/moderation-list.sh [COUNT=1000000] [RUNS=20]
#
# The report goes to stdout and to bench/results/ (not committed); the EXPLAIN plans sit next to it.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
COUNT=${1:-1000000}
RUNS=${2:-20}
WARMUP=3
TARGET_MS=50

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
apt_updated=""
apt_install() {
  [ -n "$apt_updated" ] || { as_root apt-get update -qq; apt_updated=1; }
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

find_pg_bin() {
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v initdb)"
  else
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
  fi
}

[ -n "$(find_pg_bin)" ] && [ -x "$(find_pg_bin)/initdb" ] || apt_install postgresql
command -v psql >/dev/null 2>&1 || apt_install postgresql-client
command -v curl >/dev/null 2>&1 || apt_install curl
command -v dotnet >/dev/null 2>&1 || { echo "The .NET 10 SDK is required: https://dotnet.microsoft.com/download" >&2; exit 1; }
PG_BIN=$(find_pg_bin)

WORK=$(mktemp -d /tmp/petitions-bench.XXXXXX)
PGDATA=$WORK/pgdata
SOCKET=$WORK/socket
APP_PID=""
PG_STARTED=""

# PostgreSQL refuses to run as root; as root, it runs as the postgres user.
pg() {
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

cleanup() {
  set +e
  if [ -n "$APP_PID" ]; then
    kill "$APP_PID" 2>/dev/null
    wait "$APP_PID" 2>/dev/null
  fi
  [ -n "$PG_STARTED" ] && pg "$PG_BIN/pg_ctl" stop -D "$PGDATA" -m immediate -w >/dev/null 2>&1
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

mkdir -p "$PGDATA" "$SOCKET"
if [ "$(id -u)" -eq 0 ]; then
  chmod 755 "$WORK"
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  chown postgres: "$PGDATA" "$SOCKET"
fi

log "Building the app and the seeder (Release)"
dotnet build src/Petitions.Web -c Release -v quiet -nologo >/dev/null
dotnet build bench/Petitions.Bench -c Release -v quiet -nologo >/dev/null

log "Starting a throwaway PostgreSQL in $PGDATA"
pg "$PG_BIN/initdb" -D "$PGDATA" -U postgres --auth=trust -E UTF8 --no-locale >/dev/null
# fsync and full-page writes off: nothing here must survive a crash. autovacuum off: the seeder
# vacuums and analyzes once, and no background work disturbs the timings.
pg "$PG_BIN/pg_ctl" start -D "$PGDATA" -w -t 60 -l "$PGDATA/server.log" -o "\
 -c listen_addresses='' -c unix_socket_directories='$SOCKET' -c port=5432 \
 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c autovacuum=off \
 -c shared_buffers=512MB -c max_wal_size=8GB -c checkpoint_timeout=30min" >/dev/null
PG_STARTED=1
PSQL=(psql -h "$SOCKET" -U postgres -X -q -v ON_ERROR_STOP=1)
"${PSQL[@]}" -d postgres -c "CREATE DATABASE petitions_bench"
CONNECTION="Host=$SOCKET;Port=5432;Username=postgres;Database=petitions_bench;Maximum Pool Size=20"
sql() { "${PSQL[@]}" -d petitions_bench -At -c "$1"; }

ADMIN="bench-admin@example.org"
PASSWORD="Bench-password-2026!"
log "Seeding one petition with $COUNT signatures"
PETITION=$(dotnet bench/Petitions.Bench/bin/Release/net10.0/Petitions.Bench.dll seed "$CONNECTION" "$COUNT" "$ADMIN" "$PASSWORD")

log "Starting the app"
(
  cd src/Petitions.Web
  export ConnectionStrings__Petitions="$CONNECTION" Database__MigrateOnStartup=false ASPNETCORE_ENVIRONMENT=Production App__BaseUrl=http://127.0.0.1 \
    Logging__LogLevel__Default=Warning
  exec dotnet bin/Release/net10.0/Petitions.Web.dll --urls http://127.0.0.1:0
) >"$WORK/app.log" 2>&1 &
APP_PID=$!
BASE=""
for _ in $(seq 1 120); do
  BASE=$(grep -o 'Petitions is running at http://[0-9.:]*' "$WORK/app.log" 2>/dev/null | awk '{print $NF}' || true)
  [ -n "$BASE" ] && curl -sf "$BASE/health" >/dev/null && break
  kill -0 "$APP_PID" 2>/dev/null || { cat "$WORK/app.log" >&2; exit 1; }
  sleep 0.5
done
[ -n "$BASE" ] || { echo "The app did not start:" >&2; cat "$WORK/app.log" >&2; exit 1; }

log "Signing in as $ADMIN at $BASE"
JAR=$WORK/cookies
curl -s -c "$JAR" -b "$JAR" "$BASE/admin/login" -o "$WORK/login.html"
TOKEN=$(grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' "$WORK/login.html" | sed 's/.*value="//; s/"$//')
STATUS=$(curl -s -c "$JAR" -b "$JAR" -o /dev/null -w '%{http_code}' \
  --data-urlencode "Input.Email=$ADMIN" --data-urlencode "Input.Password=$PASSWORD" \
  --data-urlencode "__RequestVerificationToken=$TOKEN" "$BASE/admin/login")
[ "$STATUS" = 302 ] || { echo "Sign-in failed with HTTP $STATUS" >&2; exit 1; }

# Cursors and values that exist in the seeded data. Choosing them uses OFFSET; the pages do not.
DEEP=$(sql "SELECT id FROM signatures WHERE petition_id = $PETITION ORDER BY id DESC OFFSET $((COUNT * 9 / 10)) LIMIT 1")
EMAIL=$(sql "SELECT email FROM signatures WHERE petition_id = $PETITION AND email IS NOT NULL ORDER BY id OFFSET $((COUNT / 2)) LIMIT 1")
DAY=$(sql "SELECT to_char(min(signed_at) + interval '30 days', 'YYYY-MM-DD') FROM signatures WHERE petition_id = $PETITION")
WEEK_FROM=$(sql "SELECT to_char(min(signed_at) + interval '10 days', 'YYYY-MM-DD') FROM signatures WHERE petition_id = $PETITION")
WEEK_TO=$(sql "SELECT to_char(min(signed_at) + interval '19 days', 'YYYY-MM-DD') FROM signatures WHERE petition_id = $PETITION")

SCENARIOS=(
  "First page|"
  "Deep page (90% down, keyset)|after=$DEEP"
  "Status: flagged|status=flagged"
  "Status: pending|status=pending"
  "Status: invalidated|status=invalidated"
  "Status: confirmed, deep page|status=confirmed&after=$DEEP"
  "Country: FR|country=FR"
  "Country: IS (rare)|country=IS"
  "Domain: gmail.com|domain=gmail.com"
  "Domain: org42.example (rare)|domain=org42.example"
  "CIDR 203.0.113.0/24 (bot wave, 1%)|ip=203.0.113.0/24"
  "CIDR 81.2.0.0/16 (sparse)|ip=81.2.0.0/16"
  "IP 203.0.113.77|ip=203.0.113.77"
  "Name: kowalski (common)|name=kowalski"
  "Name: thaddeus (rare)|name=thaddeus"
  "Email contains: quill|email=quill"
  "Email: exact address|email=$EMAIL"
  "Signed on one day|from=$DAY&to=$DAY"
  "Signed over ten days, weeks ago|from=$WEEK_FROM&to=$WEEK_TO"
  "Flagged in GB|status=flagged&country=GB"
)

url_of() { echo "$BASE/admin/petitions/$PETITION/signatures${1:+?$1}"; }

# nearest-rank percentile of a sorted list of numbers on stdin
percentile() { awk -v p="$1" '{ v[NR] = $1 } END { i = int(NR * p / 100 + 0.999999); if (i < 1) i = 1; printf "%.1f", v[i] }'; }
median() { awk '{ v[NR] = $1 } END { if (NR % 2) printf "%.1f", v[(NR + 1) / 2]; else printf "%.1f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

log "Warming up"
for scenario in "${SCENARIOS[@]}"; do
  for _ in $(seq 1 "$WARMUP"); do curl -s -b "$JAR" -o /dev/null "$(url_of "${scenario#*|}")"; done
done

log "Timing $RUNS requests per page"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
declare -A MEDIAN P95 ROWS
for scenario in "${SCENARIOS[@]}"; do
  name=${scenario%%|*}
  query=${scenario#*|}
  url=$(url_of "$query")
  curl -s -b "$JAR" -o "$WORK/page.html" -w '%{http_code}' "$url" >"$WORK/status"
  if [ "$(cat "$WORK/status")" != 200 ] || grep -q 'class="error-summary"' "$WORK/page.html"; then
    echo "Page '$name' did not list signatures (HTTP $(cat "$WORK/status")): $url" >&2
    exit 1
  fi
  ROWS[$name]=$(grep -c '<tr data-id=' "$WORK/page.html" || true)
  : >"$WORK/times"
  for _ in $(seq 1 "$RUNS"); do
    curl -s -b "$JAR" -o /dev/null -w '%{time_total}\n' "$url" | awk '{ printf "%.3f\n", $1 * 1000 }' >>"$WORK/times"
  done
  sort -n "$WORK/times" -o "$WORK/times"
  MEDIAN[$name]=$(median <"$WORK/times")
  P95[$name]=$(percentile 95 <"$WORK/times")
  log "  ${MEDIAN[$name]} ms median, ${P95[$name]} ms p95  $name"
done

mkdir -p bench/results
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
PLANS=bench/results/moderation-list-$STAMP-explain.txt
log "EXPLAIN (ANALYZE, BUFFERS) of each page's query"
EXPLAIN_ARGS=()
for scenario in "${SCENARIOS[@]}"; do EXPLAIN_ARGS+=("$scenario"); done
EXPLAIN_OK=1
dotnet bench/Petitions.Bench/bin/Release/net10.0/Petitions.Bench.dll explain "$CONNECTION" "$PETITION" "${EXPLAIN_ARGS[@]}" >"$PLANS" || EXPLAIN_OK=""

REPORT=bench/results/moderation-list-$STAMP.md
{
  echo "Signature list page, $COUNT signatures on one petition, $RUNS timed requests per page after $WARMUP warm-up requests"
  echo "(curl time_total over HTTP on loopback, signed in as an admin; DB = server execution time of the page's query"
  echo "under EXPLAIN ANALYZE). $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs),"
  echo "$("$PG_BIN/postgres" --version), .NET $(dotnet --version). Run on $(date -u +%Y-%m-%d); load average before"
  echo "timing $LOAD_BEFORE, after $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine shows up in the p95)."
  echo
  echo "| Page | Rows | Median ms | p95 ms | DB ms | Index used |"
  echo "|---|---:|---:|---:|---:|---|"
  for scenario in "${SCENARIOS[@]}"; do
    name=${scenario%%|*}
    info=$(grep -A1 -F "### $name: " "$PLANS" | sed -n 2p)
    db_ms=$(sed -n 's/^-- execution \([0-9.]*\) ms.*/\1/p' <<<"$info")
    indexes=$(sed -n 's/^-- execution [0-9.]* ms; indexes: \(.*\)$/\1/p' <<<"$info")
    echo "| $name | ${ROWS[$name]} | ${MEDIAN[$name]} | ${P95[$name]} | $db_ms | ${indexes:-none} |"
  done
} >"$REPORT"

echo
cat "$REPORT"
echo
echo "Plans: $PLANS"

SLOW=$(for scenario in "${SCENARIOS[@]}"; do name=${scenario%%|*}; awk -v m="${MEDIAN[$name]}" -v t=$TARGET_MS -v n="$name" 'BEGIN { if (m > t) print n }'; done)
[ -z "$SLOW" ] || echo "Over the ${TARGET_MS} ms target (median): $SLOW" >&2
[ -n "$EXPLAIN_OK" ] || { echo "A page's query reads the signatures table sequentially; see $PLANS" >&2; exit 1; }
