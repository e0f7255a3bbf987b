package io.ruche.forum;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.ruche.support.Api;
import io.ruche.support.Concurrently;
import io.ruche.support.ForumFixtures;
import io.ruche.support.MovedClockTest;
import io.ruche.support.TestDatabase;
import io.ruche.support.TestMembers;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bookmarks: kept once however often they are clicked, readable posts only, reminders that arrive once. */
@MicronautTest(transactional = false)
class BookmarksTest extends MovedClockTest {

    @Inject
    Bookmarks bookmarks;

    private Api admin;
    private long category;

    @BeforeAll
    void forum() {
        admin = ForumFixtures.newAdmin(server.getURI());
        category = new ForumFixtures(admin).category("Bookmarks " + TestMembers.uniqueName("c"));
    }

    private long post(String title) {
        long thread = ForumFixtures.thread(admin, category, title, "Step one: open the box.", List.of());
        return ((Number) admin.get("/api/v1/threads/" + thread).at("posts.0.id")).longValue();
    }

    @Test
    void aMemberKeepsAPostOnceEvenClickingTwiceAndFindsItInTheirList() throws Exception {
        long post = post("Set-up guide " + TestMembers.uniqueName("t"));
        Api member = api().registered(TestMembers.uniqueName("keeper"));
        List<Api.Response> answers = Concurrently.atOnce(List.of(member, member), m -> m.put("/api/v1/posts/" + post
                + "/bookmark", Map.of("note", "read before Friday")));
        answers.forEach(a -> assertEquals(200, a.status(), a.body()));
        assertEquals("1", TestDatabase.queryString("SELECT COUNT(*) FROM bookmarks WHERE post_id = " + post));

        Api.Response list = member.get("/api/v1/me/bookmarks");
        assertEquals(post, ((Number) list.at("items.0.postId")).longValue(), list.body());
        assertEquals("read before Friday", list.at("items.0.note"));
        assertTrue(list.at("items.0.excerpt").toString().contains("Step one"));
        long thread = ((Number) list.at("items.0.threadId")).longValue();
        assertEquals("[" + post + "]", member.get("/api/v1/threads/" + thread + "/bookmarks").body());

        assertEquals(200, member.put("/api/v1/posts/" + post + "/bookmark", Map.of("note", "done")).status());
        assertEquals("done", member.get("/api/v1/me/bookmarks").at("items.0.note"));
        assertEquals(204, member.delete("/api/v1/posts/" + post + "/bookmark").status());
        assertEquals(0, member.get("/api/v1/me/bookmarks").jsonList("items").size());
        assertEquals(401, api().put("/api/v1/posts/" + post + "/bookmark", Map.of()).status());
    }

    @Test
    void aReminderArrivesOnceAtItsTimeWithTheNote() throws Exception {
        long post = post("Warranty claim " + TestMembers.uniqueName("t"));
        String name = TestMembers.uniqueName("reminded");
        Api member = api().registered(name);
        assertEquals(422, member.put("/api/v1/posts/" + post + "/bookmark", Map.of("remindAt",
                clock.instant().minusSeconds(60).toString())).status());
        assertEquals(200, member.put("/api/v1/posts/" + post + "/bookmark", Map.of("note", "call the shop",
                "remindAt", clock.instant().plus(Duration.ofHours(2)).toString())).status());
        assertEquals(0, bookmarks.remindDue(), "not due yet");
        assertEquals("0", count(name));

        clock.advance(Duration.ofHours(2).plusMinutes(1));
        var pool = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> a = pool.submit(() -> bookmarks.remindDue());
            Future<Integer> b = pool.submit(() -> bookmarks.remindDue());
            // Two nodes' rounds at once (the scheduled round may even have been first): one reminder in all.
            a.get();
            b.get();
        } finally {
            pool.shutdown();
        }
        bookmarks.remindDue();
        await().atMost(Duration.ofSeconds(20)).until(() -> "1".equals(count(name)));
        // Once every reminder delivery has run, still one: nothing came twice.
        await().atMost(Duration.ofSeconds(20)).until(() -> "0".equals(TestDatabase.queryString(
                "SELECT COUNT(*) FROM jobs WHERE kind = 'event.notify.bookmark-reminder' AND failed_at IS NULL")));
        assertEquals("1", count(name));
        assertEquals("call the shop", TestDatabase.queryString("SELECT n.detail FROM notifications n JOIN members m "
                + "ON m.id = n.member_id WHERE m.username = '" + name + "' AND n.kind = 'BOOKMARK_REMINDER'"));
        assertTrue(member.get("/api/v1/me/bookmarks").at("items.0.remindedAt") != null);
    }

    private static String count(String name) {
        return TestDatabase.queryString("SELECT COUNT(*) FROM notifications n JOIN members m ON m.id = n.member_id "
                + "WHERE m.username = '" + name + "' AND n.kind = 'BOOKMARK_REMINDER'");
    }

    @Test
    void aPostOfAPrivateCategoryCannotBeKeptByOutsiders() {
        ForumFixtures fixtures = new ForumFixtures(admin);
        Api insider = api().registered(TestMembers.uniqueName("insider"));
        Api outsider = api().registered(TestMembers.uniqueName("outsider"));
        long group = fixtures.group("vip", insider);
        long closed = fixtures.category("VIP " + TestMembers.uniqueName("c"), Map.of("everyoneSee", false,
                "membersSee", false, "membersReply", false, "membersStart", false,
                "groupRights", List.of(Map.of("groupId", group, "see", true, "reply", true, "start", true))));
        long thread = ForumFixtures.thread(insider, closed, "VIP only", "Secret tips.", List.of());
        long post = ((Number) insider.get("/api/v1/threads/" + thread).at("posts.0.id")).longValue();
        assertEquals(404, outsider.put("/api/v1/posts/" + post + "/bookmark", Map.of()).status());
        assertEquals(200, insider.put("/api/v1/posts/" + post + "/bookmark", Map.of()).status());
        assertEquals(1, insider.get("/api/v1/me/bookmarks").jsonList("items").size());
        assertEquals(0, outsider.get("/api/v1/me/bookmarks").jsonList("items").size());
        assertEquals("[]", outsider.get("/api/v1/threads/" + thread + "/bookmarks").body());
    }
}
