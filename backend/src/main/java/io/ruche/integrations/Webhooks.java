package io.ruche.integrations;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.ruche.accounts.Viewer;
import io.ruche.forum.StaffActionLog;
import io.ruche.mail.MailContent;
import io.ruche.mail.MailQueue;
import io.ruche.mail.MailSettings;
import io.ruche.mail.MailTemplates;
import io.ruche.platform.Problems;
import io.ruche.platform.SecretBox;
import io.ruche.platform.Sql;
import io.ruche.platform.jobs.Jobs;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Outgoing webhooks: admins register an address and the event types it wants; every matching domain event becomes
 * one delivery per webhook (a unique key per event and webhook, so an event heard twice is delivered once), kept with
 * its body and sent by the job queue ({@link WebhookSender}). Content from places guests cannot see goes only to
 * webhooks an admin allowed to receive private content. After {@code ruche.webhooks.disable-after} failed attempts
 * in a row a webhook is disabled and the admins are told by mail.
 */
@Singleton
public class Webhooks {

    public static final String JOB = "webhooks.deliver";
    /** The event types a webhook may ask for; {@code ping} is the console's test event. */
    public static final List<String> TYPES = List.of("thread.created", "post.published", "answer.accepted",
            "member.registered", "event.registration", "badge.granted", "flag.raised");
    private static final SecureRandom RANDOM = new SecureRandom();

    @Serdeable
    public record View(long id, String url, String description, List<String> eventTypes, boolean includePrivate,
                       boolean allowPrivateNetwork, boolean enabled, @Nullable String disabledReason,
                       int consecutiveFailures, Instant createdAt, @Nullable String lastStatus,
                       @Nullable Instant lastAttemptAt) {
    }

    /** A webhook just made, or its secret just replaced: the only times the secret is shown. */
    @Serdeable
    public record WithSecret(View webhook, String secret) {
    }

    @Serdeable
    public record Delivery(long id, String deliveryId, String eventType, String status, int attempts,
                           @Nullable Integer responseCode, @Nullable String responseExcerpt, @Nullable String error,
                           Instant createdAt, @Nullable Instant lastAttemptAt, @Nullable Instant deliveredAt,
                           String payload) {
    }

    /** What the sender needs for one attempt. */
    record Attempt(long deliveryRow, String deliveryId, String eventType, String payload, String url, String secret,
                   boolean allowPrivateNetwork, boolean enabled, String status, int failuresInARow,
                   Instant lastChange) {
    }

    private final Sql sql;
    private final Jobs jobs;
    private final SecretBox box;
    private final JsonMapper json;
    private final StaffActionLog audit;
    private final MailQueue mails;
    private final MailTemplates templates;
    private final MailSettings mailSettings;
    private final Clock clock;
    private final int disableAfter;

    public Webhooks(Sql sql, Jobs jobs, SecretBox box, JsonMapper json, StaffActionLog audit, MailQueue mails,
                    MailTemplates templates, MailSettings mailSettings, Clock clock,
                    @Value("${ruche.webhooks.disable-after:15}") int disableAfter) {
        this.sql = sql;
        this.jobs = jobs;
        this.box = box;
        this.json = json;
        this.audit = audit;
        this.mails = mails;
        this.templates = templates;
        this.mailSettings = mailSettings;
        this.clock = clock;
        this.disableAfter = Math.max(1, disableAfter);
    }

    // ---- admin ----------------------------------------------------------------------------------------------------

    /** Each webhook with its latest delivery: one index look-up each (MAX(id) on webhook_id, id), however long the log. */
    private static final String VIEW = "SELECT w.id, w.url, w.description, w.event_types, w.include_private, "
            + "w.allow_private_network, w.enabled, w.disabled_reason, w.consecutive_failures, w.created_at, "
            + "d.status, d.last_attempt_at FROM webhooks w LEFT JOIN webhook_deliveries d ON d.id = "
            + "(SELECT MAX(l.id) FROM webhook_deliveries l WHERE l.webhook_id = w.id) ";

    private static View view(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new View(rs.getLong(1), rs.getString(2), rs.getString(3), types(rs.getString(4)), rs.getBoolean(5),
                rs.getBoolean(6), rs.getBoolean(7), rs.getString(8), rs.getInt(9), Sql.instant(rs, 10),
                rs.getString(11), Sql.instant(rs, 12));
    }

    static List<String> types(String stored) {
        return Arrays.stream(stored.split(",")).filter(s -> !s.isBlank()).toList();
    }

