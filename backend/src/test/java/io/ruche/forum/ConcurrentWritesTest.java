package io.ruche.forum;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.ruche.support.Api;
import io.ruche.support.Concurrently;
import io.ruche.support.ForumFixtures;
import io.ruche.support.IntegrationTest;
import io.ruche.support.TestDatabase;
import io.ruche.support.TestMembers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Members acting at the same moment, with real threads against the real database: replies to one thread, likes on
 * one post, flags on one post, threads in one category, and two nodes starting together on an empty database.
 * No 500, no duplicate, no lost update.
 */
@MicronautTest(transactional = false)
class ConcurrentWritesTest extends IntegrationTest {

    private long category;
    private Api starter;

    @BeforeAll
    void setUp() {
        ForumFixtures fixtures = new ForumFixtures(ForumFixtures.newAdmin(server.getURI()));
        category = fixtures.category("Launch day");
        starter = api().registered(TestMembers.uniqueName("starter"));
    }

    private List<Api> members(int count) {
        return IntStream.range(0, count).mapToObj(i -> api().registered(TestMembers.uniqueName("crowd"))).toList();
    }

    private static List<Api.Response> atOnce(List<Api> members, Function<Api, Api.Response> call) throws Exception {
        return Concurrently.atOnce(members, call);
    }

    private static long firstPost(long thread) {
        return Long.parseLong(TestDatabase.queryString("SELECT id FROM posts WHERE thread_id = " + thread
                + " AND position = 1"));
    }

    private static void assertAll(int status, List<Api.Response> responses) {
        for (Api.Response response : responses) {
            assertEquals(status, response.status(), response.body());
        }
    }

    @Test
    void sixteenMembersReplyToOneThreadAtOnceAndTakeEveryPositionOnce() throws Exception {
        long thread = ForumFixtures.thread(starter, category, "Launch thread", "It is out, tell us!", List.of());
        List<Api> crowd = members(16);

        List<Api.Response> replies = atOnce(crowd, m -> m.post("/api/v1/threads/" + thread + "/posts",
                Map.of("body", "Congratulations from the crowd")));

        assertAll(201, replies);
        List<Integer> positions = replies.stream().map(r -> ((Number) r.at("position")).intValue()).sorted().toList();
        assertEquals(IntStream.rangeClosed(2, 17).boxed().toList(), positions);
        assertEquals("17", TestDatabase.queryString("SELECT post_count FROM threads WHERE id = " + thread));
        assertEquals("17", TestDatabase.queryString("SELECT COUNT(DISTINCT position) FROM posts WHERE thread_id = "
                + thread));
    }

