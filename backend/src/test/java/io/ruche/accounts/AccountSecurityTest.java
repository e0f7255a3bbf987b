package io.ruche.accounts;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.ruche.support.Api;
import io.ruche.support.Concurrently;
import io.ruche.support.IntegrationTest;
import io.ruche.support.TestMembers;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A member's own password and sessions: what changing the password ends, and whose sessions one may end. */
@MicronautTest(transactional = false)
class AccountSecurityTest extends IntegrationTest {

    private static final String FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
    private static final String PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
            + "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

    private Api browser(String agent, String name) {
        return api().header("User-Agent", agent).signedIn(name, TestMembers.PASSWORD);
    }

    @Test
    void changingThePasswordSignsOutTheOtherBrowsersButNotThisOne() {
        String name = TestMembers.uniqueName("pwd");
        Api laptop = api().registered(name);
        Api phone = browser(PHONE, name);
        assertEquals(true, phone.get("/api/v1/session").at("authenticated"));

        Api.Response changed = laptop.post("/api/v1/account/password", Map.of("currentPassword", TestMembers.PASSWORD,
                "newPassword", "A brand new horse 44"));
        assertEquals(204, changed.status(), changed.body());

        assertEquals(true, laptop.get("/api/v1/session").at("authenticated"));
        assertEquals(false, phone.get("/api/v1/session").at("authenticated"));
        assertEquals(401, api().post("/api/v1/session", Map.of("login", name, "password", TestMembers.PASSWORD))
                .status());
        assertEquals(200, api().post("/api/v1/session", Map.of("login", name, "password", "A brand new horse 44"))
                .status());
        assertEquals("1", io.ruche.support.TestDatabase.queryString("SELECT COUNT(*) FROM mails m JOIN members u "
                + "ON u.id = m.member_id WHERE u.username = '" + name + "' AND m.template = 'password_changed'"));
    }

    @Test
    void aWrongCurrentPasswordOrAWeakNewOneIsRefusedByField() {
        Api member = api().registered(TestMembers.uniqueName("pwdbad"));
        Api.Response wrong = member.post("/api/v1/account/password", Map.of("currentPassword", "not mine at all",
                "newPassword", "A brand new horse 44"));
        assertEquals(422, wrong.status());
        assertEquals("currentPassword", wrong.at("errors.0.field"), wrong.body());
        Api.Response weak = member.post("/api/v1/account/password", Map.of("currentPassword", TestMembers.PASSWORD,
                "newPassword", "short"));
        assertEquals(422, weak.status());
        assertEquals("newPassword", weak.at("errors.0.field"), weak.body());
        Api.Response same = member.post("/api/v1/account/password", Map.of("currentPassword", TestMembers.PASSWORD,
                "newPassword", TestMembers.PASSWORD));
        assertEquals(422, same.status());
        assertEquals("validation.password.same", same.at("errors.0.code"), same.body());
    }

    @Test
    void aMemberSeesTheirBrowsersAndEndsOneOfThem() {
        String name = TestMembers.uniqueName("sess");
        Api laptop = api().registered(name);
        Api firefox = browser(FIREFOX, name);
        Api phone = browser(PHONE, name);

        List<Map<String, Object>> sessions = firefox.get("/api/v1/account/sessions").jsonList();
        assertEquals(3, sessions.size());
        Map<String, Object> self = sessions.stream().filter(s -> Boolean.TRUE.equals(s.get("current"))).findFirst()
                .orElseThrow();
        assertEquals("Firefox", self.get("browser"));
        assertEquals("Linux", self.get("system"));
        Map<String, Object> iphone = sessions.stream().filter(s -> "iOS".equals(s.get("system"))).findFirst()
                .orElseThrow();
        assertEquals("Safari", iphone.get("browser"));
        assertEquals(16, iphone.get("id").toString().length());

        assertEquals(204, firefox.delete("/api/v1/account/sessions/" + iphone.get("id")).status());
        assertEquals(false, phone.get("/api/v1/session").at("authenticated"));
        assertEquals(404, firefox.delete("/api/v1/account/sessions/" + iphone.get("id")).status());

        Api.Response others = firefox.post("/api/v1/account/sessions/end-others", null);
        assertEquals(1, ((Number) others.at("ended")).intValue());
        assertEquals(false, laptop.get("/api/v1/session").at("authenticated"));
        assertEquals(true, firefox.get("/api/v1/session").at("authenticated"));
    }

    @Test
    void nobodyEndsAnotherMembersSession() {
        String victim = TestMembers.uniqueName("victim");
        Api victimBrowser = api().registered(victim);
        String key = victimBrowser.get("/api/v1/account/sessions").jsonList().get(0).get("id").toString();
        Api stranger = api().registered(TestMembers.uniqueName("stranger"));
        assertEquals(404, stranger.delete("/api/v1/account/sessions/" + key).status());
        assertEquals(400 / 100, stranger.delete("/api/v1/account/sessions/" + key.substring(0, 4)).status() / 100);
        assertEquals(true, victimBrowser.get("/api/v1/session").at("authenticated"));
        assertFalse(stranger.get("/api/v1/account/sessions").body().contains(key));
    }

    @Test
    void twoBrowsersChangingThePasswordAtOnceLeaveOneWorkingPassword() throws Exception {
        String name = TestMembers.uniqueName("pwdrace");
        Api one = api().registered(name);
        Api two = browser(FIREFOX, name);
        List<Api.Response> answers = Concurrently.atOnce(List.of(one, two), a -> a.post("/api/v1/account/password",
                Map.of("currentPassword", TestMembers.PASSWORD, "newPassword",
                        (a == one ? "First new horse 45" : "Second new horse 46"))));
        for (Api.Response answer : answers) {
            assertTrue(answer.status() == 204 || answer.status() == 422 || answer.status() == 401, answer.body());
        }
        int working = 0;
        for (String password : List.of("First new horse 45", "Second new horse 46")) {
            if (api().post("/api/v1/session", Map.of("login", name, "password", password)).status() == 200) {
                working++;
            }
        }
        assertEquals(1, working);
    }
}
