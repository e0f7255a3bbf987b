package io.ruche.platform;

import io.micronaut.http.HttpHeaders;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.context.ServerRequestContext;
import jakarta.inject.Singleton;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** Server-side wording of message keys in the two languages Ruche speaks (French and English). */
@Singleton
public class Messages {

    public static final List<String> SUPPORTED = List.of("en", "fr");

    public String get(Locale locale, String key, Object... args) {
        ResourceBundle bundle = ResourceBundle.getBundle("i18n.messages", locale, ResourceBundle.Control
                .getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            return key;
        }
        // Apostrophes in the bundles are plain text (French needs many); MessageFormat would read them as quotes.
        return new MessageFormat(pattern.replace("'", "''"), locale).format(args);
    }

    /** The best of French and English for this request: Accept-Language first, English otherwise. */
    public Locale localeOf(HttpRequest<?> request) {
        String header = request.getHeaders().get(HttpHeaders.ACCEPT_LANGUAGE);
        if (header != null && !header.isBlank()) {
            try {
                Locale match = Locale.lookup(Locale.LanguageRange.parse(header),
                        List.of(Locale.ENGLISH, Locale.FRENCH));
                if (match != null) {
                    return match;
                }
            } catch (IllegalArgumentException ignored) {
                // A malformed header falls back to English rather than failing the request.
            }
        }
        return Locale.ENGLISH;
    }

    /**
     * The language of the request being answered, for texts written per language: a public page's {@code ?lang=}
     * (its text follows it), else its Accept-Language; null outside a request (jobs, mails), where texts keep their
     * fallback.
     */
    public @Nullable String requestLanguage() {
        return ServerRequestContext.currentRequest().map(r -> {
            String asked = r.getParameters().get("lang");
            return "fr".equals(asked) || "en".equals(asked) ? asked : localeOf(r).getLanguage();
        }).orElse(null);
    }
}
