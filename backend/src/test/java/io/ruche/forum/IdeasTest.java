package io.ruche.forum;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.ruche.support.Api;
import io.ruche.support.Concurrently;
import io.ruche.support.ForumFixtures;
import io.ruche.support.IntegrationTest;
import io.ruche.support.TestDatabase;
import io.ruche.support.TestMembers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ideas: one vote per member under load, the vote budget, statuses told to voters, the roadmap, who may do what. */
@MicronautTest(transactional = false)
class IdeasTest extends IntegrationTest {

    private Api admin;
    private ForumFixtures fixtures;
    private long ideas;

    @BeforeAll
    void forum() {
        admin = ForumFixtures.newAdmin(server.getURI());
        fixtures = new ForumFixtures(admin);
        ideas = fixtures.category("Ideas " + TestMembers.uniqueName("c"), Map.of("kind", "IDEAS"));
    }

    private long idea(Api author, String title) {
        return ForumFixtures.thread(author, ideas, title, "It would help a lot.", List.of());
    }

    private static int votes(Api.Response idea) {
        return ((Number) idea.at("votes")).intValue();
    }

    @Test
    void membersVotingAtOnceCountOnceEachEvenWhenTheyClickTwice() throws Exception {
        long idea = idea(admin, "Dark mode for the mobile app " + TestMembers.uniqueName("t"));
        List<Api> voters = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Api member = api().registered(TestMembers.uniqueName("voter"));
            voters.add(member);
            voters.add(member); // the same member clicking twice at the same instant
        }
        List<Api.Response> answers = Concurrently.atOnce(voters, m -> m.put("/api/v1/threads/" + idea + "/vote", null));
        for (Api.Response answer : answers) {
            assertEquals(200, answer.status(), answer.body());
        }
        assertEquals(10, votes(admin.get("/api/v1/threads/" + idea + "/idea")));
        assertEquals("10", TestDatabase.queryString("SELECT COUNT(*) FROM idea_votes WHERE thread_id = " + idea));
        assertEquals(true, voters.get(0).get("/api/v1/threads/" + idea + "/idea").at("voted"));
        assertEquals(10, ((Number) api().get("/api/v1/threads/" + idea).at("thread.votes")).intValue());

