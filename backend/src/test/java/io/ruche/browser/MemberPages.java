package io.ruche.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Page objects of a member's everyday pages (composer with uploads and mentions, ideas, messages) and of the layout
 * checks a phone needs. Journeys talk to these, never to selectors.
 */
final class MemberPages {

    private final WebDriver driver;
    private final URI base;
    private final WebDriverWait wait;

    MemberPages(WebDriver driver, URI base) {
        this.driver = driver;
        this.base = base;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(15));
    }

    void visit(String path) {
        driver.get(base.resolve(path).toString());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".app-header")));
    }

    /** Signs in from the sign-in page (the header's link may sit in the phone's menu). */
    void signIn(String login, String password) {
        visit("/sign-in");
        type(By.id("login"), login);
        type(By.id("password"), password);
        click(By.cssSelector("[data-test=sign-in-submit]"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test=account-menu]")));
    }

    /** The reply composer at the bottom of a thread page. */
    Composer threadComposer(long threadId) {
        visit("/t/" + threadId);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test=post]")));
        return new Composer();
    }

    final class Composer {
        /** Chooses a file with the composer's button, and waits until its Markdown is in the text. */
        Composer attach(Path file) {
            WebElement input = driver.findElement(By.cssSelector("[data-test=upload-input]"));
            input.sendKeys(file.toAbsolutePath().toString());
            wait.until(d -> value().contains("](/uploads/"));
            return this;
        }

        /** Types "@" and the start of a name, then takes the suggestion that names {@code username}. */
        Composer mention(String prefix, String username) {
            WebElement area = input();
            area.sendKeys(" @" + prefix);
            wait.until(d -> d.findElements(By.cssSelector("[data-test=suggestion]")).stream()
                    .anyMatch(s -> s.getText().contains("@" + username)));
            while (!driver.findElement(By.cssSelector("[data-test=suggestion][aria-selected=true]")).getText()
                    .contains("@" + username)) {
                area.sendKeys(Keys.ARROW_DOWN);
            }
            area.sendKeys(Keys.ENTER);
            wait.until(d -> value().contains("@" + username + " "));
            return this;
        }

        Composer write(String text) {
            input().sendKeys(text);
            return this;
        }

        String value() {
            return input().getAttribute("value");
        }

        /** Sends the reply and waits for the thread to show a post containing {@code expected}. */
        void send(String expected) {
            click(By.cssSelector("[data-test=composer-submit]"));
            wait.until(d -> d.findElements(By.cssSelector("[data-test=post]")).stream()
                    .anyMatch(p -> p.getText().contains(expected)));
        }

        /** The last post's first image, once loaded: its natural width (0 when it did not load). */
        long lastImageWidth() {
            WebElement img = wait.until(d -> d.findElements(By.cssSelector("[data-test=post] img")).stream()
                    .reduce((a, b) -> b).orElse(null));
            wait.until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                    "return arguments[0].complete", img)));
            return ((Number) ((JavascriptExecutor) driver).executeScript("return arguments[0].naturalWidth", img))
                    .longValue();
        }

        private WebElement input() {
            return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test=composer-input]")));
        }
    }

    /** An idea's page: its vote button and count, its status. */
    IdeaPage idea(long threadId) {
        visit("/t/" + threadId);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test=idea-panel]")));
        return new IdeaPage();
    }

    final class IdeaPage {
        IdeaPage vote() {
            WebElement button = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-test=vote]")));
            button.click();
            wait.until(d -> "true".equals(d.findElement(By.cssSelector("[data-test=vote]")).getAttribute("aria-pressed")));
            return this;
        }

        String votes() {
            return text(By.cssSelector("[data-test=vote-count]"));
        }
    }

    /** The bell's dropdown, waiting for an entry that says {@code expected}; answers its text. */
    String bellEntry(String expected) {
        visit("/");
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> {
            if (!d.findElements(By.cssSelector("[data-test=bell-count]")).isEmpty()) {
                return true;
            }
            d.navigate().refresh(); // the live stream tells open pages; a reload asks again
            return false;
        });
        click(By.cssSelector("[data-test=bell]"));
        return wait.until(d -> d.findElements(By.cssSelector("[data-test=bell-entry]")).stream()
                .filter(e -> e.getText().contains(expected)).findFirst().orElse(null)).getText();
    }

    /** Writes a new private message to {@code username}, from their profile's button; answers the page's path. */
    String sendMessage(String username, String subject, String body) {
        visit("/u/" + username);
        click(By.cssSelector("[data-test=send-message]"));
        type(By.id("message-subject"), subject);
        type(By.cssSelector("[data-test=composer-input]"), body);
        click(By.cssSelector("[data-test=composer-submit]"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test=conversation-subject]")));
        return URI.create(driver.getCurrentUrl()).getPath();
    }

    /** The member's inbox: waits for a conversation titled {@code subject}, opens it, answers its messages' text. */
    String openConversation(String subject) {
        visit("/messages");
        WebElement row = wait.until(d -> d.findElements(By.cssSelector("[data-test=conversation-row]")).stream()
                .filter(r -> r.getText().contains(subject)).findFirst().orElse(null));
        row.findElement(By.tagName("a")).click();
        return text(By.cssSelector("[data-test=messages]"));
    }

    /** How the page lays out on this screen. */
    record Layout(long headerHeight, long viewportWidth, long pageWidth, String widest) {
        boolean scrollsSideways() {
            return pageWidth > viewportWidth;
        }
    }

    Layout layout(String path, String readySelector) {
        visit(path);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(readySelector)));
        JavascriptExecutor js = (JavascriptExecutor) driver;
        long header = ((Number) js.executeScript(
                "return Math.round(document.querySelector('.app-header').getBoundingClientRect().height)")).longValue();
        long viewport = ((Number) js.executeScript("return document.documentElement.clientWidth")).longValue();
        long page = ((Number) js.executeScript("return document.documentElement.scrollWidth")).longValue();
        // What sticks out, for the failure message: the elements reaching past the viewport's right edge.
        String widest = String.valueOf(js.executeScript("var w = document.documentElement.clientWidth, out = [];"
                + "document.querySelectorAll('body *').forEach(function (e) { var r = e.getBoundingClientRect();"
                + " if (r.right > w + 1 && out.length < 6) out.push(e.tagName + '.' + e.className + ' ' + Math.round(r.right)); });"
                + "return out.join(' | ');"));
        return new Layout(header, viewport, page, widest);
    }

    /** Opens the console's navigation drawer (phones) and answers whether it shows its links. */
    boolean openConsoleDrawer() {
        click(By.cssSelector("[data-test=console-menu]"));
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#console-nav a"))).isDisplayed();
    }

    /**
     * Loads a page and waits until it has settled: its content shown, no skeleton left, every image loaded, and two
     * animation frames drawn since. The layout shift is read by the caller.
     */
    void settle(String path, String readySelector) {
        driver.get(base.resolve(path).toString());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(readySelector)));
        wait.until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                "return document.readyState === 'complete' && !document.querySelector('[aria-busy=true]')"
                        + " && Array.from(document.images).every(function (i) { return i.complete; })")));
        ((JavascriptExecutor) driver).executeAsyncScript("var done = arguments[0];"
                + "requestAnimationFrame(function () { requestAnimationFrame(function () { done(true); }); });");
    }

    private String text(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by)).getText();
    }

    private void click(By by) {
        wait.until(ExpectedConditions.elementToBeClickable(by)).click();
    }

    private void type(By by, String text) {
        WebElement input = wait.until(ExpectedConditions.visibilityOfElementLocated(by));
        input.clear();
        input.sendKeys(text);
    }
}
