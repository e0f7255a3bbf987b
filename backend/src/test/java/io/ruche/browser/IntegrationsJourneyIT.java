package io.ruche.browser;

import com.sun.net.httpserver.HttpServer;
import io.ruche.sso.TestOidcProvider;
import io.ruche.support.Api;
import io.ruche.support.TestMembers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The brand's web team wires the forum to its systems from the console, in French and in English: a key made, used by
 * a script and revoked; a member's own key from their settings; a webhook registered to the CRM's address, whose test
 * event arrives signed and shows as delivered in the log; an identity provider added in the console, and a customer
 * signing in with its button.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IntegrationsJourneyIT {

    private RucheProcess ruche;
    private BrowserSession browser;
    private HttpServer crm;
    private TestOidcProvider oidc;
    private final List<Map<String, String>> received = new CopyOnWriteArrayList<>();

    @BeforeAll
    void forum() throws Exception {
        ruche = RucheProcess.shared();
        browser = new BrowserSession(ruche.base());
        crm = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        crm.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(Map.of("event", String.valueOf(exchange.getRequestHeaders().getFirst("X-Ruche-Event")),
                    "signature", String.valueOf(exchange.getRequestHeaders().getFirst("X-Ruche-Signature")),
                    "body", body));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        crm.start();
        oidc = new TestOidcProvider();
    }

    @AfterAll
    void stopCrm() {
        crm.stop(0);
        oidc.close();
    }

    @AfterEach
    void closeBrowser(TestInfo test) throws Exception {
        browser.close("integrations-" + test.getDisplayName());
    }

    @ParameterizedTest(name = "in {0}")
    @ValueSource(strings = {"en", "fr"})
    void theWebTeamWiresTheForumToItsSystems(String language) {
        browser.signedIn(language, RucheProcess.ADMIN_EMAIL, RucheProcess.ADMIN_PASSWORD);
        IntegrationPages console = browser.integrations();

        String token = console.newConsoleKey("Reporting " + language, "READ", "ADMIN");
        Api script = new Api(ruche.base()).withKey(token);
        assertEquals(200, script.get("/api/v1/admin/bans").status(), "the key reads the console");
        assertEquals(403, script.post("/api/v1/admin/invites", Map.of()).status(), "but may not write");
        console.revokeNewestKey();
        assertEquals(401, script.get("/api/v1/admin/bans").status(), "revoked at once");

        String member = ruche.member("scripter");
        browser.signedIn(language, member);
        String own = browser.integrations().newOwnKey("My script");
        Api.Response me = new Api(ruche.base()).withKey(own).get("/api/v1/session");
        assertEquals(member, me.at("member.username"));

        browser.signedIn(language, RucheProcess.ADMIN_EMAIL, RucheProcess.ADMIN_PASSWORD);
        String url = "http://127.0.0.1:" + crm.getAddress().getPort() + "/ruche-" + language;
        String secret = browser.integrations().newWebhook(url, "thread.created");
        assertTrue(secret.startsWith("whsec_"), secret);
        int before = received.size();
        browser.integrations().sendTestEventAndWaitFor("fr".equals(language) ? "Livré" : "Delivered");
        assertTrue(received.size() > before);
        Map<String, String> ping = received.subList(before, received.size()).stream()
                .filter(r -> "ping".equals(r.get("event")))
                .findFirst().orElseThrow();
        assertTrue(ping.get("signature").startsWith("t=") && ping.get("signature").contains(",v1="));
        assertTrue(ping.get("body").contains("\"type\":\"ping\""), ping.get("body"));

        // Customers sign in with the brand's account: the admin adds the provider, a customer clicks its button.
        String slug = "brand-" + language;
        browser.integrations().addProvider("Brand " + language, slug, oidc.discovery(), TestOidcProvider.CLIENT_ID,
                TestOidcProvider.CLIENT_SECRET);
        String email = TestMembers.uniqueName("client") + "@brand.example";
        oidc.next = new TestOidcProvider.Person("sub-" + email, email, true, "Client " + language, List.of());
        IntegrationPages customer = browser.guest(language);
        assertEquals("/events", customer.signInWith(slug, "/events"));
        assertTrue(customer.accountMenuLabel().contains("Client " + language), customer.accountMenuLabel());
    }
}
