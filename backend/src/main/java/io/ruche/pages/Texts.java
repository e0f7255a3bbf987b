package io.ruche.pages;

import io.ruche.platform.Messages;

import java.util.Locale;

/** The public pages' wording in the reader's language (the server's bundles, keys under {@code page.}). */
public record Texts(Messages messages, Locale locale) {

    public String get(String key, Object... args) {
        return messages.get(locale, "page." + key, args);
    }

    public String lang() {
        return locale.getLanguage();
    }
}
