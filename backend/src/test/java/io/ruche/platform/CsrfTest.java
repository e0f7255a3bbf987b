package io.ruche.platform;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.ruche.support.Api;
import io.ruche.support.IntegrationTest;
import io.ruche.support.TestMembers;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class CsrfTest extends IntegrationTest {

    @Test
    void readableTokenCookieIsHandedOut() {
        Api.Response response = api().get("/api/v1/session");
        String cookie = response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("XSRF-TOKEN=")).findFirst().orElseThrow();
        assertTrue(!cookie.contains("HttpOnly"), "the SPA must be able to read it: " + cookie);
    }

    @Test
    void writeWithoutTheHeaderIsRefused() {
        String name = TestMembers.uniqueName("csrf");
        Api api = api();
        api.get("/api/v1/session");
        Api.Response response = api.withoutCsrf().post("/api/v1/accounts",
                Map.of("username", name, "email", name + "@example.test", "password", TestMembers.PASSWORD));
        assertEquals(403, response.status());
        assertEquals("problem.csrf.token", response.at("code"));
        assertEquals(404, api().get("/api/v1/members/" + name).status(), "nothing was created");
    }

    @Test
    void writeWithAWrongTokenIsRefused() {
        Api api = api();
        api.get("/api/v1/session");
        Api.Response response = api.withoutCsrf().header("X-XSRF-TOKEN", "forged")
                .post("/api/v1/session", Map.of("login", "x", "password", "y"));
        assertEquals(403, response.status());
    }

    @Test
    void signedInMemberCannotBeMadeToSignOutByAnotherSite() {
        Api browser = api().registered(TestMembers.uniqueName("victim"));
        Api.Response forged = browser.withoutCsrf().delete("/api/v1/session");
        assertEquals(403, forged.status());
    }

    @Test
    void foreignOriginIsRefusedEvenWithAToken() {
        Api.Response response = api().header("Origin", "https://evil.example")
                .post("/api/v1/session", Map.of("login", "x", "password", "y"));
        assertEquals(403, response.status());
        assertEquals("problem.csrf.origin", response.at("code"));
    }
}
