package io.ruche.forum;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.ruche.accounts.Viewer;
import io.ruche.platform.Problems;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Names for the composer's @mention list and the recipients of a message, by prefix of username or display name.
 * In a thread, those who wrote in it come first; deleted accounts never appear. Eight at most.
 */
@Singleton
public class MemberSuggestions {

    private static final int LIMIT = 8;

    private final Sql sql;
    private final CategoryAccess access;

    public MemberSuggestions(Sql sql, CategoryAccess access) {
        this.sql = sql;
        this.access = access;
    }

    @Serdeable
    public record Suggestion(String username, String displayName, String avatarUrl, boolean inThread) {
    }

    @Transactional(readOnly = true)
    public List<Suggestion> suggest(Viewer viewer, String query, @Nullable Long threadId) {
        viewer.requireMember();
        String prefix = query.strip().replace("\\", "").replace("%", "").replace("_", "\\_");
        if (prefix.isEmpty() || prefix.length() > 32) {
            return List.of();
        }
        Map<String, Suggestion> found = new LinkedHashMap<>();
        if (threadId != null) {
            long category = sql.query("SELECT category_id FROM threads WHERE id = ?", List.of(threadId),
                    rs -> rs.getLong(1)).stream().findFirst().orElseThrow(() -> Problems.notFound("thread"));
            access.catalog(viewer).requireForThread(category);
            sql.query("SELECT m.username, m.display_name FROM members m WHERE m.erased_at IS NULL AND m.id IN "
                            + "(SELECT DISTINCT author_id FROM posts WHERE thread_id = ?) AND (m.username LIKE ? "
                            + "OR m.display_name LIKE ?) ORDER BY m.username LIMIT ?",
                    List.of(threadId, prefix + "%", prefix + "%", LIMIT), rs -> found.put(rs.getString(1),
                            new Suggestion(rs.getString(1), rs.getString(2), avatar(rs.getString(1)), true)));
        }
        if (found.size() < LIMIT) {
            List<Object> params = new ArrayList<>(List.of(prefix + "%", prefix + "%", LIMIT));
            sql.query("SELECT username, display_name FROM members WHERE erased_at IS NULL AND (username LIKE ? "
                    + "OR display_name LIKE ?) ORDER BY last_seen_at IS NULL, last_seen_at DESC LIMIT ?", params,
                    rs -> found.putIfAbsent(rs.getString(1), new Suggestion(rs.getString(1), rs.getString(2),
                            avatar(rs.getString(1)), false)));
        }
        return found.values().stream().limit(LIMIT).toList();
    }

    private static String avatar(String username) {
        return io.ruche.accounts.AccountViews.avatarPath(username);
    }
}
