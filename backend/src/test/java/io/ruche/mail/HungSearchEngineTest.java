package io.ruche.mail;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.ruche.support.Api;
import io.ruche.support.ForumFixtures;
import io.ruche.support.IntegrationTest;
import io.ruche.support.TestMembers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Elasticsearch frozen (not down: it accepts connections and never answers). Search answers 503 within the read
 * timeout, and the mail and notification lanes keep going while indexing jobs wait.
 */
@MicronautTest(transactional = false)
class HungSearchEngineTest extends IntegrationTest {

    private final TestSmtp smtp = new TestSmtp();
    private final ServerSocket frozen;
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private volatile boolean accepting = true;

    HungSearchEngineTest() throws IOException {
        frozen = new ServerSocket(0);
        java.lang.Thread acceptor = new java.lang.Thread(() -> {
            while (accepting) {
                try {
                    held.add(frozen.accept()); // accepted, read by nobody, answered never
                } catch (IOException e) {
                    return;
                }
            }
        }, "frozen-elasticsearch");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.putAll(smtp.properties());
        properties.put("ruche.elasticsearch.url", "http://127.0.0.1:" + frozen.getLocalPort());
        properties.put("ruche.elasticsearch.index-prefix", "ruche-frozen");
        properties.put("ruche.elasticsearch.connect-timeout", "1s");
        properties.put("ruche.elasticsearch.read-timeout", "2s");
        return properties;
    }

    @BeforeAll
    void startSmtp() {
        smtp.start();
    }

    @AfterAll
    void stopAll() throws IOException {
        smtp.stop();
        accepting = false;
        frozen.close();
        for (Socket socket : held) {
            socket.close();
        }
    }

    @Test
    void searchFailsFastAndMailStillLeavesWhileIndexingWaits() {
        long category = new ForumFixtures(ForumFixtures.newAdmin(server.getURI())).category("Frozen");
        Api member = api().registered(TestMembers.uniqueName("writer"));
        // Indexing work piles up in the search lane, every job stuck on the frozen engine until its timeout.
        for (int i = 0; i < 5; i++) {
            ForumFixtures.thread(member, category, "Launch notes " + i, "Still posting while search is frozen",
                    List.of());
        }

        long start = System.nanoTime();
        Api.Response search = api().get("/api/v1/search?q=launch");
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(503, search.status(), search.body());
        assertEquals("problem.searchUnavailable", search.at("code"));
        assertTrue(tookMillis < 5_000, "answered in " + tookMillis + " ms, within the read timeout");

        String name = TestMembers.uniqueName("forgetful");
        api().registered(name);
        String address = name + "@example.test";
        assertEquals(202, api().post("/api/v1/account/password-reset", Map.of("email", address)).status());
        await().atMost(Duration.ofSeconds(10)).until(() -> smtp.to(address).stream().anyMatch(m -> {
            try {
                return m.getSubject().contains("Reset your");
            } catch (Exception e) {
                return false;
            }
        }));
    }
}
