package io.ruche.mail;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.ruche.support.Api;
import io.ruche.support.ForumFixtures;
import io.ruche.support.IntegrationTest;
import io.ruche.support.TestDatabase;
import io.ruche.support.TestMembers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SMTP server goes away and comes back: no mail is lost and none is sent twice. */
@MicronautTest(transactional = false)
class MailOutageTest extends IntegrationTest {

    private final TestSmtp smtp = new TestSmtp();

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.putAll(smtp.properties());
        properties.put("ruche.jobs.max-attempts", "6"); // about 4 s of retries at the test back-off
        return properties;
    }

    @AfterEach
    void stopSmtp() {
        smtp.stop();
    }

    private static String status(String name) {
        return TestDatabase.queryString("SELECT GROUP_CONCAT(DISTINCT status) FROM mails m JOIN members u ON "
                + "u.id = m.member_id WHERE u.username = '" + name + "' AND m.template = 'notification.staff_message'");
    }

    private static int attempts(String name) {
        String value = TestDatabase.queryString("SELECT COALESCE(MAX(attempts), 0) FROM mails m JOIN members u ON "
                + "u.id = m.member_id WHERE u.username = '" + name + "'");
        return Integer.parseInt(value);
    }

    private List<String> writeTo(Api moderator, int members) {
        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < members; i++) {
            String name = TestMembers.uniqueName("out");
            api().registered(name);
            moderator.post("/api/v1/members/" + name + "/staff-messages", Map.of("text", "Message " + i));
            names.add(name);
        }
        return names;
    }

    @Test
    void mailsWaitForTheServerAndLeaveOnceItIsBack() {
        Api moderator = ForumFixtures.newModerator(server.getURI());
        List<String> names = writeTo(moderator, 3);
        await().atMost(Duration.ofSeconds(20)).until(() -> names.stream().allMatch(n -> attempts(n) >= 1));
        names.forEach(n -> assertEquals("QUEUED", status(n), "a failed send stays queued"));

        smtp.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> names.stream().allMatch(n -> "SENT".equals(status(n))));
        for (String name : names) {
            assertEquals(1, staffMails(name), "sent exactly once");
        }
    }

    @Test
    void afterTheLastTryAMailIsShownToAdminsAndTheirRetrySendsIt() {
        Api moderator = ForumFixtures.newModerator(server.getURI());
        String name = writeTo(moderator, 1).get(0);
        await().atMost(Duration.ofSeconds(30)).until(() -> "FAILED".equals(status(name)));

        Api admin = ForumFixtures.newAdmin(server.getURI());
        assertTrue(((Number) admin.get("/api/v1/admin/mail").at("counts.failed")).intValue() >= 1);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> failed = (List<Map<String, Object>>) admin.get("/api/v1/admin/mail/messages"
                + "?status=FAILED").at("items");
        Map<String, Object> row = failed.stream().filter(m -> m.get("to").equals(name + "@example.test"))
                .findFirst().orElseThrow();
        assertTrue(String.valueOf(row.get("lastError")).contains("onnect"), String.valueOf(row.get("lastError")));

        smtp.start();
        assertEquals(1, ((Number) admin.post("/api/v1/admin/mail/retry", Map.of("ids", List.of(row.get("id"))))
                .at("count")).intValue());
        await().atMost(Duration.ofSeconds(20)).until(() -> "SENT".equals(status(name)));
        assertEquals(1, staffMails(name));
    }

    /** The staff message mails a member received (their verification mail travels the same way, separately). */
    private long staffMails(String name) {
        return smtp.to(name + "@example.test").stream().filter(m -> {
            try {
                return m.getSubject().contains("A message from");
            } catch (Exception e) {
                return false;
            }
        }).count();
    }
}
