package io.ruche.notifications;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.ruche.support.Api;
import io.ruche.support.ForumFixtures;
import io.ruche.support.IntegrationTest;
import io.ruche.support.TestDatabase;
import io.ruche.support.TestMembers;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The digest goes to members who have been away, at their local hour, with what they missed; once. */
@MicronautTest(transactional = false)
class DigestTest extends IntegrationTest {

    @Inject
    DigestService digests;

    @Test
    void theNextDigestIsAtTheMembersLocalHour() {
        Instant now = Instant.parse("2026-11-23T10:30:00Z"); // 11:30 in Paris
        assertEquals(Instant.parse("2026-11-24T07:00:00Z"), io.ruche.accounts.DigestSchedule.next(
                io.ruche.accounts.DigestSchedule.Digest.DAILY, 8, ZoneId.of("Europe/Paris"), now));
        assertEquals(Instant.parse("2026-11-23T16:00:00Z"), io.ruche.accounts.DigestSchedule.next(
                io.ruche.accounts.DigestSchedule.Digest.DAILY, 8, ZoneId.of("America/Los_Angeles"), now));
        assertEquals(Instant.parse("2026-11-30T07:00:00Z"), io.ruche.accounts.DigestSchedule.next(
                io.ruche.accounts.DigestSchedule.Digest.WEEKLY, 8, ZoneId.of("Europe/Paris"), now));
        assertEquals(null, io.ruche.accounts.DigestSchedule.next(io.ruche.accounts.DigestSchedule.Digest.OFF, 8,
                ZoneId.of("UTC"), now));
    }

    private static String digestsOf(String name) {
        return TestDatabase.queryString("SELECT COUNT(*) FROM mails m JOIN members u ON u.id = m.member_id "
                + "WHERE u.username = '" + name + "' AND m.template = 'digest'");
    }

    @Test
    void membersAwayGetTheBusyThreadsTheyMissedAndPresentMembersGetNothing() {
        Instant now = Instant.now();
        long category = new ForumFixtures(ForumFixtures.newAdmin(server.getURI())).category("Digest news");
        Api author = api().registered(TestMembers.uniqueName("writer"));
        long thread = ForumFixtures.thread(author, category, "Big launch tomorrow", "All the details", List.of());
        ForumFixtures.reply(api().registered(TestMembers.uniqueName("fan")), thread, "Cannot wait");
        // The busiest thread of the day, whatever other scenarios wrote into the shared database.
        TestDatabase.execute("UPDATE threads SET reaction_count = 1000000 WHERE id = " + thread);

        String away = TestMembers.uniqueName("away");
        Api awayApi = api().registered(away);
        awayApi.put("/api/v1/notifications/preferences", Map.of("channels", Map.of(), "digest", "DAILY",
                "digestHour", 8, "timeZone", "Europe/Paris"));
        String present = TestMembers.uniqueName("present");
        api().registered(present);
        TestDatabase.execute("UPDATE members SET digest = 'DAILY', last_seen_at = DATE_SUB(UTC_TIMESTAMP(6), "
                + "INTERVAL 3 DAY), next_digest_at = DATE_SUB(UTC_TIMESTAMP(6), INTERVAL 1 MINUTE) "
                + "WHERE username = '" + away + "'");
        TestDatabase.execute("UPDATE members SET digest = 'DAILY', last_seen_at = UTC_TIMESTAMP(6), "
                + "next_digest_at = DATE_SUB(UTC_TIMESTAMP(6), INTERVAL 1 MINUTE) WHERE username = '" + present + "'");

        digests.runDue(now.plusSeconds(1));
        assertEquals("1", digestsOf(away));
        assertEquals("0", digestsOf(present), "members who were around need no digest");
        String text = TestDatabase.queryString("SELECT text_body FROM mails m JOIN members u ON u.id = m.member_id "
                + "WHERE u.username = '" + away + "' AND m.template = 'digest'");
        assertTrue(text.contains("Big launch tomorrow"), text);
        assertTrue(TestDatabase.queryString("SELECT unsubscribe FROM mails m JOIN members u ON u.id = m.member_id "
                + "WHERE u.username = '" + away + "' AND m.template = 'digest'").contains(".DIGEST."));

        digests.runDue(now.plusSeconds(2));
        assertEquals("1", digestsOf(away), "the next one waits for tomorrow at 08:00 Paris time");
        String next = TestDatabase.queryString("SELECT DATE_FORMAT(CONVERT_TZ(next_digest_at, '+00:00', '+00:00'), "
                + "'%i') FROM members WHERE username = '" + away + "'");
        assertEquals("00", next);
    }
}
