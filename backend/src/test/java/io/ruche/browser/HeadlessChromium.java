package io.ruche.browser;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/** Debian's Chromium through its ChromeDriver, headless, in the language a journey needs. */
final class HeadlessChromium {

    private HeadlessChromium() {
    }

    static ChromeDriver open(String language) {
        return open(language, null);
    }

    /** {@code downloads}: where files the page downloads land (none when null). */
    static ChromeDriver open(String language, Path downloads) {
        return open(language, downloads, false);
    }

    /** The same; {@code blockThirdPartyCookies} as Safari does and as users may choose. */
    static ChromeDriver open(String language, Path downloads, boolean blockThirdPartyCookies) {
        return open(language, downloads, blockThirdPartyCookies, true);
    }

    /**
     * A phone: a 390 × 844 viewport at three pixels per point, touch, a phone's user agent (Chromium's own device
     * emulation), with a script that adds up the page's layout shifts the way Lighthouse's CLS counts them.
     */
    static ChromeDriver openPhone(String language) {
        return open(language, null, false, true, true);
    }

    /** A desktop browser that also adds up the page's layout shifts (see {@link #layoutShift}). */
    static ChromeDriver openMeasuring(String language) {
        return open(language, null, false, true, false, true);
    }

    /** The layout shift of the current page so far (shifts right after input excluded). */
    static double layoutShift(ChromeDriver driver) {
        Object value = driver.executeScript("return window.__rucheCls || 0");
        return value instanceof Number n ? n.doubleValue() : 0;
    }

    private static final String CLS = "window.__rucheCls = 0; window.__rucheShifts = []; try {"
            + " new PerformanceObserver(function (list) { list.getEntries().forEach(function (e) {"
            + " if (e.hadRecentInput) return; window.__rucheCls += e.value;"
            + " (e.sources || []).forEach(function (s) { var n = s.node; window.__rucheShifts.push(e.value.toFixed(3)"
            + " + ' ' + (n ? (n.nodeName + '.' + (n.className || '')) : '?') + ' ' + JSON.stringify(s.previousRect)"
            + " + '>' + JSON.stringify(s.currentRect)); }); }); }).observe({ type: 'layout-shift', buffered: true });"
            + " } catch (e) {}";

    /** What moved, for a failure message: each shift's value, the element, and its rectangles before and after. */
    static String layoutShiftSources(ChromeDriver driver) {
        return String.valueOf(driver.executeScript("return (window.__rucheShifts || []).join(' | ')"));
    }

    /** A browser with JavaScript switched off: what a reader without scripts, or a simple crawler, gets. */
    static ChromeDriver openWithoutJavaScript(String language) {
        return open(language, null, false, false);
    }

    private static ChromeDriver open(String language, Path downloads, boolean blockThirdPartyCookies,
                                     boolean javaScript) {
        return open(language, downloads, blockThirdPartyCookies, javaScript, false, false);
    }

    private static ChromeDriver open(String language, Path downloads, boolean blockThirdPartyCookies,
                                     boolean javaScript, boolean phone) {
        return open(language, downloads, blockThirdPartyCookies, javaScript, phone, true);
    }

    private static ChromeDriver open(String language, Path downloads, boolean blockThirdPartyCookies,
                                     boolean javaScript, boolean phone, boolean measure) {
        ChromeOptions options = new ChromeOptions();
        if (Boolean.getBoolean("ruche.it.network-log")) {
            org.openqa.selenium.logging.LoggingPreferences logs = new org.openqa.selenium.logging.LoggingPreferences();
            logs.enable(org.openqa.selenium.logging.LogType.PERFORMANCE, java.util.logging.Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
        }
        if (phone) {
            options.setExperimentalOption("mobileEmulation", Map.of("deviceMetrics",
                    Map.of("width", 390, "height", 844, "pixelRatio", 3.0, "touch", true), "userAgent",
                    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
                            + "Chrome/131.0.0.0 Mobile Safari/537.36"));
        }
        options.setBinary(System.getProperty("ruche.chromium", "/usr/bin/chromium"));
        // The background-networking flags keep Chromium from calling out of this closed network.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,900", "--lang=" + language);
        Map<String, Object> prefs = new java.util.HashMap<>(Map.of("intl.accept_languages", language));
        if (downloads != null) {
            prefs.put("download.default_directory", downloads.toAbsolutePath().toString());
            prefs.put("download.prompt_for_download", false);
        }
        if (blockThirdPartyCookies) {
            prefs.put("profile.block_third_party_cookies", true);
            prefs.put("profile.cookie_controls_mode", 1);
        }
        if (!javaScript) {
            prefs.put("profile.managed_default_content_settings.javascript", 2);
            options.addArguments("--blink-settings=scriptEnabled=false");
        }
        options.setExperimentalOption("prefs", prefs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("ruche.chromedriver", "/usr/bin/chromedriver")))
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        if (measure) {
            driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", CLS));
        }
        return driver;
    }

    /** Keeps the last screen of a journey under target/it-screenshots for a person to look at. */
    static void screenshot(ChromeDriver driver, String name) throws IOException {
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Path target = Path.of(System.getProperty("ruche.test.base-dir", "target"), "it-screenshots");
        Files.createDirectories(target);
        Files.copy(shot.toPath(), target.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
