#!/usr/bin/env bash
# Badges at scale: 100,000 members and 1,000,000 posts (100,000 threads of 10), then the history seeding the V8
# migration does, a backfill of one built-in badge over every member, and the nightly pass (anniversaries, and
# trust level 3 checked for 10,000 members). Reports times and the heap after each step (from the GC log).
# The backfill grants "first post" to every member, so it measures grants and their grouped notifications too.
# Usage: bench/badges.sh   Results: bench/badges-results.txt
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=$PWD/bench/target-badges
PORT=${BENCH_PORT:-18081}
[ -f backend/target/ruche.jar ] || ./mvnw -q package -DskipTests
rm -rf "$WORK" && mkdir -p "$WORK"
RUCHE_DATA_DIR=$WORK/data MICRONAUT_SERVER_PORT=$PORT java -Xmx1g -Xlog:gc:file="$WORK/gc.log" \
  -jar backend/target/ruche.jar > "$WORK/ruche.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf "http://localhost:$PORT/health" >/dev/null && break; sleep 1; done
DB_PORT=$(grep -o 'Embedded MariaDB is running on port [0-9]*' "$WORK/ruche.log" | grep -o '[0-9]*$')
MARIADB=("$WORK/data/mariadb-server/bin/mariadb" -h127.0.0.1 -P"$DB_PORT" -uruche -p"$(cat "$WORK/data/mariadb-password")" ruche)
now() { date +%s.%N; }
since() { python3 -c "print(f'{$(now) - $1:.1f}')"; }
heap() { grep -o '[0-9]*M->[0-9]*M([0-9]*M)' "$WORK/gc.log" | tail -1 || true; }

t=$(now)
"${MARIADB[@]}" <<'SQL'
SET FOREIGN_KEY_CHECKS=0;
INSERT INTO members (id, username, email, password_hash, display_name, bio, role, created_at, email_verified_at,
                     approved_posts)
  SELECT 100000 + seq, CONCAT('bm', seq), CONCAT('bm', seq, '@bench.invalid'), 'x', CONCAT('Bench ', seq), '',
         'MEMBER', UTC_TIMESTAMP(6) - INTERVAL seq HOUR, UTC_TIMESTAMP(6), 10 FROM seq_1_to_100000;
INSERT INTO categories (id, slug, name, description, color, position, kind, thread_count, post_count, created_at)
  VALUES (5001, 'bench-badges', 'Bench badges', 'Benchmark data', '#1d4ed8', 1, 'DISCUSSION', 100000, 1000000,
          UTC_TIMESTAMP(6));
INSERT INTO threads (id, category_id, author_id, title, slug, post_count, view_count, reaction_count,
                     participant_count, last_poster_id, last_post_at, created_at)
  SELECT 1000000 + seq, 5001, 100000 + seq, CONCAT('Bench thread ', seq), CONCAT('bench-thread-', seq), 10, 0, 0, 2,
         100000 + seq, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) FROM seq_1_to_100000;
INSERT INTO posts (id, thread_id, author_id, position, body_source, body_html, created_at)
  SELECT 10000000 + (t.seq - 1) * 10 + p.seq, 1000000 + t.seq,
         IF(p.seq = 1, 100000 + t.seq, 100001 + ((t.seq * 7 + p.seq * 7919) MOD 100000)), p.seq,
         'A bench post', '<p>A bench post</p>', UTC_TIMESTAMP(6) - INTERVAL p.seq HOUR
  FROM seq_1_to_100000 t JOIN seq_1_to_10 p;
COMMIT;
SET FOREIGN_KEY_CHECKS=1;
SQL
SEED=$(since "$t")

# What V8 does for a forum with history (the statements of the migration's seeding part).
t=$(now)
sed -n '/^-- The ledger starts from the forum/,/^-- Then the built-in badges/p' migrations/V8__badges.sql \
  | grep -v '^-- Then' | "${MARIADB[@]}"
HISTORY=$(since "$t")

curl -s -c "$WORK/jar" "http://localhost:$PORT/api/v1/session" > /dev/null
XSRF=$(grep XSRF-TOKEN "$WORK/jar" | awk '{print $7}')
api() { curl -s -b "$WORK/jar" -c "$WORK/jar" -H "X-XSRF-TOKEN: $XSRF" -H 'Content-Type: application/json' "$@"; }
api -X POST "http://localhost:$PORT/api/v1/setup" \
  -d '{"username":"benchadmin","email":"admin@bench.invalid","password":"Bench admin password 2026"}' > /dev/null
XSRF=$(grep XSRF-TOKEN "$WORK/jar" | awk '{print $7}')

BADGE=$("${MARIADB[@]}" -N -e "SELECT id FROM badges WHERE slug = 'first-post'")
FACTS=$("${MARIADB[@]}" -N -e "SELECT COUNT(*) FROM badge_facts")
t=$(now)
api -X PUT "http://localhost:$PORT/api/v1/admin/badges/$BADGE/enabled" -d '{"on":false}' > /dev/null
api -X PUT "http://localhost:$PORT/api/v1/admin/badges/$BADGE/enabled" -d '{"on":true}' > /dev/null
for _ in $(seq 1 1800); do
  api "http://localhost:$PORT/api/v1/admin/badges/$BADGE/backfills" | grep -q '"finishedAt":"' && break
  sleep 1
done
BACKFILL=$(since "$t")
PROGRESS=$(api "http://localhost:$PORT/api/v1/admin/badges/$BADGE/backfills" | python3 -c \
  'import json,sys; p=json.load(sys.stdin)[0]; print("%d members looked at, %d granted, %.0f members/s" % (p["done"], p["granted"], p["perSecond"]))')
HEAP_BACKFILL=$(heap)

"${MARIADB[@]}" -e "UPDATE members SET trust_level = 3 WHERE id BETWEEN 100001 AND 110000"
t=$(now)
NIGHTLY=$(api -X POST "http://localhost:$PORT/api/v1/admin/badges/nightly")
NIGHT=$(since "$t")
HEAP_NIGHT=$(heap)
DEMOTING=$("${MARIADB[@]}" -N -e "SELECT COUNT(*) FROM members WHERE trust_below_since IS NOT NULL")

{
  echo "Ruche badges at scale — $(date -u +%Y-%m-%dT%H:%MZ) — $(nproc) cores, -Xmx1g"
  echo "Data: 100,000 members, 100,000 threads, 1,000,000 posts (seeded in ${SEED} s)"
  echo "History seeding of the ledger (V8): ${HISTORY} s (${FACTS} facts)"
  echo "Backfill of first-post over every member (one grant each): ${BACKFILL} s — ${PROGRESS}; heap after (GC log): ${HEAP_BACKFILL}"
  echo "Nightly pass (anniversaries + trust for 10,000 level-3 members): ${NIGHT} s — ${NIGHTLY}; ${DEMOTING} entered their grace period; heap after: ${HEAP_NIGHT}"
  echo "Peak heap in the GC log: $(grep -o '[0-9]*M->' "$WORK/gc.log" | sed 's/M->//' | sort -n | tail -1) MB before a collection"
} | tee bench/badges-results.txt
