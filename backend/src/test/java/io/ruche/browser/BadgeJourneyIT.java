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
 * Badges in a browser: a member whose answer is accepted is told of the "Solved" badge and finds it on their
 * profile, linked to the answer; an admin makes a badge from a template, tries it, switches it on and watches the
 * backfill finish. Once in English, once in French.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadgeJourneyIT {

    private static final Map<String, Map<String, String>> WORDS = Map.of(
            "en", Map.of("solved", "Solved", "told", "You earned the “Solved” badge", "earnedIn", "Earned in “",
                    "wouldGrant", "Would grant", "granted", "Last backfill granted"),
            "fr", Map.of("solved", "Résolu", "told", "Vous avez obtenu le badge « Résolu »", "earnedIn", "Obtenu dans « ",
                    "wouldGrant", "Serait décerné à", "granted", "Dernier rattrapage"));

    private RucheProcess ruche;
    private BrowserSession browser;
    private Api admin;
    private long questions;

    @BeforeAll
    void forum() throws Exception {
        ruche = RucheProcess.shared();
        browser = new BrowserSession(ruche.base());
        admin = new Api(ruche.base()).signedIn(RucheProcess.ADMIN_EMAIL, RucheProcess.ADMIN_PASSWORD);
        Api.Response created = admin.post("/api/v1/categories", Map.of("name", "Badge questions", "kind", "QUESTIONS"));
        assertEquals(201, created.status(), created.body());
        questions = ((Number) created.at("id")).longValue();
    }

    @AfterEach
    void closeBrowser(TestInfo test) throws Exception {
        browser.close("badges-" + test.getDisplayName());
    }

    @ParameterizedTest(name = "in {0}")
    @ValueSource(strings = {"en", "fr"})
    void anAcceptedAnswerEarnsABadgeAndAnAdminMakesOne(String language) {
        Map<String, String> words = WORDS.get(language);
        String asker = TestMembers.uniqueName("asker");
        String helper = TestMembers.uniqueName("helper");
        new Api(ruche.base()).registered(asker);
        new Api(ruche.base()).registered(helper);
        ruche.verifyEmail(asker + "@example.test");
        ruche.verifyEmail(helper + "@example.test");
        Api askerApi = new Api(ruche.base()).signedIn(asker, TestMembers.PASSWORD);
        Api helperApi = new Api(ruche.base()).signedIn(helper, TestMembers.PASSWORD);
        String title = "Invoices " + language + " " + asker;
        long thread = ((Number) askerApi.post("/api/v1/threads", Map.of("categoryId", questions, "title", title,
                "body", "Where are my invoices?", "tags", List.of())).at("thread.id")).longValue();
        long answer = ((Number) helperApi.post("/api/v1/threads/" + thread + "/posts",
                Map.of("body", "In Settings, then Billing.")).at("id")).longValue();
        assertEquals(204, askerApi.post("/api/v1/threads/" + thread + "/accepted-answer", Map.of("postId", answer))
                .status());

        ForumPages pages = browser.signedIn(language, helper);
        pages.notifications().waitForEntry(words.get("told"));
        ForumPages.BadgeProfile profile = pages.profileOf(helper).waitForBadge(words.get("solved"));
        assertTrue(profile.earnedByText().startsWith(words.get("earnedIn") + title), profile.earnedByText());
        assertTrue(profile.earnedByHref().contains("/t/" + thread + "/") && profile.earnedByHref().endsWith("#post-2"),
                profile.earnedByHref());

        String nameEn = "Journey " + language + " " + TestMembers.uniqueName("b").replace('_', ' ');
        String slug = nameEn.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        pages = browser.signedIn(language, RucheProcess.ADMIN_EMAIL, RucheProcess.ADMIN_PASSWORD);
        ForumPages.BadgeConsole console = pages.badgeConsole()
                .startNew(nameEn, nameEn + " (fr)", "Posted once", "A posté une fois")
                .postsAnywhere(1);
        String dry = console.dryRun();
        assertTrue(dry.startsWith(words.get("wouldGrant")), dry);
        String report = console.save().switchOnAndWaitForBackfill(slug);
        assertTrue(report.startsWith(words.get("granted")), report);
    }
}
