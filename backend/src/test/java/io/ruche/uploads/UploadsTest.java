package io.ruche.uploads;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.ruche.support.Api;
import io.ruche.support.ForumFixtures;
import io.ruche.support.IntegrationTest;
import io.ruche.support.TestDatabase;
import io.ruche.support.TestMembers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Uploads through the API: metadata stripped, types checked from the bytes, nothing served for a browser to run,
 * limits by trust level, avatars, and two nodes sharing one folder serving each other's uploads.
 */
@MicronautTest(transactional = false)
class UploadsTest extends IntegrationTest {

    private static final Path SHARED = sharedFolder();
    private EmbeddedServer nodeB;
    private Api admin;

    private static Path sharedFolder() {
        try {
            return Files.createTempDirectory("ruche-shared-uploads");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("ruche.uploads.dir", SHARED.toString());
        return properties;
    }

    @BeforeAll
    void nodes() {
        admin = ForumFixtures.newAdmin(server.getURI());
        Map<String, Object> properties = new HashMap<>(TestDatabase.properties());
        properties.put("micronaut.server.port", -1);
        properties.put("ruche.uploads.dir", SHARED.toString());
        nodeB = ApplicationContext.run(EmbeddedServer.class, properties, "test");
    }

    @AfterAll
    void stop() {
        if (nodeB != null) {
            nodeB.close();
        }
    }

    private Api trusted(String prefix) {
        String name = TestMembers.uniqueName(prefix);
        Api member = api().registered(name);
        TestDatabase.execute("UPDATE members SET trust_level = 1 WHERE username = '" + name + "'");
        return member;
    }

    @Test
    void aPhotoIsServedWithoutItsLocationAndNeverSniffed() throws Exception {
        Api member = trusted("photographer");
        Api.Response uploaded = member.multipart("POST", "/api/v1/uploads", "file", "holiday.jpg",
                TestImages.jpegWithGps());
        assertEquals(201, uploaded.status(), uploaded.body());
        String url = uploaded.at("url").toString();
        assertTrue(uploaded.at("markdown").toString().startsWith("![holiday]("), uploaded.body());

        HttpResponse<byte[]> served = api().bytes(url);
        assertEquals(200, served.statusCode());
        assertEquals("image/jpeg", served.headers().firstValue("Content-Type").orElse(""));
        assertEquals("nosniff", served.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertTrue(served.headers().firstValue("Content-Security-Policy").orElse("").contains("sandbox"));
        assertFalse(TestImages.contains(served.body(), "Exif".getBytes(StandardCharsets.ISO_8859_1)));
        assertFalse(TestImages.contains(served.body(), new byte[]{(byte) 0x88, 0x25}));
    }

    @Test
    void anUploadedImageInAPostKeepsItsPlaceWhileLoading() throws Exception {
        Api member = trusted("poster");
        Api.Response uploaded = member.multipart("POST", "/api/v1/uploads", "file", "wide.png",
                TestImages.image("png", 2400, 1200));
        long category = new ForumFixtures(admin).category("Uploads " + TestMembers.uniqueName("c"));
        long thread = ForumFixtures.thread(member, category, "My set-up", "Here it is:\n\n"
                + uploaded.at("markdown"), List.of());
        String html = api().get("/api/v1/threads/" + thread).at("posts.0.html").toString();
        assertTrue(html.contains("width=\"1200\" height=\"600\" loading=\"lazy\""), html);
        assertTrue(html.contains("<a href=\"" + uploaded.at("url") + "\""), html);
    }

    @Test
    void svgAndHtmlAreRefusedAndFilesOnlyEverDownload() {
        Api member = trusted("filer");
        byte[] svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"
                .getBytes(StandardCharsets.UTF_8);
        for (String name : List.of("logo.svg", "logo.png", "page.html")) {
            Api.Response refused = member.multipart("POST", "/api/v1/uploads", "file", name, svg);
            assertEquals(422, refused.status(), name + " " + refused.body());
            assertEquals("validation.upload.type", refused.at("errors.0.code"));
        }
        byte[] pdf = "%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF".getBytes(StandardCharsets.ISO_8859_1);
        Api.Response file = member.multipart("POST", "/api/v1/uploads", "file", "Price list.pdf", pdf);
        assertEquals(201, file.status(), file.body());
        HttpResponse<byte[]> served = api().bytes(file.at("url").toString());
        assertEquals("application/octet-stream", served.headers().firstValue("Content-Type").orElse(""));
        assertTrue(served.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment;"));
    }

    @Test
    void newMembersMayUploadSmallImagesOnlyAndGuestsNothing() throws Exception {
        Api newcomer = api().registered(TestMembers.uniqueName("newbie"));
        byte[] pdf = "%PDF-1.7\n%%EOF".getBytes(StandardCharsets.ISO_8859_1);
        Api.Response file = newcomer.multipart("POST", "/api/v1/uploads", "file", "doc.pdf", pdf);
        assertEquals(422, file.status());
        assertEquals("validation.upload.filesNotYet", file.at("errors.0.code"));
        byte[] big = new byte[3 * 1024 * 1024];
        byte[] png = TestImages.image("png", 10, 10);
        System.arraycopy(png, 0, big, 0, png.length);
        Api.Response tooBig = newcomer.multipart("POST", "/api/v1/uploads", "file", "big.png", big);
        assertEquals(422, tooBig.status(), tooBig.body());
        assertEquals("validation.upload.tooBig", tooBig.at("errors.0.code"));
        assertEquals(201, newcomer.multipart("POST", "/api/v1/uploads", "file", "small.png", png).status());
        assertEquals(2L * 1024 * 1024, ((Number) newcomer.get("/api/v1/uploads/allowance").at("maxBytes")).longValue());
        assertEquals(401, api().multipart("POST", "/api/v1/uploads", "file", "small.png", png).status());
    }

    @Test
    void twoNodesSharingTheFolderServeEachOthersUploads() throws Exception {
        Api onA = trusted("nodeA");
        Api.Response uploaded = onA.multipart("POST", "/api/v1/uploads", "file", "shared.png",
                TestImages.image("png", 1600, 900));
        assertEquals(201, uploaded.status(), uploaded.body());
        Api fromB = new Api(nodeB.getURI());
        HttpResponse<byte[]> original = fromB.bytes(uploaded.at("url").toString());
        assertEquals(200, original.statusCode());
        assertEquals("image/png", original.headers().firstValue("Content-Type").orElse(""));
        HttpResponse<byte[]> thumbnail = fromB.bytes(uploaded.at("thumbnailUrl").toString());
        assertEquals(200, thumbnail.statusCode());
        assertTrue(thumbnail.body().length < original.body().length);
        assertEquals(404, fromB.bytes("/uploads/AAAAAAAAAAAAAAAAAAAAAA/none.png").statusCode());
    }

    @Test
    void anUploadedAvatarReplacesTheGeneratedOne() throws Exception {
        String name = TestMembers.uniqueName("face");
        Api member = api().registered(name);
        assertEquals(200, api().bytes("/api/v1/members/" + name + "/avatar.svg").statusCode());
        Api.Response set = member.multipart("PUT", "/api/v1/account/avatar", "file", "me.jpg",
                TestImages.image("jpeg", 640, 480));
        assertEquals(200, set.status(), set.body());
        HttpResponse<byte[]> redirect = api().bytes("/api/v1/members/" + name + "/avatar.svg");
        assertEquals(302, redirect.statusCode());
        String location = redirect.headers().firstValue("Location").orElse("");
        assertEquals(set.at("avatarUrl"), location);
        HttpResponse<byte[]> image = api().bytes(location);
        assertEquals("image/png", image.headers().firstValue("Content-Type").orElse(""));
        assertEquals(204, member.delete("/api/v1/account/avatar").status());
        assertEquals(200, api().bytes("/api/v1/members/" + name + "/avatar.svg").statusCode());
    }
}
