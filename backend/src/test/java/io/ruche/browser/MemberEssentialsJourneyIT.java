package io.ruche.browser;

import io.ruche.support.Api;
import io.ruche.support.TestMembers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.chrome.ChromeDriver;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A member's everyday forum, on a phone in French and on a desktop in English: a photo added to a reply, a friend
 * mentioned through the suggestions, a vote for an idea and the news of its status, a private message from another
 * member; and the phone's layout: one-row header, nothing scrolling sideways, pages that do not jump as they load.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MemberEssentialsJourneyIT {

    private RucheProcess ruche;
    private Api admin;
    private long discussion;
    private String discussionSlug;
    private long ideas;
    private ChromeDriver browser;

    @BeforeAll
    void forum() throws Exception {
        ruche = RucheProcess.shared();
        admin = new Api(ruche.base()).signedIn(RucheProcess.ADMIN_EMAIL, RucheProcess.ADMIN_PASSWORD);
        Api.Response created = admin.post("/api/v1/categories", Map.of("name", TestMembers.uniqueName("Entraide")));
        discussion = ((Number) created.at("id")).longValue();
        discussionSlug = created.at("slug").toString();
        ideas = ((Number) admin.post("/api/v1/categories", Map.of("name", TestMembers.uniqueName("Idées"),
                "kind", "IDEAS")).at("id")).longValue();
    }

    @AfterEach
    void close(org.junit.jupiter.api.TestInfo test) throws Exception {
        if (browser != null) {
            HeadlessChromium.screenshot(browser, "member-essentials-" + test.getTestMethod().map(
                    java.lang.reflect.Method::getName).orElse("journey"));
            System.out.println("BROWSER-URL " + browser.getCurrentUrl());
            browser.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll()
                    .forEach(entry -> System.out.println("BROWSER-LOG " + entry.getLevel() + " " + entry.getMessage()));
            browser.quit();
            browser = null;
        }
    }

    private long thread(Api author, long category, String title, String body) {
        return ((Number) author.post("/api/v1/threads", Map.of("categoryId", category, "title", title, "body", body,
                "tags", List.of())).at("thread.id")).longValue();
    }

    private void everyday(ChromeDriver driver, String language, String statusWord, String messageWord)
            throws Exception {
        String name = ruche.member("camille");
        String friend = ruche.member("dominique");
        Api friendApi = new Api(ruche.base()).signedIn(friend, TestMembers.PASSWORD);
        long topic = thread(friendApi, discussion, "Mon installation " + name, "Montrez la vôtre !");
        long idea = thread(admin, ideas, "Mode sombre " + name, "Pour lire le soir.");
        Path photo = Files.createTempFile("photo", ".jpg");
        BufferedImage image = new BufferedImage(1600, 900, BufferedImage.TYPE_INT_RGB);
        ImageIO.write(image, "jpeg", photo.toFile());
        // Staff trust them (level 1), as their first approved posts would: larger photos than a newcomer's.
        assertEquals(200, admin.put("/api/v1/admin/members/" + name + "/trust", Map.of("level", 1, "locked", false))
                .status());

        MemberPages pages = new MemberPages(driver, ruche.base());
        pages.signIn(name, TestMembers.PASSWORD);
        MemberPages.Composer composer = pages.threadComposer(topic).attach(photo);
        composer.write("Voici la mienne.").mention(friend.substring(0, 6), friend).send("Voici la mienne.");
        assertTrue(composer.lastImageWidth() > 0, "the uploaded image shows in the reply");

        pages.idea(idea).vote();
        Api.Response planned = admin.put("/api/v1/threads/" + idea + "/idea-status", Map.of("status", "PLANNED",
                "note", "Prévu pour mars."));
        assertEquals(200, planned.status(), planned.body());
        assertTrue(pages.bellEntry(statusWord).contains("Mode sombre"));

        assertTrue(friendApi.post("/api/v1/conversations", Map.of("recipients", List.of(name), "subject",
                messageWord + " " + name, "body", "Merci pour la photo !")).status() == 201);
        assertTrue(pages.openConversation(messageWord + " " + name).contains("Merci pour la photo !"));
        String path = pages.sendMessage(friend, "Réponse " + name, "Avec plaisir.");
        assertTrue(path.startsWith("/messages/"), path);
        assertTrue(friendApi.get("/api/v1/conversations").body().contains("Réponse " + name));
    }

    @Test
    void onAPhoneInFrenchAMemberSharesAPhotoMentionsVotesAndWrites() throws Exception {
        browser = HeadlessChromium.openPhone("fr");
        everyday(browser, "fr", "Prévue", "Bonjour");
    }

    @Test
    void onADesktopInEnglishAMemberSharesAPhotoMentionsVotesAndWrites() throws Exception {
        browser = HeadlessChromium.openMeasuring("en");
        everyday(browser, "en", "Planned", "Hello");
    }

    /** Each page loads without its layout shifting by 0.05 or more (Lighthouse's "good" CLS is under 0.1). */
    private void assertSteady(MemberPages pages, String where, String[][] steady) {
        assertSteady(pages, where, steady, browser);
    }

    private void assertSteady(MemberPages pages, String where, String[][] steady, ChromeDriver driver) {
        for (String[] page : steady) {
            pages.settle(page[0], page[1]);
            double shift = HeadlessChromium.layoutShift(driver);
            assertTrue(shift < 0.05, where + " " + page[0] + " layout shift " + shift + ": "
                    + HeadlessChromium.layoutShiftSources(driver));
        }
    }

    @Test
    void thePhoneLayoutHasAOneRowHeaderScrollsNothingSidewaysAndDoesNotJump() throws Exception {
        for (String language : List.of("fr", "en")) {
            browser = HeadlessChromium.openPhone(language);
            MemberPages pages = new MemberPages(browser, ruche.base());
            String name = ruche.member("phone");
            long topic = thread(new Api(ruche.base()).signedIn(name, TestMembers.PASSWORD), discussion,
                    "Un sujet assez long pour remplir la ligne " + name, "Un message.\n\n" + "Du texte. ".repeat(80));
            String[][] steady = {{"/", "[data-test=thread-list]"}, {"/c/" + discussionSlug, "[data-test=thread-list]"},
                    {"/t/" + topic, "[data-test=post]"}, {"/search?q=sujet", "main h1"}};
            assertSteady(pages, "phone " + language, steady);
            ChromeDriver desktop = HeadlessChromium.openMeasuring(language);
            try {
                assertSteady(new MemberPages(desktop, ruche.base()), "desktop " + language, steady, desktop);
            } finally {
                desktop.quit();
            }
            pages.signIn(RucheProcess.ADMIN_EMAIL, RucheProcess.ADMIN_PASSWORD);
            for (String[] page : new String[][]{{"/", "[data-test=thread-list]"}, {"/t/" + topic, "[data-test=post]"},
                    {"/notifications", "main h1"}, {"/admin/audit", ".admin-content h1"},
                    {"/admin/members", ".admin-content h1"}}) {
                MemberPages.Layout layout = pages.layout(page[0], page[1]);
                assertTrue(layout.headerHeight() <= 72, language + " " + page[0] + " header " + layout);
                assertFalse(layout.scrollsSideways(), language + " " + page[0] + " " + layout);
            }
            assertTrue(pages.openConsoleDrawer());
            browser.quit();
            browser = null;
        }
    }
}
