package io.ruche.themes;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.ruche.mail.MailContent;
import io.ruche.mail.MailTemplates;
import io.ruche.support.Api;
import io.ruche.support.ForumFixtures;
import io.ruche.support.IntegrationTest;
import io.ruche.support.TestMembers;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Theme management: packs listed and activated from the console, the brand's accent reaching the forum's stylesheet,
 * its mails and its widgets, contrast below WCAG AA refused unless confirmed, the dark pack passing, the brand's logo.
 */
@MicronautTest(transactional = false)
class ThemeManagementTest extends IntegrationTest {

    @Inject
    MailTemplates mails;

    @Test
    void anAdminActivatesAPackAndTheBrandReachesForumMailsAndWidgets() {
        Api admin = ForumFixtures.newAdmin(server.getURI());
        String path = "/api/v1/admin/theme";
        assertEquals(401, api().get(path).status());
        assertEquals(403, api().registered(TestMembers.uniqueName("t")).get(path).status());
        assertEquals(403, ForumFixtures.newModerator(server.getURI()).put(path, Map.of("themeId", "dark")).status());
        try {
            Api.Response state = admin.get(path);
            assertEquals(200, state.status(), state.body());
            assertTrue(state.body().contains("\"id\":\"default\"") && state.body().contains("\"id\":\"dark\""));

            // The dark pack passes the contrast check as it ships.
            Api.Response dark = admin.post(path + "/check", Map.of("themeId", "dark", "confirmLowContrast", false));
            assertEquals(200, dark.status(), dark.body());
            List<Map<String, Object>> checks = dark.jsonList();
            assertEquals(5, checks.size());
            assertTrue(checks.stream().allMatch(c -> Boolean.TRUE.equals(c.get("passes"))), dark.body());
            assertEquals(200, admin.put(path, Map.of("themeId", "dark", "confirmLowContrast", false)).status());
            await().atMost(Duration.ofSeconds(5)).until(() -> api().get("/theme/theme.css").body().contains("#0d1117"));

            // A failing contrast is reported, and refused unless confirmed.
            Map<String, Object> yellow = Map.of("themeId", "default", "accent", "#ffff00", "confirmLowContrast", false);
            Api.Response refused = admin.put(path, yellow);
            assertEquals(422, refused.status(), refused.body());
            assertTrue(refused.body().contains("contrast.link"), refused.body());
            assertEquals(422, admin.put(path, Map.of("accent", "blue", "confirmLowContrast", false)).status());

            // The brand's accent reaches the forum, a mail and a widget.
            Api.Response saved = admin.put(path, Map.of("themeId", "default", "accent", "#1d4ed8",
                    "accentContrast", "#ffffff", "confirmLowContrast", false));
            assertEquals(200, saved.status(), saved.body());
            await().atMost(Duration.ofSeconds(5)).until(() -> api().get("/theme/theme.css").body()
                    .contains("--ruche-color-accent: #1d4ed8"));
            String css = api().get("/api/v1/theme").body();
            assertTrue(css.contains("/theme/theme.css?v="), css);
            String mail = mails.html(new MailContent("Hello", "Hello", List.of("A line"),
                    new MailContent.Action("Open", "https://example.test"), List.of(), "Footer", null), Locale.ENGLISH);
            assertTrue(mail.contains("#1d4ed8"), "the mail's button wears the brand's accent");
            long version = ((Number) saved.at("brand.version")).longValue();
            await().atMost(Duration.ofSeconds(70)).until(() -> api().get("/embed/search?lang=en&limit=2").body()
                    .contains("/theme/theme.css?v=" + version));

            // The brand's logo.
            Api.Response wrongType = admin.header("Content-Type", "text/html").putRaw(path + "/logo", "<b>no</b>");
            assertEquals(415, wrongType.status(), "only images");
            Api.Response logo = admin.header("Content-Type", "image/svg+xml").putRaw(path + "/logo",
                    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><rect width=\"10\"/></svg>");
            assertEquals(200, logo.status(), logo.body());
            await().atMost(Duration.ofSeconds(5)).until(() -> api().get("/api/v1/theme").body()
                    .contains("/theme/brand/logo?v="));
            Api.Response served = api().get("/theme/brand/logo");
            assertEquals(200, served.status());
            assertTrue(served.headers().firstValue("Content-Security-Policy").orElse("").contains("sandbox"));
            assertEquals(200, admin.header("Content-Type", "image/svg+xml").putRaw(path + "/favicon",
                    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"16\" height=\"16\"/>").status());
            await().atMost(Duration.ofSeconds(5)).until(() -> api().get("/api/v1/theme").body()
                    .contains("/theme/brand/favicon?v="));
            assertEquals(404, admin.header("Content-Type", "image/svg+xml").putRaw(path + "/banner", "<svg/>").status());
        } finally {
            admin.header("Content-Type", "application/json");
            admin.put(path, Map.of("themeId", "default", "confirmLowContrast", false));
            admin.delete(path + "/logo");
            admin.delete(path + "/favicon");
        }
    }
}
