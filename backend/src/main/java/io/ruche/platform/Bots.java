package io.ruche.platform;

import io.micronaut.core.annotation.Nullable;

import java.util.regex.Pattern;

/** Known crawlers, link previewers and clients that send no browser name: they count as no reader. */
public final class Bots {

    private static final Pattern BOTS = Pattern.compile("(?i)bot|crawl|spider|slurp|facebookexternalhit|preview");

    private Bots() {
    }

    public static boolean isBot(@Nullable String userAgent) {
        return userAgent == null || userAgent.isBlank() || BOTS.matcher(userAgent).find();
    }
}
