#!/usr/bin/env python3
"""Writes SQL that seeds a benchmark community: members, categories, threads and posts with consistent counters.

Usage: seed.py THREADS POSTS_PER_THREAD [WORDS_FILE] > seed.sql   (defaults: 2000 threads, 10 posts each = 20,000 posts)
SEED_POST_BYTES=1400 makes every post about that long (the read-path benchmark's realistic posts).
The HTML is what the Markdown renderer produces for plain paragraphs, so pages serve realistic sizes.
"""
import random
import sys

threads = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
POST_BYTES = int(__import__("os").environ.get("SEED_POST_BYTES", "0"))  # 0: short posts, as before
per_thread = int(sys.argv[2]) if len(sys.argv) > 2 else 10
members = 200
categories = 8
random.seed(42)
COMMON = ("community forum answer question product invoice export mobile account password team feature idea "
          "merci bonjour question réponse produit facture compte équipe idée fonctionnalité rapide simple").split()
# Real text has a long tail: 5,000 made-up words drawn with Zipf frequencies, beside the common words above.
SYLLABLES = "ba be bi bo bu ca ce ci co cu da de di do du fa fe fi fo fu la le li lo lu ma me mi mo mu na ne ni no nu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo vu".split()
VOCABULARY = sorted({random.choice(SYLLABLES) + random.choice(SYLLABLES) + random.choice(SYLLABLES) + random.choice(SYLLABLES)
                     for _ in range(6000)})[:5000]
WORDS = COMMON + VOCABULARY
WEIGHTS = [1.0 / (rank + 1) for rank in range(len(WORDS))]
if len(sys.argv) > 3:
    with open(sys.argv[3], "w") as out_words:
        out_words.write("\n".join(VOCABULARY[50:550]))  # mid-frequency words, what people actually search for
# An Argon2id hash of "bench-password-2026" is not needed: bench members never sign in.
HASH = "$argon2id$v=19$m=19456,t=2,p=1$YmVuY2hzYWx0YmVuY2g$0000000000000000000000000000000000000000000"


def sentence(n):
    return " ".join(random.choices(WORDS, weights=WEIGHTS, k=n)).capitalize() + "."


def q(text):
    return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'"


out = sys.stdout
out.write("SET FOREIGN_KEY_CHECKS=0;\nSET autocommit=0;\n")
out.write("INSERT INTO members (id, username, email, password_hash, display_name, bio, role, created_at) VALUES\n")
out.write(",\n".join(f"({i}, 'bench{i}', 'bench{i}@bench.invalid', {q(HASH)}, 'Bench Member {i}', '', 'MEMBER', "
                     f"NOW(6) - INTERVAL 400 DAY)" for i in range(1001, 1001 + members)) + ";\n")
out.write("INSERT INTO categories (id, slug, name, description, color, position, kind, thread_count, post_count, "
          "created_at) VALUES\n")
out.write(",\n".join(f"({c}, 'bench-{c}', 'Bench category {c}', 'Benchmark data', '#1d4ed8', {c}, 'DISCUSSION', "
                     f"0, 0, NOW(6))" for c in range(1001, 1001 + categories)) + ";\n")

post_id = 100001
for t in range(100001, 100001 + threads):
    category = 1001 + t % categories
    author = 1001 + random.randrange(members)
    title = sentence(6)[:-1]
    minutes_ago = (100001 + threads - t) * 7
    posts = []
    participants = set()
    for position in range(1, per_thread + 1):
        poster = author if position == 1 else 1001 + random.randrange(members)
        participants.add(poster)
        if POST_BYTES:
            # Posts of about POST_BYTES characters (real forum posts run about 1.4 KB), in a few paragraphs.
            text = ""
            while len(text) < POST_BYTES - 120:
                text += (" " if text else "") + sentence(random.randint(8, 20))
        else:
            text = " ".join(sentence(random.randint(8, 20)) for _ in range(random.randint(1, 4)))
        posts.append(f"({post_id}, {t}, {poster}, {position}, {q(text)}, {q('<p>' + text + '</p>')}, "
                     f"NOW(6) - INTERVAL {minutes_ago - position} MINUTE)")
        last_poster = poster
        post_id += 1
    out.write(f"INSERT INTO threads (id, category_id, author_id, title, slug, post_count, view_count, reaction_count, "
              f"participant_count, last_post_id, last_poster_id, last_post_at, created_at) VALUES ({t}, {category}, "
              f"{author}, {q(title)}, 'bench-thread-{t}', {per_thread}, {random.randrange(500)}, 0, {len(participants)}, "
              f"{post_id - 1}, {last_poster}, NOW(6) - INTERVAL {minutes_ago - per_thread} MINUTE, "
              f"NOW(6) - INTERVAL {minutes_ago} MINUTE);\n")
    out.write("INSERT INTO posts (id, thread_id, author_id, position, body_source, body_html, created_at) VALUES\n")
    out.write(",\n".join(posts) + ";\n")
    if t % 200 == 0:
        out.write("COMMIT;\n")

out.write("UPDATE categories c SET thread_count = (SELECT COUNT(*) FROM threads t WHERE t.category_id = c.id), "
          "post_count = (SELECT COALESCE(SUM(post_count), 0) FROM threads t WHERE t.category_id = c.id), "
          "last_thread_id = (SELECT t.id FROM threads t WHERE t.category_id = c.id ORDER BY t.last_post_at DESC LIMIT 1), "
          "last_activity_at = (SELECT MAX(last_post_at) FROM threads t WHERE t.category_id = c.id) "
          "WHERE c.id > 1000;\n")
out.write("COMMIT;\nSET FOREIGN_KEY_CHECKS=1;\n")
