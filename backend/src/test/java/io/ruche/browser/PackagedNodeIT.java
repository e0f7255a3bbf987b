package io.ruche.browser;

import io.ruche.support.Api;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged jar as operators run it: settings come from the documented environment variables, and stopping a
 * node with the embedded database is quick and leaves no server behind.
 */
class PackagedNodeIT {

    @Test
    void documentedEnvironmentVariablesSetTheRateLimitsAndANodeStopsWithinTenSeconds() throws Exception {
        RucheProcess node = RucheProcess.start(Map.of(
                "RUCHE_ADMIN_EMAIL", "owner@example.test", "RUCHE_ADMIN_PASSWORD", "Operations 2026!",
                "RUCHE_RATE_LIMITS_POSTS_PER_ADDRESS_10_MINUTES", "2",
                "RUCHE_RATE_LIMITS_PASSWORD_RESETS_PER_ADDRESS_HOUR", "1"), "ops");
        try {
            Api admin = new Api(node.base()).signedIn("owner@example.test", "Operations 2026!");
            Api.Response category = admin.post("/api/v1/categories", Map.of("name", "Operations", "slug", "ops"));
            assertEquals(201, category.status(), category.body());
            long categoryId = ((Number) category.at("id")).longValue();
            List<Integer> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                answers.add(admin.post("/api/v1/threads", Map.of("categoryId", categoryId, "title", "Limit test " + i,
                        "body", "Counting posts per address", "tags", List.of())).status());
            }
            assertEquals(List.of(201, 201, 429), answers, "RUCHE_RATE_LIMITS_POSTS_PER_ADDRESS_10_MINUTES=2");

            Api visitor = new Api(node.base());
            assertEquals(202, visitor.post("/api/v1/account/password-reset",
                    Map.of("email", "someone@example.test")).status());
            assertEquals(429, visitor.post("/api/v1/account/password-reset",
                    Map.of("email", "someone.else@example.test")).status(),
                    "RUCHE_RATE_LIMITS_PASSWORD_RESETS_PER_ADDRESS_HOUR=1");
        } finally {
            Duration stopping = node.stop();
            assertTrue(stopping.toMillis() < 10_000, "stopped in " + stopping.toMillis() + " ms:\n" + node.log());
        }
        String dataDir = node.dataDir().toAbsolutePath().toString();
        assertTrue(ProcessHandle.allProcesses().noneMatch(p -> p.info().commandLine().orElse("").contains(dataDir)),
                "the embedded MariaDB stopped with the node");
        assertTrue(node.log().contains("Embedded MariaDB stopped"), node.log());
    }
}
