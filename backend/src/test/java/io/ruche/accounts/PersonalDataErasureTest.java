package io.ruche.accounts;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.ruche.support.Api;
import io.ruche.support.ForumFixtures;
import io.ruche.support.MovedClockTest;
import io.ruche.support.TestDatabase;
import io.ruche.support.TestMembers;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Deleting an account erases the member's personal data everywhere. The test finds every column that points at a
 * member in the live schema, and every text column of every table: each pointer must be gone or be one of the
 * pointers listed below as kept (with why), and no text anywhere may still hold the member's name or address. A
 * new table pointing at members fails here until its feature erases it (see {@link io.ruche.platform.PersonalData})
 * or it is listed as kept.
 */
@MicronautTest(transactional = false)
class PersonalDataErasureTest extends MovedClockTest {

    /** Pointers that may keep the erased member's id: the row they point at names no one any more. */
    static final Map<String, String> KEPT = Map.ofEntries(
            Map.entry("threads.author_id", "kept threads show \"deleted member\" (the site's choice)"),
            Map.entry("threads.last_poster_id", "the thread list's last poster, now \"deleted member\""),
            Map.entry("posts.author_id", "kept posts show \"deleted member\"; removed ones lose their text"),
            Map.entry("posts.deleted_by_id", "who deleted a post: staff accountability"),
            Map.entry("post_revisions.editor_id", "the history of kept posts"),
            Map.entry("reactions.member_id", "reactions stay counted on others' posts"),
            Map.entry("idea_votes.member_id", "votes stay counted on ideas"),
            Map.entry("uploads.member_id", "images and files of kept posts (avatars go; all go when posts are removed)"),
            Map.entry("messages.author_id", "what they wrote stays in others' conversations (\"deleted member\")"),
            Map.entry("conversations.created_by", "who started a conversation others are still in"),
            Map.entry("message_flags.resolved_by", "what staff did"),
            Map.entry("flags.member_id", "flags stay counted on the posts (their notes are erased)"),
            Map.entry("review_items.author_id", "the review history of kept posts"),
            Map.entry("review_items.claimed_by", "what staff did"),
            Map.entry("review_items.resolved_by", "what staff did"),
            Map.entry("queued_posts.decided_by", "what staff did"),
            Map.entry("sanctions.created_by", "what staff did"),
            Map.entry("sanctions.lifted_by", "what staff did"),
            Map.entry("staff_notes.author_id", "what staff wrote about others"),
            Map.entry("bans.created_by", "what staff did"),
            Map.entry("watched_words.created_by", "what staff did"),
            Map.entry("canned_replies.created_by", "staff's shared replies"),
            Map.entry("invites.created_by", "who invited"),
            Map.entry("api_keys.created_by", "the admin who made a global key acting for someone else"),
            Map.entry("webhooks.created_by", "the admin who registered a webhook"),
            Map.entry("invites.used_by", "which invitation opened the account"),
            Map.entry("audit_log.actor_id", "what staff did (names replaced in the entries about the member)"),
            Map.entry("thread_notes.actor_id", "what staff did to threads"),
            Map.entry("site_settings.crisis_by", "who turned crisis mode on"),
            Map.entry("badge_grants.granted_by", "who granted others' badges"),
            Map.entry("badge_backfills.started_by", "who started a badge backfill"),
            Map.entry("badge_likers.giver_id", "likes given stay counted for those who received them"),
            Map.entry("badge_post_likes.giver_id", "likes given stay counted for those who received them"),
            Map.entry("guidelines.updated_by", "who last edited the guidelines"),
            Map.entry("events.organizer_id", "who organised an event"),
            Map.entry("testimonials.proposed_by", "staff who asked others for a testimonial"),
            Map.entry("widget_origins.added_by", "who allowed a site to embed widgets"),
            Map.entry("analytics_facts.member_id", "past figures keep adding up; the row names no one"),
            Map.entry("analytics_members.member_id", "cohort sizes stay true; the row names no one"),
            Map.entry("analytics_threads.author_id", "response-time figures of kept threads"),
            Map.entry("analytics_reach_outs.staff_id", "what staff did"));

