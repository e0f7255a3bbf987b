package io.ruche.sso;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.ruche.support.Api;
import io.ruche.support.ForumFixtures;
import io.ruche.support.IntegrationTest;
import io.ruche.support.TestDatabase;
import io.ruche.support.TestMembers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sign-in with the brand's accounts against a real OpenID Connect provider the test runs (discovery, JWKS,
 * authorization code with PKCE): sign-up, sign-in, linking by verified address (and by mail otherwise), group sync,
 * tokens with a wrong signature, issuer, audience, nonce or expiry refused, a flow that is not this browser's
 * refused, and "SSO only" keeping staff's passwords as the way in.
 */
@MicronautTest(transactional = false)
class OidcSignInTest extends IntegrationTest {

    private TestOidcProvider provider;
    private Api admin;
    private String slug;
    private String groupName;

    @BeforeAll
    void start() throws Exception {
        provider = new TestOidcProvider();
        admin = ForumFixtures.newAdmin(server.getURI());
        groupName = "customers-" + TestMembers.uniqueName("g").toLowerCase().replace('_', '-');
        assertEquals(201, admin.post("/api/v1/groups", Map.of("name", groupName)).status());
        slug = "brand-" + TestMembers.uniqueName("p").toLowerCase().replace('_', '-');
        Api.Response created = admin.post("/api/v1/admin/sso/providers", Map.of("slug", slug, "name", "Brand account",
                "discoveryUrl", provider.discovery(), "clientId", TestOidcProvider.CLIENT_ID, "clientSecret",
                TestOidcProvider.CLIENT_SECRET, "groupClaim", "groups", "syncedGroups", List.of(groupName),
                "enabled", true));
        assertEquals(201, created.status(), created.body());
        assertEquals(provider.issuer(), created.at("issuer"));
        assertFalse(created.body().contains(TestOidcProvider.CLIENT_SECRET), "the secret never comes back");
        assertFalse(TestDatabase.queryString("SELECT client_secret_encrypted FROM oidc_providers WHERE slug = '"
                + slug + "'").contains(TestOidcProvider.CLIENT_SECRET), "kept encrypted");
    }

    @AfterAll
    void stop() {
        admin.put("/api/v1/admin/sso/settings", Map.of("ssoOnly", false));
        provider.close();
    }

    private static String pathOf(String location) {
        URI uri = URI.create(location);
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    /** A browser signing in with the provider as {@code person}: where it lands at the end. */
    private String signInWithProvider(Api browser, TestOidcProvider.Person person) throws Exception {
        provider.next = person;
        Api.Response start = browser.get("/auth/oidc/" + slug + "/start?return=/events");
        assertEquals(303, start.status(), start.body());
        String authorize = start.headers().firstValue("Location").orElseThrow();
        assertTrue(authorize.startsWith(provider.issuer() + "/authorize?"), authorize);
        assertTrue(authorize.contains("code_challenge_method=S256") && authorize.contains("nonce="), authorize);
        HttpResponse<String> approved = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(authorize))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(302, approved.statusCode(), approved.body());
        Api.Response callback = browser.get(pathOf(approved.headers().firstValue("Location").orElseThrow()));
        assertEquals(303, callback.status(), callback.body());
        return callback.headers().firstValue("Location").orElseThrow();
    }

    private static String username(Api browser) {
        Object name = browser.get("/api/v1/session").at("member.username");
        return name == null ? null : name.toString();
    }

    private static TestOidcProvider.Person person(String email, boolean verified, List<String> groups) {
        return new TestOidcProvider.Person("sub-" + email, email, verified, "Camille Martin", groups);
    }