    private static String storedTypes(List<String> requested) {
        Set<String> types = new LinkedHashSet<>();
        for (String type : requested) {
            if (!TYPES.contains(type)) {
                throw Problems.invalidField("eventTypes", "validation.webhook.eventType");
            }
            types.add(type);
        }
        if (types.isEmpty()) {
            throw Problems.invalidField("eventTypes", "validation.webhook.eventTypes");
        }
        return String.join(",", types);
    }

    @Transactional(readOnly = true)
    public List<View> list() {
        return sql.query(VIEW + "ORDER BY w.id DESC LIMIT 200", List.of(), Webhooks::view);
    }

    @Transactional(readOnly = true)
    public View one(long id) {
        return sql.query(VIEW + "WHERE w.id = ?", List.of(id), Webhooks::view).stream().findFirst()
                .orElseThrow(() -> Problems.notFound("webhook"));
    }

    private static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Transactional
    public WithSecret create(Viewer admin, WebhookRequests.SaveWebhook request) {
        WebhookTargets.check(request.url(), request.allowPrivateNetwork(), "url");
        String secret = newSecret();
        Instant now = clock.instant();
        long id = sql.insert("INSERT INTO webhooks (url, description, secret_encrypted, event_types, include_private, "
                        + "allow_private_network, enabled, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, "
                        + "TRUE, ?, ?, ?)",
                List.of(request.url().strip(), description(request), box.seal(secret), storedTypes(request.eventTypes()),
                        request.includePrivate(), request.allowPrivateNetwork(), admin.requireMember(), now, now));
        audit.record(admin.memberId(), "webhook.create", "webhook", id, request.url().strip(), null);
        return new WithSecret(one(id), secret);
    }

    private static String description(WebhookRequests.SaveWebhook request) {
        return request.description() == null ? "" : request.description().strip();
    }

    /** Changes a webhook; enabling it again clears its failure count. */
    @Transactional
    public View update(Viewer admin, long id, WebhookRequests.SaveWebhook request) {
        View before = one(id);
        WebhookTargets.check(request.url(), request.allowPrivateNetwork(), "url");
        boolean enabled = request.enabled() == null ? before.enabled() : request.enabled();
        // Enabled again, or pointed at another address: the receiver starts with a clean slate (no pause).
        boolean fresh = (enabled && !before.enabled()) || !before.url().equals(request.url().strip());
        sql.update("UPDATE webhooks SET url = ?, description = ?, event_types = ?, include_private = ?, "
                        + "allow_private_network = ?, enabled = ?, disabled_reason = IF(?, NULL, disabled_reason), "
                        + "consecutive_failures = IF(?, 0, consecutive_failures), updated_at = ? WHERE id = ?",
                List.of(request.url().strip(), description(request), storedTypes(request.eventTypes()),
                        request.includePrivate(), request.allowPrivateNetwork(), enabled, enabled, fresh,
                        clock.instant(), id));
        audit.record(admin.memberId(), "webhook.update", "webhook", id, request.url().strip(), null);
        return one(id);
    }

    @Transactional
    public WithSecret rotateSecret(Viewer admin, long id) {
        one(id);
        String secret = newSecret();
        sql.update("UPDATE webhooks SET secret_encrypted = ?, updated_at = ? WHERE id = ?",
                List.of(box.seal(secret), clock.instant(), id));
        audit.record(admin.memberId(), "webhook.secret", "webhook", id, one(id).url(), null);
        return new WithSecret(one(id), secret);
    }

    @Transactional
    public void delete(Viewer admin, long id) {
        View gone = one(id);
        sql.update("DELETE FROM webhooks WHERE id = ?", List.of(id));
        audit.record(admin.memberId(), "webhook.delete", "webhook", id, gone.url(), null);
    }

    /** The webhook's deliveries, newest first, keyset-paged by row id. */
    @Transactional(readOnly = true)
    public List<Delivery> deliveries(long webhookId, @Nullable Long before, int limit) {
        one(webhookId);
        List<Object> params = new ArrayList<>(List.of(webhookId));
        String where = "";
        if (before != null) {
            where = " AND id < ?";
            params.add(before);
        }
        params.add(Math.max(1, Math.min(limit, 100)));
        return sql.query("SELECT id, delivery_id, event_type, status, attempts, response_code, response_excerpt, "
                        + "error, created_at, last_attempt_at, delivered_at, payload FROM webhook_deliveries "
                        + "WHERE webhook_id = ?" + where + " ORDER BY id DESC LIMIT ?", params,
                rs -> new Delivery(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                        (Integer) rs.getObject(6), rs.getString(7), rs.getString(8), Sql.instant(rs, 9),
                        Sql.instant(rs, 10), Sql.instant(rs, 11), rs.getString(12)));
    }

