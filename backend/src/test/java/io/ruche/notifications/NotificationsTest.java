package io.ruche.notifications;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.ruche.support.Api;
import io.ruche.support.ForumFixtures;
import io.ruche.support.IntegrationTest;
import io.ruche.support.TestDatabase;
import io.ruche.support.TestMembers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Who hears of what: each kind reaches the right member, on the channel they chose (off, app, mail), muting silences
 * a thread or a category, reactions group, private categories never leak through a notification.
 */
@MicronautTest(transactional = false)
class NotificationsTest extends IntegrationTest {

    private ForumFixtures fixtures;
    private long discussions;
    private long questions;

    @BeforeAll
    void setUp() {
        fixtures = new ForumFixtures(ForumFixtures.newAdmin(server.getURI()));
        discussions = fixtures.category("Talk");
        questions = fixtures.category("Help", Map.of("kind", "QUESTIONS"));
    }

    private record Person(String name, Api api) {
    }

    /** A member for these scenarios; badges they earn on the way are not what is tested here, so they stay off. */
    private Person person(String prefix) {
        String name = TestMembers.uniqueName(prefix);
        Api api = api().registered(name);
        choose(api, "BADGE", "OFF");
        return new Person(name, api);
    }

    private static List<Map<String, Object>> items(Api api) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) api.get("/api/v1/notifications").at("items");
        return items;
    }

    private static List<String> kinds(Api api) {
        return items(api).stream().map(i -> (String) i.get("kind")).toList();
    }

    private static long memberId(String name) {
        return Long.parseLong(TestDatabase.queryString("SELECT id FROM members WHERE username = '" + name + "'"));
    }

    private static long mailsTo(String name, String template) {
        return Long.parseLong(TestDatabase.queryString("SELECT COUNT(*) FROM mails WHERE member_id = "
                + memberId(name) + " AND template = '" + template + "'"));
    }

    private static void awaitQueueDrained() {
        await().atMost(Duration.ofSeconds(20)).until(() -> "0".equals(TestDatabase.queryString(
                "SELECT COUNT(*) FROM jobs WHERE lane = 'notify' AND attempts = 0 AND failed_at IS NULL "
                        + "AND created_at > DATE_SUB(UTC_TIMESTAMP(6), INTERVAL 1 MINUTE) "
                        // Jobs of tests whose clock was moved ahead are not this context's to wait for.
                        + "AND run_at <= UTC_TIMESTAMP(6)")));
    }

    private static void choose(Api api, String kind, String channel) {
        Map<String, Object> settings = api.get("/api/v1/notifications/preferences").json();
        @SuppressWarnings("unchecked")
        Map<String, Object> channels = new HashMap<>((Map<String, Object>) settings.get("channels"));
        channels.put(kind, channel);
        Api.Response saved = api.put("/api/v1/notifications/preferences", Map.of("channels", channels,
                "digest", settings.get("digest"), "digestHour", settings.get("digestHour"),
                "timeZone", settings.get("timeZone")));
        assertEquals(200, saved.status(), saved.body());
    }

    @Test
    void aReplyReachesTheAuthorInTheAppAndByMailThenReadingTheThreadReadsIt() {
        Person asker = person("ask");
        Person helper = person("help");
        long thread = ForumFixtures.thread(asker.api(), discussions, "Where is the manual?", "I cannot find it.",
                List.of());
        ForumFixtures.reply(helper.api(), thread, "Page 12 of the box.");
        await().atMost(Duration.ofSeconds(20)).until(() -> kinds(asker.api()).contains("REPLY"));
        Map<String, Object> item = items(asker.api()).get(0);
        assertEquals(helper.name(), ((Map<?, ?>) item.get("actor")).get("username"));
        assertEquals("Where is the manual?", ((Map<?, ?>) item.get("thread")).get("title"));
        assertTrue(((String) item.get("url")).endsWith("#post-2"), item.toString());
        assertEquals(1, ((Number) asker.api().get("/api/v1/notifications/unread-count").at("unread")).intValue());
        await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(asker.name(), "notification.reply") == 1);
        assertTrue(kinds(helper.api()).isEmpty(), "nobody hears of their own post");

        asker.api().get("/api/v1/threads/" + thread);
        assertEquals(0, ((Number) asker.api().get("/api/v1/notifications/unread-count").at("unread")).intValue());
    }

    @Test
    void eachKindFollowsTheChannelTheMemberChose() {
        Person author = person("auth");
        Person other = person("oth");
        Person fan = person("fan");
        // OFF: nothing at all.
        for (String kind : List.of("REPLY", "MENTION", "QUOTE", "REACTION", "ACCEPTED")) {
            choose(author.api(), kind, "OFF");
        }
        long question = ForumFixtures.thread(author.api(), questions, "How to reset?", "Help me", List.of());
        long firstPost = ((Number) author.api().get("/api/v1/threads/" + question).at("posts.0.id")).longValue();
        long answer = ForumFixtures.reply(other.api(), question, "Hold the button. @" + author.name());
        other.api().post("/api/v1/threads/" + question + "/posts", Map.of("body", "> Help me\n\nSure.",
                "replyTo", firstPost));
        fan.api().post("/api/v1/posts/" + firstPost + "/reactions/like", null);
        author.api().post("/api/v1/threads/" + question + "/accepted-answer", Map.of("postId", answer));
        awaitQueueDrained();
        assertTrue(kinds(author.api()).isEmpty(), kinds(author.api()).toString());
        assertEquals(1, kinds(other.api()).size(), "the accepted answer reaches its author");
        assertEquals("ACCEPTED", kinds(other.api()).get(0));

        // APP: in the app, no mail. EMAIL: both.
        choose(author.api(), "MENTION", "APP");
        choose(author.api(), "QUOTE", "EMAIL");
        ForumFixtures.reply(other.api(), question, "Also see the FAQ, @" + author.name());
        other.api().post("/api/v1/threads/" + question + "/posts", Map.of("body", "> Help me\n\nQuoted.",
                "replyTo", firstPost));
        awaitQueueDrained();
        assertEquals(List.of("QUOTE", "MENTION"), kinds(author.api()));
        await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(author.name(), "notification.quote") == 1);
        assertEquals(0, mailsTo(author.name(), "notification.mention"));
    }

    @Test
    void mutingAThreadOrItsCategorySilencesIt() {
        Person author = person("mute");
        Person other = person("talk");
        long thread = ForumFixtures.thread(author.api(), discussions, "Noisy thread", "Lots of talk", List.of());
        assertEquals(204, author.api().put("/api/v1/threads/" + thread + "/follow", Map.of("level", "MUTED"))
                .status());
        ForumFixtures.reply(other.api(), thread, "Hello @" + author.name());
        awaitQueueDrained();
        assertTrue(kinds(author.api()).isEmpty(), "a muted thread says nothing, mentions included");

        long second = ForumFixtures.thread(author.api(), discussions, "Another one", "More talk", List.of());
        String slug = fixtures.slugOf(discussions);
        assertEquals(200, author.api().put("/api/v1/categories/" + slug + "/follow", Map.of("level", "MUTED"))
                .status());
        author.api().put("/api/v1/threads/" + second + "/follow", Map.of("level", "TRACKING"));
        ForumFixtures.reply(other.api(), second, "Ping @" + author.name());
        awaitQueueDrained();
        assertTrue(kinds(author.api()).isEmpty(), "a muted category says nothing");
        author.api().put("/api/v1/categories/" + slug + "/follow", Map.of());
    }

    @Test
    void watchingACategoryAnnouncesNewThreadsAndTrackingOnlyDirectReplies() {
        Person watcher = person("watch");
        Person starter = person("start");
        long category = fixtures.category("Announcements");
        String slug = fixtures.slugOf(category);
        watcher.api().put("/api/v1/categories/" + slug + "/follow", Map.of("level", "WATCHING"));
        assertEquals("WATCHING", watcher.api().get("/api/v1/categories/" + slug + "/follow").at("level"));
        long thread = ForumFixtures.thread(starter.api(), category, "Version 2 is out", "Release notes", List.of());
        await().atMost(Duration.ofSeconds(20)).until(() -> kinds(watcher.api()).contains("NEW_THREAD"));

        // The author tracks instead of watching: a reply to the thread is quiet, a reply to their post is not.
        starter.api().put("/api/v1/threads/" + thread + "/follow", Map.of("level", "TRACKING"));
        ForumFixtures.reply(watcher.api(), thread, "Great news");
        awaitQueueDrained();
        assertTrue(kinds(starter.api()).isEmpty());
        long first = ((Number) starter.api().get("/api/v1/threads/" + thread).at("posts.0.id")).longValue();
        watcher.api().post("/api/v1/threads/" + thread + "/posts", Map.of("body", "Thanks!", "replyTo", first));
        await().atMost(Duration.ofSeconds(20)).until(() -> kinds(starter.api()).contains("REPLY"));
    }

    @Test
    void reactionsToOnePostGroupWhileUnread() {
        Person author = person("liked");
        long thread = ForumFixtures.thread(author.api(), discussions, "Nice photo", "Look at this", List.of());
        long post = ((Number) author.api().get("/api/v1/threads/" + thread).at("posts.0.id")).longValue();
        for (int i = 0; i < 3; i++) {
            person("fan").api().post("/api/v1/posts/" + post + "/reactions/like", null);
        }
        awaitQueueDrained();
        List<Map<String, Object>> items = items(author.api());
        assertEquals(1, items.size(), items.toString());
        assertEquals(2, ((Number) items.get(0).get("othersCount")).intValue());
        assertEquals("like", items.get(0).get("detail"));
    }

    @Test
    void membersWhoCannotSeeAThreadAreNeverToldAboutIt() {
        Person insider = person("in");
        Person outsider = person("out");
        long group = fixtures.group("staff-room", insider.api());
        long secret = fixtures.category("Secret", Map.of("membersSee", false, "membersReply", false,
                "membersStart", false, "everyoneSee", false, "groupRights",
                List.of(Map.of("groupId", group, "see", true, "reply", true, "start", true))));
        ForumFixtures.thread(insider.api(), secret, "Plans", "Hi @" + outsider.name(), List.of());
        awaitQueueDrained();
        assertTrue(kinds(outsider.api()).isEmpty());
    }

    @Test
    void staffMessagesReachTheMemberAndCannotBeSwitchedOff() {
        Person member = person("msg");
        Api moderator = ForumFixtures.newModerator(server.getURI());
        assertEquals(204, moderator.post("/api/v1/members/" + member.name() + "/staff-messages",
                Map.of("text", "Please stay on topic.")).status());
        Map<String, Object> item = items(member.api()).get(0);
        assertEquals("STAFF_MESSAGE", item.get("kind"));
        assertEquals("Please stay on topic.", item.get("detail"));
        assertEquals(403, member.api().post("/api/v1/members/" + member.name() + "/staff-messages",
                Map.of("text", "x")).status());
        Api.Response off = member.api().put("/api/v1/notifications/preferences", Map.of("channels",
                Map.of("STAFF_MESSAGE", "OFF"), "digest", "OFF", "digestHour", 8, "timeZone", "UTC"));
        assertEquals(422, off.status());
        assertEquals("validation.channelRequired", off.at("errors.0.code"));
    }

    @Test
    void markingReadOneOrAll() {
        Person member = person("reader");
        Api moderator = ForumFixtures.newModerator(server.getURI());
        moderator.post("/api/v1/members/" + member.name() + "/staff-messages", Map.of("text", "One"));
        moderator.post("/api/v1/members/" + member.name() + "/staff-messages", Map.of("text", "Two"));
        long first = ((Number) items(member.api()).get(0).get("id")).longValue();
        assertEquals(1, ((Number) member.api().post("/api/v1/notifications/" + first + "/read", null)
                .at("unread")).intValue());
        Person stranger = person("nosy");
        assertEquals(404, stranger.api().post("/api/v1/notifications/" + first + "/read", null).status());
        assertEquals(204, member.api().post("/api/v1/notifications/read-all", null).status());
        assertEquals(0, ((Number) member.api().get("/api/v1/notifications/unread-count").at("unread")).intValue());
        assertEquals(1, ((List<?>) member.api().get("/api/v1/notifications?unread=false&limit=1").at("items"))
                .size());
    }
}
