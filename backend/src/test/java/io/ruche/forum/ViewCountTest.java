package io.ruche.forum;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.ruche.support.Api;
import io.ruche.support.ForumFixtures;
import io.ruche.support.IntegrationTest;
import io.ruche.support.TestDatabase;
import io.ruche.support.TestMembers;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Thread views: one per member or guest per thread per hour, bots left out, saved in batches. */
@MicronautTest(transactional = false)
class ViewCountTest extends IntegrationTest {

    @Inject
    ViewCounter counter;

    private static int views(long thread) {
        return Integer.parseInt(TestDatabase.queryString("SELECT view_count FROM threads WHERE id = " + thread));
    }

    @Test
    void readersCountOncePerHourAndBotsNotAtAll() {
        Api admin = ForumFixtures.newAdmin(server.getURI());
        long category = new ForumFixtures(admin).category("Views");
        Api author = api().registered(TestMembers.uniqueName("author"));
        long thread = ForumFixtures.thread(author, category, "Counting views", "How many read this?", List.of());
        long other = ForumFixtures.thread(author, category, "Another thread", "Read me too", List.of());
        counter.flush();
        int before = views(thread);

        Api reader = api().registered(TestMembers.uniqueName("reader")).header("User-Agent", "Mozilla/5.0 Reader");
        for (int i = 0; i < 3; i++) {
            assertEquals(200, reader.get("/api/v1/threads/" + thread).status());
        }
        reader.get("/api/v1/threads/" + thread + "?after=20"); // loading more is not a new view
        Api guest = api().header("User-Agent", "Mozilla/5.0 Guest");
        guest.get("/api/v1/threads/" + thread);
        guest.get("/api/v1/threads/" + thread);
        api().header("User-Agent", "Mozilla/5.0 Guest").get("/api/v1/threads/" + thread); // another address
        api().header("User-Agent", "Googlebot/2.1").get("/api/v1/threads/" + thread);
        api().header("User-Agent", "").get("/api/v1/threads/" + thread);
        reader.get("/api/v1/threads/" + other);

        counter.flush();
        assertEquals(before + 3, views(thread), "the member once, each guest once, no bot");
        assertEquals(1, views(other));
        counter.flush();
        assertEquals(before + 3, views(thread), "a flush adds each count once");
    }
}
