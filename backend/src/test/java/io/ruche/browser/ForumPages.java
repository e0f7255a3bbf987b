package io.ruche.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.time.Duration;

/** Page objects: the journeys talk to these, never to selectors. */
final class ForumPages {

    private final WebDriver driver;
    private final URI base;
    private final WebDriverWait wait;

    ForumPages(WebDriver driver, URI base) {
        this.driver = driver;
        this.base = base;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(15));
    }

    Header open() {
        driver.get(base.toString());
        return header();
    }

    Header header() {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".app-header")));
        return new Header();
    }

    private String text(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by)).getText();
    }

    private void waitForText(By by, String expected) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(by, expected));
    }

    private void waitVisible(By by) {
        wait.until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    private boolean absent(By by) {
        return driver.findElements(by).isEmpty();
    }

    final class Header {
        SignUpPage signUp() {
            click(By.cssSelector("[data-test=nav-sign-up]"));
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test=sign-up-form]")));
            return new SignUpPage();
        }

        SignInPage signIn() {
            click(By.cssSelector("[data-test=nav-sign-in]"));
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test=sign-in-form]")));
            return new SignInPage();
        }

        String signInLinkText() {
            return text(By.cssSelector("[data-test=nav-sign-in]"));
        }

        void switchLanguage(String language) {
            click(By.cssSelector("[data-language=" + language + "]"));
            wait.until(d -> language.equals(d.findElement(By.tagName("html")).getAttribute("lang")));
        }

        String accountName() {
            return text(By.cssSelector("[data-test=account-menu] .name"));
        }

        String signOutLabel() {
            openMenu();
            String label = text(By.cssSelector("[data-test=menu-sign-out]"));
            click(By.cssSelector("[data-test=account-menu]"));
            return label;
        }

        void signOut() {
            openMenu();
            click(By.cssSelector("[data-test=menu-sign-out]"));
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test=nav-sign-in]")));
        }

        ProfilePage myProfile() {
            openMenu();
            click(By.cssSelector("[data-test=menu-profile]"));
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test=profile]")));
            return new ProfilePage();
        }

        /** Waits for the bell to count unread notifications. */
        Header waitForUnreadNotifications() {
            waitVisible(By.cssSelector("[data-test=bell-count]"));
            return this;
        }

        boolean verifyBannerShown() {
            return !absent(By.cssSelector("[data-test=verify-banner]"));
        }

        private void openMenu() {
            WebElement menu = wait.until(ExpectedConditions.elementToBeClickable(
                    By.cssSelector("[data-test=account-menu]")));
            if (!"true".equals(menu.getAttribute("aria-expanded"))) {
                menu.click();
            }
        }
    }

    final class HomePage {
        String title() {
            return text(By.cssSelector("[data-test=home-title]"));
        }

        String emptyState() {
            return text(By.cssSelector("[data-test=home-empty]"));
        }

        HomePage waitForTitle(String expected) {
            waitForText(By.cssSelector("[data-test=home-title]"), expected);
            return this;
        }
    }

    HomePage home() {
        return new HomePage();
    }

    final class SignUpPage {
        /** The sign-up form refuses submissions faster than a person types (anti-bot timing check). */
        private final long shownAt = System.currentTimeMillis();

        String heading() {
            return text(By.tagName("h1"));
        }

        SignUpPage fill(String username, String email, String password) {
            type(By.id("username"), username);
            type(By.id("email"), email);
            type(By.id("password"), password);
            return this;
        }

        SignUpPage submit() {
            click(By.cssSelector("[data-test=sign-up-submit]"));
            return this;
        }

        String errorOf(String field) {
            return text(By.id(field + "-error"));
        }

        /** Sends the form (after a person's typing time) and returns the "check your mailbox" message shown. */
        String submitExpectingMailSent() {
            new org.openqa.selenium.support.ui.WebDriverWait(driver, Duration.ofSeconds(10))
                    .until(d -> System.currentTimeMillis() - shownAt > 3_500);
            submit();
            return text(By.cssSelector("[data-test=sign-up-sent]"));
        }
    }

    final class SignInPage {
        SignInPage fill(String login, String password) {
            type(By.id("login"), login);
            type(By.id("password"), password);
            return this;
        }

        String submitExpectingError() {
            click(By.cssSelector("[data-test=sign-in-submit]"));
            return text(By.cssSelector("[data-test=sign-in-error]"));
        }

        HomePage submitExpectingHome() {
            click(By.cssSelector("[data-test=sign-in-submit]"));
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test=account-menu]")));
            return new HomePage();
        }
    }

    final class ProfilePage {
        String name() {
            return text(By.cssSelector("[data-test=profile-name]"));
        }

        String memberSince() {
            return text(By.cssSelector("[data-test=profile-since]"));
        }

        ProfilePage waitForMemberSince(String expected) {
            waitForText(By.cssSelector("[data-test=profile-since]"), expected);
            return this;
        }
    }

    /** Follows a link from a mail (address confirmation) to the page that uses its token. */
    TokenPage followMailLink(String url) {
        visit(url);
        return new TokenPage();
    }

    final class TokenPage {
        TokenPage waitForDone(String expected) {
            waitForText(By.cssSelector("[data-test=token-done]"), expected);
            return this;
        }
    }

    NotificationsPage notifications() {
        visit("/notifications");
        return new NotificationsPage();
    }

    final class NotificationsPage {
        NotificationsPage waitForEntry(String expected) {
            waitForText(By.cssSelector("[data-test=notification-list]"), expected);
            return this;
        }
    }

    /** The console's review queue. */
    ReviewQueuePage reviewQueue() {
        visit("/admin/review");
        return new ReviewQueuePage();
    }

    final class ReviewQueuePage {
        ReviewQueuePage waitForItem(String expected) {
            item(expected);
            return this;
        }

        private WebElement item(String contains) {
            return wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> d.findElements(By.cssSelector("[data-test=review-item]")).stream()
                    .filter(i -> i.getText().contains(contains)).findFirst().orElse(null));
        }

        /** How right the flagger of the item showing {@code contains} was before ("first flag", "past flags: …"). */
        String flaggerAccuracy(String contains) {
            return item(contains).findElement(By.cssSelector("[data-test=flagger-accuracy]")).getText();
        }

        /** Takes an action on the item showing {@code contains} and waits for the notice naming it. */
        ReviewQueuePage act(String contains, String action, String noticeContains) {
            item(contains).findElement(By.cssSelector("[data-test=review-" + action + "]")).click();
            waitForText(By.cssSelector("[data-test=review-notice]"), noticeContains);
            return this;
        }

    }

    /** The console's audit log. */
    AuditPage audit() {
        visit("/admin/audit");
        waitVisible(By.cssSelector("[data-test=audit-row]"));
        return new AuditPage();
    }

    final class AuditPage {
        /** Chooses an action by its label in the list, filters, and waits for a row of that action. */
        AuditPage onlyAction(String label, String code) {
            WebElement select = wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("[data-test=audit-action] option[value='" + code + "']")));
            if (!select.getText().contains(label)) {
                throw new AssertionError("the action is listed as '" + select.getText() + "', not '" + label + "'");
            }
            new org.openqa.selenium.support.ui.Select(driver.findElement(By.cssSelector("[data-test=audit-action]")))
                    .selectByValue(code);
            click(By.cssSelector("[data-test=audit-filter]"));
            wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
                java.util.List<WebElement> rows = d.findElements(By.cssSelector("[data-test=audit-row]"));
                return !rows.isEmpty() && rows.stream().allMatch(r -> code.equals(r.getAttribute("data-action")));
            });
            return this;
        }

        /** The first row's time as shown, and its exact time (with seconds) as a hover shows it. */
        String[] firstRowTime() {
            WebElement time = driver.findElement(By.cssSelector("[data-test=audit-row] time"));
            return new String[] {time.getText(), time.getAttribute("title")};
        }

        String firstRowText() {
            return driver.findElement(By.cssSelector("[data-test=audit-row]")).getText();
        }

        /** Follows the first row's link to what was acted on. */
        ThreadPage followFirstLink() {
            click(By.cssSelector("[data-test=audit-row] [data-test=audit-link]"));
            waitVisible(By.cssSelector("[data-test=thread-title]"));
            return new ThreadPage();
        }
    }

    /** A member's page in the console: sanctions, notes, history. */
    MemberModerationPage memberModeration(String username) {
        visit("/admin/members/" + username);
        return new MemberModerationPage();
    }

    final class MemberModerationPage {
        /** Sends the sanction form (a warning by default) and waits for the notice. */
        MemberModerationPage sanction(String reason, String noticeContains) {
            type(By.cssSelector("[data-test=sanction-reason]"), reason);
            click(By.cssSelector("[data-test=sanction-submit]"));
            waitForText(By.cssSelector("[data-test=sanction-notice]"), noticeContains);
            return this;
        }
    }

    /** Opens a path of the forum directly, as a person following a link would. */
    void visit(String path) {
        driver.get(base.resolve(path).toString());
        header();
    }

    NewThreadPage startThreadFromHome() {
        visit("/");
        click(By.cssSelector("[data-test=new-thread]"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test=composer]")));
        return new NewThreadPage();
    }

    final class NewThreadPage {
        NewThreadPage category(String name) {
            new org.openqa.selenium.support.ui.Select(driver.findElement(By.cssSelector("[data-test=thread-category]")))
                    .selectByVisibleText(name);
            return this;
        }

        NewThreadPage title(String title) {
            type(By.id("thread-title"), title);
            return this;
        }

        NewThreadPage body(String markdown) {
            type(By.cssSelector("[data-test=composer-input]"), markdown);
            return this;
        }

        String preview() {
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test=composer-preview]")));
            return driver.findElement(By.cssSelector("[data-test=composer-preview]")).getAttribute("innerHTML");
        }

        ThreadPage publish() {
            click(By.cssSelector("[data-test=composer-submit]"));
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test=post]")));
            return new ThreadPage();
        }
    }

    ThreadPage thread() {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test=post]")));
        return new ThreadPage();
    }

    final class ThreadPage {
        String title() {
            return text(By.cssSelector("[data-test=thread-title]"));
        }

        String currentPath() {
            return URI.create(driver.getCurrentUrl()).getPath();
        }

        /** Waits until the page shows the thread at a path starting with {@code prefix} ("/t/12/"). */
        ThreadPage waitForPath(String prefix) {
            wait.until(d -> URI.create(d.getCurrentUrl()).getPath().startsWith(prefix));
            waitVisible(By.cssSelector("[data-test=thread-title]"));
            return this;
        }

        /** Waits for a staff note in the thread saying {@code expected}. */
        ThreadPage waitForNote(String expected) {
            wait.until(d -> d.findElements(By.cssSelector("[data-test=thread-note]")).stream()
                    .anyMatch(n -> n.getText().contains(expected)));
            return this;
        }

        /** Follows the link in the staff note that says {@code contains}. */
        ThreadPage followNoteLink(String contains) {
            WebElement note = driver.findElements(By.cssSelector("[data-test=thread-note]")).stream()
                    .filter(n -> n.getText().contains(contains)).findFirst().orElseThrow();
            note.findElement(By.cssSelector("[data-test=note-link]")).click();
            return this;
        }

        /** Merges this thread into the one the picker finds for {@code query}, confirming what the dialog says. */
        String mergeInto(String query, String targetTitle) {
            click(By.cssSelector("[data-test=merge-thread]"));
            type(By.cssSelector("[data-test=merge-find]"), query);
            WebElement target = wait.until(d -> d.findElements(By.cssSelector("[data-test=merge-target]")).stream()
                    .filter(t -> t.getText().contains(targetTitle)).findFirst().orElse(null));
            target.findElement(By.cssSelector("input")).click();
            waitVisible(By.cssSelector("[data-test=merge-preview]"));
            click(By.cssSelector("[data-test=merge-panel] button[type=submit]"));
            String said = text(By.cssSelector("[data-test=confirm-dialog] p"));
            click(By.cssSelector("[data-test=confirm-yes]"));
            return said;
        }

        /** Splits the posts at these positions into a new thread: ticked on the thread, named, confirmed. */
        String split(java.util.List<Integer> positions, String title) {
            click(By.cssSelector("[data-test=split-thread]"));
            for (int position : positions) {
                // The box sits on the post itself: "Move #3 by …" / "Déplacer le n° 3 de …".
                WebElement pick = wait.until(d -> d.findElements(By.cssSelector("[data-test=split-pick]")).stream()
                        .filter(l -> l.getText().matches("(?s).*(#|n° )" + position + "\\b.*")).findFirst().orElse(null));
                pick.findElement(By.cssSelector("input")).click();
            }
            type(By.id("split-title"), title);
            click(By.cssSelector("[data-test=split-submit]"));
            String said = text(By.cssSelector("[data-test=confirm-dialog] p"));
            click(By.cssSelector("[data-test=confirm-yes]"));
            return said;
        }

        java.util.List<WebElement> posts() {
            return driver.findElements(By.cssSelector("[data-test=post]"));
        }

        String firstPostHtml() {
            return posts().get(0).findElement(By.cssSelector("[data-test=post-body]")).getAttribute("innerHTML");
        }

        ThreadPage quotePost(int index) {
            posts().get(index).findElement(By.cssSelector("[data-test=quote]")).click();
            return this;
        }

        String composerText() {
            return driver.findElement(By.cssSelector("[data-test=composer-input]")).getAttribute("value");
        }

        ThreadPage addToReply(String text) {
            driver.findElement(By.cssSelector("[data-test=composer-input]")).sendKeys(text);
            return this;
        }

        /** Sends a reply that will not appear in the thread (held for review). */
        ThreadPage sendReplyExpectingNothing() {
            click(By.cssSelector("[data-test=composer-submit]"));
            return this;
        }

        ThreadPage sendReply() {
            int before = posts().size();
            click(By.cssSelector("[data-test=composer-submit]"));
            wait.until(d -> posts().size() == before + 1);
            return this;
        }

        ThreadPage react(int index, String kind) {
            WebElement post = posts().get(index);
            post.findElement(By.cssSelector("[data-test=add-reaction]")).click();
            post.findElement(By.cssSelector("[data-test=pick-" + kind + "]")).click();
            wait.until(d -> !posts().get(index).findElements(By.cssSelector("[data-test=reaction-" + kind + "]")).isEmpty());
            return this;
        }

        /** What the reaction's button says to a screen reader: its name and its count (its icon is a drawing). */
        String reactionLabel(int index, String kind) {
            return posts().get(index).findElement(By.cssSelector("[data-test=reaction-" + kind + "]"))
                    .getAttribute("aria-label");
        }

        String lastPostHtml() {
            java.util.List<WebElement> all = posts();
            return all.get(all.size() - 1).findElement(By.cssSelector("[data-test=post-body]")).getAttribute("innerHTML");
        }

        /** Retitles the thread in place (author, staff, or a level-3 member), and waits for the new title. */
        ThreadPage retitle(String title) {
            driver.findElement(By.cssSelector("[data-test=edit-title]")).click();
            WebElement input = driver.findElement(By.id("thread-retitle"));
            input.sendKeys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, "a"), title);
            driver.findElement(By.cssSelector("[data-test=save-title]")).click();
            waitForText(By.cssSelector("[data-test=thread-title]"), title);
            return this;
        }

        ThreadPage markAnswer(int index) {
            posts().get(index).findElement(By.cssSelector("[data-test=accept]")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test=accepted-answer]")));
            return this;
        }

        ThreadPage waitForHeldNotice(String expected) {
            waitForText(By.cssSelector("[data-test=held-notice]"), expected);
            return this;
        }

        ThreadPage waitForPendingPost(String expected) {
            waitForText(By.cssSelector("[data-test=pending-post]"), expected);
            return this;
        }

        ThreadPage waitForPostBody(int index, String expected) {
            new WebDriverWait(driver, Duration.ofSeconds(15))
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                    .ignoring(IndexOutOfBoundsException.class)
                    .until(d -> posts().get(index).findElement(By.cssSelector("[data-test=post-body]")).getText()
                            .contains(expected));
            return this;
        }

        FlagDialog flag(int index) {
            posts().get(index).findElement(By.cssSelector("[data-test=flag]")).click();
            waitVisible(By.cssSelector("[data-test=flag-dialog]"));
            return new FlagDialog(this);
        }

        String acceptedAnswerBox() {
            return text(By.cssSelector("[data-test=accepted-answer]"));
        }
    }

    /** Types in the header's search box and waits for the results. */
    java.util.List<String> searchFromHeader(String text) {
        WebElement box = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-test=header-search]")));
        box.clear();
        box.sendKeys(text + org.openqa.selenium.Keys.ENTER);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test=search-hit]")));
        return driver.findElements(By.cssSelector("[data-test=search-hit] a")).stream().map(WebElement::getText).toList();
    }

    String searchTotal() {
        return text(By.cssSelector("[data-test=search-total]"));
    }

    private void click(By by) {
        wait.until(ExpectedConditions.elementToBeClickable(by)).click();
    }

    private void type(By by, String text) {
        WebElement input = wait.until(ExpectedConditions.visibilityOfElementLocated(by));
        input.clear();
        input.sendKeys(text);
    }

    final class FlagDialog {
        private final ThreadPage thread;

        private FlagDialog(ThreadPage thread) {
            this.thread = thread;
        }

        FlagDialog reason(String reason) {
            click(By.cssSelector("[data-test=flag-" + reason + "]"));
            return this;
        }

        /** Sends the flag and waits for the thanks shown in the thread. */
        ThreadPage send(String thanksContains) {
            click(By.cssSelector("[data-test=flag-submit]"));
            waitForText(By.cssSelector("[data-test=flag-thanks]"), thanksContains);
            return thread;
        }
    }

    /** A member's profile page, with their badges. */
    BadgeProfile profileOf(String username) {
        visit("/u/" + username);
        waitVisible(By.cssSelector("[data-test=profile]"));
        return new BadgeProfile();
    }

    final class BadgeProfile {
        /** Waits for the badge chip naming {@code badgeName}. */
        BadgeProfile waitForBadge(String badgeName) {
            waitForText(By.cssSelector("[data-test=profile-badges]"), badgeName);
            return this;
        }

        /** The text and target of the first "earned in" link. */
        String earnedByText() {
            return text(By.cssSelector("[data-test=badge-earned-by]"));
        }

        String earnedByHref() {
            return driver.findElement(By.cssSelector("[data-test=badge-earned-by]")).getAttribute("href");
        }
    }

    /** The console's badge page. */
    BadgeConsole badgeConsole() {
        visit("/admin/badges");
        waitVisible(By.cssSelector("[data-test=badge-new]"));
        return new BadgeConsole();
    }

    final class BadgeConsole {
        BadgeConsole startNew(String nameEn, String nameFr, String descriptionEn, String descriptionFr) {
            click(By.cssSelector("[data-test=badge-new]"));
            type(By.id("badge-name-en"), nameEn);
            type(By.id("badge-name-fr"), nameFr);
            type(By.id("badge-desc-en"), descriptionEn);
            type(By.id("badge-desc-fr"), descriptionFr);
            return this;
        }

        /** The rule's first condition: posts anywhere, at least {@code n}. */
        BadgeConsole postsAnywhere(int n) {
            new org.openqa.selenium.support.ui.Select(driver.findElement(
                    By.cssSelector("[data-test=badge-condition] select"))).selectByValue("POSTS");
            type(By.cssSelector("[data-test=badge-condition-n]"), String.valueOf(n));
            return this;
        }

        /** Runs the dry run and returns what it says. */
        String dryRun() {
            click(By.cssSelector("[data-test=badge-dry-run]"));
            return text(By.cssSelector("[data-test=badge-dry-result]"));
        }

        BadgeConsole save() {
            click(By.cssSelector("[data-test=badge-save]"));
            wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("[data-test=badge-form]")));
            return this;
        }

        /** Switches the badge on and waits until its backfill has finished; returns the row's report. */
        String switchOnAndWaitForBackfill(String slug) {
            click(By.cssSelector("[data-test=badge-toggle-" + slug + "]"));
            return new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.visibilityOfElementLocated(
                    By.xpath("//button[@data-test='badge-toggle-" + slug + "']/ancestor::tr"
                            + "//*[@data-test='badge-backfill-done']"))).getText();
        }
    }

    /** The page of one event. */
    EventPage event(long id) {
        visit("/events/" + id);
        waitVisible(By.cssSelector("[data-test=event-page]"));
        return new EventPage();
    }

    /** The member's events. */
    java.util.List<String> myEvents() {
        visit("/events/mine");
        waitVisible(By.cssSelector("[data-test=my-events]"));
        return driver.findElements(By.cssSelector("[data-test=event-card] .title")).stream().map(WebElement::getText)
                .toList();
    }

    final class EventPage {
        EventPage register() {
            click(By.cssSelector("[data-test=event-register]"));
            waitVisible(By.cssSelector("[data-test=event-my-status]"));
            return this;
        }

        String myStatus() {
            return text(By.cssSelector("[data-test=event-my-status]"));
        }

        String when() {
            return text(By.cssSelector("[data-test=event-when]"));
        }

        String title() {
            return text(By.cssSelector("[data-test=event-title]"));
        }

        /** Opens "add to calendar" and downloads the .ics file into {@code dir}; returns the file's text. */
        String downloadIcs(java.nio.file.Path dir) {
            click(By.cssSelector("[data-test=event-add-calendar]"));
            click(By.cssSelector("[data-test=event-ics]"));
            return downloaded(dir, ".ics");
        }
    }

    /** The console's analytics. */
    AnalyticsPage analytics() {
        visit("/admin/analytics");
        waitVisible(By.cssSelector("[data-test=figure-ACTIVE_MEMBERS]"));
        return new AnalyticsPage();
    }

    final class AnalyticsPage {
        /** Sets the start of the range (a date input typed as the browser's locale expects: via script). */
        AnalyticsPage from(String isoDate) {
            WebElement input = driver.findElement(By.cssSelector("[data-test=analytics-from]"));
            ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                    "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'));",
                    input, isoDate);
            return this;
        }

        String definitionOf(String metric) {
            WebElement figure = driver.findElement(By.cssSelector("[data-test=figure-" + metric + "]"));
            figure.findElement(By.cssSelector("[data-test=figure-definition-toggle]")).click();
            return wait.until(d -> figure.findElement(By.cssSelector("[data-test=figure-definition]"))).getText();
        }

        String responseRate() {
            return text(By.cssSelector("[data-test=analytics-response-rate]"));
        }

        /** Filters the dashboard by the first category offered, with the keyboard. */
        AnalyticsPage firstCategory() {
            WebElement select = wait.until(d -> {
                WebElement s = d.findElement(By.cssSelector("[data-test=analytics-category]"));
                return s.findElements(By.tagName("option")).size() > 1 ? s : null;
            });
            new org.openqa.selenium.support.ui.Select(select).selectByIndex(1);
            return this;
        }

        /** What a figure shows (its name, value and change), once it contains {@code expected}. */
        String figureOnce(String metric, String expected) {
            By by = By.cssSelector("[data-test=figure-" + metric + "]");
            waitForText(by, expected);
            return text(by);
        }

        /** Exports the CSV into {@code dir} and returns its text. */
        String exportCsv(java.nio.file.Path dir) {
            click(By.cssSelector("[data-test=analytics-csv]"));
            return downloaded(dir, ".csv");
        }
    }

    /** Waits for the browser to finish downloading a file ending in {@code suffix} into {@code dir}; its text. */
    private String downloaded(java.nio.file.Path dir, String suffix) {
        java.nio.file.Path[] found = new java.nio.file.Path[1];
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> {
            try (var files = java.nio.file.Files.list(dir)) {
                found[0] = files.filter(f -> f.toString().endsWith(suffix)).findFirst().orElse(null);
                return found[0] != null;
            } catch (java.io.IOException e) {
                return false;
            }
        });
        try {
            return java.nio.file.Files.readString(found[0]);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
