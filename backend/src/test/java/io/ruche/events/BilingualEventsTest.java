package io.ruche.events;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.ruche.support.Api;
import io.ruche.support.ForumFixtures;
import io.ruche.support.IntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An event written in both languages reads in the reader's (page, lists, search, calendar file, embed), falls back to
 * its plain texts where a language was not written, and gives staff every text back to edit.
 */
@MicronautTest(transactional = false)
class BilingualEventsTest extends IntegrationTest {

    private Api admin;
    private long category;

    @BeforeAll
    void setUp() {
        admin = ForumFixtures.newAdmin(server.getURI());
        category = new ForumFixtures(admin).category("Rendez-vous");
    }

    private long published(Map<String, Object> more) {
        LocalDateTime start = LocalDateTime.now(ZoneId.of("Europe/Paris")).plusDays(12).withHour(18)
                .truncatedTo(ChronoUnit.HOURS);
        Map<String, Object> body = new HashMap<>(more);
        body.put("categoryId", category);
        Api.Response created = admin.post("/api/v1/admin/events", EventRegistrationTest.event("Product tour", start, body));
        assertEquals(201, created.status(), created.body());
        long id = ((Number) created.at("id")).longValue();
        assertEquals(200, admin.post("/api/v1/admin/events/" + id + "/publish", null).status());
        return id;
    }

    @Test
    void readersSeeTheEventInTheirLanguageAndTheFallbackOtherwise() {
        long id = published(Map.of("titleFr", "Visite du produit", "descriptionFr", "Venez **découvrir** Zorblax."));

        Api.Response fr = api().language("fr").get("/api/v1/events/" + id);
        assertEquals("Visite du produit", fr.at("title"), fr.body());
        assertTrue(((String) fr.at("descriptionHtml")).contains("<strong>découvrir</strong>"), fr.body());
        assertNull(fr.at("texts"), "only staff receive the texts to edit");
        Api.Response en = api().language("en").get("/api/v1/events/" + id);
        assertEquals("Product tour", en.at("title"), "no English title: the plain one");
        assertTrue(((String) en.at("descriptionHtml")).contains("<strong>learn</strong>"), en.body());
        assertEquals("Visite du produit", api().get("/api/v1/events/" + id + "?lang=fr").at("title"));

        List<Map<String, Object>> listed = api().language("fr").get("/api/v1/events?limit=50&q=Zorblax+produit")
                .jsonList("items");
        assertTrue(listed.isEmpty(), "search reads titles, not descriptions");
        listed = api().language("en").get("/api/v1/events?limit=50&q=Visite+produit").jsonList("items");
        assertEquals(List.of("Product tour"), listed.stream().filter(e -> ((Number) e.get("id")).longValue() == id)
                .map(e -> e.get("title")).toList(), "a French title finds the event; an English reader sees theirs");
        assertTrue(api().language("fr").get("/api/v1/events?limit=50").jsonList("items").stream()
                .anyMatch(e -> "Visite du produit".equals(e.get("title"))));

        Api.Response admins = admin.language("fr").get("/api/v1/events/" + id);
        assertEquals("Visite du produit", admins.at("title"));
        assertEquals("Product tour", admins.at("texts.title"));
        assertEquals("Come and **learn**.", admins.at("texts.description"));
        assertEquals("Visite du produit", admins.at("texts.titleFr"));
        assertEquals("Venez **découvrir** Zorblax.", admins.at("texts.descriptionFr"));
        assertNull(admins.at("texts.titleEn"));

        String ics = api().get("/api/v1/events/" + id + "/event.ics?lang=fr").body();
        assertTrue(ics.contains("SUMMARY:Visite du produit"), ics);
        assertTrue(api().language("en").get("/api/v1/events/" + id + "/event.ics").body()
                .contains("SUMMARY:Product tour"));

        String embedFr = api().header("Accept", "text/html").get("/embed/events?lang=fr&limit=20").body();
        assertTrue(embedFr.contains("Visite du produit"), embedFr);
        assertFalse(api().header("Accept", "text/html").get("/embed/events?lang=en&limit=20").body()
                .contains("Visite du produit"));
    }

    @Test
    void staffClearALanguageWithABlankTextAndShortTitlesAreRefused() {
        long id = published(Map.of("titleEn", "Product tour, live", "titleFr", "Visite en direct"));
        LocalDateTime start = LocalDateTime.now(ZoneId.of("Europe/Paris")).plusDays(12).withHour(18)
                .truncatedTo(ChronoUnit.HOURS);

        Api.Response tooShort = admin.put("/api/v1/admin/events/" + id, EventRegistrationTest.event("Product tour",
                start, Map.of("categoryId", category, "titleFr", " ab ")));
        assertEquals(422, tooShort.status(), tooShort.body());
        assertTrue(tooShort.body().contains("titleFr"), tooShort.body());

        Api.Response cleared = admin.put("/api/v1/admin/events/" + id, EventRegistrationTest.event("Product tour",
                start, Map.of("categoryId", category, "titleFr", "  ", "titleEn", "Product tour, live")));
        assertEquals(200, cleared.status(), cleared.body());
        assertNull(cleared.at("texts.titleFr"));
        assertEquals("Product tour", api().language("fr").get("/api/v1/events/" + id).at("title"));
        assertEquals("Product tour, live", api().language("en").get("/api/v1/events/" + id).at("title"));
        assertEquals(1, ((Number) cleared.at("sequence")).intValue(),
                "a title registrants hold in their calendars changed: the invitation is updated");
    }
}
