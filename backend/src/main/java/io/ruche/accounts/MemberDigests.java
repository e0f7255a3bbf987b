package io.ruche.accounts;

import io.micronaut.core.annotation.Nullable;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The digest columns of a member's row, which accounts owns: its rhythm, local hour and time zone, when it is next
 * due and when one last left. Notifications decide what a digest says and call here to read and move the schedule.
 */
@Singleton
public class MemberDigests {

    private final Sql sql;

    public MemberDigests(Sql sql) {
        this.sql = sql;
    }

    /** A member whose digest is due. */
    public record Due(long memberId, Instant nextAt) {
    }

    /** What a digest needs to know of its recipient. */
    public record Recipient(long id, String email, String locale, boolean verified, @Nullable Instant lastSeen,
                            @Nullable Instant lastDigest, DigestSchedule.Digest digest, int hour, String zone) {
    }

    /** A member's digest rhythm as they chose it. */
    public record Rhythm(DigestSchedule.Digest digest, int hour, String zone) {
    }

    /** The earliest due digests (the index on next_digest_at serves it). */
    public List<Due> due(Instant now, int limit) {
        return sql.query("SELECT id, next_digest_at FROM members WHERE next_digest_at <= ? ORDER BY next_digest_at "
                + "LIMIT " + limit, List.of(now), rs -> new Due(rs.getLong(1), Sql.instant(rs, 2)));
    }

    public Optional<Recipient> recipient(long memberId) {
        return sql.query("SELECT id, email, locale, email_verified_at, last_seen_at, last_digest_at, digest, "
                        + "digest_hour, time_zone FROM members WHERE id = ?", List.of(memberId),
                rs -> new Recipient(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4) != null,
                        Sql.instant(rs, 5), Sql.instant(rs, 6), DigestSchedule.Digest.valueOf(rs.getString(7)),
                        rs.getInt(8), rs.getString(9))).stream().findFirst();
    }

    /** Moves the schedule from {@code expected} to {@code next}; false when another node already did. */
    public boolean claim(long memberId, Instant expected, @Nullable Instant next) {
        return sql.update("UPDATE members SET next_digest_at = ? WHERE id = ? AND next_digest_at = ?",
                Arrays.asList(next, memberId, expected)) > 0;
    }

    public void sent(long memberId, Instant at) {
        sql.update("UPDATE members SET last_digest_at = ? WHERE id = ?", List.of(at, memberId));
    }

    public Optional<Rhythm> rhythm(long memberId) {
        return sql.query("SELECT digest, digest_hour, time_zone FROM members WHERE id = ?", List.of(memberId),
                rs -> new Rhythm(DigestSchedule.Digest.valueOf(rs.getString(1)), rs.getInt(2), rs.getString(3)))
                .stream().findFirst();
    }

    /** A new rhythm; the next digest is scheduled from it. */
    public void setRhythm(long memberId, DigestSchedule.Digest digest, int hour, ZoneId zone, Instant now) {
        sql.update("UPDATE members SET digest = ?, digest_hour = ?, time_zone = ?, next_digest_at = ? WHERE id = ?",
                Arrays.asList(digest.name(), hour, zone.getId(), DigestSchedule.next(digest, hour, zone, now),
                        memberId));
    }

    /** No more digests (an unsubscribe link). */
    public void stop(long memberId) {
        sql.update("UPDATE members SET digest = 'OFF', next_digest_at = NULL WHERE id = ?", List.of(memberId));
    }

    public Optional<String> emailOf(long memberId) {
        return sql.query("SELECT email FROM members WHERE id = ?", List.of(memberId), rs -> rs.getString(1))
                .stream().findFirst();
    }
}
