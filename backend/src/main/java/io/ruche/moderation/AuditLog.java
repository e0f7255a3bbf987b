package io.ruche.moderation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Who did what, to what, when and why. Rows are written in the transaction of the action they describe and are
 * never updated or deleted: there is no API for it.
 */
@Singleton
public class AuditLog implements io.ruche.forum.StaffActionLog {

    private final Sql sql;
    private final AuditRecordRepository records;
    private final Clock clock;

    public AuditLog(AuditRecordRepository records, Sql sql, Clock clock) {
        this.sql = sql;
        this.records = records;
        this.clock = clock;
    }

    /** {@code actorId} null means the forum itself (flags reaching the threshold, a sanction expiring). */
    @Override
    public void record(@Nullable Long actorId, String action, String targetType, @Nullable Long targetId,
                       String summary, @Nullable String reason) {
        records.save(new AuditRecord(null, actorId, action, targetType, targetId, cut(summary),
                cut(reason == null ? "" : reason), clock.instant()));
    }

    private static String cut(String text) {
        return text.length() > 500 ? text.substring(0, 500) : text;
    }

    @Serdeable
    public record Entry(long id, @Nullable String actor, String action, String targetType, @Nullable Long targetId,
                        String summary, String reason, Instant createdAt) {
    }

    @Serdeable
    public record Page(List<Entry> items, @Nullable Long next) {
    }

    /** Newest first, keyset-paged; filter by action, by actor username, or words of the summary or reason. */
    @Transactional(readOnly = true)
    public Page search(@Nullable String action, @Nullable String actor, @Nullable String text, @Nullable Long before,
                       int limit) {
        int size = Math.max(1, Math.min(limit, 100));
        StringBuilder where = new StringBuilder("WHERE a.id < ?");
        List<Object> params = new ArrayList<>();
        params.add(before == null ? Long.MAX_VALUE : before);
        if (action != null && !action.isBlank()) {
            where.append(" AND a.action = ?");
            params.add(action.strip());
        }
        if (actor != null && !actor.isBlank()) {
            where.append(" AND m.username = ?");
            params.add(actor.strip());
        }
        if (text != null && !text.isBlank()) {
            where.append(" AND (a.summary LIKE ? OR a.reason LIKE ?)");
            String like = "%" + text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            params.add(like);
            params.add(like);
        }
        List<Entry> rows = sql.query("SELECT a.id, m.username, a.action, a.target_type, a.target_id, a.summary, "
                        + "a.reason, a.created_at FROM audit_log a LEFT JOIN members m ON m.id = a.actor_id "
                        + where + " ORDER BY a.id DESC LIMIT " + (size + 1), params,
                rs -> new Entry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5) == null ? null : rs.getLong(5), rs.getString(6), rs.getString(7),
                        Sql.instant(rs, 8)));
        boolean more = rows.size() > size;
        List<Entry> shown = more ? rows.subList(0, size) : rows;
        return new Page(shown, more ? shown.get(shown.size() - 1).id() : null);
    }
}
