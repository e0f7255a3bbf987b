package io.ruche.notifications;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.ruche.forum.ForumViews;
import io.ruche.platform.Sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** Response bodies of the notifications API. */
public final class NotificationViews {

    private NotificationViews() {
    }

    @Serdeable
    public record ThreadRef(long id, String title, String slug) {
    }

    /**
     * One notification. {@code url} is the page it leads to; {@code othersCount} is how many more people did the same
     * (grouped reactions: "Anna and 4 others").
     */
    @Serdeable
    public record Item(long id, NotificationKind kind, @Nullable ForumViews.MemberRef actor, int othersCount,
                       String detail, @Nullable ThreadRef thread, @Nullable Integer postPosition, String url,
                       Instant createdAt, Instant updatedAt, boolean read) {
    }

    @Serdeable
    public record Page(List<Item> items, @Nullable Long next, long unread) {
    }

    @Serdeable
    public record UnreadCount(long unread) {
    }

    static Item item(ResultSet rs) throws SQLException {
        String username = rs.getString(8);
        ForumViews.MemberRef actor = username == null ? null
                : ForumViews.MemberRef.of(username, rs.getString(9), null);
        long threadId = rs.getLong(10);
        ThreadRef thread = rs.wasNull() ? null : new ThreadRef(threadId, rs.getString(11), rs.getString(12));
        int position = rs.getInt(13);
        Integer postPosition = rs.wasNull() ? null : position;
        NotificationKind kind = NotificationKind.valueOf(rs.getString(2));
        String url = kind == NotificationKind.MESSAGE ? "/messages/" + rs.getString(3).split(":", 2)[0]
                : kind == NotificationKind.REVIEW_QUEUE ? "/admin/review"
                : kind == NotificationKind.BADGE ? "/badges/" + rs.getString(3) : thread == null ? "/notifications"
                : "/t/" + thread.id() + "/" + thread.slug() + (postPosition == null ? "" : "#post-" + postPosition);
        return new Item(rs.getLong(1), NotificationKind.valueOf(rs.getString(2)), actor,
                Math.max(0, rs.getInt(4) - 1), rs.getString(3), thread, postPosition, url,
                Sql.instant(rs, 5), Sql.instant(rs, 6), rs.getTimestamp(7) != null);
    }
}
