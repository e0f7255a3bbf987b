package io.ruche.browser;

import io.ruche.support.Api;
import io.ruche.support.TestMembers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The heart of the forum in a browser: a member starts a thread written in Markdown, another replies quoting it
 * and likes it, the author marks the reply as the answer. Once in English, once in French.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ForumJourneyIT {

    private static final Map<String, Map<String, String>> WORDS = Map.of(
            "en", Map.of("category", "Questions (en)", "wrote", "wrote:", "accepted", "Accepted answer",
                    "like", "Like 1", "results", "result", "quoted", "quoted you in"),
            "fr", Map.of("category", "Questions (fr)", "wrote", "a écrit :", "accepted", "Réponse acceptée",
                    "like", "J'aime 1", "results", "résultat", "quoted", "vous a cité dans"));

    private RucheProcess ruche;
    private BrowserSession browser;

    @BeforeAll
    void forumWithQuestionCategories() throws Exception {
        ruche = RucheProcess.shared();
        browser = new BrowserSession(ruche.base());
        Api admin = new Api(ruche.base()).signedIn(RucheProcess.ADMIN_EMAIL, RucheProcess.ADMIN_PASSWORD);
        for (Map<String, String> words : WORDS.values()) {
            Api.Response created = admin.post("/api/v1/categories", Map.of("name", words.get("category"),
                    "kind", "QUESTIONS"));
            assertEquals(201, created.status(), created.body());
        }
    }

    @AfterEach
    void closeBrowser(TestInfo test) throws Exception {
        browser.close("forum-" + test.getDisplayName());
    }

    private ForumPages signedInBrowser(String language, String username) {
        return browser.signedIn(language, username);
    }

    @ParameterizedTest(name = "in {0}")
    @ValueSource(strings = {"en", "fr"})
    void questionIsAskedAnsweredLikedAndAccepted(String language) {
        Map<String, String> words = WORDS.get(language);
        String asker = TestMembers.uniqueName("asker");
        String helper = TestMembers.uniqueName("helper");
        new Api(ruche.base()).registered(asker);
        new Api(ruche.base()).registered(helper);
        ruche.verifyEmail(asker + "@example.test");
        ruche.verifyEmail(helper + "@example.test");

        ForumPages pages = signedInBrowser(language, asker);
        ForumPages.NewThreadPage draft = pages.startThreadFromHome()
                .category(words.get("category"))
                .title("Export " + language + " " + asker)
                .body("How do I export **all** my invoices?");
        assertTrue(draft.preview().contains("<strong>all</strong>"), "live preview");
        ForumPages.ThreadPage thread = draft.publish();
        String threadPath = thread.currentPath();
        assertEquals("Export " + language + " " + asker, thread.title());
        assertTrue(thread.firstPostHtml().contains("<strong>all</strong>"), thread.firstPostHtml());
        // A clearer title, in place.
        String title = "Export " + language + " " + asker + " invoices";
        assertEquals(title, thread.retitle(title).title());

        pages = signedInBrowser(language, helper);
        pages.visit(threadPath);
        thread = pages.thread().quotePost(0);
        assertTrue(thread.composerText().startsWith("> @" + asker + " " + words.get("wrote")), thread.composerText());
        thread.addToReply("Use the Export button in your account.").sendReply();
        assertTrue(thread.lastPostHtml().contains("<blockquote>"), thread.lastPostHtml());
        thread.react(0, "like");
        assertEquals(words.get("like"), thread.reactionLabel(0, "like"));

        // The asker hears of it: the bell counts; the quote names them, so it arrives as a mention.
        pages = signedInBrowser(language, asker);
        pages.header().waitForUnreadNotifications();
        pages.notifications().waitForEntry(helper + " " + words.get("quoted"));
        pages.visit(threadPath);
        thread = pages.thread().markAnswer(1);
        assertTrue(thread.acceptedAnswerBox().contains(words.get("accepted")), thread.acceptedAnswerBox());
        assertTrue(thread.acceptedAnswerBox().contains("Use the Export button"), thread.acceptedAnswerBox());

        // The next member with the same question finds it from the header's search box.
        List<String> titles = pages.searchFromHeader("invoices");
        assertTrue(titles.contains(title), titles.toString());
        assertTrue(pages.searchTotal().contains(words.get("results")), pages.searchTotal());
    }
}
