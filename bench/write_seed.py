#!/usr/bin/env python3
"""Writes SQL for the write benchmark: 64 signed-in members (sessions whose tokens are printed to tokens.txt) and
10 hot threads in the first bench category, started by a member outside the pool (members cannot like their own).

Usage: write_seed.py TOKENS_FILE > write-seed.sql   (after seed.py: it uses bench category 1001)
"""
import hashlib
import sys

MEMBERS = 64
HOT = 10
HASH = "$argon2id$v=19$m=19456,t=2,p=1$YmVuY2hzYWx0YmVuY2g$0000000000000000000000000000000000000000000"
out = sys.stdout
tokens = []
out.write("SET autocommit=0;\n")
rows, sessions = [], []
for i in range(MEMBERS + 1):
    member = 5001 + i
    rows.append(f"({member}, 'writer{i}', 'writer{i}@bench.invalid', '{HASH}', 'Writer {i}', '', 'MEMBER', "
                f"NOW(6) - INTERVAL 400 DAY, NOW(6) - INTERVAL 399 DAY, 100)")
    token = hashlib.sha256(f"bench-write-{i}".encode()).hexdigest()
    if i > 0:
        tokens.append(token)
    sessions.append(f"('{hashlib.sha256(token.encode()).hexdigest()}', {member}, NOW(6), NOW(6), "
                    f"NOW(6) + INTERVAL 30 DAY, '127.0.0.1', 'wrk')")
out.write("INSERT INTO members (id, username, email, password_hash, display_name, bio, role, created_at, "
          "email_verified_at, approved_posts) VALUES\n" + ",\n".join(rows) + ";\n")
out.write("INSERT INTO sessions (id, member_id, created_at, last_seen_at, expires_at, ip, user_agent) VALUES\n"
          + ",\n".join(sessions) + ";\n")
for t in range(HOT):
    thread, post = 900001 + t, 9000001 + t
    out.write(f"INSERT INTO threads (id, category_id, author_id, title, slug, post_count, view_count, reaction_count, "
              f"participant_count, last_post_id, last_poster_id, last_post_at, created_at) VALUES ({thread}, 1001, "
              f"5001, 'Launch day thread {t}', 'launch-day-{t}', 1, 0, 0, 1, NULL, 5001, NOW(6), NOW(6));\n")
    out.write(f"INSERT INTO posts (id, thread_id, author_id, position, body_source, body_html, created_at) VALUES "
              f"({post}, {thread}, 5001, 1, 'It is out!', '<p>It is out!</p>', NOW(6));\n")
    out.write(f"UPDATE threads SET last_post_id = {post} WHERE id = {thread};\n")
out.write("UPDATE categories SET thread_count = thread_count + %d, post_count = post_count + %d WHERE id = 1001;\n"
          % (HOT, HOT))
out.write("COMMIT;\n")
with open(sys.argv[1], "w") as f:
    f.write("\n".join(tokens) + "\n")
