package io.ruche.accounts;

import io.ruche.mail.MailContent;
import io.ruche.mail.MailQueue;
import io.ruche.mail.MailTemplates;
import jakarta.inject.Singleton;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The mails of the account itself: verify an address, reset a password, confirm a new address (and tell the old
 * one). They are transactional mails: no unsubscribe, and they go out whatever the notification settings.
 */
@Singleton
public class AccountMails {

    static final Duration VERIFY_TTL = Duration.ofDays(3);
    static final Duration RESET_TTL = Duration.ofHours(1);
    static final Duration EMAIL_CHANGE_TTL = Duration.ofDays(1);

    private final AccountTokens tokens;
    private final MailQueue mails;
    private final MailTemplates templates;

    public AccountMails(AccountTokens tokens, MailQueue mails, MailTemplates templates) {
        this.tokens = tokens;
        this.mails = mails;
        this.templates = templates;
    }

    public void verification(Member member) {
        String token = tokens.issue(member.id(), AccountTokens.Purpose.VERIFY, null, VERIFY_TTL);
        send(member, member.email(), "verify", "/verify-email?token=" + encode(token), member.displayName());
    }

    public void passwordReset(Member member) {
        String token = tokens.issue(member.id(), AccountTokens.Purpose.RESET, null, RESET_TTL);
        send(member, member.email(), "reset", "/reset-password?token=" + encode(token), member.displayName());
    }

    public void emailChange(Member member, String newEmail) {
        String token = tokens.issue(member.id(), AccountTokens.Purpose.EMAIL_CHANGE, newEmail, EMAIL_CHANGE_TTL);
        send(member, newEmail, "email_change", "/confirm-email?token=" + encode(token), member.displayName());
    }

    /** The old address hears that the account moved, in case it was not its owner who asked. */
    public void emailChanged(Member member, String oldEmail, String newEmail) {
        Locale locale = MailTemplates.localeOf(member.locale());
        String brand = templates.brandName(locale);
        String subject = templates.text(locale, "email_changed.subject", brand);
        MailContent content = new MailContent(subject, subject,
                List.of(templates.text(locale, "email_changed.body", member.displayName(), brand, newEmail)),
                new MailContent.Action(templates.text(locale, "email_changed.action"),
                        templates.url("/forgot-password")), List.of(),
                templates.text(locale, "footer.account", brand), null);
        mails.queue(member.id(), oldEmail, "email_changed", locale, content, null);
    }

    /** The password changed and other browsers were signed out: the owner hears it, in case it was not them. */
    public void passwordChanged(Member member) {
        notice(member, "password_changed", "/forgot-password");
    }

    /** The deletion waits a week: the address on file hears when it happens, and how to keep the account. */
    public void deletionScheduled(Member member, java.time.Instant due, String zone) {
        Locale locale = MailTemplates.localeOf(member.locale());
        String when = java.time.format.DateTimeFormatter.ofLocalizedDateTime(java.time.format.FormatStyle.LONG,
                java.time.format.FormatStyle.SHORT).withLocale(locale).withZone(zoneOrUtc(zone)).format(due);
        noticeWith(member, "deletion_scheduled", "/settings#delete-account", when);
    }

    /** The export of the member's data is ready: the link opens the settings, where the zip downloads. */
    public void exportReady(Member member) {
        notice(member, "export_ready", "/settings#your-data");
    }

    private static java.time.ZoneId zoneOrUtc(String zone) {
        try {
            return java.time.ZoneId.of(zone);
        } catch (java.time.DateTimeException e) {
            return java.time.ZoneOffset.UTC;
        }
    }

    private void notice(Member member, String template, String path) {
        noticeWith(member, template, path);
    }

    private void noticeWith(Member member, String template, String path, Object... more) {
        Locale locale = MailTemplates.localeOf(member.locale());
        String brand = templates.brandName(locale);
        String subject = templates.text(locale, template + ".subject", brand);
        MailContent content = new MailContent(subject, subject,
                List.of(templates.text(locale, template + ".body", java.util.stream.Stream.concat(
                        java.util.stream.Stream.of(member.displayName(), brand), java.util.Arrays.stream(more))
                        .toArray())),
                new MailContent.Action(templates.text(locale, template + ".action"), templates.url(path)), List.of(),
                templates.text(locale, "footer.account", brand), null);
        mails.queue(member.id(), member.email(), template, locale, content, null);
    }

    /**
     * Someone tried to register with, or move another account to, an address that already has an account. The
     * answer they got does not say so (that would tell who is a member); the owner hears it here instead.
     */
    public void addressInUse(Member owner) {
        send(owner, owner.email(), "address_in_use", "/forgot-password", owner.displayName());
    }

    private void send(Member member, String to, String template, String path, String name) {
        Locale locale = MailTemplates.localeOf(member.locale());
        String brand = templates.brandName(locale);
        String subject = templates.text(locale, template + ".subject", brand);
        MailContent content = new MailContent(subject, subject,
                List.of(templates.text(locale, template + ".body", name, brand),
                        templates.text(locale, template + ".expiry")),
                new MailContent.Action(templates.text(locale, template + ".action"), templates.url(path)), List.of(),
                templates.text(locale, "footer.account", brand), null);
        mails.queue(member.id(), to, template, locale, content, null);
    }

    private static String encode(String token) {
        return URLEncoder.encode(token, StandardCharsets.UTF_8);
    }
}
