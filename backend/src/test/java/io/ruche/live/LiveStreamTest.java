package io.ruche.live;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.ruche.support.Api;
import io.ruche.support.ForumFixtures;
import io.ruche.support.IntegrationTest;
import io.ruche.support.TestDatabase;
import io.ruche.support.TestMembers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Two application nodes on one database: a reply written through node A reaches a browser connected to node B,
 * as a new post in the thread it reads and as a notification. Nodes share events through the database only.
 */
@MicronautTest(transactional = false)
class LiveStreamTest extends IntegrationTest {

    private EmbeddedServer nodeB;

    @BeforeAll
    void startSecondNode() {
        Map<String, Object> properties = new HashMap<>(TestDatabase.properties());
        properties.put("micronaut.server.port", -1);
        nodeB = ApplicationContext.run(EmbeddedServer.class, properties, "test");
    }

    @AfterAll
    void stopSecondNode() {
        if (nodeB != null) {
            nodeB.close();
        }
    }

    /** An EventSource-like reader: collects "event:" and "data:" lines of one stream. */
    private static final class Stream_ {
        final List<String> lines = new CopyOnWriteArrayList<>();
        final CompletableFuture<HttpResponse<Stream<String>>> response;

        Stream_(URI uri, String sessionCookie) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream");
            if (sessionCookie != null) {
                request.header("Cookie", "ruche_session=" + sessionCookie);
            }
            response = HttpClient.newHttpClient().sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines());
            response.thenAccept(r -> CompletableFuture.runAsync(() -> r.body().forEach(lines::add)));
        }

        boolean has(String event, String dataPart) {
            for (int i = 0; i + 1 < lines.size(); i++) {
                if (lines.get(i).equals("event: " + event) || lines.get(i).equals("event:" + event)) {
                    for (int j = i + 1; j < Math.min(lines.size(), i + 4); j++) {
                        if (lines.get(j).startsWith("data:") && lines.get(j).contains(dataPart)) {
                            return true;
                        }
                    }
                }
                if (lines.get(i).startsWith("data:") && lines.get(i).contains(dataPart)
                        && lines.get(Math.max(0, i - 1)).contains(event)) {
                    return true;
                }
            }
            return false;
        }

        void close() {
            response.thenAccept(r -> r.body().close());
            response.cancel(true);
        }
    }

    @Test
    void anEventRaisedOnOneNodeReachesAClientOfTheOther() {
        long category = new ForumFixtures(ForumFixtures.newAdmin(server.getURI())).category("Live");
        String readerName = TestMembers.uniqueName("reader");
        Api reader = api().registered(readerName);
        Api writer = api().registered(TestMembers.uniqueName("writer"));
        long thread = ForumFixtures.thread(reader, category, "Live thread", "Watch this", List.of());

        String cookie = reader.cookie("ruche_session").orElseThrow();
        Stream_ onB = new Stream_(nodeB.getURI().resolve("/api/v1/live?thread=" + thread), cookie);
        Stream_ guestOnB = new Stream_(nodeB.getURI().resolve("/api/v1/live?thread=" + thread), null);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> onB.lines.contains("event: ready")
                    || onB.lines.contains("event:ready"));
            long post = ForumFixtures.reply(writer, thread, "Hello from node A, @" + readerName);
            await().atMost(Duration.ofSeconds(20)).until(() -> onB.has("post", "\"postId\":" + post));
            await().atMost(Duration.ofSeconds(20)).until(() -> onB.has("notification", "\"unread\":1"));
            await().atMost(Duration.ofSeconds(20)).until(() -> guestOnB.has("post", "\"postId\":" + post));
            assertFalse(guestOnB.has("notification", "unread"), "a guest hears of posts, never of someone's inbox");
        } finally {
            onB.close();
            guestOnB.close();
        }
    }

    @Test
    void aThreadInAPrivateCategoryCannotBeListenedTo() {
        ForumFixtures fixtures = new ForumFixtures(ForumFixtures.newAdmin(server.getURI()));
        Api insider = api().registered(TestMembers.uniqueName("in"));
        long group = fixtures.group("live-room", insider);
        long secret = fixtures.category("Hidden live", Map.of("everyoneSee", false, "membersSee", false,
                "membersReply", false, "membersStart", false, "groupRights",
                List.of(Map.of("groupId", group, "see", true, "reply", true, "start", true))));
        long thread = ForumFixtures.thread(insider, secret, "Private live", "Shh", List.of());
        Api outsider = api().registered(TestMembers.uniqueName("out"));
        assertEquals(404, outsider.get("/api/v1/live?thread=" + thread).status());
        assertEquals(404, api().get("/api/v1/live?thread=" + thread).status());
    }
}
