package io.ruche.forum;

import io.ruche.accounts.Viewer;

import io.micronaut.core.annotation.Nullable;
import io.ruche.accounts.Role;
import io.ruche.platform.Problems;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The read side of threads, shaped for the pages that show them: one query per list plus batched look-ups for
 * tags and read state, whatever the page size. Lists are keyset-paged.
 */
@Singleton
public class ThreadQueries {

    static final String SUMMARY_COLUMNS = "SELECT t.id, t.category_id, t.title, t.slug, t.post_count, t.view_count, "
            + "t.reaction_count, t.participant_count, t.pinned, t.pinned_globally, t.locked, t.archived, "
            + "t.accepted_post_id, t.author_id, t.created_at, t.last_post_at, t.staff_note, t.slow_mode_seconds, "
            + "t.vote_count, t.idea_status, "
            + "a.username AS a_username, "
            + "a.display_name AS a_display, a.role AS a_role, lp.username AS lp_username, lp.display_name AS lp_display "
            + "FROM threads t JOIN members a ON a.id = t.author_id LEFT JOIN members lp ON lp.id = t.last_poster_id ";

    private final Sql sql;

    public ThreadQueries(Sql sql) {
        this.sql = sql;
    }

    /** How a list is ordered, and the cursor that continues it. */
    public enum Sort {
        LATEST, TOP, UNANSWERED, VOTES;

        public static Sort parse(@Nullable String value) {
            if (value == null || value.isBlank()) {
                return LATEST;
            }
            try {
                return valueOf(value.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw Problems.invalidField("sort", "validation.sort");
            }
        }
    }

    /** A row of a thread list before tags and read state are added. */
    record Row(long id, long categoryId, String title, String slug, int postCount, int viewCount, int reactionCount,
               int participantCount, boolean pinned, boolean pinnedGlobally, boolean locked, boolean archived,
               @Nullable Long acceptedPostId, long authorId, Instant createdAt, Instant lastPostAt,
               ForumViews.MemberRef author, @Nullable ForumViews.MemberRef lastPoster, @Nullable String staffNote,
               int slowModeSeconds, int voteCount, @Nullable String ideaStatus) {
    }

    static Row row(ResultSet rs) throws SQLException {
        String lp = rs.getString("lp_username");
        return new Row(rs.getLong("id"), rs.getLong("category_id"), rs.getString("title"), rs.getString("slug"),
                rs.getInt("post_count"), rs.getInt("view_count"), rs.getInt("reaction_count"),
                rs.getInt("participant_count"), rs.getBoolean("pinned"), rs.getBoolean("pinned_globally"),
                rs.getBoolean("locked"), rs.getBoolean("archived"), Sql.nullableLong(rs, "accepted_post_id"),
                rs.getLong("author_id"), Sql.instant(rs, "created_at"), Sql.instant(rs, "last_post_at"),
                ForumViews.MemberRef.of(rs.getString("a_username"), rs.getString("a_display"),
                        Role.valueOf(rs.getString("a_role"))),
                lp == null ? null : ForumViews.MemberRef.of(lp, rs.getString("lp_display"), null),
                rs.getString("staff_note"), rs.getInt("slow_mode_seconds"), rs.getInt("vote_count"),
                rs.getString("idea_status"));
    }

    public Optional<Row> thread(long id) {
        return sql.query(SUMMARY_COLUMNS + "WHERE t.id = ?", List.of(id), ThreadQueries::row).stream().findFirst();
    }

