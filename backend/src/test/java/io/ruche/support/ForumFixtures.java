package io.ruche.support;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds forum content through the API, as people would. */
public final class ForumFixtures {

    private final Api admin;

    public ForumFixtures(Api admin) {
        this.admin = admin;
    }

    /** A signed-in administrator from a fresh account. */
    public static Api newAdmin(java.net.URI base) {
        String name = TestMembers.uniqueName("adm");
        new Api(base).registered(name);
        TestMembers.promoteToAdmin(name);
        return new Api(base).signedIn(name, TestMembers.PASSWORD);
    }

    public static Api newModerator(java.net.URI base) {
        String name = TestMembers.uniqueName("mod");
        new Api(base).registered(name);
        TestDatabase.execute("UPDATE members SET role = 'MODERATOR' WHERE username = '" + name + "'");
        return new Api(base).signedIn(name, TestMembers.PASSWORD);
    }

    public long category(String name, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(extra);
        body.put("name", name);
        body.put("slug", TestMembers.uniqueName("c").replace('_', '-').toLowerCase());
        Api.Response created = admin.post("/api/v1/categories", body);
        if (created.status() != 201) {
            throw new IllegalStateException(created.body());
        }
        return ((Number) created.at("id")).longValue();
    }

    public long category(String name) {
        return category(name, Map.of());
    }

    public String slugOf(long categoryId) {
        return TestDatabase.queryString("SELECT slug FROM categories WHERE id = " + categoryId);
    }

    public long group(String name, Api... members) {
        Api.Response created = admin.post("/api/v1/groups", Map.of("name", TestMembers.uniqueName(name)));
        long id = ((Number) created.at("id")).longValue();
        for (Api member : members) {
            String username = (String) member.get("/api/v1/session").at("member.username");
            admin.put("/api/v1/groups/" + id + "/members/" + username, null);
        }
        return id;
    }

    public static long thread(Api author, long categoryId, String title, String body, List<String> tags) {
        Api.Response created = author.post("/api/v1/threads",
                Map.of("categoryId", categoryId, "title", title, "body", body, "tags", tags));
        if (created.status() != 201) {
            throw new IllegalStateException(created.body());
        }
        return ((Number) created.at("thread.id")).longValue();
    }

    public static long reply(Api author, long threadId, String body) {
        Api.Response created = author.post("/api/v1/threads/" + threadId + "/posts", Map.of("body", body));
        if (created.status() != 201) {
            throw new IllegalStateException(created.body());
        }
        return ((Number) created.at("id")).longValue();
    }
}
