package io.ruche.platform.events;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import io.ruche.forum.ForumEvents;
import io.ruche.support.Api;
import io.ruche.support.ForumFixtures;
import io.ruche.support.IntegrationTest;
import io.ruche.support.TestDatabase;
import io.ruche.support.TestMembers;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Deliveries are at least once: each subscriber of the notifications and the live feed, given the same event a
 * second time, changes nothing a second time. (Search indexing is an upsert; {@link OutboxTest} redelivers it.)
 */
@MicronautTest(transactional = false)
class SubscriberIdempotenceTest extends IntegrationTest {

    @Inject
    Outbox outbox;

    @Inject
    TransactionOperations<Connection> transactions;

    private ForumFixtures fixtures;
    private long category;
    private long questions;

    @BeforeAll
    void forum() {
        fixtures = new ForumFixtures(ForumFixtures.newAdmin(server.getURI()));
        category = fixtures.category("Said twice");
        questions = fixtures.category("Asked twice", Map.of("kind", "QUESTIONS"));
    }

    @Test
    void aReplyDeliveredTwiceNotifiesTheFollowerOnceAndReachesLiveReadersOnce() {
        Api author = api().registered(TestMembers.uniqueName("asker"));
        Api replier = api().registered(TestMembers.uniqueName("replier"));
        long thread = ForumFixtures.thread(author, category, "Twice told", "Anyone?", List.of());
        long reply = ForumFixtures.reply(replier, thread, "Me!");
        long authorId = idOf(author);
        long replierId = idOf(replier);
        int position = Integer.parseInt(TestDatabase.queryString("SELECT position FROM posts WHERE id = " + reply));
        ForumEvents.PostPublished event = new ForumEvents.PostPublished(reply, thread, replierId, category, position);

        assertUnchangedByRedelivery("notify.post-published", "notify", event,
                () -> count("SELECT COUNT(*) FROM notifications WHERE kind <> 'BADGE' AND member_id = " + authorId));
        assertUnchangedByRedelivery("live.post-published", "live", event,
                () -> count("SELECT COUNT(*) FROM live_events WHERE topic = 'thread:" + thread + "' AND type = 'post'"));
    }

    @Test
    void aNewThreadDeliveredTwiceNotifiesAWatcherOnce() {
        Api watcher = api().registered(TestMembers.uniqueName("watcher"));
        assertEquals(200, watcher.put("/api/v1/categories/" + fixtures.slugOf(category) + "/follow",
                Map.of("level", "WATCHING")).status());
        Api author = api().registered(TestMembers.uniqueName("starter"));
        long thread = ForumFixtures.thread(author, category, "Watched twice", "News", List.of());
        long first = Long.parseLong(TestDatabase.queryString("SELECT id FROM posts WHERE thread_id = " + thread));
        long watcherId = idOf(watcher);
        assertUnchangedByRedelivery("notify.thread-created", "notify",
                new ForumEvents.ThreadCreated(thread, first, idOf(author), category),
                () -> count("SELECT COUNT(*) FROM notifications WHERE kind <> 'BADGE' AND member_id = " + watcherId));
    }

    @Test
    void aReactionDeliveredTwiceCountsItsAuthorOnce() {
        Api author = api().registered(TestMembers.uniqueName("liked"));
        Api fan = api().registered(TestMembers.uniqueName("fan"));
        long thread = ForumFixtures.thread(author, category, "Liked twice", "Like this", List.of());
        long post = Long.parseLong(TestDatabase.queryString("SELECT id FROM posts WHERE thread_id = " + thread));
        assertEquals(200, fan.post("/api/v1/posts/" + post + "/reactions/like", null).status());
        long authorId = idOf(author);
        assertUnchangedByRedelivery("notify.reaction-added", "notify",
                new ForumEvents.ReactionAdded(post, idOf(fan), "like"),
                () -> count("SELECT COALESCE(SUM(actor_count), 0) FROM notifications WHERE kind <> 'BADGE' AND member_id = " + authorId));
    }

    @Test
    void anAcceptedAnswerDeliveredTwiceNotifiesItsAuthorOnce() {
        Api asker = api().registered(TestMembers.uniqueName("asker"));
        Api helper = api().registered(TestMembers.uniqueName("helper"));
        long thread = ForumFixtures.thread(asker, questions, "Solved twice", "How?", List.of());
        long answer = ForumFixtures.reply(helper, thread, "Like this.");
        assertEquals(204, asker.post("/api/v1/threads/" + thread + "/accepted-answer", Map.of("postId", answer))
                .status());
        long helperId = idOf(helper);
        assertUnchangedByRedelivery("notify.answer-accepted", "notify",
                new ForumEvents.AnswerAccepted(thread, answer, idOf(asker)),
                () -> count("SELECT COUNT(*) FROM notifications WHERE kind <> 'BADGE' AND member_id = " + helperId));
    }

    /** Waits for the first delivery's effect, delivers the same event again, and checks the effect is unchanged. */
    private void assertUnchangedByRedelivery(String subscriber, String lane, DomainEvent event, Callable<Long> effect)
            throws RuntimeException {
        String kind = Outbox.KIND_PREFIX + subscriber;
        await().atMost(Duration.ofSeconds(10)).until(() -> effect.call() > 0 && pending(kind) == 0);
        long once = call(effect);
        String payload = outbox.encode(event);
        transactions.executeWrite(status -> {
            TestDatabase.execute("INSERT INTO jobs (kind, lane, payload, run_at, created_at) VALUES ('" + kind
                    + "', '" + lane + "', '" + payload.replace("'", "''") + "', UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))");
            return null;
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> pending(kind) == 0);
        assertEquals(once, call(effect), subscriber + " changed something again on a second delivery");
    }

    private static long pending(String kind) {
        return count("SELECT COUNT(*) FROM jobs WHERE kind = '" + kind + "' AND failed_at IS NULL");
    }

    private static long call(Callable<Long> effect) {
        try {
            return effect.call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(String query) {
        return Long.parseLong(TestDatabase.queryString(query));
    }

    private static long idOf(Api member) {
        return Long.parseLong(TestDatabase.queryString("SELECT id FROM members WHERE username = '"
                + member.get("/api/v1/session").at("member.username") + "'"));
    }
}