    @Test
    void aCustomerSignsUpThenSignsInAndTheirGroupsFollowTheProvider() throws Exception {
        String email = TestMembers.uniqueName("camille") + "@brand.example";
        Api browser = api();
        assertEquals("/events", signInWithProvider(browser, person(email, true, List.of(groupName))));
        String username = username(browser);
        assertTrue(username != null && username.startsWith(email.split("@")[0].substring(0, 5)), username);
        assertEquals("Camille Martin", browser.get("/api/v1/session").at("member.displayName"));
        String inGroup = "SELECT COUNT(*) FROM group_memberships gm JOIN member_groups g ON g.id = gm.group_id "
                + "JOIN members m ON m.id = gm.member_id WHERE g.name = '" + groupName + "' AND m.username = '" + username + "'";
        assertEquals("1", TestDatabase.queryString(inGroup));

        Api again = api();
        assertEquals("/events", signInWithProvider(again, person(email, true, List.of())));
        assertEquals(username, username(again), "the same account, found by its identity");
        assertEquals("0", TestDatabase.queryString(inGroup), "left the group the provider no longer names");
        assertEquals("1", TestDatabase.queryString("SELECT COUNT(*) FROM members WHERE email = '" + email + "'"));
    }

    @Test
    void anExistingAccountIsLinkedByAVerifiedAddressOrOnlyOnceItsOwnerConfirmsByMail() throws Exception {
        String verifiedOwner = TestMembers.uniqueName("owner");
        api().registered(verifiedOwner);
        Api browser = api();
        signInWithProvider(browser, new TestOidcProvider.Person("sub-" + verifiedOwner, verifiedOwner + "@example.test",
                true, "Owner", List.of()));
        assertEquals(verifiedOwner, username(browser), "linked: the provider vouches for the address");

        String cautious = TestMembers.uniqueName("cautious");
        api().registered(cautious);
        Api stranger = api();
        String landed = signInWithProvider(stranger, new TestOidcProvider.Person("sub-" + cautious,
                cautious + "@example.test", false, "Someone", List.of()));
        assertEquals("/sign-in?sso=confirm-by-mail", landed);
        assertEquals(null, username(stranger), "an unverified address opens nobody's account");
        String mail = TestDatabase.queryString("SELECT text_body FROM mails m JOIN members u ON u.id = m.member_id "
                + "WHERE u.username = '" + cautious + "' AND m.template = 'sso.link' ORDER BY m.id DESC LIMIT 1");
        Matcher link = Pattern.compile("/auth/oidc/link/([A-Za-z0-9_-]{43})").matcher(mail);
        assertTrue(link.find(), mail);
        Api.Response confirmed = api().get("/auth/oidc/link/" + link.group(1));
        assertEquals("/sign-in?sso=linked", confirmed.headers().firstValue("Location").orElseThrow());
        assertEquals("/sign-in?sso=link-expired", api().get("/auth/oidc/link/" + link.group(1)).headers()
                .firstValue("Location").orElseThrow(), "a link works once");
        Api owner = api();
        signInWithProvider(owner, new TestOidcProvider.Person("sub-" + cautious, cautious + "@example.test", false,
                "Someone", List.of()));
        assertEquals(cautious, username(owner));
    }