    /** Sends a delivery again, with the same delivery id (the receiver can tell it already has it). */
    @Transactional
    public void redeliver(Viewer admin, long webhookId, long deliveryRow) {
        View hook = one(webhookId);
        if (!hook.enabled()) {
            throw Problems.conflict("enabled", "problem.webhook.disabled");
        }
        int changed = sql.update("UPDATE webhook_deliveries SET status = 'PENDING' WHERE id = ? AND webhook_id = ?",
                List.of(deliveryRow, webhookId));
        if (changed == 0) {
            throw Problems.notFound("delivery");
        }
        jobs.enqueue(JOB, String.valueOf(deliveryRow));
        audit.record(admin.memberId(), "webhook.redeliver", "webhook", webhookId, hook.url(), null);
    }

    /** The console's "send a test event": a {@code ping} to this webhook only. */
    @Transactional
    public Delivery test(Viewer admin, long webhookId) {
        View hook = one(webhookId);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("message", "A test event from the console.");
        data.put("by", admin.memberId());
        long row = insertDelivery(webhookId, "ping", "ping:" + java.util.UUID.randomUUID(), data);
        jobs.enqueue(JOB, String.valueOf(row));
        return deliveries(hook.id(), row + 1, 1).get(0);
    }

    // ---- dispatching -------------------------------------------------------------------------------------------

    /**
     * One domain event for the webhooks that want it: {@code data} for all, {@code privateData} added for webhooks
     * allowed private content, and nothing at all for the others when {@code privateContent} (the content lives where
     * guests cannot see it). Runs in the subscriber's transaction.
     */
    @Transactional
    public void dispatch(String type, String sourceKey, Map<String, Object> data, Map<String, Object> privateData,
                         boolean privateContent) {
        record Target(long id, boolean includePrivate) {
        }
        List<Target> targets = sql.query("SELECT id, include_private FROM webhooks WHERE enabled = TRUE AND "
                        + "FIND_IN_SET(?, event_types) > 0", List.of(type),
                rs -> new Target(rs.getLong(1), rs.getBoolean(2)));
        for (Target target : targets) {
            if (privateContent && !target.includePrivate()) {
                continue;
            }
            Map<String, Object> body = new LinkedHashMap<>(data);
            if (target.includePrivate()) {
                body.putAll(privateData);
            }
            long row = insertDelivery(target.id(), type, sourceKey, body);
            if (row > 0) {
                jobs.enqueue(JOB, String.valueOf(row));
            }
        }
    }

