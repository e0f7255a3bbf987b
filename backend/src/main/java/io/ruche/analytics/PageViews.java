package io.ruche.analytics;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import io.ruche.accounts.Viewer;
import io.ruche.platform.AppSecrets;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Page views the browser confirms after rendering (so prefetches and most bots never count). A member is counted by
 * account; a guest by a visitor key: a keyed hash (HMAC-SHA256, a secret of the site and the day) of address and
 * browser, so the same guest is one visitor within a day and cannot be followed from one day to the next; the address
 * and the browser are never stored. Requests saying Do Not Track or Global Privacy Control are not counted.
 */
@Singleton
public class PageViews {


    private final Sql sql;
    private final AppSecrets secrets;
    private final ActivityFacts facts;
    private final Clock clock;

    public PageViews(Sql sql, AppSecrets secrets, ActivityFacts facts, Clock clock) {
        this.sql = sql;
        this.secrets = secrets;
        this.facts = facts;
        this.clock = clock;
    }

    /** Counts one view; false when it is not counted (privacy signal, bot). */
    @Transactional
    public boolean record(Viewer viewer, String address, @Nullable String userAgent, boolean doNotTrack,
                          boolean embed, @Nullable String referrer, String ownHost) {
        if (doNotTrack || io.ruche.platform.Bots.isBot(userAgent)) {
            return false;
        }
        Instant now = clock.instant();
        String visitor = viewer.isMember() ? null : visitorKey(address, userAgent, now.atZone(ZoneOffset.UTC).toLocalDate());
        String host = referrerHost(referrer, ownHost);
        sql.update("INSERT INTO analytics_facts (kind, fact_key, member_id, staff, visitor, source, referrer_host, at) "
                        + "SELECT 'PAGE_VIEW', ?, ?, COALESCE((SELECT m.role <> 'MEMBER' FROM members m WHERE m.id = ?), FALSE), "
                        + "?, ?, ?, ?",
                Arrays.asList(UUID.randomUUID().toString(), viewer.memberId(), viewer.memberId(), visitor,
                        embed ? "embed" : "forum", host, now));
        facts.markDirty(now);
        return true;
    }

    /**
     * A widget on another site was seen (at least half of it in view) or clicked: counted apart from the forum's own
     * pages, per widget and per host site (an allowed origin, or none), guests only (widgets carry no cookie).
     */
    @Transactional
    public boolean recordWidget(String widget, boolean click, @Nullable String hostOrigin, String address,
                                @Nullable String userAgent, boolean doNotTrack) {
        if (doNotTrack || io.ruche.platform.Bots.isBot(userAgent) || !widget.matches("[a-z-]{1,24}")) {
            return false;
        }
        Instant now = clock.instant();
        String visitor = visitorKey(address, userAgent, now.atZone(ZoneOffset.UTC).toLocalDate());
        String host = hostOrigin == null ? null : URI.create(hostOrigin).getHost();
        sql.update("INSERT INTO analytics_facts (kind, fact_key, staff, visitor, source, referrer_host, detail, at) "
                        + "VALUES (?, ?, FALSE, ?, 'embed', ?, ?, ?)",
                Arrays.asList(click ? "WIDGET_CLICK" : "PAGE_VIEW", UUID.randomUUID().toString(), visitor, host, widget,
                        now));
        facts.markDirty(now);
        return true;
    }

    /** Widget impressions and clicks per widget and host site over [from, to) (newest facts; the retention applies). */
    @io.micronaut.serde.annotation.Serdeable
    public record WidgetTraffic(String widget, @Nullable String host, long impressions, long clicks) {
    }

    @Transactional(readOnly = true)
    public java.util.List<WidgetTraffic> widgetTraffic(Instant from, Instant to) {
        return sql.query("SELECT detail, referrer_host, SUM(kind = 'PAGE_VIEW'), SUM(kind = 'WIDGET_CLICK') "
                        + "FROM analytics_facts WHERE kind IN ('PAGE_VIEW', 'WIDGET_CLICK') AND at >= ? AND at < ? "
                        + "AND source = 'embed' AND detail IS NOT NULL GROUP BY detail, referrer_host "
                        + "ORDER BY SUM(kind = 'PAGE_VIEW') DESC, detail, referrer_host LIMIT 200",
                java.util.List.of(from, to), rs -> new WidgetTraffic(rs.getString(1), rs.getString(2), rs.getLong(3),
                        rs.getLong(4)));
    }

    private static final String SALT = "analytics-visitors:";

    /**
     * Each day's salt is random and forgotten two days later (a guest's key can be linked to nothing once its day is
     * over, not even by someone holding the database); other nodes drop their cached copy when they read a missing
     * one, as the key names carry the day.
     */
    @io.micronaut.scheduling.annotation.Scheduled(cron = "0 10 * * * *")
    void forgetOldSalts() {
        LocalDate today = clock.instant().atZone(java.time.ZoneOffset.UTC).toLocalDate();
        for (int back = 2; back <= 9; back++) {
            secrets.forget(SALT + today.minusDays(back));
        }
    }

    /** The day's visitor key of a guest: 16 hex characters, from nothing that is kept. */
    String visitorKey(String address, String userAgent, LocalDate day) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secrets.get(SALT + day), "HmacSHA256"));
            byte[] digest = mac.doFinal((address + "\n" + userAgent).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where the visit came from: another site's host name (our own pages and no referrer count as none). */
    static @Nullable String referrerHost(@Nullable String referrer, String ownHost) {
        if (referrer == null || referrer.isBlank()) {
            return null;
        }
        try {
            String host = URI.create(referrer.strip()).getHost();
            if (host == null || host.equalsIgnoreCase(ownHost)) {
                return null;
            }
            host = host.toLowerCase(java.util.Locale.ROOT);
            return host.length() > 100 ? host.substring(0, 100) : host;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
