#!/usr/bin/env bash
# Measures the delivery pack's export with /usr/bin/time -v: wall time and peak memory (RSS) of
# the `export` verb for PDF and CSV, on petitions seeded with realistic signatures in every script.
#
#   bench/delivery.sh                  # 100,000 and 1,000,000 signatures
#   SIZES="100000" bench/delivery.sh   # just one size
#
# It builds Release, keeps one PostgreSQL running for all runs (its own cluster in
# .data/bench-postgres, so no figure includes starting a database), seeds each petition once
# (bench-N, N signatures), and prints a table. The verbs run as in a deployment: with a connection
# string and an SMTP host configured, so the app neither checks for its own cluster nor starts its
# in-process mail catcher (the export sends no mail). Files and logs go to bench/results/ (not
# committed). The machine's load average is printed with each run: other work slows it.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES="${SIZES:-100000 1000000}"
OUT=bench/results
mkdir -p "$OUT"
export Database__DataDirectory="$PWD/.data/bench-postgres"
export Logging__LogLevel__Default=Warning
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

command -v /usr/bin/time >/dev/null || { echo "Needs GNU time: apt-get install time" >&2; exit 1; }
dotnet build -c Release src/Petitions.Web -v q -nologo >/dev/null
APP=(dotnet src/Petitions.Web/bin/Release/net10.0/Petitions.Web.dll)

# The server owns the cluster; the verbs below find it running and use it.
"${APP[@]}" --urls http://127.0.0.1:0 >"$OUT/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  grep -q "Now listening" "$OUT/server.log" 2>/dev/null && break
  sleep 1
done
socket=$(grep -o "psql -h [^ ]*" "$OUT/server.log" | head -1 | cut -d' ' -f3)
[ -n "$socket" ] || { echo "The server did not start; see $OUT/server.log" >&2; exit 1; }
export ConnectionStrings__Petitions="Host=$socket;Port=5432;Username=postgres;Database=petitions"
export Smtp__Host=127.0.0.1

measure() { # name, then the verb and its arguments
  local name=$1; shift
  local log="$OUT/$name.time"
  local load; load=$(cut -d' ' -f1-3 /proc/loadavg)
  /usr/bin/time -v "${APP[@]}" "$@" >"$OUT/$name.out" 2>"$log"
  local wall rss took
  wall=$(grep "Elapsed (wall clock)" "$log" | awk '{print $NF}')
  rss=$(grep "Maximum resident set size" "$log" | awk '{print $NF}')
  took=$(grep -o "signatures in [0-9.]* s" "$log" | awk '{print $3}')
  printf "%-22s %12s %10s %12s   %s\n" "$name" "$took s" "$wall" "$((rss / 1024)) MB" "$load" | tee -a "$OUT/summary.txt"
}

printf "%-22s %12s %10s %12s   %s\n" "run" "export" "wall" "peak RSS" "load average (1, 5, 15 min)" | tee "$OUT/summary.txt"
for n in $SIZES; do
  slug="bench-$n"
  if [ ! -f "$Database__DataDirectory/seeded-$slug" ]; then
    "${APP[@]}" seed-demo --petition "$slug" --signatures "$n"
    touch "$Database__DataDirectory/seeded-$slug"
  fi
  rm -rf "$OUT/$slug"; mkdir -p "$OUT/$slug"
  measure "pdf-$n" export --petition "$slug" --format pdf --output "$OUT/$slug/" --volume-size 100000
  measure "csv-$n" export --petition "$slug" --format csv --output "$OUT/$slug/$slug.csv"
done
