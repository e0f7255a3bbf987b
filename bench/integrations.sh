#!/usr/bin/env bash
# Integrations under load: the thread JSON (20 posts of about 1.4 KB) read by 64 members with their session, with
# their own API keys, and through one shared key (each key counts its requests in the database: one shared key is
# one hot row); then 64 members reply to 10 hot threads with no webhook, and with a webhook that wants every new post
# (a local receiver answering 204), and how fast the deliveries drain.
# Usage: bench/integrations.sh   (needs wrk and python3)   Results: bench/integrations-results.txt
# BENCH_REUSE=yes keeps the built jar; BENCH_DURATION (default 20s) per measure.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
WORK=$ROOT/bench/target-integrations
PORT=${BENCH_PORT:-18087}
RECEIVER_PORT=$((PORT + 1))
DURATION=${BENCH_DURATION:-20s}
THREADS=1000
export BENCH_THREADS=$THREADS
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
if [ "${BENCH_REUSE:-no}" != "yes" ] || [ ! -f backend/target/ruche.jar ]; then ./mvnw -q -o package -DskipTests; fi
rm -rf "$WORK" && mkdir -p "$WORK"

# Members' own limits out of the way: this measures the server, not the anti-flood rules.
RUCHE_DATA_DIR=$WORK/data MICRONAUT_SERVER_PORT=$PORT RUCHE_RATE_LIMITS_POSTS_PER_10_MINUTES=100000000 \
  RUCHE_RATE_LIMITS_POSTS_PER_ADDRESS_10_MINUTES=100000000 \
  java -Xmx1g -jar backend/target/ruche.jar > "$WORK/ruche.log" 2>&1 &
PID=$!
python3 - "$RECEIVER_PORT" > "$WORK/receiver.log" 2>&1 <<'PY' &
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(204)
        self.end_headers()
    def log_message(self, *args):
        pass
ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Receiver).serve_forever()
PY
RECEIVER=$!
trap 'kill $PID $RECEIVER 2>/dev/null || true' EXIT
for _ in $(seq 1 180); do curl -sf "http://localhost:$PORT/health" >/dev/null && break; sleep 1; done

DB_PORT=$(grep -o 'Embedded MariaDB is running on port [0-9]*' "$WORK/ruche.log" | grep -o '[0-9]*$')
MARIADB=("$WORK/data/mariadb-server/bin/mariadb" -h127.0.0.1 -P"$DB_PORT" -uruche -p"$(cat "$WORK/data/mariadb-password")" ruche)
SEED_POST_BYTES=1400 python3 bench/seed.py "$THREADS" 20 > "$WORK/seed.sql"
python3 bench/write_seed.py "$WORK/tokens.txt" > "$WORK/write-seed.sql"
"${MARIADB[@]}" < "$WORK/seed.sql"
"${MARIADB[@]}" < "$WORK/write-seed.sql"
# One read-and-write key per member (5002..5065), with a limit no run reaches; and the first member made admin, to
# register the webhook through the API.
python3 - "$WORK/keys.txt" > "$WORK/keys.sql" <<'PY'
import hashlib, sys
keys, rows = [], []
for i in range(64):
    token = "ruche_bench" + hashlib.sha256(f"bench-key-{i}".encode()).hexdigest()[:34]
    keys.append(token)
    rows.append(f"('{hashlib.sha256(token.encode()).hexdigest()}', '{token[:12]}', 'bench {i}', 'PERSONAL', "
                f"'READ,WRITE', {5002 + i}, {5002 + i}, 1000000, NOW(6))")
print("INSERT INTO api_keys (token_hash, prefix, name, kind, scopes, member_id, created_by, rate_per_minute, "
      "created_at) VALUES\n" + ",\n".join(rows) + ";")
print("UPDATE members SET role = 'ADMIN' WHERE id = 5002;")
open(sys.argv[1], "w").write("\n".join(keys) + "\n")
PY
"${MARIADB[@]}" < "$WORK/keys.sql"
export BENCH_TOKENS=$WORK/tokens.txt BENCH_KEYS=$WORK/keys.txt
ADMIN=$(head -1 "$WORK/tokens.txt")

RESULTS=$ROOT/bench/integrations-results.txt
echo "Ruche integrations — $(date -u +%Y-%m-%dT%H:%MZ) — $(nproc) cores, -Xmx1g" > "$RESULTS"
echo "Data: $THREADS threads x 20 posts of about 1.4 KB; 64 members, each with a session and an API key" >> "$RESULTS"
run() { # name, auth(session|key|one-key|write)
  local out rps p50 p99
  out=$(BENCH_AUTH=$2 wrk -t2 -c64 -d"$DURATION" --latency -s bench/integrations.lua "http://localhost:$PORT")
  rps=$(echo "$out" | awk '/Requests\/sec/{print $2}')
  p50=$(echo "$out" | awk '$1=="50%"{print $2}')
  p99=$(echo "$out" | awk '$1=="99%"{print $2}')
  printf '%-52s 64 conn: %10s req/s   p50 %8s   p99 %8s\n' "$1" "$rps" "$p50" "$p99" | tee -a "$RESULTS"
  echo "$out" | grep -E 'Non-2xx|Socket errors' | sed 's/^/    /' | tee -a "$RESULTS" || true
}
BENCH_AUTH=session wrk -t2 -c16 -d10s -s bench/integrations.lua "http://localhost:$PORT" > /dev/null  # warm-up
run "thread JSON, member's session cookie" session
run "thread JSON, member's own API key" key
run "thread JSON, one key shared by 64 connections" one-key
run "replies (1.4 KB), no webhook" write

code=$(curl -s -o "$WORK/webhook.json" -w '%{http_code}' -X POST "http://localhost:$PORT/api/v1/admin/webhooks" \
  -H "Cookie: ruche_session=$ADMIN; XSRF-TOKEN=bench" -H 'X-XSRF-TOKEN: bench' -H 'Content-Type: application/json' \
  -d "{\"url\":\"http://127.0.0.1:$RECEIVER_PORT/hook\",\"eventTypes\":[\"post.published\"],\"includePrivate\":false,\"allowPrivateNetwork\":true}")
[ "$code" = 201 ] || { echo "could not register the webhook: $code $(cat "$WORK/webhook.json")" >&2; exit 1; }
before=$("${MARIADB[@]}" -N -e "SELECT COUNT(*) FROM posts")
run "replies (1.4 KB), a webhook wants every post" write
made=$(( $("${MARIADB[@]}" -N -e "SELECT COUNT(*) FROM posts") - before ))
start=$(date +%s.%N)
for _ in $(seq 1 600); do
  left=$("${MARIADB[@]}" -N -e "SELECT (SELECT COUNT(*) FROM jobs WHERE kind LIKE 'webhooks.%' OR kind LIKE '%webhooks.post-published%') + (SELECT COUNT(*) FROM webhook_deliveries WHERE status <> 'DELIVERED')")
  [ "$left" = 0 ] && break
  sleep 0.5
done
took=$(echo "$(date +%s.%N) - $start" | bc)
delivered=$("${MARIADB[@]}" -N -e "SELECT COUNT(*) FROM webhook_deliveries WHERE status = 'DELIVERED'")
printf 'webhook: %s posts made during the run, %s delivered; the queue was empty %.1f s after the run\n' \
  "$made" "$delivered" "$took" | tee -a "$RESULTS"
echo "Done: $RESULTS"
