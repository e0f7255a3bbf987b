package io.ruche.notifications;

import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.Transactional;
import io.ruche.forum.CategoryAccess;
import io.ruche.accounts.MemberDigests;
import io.ruche.accounts.Viewer;
import io.ruche.mail.MailContent;
import io.ruche.mail.MailQueue;
import io.ruche.mail.MailTemplates;
import io.ruche.mail.UnsubscribeTokens;
import io.ruche.notifications.NotificationKind.Channel;
import io.ruche.accounts.DigestSchedule.Digest;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The daily or weekly digest: popular threads the member has not read, and notifications they asked to receive
 * that way, sent at their local hour, only to members who have been away for the whole period. Each member's next
 * digest time is stored, so finding who is due is one indexed query, and a conditional update makes sure one node
 * sends it.
 */
@Singleton
public class DigestService {

    private static final Logger LOG = LoggerFactory.getLogger(DigestService.class);

    private final Sql sql;
    private final Clock clock;
    private final io.ruche.accounts.Viewers viewers;
    private final MemberDigests digests;
    private final CategoryAccess access;
    private final NotificationPreferences preferences;
    private final MailQueue mails;
    private final MailTemplates templates;
    private final UnsubscribeTokens unsubscribe;

    public DigestService(Sql sql, Clock clock, io.ruche.accounts.Viewers viewers, MemberDigests digests, CategoryAccess access,
                         NotificationPreferences preferences, MailQueue mails, MailTemplates templates,
                         UnsubscribeTokens unsubscribe) {
        this.sql = sql;
        this.clock = clock;
        this.viewers = viewers;
        this.digests = digests;
        this.access = access;
        this.preferences = preferences;
        this.mails = mails;
        this.templates = templates;
        this.unsubscribe = unsubscribe;
    }

    @Scheduled(fixedDelay = "${ruche.digest.check-interval:5m}", initialDelay = "1m")
    public void sendDue() {
        try {
            runDue(clock.instant());
        } catch (RuntimeException e) {
            LOG.warn("Preparing digests failed; trying again at the next check: {}", e.toString());
        }
    }

    /** Handles every member whose digest time has come; returns how many digests were queued. */
    public int runDue(Instant now) {
        int sent = 0;
        List<MemberDigests.Due> due;
        do {
            due = due(now);
            for (MemberDigests.Due member : due) {
                if (handle(member, now)) {
                    sent++;
                }
            }
        } while (due.size() == 100);
        return sent;
    }

    @Transactional(readOnly = true)
    protected List<MemberDigests.Due> due(Instant now) {
        return digests.due(now, 100);
    }

    @Transactional
    protected boolean handle(MemberDigests.Due due, Instant now) {
        MemberDigests.Recipient m = digests.recipient(due.memberId()).orElse(null);
        if (m == null) {
            return false;
        }
        Instant next = io.ruche.accounts.DigestSchedule.next(m.digest(), m.hour(), ZoneId.of(m.zone()), now);
        if (!digests.claim(m.id(), due.nextAt(), next) || m.digest() == Digest.OFF || !m.verified()) {
            return false; // another node took it, or nothing to send
        }
        Duration period = m.digest() == Digest.DAILY ? Duration.ofDays(1) : Duration.ofDays(7);
        Instant periodStart = now.minus(period);
        if (m.lastSeen() != null && m.lastSeen().isAfter(periodStart)) {
            return false; // they were here: they have seen the forum
        }
        Instant since = m.lastDigest() != null && m.lastDigest().isAfter(periodStart) ? m.lastDigest() : periodStart;
        Locale locale = MailTemplates.localeOf(m.locale());
        List<MailContent.Item> items = new ArrayList<>();
        items.addAll(waitingNotifications(m.id(), since, locale));
        List<MailContent.Item> popular = popularThreads(m.id(), since, locale);
        if (items.isEmpty() && popular.isEmpty()) {
            return false;
        }
        items.addAll(popular);
        String brand = templates.brandName(locale);
        String frequency = m.digest() == Digest.DAILY ? "daily" : "weekly";
        String subject = templates.text(locale, "digest." + frequency + ".subject", brand);
        List<String> paragraphs = List.of(templates.text(locale, "digest.intro", brand, popular.size()));
        MailContent mail = new MailContent(subject, subject, paragraphs,
                new MailContent.Action(templates.text(locale, "digest.open", brand), templates.url("/")), items,
                templates.text(locale, "footer.digest." + frequency, brand),
                new MailContent.Link(templates.text(locale, "footer.stop.digest"),
                        unsubscribe.pageUrl(m.id(), "DIGEST")));
        mails.queue(m.id(), m.email(), "digest", locale, mail, unsubscribe.oneClickUrl(m.id(), "DIGEST"));
        digests.sent(m.id(), now);
        return true;
    }

