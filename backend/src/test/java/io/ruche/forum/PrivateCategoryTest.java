package io.ruche.forum;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.ruche.support.Api;
import io.ruche.support.ForumFixtures;
import io.ruche.support.IntegrationTest;
import io.ruche.support.TestMembers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.ruche.support.ForumFixtures.reply;
import static io.ruche.support.ForumFixtures.thread;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A private category open to one group: guests, plain members and members of another group find nothing of it
 * anywhere (404, never 403); the group, moderators and admins see and use it.
 */
@MicronautTest(transactional = false)
class PrivateCategoryTest extends IntegrationTest {

    private Api admin;
    private Api moderator;
    private Api insider;
    private Api outsider;
    private Api otherGroupMember;
    private Api guest;
    private ForumFixtures fixtures;
    private long privateCategory;
    private long privateChild;
    private long publicParent;
    private long secretThread;
    private long secretPost;
    private String secretTitle;

    @BeforeAll
    void setUp() {
        admin = ForumFixtures.newAdmin(server.getURI());
        moderator = ForumFixtures.newModerator(server.getURI());
        fixtures = new ForumFixtures(admin);
        insider = api().registered(TestMembers.uniqueName("insider"));
        outsider = api().registered(TestMembers.uniqueName("outsider"));
        otherGroupMember = api().registered(TestMembers.uniqueName("othergrp"));
        guest = api();
        long customers = fixtures.group("customers", insider);
        fixtures.group("partners", otherGroupMember);
        Map<String, Object> closed = Map.of("everyoneSee", false, "membersSee", false, "membersReply", false,
                "membersStart", false, "groupRights", List.of(Map.of("groupId", customers, "see", true,
                        "reply", true, "start", true)));
        privateCategory = fixtures.category("Customers only", closed);
        publicParent = fixtures.category("Public parent");
        privateChild = fixtures.category("Hidden child", new java.util.HashMap<>(closed) {{
            put("parentId", publicParent);
        }});
        secretTitle = "Secret roadmap " + TestMembers.uniqueName("t");
        secretThread = thread(insider, privateCategory, secretTitle, "Only for customers", List.of("roadmap-secret"));
        secretPost = reply(insider, secretThread, "More secrets");
        thread(insider, privateChild, "Hidden child thread", "x", List.of());
    }

    @Test
    void outsidersFindNothingAnywhere() {
        for (Api who : List.of(guest, outsider, otherGroupMember)) {
            assertEquals(404, who.get("/api/v1/threads/" + secretThread).status());
            assertEquals(404, who.get("/api/v1/categories/" + fixtures.slugOf(privateCategory) + "/threads").status());
            assertEquals(404, who.get("/api/v1/categories/" + fixtures.slugOf(privateChild) + "/threads").status());
            assertEquals(404, who.get("/api/v1/posts/" + secretPost + "/revisions").status());
            assertEquals(404, who.get("/api/v1/posts/" + secretPost + "/reactions").status());
            String tree = who.get("/api/v1/categories").body();
            assertFalse(tree.contains("Customers only"), tree);
            assertFalse(tree.contains("Hidden child"), tree);
            assertFalse(who.get("/api/v1/threads?limit=100").body().contains(secretTitle));
            assertFalse(who.get("/api/v1/tags").body().contains("roadmap-secret"));
            assertFalse(who.get("/api/v1/threads?tag=roadmap-secret").body().contains(secretTitle));
            assertFalse(api().withCookiesOf(who).header("Accept", "text/html").get("/t/" + secretThread).body()
                    .contains("Secret roadmap"));
        }
    }

    @Test
    void parentCountsIgnoreHiddenChildren() {
        @SuppressWarnings("unchecked")
        Map<String, Object> parent = outsider.get("/api/v1/categories").jsonList().stream()
                .filter(c -> ((Number) c.get("id")).longValue() == publicParent).findFirst().orElseThrow();
        assertEquals(0, ((Number) parent.get("threadCount")).intValue());
        assertEquals(null, parent.get("latest"));
        assertEquals(List.of(), parent.get("children"));
    }

    @Test
    void outsidersCannotWriteThereEither() {
        for (Api who : List.of(outsider, otherGroupMember)) {
            assertEquals(404, who.post("/api/v1/threads/" + secretThread + "/posts", Map.of("body", "hi")).status());
            assertEquals(404, who.post("/api/v1/threads", Map.of("categoryId", privateCategory, "title", "Sneaky",
                    "body", "x")).status());
            assertEquals(404, who.post("/api/v1/posts/" + secretPost + "/reactions/like", null).status());
            assertEquals(404, who.put("/api/v1/threads/" + secretThread + "/follow", Map.of("level", "WATCHING")).status());
            assertEquals(404, who.patch("/api/v1/posts/" + secretPost, Map.of("body", "x")).status());
        }
        assertEquals(401, guest.post("/api/v1/threads/" + secretThread + "/posts", Map.of("body", "hi")).status());
    }

    @Test
    void theGroupModeratorsAndAdminsSeeAndWrite() {
        for (Api who : List.of(insider, moderator, admin)) {
            Api.Response page = who.get("/api/v1/threads/" + secretThread);
            assertEquals(200, page.status(), page.body());
            assertEquals(true, page.at("canReply"));
            assertTrue(who.get("/api/v1/categories").body().contains("Customers only"));
            assertTrue(who.get("/api/v1/threads?limit=100").body().contains(secretTitle));
            assertEquals(201, who.post("/api/v1/threads/" + secretThread + "/posts", Map.of("body", "ok")).status());
        }
    }

    @Test
    void readOnlyForMembersMeansNoReplies() {
        long announcements = fixtures.category("Announcements", Map.of("membersReply", false, "membersStart", false));
        long id = thread(admin, announcements, "Welcome", "Hello all", List.of());
        Api.Response asMember = outsider.get("/api/v1/threads/" + id);
        assertEquals(200, asMember.status());
        assertEquals(false, asMember.at("canReply"));
        assertEquals(403, outsider.post("/api/v1/threads/" + id + "/posts", Map.of("body", "hi")).status());
        assertEquals(403, outsider.post("/api/v1/threads", Map.of("categoryId", announcements, "title", "Mine",
                "body", "x")).status());
        assertEquals(200, guest.get("/api/v1/threads/" + id).status());
    }
}
