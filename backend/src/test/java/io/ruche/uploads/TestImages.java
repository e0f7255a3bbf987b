package io.ruche.uploads;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Images for the upload tests: a JPEG carrying an EXIF block with a GPS position, as phone cameras write them. */
final class TestImages {

    private TestImages() {
    }

    static byte[] image(String format, int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(30, 120, 200));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.YELLOW);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }

    /** A JPEG with an APP1 "Exif" segment holding a GPS IFD (latitude 48°51'29.58" N) right after its start. */
    static byte[] jpegWithGps() throws IOException {
        byte[] jpeg = image("jpeg", 64, 48);
        ByteBuffer tiff = ByteBuffer.allocate(80);
        tiff.put(new byte[]{'M', 'M', 0, 42}).putInt(8);
        tiff.putShort((short) 1).putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(26).putInt(0);
        tiff.putShort((short) 2);
        tiff.putShort((short) 0x0001).putShort((short) 2).putInt(2).put(new byte[]{'N', 0, 0, 0});
        tiff.putShort((short) 0x0002).putShort((short) 5).putInt(3).putInt(56);
        tiff.putInt(0);
        tiff.putInt(48).putInt(1).putInt(51).putInt(1).putInt(2958).putInt(100);
        byte[] exif = ByteBuffer.allocate(6 + tiff.position()).put("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1))
                .put(tiff.array(), 0, tiff.position()).array();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(0xFF);
        out.write(0xE1);
        out.write((exif.length + 2) >> 8);
        out.write((exif.length + 2) & 0xFF);
        out.write(exif);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /** A landscape JPEG (64 × 48) whose EXIF says the camera was turned: orientation 6, "rotate 90° clockwise". */
    static byte[] jpegTurned(int orientation) throws IOException {
        byte[] jpeg = image("jpeg", 64, 48);
        ByteBuffer tiff = ByteBuffer.allocate(26);
        tiff.put(new byte[]{'M', 'M', 0, 42}).putInt(8);
        tiff.putShort((short) 1).putShort((short) 0x0112).putShort((short) 3).putInt(1)
                .putShort((short) orientation).putShort((short) 0).putInt(0);
        byte[] exif = ByteBuffer.allocate(6 + tiff.position()).put("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1))
                .put(tiff.array(), 0, tiff.position()).array();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(0xFF);
        out.write(0xE1);
        out.write((exif.length + 2) >> 8);
        out.write((exif.length + 2) & 0xFF);
        out.write(exif);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
