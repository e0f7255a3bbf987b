package io.ruche.forum;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface CategoryRepository extends CrudRepository<Category, Long> {

    @Query("SELECT * FROM categories ORDER BY position, name")
    List<Category> listOrdered();

    boolean existsBySlug(String slug);

    boolean existsByParentId(Long parentId);

    @Query("SELECT category_id, group_id, can_see, can_reply, can_start FROM category_group_rights")
    List<GroupRight> allGroupRights();

    @Query("DELETE FROM category_group_rights WHERE category_id = :categoryId")
    void clearGroupRights(long categoryId);

    @Query("INSERT INTO category_group_rights (category_id, group_id, can_see, can_reply, can_start) "
            + "VALUES (:categoryId, :groupId, :canSee, :canReply, :canStart)")
    void addGroupRight(long categoryId, long groupId, boolean canSee, boolean canReply, boolean canStart);

    /** Takes the category row's exclusive lock first, so counter updates later in the transaction cannot deadlock. */
    @Query("SELECT id FROM categories WHERE id = :id FOR UPDATE")
    Optional<Long> lockForUpdate(long id);

    @Query("UPDATE categories SET thread_count = thread_count + :threads, post_count = post_count + :posts, "
            + "last_thread_id = :lastThreadId, last_activity_at = :at WHERE id = :id")
    void recordActivity(long id, int threads, int posts, @Nullable Long lastThreadId, Instant at);

    @Query("UPDATE categories SET thread_count = thread_count + :threads, post_count = post_count + :posts "
            + "WHERE id = :id")
    void adjustCounts(long id, int threads, int posts);

    /** After a move, the newest thread of the category is looked up again. */
    @Query("UPDATE categories c SET last_thread_id = (SELECT t.id FROM threads t WHERE t.category_id = c.id "
            + "ORDER BY t.last_post_at DESC, t.id DESC LIMIT 1), last_activity_at = (SELECT MAX(t.last_post_at) "
            + "FROM threads t WHERE t.category_id = c.id) WHERE c.id = :id")
    void refreshLatest(long id);

    @Introspected
    record GroupRight(long categoryId, long groupId, boolean canSee, boolean canReply, boolean canStart) {
    }
}
