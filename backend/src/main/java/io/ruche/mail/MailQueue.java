package io.ruche.mail;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.ruche.platform.Sql;
import io.ruche.platform.jobs.JobHandler;
import io.ruche.platform.jobs.JobKinds;
import io.ruche.platform.jobs.Jobs;
import jakarta.inject.Singleton;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Outgoing mail. {@link #queue} renders a mail and stores it with a job in the caller's transaction; the job sends
 * it (SMTP or outbox), retries with back-off while the server is down, and after the last try leaves it FAILED
 * for an admin to retry. A mail already SENT is never sent again.
 */
@Singleton
public class MailQueue implements JobHandler {

    private final Sql sql;
    private final Jobs jobs;
    private final Clock clock;
    private final MailTemplates templates;
    private final MailTransport transport;
    private final MailSettings settings;

    public MailQueue(Sql sql, Jobs jobs, Clock clock, MailTemplates templates, MailTransport transport,
                     MailSettings settings) {
        this.sql = sql;
        this.jobs = jobs;
        this.clock = clock;
        this.templates = templates;
        this.transport = transport;
        this.settings = settings;
    }

    /** Renders and queues a mail; returns its id. Runs inside the caller's transaction. */
    public long queue(@Nullable Long memberId, String to, String template, Locale locale, MailContent content,
                      @Nullable String oneClickUrl) {
        return queue(memberId, to, template, locale, content, oneClickUrl, null, null);
    }

    /** The same, with an iCalendar part ({@code calendarMethod}: REQUEST or CANCEL). */
    public long queue(@Nullable Long memberId, String to, String template, Locale locale, MailContent content,
                      @Nullable String oneClickUrl, @Nullable String calendarMethod, @Nullable String calendar) {
        String messageId = "ruche." + UUID.randomUUID() + "@" + hostOf(settings.publicUrl());
        String subject = content.subject().length() > 300 ? content.subject().substring(0, 300) : content.subject();
        long id = sql.insert("INSERT INTO mails (member_id, to_address, template, locale, subject, text_body, "
                        + "html_body, unsubscribe, message_id, status, created_at, calendar_method, calendar_body) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'QUEUED', ?, ?, ?)",
                java.util.Arrays.asList(memberId, to, template, locale.getLanguage(), subject,
                        templates.plainText(content, locale), templates.html(content, locale), oneClickUrl, messageId,
                        clock.instant(), calendarMethod, calendar));
        jobs.enqueue(JobKinds.MAIL_SEND, String.valueOf(id));
        return id;
    }

    @Override
    public String kind() {
        return JobKinds.MAIL_SEND;
    }

    @Override
    public void run(String payload) throws Exception {
        long id = Long.parseLong(payload);
        Stored mail = load(id);
        if (mail == null || "SENT".equals(mail.status())) {
            return;
        }
        try {
            transport.send(new MailTransport.Outgoing(mail.to(), mail.subject(), mail.text(), mail.html(),
                    mail.messageId(), mail.unsubscribe(), mail.calendarMethod(), mail.calendar()));
        } catch (Exception e) {
            recordFailure(id, String.valueOf(e), "QUEUED");
            throw e;
        }
        markSent(id);
    }

    @Override
    public void gaveUp(String payload, String error) {
        recordFailure(Long.parseLong(payload), error, "FAILED");
    }

    record Stored(String to, String subject, String text, String html, String messageId,
                  @Nullable String unsubscribe, String status, @Nullable String calendarMethod,
                  @Nullable String calendar) {
    }

    @Transactional(readOnly = true)
    protected Stored load(long id) {
        return sql.query("SELECT to_address, subject, text_body, html_body, message_id, unsubscribe, status, "
                        + "calendar_method, calendar_body FROM mails WHERE id = ?", List.of(id),
                rs -> new Stored(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9))).stream().findFirst()
                .orElse(null);
    }

    @Transactional
    protected void markSent(long id) {
        sql.update("UPDATE mails SET status = 'SENT', sent_at = ?, attempts = attempts + 1, last_error = NULL "
                + "WHERE id = ?", List.of(clock.instant(), id));
    }

    @Transactional
    protected void recordFailure(long id, String error, String status) {
        sql.update("UPDATE mails SET status = ?, attempts = attempts + 1, last_error = ? WHERE id = ?",
                List.of(status, error.length() > 1000 ? error.substring(0, 1000) : error, id));
    }

    /** A mail as the console lists it. */
    @Serdeable
    public record MailRow(long id, String to, String template, String subject, String status, int attempts,
                          @Nullable String lastError, Instant createdAt, @Nullable Instant sentAt) {
    }

    @Serdeable
    public record MailPage(List<MailRow> items, @Nullable Long next) {
    }

    @Serdeable
    public record Counts(long queued, long failed, long sentLastDay) {
    }

    @Transactional(readOnly = true)
    public Counts counts() {
        return sql.query("SELECT COALESCE(SUM(status = 'QUEUED'), 0), COALESCE(SUM(status = 'FAILED'), 0), "
                        + "(SELECT COUNT(*) FROM mails WHERE status = 'SENT' AND sent_at > ?) FROM mails "
                        + "WHERE status IN ('QUEUED', 'FAILED')",
                List.of(clock.instant().minusSeconds(86_400)),
                rs -> new Counts(rs.getLong(1), rs.getLong(2), rs.getLong(3))).get(0);
    }

    /** Mails in one status, newest first, keyset-paged by id. */
    @Transactional(readOnly = true)
    public MailPage list(String status, @Nullable Long before, int limit) {
        int size = Math.max(1, Math.min(limit, 100));
        List<MailRow> rows = sql.query("SELECT id, to_address, template, subject, status, attempts, last_error, "
                        + "created_at, sent_at FROM mails WHERE status = ? AND id < ? ORDER BY id DESC LIMIT " + (size + 1),
                List.of(status, before == null ? Long.MAX_VALUE : before),
                rs -> new MailRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getInt(6), rs.getString(7), Sql.instant(rs, 8), Sql.instant(rs, 9)));
        boolean more = rows.size() > size;
        List<MailRow> shown = more ? rows.subList(0, size) : rows;
        return new MailPage(shown, more ? shown.get(shown.size() - 1).id() : null);
    }

    /** Puts failed mails back in the queue (all of them when ids is empty). Returns how many. */
    @Transactional
    public int retry(List<Long> ids) {
        List<Long> targets = ids.isEmpty()
                ? sql.query("SELECT id FROM mails WHERE status = 'FAILED' LIMIT 10000", List.of(), rs -> rs.getLong(1))
                : ids;
        if (targets.isEmpty()) {
            return 0;
        }
        int changed = sql.update("UPDATE mails SET status = 'QUEUED' WHERE status = 'FAILED' AND id IN ("
                + Sql.placeholders(targets.size()) + ")", targets);
        jobs.retry(JobKinds.MAIL_SEND, targets.stream().map(String::valueOf).toList());
        return changed;
    }

    private static String hostOf(String url) {
        try {
            String host = URI.create(url).getHost();
            return host == null ? "localhost" : host;
        } catch (IllegalArgumentException e) {
            return "localhost";
        }
    }
}
