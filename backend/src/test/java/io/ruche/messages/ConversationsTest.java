package io.ruche.messages;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.ruche.support.Api;
import io.ruche.support.Concurrently;
import io.ruche.support.ForumFixtures;
import io.ruche.support.IntegrationTest;
import io.ruche.support.TestDatabase;
import io.ruche.support.TestMembers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Private messages: only participants read them (guests, outsiders and staff without a flag get 404), blocked
 * members cannot write, leaving stops the notifications, groups receive as their members, and messages written at
 * the same moment all count.
 */
@MicronautTest(transactional = false)
class ConversationsTest extends IntegrationTest {

    private Api admin;

    @BeforeAll
    void people() {
        admin = ForumFixtures.newAdmin(server.getURI());
    }

    private record Member(String name, Api api) {
    }

    private Member member(String prefix) {
        String name = TestMembers.uniqueName(prefix);
        return new Member(name, api().registered(name));
    }

    private long start(Api from, List<String> to, String subject, String body) {
        Api.Response created = from.post("/api/v1/conversations", Map.of("recipients", to, "subject", subject,
                "body", body));
        assertEquals(201, created.status(), created.body());
        return ((Number) created.at("id")).longValue();
    }

    private static String notifications(String username, String kind) {
        return TestDatabase.queryString("SELECT COUNT(*) FROM notifications n JOIN members m ON m.id = n.member_id "
                + "WHERE m.username = '" + username + "' AND n.kind = '" + kind + "'");
    }

    @Test
    void onlyParticipantsReadAConversationAndStaffOnlyWhileAMessageIsFlagged() {
        Member ana = member("ana");
        Member ben = member("ben");
        Member outsider = member("outsider");
        Api moderator = ForumFixtures.newModerator(server.getURI());
        long id = start(ana.api(), List.of(ben.name()), "About my order", "My parcel is at the wrong address.");

        Api.Response inbox = ben.api().get("/api/v1/conversations");
        assertEquals(id, ((Number) inbox.at("items.0.id")).longValue(), inbox.body());
        assertEquals(true, inbox.at("items.0.unread"));
        assertEquals(1, ((Number) ben.api().get("/api/v1/conversations/unread-count").at("unread")).intValue());
        Api.Response read = ben.api().get("/api/v1/conversations/" + id);
        assertEquals(200, read.status());
        assertTrue(read.at("messages.0.html").toString().contains("wrong address"));
        assertEquals(false, ben.api().get("/api/v1/conversations").at("items.0.unread"));
        await().atMost(Duration.ofSeconds(20)).until(() -> "1".equals(notifications(ben.name(), "MESSAGE")));
        assertEquals("/messages/" + id, ben.api().get("/api/v1/notifications?limit=1").at("items.0.url"));

        assertEquals(404, outsider.api().get("/api/v1/conversations/" + id).status());
        assertEquals(404, outsider.api().post("/api/v1/conversations/" + id + "/messages", Map.of("body", "hi"))
                .status());
        assertEquals(401, api().get("/api/v1/conversations/" + id).status());
        assertEquals(404, moderator.get("/api/v1/conversations/" + id).status());
        assertEquals(404, admin.get("/api/v1/conversations/" + id).status());

        long message = ((Number) read.at("messages.0.id")).longValue();
        assertEquals(404, outsider.api().post("/api/v1/messages/" + message + "/flags", Map.of("reason", "SPAM"))
                .status());
        assertEquals(204, ben.api().post("/api/v1/messages/" + message + "/flags", Map.of("reason", "HARASSMENT",
                "note", "Not the first time")).status());
        assertTrue(moderator.get("/api/v1/admin/message-flags").body().contains("Not the first time"));
        assertEquals(403, ben.api().get("/api/v1/admin/message-flags").status());
        Api.Response asStaff = moderator.get("/api/v1/conversations/" + id);
        assertEquals(200, asStaff.status());
        assertEquals(true, asStaff.at("readAsStaff"));
        assertEquals(false, asStaff.at("canReply"));
        assertEquals(404, outsider.api().get("/api/v1/conversations/" + id).status());
        assertEquals(204, moderator.post("/api/v1/admin/message-flags/" + id + "/resolve", null).status());
        assertEquals(404, moderator.get("/api/v1/conversations/" + id).status());
    }

