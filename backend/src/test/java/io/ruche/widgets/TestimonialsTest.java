package io.ruche.widgets;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.ruche.support.Api;
import io.ruche.support.ForumFixtures;
import io.ruche.support.IntegrationTest;
import io.ruche.support.TestDatabase;
import io.ruche.support.TestMembers;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Testimonials only with the member's consent, within what they accepted: the text proposed, the sites named, until
 * the date given; withdrawn or expired, they disappear; a later edit of the post changes nothing.
 */
@MicronautTest(transactional = false)
class TestimonialsTest extends IntegrationTest {

    private static String origin(String name) {
        return "https://" + TestMembers.uniqueName(name).replace('_', '-').toLowerCase() + ".example";
    }

    private String widget(String origin, String lang) {
        return api().get("/embed/testimonials?lang=" + lang + "&limit=10&origin=" + origin).body();
    }

    @Test
    void aTestimonialShowsOnlyAfterConsentWithinItsScopeAndUntilWithdrawn() {
        Api admin = ForumFixtures.newAdmin(server.getURI());
        ForumFixtures forum = new ForumFixtures(admin);
        String shop = origin("shop");
        String blog = origin("blog");
        assertEquals(201, admin.post("/api/v1/admin/widgets/origins", Map.of("origin", shop)).status());
        assertEquals(201, admin.post("/api/v1/admin/widgets/origins", Map.of("origin", blog)).status());
        long category = forum.category("Testimonial talk");
        String name = TestMembers.uniqueName("fan");
        Api fan = api().registered(name);
        String words = "This product saved our team " + TestMembers.uniqueName("h") + " hours every week";
        long thread = ForumFixtures.thread(fan, category, "Feedback after a month", "Honestly: " + words
                + ". Thank you!", List.of());
        long post = ((Number) fan.get("/api/v1/threads/" + thread).at("posts.0.id")).longValue();
        await().atMost(Duration.ofSeconds(10)).until(() -> api().get("/embed/search").headers()
                .firstValue("Content-Security-Policy").orElse("").contains(blog));

        // Proposing: staff only, words from the post, sites from the list.
        Map<String, Object> proposal = Map.of("postId", post, "text", words, "origins", List.of(shop),
                "until", LocalDate.now().plusDays(30).toString());
        assertEquals(403, fan.post("/api/v1/admin/testimonials", proposal).status());
        assertEquals(401, api().post("/api/v1/admin/testimonials", proposal).status());
        assertEquals(422, admin.post("/api/v1/admin/testimonials", Map.of("postId", post, "text",
                "Words the member never wrote", "origins", List.of(shop))).status());
        assertEquals(422, admin.post("/api/v1/admin/testimonials", Map.of("postId", post, "text", words,
                "origins", List.of("https://not-allowed.example"))).status());
        Api.Response proposed = admin.post("/api/v1/admin/testimonials", proposal);
        assertEquals(201, proposed.status(), proposed.body());
        long id = ((Number) proposed.at("id")).longValue();
        assertEquals("PROPOSED", proposed.at("status"));
        assertTrue(TestDatabase.queryString("SELECT text_body FROM mails WHERE template = 'testimonial.request' "
                + "AND member_id = (SELECT id FROM members WHERE username = '" + name + "')").contains(words),
                "the member is shown exactly the text");
        assertFalse(widget(shop, "en").contains(words), "nothing is shown before the member accepts");

        // Only the member answers.
        Api other = api().registered(TestMembers.uniqueName("other"));
        assertEquals(404, other.post("/api/v1/me/testimonials/" + id + "/answer", Map.of("accept", true,
                "showIdentity", true)).status());
        assertEquals(401, api().post("/api/v1/me/testimonials/" + id + "/answer", Map.of("accept", true,
                "showIdentity", true)).status());
        Api.Response mine = fan.get("/api/v1/me/testimonials");
        assertEquals(words, mine.at("0.text"));
        assertEquals(List.of(shop), mine.at("0.origins"));
        Api.Response accepted = fan.post("/api/v1/me/testimonials/" + id + "/answer", Map.of("accept", true,
                "showIdentity", false));
        assertEquals(200, accepted.status(), accepted.body());
        assertEquals(409, fan.post("/api/v1/me/testimonials/" + id + "/answer", Map.of("accept", false,
                "showIdentity", false)).status(), "answered once");

        await().atMost(Duration.ofSeconds(10)).until(() -> widget(shop, "en").contains(words));
        assertTrue(widget(shop, "en").contains("A community member"), "no name unless the member chose to show it");
        assertFalse(widget(blog, "en").contains(words), "not on a site the member did not accept");
        assertFalse(api().get("/embed/testimonials?lang=en").body().contains(words), "nor where the site is unknown");

        // A later edit of the post does not change the words agreed to.
        assertEquals(200, fan.patch("/api/v1/posts/" + post, Map.of("body", "Changed my mind entirely.")).status());
        assertTrue(widget(shop, "fr").contains(words));

        // Staff curate; the member withdraws and it is gone at once.
        assertEquals(200, admin.put("/api/v1/admin/testimonials/" + id + "/shown", Map.of("shown", false)).status());
        await().atMost(Duration.ofSeconds(10)).until(() -> !widget(shop, "en").contains(words));
        assertEquals(200, admin.put("/api/v1/admin/testimonials/" + id + "/shown", Map.of("shown", true)).status());
        await().atMost(Duration.ofSeconds(10)).until(() -> widget(shop, "en").contains(words));
        assertEquals(200, fan.post("/api/v1/me/testimonials/" + id + "/withdraw", null).status());
        await().atMost(Duration.ofSeconds(10)).until(() -> !widget(shop, "en").contains(words));
        assertEquals("WITHDRAWN", fan.get("/api/v1/me/testimonials").at("0.status"));

        // Expiry ends a testimonial by itself.
        Api.Response again = admin.post("/api/v1/admin/testimonials", Map.of("postId", post, "text",
                "Changed my mind entirely"));
        long second = ((Number) again.at("id")).longValue();
        fan.post("/api/v1/me/testimonials/" + second + "/answer", Map.of("accept", true, "showIdentity", true));
        await().atMost(Duration.ofSeconds(10)).until(() -> widget(blog, "en").contains("Changed my mind"));
        TestDatabase.execute("UPDATE testimonials SET expires_at = UTC_TIMESTAMP(6) - INTERVAL 1 SECOND WHERE id = "
                + second);
        assertFalse(widget(blog, "fr").contains("Changed my mind"), "expired: shown nowhere");
        assertEquals("EXPIRED", fan.get("/api/v1/me/testimonials").at("0.status"));
    }
}