    /**
     * One page of threads from {@code categoryIds}. Pinned threads come first on the first page of the latest
     * order (pinned in the category, or pinned globally for the site-wide list).
     */
    public ForumViews.ThreadPage list(Viewer viewer, CategoryAccess.Catalog catalog, List<Long> categoryIds,
                                      @Nullable Long tagId, Sort sort, @Nullable String after, int limit,
                                      boolean siteWide) {
        int size = Math.max(1, Math.min(limit, 100));
        List<Object> params = new ArrayList<>(Sql.inList(categoryIds));
        StringBuilder where = new StringBuilder("WHERE t.category_id IN (" + Sql.placeholders(categoryIds.size()) + ")");
        if (tagId != null) {
            where.append(" AND t.id IN (SELECT thread_id FROM thread_tags WHERE tag_id = ?)");
            params.add(tagId);
        }
        List<Row> rows = new ArrayList<>();
        String pinColumn = siteWide ? "t.pinned_globally" : "t.pinned";
        if (sort == Sort.LATEST && after == null && tagId == null) {
            rows.addAll(sql.query(SUMMARY_COLUMNS + where + " AND " + pinColumn
                    + " = TRUE ORDER BY t.last_post_at DESC, t.id DESC LIMIT 20", params, ThreadQueries::row));
        }
        String order;
        switch (sort) {
            case TOP -> {
                order = " ORDER BY t.reaction_count DESC, t.id DESC";
                if (after != null) {
                    long[] cursor = Cursor.parse(after, 'T');
                    where.append(" AND (t.reaction_count < ? OR (t.reaction_count = ? AND t.id < ?))");
                    params.addAll(List.of(cursor[0], cursor[0], cursor[1]));
                }
            }
            case VOTES -> {
                order = " ORDER BY t.vote_count DESC, t.id DESC";
                if (after != null) {
                    long[] cursor = Cursor.parse(after, 'V');
                    where.append(" AND (t.vote_count < ? OR (t.vote_count = ? AND t.id < ?))");
                    params.addAll(List.of(cursor[0], cursor[0], cursor[1]));
                }
            }
            case UNANSWERED, LATEST -> {
                order = " ORDER BY t.last_post_at DESC, t.id DESC";
                if (sort == Sort.UNANSWERED) {
                    where.append(" AND t.post_count = 1");
                } else if (tagId == null) {
                    where.append(" AND ").append(pinColumn).append(" = FALSE");
                }
                if (after != null) {
                    long[] cursor = Cursor.parse(after, 'L');
                    Instant at = Cursor.instant(cursor[0]);
                    where.append(" AND (t.last_post_at < ? OR (t.last_post_at = ? AND t.id < ?))");
                    params.addAll(List.of(at, at, cursor[1]));
                }
            }
            default -> throw new IllegalStateException();
        }
        params.add(size + 1);
        List<Row> page = sql.query(SUMMARY_COLUMNS + where + order + " LIMIT ?", params, ThreadQueries::row);
        boolean more = page.size() > size;
        List<Row> shown = more ? page.subList(0, size) : page;
        rows.addAll(shown);
        String next = null;
        if (more) {
            Row last = shown.get(shown.size() - 1);
            next = sort == Sort.TOP ? Cursor.of('T', last.reactionCount(), last.id())
                    : sort == Sort.VOTES ? Cursor.of('V', last.voteCount(), last.id())
                    : Cursor.of('L', Cursor.micros(last.lastPostAt()), last.id());
        }
        return new ForumViews.ThreadPage(summaries(viewer, catalog, rows), next);
    }

    /** Adds tags and read state to rows: two batched queries for the whole list. */
    public List<ForumViews.ThreadSummary> summaries(Viewer viewer, CategoryAccess.Catalog catalog, List<Row> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<Long> ids = rows.stream().map(Row::id).toList();
        Map<Long, List<String>> tags = tagsOf(ids);
        Map<Long, Integer> reads = new HashMap<>();
        if (viewer.isMember()) {
            List<Object> params = new ArrayList<>();
            params.add(viewer.memberId());
            params.addAll(ids);
            sql.query("SELECT thread_id, last_position FROM thread_reads WHERE member_id = ? AND thread_id IN ("
                    + Sql.placeholders(ids.size()) + ")", params, rs -> {
                reads.put(rs.getLong(1), rs.getInt(2));
                return null;
            });
        }
        return rows.stream().map(r -> {
            Integer unread = null;
            boolean isNew = false;
            if (viewer.isMember()) {
                Integer read = reads.get(r.id());
                isNew = read == null;
                unread = read == null ? r.postCount() : Math.max(0, r.postCount() - read);
            }
            Category category = catalog.require(r.categoryId());
            boolean idea = category.kind() == CategoryKind.IDEAS;
            return new ForumViews.ThreadSummary(r.id(), r.title(), r.slug(),
                    ForumViews.CategoryRef.of(category), r.author(), r.lastPoster(),
                    r.postCount() - 1, r.viewCount(), r.reactionCount(), r.participantCount(),
                    tags.getOrDefault(r.id(), List.of()), r.pinned(), r.pinnedGlobally(), r.locked(), r.archived(),
                    r.acceptedPostId() != null, r.createdAt(), r.lastPostAt(), unread, isNew,
                    idea ? r.voteCount() : null, idea ? r.ideaStatus() : null);
        }).toList();
    }

    public Map<Long, List<String>> tagsOf(List<Long> threadIds) {
        Map<Long, List<String>> tags = new HashMap<>();
        sql.query("SELECT tt.thread_id, g.name FROM thread_tags tt JOIN tags g ON g.id = tt.tag_id "
                + "WHERE tt.thread_id IN (" + Sql.placeholders(threadIds.size()) + ") ORDER BY g.name",
                Sql.inList(threadIds), rs -> {
                    tags.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
                    return null;
                });
        return tags;
    }

    /** Keyset cursors: a letter for the order, then the sort value and the id. Opaque to clients. */
    static final class Cursor {
        private Cursor() {
        }

        static String of(char kind, long value, long id) {
            return kind + Long.toString(value, 36) + "_" + Long.toString(id, 36);
        }

        static long[] parse(String cursor, char kind) {
            try {
                if (cursor.charAt(0) != kind) {
                    throw new IllegalArgumentException();
                }
                String[] parts = cursor.substring(1).split("_");
                return new long[]{Long.parseLong(parts[0], 36), Long.parseLong(parts[1], 36)};
            } catch (RuntimeException e) {
                throw Problems.invalidField("after", "validation.cursor");
            }
        }

        static long micros(Instant instant) {
            return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
        }

        static Instant instant(long micros) {
            return Instant.ofEpochSecond(micros / 1_000_000L, (micros % 1_000_000L) * 1_000);
        }
    }
}
