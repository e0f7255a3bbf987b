#!/usr/bin/env bash
# Analytics at scale: one year of activity for 100,000 members — 1,000,000 posts (100,000 threads, 900,000 replies),
# 1,000,000 reactions, 1,800,000 visits, 10,000,000 page views (40 % by members, 5 % widget views), 200,000
# searches, 5,000 flags — in 5 groups and 8 categories; then every day of the year rolled up (a fresh install
# upgrading, the worst case), timed from the rollups' own "as of" instants, with the peak heap from the GC log; then
# the dashboard API at 16 connections (the overview, which reads rollups only, and the whole dashboard's reports), and
# the page-view beacon at 64 connections while the thread page (20 posts of about 1.4 KB) is read at 64 too.
# Usage: bench/analytics.sh   (needs wrk: apt-get install wrk)   Results: bench/analytics-results.txt
# BENCH_REUSE=yes measures the HTTP part again on the data and rollups of the previous run (keeping its figures).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
WORK=$ROOT/bench/target-analytics
PORT=${BENCH_PORT:-18082}
DURATION=${BENCH_DURATION:-30s}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
[ -f backend/target/ruche.jar ] || ./mvnw -q package -DskipTests
REUSE=${BENCH_REUSE:-no}
[ "$REUSE" = yes ] && [ -d "$WORK/data" ] || { REUSE=no; rm -rf "$WORK" && mkdir -p "$WORK"; }
# The beacon's per-address limit is kept: each wrk request comes "from" its own address (X-Forwarded-For from the
# loopback, a trusted proxy), as guests do.
RUCHE_DATA_DIR=$WORK/data MICRONAUT_SERVER_PORT=$PORT RUCHE_ANALYTICS_ROLLUP_INTERVAL=20s \
  java -Xmx1g -Xlog:gc:file="$WORK/gc.log" -jar backend/target/ruche.jar > "$WORK/ruche.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf "http://localhost:$PORT/health" >/dev/null && break; sleep 1; done
DB_PORT=$(grep -o 'Embedded MariaDB is running on port [0-9]*' "$WORK/ruche.log" | grep -o '[0-9]*$')
MARIADB=("$WORK/data/mariadb-server/bin/mariadb" -h127.0.0.1 -P"$DB_PORT" -uruche -p"$(cat "$WORK/data/mariadb-password")" ruche)
now() { date +%s.%N; }
since() { python3 -c "print(f'{$(now) - $1:.1f}')"; }

if [ "$REUSE" = no ]; then
echo "Seeding the thread pages (500 threads of 20 posts) and a year of activity..."
python3 bench/seed.py 500 20 > "$WORK/seed.sql"
"${MARIADB[@]}" < "$WORK/seed.sql"
t=$(now)
"${MARIADB[@]}" <<'SQL'
SET FOREIGN_KEY_CHECKS=0;
SET @y0 = UTC_TIMESTAMP(6) - INTERVAL 365 DAY;
INSERT INTO members (id, username, email, password_hash, display_name, bio, role, created_at, email_verified_at)
  SELECT 200000 + seq, CONCAT('am', seq), CONCAT('am', seq, '@bench.invalid'), 'x', CONCAT('Analytics ', seq), '',
         'MEMBER', @y0 + INTERVAL (seq * 315) SECOND, UTC_TIMESTAMP(6) FROM seq_1_to_100000;
INSERT INTO member_groups (id, name, description, created_at)
  SELECT 500 + seq, CONCAT('Bench group ', seq), '', UTC_TIMESTAMP(6) FROM seq_1_to_5;
INSERT INTO group_memberships (group_id, member_id, added_at)
  SELECT 501 + (seq MOD 5), 200000 + seq, UTC_TIMESTAMP(6) FROM seq_1_to_100000;
INSERT INTO analytics_members (member_id, signed_up_at, signup_month, first_post_at, staff)
  SELECT 200000 + seq, @y0 + INTERVAL (seq * 315) SECOND, DATE_FORMAT(@y0 + INTERVAL (seq * 315) SECOND, '%Y-%m'),
         IF(seq MOD 5 < 2, @y0 + INTERVAL (seq * 315 + (seq MOD 30) * 86400) SECOND, NULL), FALSE FROM seq_1_to_100000;
