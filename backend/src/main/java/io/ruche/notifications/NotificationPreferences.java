package io.ruche.notifications;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.ruche.notifications.NotificationKind.Channel;
import io.ruche.platform.Problems;
import io.ruche.platform.Sql;
import io.ruche.accounts.MemberDigests;
import io.ruche.accounts.DigestSchedule.Digest;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Each member's channel per kind, their digest frequency, hour and time zone. Missing rows mean the defaults. */
@Singleton
public class NotificationPreferences {

    private final Sql sql;
    private final NotificationRepository notifications;
    private final Clock clock;
    private final MemberDigests digests;

    public NotificationPreferences(Sql sql, NotificationRepository notifications, Clock clock, MemberDigests digests) {
        this.sql = sql;
        this.notifications = notifications;
        this.clock = clock;
        this.digests = digests;
    }

    @Serdeable
    public record Settings(Map<NotificationKind, Channel> channels, Digest digest, int digestHour, String timeZone) {
    }

    @Transactional(readOnly = true)
    public Settings settings(long memberId) {
        Map<NotificationKind, Channel> channels = new LinkedHashMap<>();
        for (NotificationKind kind : NotificationKind.values()) {
            channels.put(kind, kind.defaultChannel());
        }
        sql.query("SELECT kind, channel FROM notification_preferences WHERE member_id = ?", List.of(memberId),
                rs -> {
                    channels.put(NotificationKind.valueOf(rs.getString(1)), Channel.valueOf(rs.getString(2)));
                    return null;
                });
        MemberDigests.Rhythm rhythm = digests.rhythm(memberId).orElseThrow(() -> Problems.notFound("member"));
        return new Settings(channels, rhythm.digest(), rhythm.hour(), rhythm.zone());
    }

    /** The channel of one kind for many members at once (one query). */
    public Map<Long, Channel> channels(Collection<Long> memberIds, NotificationKind kind) {
        Map<Long, Channel> result = new HashMap<>();
        if (memberIds.isEmpty()) {
            return result;
        }
        memberIds.forEach(id -> result.put(id, kind.defaultChannel()));
        List<Object> params = new ArrayList<>();
        params.add(kind.name());
        params.addAll(memberIds);
        sql.query("SELECT member_id, channel FROM notification_preferences WHERE kind = ? AND member_id IN ("
                + Sql.placeholders(memberIds.size()) + ")", params, rs -> {
                    result.put(rs.getLong(1), Channel.valueOf(rs.getString(2)));
                    return null;
                });
        // A deleted account hears nothing more, whatever was on its way to it when it went.
        sql.query("SELECT id FROM members WHERE erased_at IS NOT NULL AND id IN (" + Sql.placeholders(memberIds.size())
                + ")", List.copyOf(memberIds), rs -> result.put(rs.getLong(1), Channel.OFF));
        return result;
    }

    @Transactional(readOnly = true)
    public Channel channel(long memberId, NotificationKind kind) {
        return channels(List.of(memberId), kind).get(memberId);
    }

    @Transactional
    public Settings save(long memberId, Map<NotificationKind, Channel> channels, Digest digest, int digestHour,
                         String timeZone) {
        if (digestHour < 0 || digestHour > 23) {
            throw Problems.invalidField("digestHour", "validation.digestHour");
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            throw Problems.invalidField("timeZone", "validation.timeZone");
        }
        for (Map.Entry<NotificationKind, Channel> e : channels.entrySet()) {
            if (e.getValue() == Channel.OFF && !e.getKey().canTurnOff()) {
                throw Problems.invalidField("channels", "validation.channelRequired");
            }
            setChannel(memberId, e.getKey(), e.getValue());
        }
        digests.setRhythm(memberId, digest, digestHour, zone, clock.instant());
        return settings(memberId);
    }

    private void setChannel(long memberId, NotificationKind kind, Channel channel) {
        notifications.setChannel(memberId, kind.name(), channel.name());
    }

    /**
     * What a signed unsubscribe link asks: one kind stops mailing (it stays in the app), the digest stops, or (ALL)
     * every mail that can stop does. Returns false for a scope that does not exist.
     */
    @Transactional
    public boolean unsubscribe(long memberId, String scope) {
        if ("DIGEST".equals(scope)) {
            digests.stop(memberId);
            return true;
        }
        if ("ALL".equals(scope)) {
            for (NotificationKind kind : NotificationKind.values()) {
                setChannel(memberId, kind, Channel.APP);
            }
            digests.stop(memberId);
            return true;
        }
        try {
            setChannel(memberId, NotificationKind.valueOf(scope), Channel.APP);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The member's address with most of its name hidden, for the unsubscribe page. */
    @Transactional(readOnly = true)
    public String maskedEmail(long memberId) {
        String email = digests.emailOf(memberId).orElseThrow(() -> Problems.notFound("unsubscribe"));
        int at = email.indexOf('@');
        return at <= 1 ? "***" + email.substring(Math.max(0, at)) : email.charAt(0) + "***" + email.substring(at);
    }


}
