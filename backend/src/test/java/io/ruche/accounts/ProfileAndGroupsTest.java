package io.ruche.accounts;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.ruche.support.Api;
import io.ruche.support.IntegrationTest;
import io.ruche.support.TestMembers;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class ProfileAndGroupsTest extends IntegrationTest {

    private Api admin() {
        String name = TestMembers.uniqueName("adm");
        api().registered(name);
        TestMembers.promoteToAdmin(name);
        return api().signedIn(name, TestMembers.PASSWORD);
    }

    @Test
    void memberUpdatesTheirProfileAndLanguage() {
        String name = TestMembers.uniqueName("prof");
        Api member = api().registered(name);
        Api.Response updated = member.patch("/api/v1/members/" + name,
                Map.of("displayName", "Marie Lefèvre", "bio", "Passionnée de randonnée.", "locale", "fr"));
        assertEquals(200, updated.status(), updated.body());
        Api.Response profile = api().get("/api/v1/members/" + name);
        assertEquals("Marie Lefèvre", profile.at("displayName"));
        assertEquals("Passionnée de randonnée.", profile.at("bio"));
        assertEquals(false, profile.at("canEdit"), "a guest cannot edit");
        assertFalse(profile.body().contains("@example.test"), "a public profile does not show the e-mail");
        assertEquals("fr", member.get("/api/v1/session").at("member.locale"));
    }

    @Test
    void profileValidationNamesTheField() {
        String name = TestMembers.uniqueName("val");
        Api member = api().registered(name);
        Api.Response tooLong = member.patch("/api/v1/members/" + name, Map.of("displayName", "x".repeat(65)));
        assertEquals(422, tooLong.status());
        assertEquals("displayName", tooLong.at("errors.0.field"));
        Api.Response badLocale = member.patch("/api/v1/members/" + name, Map.of("locale", "de"));
        assertEquals(422, badLocale.status());
        assertEquals("locale", badLocale.at("errors.0.field"));
    }

    @Test
    void unknownMemberIsAProblem404() {
        Api.Response response = api().get("/api/v1/members/nobody_here_at_all");
        assertEquals(404, response.status());
        assertEquals("problem.notFound.member", response.at("code"));
    }

    @Test
    void avatarIsAGeneratedSvgWithInitials() {
        String name = TestMembers.uniqueName("ava");
        Api member = api().registered(name);
        member.patch("/api/v1/members/" + name, Map.of("displayName", "Jean Dupont"));
        Api.Response avatar = api().get("/api/v1/members/" + name + "/avatar.svg");
        assertEquals(200, avatar.status());
        assertTrue(avatar.contentType().startsWith("image/svg+xml"), avatar.contentType());
        assertTrue(avatar.body().contains(">JD</text>"), avatar.body());
    }

    @Test
    void adminDirectoryPagesByKeysetWithoutRepeats() {
        Api admin = admin();
        for (int i = 0; i < 3; i++) {
            api().registered(TestMembers.uniqueName("dir"));
        }
        Set<Object> seen = new HashSet<>();
        Object after = 0;
        int pages = 0;
        do {
            Api.Response page = admin.get("/api/v1/members?limit=2&after=" + after);
            assertEquals(200, page.status(), page.body());
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> items = (List<Map<String, Object>>) page.json().get("items");
            assertTrue(items.size() <= 2);
            items.forEach(item -> assertTrue(seen.add(item.get("id")), "repeated " + item));
            after = page.at("nextAfter");
            pages++;
        } while (after != null && pages < 1000);
        assertTrue(seen.size() >= 4);
    }

    @Test
    void adminSearchesTheDirectory() {
        Api admin = admin();
        String name = TestMembers.uniqueName("findme");
        api().registered(name);
        Api.Response page = admin.get("/api/v1/members?q=" + name);
        assertEquals(name, page.at("items.0.username"));
        assertNull(page.at("nextAfter"));
    }

    @Test
    void adminChangesRolesButNeverRemovesTheLastAdmin() {
        Api admin = admin();
        String name = TestMembers.uniqueName("mod");
        Api future = api().registered(name);
        assertEquals(200, admin.put("/api/v1/members/" + name + "/role", Map.of("role", "MODERATOR")).status());
        assertEquals("MODERATOR", future.get("/api/v1/session").at("member.role"));
        Api.Response invalid = admin.put("/api/v1/members/" + name + "/role", Map.of("role", "OWNER"));
        assertEquals(400, invalid.status(), invalid.body());

        io.ruche.support.TestDatabase.execute("UPDATE members SET role = 'MEMBER' WHERE role = 'ADMIN' AND username <> '"
                + admin.get("/api/v1/session").at("member.username") + "'");
        String self = (String) admin.get("/api/v1/session").at("member.username");
        Api.Response demoteSelf = admin.put("/api/v1/members/" + self + "/role", Map.of("role", "MEMBER"));
        assertEquals(400, demoteSelf.status());
        assertEquals("problem.lastAdmin", demoteSelf.at("code"));
    }

    @Test
    void adminCreatesGroupsAndPutsMembersInThem() {
        Api admin = admin();
        String groupName = TestMembers.uniqueName("Clients");
        Api.Response created = admin.post("/api/v1/groups", Map.of("name", groupName, "description", "Nos clients"));
        assertEquals(201, created.status(), created.body());
        long id = ((Number) created.at("id")).longValue();

        assertEquals(409, admin.post("/api/v1/groups", Map.of("name", groupName)).status());
        assertEquals(422, admin.post("/api/v1/groups", Map.of("name", " ")).status());

        String name = TestMembers.uniqueName("cli");
        api().registered(name);
        assertEquals(204, admin.put("/api/v1/groups/" + id + "/members/" + name, null).status());
        assertEquals(204, admin.put("/api/v1/groups/" + id + "/members/" + name, null).status(), "idempotent");
        assertEquals(name, admin.get("/api/v1/groups/" + id + "/members").jsonList().get(0).get("username"));
        Map<String, Object> listed = admin.get("/api/v1/groups").jsonList().stream()
                .filter(g -> g.get("id").equals(created.at("id"))).findFirst().orElseThrow();
        assertEquals(1, ((Number) listed.get("memberCount")).intValue());
        assertEquals(List.of(groupName), admin.get("/api/v1/members?q=" + name).at("items.0.groups"));

        assertEquals(404, admin.put("/api/v1/groups/" + id + "/members/nobody_zz", null).status());
        assertEquals(204, admin.delete("/api/v1/groups/" + id + "/members/" + name).status());
        assertEquals(0, admin.get("/api/v1/groups/" + id + "/members").jsonList().size());
        assertEquals(204, admin.delete("/api/v1/groups/" + id).status());
        assertEquals(404, admin.get("/api/v1/groups/" + id + "/members").status());
    }
}
