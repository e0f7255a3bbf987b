package io.ruche.browser;

import com.sun.net.httpserver.HttpServer;
import io.ruche.support.Api;
import io.ruche.support.TestMembers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.chrome.ChromeDriver;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The brand's own site, on another origin, embeds a widget: it renders with third-party cookies blocked, reserves its
 * height then fits its content, opens the forum in a new tab, sets no cookie; a site not on the list cannot frame it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WidgetEmbedJourneyIT {

    private RucheProcess ruche;
    private HttpServer allowed;
    private HttpServer stranger;
    private String slug;
    private String title;

    private static HttpServer host(String html) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = html.replace("{lang}", String.valueOf(exchange.getRequestURI().getQuery()).replace("lang=", ""))
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    @BeforeAll
    void brandSites() throws Exception {
        ruche = RucheProcess.shared();
        Api admin = new Api(ruche.base()).signedIn(RucheProcess.ADMIN_EMAIL, RucheProcess.ADMIN_PASSWORD);
        slug = TestMembers.uniqueName("help").replace('_', '-').toLowerCase();
        Api.Response category = admin.post("/api/v1/categories", Map.of("name", "Help " + slug, "slug", slug));
        assertEquals(201, category.status(), category.body());
        title = "Where is the export button " + TestMembers.uniqueName("w");
        Api.Response thread = admin.post("/api/v1/threads", Map.of("categoryId", category.at("id"), "title", title,
                "body", "I cannot find it in the settings.", "tags", List.of()));
        assertEquals(201, thread.status(), thread.body());
        String forum = ruche.base().toString();
        allowed = host("<!doctype html><html><head><title>Brand</title></head><body><h1>Brand support</h1>"
                + "<div data-ruche-widget=\"latest-threads\" data-category=\"" + slug + "\" data-lang=\"{lang}\"></div>"
                + "<p>Footer</p><script async src=\"" + forum + "/embed.js\"></script></body></html>");
        stranger = host("<!doctype html><html><body><iframe class=\"plain\" src=\"" + forum
                + "/embed/latest-threads?category=" + slug + "\" style=\"width:100%;height:300px\"></iframe></body></html>");
        Api.Response origin = admin.post("/api/v1/admin/widgets/origins", Map.of("origin", "http://127.0.0.1:"
                + allowed.getAddress().getPort()));
        assertEquals(201, origin.status(), origin.body());
        // Nodes read the allowed sites again every few seconds: wait until widgets name this one.
        String allowedOrigin = "http://127.0.0.1:" + allowed.getAddress().getPort();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15)).until(() -> new Api(ruche.base())
                .get("/embed/search").headers().firstValue("Content-Security-Policy").orElse("").contains(allowedOrigin));
    }

    @AfterAll
    void stopSites() {
        allowed.stop(0);
        stranger.stop(0);
    }

    @ParameterizedTest(name = "in {0}")
    @ValueSource(strings = {"en", "fr"})
    void aBrandPageShowsLiveDiscussionsWithoutCookies(String language) throws Exception {
        ChromeDriver driver = HeadlessChromium.open(language, null, true);
        try {
            WidgetHostPage page = new WidgetHostPage(driver, "http://127.0.0.1:" + allowed.getAddress().getPort()
                    + "/?lang=" + language);
            assertEquals(330, page.reservedHeight(), "the loader reserves the widget's height at once");
            String text = page.widgetText();
            assertTrue(text.contains(title), text);
            assertTrue(text.contains(language.equals("fr") ? "Dernières discussions" : "Latest discussions"), text);
            int fitted = page.fittedHeight(330);
            assertTrue(fitted > 60 && fitted < 330, "fitted to its content: " + fitted);
            assertEquals(0, page.cookiesFor(ruche.base().toString()), "the widget and its loader set no cookie");
            String opened = page.openFromWidget(title);
            assertTrue(opened.startsWith(ruche.base() + "/t/"), "the forum opens in a new tab: " + opened);
            HeadlessChromium.screenshot(driver, "widget-host-" + language);

            WidgetHostPage elsewhere = new WidgetHostPage(driver, "http://127.0.0.1:" + stranger.getAddress().getPort());
            assertFalse(elsewhere.widgetText().contains(title), "a site not on the list cannot frame the widget");
        } finally {
            driver.quit();
        }
    }
}
