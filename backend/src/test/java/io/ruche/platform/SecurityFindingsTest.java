package io.ruche.platform;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.ruche.support.Api;
import io.ruche.support.ForumFixtures;
import io.ruche.support.IntegrationTest;
import io.ruche.support.TestDatabase;
import io.ruche.support.TestMembers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The findings of the attacker's review, each closed: every scenario failed before its fix. */
@MicronautTest(transactional = false)
class SecurityFindingsTest extends IntegrationTest {

    private Api admin;
    private long category;

    @BeforeAll
    void setUp() {
        admin = ForumFixtures.newAdmin(server.getURI());
        category = new ForumFixtures(admin).category("Findings");
    }

    private static String nameOf(Api member) {
        return (String) member.get("/api/v1/session").at("member.username");
    }

    private long firstPost(long thread) {
        return Long.parseLong(TestDatabase.queryString("SELECT id FROM posts WHERE thread_id = " + thread
                + " AND position = 1"));
    }

    @Test
    void revisionsOfAHiddenPostStayHiddenFromEveryoneButStaffAndTheAuthor() {
        Api author = api().registered(TestMembers.uniqueName("author"));
        long thread = ForumFixtures.thread(author, category, "Edited then hidden", "First words, regretted", List.of());
        long post = firstPost(thread);
        assertEquals(200, author.patch("/api/v1/posts/" + post, Map.of("body", "Second words")).status());
        TestDatabase.execute("UPDATE posts SET hidden_at = UTC_TIMESTAMP(6) WHERE id = " + post);

        assertEquals(404, api().get("/api/v1/posts/" + post + "/revisions").status(), "guest");
        assertEquals(404, api().registered(TestMembers.uniqueName("other")).get("/api/v1/posts/" + post
                + "/revisions").status(), "another member");
        assertEquals(200, author.get("/api/v1/posts/" + post + "/revisions").status(), "the author");
        Api.Response staff = ForumFixtures.newModerator(server.getURI()).get("/api/v1/posts/" + post + "/revisions");
        assertEquals(200, staff.status());
        assertTrue(staff.body().contains("First words, regretted"));
    }

    @Test
    void theEmbeddedDatabaseRefusesAWrongPasswordAndThePasswordlessRoot() {
        String url = TestDatabase.url();
        assertTrue(System.getenv("RUCHE_TEST_DATASOURCE_URL") != null
                || !TestDatabase.password().isEmpty(), "a generated password");
        assertThrows(SQLException.class, () -> DriverManager.getConnection(url, TestDatabase.username(), "wrong"));
        assertThrows(SQLException.class, () -> DriverManager.getConnection(url, "root", ""));
        assertThrows(SQLException.class, () -> DriverManager.getConnection(url, "anyone", ""));
    }

    @Test
    void onlyAnAdminLiftsASanctionOnStaffAndASilenceHoldsForModeratorsToo() {
        Api moderator = ForumFixtures.newModerator(server.getURI());
        Api otherModerator = ForumFixtures.newModerator(server.getURI());
        long thread = ForumFixtures.thread(admin, category, "Staff room", "For staff", List.of());
        Api.Response silenced = admin.post("/api/v1/admin/members/" + nameOf(moderator) + "/sanctions",
                Map.of("kind", "SILENCE", "reason", "Cooling off", "hours", 24));
        assertEquals(200, silenced.status(), silenced.body());
        long sanction = ((Number) silenced.at("id")).longValue();

        Api.Response posting = moderator.post("/api/v1/threads/" + thread + "/posts", Map.of("body", "Still here"));
        assertEquals(403, posting.status(), posting.body());
        assertEquals("problem.silenced", posting.at("code"));
        assertEquals(403, moderator.post("/api/v1/admin/sanctions/" + sanction + "/lift",
                Map.of("reason", "I lift my own")).status(), "not their own");
        assertEquals(403, otherModerator.post("/api/v1/admin/sanctions/" + sanction + "/lift",
                Map.of("reason", "A colleague")).status(), "not a colleague's");
        assertEquals(204, admin.post("/api/v1/admin/sanctions/" + sanction + "/lift",
                Map.of("reason", "Done")).status());
        assertEquals(201, moderator.post("/api/v1/threads/" + thread + "/posts", Map.of("body", "Back")).status());
    }

