package io.ruche.accounts;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import io.micronaut.security.annotation.Secured;
import io.ruche.support.Api;
import io.ruche.support.ForumFixtures;
import io.ruche.support.IntegrationTest;
import io.ruche.support.TestMembers;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every endpoint against guest, member, member of another group, moderator and admin: the status each gets. A second
 * table does the same on the threads and posts of a category open to one group only, where a plain member and a
 * member of another group must find nothing (404) and the group's members get only what the thread and post policies
 * allow them. Another test checks that no route escapes these tables without an explicit rule.
 */
@MicronautTest(transactional = false)
class AccessRulesTest extends IntegrationTest {

    @Inject
    Router router;

    private Api guest;
    private Api member;
    private Api otherGroupMember;
    private Api admin;
    private Api moderator;
    private String memberName;
    private String otherName;
    private Api readKey;
    private Api writeKey;
    private Api adminPlainKey;
    private Api adminKey;
    private Api moderatorKey;

    @BeforeEach
    void people() {
        guest = api();
        memberName = TestMembers.uniqueName("mem");
        member = api().registered(memberName);
        otherName = TestMembers.uniqueName("other");
        api().registered(otherName);
        String adminName = TestMembers.uniqueName("adm");
        TestMembers.promoteToAdmin(api().registered(adminName).get("/api/v1/session").at("member.username").toString());
        admin = api().signedIn(adminName, TestMembers.PASSWORD);
        moderator = io.ruche.support.ForumFixtures.newModerator(server.getURI());
        otherGroupMember = api().registered(TestMembers.uniqueName("othergrp"));
        new ForumFixtures(admin).group("partners", otherGroupMember);
        readKey = key(member, "/api/v1/api-keys", Map.of("name", "Reader", "scopes", List.of("READ")));
        writeKey = key(member, "/api/v1/api-keys", Map.of("name", "Writer", "scopes", List.of("READ", "WRITE")));
        adminPlainKey = key(admin, "/api/v1/admin/api-keys", Map.of("name", "Plain", "scopes", List.of("READ", "WRITE")));
        adminKey = key(admin, "/api/v1/admin/api-keys", Map.of("name", "Admin", "scopes",
                List.of("READ", "WRITE", "ADMIN")));
        moderatorKey = key(admin, "/api/v1/admin/api-keys", Map.of("name", "Moderation bot", "scopes",
                List.of("READ", "WRITE", "MODERATION"), "actsAs", moderator.get("/api/v1/session").at("member.username")));
    }

    private record Rule(String endpoint, Function<Api, Api.Response> call, int guest, int member, int moderator,
                        int admin) {
        Rule(String endpoint, Function<Api, Api.Response> call, int guest, int member, int admin) {
            this(endpoint, call, guest, member, member == 403 ? 403 : member == 401 ? 401 : admin, admin);
        }
    }

    private long newCategory() {
        return ((Number) admin.post("/api/v1/categories", Map.of("name", TestMembers.uniqueName("cat")))
                .at("id")).longValue();
    }

    private long newGroup() {
        return ((Number) admin.post("/api/v1/groups", Map.of("name", TestMembers.uniqueName("grp"))).at("id"))
                .longValue();
    }

