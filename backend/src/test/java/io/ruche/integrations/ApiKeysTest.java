package io.ruche.integrations;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.ruche.support.Api;
import io.ruche.support.ForumFixtures;
import io.ruche.support.IntegrationTest;
import io.ruche.support.TestDatabase;
import io.ruche.support.TestMembers;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * API keys: shown once and kept hashed, acting as their member within their scopes, refused once revoked, never
 * mixed with cookies, limited per key, and made at most twenty per member even when asked for all at once.
 */
@MicronautTest(transactional = false)
class ApiKeysTest extends IntegrationTest {

    private static String token(Api.Response created) {
        assertEquals(201, created.status(), created.body());
        return (String) created.at("token");
    }

    @Test
    void aMembersKeyActsAsThemWithinItsScopesUntilRevoked() {
        String name = TestMembers.uniqueName("scripter");
        Api member = api().registered(name);
        Api.Response created = member.post("/api/v1/api-keys", Map.of("name", "My export script", "scopes",
                List.of("READ")));
        String token = token(created);
        assertTrue(token.startsWith("ruche_") && token.length() > 40, token);
        assertEquals("0", TestDatabase.queryString("SELECT COUNT(*) FROM api_keys WHERE token_hash = '" + token
                + "' OR prefix = '" + token + "'"), "the secret itself is not stored");
        assertEquals(1, member.get("/api/v1/api-keys").jsonList().stream().filter(k -> "My export script"
                .equals(k.get("name")) && k.get("revokedAt") == null).count());
        assertNull(member.get("/api/v1/api-keys").jsonList().get(0).get("token"), "listed without its secret");

        Api script = member.withKey(token);
        Api.Response session = script.get("/api/v1/session");
        assertEquals(200, session.status(), session.body());
        assertEquals(name, session.at("member.username"));
        assertEquals(200, script.get("/api/v1/notifications").status());
        assertTrue(script.get("/api/v1/notifications").headers().allValues("Set-Cookie").isEmpty(),
                "no cookie is handed to a script");
        Api.Response write = script.post("/api/v1/notifications/read-all", null);
        assertEquals(403, write.status(), write.body());
        assertTrue(write.body().contains("WRITE"), write.body());
        assertEquals(403, script.post("/api/v1/account/password", Map.of("current", TestMembers.PASSWORD,
                "password", "another long password 42")).status(), "account settings stay with a browser");
        assertEquals(403, script.get("/api/v1/api-keys").status(), "a key cannot list or make keys");

        Api.Response withCookie = member.withKey(token).header("Cookie", "RUCHE_SESSION=x").get("/api/v1/session");
        assertEquals(400, withCookie.status(), withCookie.body());

        Api.Response ofAdmin = member.post("/api/v1/api-keys", Map.of("name", "Greedy", "scopes",
                List.of("READ", "ADMIN")));
        assertEquals(422, ofAdmin.status(), ofAdmin.body());

        assertNotNull(TestDatabase.queryString("SELECT last_used_at FROM api_keys WHERE id = " + created.at("key.id")));
        assertTrue(TestDatabase.queryString("SELECT last_used_ip FROM api_keys WHERE id = " + created.at("key.id"))
                .startsWith("10."), "the address it was last used from");

        Api stranger = api().registered(TestMembers.uniqueName("stranger"));
        assertEquals(404, stranger.delete("/api/v1/api-keys/" + created.at("key.id")).status());
        assertEquals(401, api().delete("/api/v1/api-keys/" + created.at("key.id")).status());
        assertEquals(200, member.delete("/api/v1/api-keys/" + created.at("key.id")).status());
        Api.Response revoked = script.get("/api/v1/session");
        assertEquals(401, revoked.status(), revoked.body());
        assertTrue(revoked.headers().firstValue("WWW-Authenticate").orElse("").contains("invalid_token"));
        assertEquals(401, member.withKey("ruche_" + "x".repeat(40)).get("/api/v1/threads").status(),
                "an unknown key is refused, not treated as a guest");
    }

