package io.ruche.badges;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.ruche.support.TestDatabase;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import static io.ruche.support.UpgradeDatabase.connect;
import static io.ruche.support.UpgradeDatabase.migrate;
import static io.ruche.support.UpgradeDatabase.query;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Upgrading a forum that has history to the version with badges: the migration seeds the ledger from past posts,
 * accepted answers and likes, and the queued backfills grant what members had already earned, with one grouped
 * notification each, once the forum starts.
 */
class BadgeUpgradeTest {

    private static final String DB = "ruche_badges_upgrade";

    @Test
    void anUpgradeGrantsWhatPastActivityEarnedWithOneNotificationPerMember() throws Exception {
        Map<String, Object> properties = TestDatabase.freshDatabase(DB);
        String url = (String) properties.get("datasources.default.url");
        // The forum as it was before badges (V7), with a little history written by its members.
        migrate(url, "7");
        try (Connection c = connect(url); Statement s = c.createStatement()) {
            for (int i = 1; i <= 13; i++) {
                s.execute("INSERT INTO members (id, username, email, password_hash, display_name, created_at) VALUES ("
                        + i + ", 'old" + i + "', 'old" + i + "@example.test', 'x', 'Old " + i + "', '2025-01-01')");
            }
            s.execute("INSERT INTO categories (id, slug, name, created_at) VALUES (1, 'help', 'Help', '2025-01-01')");
            s.execute("INSERT INTO threads (id, category_id, author_id, title, slug, last_post_at, created_at) "
                    + "VALUES (1, 1, 1, 'Export?', 'export', '2025-02-01', '2025-02-01')");
            s.execute("INSERT INTO posts (id, thread_id, author_id, position, body_source, body_html, created_at) VALUES "
                    + "(1, 1, 1, 1, 'How do I export?', '<p>How do I export?</p>', '2025-02-01'), "
                    + "(2, 1, 2, 2, 'Settings, then Export.', '<p>Settings, then Export.</p>', '2025-02-01')");
            s.execute("UPDATE threads SET accepted_post_id = 2, post_count = 2 WHERE id = 1");
            // Ten different members liked the answer (the author's own like would not count: none here).
            for (int i = 3; i <= 12; i++) {
                s.execute("INSERT INTO reactions (post_id, member_id, kind, created_at) VALUES (2, " + i
                        + ", 'like', '2025-02-02')");
            }
        }

        migrate(url, null);

        assertEquals("1,1,1,10", query(url, "SELECT CONCAT_WS(',', posts, replies, accepted_answers, likers) "
                + "FROM badge_member_stats WHERE member_id = 2"), "the ledger starts from the answerer's history");
        assertEquals("1", query(url, "SELECT posts FROM badge_member_stats WHERE member_id = 1"));
        assertEquals("10", query(url, "SELECT COUNT(*) FROM badge_post_likes WHERE post_id = 2"));
        assertEquals("0", query(url, "SELECT COUNT(*) FROM badge_grants"), "nothing granted inside the migration");

        properties.put("micronaut.server.port", -1);
        try (EmbeddedServer ignored = ApplicationContext.run(EmbeddedServer.class, properties, "test")) {
            await().atMost(Duration.ofSeconds(60)).until(() -> "0".equals(query(url,
                    "SELECT COUNT(*) FROM badge_backfills WHERE finished_at IS NULL")));
            await().atMost(Duration.ofSeconds(30)).until(() -> "1".equals(query(url,
                    "SELECT COUNT(*) FROM notifications WHERE member_id = 2 AND kind = 'BADGE'")));
        }
        assertEquals("appreciated,first-post,solved", query(url, "SELECT GROUP_CONCAT(b.slug ORDER BY b.slug) "
                + "FROM badge_grants g JOIN badges b ON b.id = g.badge_id WHERE g.member_id = 2"));
        assertEquals("2", query(url, "SELECT post_id FROM badge_grants g JOIN badges b ON b.id = g.badge_id "
                + "WHERE g.member_id = 2 AND b.slug = 'solved'"), "the grant keeps the answer that earned it");
        assertEquals("first-post", query(url, "SELECT GROUP_CONCAT(b.slug) FROM badge_grants g "
                + "JOIN badges b ON b.id = g.badge_id WHERE g.member_id = 1"));
        assertEquals("1", query(url, "SELECT COUNT(*) FROM notifications WHERE member_id = 2 AND kind = 'BADGE'"),
                "three badges from the past, one grouped notification");
        assertEquals("0", query(url, "SELECT COUNT(*) FROM badge_grants WHERE member_id BETWEEN 3 AND 13"),
                "liking earns the likers nothing here");
        TestDatabase.execute("DROP DATABASE `" + DB + "`");
    }
}
