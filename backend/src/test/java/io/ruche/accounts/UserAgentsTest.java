package io.ruche.accounts;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Browsers announce each other (Edge says Chrome and Safari): the most specific name wins. */
class UserAgentsTest {

    @Test
    void namesTheBrowserAndSystemMembersRecognise() {
        String edge = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0";
        String chromeAndroid = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Chrome/131.0.0.0 Mobile Safari/537.36";
        String safariMac = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                + "Version/17.6 Safari/605.1.15";
        assertEquals("Edge", UserAgents.browser(edge));
        assertEquals("Windows", UserAgents.system(edge));
        assertEquals("Chrome", UserAgents.browser(chromeAndroid));
        assertEquals("Android", UserAgents.system(chromeAndroid));
        assertEquals("Safari", UserAgents.browser(safariMac));
        assertEquals("macOS", UserAgents.system(safariMac));
        assertEquals("", UserAgents.browser(null));
        assertEquals("curl/8.5.0", UserAgents.browser("curl/8.5.0"));
    }
}