INSERT INTO analytics_facts (kind, fact_key, member_id, staff, at)
  SELECT 'SIGNUP', CONCAT('member:', 200000 + seq), 200000 + seq, FALSE, @y0 + INTERVAL (seq * 315) SECOND
  FROM seq_1_to_100000;
COMMIT;
-- Activity is skewed like a real community's: a few members write most (member = cube of a uniform draw).
INSERT INTO analytics_facts (kind, fact_key, member_id, staff, category_id, thread_id, at)
  SELECT 'THREAD', CONCAT('thread:', seq), 200001 + FLOOR(POW(RAND(seq), 3) * 100000), FALSE, 1001 + seq MOD 8,
         100001 + seq MOD 500, @y0 + INTERVAL (seq * 315) SECOND FROM seq_1_to_100000;
COMMIT;
INSERT INTO analytics_facts (kind, fact_key, member_id, staff, category_id, thread_id, at)
  SELECT 'REPLY', CONCAT('post:', seq), 200001 + FLOOR(POW(RAND(seq + 7), 3) * 100000), FALSE, 1001 + seq MOD 8,
         100001 + seq MOD 500, @y0 + INTERVAL (seq * 35) SECOND FROM seq_1_to_900000;
COMMIT;
INSERT INTO analytics_facts (kind, fact_key, member_id, staff, category_id, thread_id, at)
  SELECT 'REACTION', CONCAT('r:', seq), 200001 + FLOOR(POW(RAND(seq + 11), 2) * 100000), FALSE, 1001 + seq MOD 8,
         100001 + seq MOD 500, @y0 + INTERVAL (seq * 31.5) SECOND FROM seq_1_to_1000000;
COMMIT;
INSERT INTO analytics_facts (kind, fact_key, member_id, staff, at)
  SELECT 'VISIT', CONCAT('v:', seq), 200001 + FLOOR(POW(RAND(seq + 13), 2) * 100000), FALSE,
         @y0 + INTERVAL (seq * 17.5) SECOND FROM seq_1_to_1800000;
COMMIT;
INSERT INTO analytics_facts (kind, fact_key, member_id, staff, detail, amount, at)
  SELECT 'SEARCH', CONCAT('s:', seq), IF(seq MOD 2 = 0, 200001 + seq MOD 100000, NULL), FALSE,
         ELT(1 + seq MOD 12, 'export csv', 'invoice', 'facture', 'mobile app', 'password reset', 'sso',
             'api key', 'dark mode', 'webinar replay', 'pricing', 'intégration slack', 'offline mode'),
         IF(seq MOD 12 >= 10, 0, 1 + seq MOD 40), @y0 + INTERVAL (seq * 157.5) SECOND FROM seq_1_to_200000;
INSERT INTO analytics_facts (kind, fact_key, member_id, staff, category_id, at)
  SELECT 'FLAG', CONCAT('f:', seq), 200001 + seq * 13 MOD 100000, FALSE, 1001 + seq MOD 8,
         @y0 + INTERVAL (seq * 6300) SECOND FROM seq_1_to_5000;
INSERT INTO analytics_flag_reviews (post_id, category_id, flagged_at, resolved_at)
  SELECT 50000000 + seq, 1001 + seq MOD 8, @y0 + INTERVAL (seq * 6300) SECOND,
         IF(seq MOD 50 = 0, NULL, @y0 + INTERVAL (seq * 6300 + 600 + (seq MOD 97) * 300) SECOND) FROM seq_1_to_5000;
INSERT INTO analytics_threads (thread_id, category_id, author_id, author_staff, created_at, first_response_at,
                               first_staff_response_at, qa, solved_at)
  SELECT 60000000 + seq, 1001 + seq MOD 8, 200001 + seq MOD 100000, FALSE, @y0 + INTERVAL (seq * 315) SECOND,
         IF(seq MOD 10 = 0, NULL, @y0 + INTERVAL (seq * 315 + (seq MOD 37) * (seq MOD 41) * 60) SECOND),
         IF(seq MOD 3 = 0, @y0 + INTERVAL (seq * 315 + 7200) SECOND, NULL), seq MOD 8 = 0,
         IF(seq MOD 16 = 0, @y0 + INTERVAL (seq * 315 + 86400) SECOND, NULL) FROM seq_1_to_100000;
