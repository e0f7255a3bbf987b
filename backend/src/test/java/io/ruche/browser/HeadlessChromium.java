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

    /** A browser with JavaScript switched off: what a reader without scripts, or a simple crawler, gets. */
    static ChromeDriver openWithoutJavaScript(String language) {
        return open(language, null, false, false);
    }

    private static ChromeDriver open(String language, Path downloads, boolean blockThirdPartyCookies,
                                     boolean javaScript) {
        ChromeOptions options = new ChromeOptions();
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
        return new ChromeDriver(service, options);
    }

    /** Keeps the last screen of a journey under target/it-screenshots for a person to look at. */
    static void screenshot(ChromeDriver driver, String name) throws IOException {
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Path target = Path.of(System.getProperty("ruche.test.base-dir", "target"), "it-screenshots");
        Files.createDirectories(target);
        Files.copy(shot.toPath(), target.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
