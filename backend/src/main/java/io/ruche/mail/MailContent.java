package io.ruche.mail;

import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * What a mail says, already in the recipient's language, before it is laid out as HTML and plain text. Every
 * string is plain text: {@link MailTemplates} escapes it for HTML.
 *
 * @param footer   why the person receives this mail
 * @param manage   the signed page that stops this kind of mail (no sign-in needed), or null for account mails
 */
public record MailContent(String subject, String heading, List<String> paragraphs, @Nullable Action action,
                          List<Item> items, String footer, @Nullable Link manage) {

    public record Action(String label, String url) {
    }

    public record Item(String title, String url, String detail) {
    }

    public record Link(String label, String url) {
    }
}
