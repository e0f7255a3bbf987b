package io.ruche.mail;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.ruche.support.Api;
import io.ruche.support.ForumFixtures;
import io.ruche.support.IntegrationTest;
import io.ruche.support.TestDatabase;
import io.ruche.support.TestMembers;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Mails through a real SMTP server: account mails in both languages, notification headers, one-click unsubscribe. */
@MicronautTest(transactional = false)
class MailTest extends IntegrationTest {

    private final TestSmtp smtp = new TestSmtp();

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.putAll(smtp.properties());
        return properties;
    }

    @BeforeAll
    void startSmtp() {
        smtp.start();
    }

    @AfterAll
    void stopSmtp() {
        smtp.stop();
    }

    private MimeMessage awaitMail(String address, String subjectPart) {
        await().atMost(Duration.ofSeconds(20)).until(() -> smtp.to(address).stream().anyMatch(m -> subject(m)
                .contains(subjectPart)));
        return smtp.to(address).stream().filter(m -> subject(m).contains(subjectPart)).reduce((a, b) -> b)
                .orElseThrow();
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (Exception e) {
            return "";
        }
    }

    private Api register(String name, String locale) {
        Api api = api();
        Api.Response created = api.post("/api/v1/accounts", Map.of("username", name, "email", name + "@example.test",
                "password", TestMembers.PASSWORD, "locale", locale, "timeZone", "Europe/Paris"));
        assertEquals(202, created.status(), created.body());
        return api;
    }

    @Test
    void registrationSendsAVerificationMailInTheMembersLanguageAndItsLinkSignsIn() throws Exception {
        long category = new ForumFixtures(ForumFixtures.newAdmin(server.getURI())).category("Général");
        String name = TestMembers.uniqueName("fr");
        Api member = register(name, "fr");
        assertEquals(false, member.get("/api/v1/session").at("authenticated"));
        Api.Response refused = member.language("fr").post("/api/v1/session", Map.of("login", name,
                "password", TestMembers.PASSWORD));
        assertEquals(403, refused.status());
        assertEquals("problem.emailNotVerified.signIn", refused.at("code"));
        assertTrue(((String) refused.at("detail")).startsWith("Confirmez d’abord votre adresse"), refused.body());

        MimeMessage mail = awaitMail(name + "@example.test", "Confirmez votre adresse");
        assertTrue(TestSmtp.part(mail, "text/plain").contains("Bonjour " + name));
        String html = TestSmtp.part(mail, "text/html");
        assertTrue(html.contains("lang=\"fr\"") && html.contains("#9a5b00"), "theme colour and language in HTML");
        assertTrue(html.contains("https://forum.example.test/theme/assets/logo.svg"), "theme logo");
        assertEquals("Ruche <community@example.test>", mail.getFrom()[0].toString());
        assertTrue(mail.getHeader("List-Unsubscribe") == null, "account mails are not newsletters");

        String token = TestSmtp.token(mail, "/verify-email");
        Api.Response confirmed = member.post("/api/v1/account/verification/confirm", Map.of("token", token));
        assertEquals(200, confirmed.status(), confirmed.body());
        assertEquals(true, member.get("/api/v1/session").at("member.emailVerified"), "signed in by the link");
        Api.Response again = api().post("/api/v1/account/verification/confirm", Map.of("token", token));
        assertEquals(400, again.status());
        assertEquals("problem.token.used", again.at("code"));
        assertEquals(201, member.post("/api/v1/threads", Map.of("categoryId", category, "title", "Bonjour",
                "body", "Premier message")).status());
    }

    @Test
    void passwordResetTokenWorksOnceAndExpires() throws Exception {
        String name = TestMembers.uniqueName("lost");
        register(name, "en");
        String email = name + "@example.test";
        assertEquals(202, api().post("/api/v1/account/password-reset", Map.of("email", email)).status());
        MimeMessage mail = awaitMail(email, "Reset your");
        assertTrue(TestSmtp.part(mail, "text/plain").contains("works once, for one hour"));
        String token = TestSmtp.token(mail, "/reset-password");

        Api.Response weak = api().post("/api/v1/account/password-reset/confirm", Map.of("token", token,
                "password", "short"));
        assertEquals(422, weak.status(), "a weak password is refused and the token stays usable");
        assertEquals(204, api().post("/api/v1/account/password-reset/confirm", Map.of("token", token,
                "password", "Brand new horse 77")).status());
        assertEquals(400, api().post("/api/v1/account/password-reset/confirm", Map.of("token", token,
                "password", "Another horse 78")).status());
        api().signedIn(name, "Brand new horse 77");

        // An expired link is refused with its own message.
        api().post("/api/v1/account/password-reset", Map.of("email", email));
        await().atMost(Duration.ofSeconds(20)).until(() -> smtp.to(email).stream()
                .filter(m -> subject(m).contains("Reset your")).count() == 2);
        String second = TestSmtp.token(smtp.to(email).stream().filter(m -> subject(m).contains("Reset your"))
                .reduce((a, b) -> b).orElseThrow(), "/reset-password");
        TestDatabase.execute("UPDATE account_tokens SET expires_at = created_at WHERE purpose = 'RESET' AND "
                + "member_id = (SELECT id FROM members WHERE username = '" + name + "')");
        Api.Response expired = api().post("/api/v1/account/password-reset/confirm", Map.of("token", second,
                "password", "Another horse 78"));
        assertEquals("problem.token.expired", expired.at("code"));

        // Unknown addresses get the same answer and no mail.
        assertEquals(202, api().post("/api/v1/account/password-reset", Map.of("email", "ghost@example.test"))
                .status());
    }

    @Test
    void emailChangeIsConfirmedFromTheNewAddressAndTheOldOneIsTold() throws Exception {
        String name = TestMembers.uniqueName("mover");
        Api member = api().registered(name);
        String newEmail = name + ".new@example.test";
        assertEquals(202, member.post("/api/v1/account/email", Map.of("email", newEmail,
                "password", TestMembers.PASSWORD)).status());
        assertEquals(name + "@example.test", member.get("/api/v1/session").at("member.email"));
        String token = TestSmtp.token(awaitMail(newEmail, "Confirm your new address"), "/confirm-email");
        assertEquals(204, api().post("/api/v1/account/email/confirm", Map.of("token", token)).status());
        assertEquals(newEmail, member.get("/api/v1/session").at("member.email"));
        awaitMail(name + "@example.test", "changed");
    }

    @Test
    void notificationMailsCarryOneClickUnsubscribeThatWorksWithoutSigningIn() throws Exception {
        ForumFixtures fixtures = new ForumFixtures(ForumFixtures.newAdmin(server.getURI()));
        long category = fixtures.category("Support");
        String name = TestMembers.uniqueName("asker");
        Api asker = api().registered(name);
        Api helper = api().registered(TestMembers.uniqueName("helper"));
        long thread = ForumFixtures.thread(asker, category, "Battery drains fast", "Any idea?", List.of());
        ForumFixtures.reply(helper, thread, "Turn off **Bluetooth** <script>alert(1)</script>");

        MimeMessage mail = awaitMail(name + "@example.test", "replied in");
        String oneClick = mail.getHeader("List-Unsubscribe")[0];
        assertEquals("List-Unsubscribe=One-Click", mail.getHeader("List-Unsubscribe-Post")[0]);
        assertTrue(oneClick.startsWith("<https://forum.example.test/api/v1/mail/unsubscribe/"), oneClick);
        String html = TestSmtp.part(mail, "text/html");
        assertFalse(html.contains("<script>"), "member text is escaped in mails");
        assertTrue(TestSmtp.part(mail, "text/plain").contains("Turn off Bluetooth"));
        assertTrue(html.contains("/unsubscribe/"), "a visible unsubscribe link");

        // What a mail provider does: POST the URL with the one-click form body, no cookie, no CSRF token.
        String path = URI.create(oneClick.substring(1, oneClick.length() - 1)).getPath();
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        server.getURI().resolve(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        Map<?, ?> channels = (Map<?, ?>) asker.get("/api/v1/notifications/preferences").at("channels");
        assertEquals("APP", channels.get("REPLY"), "replies stay in the app, mails stop");
        assertEquals("EMAIL", channels.get("MENTION"), "other kinds are untouched");

        // The page behind the footer link also offers to stop everything.
        String token = path.substring(path.lastIndexOf('/') + 1);
        assertNotNull(api().get("/api/v1/mail/unsubscribe/" + token).at("email"));
        assertEquals(200, api().post("/api/v1/mail/unsubscribe/" + token + "?all=true", null).status());
        assertEquals("OFF", asker.get("/api/v1/notifications/preferences").at("digest"));
        String forged = token.substring(0, token.indexOf('.')) + ".ALL" + token.substring(token.lastIndexOf('.'));
        assertEquals(404, api().post("/api/v1/mail/unsubscribe/" + forged, null).status(), "signature checked");
    }

    @Test
    void adminSendsATestMailAndSeesTheConfiguration() {
        Api admin = ForumFixtures.newAdmin(server.getURI());
        Map<String, Object> status = admin.get("/api/v1/admin/mail").json();
        assertEquals("SMTP", ((Map<?, ?>) status.get("settings")).get("mode"));
        assertEquals(false, ((Map<?, ?>) status.get("settings")).get("passwordSet"));
        Api.Response sent = admin.post("/api/v1/admin/mail/test", Map.of("to", "ops@example.test"));
        assertEquals(200, sent.status(), sent.body());
        assertEquals(1, smtp.to("ops@example.test").size());
    }
}
