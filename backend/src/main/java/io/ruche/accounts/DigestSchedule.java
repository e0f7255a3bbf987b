package io.ruche.accounts;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.time.ZoneId;

/**
 * When a member's digest leaves: its rhythm and local hour are kept on the member's row (accounts), the digest
 * itself is notifications' work.
 */
public final class DigestSchedule {

    public enum Digest { OFF, DAILY, WEEKLY }

    private DigestSchedule() {
    }

    /** The next time the digest leaves: the chosen local hour, a day or a week from now. Null when off. */
    @Nullable
    public static Instant next(Digest digest, int hour, ZoneId zone, Instant now) {
        if (digest == Digest.OFF) {
            return null;
        }
        var local = now.atZone(zone);
        var candidate = local.toLocalDate().atTime(hour, 0).atZone(zone);
        if (!candidate.isAfter(local)) {
            candidate = candidate.plusDays(1);
        }
        if (digest == Digest.WEEKLY) {
            candidate = candidate.plusDays(6);
        }
        return candidate.toInstant();
    }
}
