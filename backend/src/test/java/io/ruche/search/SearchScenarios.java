package io.ruche.search;

import io.ruche.support.Api;
import io.ruche.support.ForumFixtures;
import io.ruche.support.IntegrationTest;
import io.ruche.support.TestMembers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The same search scenarios for every engine; each engine's test class runs them against its own index. */
abstract class SearchScenarios extends IntegrationTest {

    protected Api admin;
    protected Api alice;
    protected Api bob;
    protected ForumFixtures fixtures;
    protected long publicCategory;
    protected long otherCategory;
    protected long privateCategory;
    protected String word;
    protected long exportThread;
    protected long applesThread;
    protected long solvedThread;

    /** A word no other test writes, so each run searches only its own posts. */
    static String uniqueWord() {
        return "zq" + Long.toString(System.nanoTime(), 36).replaceAll("[0-9]", "x");
    }

    @BeforeAll
    void content() {
        admin = ForumFixtures.newAdmin(server.getURI());
        fixtures = new ForumFixtures(admin);
        alice = api().registered(TestMembers.uniqueName("alice"));
        bob = api().registered(TestMembers.uniqueName("bob"));
        publicCategory = fixtures.category("Search public", Map.of("kind", "QUESTIONS"));
        otherCategory = fixtures.category("Search other");
        privateCategory = fixtures.category("Search private", Map.of("everyoneSee", false, "membersSee", false));
        word = uniqueWord();
        exportThread = ForumFixtures.thread(alice, publicCategory, "Export invoices " + word,
                "How do I export my invoices to CSV? " + word, List.of("billing"));
        ForumFixtures.reply(bob, exportThread, "Open the billing page, then the export button. " + word);
        applesThread = ForumFixtures.thread(bob, otherCategory, "Fruit talk " + word,
                "I love green apples more than anything. " + word, List.of("fruit"));
        ForumFixtures.thread(alice, otherCategory, "Colours " + word, "Apples are green, bananas yellow. " + word, List.of());
        solvedThread = ForumFixtures.thread(alice, publicCategory, "Password reset " + word,
                "The reset mail never arrives. " + word, List.of());
        long answer = ForumFixtures.reply(bob, solvedThread, "Check the spam folder. " + word);
        alice.post("/api/v1/threads/" + solvedThread + "/accepted-answer", Map.of("postId", answer));
        ForumFixtures.thread(admin, privateCategory, "Secret plans " + word, "Confidential export roadmap " + word,
                List.of());
        awaitHits(guest("q", word), r -> total(r) >= 6);
    }

    /** Typo tolerance is an Elasticsearch feature; the MariaDB fallback matches prefixes instead. */
    abstract boolean toleratesTypos();

    Api guest(String... ignored) {
        return api();
    }

    static long total(Api.Response response) {
        return ((Number) response.at("total")).longValue();
    }

    Api.Response search(Api who, String query) {
        return who.get("/api/v1/search?q=" + java.net.URLEncoder.encode(query, java.nio.charset.StandardCharsets.UTF_8));
    }

    Api.Response awaitHits(Api who, Predicate<Api.Response> condition) {
        return awaitSearch(who, word, condition);
    }

    Api.Response awaitSearch(Api who, String query, Predicate<Api.Response> condition) {
        Api.Response[] last = new Api.Response[1];
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> {
                last[0] = search(who, query);
                return last[0].status() == 200 && condition.test(last[0]);
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("search for '" + query + "' never matched; last answer: "
                    + (last[0] == null ? "none" : last[0].status() + " " + last[0].body()), e);
        }
        return last[0];
    }

    @Test
    void titleMatchesRankFirstAndMatchesAreHighlighted() {
        Api.Response response = search(api(), "invoices " + word);
        assertEquals(200, response.status(), response.body());
        assertEquals(exportThread, ((Number) response.at("hits.0.threadId")).longValue(), response.body());
        String snippet = (String) response.at("hits.0.snippet");
        assertTrue(snippet.contains("<mark>invoices</mark>") || snippet.contains("<mark>" + word + "</mark>"), snippet);
    }

