package io.ruche.moderation;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.ruche.support.Api;
import io.ruche.support.Concurrently;
import io.ruche.support.ForumFixtures;
import io.ruche.support.IntegrationTest;
import io.ruche.support.TestDatabase;
import io.ruche.support.TestMembers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Moderators act at the same moment: two merges of the same pair crossing each other, several moderators deciding
 * the same queue item, several pinning the same thread. No 500, no deadlock shown, one decision, one note per change.
 */
@MicronautTest(transactional = false)
@SuppressWarnings("unchecked")
class StaffToolsConcurrencyTest extends IntegrationTest {

    private long category;
    private Api author;

    @BeforeAll
    void setUp() {
        ForumFixtures fixtures = new ForumFixtures(ForumFixtures.newAdmin(server.getURI()));
        category = fixtures.category("Busy moderators");
        author = api().registered(TestMembers.uniqueName("busy"));
    }

    private List<Api> moderators(int count) {
        return IntStream.range(0, count).mapToObj(i -> ForumFixtures.newModerator(server.getURI())).toList();
    }

    @Test
    void crossingMergesOfTheSamePairMergeOnce() throws Exception {
        long a = ForumFixtures.thread(author, category, "Crossing one", "a", List.of());
        long b = ForumFixtures.thread(author, category, "Crossing two", "b", List.of());
        List<Api> staff = moderators(6);
        List<Api.Response> answers = Concurrently.atOnce(staff, m -> {
            int i = staff.indexOf(m);
            return m.post("/api/v1/threads/" + (i % 2 == 0 ? a : b) + "/merge", Map.of("into", i % 2 == 0 ? b : a));
        });
        long merged = answers.stream().filter(r -> r.status() == 204).count();
        assertEquals(1, merged, answers.stream().map(r -> r.status() + " " + r.body()).toList().toString());
        assertTrue(answers.stream().allMatch(r -> r.status() == 204 || r.status() == 404 || r.status() == 422),
                answers.stream().map(Api.Response::status).toList().toString());
        assertEquals("1", TestDatabase.queryString("SELECT COUNT(*) FROM threads WHERE id IN (" + a + ", " + b + ")"));
        assertEquals("2", TestDatabase.queryString("SELECT post_count FROM threads WHERE id IN (" + a + ", " + b + ")"));
        assertEquals("1", TestDatabase.queryString("SELECT COUNT(*) FROM thread_redirects WHERE thread_id IN ("
                + a + ", " + b + ")"));
    }

    @Test
    void moderatorsDecidingTheSameItemDecideOnce() throws Exception {
        long thread = ForumFixtures.thread(author, category, "Decide once", "flag me", List.of());
        long post = Long.parseLong(TestDatabase.queryString("SELECT id FROM posts WHERE thread_id = " + thread));
        Api flagger = api().registered(TestMembers.uniqueName("fl"));
        assertEquals(204, flagger.post("/api/v1/posts/" + post + "/flags", Map.of("reason", "SPAM")).status());
        long item = Long.parseLong(TestDatabase.queryString("SELECT id FROM review_items WHERE post_id = " + post));
        List<Api> staff = moderators(6);
        List<String> actions = List.of("AGREE", "DISAGREE", "IGNORE");
        List<Api.Response> answers = Concurrently.atOnce(staff, m -> m.post("/api/v1/admin/review/actions",
                Map.of("ids", List.of(item), "action", actions.get(staff.indexOf(m) % 3))));
        assertEquals(1, answers.stream().filter(r -> r.status() == 200).count(),
                answers.stream().map(r -> r.status() + " " + r.body()).toList().toString());
        assertTrue(answers.stream().allMatch(r -> r.status() == 200 || r.status() == 404 || r.status() == 409));
        assertEquals("1", TestDatabase.queryString("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'review.%' "
                + "AND target_id = " + post));
        String outcome = TestDatabase.queryString("SELECT outcome FROM flags WHERE post_id = " + post);
        assertTrue(List.of("UPHELD", "REJECTED", "IGNORED").contains(outcome), outcome);
    }

    @Test
    void moderatorsPinningTheSameThreadLeaveOneNote() throws Exception {
        long thread = ForumFixtures.thread(author, category, "Pin once", "pin me", List.of());
        List<Api.Response> answers = Concurrently.atOnce(moderators(8),
                m -> m.patch("/api/v1/threads/" + thread, Map.of("pinned", true)));
        assertTrue(answers.stream().allMatch(r -> r.status() == 200), answers.stream().map(Api.Response::status)
                .toList().toString());
        assertEquals("1", TestDatabase.queryString("SELECT COUNT(*) FROM thread_notes WHERE thread_id = " + thread
                + " AND action = 'PIN'"), "the thread row is locked: the first pins, the others find it pinned");
    }
}