    /** The delivery's row, or 0 when this event was already given to this webhook. */
    private long insertDelivery(long webhookId, String type, String sourceKey, Map<String, Object> data) {
        String deliveryId = java.util.UUID.randomUUID().toString();
        Instant now = clock.instant();
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("id", deliveryId);
        envelope.put("type", type);
        envelope.put("createdAt", now.toString());
        envelope.put("site", mailSettings.publicUrl());
        envelope.put("data", data);
        String payload;
        try {
            payload = json.writeValueAsString(envelope);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int inserted = sql.update("INSERT IGNORE INTO webhook_deliveries (webhook_id, delivery_id, source_key, "
                        + "event_type, payload, status, created_at) VALUES (?, ?, ?, ?, ?, 'PENDING', ?)",
                List.of(webhookId, deliveryId, sourceKey, type, payload, now));
        if (inserted == 0) {
            return 0;
        }
        return sql.query("SELECT id FROM webhook_deliveries WHERE delivery_id = ?", List.of(deliveryId),
                rs -> rs.getLong(1)).get(0);
    }

    // ---- sending (for WebhookSender) ----------------------------------------------------------------------------

    @Transactional(readOnly = true)
    @Nullable Attempt attempt(long deliveryRow) {
        return sql.query("SELECT d.id, d.delivery_id, d.event_type, d.payload, w.url, w.secret_encrypted, "
                        + "w.allow_private_network, w.enabled, d.status, w.consecutive_failures, w.updated_at "
                        + "FROM webhook_deliveries d "
                        + "JOIN webhooks w ON w.id = d.webhook_id WHERE d.id = ?", List.of(deliveryRow),
                rs -> new Attempt(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        box.open(rs.getString(6)), rs.getBoolean(7), rs.getBoolean(8), rs.getString(9),
                        rs.getInt(10), Sql.instant(rs, 11)))
                .stream().findFirst().orElse(null);
    }

    @Transactional
    void delivered(long deliveryRow, int code, String excerpt) {
        Instant now = clock.instant();
        sql.update("UPDATE webhook_deliveries SET status = 'DELIVERED', attempts = attempts + 1, response_code = ?, "
                        + "response_excerpt = ?, error = NULL, last_attempt_at = ?, delivered_at = ? WHERE id = ?",
                Arrays.asList(code, excerpt, now, now, deliveryRow));
        sql.update("UPDATE webhooks w JOIN webhook_deliveries d ON d.webhook_id = w.id SET w.consecutive_failures = 0 "
                + "WHERE d.id = ?", List.of(deliveryRow));
    }

    /** Records a failed attempt; past the limit in a row, disables the webhook and tells the admins. */
    @Transactional
    void failed(long deliveryRow, @Nullable Integer code, @Nullable String excerpt, String error) {
        sql.update("UPDATE webhook_deliveries SET status = 'FAILED', attempts = attempts + 1, response_code = ?, "
                        + "response_excerpt = ?, error = ?, last_attempt_at = ? WHERE id = ?",
                Arrays.asList(code, excerpt, truncate(error, 300), clock.instant(), deliveryRow));
        record Hook(long id, String url, int failures, boolean enabled) {
        }
        // The webhook's row is locked: attempts failing at once on several nodes count one by one.
        Hook hook = sql.query("SELECT w.id, w.url, w.consecutive_failures, w.enabled FROM webhooks w "
                        + "JOIN webhook_deliveries d ON d.webhook_id = w.id WHERE d.id = ? FOR UPDATE",
                List.of(deliveryRow), rs -> new Hook(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getBoolean(4)))
                .stream().findFirst().orElse(null);
        if (hook == null) {
            return;
        }
        int failures = hook.failures() + 1;
        boolean disable = hook.enabled() && failures >= disableAfter;
        sql.update("UPDATE webhooks SET consecutive_failures = ?, enabled = IF(?, FALSE, enabled), "
                        + "disabled_reason = IF(?, ?, disabled_reason), updated_at = ? WHERE id = ?",
                List.of(failures, disable, disable, truncate(error, 300), clock.instant(), hook.id()));
        if (disable) {
            tellAdmins(hook.id(), hook.url(), failures, error);
        }
    }

    /** A delivery not tried because its receiver is failing: the log says so; the webhook's count is unchanged. */
    @Transactional
    void waiting(long deliveryRow, String reason) {
        sql.update("UPDATE webhook_deliveries SET status = 'FAILED', error = ? WHERE id = ? AND status <> 'DELIVERED'",
                List.of(truncate(reason, 300), deliveryRow));
    }

    @Transactional
    void gaveUp(long deliveryRow) {
        sql.update("UPDATE webhook_deliveries SET status = 'GAVE_UP' WHERE id = ? AND status <> 'DELIVERED'",
                List.of(deliveryRow));
    }

    private void tellAdmins(long webhookId, String url, int failures, String error) {
        record Admin(long id, String email, String locale) {
        }
        List<Admin> admins = sql.query("SELECT id, email, locale FROM members WHERE role = 'ADMIN' "
                + "AND erased_at IS NULL", List.of(), rs -> new Admin(rs.getLong(1), rs.getString(2), rs.getString(3)));
        String console = mailSettings.publicUrl() + "/admin/webhooks";
        for (Admin admin : admins) {
            Locale locale = MailTemplates.localeOf(admin.locale());
            MailContent content = new MailContent(templates.text(locale, "webhook.disabled.subject", url),
                    templates.text(locale, "webhook.disabled.heading"),
                    List.of(templates.text(locale, "webhook.disabled.intro", url, failures),
                            templates.text(locale, "webhook.disabled.error", truncate(error, 200))),
                    new MailContent.Action(templates.text(locale, "webhook.disabled.open"), console), List.of(),
                    templates.text(locale, "webhook.disabled.footer", templates.brandName(locale)), null);
            mails.queue(admin.id(), admin.email(), "webhook.disabled", locale, content, null);
        }
    }

    private static String truncate(@Nullable String text, int max) {
        if (text == null) {
            return null;
        }
        return text.length() <= max ? text : text.substring(0, max);
    }
}
