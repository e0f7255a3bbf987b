package io.ruche.accounts;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/** Draws the default avatar as SVG. Colours are fixed hues chosen for white-text contrast (WCAG AA). */
final class AvatarRenderer {

    private static final String[] BACKGROUNDS = {
            "#9a3412", "#1d4ed8", "#047857", "#7c3aed", "#b91c1c", "#0f766e", "#a21caf", "#4d7c0f", "#334155"};

    private AvatarRenderer() {
    }

    static String svg(String username, String displayName) {
        CRC32 crc = new CRC32();
        crc.update(username.toLowerCase().getBytes(StandardCharsets.UTF_8));
        String background = BACKGROUNDS[(int) (crc.getValue() % BACKGROUNDS.length)];
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 64 64\" role=\"img\" aria-label=\""
                + escape(displayName) + "\"><rect width=\"64\" height=\"64\" rx=\"32\" fill=\"" + background
                + "\"/><text x=\"50%\" y=\"50%\" dy=\".35em\" text-anchor=\"middle\" fill=\"#ffffff\" "
                + "font-family=\"system-ui, sans-serif\" font-size=\"26\" font-weight=\"600\">"
                + escape(initials(displayName)) + "</text></svg>";
    }

    static String initials(String name) {
        String[] words = name.strip().split("[\\s._-]+");
        StringBuilder out = new StringBuilder();
        for (String word : words) {
            if (!word.isEmpty() && out.length() < 2) {
                out.appendCodePoint(Character.toUpperCase(word.codePointAt(0)));
            }
        }
        return out.isEmpty() ? "?" : out.toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
