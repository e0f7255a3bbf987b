#!/usr/bin/env bash
# Search benchmark: seeds 1,000,000 posts (100,000 threads x 10), measures search latency on MariaDB full-text,
# then on Elasticsearch after a full reindex (whose throughput, posts/s, it reports). Figures: bench/search-results.txt
# Needs wrk and python3. Elasticsearch: BENCH_ES_URL, or the test distribution the build unpacks under
# backend/target/elasticsearch (run ./mvnw verify once), started here (as the user ruche-es when run as root).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
WORK=$ROOT/bench/target/search
PORT=${BENCH_PORT:-18081}
THREADS=${BENCH_THREADS:-100000}
DURATION=${BENCH_DURATION:-20s}
ADMIN_PASSWORD="Bench admin 2026!"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
[ -f backend/target/ruche.jar ] || ./mvnw -q package -DskipTests
rm -rf "$WORK" && mkdir -p "$WORK"
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill $p 2>/dev/null || true; done' EXIT

start_ruche() { # $1: elasticsearch url or empty
  RUCHE_DATA_DIR=$WORK/data RUCHE_EMBEDDED_DB_BUFFER_POOL=2G MICRONAUT_SERVER_PORT=$PORT RUCHE_ELASTICSEARCH_URL=$1 RUCHE_ADMIN_EMAIL=bench@example.test \
    RUCHE_ADMIN_PASSWORD=$ADMIN_PASSWORD RUCHE_ADMIN_USERNAME=bench_admin java -Xmx2g -jar backend/target/ruche.jar \
    >> "$WORK/ruche.log" 2>&1 &
  RUCHE_PID=$!
  PIDS+=($RUCHE_PID)
  for _ in $(seq 1 180); do curl -sf "http://localhost:$PORT/health" >/dev/null && return; sleep 1; done
  echo "Ruche did not start" >&2; exit 1
}
measure() { # $1: label. One reader alone (latency), then 16 at once (throughput on this machine).
  local out rps p50 p99 c
  wrk -t1 -c4 -d5s -s bench/search.lua "http://localhost:$PORT" > /dev/null # warm-up
  for c in 1 16; do
    out=$(wrk -t"$(( c > 1 ? 2 : 1 ))" -c"$c" -d"$DURATION" --timeout 10s --latency -s bench/search.lua "http://localhost:$PORT")
    rps=$(echo "$out" | awk '/Requests\/sec/{print $2}'); p50=$(echo "$out" | awk '$1=="50%"{print $2}')
    p99=$(echo "$out" | awk '$1=="99%"{print $2}')
    printf '%-34s %2s connection(s): %9s req/s   p50 %9s   p99 %9s\n' "$1" "$c" "$rps" "$p50" "$p99" | tee -a "$RESULTS"
    echo "$out" | grep -E 'Non-2xx|Socket errors' | sed 's/^/    /' | tee -a "$RESULTS" || true
  done
}

RESULTS=$ROOT/bench/search-results.txt
echo "Ruche search benchmark — $(date -u +%Y-%m-%dT%H:%MZ) — $(nproc) cores" > "$RESULTS"

start_ruche ""
DB_PORT=$(grep -o 'Embedded MariaDB is running on port [0-9]*' "$WORK/ruche.log" | tail -1 | grep -o '[0-9]*$')
echo "Seeding $THREADS threads x 10 posts..."
SEED_START=$(date +%s)
python3 bench/seed.py "$THREADS" 10 "$ROOT/bench/target/search-words.txt" | "$WORK/data/mariadb-server/bin/mariadb" -h127.0.0.1 -P"$DB_PORT" -uroot ruche
echo "Data: $THREADS threads, $((THREADS * 10)) posts (seeded in $(( $(date +%s) - SEED_START )) s)" | tee -a "$RESULTS"
measure "MariaDB full-text: GET /api/v1/search"
kill $RUCHE_PID; wait $RUCHE_PID 2>/dev/null || true

ES_URL=${BENCH_ES_URL:-}
if [ -z "$ES_URL" ]; then
  ES_HOME=$(ls -d backend/target/elasticsearch/elasticsearch-* 2>/dev/null | head -1)
  [ -n "$ES_HOME" ] || { echo "No Elasticsearch: set BENCH_ES_URL or run ./mvnw verify once" >&2; exit 1; }
  RUN=()
  if [ "$(id -u)" = 0 ]; then
    id -u ruche-es >/dev/null 2>&1 || useradd --system --no-create-home ruche-es
    chown -R ruche-es "$ES_HOME"; RUN=(runuser -u ruche-es --)
  fi
  ES_JAVA_HOME=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")} ES_JAVA_OPTS="-Xms2g -Xmx2g" \
    "${RUN[@]}" "$ES_HOME/bin/elasticsearch" -E discovery.type=single-node -E xpack.security.enabled=false \
    -E http.port=19299 -E transport.port=0 -E path.data="$ES_HOME/bench-data" > "$WORK/es.log" 2>&1 &
  PIDS+=($!)
  ES_URL=http://127.0.0.1:19299
  for _ in $(seq 1 180); do curl -sf "$ES_URL/_cluster/health?wait_for_status=yellow&timeout=1s" >/dev/null && break; sleep 1; done
fi
start_ruche "$ES_URL"
JAR=$WORK/cookies
curl -s -c "$JAR" -b "$JAR" "http://localhost:$PORT/api/v1/session" > /dev/null
XSRF=$(awk '/XSRF-TOKEN/{print $7}' "$JAR")
curl -s -c "$JAR" -b "$JAR" -H "X-XSRF-TOKEN: $XSRF" -H 'Content-Type: application/json' \
  -d "{\"login\":\"bench_admin\",\"password\":\"$ADMIN_PASSWORD\"}" "http://localhost:$PORT/api/v1/session" > /dev/null
curl -s -c "$JAR" -b "$JAR" -H "X-XSRF-TOKEN: $XSRF" -X POST "http://localhost:$PORT/api/v1/admin/search/reindex" > /dev/null
while :; do
  STATUS=$(curl -s -b "$JAR" "http://localhost:$PORT/api/v1/admin/search/reindex")
  echo "$STATUS" | grep -q '"state":"RUNNING"' || break
  sleep 5
done
echo "Elasticsearch reindex: $(echo "$STATUS" | python3 -c 'import json,sys; s=json.load(sys.stdin); print("%d posts, %.0f posts/s, state %s" % (s["done"], s["postsPerSecond"], s["state"]))')" | tee -a "$RESULTS"
measure "Elasticsearch: GET /api/v1/search"
echo "Results written to $RESULTS"
