package io.ruche.forum;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.ruche.support.Api;
import io.ruche.support.ForumFixtures;
import io.ruche.support.IntegrationTest;
import io.ruche.support.StatementCounter;
import io.ruche.support.TestMembers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** List pages run a fixed number of statements whatever their size: no query per row. */
@MicronautTest(transactional = false)
class QueryCountTest extends IntegrationTest {

    private Api reader;
    private ForumFixtures fixtures;
    private long small;
    private long large;
    private long smallThread;
    private long largeThread;

    @BeforeAll
    void setUp() {
        Api admin = ForumFixtures.newAdmin(server.getURI());
        fixtures = new ForumFixtures(admin);
        Api writer = api().registered(TestMembers.uniqueName("w"));
        Api liker = api().registered(TestMembers.uniqueName("l"));
        reader = api().registered(TestMembers.uniqueName("r"));
        small = fixtures.category("Small");
        large = fixtures.category("Large");
        for (int i = 0; i < 2; i++) {
            ForumFixtures.thread(writer, small, "Small " + i, "x", List.of("a"));
        }
        for (int i = 0; i < 12; i++) {
            ForumFixtures.thread(writer, large, "Large " + i, "x @" + "nobody", List.of("a", "b"));
        }
        smallThread = ForumFixtures.thread(writer, small, "Few posts", "x", List.of());
        largeThread = ForumFixtures.thread(writer, large, "Many posts", "x", List.of("t"));
        for (int i = 0; i < 15; i++) {
            long post = ForumFixtures.reply(writer, largeThread, "reply " + i);
            liker.post("/api/v1/posts/" + post + "/reactions/like", null);
            liker.post("/api/v1/posts/" + post + "/reactions/heart", null);
        }
        ForumFixtures.reply(writer, smallThread, "only one reply");
    }

    /** Writes queue deliveries (search, notifications, caches): they run first, so a count is the request's own. */
    private static void drained() {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> "0".equals(
                io.ruche.support.TestDatabase.queryString("SELECT COUNT(*) FROM jobs WHERE run_at <= UTC_TIMESTAMP(6) "
                        + "+ INTERVAL 1 SECOND AND attempts < 3")));
    }

    /** The fewest statements of three runs: a poll of a background worker can only add to a run's count. */
    private long statements(Supplier<Api.Response> call) {
        call.get(); // warm up: first-time work (read rows created) is not what we measure
        drained();
        long fewest = Long.MAX_VALUE;
        for (int run = 0; run < 3; run++) {
            long before = StatementCounter.count();
            Api.Response response = call.get();
            fewest = Math.min(fewest, StatementCounter.count() - before);
            assertEquals(200, response.status(), response.body());
        }
        return fewest;
    }

    @Test
    void categoryThreadListDoesNotGrowWithItsLength() {
        long few = statements(() -> reader.get("/api/v1/categories/" + fixtures.slugOf(small) + "/threads"));
        long many = statements(() -> reader.get("/api/v1/categories/" + fixtures.slugOf(large) + "/threads"));
        assertEquals(few, many);
        assertTrue(many <= 10, "statements: " + many);
    }

    @Test
    void latestThreadsListIsAFixedNumberOfStatements() {
        long few = statements(() -> reader.get("/api/v1/threads?limit=3"));
        long many = statements(() -> reader.get("/api/v1/threads?limit=30"));
        assertEquals(few, many);
    }

    @Test
    void threadPageDoesNotGrowWithItsPosts() {
        long few = statements(() -> reader.get("/api/v1/threads/" + smallThread));
        long many = statements(() -> reader.get("/api/v1/threads/" + largeThread));
        assertEquals(few, many);
        // Members also move their read marker and read the thread's notifications: fixed costs, not per post.
        assertTrue(many <= 16, "statements: " + many);
        long guestMany = statements(() -> api().get("/api/v1/threads/" + largeThread));
        assertTrue(guestMany <= 1, "a guest's page comes from the guest cache: " + guestMany);
    }

    @Test
    void categoryTreeIsAFixedNumberOfStatements() {
        long before = statements(() -> reader.get("/api/v1/categories"));
        fixtures.category("One more");
        fixtures.category("And another");
        long after = statements(() -> reader.get("/api/v1/categories"));
        assertEquals(before, after);
    }
}