    private static final String POINTER_NAMES =
            "^(member_id|author_id|actor_id|editor_id|giver_id|receiver_id|staff_id|organizer_id|.*_by|.*_by_id)$";

    @Inject
    AccountDeletion deletion;

    private Api admin;
    private long category;

    @BeforeAll
    void forum() {
        admin = ForumFixtures.newAdmin(server.getURI());
        category = new ForumFixtures(admin).category("Erasure " + TestMembers.uniqueName("c"));
    }

    @Test
    void deletingAnAccountErasesThePersonalDataOfEveryTableAfterTheGracePeriod() throws Exception {
        String name = TestMembers.uniqueName("leaver");
        String email = name + "@example.test";
        Api leaver = api().registered(name);
        long id = Long.parseLong(TestDatabase.queryString("SELECT id FROM members WHERE username = '" + name + "'"));
        Api other = api().registered(TestMembers.uniqueName("stayer"));

        // The member leaves traces everywhere a member can.
        long own = ForumFixtures.thread(leaver, category, "Shipping to Lyon", "My parcel is late, any idea?",
                List.of());
        long theirs = ForumFixtures.thread(other, category, "Invoices in PDF", "Where do I find them?", List.of());
        long ownReply = ForumFixtures.reply(leaver, theirs, "In the account page, under Billing.");
        long otherPost = ((Number) other.get("/api/v1/threads/" + theirs).at("posts.0.id")).longValue();
        assertEquals(200, leaver.post("/api/v1/posts/" + otherPost + "/reactions/like", null).status());
        assertEquals(204, leaver.post("/api/v1/posts/" + otherPost + "/flags", Map.of("reason", "OTHER",
                "note", "Looks like an advert to me")).status());
        ForumFixtures.reply(other, own, "Same here, it took a week.");
        assertEquals(200, other.post("/api/v1/posts/" + ownReply + "/reactions/like", null).status());
        assertEquals(200, leaver.put("/api/v1/categories/" + new ForumFixtures(admin).slugOf(category) + "/follow",
                Map.of("level", "WATCHING")).status());
        ok(leaver.post("/api/v1/guidelines/read", null));
        long event = publishedEvent();
        assertEquals(200, leaver.post("/api/v1/events/" + event + "/registration", Map.of("guests", 0))
                .status());
        assertEquals(200, admin.post("/api/v1/admin/members/" + name + "/notes",
                Map.of("body", "Asked twice about refunds")).status());
        assertEquals(200, admin.post("/api/v1/admin/members/" + name + "/sanctions",
                Map.of("kind", "WARNING", "reason", "Keep it friendly")).status());
        assertEquals(202, leaver.post("/api/v1/account/exports", null).status());
        ok(leaver.post("/api/v1/conversations", Map.of("recipients", List.of(other.get("/api/v1/session")
                .at("member.username")), "subject", "Parcel", "body", "Did yours arrive?")));
        ok(leaver.put("/api/v1/members/" + other.get("/api/v1/session").at("member.username") + "/block", null));
        ok(leaver.put("/api/v1/posts/" + otherPost + "/bookmark", Map.of("note", "check later")));
        ok(leaver.multipart("PUT", "/api/v1/account/avatar", "file", "me.png",
                io.ruche.uploads.TestImagesAccess.png()));

        // Asked with the password; cancelled; asked again: nothing happens for a week.
        assertEquals(422, leaver.post("/api/v1/account/deletion", Map.of("password", "not mine")).status());
        Api.Response asked = leaver.post("/api/v1/account/deletion", Map.of("password", TestMembers.PASSWORD));
        assertEquals(200, asked.status(), asked.body());
        Instant due = Instant.parse(asked.at("dueAt").toString());
        assertTrue(Math.abs(Duration.between(clock.instant().plus(Duration.ofDays(7)), due).toSeconds()) < 60,
                asked.body());
        assertEquals("1", TestDatabase.queryString("SELECT COUNT(*) FROM mails WHERE member_id = " + id
                + " AND template = 'deletion_scheduled'"), "the address on file hears when, and how to cancel");
        assertEquals(asked.at("dueAt"), leaver.get("/api/v1/session").at("member.deletionDueAt"));
        assertEquals(null, leaver.delete("/api/v1/account/deletion").at("dueAt"));
        assertEquals(200, leaver.post("/api/v1/account/deletion", Map.of("password", TestMembers.PASSWORD)).status());
        assertEquals(0, deletion.eraseDue());
        assertEquals(true, leaver.get("/api/v1/session").at("authenticated"));

        clock.advance(Duration.ofDays(7).plusMinutes(1));
        deletion.eraseDue(); // (the scheduled round may have taken it first: either way it goes)
        await().atMost(Duration.ofSeconds(60)).until(() -> ("deleted-" + id + "@invalid").equals(
                TestDatabase.queryString("SELECT email FROM members WHERE id = " + id)));
        await().atMost(Duration.ofSeconds(60)).until(() -> "0".equals(TestDatabase.queryString(
                "SELECT COUNT(*) FROM jobs WHERE failed_at IS NULL AND kind LIKE 'event.%' AND payload LIKE '%"
                        + id + "%'")));

        // The account is closed and anonymous; its posts stay under "deleted member".
        assertEquals(false, leaver.get("/api/v1/session").at("authenticated"));
        assertEquals("deleted-" + id, TestDatabase.queryString("SELECT username FROM members WHERE id = " + id));
        assertTrue(Set.of("Deleted member", "Membre supprimé").contains(TestDatabase.queryString(
                "SELECT display_name FROM members WHERE id = " + id)));
        Api.Response kept = api().get("/api/v1/threads/" + own);
        assertEquals("deleted-" + id, kept.at("posts.0.author.username"), kept.body());
        assertTrue(String.valueOf(kept.at("posts.0.html")).contains("My parcel is late"), kept.body());

        List<String> left = new ArrayList<>();
        for (String column : memberPointers()) {
            if (KEPT.containsKey(column)) {
                continue;
            }
            String[] parts = column.split("\\.");
            String count = TestDatabase.queryString("SELECT COUNT(*) FROM " + parts[0] + " WHERE " + parts[1]
                    + " = " + id);
            if (!"0".equals(count)) {
                left.add(column + ": " + count + " row(s)");
            }
        }
        assertEquals(List.of(), left, "rows still pointing at the erased member");
        assertEquals("0", TestDatabase.queryString("SELECT COUNT(*) FROM uploads WHERE member_id = " + id
                + " AND kind = 'AVATAR'"), "their avatar goes");

        List<String> mentions = new ArrayList<>();
        for (String column : textColumns()) {
            String[] parts = column.split("\\.");
            String count = TestDatabase.queryString("SELECT COUNT(*) FROM " + parts[0] + " WHERE " + parts[1]
                    + " LIKE '%" + name + "%' OR " + parts[1] + " LIKE '%" + email + "%'");
            if (!"0".equals(count)) {
                mentions.add(column + ": " + count + " row(s)");
            }
        }
        assertEquals(List.of(), mentions, "text still naming " + name);
        // Last, as it leaves a trace of its own (a failed sign-in under that name, counted against the guesser).
        assertEquals(401, api().post("/api/v1/session", Map.of("login", name, "password", TestMembers.PASSWORD))
                .status());
    }

