package io.ruche.browser;

import io.ruche.support.Api;
import io.ruche.support.TestMembers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A moderator's day with the thread tools, the queue and the audit log, in French then in English: a merge through
 * the picker with its confirmation, the merged thread's old address leading to the merged one, a split by ticking
 * posts on the thread with notes in both threads, a flag the moderator disagrees with (the post stays, the flagger's
 * accuracy changes), and each action found in the audit log with its time and a working link.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StaffToolsJourneyIT {

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
        category = ((Number) admin.post("/api/v1/categories", Map.of("name", "Ateliers")).at("id")).longValue();
        moderator = member("modo");
        assertEquals(200, admin.put("/api/v1/members/" + moderator + "/role", Map.of("role", "MODERATOR")).status());
    }

    private String member(String prefix) {
        return ruche.member(prefix);
    }

    private Api api(String username) {
        return new Api(ruche.base()).signedIn(username, TestMembers.PASSWORD);
    }

    private long thread(Api author, String title, String body) {
        return ((Number) author.post("/api/v1/threads", Map.of("categoryId", category, "title", title, "body", body,
                "tags", List.of())).at("thread.id")).longValue();
    }

    @AfterEach
    void closeBrowser(TestInfo test) throws Exception {
        browser.close("staff-tools-" + test.getDisplayName());
    }

    @Test
    void aModeratorMergesSplitsDisagreesWithAFlagAndFindsItAllInTheAuditLog() {
        Api alice = api(member("alice"));
        Api bob = api(member("bob"));
        long into = thread(alice, "Imprimantes sous Linux", "Lesquelles marchent ?");
        long merged = thread(bob, "Aide imprimante Linux", "Même question");
        bob.post("/api/v1/threads/" + merged + "/posts", Map.of("body", "Quelqu'un ?"));
        long coffee = thread(alice, "Machines à café", "Laquelle choisir ?");
        bob.post("/api/v1/threads/" + coffee + "/posts", Map.of("body", "La rouge"));
        bob.post("/api/v1/threads/" + coffee + "/posts", Map.of("body", "Au fait, et le thé ?"));
        alice.post("/api/v1/threads/" + coffee + "/posts", Map.of("body", "Thé vert !"));

        // In French: merge through the picker, after reading what will happen.
        ForumPages pages = browser.signedIn("fr", moderator);
        pages.visit("/t/" + merged);
        String said = pages.thread().mergeInto("Imprimantes", "Imprimantes sous Linux");
        assertTrue(said.contains("Les 2 messages de « Aide imprimante Linux »") && said.contains("Impossible à annuler"),
                said);
        pages.thread().waitForPath("/t/" + into + "/").waitForNote("a fusionné 2 messages de");

        // The merged thread's old address leads to where its posts went.
        pages.visit("/t/" + merged + "/aide-imprimante-linux");
        assertTrue(pages.thread().waitForPath("/t/" + into + "/").currentPath().startsWith("/t/" + into + "/"));
        assertEquals("Imprimantes sous Linux", pages.thread().title());

        // Split the two posts about tea, ticked on the thread itself.
        pages.visit("/t/" + coffee);
        said = pages.thread().split(List.of(3, 4), "Le coin du thé");
        assertTrue(said.contains("2 messages ouvriront un nouveau sujet « Le coin du thé »"), said);
        ForumPages.ThreadPage created = pages.thread().waitForNote("a ouvert ce sujet avec 2 messages venus de");
        assertEquals("Le coin du thé", created.title(), "the tools close on the new thread");
        String newThread = created.currentPath();
        pages.visit("/t/" + coffee);
        pages.thread().waitForNote("a déplacé 2 messages vers un nouveau sujet").followNoteLink("nouveau sujet")
                .waitForPath(newThread.substring(0, newThread.lastIndexOf('/') + 1));

        // In English: a flag the moderator disagrees with. The post stays; the flagger's record shows it.
        String flagger = member("flagger");
        Api flagging = api(flagger);
        long coffeePost = ((Number) alice.get("/api/v1/threads/" + coffee).at("posts.1.id")).longValue();
        assertEquals(204, flagging.post("/api/v1/posts/" + coffeePost + "/flags", Map.of("reason", "SPAM")).status());
        pages = browser.signedIn("en", moderator);
        ForumPages.ReviewQueuePage queue = pages.reviewQueue().waitForItem(flagger);
        assertEquals("first flag", queue.flaggerAccuracy(flagger));
        queue.act(flagger, "DISAGREE", "Disagree (keep)");
        assertNotNull(new Api(ruche.base()).get("/api/v1/threads/" + coffee).at("posts.1.html"), "the post stays");
        long another = ((Number) alice.get("/api/v1/threads/" + into).at("posts.0.id")).longValue();
        flagging.post("/api/v1/posts/" + another + "/flags", Map.of("reason", "OFF_TOPIC"));
        queue = pages.reviewQueue().waitForItem(flagger);
        assertEquals("past flags: 0 upheld, 1 rejected", queue.flaggerAccuracy(flagger));
        queue.act(flagger, "IGNORE", "Ignore");

        // Each action is in the audit log, in words, with its time and a link that works.
        ForumPages.AuditPage audit = pages.audit().onlyAction("Threads merged", "thread.merge");
        String[] time = audit.firstRowTime();
        assertTrue(time[1].matches(".*\\d{1,2}:\\d{2}:\\d{2}.*"), "seconds on hover: " + time[1]);
        assertTrue(time[0].matches(".*\\d{1,2}:\\d{2}.*"), "a date with its time: " + time[0]);
        assertTrue(audit.firstRowText().contains("Imprimantes sous Linux"), audit.firstRowText());
        assertEquals("Imprimantes sous Linux", audit.followFirstLink().title());
        audit = pages.audit().onlyAction("Posts split into a new thread", "thread.split");
        assertTrue(audit.firstRowText().contains("Le coin du thé"), audit.firstRowText());
        assertEquals("Le coin du thé", audit.followFirstLink().title());
        audit = pages.audit().onlyAction("Disagreed with flags (kept)", "review.disagree");
        assertTrue(audit.firstRowText().contains(moderator.substring(0, 4)) || audit.firstRowText().contains("modo"),
                audit.firstRowText());
    }
}
