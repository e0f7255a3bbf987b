package io.ruche.platform.jobs;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.ruche.support.Api;
import io.ruche.support.ForumFixtures;
import io.ruche.support.IntegrationTest;
import io.ruche.support.TestDatabase;
import io.ruche.support.TestMembers;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Jobs run at most once where it matters: leases are checked before each job, and handlers are idempotent. */
@MicronautTest(transactional = false)
class JobLeaseTest extends IntegrationTest {

    @jakarta.inject.Inject
    JobWorker worker;

    @Test
    void aJobWhoseLeaseWasTakenOverMidBatchIsNotRunByTheOldHolder() {
        // A lane of its own that the background threads never poll: this test drives the worker itself, so the
        // batch is exactly these two jobs, run one after the other on this thread.
        String tag = TestMembers.uniqueName("b");
        TestDatabase.execute("INSERT INTO jobs (kind, lane, payload, run_at, created_at) VALUES "
                + "('" + LeaseProbe.KIND + "', 'lease-test', 'first" + tag + "', UTC_TIMESTAMP(6), UTC_TIMESTAMP(6)), "
                + "('" + LeaseProbe.KIND + "', 'lease-test', 'second" + tag + "', UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))");

        worker.poll("lease-test"); // runs "first", which plays another node taking "second" over

        assertEquals("0", TestDatabase.queryString("SELECT COUNT(*) FROM jobs WHERE payload = 'first" + tag + "'"),
                "the job it held ran and was recorded");
        assertEquals(List.of("first" + tag), LeaseProbe.RUNS.stream().filter(r -> r.endsWith(tag)).toList(),
                "the job whose lease it lost was not run");
        assertEquals("another-node", TestDatabase.queryString("SELECT locked_by FROM jobs WHERE payload = 'second"
                + tag + "'"), "left to the node that holds it now");
        TestDatabase.execute("DELETE FROM jobs WHERE payload = 'second" + tag + "'");
    }

    @Test
    void aNotificationJobDeliveredTwiceNotifiesOnce() {
        long category = new ForumFixtures(ForumFixtures.newAdmin(server.getURI())).category("Twice");
        String askerName = TestMembers.uniqueName("asker");
        Api asker = api().registered(askerName);
        long thread = ForumFixtures.thread(asker, category, "Does it notify once?", "Let us see", List.of());
        long reply = ForumFixtures.reply(api().registered(TestMembers.uniqueName("helper")), thread, "Yes it does");
        String askerId = TestDatabase.queryString("SELECT id FROM members WHERE username = '" + askerName + "'");
        String count = "SELECT COUNT(*) FROM notifications WHERE member_id = " + askerId + " AND post_id = " + reply;
        await().atMost(Duration.ofSeconds(10)).until(() -> "1".equals(TestDatabase.queryString(count)));

        // The same delivery again, as after a crash between its work and its removal, or from a node whose lease
        // ran out; and the same fact as a job queued before events existed.
        String delivery = "{\"v\":1,\"event\":{\"postId\":" + reply + ",\"threadId\":" + thread
                + ",\"authorId\":0,\"categoryId\":" + category + "}}";
        TestDatabase.execute("INSERT INTO jobs (kind, lane, payload, run_at, created_at) VALUES "
                + "('event.notify.post-published', 'notify', '" + delivery + "', UTC_TIMESTAMP(6), UTC_TIMESTAMP(6)), "
                + "('" + JobKinds.NOTIFY_POST + "', 'notify', '" + reply + "', UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))");
        await().atMost(Duration.ofSeconds(10)).until(() -> "0".equals(TestDatabase.queryString(
                "SELECT COUNT(*) FROM jobs WHERE lane = 'notify' AND (payload = '" + reply + "' OR payload LIKE "
                + "'%\"postId\":" + reply + ",%')")));

        assertEquals("1", TestDatabase.queryString(count));
    }
}