    /** Unread notifications of the kinds the member sends to the digest. */
    private List<MailContent.Item> waitingNotifications(long memberId, Instant since, Locale locale) {
        Map<NotificationKind, Channel> channels = preferences.settings(memberId).channels();
        List<Object> params = new ArrayList<>();
        params.add(memberId);
        params.add(since);
        List<String> kinds = channels.entrySet().stream().filter(e -> e.getValue() == Channel.DIGEST)
                .map(e -> e.getKey().name()).toList();
        if (kinds.isEmpty()) {
            return List.of();
        }
        params.addAll(kinds);
        Viewer viewer = viewers.of(memberId);
        List<Long> visible = access.catalog(viewer).visibleIds();
        params.addAll(Sql.inList(visible));
        return sql.query("SELECT n.kind, a.display_name, t.id, t.title, t.slug, n.actor_count FROM notifications n "
                        + "LEFT JOIN members a ON a.id = n.actor_id LEFT JOIN threads t ON t.id = n.thread_id "
                        + "WHERE n.member_id = ? AND n.read_at IS NULL AND n.created_at >= ? AND n.kind IN ("
                        + Sql.placeholders(kinds.size()) + ") AND (n.thread_id IS NULL OR t.category_id IN ("
                        + Sql.placeholders(Math.max(1, visible.size())) + ")) ORDER BY n.id DESC LIMIT 10", params,
                rs -> {
                    String kind = rs.getString(1).toLowerCase(Locale.ROOT);
                    String actor = rs.getString(2) == null ? "" : rs.getString(2);
                    String title = rs.getString(4) == null ? "" : rs.getString(4);
                    String line = templates.text(locale, "notification." + kind + ".subject", actor, title, "",
                            templates.brandName(locale), Math.max(0, rs.getInt(6) - 1));
                    String url = rs.getObject(3) == null ? templates.url("/notifications")
                            : templates.url("/t/" + rs.getLong(3) + "/" + rs.getString(5));
                    return new MailContent.Item(line, url, "");
                });
    }

    /** The busiest threads of the period in categories the member can see, that they have not read to the end. */
    private List<MailContent.Item> popularThreads(long memberId, Instant since, Locale locale) {
        Viewer viewer = viewers.of(memberId);
        List<Long> visible = access.catalog(viewer).visibleIds();
        if (visible.isEmpty()) {
            return List.of();
        }
        List<Object> params = new ArrayList<>();
        params.add(memberId);
        params.add(since);
        params.add(memberId);
        params.addAll(visible);
        return sql.query("SELECT t.id, t.title, t.slug, t.post_count, t.reaction_count, c.name FROM threads t "
                        + "JOIN categories c ON c.id = t.category_id LEFT JOIN thread_reads r ON r.thread_id = t.id "
                        + "AND r.member_id = ? WHERE t.last_post_at >= ? AND t.author_id <> ? AND t.category_id IN ("
                        + Sql.placeholders(visible.size()) + ") AND (r.last_position IS NULL OR r.last_position < "
                        + "t.post_count) ORDER BY t.post_count + t.reaction_count DESC, t.id DESC LIMIT 5", params,
                rs -> new MailContent.Item(rs.getString(2), templates.url("/t/" + rs.getLong(1) + "/" + rs.getString(3)),
                        templates.text(locale, "digest.item", rs.getString(6), rs.getInt(4) - 1, rs.getInt(5))));
    }
}
