package io.ruche.forum;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.ruche.support.Api;
import io.ruche.support.TestDatabase;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RUCHE_DEMO=true on an empty forum seeds a living bilingual community; a second start adds nothing. */
class DemoCommunityTest {

    @Test
    void demoSeedsAnEmptyForumOnce() {
        Map<String, Object> properties = TestDatabase.freshDatabase("ruche_demo");
        properties.put("ruche.demo", "true");
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties, "test")) {
            Api guest = new Api(server.getURI());
            List<Map<String, Object>> categories = guest.get("/api/v1/categories").jsonList();
            assertEquals(4, categories.size());
            Api.Response latest = guest.get("/api/v1/threads");
            assertEquals(6, ((List<?>) latest.json().get("items")).size());
            assertTrue(latest.body().contains("\"solved\":true"), "the help question has its accepted answer");
            assertTrue(latest.body().contains("Bienvenue") && latest.body().contains("Dark mode"), "French and English");
            Api camille = new Api(server.getURI()).signedIn("camille", DemoCommunity.PASSWORD);
            assertEquals("MODERATOR", camille.get("/api/v1/session").at("member.role"));
        }
        try (EmbeddedServer again = ApplicationContext.run(EmbeddedServer.class, properties, "test")) {
            assertEquals(6, ((List<?>) new Api(again.getURI()).get("/api/v1/threads").json().get("items")).size());
        }
    }
}
