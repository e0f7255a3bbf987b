package io.ruche.integrations;

import com.sun.net.httpserver.HttpServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.ruche.support.Api;
import io.ruche.support.ForumFixtures;
import io.ruche.support.IntegrationTest;
import io.ruche.support.TestMembers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One slow receiver degrades one webhook: after three failures in a row (here: answers slower than the read
 * timeout) it is left alone for a while, its deliveries wait without spending a timeout each, and a healthy
 * webhook's deliveries keep flowing.
 */
@MicronautTest(transactional = false)
class WebhookPauseTest extends IntegrationTest {

    private HttpServer receiver;
    private final List<String> slow = new CopyOnWriteArrayList<>();
    private final List<String> healthy = new CopyOnWriteArrayList<>();
    private final List<Long> hooks = new ArrayList<>();
    private final java.util.concurrent.CountDownLatch hung = new java.util.concurrent.CountDownLatch(1);
    private Api admin;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("ruche.webhooks.read-timeout", "1s");
        properties.put("ruche.webhooks.pause-after-failures", "10m");
        return properties;
    }

    @BeforeAll
    void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(Executors.newFixedThreadPool(8));
        receiver.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (exchange.getRequestURI().getPath().equals("/slow")) {
                slow.add(body);
                try {
                    // The receiver hangs (until the test ends): longer than the sender's read timeout.
                    hung.await(5, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            } else {
                healthy.add(body);
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        admin = ForumFixtures.newAdmin(server.getURI());
    }

    @AfterAll
    void stop() {
        hung.countDown();
        hooks.forEach(id -> admin.delete("/api/v1/admin/webhooks/" + id));
        receiver.stop(0);
    }

    private void register(String path) {
        Api.Response created = admin.post("/api/v1/admin/webhooks", Map.of("url", "http://127.0.0.1:"
                + receiver.getAddress().getPort() + path, "eventTypes", List.of("thread.created"),
                "includePrivate", false, "allowPrivateNetwork", true));
        assertTrue(created.status() == 201, created.body());
        hooks.add(((Number) created.at("webhook.id")).longValue());
    }

    @Test
    void aSlowReceiverIsPausedAndTheOthersKeepReceiving() {
        register("/slow");
        register("/fine");
        long category = new ForumFixtures(admin).category("Pause " + TestMembers.uniqueName("c"));
        List<String> titles = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String title = "Busy day " + i + " " + TestMembers.uniqueName("t");
            titles.add(title);
            ForumFixtures.thread(admin, category, title, "Hello.", List.of());
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> titles.stream()
                .allMatch(t -> healthy.stream().anyMatch(b -> b.contains(t))));
        long triedOnSlow = slow.stream().filter(b -> titles.stream().anyMatch(b::contains)).count();
        assertTrue(triedOnSlow <= WebhookSender.PAUSE_AFTER + 1,
                "the slow receiver was tried " + triedOnSlow + " times for 8 threads: it should have been paused");
        List<Map<String, Object>> log = admin.get("/api/v1/admin/webhooks/" + hooks.get(0) + "/deliveries").jsonList();
        assertTrue(log.stream().anyMatch(d -> String.valueOf(d.get("error")).contains("trying again later")),
                log.toString());
    }
}
