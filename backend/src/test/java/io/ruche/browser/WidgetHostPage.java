package io.ruche.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.Set;

/** A page of the brand's own site (another origin) with a Ruche widget on it. */
final class WidgetHostPage {

    private final ChromeDriver driver;
    private final WebDriverWait wait;

    WidgetHostPage(ChromeDriver driver, String url) {
        this.driver = driver;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        driver.get(url);
    }

    /** The widget's frame, once the loader put it in the page. */
    WebElement frame() {
        return wait.until(d -> d.findElements(By.cssSelector("[data-ruche-widget] iframe, iframe.plain")).stream()
                .findFirst().orElse(null));
    }

    /** The height the loader reserved before the widget loaded. */
    int reservedHeight() {
        return Integer.parseInt(frame().getAttribute("data-reserved-height"));
    }

    int frameHeight() {
        return frame().getSize().getHeight();
    }

    /** Waits until the frame's height is no longer {@code reserved} (the widget said how tall it is). */
    int fittedHeight(int reserved) {
        if (frameHeight() != reserved) {
            return frameHeight();
        }
        return wait.until(d -> {
            int h = frameHeight();
            return h != reserved ? h : null;
        });
    }

    /** The text inside the widget. */
    String widgetText() {
        WebElement frame = frame();
        driver.switchTo().frame(frame);
        try {
            return new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> {
                String text = d.findElement(By.tagName("body")).getText();
                return text.isBlank() ? null : text;
            });
        } catch (org.openqa.selenium.TimeoutException e) {
            return "";
        } finally {
            driver.switchTo().defaultContent();
        }
    }

    /** Clicks the widget's link titled {@code title}; returns the address of the tab it opened. */
    String openFromWidget(String title) {
        Set<String> before = driver.getWindowHandles();
        String home = driver.getWindowHandle();
        driver.switchTo().frame(frame());
        driver.findElement(By.linkText(title)).click();
        driver.switchTo().defaultContent();
        String opened = wait.until(d -> d.getWindowHandles().stream().filter(h -> !before.contains(h)).findFirst()
                .orElse(null));
        driver.switchTo().window(opened);
        String url = wait.until(d -> d.getCurrentUrl().startsWith("http") ? d.getCurrentUrl() : null);
        driver.close();
        driver.switchTo().window(home);
        return url;
    }

    /** Cookies the browser holds for {@code url}'s site (read through DevTools: every cookie, HttpOnly too). */
    int cookiesFor(String url) {
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> result = (java.util.Map<String, Object>) driver.executeCdpCommand(
                "Network.getCookies", java.util.Map.of("urls", java.util.List.of(url)));
        return ((java.util.List<?>) result.get("cookies")).size();
    }
}
