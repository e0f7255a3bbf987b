package io.ruche.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.time.Duration;

/** Page objects of the console's API keys and webhooks, and of a member's own keys in their settings. */
final class IntegrationPages {

    private final WebDriver driver;
    private final URI base;
    private final WebDriverWait wait;

    IntegrationPages(WebDriver driver, URI base) {
        this.driver = driver;
        this.base = base;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    private void visit(String path, String ready) {
        driver.get(base.resolve(path).toString());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(ready)));
    }

    private void click(By by) {
        wait.until(ExpectedConditions.elementToBeClickable(by)).click();
    }

    private void type(By by, String text) {
        WebElement input = wait.until(ExpectedConditions.visibilityOfElementLocated(by));
        input.clear();
        input.sendKeys(text);
    }

    private String text(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by)).getText();
    }

    /** Makes a global key in the console with these scopes; returns the secret shown once. */
    String newConsoleKey(String name, String... scopes) {
        visit("/admin/api-keys", "[data-test=api-key-form]");
        type(By.id("key-name"), name);
        for (String scope : scopes) {
            if (!"READ".equals(scope)) { // READ is ticked already
                click(By.cssSelector("[data-test=key-scope-" + scope + "]"));
            }
        }
        click(By.cssSelector("[data-test=api-key-create]"));
        String token = text(By.cssSelector("[data-test=api-key-token]"));
        click(By.cssSelector("[data-test=api-key-secret-done]"));
        return token;
    }

    /** Revokes the newest key listed, through its confirmation. */
    void revokeNewestKey() {
        click(By.cssSelector("[data-test=api-key-revoke]"));
        click(By.cssSelector("[data-test=confirm-yes]"));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("[data-test=confirm-dialog]")));
    }

    /** Makes a personal key (read and write) in the member's settings; returns its secret. */
    String newOwnKey(String name) {
        visit("/settings", "[data-test=api-key-settings]");
        type(By.cssSelector("[data-test=my-key-name]"), name);
        click(By.cssSelector("[data-test=my-key-write]"));
        click(By.cssSelector("[data-test=my-key-create]"));
        return text(By.cssSelector("[data-test=api-key-token]"));
    }

    /** Registers a webhook to {@code url} for one event type, allowing a private network address; returns the secret. */
    String newWebhook(String url, String type) {
        visit("/admin/webhooks", "[data-test=webhook-form]");
        type(By.id("hook-url"), url);
        click(By.cssSelector("[data-test=\"hook-type-" + type + "\"]"));
        click(By.cssSelector("[data-test=hook-private-network]"));
        click(By.cssSelector("[data-test=hook-save]"));
        return text(By.cssSelector("[data-test=webhook-secret-value]"));
    }

    /** Sends the first webhook's test event and waits until its delivery shows {@code status}. */
    void sendTestEventAndWaitFor(String status) {
        click(By.cssSelector("[data-test=webhook-test]"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-test=delivery-status]"),
                status));
    }

    /** Adds an identity provider in the console. */
    void addProvider(String name, String slug, String discovery, String clientId, String secret) {
        visit("/admin/sso", "[data-test=sso-form]");
        type(By.id("sso-name"), name);
        type(By.id("sso-slug"), slug);
        type(By.id("sso-discovery"), discovery);
        type(By.id("sso-client"), clientId);
        type(By.id("sso-secret"), secret);
        click(By.cssSelector("[data-test=sso-save]"));
        wait.until(d -> d.findElements(By.cssSelector("[data-test=sso-provider]")).stream()
                .anyMatch(e -> e.getText().contains(name)));
    }

    /** On the sign-in page, the provider's button; returns the path the browser lands on, signed in. */
    String signInWith(String slug, String next) {
        visit("/sign-in?next=" + next, "[data-test=sso-" + slug + "]");
        click(By.cssSelector("[data-test=sso-" + slug + "]"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test=account-menu]")));
        return URI.create(driver.getCurrentUrl()).getPath();
    }

    String accountMenuLabel() {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test=account-menu]")))
                .getAttribute("aria-label");
    }
}
