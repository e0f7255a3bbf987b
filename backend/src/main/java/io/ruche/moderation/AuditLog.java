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
                       String subject, String summary, @Nullable String reason) {
        records.save(new AuditRecord(null, actorId, action, targetType, targetId, cut(summary, 500),
                cut(reason == null ? "" : reason, 500), clock.instant(), cut(subject == null ? "" : subject, 200)));
    }

    private static String cut(String text, int max) {
        return text.length() > max ? text.substring(0, max) : text;
    }

    /**
     * One entry. {@code subject} names what was acted on (as it was then, or as it is now for older entries);
     * {@code link} is where it is in the app (a thread, a post, a member's console page), null when it is gone or has
     * no page.
     */
    @Serdeable
    public record Entry(long id, @Nullable String actor, @Nullable String actorName, String action, String label,
                        String targetType, @Nullable Long targetId, String subject, String summary, String reason,
                        @Nullable String link, Instant createdAt) {
    }

    @Serdeable
    public record Page(List<Entry> items, @Nullable Long next) {
    }

    /** What the log can be filtered on: the actions it holds, by name in the reader's language. */
    @Serdeable
    public record ActionName(String code, String label) {
    }

    public record Filter(@Nullable String action, @Nullable String actor, @Nullable String text,
                         @Nullable Instant from, @Nullable Instant to) {
    }

    @jakarta.inject.Inject
    io.ruche.platform.Messages messages;

    @Transactional(readOnly = true)
    public List<ActionName> actions(java.util.Locale locale) {
        return sql.query("SELECT DISTINCT action FROM audit_log", List.of(), rs -> rs.getString(1)).stream()
                .map(code -> new ActionName(code, label(locale, code)))
                .sorted(java.util.Comparator.comparing(ActionName::label, java.text.Collator.getInstance(locale)))
                .toList();
    }

    private String label(java.util.Locale locale, String code) {
        String key = "audit.action." + code;
        String label = messages.get(locale, key);
        return label.equals(key) ? code : label;
    }

    /** Newest first, keyset-paged; filter by action, by actor username, by dates, or words of what was done. */
    @Transactional(readOnly = true)
    public Page search(Filter filter, @Nullable Long before, int limit, java.util.Locale locale) {
        int size = Math.max(1, Math.min(limit, 100));
        List<Entry> rows = rows(filter, before, size + 1, locale);
        boolean more = rows.size() > size;
        List<Entry> shown = more ? rows.subList(0, size) : rows;
        return new Page(shown, more ? shown.get(shown.size() - 1).id() : null);
    }

    private List<Entry> rows(Filter filter, @Nullable Long before, int limit, java.util.Locale locale) {
        StringBuilder where = new StringBuilder("WHERE a.id < ?");
        List<Object> params = new ArrayList<>();
        params.add(before == null ? Long.MAX_VALUE : before);
        if (filter.action() != null && !filter.action().isBlank()) {
            where.append(" AND a.action = ?");
            params.add(filter.action().strip());
        }
        if (filter.actor() != null && !filter.actor().isBlank()) {
            where.append(" AND a.actor_id = (SELECT id FROM members WHERE username = ?)");
            params.add(filter.actor().strip().replaceFirst("^@", ""));
        }
        if (filter.from() != null) {
            where.append(" AND a.created_at >= ?");
            params.add(filter.from());
        }
        if (filter.to() != null) {
            where.append(" AND a.created_at < ?");
            params.add(filter.to());
        }
        if (filter.text() != null && !filter.text().isBlank()) {
            where.append(" AND (a.summary LIKE ? OR a.reason LIKE ? OR a.subject LIKE ?)");
            String like = "%" + filter.text().strip().replace("\\", "\\\\").replace("%", "\\%")
                    .replace("_", "\\_") + "%";
            params.add(like);
            params.add(like);
            params.add(like);
        }
        return sql.query("SELECT a.id, m.username, m.display_name, a.action, a.target_type, a.target_id, a.subject, "
                        + "a.summary, a.reason, a.created_at, t.id, t.slug, t.title, p.position, pt.id, pt.slug, "
                        + "pt.title, tm.username, e.id, b.id FROM audit_log a LEFT JOIN members m ON m.id = a.actor_id "
                        + "LEFT JOIN threads t ON a.target_type = 'thread' AND t.id = a.target_id "
                        + "LEFT JOIN posts p ON a.target_type = 'post' AND p.id = a.target_id "
                        + "LEFT JOIN threads pt ON pt.id = p.thread_id "
                        + "LEFT JOIN members tm ON a.target_type = 'member' AND tm.id = a.target_id "
                        + "LEFT JOIN events e ON a.target_type = 'event' AND e.id = a.target_id "
                        + "LEFT JOIN badges b ON a.target_type = 'badge' AND b.id = a.target_id "
                        + where + " ORDER BY a.id DESC LIMIT " + limit, params,
                rs -> {
                    String link = null;
                    String current = null;
                    if (rs.getObject(11) != null) {
                        link = "/t/" + rs.getLong(11) + "/" + rs.getString(12);
                        current = rs.getString(13);
                    } else if (rs.getObject(15) != null) {
                        link = "/t/" + rs.getLong(15) + "/" + rs.getString(16) + "#post-" + rs.getInt(14);
                        current = rs.getString(17);
                    } else if (rs.getString(18) != null) {
                        link = "/admin/members/" + rs.getString(18);
                        current = rs.getString(18);
                    } else if (rs.getObject(19) != null) {
                        link = "/admin/events/" + rs.getLong(19);
                    } else if (rs.getObject(20) != null) {
                        link = "/badges/" + rs.getLong(20);
                    }
                    String subject = rs.getString(7);
                    String action = rs.getString(4);
                    return new Entry(rs.getLong(1), rs.getString(2), rs.getString(3), action, label(locale, action),
                            rs.getString(5), rs.getObject(6) == null ? null : rs.getLong(6),
                            subject.isEmpty() && current != null ? current : subject, rs.getString(8),
                            rs.getString(9), link, Sql.instant(rs, 10));
                });
    }

    /** The filtered log as CSV (newest first, at most 50,000 rows), headings and labels in the reader's language. */
    @Transactional(readOnly = true)
    public String csv(Filter filter, java.util.Locale locale, java.time.ZoneId zone, String baseUrl) {
        StringBuilder out = new StringBuilder("\uFEFF");
        List<String> heading = List.of("when", "actor", "action", "code", "subject", "details", "reason", "link");
        out.append(String.join(",", heading.stream().map(h -> io.ruche.platform.Csv.cell(
                messages.get(locale, "audit.csv." + h))).toList())).append("\r\n");
        java.time.format.DateTimeFormatter time = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                .withZone(zone);
        Long before = null;
        int written = 0;
        while (written < 50_000) {
            List<Entry> page = rows(filter, before, 1000, locale);
            for (Entry e : page) {
                out.append(String.join(",", java.util.stream.Stream.of(time.format(e.createdAt()),
                        e.actor() == null ? messages.get(locale, "audit.system") : e.actor(), e.label(), e.action(),
                        e.subject(), e.summary(), e.reason(), e.link() == null ? "" : baseUrl + e.link())
                        .map(io.ruche.platform.Csv::cell).toList())).append("\r\n");
            }
            written += page.size();
            if (page.size() < 1000) {
                break;
            }
            before = page.get(page.size() - 1).id();
        }
        return out.toString();
    }
}
