package io.ruche.accounts;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.ruche.support.Api;
import io.ruche.support.IntegrationTest;
import io.ruche.support.TestMembers;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class SignInTest extends IntegrationTest {

    @Test
    void memberSignsInWithUsername() {
        String name = TestMembers.uniqueName("in");
        api().registered(name);
        Api browser = api();
        Api.Response response = browser.post("/api/v1/session", Map.of("login", name, "password", TestMembers.PASSWORD));
        assertEquals(200, response.status(), response.body());
        assertEquals(name, browser.get("/api/v1/session").at("member.username"));
    }

    @Test
    void memberSignsInWithEmailInAnyCase() {
        String name = TestMembers.uniqueName("mail");
        api().registered(name);
        Api browser = api();
        Api.Response response = browser.post("/api/v1/session",
                Map.of("login", (name + "@example.test").toUpperCase(), "password", TestMembers.PASSWORD));
        assertEquals(200, response.status(), response.body());
    }

    @Test
    void wrongPasswordAndUnknownMemberGetTheSameAnswer() {
        String name = TestMembers.uniqueName("wrong");
        api().registered(name);
        Api.Response wrong = api().post("/api/v1/session", Map.of("login", name, "password", "not the password"));
        Api.Response unknown = api().post("/api/v1/session",
                Map.of("login", "nobody_" + name, "password", "not the password"));
        assertEquals(401, wrong.status());
        assertEquals(401, unknown.status());
        assertEquals("problem.badCredentials", wrong.at("code"));
        assertEquals(wrong.at("detail"), unknown.at("detail"));
        assertTrue(api().get("/api/v1/session").at("member") == null);
    }

    @Test
    void signOutEndsTheSessionForGood() {
        String name = TestMembers.uniqueName("out");
        Api browser = api().registered(name);
        String token = browser.cookie("ruche_session").orElseThrow();
        assertEquals(204, browser.delete("/api/v1/session").status());
        assertEquals(false, browser.get("/api/v1/session").at("authenticated"));

        // Replaying the old cookie does not bring the session back: it is deleted server-side.
        Api replay = api().header("Cookie", "ruche_session=" + token);
        assertEquals(false, replay.get("/api/v1/session").at("authenticated"));
        assertEquals(401, replay.delete("/api/v1/session").status());
    }

    @Test
    void signInIsRateLimitedPerAddress() {
        Api attacker = api().header("X-Forwarded-For", "198.51.100.9");
        int last = 0;
        for (int i = 0; i < 6; i++) {
            last = attacker.post("/api/v1/session",
                    Map.of("login", "ghost" + i, "password", "guess number " + i)).status();
        }
        assertEquals(429, last);
        Api.Response limited = attacker.language("fr").post("/api/v1/session",
                Map.of("login", "ghost", "password", "guess"));
        assertEquals("problem.rateLimited", limited.at("code"));
        assertTrue(((String) limited.at("detail")).startsWith("Trop de tentatives"), limited.body());
    }

    @Test
    void signInIsRateLimitedPerAccountAcrossAddresses() {
        String name = TestMembers.uniqueName("target");
        api().registered(name);
        int last = 0;
        for (int i = 0; i < 9; i++) {
            last = api().post("/api/v1/session", Map.of("login", name, "password", "guess number " + i)).status();
        }
        assertEquals(429, last);
    }
}
