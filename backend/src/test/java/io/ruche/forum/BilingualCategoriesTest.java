package io.ruche.forum;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.ruche.support.Api;
import io.ruche.support.ForumFixtures;
import io.ruche.support.IntegrationTest;
import io.ruche.support.TestMembers;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A category written in both languages reads in the reader's, falls back to its plain name, caches per language. */
@MicronautTest(transactional = false)
class BilingualCategoriesTest extends IntegrationTest {

    @Test
    void readersSeeTheCategoryInTheirLanguageAndTheFallbackOtherwise() {
        Api admin = ForumFixtures.newAdmin(server.getURI());
        String slug = "help-" + TestMembers.uniqueName("b").replace('_', '-').toLowerCase();
        long id = ((Number) admin.post("/api/v1/categories", Map.of("name", "Help", "slug", slug, "description",
                "Ask anything.", "nameFr", "Aide", "descriptionFr", "Posez vos questions.")).at("id")).longValue();
        long thread = ForumFixtures.thread(admin, id, "Bonjour", "Premier message.", List.of());

        for (int round = 0; round < 2; round++) { // the second round answers from the guest cache
            Api.Response fr = api().language("fr").get("/api/v1/categories/" + slug + "/threads");
            assertEquals("Aide", fr.at("items.0.category.name"), fr.body());
            Api.Response en = api().language("en").get("/api/v1/categories/" + slug + "/threads");
            assertEquals("Help", en.at("items.0.category.name"), en.body());
            assertTrue(en.headers().firstValue("Vary").orElse("").contains("Accept-Language"));
        }
        Api.Response page = api().language("fr").get("/api/v1/threads/" + thread);
        assertEquals("Aide", page.at("thread.category.name"));
        assertTrue(api().header("Accept", "text/html").get("/c/" + slug + "?lang=fr").body().contains("Aide"));
        assertTrue(api().header("Accept", "text/html").get("/c/" + slug + "?lang=en").body().contains("Help"));

        Map<String, Object> forGuest = api().language("fr").get("/api/v1/categories").jsonList().stream()
                .filter(c -> slug.equals(c.get("slug"))).findFirst().orElseThrow();
        assertEquals("Posez vos questions.", forGuest.get("description"));
        assertNull(forGuest.get("translations"));
        Map<String, Object> forAdmin = admin.language("fr").get("/api/v1/categories").jsonList().stream()
                .filter(c -> slug.equals(c.get("slug"))).findFirst().orElseThrow();
        assertEquals("Aide", forAdmin.get("name"));
        assertEquals(Map.of("name", "Help", "description", "Ask anything.", "nameFr", "Aide",
                "descriptionFr", "Posez vos questions."), withoutNulls(forAdmin.get("translations")));

        assertEquals(200, admin.patch("/api/v1/categories/" + id, Map.of("name", "Help", "slug", slug, "nameEn",
                "Help and support", "nameFr", "")).status());
        assertEquals("Help", api().language("fr").get("/api/v1/threads/" + thread).at("thread.category.name"));
        assertEquals("Help and support", api().language("en").get("/api/v1/threads/" + thread)
                .at("thread.category.name"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> withoutNulls(Object map) {
        Map<String, Object> out = new java.util.HashMap<>((Map<String, Object>) map);
        out.values().removeIf(java.util.Objects::isNull);
        return out;
    }

    @Test
    void theSiteIsNamedAndDescribedInTheReadersLanguage() {
        Api admin = ForumFixtures.newAdmin(server.getURI());
        Map<String, Object> settings = admin.get("/api/v1/admin/settings").json();
        Map<String, Object> named = new java.util.HashMap<>(settings);
        named.put("nameFr", "La Ruche des clients");
        named.put("descriptionFr", "Entraide entre clients.");
        named.put("nameEn", "");
        assertEquals(200, admin.put("/api/v1/admin/settings", named).status());
        try {
            assertEquals("La Ruche des clients", api().language("fr").get("/api/v1/theme").at("brandName"));
            assertFalse(api().language("en").get("/api/v1/theme").at("brandName").equals("La Ruche des clients"));
            assertTrue(api().header("Accept", "text/html").get("/?lang=fr").body().contains("Entraide entre clients."));
        } finally {
            Map<String, Object> back = new java.util.HashMap<>(settings);
            back.put("nameFr", "");
            back.put("descriptionFr", "");
            admin.put("/api/v1/admin/settings", back);
        }
    }
}
