package io.ruche.uploads;

import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What is kept of an upload: pixels without metadata, allowed files as they are, nothing a browser could run. */
class UploadSanitizerTest {

    private static final byte[] EXIF = "Exif".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] GPS_TAG = {(byte) 0x88, 0x25};

    @Test
    void aPhotoComesBackWithoutItsGpsPosition() throws Exception {
        byte[] photo = TestImages.jpegWithGps();
        assertTrue(TestImages.contains(photo, EXIF) && TestImages.contains(photo, GPS_TAG), "the test photo has EXIF");
        UploadSanitizer.Clean clean = UploadSanitizer.clean(photo, "holiday.JPG");
        assertEquals("image/jpeg", clean.contentType());
        assertEquals(64, clean.width());
        assertFalse(TestImages.contains(clean.bytes(), EXIF));
        assertFalse(TestImages.contains(clean.bytes(), GPS_TAG));
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(clean.bytes()));
        assertEquals(48, back.getHeight());
    }

    @Test
    void aPhotoTakenWithThePhoneTurnedComesOutTheRightWayUp() throws Exception {
        byte[] turned = TestImages.jpegTurned(6);
        assertEquals(6, UploadSanitizer.orientation(turned));
        UploadSanitizer.Clean clean = UploadSanitizer.clean(turned, "portrait.jpg");
        assertEquals(48, clean.width());
        assertEquals(64, clean.height());
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(clean.bytes()));
        assertEquals(48, back.getWidth());
        assertEquals(64, back.getHeight());
        assertFalse(TestImages.contains(clean.bytes(), EXIF));
        assertEquals(1, UploadSanitizer.orientation(TestImages.image("jpeg", 10, 10)));
        for (int o = 1; o <= 8; o++) {
            BufferedImage upright = UploadSanitizer.upright(new BufferedImage(6, 4, BufferedImage.TYPE_INT_RGB), o);
            assertEquals(o >= 5 ? 4 : 6, upright.getWidth(), "orientation " + o);
        }
    }

    @Test
    void aLargeImageGetsAThumbnailAndASmallOneDoesNot() throws Exception {
        UploadSanitizer.Clean big = UploadSanitizer.clean(TestImages.image("png", 2400, 1200), "wide.png");
        assertNotNull(big.thumbnail());
        BufferedImage thumbnail = ImageIO.read(new ByteArrayInputStream(big.thumbnail()));
        assertEquals(1200, thumbnail.getWidth());
        assertEquals(600, thumbnail.getHeight());
        assertNull(UploadSanitizer.clean(TestImages.image("png", 300, 200), "small.png").thumbnail());
    }

    @Test
    void svgHtmlAndDisguisedFilesAreRefused() {
        byte[] svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>".getBytes(StandardCharsets.UTF_8);
        byte[] html = "<html><script>alert(document.cookie)</script></html>".getBytes(StandardCharsets.UTF_8);
        for (String name : new String[]{"logo.svg", "logo.png", "page.html", "page.pdf", "notes.txt", "page.htm"}) {
            byte[] content = name.startsWith("logo") ? svg : html;
            UploadSanitizer.Refused refused = assertThrows(UploadSanitizer.Refused.class,
                    () -> UploadSanitizer.clean(content, name), name);
            assertEquals("validation.upload.type", refused.code(), name);
        }
    }

    @Test
    void allowedFilesAreKeptAsTheyAre() throws Exception {
        byte[] pdf = "%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF".getBytes(StandardCharsets.ISO_8859_1);
        UploadSanitizer.Clean clean = UploadSanitizer.clean(pdf, "Invoice 2026.pdf");
        assertEquals(UploadSanitizer.Kind.FILE, clean.kind());
        assertEquals("application/pdf", clean.contentType());
        assertEquals(pdf.length, clean.bytes().length);
        assertEquals(UploadSanitizer.Kind.FILE, UploadSanitizer.clean("a,b\n1,2\n".getBytes(StandardCharsets.UTF_8),
                "export.csv").kind());
    }

    @Test
    void anAvatarIsCroppedSquareAt256Pixels() throws Exception {
        BufferedImage avatar = ImageIO.read(new ByteArrayInputStream(UploadSanitizer.avatar(
                TestImages.image("jpeg", 800, 400))));
        assertEquals(256, avatar.getWidth());
        assertEquals(256, avatar.getHeight());
    }

    @Test
    void namesAreSafeInPathsAndHeaders() {
        assertEquals("Invoice-2026.pdf", Uploads.safeName("C:\\docs\\Invoice 2026.PDF", "pdf"));
        assertEquals("script.png", Uploads.safeName("\"><script>.png", "png"));
    }
}
