#!/usr/bin/env bash
# Widgets under a busy brand homepage: the latest-threads widget (cached in the node, invalidated by domain events)
# and the upcoming-events widget at 64 connections, side by side with a static file of the same server in the same
# run; the loader's size gzipped. 2,000 threads of 10 posts seeded first.
# Usage: bench/widgets.sh   (needs wrk: apt-get install wrk)   Results: bench/widgets-results.txt
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
WORK=$ROOT/bench/target-widgets
PORT=${BENCH_PORT:-18083}
DURATION=${BENCH_DURATION:-30s}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
[ -f backend/target/ruche.jar ] || ./mvnw -q package -DskipTests
rm -rf "$WORK" && mkdir -p "$WORK"
RUCHE_DATA_DIR=$WORK/data MICRONAUT_SERVER_PORT=$PORT java -Xmx1g -jar backend/target/ruche.jar > "$WORK/ruche.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf "http://localhost:$PORT/health" >/dev/null && break; sleep 1; done
DB_PORT=$(grep -o 'Embedded MariaDB is running on port [0-9]*' "$WORK/ruche.log" | grep -o '[0-9]*$')
MARIADB=("$WORK/data/mariadb-server/bin/mariadb" -h127.0.0.1 -P"$DB_PORT" -uruche -p"$(cat "$WORK/data/mariadb-password")" ruche)
python3 bench/seed.py 2000 10 > "$WORK/seed.sql"
"${MARIADB[@]}" < "$WORK/seed.sql"
"${MARIADB[@]}" -e "INSERT INTO widget_origins (origin, added_at) VALUES ('https://www.brand.example', UTC_TIMESTAMP(6))"
sleep 6

RESULTS=$ROOT/bench/widgets-results.txt
GZ=$(curl -s "http://localhost:$PORT/embed.js" | gzip -9 | wc -c)
{
  echo "Ruche widgets — $(date -u +%Y-%m-%dT%H:%MZ) — $(nproc) cores, -Xmx1g; 2,000 threads, 20,000 posts"
  echo "/embed.js: $(curl -s "http://localhost:$PORT/embed.js" | wc -c) bytes, ${GZ} bytes gzipped"
  echo
} > "$RESULTS"
run() {
  local name=$1 url=$2 out rps p50 p99
  out=$(wrk -t2 -c64 -d"$DURATION" --latency -H 'Accept: text/html' "$url")
  rps=$(echo "$out" | awk '/Requests\/sec/{print $2}')
  p50=$(echo "$out" | awk '$1=="50%"{print $2}')
  p99=$(echo "$out" | awk '$1=="99%"{print $2}')
  printf '%-48s 64 conn: %9s req/s   p50 %8s   p99 %8s   (%s bytes)\n' "$name" "$rps" "$p50" "$p99" \
    "$(curl -s -H 'Accept: text/html' "$url" | wc -c)" | tee -a "$RESULTS"
  echo "$out" | grep -E 'Non-2xx|Socket errors' | sed 's/^/    /' | tee -a "$RESULTS" || true
}
Q="origin=https%3A%2F%2Fwww.brand.example&lang=fr&theme=light"
wrk -t2 -c16 -d10s "http://localhost:$PORT/embed/latest-threads?$Q" > /dev/null  # warm-up
run "GET /embed-widget.css (static file)" "http://localhost:$PORT/embed-widget.css"
run "GET /embed/latest-threads (widget)" "http://localhost:$PORT/embed/latest-threads?$Q"
run "GET /embed/events (widget)" "http://localhost:$PORT/embed/events?$Q"
run "GET /embed/figures (widget)" "http://localhost:$PORT/embed/figures?$Q"
