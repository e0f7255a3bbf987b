package io.ruche.moderation;

import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.ruche.platform.Problems;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;

import io.ruche.platform.AddressRange;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Bans for spam waves: an e-mail address, a whole e-mail domain, or an address range (CIDR), at registration. */
@Singleton
public class Bans {

    private final Sql sql;
    private final BanRepository bans;
    private final Clock clock;
    private final AuditLog audit;

    public Bans(BanRepository bans, Sql sql, Clock clock, AuditLog audit) {
        this.sql = sql;
        this.bans = bans;
        this.clock = clock;
        this.audit = audit;
    }

    public enum Kind { EMAIL, EMAIL_DOMAIN, ADDRESS_RANGE }

    @Serdeable
    public record Ban(long id, Kind kind, String value, String reason, Instant createdAt) {
    }

    @Transactional(readOnly = true)
    public List<Ban> list() {
        return sql.query("SELECT id, kind, value, reason, created_at FROM bans ORDER BY id DESC", List.of(),
                rs -> new Ban(rs.getLong(1), Kind.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4),
                        Sql.instant(rs, 5)));
    }

    @Transactional
    public Ban add(long actorId, Kind kind, String value, String reason) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        boolean valid = switch (kind) {
            case EMAIL -> v.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
            case EMAIL_DOMAIN -> v.matches("[a-z0-9.-]+\\.[a-z]{2,}");
            case ADDRESS_RANGE -> AddressRange.parse(v).isPresent();
        };
        if (!valid) {
            throw Problems.invalidField("value", "validation.ban." + kind.name().toLowerCase(Locale.ROOT));
        }
        bans.add(kind.name(), v, reason == null ? "" : reason.strip(), actorId, clock.instant());
        audit.record(actorId, "ban.add", "ban", null, kind + " " + v, reason);
        return list().stream().filter(b -> b.kind() == kind && b.value().equals(v)).findFirst().orElseThrow();
    }

    @Transactional
    public void remove(long actorId, long id) {
        Ban ban = list().stream().filter(b -> b.id() == id).findFirst().orElseThrow(() -> Problems.notFound("ban"));
        bans.deleteById(id);
        audit.record(actorId, "ban.remove", "ban", id, ban.kind() + " " + ban.value(), null);
    }

    /** Refuses a registration from a banned address, domain or network. */
    @Transactional(readOnly = true)
    public void check(String email, String clientAddress) {
        String e = email.strip().toLowerCase(Locale.ROOT);
        String domain = e.substring(e.indexOf('@') + 1);
        for (Ban ban : list()) {
            boolean hit = switch (ban.kind()) {
                case EMAIL -> ban.value().equals(e);
                case EMAIL_DOMAIN -> domain.equals(ban.value()) || domain.endsWith("." + ban.value());
                case ADDRESS_RANGE -> inRange(clientAddress, ban.value());
            };
            if (hit) {
                throw Problems.forbidden("problem.banned");
            }
        }
    }

    static boolean inRange(String address, String cidr) {
        return AddressRange.parse(cidr).map(range -> range.contains(address)).orElse(false);
    }
}
