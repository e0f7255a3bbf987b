package io.ruche.integrations;

import com.sun.net.httpserver.HttpServer;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.ruche.support.Api;
import io.ruche.support.ForumFixtures;
import io.ruche.support.IntegrationTest;
import io.ruche.support.TestDatabase;
import io.ruche.support.TestMembers;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Webhooks against a real HTTP receiver: signed as documented, retried when the receiver fails, one delivery id per
 * event even when the event is heard twice, private content only where allowed, loopback refused unless allowed,
 * disabled (and the admins told) after failures in a row, a test event and redelivery from the console.
 */
@MicronautTest(transactional = false)
class WebhooksTest extends IntegrationTest {

    /** One request the receiver got. */
    record Received(String path, Map<String, String> headers, String body) {
    }

    private HttpServer receiver;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    /**
     * Requests to fail (500) before succeeding, per text their body contains: events other tests left in the queue
     * may reach a webhook too, and must not use up another scenario's failures.
     */
    private final Map<String, AtomicInteger> failFirst = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<Long> hooks = new ArrayList<>();
    private Api admin;
    private long publicCategory;

    @Inject
    Webhooks webhooks;

    @Inject
    JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("ruche.webhooks.disable-after", "4");
        properties.put("ruche.webhooks.pause-after-failures", "0s"); // the pause has its own test (WebhookPauseTest)
        return properties;
    }

    @BeforeAll
    void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
            String path = exchange.getRequestURI().getPath();
            received.add(new Received(path, headers, body));
            boolean fail = path.startsWith("/down") || failFirst.entrySet().stream()
                    .anyMatch(e -> body.contains(e.getKey()) && e.getValue().getAndDecrement() > 0);
            byte[] answer = (fail ? "busy" : "ok").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(fail ? 500 : 200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        receiver.start();
        admin = ForumFixtures.newAdmin(server.getURI());
        publicCategory = new ForumFixtures(admin).category("Hooks " + TestMembers.uniqueName("c"));
    }

    @AfterAll
    void stop() {
        for (long id : hooks) {
            admin.delete("/api/v1/admin/webhooks/" + id);
        }
        receiver.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }

    private Api.Response register(String path, List<String> types, boolean includePrivate) {
        Api.Response created = admin.post("/api/v1/admin/webhooks", Map.of("url", url(path), "eventTypes", types,
                "includePrivate", includePrivate, "allowPrivateNetwork", true, "description", "CRM"));
        assertEquals(201, created.status(), created.body());
        hooks.add(((Number) created.at("webhook.id")).longValue());
        return created;
    }

    private List<Received> at(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    private Map<String, Object> body(Received r) throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = json.readValue(r.body(), Map.class);
        return map;
    }

    /** The documented check: HMAC-SHA256 over "<timestamp>.<body>" with the secret, hex, in v1=. */
    private static boolean verifies(Received r, String secret) throws Exception {
        String header = r.headers().get("x-ruche-signature");
        String timestamp = header.substring(2, header.indexOf(','));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal((timestamp + "." + r.body())
                .getBytes(StandardCharsets.UTF_8)));
        return header.equals("t=" + timestamp + ",v1=" + expected)
                && timestamp.equals(r.headers().get("x-ruche-timestamp"));
    }

    @Test
    void loopbackAndPrivateTargetsAreRefusedUnlessAllowed() {
        for (String target : List.of(url("/crm"), "http://10.1.2.3/hook", "http://169.254.169.254/latest",
                "http://[::1]/hook", "http://localhost:8080/x", "ftp://example.com/x")) {
            Api.Response refused = admin.post("/api/v1/admin/webhooks", Map.of("url", target, "eventTypes",
                    List.of("thread.created"), "includePrivate", false, "allowPrivateNetwork", false));
            assertEquals(422, refused.status(), target + " " + refused.body());
            assertEquals("url", refused.at("errors.0.field"));
        }
        Api.Response unknownType = admin.post("/api/v1/admin/webhooks", Map.of("url", url("/x"), "eventTypes",
                List.of("thread.exploded"), "includePrivate", false, "allowPrivateNetwork", true));
        assertEquals(422, unknownType.status());
        Api member = api().registered(TestMembers.uniqueName("nosy"));
        assertEquals(403, member.get("/api/v1/admin/webhooks").status());
        assertEquals(401, api().get("/api/v1/admin/webhooks").status());
    }

    @Test
    void aThreadReachesTheReceiverSignedAndRetriedUntilItAnswers() throws Exception {
        String title = "Invoice question " + TestMembers.uniqueName("t");
        failFirst.put(title, new AtomicInteger(2));
        String secret = (String) register("/flaky", List.of("thread.created"), false).at("secret");
        long thread = ForumFixtures.thread(admin, publicCategory, title, "How do I download my invoices?", List.of());

        await().atMost(Duration.ofSeconds(20)).until(() -> at("/flaky").stream()
                .filter(r -> r.body().contains(title)).count() >= 3);
        List<Received> attempts = at("/flaky").stream().filter(r -> r.body().contains(title)).toList();
        Received delivered = attempts.get(attempts.size() - 1);
        assertTrue(verifies(delivered, secret), delivered.headers().toString());
        assertFalse(verifies(delivered, secret + "x"));
        assertEquals("thread.created", delivered.headers().get("x-ruche-event"));
        assertEquals(1, attempts.stream().map(r -> r.headers().get("x-ruche-delivery")).distinct().count(),
                "every attempt carries the same delivery id");
        Map<String, Object> body = body(delivered);
        assertEquals(delivered.headers().get("x-ruche-delivery"), body.get("id"));
        assertEquals("thread.created", body.get("type"));
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) body.get("data");
        @SuppressWarnings("unchecked")
        Map<String, Object> threadData = (Map<String, Object>) data.get("thread");
        assertEquals(thread, ((Number) threadData.get("id")).longValue());
        assertTrue(((String) threadData.get("url")).contains("/t/" + thread + "/"));

        // The body follows the published schema.
        Api.Response published = api().get("/webhooks.schema.json");
        assertEquals(200, published.status());
        @SuppressWarnings("unchecked")
        Map<String, Object> schema = json.readValue(published.body(), Map.class);
        for (Object key : (List<?>) schema.get("required")) {
            assertTrue(body.containsKey((String) key), "envelope lacks " + key);
        }
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> defs = (Map<String, Map<String, Object>>) schema.get("$defs");
        for (String part : List.of("thread", "post")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> value = (Map<String, Object>) data.get(part);
            for (Object key : (List<?>) defs.get(part).get("required")) {
                assertTrue(value.containsKey((String) key), part + " lacks " + key);
            }
        }
        for (Object key : (List<?>) defs.get("member").get("required")) {
            assertTrue(((Map<?, ?>) data.get("author")).containsKey(key), "author lacks " + key);
        }

        long hook = hooks.get(hooks.size() - 1);
        String deliveryId = delivered.headers().get("x-ruche-delivery");
        await().atMost(Duration.ofSeconds(10)).until(() -> admin.get("/api/v1/admin/webhooks/" + hook + "/deliveries")
                .jsonList().stream().anyMatch(d -> deliveryId.equals(d.get("deliveryId"))
                        && "DELIVERED".equals(d.get("status"))));
        Map<String, Object> logged = admin.get("/api/v1/admin/webhooks/" + hook + "/deliveries").jsonList().stream()
                .filter(d -> deliveryId.equals(d.get("deliveryId"))).findFirst().orElseThrow();
        assertEquals(3, ((Number) logged.get("attempts")).intValue(), logged.toString());
        assertEquals(200, ((Number) logged.get("responseCode")).intValue());
        assertEquals("ok", logged.get("responseExcerpt"));
    }

    @Test
    void anEventHeardTwiceIsDeliveredOnceAndPrivateContentOnlyWhereAllowed() throws Exception {
        register("/public-only", List.of("thread.created", "member.registered"), false);
        register("/trusted", List.of("thread.created", "member.registered"), true);
        ForumFixtures fixtures = new ForumFixtures(admin);
        long staffOnly = fixtures.category("Staff room " + TestMembers.uniqueName("s"), Map.of("everyoneSee", false,
                "membersSee", false, "membersReply", false, "membersStart", false));
        String secretTitle = "Roadmap leak " + TestMembers.uniqueName("p");
        ForumFixtures.thread(admin, staffOnly, secretTitle, "Not for the public.", List.of());
        String openTitle = "Open news " + TestMembers.uniqueName("o");
        ForumFixtures.thread(admin, publicCategory, openTitle, "For everyone.", List.of());
        String newcomer = TestMembers.uniqueName("newcomer");
        api().registered(newcomer);

        await().atMost(Duration.ofSeconds(20)).until(() -> at("/trusted").stream().anyMatch(r -> r.body()
                .contains(secretTitle)) && at("/public-only").stream().anyMatch(r -> r.body().contains(openTitle))
                && at("/public-only").stream().anyMatch(r -> r.body().contains(newcomer))
                && at("/trusted").stream().anyMatch(r -> r.body().contains(newcomer)));
        assertTrue(at("/public-only").stream().noneMatch(r -> r.body().contains(secretTitle)),
                "a private category's thread is withheld");
        Received plain = at("/public-only").stream().filter(r -> r.body().contains(newcomer)).findFirst().orElseThrow();
        Received trusted = at("/trusted").stream().filter(r -> r.body().contains(newcomer)).findFirst().orElseThrow();
        assertFalse(plain.body().contains(newcomer + "@example.test"), "an address is private content");
        assertTrue(trusted.body().contains(newcomer + "@example.test"));

        // The same domain event heard again (a subscriber run twice): no second delivery.
        // ...even when eight nodes hear it at the same moment.
        String replayed = "thread:replayed-" + TestMembers.uniqueName("r");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<?>> runs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                runs.add(pool.submit(() -> {
                    start.await();
                    webhooks.dispatch("thread.created", replayed, Map.of("n", 1), Map.of(), false);
                    return null;
                }));
            }
            start.countDown();
            for (java.util.concurrent.Future<?> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(TestDatabase.queryString("SELECT COUNT(*) FROM webhooks WHERE enabled AND "
                        + "FIND_IN_SET('thread.created', event_types) > 0"),
                TestDatabase.queryString("SELECT COUNT(*) FROM webhook_deliveries WHERE source_key = '" + replayed + "'"),
                "one delivery for each webhook, not two");
    }

    @Test
    void repeatedFailuresDisableTheWebhookAndTellTheAdminsThenRedeliveryAndTestEventsWork() throws Exception {
        long hook = ((Number) register("/down", List.of("flag.raised"), false).at("webhook.id")).longValue();
        Api.Response ping = admin.post("/api/v1/admin/webhooks/" + hook + "/test", null);
        assertEquals(202, ping.status(), ping.body());
        await().atMost(Duration.ofSeconds(20)).until(() -> !(Boolean) admin.get("/api/v1/admin/webhooks/" + hook)
                .at("enabled"));
        Api.Response disabled = admin.get("/api/v1/admin/webhooks/" + hook);
        assertTrue(((String) disabled.at("disabledReason")).contains("500"), disabled.body());
        assertTrue(at("/down").stream().anyMatch(r -> "ping".equals(r.headers().get("x-ruche-event"))));
        await().atMost(Duration.ofSeconds(10)).until(() -> !"0".equals(TestDatabase.queryString("SELECT COUNT(*) FROM mails "
                + "WHERE template = 'webhook.disabled' AND subject LIKE '%" + receiver.getAddress().getPort() + "/down%'")));

        long deliveryRow = admin.get("/api/v1/admin/webhooks/" + hook + "/deliveries").jsonList().stream()
                .filter(d -> "ping".equals(d.get("eventType"))).map(d -> ((Number) d.get("id")).longValue())
                .findFirst().orElseThrow();
        assertEquals(409, admin.post("/api/v1/admin/webhooks/" + hook + "/deliveries/" + deliveryRow + "/redeliver",
                null).status(), "a disabled webhook is enabled again first");
        // The receiver is fixed (a new address) and the webhook enabled again: the delivery goes, with its first id.
        Api.Response moved = admin.put("/api/v1/admin/webhooks/" + hook, Map.of("url", url("/fixed"), "eventTypes",
                List.of("flag.raised"), "includePrivate", false, "allowPrivateNetwork", true, "enabled", true));
        assertEquals(200, moved.status(), moved.body());
        assertEquals(0, ((Number) moved.at("consecutiveFailures")).intValue());
        assertEquals(202, admin.post("/api/v1/admin/webhooks/" + hook + "/deliveries/" + deliveryRow + "/redeliver",
                null).status());
        String firstId = at("/down").stream().filter(r -> "ping".equals(r.headers().get("x-ruche-event")))
                .findFirst().orElseThrow().headers().get("x-ruche-delivery");
        await().atMost(Duration.ofSeconds(10)).until(() -> at("/fixed").stream()
                .anyMatch(r -> firstId.equals(r.headers().get("x-ruche-delivery"))));
    }
}