    @Test
    void eachEndpointAnswersEachRoleAsItsRuleSays() {
        long group = newGroup();
        String slug = io.ruche.support.TestDatabase.queryString("SELECT slug FROM categories WHERE id = "
                + newCategory());
        List<Rule> rules = List.of(
                new Rule("GET /api/v1/session", a -> a.get("/api/v1/session"), 200, 200, 200),
                new Rule("POST /api/v1/session (bad password)", a -> a.post("/api/v1/session",
                        Map.of("login", otherName, "password", "wrong password")), 401, 401, 401),
                new Rule("GET /api/v1/setup", a -> a.get("/api/v1/setup"), 200, 200, 200),
                new Rule("POST /api/v1/setup (done)", a -> a.post("/api/v1/setup", Map.of("username", "late_admin",
                        "email", "late@example.test", "password", TestMembers.PASSWORD)), 403, 403, 403),
                new Rule("GET /api/v1/members/{u}", a -> a.get("/api/v1/members/" + otherName), 200, 200, 200),
                new Rule("GET /api/v1/members/{u}/avatar.svg", a -> a.get("/api/v1/members/" + otherName
                        + "/avatar.svg"), 200, 200, 200),
                new Rule("PATCH /api/v1/members/{other}", a -> a.patch("/api/v1/members/" + otherName,
                        Map.of("bio", "changed")), 401, 403, 200),
                new Rule("GET /api/v1/members", a -> a.get("/api/v1/members"), 401, 403, 200, 200),
                new Rule("PUT /api/v1/members/{u}/role", a -> a.put("/api/v1/members/" + otherName + "/role",
                        Map.of("role", "MEMBER")), 401, 403, 200),
                new Rule("GET /api/v1/groups", a -> a.get("/api/v1/groups"), 401, 403, 200),
                new Rule("POST /api/v1/groups", a -> a.post("/api/v1/groups",
                        Map.of("name", TestMembers.uniqueName("g"))), 401, 403, 201),
                new Rule("GET /api/v1/groups/{id}/members", a -> a.get("/api/v1/groups/" + group + "/members"),
                        401, 403, 200),
                new Rule("PUT /api/v1/groups/{id}/members/{u}", a -> a.put("/api/v1/groups/" + group + "/members/"
                        + otherName, null), 401, 403, 204),
                new Rule("DELETE /api/v1/groups/{id}/members/{u}", a -> a.delete("/api/v1/groups/" + group
                        + "/members/" + otherName), 401, 403, 204),
                new Rule("DELETE /api/v1/groups/{id}", a -> a.delete("/api/v1/groups/" + newGroup()), 401, 403, 204),
                new Rule("GET /api/v1/theme", a -> a.get("/api/v1/theme"), 200, 200, 200),
                new Rule("GET /theme/theme.css", a -> a.get("/theme/theme.css"), 200, 200, 200),
                new Rule("GET /health", a -> a.get("/health"), 200, 200, 200),
                new Rule("GET /openapi.yml", a -> a.get("/openapi.yml"), 200, 200, 200),
                new Rule("GET /api/v1/categories", a -> a.get("/api/v1/categories"), 200, 200, 200),
                new Rule("POST /api/v1/categories", a -> a.post("/api/v1/categories",
                        Map.of("name", TestMembers.uniqueName("c"))), 401, 403, 403, 201),
                new Rule("PATCH /api/v1/categories/{id}", a -> a.patch("/api/v1/categories/" + newCategory(),
                        Map.of("name", "Renamed")), 401, 403, 403, 200),
                new Rule("DELETE /api/v1/categories/{id}", a -> a.delete("/api/v1/categories/" + newCategory()),
                        401, 403, 403, 204),
                new Rule("PUT /api/v1/tags/settings", a -> a.put("/api/v1/tags/settings",
                        Map.of("restricted", false, "allowed", List.of())), 401, 403, 403, 204),
                new Rule("GET /api/v1/tags", a -> a.get("/api/v1/tags"), 200, 200, 200),
                new Rule("GET /api/v1/threads", a -> a.get("/api/v1/threads"), 200, 200, 200),
                new Rule("POST /api/v1/threads (no such category)", a -> a.post("/api/v1/threads",
                        Map.of("categoryId", 987654321, "title", "Hello", "body", "x")), 401, 404, 404),
                new Rule("POST /api/v1/preview", a -> a.post("/api/v1/preview", Map.of("body", "*x*")), 401, 200, 200),
                new Rule("PATCH /api/v1/threads/{id} (missing)", a -> a.patch("/api/v1/threads/987654321",
                        Map.of("locked", true)), 401, 404, 404),
                new Rule("DELETE /api/v1/posts/{id} (missing)", a -> a.delete("/api/v1/posts/987654321"),
                        401, 404, 404),
                new Rule("GET /api/v1/search", a -> a.get("/api/v1/search?q=hello"), 200, 200, 200),
                new Rule("GET /api/v1/search/suggest", a -> a.get("/api/v1/search/suggest?q=hello"), 200, 200, 200),
                new Rule("GET /api/v1/admin/search/reindex", a -> a.get("/api/v1/admin/search/reindex"),
                        401, 403, 403, 200),
                new Rule("POST /api/v1/admin/search/reindex", a -> a.post("/api/v1/admin/search/reindex", null),
                        401, 403, 403, 202),
                new Rule("GET /api/v1/notifications", a -> a.get("/api/v1/notifications"), 401, 200, 200),
                new Rule("GET /api/v1/notifications/unread-count", a -> a.get("/api/v1/notifications/unread-count"),
                        401, 200, 200),
                new Rule("POST /api/v1/notifications/read-all", a -> a.post("/api/v1/notifications/read-all", null),
                        401, 204, 204),
                new Rule("POST /api/v1/notifications/{id}/read (missing)", a -> a.post(
                        "/api/v1/notifications/987654321/read", null), 401, 404, 404),
                new Rule("GET /api/v1/notifications/preferences", a -> a.get("/api/v1/notifications/preferences"),
                        401, 200, 200),
                new Rule("PUT /api/v1/notifications/preferences (bad hour)", a -> a.put(
                        "/api/v1/notifications/preferences", Map.of("channels", Map.of(), "digest", "DAILY",
                                "digestHour", 30, "timeZone", "Europe/Paris")), 401, 422, 422),
                new Rule("POST /api/v1/members/{u}/staff-messages", a -> a.post("/api/v1/members/" + otherName
                        + "/staff-messages", Map.of("text", "Please keep it friendly.")), 401, 403, 204, 204),
                new Rule("GET /api/v1/categories/{slug}/follow", a -> a.get("/api/v1/categories/" + slug
                        + "/follow"), 401, 200, 200),
                new Rule("PUT /api/v1/categories/{slug}/follow", a -> a.put("/api/v1/categories/" + slug
                        + "/follow", Map.of("level", "WATCHING")), 401, 200, 200),
                new Rule("GET /api/v1/live (missing thread)", a -> a.get("/api/v1/live?thread=987654321"),
                        404, 404, 404),
                new Rule("GET /api/v1/mail/unsubscribe/{bad}", a -> a.get("/api/v1/mail/unsubscribe/1.ALL.x"),
                        404, 404, 404),
                new Rule("POST /api/v1/mail/unsubscribe/{forged}", a -> a.post("/api/v1/mail/unsubscribe/1.ALL."
                        + "a".repeat(43), null), 404, 404, 404),
                new Rule("POST /api/v1/account/verification (verified)", a -> a.post("/api/v1/account/verification",
                        null), 401, 400, 400),
                new Rule("POST /api/v1/account/verification/confirm (bad)", a -> a.post(
                        "/api/v1/account/verification/confirm", Map.of("token", "nope")), 400, 400, 400),
                new Rule("POST /api/v1/account/password-reset", a -> a.post("/api/v1/account/password-reset",
                        Map.of("email", TestMembers.uniqueName("nobody") + "@example.test")), 202, 202, 202),
                new Rule("POST /api/v1/account/password-reset/confirm (bad)", a -> a.post(
                        "/api/v1/account/password-reset/confirm", Map.of("token", "nope", "password",
                                "Another horse 43")), 400, 400, 400),
                new Rule("POST /api/v1/account/email (wrong password)", a -> a.post("/api/v1/account/email",
                        Map.of("email", "new@example.test", "password", "wrong")), 401, 422, 422),
                new Rule("POST /api/v1/account/password (wrong current)", a -> a.post("/api/v1/account/password",
                        Map.of("currentPassword", "wrong", "newPassword", "Another horse 43")), 401, 422, 422),
                new Rule("GET /api/v1/account/sessions", a -> a.get("/api/v1/account/sessions"), 401, 200, 200),
                new Rule("DELETE /api/v1/account/sessions/{id} (not theirs)", a -> a.delete(
                        "/api/v1/account/sessions/0123456789abcdef"), 401, 404, 404),
                new Rule("GET /api/v1/uploads/allowance", a -> a.get("/api/v1/uploads/allowance"), 401, 200, 200),
                new Rule("DELETE /api/v1/account/avatar", a -> a.delete("/api/v1/account/avatar"), 401, 204, 204),
                new Rule("GET /api/v1/admin/uploads", a -> a.get("/api/v1/admin/uploads"), 401, 403, 403, 200),
                new Rule("PUT /api/v1/admin/uploads (invalid)", a -> a.put("/api/v1/admin/uploads", Map.of(
                        "newMemberMb", 0, "memberMb", 8, "filesFromTrust", 1)), 401, 403, 403, 422),
                new Rule("GET /uploads/{missing}", a -> a.get("/uploads/AAAAAAAAAAAAAAAAAAAAAA/x.png"), 404, 404, 404),
                new Rule("GET /api/v1/conversations", a -> a.get("/api/v1/conversations"), 401, 200, 200),
                new Rule("GET /api/v1/conversations/unread-count", a -> a.get("/api/v1/conversations/unread-count"),
                        401, 200, 200),
                new Rule("GET /api/v1/conversations/{id} (missing)", a -> a.get("/api/v1/conversations/987654321"),
                        401, 404, 404),
                new Rule("POST /api/v1/conversations (nobody)", a -> a.post("/api/v1/conversations",
                        Map.of("recipients", List.of(), "subject", "Hi", "body", "Hello")), 401, 422, 422),
                new Rule("POST /api/v1/conversations/{id}/messages (missing)", a -> a.post(
                        "/api/v1/conversations/987654321/messages", Map.of("body", "Hello")), 401, 404, 404),
                new Rule("POST /api/v1/conversations/{id}/leave (missing)", a -> a.post(
                        "/api/v1/conversations/987654321/leave", null), 401, 404, 404),
                new Rule("POST /api/v1/messages/{id}/flags (missing)", a -> a.post("/api/v1/messages/987654321/flags",
                        Map.of("reason", "SPAM")), 401, 404, 404),
                new Rule("GET /api/v1/admin/message-flags", a -> a.get("/api/v1/admin/message-flags"),
                        401, 403, 200, 200),
                new Rule("POST /api/v1/admin/message-flags/{id}/resolve (missing)", a -> a.post(
                        "/api/v1/admin/message-flags/987654321/resolve", null), 401, 403, 404, 404),
                new Rule("GET /api/v1/me/blocks", a -> a.get("/api/v1/me/blocks"), 401, 200, 200),
                new Rule("PUT /api/v1/members/{u}/block", a -> a.put("/api/v1/members/" + otherName + "/block", null),
                        401, 204, 204),
                new Rule("DELETE /api/v1/members/{u}/block", a -> a.delete("/api/v1/members/" + otherName + "/block"),
                        401, 204, 204),
                new Rule("GET /api/v1/members/suggest", a -> a.get("/api/v1/members/suggest?q=ot"), 401, 200, 200),
                new Rule("GET /api/v1/me/bookmarks", a -> a.get("/api/v1/me/bookmarks"), 401, 200, 200),
                new Rule("PUT /api/v1/posts/{id}/bookmark (missing)", a -> a.put("/api/v1/posts/987654321/bookmark",
                        Map.of()), 401, 404, 404),
                new Rule("DELETE /api/v1/posts/{id}/bookmark", a -> a.delete("/api/v1/posts/987654321/bookmark"),
                        401, 204, 204),
                new Rule("GET /api/v1/threads/{id}/bookmarks", a -> a.get("/api/v1/threads/987654321/bookmarks"),
                        401, 200, 200),
                new Rule("GET /api/v1/ideas/roadmap", a -> a.get("/api/v1/ideas/roadmap"), 200, 200, 200),
                new Rule("PUT /api/v1/threads/{id}/vote (missing)", a -> a.put("/api/v1/threads/987654321/vote",
                        null), 401, 404, 404),
                new Rule("PUT /api/v1/threads/{id}/idea-status (missing)", a -> a.put(
                        "/api/v1/threads/987654321/idea-status", Map.of("status", "PLANNED", "note", "")),
                        401, 403, 404, 404),
                new Rule("GET /api/v1/admin/ideas", a -> a.get("/api/v1/admin/ideas"), 401, 403, 403, 200),
                new Rule("PUT /api/v1/admin/ideas (invalid)", a -> a.put("/api/v1/admin/ideas",
                        Map.of("budget", -1)), 401, 403, 403, 422),
                new Rule("GET /api/v1/account/deletion", a -> a.get("/api/v1/account/deletion"), 401, 200, 200),
                new Rule("POST /api/v1/account/deletion (wrong password)", a -> a.post("/api/v1/account/deletion",
                        Map.of("password", "not mine")), 401, 422, 422),
                new Rule("DELETE /api/v1/account/deletion", a -> a.delete("/api/v1/account/deletion"), 401, 200, 200),
                new Rule("GET /api/v1/account/exports", a -> a.get("/api/v1/account/exports"), 401, 200, 200),
                new Rule("POST /api/v1/account/exports", a -> a.post("/api/v1/account/exports", null), 401, 202, 202),
                new Rule("GET /api/v1/account/exports/{id}/download (not theirs)", a -> a.get(
                        "/api/v1/account/exports/987654321/download"), 401, 404, 404),
                new Rule("POST /api/v1/account/email/confirm (bad)", a -> a.post("/api/v1/account/email/confirm",
                        Map.of("token", "nope")), 400, 400, 400),
                new Rule("GET /api/v1/admin/mail", a -> a.get("/api/v1/admin/mail"), 401, 403, 403, 200),
                new Rule("GET /api/v1/admin/mail/messages", a -> a.get("/api/v1/admin/mail/messages"),
                        401, 403, 403, 200),
                new Rule("POST /api/v1/admin/mail/retry", a -> a.post("/api/v1/admin/mail/retry",
                        Map.of("ids", List.of())), 401, 403, 403, 200),
                new Rule("POST /api/v1/admin/mail/test", a -> a.post("/api/v1/admin/mail/test",
                        Map.of("to", "postmaster@example.test")), 401, 403, 403, 200),
                // Moderation: moderators and admins; guests 401, members 403.
                new Rule("POST /api/v1/posts/{id}/flags (missing)", a -> a.post("/api/v1/posts/987654321/flags",
                        Map.of("reason", "SPAM")), 401, 404, 404, 404),
                new Rule("GET /api/v1/me/pending", a -> a.get("/api/v1/me/pending"), 401, 200, 200),
                new Rule("GET /api/v1/crisis", a -> a.get("/api/v1/crisis"), 200, 200, 200),
                new Rule("GET /api/v1/admin/dashboard", a -> a.get("/api/v1/admin/dashboard"), 401, 403, 200, 200),
                new Rule("GET /api/v1/admin/review", a -> a.get("/api/v1/admin/review"), 401, 403, 200, 200),
                new Rule("POST /api/v1/admin/review/{id}/claim (missing)", a -> a.post(
                        "/api/v1/admin/review/987654321/claim", null), 401, 403, 404, 404),
                new Rule("DELETE /api/v1/admin/review/{id}/claim", a -> a.delete("/api/v1/admin/review/987654321/claim"),
                        401, 403, 204, 204),
                new Rule("POST /api/v1/admin/review/actions (missing)", a -> a.post("/api/v1/admin/review/actions",
                        Map.of("ids", List.of(987654321), "action", "APPROVE")), 401, 403, 404, 404),
                new Rule("POST /api/v1/admin/review/{id}/edit (missing)", a -> a.post(
                        "/api/v1/admin/review/987654321/edit", Map.of("body", "x")), 401, 403, 404, 404),
                new Rule("GET /api/v1/admin/members/{u}/sanctions", a -> a.get("/api/v1/admin/members/" + otherName
                        + "/sanctions"), 401, 403, 200, 200),
                new Rule("POST /api/v1/admin/members/{u}/sanctions", a -> a.post("/api/v1/admin/members/" + otherName
                        + "/sanctions", Map.of("kind", "WARNING", "reason", "Be kind")), 401, 403, 200, 200),
                new Rule("POST /api/v1/admin/sanctions/{id}/lift (missing)", a -> a.post(
                        "/api/v1/admin/sanctions/987654321/lift", Map.of()), 401, 403, 404, 404),
                new Rule("GET /api/v1/admin/members/{u}/notes", a -> a.get("/api/v1/admin/members/" + otherName
                        + "/notes"), 401, 403, 200, 200),
                new Rule("POST /api/v1/admin/members/{u}/notes", a -> a.post("/api/v1/admin/members/" + otherName
                        + "/notes", Map.of("body", "Asked twice about refunds")), 401, 403, 200, 200),
                new Rule("GET /api/v1/admin/canned-replies", a -> a.get("/api/v1/admin/canned-replies"),
                        401, 403, 200, 200),
                new Rule("POST /api/v1/admin/canned-replies", a -> a.post("/api/v1/admin/canned-replies",
                        Map.of("title", "Welcome", "body", "Welcome aboard!")), 401, 403, 200, 200),
                new Rule("DELETE /api/v1/admin/canned-replies/{id} (missing)", a -> a.delete(
                        "/api/v1/admin/canned-replies/987654321"), 401, 403, 404, 404),
                new Rule("GET /api/v1/admin/watched-words", a -> a.get("/api/v1/admin/watched-words"),
                        401, 403, 200, 200),
                new Rule("POST /api/v1/admin/watched-words (invalid)", a -> a.post("/api/v1/admin/watched-words",
                        Map.of("pattern", "([a", "kind", "REGEX", "action", "BLOCK")), 401, 403, 422, 422),
                new Rule("DELETE /api/v1/admin/watched-words/{id} (missing)", a -> a.delete(
                        "/api/v1/admin/watched-words/987654321"), 401, 403, 404, 404),
                new Rule("POST /api/v1/admin/watched-words/test", a -> a.post("/api/v1/admin/watched-words/test",
                        Map.of("sample", "hello")), 401, 403, 200, 200),
                new Rule("GET /api/v1/admin/audit", a -> a.get("/api/v1/admin/audit"), 401, 403, 200, 200),
                new Rule("GET /api/v1/admin/crisis", a -> a.get("/api/v1/admin/crisis"), 401, 403, 200, 200),
                new Rule("PUT /api/v1/admin/crisis (invalid)", a -> a.put("/api/v1/admin/crisis", Map.of("on", false,
                        "message", "", "categoryIds", List.of(), "slowSeconds", -1)), 401, 403, 422, 422),
                new Rule("GET /api/v1/admin/settings", a -> a.get("/api/v1/admin/settings"), 401, 403, 403, 200),
                new Rule("PUT /api/v1/admin/settings (invalid)", a -> a.put("/api/v1/admin/settings",
                        Map.ofEntries(Map.entry("name", ""), Map.entry("description", ""), Map.entry("registration", "NOPE"),
                                Map.entry("languages", "fr,en"), Map.entry("flagThreshold", 3),
                                Map.entry("trustedAfterPosts", 3), Map.entry("newMemberApproval", 0),
                                Map.entry("newMemberMaxLinks", 2), Map.entry("newMemberMaxImages", 1),
                                Map.entry("approveFirstLink", true), Map.entry("flagsPerHour", 20))),
                        401, 403, 403, 422),
                new Rule("GET /api/v1/admin/bans", a -> a.get("/api/v1/admin/bans"), 401, 403, 403, 200),
                new Rule("POST /api/v1/admin/bans (invalid)", a -> a.post("/api/v1/admin/bans",
                        Map.of("kind", "ADDRESS_RANGE", "value", "not an address")), 401, 403, 403, 422),
                new Rule("DELETE /api/v1/admin/bans/{id} (missing)", a -> a.delete("/api/v1/admin/bans/987654321"),
                        401, 403, 403, 404),
                new Rule("GET /api/v1/admin/invites", a -> a.get("/api/v1/admin/invites"), 401, 403, 403, 200),
                new Rule("POST /api/v1/admin/invites", a -> a.post("/api/v1/admin/invites", Map.of()),
                        401, 403, 403, 200),
                new Rule("PUT /api/v1/threads/{id}/slow-mode (missing)", a -> a.put(
                        "/api/v1/threads/987654321/slow-mode", Map.of("seconds", 60)), 401, 403, 404, 404),
                new Rule("PUT /api/v1/threads/{id}/close (missing)", a -> a.put("/api/v1/threads/987654321/close",
                        Map.of("note", "Closed")), 401, 403, 404, 404),
                new Rule("DELETE /api/v1/threads/{id}/close (missing)", a -> a.delete("/api/v1/threads/987654321/close"),
                        401, 403, 404, 404),
                new Rule("PUT /api/v1/posts/{id}/official (missing)", a -> a.put("/api/v1/posts/987654321/official",
                        Map.of("official", true)), 401, 403, 404, 404),
                new Rule("POST /api/v1/threads/{id}/merge (missing)", a -> a.post("/api/v1/threads/987654321/merge",
                        Map.of("into", 987654322)), 401, 403, 404, 404),
                new Rule("GET /api/v1/api-keys", a -> a.get("/api/v1/api-keys"), 401, 200, 200),
                new Rule("POST /api/v1/api-keys (no scope)", a -> a.post("/api/v1/api-keys",
                        Map.of("name", "Script", "scopes", List.of())), 401, 422, 422),
                new Rule("DELETE /api/v1/api-keys/{id} (missing)", a -> a.delete("/api/v1/api-keys/987654321"),
                        401, 404, 404),
                new Rule("GET /api/v1/admin/api-keys", a -> a.get("/api/v1/admin/api-keys"), 401, 403, 403, 200),
                new Rule("POST /api/v1/admin/api-keys (no scope)", a -> a.post("/api/v1/admin/api-keys",
                        Map.of("name", "CRM", "scopes", List.of())), 401, 403, 403, 422),
                new Rule("DELETE /api/v1/admin/api-keys/{id} (missing)", a -> a.delete(
                        "/api/v1/admin/api-keys/987654321"), 401, 403, 403, 404),
                new Rule("GET /api/v1/auth/providers", a -> a.get("/api/v1/auth/providers"), 200, 200, 200),
                new Rule("GET /auth/oidc/{slug}/start (missing)", a -> a.get("/auth/oidc/nobody-here/start"),
                        404, 404, 404),
                new Rule("GET /auth/oidc/callback (no flow)", a -> a.get("/auth/oidc/callback?state=x&code=y"),
                        303, 303, 303),
                new Rule("GET /auth/oidc/link/{token} (unknown)", a -> a.get("/auth/oidc/link/unknown-token"),
                        303, 303, 303),
                new Rule("GET /api/v1/admin/sso/providers", a -> a.get("/api/v1/admin/sso/providers"),
                        401, 403, 403, 200),
                new Rule("POST /api/v1/admin/sso/providers (invalid)", a -> a.post("/api/v1/admin/sso/providers",
                        Map.of("slug", "Not A Slug", "name", "X", "discoveryUrl", "x", "clientId", "c", "enabled", true)),
                        401, 403, 403, 422),
                new Rule("PUT /api/v1/admin/sso/providers/{id} (missing)", a -> a.put(
                        "/api/v1/admin/sso/providers/987654321", Map.of("slug", "brand", "name", "Brand",
                                "discoveryUrl", "https://id.example.com/.well-known/openid-configuration",
                                "clientId", "c", "enabled", true)), 401, 403, 403, 404),
                new Rule("DELETE /api/v1/admin/sso/providers/{id} (missing)", a -> a.delete(
                        "/api/v1/admin/sso/providers/987654321"), 401, 403, 403, 404),
                new Rule("PUT /api/v1/admin/sso/settings (off)", a -> a.put("/api/v1/admin/sso/settings",
                        Map.of("ssoOnly", false)), 401, 403, 403, 200),
                new Rule("GET /webhooks.schema.json", a -> a.get("/webhooks.schema.json"), 200, 200, 200),
                new Rule("GET /api/v1/admin/webhooks", a -> a.get("/api/v1/admin/webhooks"), 401, 403, 403, 200),
                new Rule("GET /api/v1/admin/webhooks/event-types", a -> a.get("/api/v1/admin/webhooks/event-types"),
                        401, 403, 403, 200),
                new Rule("POST /api/v1/admin/webhooks (loopback)", a -> a.post("/api/v1/admin/webhooks",
                        Map.of("url", "http://127.0.0.1/x", "eventTypes", List.of("thread.created"),
                                "includePrivate", false, "allowPrivateNetwork", false)), 401, 403, 403, 422),
                new Rule("GET /api/v1/admin/webhooks/{id} (missing)", a -> a.get("/api/v1/admin/webhooks/987654321"),
                        401, 403, 403, 404),
                new Rule("PUT /api/v1/admin/webhooks/{id} (missing)", a -> a.put("/api/v1/admin/webhooks/987654321",
                        Map.of("url", "https://crm.example.com/hook", "eventTypes", List.of("thread.created"),
                                "includePrivate", false, "allowPrivateNetwork", false)), 401, 403, 403, 404),
                new Rule("DELETE /api/v1/admin/webhooks/{id} (missing)", a -> a.delete(
                        "/api/v1/admin/webhooks/987654321"), 401, 403, 403, 404),
                new Rule("POST /api/v1/admin/webhooks/{id}/secret (missing)", a -> a.post(
                        "/api/v1/admin/webhooks/987654321/secret", null), 401, 403, 403, 404),
                new Rule("POST /api/v1/admin/webhooks/{id}/test (missing)", a -> a.post(
                        "/api/v1/admin/webhooks/987654321/test", null), 401, 403, 403, 404),
                new Rule("GET /api/v1/admin/webhooks/{id}/deliveries (missing)", a -> a.get(
                        "/api/v1/admin/webhooks/987654321/deliveries"), 401, 403, 403, 404),
                new Rule("POST /api/v1/admin/webhooks/{id}/deliveries/{d}/redeliver (missing)", a -> a.post(
                        "/api/v1/admin/webhooks/987654321/deliveries/1/redeliver", null), 401, 403, 403, 404),
                new Rule("POST /api/v1/threads/{id}/split (missing)", a -> a.post("/api/v1/threads/987654321/split",
                        Map.of("postIds", List.of(1), "title", "New one", "categoryId", 1)), 401, 403, 404, 404));
        List<String> failures = new ArrayList<>();
        for (Rule rule : rules) {
            check(failures, rule, "guest", guest, rule.guest());
            check(failures, rule, "member", member, rule.member());
            // A member of some group has no more rights on the site than any member.
            check(failures, rule, "member of another group", otherGroupMember, rule.member());
            check(failures, rule, "moderator", moderator, rule.moderator());
            check(failures, rule, "admin", admin, rule.admin());
            // The same rules through API keys: a key acts as its member, within its scopes; account settings,
            // sign-in and keys themselves stay with a signed-in browser (403 for any key).
            boolean browserOnly = browserOnly(rule.endpoint());
            boolean reading = rule.endpoint().startsWith("GET ");
            check(failures, rule, "member's READ key", readKey, browserOnly || !reading ? 403 : rule.member());
            check(failures, rule, "member's READ+WRITE key", writeKey, browserOnly ? 403 : rule.member());
            check(failures, rule, "admin's key without staff scopes", adminPlainKey,
                    browserOnly ? 403 : rule.member());
            check(failures, rule, "moderator's MODERATION key", moderatorKey, browserOnly ? 403 : rule.moderator());
            check(failures, rule, "admin's ADMIN key", adminKey, browserOnly ? 403 : rule.admin());
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    private static boolean browserOnly(String endpoint) {
        String path = endpoint.substring(endpoint.indexOf(' ') + 1);
        return path.startsWith("/api/v1/account/") || path.startsWith("/api/v1/api-keys")
                || path.startsWith("/api/v1/admin/api-keys") || path.startsWith("/api/v1/accounts")
                || path.startsWith("/api/v1/setup") || path.startsWith("/auth/")
                || (path.startsWith("/api/v1/session") && !endpoint.startsWith("GET"));
    }

    /** A key made through the API by a signed-in browser; the client calls with it and nothing else. */
    private static Api key(Api owner, String path, Map<String, Object> body) {
        Api.Response created = owner.post(path, body);
        assertEquals(201, created.status(), created.body());
        return owner.withKey((String) created.at("token"));
    }

    /** What each viewer gets on the threads and posts of a category only one group may see and use. */
    private record GroupRule(String endpoint, Function<Api, Api.Response> call, int guest, int member,
                             int otherGroup, int groupMember, int moderator, int admin) {
    }

    @Test
    void threadsAndPostsOfAGroupCategoryAnswerEachViewerAsTheirPolicySays() {
        ForumFixtures fixtures = new ForumFixtures(admin);
        Api author = api().registered(TestMembers.uniqueName("author"));
        Api insider = api().registered(TestMembers.uniqueName("insider"));
        long customers = fixtures.group("customers", author, insider);
        long category = fixtures.category("Customers' questions", Map.of("kind", "QUESTIONS", "everyoneSee", false,
                "membersSee", false, "membersReply", false, "membersStart", false, "groupRights",
                List.of(Map.of("groupId", customers, "see", true, "reply", true, "start", true))));
        long thread = ForumFixtures.thread(author, category, "How do I export invoices?", "Where is it?", List.of());
        long post = ForumFixtures.reply(author, thread, "Found it myself, in Settings.");
        Supplier<Long> freshPost = () -> ForumFixtures.reply(author, thread, "One more detail " + TestMembers.uniqueName("p"));
        String t = "/api/v1/threads/" + thread;
        String p = "/api/v1/posts/" + post;
        List<GroupRule> rules = List.of(
                new GroupRule("GET thread", a -> a.get(t), 404, 404, 404, 200, 200, 200),
                new GroupRule("POST reply", a -> a.post(t + "/posts", Map.of("body", "Same question here")),
                        401, 404, 404, 201, 201, 201),
                new GroupRule("PATCH thread title (not the author)", a -> a.patch(t, Map.of("title",
                        "How do I export my invoices?")), 401, 404, 404, 403, 200, 200),
                new GroupRule("PATCH thread pinned", a -> a.patch(t, Map.of("pinned", false)),
                        401, 404, 404, 403, 200, 200),
                new GroupRule("PUT follow", a -> a.put(t + "/follow", Map.of("level", "WATCHING")),
                        401, 404, 404, 204, 204, 204),
                new GroupRule("POST accepted answer (not the asker)", a -> a.post(t + "/accepted-answer",
                        Map.of("postId", post)), 401, 404, 404, 403, 204, 204),
                new GroupRule("PUT slow mode", a -> a.put(t + "/slow-mode", Map.of("seconds", 0)),
                        401, 403, 403, 403, 204, 204),
                new GroupRule("PATCH post (not the author)", a -> a.patch(p, Map.of("body", "Edited by someone")),
                        401, 404, 404, 403, 200, 200),
                new GroupRule("DELETE post (not the author)", a -> a.delete("/api/v1/posts/" + freshPost.get()),
                        401, 404, 404, 403, 204, 204),
                new GroupRule("GET revisions", a -> a.get(p + "/revisions"), 404, 404, 404, 200, 200, 200),
                new GroupRule("GET reactions", a -> a.get(p + "/reactions"), 404, 404, 404, 200, 200, 200),
                new GroupRule("POST reaction", a -> a.post(p + "/reactions/like", null), 401, 404, 404, 200, 200, 200),
                new GroupRule("POST flag", a -> a.post("/api/v1/posts/" + freshPost.get() + "/flags",
                        Map.of("reason", "SPAM")), 401, 404, 404, 204, 204, 204));
        List<String> failures = new ArrayList<>();
        for (GroupRule rule : rules) {
            check(failures, rule.endpoint(), rule.call(), "guest", guest, rule.guest());
            check(failures, rule.endpoint(), rule.call(), "member", member, rule.member());
            check(failures, rule.endpoint(), rule.call(), "member of another group", otherGroupMember,
                    rule.otherGroup());
            check(failures, rule.endpoint(), rule.call(), "group member", insider, rule.groupMember());
            check(failures, rule.endpoint(), rule.call(), "moderator", moderator, rule.moderator());
            check(failures, rule.endpoint(), rule.call(), "admin", admin, rule.admin());
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void thePageOffersWhatThePolicyAllows() {
        ForumFixtures fixtures = new ForumFixtures(admin);
        Api author = api().registered(TestMembers.uniqueName("asker"));
        long category = fixtures.category("Questions " + TestMembers.uniqueName("q"), Map.of("kind", "QUESTIONS"));
        long thread = ForumFixtures.thread(author, category, "Which plan fits a team of five?", "Thanks!", List.of());
        ForumFixtures.reply(member, thread, "The Team plan.");
        String t = "/api/v1/threads/" + thread;

        Api.Response asAuthor = author.get(t);
        assertEquals(List.of(true, true, false, true), List.of(asAuthor.at("canReply"), asAuthor.at("canEditTitle"),
                asAuthor.at("canModerate"), asAuthor.at("canAccept")));
        assertEquals(List.of(true, true, false, false), List.of(asAuthor.at("posts.0.canEdit"),
                asAuthor.at("posts.0.canDelete"), asAuthor.at("posts.0.canReact"), asAuthor.at("posts.0.canFlag")));
        assertEquals(List.of(false, true, true), List.of(asAuthor.at("posts.1.canEdit"),
                asAuthor.at("posts.1.canReact"), asAuthor.at("posts.1.canFlag")));

        Api.Response asGuest = guest.get(t);
        assertEquals(List.of(false, false, false, false), List.of(asGuest.at("canReply"),
                asGuest.at("canEditTitle"), asGuest.at("posts.0.canReact"), asGuest.at("posts.0.canFlag")));

        Api.Response asModerator = moderator.get(t);
        assertEquals(List.of(true, true, true, true), List.of(asModerator.at("canModerate"),
                asModerator.at("canEditTitle"), asModerator.at("canAccept"), asModerator.at("posts.1.canEdit")));

        // Locked: the author may no longer write in it, staff still may; what the page offers follows.
        assertEquals(200, admin.patch(t, Map.of("locked", true)).status());
        Api.Response locked = author.get(t);
        assertEquals(List.of(false, false, false), List.of(locked.at("canReply"), locked.at("canEditTitle"),
                locked.at("posts.0.canEdit")));
        assertEquals(403, author.patch(t, Map.of("title", "Which plan for five people?")).status());
        assertEquals(true, moderator.get(t).at("canReply"));
    }

    @Test
    void memberEditsOnlyTheirOwnProfile() {
        assertEquals(200, member.patch("/api/v1/members/" + memberName, Map.of("bio", "Bonjour !")).status());
        assertEquals(403, member.patch("/api/v1/members/" + otherName, Map.of("bio", "hacked")).status());
        assertEquals("", api().get("/api/v1/members/" + otherName).at("bio"));
    }

    @Test
    void signOutNeedsASession() {
        assertEquals(401, guest.delete("/api/v1/session").status());
        assertEquals(204, member.delete("/api/v1/session").status());
    }

    @Test
    void everyRouteDeclaresAnExplicitAccessRule() {
        List<String> missing = new ArrayList<>();
        router.uriRoutes().forEach(route -> {
            UriRouteInfo<?, ?> info = route;
            boolean secured = info.getTargetMethod().hasAnnotation(Secured.class)
                    || info.getDeclaringType().isAnnotationPresent(Secured.class);
            if (!secured && info.getDeclaringType().getName().startsWith("io.ruche")) {
                missing.add(info.getHttpMethodName() + " " + info.getUriMatchTemplate());
            }
        });
        assertTrue(missing.isEmpty(), "routes without @Secured: " + missing);
    }

    private static void check(List<String> failures, Rule rule, String who, Api api, int expected) {
        check(failures, rule.endpoint(), rule.call(), who, api, expected);
    }

    private static void check(List<String> failures, String endpoint, Function<Api, Api.Response> call, String who,
                              Api api, int expected) {
        Api.Response response = call.apply(api);
        if (response.status() != expected) {
            failures.add(endpoint + " as " + who + ": expected " + expected + ", got " + response.status()
                    + " " + response.body());
        }
    }
}