    @Test
    void theExportHoldsWhatItPromisesAndOnlyItsOwnerDownloadsIt() throws Exception {
        String name = TestMembers.uniqueName("exporter");
        Api member = api().registered(name);
        long thread = ForumFixtures.thread(admin, category, "Colour of the new model", "Which colour?", List.of());
        ForumFixtures.reply(member, thread, "I would love it in teal, please.");
        long other = ((Number) admin.get("/api/v1/threads/" + thread).at("posts.0.id")).longValue();
        ok(member.post("/api/v1/posts/" + other + "/reactions/like", null));
        ok(member.post("/api/v1/guidelines/read", null));
        long event = publishedEvent();
        ok(member.post("/api/v1/events/" + event + "/registration", Map.of("guests", 0)));

        Api.Response asked = member.post("/api/v1/account/exports", null);
        assertEquals(202, asked.status(), asked.body());
        long id = ((Number) asked.at("id")).longValue();
        await().atMost(Duration.ofSeconds(60)).until(() -> member.get("/api/v1/account/exports")
                .jsonList().get(0).get("readyAt") != null);

        java.net.http.HttpResponse<byte[]> zip = download(member, id);
        assertEquals(200, zip.statusCode());
        assertEquals("application/zip", zip.headers().firstValue("Content-Type").orElse(""));
        assertTrue(zip.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment; filename="));
        Map<String, String> files = new HashMap<>();
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(
                new java.io.ByteArrayInputStream(zip.body()))) {
            for (java.util.zip.ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                files.put(entry.getName(), new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        assertTrue(files.keySet().containsAll(Set.of("README.txt", "account.json", "forum.json", "events.json",
                "consents.json", "notifications.json", "badges.json", "moderation.json", "mails.json")),
                files.keySet().toString());
        assertTrue(files.get("account.json").contains(name + "@example.test"));
        assertTrue(files.get("forum.json").contains("I would love it in teal, please."));
        assertTrue(files.get("forum.json").contains("\"kind\":\"like\""), files.get("forum.json"));
        assertTrue(files.get("events.json").contains("Erasure webinar"), files.get("events.json"));
        assertTrue(files.get("events.json").contains("\"status\":\"REGISTERED\""), files.get("events.json"));
        assertTrue(files.get("consents.json").contains("accepted_at"), files.get("consents.json"));
        assertEquals("1", TestDatabase.queryString("SELECT COUNT(*) FROM mails m JOIN members u ON u.id = m.member_id "
                + "WHERE u.username = '" + name + "' AND m.template = 'export_ready'"));

        Api stranger = api().registered(TestMembers.uniqueName("snoop"));
        assertEquals(404, download(stranger, id).statusCode());
        assertEquals(401, download(api(), id).statusCode());
    }

    @Test
    void whenTheSiteRemovesDeletedMembersPostsTheirTextLeavesPagesAndSearch() {
        Map<String, Object> settings = admin.get("/api/v1/admin/settings").json();
        Map<String, Object> remove = new HashMap<>(settings);
        remove.put("deletedMemberPosts", "REMOVE");
        assertEquals(200, admin.put("/api/v1/admin/settings", remove).status());
        try {
            String name = TestMembers.uniqueName("remover");
            Api member = api().registered(name);
            String word = "zqx" + name.replace("_", "");
            long thread = ForumFixtures.thread(admin, category, "Battery life", "How long does yours last?",
                    List.of());
            ForumFixtures.reply(member, thread, "Mine lasts two days " + word + " with the screen dimmed.");
            assertEquals(200, member.post("/api/v1/account/deletion", Map.of("password", TestMembers.PASSWORD))
                    .status());
            clock.advance(Duration.ofDays(7).plusMinutes(1));
            deletion.eraseDue(); // (the scheduled round may have taken it first: either way it goes)
            await().atMost(Duration.ofSeconds(60)).until(() -> TestDatabase.queryString(
                    "SELECT email FROM members WHERE username = 'deleted-' || id AND email LIKE 'deleted-%' "
                            + "AND id = (SELECT author_id FROM posts WHERE thread_id = " + thread + " AND position = 2)")
                    != null);
            await().atMost(Duration.ofSeconds(60)).until(() -> ((Number) api().get("/api/v1/search?q=" + word)
                    .at("total")).longValue() == 0);
            Api.Response page = api().get("/api/v1/threads/" + thread);
            assertEquals(true, page.at("posts.1.deleted"), page.body());
            assertTrue(!page.body().contains(word), page.body());
            assertEquals("", TestDatabase.queryString("SELECT body_source FROM posts WHERE thread_id = " + thread
                    + " AND position = 2"));
        } finally {
            assertEquals(200, admin.put("/api/v1/admin/settings", settings).status());
        }
    }

    private java.net.http.HttpResponse<byte[]> download(Api who, long exportId) throws Exception {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(
                server.getURI().resolve("/api/v1/account/exports/" + exportId + "/download"));
        who.cookie("ruche_session").ifPresent(token -> request.header("Cookie", "ruche_session=" + token));
        return java.net.http.HttpClient.newHttpClient().send(request.build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void ok(Api.Response response) {
        assertEquals(2, response.status() / 100, response.body());
    }

    private long publishedEvent() {
        LocalDateTime start = LocalDateTime.now().plusDays(30).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        Map<String, Object> body = new HashMap<>(Map.of("title", "Erasure webinar " + TestMembers.uniqueName("e"),
                "description", "Come and **learn**.", "kind", "WEBINAR", "startsLocal", start.toString(),
                "endsLocal", start.plusHours(1).toString(), "zone", "Europe/Paris",
                "joinUrl", "https://meet.example/room-42", "visibility", "EVERYONE", "autoPromote", false));
        body.put("categoryId", category);
        body.put("capacity", 10);
        long id = ((Number) admin.post("/api/v1/admin/events", body).at("id")).longValue();
        assertEquals(200, admin.post("/api/v1/admin/events/" + id + "/publish", null).status());
        return id;
    }

    /** Every column that points at members: foreign keys to members.id, and columns named as such pointers. */
    static List<String> memberPointers() throws SQLException {
        return columns("SELECT DISTINCT c.TABLE_NAME, c.COLUMN_NAME FROM information_schema.COLUMNS c "
                + "JOIN information_schema.TABLES t ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME "
                + "AND t.TABLE_TYPE = 'BASE TABLE' WHERE c.TABLE_SCHEMA = DATABASE() AND c.DATA_TYPE = 'bigint' "
                + "AND (c.COLUMN_NAME REGEXP '" + POINTER_NAMES + "' OR EXISTS (SELECT 1 FROM "
                + "information_schema.KEY_COLUMN_USAGE k WHERE k.TABLE_SCHEMA = c.TABLE_SCHEMA "
                + "AND k.TABLE_NAME = c.TABLE_NAME AND k.COLUMN_NAME = c.COLUMN_NAME "
                + "AND k.REFERENCED_TABLE_NAME = 'members')) ORDER BY 1, 2");
    }

    /** Every text column of every table but Flyway's own. */
    static List<String> textColumns() throws SQLException {
        return columns("SELECT c.TABLE_NAME, c.COLUMN_NAME FROM information_schema.COLUMNS c "
                + "JOIN information_schema.TABLES t ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME "
                + "AND t.TABLE_TYPE = 'BASE TABLE' WHERE c.TABLE_SCHEMA = DATABASE() "
                + "AND c.DATA_TYPE IN ('char', 'varchar', 'text', 'mediumtext', 'longtext') "
                + "AND c.TABLE_NAME <> 'flyway_schema_history' ORDER BY 1, 2");
    }

    private static List<String> columns(String query) throws SQLException {
        try (Connection c = DriverManager.getConnection(TestDatabase.url(), TestDatabase.username(),
                TestDatabase.password()); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1) + "." + rs.getString(2));
            }
            return out;
        }
    }
}