    @Test
    void aBlockedMemberCannotWriteNorMentionTheMemberWhoBlockedThem() {
        Member carla = member("carla");
        Member dan = member("dan");
        long id = start(dan.api(), List.of(carla.name()), "Hello", "Can we talk?");
        assertEquals(204, carla.api().put("/api/v1/members/" + dan.name() + "/block", null).status());
        assertTrue(carla.api().get("/api/v1/me/blocks").body().contains(dan.name()));

        Api.Response refused = dan.api().post("/api/v1/conversations", Map.of("recipients", List.of(carla.name()),
                "subject", "Again", "body", "Please answer."));
        assertEquals(403, refused.status());
        assertEquals("problem.message.blocked", refused.at("code"));
        assertEquals(403, dan.api().post("/api/v1/conversations/" + id + "/messages", Map.of("body", "Hello?"))
                .status());

        long category = new ForumFixtures(admin).category("Blocks " + TestMembers.uniqueName("c"));
        ForumFixtures.thread(dan.api(), category, "Shout-out", "Thanks @" + carla.name() + " for the tip!", List.of());
        await().atMost(Duration.ofSeconds(20)).until(() -> "0".equals(TestDatabase.queryString(
                "SELECT COUNT(*) FROM jobs WHERE failed_at IS NULL AND (kind LIKE 'notify.%' OR kind LIKE 'event.notify.%')")));
        assertEquals("0", notifications(carla.name(), "MENTION"));

        assertEquals(204, carla.api().delete("/api/v1/members/" + dan.name() + "/block").status());
        assertEquals(201, dan.api().post("/api/v1/conversations/" + id + "/messages", Map.of("body", "Hello?"))
                .status());
        assertEquals(400, carla.api().put("/api/v1/members/" + carla.name() + "/block", null).status());
        Api moderatorName = ForumFixtures.newModerator(server.getURI());
        String staffName = moderatorName.get("/api/v1/session").at("member.username").toString();
        assertEquals(403, carla.api().put("/api/v1/members/" + staffName + "/block", null).status());
    }

    @Test
    void leavingStopsTheNotificationsAndAGroupReceivesAsItsMembers() {
        Member eve = member("eve");
        Member support1 = member("support1");
        Member support2 = member("support2");
        String group = "Support " + TestMembers.uniqueName("g");
        long groupId = ((Number) admin.post("/api/v1/groups", Map.of("name", group)).at("id")).longValue();
        admin.put("/api/v1/groups/" + groupId + "/members/" + support1.name(), null);
        admin.put("/api/v1/groups/" + groupId + "/members/" + support2.name(), null);

        Api.Response created = eve.api().post("/api/v1/conversations", Map.of("groups", List.of(group),
                "subject", "Refund", "body", "I was charged twice."));
        assertEquals(201, created.status(), created.body());
        long id = ((Number) created.at("id")).longValue();
        assertEquals(group, created.at("group"));
        for (Member agent : List.of(support1, support2)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> "1".equals(notifications(agent.name(), "MESSAGE")));
        }
        assertEquals(204, support2.api().post("/api/v1/conversations/" + id + "/leave", null).status());
        assertFalse(support2.api().get("/api/v1/conversations").body().contains("\"id\":" + id + ","));
        assertEquals(404, support2.api().get("/api/v1/conversations/" + id).status());
        assertEquals(201, support1.api().post("/api/v1/conversations/" + id + "/messages",
                Map.of("body", "Refunded, sorry!")).status());
        await().atMost(Duration.ofSeconds(20)).until(() -> "1".equals(notifications(eve.name(), "MESSAGE")));
        assertEquals("1", notifications(support2.name(), "MESSAGE"));
    }

    @Test
    void messagesWrittenAtTheSameMomentAllCount() throws Exception {
        Member fay = member("fay");
        Member gus = member("gus");
        long id = start(fay.api(), List.of(gus.name()), "Race", "Ready?");
        List<Api> writers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            writers.add(i % 2 == 0 ? fay.api() : gus.api());
        }
        List<Api.Response> answers = Concurrently.atOnce(writers, a -> a.post("/api/v1/conversations/" + id
                + "/messages", Map.of("body", "Go!")));
        answers.forEach(a -> assertEquals(201, a.status(), a.body()));
        assertEquals("9", TestDatabase.queryString("SELECT message_count FROM conversations WHERE id = " + id));
        assertEquals("9", TestDatabase.queryString("SELECT COUNT(*) FROM messages WHERE conversation_id = " + id));
    }

    @Test
    void recipientsAndMentionsAreSuggestedAsOneTypesThreadWritersFirst() {
        String stem = "zed" + TestMembers.uniqueName("s").replace("_", "").substring(0, 5);
        Member writer = member(stem + "w");
        Member quiet = member(stem + "q");
        long category = new ForumFixtures(admin).category("Suggest " + TestMembers.uniqueName("c"));
        long thread = ForumFixtures.thread(writer.api(), category, "Who knows?", "Anyone?", List.of());
        List<Map<String, Object>> inThread = quiet.api().get("/api/v1/members/suggest?q=" + stem + "&thread="
                + thread).jsonList();
        assertEquals(writer.name(), inThread.get(0).get("username"), inThread.toString());
        assertEquals(true, inThread.get(0).get("inThread"));
        assertTrue(inThread.stream().anyMatch(m -> quiet.name().equals(m.get("username"))));
        assertEquals(401, api().get("/api/v1/members/suggest?q=" + stem).status());
    }
}
