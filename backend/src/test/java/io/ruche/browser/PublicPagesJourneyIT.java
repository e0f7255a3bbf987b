package io.ruche.browser;

import io.ruche.support.Api;
import io.ruche.support.TestMembers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A reader without JavaScript (and a search engine that does not run it) reads a long thread: the posts, the
 * accepted answer, and page 2 through the link at the bottom; the home page leads to it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublicPagesJourneyIT {

    private RucheProcess ruche;
    private ChromeDriver browser;
    private long thread;

    @BeforeAll
    void forum() throws Exception {
        ruche = RucheProcess.shared();
        Api admin = new Api(ruche.base()).signedIn(RucheProcess.ADMIN_EMAIL, RucheProcess.ADMIN_PASSWORD);
        long category = ((Number) admin.post("/api/v1/categories", Map.of("name", TestMembers.uniqueName("Aide"),
                "kind", "QUESTIONS")).at("id")).longValue();
        String name = TestMembers.uniqueName("asker");
        new Api(ruche.base()).registered(name);
        ruche.verifyEmail(name + "@example.test");
        Api asker = new Api(ruche.base()).signedIn(name, TestMembers.PASSWORD);
        thread = ((Number) asker.post("/api/v1/threads", Map.of("categoryId", category, "title",
                "Comment exporter mes factures ?", "body", "Il me les faut en **PDF**.", "tags", List.of()))
                .at("thread.id")).longValue();
        long answer = ((Number) admin.post("/api/v1/threads/" + thread + "/posts", Map.of("body",
                "Ouvrez Facturation puis Exporter.")).at("id")).longValue();
        for (int i = 3; i <= 24; i++) {
            admin.post("/api/v1/threads/" + thread + "/posts", Map.of("body", "Message numéro " + i + " du fil."));
        }
        assertEquals(204, asker.post("/api/v1/threads/" + thread + "/accepted-answer", Map.of("postId", answer)).status());
    }

    @AfterEach
    void close() throws Exception {
        if (browser != null) {
            HeadlessChromium.screenshot(browser, "public-pages-without-javascript");
            browser.quit();
        }
    }

    @Test
    void aReaderWithoutJavaScriptReadsTheThreadItsAnswerAndPageTwo() {
        browser = HeadlessChromium.openWithoutJavaScript("fr");
        browser.get(ruche.base().resolve("/").toString());
        WebElement link = browser.findElements(By.cssSelector("main.ssr a")).stream()
                .filter(a -> a.getText().contains("Comment exporter mes factures")).findFirst().orElseThrow();
        link.click();

        assertEquals("Comment exporter mes factures ?", browser.findElement(By.tagName("h1")).getText());
        String page = browser.findElement(By.tagName("main")).getText();
        assertTrue(page.contains("Réponse acceptée") && page.contains("Ouvrez Facturation puis Exporter."), page);
        assertTrue(page.contains("Il me les faut en PDF."));
        for (int i = 3; i <= 20; i++) {
            assertTrue(page.contains("Message numéro " + i + " du fil."), "post " + i);
        }
        assertFalse(page.contains("Message numéro 21 du fil."));
        assertEquals("fr", browser.findElement(By.tagName("html")).getAttribute("lang"));

        browser.findElement(By.cssSelector("nav.ssr-pages a[href$='?page=2']")).click();
        String second = browser.findElement(By.tagName("main")).getText();
        assertTrue(second.contains("Message numéro 21 du fil.") && second.contains("Message numéro 24 du fil."), second);
        assertTrue(browser.getCurrentUrl().endsWith("?page=2"));
    }
}
