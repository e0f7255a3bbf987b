#!/usr/bin/env bash
# The public read path under a rush: 1,000 threads of 20 posts of about 1.4 KB; a thread's JSON and its page, as a
# guest and as a signed-in member, cold (guest cache empty: a second start with no room in the cache) and warm, at
# 16 and 64 connections, beside a static file served by the same server in the same run; response sizes, plain
# and gzipped.
# Usage: bench/read-path.sh   (needs wrk: apt-get install wrk)   Results: bench/read-path-results.txt
# BENCH_REUSE=yes keeps the built jar; BENCH_DURATION (default 20s) per measure.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
WORK=$ROOT/bench/target-read-path
PORT=${BENCH_PORT:-18085}
DURATION=${BENCH_DURATION:-20s}
THREADS=1000
export BENCH_THREADS=$THREADS
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
if [ "${BENCH_REUSE:-no}" != "yes" ] || [ ! -f backend/target/ruche.jar ]; then ./mvnw -q -o package -DskipTests; fi
rm -rf "$WORK" && mkdir -p "$WORK"

start() {
  RUCHE_DATA_DIR=$WORK/data MICRONAUT_SERVER_PORT=$PORT RUCHE_GUEST_CACHE_MAX_MEGABYTES=$1 \
    java -Xmx1g -jar backend/target/ruche.jar > "$WORK/ruche-$1.log" 2>&1 &
  PID=$!
  for _ in $(seq 1 180); do curl -sf "http://localhost:$PORT/health" >/dev/null && return 0; sleep 1; done
  echo "Ruche did not start" >&2; exit 1
}
stop() { kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; }
NGINX_PID=
cleanup() { stop; [ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2>/dev/null || true; }
trap cleanup EXIT

# First start (cache off): seed, then measure cold.
start 0
DB_PORT=$(grep -o 'Embedded MariaDB is running on port [0-9]*' "$WORK/ruche-0.log" | grep -o '[0-9]*$')
MARIADB=("$WORK/data/mariadb-server/bin/mariadb" -h127.0.0.1 -P"$DB_PORT" -uruche -p"$(cat "$WORK/data/mariadb-password")" ruche)
SEED_POST_BYTES=1400 python3 bench/seed.py "$THREADS" 20 > "$WORK/seed.sql"
python3 bench/write_seed.py "$WORK/tokens.txt" > "$WORK/write-seed.sql"
"${MARIADB[@]}" < "$WORK/seed.sql"
"${MARIADB[@]}" < "$WORK/write-seed.sql"
export BENCH_TOKENS=$WORK/tokens.txt
TOKEN=$(head -1 "$WORK/tokens.txt")
# The static file: the built asset closest to 20 KB (a script chunk), served by the same server.
STATIC=/$(unzip -l backend/target/ruche.jar 'public/assets/*' | awk 'NF==4 && $1>0 {d=$1-20000; if (d<0) d=-d; print d, $4}' \
  | sort -n | head -1 | awk '{print $2}' | sed 's#^public/##')

# The same 20 KB file served by nginx, when nginx is on the machine (apt-get install nginx): what the machine can
# serve at all, the yardstick of the issue's goals.
NGINX_PORT=$((PORT + 1))
if command -v nginx >/dev/null || [ -x /usr/sbin/nginx ]; then
  mkdir -p "$WORK/nginx/www/assets" "$WORK/nginx/logs"
  unzip -p backend/target/ruche.jar "public$STATIC" > "$WORK/nginx/www$STATIC"
  cat > "$WORK/nginx/nginx.conf" <<NGINX
worker_processes auto;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  gzip on; gzip_types application/javascript text/css;
  server { listen 127.0.0.1:$NGINX_PORT; root $WORK/nginx/www; }
}
NGINX
  $(command -v nginx || echo /usr/sbin/nginx) -c "$WORK/nginx/nginx.conf" -g 'daemon off;' &
  NGINX_PID=$!
  sleep 1
fi

