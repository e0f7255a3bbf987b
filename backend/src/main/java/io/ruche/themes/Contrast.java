package io.ruche.themes;

import io.micronaut.serde.annotation.Serdeable;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** WCAG 2 contrast ratios between the colours text is drawn in and the colours behind it. */
public final class Contrast {

    /** Normal text needs 4.5:1 (WCAG 2.1 AA, 1.4.3). */
    public static final double AA = 4.5;

    private static final Pattern TOKEN = Pattern.compile("--ruche-color-([a-z-]+):\\s*(#[0-9a-fA-F]{6})\\b");

    private Contrast() {
    }

    /** A pair that was checked: which text on which background, its ratio and whether it passes AA. */
    @Serdeable
    public record Check(String pair, String foreground, String background, double ratio, boolean passes) {
    }

    /** The colour tokens of a stylesheet, the last declaration of each winning (as in CSS). */
    public static Map<String, String> tokens(String css) {
        Map<String, String> out = new HashMap<>();
        Matcher m = TOKEN.matcher(css);
        while (m.find()) {
            out.put(m.group(1), m.group(2).toLowerCase(java.util.Locale.ROOT));
        }
        return out;
    }

    public static double ratio(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        double ratio = (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
        return Math.round(ratio * 100) / 100.0;
    }

    static double luminance(String hex) {
        int rgb = Integer.parseInt(hex.substring(1), 16);
        return 0.2126 * channel((rgb >> 16) & 0xff) + 0.7152 * channel((rgb >> 8) & 0xff) + 0.0722 * channel(rgb & 0xff);
    }

    private static double channel(int c) {
        double s = c / 255.0;
        return s <= 0.03928 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
    }

    /** The pairs the UI draws text with: body text, muted text, links, button text, header text. */
    public static java.util.List<Check> checks(Map<String, String> t) {
        java.util.List<Check> out = new java.util.ArrayList<>();
        add(out, "text", t, "text", "surface");
        add(out, "muted", t, "muted", "surface");
        add(out, "link", t, "accent", "surface");
        add(out, "button", t, "accent-contrast", "accent");
        add(out, "header", t, "header-text", "header-bg");
        return out;
    }

    private static void add(java.util.List<Check> out, String pair, Map<String, String> t, String fg, String bg) {
        String f = t.get(fg);
        String b = t.get(bg);
        if (f != null && b != null) {
            double r = ratio(f, b);
            out.add(new Check(pair, f, b, r, r >= AA));
        }
    }
}
