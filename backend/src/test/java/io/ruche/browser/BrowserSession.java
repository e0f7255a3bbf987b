package io.ruche.browser;

import io.ruche.support.TestMembers;
import org.openqa.selenium.chrome.ChromeDriver;

import java.io.IOException;
import java.net.URI;

/** One headless browser at a time for a journey: signs people in one after the other, screenshots at the end. */
final class BrowserSession {

    private final URI base;
    private ChromeDriver driver;

    BrowserSession(URI base) {
        this.base = base;
    }

    /** A fresh browser in {@code language}, signed in as {@code username} (password {@link TestMembers#PASSWORD}). */
    ForumPages signedIn(String language, String username) {
        quit();
        driver = HeadlessChromium.open(language);
        ForumPages pages = new ForumPages(driver, base);
        pages.open().signIn().fill(username, TestMembers.PASSWORD).submitExpectingHome();
        return pages;
    }

    /** The same, with the files the page downloads landing in {@code downloads}. */
    ForumPages signedIn(String language, String username, java.nio.file.Path downloads) {
        quit();
        driver = HeadlessChromium.open(language, downloads);
        ForumPages pages = new ForumPages(driver, base);
        pages.open().signIn().fill(username, TestMembers.PASSWORD).submitExpectingHome();
        return pages;
    }

    /** The admin of the process, with downloads landing in {@code downloads}. */
    ForumPages signedIn(String language, String login, String password, java.nio.file.Path downloads) {
        quit();
        driver = HeadlessChromium.open(language, downloads);
        ForumPages pages = new ForumPages(driver, base);
        pages.open().signIn().fill(login, password).submitExpectingHome();
        return pages;
    }

    /** A fresh browser in {@code language}, signed in with this login and password (the admin of the process). */
    ForumPages signedIn(String language, String login, String password) {
        quit();
        driver = HeadlessChromium.open(language);
        ForumPages pages = new ForumPages(driver, base);
        pages.open().signIn().fill(login, password).submitExpectingHome();
        return pages;
    }

    /** A fresh browser in {@code language}, signed in as nobody. */
    IntegrationPages guest(String language) {
        quit();
        driver = HeadlessChromium.open(language);
        return new IntegrationPages(driver, base);
    }

    /** The console's integration pages, in the browser signed in last. */
    IntegrationPages integrations() {
        return new IntegrationPages(driver, base);
    }

    /** Keeps a screenshot of the last page (target/it-screenshots), then closes the browser. */
    void close(String screenshotName) throws IOException {
        if (driver != null) {
            HeadlessChromium.screenshot(driver, screenshotName.replaceAll("\\W+", "-"));
        }
        quit();
    }

    private void quit() {
        if (driver != null) {
            driver.quit();
            driver = null;
        }
    }
}
