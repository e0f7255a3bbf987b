package io.ruche.search;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads posts as search documents: the post with its thread's title, category, tags and solved state. */
@Singleton
public class SearchDocuments {

    private static final String SELECT = "SELECT p.id, p.thread_id, p.position, p.body_html, p.created_at, "
            + "p.deleted_at, t.category_id, t.title, t.slug, t.accepted_post_id, m.username, m.display_name, p.hidden_at "
            + "FROM posts p JOIN threads t ON t.id = p.thread_id JOIN members m ON m.id = p.author_id ";

    private final Sql sql;

    public SearchDocuments(Sql sql) {
        this.sql = sql;
    }

    /** The ids of a member's posts, in batches of 500, to refresh their documents. */
    @Transactional(readOnly = true)
    public List<List<Long>> postIdsOfAuthor(long memberId) {
        List<Long> ids = sql.query("SELECT id FROM posts WHERE author_id = ? ORDER BY id", List.of(memberId),
                rs -> rs.getLong(1));
        List<List<Long>> batches = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += 500) {
            batches.add(ids.subList(i, Math.min(ids.size(), i + 500)));
        }
        return batches;
    }

    /** One post as indexed; {@code deleted} posts are removed from the index. */
    public record PostDocument(long postId, long threadId, int position, String body, Instant createdAt,
                               boolean deleted, long categoryId, String title, String slug, boolean solved,
                               String author, String authorName, List<String> tags) {

        public Map<String, Object> source() {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("post_id", postId);
            doc.put("thread_id", threadId);
            doc.put("position", position);
            doc.put("first_post", position == 1);
            doc.put("category_id", categoryId);
            doc.put("title", title);
            doc.put("slug", slug);
            doc.put("body", body);
            doc.put("tags", tags);
            doc.put("author", author.toLowerCase(java.util.Locale.ROOT));
            doc.put("author_username", author);
            doc.put("author_name", authorName);
            doc.put("created_at", createdAt.toString());
            doc.put("solved", solved);
            return doc;
        }
    }

    @Transactional(readOnly = true)
    public List<PostDocument> posts(Collection<Long> postIds) {
        if (postIds.isEmpty()) {
            return List.of();
        }
        return load(SELECT + "WHERE p.id IN (" + Sql.placeholders(postIds.size()) + ")", new ArrayList<>(postIds));
    }

    @Transactional(readOnly = true)
    public List<PostDocument> thread(long threadId) {
        return load(SELECT + "WHERE p.thread_id = ? ORDER BY p.position", List.of(threadId));
    }

    /** A batch of live posts after {@code afterId}, for a full reindex. */
    @Transactional(readOnly = true)
    public List<PostDocument> batchAfter(long afterId, int size) {
        return load(SELECT + "WHERE p.id > ? AND p.deleted_at IS NULL AND p.hidden_at IS NULL ORDER BY p.id LIMIT " + size, List.of(afterId));
    }

    /** The index a running reindex is building, if one is running (on any node). */
    @Transactional(readOnly = true)
    public java.util.Optional<String> reindexTarget() {
        return sql.query("SELECT target FROM search_reindex WHERE id = 1 AND state = 'RUNNING' AND target IS NOT NULL",
                List.of(), rs -> rs.getString(1)).stream().findFirst();
    }

    @Transactional(readOnly = true)
    public long countLive() {
        return sql.query("SELECT COUNT(*) FROM posts WHERE deleted_at IS NULL AND hidden_at IS NULL", List.of(), rs -> rs.getLong(1)).get(0);
    }

    private List<PostDocument> load(String query, List<?> params) {
        record Row(long postId, long threadId, int position, String body, Instant createdAt, boolean deleted,
                   long categoryId, String title, String slug, @Nullable Long accepted, String author, String name) {
        }
        List<Row> rows = sql.query(query, params, rs -> new Row(rs.getLong(1), rs.getLong(2), rs.getInt(3),
                io.ruche.content.MarkdownRenderer.textOf(rs.getString(4)), Sql.instant(rs, "created_at"), (rs.getTimestamp("deleted_at") != null || rs.getTimestamp("hidden_at") != null), rs.getLong(7),
                rs.getString(8), rs.getString(9), Sql.nullableLong(rs, "accepted_post_id"), rs.getString(11),
                rs.getString(12)));
        Map<Long, List<String>> tags = new HashMap<>();
        List<Long> threadIds = rows.stream().map(Row::threadId).distinct().toList();
        if (!threadIds.isEmpty()) {
            sql.query("SELECT tt.thread_id, g.name FROM thread_tags tt JOIN tags g ON g.id = tt.tag_id WHERE tt.thread_id IN ("
                    + Sql.placeholders(threadIds.size()) + ")", new ArrayList<>(threadIds), rs -> {
                        tags.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
                        return null;
                    });
        }
        return rows.stream().map(r -> new PostDocument(r.postId(), r.threadId(), r.position(), r.body(), r.createdAt(),
                r.deleted(), r.categoryId(), r.title(), r.slug(), r.accepted() != null, r.author(), r.name(),
                tags.getOrDefault(r.threadId(), List.of()))).toList();
    }
}