COMMIT;
SQL
for k in 0 1 2 3 4 5 6 7 8 9; do
  "${MARIADB[@]}" <<SQL
SET @y0 = UTC_TIMESTAMP(6) - INTERVAL 365 DAY;
INSERT INTO analytics_facts (kind, fact_key, member_id, staff, visitor, source, referrer_host, at)
  SELECT 'PAGE_VIEW', CONCAT('pv:', $k * 1000000 + seq),
         IF(seq MOD 5 < 2, 200001 + FLOOR(POW(RAND(seq + $k), 2) * 100000), NULL), FALSE,
         IF(seq MOD 5 < 2, NULL, LEFT(MD5(CONCAT(seq MOD 400000, '-', $k)), 16)),
         IF(seq MOD 20 = 0, 'embed', 'forum'),
         IF(seq MOD 10 = 1, ELT(1 + seq MOD 5, 'www.google.com', 'www.linkedin.com', 'news.ycombinator.com',
                                 'www.example-brand.com', 'duckduckgo.com'), NULL),
         @y0 + INTERVAL (($k * 1000000 + seq) * 3.1536) SECOND FROM seq_1_to_1000000;
COMMIT;
SQL
done
"${MARIADB[@]}" -e "INSERT INTO analytics_days (day, dirty) SELECT DATE(UTC_TIMESTAMP() - INTERVAL seq DAY), TRUE
  FROM seq_0_to_366 ON DUPLICATE KEY UPDATE dirty = TRUE"
SEED=$(since "$t")
FACTS=$("${MARIADB[@]}" -N -e "SELECT COUNT(*) FROM analytics_facts")
MARKED=$("${MARIADB[@]}" -N -e "SELECT DATE_FORMAT(UTC_TIMESTAMP(6), '%Y-%m-%d %H:%i:%s.%f')")

echo "Rolling up the year (the scheduled pass every 20 s picks up the dirty days)..."
t=$(now)
for _ in $(seq 1 5400); do
  left=$("${MARIADB[@]}" -N -e "SELECT COUNT(*) FROM analytics_days WHERE dirty")
  [ "$left" = 0 ] && break
  sleep 2
