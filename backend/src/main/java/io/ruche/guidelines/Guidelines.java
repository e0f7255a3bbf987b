package io.ruche.guidelines;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.ruche.accounts.Viewer;
import io.ruche.content.ContentService;
import io.ruche.forum.StaffActionLog;
import io.ruche.platform.Problems;
import io.ruche.platform.Sql;
import io.ruche.platform.events.Outbox;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The community guidelines: one Markdown text per language, rendered and sanitized like posts, edited by admins
 * (audited); a member who reads them to the end is remembered once, and that is a domain event.
 */
@Singleton
public class Guidelines {

    public static final Set<String> LANGUAGES = Set.of("en", "fr");
    /** Long enough for real guidelines; a page, not a book. */
    public static final int MAX_LENGTH = 30_000;

    private final Sql sql;
    private final ContentService content;
    private final StaffActionLog audit;
    private final Outbox outbox;
    private final Clock clock;

    public Guidelines(Sql sql, ContentService content, StaffActionLog audit, Outbox outbox, Clock clock) {
        this.sql = sql;
        this.content = content;
        this.audit = audit;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Serdeable
    public record Text(String language, String source, String html, Instant updatedAt) {
    }

    /** Both texts, and whether the viewer (a member) has read them to the end. */
    @Serdeable
    public record Page(List<Text> texts, boolean read, @Nullable Instant readAt) {
    }

    @Transactional(readOnly = true)
    public Page page(Viewer viewer) {
        List<Text> texts = sql.query("SELECT language, body_source, body_html, updated_at FROM guidelines "
                + "ORDER BY language", List.of(), rs -> new Text(rs.getString(1), rs.getString(2), rs.getString(3),
                Sql.instant(rs, "updated_at")));
        Instant readAt = viewer.isMember() ? sql.query("SELECT read_at FROM guidelines_reads WHERE member_id = ?",
                List.of(viewer.memberId()), rs -> Sql.instant(rs, "read_at")).stream().findFirst().orElse(null) : null;
        return new Page(texts, readAt != null, readAt);
    }

    /** An admin replaces the text of one language. */
    @Transactional
    public Text save(Viewer admin, String language, String source) {
        admin.requireMember();
        if (!LANGUAGES.contains(language)) {
            throw Problems.notFound("language");
        }
        if (source == null || source.isBlank()) {
            throw Problems.invalidField("body", "validation.required");
        }
        if (source.length() > MAX_LENGTH) {
            throw Problems.invalidField("body", "validation.guidelinesLength");
        }
        String html = content.render(source.strip()).html();
        Instant now = clock.instant();
        sql.update("INSERT INTO guidelines (language, body_source, body_html, updated_at, updated_by) "
                        + "VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE body_source = VALUES(body_source), "
                        + "body_html = VALUES(body_html), updated_at = VALUES(updated_at), updated_by = VALUES(updated_by)",
                Arrays.asList(language, source.strip(), html, now, admin.memberId()));
        audit.record(admin.memberId(), "guidelines.edit", "guidelines", null, language, null);
        return new Text(language, source.strip(), html, now);
    }

    /** The member reached the end of the guidelines: remembered once (a unique row), announced once. */
    @Transactional
    public Instant markRead(Viewer viewer) {
        long memberId = viewer.requireMember();
        // As the column keeps it (microseconds), so the first answer and the later ones say the same instant.
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        if (sql.update("INSERT IGNORE INTO guidelines_reads (member_id, read_at) VALUES (?, ?)",
                List.of(memberId, now)) == 1) {
            outbox.publish(new GuidelinesEvents.GuidelinesRead(memberId));
            return now;
        }
        return sql.query("SELECT read_at FROM guidelines_reads WHERE member_id = ?", List.of(memberId),
                rs -> Sql.instant(rs, "read_at")).get(0);
    }
}
