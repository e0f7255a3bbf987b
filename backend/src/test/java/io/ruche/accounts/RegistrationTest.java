package io.ruche.accounts;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.ruche.support.Api;
import io.ruche.support.IntegrationTest;
import io.ruche.support.TestMembers;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class RegistrationTest extends IntegrationTest {

    private static Map<String, Object> body(String username, String email, String password) {
        return Map.of("username", username, "email", email, "password", password);
    }

    @Test
    void registeringCreatesTheMemberWhoSignsInOnceTheAddressIsConfirmed() {
        Api api = api();
        String name = TestMembers.uniqueName("reg");
        Api.Response created = api.post("/api/v1/accounts", body(name, name + "@example.test", TestMembers.PASSWORD));
        assertEquals(202, created.status(), created.body());
        assertEquals(true, created.at("verificationSent"));
        assertEquals(name + "@example.test", created.at("email"));
        assertTrue(created.headers().allValues("Set-Cookie").stream().noneMatch(c -> c.startsWith("ruche_session=")),
                "no session before the address is confirmed");
        assertEquals("MEMBER", io.ruche.support.TestDatabase.queryString(
                "SELECT role FROM members WHERE username = '" + name + "'"));
        Api.Response early = api.post("/api/v1/session", Map.of("login", name, "password", TestMembers.PASSWORD));
        assertEquals(403, early.status());
        assertEquals("problem.emailNotVerified.signIn", early.at("code"));

        TestMembers.verifyEmail(name);
        Api.Response signedIn = api.post("/api/v1/session", Map.of("login", name, "password", TestMembers.PASSWORD));
        assertEquals(200, signedIn.status(), signedIn.body());
        assertFalse(signedIn.body().contains("passwordHash"), "the hash never leaves the server");
        String cookie = signedIn.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("ruche_session=")).findFirst().orElseThrow();
        assertTrue(cookie.toLowerCase().contains("httponly"), cookie);
        assertTrue(cookie.contains("SameSite=Lax"), cookie);

        Api.Response session = api.get("/api/v1/session");
        assertEquals(true, session.at("authenticated"));
        assertEquals(name, session.at("member.username"));
    }

    @Test
    void storedPasswordIsAnArgon2idHash() {
        String name = TestMembers.uniqueName("hash");
        api().registered(name);
        String hash = io.ruche.support.TestDatabase.queryString(
                "SELECT password_hash FROM members WHERE username = '" + name + "'");
        assertTrue(hash.startsWith("$argon2id$"), hash);
        assertFalse(hash.contains(TestMembers.PASSWORD));
    }

    @Test
    void duplicateUsernameIsRefusedWhateverItsCase() {
        String name = TestMembers.uniqueName("dup");
        api().registered(name);
        Api.Response again = api().post("/api/v1/accounts",
                body(name.toUpperCase(), "other-" + name + "@example.test", TestMembers.PASSWORD));
        assertEquals(409, again.status(), again.body());
        assertEquals("application/problem+json", again.contentType());
        assertEquals("username", again.at("errors.0.field"));
        assertEquals("validation.username.taken", again.at("errors.0.code"));
        assertEquals("This username is already taken.", again.at("detail"));
    }

    @Test
    void aTakenAddressGetsTheAnswerOfANewOneAndItsOwnerIsTold() {
        String name = TestMembers.uniqueName("mail");
        api().registered(name);
        String intruder = TestMembers.uniqueName("mail2");
        Api.Response again = api().post("/api/v1/accounts", body(intruder, name + "@example.test",
                TestMembers.PASSWORD));
        String fresh = TestMembers.uniqueName("mail3");
        Api.Response newcomer = api().post("/api/v1/accounts", body(fresh, fresh + "@example.test",
                TestMembers.PASSWORD));
        assertEquals(newcomer.status(), again.status());
        assertEquals(newcomer.body().replace(fresh + "@", "X@"), again.body().replace(name + "@", "X@"),
                "the same answer, but for the address typed");
        assertEquals("0", io.ruche.support.TestDatabase.queryString(
                "SELECT COUNT(*) FROM members WHERE username = '" + intruder + "'"), "no account made");
        assertEquals("1", io.ruche.support.TestDatabase.queryString("SELECT COUNT(*) FROM mails WHERE template = "
                + "'address_in_use' AND to_address = '" + name + "@example.test'"), "the owner hears of it");
    }

    @Test
    void weakPasswordsAreRefusedWithTheRuleTheyBreak() {
        String name = TestMembers.uniqueName("weak");
        Map<String, String> cases = Map.of(
                "short1", "validation.password.tooShort",
                "aaaaabbbbbbbb", "validation.password.tooSimple",
                "azertyuiop", "validation.password.common",
                "xx" + name + "yy", "validation.password.containsUsername");
        cases.forEach((password, code) -> {
            Api.Response response = api().post("/api/v1/accounts", body(name, name + "@example.test", password));
            assertEquals(422, response.status(), password + " -> " + response.body());
            assertEquals("password", response.at("errors.0.field"));
            assertEquals(code, response.at("errors.0.code"), password);
        });
        assertEquals(404, api().get("/api/v1/members/" + name).status(), "nothing was created");
    }

    @Test
    void badEmailAndUsernameAreNamedInTheProblem() {
        Api.Response response = api().post("/api/v1/accounts", body("a b", "not-an-email", TestMembers.PASSWORD));
        assertEquals(422, response.status());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors = (List<Map<String, Object>>) response.json().get("errors");
        assertEquals(List.of("email", "username"), errors.stream().map(e -> e.get("field")).toList());
    }

    @Test
    void problemsAreWordedInTheReadersLanguage() {
        Api.Response response = api().language("fr-FR,fr;q=0.9")
                .post("/api/v1/accounts", body("ok_name", "bad", TestMembers.PASSWORD));
        assertEquals(422, response.status());
        assertEquals("Saisissez une adresse e-mail valide.", response.at("errors.0.message"));
        assertEquals("Données invalides", response.at("title"));
    }

    @Test
    void malformedJsonGetsAClearProblem() {
        Api.Response response = api().postRaw("/api/v1/accounts", "{\"username\": ");
        assertEquals(400, response.status(), response.body());
        assertEquals("problem.malformed", response.at("code"));
    }

    @Test
    void registrationsAreRateLimitedPerAddress() {
        Api api = api().header("X-Forwarded-For", "192.0.2.77");
        int created = 0;
        Api.Response last = null;
        for (int i = 0; i < 6; i++) {
            String name = TestMembers.uniqueName("burst");
            last = api.post("/api/v1/accounts", body(name, name + "@example.test", TestMembers.PASSWORD));
            if (last.status() == 202) {
                created++;
            }
        }
        assertEquals(5, created);
        assertEquals(429, last.status());
        assertNotEquals(null, last.headers().firstValue("Retry-After").orElse(null));
    }
}