    @Test
    void membersOnTwoNodesReplyToOneThreadAtOnce() throws Exception {
        long thread = ForumFixtures.thread(starter, category, "Across nodes", "Two nodes, one thread", List.of());
        Map<String, Object> properties = new HashMap<>(TestDatabase.properties());
        properties.put("micronaut.server.port", -1);
        try (EmbeddedServer nodeB = ApplicationContext.run(EmbeddedServer.class, properties, "test")) {
            List<Api> crowd = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Api member = (i % 2 == 0 ? api() : new Api(nodeB.getURI())).registered(TestMembers.uniqueName("node"));
                crowd.add(member);
            }
            List<Api.Response> replies = atOnce(crowd, m -> m.post("/api/v1/threads/" + thread + "/posts",
                    Map.of("body", "From whichever node")));
            assertAll(201, replies);
        }
        assertEquals("9", TestDatabase.queryString("SELECT COUNT(DISTINCT position) FROM posts WHERE thread_id = "
                + thread));
        assertEquals("9", TestDatabase.queryString("SELECT MAX(position) FROM posts WHERE thread_id = " + thread));
    }

    @Test
    void fiftyMembersLikeOnePostAtOnceAndEveryLikeCounts() throws Exception {
        long thread = ForumFixtures.thread(starter, category, "Like this", "Please like the launch", List.of());
        long post = firstPost(thread);
        List<Api> crowd = members(50);

        List<Api.Response> likes = atOnce(crowd, m -> m.post("/api/v1/posts/" + post + "/reactions/like", null));

        assertAll(200, likes);
        assertEquals("50", TestDatabase.queryString("SELECT reaction_count FROM posts WHERE id = " + post));
        assertEquals("50", TestDatabase.queryString("SELECT total FROM reaction_counts WHERE post_id = " + post
                + " AND kind = 'like'"));
        assertEquals("50", TestDatabase.queryString("SELECT reaction_count FROM threads WHERE id = " + thread));
        assertEquals("50", TestDatabase.queryString("SELECT COUNT(*) FROM reactions WHERE post_id = " + post));
    }

    @Test
    void eightWikiEditorsAtOnceEachKeepTheTextTheyReplaced() throws Exception {
        long thread = ForumFixtures.thread(starter, category, "Launch FAQ", "Questions and answers, to improve",
                List.of());
        long post = firstPost(thread);
        TestDatabase.execute("UPDATE posts SET wiki = TRUE WHERE id = " + post);
        List<Api> crowd = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String name = TestMembers.uniqueName("wiki");
            crowd.add(api().registered(name));
            TestDatabase.execute("UPDATE members SET trust_level = 2 WHERE username = '" + name + "'");
        }
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();

        List<Api.Response> edits = atOnce(crowd, m -> m.patch("/api/v1/posts/" + post,
                Map.of("body", "Questions and answers, improved by editor " + n.incrementAndGet())));

        assertAll(200, edits);
        // Each edit replaced the text the previous one wrote: eight revisions, eight distinct earlier texts.
        assertEquals("8", TestDatabase.queryString("SELECT edit_count FROM posts WHERE id = " + post));
        assertEquals("8", TestDatabase.queryString("SELECT COUNT(DISTINCT body_source) FROM post_revisions "
                + "WHERE post_id = " + post));
    }

    @Test
    void tenFlagsOnOnePostAtOnceOpenOneReviewItem() throws Exception {
        long thread = ForumFixtures.thread(starter, category, "Dubious offer", "Buy cheap things here", List.of());
        long post = firstPost(thread);
        List<Api> crowd = members(10);

        List<Api.Response> flags = atOnce(crowd, m -> m.post("/api/v1/posts/" + post + "/flags",
                Map.of("reason", "SPAM")));

        assertAll(204, flags);
        assertEquals("10", TestDatabase.queryString("SELECT flag_count FROM posts WHERE id = " + post));
        assertEquals("1", TestDatabase.queryString("SELECT COUNT(*) FROM review_items WHERE post_id = " + post
                + " AND status = 'OPEN'"));
    }

    @Test
    void sixteenMembersStartThreadsInOneCategoryAtOnce() throws Exception {
        ForumFixtures fixtures = new ForumFixtures(ForumFixtures.newAdmin(server.getURI()));
        long busy = fixtures.category("Busy");
        List<Api> crowd = members(16);

        List<Api.Response> created = atOnce(crowd, m -> m.post("/api/v1/threads", Map.of("categoryId", busy,
                "title", "My launch question " + TestMembers.uniqueName("q"), "body", "How do I start?",
                "tags", List.of())));

        assertAll(201, created);
        assertEquals("16", TestDatabase.queryString("SELECT thread_count FROM categories WHERE id = " + busy));
        assertEquals("16", TestDatabase.queryString("SELECT post_count FROM categories WHERE id = " + busy));
    }

    @Test
    void twoNodesStartingTogetherOnAnEmptyDatabaseSeedTheDemoOnceWithOneAdministrator() throws Exception {
        Map<String, Object> properties = TestDatabase.freshDatabase("ruche_two_nodes");
        properties.put("micronaut.server.port", -1);
        properties.put("ruche.demo", "true");
        properties.put("ruche.admin.email", "owner@example.test");
        properties.put("ruche.admin.password", "Launch-day-2026!");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<ApplicationContext>> nodes = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            nodes.add(pool.submit(() -> {
                go.await();
                return ApplicationContext.run(EmbeddedServer.class, new HashMap<>(properties), "test")
                        .getApplicationContext();
            }));
        }
        go.countDown();
        List<ApplicationContext> started = new ArrayList<>();
        try {
            for (Future<ApplicationContext> node : nodes) {
                started.add(node.get(180, TimeUnit.SECONDS));
            }
            for (ApplicationContext node : started) {
                Api.Response health = new Api(node.getBean(EmbeddedServer.class).getURI()).get("/health");
                assertEquals(200, health.status(), health.body());
            }
            String url = (String) properties.get("datasources.default.url");
            try (Connection connection = DriverManager.getConnection(url, TestDatabase.username(),
                    TestDatabase.password()); Statement statement = connection.createStatement()) {
                assertEquals(1, count(statement, "SELECT COUNT(*) FROM members WHERE role = 'ADMIN'"));
                assertEquals(1, count(statement, "SELECT COUNT(*) FROM members WHERE username = 'camille'"));
                assertEquals(4, count(statement, "SELECT COUNT(*) FROM categories WHERE parent_id IS NULL"));
                assertTrue(count(statement, "SELECT COUNT(*) FROM threads") > 0);
                assertEquals(count(statement, "SELECT COUNT(DISTINCT title) FROM threads"),
                        count(statement, "SELECT COUNT(*) FROM threads"), "no thread seeded twice");
            }
        } finally {
            started.forEach(ApplicationContext::close);
            pool.shutdownNow();
        }
    }

    private static long count(Statement statement, String sql) throws Exception {
        try (ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
