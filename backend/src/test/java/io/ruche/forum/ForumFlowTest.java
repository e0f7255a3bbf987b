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
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class ForumFlowTest extends IntegrationTest {

    private Api admin;
    private ForumFixtures fixtures;
    private long discussions;
    private long questions;

    @BeforeAll
    void forum() {
        admin = ForumFixtures.newAdmin(server.getURI());
        fixtures = new ForumFixtures(admin);
        discussions = fixtures.category("Discussions");
        questions = fixtures.category("Questions", Map.of("kind", "QUESTIONS"));
    }

    private Api member(String prefix) {
        return api().registered(TestMembers.uniqueName(prefix));
    }

    private static String name(Api api) {
        return (String) api.get("/api/v1/session").at("member.username");
    }

    @Test
    void memberStartsAThreadWrittenInMarkdown() {
        Api alice = member("alice");
        Api.Response created = alice.post("/api/v1/threads", Map.of("categoryId", discussions,
                "title", "Où trouver le **manuel** ?", "body", "Bonjour !\n\n| a | b |\n|---|---|\n| 1 | ~~2~~ |\n\n"
                        + "```java\nint x = 1;\n```\nVoir https://example.org", "tags", List.of("Manuel", "aide")));
        assertEquals(201, created.status(), created.body());
        String html = (String) created.at("posts.0.html");
        assertTrue(html.contains("<table>"), html);
        assertTrue(html.contains("<del>2</del>"), html);
        assertTrue(html.contains("<code class=\"language-java\">"), html);
        assertTrue(html.contains("<a href=\"https://example.org\" rel=\"") && html.contains("nofollow"), html);
        assertEquals(List.of("aide", "manuel"), created.at("thread.tags"));
        assertEquals("ou-trouver-le-manuel", created.at("thread.slug"));
        assertEquals("WATCHING", created.at("following"), "authors follow their threads");
        long id = ((Number) created.at("thread.id")).longValue();

        Api.Response latest = api().get("/api/v1/threads");
        assertTrue(latest.body().contains("\"id\":" + id + ","), "listed in latest");
        Api.Response inCategory = api().get("/api/v1/categories/" + fixtures.slugOf(discussions) + "/threads");
        assertEquals(200, inCategory.status());
        assertTrue(inCategory.body().contains("\"id\":" + id + ","));
        Api.Response tagged = api().get("/api/v1/threads?tag=manuel");
        assertTrue(tagged.body().contains("\"id\":" + id + ","));
    }

    @Test
    void badThreadInputIsRefusedFieldByField() {
        Api alice = member("bad");
        Api.Response missing = alice.post("/api/v1/threads", Map.of("categoryId", discussions, "title", "ab", "body", " "));
        assertEquals(422, missing.status());
        assertEquals("body", missing.at("errors.0.field"));
        assertEquals("title", missing.at("errors.1.field"));
        Api.Response tooManyTags = alice.post("/api/v1/threads", Map.of("categoryId", discussions, "title", "Tags",
                "body", "x", "tags", List.of("a", "b", "c", "d", "e", "f")));
        assertEquals(422, tooManyTags.status());
        assertEquals("tags", tooManyTags.at("errors.0.field"));
        Api.Response noCategory = alice.post("/api/v1/threads", Map.of("categoryId", 999999, "title", "Hello",
                "body", "x"));
        assertEquals(404, noCategory.status());
    }

    @Test
    void replyQuotesLikesAndCountsStayInStep() {
        Api alice = member("author");
        Api bob = member("replier");
        long id = thread(alice, discussions, "Counters", "First post", List.of());
        long firstPost = ((Number) api().get("/api/v1/threads/" + id).at("posts.0.id")).longValue();

        Api.Response replied = bob.post("/api/v1/threads/" + id + "/posts", Map.of(
                "body", "> First post\n\nI agree with @" + name(alice) + " and @nobody_at_all.", "replyTo", firstPost));
        assertEquals(201, replied.status(), replied.body());
        assertEquals(2, ((Number) replied.at("position")).intValue());
        assertEquals(firstPost, ((Number) replied.at("replyTo.postId")).longValue());
        String html = (String) replied.at("html");
        assertTrue(html.contains("<blockquote>"), html);
        assertTrue(html.contains("<a href=\"/u/" + name(alice) + "\""), html);
        assertFalse(html.contains("/u/nobody_at_all"), "unknown names stay text");
        assertEquals("1", io.ruche.support.TestDatabase.queryString("SELECT COUNT(*) FROM mentions WHERE post_id = "
                + replied.at("id")), "the mention is recorded for notifications");

        long replyId = ((Number) replied.at("id")).longValue();
        assertEquals(200, alice.post("/api/v1/posts/" + replyId + "/reactions/like", null).status());
        assertEquals(200, alice.post("/api/v1/posts/" + replyId + "/reactions/like", null).status(), "idempotent");
        Api.Response heart = alice.post("/api/v1/posts/" + replyId + "/reactions/heart", null);
        assertEquals(2, heart.jsonList().size());
        assertEquals(403, bob.post("/api/v1/posts/" + replyId + "/reactions/like", null).status(), "own post");
        assertEquals(404, alice.post("/api/v1/posts/" + replyId + "/reactions/boo", null).status());

        Api.Response page = bob.get("/api/v1/threads/" + id);
        assertEquals(1, ((Number) page.at("thread.replies")).intValue());
        assertEquals(2, ((Number) page.at("thread.participants")).intValue());
        assertEquals(2, ((Number) page.at("thread.reactions")).intValue());
        assertEquals("like", page.at("posts.1.reactions.0.kind"));
        assertEquals(false, page.at("posts.1.reactions.0.mine"));
        assertEquals(true, alice.get("/api/v1/threads/" + id).at("posts.1.reactions.0.mine"));

        Api.Response reactors = api().get("/api/v1/posts/" + replyId + "/reactions");
        assertEquals(name(alice), reactors.at("0.members.0.username"));

        assertEquals(200, alice.delete("/api/v1/posts/" + replyId + "/reactions/heart").status());
        assertEquals(1, ((Number) api().get("/api/v1/threads/" + id).at("thread.reactions")).intValue());
    }

    @Test
    void authorMarksTheAcceptedAnswerInAQuestionsCategory() {
        Api asker = member("asker");
        Api helper = member("helper");
        Api stranger = member("stranger");
        long id = thread(asker, questions, "How do I reset my password?", "It does not work.", List.of());
        long answer = reply(helper, id, "Use the link on the sign-in page.");

        assertEquals(403, stranger.post("/api/v1/threads/" + id + "/accepted-answer", Map.of("postId", answer)).status());
        long question = ((Number) api().get("/api/v1/threads/" + id).at("posts.0.id")).longValue();
        assertEquals(422, asker.post("/api/v1/threads/" + id + "/accepted-answer", Map.of("postId", question)).status());
        assertEquals(204, asker.post("/api/v1/threads/" + id + "/accepted-answer", Map.of("postId", answer)).status());

        Api.Response page = api().get("/api/v1/threads/" + id);
        assertEquals(true, page.at("thread.solved"));
        assertEquals(answer, ((Number) page.at("acceptedAnswer.id")).longValue());
        assertEquals(true, page.at("posts.1.accepted"));

        long discussion = thread(asker, discussions, "Not a question", "x", List.of());
        long r = reply(helper, discussion, "y");
        assertEquals(400, asker.post("/api/v1/threads/" + discussion + "/accepted-answer", Map.of("postId", r)).status());
        assertEquals(204, asker.delete("/api/v1/threads/" + id + "/accepted-answer").status());
        assertEquals(false, api().get("/api/v1/threads/" + id).at("thread.solved"));
    }

    @Test
    void editsKeepTheirHistoryAndDeletionLeavesAPlaceholder() {
        Api alice = member("editor");
        Api bob = member("other");
        long id = thread(alice, discussions, "Edits", "Version one", List.of());
        long post = ((Number) alice.get("/api/v1/threads/" + id).at("posts.0.id")).longValue();

        assertEquals(403, bob.patch("/api/v1/posts/" + post, Map.of("body", "Hijacked")).status());
        Api.Response edited = alice.patch("/api/v1/posts/" + post, Map.of("body", "Version **two**"));
        assertEquals(200, edited.status(), edited.body());
        assertEquals(1, ((Number) edited.at("editCount")).intValue());
        assertTrue(((String) edited.at("html")).contains("<strong>two</strong>"));
        Api.Response revisions = api().get("/api/v1/posts/" + post + "/revisions");
        assertEquals("Version one", revisions.at("0.source"));
        assertEquals(name(alice), revisions.at("0.editor.username"));

        long replyId = reply(bob, id, "To be removed");
        assertEquals(403, alice.delete("/api/v1/posts/" + replyId).status());
        assertEquals(204, bob.delete("/api/v1/posts/" + replyId).status());
        Api.Response page = api().get("/api/v1/threads/" + id);
        assertEquals(true, page.at("posts.1.deleted"));
        assertNull(page.at("posts.1.html"));
        assertNull(page.at("posts.1.source"));
        assertEquals(404, bob.patch("/api/v1/posts/" + replyId, Map.of("body", "again")).status());
    }

    @Test
    void threadPostsArePagedByPosition() {
        Api alice = member("pager");
        long id = thread(alice, discussions, "Long thread", "post 1", List.of());
        for (int i = 2; i <= 7; i++) {
            reply(alice, id, "post " + i);
        }
        Api.Response first = api().get("/api/v1/threads/" + id + "?limit=3");
        assertEquals(3, ((List<?>) first.json().get("posts")).size());
        assertEquals(3, ((Number) first.at("nextAfter")).intValue());
        Api.Response second = api().get("/api/v1/threads/" + id + "?limit=3&after=3");
        assertEquals(4, ((Number) second.at("posts.0.position")).intValue());
        Api.Response last = api().get("/api/v1/threads/" + id + "?limit=3&after=6");
        assertEquals(1, ((List<?>) last.json().get("posts")).size());
        assertNull(last.at("nextAfter"));
    }

    @Test
    void threadListsArePagedByKeysetWithoutRepeats() {
        Api alice = member("lister");
        long category = fixtures.category("Paging");
        for (int i = 0; i < 7; i++) {
            thread(alice, category, "Thread " + i, "body", List.of());
        }
        String slug = fixtures.slugOf(category);
        java.util.Set<Object> seen = new java.util.HashSet<>();
        String after = null;
        int pages = 0;
        do {
            Api.Response page = api().get("/api/v1/categories/" + slug + "/threads?limit=3"
                    + (after == null ? "" : "&after=" + after));
            assertEquals(200, page.status(), page.body());
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> items = (List<Map<String, Object>>) page.json().get("items");
            items.forEach(t -> assertTrue(seen.add(t.get("id")), "repeated " + t.get("id")));
            after = (String) page.at("nextAfter");
            pages++;
        } while (after != null);
        assertEquals(7, seen.size());
        assertEquals(3, pages);
        assertEquals(422, api().get("/api/v1/categories/" + slug + "/threads?after=garbage").status());
        assertEquals(422, api().get("/api/v1/categories/" + slug + "/threads?sort=random").status());
    }

    @Test
    void sortsTopAndUnanswered() {
        Api alice = member("sorter");
        Api bob = member("liker");
        long category = fixtures.category("Sorting");
        long quiet = thread(alice, category, "Quiet", "nobody answers", List.of());
        long popular = thread(alice, category, "Popular", "everyone likes", List.of());
        long firstPost = ((Number) api().get("/api/v1/threads/" + popular).at("posts.0.id")).longValue();
        bob.post("/api/v1/posts/" + firstPost + "/reactions/like", null);
        reply(bob, popular, "me too");
        String slug = fixtures.slugOf(category);
        assertEquals(popular, ((Number) api().get("/api/v1/categories/" + slug + "/threads?sort=top")
                .at("items.0.id")).longValue());
        Api.Response unanswered = api().get("/api/v1/categories/" + slug + "/threads?sort=unanswered");
        assertEquals(1, ((List<?>) unanswered.json().get("items")).size());
        assertEquals(quiet, ((Number) unanswered.at("items.0.id")).longValue());
    }

    @Test
    void unreadMarkersFollowWhatAMemberHasRead() {
        Api alice = member("writer");
        Api bob = member("reader");
        long category = fixtures.category("Unread");
        long id = thread(alice, category, "News", "first", List.of());
        String slug = fixtures.slugOf(category);
        Api.Response before = bob.get("/api/v1/categories/" + slug + "/threads");
        assertEquals(true, before.at("items.0.isNew"));
        bob.get("/api/v1/threads/" + id);
        Api.Response read = bob.get("/api/v1/categories/" + slug + "/threads");
        assertEquals(false, read.at("items.0.isNew"));
        assertEquals(0, ((Number) read.at("items.0.unreadPosts")).intValue());
        reply(alice, id, "second");
        reply(alice, id, "third");
        assertEquals(2, ((Number) bob.get("/api/v1/categories/" + slug + "/threads").at("items.0.unreadPosts")).intValue());
        assertNull(api().get("/api/v1/categories/" + slug + "/threads").at("items.0.unreadPosts"), "guests: none");
    }

    @Test
    void membersFollowAndMuteThreads() {
        Api alice = member("follower");
        Api bob = member("muter");
        long id = thread(alice, discussions, "Follow me", "x", List.of());
        assertEquals(204, bob.put("/api/v1/threads/" + id + "/follow", Map.of("level", "WATCHING")).status());
        assertEquals("WATCHING", bob.get("/api/v1/threads/" + id).at("following"));
        assertEquals(204, alice.put("/api/v1/threads/" + id + "/follow", Map.of("level", "MUTED")).status());
        assertEquals("MUTED", alice.get("/api/v1/threads/" + id).at("following"));
        reply(alice, id, "a reply does not undo the mute");
        assertEquals("MUTED", alice.get("/api/v1/threads/" + id).at("following"));
        assertEquals(422, bob.put("/api/v1/threads/" + id + "/follow", Map.of("level", "LOUD")).status());
        assertEquals(204, bob.delete("/api/v1/threads/" + id + "/follow").status());
        assertNull(bob.get("/api/v1/threads/" + id).at("following"));
        assertEquals(401, api().put("/api/v1/threads/" + id + "/follow", Map.of("level", "WATCHING")).status());
    }

    @Test
    void staffPinLockAndMoveThreads() {
        Api alice = member("pinned");
        Api moderator = ForumFixtures.newModerator(server.getURI());
        long category = fixtures.category("Staff");
        long target = fixtures.category("Target");
        long old = thread(alice, category, "Old", "x", List.of());
        long id = thread(alice, category, "Rules", "Read me", List.of());
        thread(alice, category, "Newer", "x", List.of());

        assertEquals(403, alice.patch("/api/v1/threads/" + id, Map.of("pinned", true)).status());
        assertEquals(200, moderator.patch("/api/v1/threads/" + id, Map.of("pinned", true)).status());
        String slug = fixtures.slugOf(category);
        assertEquals(id, ((Number) api().get("/api/v1/categories/" + slug + "/threads").at("items.0.id")).longValue());

        assertEquals(200, moderator.patch("/api/v1/threads/" + id, Map.of("locked", true)).status());
        Api.Response locked = alice.post("/api/v1/threads/" + id + "/posts", Map.of("body", "let me in"));
        assertEquals(403, locked.status());
        assertEquals("problem.threadLocked", locked.at("code"));
        assertEquals(false, alice.get("/api/v1/threads/" + id).at("canReply"));
        assertEquals(201, moderator.post("/api/v1/threads/" + id + "/posts", Map.of("body", "staff note")).status());

        assertEquals(200, alice.patch("/api/v1/threads/" + old, Map.of("title", "Old, retitled")).status());
        assertEquals(200, moderator.patch("/api/v1/threads/" + old, Map.of("categoryId", target)).status());
        Api.Response moved = api().get("/api/v1/threads/" + old);
        assertEquals(target, ((Number) moved.at("thread.category.id")).longValue());
        assertEquals("Old, retitled", moved.at("thread.title"));
        assertEquals("1", io.ruche.support.TestDatabase.queryString(
                "SELECT thread_count FROM categories WHERE id = " + target));
    }

    @Test
    void threadPagesCarryTheirTitleAndDescriptionInTheHtml() {
        Api alice = member("seo");
        long id = thread(alice, discussions, "Tips & <tricks> for \"exports\"", "Export **everything** at once.",
                List.of());
        Api.Response page = api().header("Accept", "text/html").get("/t/" + id + "/tips-tricks-for-exports");
        assertEquals(200, page.status());
        assertTrue(page.body().contains("<title>Tips &amp; &lt;tricks&gt; for &quot;exports&quot; · "), page.body());
        assertTrue(page.body().contains("<meta name=\"description\" content=\"Export everything at once.\">"),
                page.body());
        assertTrue(page.body().contains("<h1>Tips &amp; &lt;tricks&gt; for \"exports\"</h1>"),
                page.body());
        assertTrue(page.body().contains("<div id=\"app\"><main class=\"ssr\""));
    }

    @Test
    void previewRendersLikePosting() {
        Api alice = member("preview");
        Api.Response preview = alice.post("/api/v1/preview", Map.of("body", "**bold** <script>alert(1)</script>"));
        assertEquals(200, preview.status());
        String html = (String) preview.at("html");
        assertTrue(html.contains("<strong>bold</strong>"), html);
        assertFalse(html.contains("<script"), html);
        assertEquals(401, api().post("/api/v1/preview", Map.of("body", "x")).status());
    }

    @Test
    void homeTreeShowsCountsAndLatestThread() {
        Api alice = member("tree");
        long parent = fixtures.category("Parent");
        long child = fixtures.category("Child", Map.of("parentId", parent));
        long id = thread(alice, child, "In the child", "x", List.of());
        Api.Response tree = api().get("/api/v1/categories");
        @SuppressWarnings("unchecked")
        Map<String, Object> node = tree.jsonList().stream().filter(c -> ((Number) c.get("id")).longValue() == parent)
                .findFirst().orElseThrow();
        assertEquals(1, ((Number) node.get("threadCount")).intValue());
        assertNotNull(node.get("latest"));
        assertEquals(id, ((Number) ((Map<?, ?>) node.get("latest")).get("id")).longValue());
        assertEquals(1, ((List<?>) node.get("children")).size());
    }
}
