package io.ruche.forum;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.ruche.support.Api;
import io.ruche.support.ForumFixtures;
import io.ruche.support.IntegrationTest;
import io.ruche.support.TestMembers;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A link to one of the forum's threads, alone on its line, shows a card of it; never one of a private thread. */
@MicronautTest(transactional = false)
class OneboxTest extends IntegrationTest {

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new java.util.HashMap<>(super.getProperties());
        properties.put("ruche.public-url", "https://forum.example.test");
        return properties;
    }

    @Test
    void aLoneLinkToAPublicThreadBecomesACardAndAPrivateOneStaysALink() {
        Api admin = ForumFixtures.newAdmin(server.getURI());
        ForumFixtures fixtures = new ForumFixtures(admin);
        long open = fixtures.category("Onebox open " + TestMembers.uniqueName("c"));
        long closed = fixtures.category("Onebox closed " + TestMembers.uniqueName("c"), Map.of("everyoneSee", false,
                "membersSee", false, "membersReply", false, "membersStart", false));
        long target = ForumFixtures.thread(admin, open, "How to pair the headset", "Hold the button <b>five</b> seconds.",
                List.of());
        long secret = ForumFixtures.thread(admin, closed, "Unannounced product", "Launch in March.", List.of());
        Api member = api().registered(TestMembers.uniqueName("linker"));
        long thread = ForumFixtures.thread(member, open, "Pairing again", "See this:\n\nhttps://forum.example.test/t/" + target
                + "/how-to-pair-the-headset\n\n[also](/t/" + secret + ")\n\nAnd inline https://forum.example.test/t/"
                + target + " too.", List.of());
        String html = api().get("/api/v1/threads/" + thread).at("posts.0.html").toString();
        assertTrue(html.contains("<aside class=\"onebox\">"), html);
        assertTrue(html.contains("How to pair the headset"), html);
        assertTrue(html.contains("Hold the button five seconds.") || html.contains("Hold the button"), html);
        assertFalse(html.contains("Unannounced product"), html);
        assertFalse(html.contains("Launch in March"), html);
    }
}
