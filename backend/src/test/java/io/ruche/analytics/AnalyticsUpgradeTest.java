package io.ruche.analytics;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.ruche.support.TestDatabase;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static io.ruche.support.UpgradeDatabase.connect;
import static io.ruche.support.UpgradeDatabase.migrate;
import static io.ruche.support.UpgradeDatabase.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Upgrading a forum with history to the version with analytics: the migration turns what the tables remember into
 * facts, first steps and response times, and marks every day since the first fact; the rollups then give the past
 * its figures.
 */
class AnalyticsUpgradeTest {

    private static final String DB = "ruche_analytics_upgrade";

    @Test
    void anUpgradeCountsThePast() throws Exception {
        Map<String, Object> properties = TestDatabase.freshDatabase(DB);
        String url = (String) properties.get("datasources.default.url");
        migrate(url, "10");
        LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(40);
        String d = "'" + day + " 10:00:00'";
        try (Connection c = connect(url); Statement s = c.createStatement()) {
            s.execute("INSERT INTO members (id, username, email, password_hash, display_name, role, created_at) VALUES "
                    + "(1, 'asker', 'a@example.test', 'x', 'Asker', 'MEMBER', " + d + "), "
                    + "(2, 'helper', 'h@example.test', 'x', 'Helper', 'MEMBER', " + d + "), "
                    + "(3, 'staff', 's@example.test', 'x', 'Staff', 'MODERATOR', " + d + ")");
            s.execute("INSERT INTO categories (id, slug, name, kind, created_at) VALUES (1, 'help', 'Help', 'QUESTIONS', "
                    + d + ")");
            s.execute("INSERT INTO threads (id, category_id, author_id, title, slug, last_post_at, created_at) VALUES "
                    + "(1, 1, 1, 'Export?', 'export', " + d + ", " + d + "), "
                    + "(2, 1, 1, 'Import?', 'import', " + d + ", " + d + ")");
            s.execute("INSERT INTO posts (id, thread_id, author_id, position, body_source, body_html, created_at) VALUES "
                    + "(1, 1, 1, 1, 'How?', '<p>How?</p>', " + d + "), "
                    + "(2, 1, 3, 2, 'Staff here', '<p>Staff here</p>', '" + day + " 10:30:00'), "
                    + "(3, 1, 2, 3, 'Settings', '<p>Settings</p>', '" + day + " 10:45:00'), "
                    + "(4, 2, 1, 1, 'And import?', '<p>And import?</p>', " + d + ")");
            s.execute("UPDATE threads SET accepted_post_id = 3 WHERE id = 1");
            s.execute("INSERT INTO reactions (post_id, member_id, kind, created_at) VALUES (3, 1, 'like', '" + day
                    + " 11:00:00')");
            s.execute("INSERT INTO flags (post_id, member_id, reason, created_at) VALUES (4, 2, 'SPAM', '" + day
                    + " 12:00:00')");
            s.execute("INSERT INTO review_items (post_id, reason, category_id, author_id, status, created_at, "
                    + "resolved_at, resolved_by) VALUES (4, 'FLAGGED', 1, 1, 'RESOLVED', '" + day + " 12:00:00', '"
                    + day + " 13:30:00', 3)");
        }

        migrate(url, null);

        assertEquals("SIGNUP:3,THREAD:2,REPLY:2,REACTION:1,FLAG:1,FLAG_RESOLVED:1", query(url,
                "SELECT GROUP_CONCAT(CONCAT(kind, ':', n) ORDER BY FIELD(kind, 'SIGNUP', 'THREAD', 'REPLY', 'REACTION', "
                        + "'FLAG', 'FLAG_RESOLVED')) FROM (SELECT kind, COUNT(*) n FROM analytics_facts GROUP BY kind) k"));
        assertEquals(day + " 10:30:00.000000," + day + " 10:30:00.000000,1," + day + " 10:45:00.000000", query(url,
                "SELECT CONCAT_WS(',', first_response_at, first_staff_response_at, qa, solved_at) FROM analytics_threads "
                        + "WHERE thread_id = 1"), "first response (staff's), a question solved by the accepted answer");
        assertEquals("90", query(url, "SELECT TIMESTAMPDIFF(MINUTE, flagged_at, resolved_at) FROM analytics_flag_reviews"));
        assertEquals(day + " 10:00:00.000000", query(url, "SELECT first_post_at FROM analytics_members WHERE member_id = 1"));
        assertEquals(String.valueOf(ChronoUnit.DAYS.between(day, LocalDate.now(ZoneOffset.UTC)) + 1),
                query(url, "SELECT COUNT(*) FROM analytics_days WHERE dirty"), "every day from the first fact to today");

        properties.put("micronaut.server.port", -1);
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties, "test")) {
            server.getApplicationContext().getBean(Rollups.class).runDue();
        }
        assertEquals("2", query(url, "SELECT value FROM analytics_daily WHERE day = '" + day + "' AND metric = 'THREADS' "
                + "AND category_id = 0 AND group_id = 0 AND NOT with_staff"));
        assertEquals("2", query(url, "SELECT value FROM analytics_daily WHERE day = '" + day + "' AND metric = "
                + "'ACTIVE_MEMBERS' AND category_id = 0 AND group_id = 0 AND NOT with_staff"), "asker and helper");
        assertEquals("2", query(url, "SELECT value FROM analytics_daily WHERE day = '" + day.plusDays(10) + "' AND "
                + "metric = 'ACTIVE_28D' AND category_id = 1 AND group_id = 0 AND NOT with_staff"),
                "both, in the 28-day window ten days later: days without facts are computed too");
        assertTrue(query(url, "SELECT COUNT(*) FROM analytics_days WHERE dirty").equals("0"));
        TestDatabase.execute("DROP DATABASE `" + DB + "`");
    }
}
