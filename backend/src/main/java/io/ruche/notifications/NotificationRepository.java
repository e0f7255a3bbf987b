package io.ruche.notifications;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;

/**
 * The notifications feature's own tables: notifications, the one-delivery-per-event guard and the channel chosen
 * per kind. Lists shaped like a page (joined with threads and members) stay in {@link NotificationService}.
 */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface NotificationRepository extends CrudRepository<Notification, Long> {

    /**
     * Folds one more actor into the member's unread notification with this key (the same actor again counts once:
     * a like then a heart from one member); 0 when there is none.
     */
    @Query("UPDATE notifications SET actor_count = actor_count + IF(actor_id <=> :actorId, 0, 1), "
            + "actor_id = :actorId, updated_at = :now "
            + "WHERE member_id = :memberId AND group_key = :groupKey AND read_at IS NULL")
    int merge(long memberId, String groupKey, @Nullable Long actorId, Instant now);

    @Query("SELECT COUNT(*) FROM notifications WHERE member_id = :memberId AND read_at IS NULL")
    long countUnread(long memberId);

    boolean existsByIdAndMemberId(long id, long memberId);

    @Query("UPDATE notifications SET read_at = :now WHERE id = :id AND member_id = :memberId AND read_at IS NULL")
    int markRead(long id, long memberId, Instant now);

    @Query("UPDATE notifications SET read_at = :now WHERE member_id = :memberId AND read_at IS NULL")
    int markAllRead(long memberId, Instant now);

    @Query("UPDATE notifications SET read_at = :now WHERE member_id = :memberId AND thread_id = :threadId "
            + "AND read_at IS NULL")
    int markThreadRead(long memberId, long threadId, Instant now);

    @Query("UPDATE notifications SET emailed_at = :now WHERE id = :id")
    void markEmailed(long id, Instant now);

    /** 1 for the first delivery of an event to a member, 0 for a repeat. */
    @Query("INSERT IGNORE INTO notification_deliveries (member_id, event_key, created_at) "
            + "VALUES (:memberId, :eventKey, :now)")
    int recordDelivery(long memberId, String eventKey, Instant now);

    @Query("INSERT INTO notification_preferences (member_id, kind, channel) VALUES (:memberId, :kind, :channel) "
            + "ON DUPLICATE KEY UPDATE channel = VALUES(channel)")
    void setChannel(long memberId, String kind, String channel);
}
