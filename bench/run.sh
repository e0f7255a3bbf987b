#!/usr/bin/env bash
# Benchmark: seeds 2,000 threads and 20,000 posts into a fresh Ruche on its embedded MariaDB, then measures the
# thread page and the latest-threads list with wrk at 16 and 64 connections, 30 s each.
# Usage: bench/run.sh   (needs wrk and python3: apt-get install wrk). Results: bench/results.txt
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
WORK=$ROOT/bench/target
PORT=${BENCH_PORT:-18080}
DURATION=${BENCH_DURATION:-30s}
THREADS=${BENCH_THREADS:-2000}
export BENCH_THREADS=$THREADS
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

[ -f backend/target/ruche.jar ] || ./mvnw -q package -DskipTests
rm -rf "$WORK" && mkdir -p "$WORK"
RUCHE_DATA_DIR=$WORK/data MICRONAUT_SERVER_PORT=$PORT java -Xmx2g -jar backend/target/ruche.jar > "$WORK/ruche.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf "http://localhost:$PORT/health" >/dev/null && break; sleep 1; done
DB_PORT=$(grep -o 'Embedded MariaDB is running on port [0-9]*' "$WORK/ruche.log" | grep -o '[0-9]*$')

echo "Seeding $THREADS threads x 10 posts..."
python3 bench/seed.py "$THREADS" 10 > "$WORK/seed.sql"
"$WORK/data/mariadb-server/bin/mariadb" -h127.0.0.1 -P"$DB_PORT" -uroot ruche < "$WORK/seed.sql"

# Warm-up: JIT and buffer pool.
wrk -t2 -c16 -d10s -s bench/thread.lua "http://localhost:$PORT" > /dev/null

RESULTS=$ROOT/bench/results.txt
{
  echo "Ruche benchmark — $(date -u +%Y-%m-%dT%H:%MZ) — $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB"
  echo "Data: $THREADS threads, $((THREADS * 10)) posts; thread page = 20 posts; latest list = 30 threads"
  echo
} > "$RESULTS"
run() {
  local name=$1 connections=$2 shift_args=("${@:3}")
  local out
  out=$(wrk -t2 -c"$connections" -d"$DURATION" --latency "${shift_args[@]}")
  local rps p50 p99
  rps=$(echo "$out" | awk '/Requests\/sec/{print $2}')
  p50=$(echo "$out" | awk '$1=="50%"{print $2}')
  p99=$(echo "$out" | awk '$1=="99%"{print $2}')
  printf '%-28s %4s connections: %10s req/s   p50 %8s   p99 %8s\n' "$name" "$connections" "$rps" "$p50" "$p99" | tee -a "$RESULTS"
  echo "$out" | grep -E 'Non-2xx|Socket errors' | sed 's/^/    /' | tee -a "$RESULTS" || true
}
for c in 16 64; do
  run "GET /api/v1/threads/{id}" "$c" -s bench/thread.lua "http://localhost:$PORT"
  run "GET /api/v1/threads (latest)" "$c" "http://localhost:$PORT/api/v1/threads"
done
echo "Results written to $RESULTS"
