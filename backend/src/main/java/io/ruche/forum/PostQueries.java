package io.ruche.forum;

import io.ruche.accounts.Viewer;

import io.micronaut.core.annotation.Nullable;
import io.ruche.accounts.Role;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The posts of a thread page: one query for the page, one for reaction counts, one for the reader's own. */
@Singleton
public class PostQueries {

    public static final List<String> REACTION_KINDS = List.of("like", "heart", "laugh", "wow", "celebrate", "sad");

    private static final String COLUMNS = "SELECT p.id, p.thread_id, p.author_id, p.position, p.reply_to_id, "
            + "p.body_source, p.body_html, p.edit_count, p.created_at, p.edited_at, p.deleted_at, p.hidden_at, p.hidden_by, p.official, p.wiki, "
            + "m.username, m.display_name, m.role, rp.position AS rp_position, rm.username AS rp_username "
            + "FROM posts p JOIN members m ON m.id = p.author_id LEFT JOIN posts rp ON rp.id = p.reply_to_id "
            + "LEFT JOIN members rm ON rm.id = rp.author_id ";

    private final Sql sql;

    public PostQueries(Sql sql) {
        this.sql = sql;
    }

    record Row(long id, long threadId, long authorId, int position, @Nullable Long replyToId, String source,
               String html, int editCount, Instant createdAt, @Nullable Instant editedAt, @Nullable Instant deletedAt,
               ForumViews.MemberRef author, @Nullable ForumViews.ReplyToView replyTo, boolean hidden,
               boolean official, boolean wiki, @Nullable String hiddenBy) {
    }

    private static Row row(ResultSet rs) throws SQLException {
        Long replyTo = Sql.nullableLong(rs, "reply_to_id");
        String replyUser = rs.getString("rp_username");
        return new Row(rs.getLong("id"), rs.getLong("thread_id"), rs.getLong("author_id"), rs.getInt("position"),
                replyTo, rs.getString("body_source"), rs.getString("body_html"), rs.getInt("edit_count"),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "edited_at"), Sql.instant(rs, "deleted_at"),
                ForumViews.MemberRef.of(rs.getString("username"), rs.getString("display_name"),
                        Role.valueOf(rs.getString("role"))),
                replyTo == null || replyUser == null ? null
                        : new ForumViews.ReplyToView(replyTo, rs.getInt("rp_position"), replyUser),
                rs.getTimestamp("hidden_at") != null, rs.getBoolean("official"), rs.getBoolean("wiki"),
                rs.getTimestamp("hidden_at") == null ? null
                        : rs.getString("hidden_by") == null ? "FLAGS" : rs.getString("hidden_by"));
    }

    public List<Row> page(long threadId, int afterPosition, int limit) {
        return sql.query(COLUMNS + "WHERE p.thread_id = ? AND p.position > ? ORDER BY p.position LIMIT ?",
                List.of(threadId, afterPosition, limit), PostQueries::row);
    }

    public List<Row> byId(long postId) {
        return sql.query(COLUMNS + "WHERE p.id = ?", List.of(postId), PostQueries::row);
    }

    /** The views of {@code rows} for {@code viewer}, with reactions in two batched queries. */
    public List<ForumViews.PostView> views(Viewer viewer, List<Row> rows, @Nullable Long acceptedPostId,
                                           ThreadAccess.Rights thread) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<Long> ids = rows.stream().map(Row::id).toList();
        Map<Long, Map<String, Integer>> counts = new HashMap<>();
        sql.query("SELECT post_id, kind, total FROM reaction_counts WHERE total > 0 AND post_id IN ("
                + Sql.placeholders(ids.size()) + ")", Sql.inList(ids), rs -> {
                    counts.computeIfAbsent(rs.getLong(1), k -> new HashMap<>()).put(rs.getString(2), rs.getInt(3));
                    return null;
                });
        Set<String> mine = new HashSet<>();
        if (viewer.isMember()) {
            List<Object> params = new ArrayList<>();
            params.add(viewer.memberId());
            params.addAll(ids);
            sql.query("SELECT post_id, kind FROM reactions WHERE member_id = ? AND post_id IN ("
                    + Sql.placeholders(ids.size()) + ")", params, rs -> {
                        mine.add(rs.getLong(1) + ":" + rs.getString(2));
                        return null;
                    });
        }
        return rows.stream().map(r -> {
            boolean deleted = r.deletedAt() != null;
            PostAccess.Rights rights = PostAccess.of(viewer,
                    new PostAccess.Subject(r.authorId(), r.author().role(), deleted, r.hidden(), r.wiki()), thread);
            List<ForumViews.ReactionView> reactions = new ArrayList<>();
            Map<String, Integer> postCounts = counts.getOrDefault(r.id(), Map.of());
            for (String kind : REACTION_KINDS) {
                int count = postCounts.getOrDefault(kind, 0);
                boolean mineToo = mine.contains(r.id() + ":" + kind);
                if (count > 0 || mineToo) {
                    reactions.add(new ForumViews.ReactionView(kind, count, mineToo));
                }
            }
            boolean masked = !rights.readBody();
            return new ForumViews.PostView(r.id(), r.position(), r.author(), masked ? null : r.html(),
                    masked ? null : r.source(), r.replyTo(), r.createdAt(), r.editedAt(), r.editCount(), deleted,
                    reactions, rights.edit(), rights.delete(), rights.react(),
                    acceptedPostId != null && acceptedPostId == r.id(), r.hidden(), r.official(), rights.flag(), r.wiki(),
                    rights.wiki(), r.hiddenBy());
        }).toList();
    }
}