    @Test
    void privateCategoriesNeverShowToThoseWhoCannotSeeThem() {
        assertFalse(search(api(), "confidential " + word).body().contains("Secret plans"));
        assertFalse(search(alice, "roadmap " + word).body().contains("Secret plans"));
        assertTrue(search(admin, "roadmap " + word).body().contains("Secret plans"));
    }

    @Test
    void filtersNarrowTheResults() {
        Api guest = api();
        String base = "/api/v1/search?q=" + word;
        Api.Response inCategory = guest.get(base + "&category=" + otherCategory);
        assertEquals(2, total(inCategory), inCategory.body());
        assertEquals(2, total(guest.get(base + "&tag=billing")));
        String bobName = (String) bob.get("/api/v1/session").at("member.username");
        Api.Response byBob = guest.get(base + "&author=" + bobName);
        assertEquals(3, total(byBob), byBob.body());
        Api.Response solved = guest.get(base + "&solved=true");
        assertEquals(2, total(solved), solved.body());
        assertEquals(0, total(guest.get(base + "&before=2000-01-01")));
        assertTrue(total(guest.get(base + "&after=2000-01-01")) >= 6);
        assertEquals(422, guest.get(base + "&after=yesterday").status());
        assertEquals(422, guest.get("/api/v1/search?q=").status());
        Api.Response latest = guest.get(base + "&sort=latest");
        assertEquals(solvedThread, ((Number) latest.at("hits.0.threadId")).longValue(), latest.body());
    }

    @Test
    void quotedPhrasesMatchOnlyTheExactPhrase() {
        Api.Response phrase = search(api(), "\"green apples\" " + word);
        assertEquals(1, total(phrase), phrase.body());
        assertEquals(applesThread, ((Number) phrase.at("hits.0.threadId")).longValue());
        assertEquals(2, total(search(api(), "green apples " + word)));
    }

    @Test
    void typosAreForgivenFromFourLetters() {
        Api.Response response = search(api(), (toleratesTypos() ? "invoises " : "invoi ") + word);
        assertTrue(total(response) >= 1, response.body());
        assertEquals(exportThread, ((Number) response.at("hits.0.threadId")).longValue());
    }

    @Test
    void editsAndDeletionsReachTheIndex() {
        String marker = uniqueWord();
        long thread = ForumFixtures.thread(alice, otherCategory, "Editable " + marker, "before " + marker, List.of());
        long post = ((Number) alice.get("/api/v1/threads/" + thread).at("posts.0.id")).longValue();
        String replacement = uniqueWord();
        awaitSearch(api(), marker, r -> total(r) == 1);
        alice.patch("/api/v1/posts/" + post, Map.of("body", "after " + replacement));
        awaitSearch(api(), replacement, r -> total(r) == 1);
        long reply = ForumFixtures.reply(bob, thread, "to delete " + replacement);
        awaitSearch(api(), replacement, r -> total(r) == 2);
        bob.delete("/api/v1/posts/" + reply);
        awaitSearch(api(), replacement, r -> total(r) == 1);
    }

    @Test
    void similarThreadsAreSuggestedFromTheTitle() {
        List<Map<String, Object>> suggestions = api().get("/api/v1/search/suggest?q=export+invoices+" + word).jsonList();
        assertFalse(suggestions.isEmpty());
        assertEquals(exportThread, ((Number) suggestions.get(0).get("threadId")).longValue());
        assertTrue(api().get("/api/v1/search/suggest?q=secret+plans+" + word).jsonList().stream()
                .noneMatch(s -> String.valueOf(s.get("title")).startsWith("Secret")));
    }

    @Test
    void reindexIsForAdministratorsAndReportsProgress() {
        assertEquals(401, api().post("/api/v1/admin/search/reindex", null).status());
        assertEquals(403, alice.post("/api/v1/admin/search/reindex", null).status());
        Api.Response started = admin.post("/api/v1/admin/search/reindex", null);
        assertTrue(started.status() == 202 || started.status() == 409, started.body());
        await().atMost(Duration.ofSeconds(60)).until(() ->
                "DONE".equals(admin.get("/api/v1/admin/search/reindex").at("state")));
        Api.Response status = admin.get("/api/v1/admin/search/reindex");
        assertEquals(((Number) status.at("total")).longValue(), ((Number) status.at("done")).longValue());
        assertTrue(total(search(api(), word)) >= 6, "searching still works after the swap");
    }
}