RESULTS=$ROOT/bench/read-path-results.txt
size() { # plain and gzip bytes of one answer
  local plain gz
  plain=$(curl -s -H "Accept: $2" "http://localhost:$PORT$1" | wc -c)
  gz=$(curl -s -H "Accept: $2" -H 'Accept-Encoding: gzip' "http://localhost:$PORT$1" | wc -c)
  echo "$plain B, $gz B gzip"
}
{
  echo "Ruche public read path — $(date -u +%Y-%m-%dT%H:%MZ) — $(nproc) cores, -Xmx1g"
  echo "Data: $THREADS threads x 20 posts of about 1.4 KB (seed.py with SEED_POST_BYTES=1400)"
  echo "Sizes: thread JSON $(size /api/v1/threads/100001?limit=20 application/json); thread page $(size /t/100001 text/html);"
  echo "       static file $STATIC $(size "$STATIC" text/css)"
  echo
} > "$RESULTS"

run() { # name, connections, kind(json|html|shared|me|static|nginx), member(yes|no)
  local name=$1 conns=$2 kind=$3 member=$4 out rps p50 p99 url
  if [ "$kind" = nginx ]; then
    [ -n "$NGINX_PID" ] || return 0
    out=$(wrk -t2 -c"$conns" -d"$DURATION" --latency -H 'Accept-Encoding: gzip' "http://127.0.0.1:$NGINX_PORT$STATIC")
  elif [ "$kind" = static ]; then
    out=$(wrk -t2 -c"$conns" -d"$DURATION" --latency -H 'Accept-Encoding: gzip' "http://localhost:$PORT$STATIC")
  else
    out=$(BENCH_KIND=$kind BENCH_MEMBER=$member wrk -t2 -c"$conns" -d"$DURATION" --latency -s bench/read-path.lua \
      "http://localhost:$PORT")
  fi
  rps=$(echo "$out" | awk '/Requests\/sec/{print $2}')
  p50=$(echo "$out" | awk '$1=="50%"{print $2}')
  p99=$(echo "$out" | awk '$1=="99%"{print $2}')
  printf '%-46s %3s conn: %10s req/s   p50 %8s   p99 %8s\n' "$name" "$conns" "$rps" "$p50" "$p99" | tee -a "$RESULTS"
  echo "$out" | grep -E 'Non-2xx|Socket errors' | sed 's/^/    /' | tee -a "$RESULTS" || true
}

wrk -t2 -c16 -d10s -s bench/read-path.lua "http://localhost:$PORT" > /dev/null  # warm-up: JIT, buffer pool
echo "Cold: the guest cache has no room (every answer built from the database)" | tee -a "$RESULTS"
for c in 16 64; do
  run "static file (nginx)" "$c" nginx no
  run "static file (same server)" "$c" static no
  run "guest thread JSON, cold" "$c" json no
  run "guest thread page (HTML), cold" "$c" html no
done
stop

start 128
echo | tee -a "$RESULTS"
echo "Warm: guest cache on (every thread read once first)" | tee -a "$RESULTS"
for id in $(seq 100001 $((100000 + THREADS))); do
  curl -s -o /dev/null -H 'Accept-Encoding: gzip' "http://localhost:$PORT/api/v1/threads/$id?limit=20"
  curl -s -o /dev/null -H 'Accept-Encoding: gzip' -H 'Accept: text/html' -H 'Accept-Language: fr' "http://localhost:$PORT/t/$id"
done
wrk -t2 -c16 -d10s -s bench/read-path.lua "http://localhost:$PORT" > /dev/null  # warm-up
for c in 16 64; do
  run "static file (nginx)" "$c" nginx no
  run "static file (same server)" "$c" static no
  run "guest thread JSON, warm" "$c" json no
  run "guest thread page (HTML), warm" "$c" html no
  run "member thread page (HTML), warm" "$c" html yes
  run "member: shared page JSON (cached)" "$c" shared yes
  run "member: own part (/me, rights and reactions)" "$c" me yes
  run "member: whole page JSON in one (no cache)" "$c" json yes
done

echo "Done: $RESULTS"