    @Test
    void theSamePersonSigningUpInTwoBrowsersAtOnceGetsOneAccount() throws Exception {
        String email = TestMembers.uniqueName("twice") + "@brand.example";
        provider.next = person(email, true, List.of());
        List<Api> browsers = List.of(api(), api(), api(), api());
        List<String> callbacks = new java.util.ArrayList<>();
        for (Api browser : browsers) {
            String authorize = browser.get("/auth/oidc/" + slug + "/start?return=/events").headers()
                    .firstValue("Location").orElseThrow();
            HttpResponse<String> approved = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(authorize)).GET().build(), HttpResponse.BodyHandlers.ofString());
            callbacks.add(pathOf(approved.headers().firstValue("Location").orElseThrow()));
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<String>> landed = new java.util.ArrayList<>();
            for (int i = 0; i < browsers.size(); i++) {
                int n = i;
                landed.add(pool.submit(() -> {
                    go.await();
                    return browsers.get(n).get(callbacks.get(n)).headers().firstValue("Location").orElse("none");
                }));
            }
            go.countDown();
            for (java.util.concurrent.Future<String> where : landed) {
                assertEquals("/events", where.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals("1", TestDatabase.queryString("SELECT COUNT(*) FROM members WHERE email = '" + email + "'"));
        assertEquals(1, browsers.stream().map(OidcSignInTest::username).distinct().count());
    }

    @Test
    void tokensThatAreNotExactlyRightAreRefused() throws Exception {
        for (TestOidcProvider.Tamper tamper : List.of(TestOidcProvider.Tamper.WRONG_KEY,
                TestOidcProvider.Tamper.WRONG_ISSUER, TestOidcProvider.Tamper.WRONG_AUDIENCE,
                TestOidcProvider.Tamper.WRONG_NONCE, TestOidcProvider.Tamper.EXPIRED)) {
            provider.tamper = tamper;
            try {
                Api browser = api();
                String email = TestMembers.uniqueName("forged") + "@brand.example";
                assertEquals("/sign-in?sso=refused", signInWithProvider(browser, person(email, true, List.of())),
                        tamper.name());
                assertEquals(null, username(browser), tamper.name());
                assertEquals("0", TestDatabase.queryString("SELECT COUNT(*) FROM members WHERE email = '" + email + "'"),
                        tamper + ": no account made");
            } finally {
                provider.tamper = TestOidcProvider.Tamper.NONE;
            }
        }
    }

    @Test
    void aCallbackFromAnotherBrowserOrPlayedTwiceSignsNobodyIn() throws Exception {
        provider.next = person(TestMembers.uniqueName("victim") + "@brand.example", true, List.of());
        Api attacker = api();
        String authorize = attacker.get("/auth/oidc/" + slug + "/start").headers().firstValue("Location").orElseThrow();
        HttpResponse<String> approved = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(authorize))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        String callback = pathOf(approved.headers().firstValue("Location").orElseThrow());
        Api victim = api(); // has not started this flow: no binding cookie
        assertEquals("/sign-in?sso=expired", victim.get(callback).headers().firstValue("Location").orElseThrow());
        assertEquals(null, username(victim));
        assertEquals("/sign-in?sso=expired", attacker.get(callback).headers().firstValue("Location").orElseThrow(),
                "the flow was used up by the first callback");
        assertEquals(404, api().get("/auth/oidc/no-such-provider/start").status());
    }

    @Test
    void ssoOnlyRefusesMembersPasswordsButKeepsStaffsAndListsTheButtons() {
        String member = TestMembers.uniqueName("pwd");
        api().registered(member);
        Api.Response on = admin.put("/api/v1/admin/sso/settings", Map.of("ssoOnly", true));
        assertEquals(200, on.status(), on.body());
        try {
            Api.Response listed = api().get("/api/v1/auth/providers");
            assertEquals(true, listed.at("ssoOnly"));
            assertTrue(listed.jsonList("providers").stream().anyMatch(p -> slug.equals(p.get("slug"))));
            Api.Response refused = api().post("/api/v1/session", Map.of("login", member, "password", TestMembers.PASSWORD));
            assertEquals(403, refused.status(), refused.body());
            assertTrue(refused.body().contains("problem.ssoOnly"), refused.body());
            Api.Response signUp = api().post("/api/v1/accounts", Map.of("username", TestMembers.uniqueName("late"),
                    "email", TestMembers.uniqueName("late") + "@example.test", "password", TestMembers.PASSWORD));
            assertEquals(403, signUp.status(), signUp.body());
            String staff = admin.get("/api/v1/session").at("member.username").toString();
            assertEquals(200, api().post("/api/v1/session", Map.of("login", staff, "password", TestMembers.PASSWORD))
                    .status(), "staff keep their password as a way in");
        } finally {
            admin.put("/api/v1/admin/sso/settings", Map.of("ssoOnly", false));
        }
        assertEquals(200, api().post("/api/v1/session", Map.of("login", member, "password", TestMembers.PASSWORD))
                .status());
    }
}
