package io.ruche.forum;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import io.ruche.platform.Problems;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Free tags, or the admin's list when tags are restricted. */
@Singleton
public class TagService {

    private final Sql sql;
    private final Clock clock;

    public TagService(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    /** Normalises the requested tags and checks them against the policy; returns the stored names. */
    public List<String> normalise(@Nullable List<String> requested) {
        if (requested == null || requested.isEmpty()) {
            return List.of();
        }
        Set<String> names = new LinkedHashSet<>();
        for (String raw : requested) {
            String tag = Slugs.tag(raw == null ? "" : raw);
            if (tag.isEmpty() || tag.length() > 30) {
                throw Problems.invalidField("tags", "validation.tags.invalid");
            }
            names.add(tag);
        }
        if (names.size() > 5) {
            throw Problems.invalidField("tags", "validation.tags.tooMany");
        }
        if (restricted()) {
            List<Object> params = new ArrayList<>(names);
            List<String> allowed = sql.query("SELECT name FROM tags WHERE allowed = TRUE AND name IN ("
                    + Sql.placeholders(names.size()) + ")", params, rs -> rs.getString(1));
            if (allowed.size() < names.size()) {
                throw Problems.invalidField("tags", "validation.tags.notAllowed");
            }
        }
        return List.copyOf(names);
    }

    /** Replaces the tags of a thread. */
    public void tagThread(long threadId, List<String> names) {
        sql.update("DELETE FROM thread_tags WHERE thread_id = ?", List.of(threadId));
        for (String name : names) {
            sql.update("INSERT IGNORE INTO tags (name, allowed, created_at) VALUES (?, TRUE, ?)",
                    List.of(name, clock.instant()));
            sql.update("INSERT IGNORE INTO thread_tags (thread_id, tag_id) SELECT ?, id FROM tags WHERE name = ?",
                    List.of(threadId, name));
        }
    }

    @Nullable
    public Long idOf(String name) {
        return sql.query("SELECT id FROM tags WHERE name = ?", List.of(Slugs.tag(name)), rs -> rs.getLong(1))
                .stream().findFirst().orElse(null);
    }

    public boolean restricted() {
        return sql.query("SELECT tags_restricted FROM forum_settings WHERE id = 1", List.of(),
                rs -> rs.getBoolean(1)).stream().findFirst().orElse(false);
    }

    /** Tags with the number of threads the viewer can see under each. */
    @Transactional(readOnly = true)
    public ForumViews.TagSettings list(CategoryAccess.Catalog catalog) {
        List<Long> visible = catalog.visibleIds();
        boolean restricted = restricted();
        List<Object> params = new ArrayList<>(Sql.inList(visible));
        params.add(restricted);
        List<ForumViews.TagView> tags = sql.query("SELECT g.name, g.allowed, COUNT(t.id) FROM tags g "
                + "LEFT JOIN thread_tags tt ON tt.tag_id = g.id LEFT JOIN threads t ON t.id = tt.thread_id "
                + "AND t.category_id IN (" + Sql.placeholders(visible.size()) + ") GROUP BY g.id, g.name, g.allowed "
                // A tag used only in categories this reader cannot see stays hidden, unless it is on the list.
                + "HAVING COUNT(t.id) > 0 OR (g.allowed AND ?) ORDER BY COUNT(t.id) DESC, g.name LIMIT 500", params,
                rs -> new ForumViews.TagView(rs.getString(1), rs.getInt(3), rs.getBoolean(2)));
        return new ForumViews.TagSettings(restricted, tags);
    }

    /** The admin restricts tags to a list (or frees them again). */
    @Transactional
    public void saveSettings(ForumRequests.SaveTagSettings request) {
        sql.update("UPDATE forum_settings SET tags_restricted = ? WHERE id = 1", List.of(request.restricted()));
        sql.update("UPDATE tags SET allowed = FALSE", List.of());
        for (String raw : request.allowed()) {
            String name = Slugs.tag(raw);
            if (!name.isEmpty()) {
                sql.update("INSERT INTO tags (name, allowed, created_at) VALUES (?, TRUE, ?) "
                        + "ON DUPLICATE KEY UPDATE allowed = TRUE", List.of(name, clock.instant()));
            }
        }
    }
}