        Api.Response back = voters.get(0).delete("/api/v1/threads/" + idea + "/vote");
        assertEquals(9, votes(back));
        assertEquals(false, back.at("voted"));
    }

    @Test
    void aMemberVotingForManyIdeasAtOnceStaysWithinTheBudgetAndGetsVotesBackWhenOneIsDone() throws Exception {
        List<Long> five = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            five.add(idea(admin, "Budget idea " + i + " " + TestMembers.uniqueName("t")));
        }
        assertEquals(200, admin.put("/api/v1/admin/ideas", Map.of("budget", 2)).status());
        try {
            Api member = api().registered(TestMembers.uniqueName("budget"));
            List<Api> same = new ArrayList<>();
            five.forEach(i -> same.add(member));
            List<Api.Response> answers = new ArrayList<>();
            int[] next = {0};
            answers.addAll(Concurrently.atOnce(same, m -> m.put("/api/v1/threads/" + five.get(nextIndex(next))
                    + "/vote", null)));
            long accepted = answers.stream().filter(a -> a.status() == 200).count();
            long refused = answers.stream().filter(a -> a.status() == 409).count();
            assertEquals(2, accepted, answers.toString());
            assertEquals(3, refused, answers.toString());
            Api.Response over = answers.stream().filter(a -> a.status() == 409).findFirst().orElseThrow();
            assertEquals("problem.idea.budget", over.at("errors.0.code"), over.body());

            long votedFor = five.stream().filter(i -> Boolean.TRUE.equals(member.get("/api/v1/threads/" + i
                    + "/idea").at("voted"))).findFirst().orElseThrow();
            assertEquals(0, ((Number) member.get("/api/v1/threads/" + votedFor + "/idea").at("votesLeft")).intValue());
            assertEquals(200, admin.put("/api/v1/threads/" + votedFor + "/idea-status", Map.of("status", "DONE",
                    "note", "Shipped in 4.2")).status());
            Api.Response after = member.get("/api/v1/threads/" + votedFor + "/idea");
            assertEquals(1, ((Number) after.at("votesLeft")).intValue(), after.body());
            assertEquals(false, after.at("canVote"));
            assertEquals(409, member.delete("/api/v1/threads/" + votedFor + "/vote").status());
        } finally {
            assertEquals(200, admin.put("/api/v1/admin/ideas", Map.of("budget", 10)).status());
        }
    }

    private static synchronized int nextIndex(int[] next) {
        return next[0]++;
    }

    @Test
    void aStatusChangeTellsTheVotersAndTheAuthorWithTheStaffsNote() {
        String authorName = TestMembers.uniqueName("proposer");
        Api author = api().registered(authorName);
        long idea = idea(author, "Export invoices as CSV " + TestMembers.uniqueName("t"));
        String voterName = TestMembers.uniqueName("fan");
        Api voter = api().registered(voterName);
        assertEquals(200, voter.put("/api/v1/threads/" + idea + "/vote", null).status());
        Api moderator = ForumFixtures.newModerator(server.getURI());

        assertEquals(403, voter.put("/api/v1/threads/" + idea + "/idea-status", Map.of("status", "PLANNED",
                "note", "")).status());
        assertEquals(422, moderator.put("/api/v1/threads/" + idea + "/idea-status", Map.of("status", "MAYBE",
                "note", "")).status());
        Api.Response planned = moderator.put("/api/v1/threads/" + idea + "/idea-status", Map.of("status", "PLANNED",
                "note", "Coming with the March release."));
        assertEquals(200, planned.status(), planned.body());
        assertEquals("PLANNED", planned.at("status"));
        assertEquals("PLANNED", api().get("/api/v1/threads/" + idea).at("thread.ideaStatus"));

        for (String name : List.of(authorName, voterName)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> "1".equals(TestDatabase.queryString(
                    "SELECT COUNT(*) FROM notifications n JOIN members m ON m.id = n.member_id WHERE m.username = '"
                            + name + "' AND n.kind = 'IDEA_STATUS' AND n.detail = "
                            + "'PLANNED:Coming with the March release.'")));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> TestDatabase.queryString("SELECT text_body FROM mails "
                + "WHERE to_address = '" + voterName + "@example.test' AND template = 'notification.idea_status'")
                != null);
        String mail = TestDatabase.queryString("SELECT text_body FROM mails WHERE to_address = '" + voterName
                + "@example.test' AND template = 'notification.idea_status'");
        assertTrue(mail.contains("It is now: planned.") && mail.contains("Coming with the March release."), mail);
        Map<String, Object> seen = voter.get("/api/v1/notifications?limit=5").jsonList("items").get(0);
        assertEquals("IDEA_STATUS", seen.get("kind"));

        List<Map<String, Object>> columns = api().get("/api/v1/ideas/roadmap").jsonList();
        Map<String, Object> plannedColumn = columns.stream().filter(c -> "PLANNED".equals(c.get("status")))
                .findFirst().orElseThrow();
        assertTrue(plannedColumn.get("ideas").toString().contains("Export invoices as CSV"), plannedColumn.toString());
    }

    @Test
    void guestsCannotVoteAndIdeasOfAPrivateCategoryDoNotExistForOthers() {
        long idea = idea(admin, "Guest vote " + TestMembers.uniqueName("t"));
        assertEquals(401, api().put("/api/v1/threads/" + idea + "/vote", null).status());
        assertEquals(false, api().get("/api/v1/threads/" + idea + "/idea").at("canVote"));

        Api insider = api().registered(TestMembers.uniqueName("insider"));
        Api outsider = api().registered(TestMembers.uniqueName("outsider"));
        fixtures.group("partners", outsider);
        long customers = fixtures.group("customers", insider);
        long closed = fixtures.category("Customer ideas " + TestMembers.uniqueName("c"), Map.of("kind", "IDEAS",
                "everyoneSee", false, "membersSee", false, "membersReply", false, "membersStart", false,
                "groupRights", List.of(Map.of("groupId", customers, "see", true, "reply", true, "start", true))));
        long secret = ForumFixtures.thread(insider, closed, "Private idea " + TestMembers.uniqueName("t"), "Hush.",
                List.of());
        assertEquals(200, insider.put("/api/v1/threads/" + secret + "/vote", null).status());
        assertEquals(404, outsider.put("/api/v1/threads/" + secret + "/vote", null).status());
        assertEquals(404, outsider.get("/api/v1/threads/" + secret + "/idea").status());
        assertEquals(404, api().get("/api/v1/threads/" + secret + "/idea").status());
        assertTrue(!outsider.get("/api/v1/ideas/roadmap").body().contains("Private idea"));

        long discussion = fixtures.category("Talk " + TestMembers.uniqueName("c"));
        long talk = ForumFixtures.thread(insider, discussion, "Not an idea", "Just talk.", List.of());
        assertEquals(404, insider.put("/api/v1/threads/" + talk + "/vote", null).status());
    }

    @Test
    void anIdeasCategoryListsItsMostVotedIdeasFirst() {
        long category = fixtures.category("Sorted ideas " + TestMembers.uniqueName("c"), Map.of("kind", "IDEAS"));
        long low = ForumFixtures.thread(admin, category, "Few votes", "One.", List.of());
        long high = ForumFixtures.thread(admin, category, "Many votes", "Two.", List.of());
        for (int i = 0; i < 2; i++) {
            assertEquals(200, api().registered(TestMembers.uniqueName("v")).put("/api/v1/threads/" + high + "/vote",
                    null).status());
        }
        assertEquals(200, api().registered(TestMembers.uniqueName("v")).put("/api/v1/threads/" + low + "/vote", null)
                .status());
        String slug = fixtures.slugOf(category);
        Api.Response page = api().get("/api/v1/categories/" + slug + "/threads?sort=votes&limit=1");
        assertEquals("Many votes", page.at("items.0.title"), page.body());
        assertEquals(2, ((Number) page.at("items.0.votes")).intValue());
        Api.Response second = api().get("/api/v1/categories/" + slug + "/threads?sort=votes&limit=1&after="
                + page.at("nextAfter"));
        assertEquals("Few votes", second.at("items.0.title"), second.body());
    }
}
