package io.ruche.accounts;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.ruche.support.Api;
import io.ruche.support.TestDatabase;
import io.ruche.support.TestMembers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The first administrator: from the environment at start-up, or from the one-time setup page. */
class AdminSetupTest {

    @BeforeEach
    void forumWithoutAdministrator() {
        TestDatabase.url();
        TestDatabase.execute("UPDATE members SET role = 'MEMBER' WHERE role = 'ADMIN'");
    }

    private static EmbeddedServer start(Map<String, String> extra) {
        Map<String, Object> properties = new HashMap<>(TestDatabase.properties());
        properties.putAll(extra);
        return ApplicationContext.run(EmbeddedServer.class, properties, "test");
    }

    @Test
    void adminIsCreatedFromTheEnvironmentOnce() {
        String name = TestMembers.uniqueName("boss");
        Map<String, String> env = Map.of("ruche.admin.email", name + "@example.test",
                "ruche.admin.password", TestMembers.PASSWORD, "ruche.admin.username", name);
        try (EmbeddedServer server = start(env)) {
            Api admin = new Api(server.getURI()).signedIn(name, TestMembers.PASSWORD);
            assertEquals("ADMIN", admin.get("/api/v1/session").at("member.role"));
            assertEquals(false, admin.get("/api/v1/setup").at("required"));
        }
        try (EmbeddedServer again = start(env)) {
            assertEquals("1", TestDatabase.queryString("SELECT COUNT(*) FROM members WHERE role = 'ADMIN'"));
        }
    }

    @Test
    void setupPageCreatesTheFirstAdminAndThenCloses() {
        try (EmbeddedServer server = start(Map.of())) {
            Api visitor = new Api(server.getURI());
            assertEquals(true, visitor.get("/api/v1/setup").at("required"));
            assertEquals(true, visitor.get("/api/v1/session").at("setupRequired"));

            String name = TestMembers.uniqueName("first");
            Api.Response created = visitor.post("/api/v1/setup", Map.of("username", name,
                    "email", name + "@example.test", "password", TestMembers.PASSWORD));
            assertEquals(201, created.status(), created.body());
            assertEquals("ADMIN", created.at("role"));
            assertEquals("ADMIN", visitor.get("/api/v1/session").at("member.role"));

            String late = TestMembers.uniqueName("late");
            Api.Response refused = new Api(server.getURI()).post("/api/v1/setup", Map.of("username", late,
                    "email", late + "@example.test", "password", TestMembers.PASSWORD));
            assertEquals(403, refused.status());
            assertEquals("problem.setupDone", refused.at("code"));
        }
    }
}
