package io.ruche.uploads;

import io.micronaut.core.annotation.Nullable;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What an uploaded file really is, from its first bytes (never from its name or the browser's word), and what is
 * kept of it. JPEG and PNG images are decoded and encoded again: what comes out holds pixels only, no EXIF (camera,
 * GPS location), no comments. GIFs are kept as they are (an animation would not survive; GIF carries no location).
 * Files of an allowed kind are kept as they are and always served as downloads. Anything else (SVG, HTML, scripts,
 * executables, formats we cannot clean) is refused. No I/O: bytes in, bytes out.
 */
public final class UploadSanitizer {

    /** Past this many pixels a side an image is refused: it could be a decompression bomb. */
    static final int MAX_SIDE = 10_000;
    /** Images wider or taller than this get a thumbnail shown in posts, linking to the full image. */
    static final int THUMBNAIL_SIDE = 1200;
    static final int AVATAR_SIDE = 256;

    private UploadSanitizer() {
    }

    /** What was uploaded, cleaned: the bytes to store, their type, dimensions for images, and a thumbnail if any. */
    public record Clean(Kind kind, String contentType, String extension, byte[] bytes, @Nullable Integer width,
                        @Nullable Integer height, @Nullable byte[] thumbnail) {
    }

    public enum Kind { IMAGE, FILE }

    /** Refused: {@code code} is the message key the member reads. */
    public static final class Refused extends Exception {
        private final String code;

        Refused(String code) {
            super(code);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private static final Map<String, String> FILE_TYPES = Map.of(
            "pdf", "application/pdf",
            "zip", "application/zip",
            "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "odt", "application/vnd.oasis.opendocument.text",
            "ods", "application/vnd.oasis.opendocument.spreadsheet",
            "txt", "text/plain; charset=utf-8",
            "csv", "text/csv; charset=utf-8",
            "log", "text/plain; charset=utf-8");
    private static final Set<String> ZIP_BASED = Set.of("zip", "docx", "xlsx", "pptx", "odt", "ods");
    private static final Set<String> TEXT = Set.of("txt", "csv", "log");

    public static Clean clean(byte[] bytes, String fileName) throws Refused, IOException {
        if (bytes.length == 0) {
            throw new Refused("validation.upload.empty");
        }
        if (startsWith(bytes, 0xFF, 0xD8, 0xFF)) {
            return reencode(bytes, "jpeg", "image/jpeg", "jpg");
        }
        if (startsWith(bytes, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return reencode(bytes, "png", "image/png", "png");
        }
        if (startsWith(bytes, 'G', 'I', 'F', '8')) {
            int[] size = dimensions(bytes);
            return new Clean(Kind.IMAGE, "image/gif", "gif", bytes, size[0], size[1], null);
        }
        String extension = extension(fileName);
        String type = FILE_TYPES.get(extension);
        if (type == null) {
            throw new Refused("validation.upload.type");
        }
        boolean matches = extension.equals("pdf") ? startsWith(bytes, '%', 'P', 'D', 'F', '-')
                : ZIP_BASED.contains(extension) ? startsWith(bytes, 'P', 'K', 0x03, 0x04)
                : TEXT.contains(extension) && isPlainText(bytes);
        if (!matches) {
            throw new Refused("validation.upload.type");
        }
        return new Clean(Kind.FILE, type, extension, bytes, null, null, null);
    }

    /** An avatar: any accepted image, cropped square from its centre and scaled to 256 pixels, as PNG. */
    public static byte[] avatar(byte[] bytes) throws Refused, IOException {
        Clean clean = clean(bytes, "avatar");
        if (clean.kind() != Kind.IMAGE) {
            throw new Refused("validation.upload.notImage");
        }
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(clean.bytes()));
        if (image == null) {
            throw new Refused("validation.upload.broken");
        }
        int side = Math.min(image.getWidth(), image.getHeight());
        BufferedImage square = image.getSubimage((image.getWidth() - side) / 2, (image.getHeight() - side) / 2,
                side, side);
        return encode(scale(square, AVATAR_SIDE, AVATAR_SIDE, true), "png", 1f);
    }

    private static Clean reencode(byte[] bytes, String format, String contentType, String extension)
            throws Refused, IOException {
        int[] size = dimensions(bytes);
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            throw new Refused("validation.upload.broken");
        }
        if (image == null) {
            throw new Refused("validation.upload.broken");
        }
        boolean alpha = format.equals("png") && image.getColorModel().hasAlpha();
        BufferedImage pixels = copy(image, alpha);
        if (format.equals("jpeg")) {
            // The camera's "this side up" is in the EXIF that goes: the pixels are turned first, so the photo
            // shows the right way round without it.
            pixels = upright(pixels, orientation(bytes));
            size = new int[]{pixels.getWidth(), pixels.getHeight()};
        }
        byte[] cleaned = encode(pixels, format, 0.9f);
        byte[] thumbnail = null;
        if (size[0] > THUMBNAIL_SIDE || size[1] > THUMBNAIL_SIDE) {
            double ratio = (double) THUMBNAIL_SIDE / Math.max(size[0], size[1]);
            thumbnail = encode(scale(pixels, (int) Math.round(size[0] * ratio), (int) Math.round(size[1] * ratio),
                    alpha), format, 0.85f);
        }
        return new Clean(Kind.IMAGE, contentType, extension, cleaned, size[0], size[1], thumbnail);
    }

    /** The width and height read from the header alone, refused past {@link #MAX_SIDE} before any decoding. */
    private static int[] dimensions(byte[] bytes) throws Refused, IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new Refused("validation.upload.broken");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width <= 0 || height <= 0 || width > MAX_SIDE || height > MAX_SIDE) {
                    throw new Refused("validation.upload.tooLarge");
                }
                return new int[]{width, height};
            } catch (IOException | RuntimeException e) {
                throw new Refused("validation.upload.broken");
            } finally {
                reader.dispose();
            }
        }
    }

    /** The EXIF orientation of a JPEG (1 to 8; 1, "as stored", when there is none or it cannot be read). */
    static int orientation(byte[] jpeg) {
        try {
            int i = 2;
            while (i + 4 < jpeg.length && (jpeg[i] & 0xFF) == 0xFF) {
                int marker = jpeg[i + 1] & 0xFF;
                int length = u16(jpeg, i + 2, false);
                if (marker == 0xDA) {
                    break; // the image data starts: no EXIF past here
                }
                if (marker == 0xE1 && length > 14 && jpeg[i + 4] == 'E' && jpeg[i + 5] == 'x' && jpeg[i + 6] == 'i'
                        && jpeg[i + 7] == 'f') {
                    int tiff = i + 10;
                    boolean little = jpeg[tiff] == 'I';
                    int ifd = tiff + (int) u32(jpeg, tiff + 4, little);
                    int entries = u16(jpeg, ifd, little);
                    for (int k = 0; k < entries && k < 100; k++) {
                        int entry = ifd + 2 + 12 * k;
                        if (u16(jpeg, entry, little) == 0x0112) {
                            int value = u16(jpeg, entry + 8, little);
                            return value >= 1 && value <= 8 ? value : 1;
                        }
                    }
                    return 1;
                }
                i += 2 + length;
            }
        } catch (ArrayIndexOutOfBoundsException e) {
            return 1;
        }
        return 1;
    }

    private static int u16(byte[] b, int at, boolean little) {
        return little ? (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 : (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
    }

    private static long u32(byte[] b, int at, boolean little) {
        return little ? (long) u16(b, at, true) | (long) u16(b, at + 2, true) << 16
                : (long) u16(b, at, false) << 16 | u16(b, at + 2, false);
    }

    /** The pixels turned (and mirrored) as EXIF orientation {@code o} says the camera held them. */
    static BufferedImage upright(BufferedImage image, int o) {
        if (o <= 1 || o > 8) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        boolean swap = o >= 5;
        java.awt.geom.AffineTransform t = new java.awt.geom.AffineTransform();
        switch (o) {
            case 2 -> { t.translate(w, 0); t.scale(-1, 1); }
            case 3 -> { t.translate(w, h); t.rotate(Math.PI); }
            case 4 -> { t.translate(0, h); t.scale(1, -1); }
            case 5 -> { t.rotate(-Math.PI / 2); t.scale(-1, 1); }
            case 6 -> { t.translate(h, 0); t.rotate(Math.PI / 2); }
            case 7 -> { t.scale(-1, 1); t.translate(-h, w); t.rotate(-Math.PI / 2); }
            default -> { t.translate(0, w); t.rotate(-Math.PI / 2); }
        }
        BufferedImage turned = new BufferedImage(swap ? h : w, swap ? w : h, image.getType() == 0
                ? BufferedImage.TYPE_INT_RGB : image.getType());
        Graphics2D g = turned.createGraphics();
        try {
            g.drawImage(image, t, null);
        } finally {
            g.dispose();
        }
        return turned;
    }

    private static BufferedImage copy(BufferedImage image, boolean alpha) {
        BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(),
                alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = copy.createGraphics();
        try {
            if (!alpha) {
                g.setColor(java.awt.Color.WHITE);
                g.fillRect(0, 0, image.getWidth(), image.getHeight());
            }
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return copy;
    }

    private static BufferedImage scale(BufferedImage image, int width, int height, boolean alpha) {
        BufferedImage scaled = new BufferedImage(Math.max(1, width), Math.max(1, height),
                alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scaled.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(image, 0, 0, scaled.getWidth(), scaled.getHeight(), null);
        } finally {
            g.dispose();
        }
        return scaled;
    }

    private static byte[] encode(BufferedImage image, String format, float quality) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (format.equals("jpeg")) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(quality);
            }
            // No metadata passed: the written file holds the pixels and what the format needs, nothing else.
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != (prefix[i] & 0xFF)) {
                return false;
            }
        }
        return true;
    }

    /** UTF-8 text without NUL bytes, and not markup a browser would run. */
    private static boolean isPlainText(byte[] bytes) {
        byte[] head = Arrays.copyOf(bytes, Math.min(bytes.length, 65_536));
        for (byte b : head) {
            if (b == 0) {
                return false;
            }
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(head, 0, head.length == bytes.length ? head.length
                            : Math.max(0, head.length - 4))).toString().toLowerCase(Locale.ROOT);
            return !(text.contains("<script") || text.contains("<html") || text.contains("<svg"));
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    static String extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
