package io.ruche.browser;

import io.ruche.support.Api;
import io.ruche.support.TestMembers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInfo;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Moderation in a browser: a newcomer's reply with a link waits for approval and a moderator (who works in French)
 * approves it from the queue; another member flags a post, the moderator hides it and warns its author.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModerationJourneyIT {

    private RucheProcess ruche;
    private BrowserSession browser;
    private Api admin;
    private String moderator;
    private long category;

    @BeforeAll
    void forum() throws Exception {
        ruche = RucheProcess.shared();
        browser = new BrowserSession(ruche.base());
        admin = new Api(ruche.base()).signedIn(RucheProcess.ADMIN_EMAIL, RucheProcess.ADMIN_PASSWORD);
        category = ((Number) admin.post("/api/v1/categories", Map.of("name", "Moderated journey")).at("id")).longValue();
        moderator = member("modo");
        assertEquals(200, admin.put("/api/v1/members/" + moderator + "/role", Map.of("role", "MODERATOR")).status());
    }

    private String member(String prefix) {
        return ruche.member(prefix);
    }

    @AfterEach
    void closeBrowser(TestInfo test) throws Exception {
        browser.close("moderation-" + test.getDisplayName());
    }

    private ForumPages as(String language, String username) {
        return browser.signedIn(language, username);
    }

    @Test
    void aNewcomersLinkIsApprovedAndAFlaggedPostIsHiddenAndItsAuthorWarned() {
        long thread = ((Number) admin.post("/api/v1/threads", Map.of("categoryId", category, "title",
                "Share your favourite tools", "body", "What do you use?", "tags", List.of())).at("thread.id")).longValue();
        String newcomer = member("newbie");

        // The newcomer's reply with a link waits, and they are told why.
        ForumPages pages = as("en", newcomer);
        pages.visit("/t/" + thread);
        pages.thread().addToReply("I love https://tools.example.com for this").sendReplyExpectingNothing()
                .waitForHeldNotice("checked by a moderator")
                .waitForPendingPost("tools.example.com");

        // The moderator approves it from the queue, in French.
        pages = as("fr", moderator);
        pages.reviewQueue().waitForItem("tools.example.com").act("tools.example.com", "APPROVE", "Valider");
        pages.visit("/t/" + thread);
        pages.thread().waitForPostBody(1, "tools.example.com");

        // Another member flags the newcomer's post.
        pages = as("en", member("reader"));
        pages.visit("/t/" + thread);
        pages.thread().flag(1).reason("INAPPROPRIATE").send("the moderators will look at it");

        // The moderator hides it from the queue and warns its author from the member page.
        pages = as("fr", moderator);
        pages.reviewQueue().waitForItem("Inapproprié").act("Inapproprié", "AGREE", "masquer");
        pages.memberModeration(newcomer).sanction("Merci d'éviter les liens promotionnels.", "le membre a été prévenu");

        // Readers see the placeholder; the author has the warning in their notifications; it is all in the log.
        Api reader = new Api(ruche.base());
        assertEquals(null, reader.get("/api/v1/threads/" + thread).at("posts.1.html"));
        Api author = new Api(ruche.base()).signedIn(newcomer, TestMembers.PASSWORD);
        assertTrue(author.get("/api/v1/notifications").body().contains("liens promotionnels"));
        String audit = admin.get("/api/v1/admin/audit?limit=100").body();
        for (String action : List.of("review.approve", "review.agree", "sanction.warning")) {
            assertTrue(audit.contains(action), action);
        }
    }
}
