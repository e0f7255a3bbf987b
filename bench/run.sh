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
# Rate limits out of the way: the write run has 64 members posting from one address as fast as they can.
RUCHE_DATA_DIR=$WORK/data MICRONAUT_SERVER_PORT=$PORT RUCHE_RATE_LIMITS_POSTS_PER_10_MINUTES=100000000 \
  RUCHE_RATE_LIMITS_REACTIONS_PER_MINUTE=100000000 RUCHE_RATE_LIMITS_POSTS_PER_ADDRESS_10_MINUTES=100000000 \
  java -Xmx1g -jar backend/target/ruche.jar > "$WORK/ruche.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf "http://localhost:$PORT/health" >/dev/null && break; sleep 1; done
DB_PORT=$(grep -o 'Embedded MariaDB is running on port [0-9]*' "$WORK/ruche.log" | grep -o '[0-9]*$')

echo "Seeding $THREADS threads x 10 posts, 64 writers and 10 hot threads..."
python3 bench/seed.py "$THREADS" 10 > "$WORK/seed.sql"
python3 bench/write_seed.py "$WORK/tokens.txt" > "$WORK/write-seed.sql"
# The embedded server asks for the generated password kept in the data folder.
MARIADB=("$WORK/data/mariadb-server/bin/mariadb" -h127.0.0.1 -P"$DB_PORT" -uruche -p"$(cat "$WORK/data/mariadb-password")" ruche)
"${MARIADB[@]}" < "$WORK/seed.sql"
"${MARIADB[@]}" < "$WORK/write-seed.sql"
export BENCH_TOKENS=$WORK/tokens.txt

# Warm-up: JIT and buffer pool.
wrk -t2 -c16 -d10s -s bench/thread.lua "http://localhost:$PORT" > /dev/null

RESULTS=$ROOT/bench/results.txt
{
  echo "Ruche benchmark — $(date -u +%Y-%m-%dT%H:%MZ) — $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB"
  echo "Data: $THREADS threads, $((THREADS * 10)) posts; thread page = 20 posts; latest list = 30 threads"
  echo "Writes: 64 signed-in members replying (1.4 KB) to 10 hot threads and liking their first posts, half and half"
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
# BENCH_READS=no measures the writes only.
if [ "${BENCH_READS:-yes}" != no ]; then
  for c in 16 64; do
    run "GET /api/v1/threads/{id}" "$c" -s bench/thread.lua "http://localhost:$PORT"
    run "GET /api/v1/threads (latest)" "$c" "http://localhost:$PORT/api/v1/threads"
  done
fi
run "POST replies + likes (10 hot)" 64 -s bench/write.lua "http://localhost:$PORT"
"${MARIADB[@]}" -N -e "SELECT CONCAT('    hot threads after the write run: ', SUM(n) - COUNT(*), ' replies, ', \
  'positions without gap or repeat: ', IF(SUM(gapless) = COUNT(*), 'yes', 'NO')) FROM (SELECT thread_id, \
  COUNT(*) AS n, MAX(position) = COUNT(*) AND COUNT(DISTINCT position) = COUNT(*) AS gapless FROM posts \
  WHERE thread_id > 900000 GROUP BY thread_id) c" | tee -a "$RESULTS"
"${MARIADB[@]}" -N -e "SELECT CONCAT('    likes counted: ', (SELECT SUM(reaction_count) FROM posts WHERE id > 9000000), \
  ' = rows: ', (SELECT COUNT(*) FROM reactions WHERE post_id > 9000000))" | tee -a "$RESULTS"
echo "Results written to $RESULTS"
