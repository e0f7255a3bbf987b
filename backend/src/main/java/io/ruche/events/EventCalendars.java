package io.ruche.events;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.ruche.accounts.AccountService;
import io.ruche.accounts.Viewer;
import io.ruche.mail.MailSettings;
import io.ruche.mail.MailTemplates;
import io.ruche.platform.Messages;
import io.ruche.platform.Problems;
import io.ruche.platform.SiteSettings;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Events as iCalendar: one event to add to a calendar, the public feed, a member's private feed (a secret token whose
 * hash is kept; a new one revokes the old), and the invitations mails carry.
 */
@Singleton
public class EventCalendars {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Sql sql;
    private final Events events;
    private final MailSettings mail;
    private final SiteSettings site;
    private final AccountService accounts;
    private final Messages messages;
    private final Clock clock;

    public EventCalendars(Sql sql, Events events, MailSettings mail, SiteSettings site, AccountService accounts,
                          Messages messages, Clock clock) {
        this.sql = sql;
        this.events = events;
        this.mail = mail;
        this.site = site;
        this.accounts = accounts;
        this.messages = messages;
        this.clock = clock;
    }

    @Serdeable
    public record Feed(String url) {
    }

    String organizerEmail() {
        String from = mail.from();
        int lt = from.indexOf('<');
        int gt = from.indexOf('>');
        return lt >= 0 && gt > lt ? from.substring(lt + 1, gt).strip() : from.strip();
    }

    /** The site's name in {@code language} (its plain name for null). */
    String siteName(@Nullable String language) {
        String name = site.settings().nameIn(language);
        return name == null || name.isBlank() ? "Ruche" : name;
    }

    String pageUrl(EventRow e) {
        return mail.publicUrl() + "/events/" + e.id() + "/" + e.slug();
    }

    /** The VEVENT of one event in {@code language} (title and organizer's name), for one attendee or none. */
    Ics.Entry entry(EventRow stored, @Nullable String language, String description, String attendeeName,
                    String attendeeEmail) {
        EventRow e = stored.in(language);
        String location = e.joinUrl() != null && e.location().isBlank() ? pageUrl(e) : e.location();
        return new Ics.Entry(e.uid(), e.sequence(), e.title(), description, location, pageUrl(e), e.startsLocal(),
                e.endsLocal(), e.zone(), clock.instant(), siteName(language), organizerEmail(), attendeeName, attendeeEmail,
                e.cancelled());
    }

    private Ics.Entry publicEntry(EventRow e, @Nullable String language) {
        return entry(e, language, pageUrl(e), null, null);
    }

    @Transactional(readOnly = true)
    public String one(Viewer viewer, long eventId) {
        EventRow e = events.requireVisible(viewer, eventId);
        if ("DRAFT".equals(e.status())) {
            throw Problems.notFound("event");
        }
        String language = messages.requestLanguage();
        return Ics.calendar("PUBLISH", siteName(language), List.of(publicEntry(e, language)));
    }

    /** Public events from 30 days ago on, as guests see them, in the request's language. */
    @Transactional(readOnly = true)
    public String publicFeed() {
        List<Object> params = new java.util.ArrayList<>();
        String where = Events.visibleWhere(Viewer.GUEST, params);
        params.add(clock.instant().minusSeconds(30L * 86_400));
        List<EventRow> rows = sql.query("SELECT " + EventRow.COLUMNS + " FROM events e WHERE " + where
                + " AND e.ends_at > ? ORDER BY e.starts_at LIMIT 500", params, EventRow::of);
        String language = messages.requestLanguage();
        return Ics.calendar("PUBLISH", siteName(language), rows.stream().map(e -> publicEntry(e, language)).toList());
    }

    /** The events the token's member registered for (404 for an unknown or revoked token). */
    @Transactional(readOnly = true)
    public String memberFeed(String token) {
        Long memberId = sql.query("SELECT member_id FROM event_feed_tokens WHERE token_hash = ?", List.of(hash(token)),
                rs -> rs.getLong(1)).stream().findFirst().orElse(null);
        if (memberId == null) {
            throw Problems.notFound("feed");
        }
        List<EventRow> rows = sql.query("SELECT " + EventRow.COLUMNS + " FROM events e JOIN event_registrations r "
                        + "ON r.event_id = e.id WHERE r.member_id = ? AND r.status = 'REGISTERED' AND e.status <> 'DRAFT' "
                        + "AND e.ends_at > ? ORDER BY e.starts_at LIMIT 500",
                List.of(memberId, clock.instant().minusSeconds(30L * 86_400)), EventRow::of);
        // Calendar programs send no useful Accept-Language: the feed speaks its member's language.
        String language = MailTemplates.localeOf(accounts.byId(memberId).locale()).getLanguage();
        return Ics.calendar("PUBLISH", siteName(language), rows.stream().map(e -> publicEntry(e, language)).toList());
    }

    @Transactional
    public Feed newFeed(Viewer viewer) {
        long memberId = viewer.requireMember();
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        sql.update("INSERT INTO event_feed_tokens (member_id, token_hash, created_at) VALUES (?, ?, ?) "
                        + "ON DUPLICATE KEY UPDATE token_hash = VALUES(token_hash), created_at = VALUES(created_at)",
                List.of(memberId, hash(token), now));
        return new Feed(mail.publicUrl() + "/events/feed/" + token + ".ics");
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