    @Test
    void anAdminsGlobalKeyActsAsTheMemberItNamesWithTheStaffPowersItsScopesAllow() {
        Api admin = ForumFixtures.newAdmin(server.getURI());
        long category = new ForumFixtures(admin).category("Integrations " + TestMembers.uniqueName("c"));
        String botName = TestMembers.uniqueName("crm_bot");
        api().registered(botName);
        String bot = token(admin.post("/api/v1/admin/api-keys", Map.of("name", "CRM", "scopes",
                List.of("READ", "WRITE"), "actsAs", botName)));
        Api.Response thread = admin.withKey(bot).post("/api/v1/threads", Map.of("categoryId", category, "title",
                "Opened by the CRM", "body", "A customer asked for help by phone."));
        assertEquals(201, thread.status(), thread.body());
        assertEquals(botName, admin.withKey(bot).get("/api/v1/threads/" + thread.at("thread.id"))
                .at("posts.0.author.username"));

        String plain = token(admin.post("/api/v1/admin/api-keys", Map.of("name", "Plain", "scopes",
                List.of("READ", "WRITE"))));
        assertEquals(403, admin.withKey(plain).get("/api/v1/admin/bans").status(),
                "without the ADMIN scope an admin's key acts as a plain member");
        String full = token(admin.post("/api/v1/admin/api-keys", Map.of("name", "Full", "scopes",
                List.of("READ", "ADMIN"))));
        assertEquals(200, admin.withKey(full).get("/api/v1/admin/bans").status());
        assertEquals(403, admin.withKey(full).post("/api/v1/admin/invites", Map.of()).status(),
                "ADMIN without WRITE reads the console only");

        Api.Response unknown = admin.post("/api/v1/admin/api-keys", Map.of("name", "Ghost", "scopes",
                List.of("READ"), "actsAs", "nobody_" + TestMembers.uniqueName("n")));
        assertEquals(422, unknown.status(), unknown.body());
        List<Map<String, Object>> all = admin.get("/api/v1/admin/api-keys?kind=GLOBAL&limit=100").jsonList();
        assertTrue(all.stream().anyMatch(k -> "CRM".equals(k.get("name")) && botName.equals(k.get("actsAs"))));
        assertTrue(TestDatabase.queryString("SELECT COUNT(*) FROM audit_log WHERE action = 'apikey.create'")
                .compareTo("0") > 0, "the creation is audited");
    }

    @Test
    void eachKeyHasItsOwnRateLimit() {
        Api admin = ForumFixtures.newAdmin(server.getURI());
        String limited = token(admin.post("/api/v1/admin/api-keys", Map.of("name", "Slow", "scopes", List.of("READ"),
                "perMinute", 3)));
        String other = token(admin.post("/api/v1/admin/api-keys", Map.of("name", "Other", "scopes", List.of("READ"))));
        int refused = 0;
        for (int i = 0; i < 6; i++) {
            Api.Response r = admin.withKey(limited).get("/api/v1/categories");
            refused += r.status() == 429 ? 1 : 0;
            assertTrue(r.status() == 200 || r.status() == 429, r.body());
        }
        assertTrue(refused >= 2, "refused: " + refused);
        assertEquals(200, admin.withKey(other).get("/api/v1/categories").status(), "another key is not slowed");
    }

    @Test
    void twentyFiveKeysAskedForAtOnceMakeTwentyAndNoError() throws Exception {
        Api member = api().registered(TestMembers.uniqueName("many"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                int n = i;
                Callable<Integer> create = () -> member.post("/api/v1/api-keys", Map.of("name", "Key " + n, "scopes",
                        List.of("READ"))).status();
                answers.add(pool.submit(create));
            }
            int made = 0;
            int refused = 0;
            for (Future<Integer> answer : answers) {
                int status = answer.get();
                assertTrue(status == 201 || status == 409, "status " + status);
                made += status == 201 ? 1 : 0;
                refused += status == 409 ? 1 : 0;
            }
            assertEquals(20, made);
            assertEquals(5, refused);
            assertFalse(member.get("/api/v1/api-keys").jsonList().isEmpty());
        } finally {
            pool.shutdownNow();
        }
    }
}
