package io.ruche.search;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.ruche.support.Api;
import io.ruche.support.ForumFixtures;
import io.ruche.support.TestDatabase;
import io.ruche.support.TestElasticsearch;
import io.ruche.support.TestMembers;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scenarios on a real Elasticsearch node, plus what only a remote engine needs: outages and the swap. */
@MicronautTest(transactional = false)
class ElasticsearchSearchTest extends SearchScenarios {

    static final String PREFIX = "ruche-test-" + Long.toString(System.nanoTime(), 36);

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("ruche.elasticsearch.url", TestElasticsearch.url());
        properties.put("ruche.elasticsearch.index-prefix", PREFIX);
        return properties;
    }

    @Override
    boolean toleratesTypos() {
        return true;
    }

    @Test
    void postsWrittenWhileElasticsearchIsDownAreIndexedWhenItReturns() {
        // A forum of its own, so no other node's worker takes its jobs: first with Elasticsearch unreachable.
        String marker = uniqueWord();
        Map<String, Object> forum = TestDatabase.freshDatabase("ruche_outage");
        forum.put("ruche.elasticsearch.index-prefix", PREFIX + "-outage");
        forum.put("ruche.admin.username", "outage_admin");
        forum.put("ruche.admin.email", "outage@example.test");
        forum.put("ruche.admin.password", TestMembers.PASSWORD);
        // This forum's members post at once: address verification has its own tests (MailTest).
        forum.put("ruche.accounts.verified-email-to-post", false);
        Map<String, Object> down = new HashMap<>(forum);
        down.put("ruche.elasticsearch.url", "http://127.0.0.1:9"); // nothing listens there: the engine is away
        try (EmbeddedServer outage = ApplicationContext.run(EmbeddedServer.class, down, "test")) {
            Api admin = new Api(outage.getURI()).signedIn("outage_admin", TestMembers.PASSWORD);
            long category = new ForumFixtures(admin).category("Outage");
            Api writer = new Api(outage.getURI()).registered(TestMembers.uniqueName("writer"));
            long thread = ForumFixtures.thread(writer, category, "Written during the outage " + marker,
                    "Nothing is lost " + marker, List.of());
            ForumFixtures.reply(writer, thread, "Neither is this " + marker);
            Api.Response failing = new Api(outage.getURI()).get("/api/v1/search?q=" + marker);
            assertEquals(503, failing.status(), "searching says the engine is away: " + failing.body());
            assertEquals("problem.searchUnavailable", failing.at("code"));
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    ((Number) admin.get("/api/v1/admin/search/reindex").at("queue.failing")).longValue() >= 2);
        }
        // The same forum, Elasticsearch back: the queued jobs are retried and both posts are found.
        Map<String, Object> up = new HashMap<>(forum);
        up.put("ruche.elasticsearch.url", TestElasticsearch.url());
        try (EmbeddedServer recovered = ApplicationContext.run(EmbeddedServer.class, up, "test")) {
            Api reader = new Api(recovered.getURI());
            await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500)).until(() -> {
                Api.Response found = reader.get("/api/v1/search?q=" + marker);
                return found.status() == 200 && total(found) == 2;
            });
        }
    }

    @Test
    void writesReachTheIndexAReindexOnAnotherNodeIsBuilding() throws Exception {
        String target = PREFIX + "-posts-other-node";
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(TestElasticsearch.url() + "/" + target))
                .PUT(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        // What another node records when it starts a reindex.
        TestDatabase.execute("UPDATE search_reindex SET state = 'RUNNING', target = '" + target + "', "
                + "started_at = NOW(6) WHERE id = 1");
        try {
            long thread = ForumFixtures.thread(alice, otherCategory, "During another reindex " + uniqueWord(), "x",
                    List.of());
            long post = ((Number) alice.get("/api/v1/threads/" + thread).at("posts.0.id")).longValue();
            await().atMost(Duration.ofSeconds(20)).until(() -> http.send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(TestElasticsearch.url() + "/" + target + "/_doc/" + post)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
        } finally {
            TestDatabase.execute("UPDATE search_reindex SET state = 'DONE', target = NULL, finished_at = NOW(6) WHERE id = 1");
        }
    }

    @Test
    void searchesKeepAnsweringDuringAReindex() throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger answered = new AtomicInteger();
        List<String> failures = new ArrayList<>();
        CompletableFuture<Void> searcher = CompletableFuture.runAsync(() -> {
            Api reader = api();
            while (running.get()) {
                Api.Response response = search(reader, word);
                if (response.status() != 200 || total(response) < 6) {
                    synchronized (failures) {
                        failures.add(response.status() + " " + response.body());
                    }
                }
                answered.incrementAndGet();
            }
        });
        Api.Response started = admin.post("/api/v1/admin/search/reindex", null);
        assertTrue(started.status() == 202 || started.status() == 409, started.body());
        await().atMost(Duration.ofSeconds(60)).until(() ->
                "DONE".equals(admin.get("/api/v1/admin/search/reindex").at("state")));
        running.set(false);
        searcher.get();
        assertTrue(answered.get() > 0);
        assertTrue(failures.isEmpty(), failures.toString());
        assertTrue(((String) admin.get("/api/v1/admin/search/reindex").at("target")).startsWith(PREFIX + "-posts-"));
    }
}
