package io.ruche.platform.events;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import io.ruche.support.Api;
import io.ruche.support.ForumFixtures;
import io.ruche.support.IntegrationTest;
import io.ruche.support.TestDatabase;
import io.ruche.support.TestMembers;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Domain events through the outbox: delivered after commit, per subscriber, at least once, never after a rollback. */
@MicronautTest(transactional = false)
class OutboxTest extends IntegrationTest {

    @Inject
    Outbox outbox;

    @Inject
    TransactionOperations<Connection> transactions;

    @Test
    void anEventOfATransactionThatRollsBackIsNeverDelivered() {
        String tag = TestMembers.uniqueName("rolled");
        assertThrows(IllegalStateException.class, () -> transactions.executeWrite(status -> {
            outbox.publish(new ProbeEvents.Probe(tag));
            throw new IllegalStateException("the change fails after publishing");
        }));
        assertEquals("0", TestDatabase.queryString("SELECT COUNT(*) FROM jobs WHERE payload LIKE '%" + tag + "%'"));
        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(2))
                .until(() -> !ProbeEvents.RECORDED.contains(tag));
    }

    @Test
    void aFailingSubscriberIsRetriedAloneWhileTheOthersHaveRun() {
        String tag = TestMembers.uniqueName("flaky");
        transactions.executeWrite(status -> {
            outbox.publish(new ProbeEvents.Probe(tag));
            return null;
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> ProbeEvents.RECORDED.contains(tag));
        assertEquals(1, ProbeEvents.RECORDED.stream().filter(tag::equals).count(), "the recorder ran once");
        await().atMost(Duration.ofSeconds(10)).until(() -> ProbeEvents.FLAKY_SUCCEEDED.contains(tag));
        assertEquals(2, ProbeEvents.FLAKY_TRIES.get(tag).get(), "the failing one, retried alone");
        assertEquals(1, ProbeEvents.RECORDED.stream().filter(tag::equals).count(), "the recorder did not run again");
    }

    @Test
    void aSearchDeliveryThatArrivesTwiceIndexesThePostOnce() {
        long category = new ForumFixtures(ForumFixtures.newAdmin(server.getURI())).category("Twice indexed");
        Api member = api().registered(TestMembers.uniqueName("indexed"));
        String word = "zq" + TestMembers.uniqueName("w").replaceAll("[^a-z0-9]", "");
        long thread = ForumFixtures.thread(member, category, "Indexed once", "Start", List.of());
        long reply = ForumFixtures.reply(member, thread, "The word " + word + " is here");
        await().atMost(Duration.ofSeconds(10)).until(() -> total(member, word) == 1);

        String delivery = "{\"v\":1,\"event\":{\"postId\":" + reply + ",\"threadId\":" + thread
                + ",\"authorId\":0,\"categoryId\":" + category + "}}";
        TestDatabase.execute("INSERT INTO jobs (kind, lane, payload, run_at, created_at) VALUES ("
                + "'event.search.post-published', 'search', '" + delivery + "', UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))");
        await().atMost(Duration.ofSeconds(10)).until(() -> "0".equals(TestDatabase.queryString(
                "SELECT COUNT(*) FROM jobs WHERE kind = 'event.search.post-published' AND payload = '" + delivery + "'")));
        assertEquals(1, total(member, word));
    }

    private static long total(Api api, String word) {
        Api.Response found = api.get("/api/v1/search?q=" + word);
        assertTrue(found.status() == 200, found.body());
        return ((Number) found.at("total")).longValue();
    }

    @Test
    void accountsAndModerationPublishTheirFacts() {
        String name = TestMembers.uniqueName("facts");
        Api author = api().registered(name);
        String id = TestDatabase.queryString("SELECT id FROM members WHERE username = '" + name + "'");
        await().atMost(Duration.ofSeconds(10)).until(() -> ProbeEvents.FACTS.contains("MemberRegistered:" + id));

        long category = new ForumFixtures(ForumFixtures.newAdmin(server.getURI())).category("Facts");
        long thread = ForumFixtures.thread(author, category, "Facts thread", "Something to flag", List.of());
        long post = Long.parseLong(TestDatabase.queryString("SELECT id FROM posts WHERE thread_id = " + thread));
        assertEquals(204, api().registered(TestMembers.uniqueName("flagger"))
                .post("/api/v1/posts/" + post + "/flags", java.util.Map.of("reason", "SPAM")).status());
        await().atMost(Duration.ofSeconds(10)).until(() -> ProbeEvents.FACTS.contains("FlagRaised:" + post));

        Api moderator = ForumFixtures.newModerator(server.getURI());
        long item = Long.parseLong(TestDatabase.queryString("SELECT id FROM review_items WHERE post_id = " + post
                + " AND status = 'OPEN'"));
        Api.Response warned = moderator.post("/api/v1/admin/review/actions", java.util.Map.of("ids", List.of(item),
                "action", "WARN", "reason", "Please stay on topic"));
        assertEquals(200, warned.status(), warned.body());
        await().atMost(Duration.ofSeconds(10)).until(() -> ProbeEvents.FACTS.contains("ReviewDecided:" + post + ":WARN")
                && ProbeEvents.FACTS.contains("SanctionApplied:" + id + ":WARNING"));
    }

    @Test
    void aMemberVisitsOnceADayHoweverOftenTheySignIn() {
        String name = TestMembers.uniqueName("visitor");
        api().registered(name);
        String id = TestDatabase.queryString("SELECT id FROM members WHERE username = '" + name + "'");
        // Six browsers sign in at the same moment: one of them makes the day's visit.
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<Integer>> signIns = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            signIns.add(pool.submit(() -> {
                start.await();
                return api().post("/api/v1/session", java.util.Map.of("login", name, "password", TestMembers.PASSWORD))
                        .status();
            }));
        }
        start.countDown();
        for (java.util.concurrent.Future<Integer> signIn : signIns) {
            try {
                assertEquals(200, signIn.get(30, java.util.concurrent.TimeUnit.SECONDS));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        pool.shutdown();
        String today = "MemberSignedIn:" + id + ":" + java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        await().atMost(Duration.ofSeconds(10)).until(() -> ProbeEvents.FACTS.contains(today));
        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(3))
                .until(() -> ProbeEvents.FACTS.stream().filter(today::equals).count() == 1);

        // The next day, the first sign-in is a visit again.
        TestDatabase.execute("UPDATE members SET last_visit_day = last_visit_day - INTERVAL 1 DAY WHERE id = " + id);
        api().signedIn(name, TestMembers.PASSWORD);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> ProbeEvents.FACTS.stream().filter(today::equals).count() == 2);
    }
}
