package io.ruche.mail;

import io.ruche.themes.ThemeRegistry;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The wording of mails in French and English ({@code i18n/mail_*.properties}) and their layout: one HTML part with
 * inline styles (mail clients ignore style sheets) in the active theme's colours and logo, and a plain-text part
 * saying the same.
 */
@Singleton
public class MailTemplates {

    private static final Pattern ACCENT = Pattern.compile("--ruche-color-accent:\\s*(#[0-9a-fA-F]{3,8})");
    private static final Pattern HEADER = Pattern.compile("--ruche-color-header-bg:\\s*(#[0-9a-fA-F]{3,8})");

    private final ThemeRegistry themes;
    private final MailSettings settings;

    public MailTemplates(ThemeRegistry themes, MailSettings settings) {
        this.themes = themes;
        this.settings = settings;
    }

    public static Locale localeOf(String language) {
        return "fr".equals(language) ? Locale.FRENCH : Locale.ENGLISH;
    }

    /** A sentence of the mail bundle, with its arguments. Apostrophes are plain text, as in the UI bundles. */
    public String text(Locale locale, String key, Object... args) {
        ResourceBundle bundle = ResourceBundle.getBundle("i18n.mail", locale, ResourceBundle.Control
                .getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        try {
            return new MessageFormat(bundle.getString(key).replace("'", "''"), locale).format(args);
        } catch (MissingResourceException e) {
            throw new IllegalStateException("Mail text " + key + " is missing for " + locale, e);
        }
    }

    public String brandName(Locale locale) {
        return themes.active(locale.getLanguage()).brandName();
    }

    public String url(String path) {
        return settings.publicUrl() + path;
    }

    public String plainText(MailContent mail, Locale locale) {
        StringBuilder out = new StringBuilder();
        out.append(mail.heading()).append("\n\n");
        for (String paragraph : mail.paragraphs()) {
            out.append(paragraph).append("\n\n");
        }
        for (MailContent.Item item : mail.items()) {
            out.append("- ").append(item.title());
            if (!item.detail().isEmpty()) {
                out.append(" (").append(item.detail()).append(')');
            }
            out.append("\n  ").append(item.url()).append('\n');
        }
        if (!mail.items().isEmpty()) {
            out.append('\n');
        }
        if (mail.action() != null) {
            out.append(mail.action().label()).append(": ").append(mail.action().url()).append("\n\n");
        }
        out.append("-- \n").append(mail.footer()).append('\n');
        if (mail.manage() != null) {
            out.append(mail.manage().label()).append(": ").append(mail.manage().url()).append('\n');
        }
        return out.toString();
    }

    public String html(MailContent mail, Locale locale) {
        String theme = themeCss();
        String accent = find(ACCENT, theme, "#9a5b00");
        String header = find(HEADER, theme, "#1f2328");
        String brand = brandName(locale);
        String logo = url(themes.active(locale.getLanguage()).logoUrl());
        StringBuilder body = new StringBuilder();
        body.append("<h1 style=\"font-size:20px;margin:0 0 16px;color:#1f2328\">").append(escape(mail.heading()))
                .append("</h1>");
        for (String paragraph : mail.paragraphs()) {
            body.append("<p style=\"margin:0 0 16px;line-height:1.5;color:#1f2328\">").append(escape(paragraph))
                    .append("</p>");
        }
        if (!mail.items().isEmpty()) {
            body.append("<ul style=\"padding:0;margin:0 0 16px;list-style:none\">");
            for (MailContent.Item item : mail.items()) {
                body.append("<li style=\"margin:0 0 12px\"><a href=\"").append(escape(item.url()))
                        .append("\" style=\"color:").append(accent).append(";font-weight:600\">")
                        .append(escape(item.title())).append("</a>");
                if (!item.detail().isEmpty()) {
                    body.append("<br><span style=\"color:#57606a;font-size:14px\">").append(escape(item.detail()))
                            .append("</span>");
                }
                body.append("</li>");
            }
            body.append("</ul>");
        }
        if (mail.action() != null) {
            body.append("<p style=\"margin:24px 0\"><a href=\"").append(escape(mail.action().url()))
                    .append("\" style=\"background:").append(accent).append(";color:#ffffff;text-decoration:none;")
                    .append("padding:12px 20px;border-radius:6px;display:inline-block;font-weight:600\">")
                    .append(escape(mail.action().label())).append("</a></p>");
        }
        StringBuilder footer = new StringBuilder(escape(mail.footer()));
        if (mail.manage() != null) {
            footer.append(" <a href=\"").append(escape(mail.manage().url())).append("\" style=\"color:#57606a\">")
                    .append(escape(mail.manage().label())).append("</a>");
        }
        return "<!DOCTYPE html><html lang=\"" + locale.getLanguage() + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width\"><title>" + escape(mail.subject())
                + "</title></head><body style=\"margin:0;padding:0;background:#f7f6f2;"
                + "font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif\">"
                + "<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\"><tr><td align=\"center\""
                + " style=\"padding:24px 12px\"><table role=\"presentation\" width=\"100%\" cellpadding=\"0\" "
                + "cellspacing=\"0\" style=\"max-width:600px;background:#ffffff;border-radius:8px;overflow:hidden\">"
                + "<tr><td style=\"background:" + header + ";padding:16px 24px\"><img src=\"" + escape(logo)
                + "\" alt=\"\" height=\"28\" style=\"vertical-align:middle;border:0\"> <span style=\"color:#ffffff;"
                + "font-size:18px;font-weight:700;vertical-align:middle\">" + escape(brand) + "</span></td></tr>"
                + "<tr><td style=\"padding:24px\">" + body + "</td></tr>"
                + "<tr><td style=\"padding:16px 24px;border-top:1px solid #d0d7de;color:#57606a;font-size:13px;"
                + "line-height:1.5\">" + footer + "</td></tr></table></td></tr></table></body></html>";
    }

    private String themeCss() {
        return themes.activeCss();
    }

    /** The token's last declaration (the brand's overrides come after the pack's own). */
    private static String find(Pattern pattern, String css, String fallback) {
        Matcher m = pattern.matcher(css);
        String found = fallback;
        while (m.find()) {
            found = m.group(1);
        }
        return found;
    }

    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