    @Test
    void aModeratorCannotRewriteAnAdministratorsPost() {
        long thread = ForumFixtures.thread(admin, category, "Official word", "The rules of the house", List.of());
        long post = firstPost(thread);
        Api moderator = ForumFixtures.newModerator(server.getURI());
        assertEquals(403, moderator.patch("/api/v1/posts/" + post, Map.of("body", "Other rules")).status());
        assertEquals(403, moderator.delete("/api/v1/posts/" + post).status());
        assertEquals(200, admin.patch("/api/v1/posts/" + post, Map.of("body", "The rules, revised")).status());
    }

    @Test
    void pathologicalMarkdownAnswers422AndPathologicalWatchedWordInputNever500() {
        Api member = api().registered(TestMembers.uniqueName("nester"));
        long thread = ForumFixtures.thread(member, category, "Nesting", "Start", List.of());
        for (String body : List.of(">".repeat(5_000) + " deep", "<".repeat(49_000), "- a\n" + nestedList(150))) {
            Api.Response reply = member.post("/api/v1/threads/" + thread + "/posts", Map.of("body", body));
            assertEquals(422, reply.status(), reply.body());
            assertEquals("body", reply.at("errors.0.field"));
            assertEquals(422, member.post("/api/v1/preview", Map.of("body", body)).status());
        }
        Api.Response stars = member.post("/api/v1/preview", Map.of("body", "*".repeat(49_000)));
        assertEquals(200, stars.status());

        Api moderator = ForumFixtures.newModerator(server.getURI());
        Map<String, Object> rule = Map.of("pattern", "(a|b)*c", "kind", "REGEX", "action", "BLOCK");
        Api.Response tried = moderator.post("/api/v1/admin/watched-words/test",
                Map.of("rule", rule, "sample", "ab".repeat(4_000)));
        assertEquals(200, tried.status(), tried.body());
    }

    private static String nestedList(int depth) {
        StringBuilder list = new StringBuilder();
        for (int i = 1; i < depth; i++) {
            list.append("  ".repeat(i)).append("- a\n");
        }
        return list.toString();
    }

