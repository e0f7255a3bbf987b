package io.ruche.forum;

import java.text.Normalizer;
import java.util.Locale;

/** URL words from titles and names: "Où est l'été ?" becomes "ou-est-l-ete". */
public final class Slugs {

    private Slugs() {
    }

    public static String of(String text, String fallback) {
        String ascii = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (slug.length() > 80) {
            slug = slug.substring(0, 80).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? fallback : slug;
    }

    /** A tag as stored: lower-case words joined by dashes, letters of any language kept. */
    static String tag(String raw) {
        return raw.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s_]+", "-").replaceAll("[^\\p{L}\\p{N}-]", "")
                .replaceAll("-{2,}", "-").replaceAll("(^-|-$)", "");
    }
}
