package io.ruche.widgets;

import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.ruche.accounts.Viewer;
import io.ruche.forum.StaffActionLog;
import io.ruche.platform.Problems;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The brand's sites allowed to frame widgets: exact origins (scheme, host, port), kept by admins. Widget answers name
 * exactly these in {@code Content-Security-Policy: frame-ancestors}; the forum's own pages keep refusing framing.
 */
@Singleton
public class WidgetOrigins {

    private final Sql sql;
    private final StaffActionLog audit;
    private final Clock clock;
    private volatile Set<String> cached = Set.of();
    private volatile Instant cachedAt = Instant.EPOCH;

    public WidgetOrigins(Sql sql, StaffActionLog audit, Clock clock) {
        this.sql = sql;
        this.audit = audit;
        this.clock = clock;
    }

    @Serdeable
    public record Origin(String origin, Instant addedAt) {
    }

    @Transactional(readOnly = true)
    public List<Origin> list() {
        return sql.query("SELECT origin, added_at FROM widget_origins ORDER BY origin", List.of(),
                rs -> new Origin(rs.getString(1), Sql.instant(rs, 2)));
    }

    /** The allowed origins, read again every few seconds (another node may have changed them). */
    public Set<String> allowed() {
        if (Duration.between(cachedAt, clock.instant()).abs().getSeconds() >= 5) {
            cached = Set.copyOf(list().stream().map(Origin::origin).toList());
            cachedAt = clock.instant();
        }
        return cached;
    }

    @Transactional
    public Origin add(Viewer admin, String raw) {
        String origin = normalize(raw);
        sql.update("INSERT IGNORE INTO widget_origins (origin, added_by, added_at) VALUES (?, ?, ?)",
                List.of(origin, admin.requireMember(), clock.instant()));
        audit.record(admin.requireMember(), "widgets.originAdded", "site", null, origin, null);
        cachedAt = Instant.EPOCH;
        return list().stream().filter(o -> o.origin().equals(origin)).findFirst().orElseThrow();
    }

    @Transactional
    public void remove(Viewer admin, String raw) {
        String origin = normalize(raw);
        if (sql.update("DELETE FROM widget_origins WHERE origin = ?", List.of(origin)) == 0) {
            throw Problems.notFound("origin");
        }
        audit.record(admin.requireMember(), "widgets.originRemoved", "site", null, origin, null);
        cachedAt = Instant.EPOCH;
    }

    /**
     * {@code https://www.brand.com} from what an admin pastes ("https://www.brand.com/support/", "HTTPS://WWW.Brand.com:443"):
     * http or https, a host, the port only when it is not the scheme's own; nothing else.
     */
    public static String normalize(String raw) {
        if (raw == null || raw.isBlank() || raw.length() > 200) {
            throw Problems.invalidField("origin", "validation.origin");
        }
        URI uri;
        try {
            uri = URI.create(raw.strip());
        } catch (IllegalArgumentException e) {
            throw Problems.invalidField("origin", "validation.origin");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || host.isEmpty() || uri.getUserInfo() != null
                || !host.matches("[a-z0-9.\\-]+|\\[[0-9a-f:.]+]")) {
            throw Problems.invalidField("origin", "validation.origin");
        }
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
        return scheme + "://" + host + (defaultPort ? "" : ":" + port);
    }
}