    @Test
    void passwordResetAnswersTakeTheSameTimeForKnownAndUnknownAddresses() {
        List<String> known = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String name = TestMembers.uniqueName("timed");
            api().registered(name);
            known.add(name + "@example.test");
        }
        // Warm both paths, then alternate so that load on the machine falls on both alike.
        timeReset(known.get(0));
        timeReset("warm-" + TestMembers.uniqueName("ghost") + "@example.test");
        List<Long> knownNanos = new ArrayList<>();
        List<Long> unknownNanos = new ArrayList<>();
        for (int i = 1; i < 20; i++) {
            knownNanos.add(timeReset(known.get(i)));
            unknownNanos.add(timeReset(TestMembers.uniqueName("ghost") + "@example.test"));
        }
        long difference = Math.abs(median(knownNanos) - median(unknownNanos));
        assertTrue(difference < Duration.ofMillis(5).toNanos(), "medians differ by " + difference / 1_000_000.0
                + " ms (known " + median(knownNanos) / 1e6 + ", unknown " + median(unknownNanos) / 1e6 + ")");
    }

    private long timeReset(String email) {
        Api visitor = api();
        visitor.get("/api/v1/session"); // the CSRF cookie, outside the measure
        long start = System.nanoTime();
        Api.Response answer = visitor.post("/api/v1/account/password-reset", Map.of("email", email));
        long took = System.nanoTime() - start;
        assertEquals(202, answer.status(), answer.body());
        return took;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    @Test
    void movingAnAccountToATakenAddressAnswersAsForAFreeOneAndTellsTheOwner() {
        String ownerName = TestMembers.uniqueName("owner");
        api().registered(ownerName);
        Api mover = api().registered(TestMembers.uniqueName("mover"));
        Api.Response taken = mover.post("/api/v1/account/email", Map.of("email", ownerName + "@example.test",
                "password", TestMembers.PASSWORD));
        Api.Response free = mover.post("/api/v1/account/email", Map.of("email",
                TestMembers.uniqueName("free") + "@example.test", "password", TestMembers.PASSWORD));
        assertEquals(free.status(), taken.status());
        assertEquals(free.body(), taken.body());
        assertEquals("1", TestDatabase.queryString("SELECT COUNT(*) FROM mails WHERE template = 'address_in_use' "
                + "AND to_address = '" + ownerName + "@example.test'"));
    }

    @Test
    void guessingAPasswordSlowsTheGuesserButNotTheOwnerOnTheirOwnBrowser() {
        String name = TestMembers.uniqueName("owner");
        api().registered(name);
        Api ownersBrowser = api().signedIn(name, TestMembers.PASSWORD);
        assertTrue(ownersBrowser.cookie("ruche_device").isPresent(), "a device cookie after signing in");
        ownersBrowser.delete("/api/v1/session");

        // Guesses from many addresses: the account is throttled for every browser it has never signed in from.
        for (int i = 0; i < 9; i++) {
            api().post("/api/v1/session", Map.of("login", name, "password", "guess " + i));
        }
        Api.Response stranger = api().post("/api/v1/session", Map.of("login", name, "password", TestMembers.PASSWORD));
        assertEquals(429, stranger.status(), "a new browser waits");
        assertTrue(stranger.headers().firstValue("Retry-After").isPresent());
        Api.Response owner = ownersBrowser.post("/api/v1/session", Map.of("login", name,
                "password", TestMembers.PASSWORD));
        assertEquals(200, owner.status(), "the owner's browser is not locked out: " + owner.body());
    }

    @Test
    void failuresFromASharedAddressDoNotLockOutTheOthersBehindIt() {
        String office = "203.0.113.77";
        String colleague = TestMembers.uniqueName("colleague");
        api().registered(colleague);
        for (int i = 0; i < 8; i++) {
            api().header("X-Forwarded-For", office).post("/api/v1/session",
                    Map.of("login", TestMembers.uniqueName("nobody"), "password", "guess " + i));
        }
        Api.Response guesser = api().header("X-Forwarded-For", office).post("/api/v1/session",
                Map.of("login", "someone", "password", "guess"));
        assertEquals(429, guesser.status(), "the address is slowed down for new browsers");
        // A colleague who signed in from this office before keeps signing in.
        Api colleaguesBrowser = api().signedIn(colleague, TestMembers.PASSWORD);
        colleaguesBrowser.delete("/api/v1/session");
        colleaguesBrowser.header("X-Forwarded-For", office);
        assertEquals(200, colleaguesBrowser.post("/api/v1/session", Map.of("login", colleague,
                "password", TestMembers.PASSWORD)).status());
    }

    @Test
    void signingInRotatesTheCsrfTokenAndPersonalAnswersAreNeverCached() {
        String name = TestMembers.uniqueName("rotate");
        api().registered(name);
        Api browser = api();
        browser.get("/api/v1/session");
        String before = browser.cookie("XSRF-TOKEN").orElseThrow();
        Api.Response signedIn = browser.post("/api/v1/session", Map.of("login", name, "password", TestMembers.PASSWORD));
        assertEquals(200, signedIn.status());
        assertNotEquals(before, browser.cookie("XSRF-TOKEN").orElseThrow(), "a new token after sign-in");
        assertEquals("no-store", signedIn.headers().firstValue("Cache-Control").orElse(""));
        assertEquals("no-store", browser.get("/api/v1/me/pending").headers().firstValue("Cache-Control").orElse(""));
        assertEquals("no-store", admin.get("/api/v1/admin/settings").headers().firstValue("Cache-Control").orElse(""));
        assertTrue(browser.post("/api/v1/preview", Map.of("body", "still works")).status() == 200,
                "the rotated token is the one that works");
    }

    @Test
    void httpsThroughATrustedProxyGetsStrictTransportSecurity() {
        Api.Response secure = api().header("X-Forwarded-Proto", "https").get("/api/v1/session");
        assertTrue(secure.headers().firstValue("Strict-Transport-Security").orElse("").startsWith("max-age="));
        assertTrue(api().get("/api/v1/session").headers().firstValue("Strict-Transport-Security").isEmpty(),
                "not over plain HTTP");
    }

    @Test
    void controlCharactersAreRefusedInTitlesNamesAndPaths() {
        Api member = api().registered(TestMembers.uniqueName("ctl"));
        Api.Response title = member.post("/api/v1/threads", Map.of("categoryId", category, "title", "Bad\u0000title",
                "body", "Body", "tags", List.of()));
        assertEquals(422, title.status());
        assertEquals("validation.controlCharacters", title.at("errors.0.code"));
        String name = nameOf(member);
        assertEquals(422, member.patch("/api/v1/members/" + name, Map.of("displayName", "Eve\u0007")).status());
        assertEquals(200, member.patch("/api/v1/members/" + name, Map.of("bio", "Two\nlines\tand a tab")).status());
        assertEquals(400, api().get("/api/v1/threads/1%00").status());
    }

    @Test
    void aTooLargeBodyIsAProblemWithATranslatedTitle() {
        Api member = api().registered(TestMembers.uniqueName("big")).language("fr");
        Api.Response huge = member.postRaw("/api/v1/preview", "{\"body\":\"" + "a".repeat(11 * 1024 * 1024)
                + "\"}");
        assertEquals(413, huge.status());
        assertEquals("Requête trop volumineuse", huge.at("title"));
    }

    @Test
    void aSilencedMemberCannotChangeTheirPublicProfile() {
        String name = TestMembers.uniqueName("quiet");
        Api member = api().registered(name);
        assertEquals(200, admin.post("/api/v1/admin/members/" + name + "/sanctions",
                Map.of("kind", "SILENCE", "reason", "Spam in the profile", "hours", 24)).status());
        Api.Response bio = member.patch("/api/v1/members/" + name, Map.of("bio", "Buy now at spam.example"));
        assertEquals(403, bio.status());
        assertEquals("problem.silenced", bio.at("code"));
        assertEquals(200, member.patch("/api/v1/members/" + name, Map.of("locale", "fr")).status(), "the language");
    }

    @Test
    void anInvitationSentToAnAddressOpensAnAccountForThatAddressOnly() {
        Map<String, Object> settings = new HashMap<>(admin.get("/api/v1/admin/settings").json());
        settings.put("registration", "INVITE");
        assertEquals(200, admin.put("/api/v1/admin/settings", settings).status());
        try {
            String invited = TestMembers.uniqueName("invited") + "@example.test";
            String url = (String) admin.post("/api/v1/admin/invites", Map.of("email", invited)).at("url");
            String code = url.substring(url.indexOf("invite=") + 7);
            Map<String, Object> body = new HashMap<>(Map.of("username", TestMembers.uniqueName("taker"),
                    "email", TestMembers.uniqueName("taker") + "@example.test", "password", TestMembers.PASSWORD,
                    "invite", code));
            Api.Response stolen = api().post("/api/v1/accounts", body);
            assertEquals(422, stolen.status(), stolen.body());
            assertEquals("email", stolen.at("errors.0.field"));
            body.put("email", invited);
            assertEquals(202, api().post("/api/v1/accounts", body).status());
        } finally {
            settings.put("registration", "OPEN");
            admin.put("/api/v1/admin/settings", settings);
        }
    }

    @Test
    void healthHasLivenessAndReadiness() {
        assertEquals(200, api().get("/health").status());
        assertEquals(200, api().get("/health/readiness").status());
        assertEquals(200, api().get("/health/liveness").status());
    }
}