done
WALL=$(since "$t")
ROLL=$("${MARIADB[@]}" -N -e "SELECT COUNT(*), TIMESTAMPDIFF(MICROSECOND, MIN(rolled_at), MAX(rolled_at)) / 1e6
  FROM analytics_days WHERE rolled_at > '$MARKED'")
DAYS=$(echo "$ROLL" | awk '{print $1}')
SECONDS_ROLL=$(echo "$ROLL" | awk '{printf "%.1f", $2}')
PER_DAY=$(python3 -c "print(f'{$SECONDS_ROLL / max(1, $DAYS - 1):.2f}')")
ROWS=$("${MARIADB[@]}" -N -e "SELECT COUNT(*) FROM analytics_daily")
PEAK=$(grep -o '[0-9]*M->' "$WORK/gc.log" | sed 's/M->//' | sort -n | tail -1)
fi

# An admin for the dashboard.
rm -f "$WORK/jar"
curl -s -c "$WORK/jar" "http://localhost:$PORT/api/v1/session" > /dev/null
XSRF=$(grep XSRF-TOKEN "$WORK/jar" | awk '{print $7}')
curl -s -b "$WORK/jar" -c "$WORK/jar" -H "X-XSRF-TOKEN: $XSRF" -H 'Content-Type: application/json' \
  -X POST "http://localhost:$PORT/api/v1/setup" \
  -d '{"username":"benchadmin","email":"admin@bench.invalid","password":"Bench admin password 2026"}' > /dev/null
if [ "$REUSE" = yes ]; then
  curl -s -b "$WORK/jar" -c "$WORK/jar" -H "X-XSRF-TOKEN: $XSRF" -H 'Content-Type: application/json' \
    -X POST "http://localhost:$PORT/api/v1/session" \
    -d '{"login":"benchadmin","password":"Bench admin password 2026"}' > /dev/null
fi
export BENCH_SESSION=$(grep ruche_session "$WORK/jar" | awk '{print $7}')
export BENCH_TO=$(date -u +%Y-%m-%d) BENCH_FROM=$(date -u -d '27 days ago' +%Y-%m-%d)
export BENCH_YEAR_FROM=$(date -u -d '364 days ago' +%Y-%m-%d)

RESULTS=$ROOT/bench/analytics-results.txt
if [ "$REUSE" = yes ]; then
  head -6 "$RESULTS" > "$WORK/header.txt"
  { cat "$WORK/header.txt"; echo "HTTP part measured again on $(date -u +%Y-%m-%dT%H:%MZ) on the same data:"; echo; } > "$RESULTS"
else
{
  echo "Ruche analytics at scale — $(date -u +%Y-%m-%dT%H:%MZ) — $(nproc) cores, -Xmx1g"
  echo "Data: 100,000 members in 5 groups, 1,000,000 posts, 1,000,000 reactions, 1,800,000 visits,"
  echo "      10,000,000 page views, 200,000 searches over one year: ${FACTS} facts (seeded in ${SEED} s)"
  echo "Rollup of the whole year (${DAYS} days, ${ROWS} rollup rows): ${SECONDS_ROLL} s, ${PER_DAY} s per day"
  echo "      (the nightly work is yesterday's last pass and today's refresh: about two days' worth); wall ${WALL} s"
  echo "Peak heap in the GC log: ${PEAK} MB before a collection"
  echo
} > "$RESULTS"
fi
run() {
  local name=$1 connections=$2 shift_args=("${@:3}")
  local out rps p50 p99
  out=$(wrk -t2 -c"$connections" -d"$DURATION" --latency "${shift_args[@]}")
  rps=$(echo "$out" | awk '/Requests\/sec/{print $2}')
  p50=$(echo "$out" | awk '$1=="50%"{print $2}')
  p99=$(echo "$out" | awk '$1=="99%"{print $2}')
  printf '%-44s %3s conn: %9s req/s   p50 %8s   p99 %8s\n' "$name" "$connections" "$rps" "$p50" "$p99" | tee -a "$RESULTS"
  echo "$out" | grep -E 'Non-2xx|Socket errors' | sed 's/^/    /' | tee -a "$RESULTS" || true
}
wrk -t2 -c16 -d10s -s bench/analytics-dashboard.lua "http://localhost:$PORT" > /dev/null  # warm-up
BENCH_RANGE=month run "GET overview, 28 days (rollups only)" 16 -s bench/analytics-dashboard.lua "http://localhost:$PORT"
BENCH_RANGE=year run "GET overview, 365 days (rollups only)" 16 -s bench/analytics-dashboard.lua "http://localhost:$PORT"
BENCH_RANGE=all run "GET every report of the dashboard, 28 days" 16 -s bench/analytics-dashboard.lua "http://localhost:$PORT"
# The beacon and the thread page at the same time, 64 connections each.
BEFORE=$("${MARIADB[@]}" -N -e "SELECT COUNT(*) FROM analytics_facts WHERE kind = 'PAGE_VIEW'")
wrk -t2 -c64 -d"$DURATION" --latency -s bench/thread.lua "http://localhost:$PORT" > "$WORK/thread-beside.txt" &
THREAD_PID=$!
BENCH_THREADS=500 run "POST /api/v1/analytics/view (guests)" 64 -s bench/analytics-beacon.lua "http://localhost:$PORT"
wait $THREAD_PID
AFTER=$("${MARIADB[@]}" -N -e "SELECT COUNT(*) FROM analytics_facts WHERE kind = 'PAGE_VIEW'")
printf '%-44s %3s conn: %9s req/s   p50 %8s   p99 %8s   (at the same time)\n' "GET /api/v1/threads/{id} beside the beacon" 64 \
  "$(awk '/Requests\/sec/{print $2}' "$WORK/thread-beside.txt")" "$(awk '$1=="50%"{print $2}' "$WORK/thread-beside.txt")" \
  "$(awk '$1=="99%"{print $2}' "$WORK/thread-beside.txt")" | tee -a "$RESULTS"
echo "Page views recorded during the beacon run: $((AFTER - BEFORE))" | tee -a "$RESULTS"
